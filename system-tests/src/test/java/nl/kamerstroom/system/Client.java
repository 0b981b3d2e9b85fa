package nl.kamerstroom.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * HTTP as a client of kamerstroom sees it. Uploads carry the upload key; {@link #uploadRetrying}
 * behaves as the README tells clients to: on 503, 5xx or no connection it posts the same bytes
 * again after a short backoff (ingest deduplicates by content, so that is exactly once).
 */
final class Client {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private final Supplier<String> ingest;
    private final String uploadKey;
    /** Every repeated POST of an upload, whatever the cause. */
    final LongAdder retries = new LongAdder();

    record Reply(int status, String body, Map<String, java.util.List<String>> headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + abbreviate(body), e);
            }
        }

        @Override
        public String toString() {
            return status + " " + abbreviate(body);
        }
    }

    /** {@code ingest} is asked each time: a restarted ingest keeps its port, but say so explicitly. */
    Client(Supplier<String> ingest, String uploadKey) {
        this.ingest = ingest;
        this.uploadKey = uploadKey;
    }

    /** One {@code POST /api/letters}, with the key unless {@code withKey} is false. */
    Reply upload(byte[] body, String contentType, Map<String, String> query, boolean withKey, Duration timeout)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ingest.get() + "/api/letters" + query(query)))
                .timeout(timeout).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (withKey) {
            request.header("X-Api-Key", uploadKey);
        }
        return send(request.build());
    }

    /**
     * Posts until ingest accepts (202, or 200 for content it already has) and answers the
     * document id; {@code onRetry} hears of each repeat. A 4xx other than 408/429 is the
     * client's fault and fails at once; {@code giveUp} bounds the whole attempt.
     */
    String uploadRetrying(byte[] body, String contentType, Duration giveUp, Runnable onRetry) {
        Instant deadline = Instant.now().plus(giveUp);
        long backoff = 200;
        String last = "nothing yet";
        while (true) {
            try {
                Reply reply = upload(body, contentType, Map.of(), true, Duration.ofSeconds(15));
                if (reply.status() == 202 || reply.status() == 200) {
                    return reply.json().get("documentId").asText();
                }
                if (reply.status() >= 400 && reply.status() < 500 && reply.status() != 408 && reply.status() != 429) {
                    throw new AssertionError("ingest refused an upload: " + reply);
                }
                last = reply.toString();
            } catch (IOException e) {
                last = e.toString();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("ingest did not accept an upload within " + giveUp + "; last: " + last);
            }
            retries.increment();
            onRetry.run();
            pause(backoff);
            backoff = Math.min(2_000, backoff * 2);
        }
    }

    Reply get(String url, Duration timeout) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build());
    }

    Reply get(String url, Map<String, String> headers, Duration timeout) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    Reply post(String url, String contentType, byte[] body, Map<String, String> headers, Duration timeout)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    /** The status of {@code GET url}, or -1 when nothing answers. */
    int status(String url) {
        try {
            return get(url, Duration.ofSeconds(10)).status();
        } catch (IOException e) {
            return -1;
        }
    }

    private Reply send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.body(), response.headers().map());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String query(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringJoiner joined = new StringJoiner("&", "?", "");
        query.forEach((k, v) -> joined.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return joined.toString();
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    /** The client's backoff between retries (a client's own pacing, not a wait for the system). */
    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
