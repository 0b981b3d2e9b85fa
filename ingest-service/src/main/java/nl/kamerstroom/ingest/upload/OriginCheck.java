package nl.kamerstroom.ingest.upload;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A browser on another site must not be able to post to ingest with a key it found (or, in a
 * misconfigured network, without one). Browsers send {@code Origin} on every cross-site POST; a
 * request that names an origin not in {@code kamerstroom.upload.allowed-origins} (default: none) is
 * refused with 403 before anything is read. Requests without {@code Origin} (curl, scripts, other
 * services) are not affected. CORS is off ({@code quarkus.http.cors.enabled=false}), so no browser is
 * ever told it may read an answer either.
 */
public class OriginCheck {

    private static final Set<String> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @ConfigProperty(name = "kamerstroom.upload.allowed-origins")
    Optional<List<String>> allowedOrigins;

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> check(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (origin == null || SAFE_METHODS.contains(request.getMethod())) {
            return Optional.empty();
        }
        if (allowedOrigins.orElse(List.of()).stream().anyMatch(allowed -> allowed.trim().equalsIgnoreCase(origin.trim()))) {
            return Optional.empty();
        }
        return Optional.of(Problem.response(Response.Status.FORBIDDEN,
                "requests from a web page on another site are refused (Origin not in kamerstroom.upload.allowed-origins)"));
    }
}
