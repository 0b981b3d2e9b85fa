package nl.kamerstroom.ingest.upload;

import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import nl.kamerstroom.events.SourceMetadata;
import nl.kamerstroom.ingest.intake.LetterIntake;
import nl.kamerstroom.formats.FormatDetector;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /api/letters}: a letter that arrives any other way than from a feed. The body is
 * the document itself, its {@code Content-Type} says what it is; query parameters carry optional
 * source metadata.
 */
@Path("/api/letters")
public class LetterUploadResource {

    @Inject
    LetterIntake intake;

    @ConfigProperty(name = "kamerstroom.ingest.max-upload-size")
    io.quarkus.runtime.configuration.MemorySize maxUploadSize;

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @QueryParam("fileName") String fileName,
            @QueryParam("sourceId") String sourceId,
            @QueryParam("soort") String soort,
            @QueryParam("title") String title,
            @QueryParam("zaak") List<String> zaakNumbers) throws IOException {
        if (!FormatDetector.isSupported(contentType)) {
            return Problem.response(Response.Status.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type " + (contentType == null ? "(none)" : "'" + contentType + "'")
                            + " is not supported; send one of " + FormatDetector.MEDIA_TYPES);
        }
        long limit = maxUploadSize.asLongValue();
        byte[] content = body == null ? new byte[0] : body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (content.length > limit) {
            return Problem.response(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    "the letter is larger than the limit of " + limit + " bytes");
        }
        if (content.length == 0) {
            return Problem.response(Response.Status.BAD_REQUEST, "the request body is empty; send the letter's bytes");
        }
        for (String zaak : zaakNumbers) {
            if (!zaak.matches("\\d{4}Z\\d{5}")) {
                return Problem.response(Response.Status.BAD_REQUEST,
                        "zaak '" + zaak + "' is not a zaak number like 2025Z17315");
            }
        }
        SourceMetadata metadata = new SourceMetadata(soort, zaakNumbers, title, null, List.of(), List.of(), Map.of());
        LetterIntake.Accepted accepted = intake.accept(
                new LetterIntake.Incoming(content, contentType, "upload", sourceId, fileName, metadata));
        return Response.accepted(Map.of("documentId", accepted.documentId(), "duplicate", accepted.duplicate()))
                .build();
    }
}
