package nl.kamerstroom.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import nl.kamerstroom.events.LetterDeleted;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.LetterParsed;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.events.SourceMetadata;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Source deletions on {@code letters.deleted}: the letter is kept and marked, the zaak re-derived. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class DeletionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper json;

    @Test
    void aDeletedAnswerIsKeptMarkedAndNoLongerAnswersItsZaak() throws Exception {
        String zaak = Letters.newZaak();
        String questionsId = "kv-" + UUID.randomUUID();
        String answerId = "ah-" + UUID.randomUUID();
        Instant fetched = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Letters.publish(bootstrapServers, json,
                parsed(questionsId, LetterKind.QUESTIONS, zaak, fetched, List.of()),
                parsed(answerId, LetterKind.ANSWER, zaak, fetched, List.of(Letters.a("Ja.", "1"))));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/zaken/" + zaak).then().statusCode(200)
                .body("status", equalTo("ANSWERED")));

        Instant deletedAt = fetched.plusSeconds(60);
        LetterDeleted deletion = new LetterDeleted(answerId, "tk", "src-" + answerId, List.of(zaak), deletedAt);
        publishDeletions(deletion, deletion); // the second is a redelivery

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/zaken/" + zaak).then().statusCode(200)
                .body("status", equalTo("ASKED")));
        JsonPath zaakBody = given().get("/api/zaken/" + zaak).then().extract().jsonPath();
        assertThat(zaakBody.getList("documents.documentId")).contains(questionsId, answerId);
        assertThat(zaakBody.getList("documents.findAll { it.deleted }.documentId")).containsExactly(answerId);
        // history is kept: the deleted letter is still there with its answer
        given().get("/api/letters/" + answerId).then().statusCode(200)
                .body("deletedAt", equalTo(deletedAt.toString()))
                .body("answers[0].text", equalTo("Ja."));
    }

    @Test
    void aDeletionThatArrivesBeforeItsLetterStillDeletesItUntilTheDocumentComesBack() throws Exception {
        String zaak = Letters.newZaak();
        String answerId = "ah-" + UUID.randomUUID();
        Instant fetched = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publishDeletions(new LetterDeleted(answerId, "tk", "src", List.of(zaak), fetched.plusSeconds(5)));
        // the deletion is stored before the letter is published (same consumer group, other topic)
        await().atMost(WAIT).until(() -> tombstoneStored(answerId));

        LetterParsed before = parsed(answerId, LetterKind.ANSWER, zaak, fetched, List.of(Letters.a("Ja.", "1")));
        Letters.publish(bootstrapServers, json, before);
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/letters/" + answerId).then().statusCode(200)
                .body("deletedAt", notNullValue()));
        given().get("/api/zaken/" + zaak).then().body("status", equalTo("ASKED"));

        // the same document fetched again after its deletion: it came back
        LetterParsed cameBack = parsed(answerId, LetterKind.ANSWER, zaak, fetched.plusSeconds(60),
                List.of(Letters.a("Ja.", "1")));
        Letters.publish(bootstrapServers, json, cameBack);
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/letters/" + answerId).then().statusCode(200)
                .body("deletedAt", nullValue()));
        given().get("/api/zaken/" + zaak).then().body("status", equalTo("ANSWERED"));
    }

    @Inject
    javax.sql.DataSource db;

    private boolean tombstoneStored(String documentId) throws Exception {
        try (var connection = db.getConnection();
                var query = connection.prepareStatement("SELECT 1 FROM letter_tombstone WHERE document_id = ?")) {
            query.setString(1, documentId);
            try (var rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static LetterParsed parsed(String documentId, LetterKind kind, String zaak, Instant fetchedAt,
            List<ParsedLetter.Answer> answers) {
        ParsedLetter letter = Letters.letter(kind, zaak, LocalDate.of(2025, 9, 19),
                kind == LetterKind.QUESTIONS ? LocalDate.of(2025, 9, 19) : LocalDate.of(2025, 10, 1),
                "Sneller", "D66", "Minister van Justitie en Veiligheid",
                List.of(Letters.q("1", "Kunt u bevestigen?")), answers);
        return new LetterParsed(documentId, "f".repeat(64), "tk", "src-" + documentId, "application/pdf", fetchedAt,
                fetchedAt, "test", SourceMetadata.none(), letter);
    }

    private void publishDeletions(LetterDeleted... deletions) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            for (LetterDeleted deletion : deletions) {
                producer.send(new ProducerRecord<>("letters.deleted", deletion.documentId(),
                        json.writeValueAsString(deletion))).get();
            }
        }
    }
}
