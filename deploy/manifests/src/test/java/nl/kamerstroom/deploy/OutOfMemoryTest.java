package nl.kamerstroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Out of memory means exit, everywhere a JVM of kamerstroom runs (issue 11, item 2a): a JVM that
 * threw OutOfMemoryError may have lost any thread (event loop, Kafka heartbeat) and must be
 * restarted, so it exits and whatever runs it starts it again.
 */
class OutOfMemoryTest {

    private static final String FLAG = "-XX:+ExitOnOutOfMemoryError";
    /** Environment variables that carry JVM options to our images, compose's Kafka and the JDK. */
    private static final Set<String> JVM_OPTION_VARIABLES = Set.of("JAVA_OPTS", "JAVA_OPTS_APPEND", "JAVA_TOOL_OPTIONS",
            "KAFKA_OPTS", "KAFKA_HEAP_OPTS", "KAFKA_JVM_PERFORMANCE_OPTS");

    private final List<JsonNode> k8s = Manifests.objectsUnder(Manifests.k8s().resolve("base"));

    static List<String> services() {
        return Manifests.SERVICES;
    }

    @ParameterizedTest
    @MethodSource("services")
    void theImageExitsOnOutOfMemory(String service) {
        String dockerfile = Manifests.read(Manifests.root().resolve(service + "/src/main/docker/Dockerfile.jvm"));
        assertThat(dockerfile.lines().filter(l -> l.startsWith("ENV JAVA_OPTS_APPEND=")))
                .singleElement().asString().contains(FLAG);
    }

    @Test
    void composeKeepsTheFlagAndRestartsWhatExits() {
        JsonNode services = Manifests.compose().path("services");
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> service = it.next();
            service.getValue().path("environment").fields().forEachRemaining(e -> {
                if (JVM_OPTION_VARIABLES.contains(e.getKey()) && !e.getKey().equals("KAFKA_HEAP_OPTS")) {
                    assertThat(e.getValue().asText()).as("%s's %s", service.getKey(), e.getKey()).contains(FLAG);
                }
            });
            boolean oneShot = "no".equals(service.getValue().path("restart").asText());
            if (!oneShot) {
                assertThat(service.getValue().path("restart").asText()).as("%s is restarted", service.getKey())
                        .isIn("unless-stopped", "always", "on-failure");
            }
        }
        assertThat(services.at("/kafka/environment/KAFKA_OPTS").asText()).contains(FLAG);
        for (String service : Manifests.SERVICES) {
            assertThat(services.path(service).has("build")).as("%s runs its Dockerfile's image", service).isTrue();
        }
    }

    @Test
    void kubernetesKeepsTheFlag() {
        for (JsonNode deployment : Manifests.ofKind(k8s, "Deployment")) {
            for (JsonNode env : deployment.findValues("env")) {
                env.forEach(e -> {
                    if (JVM_OPTION_VARIABLES.contains(e.path("name").asText())) {
                        assertThat(e.path("value").asText()).as("overrides the image's options").contains(FLAG);
                    }
                });
            }
        }
        for (JsonNode map : Manifests.ofKind(k8s, "ConfigMap")) {
            JVM_OPTION_VARIABLES.forEach(v -> {
                if (map.path("data").has(v)) {
                    assertThat(map.path("data").path(v).asText()).contains(FLAG);
                }
            });
        }
        assertThat(Manifests.ofKind(k8s, "KafkaNodePool")).isNotEmpty().allSatisfy(pool ->
                assertThat(pool.at("/spec/jvmOptions/-XX/ExitOnOutOfMemoryError").asText()).isEqualTo("true"));
    }

    @Test
    void theLocalStackStartsEveryJvmWithTheFlag() {
        String run = Manifests.read(Manifests.root().resolve("deploy/local/run"));
        assertThat(run.lines().filter(l -> l.startsWith("exec java ") && l.contains("LocalStack run")))
                .singleElement().asString().contains(FLAG);
        assertThat(Manifests.read(Manifests.root().resolve("deploy/local/src/main/java/nl/kamerstroom/local/LocalStack.java")))
                .contains("JVM_SAFETY = List.of(\"" + FLAG + "\")", "command.addAll(JVM_SAFETY);");
    }
}
