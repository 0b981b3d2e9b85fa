package nl.kamerstroom.parse.pipeline;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.kamerstroom.parse.Seeds;
import nl.kamerstroom.parse.read.LetterReader;
import nl.kamerstroom.parse.read.ReadException;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.TopicReader;
import org.junit.jupiter.api.Test;

/**
 * An operator lists the parse stage's dead letters and replays them once the cause is fixed: the
 * replayed letter is read again from letters.fetched and published, end to end through a real broker.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
class DeadLetterReplayTest extends WithPipeline {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String KEY = "test-operator-key"; // the test profile's kamerstroom.admin.api-key
    private static final String NEEDS_FIX = "NEEDS A FIX\n";

    @Test
    void theOperatorEndpointsNeedTheKey() {
        given().get("/api/admin/dlq").then().statusCode(401);
        given().header("X-Api-Key", "wrong").post("/api/admin/dlq/replay").then().statusCode(401)
                .body("detail", containsString("X-Api-Key"));
        given().header("X-Api-Key", KEY).queryParam("size", 0).get("/api/admin/dlq").then().statusCode(400);
    }

    @Test
    void aDeadLetteredLetterIsListedWithItsReasonAndParsedWhenReplayedAfterTheFix() throws Exception {
        LetterReader real = new LetterReader();
        // a reader bug that makes this letter unreadable, "fixed" below by restoring the real reader
        pipeline.readWith((content, type) -> {
            if (new String(content, StandardCharsets.UTF_8).startsWith(NEEDS_FIX)) {
                throw ReadException.unreadable("the reader cannot read this yet");
            }
            return real.read(content, type);
        });
        String documentId = "replay-" + UUID.randomUUID();
        String other = "other-" + UUID.randomUUID();
        byte[] letter = (NEEDS_FIX + Seeds.text(Seeds.ANSWER_SNELLER)).getBytes(StandardCharsets.UTF_8);
        Letters letters = new Letters(bootstrapServers, json);
        letters.send(other, "application/pdf", "%PDF-1.4\n%%EOF garbage".getBytes(StandardCharsets.US_ASCII));
        letters.send(documentId, "text/plain", letter);
        TopicReader topics = new TopicReader(bootstrapServers);
        topics.awaitKey("letters.dlq", other, WAIT);
        topics.awaitKey("letters.dlq", documentId, WAIT);

        JsonPath listed = given().header("X-Api-Key", KEY).queryParam("size", 500).get("/api/admin/dlq")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> deadLetters = listed.getList("deadLetters");
        assertThat(deadLetters).extracting(d -> d.get("documentId")).contains(documentId, other);
        Map<String, Object> mine = deadLetters.stream().filter(d -> documentId.equals(d.get("documentId"))).findFirst()
                .orElseThrow();
        assertThat(mine.get("reason")).isEqualTo("the reader cannot read this yet");
        assertThat(mine.get("topic")).isEqualTo("letters.fetched");
        assertThat(deadLetters.indexOf(mine)).as("newest first").isLessThan(
                deadLetters.indexOf(deadLetters.stream().filter(d -> other.equals(d.get("documentId"))).findFirst().orElseThrow()));
        assertThat(listed.getInt("total")).isGreaterThanOrEqualTo(2);

        pipeline.readWith(null); // the fix is deployed
        JsonPath replayed = given().header("X-Api-Key", KEY).queryParam("documentId", documentId)
                .post("/api/admin/dlq/replay").then().statusCode(200).extract().jsonPath();
        assertThat(replayed.getInt("replayed")).isEqualTo(1);
        assertThat(replayed.getInt("parsed")).isEqualTo(1);
        assertThat(replayed.getString("results[0].documentId")).isEqualTo(documentId);

        JsonNode parsed = json.readTree(topics.await("letters.parsed", r -> r.value().contains(documentId), WAIT).value());
        assertThat(parsed.at("/letter/questions").size()).isEqualTo(9);
        assertThat(topics.readAll("letters.parsed")).as("only the one asked for was replayed")
                .noneMatch(r -> r.value().contains(other));
    }
}
