package nl.kamerstroom.store.subscription;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import nl.kamerstroom.events.EventTypes;
import nl.kamerstroom.store.search.Filter;
import nl.kamerstroom.store.zaak.Zaak;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * "Tell me when this zaak is answered": {@code POST /api/zaken/{number}/follow} with a webhook URL
 * makes a subscription for that zaak's postponement, answer, further answer (and changed answer),
 * withdrawal, approaching deadline, lateness and late answer, and hands back its secret and the zaak's Atom feed for those who would rather poll.
 * The zaak need not be stored yet: following a zaak whose questions have not come in is allowed.
 */
@Path("/api/zaken/{number}/follow")
public class FollowResource {

    /** What someone following a zaak wants to hear: how it ends, not that it was asked. */
    static final List<String> FOLLOW_TYPES = List.of(EventTypes.ZAAK_POSTPONED, EventTypes.ANSWER_PUBLISHED,
            EventTypes.ANSWER_CHANGED, EventTypes.ZAAK_WITHDRAWN, EventTypes.ZAAK_DEADLINE_APPROACHING,
            EventTypes.ZAAK_OVERDUE, EventTypes.ZAAK_OVERDUE_ANSWERED);

    @Inject
    ApiKeys keys;

    @Inject
    Subscriptions subscriptions;

    public record FollowRequest(String url, String description) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Follow one zaak by webhook: postponement, answer, further answer, withdrawal, deadline approaching, overdue, answered late")
    public Response follow(@Context HttpHeaders headers, @Context UriInfo uri, @PathParam("number") String number,
            FollowRequest request) {
        ApiKey caller = keys.caller(headers);
        if (!number.matches(Zaak.NUMBER_PATTERN)) {
            throw new Filter.BadParameter("number", "'" + number + "' is not a zaak number like 2025Z17315");
        }
        SubscriptionView created = subscriptions.create(caller, new SubscriptionRequest(
                request == null ? null : request.url(), Subscription.WEBHOOK,
                request == null || request.description() == null ? "follow " + number : request.description(),
                new SubscriptionRequest.FilterFields(number, null, null, null, null, FOLLOW_TYPES)));
        String feed = uri.getBaseUriBuilder().path("feeds/zaken/{n}.atom").build(number).toString();
        return Response.created(uri.getBaseUriBuilder().path("api/subscriptions/{id}").build(created.id()))
                .entity(created.withFeedUrl(feed)).build();
    }
}
