package nl.kamerstroom.store.subscription;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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

    @Inject
    Clock clock;

    public record NewKey(String name) {
    }

    /** {@code key} only in the answer that issued it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KeyView(String id, String name, Instant createdAt, Instant revokedAt, String key) {
        static KeyView of(ApiKey k, String key) {
            return new KeyView(k.id, k.name, k.createdAt, k.revokedAt, key);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue an API key; the answer shows the key, once")
    public Response issue(@Context HttpHeaders headers, NewKey request) {
        keys.operator(headers);
        if (request == null || request.name() == null || request.name().isBlank()) {
            throw Filter.BadParameter.field("name", "is required: who the key is for");
        }
        if (request.name().length() > 200) {
            throw Filter.BadParameter.field("name", "is longer than 200 characters");
        }
        ApiKeys.Issued issued = keys.issue(request.name().trim());
        return Response.status(Response.Status.CREATED).entity(KeyView.of(issued.key(), issued.secret())).build();
    }

    @GET
    @Transactional
    @Operation(summary = "All API keys (never the keys themselves)")
    public List<KeyView> list(@Context HttpHeaders headers) {
        keys.operator(headers);
        return ApiKey.<ApiKey>list("order by createdAt, id").stream().map(k -> KeyView.of(k, null)).toList();
    }

    @DELETE
    @Path("/{id}")
    @Transactional
    @Operation(summary = "Revoke an API key; its subscriptions are paused, not deleted")
    public Response revoke(@Context HttpHeaders headers, @PathParam("id") String id) {
        keys.operator(headers);
        ApiKey key = ApiKey.findById(id);
        if (key == null) {
            throw new WebApplicationException("no API key " + id, Response.Status.NOT_FOUND);
        }
        if (key.revokedAt == null) {
            key.revokedAt = clock.instant();
            Subscription.update("status = ?1, updatedAt = ?2 where apiKeyId = ?3", Subscription.Status.PAUSED,
                    key.revokedAt, key.id);
        }
        return Response.noContent().build();
    }
}
