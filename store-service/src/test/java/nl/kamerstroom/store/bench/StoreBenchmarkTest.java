package nl.kamerstroom.store.bench;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.LetterParsed;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.events.SourceMetadata;
import nl.kamerstroom.store.search.SearchIndexer;
import nl.kamerstroom.testsupport.PostgresResource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The store's throughput and query latency, measured, not asserted: loads N parsed letters (the
 * real seed letters as parsed, varied in zaak, member, party, ministry and dates) through the real
 * {@code letters.parsed} topic into the store, prints letters per second and the CPU milliseconds per
 * letter of the store's JVM and of PostgreSQL ({@link CpuMeter}), then times a zaak lookup, a
 * filtered list and a full-text search (p50, p95 over repeated requests).
 *
 * <p>Not part of {@code ./mvnw verify}; run with
 * {@code ./mvnw -B -o -pl store-service -am verify -Pbenchmark -Dtest=StoreBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false
 * [-Dbench.letters=10000] [-Dbench.warmup=2000] [-Dbench.seeds=001.parsed.json,000.parsed.json]
 * [-Dbench.questions-every=7] [-Dbench.queries=false]}; add
 * {@code -DargLine=-XX:StartFlightRecording=filename=store.jfr,settings=profile} for a profile.
 */
@QuarkusTest
@Tag("benchmark")
@WithTestResource(value = BenchKafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class StoreBenchmarkTest {

    /** Every n-th letter asks questions instead of answering them (0: all answer letters). */
    private static final int QUESTIONS_EVERY = Integer.getInteger("bench.questions-every", 0);
    private static final String[][] MEMBERS = {{"Sneller", "D66"}, {"Mutluer", "GroenLinks-PvdA"},
            {"Kathmann", "GroenLinks-PvdA"}, {"Omtzigt", "NSC"}, {"Bikker", "ChristenUnie"}, {"Eerdmans", "JA21"},
            {"Van Haga", "BVNL"}, {"Dassen", "Volt"}, {"Van der Plas", "BBB"}, {"Wilders", "PVV"}};
    private static final String[] MINISTRIES = {"Minister van Justitie en Veiligheid", "Minister van Financiën",
            "Minister van Volksgezondheid, Welzijn en Sport", "Minister van Defensie",
            "Minister van Infrastructuur en Waterstaat", "Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties"};

    /** The benchmark's own producer, whose CPU is not the store's. */
    private static final String BENCH_CLIENT = "bench-producer";
    private static final String BENCH_CLIENT_THREAD = "kafka-producer-network-thread | " + BENCH_CLIENT;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper json;

    @Inject
    EntityManager em;

    @Inject
    SearchIndexer indexer;

    @Test
    void loadAndQuery() throws Exception {
        int n = Integer.getInteger("bench.letters", 10_000);
        int warmup = Integer.getInteger("bench.warmup", 2_000);
        List<ParsedLetter> bases = bases();
        Random random = new Random(42);
        String run = Long.toString(System.nanoTime() % 1_000_000, 36);

        // a JVM that has just started spends much of its first half minute compiling; the figure
        // that matters for a running service is the steady state, so a warm-up load goes first
        if (warmup > 0) {
            double seconds = load(warmup, i -> vary(bases.get(i % bases.size()), i, run, random));
            System.out.printf("%n[bench] warm-up: %d letters in %.1f s (%.0f letters/s)%n", warmup, seconds,
                    warmup / seconds);
            settled();
        }
        CpuMeter cpu = new CpuMeter(CpuMeter.postmasterPid(dataDirectory()), Set.of(BENCH_CLIENT_THREAD, "main"));
        IntFunction<LetterParsed> letter = i -> vary(bases.get(i % bases.size()), warmup + i, run, random);
        Instant start = Instant.now();
        CpuMeter.Reading before = cpu.read();
        double seconds = load(n, letter);
        CpuMeter.Reading stored = cpu.read();
        System.out.printf("%n[bench] stored %d letters in %.1f s: %.0f letters/s (from the first record produced"
                + " to the last letter stored, through the real topic)%n", n, seconds, n / seconds);

        settled();
        CpuMeter.Reading done = cpu.read();
        double indexed = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        System.out.printf("[bench] all questions searchable and every event relayed after %.1f s: %.0f letters/s"
                + " including the deferred Dutch full-text indexing%n", indexed, n / indexed);
        System.out.printf("[bench] CPU ms per letter until stored:            store JVM %.2f, PostgreSQL %.2f,"
                + " together %.2f (broker %.2f, benchmark's producer %.2f)%n", (stored.store() - before.store()) / n,
                (stored.postgres() - before.postgres()) / n,
                (stored.store() - before.store() + stored.postgres() - before.postgres()) / n,
                (stored.infrastructure() - before.infrastructure()) / n, (stored.bench() - before.bench()) / n);
        System.out.printf("[bench] CPU ms per letter until indexed and relayed: store JVM %.2f, PostgreSQL %.2f,"
                + " together %.2f (broker %.2f)%n", (done.store() - before.store()) / n,
                (done.postgres() - before.postgres()) / n,
                (done.store() - before.store() + done.postgres() - before.postgres()) / n,
                (done.infrastructure() - before.infrastructure()) / n);
        int reparse = Math.min(n, Integer.getInteger("bench.reparse", 0));
        if (reparse > 0) {
            reparseWhileLive(reparse, i -> reparsed(letter.apply(i)), warmup + n, bases, run, random);
        }
        if (!Boolean.parseBoolean(System.getProperty("bench.queries", "true"))) {
            return;
        }

        String someZaak = letter.apply(n / 2).letter().primaryZaak();
        report("zaak lookup  GET /api/zaken/{n}", () -> given().get("/api/zaken/" + someZaak).then().statusCode(200));
        report("filtered list GET /api/zaken?party=D66&ministry=Justitie&status=ANSWERED",
                () -> given().queryParam("party", "D66").queryParam("ministry", "Justitie")
                        .queryParam("status", "ANSWERED").get("/api/zaken").then().statusCode(200));
        report("full-text     GET /api/questions?q=bezuinigingen",
                () -> given().queryParam("q", "bezuinigingen").get("/api/questions").then().statusCode(200));
        report("full-text     GET /api/zaken?q=ICT problemen OM",
                () -> given().queryParam("q", "ICT problemen OM").get("/api/zaken").then().statusCode(200));
    }

    /**
     * Live letters at a steady 20 a second, first alone, then while {@code reparse} re-parsed
     * letters (each with one answer read differently) arrive on {@code letters.reparsed} all at
     * once: the live letters' latency (sent to stored) both times, and the re-parse's rate.
     */
    private void reparseWhileLive(int reparse, IntFunction<LetterParsed> reparsed, int firstLive,
            List<ParsedLetter> bases, String run, Random random) throws Exception {
        int[] next = {firstLive};
        IntFunction<LetterParsed> live = i -> vary(bases.get(i % bases.size()), i, run, random);
        long[] alone = paced(live, next, Duration.ofSeconds(10), () -> false);
        settled();
        Instant start = Instant.now();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < reparse; i++) {
                LetterParsed event = reparsed.apply(i);
                producer.send(new ProducerRecord<>("letters.reparsed", event.key(), json.writeValueAsString(event)));
            }
        }
        long[] during = paced(live, next, Duration.ofSeconds(10), () -> reparsedCount() < reparse);
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(200)).until(() -> reparsedCount() >= reparse);
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        System.out.printf("[bench] re-parse: %d changed letters re-stored in %.1f s: %.0f letters/s, while live letters"
                + " arrived at 20/s%n", reparse, seconds, reparse / seconds);
        System.out.printf("[bench] live letters sent -> stored, alone:             p50 %5.0f ms  p99 %5.0f ms  (%d letters)%n",
                percentile(alone, 50), percentile(alone, 99), alone.length);
        System.out.printf("[bench] live letters sent -> stored, during re-parse:   p50 %5.0f ms  p99 %5.0f ms  (%d letters)%n",
                percentile(during, 50), percentile(during, 99), during.length);
    }

    /** Sends live letters at 20/s for at least {@code atLeast} and while {@code more}; each one's ms to stored. */
    private long[] paced(IntFunction<LetterParsed> live, int[] next, Duration atLeast, java.util.function.BooleanSupplier more)
            throws Exception {
        java.util.Map<String, Instant> sent = new java.util.LinkedHashMap<>();
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int j = 0; System.nanoTime() - start < atLeast.toNanos() || more.getAsBoolean(); j++) {
                long due = start + j * 50_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                LetterParsed event = live.apply(next[0]++);
                sent.put(event.documentId(), Instant.now());
                producer.send(new ProducerRecord<>("letters.parsed", event.key(), json.writeValueAsString(event)));
                producer.flush();
            }
        }
        // stored_at is set as the letter is written, a moment before its transaction commits
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> storedAt(sent.keySet()).size() == sent.size());
        java.util.Map<String, Instant> stored = storedAt(sent.keySet());
        return sent.entrySet().stream().mapToLong(e -> Duration.between(e.getValue(), stored.get(e.getKey())).toMillis())
                .sorted().toArray();
    }

    @SuppressWarnings("unchecked")
    private java.util.Map<String, Instant> storedAt(java.util.Collection<String> ids) {
        java.util.Map<String, Instant> stored = new java.util.HashMap<>();
        QuarkusTransaction.requiringNew().run(() -> ((List<Object[]>) em.createNativeQuery(
                        "SELECT document_id, stored_at FROM letter WHERE document_id IN (:ids)").setParameter("ids", ids)
                .getResultList()).forEach(r -> stored.put((String) r[0], r[1] instanceof Instant i ? i
                        : ((java.time.OffsetDateTime) r[1]).toInstant())));
        return stored;
    }

    private long reparsedCount() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM letter WHERE parser_version = 'bench-reparse'").getSingleResult()).longValue());
    }

    private static double percentile(long[] sorted, int p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, sorted.length * p / 100)];
    }

    /** The same letter read by a newer parser that reads its last answer differently. */
    private static LetterParsed reparsed(LetterParsed e) {
        ParsedLetter l = e.letter();
        List<ParsedLetter.Answer> answers = new ArrayList<>(l.answers());
        if (!answers.isEmpty()) {
            ParsedLetter.Answer last = answers.remove(answers.size() - 1);
            answers.add(new ParsedLetter.Answer(last.questionNumbers(), last.text() + " (herzien)", last.footnotes()));
        }
        ParsedLetter changed = new ParsedLetter(l.kind(), l.documentNumber(), l.zaakNumbers(), l.ourReference(),
                l.subject(), l.submittedDate(), l.receivedDate(), l.letterDate(), l.askers(), l.addressees(),
                l.answeredBy(), l.questions(), answers, l.footnotes(), l.warnings(), l.reviewReasons());
        return new LetterParsed(e.documentId(), e.sha256(), e.source(), e.sourceId(), e.contentType(), e.fetchedAt(),
                Instant.now(), "bench-reparse", e.metadata(), changed);
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, BENCH_CLIENT);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Produces n letters and waits until the store has them all; the seconds that took. */
    private double load(int n, IntFunction<LetterParsed> letter) throws Exception {
        long before = count();
        Instant start = Instant.now();
        // the store consumes while this produces; the clock runs from the first send to the last stored letter
        try (KafkaProducer<String, String> producer = producer()) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                LetterParsed event = letter.apply(i);
                sent.add(producer.send(new ProducerRecord<>("letters.parsed", event.key(), json.writeValueAsString(event))));
            }
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        }
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(200)).until(() -> count() - before >= n);
        return Duration.between(start, Instant.now()).toMillis() / 1000.0;
    }

    /** Until every question is searchable and every outbox event relayed: the work a letter causes after it is stored. */
    private void settled() {
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> indexer.unindexed() == 0 && unpublished() == 0);
    }

    private long unpublished() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND set_aside_at IS NULL")
                .getSingleResult()).longValue());
    }

    private String dataDirectory() {
        return QuarkusTransaction.requiringNew().call(() ->
                (String) em.createNativeQuery("SELECT current_setting('data_directory')").getSingleResult());
    }

    private long count() {
        return QuarkusTransaction.requiringNew().call(() ->
                ((Number) em.createNativeQuery("SELECT count(*) FROM letter").getSingleResult()).longValue());
    }

    private static void report(String name, Runnable request) {
        for (int i = 0; i < 20; i++) {
            request.run();
        }
        long[] nanos = new long[200];
        for (int i = 0; i < nanos.length; i++) {
            long t = System.nanoTime();
            request.run();
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf("[bench] %-75s p50 %6.1f ms  p95 %6.1f ms  (200 requests over HTTP)%n", name,
                nanos[100] / 1e6, nanos[190] / 1e6);
    }

    private LetterParsed vary(ParsedLetter base, int i, String run, Random random) {
        String zaak = String.format("%04dZ%05d", 2040 + (i / 90_000), i % 90_000 + 10_000);
        String[] member = MEMBERS[random.nextInt(MEMBERS.length)];
        String ministry = MINISTRIES[random.nextInt(MINISTRIES.length)];
        LocalDate submitted = LocalDate.of(2020, 1, 1).plusDays(random.nextInt(2000));
        LetterKind kind = QUESTIONS_EVERY > 0 && i % QUESTIONS_EVERY == 0 ? LetterKind.QUESTIONS : LetterKind.ANSWER;
        ParsedLetter letter = new ParsedLetter(kind, null, List.of(zaak), base.ourReference(), base.subject(), submitted,
                null, submitted.plusDays(10 + random.nextInt(80)), List.of(new ParsedLetter.Member(member[0], member[1])),
                List.of(ministry), kind == LetterKind.ANSWER ? List.of(ministry) : List.of(), base.questions(),
                kind == LetterKind.ANSWER ? base.answers() : List.of(), base.footnotes(), List.of(), List.of());
        String sha = String.format("%064x", (long) i + 1).replace(' ', '0');
        return new LetterParsed("bench-" + run + "-" + i, sha, "bench", null, "text/plain", Instant.now(), Instant.now(),
                "bench", SourceMetadata.none(), letter);
    }

    private List<ParsedLetter> bases() throws IOException {
        List<ParsedLetter> bases = new ArrayList<>();
        // by default the 20-question answer letter, like the "20 questions each"
        for (String name : System.getProperty("bench.seeds", "001.parsed.json").split(",")) {
            try (InputStream in = StoreBenchmarkTest.class.getResourceAsStream("/bench/" + name)) {
                bases.add(json.readValue(in, ParsedLetter.class));
            }
        }
        return bases;
    }
}
