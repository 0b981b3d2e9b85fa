package nl.kamerstroom.store.subscription;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import nl.kamerstroom.store.subscription.webhook.Deliveries;
import nl.kamerstroom.store.subscription.webhook.WebhookDispatcher;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * {@code /api/subscriptions}: a caller's webhook subscriptions, authenticated by API key
 * ({@code X-Api-Key} or {@code Authorization: Bearer}). A caller only ever sees its own: someone
 * else's subscription answers 404, exactly like one that does not exist.
 */
@Path("/api/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionResource {

    @Inject
    ApiKeys keys;

    @Inject
    Subscriptions subscriptions;

    @Inject
    Deliveries deliveries;

    @Inject
    WebhookDispatcher dispatcher;

    public record Listing(List<SubscriptionView> subscriptions) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe a webhook to zaak updates matching a filter; the answer shows the signing secret, once")
    public Response create(@Context HttpHeaders headers, @Context UriInfo uri, SubscriptionRequest request) {
        ApiKey caller = keys.caller(headers);
        SubscriptionView created = subscriptions.create(caller, request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build()).entity(created).build();
    }

    @GET
    @Transactional
    @Operation(summary = "The caller's subscriptions, oldest first")
    public Listing list(@Context HttpHeaders headers) {
        ApiKey caller = keys.caller(headers);
        return new Listing(Subscription.ownedBy(caller.id).stream().map(SubscriptionView::of).toList());
    }

    @GET
    @Path("/{id}")
    @Transactional
    @Operation(summary = "One subscription with its delivery counts")
    public SubscriptionView get(@Context HttpHeaders headers, @PathParam("id") String id) {
        Subscription s = owned(headers, id);
        return SubscriptionView.of(s).withStats(deliveries.stats(s.id));
    }

    @POST
    @Path("/{id}/pause")
    @Transactional
    @Operation(summary = "Stop sending; matching events are kept and sent on resume")
    public SubscriptionView pause(@Context HttpHeaders headers, @PathParam("id") String id) {
        return subscriptions.setStatus(owned(headers, id), Subscription.Status.PAUSED);
    }

    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Send again, starting with what was kept while paused")
    public SubscriptionView resume(@Context HttpHeaders headers, @PathParam("id") String id) {
        SubscriptionView view = QuarkusTransaction.requiringNew().call(() ->
                subscriptions.setStatus(owned(headers, id), Subscription.Status.ACTIVE));
        dispatcher.wake();
        return view;
    }

    @DELETE
    @Path("/{id}")
    @Transactional
    @Operation(summary = "Delete the subscription and its deliveries")
    public Response delete(@Context HttpHeaders headers, @PathParam("id") String id) {
        owned(headers, id).delete();
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/deliveries")
    @Transactional
    @Operation(summary = "The subscription's deliveries, newest first")
    public Deliveries.Page deliveries(@Context HttpHeaders headers, @PathParam("id") String id,
            @Parameter(description = "pending, failed (pending after a failed attempt), delivered or parked")
            @QueryParam("status") String status,
            @QueryParam("page") Integer page, @Parameter(description = "1 to 100, default 20") @QueryParam("size") Integer size) {
        return deliveries.list(owned(headers, id).id, status, page, size);
    }

    @GET
    @Path("/{id}/deliveries/{deliveryId}")
    @Transactional
    @Operation(summary = "One delivery: status, attempts, last error")
    public Deliveries.View delivery(@Context HttpHeaders headers, @PathParam("id") String id,
            @PathParam("deliveryId") long deliveryId) {
        return deliveries.find(owned(headers, id).id, deliveryId)
                .orElseThrow(() -> notFound("no delivery " + deliveryId + " for this subscription"));
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/retry")
    @Operation(summary = "Redeliver a parked (or delivered) event, with a fresh retry window")
    public Response retry(@Context HttpHeaders headers, @PathParam("id") String id,
            @PathParam("deliveryId") long deliveryId) {
        Subscription s = QuarkusTransaction.requiringNew().call(() -> owned(headers, id));
        return switch (deliveries.redeliver(s.id, deliveryId)) {
            case NOT_FOUND -> throw notFound("no delivery " + deliveryId + " for this subscription");
            case ALREADY_PENDING -> throw new WebApplicationException(
                    "delivery " + deliveryId + " is pending already; it is sent when due", Response.Status.CONFLICT);
            case QUEUED -> Response.accepted(QuarkusTransaction.requiringNew()
                    .call(() -> deliveries.find(s.id, deliveryId).orElse(null))).build();
        };
    }

    private Subscription owned(HttpHeaders headers, String id) {
        ApiKey caller = keys.caller(headers);
        return Subscription.findOwned(id, caller.id).orElseThrow(() -> notFound("no subscription " + id));
    }

    private static WebApplicationException notFound(String detail) {
        return new WebApplicationException(detail, Response.Status.NOT_FOUND);
    }
}
