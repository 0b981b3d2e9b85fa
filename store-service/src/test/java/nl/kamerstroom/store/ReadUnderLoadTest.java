package nl.kamerstroom.store;

import static io.restassured.RestAssured.given;
import static nl.kamerstroom.store.Letters.a;
import static nl.kamerstroom.store.Letters.event;
import static nl.kamerstroom.store.Letters.letter;
import static nl.kamerstroom.store.Letters.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.store.subscription.UpdateBroadcaster;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The read side while dashboards and feed readers are connected: 200 SSE streams open and 40
 * clients polling Atom feeds without pause, and a person asking for one zaak still gets it fast.
 * Prints the p95; asserts a bound generous enough for a shared 2-core machine (the target is 50 ms).
 * Without the feed cache every one of those polls read up to 5,000 events from the database.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ReadUnderLoadTest {

    private static final LocalDate SUBMITTED = LocalDate.of(2025, 9, 19);
    private static final int STREAMS = 200;
    private static final int FEED_CLIENTS = 40;
    private static final long POLL_PAUSE_MS = 200;
    private static final List<String> FEEDS = List.of("/feeds/answers.atom", "/feeds/answers.atom?party=D66",
            "/feeds/answers.atom?q=kost", "/feeds/answers.atom?type=answer.published");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "kamerstroom.stream.max-connections")
    int maxStreams;

    @Inject
    ObjectMapper json;

    @Inject
    UpdateBroadcaster broadcaster;

    @TestHTTPResource("/")
    URL base;

    @Test
    void aZaakIsAnsweredQuicklyWith200StreamsAnd40FeedPollersAndStreamsBeyondTheLimitGet503() throws Exception {
        String zaak = Letters.newZaak();
        var event = event("ah-" + zaak, "6".repeat(64), letter(LetterKind.ANSWER, zaak, SUBMITTED, SUBMITTED.plusDays(20),
                "Sneller", "D66", "Minister van Financiën", List.of(q("1", "Wat kost het?")), List.of(a("Niets.", "1"))));
        Letters.publish(bootstrapServers, json, event);
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/zaken/" + zaak).then().extract().statusCode() == 200);

        long[] idle = p50p95(zaak); // the same requests before any load: what this machine gives right now
        List<Socket> streams = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pollers = Executors.newFixedThreadPool(FEED_CLIENTS);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger feedsServed = new AtomicInteger();
        AtomicInteger feedErrors = new AtomicInteger();
        try {
            for (int i = 0; i < STREAMS; i++) {
                streams.add(open(i % 2 == 0 ? "/api/stream" : "/api/stream?party=D66"));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> broadcaster.connections() >= STREAMS);
            for (int i = 0; i < FEED_CLIENTS; i++) {
                String feed = FEEDS.get(i % FEEDS.size());
                pollers.submit(() -> {
                    while (running.get()) {
                        int status = given().get(feed).then().extract().statusCode();
                        (status == 200 ? feedsServed : feedErrors).incrementAndGet();
                        try {
                            Thread.sleep(POLL_PAUSE_MS); // a feed reader, not a benchmark loop: 40 of them are ~200 req/s
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
            }
            Thread.sleep(2000); // the pollers are at it
            long[] loaded = p50p95(zaak);
            System.out.printf("GET /api/zaken/{n}: idle p50 %d ms, p95 %d ms; with %d SSE streams and %d Atom pollers"
                    + " (%d feeds served) p50 %d ms, p95 %d ms%n", idle[0], idle[1], broadcaster.connections(),
                    FEED_CLIENTS, feedsServed.get(), loaded[0], loaded[1]);
            // the target is 50 ms on an idle machine; on a shared 2-core one (load average ~40 when measured,
            // the 40 pollers running in this JVM) only a generous bound holds: no request may hang
            assertThat(loaded[1]).as("p95 of GET /api/zaken/{n} under load, ms (idle: %d ms)", idle[1])
                    .isLessThan(Math.max(5000, 20 * idle[1]));
            assertThat(feedErrors.get()).as("feed requests that failed").isZero();

            // up to the limit, then 503 with Retry-After
            while (broadcaster.connections() < maxStreams) {
                streams.add(open("/api/stream"));
                int target = streams.size();
                await().atMost(Duration.ofSeconds(10)).until(() -> broadcaster.connections() >= Math.min(target, maxStreams));
            }
            try (Socket refused = open("/api/stream")) {
                refused.setSoTimeout(20_000);
                BufferedReader answer = new BufferedReader(new InputStreamReader(refused.getInputStream(),
                        StandardCharsets.ISO_8859_1));
                assertThat(answer.readLine()).startsWith("HTTP/1.1 503");
                List<String> headers = new ArrayList<>();
                for (String line = answer.readLine(); line != null && !line.isEmpty(); line = answer.readLine()) {
                    headers.add(line.toLowerCase());
                }
                assertThat(headers).anyMatch(h -> h.startsWith("retry-after:"));
            }
        } finally {
            running.set(false);
            pollers.shutdown();
            pollers.awaitTermination(30, TimeUnit.SECONDS);
            for (Socket s : streams) {
                s.close();
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> broadcaster.connections() < STREAMS / 2);
    }

    private static long[] p50p95(String zaak) {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long start = System.nanoTime();
            given().get("/api/zaken/" + zaak).then().statusCode(200);
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        Collections.sort(millis);
        return new long[] {millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.95) - 1)};
    }

    /** An SSE request on a connection of its own, left open until the socket is closed. */
    private Socket open(String path) throws Exception {
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return socket;
    }
}
