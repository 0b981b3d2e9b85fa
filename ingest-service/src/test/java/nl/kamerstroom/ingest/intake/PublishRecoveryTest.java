package nl.kamerstroom.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.UUID;
import nl.kamerstroom.events.LetterFetched;
import nl.kamerstroom.events.SourceMetadata;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import nl.kamerstroom.testsupport.TopicReader;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A process killed after Kafka acknowledged a letter but before the ledger marked it published
 * leaves a claimed, unmarked row. The next delivery of the same content must not publish it again
 * when it is on the topic, and must publish it when it is not (the kill came before the send).
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class PublishRecoveryTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    LetterIntake intake;

    @Inject
    LetterIntake.IntakeLedger ledger;

    @Inject
    ObjectMapper json;

    @Test
    void aLetterSentBeforeTheCrashIsMarkedNotSentAgain() throws Exception {
        LetterIntake.Incoming in = incoming();
        String sha = LetterIntake.sha256(in.content());
        LetterIntake.IntakeLedger.Claim claim = ledger.claim(sha, in);
        // what the killed process got done: the event is on the topic, the row is not marked
        LetterFetched sent = new LetterFetched(claim.documentId(), in.source(), in.sourceId(), in.fileName(), "text/plain",
                sha, in.content().length, in.content(), claim.receivedAt(), in.metadata());
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("letters.fetched", sent.documentId(), json.writeValueAsString(sent))).get();
        }

        LetterIntake.Accepted again = intake.accept(in);

        assertThat(again.documentId()).isEqualTo(claim.documentId());
        assertThat(again.duplicate()).isTrue();
        assertThat(events(claim.documentId())).isEqualTo(1);
        assertThat(intake.accept(in).duplicate()).as("marked published now").isTrue();
    }

    @Test
    void aLetterClaimedButNeverSentIsPublishedOnce() {
        LetterIntake.Incoming in = incoming();
        LetterIntake.IntakeLedger.Claim claim = ledger.claim(LetterIntake.sha256(in.content()), in);

        LetterIntake.Accepted again = intake.accept(in);

        assertThat(again.duplicate()).isFalse();
        assertThat(events(claim.documentId())).isEqualTo(1);
    }

    @Inject
    LetterDeletions deletions;

    @Test
    void aDeletionSentBeforeTheCrashIsNotSentAgain() throws Exception {
        LetterIntake.Incoming in = incoming();
        String documentId = intake.accept(in).documentId();
        // what the killed process got done: the deletion is claimed and on the topic, the row not marked
        LetterDeletions.Pending pending = deletions.pending(documentId, in.source(), in.sourceId());
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("letters.deleted", documentId, json.writeValueAsString(pending.event()))).get();
        }

        assertThat(deletions.delete(in.source(), in.sourceId())).as("nothing sent this time").isFalse();
        assertThat(deletions.delete(in.source(), in.sourceId())).as("marked deleted now").isFalse();
        assertThat(new TopicReader(bootstrapServers).readAll("letters.deleted").stream()
                .filter(r -> documentId.equals(r.key())).count()).isEqualTo(1);
    }

    @Test
    void aDeletionClaimedButNeverSentIsSentOnce() {
        LetterIntake.Incoming in = incoming();
        String documentId = intake.accept(in).documentId();
        deletions.pending(documentId, in.source(), in.sourceId());

        assertThat(deletions.delete(in.source(), in.sourceId())).isTrue();
        assertThat(new TopicReader(bootstrapServers).readAll("letters.deleted").stream()
                .filter(r -> documentId.equals(r.key())).count()).isEqualTo(1);
    }

    private long events(String documentId) {
        return new TopicReader(bootstrapServers).readAll("letters.fetched").stream()
                .filter(r -> documentId.equals(r.key())).count();
    }

    private static LetterIntake.Incoming incoming() {
        String id = UUID.randomUUID().toString();
        return new LetterIntake.Incoming(("Vraag 1\nHerstart? " + id).getBytes(StandardCharsets.UTF_8), "text/plain", "tk",
                id, "brief.txt", SourceMetadata.none());
    }
}
