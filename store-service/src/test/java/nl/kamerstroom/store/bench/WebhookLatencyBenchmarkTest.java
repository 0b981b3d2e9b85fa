package nl.kamerstroom.store.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.LetterParsed;
import nl.kamerstroom.store.Letters;
import nl.kamerstroom.store.Receiver;
import nl.kamerstroom.store.Subscribers;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * From an answer letter sent to {@code letters.parsed} to its signed webhook arriving at a real
 * receiver, per letter: consumed, stored, outbox row, matched, claimed, signed, POSTed. Measured,
 * not asserted: 200 letters paced one per 20 ms, then 200 at once (a burst), after 20 to warm up.
 *
 * <p>Not part of {@code ./mvnw verify}; run with
 * {@code ./mvnw -pl store-service verify -Pbenchmark [-Dtest=WebhookLatencyBenchmarkTest] [-Dbench.webhook.letters=200]}.
 */
@QuarkusTest
@Tag("benchmark")
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class WebhookLatencyBenchmarkTest {

    private static final LocalDate SUBMITTED = LocalDate.of(2025, 9, 19);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper json;

    @Test
    void fromLetterToWebhook() throws Exception {
        int n = Integer.getInteger("bench.webhook.letters", 200);
        String run = Long.toString(System.nanoTime() % 1_000_000, 36);
        String party = "Bench-" + run; // this run's letters only
        Subscribers subscriber = new Subscribers("webhook-bench");
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        try (Receiver receiver = Receiver.start();
                KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                        new StringSerializer())) {
            subscriber.subscribe(receiver.url(), Map.of("party", party, "types", List.of("answer.published")));
            measure(producer, receiver, party, run + "-warm", 20, 20);
            long[] paced = measure(producer, receiver, party, run + "-paced", n, 20);
            long[] burst = measure(producer, receiver, party, run + "-burst", n, 0);
            report("paced, one letter per 20 ms", paced);
            report("burst, " + n + " letters sent at once", burst);
        } finally {
            subscriber.deleteAll();
        }
    }

    /** Latencies in nanoseconds, sorted: send of each letter to its webhook at the receiver. */
    private long[] measure(KafkaProducer<String, String> producer, Receiver receiver, String party, String batch,
            int n, long gapMillis) throws Exception {
        int before = receiver.requests().size();
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        for (int i = 0; i < n; i++) {
            String zaak = Letters.newZaak();
            LetterParsed letter = Letters.event("whbench-" + batch + "-" + i, "c".repeat(64), Letters.letter(
                    LetterKind.ANSWER, zaak, SUBMITTED, SUBMITTED.plusDays(20), "Sneller", party,
                    "Minister van Financiën", List.of(Letters.q("1", "Waarom?")), List.of(Letters.a("Daarom.", "1"))));
            String value = json.writeValueAsString(letter);
            sentAt.put(letter.documentId(), System.nanoTime());
            producer.send(new ProducerRecord<>("letters.parsed", letter.key(), value));
            if (gapMillis > 0) {
                Thread.sleep(gapMillis); // pacing the load, not waiting for a result
            }
        }
        producer.flush();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> receiver.requests().size() - before >= n);
        List<Receiver.Request> arrived = receiver.requests().subList(before, before + n);
        long[] latencies = new long[n];
        for (int i = 0; i < n; i++) {
            String documentId = documentId(arrived.get(i));
            latencies[i] = arrived.get(i).receivedNanos() - sentAt.get(documentId);
        }
        Arrays.sort(latencies);
        return latencies;
    }

    private String documentId(Receiver.Request request) {
        try {
            return json.readTree(request.body()).get("data").get("documentId").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void report(String name, long[] nanos) {
        System.out.printf("[bench] webhook latency, %-35s n=%d  p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms"
                + "  (send to letters.parsed -> signed POST at the receiver)%n", name, nanos.length,
                nanos[nanos.length / 2] / 1e6, nanos[(int) Math.ceil(nanos.length * 0.99) - 1] / 1e6,
                nanos[nanos.length - 1] / 1e6);
    }
}
