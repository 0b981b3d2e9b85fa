package nl.kamerstroom.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import nl.kamerstroom.events.LetterFetched;
import nl.kamerstroom.events.SourceMetadata;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.TextPdf;
import nl.kamerstroom.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
class LetterPipelineTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper json;

    @Test
    void aFetchedLetterBecomesAParsedLetterAndOneEventPerQuestion() throws Exception {
        String documentId = "test-" + UUID.randomUUID();
        fetched(documentId, "text/plain", Seeds.text(Seeds.ANSWER_SNELLER).getBytes(StandardCharsets.UTF_8));

        TopicReader topics = new TopicReader(bootstrapServers);
        ConsumerRecord<String, String> record = topics.await("letters.parsed",
                r -> r.value().contains(documentId), WAIT);
        assertThat(record.key()).isEqualTo("2025Z17315");
        assertThat(TopicReader.header(record, "ce_type")).isEqualTo("nl.kamerstroom.letter.parsed.v1");
        JsonNode event = json.readTree(record.value());
        assertThat(event.get("documentId").asText()).isEqualTo(documentId);
        assertThat(event.at("/letter/kind").asText()).isEqualTo("ANSWER");
        assertThat(event.at("/letter/questions").size()).isEqualTo(9);

        topics.await("questions.parsed", r -> r.value().contains(documentId) && r.value().contains("\"position\":9"), WAIT);
        List<JsonNode> questions = topics.readAll("questions.parsed").stream()
                .filter(r -> r.value().contains(documentId)).map(r -> read(r.value())).toList();
        assertThat(questions).extracting(q -> q.get("number").asText())
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9");
        JsonNode q8 = questions.get(7);
        assertThat(q8.get("answerNumbers").toString()).isEqualTo("[\"7\",\"8\"]");
        assertThat(q8.get("zaakNumber").asText()).isEqualTo("2025Z17315");
    }

    @Test
    void aCorruptPdfGoesToTheDeadLetterTopicAndTheNextLetterIsStillParsed() throws Exception {
        String broken = "broken-" + UUID.randomUUID();
        String good = "good-" + UUID.randomUUID();
        fetched(broken, "application/pdf", "%PDF-1.4\n%%EOF garbage".getBytes(StandardCharsets.US_ASCII));
        fetched(good, "application/pdf", TextPdf.render(Seeds.text(Seeds.ANSWER_SNELLER)));

        TopicReader topics = new TopicReader(bootstrapServers);
        ConsumerRecord<String, String> dead = topics.awaitKey("letters.dlq", broken, WAIT);
        JsonNode failure = json.readTree(dead.value());
        assertThat(failure.get("stage").asText()).isEqualTo("parse");
        assertThat(failure.get("reason").asText()).contains("not a readable PDF");
        assertThat(failure.get("topic").asText()).isEqualTo("letters.fetched");
        assertThat(TopicReader.header(dead, "ce_type")).isEqualTo("nl.kamerstroom.letter.failed.v1");

        JsonNode parsed = read(topics.await("letters.parsed", r -> r.value().contains(good), WAIT).value());
        assertThat(parsed.at("/letter/questions").size()).isEqualTo(9);
    }

    @Test
    void anUnreadableEventIsDeadLetteredNotDropped() throws Exception {
        String key = "garbage-" + UUID.randomUUID();
        send(key, "{this is not json");
        JsonNode failure = read(new TopicReader(bootstrapServers).awaitKey("letters.dlq", key, WAIT).value());
        assertThat(failure.get("reason").asText()).contains("could not be read");
    }

    @Test
    void theMemoIsParsedAsOtherNotDeadLettered() throws Exception {
        String documentId = "memo-" + UUID.randomUUID();
        fetched(documentId, "text/markdown", Seeds.text(Seeds.MEMO).getBytes(StandardCharsets.UTF_8));
        JsonNode parsed = read(new TopicReader(bootstrapServers).awaitKey("letters.parsed", documentId, WAIT).value());
        assertThat(parsed.at("/letter/kind").asText()).isEqualTo("OTHER");
        assertThat(new TopicReader(bootstrapServers).readAll("letters.dlq"))
                .noneMatch(r -> documentId.equals(r.key()));
    }

    private void fetched(String documentId, String contentType, byte[] content) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        LetterFetched event = new LetterFetched(documentId, "test", null, null, contentType, sha, content.length,
                content, Instant.now(), SourceMetadata.none());
        send(documentId, json.writeValueAsString(event));
    }

    private void send(String key, String value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("letters.fetched", key, value)).get();
        }
    }

    private JsonNode read(String value) {
        try {
            return json.readTree(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
