package nl.kamerstroom.store.subscription;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import nl.kamerstroom.access.KeyRegistry;
import nl.kamerstroom.access.KeyView;
import nl.kamerstroom.store.search.Filter;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /api/admin/api-keys}: the operator issues and revokes API keys, authenticated by the
 * operator key from {@code kamerstroom.admin.api-key} (unset: these endpoints refuse everyone).
 * Keys live in the database rather than in config so that issuing one needs no redeploy, and the
 * key is shown once and stored only as a hash.
 */
@Path("/api/admin/api-keys")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    ApiKeys keys;

    public record NewKey(String name) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue an API key; the answer shows the key, once")
    public Response issue(@Context HttpHeaders headers, NewKey request) {
        keys.operator(headers);
        String name = request == null ? null : request.name();
        KeyRegistry.nameProblem(name).ifPresent(problem -> {
            throw Filter.BadParameter.field("name", problem);
        });
        return Response.status(Response.Status.CREATED).entity(KeyView.of(keys.issue(name.trim()))).build();
    }

    @GET
    @Operation(summary = "All API keys (never the keys themselves)")
    public List<KeyView> list(@Context HttpHeaders headers) {
        keys.operator(headers);
        return keys.all().stream().map(KeyView::of).toList();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke an API key; its subscriptions are paused, not deleted")
    public Response revoke(@Context HttpHeaders headers, @PathParam("id") String id) {
        keys.operator(headers);
        if (!keys.revoke(id)) {
            throw new WebApplicationException("no API key " + id, Response.Status.NOT_FOUND);
        }
        return Response.noContent().build();
    }
}
