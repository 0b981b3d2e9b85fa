package nl.kamerstroom.parse.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import nl.kamerstroom.parse.read.LetterReader;
import nl.kamerstroom.parse.read.ReadException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /api/parse}: parse a letter and answer what would go on {@code letters.parsed},
 * storing nothing. The debugging tool for users who wonder why a letter came out as it did.
 */
@Path("/api/parse")
public class ParseResource {

    private final LetterReader reader = new LetterReader();

    @ConfigProperty(name = "kamerstroom.parse.max-size")
    MemorySize maxSize;

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response parse(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType)
            throws IOException {
        long limit = maxSize.asLongValue();
        byte[] content = body == null ? new byte[0] : body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (content.length > limit) {
            return problem(Response.Status.REQUEST_ENTITY_TOO_LARGE, "the letter is larger than the limit of " + limit + " bytes");
        }
        if (content.length == 0) {
            return problem(Response.Status.BAD_REQUEST, "the request body is empty; send the letter's bytes");
        }
        try {
            return Response.ok(reader.read(content, contentType)).build();
        } catch (ReadException e) {
            return e.unsupported()
                    ? problem(Response.Status.UNSUPPORTED_MEDIA_TYPE, e.getMessage())
                    : problem(422, "Unprocessable Content", e.getMessage());
        }
    }

    private static Response problem(Response.Status status, String detail) {
        return problem(status.getStatusCode(), status.getReasonPhrase(), detail);
    }

    private static Response problem(int status, String title, String detail) {
        return Response.status(status).type("application/problem+json")
                .entity(Map.of("type", "about:blank", "title", title, "status", status, "detail", detail)).build();
    }
}
