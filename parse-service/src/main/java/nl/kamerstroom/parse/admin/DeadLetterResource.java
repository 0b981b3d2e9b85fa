package nl.kamerstroom.parse.admin;

import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * Operator endpoints for the parse stage's dead letters. {@code GET /api/admin/dlq?page=0&size=50}
 * lists them with their reasons, newest first; {@code POST /api/admin/dlq/replay} re-parses them
 * (the newest {@code limit}, or only those of {@code documentId}) once the cause is fixed. Both need
 * {@code X-Api-Key} equal to {@code kamerstroom.admin.api-key}; with no key configured they answer
 * 403 to everyone (as ingest's and the store's operator endpoints).
 */
@Path("/api/admin/dlq")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    private static final int MAX_PAGE_SIZE = 500;
    private static final int MAX_REPLAY = 1000;

    @Inject
    DeadLetters deadLetters;

    @Inject
    OperatorKey operatorKey;

    @GET
    @Blocking
    public Response list(@HeaderParam("X-Api-Key") String key, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        Response refused = refused(key);
        if (refused != null) {
            return refused;
        }
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            return problem(Response.Status.BAD_REQUEST, "page must be 0 or more and size 1 to " + MAX_PAGE_SIZE);
        }
        List<DeadLetters.DeadLetter> all = deadLetters.list();
        int from = (int) Math.min(all.size(), (long) page * size);
        return Response.ok(Map.of("total", all.size(), "page", page, "size", size,
                "deadLetters", all.subList(from, Math.min(all.size(), from + size)))).build();
    }

    @POST
    @Path("/replay")
    @Blocking
    public Response replay(@HeaderParam("X-Api-Key") String key, @QueryParam("documentId") String documentId,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        Response refused = refused(key);
        if (refused != null) {
            return refused;
        }
        if (limit < 1 || limit > MAX_REPLAY) {
            return problem(Response.Status.BAD_REQUEST, "limit must be 1 to " + MAX_REPLAY);
        }
        List<DeadLetters.Replayed> results = deadLetters.replay(documentId == null || documentId.isBlank() ? null
                : documentId, limit);
        long parsed = results.stream().filter(DeadLetters.Replayed::parsed).count();
        return Response.ok(Map.of("replayed", results.size(), "parsed", parsed,
                "deadLetteredAgain", results.size() - parsed, "results", results)).build();
    }

    private Response refused(String key) {
        return operatorKey.refused(key);
    }

    private static Response problem(Response.Status status, String detail) {
        return OperatorKey.problem(status, detail);
    }
}
