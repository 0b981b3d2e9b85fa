package nl.kamerstroom.ingest.backfill;

import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import nl.kamerstroom.ingest.upload.ApiKeys;
import nl.kamerstroom.ingest.upload.Problem;

/**
 * {@code POST /api/backfill {"source":"koop","from":"2024-01-01"}} starts a historical import;
 * {@code GET /api/backfill} shows every import's progress. Both need {@code X-Api-Key} equal to
 * {@code kamerstroom.admin.api-key}; with no key configured they answer 403 to everyone.
 */
@Path("/api/backfill")
@Produces(MediaType.APPLICATION_JSON)
public class BackfillResource {

    @Inject
    Backfills backfills;

    @Inject
    ApiKeys keys;

    public record Request(String source, String from) {
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(@HeaderParam("X-Api-Key") String key, Request request) {
        keys.operator(key);
        if (request == null || request.source() == null || request.from() == null) {
            return Problem.response(Response.Status.BAD_REQUEST, "send {\"source\": \"koop\", \"from\": \"2024-01-01\"}");
        }
        if (!Backfills.supports(request.source())) {
            return Problem.response(Response.Status.BAD_REQUEST, "no backfill for source '" + request.source()
                    + "'; supported: " + String.join(", ", Backfills.SOURCES));
        }
        LocalDate from;
        try {
            from = LocalDate.parse(request.from());
        } catch (DateTimeParseException e) {
            return Problem.response(Response.Status.BAD_REQUEST, "from '" + request.from() + "' is not a date like 2024-01-01");
        }
        BackfillJob job = backfills.start(request.source(), from);
        return Response.accepted(job.view()).build();
    }

    @GET
    public Response progress(@HeaderParam("X-Api-Key") String key) {
        keys.operator(key);
        return Response.ok(Map.of("backfills", backfills.all())).build();
    }
}
