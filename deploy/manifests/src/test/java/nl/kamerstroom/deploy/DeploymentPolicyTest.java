package nl.kamerstroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every service's Deployment and image must be, whatever else changes. */
class DeploymentPolicyTest {

    /** A service's exit after its shutdown timeout; the same margin as system-tests' Pipeline.EXIT_MARGIN. */
    private static final long EXIT_MARGIN_SECONDS = 10;

    private final List<JsonNode> k8s = Manifests.objectsUnder(Manifests.k8s().resolve("base"));

    static List<String> services() {
        return Manifests.SERVICES;
    }

    @ParameterizedTest
    @MethodSource("services")
    void runsRestrictedWithResourcesProbesAndAGracefulStop(String service) {
        JsonNode pod = Manifests.find(k8s, "Deployment", service).orElseThrow().path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        JsonNode security = container.path("securityContext");
        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").isBoolean() && !security.path("allowPrivilegeEscalation").asBoolean()).isTrue();
        assertThat(security.path("capabilities").path("drop").toString()).contains("ALL");
        assertThat(container.path("volumeMounts").toString()).contains("/tmp");
        JsonNode resources = container.path("resources");
        assertThat(resources.path("requests").path("cpu").isMissingNode()).isFalse();
        assertThat(resources.path("requests").path("memory").isMissingNode()).isFalse();
        assertThat(resources.path("limits").path("memory").isMissingNode()).isFalse();
        assertThat(container.path("startupProbe").isMissingNode()).isFalse();

        // Kubernetes sends SIGTERM after the preStop pause and SIGKILL at the end of the grace period: the
        // period must cover the pause, quarkus.shutdown.timeout and the JVM's exit after it (the margin
        // FaultSystemIT allows when it sends SIGTERM to each busy service and times the exit)
        Duration shutdown = Duration.parse("PT" + Manifests.properties(service).getProperty("quarkus.shutdown.timeout").toUpperCase());
        JsonNode preStop = container.path("lifecycle").path("preStop").path("exec").path("command");
        assertThat(preStop.toString()).as("preStop pause").startsWith("[\"sleep\"");
        long pause = Long.parseLong(preStop.get(1).asText());
        assertThat((long) pod.path("terminationGracePeriodSeconds").asInt())
                .as("grace period covers the preStop pause, the shutdown timeout and %d s to exit", EXIT_MARGIN_SECONDS)
                .isGreaterThanOrEqualTo(pause + shutdown.toSeconds() + EXIT_MARGIN_SECONDS);
        // compose has no preStop: its stop_grace_period covers the shutdown timeout and the exit
        String composeGrace = Manifests.compose().path("services").path(service).path("stop_grace_period").asText("10s");
        assertThat(Duration.parse("PT" + composeGrace.toUpperCase()).toSeconds()).as("compose stop_grace_period")
                .isGreaterThanOrEqualTo(shutdown.toSeconds() + EXIT_MARGIN_SECONDS);
        assertThat(Manifests.find(k8s, "PodDisruptionBudget", service)).isPresent();
        assertThat(Manifests.find(k8s, "Service", service)).isPresent();
        assertThat(container.path("envFrom").toString()).contains(service);
    }

    @Test
    void ingestRunsOnePollerAtATime() {
        JsonNode spec = Manifests.find(k8s, "Deployment", "ingest-service").orElseThrow().path("spec");
        assertThat(spec.path("replicas").asInt()).isEqualTo(1);
        assertThat(spec.path("strategy").path("type").asText()).isEqualTo("Recreate");
        assertThat(Manifests.find(k8s, "HorizontalPodAutoscaler", "ingest-service")).isEmpty();
    }

    @Test
    void credentialsComeFromSecretsAndEverythingElseIsDenied() {
        assertThat(Manifests.ofKind(k8s, "Secret")).as("no secrets in the base").isEmpty();
        for (JsonNode map : Manifests.ofKind(k8s, "ConfigMap")) {
            map.path("data").fieldNames().forEachRemaining(key ->
                    assertThat(key).as("a credential in a ConfigMap").doesNotContain("PASSWORD", "API_KEY", "SECRET"));
        }
        JsonNode deny = Manifests.find(k8s, "NetworkPolicy", "default-deny").orElseThrow();
        assertThat(deny.at("/spec/podSelector/matchLabels/app.kubernetes.io~1part-of").asText()).isEqualTo("kamerstroom");
        assertThat(deny.at("/spec/policyTypes").toString()).contains("Ingress", "Egress");
        for (String service : Manifests.SERVICES) {
            JsonNode labels = Manifests.find(k8s, "Deployment", service).orElseThrow().at("/spec/template/metadata/labels");
            assertThat(labels.path("app.kubernetes.io/part-of").asText()).as("%s is under the default deny", service)
                    .isEqualTo("kamerstroom");
        }
        assertThat(Manifests.ofKind(k8s, "ServiceMonitor")).singleElement()
                .satisfies(m -> assertThat(m.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics"));
    }

    @ParameterizedTest
    @MethodSource("services")
    void theImageIsAJreRunningAsAnUnprivilegedUser(String service) {
        String dockerfile = Manifests.read(Manifests.root().resolve(service + "/src/main/docker/Dockerfile.jvm"));
        String from = dockerfile.lines().filter(l -> l.startsWith("FROM ")).findFirst().orElseThrow();
        assertThat(from).contains("runtime").doesNotContain("maven", "jdk:");
        assertThat(dockerfile.lines().filter(l -> l.startsWith("FROM "))).as("one stage, no build tools").hasSize(1);
        String user = dockerfile.lines().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
        assertThat(user).doesNotContain("root").isNotEqualTo("USER 0");
        assertThat(dockerfile).contains("target/quarkus-app/lib/", "target/quarkus-app/quarkus/", "quarkus-run.jar");
        JsonNode pod = Manifests.find(k8s, "Deployment", service).orElseThrow().path("spec").path("template").path("spec");
        assertThat(user).endsWith(" " + pod.path("securityContext").path("runAsUser").asText());
    }
}
