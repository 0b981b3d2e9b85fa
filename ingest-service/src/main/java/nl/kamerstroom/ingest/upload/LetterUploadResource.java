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
import java.util.regex.Pattern;
import nl.kamerstroom.events.SourceMetadata;
import nl.kamerstroom.ingest.intake.LetterIntake;
import nl.kamerstroom.formats.FormatDetector;
import nl.kamerstroom.ingest.intake.UploadText;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /api/letters}: a letter that arrives any other way than from a feed. The body is
 * the document itself, its {@code Content-Type} says what it is; query parameters carry optional
 * source metadata. Needs an upload key in {@code X-Api-Key} ({@link ApiKeys}).
 */
@Path("/api/letters")
public class LetterUploadResource {

    /**
     * A sourceId is part of the document id ({@code upload-<key owner>-<sourceId>}), which the store
     * keeps in 200 characters and serves in URL paths: letters, digits and {@code . _ : @ + ~ -}.
     */
    static final int MAX_SOURCE_ID = 180;
    private static final Pattern SOURCE_ID = Pattern.compile("[\\p{L}\\p{N}._:@+~-]+");
    static final int MAX_FILE_NAME = 200;
    static final int MAX_SOORT = 200;
    static final int MAX_TITLE = 1000;
    private static final Pattern ZAAK_NUMBER = Pattern.compile("\\d{4}Z\\d{5}");

    @Inject
    LetterIntake intake;

    @Inject
    ApiKeys keys;

    @ConfigProperty(name = "kamerstroom.ingest.max-upload-size")
    io.quarkus.runtime.configuration.MemorySize maxUploadSize;

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(InputStream body,
            @HeaderParam(ApiKeys.HEADER) String apiKey,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @QueryParam("fileName") String fileName,
            @QueryParam("sourceId") String sourceId,
            @QueryParam("soort") String soort,
            @QueryParam("title") String title,
            @QueryParam("zaak") List<String> zaakNumbers) throws IOException {
        String uploader = keys.uploader(apiKey);
        if (!FormatDetector.isSupported(contentType)) {
            return Problem.response(Response.Status.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type " + (contentType == null ? "(none)" : "'" + contentType + "'")
                            + " is not supported; send one of " + FormatDetector.MEDIA_TYPES);
        }
        String badParameter = firstBadParameter(sourceId, fileName, soort, title);
        if (badParameter != null) {
            return Problem.response(Response.Status.BAD_REQUEST, badParameter);
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
            if (!ZAAK_NUMBER.matcher(zaak).matches()) {
                return Problem.response(Response.Status.BAD_REQUEST,
                        "zaak '" + zaak + "' is not a zaak number like 2025Z17315");
            }
        }
        SourceMetadata metadata = new SourceMetadata(soort, zaakNumbers, title, null, List.of(), List.of(), Map.of());
        LetterIntake.Accepted accepted = intake.accept(
                new LetterIntake.Incoming(content, contentType, "upload", sourceId, fileName, metadata, uploader));
        return Response.accepted(Map.of("documentId", accepted.documentId(), "duplicate", accepted.duplicate()))
                .build();
    }

    /** Why a query parameter is refused, or null; the reason names the rule, never echoes the value. */
    static String firstBadParameter(String sourceId, String fileName, String soort, String title) {
        if (sourceId != null && !sourceId.isEmpty()) {
            if (sourceId.length() > MAX_SOURCE_ID) {
                return "sourceId is longer than " + MAX_SOURCE_ID + " characters";
            }
            if (!SOURCE_ID.matcher(sourceId).matches()) {
                return "sourceId may contain only letters, digits and . _ : @ + ~ - (no spaces, slashes,"
                        + " control characters or line breaks)";
            }
        }
        if (fileName != null) {
            if (fileName.length() > MAX_FILE_NAME) {
                return "fileName is longer than " + MAX_FILE_NAME + " characters";
            }
            if (UploadText.firstUnsafe(fileName) >= 0 || fileName.indexOf('/') >= 0 || fileName.indexOf('\\') >= 0
                    || fileName.isBlank()) {
                return "fileName must be a file's name: no path separators, control characters or line breaks";
            }
        }
        String freeText = freeText("soort", soort, MAX_SOORT);
        return freeText != null ? freeText : freeText("title", title, MAX_TITLE);
    }

    private static String freeText(String name, String value, int max) {
        if (value == null) {
            return null;
        }
        if (value.length() > max) {
            return name + " is longer than " + max + " characters";
        }
        return UploadText.firstUnsafe(value) >= 0 ? name + " must not contain control characters or line breaks" : null;
    }
}
