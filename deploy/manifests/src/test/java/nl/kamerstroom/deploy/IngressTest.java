package nl.kamerstroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Ingress routes the public paths and nothing else, judged with Kubernetes' own path-matching
 * rules (longest match first, Exact before Prefix on a tie, Prefix matching whole path elements).
 */
class IngressTest {

    /** {@code @Path("/api/admin/api-keys")}: class and method paths in JAX-RS resources. */
    private static final Pattern JAXRS_PATH = Pattern.compile("@Path\\(\"([^\"]*)\"\\)");
    /** Operator-only resources, the JSON ones and the store's operator page: never routed from outside. */
    private static final Pattern OPERATOR_ONLY = Pattern.compile("^(/api/(admin|backfill)|/beheer)(/.*)?$");

    private record Route(String path, String type, String service) {
        /** Kubernetes: a Prefix matches element-wise, a trailing slash is ignored. */
        boolean matches(String request) {
            if (type.equals("Exact")) {
                return request.equals(path);
            }
            String prefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            return prefix.isEmpty() || request.equals(prefix) || request.startsWith(prefix + "/");
        }

        int length() {
            return type.equals("Prefix") && path.endsWith("/") ? path.length() - 1 : path.length();
        }
    }

    private final List<JsonNode> k8s = Manifests.objectsUnder(Manifests.k8s().resolve("base"));

    private List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (JsonNode ingress : Manifests.ofKind(k8s, "Ingress")) {
            for (JsonNode rule : ingress.at("/spec/rules")) {
                for (JsonNode path : rule.at("/http/paths")) {
                    routes.add(new Route(path.path("path").asText(), path.path("pathType").asText(),
                            path.at("/backend/service/name").asText()));
                }
            }
            assertThat(ingress.at("/spec/defaultBackend").isMissingNode()).as("no default backend").isTrue();
        }
        return routes;
    }

    private Optional<String> route(String request) {
        return routes().stream().filter(r -> r.matches(request))
                .max(Comparator.comparingInt(Route::length).thenComparing(r -> r.type().equals("Exact")))
                .map(Route::service);
    }

    @ParameterizedTest
    @CsvSource({
        "/api/letters, ingest-service",
        "/api/parse, parse-service",
        "/, store-service",
        "/api/zaken, store-service",
        "/api/zaken/2025Z17315, store-service",
        "/api/zaken/2025Z17315/follow, store-service",
        "/api/questions, store-service",
        "/api/letters/upload-0123abcd, store-service",
        "/api/stats/open, store-service",
        "/api/export, store-service",
        "/api/stream, store-service",
        "/api/subscriptions/42/deliveries, store-service",
        "/feeds/answers.atom, store-service",
        "/feeds/zaken/2025Z17315.atom, store-service",
        "/zoeken, store-service",
        "/zaken/2025Z17315, store-service",
        "/openstaand, store-service",
        "/kamerleden/Sneller, store-service",
        "/partijen/D66, store-service",
        "/bewindspersonen/Minister%20van%20Financi%C3%ABn, store-service",
        "/volgen/bevestigen/1/abc, store-service",
        "/site/site.css, store-service",
    })
    void thePublicPathsReachTheirService(String request, String service) {
        assertThat(route(request)).as(request).contains(service);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/admin", "/api/admin/api-keys", "/api/admin/dlq/replay", "/api/backfill",
        "/api/admin/sources", "/beheer", "/beheer/x",
        "/q/metrics", "/q/health", "/q/health/ready", "/q/swagger-ui", "/q/openapi", "/q/dev-ui", "/q/dev",
        "/api", "/api/parse/anything", "/api/lettersx", "/index.php", "/api/zakenx"})
    void operatorEndpointsMetricsAndSwaggerAreNotRouted(String request) {
        assertThat(route(request)).as(request).isEmpty();
    }

    /** Whatever operator endpoints the services have now or later, none is reachable. */
    @Test
    void noOperatorResourceInTheCodeIsRouted() {
        List<String> operatorPaths = new ArrayList<>();
        for (String service : Manifests.SERVICES) {
            for (String path : resourcePaths(service)) {
                if (OPERATOR_ONLY.matcher(path).matches()) {
                    operatorPaths.add(path);
                    assertThat(route(path)).as(path).isEmpty();
                    assertThat(route(path + "/x")).as(path + "/x").isEmpty();
                }
            }
        }
        assertThat(operatorPaths).as("the check found the operator endpoints").contains("/api/admin/api-keys", "/api/backfill", "/api/admin/sources", "/beheer");
    }

    /** A route leads to a resource of its service: no dead routes, no route to the wrong service. */
    @Test
    void everyRouteLeadsToAResourceOfItsService() {
        for (Route route : routes()) {
            if (route.path().equals("/") || route.path().equals("/site")) {
                continue; // the site's front page and its static files (META-INF/resources/site)
            }
            assertThat(resourcePaths(route.service())).as("%s on %s", route.path(), route.service())
                    .anyMatch(p -> route.matches(p.replaceAll("\\{[^}]+}", "x")));
        }
    }

    @Test
    void uploadsFitThroughTheIngressController() {
        for (String service : List.of("ingest-service", "parse-service")) {
            long body = Manifests.bytes(Manifests.properties(service).getProperty("quarkus.http.limits.max-body-size"));
            JsonNode ingress = Manifests.find(k8s, "Ingress", service).orElseThrow();
            String limit = ingress.at("/metadata/annotations/nginx.ingress.kubernetes.io~1proxy-body-size").asText();
            assertThat(Manifests.bytes(limit)).as("%s's proxy-body-size", service).isGreaterThanOrEqualTo(body);
        }
    }

    /** Full paths of a service's JAX-RS resources: the class path and each method path after it. */
    static List<String> resourcePaths(String service) {
        List<String> paths = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Manifests.root().resolve(service + "/src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = JAXRS_PATH.matcher(Manifests.read(file));
                String base = null;
                while (m.find()) {
                    String path = m.group(1).startsWith("/") ? m.group(1) : "/" + m.group(1);
                    if (base == null) {
                        base = path.equals("/") ? "" : path;
                        paths.add(base.isEmpty() ? "/" : base);
                    } else {
                        paths.add(base + path);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return paths;
    }
}
