package nl.kamerstroom.parse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.parse.Seeds;
import nl.kamerstroom.parse.read.LetterReader;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.TopicReader;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's bounds through the running service and a real broker: a slow letter is
 * dead-lettered without holding up the other partitions, a letter whose events are too large is
 * dead-lettered, and in each case the letters behind it are parsed. The test profile's limits are
 * 10 s per letter and 2 MiB per event. Slow and huge parses come through the pipeline's reader seam,
 * so the tests do not depend on which inputs the parser happens to be slow on.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
class PipelineBoundsTest extends WithPipeline {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int PARTITIONS = 3; // the test broker's num.partitions
    private static final String SLOW = "SLOW LETTER";

    @Test
    void aSlowLetterIsDeadLetteredWhileOtherPartitionsGoOnAndTheNextLetterOfItsPartitionFollows() throws Exception {
        CountDownLatch slowStarted = new CountDownLatch(1);
        LetterReader real = new LetterReader();
        // a parse that takes "forever" (like the 200 KB digits letter once did), but stops when interrupted
        pipeline.readWith((content, type) -> {
            if (new String(content, 0, Math.min(content.length, SLOW.length()), StandardCharsets.UTF_8).equals(SLOW)) {
                slowStarted.countDown();
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return real.read(content, type);
        });
        String slow = "slow-" + UUID.randomUUID();
        String otherPartition = keyOnAnotherPartition(slow);
        String samePartition = keyOnSamePartition(slow);
        Letters letters = new Letters(bootstrapServers, json);

        letters.send(slow, "text/plain", SLOW.getBytes(StandardCharsets.UTF_8));
        letters.send(samePartition, "text/plain", Seeds.text(Seeds.ANSWER_SNELLER).getBytes(StandardCharsets.UTF_8));
        assertThat(slowStarted.await(30, TimeUnit.SECONDS)).as("the slow parse started").isTrue();
        letters.send(otherPartition, "text/plain", Seeds.text(Seeds.ANSWER_SNELLER).getBytes(StandardCharsets.UTF_8));

        TopicReader topics = new TopicReader(bootstrapServers);
        JsonNode other = json.readTree(topics.await("letters.parsed", r -> r.value().contains(otherPartition), WAIT).value());
        JsonNode dead = json.readTree(topics.awaitKey("letters.dlq", slow, WAIT).value());
        JsonNode next = json.readTree(topics.await("letters.parsed", r -> r.value().contains(samePartition), WAIT).value());

        assertThat(dead.get("reason").asText()).contains("took longer than 10 s");
        assertThat(dead.get("errorType").asText()).isEqualTo("TookTooLong");
        Instant failedAt = Instant.parse(dead.get("failedAt").asText());
        assertThat(Instant.parse(other.get("parsedAt").asText()))
                .as("the letter on another partition was parsed while the slow one was still running")
                .isBefore(failedAt);
        assertThat(Instant.parse(next.get("parsedAt").asText()))
                .as("the letter behind the slow one on its partition waited for it, in order")
                .isAfter(failedAt);
        assertThat(next.at("/letter/questions").size()).isEqualTo(9);
    }

    @Test
    void aLetterWithOneHugeQuestionIsParsedOrDeadLetteredWithAReasonAndTheNextIsParsed() throws Exception {
        String huge = "huge-" + UUID.randomUUID();
        String normal = "normal-" + UUID.randomUUID();
        Letters letters = new Letters(bootstrapServers, json);
        letters.send(huge, "text/plain", oneQuestionOf(1_200_000));
        letters.send(normal, "text/plain", Seeds.text(Seeds.ANSWER_SNELLER).getBytes(StandardCharsets.UTF_8));

        TopicReader topics = new TopicReader(bootstrapServers);
        JsonNode after = json.readTree(topics.await("letters.parsed", r -> r.value().contains(normal), WAIT).value());
        assertThat(after.at("/letter/questions").size()).isEqualTo(9);
        // parsed, or (when the parser is too slow on it) dead-lettered with a reason: either way it ends
        await().atMost(WAIT).until(() -> topics.readAll("letters.parsed").stream().anyMatch(r -> r.value().contains(huge))
                || topics.readAll("letters.dlq").stream().anyMatch(r -> huge.equals(r.key())
                        && r.value().contains("\"reason\":\"the parser took longer than")));
    }

    @Test
    void eventsThatFitAreSentAndALetterWhoseEventsCannotFitIsDeadLetteredByItsSize() throws Exception {
        LetterReader real = new LetterReader();
        // the parser's answer for a letter with one question of the size the letter names, without
        // depending on how fast the parser is on such a letter
        pipeline.readWith((content, type) -> {
            String text = new String(content, StandardCharsets.UTF_8);
            if (!text.startsWith("QUESTION OF ")) {
                return real.read(content, type);
            }
            ParsedLetter letter = real.read(Seeds.text(Seeds.ANSWER_SNELLER).getBytes(StandardCharsets.UTF_8), type);
            String question = "Kunt u aangeven hoeveel meldingen er zijn gedaan? ".repeat(
                    Integer.parseInt(text.substring("QUESTION OF ".length()).trim()) / 50);
            return new ParsedLetter(letter.kind(), letter.documentNumber(), letter.zaakNumbers(), letter.ourReference(),
                    letter.subject(), letter.submittedDate(), letter.receivedDate(), letter.letterDate(), letter.askers(),
                    letter.addressees(), letter.answeredBy(), List.of(new ParsedLetter.Question("1", question, List.of())),
                    List.of(), List.of(), List.of(), List.of());
        });
        String fits = "fits-" + UUID.randomUUID();
        String tooLarge = "toolarge-" + UUID.randomUUID();
        String normal = "normal-" + UUID.randomUUID();
        Letters letters = new Letters(bootstrapServers, json);
        letters.send(fits, "text/plain", "QUESTION OF 1200000".getBytes(StandardCharsets.UTF_8));
        letters.send(tooLarge, "text/plain", "QUESTION OF 3000000".getBytes(StandardCharsets.UTF_8));
        letters.send(normal, "text/plain", Seeds.text(Seeds.ANSWER_SNELLER).getBytes(StandardCharsets.UTF_8));

        TopicReader topics = new TopicReader(bootstrapServers);
        JsonNode big = json.readTree(topics.await("letters.parsed", r -> r.value().contains(fits), WAIT).value());
        assertThat(big.at("/letter/questions/0/text").asText().length()).isGreaterThan(1_100_000);
        topics.await("questions.parsed", r -> r.value().contains(fits), WAIT);

        JsonNode dead = json.readTree(topics.awaitKey("letters.dlq", tooLarge, WAIT).value());
        assertThat(dead.get("reason").asText()).contains("letters.parsed event would be")
                .contains("kamerstroom.parse.max-event-bytes");
        assertThat(dead.get("errorType").asText()).isEqualTo("EventTooLarge");

        JsonNode after = json.readTree(topics.await("letters.parsed", r -> r.value().contains(normal), WAIT).value());
        assertThat(after.at("/letter/questions").size()).isEqualTo(9);
        assertThat(topics.readAll("letters.parsed")).noneMatch(r -> r.value().contains(tooLarge));
    }

    @Test
    void aLetterWithMorePartsThanAnyRealSetIsDeadLetteredAndTheNextIsParsed() throws Exception {
        pipeline.readWith(null);
        StringBuilder text = new StringBuilder("Antwoord op vragen van het lid Jansen (D66)\n\n");
        for (int i = 1; i <= 600; i++) {
            text.append("Vraag ").append(i).append("\nKent u het bericht nummer ").append(i).append("?\n\n")
                    .append("Antwoord ").append(i).append("\nJa, dat bericht ken ik.\n\n");
        }
        String many = "many-" + UUID.randomUUID();
        String normal = "normal-" + UUID.randomUUID();
        Letters letters = new Letters(bootstrapServers, json);
        letters.send(many, "text/plain", text.toString().getBytes(StandardCharsets.UTF_8));
        letters.send(normal, "text/plain", Seeds.text(Seeds.ANSWER_SNELLER).getBytes(StandardCharsets.UTF_8));

        TopicReader topics = new TopicReader(bootstrapServers);
        JsonNode dead = json.readTree(topics.awaitKey("letters.dlq", many, WAIT).value());
        assertThat(dead.get("errorType").asText()).isEqualTo("TooManyParts");
        assertThat(dead.get("reason").asText()).contains("600 questions and 600 answers")
                .contains("kamerstroom.parse.max-parts-per-letter");
        JsonNode after = json.readTree(topics.await("letters.parsed", r -> r.value().contains(normal), WAIT).value());
        assertThat(after.at("/letter/questions").size()).isEqualTo(9);
        assertThat(topics.readAll("letters.parsed")).noneMatch(r -> r.value().contains(many));
    }

    @Test
    void charactersXmlCannotCarryNeverReachTheTopics() throws Exception {
        String documentId = "ffff-" + UUID.randomUUID();
        String text = Seeds.text(Seeds.ANSWER_SNELLER).replace("Kunt u bevestigen", "Kunt\uFFFF u\u0002 bevestigen");
        new Letters(bootstrapServers, json).send(documentId, "text/plain", text.getBytes(StandardCharsets.UTF_8));

        TopicReader topics = new TopicReader(bootstrapServers);
        String parsed = topics.await("letters.parsed", r -> r.value().contains(documentId), WAIT).value();
        JsonNode event = json.readTree(parsed);
        assertThat(event.at("/letter/questions/0/text").asText()).startsWith("Kunt u bevestigen");
        assertThat(parsed).doesNotContain("\uFFFF", "\\uFFFF", "\\u0002");
        topics.await("questions.parsed", r -> r.value().contains(documentId) && r.value().contains("\"position\":9"), WAIT);
        assertThat(topics.readAll("questions.parsed")).filteredOn(r -> r.value().contains(documentId))
                .allMatch(r -> !r.value().contains("\uFFFF") && !r.value().contains("\\u0002"));
    }

    /** A question letter whose one question is about {@code bytes} long, in lines and paragraphs. */
    static byte[] oneQuestionOf(int bytes) {
        String line = "Kunt u aangeven hoeveel meldingen er in het afgelopen jaar zijn gedaan bij het meldpunt?\n";
        StringBuilder text = new StringBuilder("Vragen van het lid Jansen (D66) aan de minister van Justitie en Veiligheid "
                + "over meldingen (ingezonden 1 oktober 2025).\n\nVraag 1\n\n");
        int n = 0;
        while (text.length() < bytes) {
            text.append(line);
            if (++n % 8 == 0) {
                text.append('\n');
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private static String keyOnAnotherPartition(String key) {
        for (int i = 0; ; i++) {
            String other = "other-" + i + "-" + UUID.randomUUID();
            if (partition(other) != partition(key)) {
                return other;
            }
        }
    }

    private static String keyOnSamePartition(String key) {
        for (int i = 0; ; i++) {
            String same = "same-" + i + "-" + UUID.randomUUID();
            if (partition(same) == partition(key)) {
                return same;
            }
        }
    }
}
