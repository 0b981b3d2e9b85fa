package nl.kamerstroom.ingest.upload;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import nl.kamerstroom.ingest.intake.UploadText;

/**
 * {@code /api/admin/upload-keys}: the operator issues, lists and revokes upload keys, authenticated
 * by the operator key ({@code kamerstroom.admin.api-key}) in {@code X-Api-Key}. A key is shown once,
 * in the answer that issued it, and stored only as a hash; a revoked key is kept (its uploads still
 * name it) but no longer accepted.
 */
@Path("/api/admin/upload-keys")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class UploadKeyResource {

    private static final int MAX_NAME = 200;

    @Inject
    ApiKeys keys;

    public record NewKey(String name) {
    }

    /** {@code key} only in the answer that issued it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KeyView(String id, String name, Instant createdAt, Instant revokedAt, String key) {
        static KeyView of(UploadKey k, String key) {
            return new KeyView(k.id, k.name, k.createdAt, k.revokedAt, key);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response issue(@HeaderParam(ApiKeys.HEADER) String operatorKey, NewKey request) {
        keys.operator(operatorKey);
        if (request == null || request.name() == null || request.name().isBlank()) {
            return Problem.response(Response.Status.BAD_REQUEST, "send {\"name\": \"...\"}: who or what the key is for");
        }
        String name = request.name().trim();
        if (name.length() > MAX_NAME || UploadText.firstUnsafe(name) >= 0) {
            return Problem.response(Response.Status.BAD_REQUEST,
                    "name must be at most " + MAX_NAME + " characters without control characters or line breaks");
        }
        ApiKeys.Issued issued = keys.issue(name);
        return Response.status(Response.Status.CREATED).entity(KeyView.of(issued.key(), issued.secret())).build();
    }

    @GET
    @Transactional
    public List<KeyView> list(@HeaderParam(ApiKeys.HEADER) String operatorKey) {
        keys.operator(operatorKey);
        return UploadKey.<UploadKey>list("order by createdAt, id").stream().map(k -> KeyView.of(k, null)).toList();
    }

    @DELETE
    @Path("/{id}")
    @Transactional
    public Response revoke(@HeaderParam(ApiKeys.HEADER) String operatorKey, @PathParam("id") String id) {
        keys.operator(operatorKey);
        UploadKey key = UploadKey.findById(id);
        if (key == null) {
            return Problem.response(Response.Status.NOT_FOUND, "no upload key with that id");
        }
        if (key.revokedAt == null) {
            key.revokedAt = Instant.now();
        }
        return Response.noContent().build();
    }
}
