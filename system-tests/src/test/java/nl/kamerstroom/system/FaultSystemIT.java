package nl.kamerstroom.system;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import nl.kamerstroom.system.Letters.Letter;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The fault matrix: letters go in at a steady rate while, one after another, store, parse and
 * ingest are killed with {@code kill -9}, the broker is killed for an outage and PostgreSQL is
 * stopped for one. After each fault the test measures how long until every service is ready
 * and until a letter uploaded after the fault is stored; at the end every letter must be stored
 * exactly once with its questions, every answer must be on {@code answers.published} (copies
 * with the same CloudEvent id are counted, not refused) and nothing may be on the DLQ. Nobody
 * restarts anything by hand: the only restarts are the faults' own.
 *
 * <p>Three of the faults are the ordinary way a service stops, SIGTERM (a rollout, a node drain), sent
 * while the service is busy: store with {@value #SSE_CLIENTS} SSE clients connected and letters being
 * stored, parse in the middle of a slow letter (a {@value #SLOW_PAGES}-page PDF), ingest with uploads in
 * flight. Each must exit within its {@code quarkus.shutdown.timeout} plus {@link Pipeline#EXIT_MARGIN}
 * (what the Kubernetes grace period leaves it, see DeploymentPolicyTest), and whatever it had in
 * flight must be stored after its restart like every other letter.
 *
 * <p>Knobs (system properties): {@code kamerstroom.fault.outage-seconds} (default 60, the broker
 * and database outages), {@code kamerstroom.fault.letters} (at least this many letters, default
 * 1000; at most {@code kamerstroom.fault.max-letters}, default three times that),
 * {@code kamerstroom.fault.rate} (uploads per second, default 4). The figures go to stdout
 * and to {@code system-tests/target/fault-matrix.md}.
 */
class FaultSystemIT {

    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("kamerstroom.fault.outage-seconds", 60));
    private static final int MIN_LETTERS = Integer.getInteger("kamerstroom.fault.letters", 1000);
    private static final int MAX_LETTERS = Integer.getInteger("kamerstroom.fault.max-letters", 3 * MIN_LETTERS);
    private static final double RATE = Double.parseDouble(System.getProperty("kamerstroom.fault.rate", "4"));
    /** The bound: ready and consuming again within 30 s of a fault's end. */
    private static final Duration RECOVERY = Duration.ofSeconds(30);
    /** How long the test keeps looking after that bound, so that the table shows the real figure. */
    private static final Duration MEASURE = Duration.ofSeconds(90);
    private static final Duration STORE_KILL_PAUSE = Duration.ofSeconds(5);
    /** Zaak numbers 2091Z…: this test's letters, apart from any other test's. */
    private static final int YEAR = 2091;
    private static final String STORE = "store-service";
    /** SSE clients connected to the store when it gets SIGTERM. */
    private static final int SSE_CLIENTS = 50;
    /** Pages of the slow letter parse is working on when it gets SIGTERM. */
    private static final int SLOW_PAGES = 600;

    private final Map<String, Letter> letters = new ConcurrentHashMap<>();
    private final Map<String, Integer> phaseOf = new ConcurrentHashMap<>();
    private final List<CompletableFuture<String>> uploads = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger next = new AtomicInteger();
    /** Read by the client threads (retries are counted in the phase they happen in). */
    private final List<Phase> phases = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile int phase;
    private volatile boolean faultsDone;
    private final List<String> exitFailures = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** One row of the matrix. */
    private static final class Phase {
        final String fault;
        final Duration outage;
        final LongAdder retries = new LongAdder();
        Duration readyAfter;
        /** SIGTERM faults: how long the process took to exit; null when it had to be killed. */
        Duration exitedAfter;
        Duration consumingAfter;
        int uploaded;
        int stored;
        int missingEvents;
        long duplicateCopies;
        String note = "";

        Phase(String fault, Duration outage) {
            this.fault = fault;
            this.outage = outage;
        }
    }

    /** A fault: does its damage, undoes it, and answers when it ended. */
    private interface Fault {
        Instant inflict(Pipeline pipeline) throws Exception;
    }

    @Test
    void everyLetterIsStoredOnceAndPublishedThroughKillsAndOutages() throws Exception {
        Instant began = Instant.now();
        Pipeline pipeline = Pipeline.start("fault", Map.of());
        Client client = new Client(() -> pipeline.ingest().baseUrl(), pipeline.uploadKey);
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        ExecutorService clients = Executors.newFixedThreadPool(48);
        SoftAssertions softly = new SoftAssertions();
        try (TopicTail published = new TopicTail(pipeline.broker.bootstrapServers(), "answers.published");
                TopicTail dlq = new TopicTail(pipeline.broker.bootstrapServers(), "letters.dlq")) {
            Map<String, Fault> faults = new LinkedHashMap<>();
            faults.put("none (baseline)", p -> Instant.now());
            faults.put("kill -9 store-service, restart after " + STORE_KILL_PAUSE.toSeconds() + " s", p -> {
                p.store().kill();
                Thread.sleep(STORE_KILL_PAUSE.toMillis()); // the fault itself: store is away this long
                p.restart(STORE);
                return Instant.now();
            });
            faults.put("kill -9 parse-service, restart", p -> killAndRestart(p, "parse-service"));
            faults.put("kill -9 ingest-service, restart", p -> killAndRestart(p, "ingest-service"));
            faults.put("SIGTERM store-service with " + SSE_CLIENTS + " SSE clients, restart", p -> {
                List<java.net.Socket> streams = openStreams(p.store(), SSE_CLIENTS);
                try {
                    return terminateAndRestart(p, STORE);
                } finally {
                    for (java.net.Socket stream : streams) {
                        stream.close();
                    }
                }
            });
            faults.put("SIGTERM parse-service during a " + SLOW_PAGES + "-page PDF, restart", p -> {
                submitSlowLetter(client, clients);
                Thread.sleep(1500); // through ingest and the broker: parse is reading its pages now
                return terminateAndRestart(p, "parse-service");
            });
            faults.put("SIGTERM ingest-service with uploads in flight, restart", p -> terminateAndRestart(p, "ingest-service"));
            faults.put("Kafka broker killed for " + OUTAGE.toSeconds() + " s", p -> {
                p.broker.kill();
                Thread.sleep(OUTAGE.toMillis()); // the outage itself
                p.broker.restart(Pipeline.START);
                return Instant.now();
            });
            faults.put("PostgreSQL stopped for " + OUTAGE.toSeconds() + " s", p -> {
                p.postgres.stop();
                Thread.sleep(OUTAGE.toMillis()); // the outage itself
                p.postgres.start();
                return Instant.now();
            });

            for (Map.Entry<String, Fault> fault : faults.entrySet()) {
                Phase row = new Phase(fault.getKey(), fault.getKey().startsWith("none") ? Duration.ZERO : null);
                phases.add(row);
                phase = phases.size() - 1;
                if (phase == 0) {
                    pacer.scheduleAtFixedRate(() -> {
                        // a safety net for a slow machine, where the phases take longer than planned
                        if ((!faultsDone || next.get() < MIN_LETTERS) && next.get() < MAX_LETTERS) {
                            submit(client, clients);
                        }
                    }, 0, Math.round(1_000_000 / RATE), TimeUnit.MICROSECONDS);
                }
                Instant start = Instant.now();
                Instant end = fault.getValue().inflict(pipeline);
                if (row.outage == null) {
                    row.note = "down " + seconds(Duration.between(start, end))
                            + (row.exitedAfter == null ? "" : ", exited " + seconds(row.exitedAfter) + " after SIGTERM");
                }
                // a letter uploaded the moment the fault is over: once it is stored, the pipeline consumes again
                String marker = submit(client, clients);
                row.readyAfter = measure(end, pipeline::allReady);
                row.consumingAfter = measure(end,
                        () -> client.status(pipeline.store().baseUrl() + "/api/zaken/" + marker) == 200);
                softly.assertThat(row.readyAfter).as("%s: every service ready again", row.fault)
                        .isNotNull().isLessThanOrEqualTo(RECOVERY);
                softly.assertThat(row.consumingAfter).as("%s: a letter uploaded after it stored", row.fault)
                        .isNotNull().isLessThanOrEqualTo(RECOVERY);
            }
            // enough letters in all, then let the clients finish what they hold
            faultsDone = true;
            await().atMost(Duration.ofSeconds(Math.round(MIN_LETTERS / RATE) + 60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> next.get() >= MIN_LETTERS);
            pacer.shutdownNow();
            List<CompletableFuture<String>> all;
            synchronized (uploads) {
                all = new ArrayList<>(uploads);
            }
            try {
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).handle((v, e) -> null)
                        .get(4, TimeUnit.MINUTES);
            } catch (java.util.concurrent.TimeoutException e) {
                // counted just below
            }
            long failedUploads = all.stream().filter(f -> !f.isDone() || f.isCompletedExceptionally()).count();
            softly.assertThat(failedUploads).as("uploads not accepted within 4 minutes of the last fault (of %d)",
                    all.size()).isZero();

            verifyStore(pipeline, client, softly);
            verifyOutbox(published, softly);
            softly.assertThat(dlq.records()).as("records on letters.dlq (keys)")
                    .extracting(TopicTail.Seen::key).isEmpty();
            softly.assertThat(exitFailures).as("services that did not exit within the grace after SIGTERM").isEmpty();
            softly.assertThat(pipeline.allLive()).as("every process alive and live at the end: " + pipeline.notLive())
                    .isTrue();
        } finally {
            pacer.shutdownNow();
            clients.shutdownNow();
            pipeline.close();
            // whatever was measured, also when the run broke off
            report(Duration.between(began, Instant.now()), client.retries.sum());
        }
        softly.assertAll();
    }

    /** Starts one upload, which a client thread retries until ingest accepts; answers its zaak number. */
    private String submit(Client client, ExecutorService clients) {
        Letter letter = Letters.answer(YEAR, next.getAndIncrement());
        letters.put(letter.zaak(), letter);
        phaseOf.put(letter.zaak(), phase);
        uploads.add(CompletableFuture.supplyAsync(() -> client.uploadRetrying(letter.body(),
                "text/plain; charset=utf-8", Duration.ofMinutes(4), () -> phases.get(phase).retries.increment()),
                clients));
        return letter.zaak();
    }

    /**
     * SIGTERM to {@code service}, which must exit within its shutdown timeout plus the margin the grace
     * period leaves (else it is killed, as Kubernetes would, and the row fails); then a restart.
     */
    private Instant terminateAndRestart(Pipeline pipeline, String service) throws IOException {
        Phase row = phases.get(phase);
        Duration bound = pipeline.shutdownTimeout(service).plus(Pipeline.EXIT_MARGIN);
        row.exitedAfter = pipeline.process(service).terminate(bound);
        if (row.exitedAfter == null) {
            row.note = "still running " + bound.toSeconds() + " s after SIGTERM, killed";
            exitFailures.add(service + " did not exit within " + bound.toSeconds() + " s of SIGTERM");
        }
        pipeline.restart(service);
        return Instant.now();
    }

    /** A valid answer letter as a long PDF (its questions first, then pages of prose in the last answer). */
    private void submitSlowLetter(Client client, ExecutorService clients) {
        int n = next.getAndIncrement();
        if (n % 2 == 1) {
            n = next.getAndIncrement(); // even numbers are seed 000, whose text is at hand
        }
        Letter seed = Letters.answer(YEAR, n);
        String text = Letters.snellerText(seed.zaak());
        byte[] pdf = nl.kamerstroom.testsupport.TextPdf.render(text + "\n" + HostileInputs.prose(7, SLOW_PAGES * 3_000));
        Letter letter = new Letter(seed.zaak(), pdf, seed.questionNumbers(), seed.answers());
        letters.put(letter.zaak(), letter);
        phaseOf.put(letter.zaak(), phase);
        uploads.add(CompletableFuture.supplyAsync(() -> client.uploadRetrying(letter.body(), "application/pdf",
                Duration.ofMinutes(4), () -> phases.get(phase).retries.increment()), clients));
    }

    /** {@code count} SSE requests to the store, each on its own connection, left open. */
    private static List<java.net.Socket> openStreams(nl.kamerstroom.testsupport.ServiceProcess store, int count)
            throws IOException {
        List<java.net.Socket> streams = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            java.net.Socket socket = new java.net.Socket("127.0.0.1", store.port());
            socket.getOutputStream().write(("GET /api/stream HTTP/1.1\r\nHost: 127.0.0.1:" + store.port()
                    + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            streams.add(socket);
        }
        // every stream answered (its status line read): they are open on the server, not queued
        for (java.net.Socket socket : streams) {
            socket.setSoTimeout(20_000);
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.ISO_8859_1)).readLine();
            if (status == null || !status.startsWith("HTTP/1.1 200")) {
                throw new IOException("an SSE stream to the store was answered " + status);
            }
        }
        return streams;
    }

    private static Instant killAndRestart(Pipeline pipeline, String service) throws IOException {
        pipeline.process(service).kill();
        pipeline.restart(service);
        return Instant.now();
    }

    /** Time from {@code end} until {@code condition} holds, or null if it did not within the bound plus margin. */
    private static Duration measure(Instant end, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        try {
            // both figures of a fault are looked for within the same window after its end
            Duration left = RECOVERY.plus(MEASURE).minus(Duration.between(end, Instant.now()));
            if (left.compareTo(Duration.ofSeconds(1)) < 0) {
                return condition.call() ? Duration.between(end, Instant.now()) : null;
            }
            await().atMost(left).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250)).until(condition);
            return Duration.between(end, Instant.now());
        } catch (ConditionTimeoutException e) {
            return null;
        }
    }

    /** Every letter's zaak: one document, exactly its questions in order, each answered. */
    private void verifyStore(Pipeline pipeline, Client client, SoftAssertions softly) throws Exception {
        String store = pipeline.store().baseUrl();
        Set<String> pending = ConcurrentHashMap.newKeySet();
        pending.addAll(letters.keySet());
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                inParallel(List.copyOf(pending), zaak -> {
                    if (client.status(store + "/api/zaken/" + zaak) == 200) {
                        pending.remove(zaak);
                    }
                });
                return pending.isEmpty();
            });
        } catch (ConditionTimeoutException e) {
            // reported below, per phase and in total
        }
        softly.assertThat(pending).as("zaken never stored (of %d)", letters.size()).isEmpty();
        Map<String, JsonNode> zaken = new ConcurrentHashMap<>();
        inParallel(List.copyOf(letters.keySet()), zaak -> {
            if (!pending.contains(zaak)) {
                try {
                    zaken.put(zaak, client.get(store + "/api/zaken/" + zaak, Duration.ofSeconds(30)).json());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        for (Map.Entry<String, Letter> entry : letters.entrySet()) {
            Phase row = phases.get(phaseOf.get(entry.getKey()));
            row.uploaded++;
            JsonNode zaak = zaken.get(entry.getKey());
            if (zaak == null) {
                continue;
            }
            List<String> numbers = new ArrayList<>();
            zaak.path("questions").forEach(q -> numbers.add(q.path("number").asText()));
            long answered = 0;
            for (JsonNode q : zaak.path("questions")) {
                if (!q.path("answer").path("text").asText("").isBlank()) {
                    answered++;
                }
            }
            boolean right = numbers.equals(entry.getValue().questionNumbers()) && zaak.path("documents").size() == 1
                    && answered == numbers.size();
            softly.assertThat(right).as("zaak %s: one document, questions %s each answered; got %d document(s), %s, %d answered",
                    entry.getKey(), entry.getValue().questionNumbers(), zaak.path("documents").size(), numbers, answered)
                    .isTrue();
            if (right) {
                row.stored++;
            }
        }
    }

    /** Asks the store about many zaken at once, as many clients would. */
    private static void inParallel(List<String> zaken, java.util.function.Consumer<String> each) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Void>> all = zaken.stream()
                    .map(z -> CompletableFuture.runAsync(() -> each.accept(z), pool)).toList();
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Each letter's answers on answers.published: none missing, copies counted per phase. */
    private void verifyOutbox(TopicTail published, SoftAssertions softly) {
        java.util.function.Supplier<Map<String, List<String>>> idsByZaak = () -> published.records().stream()
                .filter(s -> s.key() != null && letters.containsKey(s.key()))
                .collect(Collectors.groupingBy(TopicTail.Seen::key,
                        Collectors.mapping(FaultSystemIT::eventId, Collectors.toList())));
        try {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                Map<String, List<String>> now = idsByZaak.get();
                return letters.entrySet().stream().allMatch(e -> now.getOrDefault(e.getKey(), List.of()).stream()
                        .distinct().count() >= e.getValue().answers());
            });
        } catch (ConditionTimeoutException e) {
            // counted below
        }
        Map<String, List<String>> ids = idsByZaak.get();
        int missing = 0;
        int extra = 0;
        for (Map.Entry<String, Letter> entry : letters.entrySet()) {
            List<String> events = ids.getOrDefault(entry.getKey(), List.of());
            long distinct = events.stream().distinct().count();
            Phase row = phases.get(phaseOf.get(entry.getKey()));
            row.duplicateCopies += events.size() - distinct;
            if (distinct < entry.getValue().answers()) {
                row.missingEvents += entry.getValue().answers() - (int) distinct;
                missing += entry.getValue().answers() - (int) distinct;
            } else if (distinct > entry.getValue().answers()) {
                extra += (int) distinct - entry.getValue().answers();
            }
        }
        softly.assertThat(missing).as("answer events missing from answers.published").isZero();
        softly.assertThat(extra).as("events with new ids beyond one per answer (a duplicated effect)").isZero();
    }

    private static String eventId(TopicTail.Seen seen) {
        if (seen.ceId() != null) {
            return seen.ceId();
        }
        try {
            JsonNode value = Client.JSON.readTree(seen.value());
            return value.hasNonNull("eventId") ? value.get("eventId").asText() : value.path("id").asText();
        } catch (IOException e) {
            return "unreadable:" + seen.value().hashCode();
        }
    }

    private void report(Duration took, long retries) throws IOException {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "Fault matrix: %d letters at %.1f/s, outages %d s, run %s, %d client retries%n%n",
                letters.size(), RATE, OUTAGE.toSeconds(), seconds(took), retries));
        table.append("| fault | letters uploaded in phase | ready after | consuming after | stored once, right questions "
                + "| answer events missing | duplicate copies (same id) | client retries |\n");
        table.append("|---|---|---|---|---|---|---|---|\n");
        for (Phase row : phases) {
            table.append(String.format(Locale.ROOT, "| %s%s | %d | %s | %s | %d/%d | %d | %d | %d |%n", row.fault,
                    row.note.isEmpty() ? "" : " (" + row.note + ")", row.uploaded, seconds(row.readyAfter),
                    seconds(row.consumingAfter), row.stored, row.uploaded, row.missingEvents, row.duplicateCopies,
                    row.retries.sum()));
        }
        table.append("\nready/consuming after: from the fault's end (restart, or the broker/database back) until every "
                + "/q/health/ready is UP / until a letter uploaded at that moment is stored; bound 30 s. "
                + "'> N s' = not within the time the test looked.\n");
        System.out.println(table);
        Path out = Path.of(System.getProperty("kamerstroom.root", "..")).resolve("system-tests/target/fault-matrix.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table.toString());
    }

    private static String seconds(Duration d) {
        return d == null ? "> " + RECOVERY.plus(MEASURE).toSeconds() + " s"
                : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
