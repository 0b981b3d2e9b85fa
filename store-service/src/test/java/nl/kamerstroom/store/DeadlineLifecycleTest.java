package nl.kamerstroom.store;

import static io.restassured.RestAssured.given;
import static nl.kamerstroom.store.Letters.a;
import static nl.kamerstroom.store.Letters.event;
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
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.kamerstroom.events.EventTypes;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.LetterParsed;
import nl.kamerstroom.store.letter.LetterStore;
import nl.kamerstroom.store.zaak.AnswerTerm;
import nl.kamerstroom.store.zaak.DeadlineEvents;
import nl.kamerstroom.store.zaak.DeadlineSchedule;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import nl.kamerstroom.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Time as an event, with the store's clock ({@link TestClock}) moved day by day through a zaak's
 * whole life: asked → approaching → overdue → postponed (overdue no more, a new deadline) →
 * approaching and overdue again → answered late. Every event reaches {@code answers.published}
 * exactly once, also when the scheduler runs twice or on two threads at once (two replicas), and a
 * replay of the zaak's letters into an empty database records the old deadlines as history
 * without announcing anything again.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class DeadlineLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String MINISTRY = "Minister van Justitie en Veiligheid";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper json;

    @Inject
    TestClock clock;

    @Inject
    DeadlineSchedule schedule;

    @Inject
    LetterStore store;

    @Inject
    EntityManager em;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aZaaksWholeLifeAnnouncesEachTimeDrivenEventOnceAndAReplayAnnouncesNone() throws Exception {
        String zaak = Letters.newZaak();
        String party = "Tijd" + zaak.substring(5);
        LocalDate asked = AnswerTerm.today(clock);
        LocalDate term = asked.plusDays(21);
        LocalDate extended = asked.plusDays(42);
        var questions = List.of(q("1", "Wanneer komt het antwoord?"));

        publish(event("kv-" + zaak, "a".repeat(64), letter(LetterKind.QUESTIONS, zaak, asked, asked, "Sneller", party,
                MINISTRY, questions, List.of())));
        // planned, not yet due
        assertThat(events(zaak)).extracting(e -> e.getString("type") + "@" + e.getString("deadline") + "=" + e.getString("state"))
                .containsExactly(EventTypes.ZAAK_DEADLINE_APPROACHING + "@" + term + "=PENDING",
                        EventTypes.ZAAK_OVERDUE + "@" + term + "=PENDING");
        schedule.announceDue();
        assertThat(timeDrivenInOutbox(zaak)).isZero();

        // three days before the deadline; two replicas run at once, then one runs again (a restart)
        moveTo(term.minusDays(3));
        concurrently(schedule::announceDue, schedule::announceDue);
        schedule.announceDue();
        assertThat(timeDrivenInOutbox(zaak)).isEqualTo(1);
        assertThat(overdueList()).doesNotContain(zaak);

        // the first day after the deadline, no answer: overdue
        moveTo(term.plusDays(1));
        concurrently(schedule::announceDue, schedule::announceDue);
        assertThat(timeDrivenInOutbox(zaak)).isEqualTo(2);
        assertThat(overdueList()).contains(zaak);

        // a postponement notice, after the deadline: six weeks now, overdue no more
        moveTo(term.plusDays(2));
        publish(event("uit-" + zaak, "b".repeat(64), letter(LetterKind.POSTPONEMENT, zaak, asked, term.plusDays(2),
                "Sneller", party, MINISTRY, List.of(), List.of())));
        await().atMost(WAIT).until(() -> extended.toString().equals(
                given().get("/api/zaken/" + zaak).then().extract().path("deadline")));
        assertThat(overdueList()).doesNotContain(zaak);
        assertThat(events(zaak)).extracting(e -> e.getString("type") + "@" + e.getString("deadline") + "=" + e.getString("state"))
                .containsExactly(EventTypes.ZAAK_DEADLINE_APPROACHING + "@" + term + "=ANNOUNCED",
                        EventTypes.ZAAK_OVERDUE + "@" + term + "=ANNOUNCED",
                        EventTypes.ZAAK_DEADLINE_APPROACHING + "@" + extended + "=PENDING",
                        EventTypes.ZAAK_OVERDUE + "@" + extended + "=PENDING");

        moveTo(extended.minusDays(3));
        schedule.announceDue();
        moveTo(extended.plusDays(1));
        concurrently(schedule::announceDue, schedule::announceDue);
        assertThat(timeDrivenInOutbox(zaak)).isEqualTo(4);

        // answered 8 days after the extended deadline
        LocalDate answered = extended.plusDays(8);
        moveTo(answered);
        publish(event("ah-" + zaak, "c".repeat(64), letter(LetterKind.ANSWER, zaak, asked, answered, "Sneller", party,
                MINISTRY, questions, List.of(a("Nu.", "1")))));
        schedule.announceDue();
        schedule.announceDue();
        assertThat(timeDrivenInOutbox(zaak)).isEqualTo(5);

        // on answers.published: every event once, in the order of the zaak's life
        List<String> expected = List.of(EventTypes.QUESTION_ASKED, EventTypes.ZAAK_DEADLINE_APPROACHING,
                EventTypes.ZAAK_OVERDUE, EventTypes.ZAAK_POSTPONED, EventTypes.ZAAK_DEADLINE_APPROACHING,
                EventTypes.ZAAK_OVERDUE, EventTypes.ANSWER_PUBLISHED, EventTypes.ZAAK_OVERDUE_ANSWERED);
        await().atMost(WAIT).until(() -> published(zaak).size() >= expected.size());
        List<ConsumerRecord<String, String>> published = published(zaak);
        assertThat(published).extracting(r -> TopicReader.header(r, "ce_type")).containsExactlyElementsOf(expected);
        List<LocalDate> deadlines = List.of(term, term, extended, extended);
        List<ConsumerRecord<String, String>> timed = published.stream()
                .filter(r -> !List.of(EventTypes.QUESTION_ASKED, EventTypes.ZAAK_POSTPONED, EventTypes.ANSWER_PUBLISHED)
                        .contains(TopicReader.header(r, "ce_type"))).toList();
        for (int i = 0; i < 4; i++) {
            JsonNode data = json.readTree(timed.get(i).value());
            assertThat(data.get("deadline").asText()).isEqualTo(deadlines.get(i).toString());
            assertThat(TopicReader.header(timed.get(i), "ce_id")).isEqualTo(DeadlineEvents.eventId(zaak,
                    TopicReader.header(timed.get(i), "ce_type"), deadlines.get(i)).toString());
        }
        JsonNode late = json.readTree(timed.get(4).value());
        assertThat(late.get("daysLate").asInt()).isEqualTo(8);
        assertThat(late.get("deadline").asText()).isEqualTo(extended.toString());
        assertThat(late.get("documentId").asText()).isEqualTo("ah-" + zaak);
        // the same filters as every other event: the party's feed, the zaak's feed, with Dutch titles
        String partyFeed = given().queryParam("party", party).queryParam("type", "zaak.overdue")
                .get("/feeds/answers.atom").then().statusCode(200).extract().asString();
        assertThat(partyFeed).contains(zaak + ": Antwoord te laat: termijn verlopen op").containsOnlyOnce(
                "verlopen op " + term.format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy",
                        java.util.Locale.forLanguageTag("nl"))));
        assertThat(given().get("/feeds/zaken/" + zaak + ".atom").then().statusCode(200).extract().asString())
                .contains(zaak + ": Te laat beantwoord, 8 dagen na de termijn")
                .contains(zaak + ": Termijn voor het antwoord verloopt op");
        assertThat(given().queryParam("party", "Niemand" + party).queryParam("type", "zaak.overdue")
                .get("/feeds/answers.atom").then().statusCode(200).extract().asString()).doesNotContain(zaak);

        // restart: the scheduler runs again, the letters come again: nothing new
        schedule.announceDue();
        Letters.publish(bootstrapServers, json, event("ah-" + zaak, "c".repeat(64), letter(LetterKind.ANSWER, zaak, asked,
                answered, "Sneller", party, MINISTRY, questions, List.of(a("Nu.", "1")))));
        Thread.sleep(1500);
        schedule.announceDue();
        assertThat(timeDrivenInOutbox(zaak)).isEqualTo(5);
        List<String> ids = events(zaak).stream().map(e -> e.getString("eventId")).toList();
        assertThat(events(zaak)).extracting(e -> e.getString("state")).containsOnly("ANNOUNCED").hasSize(5);

        // replay into an empty database, a month later: the history is there, nothing is announced again
        moveTo(answered.plusDays(30));
        List<ConsumerRecord<String, String>> letters = new TopicReader(bootstrapServers).readAll("letters.parsed").stream()
                .filter(r -> zaak.equals(r.key())).toList();
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("DELETE FROM letter WHERE zaak_number = :z").setParameter("z", zaak).executeUpdate();
            em.createNativeQuery("DELETE FROM zaak WHERE number = :z").setParameter("z", zaak).executeUpdate();
        });
        assertThat(events(zaak)).isEmpty();
        store.store(Letters.records(json, letters));
        schedule.announceDue();
        List<JsonPath> history = events(zaak);
        assertThat(history).extracting(e -> e.getString("state")).containsOnly("HISTORY").hasSize(5);
        assertThat(history).extracting(e -> e.getString("eventId")).containsExactlyElementsOf(ids);
        assertThat(history.get(4).getInt("daysLate")).isEqualTo(8);
        assertThat(timeDrivenInOutbox(zaak)).isEqualTo(5);
        Thread.sleep(1000);
        assertThat(published(zaak).stream().map(r -> TopicReader.header(r, "ce_type"))
                .filter(t -> t.contains(".zaak.deadline.") || t.contains(".zaak.overdue"))).hasSize(5);
    }

    @Test
    void anAnswerInTimeCancelsWhatWasPendingAndAWithdrawalToo() throws Exception {
        LocalDate asked = AnswerTerm.today(clock);
        String answered = Letters.newZaak();
        String withdrawn = Letters.newZaak();
        var questions = List.of(q("1", "Is dit op tijd?"));
        publish(event("kv-" + answered, "d".repeat(64), letter(LetterKind.QUESTIONS, answered, asked, asked, "Sneller",
                "D66", MINISTRY, questions, List.of())));
        publish(event("kv-" + withdrawn, "e".repeat(64), letter(LetterKind.QUESTIONS, withdrawn, asked, asked, "Sneller",
                "D66", MINISTRY, questions, List.of())));
        moveTo(asked.plusDays(5));
        publish(event("ah-" + answered, "f".repeat(64), letter(LetterKind.ANSWER, answered, asked, asked.plusDays(5),
                "Sneller", "D66", MINISTRY, questions, List.of(a("Ja.", "1")))));
        publish(event("in-" + withdrawn, "0".repeat(64), letter(LetterKind.WITHDRAWAL, withdrawn, asked, asked.plusDays(5),
                "Sneller", "D66", MINISTRY, List.of(), List.of())));
        for (String zaak : List.of(answered, withdrawn)) {
            await().atMost(WAIT).until(() -> events(zaak).stream().allMatch(e -> "CANCELLED".equals(e.getString("state"))));
            assertThat(events(zaak)).hasSize(2);
        }
        moveTo(asked.plusDays(30));
        schedule.announceDue();
        assertThat(timeDrivenInOutbox(answered) + timeDrivenInOutbox(withdrawn)).isZero();
    }

    @Test
    void theEventsEndpointRefusesWhatIsNotAZaakNumber() {
        given().get("/api/zaken/2025X1/events").then().statusCode(400);
        given().get("/api/zaken/2099Z99999/events").then().statusCode(200);
    }

    private void moveTo(LocalDate day) {
        clock.advanceTo(day.atStartOfDay(AnswerTerm.DUTCH_TIME).toInstant().plusSeconds(60));
    }

    /** Two scheduler runs started at the same moment, as on two replicas. */
    private static void concurrently(Runnable... runs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(runs.length);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (Runnable run : runs) {
                done.add(pool.submit(() -> {
                    start.await();
                    run.run();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private List<JsonPath> events(String zaak) {
        JsonPath body = given().get("/api/zaken/" + zaak + "/events").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> list = body.getList("events");
        return list.stream().map(m -> new JsonPath(toJson(m))).toList();
    }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The whole overdue list (oldest first: other tests' old zaken come before this one). */
    private List<String> overdueList() {
        List<String> numbers = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonPath body = given().queryParam("overdue", true).queryParam("size", 100).queryParam("page", page)
                    .get("/api/zaken").then().statusCode(200).extract().jsonPath();
            List<String> items = body.getList("items.number");
            numbers.addAll(items);
            if (items.isEmpty() || numbers.size() >= body.getLong("total")) {
                return numbers;
            }
        }
    }

    private long timeDrivenInOutbox(String zaak) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM outbox_event WHERE zaak_number = :z AND type IN (:types)").setParameter("z", zaak)
                .setParameter("types", List.of(EventTypes.ZAAK_DEADLINE_APPROACHING, EventTypes.ZAAK_OVERDUE,
                        EventTypes.ZAAK_OVERDUE_ANSWERED)).getSingleResult()).longValue());
    }

    private List<ConsumerRecord<String, String>> published(String zaak) {
        return new TopicReader(bootstrapServers).readAll("answers.published").stream()
                .filter(r -> zaak.equals(r.key())).toList();
    }

    private void publish(LetterParsed event) throws Exception {
        Letters.publish(bootstrapServers, json, event);
        await().atMost(WAIT).until(() -> given().get("/api/letters/" + event.documentId()).then().extract()
                .statusCode() == 200);
    }
}
