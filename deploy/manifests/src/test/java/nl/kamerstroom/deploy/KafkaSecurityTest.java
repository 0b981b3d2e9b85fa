package nl.kamerstroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import nl.kamerstroom.deploy.KafkaAccess.Operation;
import nl.kamerstroom.deploy.KafkaAccess.Use;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kafka in Kubernetes: TLS only, a user per service, and ACLs that are exactly the data flow the
 * services' configuration and code describe (issue 11, item 8: the service that reads untrusted
 * documents may write only what is its job).
 */
class KafkaSecurityTest {

    /**
     * Granted although neither configuration nor code reads it yet: the operator's replay of dead
     * letters ({@code POST /api/admin/dlq/replay}, issue 11 item 1) reads letters.dlq in parse and
     * store; the store's consumer of an operator's re-parse (issue 13 item 1) reads letters.reparsed.
     * Once that code lands, {@link KafkaAccess} finds the read and this becomes redundant.
     */
    private static final Map<String, Set<Use>> PLANNED = Map.of(
            "parse-service", Set.of(new Use("letters.dlq", Operation.READ)),
            "store-service", Set.of(new Use("letters.dlq", Operation.READ), new Use("letters.reparsed", Operation.READ)));

    private final List<JsonNode> k8s = Manifests.objectsUnder(Manifests.k8s().resolve("base"));

    static List<String> services() {
        return Manifests.SERVICES;
    }

    @Test
    void brokersTakeOnlyTlsClientsThatLogInAndAreAuthorized() {
        JsonNode kafka = Manifests.find(k8s, "Kafka", "kamerstroom").orElseThrow().path("spec").path("kafka");
        assertThat(kafka.path("listeners")).as("one listener").hasSize(1);
        JsonNode listener = kafka.path("listeners").get(0);
        assertThat(listener.path("tls").asBoolean()).isTrue();
        assertThat(listener.path("authentication").path("type").asText()).isIn("scram-sha-512", "tls");
        assertThat(kafka.path("authorization").path("type").asText()).isEqualTo("simple");
        assertThat(kafka.path("authorization").path("superUsers").isMissingNode()).as("no super user").isTrue();
    }

    @ParameterizedTest
    @MethodSource("services")
    void eachServiceHasItsOwnUserWhoseTopicAclsAreExactlyWhatItReadsAndWrites(String service) {
        JsonNode user = user(service);
        assertThat(user.at("/spec/authentication/type").asText()).isEqualTo(listenerAuthentication());
        assertThat(user.at("/spec/authorization/type").asText()).isEqualTo("simple");

        Set<Use> granted = new TreeSet<>();
        for (JsonNode acl : user.at("/spec/authorization/acls")) {
            JsonNode resource = acl.path("resource");
            if (!resource.path("type").asText().equals("topic")) {
                continue;
            }
            assertThat(resource.path("patternType").asText("literal")).as("%s: topics by name only", service).isEqualTo("literal");
            assertThat(resource.path("name").asText()).isNotEqualTo("*");
            Set<String> operations = operations(acl);
            assertThat(operations).as("%s on %s", service, resource.path("name").asText())
                    .isSubsetOf("Read", "Write", "Describe");
            if (operations.contains("Read")) {
                granted.add(new Use(resource.path("name").asText(), Operation.READ));
            }
            if (operations.contains("Write")) {
                granted.add(new Use(resource.path("name").asText(), Operation.WRITE));
            }
        }
        Set<Use> expected = new TreeSet<>(KafkaAccess.uses(service));
        expected.addAll(PLANNED.getOrDefault(service, Set.of()));
        assertThat(granted).as("%s's ACLs against its configuration and code", service).containsExactlyElementsOf(expected);
        // metadata of every topic it uses, or its clients cannot find the partitions
        Set<String> described = new TreeSet<>();
        user.at("/spec/authorization/acls").forEach(acl -> {
            if (operations(acl).contains("Describe")) {
                described.add(acl.at("/resource/name").asText());
            }
        });
        expected.forEach(u -> assertThat(described).as("%s describes %s", service, u.topic()).contains(u.topic()));
    }

    @ParameterizedTest
    @MethodSource("services")
    void eachServiceMayUseOnlyItsOwnConsumerGroups(String service) {
        List<JsonNode> groupAcls = new java.util.ArrayList<>();
        user(service).at("/spec/authorization/acls").forEach(acl -> {
            if (acl.at("/resource/type").asText().equals("group")) {
                groupAcls.add(acl);
            }
        });
        for (String group : KafkaAccess.groups(service)) {
            assertThat(groupAcls).as("%s may join group %s", service, group).anySatisfy(acl -> {
                assertThat(operations(acl)).contains("Read");
                String name = acl.at("/resource/name").asText();
                assertThat(acl.at("/resource/patternType").asText("literal").equals("prefix")
                        ? group.startsWith(name) : group.equals(name)).isTrue();
            });
        }
        groupAcls.forEach(acl -> assertThat(acl.at("/resource/name").asText()).as("%s's groups are named after it", service)
                .startsWith(service));
        assertThat(user(service).at("/spec/authorization/acls").findValuesAsText("type"))
                .as("no cluster or transactional-id rights").doesNotContain("cluster", "transactionalId");
    }

    @Test
    void theUntrustedDocumentReaderCannotWriteWhatOthersPublish() {
        assertThat(KafkaAccess.uses("ingest-service")).as("found by reading PublishedLetters' Kafka consumer")
                .contains(new Use("letters.fetched", Operation.READ), new Use("letters.deleted", Operation.READ));
        assertThat(granted("parse-service")).doesNotContain(new Use("answers.published", Operation.WRITE),
                new Use("letters.fetched", Operation.WRITE), new Use("letters.deleted", Operation.WRITE));
        assertThat(granted("ingest-service")).doesNotContain(new Use("letters.parsed", Operation.WRITE),
                new Use("answers.published", Operation.WRITE));
        assertThat(granted("store-service")).doesNotContain(new Use("letters.parsed", Operation.WRITE),
                new Use("letters.fetched", Operation.READ));
    }

    @ParameterizedTest
    @MethodSource("services")
    void eachDeploymentConnectsOverTlsAsItsUser(String service) {
        JsonNode config = Manifests.find(k8s, "ConfigMap", service).orElseThrow().path("data");
        int port = Manifests.find(k8s, "Kafka", "kamerstroom").orElseThrow().at("/spec/kafka/listeners/0/port").asInt();
        assertThat(config.path("KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo("kamerstroom-kafka-bootstrap:" + port);
        assertThat(config.path("KAFKA_SECURITY_PROTOCOL").asText()).isEqualTo("SASL_SSL");
        assertThat(config.path("KAFKA_SASL_MECHANISM").asText()).isEqualTo("SCRAM-SHA-512");
        assertThat(config.path("KAFKA_SSL_TRUSTSTORE_TYPE").asText()).isEqualTo("PEM");
        JsonNode env = Manifests.find(k8s, "Deployment", service).orElseThrow().at("/spec/template/spec/containers/0/env");
        assertThat(secretRef(env, "KAFKA_SASL_JAAS_CONFIG")).isEqualTo(service + "/sasl.jaas.config");
        assertThat(secretRef(env, "KAFKA_SSL_TRUSTSTORE_CERTIFICATES")).isEqualTo("kamerstroom-cluster-ca-cert/ca.crt");
    }

    private String listenerAuthentication() {
        return Manifests.find(k8s, "Kafka", "kamerstroom").orElseThrow().at("/spec/kafka/listeners/0/authentication/type").asText();
    }

    private Set<Use> granted(String service) {
        Set<Use> granted = new TreeSet<>();
        user(service).at("/spec/authorization/acls").forEach(acl -> {
            if (acl.at("/resource/type").asText().equals("topic")) {
                Set<String> ops = operations(acl);
                if (ops.contains("Read")) {
                    granted.add(new Use(acl.at("/resource/name").asText(), Operation.READ));
                }
                if (ops.contains("Write")) {
                    granted.add(new Use(acl.at("/resource/name").asText(), Operation.WRITE));
                }
            }
        });
        return granted;
    }

    private JsonNode user(String service) {
        JsonNode user = Manifests.find(k8s, "KafkaUser", service).orElseThrow(() -> new AssertionError("no KafkaUser " + service));
        assertThat(user.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo("kamerstroom");
        return user;
    }

    private static Set<String> operations(JsonNode acl) {
        Set<String> ops = new TreeSet<>();
        acl.path("operations").forEach(o -> ops.add(o.asText()));
        if (acl.hasNonNull("operation")) {
            ops.add(acl.path("operation").asText());
        }
        return ops;
    }

    private static String secretRef(JsonNode env, String name) {
        for (JsonNode e : env) {
            if (e.path("name").asText().equals(name)) {
                JsonNode ref = e.at("/valueFrom/secretKeyRef");
                return ref.path("name").asText() + "/" + ref.path("key").asText();
            }
        }
        throw new AssertionError(name + " is not set");
    }
}
