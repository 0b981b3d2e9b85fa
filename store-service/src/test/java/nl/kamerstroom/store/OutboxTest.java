package nl.kamerstroom.store;

import static nl.kamerstroom.store.Letters.a;
import static nl.kamerstroom.store.Letters.event;
import static nl.kamerstroom.store.Letters.letter;
import static nl.kamerstroom.store.Letters.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.LetterParsed;
import nl.kamerstroom.store.letter.LetterWriter;
import nl.kamerstroom.store.outbox.OutboxRelay;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import nl.kamerstroom.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class OutboxTest {

    private static final LocalDate SUBMITTED = LocalDate.of(2025, 9, 19);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper json;

    @Inject
    OutboxRelay relay;

    @Inject
    LetterWriter writer;

    @Inject
    EntityManager em;

    @Test
    void questionsAnswersAndChangesAreAnnouncedOnceEach() throws Exception {
        String zaak = Letters.newZaak();
        var questions = List.of(q("1", "Kent u het bericht?"), q("2", "Wat doet u?"));
        publish(event("kv-" + zaak, "1".repeat(64), letter(LetterKind.QUESTIONS, zaak, SUBMITTED, SUBMITTED, "Sneller",
                "D66", "Minister van Justitie en Veiligheid", questions, List.of())));
        LetterParsed answer = event("ah-" + zaak, "2".repeat(64), letter(LetterKind.ANSWER, zaak, SUBMITTED,
                SUBMITTED.plusDays(20), "Sneller", "D66", "Minister van Justitie en Veiligheid", questions,
                List.of(a("Ja.", "1"), a("Niets.", "2"))));
        publish(answer);
        publish(answer); // redelivered: nothing new to announce
        publish(event("ah-" + zaak, "3".repeat(64), letter(LetterKind.ANSWER, zaak, SUBMITTED, SUBMITTED.plusDays(20),
                "Sneller", "D66", "Minister van Justitie en Veiligheid", questions,
                List.of(a("Ja.", "1"), a("Een plan.", "2")))));

        List<ConsumerRecord<String, String>> events = awaitEvents(zaak, 4);
        assertThat(events).extracting(r -> TopicReader.header(r, "ce_type")).containsExactly(
                "nl.kamerstroom.question.asked.v1", "nl.kamerstroom.answer.published.v1",
                "nl.kamerstroom.answer.published.v1", "nl.kamerstroom.answer.changed.v1");
        assertThat(events).allMatch(r -> zaak.equals(r.key()));
        JsonNode changed = json.readTree(events.get(3).value());
        assertThat(changed.get("text").asText()).isEqualTo("Een plan.");
        assertThat(changed.get("previousText").asText()).isEqualTo("Niets.");
        assertThat(changed.get("questionTexts").get(0).asText()).isEqualTo("Wat doet u?");
        assertThat(TopicReader.header(events.get(3), "ce_id")).isEqualTo(changed.get("eventId").asText());
        // nothing more arrives for the redelivery
        Thread.sleep(1000);
        assertThat(eventsFor(zaak)).hasSize(4);
    }

    @Test
    void anEventCommittedBeforeACrashIsPublishedExactlyOnceAfterRestart() throws Exception {
        String zaak = Letters.newZaak();
        relay.pause(true); // the store died after its commit, before the Kafka send
        try {
            publish(event("uit-" + zaak, "4".repeat(64), letter(LetterKind.POSTPONEMENT, zaak, SUBMITTED,
                    SUBMITTED.plusDays(20), "Sneller", "D66", "Minister van Financiën", List.of(), List.of())));
            await().atMost(WAIT).until(() -> pending(zaak) == 1);
            assertThat(eventsFor(zaak)).isEmpty();
        } finally {
            relay.pause(false); // restarted
        }
        List<ConsumerRecord<String, String>> events = awaitEvents(zaak, 1);
        assertThat(TopicReader.header(events.get(0), "ce_type")).isEqualTo("nl.kamerstroom.zaak.postponed.v1");
        await().atMost(WAIT).until(() -> pending(zaak) == 0);
        Thread.sleep(1000);
        assertThat(eventsFor(zaak)).hasSize(1);
    }

    @Test
    void noEventForAnAnswerWhoseTransactionRolledBack() throws Exception {
        String zaak = Letters.newZaak();
        LetterParsed answer = event("ah-" + zaak, "5".repeat(64), letter(LetterKind.ANSWER, zaak, SUBMITTED,
                SUBMITTED.plusDays(20), "Sneller", "D66", "Minister van Financiën", List.of(q("1", "Waarom?")),
                List.of(a("Daarom.", "1"))));
        // the answer and its outbox row are written, then something later in the transaction fails
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            writer.write(answer, new LetterWriter.Lookups());
            em.flush();
            throw new IllegalStateException("simulated failure after the write");
        })).hasMessageContaining("simulated failure");
        io.restassured.RestAssured.given().get("/api/letters/" + answer.documentId()).then().statusCode(404);
        assertThat(pending(zaak) + published(zaak)).isZero();
        Thread.sleep(1000);
        assertThat(eventsFor(zaak)).isEmpty();
    }

    private long pending(String zaak) {
        return count(zaak, "published_at IS NULL");
    }

    private long published(String zaak) {
        return count(zaak, "published_at IS NOT NULL");
    }

    private long count(String zaak, String condition) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM outbox_event WHERE zaak_number = :z AND " + condition)
                .setParameter("z", zaak).getSingleResult()).longValue());
    }

    private List<ConsumerRecord<String, String>> awaitEvents(String zaak, int n) {
        await().atMost(WAIT).until(() -> eventsFor(zaak).size() >= n);
        return eventsFor(zaak);
    }

    private List<ConsumerRecord<String, String>> eventsFor(String zaak) {
        return new TopicReader(bootstrapServers).readAll("answers.published").stream()
                .filter(r -> zaak.equals(r.key())).toList();
    }

    private void publish(LetterParsed event) throws Exception {
        Letters.publish(bootstrapServers, json, event);
        await().atMost(WAIT).until(() -> io.restassured.RestAssured.given().get("/api/letters/" + event.documentId())
                .then().extract().statusCode() == 200
                && event.sha256().equals(io.restassured.RestAssured.given().get("/api/letters/" + event.documentId())
                        .then().extract().path("sha256")));
    }
}
