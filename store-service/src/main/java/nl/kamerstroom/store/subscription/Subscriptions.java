package nl.kamerstroom.store.subscription;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import nl.kamerstroom.store.search.Filter;
import nl.kamerstroom.store.subscription.webhook.TargetPolicy;
import nl.kamerstroom.store.subscription.webhook.WebhookSignature;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Making subscriptions: validation (the target's SSRF check included), the secret, the starting point. */
@ApplicationScoped
public class Subscriptions {

    @Inject
    Clock clock;

    @Inject
    TargetPolicy targets;

    @Inject
    UpdateLog log;

    @ConfigProperty(name = "kamerstroom.subscriptions.max-per-key", defaultValue = "100")
    int maxPerKey;

    /**
     * Validates {@code request} (400 naming the field), then stores a new active subscription for
     * {@code owner}. The answer carries the signing secret, the only time it is shown.
     */
    public SubscriptionView create(ApiKey owner, SubscriptionRequest request) {
        if (request == null) {
            throw Filter.BadParameter.field("body", "a JSON object with at least 'url' is required");
        }
        String channel = request.channel() == null || request.channel().isBlank() ? Subscription.WEBHOOK
                : request.channel().trim().toLowerCase(Locale.ROOT);
        if (!channel.equals(Subscription.WEBHOOK)) {
            throw Filter.BadParameter.field("channel", "'" + request.channel() + "' is not a channel; use 'webhook'");
        }
        if (request.description() != null && request.description().length() > 500) {
            throw Filter.BadParameter.field("description", "is longer than 500 characters");
        }
        UpdateFilter filter = filter(request.filter());
        String url = request.url() == null ? null : request.url().trim();
        try {
            targets.check(url); // resolves the host: outside the transaction
        } catch (TargetPolicy.Refused e) {
            throw Filter.BadParameter.field("url", e.getMessage());
        }
        long head = log.head();
        String secret = WebhookSignature.newSecret();
        Subscription s = QuarkusTransaction.requiringNew().call(() -> {
            if (Subscription.count("apiKeyId", owner.id) >= maxPerKey) {
                throw new WebApplicationException("this API key has " + maxPerKey
                        + " subscriptions, the most allowed; delete one first", Response.Status.CONFLICT);
            }
            Subscription n = new Subscription();
            n.id = UUID.randomUUID();
            n.apiKeyId = owner.id;
            n.description = request.description() == null || request.description().isBlank() ? null
                    : request.description().trim();
            n.zaak = filter.zaak();
            n.member = filter.member();
            n.party = filter.party();
            n.ministry = filter.ministry();
            n.keyword = filter.keyword();
            n.types = new ArrayList<>(filter.sortedTypes());
            n.channel = channel;
            n.url = url;
            n.secret = secret;
            n.startAfter = head;
            n.createdAt = clock.instant();
            n.updatedAt = n.createdAt;
            n.persist();
            return n;
        });
        return SubscriptionView.of(s).withSecret(secret);
    }

    /** Pauses or resumes; deliveries keep being collected while paused and go out on resume. */
    public SubscriptionView setStatus(Subscription s, Subscription.Status status) {
        if (s.status != status) {
            s.status = status;
            s.updatedAt = clock.instant();
        }
        return SubscriptionView.of(s);
    }

    private static UpdateFilter filter(SubscriptionRequest.FilterFields f) {
        if (f == null) {
            return UpdateFilter.of(null, null, null, null, null, List.of());
        }
        try {
            return UpdateFilter.of(f.zaak(), f.member(), f.party(), f.ministry(), f.keyword(), f.types());
        } catch (Filter.BadParameter e) {
            // the query parameter is "type", the body field "types"
            String field = "filter." + (e.parameter().equals("type") ? "types" : e.parameter());
            throw Filter.BadParameter.field(field, e.problem());
        }
    }
}
