package nl.kamerstroom.store.subscription;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The body of {@code POST /api/subscriptions}: where to deliver, and what to hear about.
 *
 * @param url         the receiver, {@code https://…}
 * @param channel     {@code webhook} (the default and, for now, the only one)
 * @param description free text for the owner, up to 500 characters
 * @param filter      what to hear about; absent or empty means every update
 */
public record SubscriptionRequest(String url, String channel, String description, FilterFields filter) {

    /** The filter as the API spells it; every field optional, all given ones must match. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FilterFields(String zaak, String member, String party, String ministry, String keyword,
            List<String> types) {

        static FilterFields of(UpdateFilter f) {
            return new FilterFields(f.zaak(), f.member(), f.party(), f.ministry(), f.keyword(), f.sortedTypes());
        }
    }
}
