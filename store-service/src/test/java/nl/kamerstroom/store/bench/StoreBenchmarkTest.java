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
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.LetterParsed;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.events.SourceMetadata;
import nl.kamerstroom.store.search.SearchIndexer;
import nl.kamerstroom.testsupport.KafkaResource;
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
 * {@code letters.parsed} topic into the store, prints letters per second, then times a zaak
 * lookup, a filtered list and a full-text search (p50, p95 over repeated requests).
 *
 * <p>Not part of {@code ./mvnw verify}; run with
 * {@code ./mvnw -pl store-service verify -Pbenchmark [-Dbench.letters=10000]}.
 */
@QuarkusTest
@Tag("benchmark")
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class StoreBenchmarkTest {

    private static final String[][] MEMBERS = {{"Sneller", "D66"}, {"Mutluer", "GroenLinks-PvdA"},
            {"Kathmann", "GroenLinks-PvdA"}, {"Omtzigt", "NSC"}, {"Bikker", "ChristenUnie"}, {"Eerdmans", "JA21"},
            {"Van Haga", "BVNL"}, {"Dassen", "Volt"}, {"Van der Plas", "BBB"}, {"Wilders", "PVV"}};
    private static final String[] MINISTRIES = {"Minister van Justitie en Veiligheid", "Minister van Financiën",
            "Minister van Volksgezondheid, Welzijn en Sport", "Minister van Defensie",
            "Minister van Infrastructuur en Waterstaat", "Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties"};

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
            await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(200)).until(() -> indexer.unindexed() == 0);
        }
        IntFunction<LetterParsed> letter = i -> vary(bases.get(i % bases.size()), warmup + i, run, random);
        Instant start = Instant.now();
        double seconds = load(n, letter);
        System.out.printf("%n[bench] stored %d letters in %.1f s: %.0f letters/s (from the first record produced"
                + " to the last letter stored, through the real topic)%n", n, seconds, n / seconds);

        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(200)).until(() -> indexer.unindexed() == 0);
        double indexed = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        System.out.printf("[bench] all questions searchable after %.1f s: %.0f letters/s including the deferred"
                + " Dutch full-text indexing%n", indexed, n / indexed);

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

    /** Produces n letters and waits until the store has them all; the seconds that took. */
    private double load(int n, IntFunction<LetterParsed> letter) throws Exception {
        long before = count();
        Instant start = Instant.now();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        // the store consumes while this produces; the clock runs from the first send to the last stored letter
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
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
        LetterKind kind = i % 7 == 0 ? LetterKind.QUESTIONS : LetterKind.ANSWER;
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
        for (String name : List.of("000.parsed.json", "001.parsed.json")) {
            try (InputStream in = StoreBenchmarkTest.class.getResourceAsStream("/bench/" + name)) {
                bases.add(json.readValue(in, ParsedLetter.class));
            }
        }
        return bases;
    }
}
