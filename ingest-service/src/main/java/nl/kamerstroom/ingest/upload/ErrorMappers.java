package nl.kamerstroom.ingest.upload;

import jakarta.ws.rs.core.Response;
import nl.kamerstroom.ingest.intake.LetterIntake;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Failures become problem bodies; the cause goes to the log, not to the caller. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response publishFailed(LetterIntake.PublishFailedException e) {
        LOG.warn(e.getMessage(), e);
        return Problem.response(Response.Status.SERVICE_UNAVAILABLE,
                "the letter was recorded but could not be published yet; retry the upload later");
    }
}
