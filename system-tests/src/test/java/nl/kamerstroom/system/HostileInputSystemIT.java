package nl.kamerstroom.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import nl.kamerstroom.system.Letters.Letter;
import nl.kamerstroom.testsupport.ServiceProcess;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every hostile input of issue 11, through the real services, one test each. Each must end in
 * bounded time either refused (4xx) or dead-lettered with a reason on {@code letters.dlq} (or,
 * where that is a fair outcome, stored); afterwards an ordinary letter is stored, every service
 * is alive and live. Results go to stdout and {@code system-tests/target/hostile-input.md}.
 *
 * <p>Bounds (system properties, seconds): {@code kamerstroom.hostile.case-seconds} (default 60,
 * per input), {@code kamerstroom.hostile.follow-up-seconds} (default 30, the ordinary letter).
 * A case that halts the feed makes the later cases that need it fail at once, naming the case,
 * instead of each waiting out its bound.
 */
class HostileInputSystemIT {

    private static final Duration CASE = Duration.ofSeconds(Long.getLong("kamerstroom.hostile.case-seconds", 60));
    private static final Duration FOLLOW_UP = Duration.ofSeconds(Long.getLong("kamerstroom.hostile.follow-up-seconds", 30));
    /** Zaak numbers 2092Z…: this test's letters. */
    private static final int YEAR = 2092;
    private static final String TEXT = "text/plain; charset=utf-8";

    private static Pipeline pipeline;
    private static Client client;
    private static TopicTail dlq;
    private static TopicTail published;
    private static String apiKey;
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final List<String> RESULTS = new ArrayList<>();
    /** The first case after which the feed stopped, or null. */
    private static volatile String halted;

    @BeforeAll
    static void start() throws Exception {
        pipeline = Pipeline.start("hostile", Map.of());
        client = new Client(() -> pipeline.ingest().baseUrl(), pipeline.uploadKey);
        dlq = new TopicTail(pipeline.broker.bootstrapServers(), "letters.dlq");
        published = new TopicTail(pipeline.broker.bootstrapServers(), "answers.published");
        Client.Reply issued = client.post(pipeline.store().baseUrl() + "/api/admin/api-keys", "application/json",
                "{\"name\":\"hostile-input test\"}".getBytes(StandardCharsets.UTF_8),
                Map.of("X-Api-Key", pipeline.adminKey), Duration.ofSeconds(10));
        assertThat(issued.status()).as("issuing an API key: %s", issued).isEqualTo(201);
        apiKey = issued.json().get("key").asText();
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            if (published != null) {
                published.close();
            }
            if (dlq != null) {
                dlq.close();
            }
        } finally {
            if (pipeline != null) {
                pipeline.close();
            }
        }
        StringBuilder table = new StringBuilder("| input | result | outcome | took | RSS ingest/parse/store MB |\n|---|---|---|---|---|\n");
        RESULTS.forEach(row -> table.append(row).append('\n'));
        System.out.println(table);
        Path out = Path.of(System.getProperty("kamerstroom.root", "..")).resolve("system-tests/target/hostile-input.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table.toString());
    }

    /** What a case ended in, for the table; the case throws AssertionError when the outcome is wrong. */
    private interface Case {
        String run() throws Exception;
    }

    @TestFactory
    Stream<DynamicTest> everyHostileInputIsRefusedOrDeadLetteredAndTheFeedGoesOn() {
        List<DynamicTest> tests = new ArrayList<>();
        // refusals at the door first: they need no consumer, so they say something even after a halt
        Map<String, byte[]> attacks = HostileInputs.xmlAttacks();
        attacks.forEach((name, xml) -> tests.add(row(name + " to /api/parse: 422", false, () -> {
            Client.Reply reply = client.post(pipeline.parse().baseUrl() + "/api/parse", "application/xml", xml,
                    Map.of(), CASE);
            assertThat(reply.status()).as("%s: %s", name, reply).isEqualTo(422);
            return "422 " + detail(reply);
        })));
        for (String target : List.of("https://[::ffff:0:7f00:1]/", "https://[64:ff9b:1::7f00:1]/", "https://168.63.129.16/")) {
            tests.add(row("webhook target " + target + ": 400", false, () -> {
                Client.Reply reply = client.post(pipeline.store().baseUrl() + "/api/subscriptions", "application/json",
                        Client.JSON.writeValueAsBytes(Map.of("url", target)), Map.of("X-Api-Key", apiKey), CASE);
                assertThat(reply.status()).as("subscribing %s: %s", target, reply).isEqualTo(400);
                return "400 " + detail(reply);
            }));
        }
        tests.add(row("POST /api/letters without a key: 401", false, () -> {
            Letter letter = Letters.answer(YEAR, NEXT.getAndIncrement());
            Client.Reply reply = client.upload(letter.body(), TEXT, Map.of(), false, CASE);
            assertThat(reply.status()).as("upload without X-Api-Key: %s", reply).isEqualTo(401);
            return "401";
        }));
        tests.add(row("sourceId with a line break: 400", false,
                () -> refusedQuery(Map.of("sourceId", "abc\n2026-12-01 INFO forged line"))));
        tests.add(row("300-character sourceId: 400", false, () -> refusedQuery(Map.of("sourceId", "s".repeat(300)))));
        tests.add(row("300-character fileName: 400", false,
                () -> refusedQuery(Map.of("fileName", "f".repeat(296) + ".txt"))));
        // through the pipeline: uploaded, then refused, dead-lettered or stored in bounded time; the
        // inputs that halted the feed before this issue come last, so that a run on such code still
        // says something about the others
        tests.add(row("U+FFFF in an answer: Atom feeds 200 and valid XML", true, this::nonCharacter));
        tests.add(row("40 questions answered together (outbox event > 1 MiB)", true, this::fortyTogether));
        tests.add(row("a PDF whose page count lies (4,000 pages, /Count 1)", true,
                () -> fate(upload(HostileInputs.pdfWithLyingPageCount(4_000), "application/pdf"), true, CASE)));
        tests.add(row("4.7 MB HTML with many header rows", true,
                () -> fate(upload(HostileInputs.htmlHeaderRows(), "text/html"), true, CASE)));
        tests.add(row("14 MB KOOP XML with repeated question numbers", true,
                () -> fate(upload(HostileInputs.koopRepeatedNumbers(zaak()), "application/xml"), true, CASE)));
        tests.add(row("ten 19 MB uploads at once", true, this::tenLargeUploads));
        tests.add(row("a letter with one 1.2 MB question", true,
                () -> fate(upload(HostileInputs.hugeQuestion(zaak()), TEXT), true, CASE)));
        tests.add(row("200,000 bare \"Vraag\" lines (1.2 MB)", true,
                () -> fate(upload(HostileInputs.bareVraagLines(), TEXT), true, CASE)));
        tests.add(row("a letter that takes > 60 s to parse (200 KB digit runs), uploaded", true,
                // the parser is linear now (< 1 s): the letter is stored, its over-long labels cut to fit
                // with a review reason (LetterBounds), or dead-lettered; either way the feed goes on
                () -> fate(upload(HostileInputs.digitRuns(42), TEXT), true, CASE)));
        // the read side and /api/parse: no consumer involved, but each can take a process down
        tests.add(row("200 KB of digit/separator runs to /api/parse", false, () -> {
            Instant start = Instant.now();
            Client.Reply reply = client.post(pipeline.parse().baseUrl() + "/api/parse", TEXT,
                    HostileInputs.digitRuns(41), Map.of(), CASE);
            assertThat(reply.status()).as("/api/parse: %s", reply).isIn(200, 413, 422);
            return reply.status() + " in " + seconds(Duration.between(start, Instant.now()));
        }));
        tests.add(row("40 parallel GET /feeds/answers.atom", false, this::parallelFeeds));
        tests.add(row("ODT inflating to ~95 MB to /api/parse", false, () -> {
            Client.Reply reply = client.post(pipeline.parse().baseUrl() + "/api/parse",
                    "application/vnd.oasis.opendocument.text", HostileInputs.inflatingOdt(), Map.of(), CASE);
            assertThat(reply.status()).as("/api/parse: %s", reply).isIn(200, 413, 422);
            return reply.status() + " " + detail(reply);
        }));
        return tests.stream();
    }

    /**
     * One row: the case, then the checks every row shares: bounded time, an ordinary letter
     * stored after it, every service alive and live.
     */
    private static DynamicTest row(String name, boolean needsFeed, Case check) {
        return DynamicTest.dynamicTest(name, () -> {
            if (needsFeed && halted != null) {
                record(name, "FAIL", "not run: the feed has been halted since \"" + halted + "\"", Duration.ZERO);
                throw new AssertionError("not run: the feed has been halted since \"" + halted + "\"");
            }
            Instant start = Instant.now();
            String outcome = "";
            Throwable failure = null;
            try {
                outcome = check.run();
            } catch (AssertionError | Exception e) {
                failure = e;
            }
            Duration took = Duration.between(start, Instant.now());
            try {
                assertThat(took).as("%s took", name).isLessThanOrEqualTo(CASE.multipliedBy(2));
                // also after a failed case: whether the feed still flows decides what the next cases can show
                if (halted == null) {
                    followUp(name);
                }
                assertThat(pipeline.allLive()).as("after %s, every service alive and live; not: %s", name,
                        pipeline.notLive()).isTrue();
                assertThat(pipeline.allReady()).as("after %s, every service ready", name).isTrue();
            } catch (AssertionError e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
            String problems = failure == null ? "" : oneLine(failure.getMessage())
                    + Stream.of(failure.getSuppressed()).map(t -> "; " + oneLine(t.getMessage())).reduce("", String::concat);
            record(name, failure == null ? "pass" : "FAIL",
                    outcome + (outcome.isEmpty() || problems.isEmpty() ? "" : "; ") + problems, took);
            if (failure instanceof AssertionError assertion) {
                throw assertion;
            } else if (failure != null) {
                throw new AssertionError(failure.toString(), failure);
            }
        });
    }

    /** An ordinary letter uploaded after the case must be stored; if not, the feed is halted. */
    private static void followUp(String after) {
        Letter letter = Letters.answer(YEAR, NEXT.getAndIncrement());
        client.uploadRetrying(letter.body(), TEXT, FOLLOW_UP, () -> { });
        try {
            await().atMost(FOLLOW_UP).pollInterval(Duration.ofMillis(250))
                    .until(() -> client.status(pipeline.store().baseUrl() + "/api/zaken/" + letter.zaak()) == 200);
        } catch (ConditionTimeoutException e) {
            halted = after;
            throw new AssertionError("an ordinary letter uploaded after it was not stored within " + FOLLOW_UP
                    + " (zaak " + letter.zaak() + ")");
        }
    }

    private static String upload(byte[] body, String contentType) throws IOException {
        Client.Reply reply = client.upload(body, contentType, Map.of(), true, CASE);
        if (reply.status() >= 400 && reply.status() < 500) {
            return "refused:" + reply.status() + " " + detail(reply);
        }
        assertThat(reply.status()).as("upload: %s", reply).isEqualTo(202);
        return reply.json().get("documentId").asText();
    }

    /**
     * Waits until the uploaded document is dead-lettered (with a reason) or, if {@code mayStore},
     * stored; a refusal at upload counts as handled too.
     */
    private static String fate(String documentId, boolean mayStore, Duration bound) {
        if (documentId.startsWith("refused:")) {
            return documentId.substring("refused:".length());
        }
        String[] outcome = new String[1];
        try {
            await().atMost(bound).pollInterval(Duration.ofMillis(500)).until(() -> {
                List<TopicTail.Seen> dead = dlq.withKey(documentId);
                if (!dead.isEmpty()) {
                    outcome[0] = "dead-lettered: " + reason(dead.get(0));
                    return true;
                }
                if (client.status(pipeline.store().baseUrl() + "/api/letters/" + documentId) == 200) {
                    outcome[0] = "stored";
                    return true;
                }
                return false;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(documentId + " was neither dead-lettered nor stored within " + bound);
        }
        if (outcome[0].equals("stored")) {
            assertThat(mayStore).as("%s was stored, but this input must be dead-lettered", documentId).isTrue();
        } else {
            assertThat(outcome[0]).as("the dead letter's reason").doesNotEndWith(": ").doesNotEndWith("null");
        }
        return outcome[0];
    }

    /** The reason a dead letter gives: the LetterFailed's stage and reason, else the DLQ headers. */
    private static String reason(TopicTail.Seen seen) {
        try {
            JsonNode failed = Client.JSON.readTree(seen.value());
            if (failed.hasNonNull("reason")) {
                return failed.path("stage").asText("?") + ": " + failed.get("reason").asText();
            }
        } catch (IOException e) {
            // the raw letter, as SmallRye's dead-letter-queue strategy sends it
        }
        String header = seen.headers().get("dead-letter-reason");
        return "(raw record) " + header;
    }

    private static String refusedQuery(Map<String, String> query) throws IOException {
        Letter letter = Letters.answer(YEAR, NEXT.getAndIncrement());
        Client.Reply reply = client.upload(letter.body(), TEXT, query, true, CASE);
        assertThat(reply.status()).as("upload with %s: %s", query.keySet(), reply).isEqualTo(400);
        return "400 " + detail(reply);
    }

    private String parallelFeeds() throws Exception {
        ExecutorService readers = Executors.newFixedThreadPool(40);
        try {
            List<CompletableFuture<Client.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                replies.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return client.get(pipeline.store().baseUrl() + "/feeds/answers.atom", CASE);
                    } catch (IOException e) {
                        return new Client.Reply(-1, e.toString(), Map.of());
                    }
                }, readers));
            }
            CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(CASE.toSeconds() + 5, TimeUnit.SECONDS);
            Map<Integer, Long> statuses = new java.util.TreeMap<>();
            for (CompletableFuture<Client.Reply> reply : replies) {
                Client.Reply r = reply.get();
                statuses.merge(r.status(), 1L, Long::sum);
                assertThat(r.status()).as("a feed reader: %s", r).isIn(200, 429, 503);
                if (r.status() == 200) {
                    wellFormed(r.body());
                }
            }
            return "statuses " + statuses;
        } finally {
            readers.shutdownNow();
        }
    }

    private String fortyTogether() throws Exception {
        String fate = fate(upload(HostileInputs.fortyAnsweredTogether(zaak()), TEXT), true, CASE);
        // the outbox must not block or resend what follows: a later letter's answers go out once each
        Letter later = Letters.answer(YEAR, NEXT.getAndIncrement());
        client.uploadRetrying(later.body(), TEXT, FOLLOW_UP, () -> { });
        await().atMost(CASE).pollInterval(Duration.ofMillis(500)).until(() -> published.withKey(later.zaak()).stream()
                .map(TopicTail.Seen::ceId).distinct().count() >= later.answers());
        // a relay that re-sends rows behind a stuck one does so within seconds: look again after
        // the follow-up letter, which the row check uploads next
        followUp("40 questions answered together");
        List<TopicTail.Seen> events = published.withKey(later.zaak());
        long copies = events.size() - events.stream().map(TopicTail.Seen::ceId).distinct().count();
        assertThat(copies).as("extra copies of a later letter's answer events").isZero();
        return fate + "; a later letter's " + later.answers() + " answers published once each";
    }

    private String tenLargeUploads() throws Exception {
        String appendix = HostileInputs.prose(77, 19_000_000 - 12_000);
        ExecutorService uploaders = Executors.newFixedThreadPool(10);
        try {
            List<CompletableFuture<String>> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                byte[] body = HostileInputs.nineteenMegabytes(zaak(), appendix);
                ids.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return upload(body, TEXT);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, uploaders));
            }
            // one bound for all ten together: they were sent at once
            Instant deadline = Instant.now().plus(CASE);
            List<String> fates = new ArrayList<>();
            for (CompletableFuture<String> id : ids) {
                String documentId = id.get(CASE.toSeconds(), TimeUnit.SECONDS);
                fates.add(fate(documentId, true, max(Duration.between(Instant.now(), deadline), Duration.ofSeconds(1))));
            }
            Map<String, Long> counted = new java.util.TreeMap<>();
            fates.forEach(f -> counted.merge(f.startsWith("dead-lettered") ? "dead-lettered" : f, 1L, Long::sum));
            return "all ten accounted for: " + counted;
        } finally {
            uploaders.shutdownNow();
        }
    }

    private String nonCharacter() throws Exception {
        String zaak = zaak();
        String fate = fate(upload(HostileInputs.nonCharacterInAnswer(zaak), TEXT), true, CASE);
        assertThat(fate).as("a letter with U+FFFF").isEqualTo("stored");
        for (String feed : List.of("/feeds/zaken/" + zaak + ".atom", "/feeds/answers.atom")) {
            await().atMost(CASE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Client.Reply reply = client.get(pipeline.store().baseUrl() + feed, CASE);
                assertThat(reply.status()).as("%s: %s", feed, reply).isEqualTo(200);
                assertThat(reply.body()).as(feed).contains(zaak);
                wellFormed(reply.body());
            });
        }
        return "stored; both feeds 200, well-formed";
    }

    private static void wellFormed(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String zaak() {
        return Letters.answer(YEAR, NEXT.getAndIncrement()).zaak();
    }

    private static String detail(Client.Reply reply) {
        try {
            JsonNode problem = reply.json();
            return problem.hasNonNull("detail") ? "(" + problem.get("detail").asText() + ")" : "";
        } catch (AssertionError e) {
            return "";
        }
    }

    private static synchronized void record(String name, String result, String outcome, Duration took) {
        List<String> rss = new ArrayList<>();
        for (ServiceProcess process : pipeline.processes()) {
            long kib = process.isAlive() ? process.residentKib() : -1;
            rss.add(kib < 0 ? "-" : String.valueOf(kib / 1024));
        }
        RESULTS.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |", name.replace("|", "\\|"), result,
                Client.abbreviate(oneLine(outcome)).replace("|", "\\|"), seconds(took), String.join("/", rss)));
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
