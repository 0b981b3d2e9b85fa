package nl.kamerstroom.store.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
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
import java.time.Instant;
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
    EntityManager em;

    @Inject
    OutboxRelay relay;

    public record SetAside(long id, String eventId, String type, String zaakNumber, int bytes, Instant createdAt,
            Instant setAsideAt, String reason) {
    }

    public record Listing(int count, List<SetAside> events) {
    }

    @GET
    @Blocking
    @Operation(summary = "Outbox events set aside by the relay, with the reason (newest 500)")
    @SuppressWarnings("unchecked")
    public Listing list(@Context HttpHeaders headers) {
        keys.operator(headers);
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT id, CAST(event_id AS text), type, zaak_number, octet_length(CAST(payload AS text)), created_at,"
                        + " set_aside_at, relay_error FROM outbox_event WHERE set_aside_at IS NOT NULL"
                        + " ORDER BY id DESC LIMIT 500").getResultList());
        List<SetAside> events = rows.stream().map(r -> new SetAside(((Number) r[0]).longValue(), (String) r[1],
                (String) r[2], (String) r[3], ((Number) r[4]).intValue(), instant(r[5]), instant(r[6]), (String) r[7]))
                .toList();
        return new Listing(events.size(), events);
    }

    @POST
    @Path("/{id}/retry")
    @Blocking
    @Operation(summary = "Send a set-aside event again (after the cause was fixed); 202, or 404 if not set aside")
    public Response retry(@Context HttpHeaders headers, @PathParam("id") long id) {
        keys.operator(headers);
        int updated = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "UPDATE outbox_event SET set_aside_at = NULL WHERE id = :id AND set_aside_at IS NOT NULL")
                .setParameter("id", id).executeUpdate());
        if (updated == 0) {
            throw new NotFoundException("no set-aside outbox event " + id);
        }
        relay.tick();
        return Response.accepted().build();
    }

    private static Instant instant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return o == null ? null : Instant.parse(o.toString());
    }
}
