package nl.kamerstroom.store;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A real webhook receiver on 127.0.0.1 for tests, reached as {@value #HOST} (allow-listed in the
 * test config, mapped by {@link TestResolver}). It records every request and answers what the
 * test tells it to: a status, or nothing at all (hangs until closed).
 */
public final class Receiver implements AutoCloseable {

    static final String HOST = "receiver.test";
    /** Answer with this "status" to hang: never answer. */
    static final int HANG = -1;

    public record Request(Map<String, String> headers, byte[] body, long receivedNanos) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String bodyText() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Request, Integer> answer;

    private Receiver(Function<Request, Integer> answer) {
        this.answer = answer;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads); // a hanging answer must not hold up the next request
        server.start();
    }

    /** Answers 204 to everything until told otherwise. */
    public static Receiver start() {
        return new Receiver(r -> 204);
    }

    static Receiver answering(int status) {
        return new Receiver(r -> status);
    }

    void answer(Function<Request, Integer> answer) {
        this.answer = answer;
    }

    void answer(int status) {
        answer(r -> status);
    }

    public String url() {
        return "http://" + HOST + ":" + server.getAddress().getPort() + "/hooks/kamerstroom?x=1";
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Request request = new Request(exchange.getRequestHeaders().entrySet().stream().collect(Collectors.toMap(
                    e -> e.getKey().toLowerCase(Locale.ROOT), e -> e.getValue().get(0), (a, b) -> a)),
                    exchange.getRequestBody().readAllBytes(), System.nanoTime());
            requests.add(request);
            int status = answer.apply(request);
            if (status == HANG) {
                closing.await();
                return;
            }
            exchange.sendResponseHeaders(status, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
