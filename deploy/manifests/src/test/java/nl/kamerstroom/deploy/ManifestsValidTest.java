package nl.kamerstroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every manifest renders and every object is valid for its API. */
class ManifestsValidTest {

    @Test
    void everyObjectInTheFilesIsValidForItsApi() {
        List<JsonNode> objects = Manifests.objectsUnder(Manifests.k8s());
        assertThat(objects).hasSizeGreaterThan(30);
        List<String> problems = new ArrayList<>();
        objects.forEach(o -> problems.addAll(ModelValidator.problems(o)));
        assertThat(problems).isEmpty();
    }

    /** Needs kubectl (apt-get install kubectl); skipped, and said so, where it is not installed. */
    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/production"})
    void everyKustomizationRendersToValidObjects(String dir) {
        Optional<String> rendered = Manifests.kustomize(Manifests.k8s().resolve(dir));
        assumeTrue(rendered.isPresent(), "kubectl is not installed: rendering not checked");
        List<JsonNode> objects = Manifests.documents(rendered.get());
        assertThat(objects).hasSizeGreaterThan(30);
        List<String> problems = new ArrayList<>();
        objects.forEach(o -> problems.addAll(ModelValidator.problems(o)));
        assertThat(problems).isEmpty();
        if (dir.startsWith("overlays")) {
            assertThat(objects).allSatisfy(o -> assertThat(o.path("kind").asText().equals("Namespace")
                    || o.path("metadata").path("namespace").asText().equals("kamerstroom")).isTrue());
        }
        if (dir.equals("overlays/production")) {
            // production credentials never come from the repository
            assertThat(Manifests.ofKind(objects, "Secret")).isEmpty();
        }
    }

    @Test
    void theValidatorFindsMisspeltFieldsAndWrongTypes() throws Exception {
        JsonNode deployment = Manifests.YAML.readTree("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  replicas: 1
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers:
                        - name: x
                          image: x
                          readinessProbe: {httpGet: {path: /q/health/ready, port: 8080}, periodSecond: 5}
                """);
        assertThat(ModelValidator.problems(deployment)).singleElement().asString().contains("periodSecond");

        JsonNode topic = Manifests.YAML.readTree("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata: {name: t}
                spec: {topicName: t, partitions: many, replicas: 1}
                """);
        assertThat(ModelValidator.problems(topic)).singleElement().asString().contains("many");

        JsonNode cluster = Manifests.YAML.readTree("""
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: db}
                spec: {instances: 1, storage: {size: 1Gi}}
                """);
        assertThat(ModelValidator.problems(cluster)).anyMatch(p -> p.contains("initdb.database"));
    }
}
