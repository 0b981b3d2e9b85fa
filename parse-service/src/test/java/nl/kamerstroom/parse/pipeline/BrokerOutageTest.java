package nl.kamerstroom.parse.pipeline;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import nl.kamerstroom.parse.Seeds;
import nl.kamerstroom.parse.read.LetterReader;
import nl.kamerstroom.testsupport.TopicReader;
import org.junit.jupiter.api.Test;

/**
 * The broker goes away for 65 s while a letter is between its parse and its acknowledgement (with
 * the connector's defaults the consumer died for good after 60 s): readiness goes down, liveness
 * stays up, and when the broker is back the letter is published and the next one parsed, without a
 * restart.
 */
@QuarkusTest
@WithTestResource(value = RestartableKafka.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class BrokerOutageTest extends WithPipeline {

    private static final Duration OUTAGE = Duration.ofSeconds(65);
    private static final String HELD = "HELD UNTIL THE BROKER IS DOWN\n";

    @Test
    void aSixtySecondOutageIsWaitedOutAndTheFeedGoesOnByItself() throws Exception {
        CountDownLatch parsing = new CountDownLatch(1);
        CountDownLatch brokerDown = new CountDownLatch(1);
        LetterReader real = new LetterReader();
        pipeline.readWith((content, type) -> {
            String text = new String(content, StandardCharsets.UTF_8);
            if (text.startsWith(HELD)) {
                parsing.countDown();
                try {
                    brokerDown.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return real.read(text.substring(HELD.length()).getBytes(StandardCharsets.UTF_8), type);
            }
            return real.read(content, type);
        });
        String inFlight = "in-flight-" + UUID.randomUUID();
        Letters letters = new Letters(bootstrapServers, json);
        letters.send(inFlight, "text/plain", (HELD + Seeds.text(Seeds.ANSWER_SNELLER)).getBytes(StandardCharsets.UTF_8));
        assertThat(parsing.await(60, TimeUnit.SECONDS)).as("the letter is being parsed").isTrue();

        RestartableKafka.down();
        brokerDown.countDown(); // the parse ends now; its events wait for the broker
        long downAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503));
        Thread.sleep(Math.max(0, OUTAGE.toMillis() - Duration.ofNanos(System.nanoTime() - downAt).toMillis()));
        given().get("/q/health/live").then().statusCode(200);

        RestartableKafka.up();
        long upAt = System.nanoTime();
        TopicReader topics = new TopicReader(bootstrapServers);
        JsonNode parsed = json.readTree(topics.await("letters.parsed", r -> r.value().contains(inFlight),
                Duration.ofSeconds(60)).value());
        assertThat(parsed.at("/letter/questions").size()).isEqualTo(9);
        String next = "after-" + UUID.randomUUID();
        letters.send(next, "text/plain", Seeds.text(Seeds.ANSWER_SNELLER).getBytes(StandardCharsets.UTF_8));
        topics.await("letters.parsed", r -> r.value().contains(next), Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        System.out.printf("broker outage: the feed went on %d s after the broker was back%n",
                Duration.ofNanos(System.nanoTime() - upAt).toSeconds());
        given().get("/q/health/live").then().statusCode(200);
        assertThat(topics.readAll("letters.dlq")).as("an outage is no reason to dead-letter")
                .noneMatch(r -> inFlight.equals(r.key()) || next.equals(r.key()));
        // what was sent again after the outage (by the producer, the pipeline or a re-read of the record)
        // is a copy under the same CloudEvents id, never an event with an id of its own
        topics.await("questions.parsed", r -> r.value().contains(inFlight) && r.value().contains("\"position\":9"),
                Duration.ofSeconds(60));
        var letterIds = ids(topics, "letters.parsed", inFlight);
        var questionIds = ids(topics, "questions.parsed", inFlight);
        System.out.printf("broker outage: the letter in flight is on letters.parsed %d times (%d ids), its questions"
                + " %d times (%d ids)%n", letterIds.size(), new java.util.HashSet<>(letterIds).size(), questionIds.size(),
                new java.util.HashSet<>(questionIds).size());
        assertThat(new java.util.HashSet<>(letterIds)).as("one letter event").hasSize(1);
        assertThat(new java.util.HashSet<>(questionIds)).as("one event per question").hasSize(9);
    }

    private static java.util.List<String> ids(TopicReader topics, String topic, String documentId) {
        return topics.readAll(topic).stream().filter(r -> r.value().contains("\"documentId\":\"" + documentId + "\""))
                .map(r -> TopicReader.header(r, "ce_id")).toList();
    }
}
