package nl.kamerstroom.store.dlq;

import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import nl.kamerstroom.store.subscription.ApiKeys;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /api/admin/dlq}: the letters the store dead-lettered, with the reasons, and their replay
 * once the cause is fixed. Operator key ({@code X-Api-Key}), as the other admin endpoints.
 */
@Path("/api/admin/dlq")
@Produces(MediaType.APPLICATION_JSON)
public class DlqResource {

    @Inject
    ApiKeys keys;

    @Inject
    DeadLetters deadLetters;

    public record Listing(int count, List<DeadLetters.Entry> deadLetters) {
    }

    @GET
    @Blocking
    @Operation(summary = "The store's dead letters (stage 'store' on letters.dlq), with the reason and whether stored since")
    public Listing list(@Context HttpHeaders headers) {
        keys.operator(headers);
        List<DeadLetters.Entry> entries = deadLetters.list();
        return new Listing(entries.size(), entries);
    }

    @POST
    @Path("/replay")
    @Blocking
    @Operation(summary = "Store every dead-lettered letter not stored since again, from its letters.parsed record")
    public DeadLetters.Replay replay(@Context HttpHeaders headers) {
        keys.operator(headers);
        return deadLetters.replay();
    }
}
