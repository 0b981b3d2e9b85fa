package nl.kamerstroom.ingest.upload;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import nl.kamerstroom.ingest.intake.DependencyUnavailableException;
import nl.kamerstroom.ingest.intake.Failures;
import nl.kamerstroom.ingest.intake.LetterRefusedException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Failures become problem bodies; the cause goes to the log, not to the caller. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ConfigProperty(name = "kamerstroom.ingest.retry-after", defaultValue = "10s")
    Duration retryAfter;

    /** Kafka or the database is down: nothing is half-recorded, the same request later succeeds once. */
    @ServerExceptionMapper
    public Response unavailable(DependencyUnavailableException e) {
        LOG.warn(e.getMessage());
        return unavailableResponse();
    }

    /** A database failure outside the intake (listing keys): an outage is 503, anything else a 500 without details. */
    @ServerExceptionMapper
    public Response persistence(PersistenceException e) {
        if (Failures.isDatabaseOutage(e)) {
            LOG.warnf("the ingest database is unavailable: %s", e.getMessage());
            return unavailableResponse();
        }
        LOG.error("database failure", e);
        return Problem.response(Response.Status.INTERNAL_SERVER_ERROR, "an internal error; it is logged");
    }

    @ServerExceptionMapper
    public Response refusedLetter(LetterRefusedException e) {
        LOG.warn(e.getMessage());
        return Problem.response(Response.Status.REQUEST_ENTITY_TOO_LARGE, e.getMessage());
    }

    @ServerExceptionMapper
    public Response keyRefused(KeyRefusedException e) {
        Response.ResponseBuilder problem = Response.fromResponse(Problem.response(e.status(), e.getMessage()));
        if (e.status() == Response.Status.UNAUTHORIZED) {
            problem.header(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + ApiKeys.HEADER + "\"");
        }
        return problem.build();
    }

    private Response unavailableResponse() {
        return Response.fromResponse(Problem.response(Response.Status.SERVICE_UNAVAILABLE,
                        "a service ingest depends on (Kafka or its database) is unavailable; nothing was recorded"
                                + " half-way: send the same request again after Retry-After seconds"))
                .header(HttpHeaders.RETRY_AFTER, Math.max(1, retryAfter.toSeconds()))
                .build();
    }
}
