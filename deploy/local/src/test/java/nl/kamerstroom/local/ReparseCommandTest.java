package nl.kamerstroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./deploy/local/run reparse} against a stand-in for parse-service's {@code /api/admin/reparse}
 * on a real HTTP port: it posts with the operator key, follows the job to its end and says how it ended.
 */
class ReparseCommandTest {

    private static final String KEY = "the-operator-key";

    private HttpServer server;
    private final List<String> requests = new ArrayList<>();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void startsTheJobWithTheOperatorKeyAndFollowsItToTheEnd() throws Exception {
        String base = serve(202, status("RUNNING", 0, 0, null, null), status("RUNNING", 40, 1, 20.0, 3L),
                status("DONE", 100, 1, 25.0, 0L));
        int exit = new ReparseCommand(base, KEY, Duration.ofMillis(10), new PrintStream(output, true)).run();

        assertThat(exit).isZero();
        assertThat(requests).startsWith("POST " + KEY, "GET " + KEY);
        String shown = output.toString(StandardCharsets.UTF_8);
        assertThat(shown).contains("started re-parse j1 of 100 records")
                .contains("[############..................]  40%  40/100  20.0 letters/s  ETA 3s  1 dead-lettered  RUNNING")
                .contains("re-parse j1 done: 100 records, 1 dead-lettered");
    }

    @Test
    void aJobThatRunsAlreadyIsFollowedAndACancelIsReported() throws Exception {
        String base = serve(200, status("RUNNING", 10, 0, 5.0, 18L), status("CANCELLED", 12, 0, 5.0, 0L));
        int exit = new ReparseCommand(base, KEY, Duration.ofMillis(10), new PrintStream(output, true)).run();

        assertThat(exit).isEqualTo(3);
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("re-parse j1 is already running (100 records); following it")
                .contains("re-parse j1 was cancelled after 12 of 100 records");
    }

    @Test
    void aRefusedKeyOrAStackThatIsNotRunningIsSaidPlainly() throws Exception {
        String refused = serve(401, "{\"detail\":\"send the operator key in X-Api-Key\"}");
        assertThat(new ReparseCommand(refused, "wrong", Duration.ofMillis(10), new PrintStream(output, true)).run()).isEqualTo(1);
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("refused the re-parse: 401");

        int free;
        try (ServerSocket socket = new ServerSocket(0)) {
            free = socket.getLocalPort();
        }
        assertThat(new ReparseCommand("http://127.0.0.1:" + free, KEY, Duration.ofMillis(10), new PrintStream(output, true))
                .run()).isEqualTo(1);
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("is the local stack running");
    }

    @Test
    void theLineShowsWhatIsLeftInPlainUnits() {
        assertThat(ReparseCommand.line(new ReparseCommand.Status("j", "RUNNING", 86_000, 25_800, 0, 0, 412.46, 146L)))
                .isEqualTo("[#########.....................]  30%  25,800/86,000  412.5 letters/s  ETA 2m 26s  RUNNING");
        assertThat(ReparseCommand.line(new ReparseCommand.Status("j", "RUNNING", 0, 0, 0, 0, null, null)))
                .as("an empty topic").contains("100%").contains("ETA ?");
        assertThat(ReparseCommand.duration(3_725)).isEqualTo("1h 2m");
    }

    private static String status(String state, long done, long failed, Double rate, Long eta) {
        return "{\"id\":\"j1\",\"state\":\"" + state + "\",\"parserVersion\":\"0.1.0\",\"startedAt\":\"2026-12-01T17:00:00Z\","
                + "\"finishedAt\":null,\"total\":100,\"done\":" + done + ",\"failed\":" + failed + ",\"skipped\":0,"
                + "\"lettersPerSecond\":" + rate + ",\"etaSeconds\":" + eta + "}";
    }

    /** The POST answers {@code postStatus} with the first body; each GET the next one (the last one stays). */
    private String serve(int postStatus, String... bodies) throws IOException {
        Deque<String> left = new ConcurrentLinkedDeque<>(List.of(bodies));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/admin/reparse", exchange -> {
            synchronized (requests) {
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("X-Api-Key"));
            }
            String body = left.size() > 1 ? left.poll() : left.peek();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders("POST".equals(exchange.getRequestMethod()) ? postStatus : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
