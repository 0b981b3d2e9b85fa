package nl.kamerstroom.parse.reparse;

import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.kamerstroom.parse.admin.OperatorKey;

/**
 * {@code POST /api/admin/reparse} re-parses every record on letters.fetched up to its end now with
 * the current parser into letters.reparsed (202; 200 with the running job if one runs already);
 * {@code GET} shows the job and its progress; {@code DELETE} cancels it. The operator key in
 * {@code X-Api-Key}, as {@code /api/admin/dlq}. Answers {@link ReparseJobs.Status} as JSON.
 */
@Path("/api/admin/reparse")
@Produces(MediaType.APPLICATION_JSON)
public class ReparseResource {

    @Inject
    ReparseJobs jobs;

    @Inject
    OperatorKey operatorKey;

    /** One of the calls, which may find the service still starting. */
    @FunctionalInterface
    private interface Call {
        Response answer() throws ReparseJobs.NotReady;
    }

    @POST
    @Blocking
    public Response start(@HeaderParam("X-Api-Key") String key) {
        return withKey(key, () -> {
            ReparseJobs.Started started = jobs.start();
            return Response.status(started.created() ? Response.Status.ACCEPTED : Response.Status.OK)
                    .entity(started.status()).build();
        });
    }

    @GET
    @Blocking
    public Response status(@HeaderParam("X-Api-Key") String key) {
        return withKey(key, () -> Response.ok(jobs.status()).build());
    }

    @DELETE
    @Blocking
    public Response cancel(@HeaderParam("X-Api-Key") String key) {
        return withKey(key, () -> {
            ReparseJobs.Status cancelled = jobs.cancel();
            return cancelled == null ? OperatorKey.problem(Response.Status.CONFLICT, "no re-parse is running")
                    : Response.ok(cancelled).build();
        });
    }

    private Response withKey(String key, Call call) {
        Response refused = operatorKey.refused(key);
        if (refused != null) {
            return refused;
        }
        try {
            return call.answer();
        } catch (ReparseJobs.NotReady e) {
            Response problem = OperatorKey.problem(Response.Status.SERVICE_UNAVAILABLE, e.getMessage() + "; try again");
            return Response.fromResponse(problem).header("Retry-After", "2").build();
        }
    }
}
