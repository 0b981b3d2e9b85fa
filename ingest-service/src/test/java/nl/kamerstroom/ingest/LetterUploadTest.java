package nl.kamerstroom.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import nl.kamerstroom.testsupport.TopicReader;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class LetterUploadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The bootstrap upload key of the test profile (application.properties). */
    static final String UPLOAD_KEY = "test-upload-key";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void uploadedTextIsPublishedOnceWithItsBytesHashAndMetadata() throws Exception {
        byte[] letter = ("Vraag 1\nKent u het bericht? " + UUID.randomUUID() + "\nAntwoord op vraag 1\nJa.")
                .getBytes(StandardCharsets.UTF_8);

        String documentId = given().header("X-Api-Key", UPLOAD_KEY).contentType("text/plain; charset=utf-8").body(letter)
                .queryParam("fileName", "brief.txt").queryParam("zaak", "2025Z17315")
                .when().post("/api/letters")
                .then().statusCode(202).body("documentId", notNullValue()).body("duplicate", equalTo(false))
                .extract().path("documentId");

        ConsumerRecord<String, String> record = eventFor(documentId);
        JsonNode event = JSON.readTree(record.value());
        assertThat(record.key()).isEqualTo(documentId);
        assertThat(TopicReader.header(record, "ce_type")).isEqualTo("nl.kamerstroom.letter.fetched.v1");
        assertThat(TopicReader.header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(event.get("source").asText()).isEqualTo("upload");
        assertThat(event.get("contentType").asText()).isEqualTo("text/plain");
        assertThat(event.get("fileName").asText()).isEqualTo("brief.txt");
        assertThat(event.get("size").asLong()).isEqualTo(letter.length);
        assertThat(event.get("sha256").asText()).isEqualTo(sha256(letter));
        assertThat(Base64.getDecoder().decode(event.get("content").asText())).isEqualTo(letter);
        assertThat(event.at("/metadata/zaakNumbers/0").asText()).isEqualTo("2025Z17315");

        // the same bytes again: the same id, and no second event
        given().header("X-Api-Key", UPLOAD_KEY).contentType("text/plain").body(letter)
                .when().post("/api/letters")
                .then().statusCode(202).body("documentId", equalTo(documentId)).body("duplicate", equalTo(true));
        byte[] marker = ("Vraag 1\nmarker " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String markerId = given().header("X-Api-Key", UPLOAD_KEY).contentType("text/plain").body(marker).when().post("/api/letters")
                .then().statusCode(202).extract().path("documentId");
        // the marker was published after the duplicate; once it is visible, so would the duplicate be
        eventFor(markerId);
        assertThat(allEvents().stream().filter(r -> documentId.equals(r.key())).count()).isEqualTo(1);
    }

    @Test
    void theSameBytesUploadedConcurrentlyArePublishedOnce() throws Exception {
        byte[] letter = ("Vraag 1\nTegelijk? " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<String>> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ids.add(pool.submit(() -> given().header("X-Api-Key", UPLOAD_KEY).contentType("text/plain").body(letter).when().post("/api/letters")
                        .then().statusCode(202).extract().<String>path("documentId")));
            }
            String first = ids.get(0).get();
            for (var id : ids) {
                assertThat(id.get()).isEqualTo(first);
            }
            byte[] marker = ("Vraag 1\nmarker " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
            String markerId = given().header("X-Api-Key", UPLOAD_KEY).contentType("text/plain").body(marker).when().post("/api/letters")
                    .then().statusCode(202).extract().path("documentId");
            eventFor(markerId);
            assertThat(allEvents().stream().filter(r -> first.equals(r.key())).count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void pdfIsAccepted() {
        byte[] pdf = ("%PDF-1.4\n" + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII);
        String id = given().header("X-Api-Key", UPLOAD_KEY).contentType("application/pdf").body(pdf).when().post("/api/letters")
                .then().statusCode(202).extract().path("documentId");
        assertThat(eventFor(id).value()).contains("\"contentType\":\"application/pdf\"");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.oasis.opendocument.text", "text/html", "application/xhtml+xml", "application/xml",
            "text/xml"})
    void everyFormatTheParserReadsIsAccepted(String mediaType) {
        byte[] body = ("letter " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String id = given().header("X-Api-Key", UPLOAD_KEY).contentType(mediaType).body(body).when().post("/api/letters")
                .then().statusCode(202).extract().path("documentId");
        assertThat(eventFor(id).value()).contains("\"contentType\":\"" + mediaType + "\"");
    }

    @Test
    void emptyBodyIsABadRequest() {
        given().header("X-Api-Key", UPLOAD_KEY).contentType("text/plain").body(new byte[0]).when().post("/api/letters")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("empty"));
    }

    @Test
    void unsupportedTypeIs415() {
        given().header("X-Api-Key", UPLOAD_KEY).contentType("image/png").body(new byte[] {1, 2, 3}).when().post("/api/letters")
                .then().statusCode(415).body("detail", containsString("image/png"));
    }

    @Test
    void overTheTwentyMegabyteLimitIs413() {
        byte[] big = new byte[20 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        given().header("X-Api-Key", UPLOAD_KEY).contentType("text/plain").body(big).when().post("/api/letters")
                .then().statusCode(413).body("detail", containsString("20971520"));
    }

    @Test
    void badZaakNumberIs400() {
        given().header("X-Api-Key", UPLOAD_KEY).contentType("text/plain").body("x").queryParam("zaak", "2025-17315").when().post("/api/letters")
                .then().statusCode(400).body("detail", containsString("2025-17315"));
    }

    @Test
    void healthAndMetrics() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("Database connections health check"))
                .body(containsString("SmallRye Reactive Messaging"));
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
    }

    ConsumerRecord<String, String> eventFor(String documentId) {
        return new TopicReader(bootstrapServers).awaitKey("letters.fetched", documentId, Duration.ofSeconds(30));
    }

    List<ConsumerRecord<String, String>> allEvents() {
        return new TopicReader(bootstrapServers).readAll("letters.fetched");
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
