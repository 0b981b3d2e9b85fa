package nl.kamerstroom.ingest.upload;

import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
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
import java.util.List;
import java.util.Optional;
import nl.kamerstroom.access.KeyRegistry;
import nl.kamerstroom.access.KeyView;

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

    @Inject
    ApiKeys keys;

    public record NewKey(String name) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response issue(@HeaderParam(ApiKeys.HEADER) String operatorKey, NewKey request) {
        keys.operator(operatorKey);
        String name = request == null ? null : request.name();
        Optional<String> problem = KeyRegistry.nameProblem(name);
        if (problem.isPresent()) {
            return Problem.response(Response.Status.BAD_REQUEST, "send {\"name\": \"...\"}: name " + problem.get());
        }
        return Response.status(Response.Status.CREATED).entity(KeyView.of(keys.issue(name.trim()))).build();
    }

    @GET
    public List<KeyView> list(@HeaderParam(ApiKeys.HEADER) String operatorKey) {
        keys.operator(operatorKey);
        return keys.all().stream().map(KeyView::of).toList();
    }

    @DELETE
    @Path("/{id}")
    public Response revoke(@HeaderParam(ApiKeys.HEADER) String operatorKey, @PathParam("id") String id) {
        keys.operator(operatorKey);
        if (!keys.revoke(id)) {
            return Problem.response(Response.Status.NOT_FOUND, "no upload key with that id");
        }
        return Response.noContent().build();
    }
}
