package nl.kamerstroom.store;

import static io.restassured.RestAssured.given;
import static nl.kamerstroom.store.Letters.a;
import static nl.kamerstroom.store.Letters.event;
import static nl.kamerstroom.store.Letters.letter;
import static nl.kamerstroom.store.Letters.q;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.LetterParsed;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.events.ZaakUpdate;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import nl.kamerstroom.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox under the load that used to duplicate events: the relay and the webhook matcher
 * working the same rows at once (they deadlocked, and the relay's batch went out again), and an
 * event Kafka cannot take (it blocked and re-sent the rows behind it).
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class OutboxRelayFaultsTest {

    /** Long ago: these many letters must not push other tests' zaken off the first page of newest-first lists. */
    private static final LocalDate SUBMITTED = LocalDate.of(2001, 9, 19);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int LETTERS = 200;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper json;

    @Inject
    EntityManager em;

    private Subscribers subscriber;
    private Receiver receiver;

    @BeforeEach
    void subscribe() {
        subscriber = new Subscribers("outbox-faults-test");
        receiver = Receiver.start();
    }

    @AfterEach
    void cleanUp() {
        subscriber.deleteAll();
        receiver.close();
    }

    @Test
    void withWebhooksSubscribedEveryEventIsPublishedExactlyOnce() throws Exception {
        // three subscriptions that match everything: the matcher works every outbox row the relay works
        for (int i = 0; i < 2; i++) {
            subscriber.subscribe(receiver.url(), Map.of("party", "D66"));
        }
        String prefix = "2098Z" + (System.nanoTime() % 9);
        List<LetterParsed> letters = new ArrayList<>();
        for (int i = 0; i < LETTERS; i++) {
            String zaak = prefix + String.format("%04d", i);
            List<ParsedLetter.Question> questions = List.of(q("1", "Waarom " + i + "?"), q("2", "Hoe?"), q("3", "Wanneer?"));
            letters.add(event("ah-" + zaak + "-" + UUID.randomUUID(), String.format("%064d", i), letter(LetterKind.ANSWER,
                    zaak, SUBMITTED, SUBMITTED.plusDays(20), "Sneller", "D66", "Minister van Financiën", questions,
                    List.of(a("Daarom.", "1"), a("Zo.", "2"), a("Morgen.", "3")))));
        }
        Letters.publish(bootstrapServers, json, letters.toArray(LetterParsed[]::new));
        Set<String> zaken = letters.stream().map(l -> l.letter().primaryZaak()).collect(Collectors.toSet());
        int expected = LETTERS * 3;

        // generous: on a shared 2-core machine under load, storing, relaying and matching take their time
        Duration busy = Duration.ofMinutes(4);
        await().atMost(busy).until(() -> outboxRows(prefix) == expected && unpublished(prefix) == 0);
        await().atMost(busy).until(() -> count("SELECT count(*) FROM webhook_match_queue WHERE :p IS NOT NULL", prefix) == 0);
        await().atMost(busy).until(() -> count("SELECT count(*) FROM webhook_delivery WHERE zaak_number LIKE :p", prefix)
                == expected * 2L);
        Thread.sleep(2000); // anything sent twice would be on the topic by now

        List<ConsumerRecord<String, String>> published = new TopicReader(bootstrapServers).readAll("answers.published")
                .stream().filter(r -> zaken.contains(r.key())).toList();
        Map<String, Long> copies = published.stream()
                .collect(Collectors.groupingBy(r -> TopicReader.header(r, "ce_id"), Collectors.counting()));
        System.out.printf("%d letters, %d events: %d records on answers.published, %d ids sent more than once%n",
                LETTERS, expected, published.size(), copies.values().stream().filter(c -> c > 1).count());
        assertThat(copies).hasSize(expected);
        assertThat(copies.values()).as("copies per CloudEvent id").allMatch(c -> c == 1);
    }

    @Test
    void anEventKafkaCannotTakeIsSetAsideAndTheRowsBehindItGoOutOnce() throws Exception {
        String zaak = Letters.newZaak();
        // a row as an older version wrote it, before events were bounded at creation: 1.2 MB
        long tooLarge = QuarkusTransaction.requiringNew().call(() -> {
            nl.kamerstroom.store.outbox.OutboxEvent big = new nl.kamerstroom.store.outbox.OutboxEvent();
            big.eventId = UUID.randomUUID();
            big.type = "nl.kamerstroom.answer.published.v1";
            big.zaakNumber = zaak;
            big.createdAt = Instant.now();
            big.payload = json.writeValueAsString(new ZaakUpdate(big.eventId.toString(), big.type, zaak, "ah-old-" + zaak,
                    LetterKind.ANSWER, "Vragen over " + zaak, SUBMITTED, List.of(new ParsedLetter.Member("Sneller", "D66")),
                    List.of("Minister van Financiën"), List.of("Minister van Financiën"), List.of("1"), List.of("Waarom?"),
                    "x".repeat(1_200_000), null, big.createdAt));
            big.persist();
            return big.id;
        });
        LetterParsed after = event("ah-" + zaak, "f".repeat(64), letter(LetterKind.ANSWER, zaak, SUBMITTED,
                SUBMITTED.plusDays(20), "Sneller", "D66", "Minister van Financiën", List.of(q("1", "Waarom?")),
                List.of(a("Daarom.", "1"))));
        Letters.publish(bootstrapServers, json, after);

        await().atMost(WAIT).until(() -> eventsFor(zaak).size() == 1);
        Thread.sleep(3000); // three relay ticks: the later row is not sent again, the large one never
        assertThat(eventsFor(zaak)).hasSize(1);
        assertThat(TopicReader.header(eventsFor(zaak).get(0), "ce_type")).isEqualTo("nl.kamerstroom.answer.published.v1");

        List<Map<String, Object>> setAside = given().header("X-Api-Key", Subscribers.OPERATOR_KEY)
                .get("/api/admin/outbox/set-aside").then().statusCode(200).extract().jsonPath().getList("events");
        Map<String, Object> row = setAside.stream().filter(r -> ((Number) r.get("id")).longValue() == tooLarge)
                .findFirst().orElseThrow();
        assertThat((String) row.get("reason")).contains("max-event-bytes");
        assertThat(((Number) row.get("bytes")).intValue()).isGreaterThan(1_200_000);
        given().get("/api/admin/outbox/set-aside").then().statusCode(401);
        assertThat(given().get("/q/health/live").then().extract().statusCode()).isEqualTo(200);
    }

    @Test
    void anAnswerTooLongForOneEventIsCutAtCreationAndStillGoesOut() throws Exception {
        String zaak = Letters.newZaak();
        // 40 questions answered together, each question and the answer long: ~2.4 MB of text in one event
        List<ParsedLetter.Question> questions = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            questions.add(q(Integer.toString(i), "Vraag " + i + " " + "w".repeat(40_000)));
            numbers.add(Integer.toString(i));
        }
        LetterParsed big = event("ah-" + zaak, "9".repeat(64), letter(LetterKind.ANSWER, zaak, SUBMITTED,
                SUBMITTED.plusDays(20), "Sneller", "D66", "Minister van Financiën", questions,
                List.of(a("Antwoord " + "a".repeat(800_000), numbers.toArray(String[]::new)))));
        Letters.publish(bootstrapServers, json, big);
        await().atMost(WAIT).until(() -> eventsFor(zaak).size() == 1);
        ConsumerRecord<String, String> event = eventsFor(zaak).get(0);
        assertThat(event.value().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1_000_000);
        var payload = json.readTree(event.value());
        assertThat(payload.get("questionNumbers")).hasSize(40);
        assertThat(payload.get("text").asText()).startsWith("Antwoord aaa").endsWith("/api/zaken/" + zaak + "]");
        // the full text is stored
        assertThat(given().get("/api/zaken/" + zaak).then().statusCode(200).extract().asString()).contains("a".repeat(800_000));
    }

    private List<ConsumerRecord<String, String>> eventsFor(String zaak) {
        return new TopicReader(bootstrapServers).readAll("answers.published").stream()
                .filter(r -> zaak.equals(r.key())).toList();
    }

    private long outboxRows(String prefix) {
        return count("SELECT count(*) FROM outbox_event WHERE zaak_number LIKE :p", prefix);
    }

    private long unpublished(String prefix) {
        return count("SELECT count(*) FROM outbox_event WHERE zaak_number LIKE :p AND published_at IS NULL", prefix);
    }

    private long count(String sql, String prefix) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql)
                .setParameter("p", prefix + "%").getSingleResult()).longValue());
    }
}
