package nl.kamerstroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The services' application.properties are the source of truth; the Kubernetes manifests and the
 * compose file must declare every topic, port, health path and environment variable they use,
 * under the same names. Rename a topic in one place and this fails.
 */
class ConsistencyTest {

    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Pattern TOPIC_KEY = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(dead-letter-queue\\.)?topic");

    private final List<JsonNode> k8s = Manifests.objectsUnder(Manifests.k8s().resolve("base"));
    private final JsonNode compose = Manifests.compose();

    static List<String> services() {
        return Manifests.SERVICES;
    }

    static Set<String> topics(Properties props) {
        Set<String> topics = new LinkedHashSet<>();
        props.stringPropertyNames().stream().filter(k -> TOPIC_KEY.matcher(k).matches()).sorted()
                .forEach(k -> topics.add(props.getProperty(k)));
        return topics;
    }

    static Set<String> envVars(Properties props) {
        Set<String> vars = new LinkedHashSet<>();
        props.stringPropertyNames().stream().sorted().forEach(k -> {
            Matcher m = ENV.matcher(props.getProperty(k));
            while (m.find()) {
                vars.add(m.group(1));
            }
        });
        return vars;
    }

    private Set<String> kafkaTopicNames() {
        Set<String> names = new LinkedHashSet<>();
        Manifests.ofKind(k8s, "KafkaTopic").forEach(t -> names.add(t.path("spec").path("topicName").asText(
                t.path("metadata").path("name").asText())));
        return names;
    }

    private String composeTopicsScript() {
        return compose.path("services").path("topics").path("command").toString();
    }

    @ParameterizedTest
    @MethodSource("services")
    void everyTopicAServiceUsesIsAKafkaTopicAndCreatedInCompose(String service) {
        Set<String> topics = topics(Manifests.properties(service));
        assertThat(topics).as("%s uses topics", service).isNotEmpty();
        assertThat(kafkaTopicNames()).as("KafkaTopics in deploy/k8s").containsAll(topics);
        for (String topic : topics) {
            assertThat(composeTopicsScript()).as("compose creates %s", topic).contains("create " + topic + " ");
        }
    }

    @Test
    void everyDeclaredTopicIsUsedBySomeService() {
        Set<String> used = new LinkedHashSet<>();
        Manifests.SERVICES.forEach(s -> used.addAll(topics(Manifests.properties(s))));
        assertThat(used).containsAll(kafkaTopicNames());
        Matcher created = Pattern.compile("create ([a-z.]+) ").matcher(composeTopicsScript());
        while (created.find()) {
            assertThat(used).as("compose creates %s", created.group(1)).contains(created.group(1));
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void portsAndHealthPathsMatch(String service) {
        int port = Integer.parseInt(Manifests.properties(service).getProperty("quarkus.http.port"));
        JsonNode container = container(service);
        assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(port);
        JsonNode svc = Manifests.find(k8s, "Service", service).orElseThrow();
        assertThat(svc.path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(port);
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");

        JsonNode composed = compose.path("services").path(service);
        assertThat(StreamSupport.stream(composed.path("ports").spliterator(), false).map(JsonNode::asText))
                .as("published on the loopback address unless KAMERSTROOM_BIND_HOST says otherwise")
                .contains("${KAMERSTROOM_BIND_HOST:-127.0.0.1}:" + port + ":" + port);
        assertThat(composed.path("healthcheck").path("test").toString()).contains("localhost:" + port + "/q/health/ready");
        assertThat(Manifests.read(Manifests.root().resolve(service + "/src/main/docker/Dockerfile.jvm")))
                .contains("EXPOSE " + port);
    }

    @ParameterizedTest
    @MethodSource("services")
    void everyEnvironmentVariableTheConfigurationReadsIsSetInKubernetesAndCompose(String service) {
        Set<String> vars = envVars(Manifests.properties(service));
        assertThat(vars).contains("KAFKA_BOOTSTRAP_SERVERS");
        Set<String> inK8s = new LinkedHashSet<>();
        Manifests.find(k8s, "ConfigMap", service).orElseThrow().path("data").fieldNames().forEachRemaining(inK8s::add);
        container(service).path("env").forEach(e -> inK8s.add(e.path("name").asText()));
        assertThat(inK8s).as("%s's ConfigMap and env", service).containsAll(vars);
        Set<String> inCompose = new LinkedHashSet<>();
        compose.path("services").path(service).path("environment").fieldNames().forEachRemaining(inCompose::add);
        assertThat(inCompose).as("%s in compose", service).containsAll(vars);
    }

    /**
     * A record a producer accepts must never be refused by the broker (the 1.2 MB question
     * killed parse that way): every topic takes the largest request of every producer that writes it,
     * {@code max.request.size} or Kafka's default of 1 MiB.
     */
    @Test
    void everyTopicTakesTheLargestRecordItsProducersMaySend() {
        Map<String, Long> limits = new LinkedHashMap<>();
        for (JsonNode topic : Manifests.ofKind(k8s, "KafkaTopic")) {
            JsonNode config = topic.path("spec").path("config");
            assertThat(config.path("max.message.bytes").isMissingNode()).as("%s states its max.message.bytes", topic.path("spec")
                    .path("topicName").asText()).isFalse();
            limits.put(topic.path("spec").path("topicName").asText(), config.path("max.message.bytes").asLong());
        }
        JsonNode brokers = Manifests.find(k8s, "Kafka", "kamerstroom").orElseThrow().path("spec").path("kafka").path("config");
        List<String> refused = new ArrayList<>();
        for (String service : Manifests.SERVICES) {
            for (KafkaAccess.Producer producer : KafkaAccess.producers(Manifests.properties(service))) {
                long limit = limits.getOrDefault(producer.topic(), 0L);
                if (limit < producer.maxRequestSize()) {
                    refused.add(service + " " + producer + " > " + producer.topic() + "'s max.message.bytes " + limit);
                }
            }
        }
        assertThat(refused).isEmpty();
        long largest = limits.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(brokers.path("replica.fetch.max.bytes").asLong()).as("followers copy the largest record").isGreaterThanOrEqualTo(largest);
        assertThat(brokers.path("message.max.bytes").asLong()).isGreaterThanOrEqualTo(largest);
    }

    /** letters.fetched (and the dead letters that carry its records) take one upload of the largest size. */
    @Test
    void theRawLetterTopicsTakeTheLargestUploadCompressedWithZstd() {
        long upload = Manifests.bytes(Manifests.properties("ingest-service").getProperty("kamerstroom.ingest.max-upload-size"));
        // the upload travels base64-encoded inside a JSON event; 64 KiB covers the rest of the event
        long needed = (upload + 2) / 3 * 4 + 64 * 1024;
        Properties ingest = Manifests.properties("ingest-service");
        assertThat(Long.parseLong(ingest.getProperty("mp.messaging.outgoing.letters-fetched.max.request.size")))
                .isGreaterThanOrEqualTo(needed);
        assertThat(ingest.getProperty("mp.messaging.outgoing.letters-fetched.compression.type")).isEqualTo("zstd");
        for (String raw : List.of("letters.fetched", "letters.dlq")) {
            JsonNode config = Manifests.ofKind(k8s, "KafkaTopic").stream()
                    .filter(t -> raw.equals(t.path("spec").path("topicName").asText())).findFirst().orElseThrow()
                    .path("spec").path("config");
            assertThat(config.path("max.message.bytes").asLong()).as(raw).isGreaterThanOrEqualTo(needed);
            assertThat(config.path("compression.type").asText()).as(raw).isEqualTo("zstd");
        }

        JsonNode kafka = compose.path("services").path("kafka").path("environment");
        assertThat(kafka.path("KAFKA_MESSAGE_MAX_BYTES").asLong()).isGreaterThanOrEqualTo(needed);
        assertThat(kafka.path("KAFKA_REPLICA_FETCH_MAX_BYTES").asLong()).isGreaterThanOrEqualTo(needed);
        Matcher config = Pattern.compile("max\\.message\\.bytes=(\\d+)").matcher(composeTopicsScript());
        assertThat(config.find()).isTrue();
        assertThat(Long.parseLong(config.group(1))).isGreaterThanOrEqualTo(needed);
    }

    @Test
    void consumersScaleNoFurtherThanTheirTopicsPartitions() {
        for (JsonNode hpa : Manifests.ofKind(k8s, "HorizontalPodAutoscaler")) {
            String service = hpa.path("spec").path("scaleTargetRef").path("name").asText();
            String topic = hpa.path("metadata").path("annotations").path("kamerstroom/consumes-topic").asText();
            Properties props = Manifests.properties(service);
            assertThat(props.stringPropertyNames().stream().filter(k -> k.startsWith("mp.messaging.incoming.")
                    && k.endsWith(".topic")).map(props::getProperty)).as("%s consumes", service).contains(topic);
            int partitions = Manifests.ofKind(k8s, "KafkaTopic").stream()
                    .filter(t -> topic.equals(t.path("spec").path("topicName").asText())).findFirst().orElseThrow()
                    .path("spec").path("partitions").asInt();
            assertThat(hpa.path("spec").path("maxReplicas").asInt()).as("%s max replicas", service).isBetween(1, partitions);
        }
        assertThat(Manifests.ofKind(k8s, "HorizontalPodAutoscaler")).extracting(h -> h.path("spec").path("scaleTargetRef")
                .path("name").asText()).containsExactlyInAnyOrder("parse-service", "store-service");
    }

    @Test
    void theDatabasesTheServicesUseExist() {
        JsonNode cluster = Manifests.ofKind(k8s, "Cluster").get(0);
        Set<String> databases = new LinkedHashSet<>();
        databases.add(cluster.path("spec").path("bootstrap").path("initdb").path("database").asText());
        Manifests.ofKind(k8s, "Database").forEach(d -> databases.add(d.path("spec").path("name").asText()));
        for (String service : List.of("ingest-service", "store-service")) {
            String url = Manifests.find(k8s, "ConfigMap", service).orElseThrow().path("data").path("KAMERSTROOM_DB_URL").asText();
            String database = url.substring(url.lastIndexOf('/') + 1);
            assertThat(databases).as("%s's database", service).contains(database);
            assertThat(url).contains(cluster.path("metadata").path("name").asText() + "-rw:5432");
            assertThat(Manifests.read(Manifests.root().resolve("deploy/compose/postgres-init.sh")))
                    .contains("CREATE DATABASE " + database);
        }
    }

    private JsonNode container(String service) {
        return Manifests.find(k8s, "Deployment", service).orElseThrow()
                .path("spec").path("template").path("spec").path("containers").get(0);
    }
}
