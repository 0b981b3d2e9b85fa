package nl.kamerstroom.store.api;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import nl.kamerstroom.store.Failures;
import nl.kamerstroom.store.search.Filter;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error is a problem body; the stack trace goes to the log, never to the caller. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response badParameter(Filter.BadParameter e) {
        return Problem.response(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Problem.response(Response.Status.NOT_FOUND, "no such resource");
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        Response problem = Problem.response(status == null ? Response.Status.BAD_REQUEST : status, e.getMessage());
        // a 401 tells the client how to authenticate, a 503 when to come back
        String challenge = e.getResponse().getHeaderString(HttpHeaders.WWW_AUTHENTICATE);
        String retryAfter = e.getResponse().getHeaderString(HttpHeaders.RETRY_AFTER);
        if (challenge == null && retryAfter == null) {
            return problem;
        }
        Response.ResponseBuilder b = Response.fromResponse(problem);
        if (challenge != null) {
            b.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        if (retryAfter != null) {
            b.header(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return b.build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (Failures.isTransient(e)) {
            // the database is away or busy: the request itself was fine, try it again shortly
            LOG.warnf("answered 503, a dependency is unavailable: %s", Failures.describe(e));
            return Response.fromResponse(Problem.response(Response.Status.SERVICE_UNAVAILABLE,
                    "the service is temporarily unavailable; try again shortly"))
                    .header(HttpHeaders.RETRY_AFTER, "5").build();
        }
        LOG.error("unexpected failure", e);
        return Problem.response(Response.Status.INTERNAL_SERVER_ERROR, "an unexpected error occurred; it has been logged");
    }
}
