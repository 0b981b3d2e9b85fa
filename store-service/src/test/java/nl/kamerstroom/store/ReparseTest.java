package nl.kamerstroom.store;

import static nl.kamerstroom.store.Letters.a;
import static nl.kamerstroom.store.Letters.letter;
import static nl.kamerstroom.store.Letters.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import nl.kamerstroom.events.EventTypes;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.LetterParsed;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.events.SourceMetadata;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import nl.kamerstroom.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Re-parses on {@code letters.reparsed} through the real broker and database: the same write path
 * as live letters, announcing only what a newer parser reads differently.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ReparseTest {

    private static final LocalDate SUBMITTED = LocalDate.of(2025, 9, 19);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String MINISTRY = "Minister van Financiën";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper json;

    @Inject
    EntityManager em;

    @Test
    void anUnchangedReparseAnnouncesNothingAChangedOneOnlyTheChangedAnswerAndAnOlderFetchIsIgnored() throws Exception {
        String zaak = Letters.newZaak();
        String documentId = "ah-" + zaak;
        Instant fetched = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var questions = List.of(q("1", "Kent u het bericht?"), q("2", "Wat gaat u doen?"));
        ParsedLetter first = answers(zaak, questions, a("Ja.", "1"), a("Niets.", "2"));
        Letters.publish(bootstrapServers, json, parsed(documentId, fetched, "1.0", first));
        await().atMost(WAIT).until(() -> "1.0".equals(parserVersion(documentId)));
        await().atMost(WAIT).until(() -> published(zaak) == 2);

        // the newer parser reads the same: the letter says which parser produced it, nothing else happens
        reparse(parsed(documentId, fetched, "2.0", first));
        await().atMost(WAIT).until(() -> "2.0".equals(parserVersion(documentId)));
        assertThat(outboxRows(zaak)).isEqualTo(2);
        assertThat(versions(documentId)).isZero();

        // the newer parser reads answer 2 differently: one version of the old text, one answer.changed
        reparse(parsed(documentId, fetched, "2.1", answers(zaak, questions, a("Ja.", "1"), a("Een plan.", "2"))));
        await().atMost(WAIT).until(() -> "2.1".equals(parserVersion(documentId)));
        await().atMost(WAIT).until(() -> eventsFor(zaak).size() == 3);
        List<ConsumerRecord<String, String>> events = eventsFor(zaak);
        assertThat(events).extracting(r -> TopicReader.header(r, "ce_type")).containsExactly(
                EventTypes.ANSWER_PUBLISHED, EventTypes.ANSWER_PUBLISHED, EventTypes.ANSWER_CHANGED);
        JsonNode changed = json.readTree(events.get(2).value());
        assertThat(changed.get("questionNumbers").get(0).asText()).isEqualTo("2");
        assertThat(changed.get("text").asText()).isEqualTo("Een plan.");
        assertThat(changed.get("previousText").asText()).isEqualTo("Niets.");
        assertThat(versions(documentId)).isEqualTo(1);
        assertThat(RestAssured.given().get("/api/letters/" + documentId).then().statusCode(200).extract()
                .<String>path("answerVersions[0].text")).isEqualTo("Niets.");

        // a re-parse of bytes fetched before the stored ones is history: ignored. The unchanged
        // re-parse behind it on the same partition shows that it was read.
        reparse(parsed(documentId, fetched.minusSeconds(3600), "2.2",
                answers(zaak, questions, a("Nee.", "1"), a("Iets anders.", "2"))));
        reparse(parsed(documentId, fetched, "2.3", answers(zaak, questions, a("Ja.", "1"), a("Een plan.", "2"))));
        await().atMost(WAIT).until(() -> "2.3".equals(parserVersion(documentId)));
        assertThat(RestAssured.given().get("/api/zaken/" + zaak).then().statusCode(200).extract()
                .<List<String>>path("questions.answer.text")).containsExactly("Ja.", "Een plan.");
        assertThat(outboxRows(zaak)).isEqualTo(3);
        assertThat(versions(documentId)).isEqualTo(1);
        Thread.sleep(1000); // what the relay would send late shows up here
        assertThat(eventsFor(zaak)).hasSize(3);
    }

    private ParsedLetter answers(String zaak, List<ParsedLetter.Question> questions, ParsedLetter.Answer... answers) {
        return letter(LetterKind.ANSWER, zaak, SUBMITTED, SUBMITTED.plusDays(20), "Sneller", "D66", MINISTRY, questions,
                List.of(answers));
    }

    private static LetterParsed parsed(String documentId, Instant fetched, String parserVersion, ParsedLetter letter) {
        return new LetterParsed(documentId, "7".repeat(64), "test", null, "text/plain", fetched, Instant.now(),
                parserVersion, SourceMetadata.none(), letter);
    }

    private void reparse(LetterParsed event) throws Exception {
        Letters.publishTo(EventTypes.TOPIC_LETTERS_REPARSED, bootstrapServers, json, event);
    }

    private String parserVersion(String documentId) {
        var response = RestAssured.given().get("/api/letters/" + documentId).then().extract();
        return response.statusCode() == 200 ? response.path("parserVersion") : null;
    }

    private long published(String zaak) {
        return count("SELECT count(*) FROM outbox_event WHERE zaak_number = :k AND published_at IS NOT NULL", zaak);
    }

    private long outboxRows(String zaak) {
        return count("SELECT count(*) FROM outbox_event WHERE zaak_number = :k", zaak);
    }

    private long versions(String documentId) {
        return count("SELECT count(*) FROM answer_version v JOIN letter l ON l.id = v.letter_id WHERE l.document_id = :k",
                documentId);
    }

    private long count(String sql, String key) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql)
                .setParameter("k", key).getSingleResult()).longValue());
    }

    private List<ConsumerRecord<String, String>> eventsFor(String zaak) {
        return new TopicReader(bootstrapServers).readAll("answers.published").stream()
                .filter(r -> zaak.equals(r.key())).toList();
    }
}
