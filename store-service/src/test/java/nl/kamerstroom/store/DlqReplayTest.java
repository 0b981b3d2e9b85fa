package nl.kamerstroom.store;

import static io.restassured.RestAssured.given;
import static nl.kamerstroom.store.Letters.a;
import static nl.kamerstroom.store.Letters.event;
import static nl.kamerstroom.store.Letters.letter;
import static nl.kamerstroom.store.Letters.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import nl.kamerstroom.events.LetterFailed;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.LetterParsed;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * An operator lists the store's dead letters and replays them. The lost letter is one an earlier
 * version dead-lettered during a database outage ("Unable to acquire JDBC Connection"): its
 * parsed record is on a topic the running store does not consume (as if its offset had been
 * committed past it), and the dead letter points at it. An unreadable record is dead-lettered for
 * real by the running store, and stays dead after a replay.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class DlqReplayTest {

    private static final LocalDate SUBMITTED = LocalDate.of(2025, 9, 19);
    private static final String LOST_TOPIC = "letters.parsed.committed-past";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper json;

    @Test
    void deadLettersAreListedWithTheirReasonsAndAReplayStoresTheOnesThatCanBeStored() throws Exception {
        String zaak = Letters.newZaak();
        LetterParsed lost = event("ah-" + zaak, "7".repeat(64), letter(LetterKind.ANSWER, zaak, SUBMITTED,
                SUBMITTED.plusDays(20), "Sneller", "D66", "Minister van Financiën", List.of(q("1", "Waarom?")),
                List.of(a("Daarom.", "1"))));
        String unreadableKey = "garbage-" + zaak;
        try (KafkaProducer<String, String> producer = producer()) {
            RecordMetadata at = producer.send(new ProducerRecord<>(LOST_TOPIC, lost.key(), json.writeValueAsString(lost))).get();
            LetterFailed failed = new LetterFailed(lost.documentId(), lost.sha256(), lost.source(), lost.contentType(),
                    "store", "the store could not write the letter: org.hibernate.exception.JDBCConnectionException:"
                            + " Unable to acquire JDBC Connection", "JDBCConnectionException", at.topic(), at.partition(),
                    at.offset(), Instant.now());
            producer.send(new ProducerRecord<>("letters.dlq", lost.documentId(),
                    json.copy().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsString(failed))).get();
            producer.send(new ProducerRecord<>("letters.parsed", unreadableKey, "{not json")).get();
        }
        given().get("/api/zaken/" + zaak).then().statusCode(404);

        given().get("/api/admin/dlq").then().statusCode(401);
        await().atMost(Duration.ofSeconds(30)).until(() -> entry(list(), unreadableKey) != null);
        List<Map<String, Object>> before = list();
        Map<String, Object> lostEntry = entry(before, lost.documentId());
        assertThat((String) lostEntry.get("reason")).contains("Unable to acquire JDBC Connection");
        assertThat(lostEntry.get("storedSince")).isEqualTo(false);
        assertThat((String) entry(before, unreadableKey).get("reason")).contains("could not be read as a parsed letter");

        JsonPath replay = given().header("X-Api-Key", Subscribers.OPERATOR_KEY).post("/api/admin/dlq/replay")
                .then().statusCode(200).extract().jsonPath();
        assertThat(replay.getList("stillFailing", String.class)).contains(unreadableKey).doesNotContain(lost.documentId());
        assertThat(replay.getInt("storedNow")).isGreaterThanOrEqualTo(1);

        given().get("/api/zaken/" + zaak).then().statusCode(200);
        assertThat(given().get("/api/letters/" + lost.documentId()).then().statusCode(200).extract().<String>path("sha256"))
                .isEqualTo(lost.sha256());
        List<Map<String, Object>> after = list();
        assertThat(entry(after, lost.documentId()).get("storedSince")).isEqualTo(true);
        // replayed and dead again: the same input, counted twice, not listed twice
        await().atMost(Duration.ofSeconds(30)).until(() -> ((Number) entry(list(), unreadableKey).get("times")).intValue() == 2);
        assertThat(list().stream().filter(e -> unreadableKey.equals(e.get("documentId")))).hasSize(1);
    }

    private static List<Map<String, Object>> list() {
        return given().header("X-Api-Key", Subscribers.OPERATOR_KEY).get("/api/admin/dlq").then().statusCode(200)
                .extract().jsonPath().getList("deadLetters");
    }

    private static Map<String, Object> entry(List<Map<String, Object>> entries, String documentId) {
        return entries.stream().filter(e -> documentId.equals(e.get("documentId"))).findFirst().orElse(null);
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
}
