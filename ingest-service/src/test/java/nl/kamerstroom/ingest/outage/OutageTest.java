package nl.kamerstroom.ingest.outage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import nl.kamerstroom.testsupport.TopicReader;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Kafka or the database down while letters arrive: uploads get 503 with Retry-After (never 500) and
 * nothing half-recorded, the watched folder keeps its file in the inbox, and once the dependency is
 * back ingest is ready again within 30 s and the retried upload is on the topic exactly once.
 */
@QuarkusTest
@TestProfile(OutageProfile.class)
class OutageTest {

    private static final Logger LOG = Logger.getLogger(OutageTest.class);
    private static final String KEY = "test-upload-key";
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "kamerstroom.ingest.watch.dir")
    Path inbox;

    @Test
    void whileKafkaIsDownUploadsGet503AndTheRetryIsPublishedOnce() throws Exception {
        // the broker's first record (topic creation, metadata) may take longer than the 3 s publish timeout
        String first = "Vraag 1\nvoor de storing " + UUID.randomUUID();
        String baseline = await().atMost(RECOVERY_BOUND).pollInterval(Duration.ofMillis(500))
                .until(() -> upload(first), r -> r.statusCode() == 202).path("documentId");
        new TopicReader(bootstrapServers).awaitKey("letters.fetched", baseline, Duration.ofSeconds(30));

        String letter = "Vraag 1\ntijdens de storing " + UUID.randomUUID();
        String fileName = "storing-" + UUID.randomUUID() + ".txt";
        control("stopKafka");
        Instant back;
        try {
            upload(letter).then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "7").body("detail", containsString("Retry-After"));
            drop(fileName, "Vraag 1\nuit de map, tijdens de storing " + UUID.randomUUID());
            // several scans fail meanwhile; the file is neither processed nor failed
            Thread.sleep(4000);
            assertThat(inbox.resolve(fileName)).exists();
            assertThat(inbox.resolve("failed").resolve(fileName)).doesNotExist();
        } finally {
            control("startKafka");
            back = Instant.now();
        }
        Duration ready = awaitReady(back);
        LOG.infof("ingest ready %d ms after the broker was back", ready.toMillis());

        Response retried = await().atMost(RECOVERY_BOUND).pollInterval(Duration.ofMillis(500))
                .until(() -> upload(letter), r -> r.statusCode() == 202);
        String documentId = retried.path("documentId");
        LOG.infof("the retried upload was accepted %d ms after the broker was back",
                Duration.between(back, Instant.now()).toMillis());
        await().atMost(RECOVERY_BOUND).until(() -> Files.exists(inbox.resolve("processed").resolve(fileName)));

        // a marker sent after the retry: once it is visible, any second copy of the letter would be too
        String marker = upload("Vraag 1\nmarker " + UUID.randomUUID()).then().statusCode(202).extract().path("documentId");
        TopicReader topic = new TopicReader(bootstrapServers);
        topic.awaitKey("letters.fetched", marker, Duration.ofSeconds(30));
        assertThat(topic.readAll("letters.fetched").stream().filter(r -> documentId.equals(r.key())).count())
                .as("copies of the letter retried after the outage").isEqualTo(1);
        // and the same bytes once more are a duplicate, not a new event
        upload(letter).then().statusCode(202).body("documentId", equalTo(documentId)).body("duplicate", equalTo(true));
    }

    @Test
    void whileTheDatabaseIsDownUploadsGet503AndNothingIsHalfRecorded() throws Exception {
        String letter = "Vraag 1\nzonder database " + UUID.randomUUID();
        String fileName = "zonder-db-" + UUID.randomUUID() + ".txt";
        control("stopDatabase");
        Instant back;
        try {
            upload(letter).then().statusCode(503).header("Retry-After", "7").contentType("application/problem+json");
            // an issued key cannot be checked either: 503, not 401 or 500
            given().header("X-Api-Key", "ku_0123456789ab_" + "A".repeat(43)).contentType("text/plain").body(letter)
                    .when().post("/api/letters").then().statusCode(503);
            await().atMost(RECOVERY_BOUND).until(() -> given().get("/q/health/ready").statusCode() == 503);
            drop(fileName, "Vraag 1\nuit de map, zonder database " + UUID.randomUUID());
            Thread.sleep(3000);
            assertThat(inbox.resolve(fileName)).exists();
            assertThat(inbox.resolve("failed").resolve(fileName)).doesNotExist();
        } finally {
            control("startDatabase");
            back = Instant.now();
        }
        Duration ready = awaitReady(back);
        LOG.infof("ingest ready %d ms after the database was back", ready.toMillis());

        String documentId = await().atMost(RECOVERY_BOUND).pollInterval(Duration.ofMillis(500))
                .until(() -> upload(letter), r -> r.statusCode() == 202).path("documentId");
        await().atMost(RECOVERY_BOUND).until(() -> Files.exists(inbox.resolve("processed").resolve(fileName)));
        TopicReader topic = new TopicReader(bootstrapServers);
        topic.awaitKey("letters.fetched", documentId, Duration.ofSeconds(30));
        String marker = upload("Vraag 1\nmarker " + UUID.randomUUID()).then().statusCode(202).extract().path("documentId");
        topic.awaitKey("letters.fetched", marker, Duration.ofSeconds(30));
        assertThat(topic.readAll("letters.fetched").stream().filter(r -> documentId.equals(r.key())).count()).isEqualTo(1);
    }

    private static Duration awaitReady(Instant back) {
        await().atMost(RECOVERY_BOUND).pollInterval(Duration.ofMillis(250))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        return Duration.between(back, Instant.now());
    }

    private static Response upload(String letter) {
        return given().header("X-Api-Key", KEY).contentType("text/plain; charset=utf-8")
                .body(letter.getBytes(StandardCharsets.UTF_8)).when().post("/api/letters");
    }

    private void drop(String name, String content) throws Exception {
        Files.createDirectories(inbox);
        Path tmp = Files.createTempFile(inbox.getParent(), "drop", ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(tmp, FileTime.from(Instant.now().minusSeconds(5)));
        Files.move(tmp, inbox.resolve(name));
    }

    private static void control(String action) {
        OwnBrokerAndDatabase.controls().get(action).run();
    }
}
