package nl.kamerstroom.parse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.kamerstroom.parse.Seeds;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A letter whose offset was not committed is read and published again (after a restart, a
 * rebalance, a broker outage): at-least-once. The copies must carry the CloudEvents ids of the first
 * publication, so that what reads {@code letters.parsed} and {@code questions.parsed} can tell a copy
 * from a new event; before, every re-parse published its events under new random ids.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
class RedeliveryTest extends WithPipeline {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aLetterParsedAgainIsPublishedUnderTheSameEventIds() throws Exception {
        String documentId = "again-" + UUID.randomUUID();
        byte[] content = Seeds.text(Seeds.ANSWER_SNELLER).getBytes(StandardCharsets.UTF_8);
        new Letters(bootstrapServers, json).send(documentId, "text/plain", content);
        TopicReader topics = new TopicReader(bootstrapServers);
        topics.await("questions.parsed", r -> r.value().contains(documentId) && r.value().contains("\"position\":9"),
                WAIT);

        // the same record handled again, as after a restart before its offset was committed
        ConsumerRecord<String, byte[]> redelivered = fetchedRecord(topics, documentId);
        assertThat(pipeline.process(redelivered).parsed()).isTrue();
        topics.await("questions.parsed", r -> r.value().contains(documentId) && r.value().contains("\"position\":9")
                && count(topics, "questions.parsed", documentId) >= 18, WAIT);

        Map<String, Long> letterCopies = copiesById(topics, "letters.parsed", documentId);
        Map<String, Long> questionCopies = copiesById(topics, "questions.parsed", documentId);
        System.out.printf("a letter parsed twice: letters.parsed %d records under %d ids, questions.parsed %d records"
                + " under %d ids%n", sum(letterCopies), letterCopies.size(), sum(questionCopies), questionCopies.size());
        assertThat(sum(letterCopies)).as("the letter was published twice").isEqualTo(2);
        assertThat(letterCopies).as("one event, two copies").hasSize(1);
        assertThat(sum(questionCopies)).as("each question was published twice").isEqualTo(18);
        assertThat(questionCopies).as("nine events (one per question), two copies each").hasSize(9)
                .allSatisfy((id, copies) -> assertThat(copies).isEqualTo(2));
        assertThat(questionCopies.keySet()).doesNotContainAnyElementsOf(letterCopies.keySet());
    }

    @Test
    void otherBytesUnderTheSameDocumentAreNewEvents() throws Exception {
        String documentId = "changed-" + UUID.randomUUID();
        String text = Seeds.text(Seeds.ANSWER_SNELLER);
        Letters letters = new Letters(bootstrapServers, json);
        letters.send(documentId, "text/plain", text.getBytes(StandardCharsets.UTF_8));
        letters.send(documentId, "text/plain", (text + "\n").getBytes(StandardCharsets.UTF_8));
        TopicReader topics = new TopicReader(bootstrapServers);
        topics.await("letters.parsed", r -> r.value().contains(documentId)
                && count(topics, "letters.parsed", documentId) >= 2, WAIT);
        assertThat(copiesById(topics, "letters.parsed", documentId)).as("a change of content is a new event").hasSize(2);
    }

    private static ConsumerRecord<String, byte[]> fetchedRecord(TopicReader topics, String documentId) {
        ConsumerRecord<String, String> seen = topics.awaitKey("letters.fetched", documentId, WAIT);
        return new ConsumerRecord<>(seen.topic(), seen.partition(), seen.offset(), seen.key(),
                seen.value().getBytes(StandardCharsets.UTF_8));
    }

    /** CloudEvents id → how many records carry it, for one document's events on a topic. */
    private static Map<String, Long> copiesById(TopicReader topics, String topic, String documentId) {
        List<ConsumerRecord<String, String>> records = topics.readAll(topic).stream()
                .filter(r -> r.value().contains("\"documentId\":\"" + documentId + "\"")).toList();
        return records.stream().collect(Collectors.groupingBy(r -> TopicReader.header(r, "ce_id"), Collectors.counting()));
    }

    private static long count(TopicReader topics, String topic, String documentId) {
        return sum(copiesById(topics, topic, documentId));
    }

    private static long sum(Map<String, Long> copies) {
        return copies.values().stream().mapToLong(Long::longValue).sum();
    }
}
