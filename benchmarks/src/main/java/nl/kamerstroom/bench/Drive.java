package nl.kamerstroom.bench;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The stack as its clients see it: uploads to ingest ({@code POST /api/letters} with the upload
 * key, retried on 503 after a backoff as the README tells clients), the store's letters API to see
 * what is stored and when ({@code storedAt}), and parse-service's operator endpoints.
 */
final class Drive {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A letter to upload: its bytes, media type and the query ingest takes (zaak, soort). */
    record Letter(byte[] body, String contentType, String zaak, String soort) {
    }

    /** One upload's moment of sending and the document id ingest answered. */
    record Sent(String documentId, Instant at) {
    }

    record Reply(int status, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    private final Stack stack;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newCachedThreadPool(daemon("http"))).build();
    final AtomicLong retries = new AtomicLong();

    Drive(Stack stack) {
        this.stack = stack;
    }

    /** Uploads until ingest accepts (202, or 200 for content it has); gives up after two minutes. */
    Sent upload(Letter letter) throws IOException {
        StringBuilder query = new StringBuilder();
        if (letter.zaak() != null) {
            query.append("?zaak=").append(URLEncoder.encode(letter.zaak(), StandardCharsets.UTF_8));
        }
        if (letter.soort() != null) {
            query.append(query.length() == 0 ? '?' : '&').append("soort=").append(URLEncoder.encode(letter.soort(), StandardCharsets.UTF_8));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.ingest + "/api/letters" + query))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", letter.contentType())
                .header("X-Api-Key", stack.uploadKey).POST(HttpRequest.BodyPublishers.ofByteArray(letter.body())).build();
        Instant deadline = Instant.now().plusSeconds(120);
        long backoff = 200;
        while (true) {
            Instant at = Instant.now();
            String last;
            try {
                Reply reply = send(request);
                if (reply.status() == 202 || reply.status() == 200) {
                    return new Sent(reply.json().get("documentId").asText(), at);
                }
                if (reply.status() >= 400 && reply.status() < 500 && reply.status() != 408 && reply.status() != 429) {
                    throw new IOException("ingest refused an upload: " + reply.status() + " " + reply.body());
                }
                last = reply.status() + " " + reply.body();
            } catch (IOException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("ingest refused")) {
                    throw e;
                }
                last = e.toString();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("ingest did not accept an upload within 120 s; last: " + last);
            }
            retries.incrementAndGet();
            sleep(backoff);
            backoff = Math.min(2_000, backoff * 2);
        }
    }

    /** How many letters the store holds ({@code GET /api/letters?size=1}'s total). */
    long storedCount() throws IOException {
        return get(stack.store + "/api/letters?size=1").json().path("total").asLong();
    }

    /** The {@code storedAt} of the newest stored letter. */
    Instant newestStoredAt() throws IOException {
        JsonNode items = get(stack.store + "/api/letters?size=1").json().path("items");
        return items.isEmpty() ? Instant.EPOCH : Instant.parse(items.get(0).path("storedAt").asText());
    }

    /**
     * Uploads {@code count} letters with {@code clients} concurrent clients as fast as ingest takes
     * them; returns when all are accepted.
     */
    List<Sent> uploadAll(int count, int clients, IntFunction<Letter> letters) throws InterruptedException {
        List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients, daemon("client"));
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                for (int i = next.getAndIncrement(); i < count && failures.isEmpty(); i = next.getAndIncrement()) {
                    try {
                        sent.add(upload(letters.apply(i)));
                    } catch (IOException | RuntimeException e) {
                        failures.add(e);
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        if (!failures.isEmpty()) {
            throw new IllegalStateException("an upload failed: " + failures.get(0), failures.get(0));
        }
        return sent;
    }

    /**
     * Waits until the store holds {@code target} letters; gives up when the count did not move for
     * {@code stall}. Returns the count reached.
     */
    long awaitStored(long target, Duration stall, Runnable progress) throws IOException {
        return awaitStored(target, stall, Duration.ofDays(1), progress);
    }

    /** As {@link #awaitStored(long, Duration, Runnable)}, giving up after {@code atMost} in any case. */
    long awaitStored(long target, Duration stall, Duration atMost, Runnable progress) throws IOException {
        long last = -1;
        Instant moved = Instant.now();
        Instant giveUp = Instant.now().plus(atMost);
        while (true) {
            long now = storedCount();
            if (now >= target || Instant.now().isAfter(giveUp)) {
                return now;
            }
            if (now != last) {
                last = now;
                moved = Instant.now();
            } else if (Duration.between(moved, Instant.now()).compareTo(stall) > 0) {
                return now;
            }
            progress.run();
            sleep(250);
        }
    }

    /**
     * Upload → stored latency at a steady {@code perSecond} for {@code seconds}: the uploads are
     * started on a fixed schedule (a slow one does not delay the next), each letter's latency is
     * the store's {@code storedAt} minus the moment its upload was sent. Watched through the
     * newest-first letter list (cheap for the store), a letter not seen there after two seconds
     * is asked for by id.
     */
    List<Long> latencies(double perSecond, int seconds, IntFunction<Letter> letters) throws InterruptedException, IOException {
        int count = (int) Math.round(perSecond * seconds);
        Map<String, Instant> outstanding = new ConcurrentHashMap<>();
        List<Long> millis = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(daemon("pace"));
        ExecutorService senders = Executors.newFixedThreadPool(16, daemon("sender"));
        AtomicInteger started = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        long periodMicros = Math.round(1_000_000 / perSecond);
        schedule.scheduleAtFixedRate(() -> {
            int i = started.getAndIncrement();
            if (i >= count) {
                return;
            }
            senders.execute(() -> {
                try {
                    Sent s = upload(letters.apply(i));
                    outstanding.put(s.documentId(), s.at());
                    accepted.incrementAndGet();
                } catch (IOException | RuntimeException e) {
                    failures.add(e);
                    accepted.incrementAndGet();
                }
            });
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        Instant giveUp = Instant.now().plusSeconds(seconds + 120L);
        while ((accepted.get() < count || !outstanding.isEmpty()) && Instant.now().isBefore(giveUp)) {
            JsonNode items = get(stack.store + "/api/letters?size=50").json().path("items");
            for (JsonNode item : items) {
                Instant sentAt = outstanding.remove(item.path("documentId").asText());
                if (sentAt != null) {
                    millis.add(Duration.between(sentAt, Instant.parse(item.path("storedAt").asText())).toMillis());
                }
            }
            for (Map.Entry<String, Instant> e : outstanding.entrySet()) {
                if (Duration.between(e.getValue(), Instant.now()).toMillis() > 2_000) {
                    Reply one = get(stack.store + "/api/letters/" + URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8));
                    if (one.status() == 200 && outstanding.remove(e.getKey()) != null) {
                        millis.add(Duration.between(e.getValue(), Instant.parse(one.json().path("storedAt").asText())).toMillis());
                    }
                }
            }
            sleep(100);
        }
        schedule.shutdownNow();
        senders.shutdown();
        if (!failures.isEmpty()) {
            throw new IllegalStateException("an upload failed: " + failures.get(0), failures.get(0));
        }
        if (!outstanding.isEmpty()) {
            System.out.printf("  %d of %d letters were not stored within 120 s after the last upload%n", outstanding.size(), count);
        }
        return new ArrayList<>(millis);
    }

    Reply get(String url) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    /** An operator request to parse-service ({@code X-Api-Key} = the operator key). */
    Reply admin(String method, String path) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(stack.parse + path)).timeout(Duration.ofSeconds(30))
                .header("X-Api-Key", stack.adminKey).header("Content-Type", "application/json")
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"))
                .build());
    }

    private Reply send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
