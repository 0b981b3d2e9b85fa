package nl.kamerstroom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.LetterParsed;
import nl.kamerstroom.store.letter.LetterStore;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import nl.kamerstroom.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Replaying the whole {@code letters.parsed} and {@code letters.reparsed} topics into an empty
 * database gives the state the live run built, and replaying it again changes nothing. The replay goes through the same
 * {@link LetterStore#store} the Kafka consumer calls, with the records read back from the real topic.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ReplayTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper json;

    @Inject
    EntityManager em;

    @Inject
    LetterStore store;

    @Test
    void replayingTheTopicIntoAnEmptyDatabaseGivesTheSameStateTwice() throws Exception {
        // some history of our own: a zaak with questions, postponement, answer, and a changed answer
        String zaak = Letters.newZaak();
        LocalDate submitted = LocalDate.of(2025, 9, 19);
        var questions = List.of(Letters.q("1", "Wat?"), Letters.q("2", "Waarom?"));
        Letters.publish(bootstrapServers, json,
                Letters.event("kv-" + zaak, "1".repeat(64), Letters.letter(LetterKind.QUESTIONS, zaak, submitted,
                        submitted, "Sneller", "D66", "Minister van Financiën", questions, List.of())),
                Letters.event("uit-" + zaak, "2".repeat(64), Letters.letter(LetterKind.POSTPONEMENT, zaak, submitted,
                        submitted.plusDays(20), "Sneller", "D66", "Minister van Financiën", List.of(), List.of())),
                Letters.event("ah-" + zaak, "3".repeat(64), Letters.letter(LetterKind.ANSWER, zaak, submitted,
                        submitted.plusDays(40), "Sneller", "D66", "Minister van Financiën", questions,
                        List.of(Letters.a("Dit.", "1"), Letters.a("Daarom.", "2")))),
                Letters.event("ah-" + zaak, "4".repeat(64), Letters.letter(LetterKind.ANSWER, zaak, submitted,
                        submitted.plusDays(40), "Sneller", "D66", "Minister van Financiën", questions,
                        List.of(Letters.a("Dit.", "1"), Letters.a("Daarom niet.", "2")))));

        // the history is both topics: live parses and operators' re-parses (ReparseTest's letters)
        List<ConsumerRecord<String, String>> topic = new java.util.ArrayList<>(
                new TopicReader(bootstrapServers).readAll("letters.parsed"));
        topic.addAll(new TopicReader(bootstrapServers).readAll("letters.reparsed"));
        List<String> documentIds = topic.stream().map(r -> Letters.read(json, r.value())).filter(java.util.Objects::nonNull)
                .map(LetterParsed::documentId).distinct().toList();
        await().atMost(Duration.ofSeconds(60)).until(() -> countOnTopic(documentIds) == documentIds.size()
                && versionsOf(zaak) >= 1 && isQuiet());
        // letters stored from elsewhere (DlqReplayTest replays a dead letter from a topic of its own) are
        // not part of this topic's history: without them, the live state is what the topic gives
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("DELETE FROM letter WHERE document_id NOT IN (:ids)").setParameter("ids", documentIds)
                    .executeUpdate();
            em.createNativeQuery("DELETE FROM zaak z WHERE NOT EXISTS (SELECT 1 FROM letter l WHERE l.zaak_number = z.number)")
                    .executeUpdate();
        });
        Map<String, List<String>> live = snapshot();
        assertThat(live.get("zaak")).anyMatch(z -> z.startsWith(zaak + "|ANSWERED|2025-09-19|"));

        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("TRUNCATE letter, zaak, member, office,"
                + " answer_version, question, answer, letter_asker, letter_addressee, letter_answerer CASCADE")
                .executeUpdate());
        assertThat(count("letter")).isZero();

        store.store(records(topic));
        assertThat(snapshot()).isEqualTo(live);
        store.store(records(topic));
        assertThat(snapshot()).isEqualTo(live);
    }

    /** The stored state without ids and wall-clock timestamps. */
    private Map<String, List<String>> snapshot() {
        Map<String, List<String>> state = new HashMap<>();
        state.put("letter", rows("SELECT concat_ws('|', document_id, sha256, result_hash, kind, zaak_number,"
                + " deleted_at IS NULL) FROM letter ORDER BY 1"));
        state.put("zaak", rows("SELECT concat_ws('|', z.number, z.status, z.submitted_date, z.deadline, z.answered_date,"
                + " z.reply_days, z.postponed, l.document_id) FROM zaak z LEFT JOIN letter l ON l.id = z.primary_letter_id"
                + " ORDER BY 1"));
        state.put("question", rows("SELECT concat_ws('|', l.document_id, q.position, q.number, q.text, q.answer_text)"
                + " FROM question q JOIN letter l ON l.id = q.letter_id ORDER BY 1"));
        state.put("answer", rows("SELECT concat_ws('|', l.document_id, a.position, a.question_numbers::text, a.text)"
                + " FROM answer a JOIN letter l ON l.id = a.letter_id ORDER BY 1"));
        state.put("version", rows("SELECT concat_ws('|', l.document_id, v.question_numbers::text, v.text, v.sha256)"
                + " FROM answer_version v JOIN letter l ON l.id = v.letter_id ORDER BY 1"));
        state.put("people", rows("SELECT concat_ws('|', l.document_id, la.position, m.name, m.party) FROM letter_asker la"
                + " JOIN letter l ON l.id = la.letter_id JOIN member m ON m.id = la.member_id ORDER BY 1"));
        state.put("offices", rows("SELECT concat_ws('|', l.document_id, a.position, o.title) FROM letter_addressee a"
                + " JOIN letter l ON l.id = a.letter_id JOIN office o ON o.id = a.office_id ORDER BY 1"));
        return state;
    }

    @SuppressWarnings("unchecked")
    private List<String> rows(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> (List<String>) em.createNativeQuery(sql).getResultList());
    }

    private long count(String table) {
        return QuarkusTransaction.requiringNew().call(() ->
                ((Number) em.createNativeQuery("SELECT count(*) FROM " + table).getSingleResult()).longValue());
    }

    /** This zaak's replaced answers: its changed answer is stored (another test's version does not count). */
    private long versionsOf(String zaak) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM answer_version v JOIN letter l ON l.id = v.letter_id WHERE l.zaak_number = :z")
                .setParameter("z", zaak).getSingleResult()).longValue());
    }

    private long countOnTopic(List<String> documentIds) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM letter WHERE document_id IN (:ids)").setParameter("ids", documentIds)
                .getSingleResult()).longValue());
    }

    private boolean isQuiet() {
        long before = count("letter");
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return count("letter") == before;
    }

    private ConsumerRecords<String, LetterParsed> records(List<ConsumerRecord<String, String>> topic) {
        return Letters.records(json, topic);
    }
}
