package nl.kamerstroom.store.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import nl.kamerstroom.store.subscription.ApiKeys;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /api/admin/outbox/set-aside}: the outbox events the relay could not send (Kafka refused
 * them for what they are, e.g. too large), with the reason; an operator retries one after fixing
 * the cause (raising the limit, say). Operator key, as the other admin endpoints.
 */
@Path("/api/admin/outbox/set-aside")
@Produces(MediaType.APPLICATION_JSON)
public class OutboxAdminResource {

    @Inject
    ApiKeys keys;

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    public record Listing(int count, List<Outbox.SetAside> events) {
    }

    @GET
    @Blocking
    @Operation(summary = "Outbox events set aside by the relay, with the reason (newest 500)")
    public Listing list(@Context HttpHeaders headers) {
        keys.operator(headers);
        List<Outbox.SetAside> events = outbox.setAside(500);
        return new Listing(events.size(), events);
    }

    @POST
    @Path("/{id}/retry")
    @Blocking
    @Operation(summary = "Send a set-aside event again (after the cause was fixed); 202, or 404 if not set aside")
    public Response retry(@Context HttpHeaders headers, @PathParam("id") long id) {
        keys.operator(headers);
        if (!QuarkusTransaction.requiringNew().call(() -> outbox.retry(id))) {
            throw new NotFoundException("no set-aside outbox event " + id);
        }
        relay.tick();
        return Response.accepted().build();
    }
}
