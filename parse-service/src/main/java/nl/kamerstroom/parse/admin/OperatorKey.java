package nl.kamerstroom.parse.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The check every operator endpoint of the service makes: {@code X-Api-Key} must equal
 * {@code kamerstroom.admin.api-key}; with no key configured they answer 403 to everyone (as
 * ingest's and the store's operator endpoints).
 */
@ApplicationScoped
public class OperatorKey {

    @ConfigProperty(name = "kamerstroom.admin.api-key")
    Optional<String> apiKey;

    /** The answer that refuses {@code key}, or {@code null} when it is the operator's. */
    public Response refused(String key) {
        if (apiKey.isEmpty() || apiKey.get().isBlank()) {
            return problem(Response.Status.FORBIDDEN, "the operator endpoints are disabled: no kamerstroom.admin.api-key is configured");
        }
        if (key == null || !MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8),
                apiKey.get().getBytes(StandardCharsets.UTF_8))) {
            return problem(Response.Status.UNAUTHORIZED, "send the operator key in X-Api-Key");
        }
        return null;
    }

    /** An RFC 9457 problem answer. */
    public static Response problem(Response.Status status, String detail) {
        return Response.status(status).type("application/problem+json").entity(Map.of("type", "about:blank",
                "title", status.getReasonPhrase(), "status", status.getStatusCode(), "detail", detail)).build();
    }
}
