package nl.kamerstroom.store.subscription;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import nl.kamerstroom.store.subscription.webhook.Deliveries;

/**
 * A subscription as its owner sees it. {@code secret} is only present in the answer that created
 * it; {@code stats} only when one subscription is asked for; {@code feedUrl} only when following a zaak.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionView(UUID id, String status, String description, String channel, String url,
        SubscriptionRequest.FilterFields filter, Instant createdAt, Instant updatedAt, String secret, String feedUrl,
        Deliveries.Stats stats) {

    static SubscriptionView of(Subscription s) {
        return new SubscriptionView(s.id, s.status.name().toLowerCase(Locale.ROOT), s.description, s.channel, s.url,
                SubscriptionRequest.FilterFields.of(s.filter()), s.createdAt, s.updatedAt, null, null, null);
    }

    SubscriptionView withSecret(String secret) {
        return new SubscriptionView(id, status, description, channel, url, filter, createdAt, updatedAt, secret, feedUrl,
                stats);
    }

    SubscriptionView withFeedUrl(String feedUrl) {
        return new SubscriptionView(id, status, description, channel, url, filter, createdAt, updatedAt, secret, feedUrl,
                stats);
    }

    SubscriptionView withStats(Deliveries.Stats stats) {
        return new SubscriptionView(id, status, description, channel, url, filter, createdAt, updatedAt, secret, feedUrl,
                stats);
    }
}
