package nl.kamerstroom.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import nl.kamerstroom.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Who may post a letter: keys, their owners' sourceIds, the parameters' bounds, and browsers on other sites. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class UploadSecurityTest {

    private static final String ADMIN_KEY = "test-admin-key";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void anUploadWithoutAValidKeyIs401AndPublishesNothing() {
        String marker = UUID.randomUUID().toString();
        given().contentType("text/plain").body("Vraag 1\n" + marker).when().post("/api/letters")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401))
                .body("detail", containsString("X-Api-Key"));
        for (String wrong : List.of("wrong", "ku_0123456789ab_" + "A".repeat(43), "test-upload-key-but-longer", ADMIN_KEY)) {
            given().header("X-Api-Key", wrong).contentType("text/plain").body("Vraag 1\n" + marker)
                    .when().post("/api/letters").then().statusCode(401).body("detail", containsString("not valid"));
        }
        // the same letter with the key is the first of it on the topic
        String id = upload(LetterUploadTest.UPLOAD_KEY, "Vraag 1\n" + marker, null).getString("documentId");
        assertThat(eventsFor(id)).hasSize(1);
        assertThat(new TopicReader(bootstrapServers).readAll("letters.fetched").stream()
                .filter(r -> decoded(r).contains(marker)).count()).isEqualTo(1);
    }

    @Test
    void theOperatorIssuesListsAndRevokesUploadKeys() {
        given().contentType("application/json").body("{\"name\":\"nope\"}").when().post("/api/admin/upload-keys")
                .then().statusCode(401);
        given().header("X-Api-Key", LetterUploadTest.UPLOAD_KEY).contentType("application/json")
                .body("{\"name\":\"nope\"}").when().post("/api/admin/upload-keys").then().statusCode(401);
        given().header("X-Api-Key", ADMIN_KEY).contentType("application/json").body("{\"name\":\"a\\nb\"}")
                .when().post("/api/admin/upload-keys").then().statusCode(400);

        JsonPath issued = issue("griffie scanner");
        String key = issued.getString("key");
        String id = issued.getString("id");
        assertThat(key).startsWith("ku_" + id + "_");

        String documentId = upload(key, "Vraag 1\nmet een eigen sleutel " + UUID.randomUUID(), null).getString("documentId");
        assertThat(eventsFor(documentId)).hasSize(1);

        String listing = given().header("X-Api-Key", ADMIN_KEY).when().get("/api/admin/upload-keys")
                .then().statusCode(200).extract().asString();
        assertThat(listing).contains(id).contains("griffie scanner").doesNotContain(key.substring(key.lastIndexOf('_') + 1));
        given().header("X-Api-Key", ADMIN_KEY).when().get("/api/admin/upload-keys")
                .then().body("find { it.id == '" + id + "' }.revokedAt", nullValue())
                .body("find { it.id == '" + id + "' }.key", nullValue());

        given().header("X-Api-Key", ADMIN_KEY).when().delete("/api/admin/upload-keys/" + id).then().statusCode(204);
        given().header("X-Api-Key", ADMIN_KEY).when().delete("/api/admin/upload-keys/000000000000").then().statusCode(404);
        given().header("X-Api-Key", key).contentType("text/plain").body("Vraag 1\nna intrekking " + UUID.randomUUID())
                .when().post("/api/letters").then().statusCode(401).contentType("application/problem+json");
        given().header("X-Api-Key", ADMIN_KEY).when().get("/api/admin/upload-keys")
                .then().body("find { it.id == '" + id + "' }.revokedAt", not(nullValue()));
    }

    @Test
    void aSourceIdBelongsToTheKeyThatUsedIt() throws Exception {
        String a = issue("key a").getString("key");
        String b = issue("key b").getString("key");
        String sourceId = "brief-" + UUID.randomUUID();

        String ofA = upload(a, "Vraag 1\nvan A, eerste versie " + UUID.randomUUID(), sourceId).getString("documentId");
        JsonPath fromB = upload(b, "Vraag 1\nvan B " + UUID.randomUUID(), sourceId);
        assertThat(fromB.getString("documentId")).isNotEqualTo(ofA).endsWith(sourceId);
        assertThat(fromB.getBoolean("duplicate")).isFalse();
        // A replacing its own upload with the same sourceId still works, under A's document id
        String secondOfA = upload(a, "Vraag 1\nvan A, tweede versie " + UUID.randomUUID(), sourceId).getString("documentId");
        assertThat(secondOfA).isEqualTo(ofA);

        List<ConsumerRecord<String, String>> aEvents = new TopicReader(bootstrapServers).readAll("letters.fetched")
                .stream().filter(r -> ofA.equals(r.key())).toList();
        assertThat(aEvents).hasSize(2);
        assertThat(aEvents).noneMatch(r -> decoded(r).contains("van B"));
        assertThat(decoded(aEvents.get(1))).contains("tweede versie");
        assertThat(aEvents.get(0).value()).contains("\"sourceId\":\"" + sourceId + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sourceId=brief%0A2026-01-01%20INFO%20forged%20line", "sourceId=brief%0D1", "sourceId=LONG",
            "sourceId=a%2Fb", "sourceId=a%20b", "fileName=LONG", "fileName=brief%0Aforged.txt",
            "fileName=..%2F..%2Fetc%2Fpasswd", "fileName=brief%E2%80%AEtxt.exe", "title=een%0Atwee", "soort=%00"})
    void aBadSourceIdOrFileNameIs400WithTheRule(String parameter) {
        String name = parameter.substring(0, parameter.indexOf('='));
        String value = parameter.substring(parameter.indexOf('=') + 1);
        if (value.equals("LONG")) {
            value = "x".repeat(300);
        }
        String marker = UUID.randomUUID().toString();
        given().header("X-Api-Key", LetterUploadTest.UPLOAD_KEY).contentType("text/plain").body("Vraag 1\n" + marker)
                .urlEncodingEnabled(false).when().post("/api/letters?" + name + "=" + value)
                .then().statusCode(400).contentType("application/problem+json").body("detail", startsWith(name));
        // refused before anything was recorded: the same letter with sound parameters is new
        JsonPath ok = upload(LetterUploadTest.UPLOAD_KEY, "Vraag 1\n" + marker, "brief-" + marker);
        assertThat(ok.getBoolean("duplicate")).isFalse();
    }

    @Test
    void aSourceIdAtTheLimitIsAccepted() {
        String sourceId = "a" + UUID.randomUUID().toString().replace("-", "") + "x".repeat(180 - 33);
        assertThat(sourceId).hasSize(180);
        JsonPath ok = upload(LetterUploadTest.UPLOAD_KEY, "Vraag 1\nlang " + UUID.randomUUID(), sourceId);
        assertThat(ok.getString("documentId")).hasSizeLessThanOrEqualTo(200);
    }

    @Test
    void aBrowserOnAnotherSiteCannotPostAndGetsNoCorsHeaders() {
        String letter = "Vraag 1\nvan een andere site " + UUID.randomUUID();
        given().header("X-Api-Key", LetterUploadTest.UPLOAD_KEY).header("Origin", "https://evil.example")
                .contentType("text/plain").body(letter).when().post("/api/letters")
                .then().statusCode(403).contentType("application/problem+json").header("Access-Control-Allow-Origin", nullValue());
        // the preflight a browser sends first is not answered with any permission
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "x-api-key, content-type")
                .when().options("/api/letters")
                .then().header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Headers", nullValue())
                .header("Access-Control-Allow-Methods", nullValue());
        // an origin the operator allowed (test profile) may post
        given().header("X-Api-Key", LetterUploadTest.UPLOAD_KEY).header("Origin", "https://intake.example.org")
                .contentType("text/plain").body(letter).when().post("/api/letters")
                .then().statusCode(202).header("Access-Control-Allow-Origin", nullValue());
    }

    private JsonPath issue(String name) {
        return given().header("X-Api-Key", ADMIN_KEY).contentType("application/json")
                .body("{\"name\":\"" + name + "\"}").when().post("/api/admin/upload-keys")
                .then().statusCode(201).extract().jsonPath();
    }

    private static JsonPath upload(String key, String letter, String sourceId) {
        var request = given().header("X-Api-Key", key).contentType("text/plain; charset=utf-8")
                .body(letter.getBytes(StandardCharsets.UTF_8));
        if (sourceId != null) {
            request = request.queryParam("sourceId", sourceId);
        }
        return request.when().post("/api/letters").then().statusCode(202).extract().jsonPath();
    }

    private List<ConsumerRecord<String, String>> eventsFor(String documentId) {
        new TopicReader(bootstrapServers).awaitKey("letters.fetched", documentId, Duration.ofSeconds(30));
        return new TopicReader(bootstrapServers).readAll("letters.fetched").stream()
                .filter(r -> documentId.equals(r.key())).toList();
    }

    private static String decoded(ConsumerRecord<String, String> record) {
        String content = io.restassured.path.json.JsonPath.from(record.value()).getString("content");
        return new String(java.util.Base64.getDecoder().decode(content), StandardCharsets.UTF_8);
    }
}
