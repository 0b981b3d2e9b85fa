package nl.kamerstroom.parse.pipeline;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nl.kamerstroom.parse.Seeds;
import nl.kamerstroom.parse.read.LetterReader;
import nl.kamerstroom.parse.reparse.ReparseJobs;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator's re-parse through the running service and a real broker: {@code POST
 * /api/admin/reparse} re-parses what is on letters.fetched into letters.reparsed with the original
 * fetchedAt, GET shows its progress, DELETE cancels it, a stopped replica resumes where it was, and
 * live letters keep their pace meanwhile. letters.fetched also holds the other test classes'
 * letters: a job covers them too, so the assertions look at this test's documents and at the
 * totals of the topic's offsets.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
class ReparseTest extends WithPipeline {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String KEY = "test-operator-key"; // the test profile's kamerstroom.admin.api-key
    /** A letter that starts {@code BURN 300} keeps a core busy for 300 ms while it is parsed, live or re-parsed. */
    private static final Pattern BURN = Pattern.compile("^BURN (?<millis>\\d+)\\n");
    private static final Pattern DOCUMENT_ID = Pattern.compile("\"documentId\"\\s*:\\s*\"(?<id>[^\"]+)\"");

    @Inject
    ReparseJobs jobs;

    private TopicReader topics;
    private Letters letters;

    @BeforeEach
    void burnOnMarkedLetters() {
        topics = new TopicReader(bootstrapServers);
        letters = new Letters(bootstrapServers, json);
        LetterReader real = new LetterReader();
        pipeline.readWith((content, type) -> {
            Matcher burn = BURN.matcher(new String(content, 0, Math.min(content.length, 20), StandardCharsets.UTF_8));
            if (burn.find()) {
                burn(Long.parseLong(burn.group("millis")));
            }
            return real.read(content, type);
        });
        await().atMost(WAIT).until(() -> given().header("X-Api-Key", KEY).get("/api/admin/reparse").statusCode() == 200);
    }

    @AfterEach
    void noJobLeftRunning() {
        jobs.resume();
        given().header("X-Api-Key", KEY).delete("/api/admin/reparse");
    }

    @Test
    void theEndpointsNeedTheOperatorKey() {
        given().post("/api/admin/reparse").then().statusCode(401);
        given().header("X-Api-Key", "wrong").get("/api/admin/reparse").then().statusCode(401);
        given().header("X-Api-Key", "wrong").delete("/api/admin/reparse").then().statusCode(401);
    }

    @Test
    void aJobReparsesEveryLetterIntoLettersReparsedWithItsOriginalFetchedAtAndNoQuestionEvents() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, byte[]> batch = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            batch.put("reparse-" + run + "-" + i, seed(i % 2 == 0 ? Seeds.ANSWER_SNELLER : Seeds.ANSWER_MUTLUER, 0));
        }
        // a slow one, so that the job is still running for the second POST
        batch.put("reparse-" + run + "-slow", seed(Seeds.ANSWER_SNELLER, 1500));
        letters.send(batch, "text/plain");
        // a document uploaded twice: only its newest copy is re-parsed
        String twice = "reparse-" + run + "-twice";
        letters.send(twice, "text/plain", seed(Seeds.ANSWER_SNELLER, 0));
        letters.send(twice, "text/plain", seed(Seeds.ANSWER_MUTLUER, 0));
        List<String> ids = new ArrayList<>(batch.keySet());
        ids.add(twice);
        Map<String, JsonNode> live = awaitParsedLive(ids, ids.size() + 1);
        long questionEvents = countFor("questions.parsed", ids);
        long expectedTotal = recordsOnLettersFetched();

        Instant posted = Instant.now();
        JsonPath started = given().header("X-Api-Key", KEY).post("/api/admin/reparse").then().statusCode(202)
                .extract().jsonPath();
        String id = started.getString("id");
        assertThat(started.getString("state")).isEqualTo("RUNNING");
        assertThat(started.getLong("total")).as("every record on letters.fetched at the POST").isEqualTo(expectedTotal);
        assertThat(started.getString("parserVersion")).isNotBlank();
        JsonPath again = given().header("X-Api-Key", KEY).post("/api/admin/reparse").then().statusCode(200)
                .extract().jsonPath();
        assertThat(again.getString("id")).as("a POST while one runs answers the running job").isEqualTo(id);

        JsonPath done = awaitState("DONE");
        double seconds = Duration.between(posted, Instant.now()).toMillis() / 1000.0;
        assertThat(done.getString("id")).isEqualTo(id);
        assertThat(done.getLong("total")).isEqualTo(expectedTotal);
        assertThat(done.getLong("done")).isEqualTo(expectedTotal);
        assertThat(done.getLong("skipped")).as("the older copy of the document sent twice, at least").isGreaterThanOrEqualTo(1);
        assertThat(done.getString("finishedAt")).isNotNull();
        assertThat(done.getDouble("lettersPerSecond")).isPositive();
        assertThat(done.getLong("etaSeconds")).isZero();
        System.out.printf("re-parse of %d records on letters.fetched (one slow letter of 1.5 s among them): %.1f s, "
                + "%d dead-lettered, %d older copies skipped%n", expectedTotal, seconds, done.getLong("failed"),
                done.getLong("skipped"));

        Map<String, List<ConsumerRecord<String, String>>> reparsed = byDocument("letters.reparsed", ids);
        for (String documentId : ids) {
            // once; twice only when a thread lost its partitions before its commit (a broker stalled for 12 s under
            // a load average of 50 once moved the group): at least once, as documented
            assertThat(reparsed.get(documentId)).as("%s re-parsed", documentId).hasSizeBetween(1, 2);
            for (ConsumerRecord<String, String> record : reparsed.get(documentId)) {
                JsonNode event = json.readTree(record.value());
                JsonNode original = live.get(documentId);
                assertThat(event.get("fetchedAt").asText()).as("the original fetchedAt").isEqualTo(original.get("fetchedAt").asText());
                assertThat(event.get("sha256").asText()).as("the newest copy").isEqualTo(original.get("sha256").asText());
                assertThat(Instant.parse(event.get("parsedAt").asText())).isAfter(Instant.parse(original.get("parsedAt").asText()));
                assertThat(event.at("/letter/questions").size()).isEqualTo(original.at("/letter/questions").size());
                assertThat(TopicReader.header(record, "ce_type")).isEqualTo("nl.kamerstroom.letter.parsed.v1");
                assertThat(record.key()).as("keyed as on letters.parsed").isEqualTo(liveKey(documentId));
            }
        }
        assertThat(countFor("questions.parsed", ids)).as("no questions.parsed for a re-parse").isEqualTo(questionEvents);
    }

    @Test
    void deleteCancelsTheRunningJob() throws Exception {
        List<String> ids = sendAndParseLive("cancel", 6, 500);
        given().header("X-Api-Key", KEY).post("/api/admin/reparse").then().statusCode(202);
        await().atMost(WAIT).until(() -> countFor("letters.reparsed", ids) >= 1);

        JsonPath cancelled = given().header("X-Api-Key", KEY).delete("/api/admin/reparse").then().statusCode(200)
                .extract().jsonPath();
        assertThat(cancelled.getString("state")).isEqualTo("CANCELLED");
        assertThat(cancelled.getString("finishedAt")).isNotNull();
        assertThat(status().getString("state")).isEqualTo("CANCELLED");
        long atCancel = countFor("letters.reparsed", ids);
        // the one worker may finish the letter in its hand (500 ms of CPU, seconds on a loaded CI machine); after
        // that nothing more comes: the count stays still for 2 s
        AtomicLong last = new AtomicLong(atCancel);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> {
            long now = countFor("letters.reparsed", ids);
            return now == last.getAndSet(now);
        });
        assertThat(last.get() - atCancel).as("after the cancel, the letter in hand at most").isLessThanOrEqualTo(1);
        assertThat(last.get()).as("not the rest").isLessThan(ids.size());
        given().header("X-Api-Key", KEY).delete("/api/admin/reparse").then().statusCode(409);
    }

    @Test
    void aReplicaThatDiesInTheMiddleResumesWhereItWasAndParsesAtMostTheLetterInFlightTwice() throws Exception {
        List<String> ids = sendAndParseLive("resume", 12, 300);
        String id = given().header("X-Api-Key", KEY).post("/api/admin/reparse").then().statusCode(202).extract()
                .jsonPath().getString("id");
        await().atMost(WAIT).until(() -> countFor("letters.reparsed", ids) >= 4);

        jobs.suspend(true); // as a kill: the workers end without committing what they did since their last commit
        // the workers have ended; a send they made just before may still reach the topic: the count settles
        AtomicLong settled = new AtomicLong(countFor("letters.reparsed", ids));
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> {
            long now = countFor("letters.reparsed", ids);
            return now == settled.getAndSet(now);
        });
        JsonPath stopped = status();
        assertThat(stopped.getString("state")).isEqualTo("RUNNING");
        long doneAtStop = stopped.getLong("done");
        assertThat(doneAtStop).isLessThan(stopped.getLong("total"));

        jobs.resume(); // the replica is back
        List<Long> doneSeen = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            JsonPath now = status();
            doneSeen.add(now.getLong("done"));
            return "DONE".equals(now.getString("state"));
        });
        assertThat(status().getString("id")).isEqualTo(id);
        assertThat(doneSeen).as("done continues from where it stopped, never from 0").allMatch(d -> d >= doneAtStop);
        assertThat(doneSeen).isSorted();

        Map<String, List<ConsumerRecord<String, String>>> reparsed = byDocument("letters.reparsed", ids);
        assertThat(reparsed.keySet()).as("every letter re-parsed").containsExactlyInAnyOrderElementsOf(ids);
        long twice = reparsed.values().stream().mapToLong(r -> r.size() - 1).sum();
        System.out.printf("resumed after a kill with %d of %d re-parsed; re-parsed twice: %d (what was done since the last "
                + "commit, commit-interval 200 ms)%n", settled.get(), ids.size(), twice);
        assertThat(twice).as("at most the letters since the last commit").isLessThanOrEqualTo(2);
    }

    @Test
    void liveLettersKeepTheirPaceWhileAReparseRuns() throws Exception {
        liveLatencies("warm-up", 1, Duration.ZERO); // the first letters after a start wait for the group and metadata
        List<Long> before = liveLatencies("before", 5, Duration.ofMillis(200));
        sendAndParseLive("busy", 40, 400); // 16 s of re-parse, each letter keeping a core busy
        given().header("X-Api-Key", KEY).post("/api/admin/reparse").then().statusCode(202);
        await().atMost(WAIT).until(() -> status().getLong("done") >= 1);

        List<JsonNode> live = liveLetters("during", 10, Duration.ofMillis(200));
        JsonPath done = awaitState("DONE");
        Instant started = Instant.parse(done.getString("startedAt"));
        Instant finished = Instant.parse(done.getString("finishedAt"));
        List<Long> during = live.stream().filter(e -> Instant.parse(e.get("parsedAt").asText()).isBefore(finished))
                .map(ReparseTest::latency).sorted().toList();
        assertThat(during).as("live letters parsed while the re-parse ran").hasSizeGreaterThanOrEqualTo(5);
        System.out.printf("live letters fetched -> parsed, before a re-parse: p50 %d ms, max %d ms; while one runs: "
                + "p50 %d ms, max %d ms (%d of %d live letters parsed during the re-parse of %d records, %.1f s)%n",
                p50(before), max(before), p50(during), max(during), during.size(), live.size(), done.getLong("total"),
                Duration.between(started, finished).toMillis() / 1000.0);
        // queued behind the re-parse, a live letter would wait for what is left of it (seconds to tens of seconds)
        assertThat(max(during)).as("a live letter does not wait for the re-parse")
                .isLessThan(Math.min(5000, Duration.between(started, finished).toMillis() / 3));
    }

    // ---- helpers ----

    private byte[] seed(String name, long burnMillis) {
        String text = Seeds.text(name);
        return (burnMillis > 0 ? "BURN " + burnMillis + "\n" + text : text).getBytes(StandardCharsets.UTF_8);
    }

    private List<String> sendAndParseLive(String prefix, int count, long burnMillis) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, byte[]> batch = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            batch.put(prefix + "-" + run + "-" + i, seed(Seeds.ANSWER_SNELLER, burnMillis));
        }
        letters.send(batch, "text/plain");
        awaitParsedLive(List.copyOf(batch.keySet()), batch.size());
        return List.copyOf(batch.keySet());
    }

    /** Live letters sent {@code pause} apart; for each, parsedAt - fetchedAt in ms. */
    private List<Long> liveLatencies(String prefix, int count, Duration pause) throws Exception {
        return liveLetters(prefix, count, pause).stream().map(ReparseTest::latency).sorted().toList();
    }

    private static long latency(JsonNode parsed) {
        return Duration.between(Instant.parse(parsed.get("fetchedAt").asText()), Instant.parse(parsed.get("parsedAt").asText()))
                .toMillis();
    }

    /** Live letters sent {@code pause} apart; their letters.parsed events. */
    private List<JsonNode> liveLetters(String prefix, int count, Duration pause) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, byte[]> feed = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            feed.put("live-" + prefix + "-" + run + "-" + i, seed(Seeds.ANSWER_SNELLER, 0));
        }
        letters.send(feed, "text/plain", pause);
        List<String> ids = List.copyOf(feed.keySet());
        return List.copyOf(awaitParsedLive(ids, ids.size()).values());
    }

    /** The letters.parsed event of each document (of its newest copy), once all {@code events} arrived. */
    private Map<String, JsonNode> awaitParsedLive(List<String> ids, int events) throws Exception {
        await().atMost(WAIT).until(() -> countFor("letters.parsed", ids) >= events);
        Map<String, JsonNode> newest = new HashMap<>();
        for (String documentId : ids) {
            newest.put(documentId, json.readTree(newestLive(documentId).value()));
        }
        return newest;
    }

    private String liveKey(String documentId) {
        return newestLive(documentId).key();
    }

    /** Copies of one document may be keyed by different zaken, so on different partitions: the newest by fetchedAt. */
    private ConsumerRecord<String, String> newestLive(String documentId) {
        return byDocument("letters.parsed", List.of(documentId)).get(documentId).stream()
                .max(java.util.Comparator.comparing(r -> Instant.parse(readTree(r).get("fetchedAt").asText())))
                .orElseThrow();
    }

    private JsonNode readTree(ConsumerRecord<String, String> record) {
        try {
            return json.readTree(record.value());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private long countFor(String topic, List<String> ids) {
        return byDocument(topic, ids).values().stream().mapToLong(List::size).sum();
    }

    private Map<String, List<ConsumerRecord<String, String>>> byDocument(String topic, List<String> ids) {
        return topics.readAll(topic).stream().filter(r -> ids.contains(documentId(r)))
                .collect(Collectors.groupingBy(ReparseTest::documentId, LinkedHashMap::new, Collectors.toList()));
    }

    private static String documentId(ConsumerRecord<String, String> record) {
        Matcher id = DOCUMENT_ID.matcher(record.value() == null ? "" : record.value());
        return id.find() ? id.group("id") : "";
    }

    /** Offsets on letters.fetched from the first to the end, over its partitions: what a job started now covers. */
    private long recordsOnLettersFetched() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("letters.fetched").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            return consumer.endOffsets(partitions).entrySet().stream().mapToLong(e -> e.getValue() - begin.get(e.getKey())).sum();
        }
    }

    private JsonPath status() {
        return given().header("X-Api-Key", KEY).get("/api/admin/reparse").then().statusCode(200).extract().jsonPath();
    }

    private JsonPath awaitState(String state) {
        await().atMost(WAIT).until(() -> state.equals(status().getString("state")));
        return status();
    }

    private static long p50(List<Long> sorted) {
        return sorted.get(sorted.size() / 2);
    }

    private static long max(List<Long> sorted) {
        return sorted.get(sorted.size() - 1);
    }

    /** Keeps this thread's core busy (a real parse's cost), unlike a sleep. */
    private static void burn(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        AtomicLong sink = new AtomicLong();
        while (System.nanoTime() < end) {
            sink.incrementAndGet();
        }
    }
}
