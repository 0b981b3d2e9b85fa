package nl.kamerstroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No credential is in the repository: each one is generated per install, by us or by an operator. */
class SecretsTest {

    /** A setting that holds a credential, by its name. */
    private static final Pattern CREDENTIAL_NAME = Pattern.compile("(?i).*(password|api[-_.]?key|secret|token).*");
    /** Compose: a required variable, {@code ${NAME:?message}}, never a default. */
    private static final Pattern REQUIRED_VARIABLE = Pattern.compile("^\\$\\{[A-Z][A-Z0-9_]*:\\?[^}]+}$");
    /** SQL: {@code PASSWORD 'literal'} (a psql variable, {@code PASSWORD :'name'}, is fine). */
    private static final Pattern SQL_LITERAL_PASSWORD = Pattern.compile("(?i)PASSWORD\\s+'");
    /** The fixed defaults kamerstroom used to ship. */
    private static final Pattern OLD_DEFAULTS = Pattern.compile("local-only-|local-admin-key|dev-operator-key");
    /** Secrets that operators generate: CloudNativePG's for the owner, Strimzi's cluster CA and users. */
    private static final Set<String> OPERATOR_GENERATED = Set.of("kamerstroom-db-app", "kamerstroom-cluster-ca-cert");

    private final List<JsonNode> k8s = Manifests.objectsUnder(Manifests.k8s());

    @Test
    void noKubernetesSecretOrGeneratorLiteralIsInTheRepository() {
        assertThat(Manifests.ofKind(k8s, "Secret")).isEmpty();
        for (Path kustomization : files(Manifests.k8s(), "kustomization.yaml")) {
            JsonNode generators = Manifests.documents(Manifests.read(kustomization)).get(0).path("secretGenerator");
            for (JsonNode generator : generators) {
                assertThat(generator.has("literals")).as("%s: %s has literal values", kustomization,
                        generator.path("name").asText()).isFalse();
                generator.path("envs").forEach(env -> assertThat(env.asText()).as("generated, ignored by git")
                        .startsWith("secrets/"));
            }
        }
        assertThat(Manifests.read(Manifests.root().resolve(".gitignore"))).contains("deploy/k8s/overlays/local/secrets/");
    }

    @Test
    void everySecretADeploymentReadsIsGeneratedByAnOperatorOrPerInstall() {
        Set<String> users = new TreeSet<>();
        Manifests.ofKind(k8s, "KafkaUser").forEach(u -> users.add(u.at("/metadata/name").asText()));
        JsonNode local = Manifests.documents(Manifests.read(Manifests.k8s().resolve("overlays/local/kustomization.yaml"))).get(0);
        Set<String> generatedLocally = new TreeSet<>();
        local.path("secretGenerator").forEach(g -> generatedLocally.add(g.path("name").asText()));
        String script = Manifests.read(Manifests.k8s().resolve("overlays/local/generate-secrets"));
        local.path("secretGenerator").forEach(g -> g.path("envs").forEach(env ->
                assertThat(script).as("generate-secrets writes %s", env.asText())
                        .contains("write " + Path.of(env.asText()).getFileName() + " ")));
        String readme = Manifests.read(Manifests.root().resolve("deploy/README.md"));

        for (JsonNode deployment : Manifests.ofKind(k8s, "Deployment")) {
            for (JsonNode ref : deployment.findValues("secretKeyRef")) {
                String name = ref.path("name").asText();
                if (OPERATOR_GENERATED.contains(name) || users.contains(name)) {
                    continue;
                }
                assertThat(generatedLocally).as("the local overlay generates %s", name).contains(name);
                assertThat(readme).as("deploy/README.md shows how to create %s", name)
                        .contains("kubectl create secret generic " + name + " ");
            }
        }
        JsonNode cluster = Manifests.ofKind(k8s, "Cluster").get(0);
        assertThat(cluster.at("/spec/bootstrap/initdb/secret").isMissingNode())
                .as("CloudNativePG generates the owner's password").isTrue();
        assertThat(OPERATOR_GENERATED).contains(cluster.at("/metadata/name").asText() + "-app");
    }

    @Test
    void composeRequiresEveryCredentialInsteadOfDefaultingIt() {
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> services = Manifests.compose().path("services").fields(); services.hasNext(); ) {
            Map.Entry<String, JsonNode> service = services.next();
            service.getValue().path("environment").fields().forEachRemaining(e -> {
                if (CREDENTIAL_NAME.matcher(e.getKey()).matches() && !REQUIRED_VARIABLE.matcher(e.getValue().asText()).matches()) {
                    problems.add(service.getKey() + ": " + e.getKey() + "=" + e.getValue().asText());
                }
            });
        }
        assertThat(problems).isEmpty();
        assertThat(Manifests.read(Manifests.root().resolve("deploy/compose.yaml"))).contains("openssl rand");
        assertThat(Manifests.read(Manifests.root().resolve(".gitignore"))).contains("deploy/.env");
    }

    @Test
    void noFileUnderDeployHoldsAFixedCredential() {
        List<String> problems = new ArrayList<>();
        Path deploy = Manifests.root().resolve("deploy");
        try (Stream<Path> files = Files.walk(deploy)) {
            files.filter(Files::isRegularFile)
                    // generated files, and this module (whose tests spell the patterns they look for)
                    .filter(f -> !deploy.relativize(f).toString().matches("(.*/)?(target|data|secrets)/.*|\\.env|manifests/.*"))
                    .forEach(f -> {
                        String text = Manifests.read(f);
                        if (OLD_DEFAULTS.matcher(text).find()) {
                            problems.add(deploy.relativize(f) + ": a fixed default credential");
                        }
                        if (SQL_LITERAL_PASSWORD.matcher(text).find()) {
                            problems.add(deploy.relativize(f) + ": a literal password in SQL");
                        }
                        if (f.toString().endsWith(".yaml")) {
                            Manifests.documents(text).forEach(doc -> literalCredentials(doc, deploy.relativize(f).toString(), problems));
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (OLD_DEFAULTS.matcher(Manifests.read(Manifests.root().resolve("README.md"))).find()) {
            problems.add("README.md: a fixed default credential");
        }
        assertThat(problems).isEmpty();
    }

    /** A YAML scalar named like a credential holds a reference, never a value. */
    private static void literalCredentials(JsonNode node, String where, List<String> problems) {
        node.fields().forEachRemaining(e -> {
            JsonNode value = e.getValue();
            if (value.isTextual() && CREDENTIAL_NAME.matcher(e.getKey()).matches() && !value.asText().isEmpty()
                    && !value.asText().startsWith("${")) {
                problems.add(where + ": " + e.getKey() + " = " + value.asText());
            }
            literalCredentials(value, where, problems);
        });
        if (node.isArray()) {
            node.forEach(n -> literalCredentials(n, where, problems));
        }
    }

    private static List<Path> files(Path dir, String name) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().equals(name)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
