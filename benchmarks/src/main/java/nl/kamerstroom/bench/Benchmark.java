package nl.kamerstroom.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * The end-to-end benchmark of issue 13 (not a test: it prints figures). Run with {@code benchmarks/run}
 * ({@code --help}). Phases, each optional:
 * <ol>
 *   <li>{@code text}, {@code xml}, {@code pdf}: letters/s from the first upload to the last stored, with
 *       several concurrent clients, and CPU milliseconds per letter of each process;</li>
 *   <li>{@code latency}: upload → stored p50/p99 at a steady rate (20 letters/s);</li>
 *   <li>{@code history}: the synthetic history (~86,000 letters) written to letters.fetched and the time
 *       until the store holds it;</li>
 *   <li>{@code reparse}: {@code POST /api/admin/reparse}, its time, and the latency while it runs.</li>
 * </ol>
 * Every figure is printed with the load average of the moment: the machine may be shared.
 */
public final class Benchmark {

    private final Map<String, String> options;
    private final Stack stack;
    private final Drive drive;
    private final ProcessCpu cpu;
    private final Corpus corpus;
    /** A year no earlier run on this stack used: every letter of this run has a fresh zaak. */
    private final int runYear;
    private final List<String> summary = new ArrayList<>();
    /** {@code --pg-statements}; null without it. */
    private final PgStatements statements;

    private Benchmark(Map<String, String> options, Stack stack, Corpus corpus) throws IOException {
        this.options = options;
        this.stack = stack;
        this.drive = new Drive(stack);
        this.cpu = ProcessCpu.byPorts(stack.ports);
        this.corpus = corpus;
        this.runYear = freshYear();
        this.statements = options.containsKey("pg-statements") ? new PgStatements(stack.ports.get("postgres*")) : null;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        if (options.containsKey("help")) {
            System.out.println(USAGE);
            return;
        }
        Path root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
        Corpus corpus = Corpus.load(corpusDir(root, options), root.resolve("deploy/local/samples"));
        boolean local = options.getOrDefault("stack", "start").equals("local");
        Path logs = root.resolve("benchmarks/target/bench-logs");
        Files.createDirectories(logs);
        List<String> jvm = new ArrayList<>();
        if (options.containsKey("jfr")) {
            // {name} and {logs} are filled in per service by Stack
            jvm.add("-XX:FlightRecorderOptions=stackdepth=256");
            jvm.add("-XX:StartFlightRecording=filename={logs}/{name}.jfr,settings=profile,dumponexit=true");
        }
        System.out.printf("kamerstroom benchmark, %s stack, %d cores, load average %s, %s%n", local ? "running local" : "own",
                Runtime.getRuntime().availableProcessors(), ProcessCpu.loadAverage(), Instant.now());
        try (Stack stack = local ? Stack.local(root) : Stack.start(root, logs, jvm, env(options),
                options.containsKey("pg-statements") ? PgStatements.SERVER_SETTINGS : Map.of())) {
            Benchmark bench = new Benchmark(options, stack, corpus);
            bench.run();
        }
    }

    private volatile boolean summarised;

    private void printSummary() {
        if (summarised) {
            return;
        }
        summarised = true;
        System.out.println();
        System.out.println("summary (load average " + ProcessCpu.loadAverage() + " at the end)");
        summary.forEach(System.out::println);
    }

    private void run() throws Exception {
        // a run stopped early (Ctrl-C, a timeout, SIGTERM) still prints what it measured and stops the
        // processes it started: left running, they would skew the next run's figures
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            printSummary();
            stack.close();
        }, "summary"));
        for (ProcessCpu.Tracked t : cpu.tracked()) {
            System.out.printf("  %-9s pid %d%n", t.name(), t.pid());
        }
        Set<String> phases = new LinkedHashSet<>(List.of(options.getOrDefault("phases", "text,xml,pdf,latency,history,reparse").split(",")));
        int clients = Integer.parseInt(options.getOrDefault("clients", "8"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "300"));
        if (phases.contains("text")) {
            throughput("text", Integer.parseInt(options.getOrDefault("text", "3000")), clients, warmup, 0,
                    n -> new Drive.Letter(corpus.textAnswer(n, zaak(n)), "text/plain", null, null));
        }
        if (phases.contains("xml")) {
            throughput("KOOP XML", Integer.parseInt(options.getOrDefault("xml", "2000")), clients, warmup, 20_000,
                    n -> new Drive.Letter(corpus.koopXml(n, zaak(n), n, LocalDate.of(2025, 1, 10)), "application/xml", zaak(n), null));
        }
        if (phases.contains("pdf")) {
            int count = Integer.parseInt(options.getOrDefault("pdf", "1000"));
            // typeset before the clock starts: the PDFs' making is not the pipeline's work
            List<byte[]> pdfs = Collections.synchronizedList(new ArrayList<>(Collections.nCopies(count + warmup / 3, (byte[]) null)));
            java.util.stream.IntStream.range(0, pdfs.size()).parallel()
                    .forEach(i -> pdfs.set(i, corpus.pdf(i, 40_000 + i, LocalDate.of(2025, 3, 1))));
            throughput("PDF", count, clients, warmup / 3, 40_000,
                    n -> new Drive.Letter(pdfs.get(n - 40_000), "application/pdf", zaak(n), null));
        }
        int rate = Integer.parseInt(options.getOrDefault("rate", "20"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
        if (phases.contains("latency")) {
            latency("latency at " + rate + "/s", rate, seconds, 60_000);
        }
        if (phases.contains("history")) {
            history(Integer.parseInt(options.getOrDefault("history", "86000")));
        }
        if (phases.contains("reparse")) {
            reparse(rate, seconds);
        }
        printSummary();
    }

    /** Warm-up letters first (not counted), then {@code count} letters timed from first upload to last stored. */
    private void throughput(String label, int count, int clients, int warmup, int offset, IntFunction<Drive.Letter> letter)
            throws Exception {
        System.out.printf("%n== %s: %d letters, %d clients (warm-up %d) ==%n", label, count, clients, warmup);
        if (warmup > 0) {
            long before = drive.storedCount();
            drive.uploadAll(warmup, clients, i -> letter.apply(offset + count + i));
            drive.awaitStored(before + warmup, Duration.ofSeconds(60), () -> { });
        }
        long before = drive.storedCount();
        if (statements != null) {
            statements.reset();
        }
        Map<String, Double> cpu0 = cpu.sample();
        String load0 = ProcessCpu.loadAverage();
        Instant start = Instant.now();
        drive.uploadAll(count, clients, i -> letter.apply(offset + i));
        Instant uploaded = Instant.now();
        long reached = drive.awaitStored(before + count, Duration.ofSeconds(60), progress(before, count));
        Instant end = drive.newestStoredAt();
        Map<String, Double> used = ProcessCpu.minus(cpu.sample(), cpu0);
        long stored = reached - before;
        double secs = Duration.between(start, end).toMillis() / 1000.0;
        System.out.println();
        String line = String.format(Locale.ROOT, "%-9s %6.1f letters/s end to end (%d stored in %.1f s; uploads took %.1f s, %d retried)",
                label, stored / secs, stored, secs, Duration.between(start, uploaded).toMillis() / 1000.0, drive.retries.getAndSet(0));
        String cpuLine = cpuLine(used, stored);
        if (statements != null) {
            statements.print(stored, 15);
        }
        String loads = "load average " + load0 + " → " + ProcessCpu.loadAverage();
        System.out.println(line);
        System.out.println(cpuLine);
        System.out.println("  " + loads);
        if (stored < count) {
            System.out.printf("  only %d of %d letters were stored (see parse-service's GET /api/admin/dlq)%n", stored, count);
        }
        summary.add(line + "\n" + cpuLine + "\n  " + loads);
    }

    private String cpuLine(Map<String, Double> used, long letters) {
        StringBuilder s = new StringBuilder("  CPU ms per letter:");
        double total = 0;
        for (Map.Entry<String, Double> e : used.entrySet()) {
            s.append(String.format(Locale.ROOT, " %s %.2f,", e.getKey(), e.getValue() * 1000 / Math.max(1, letters)));
            total += e.getValue();
        }
        return s.append(String.format(Locale.ROOT, " total %.2f", total * 1000 / Math.max(1, letters))).toString();
    }

    private Runnable progress(long before, int count) {
        long[] lastPrint = {0};
        return () -> {
            if (System.currentTimeMillis() - lastPrint[0] > 5_000) {
                lastPrint[0] = System.currentTimeMillis();
                try {
                    System.out.printf("  stored %d of %d%n", drive.storedCount() - before, count);
                } catch (IOException e) {
                    System.out.println("  (store not answering: " + e + ")");
                }
            }
        };
    }

    private List<Long> latency(String label, int rate, int seconds, int offset) throws Exception {
        System.out.printf("%n== %s: %d s of text letters, upload → stored ==%n", label, seconds);
        String load0 = ProcessCpu.loadAverage();
        List<Long> millis = drive.latencies(rate, seconds,
                n -> new Drive.Letter(corpus.textAnswer(n, zaak(offset + n)), "text/plain", null, null));
        Collections.sort(millis);
        String line = millis.isEmpty() ? label + ": nothing stored" : String.format(Locale.ROOT,
                "%s: p50 %d ms, p99 %d ms, max %d ms over %d letters (load average %s → %s)", label,
                percentile(millis, 50), percentile(millis, 99), millis.get(millis.size() - 1), millis.size(), load0,
                ProcessCpu.loadAverage());
        System.out.println(line);
        summary.add(line);
        return millis;
    }

    private void history(int size) throws Exception {
        History history = new History(corpus, size);
        System.out.printf("%n== history: %d letters of %d zaken %d–%d ==%n", history.size(), history.zaken(),
                History.FIRST_YEAR, History.LAST_YEAR);
        if (drive.get(stack.store + "/api/letters/" + history.firstAnswerId()).status() == 200) {
            String line = "history: already loaded on this stack (" + history.firstAnswerId() + " is stored); not loaded again";
            System.out.println(line);
            summary.add(line);
            return;
        }
        long before = drive.storedCount();
        String load0 = ProcessCpu.loadAverage();
        Map<String, Double> cpu0 = cpu.sample();
        Instant start = Instant.now();
        long[] written = {0};
        History.Loaded loaded = history.load(stack.bootstrap, () -> {
            if (System.currentTimeMillis() - written[0] > 10_000) {
                written[0] = System.currentTimeMillis();
                try {
                    System.out.printf("  written … stored %d%n", drive.storedCount() - before);
                } catch (IOException e) {
                    System.out.println("  (store not answering)");
                }
            }
        });
        System.out.printf(Locale.ROOT, "  written to letters.fetched: %d letters, %.0f MB as JSON, in %.1f s (%.0f letters/s)%n",
                loaded.letters(), loaded.bytes() / 1e6, loaded.seconds(), loaded.letters() / loaded.seconds());
        // on a busy machine the store may need hours for it: --history-minutes bounds the wait, the rate is printed
        long reached = drive.awaitStored(before + loaded.letters(), Duration.ofSeconds(120),
                Duration.ofMinutes(Long.parseLong(options.getOrDefault("history-minutes", "60"))),
                progress(before, (int) loaded.letters()));
        Instant end = reached - before >= loaded.letters() ? drive.newestStoredAt() : Instant.now();
        Map<String, Double> used = ProcessCpu.minus(cpu.sample(), cpu0);
        double secs = Duration.between(start, end).toMillis() / 1000.0;
        String line = String.format(Locale.ROOT,
                "history: %d letters written to letters.fetched in %.1f s; %d stored after %.1f s (%.1f letters/s through parse and store)",
                loaded.letters(), loaded.seconds(), reached - before, secs, (reached - before) / secs);
        String cpuLine = cpuLine(used, reached - before);
        System.out.println(line);
        System.out.println(cpuLine);
        summary.add(line + "\n" + cpuLine + "\n  load average " + load0 + " → " + ProcessCpu.loadAverage());
    }

    /** Starts a re-parse, measures the latency at the steady rate meanwhile, and times it to DONE. */
    private void reparse(int rate, int seconds) throws Exception {
        System.out.printf("%n== re-parse of everything on letters.fetched ==%n");
        Drive.Reply started = drive.admin("POST", "/api/admin/reparse");
        if (started.status() == 404 || started.status() == 405) {
            String line = "re-parse: endpoint not available (POST /api/admin/reparse answered " + started.status()
                    + "): no re-parse time, no latency during a re-parse";
            System.out.println(line);
            summary.add(line);
            return;
        }
        if (started.status() != 202 && started.status() != 200) {
            throw new IOException("POST /api/admin/reparse answered " + started.status() + " " + started.body());
        }
        String load0 = ProcessCpu.loadAverage();
        Map<String, Double> cpu0 = cpu.sample();
        Instant start = Instant.now();
        System.out.println("  started: " + started.body());
        Future<List<Long>> during = Executors.newSingleThreadExecutor(Drive.daemon("latency"))
                .submit(() -> latency("latency at " + rate + "/s during the re-parse", rate, seconds, 70_000));
        JsonNode state;
        while (true) {
            state = drive.admin("GET", "/api/admin/reparse").json();
            String s = state.path("state").asText();
            System.out.printf(Locale.ROOT, "  %s %d/%d done, %d failed, %.0f letters/s, ETA %s s%n", s,
                    state.path("done").asLong(), state.path("total").asLong(), state.path("failed").asLong(),
                    state.path("lettersPerSecond").asDouble(), state.path("etaSeconds").asText("?"));
            if (!s.equals("RUNNING")) {
                break;
            }
            Drive.sleep(5_000);
        }
        Instant parsed = Instant.now();
        long lag = StoreLag.await(stack.bootstrap, Duration.ofMinutes(30));
        Instant restored = Instant.now();
        Map<String, Double> used = ProcessCpu.minus(cpu.sample(), cpu0);
        during.get();
        long total = state.path("total").asLong();
        String line = String.format(Locale.ROOT,
                "re-parse: %s, %d letters (%d failed) parsed in %.0f s, re-stored after %.0f s (%.1f letters/s)%s",
                state.path("state").asText(), total, state.path("failed").asLong(),
                Duration.between(start, parsed).toMillis() / 1000.0, Duration.between(start, restored).toMillis() / 1000.0,
                total / (Duration.between(start, restored).toMillis() / 1000.0), lag > 0 ? ", store still " + lag + " behind" : "");
        String cpuLine = cpuLine(used, total);
        System.out.println(line);
        System.out.println(cpuLine);
        summary.add(line + "\n" + cpuLine + "\n  load average " + load0 + " → " + ProcessCpu.loadAverage());
    }

    private String zaak(int n) {
        return String.format("%04dZ%05d", runYear, n);
    }

    /**
     * A year between 2030 and 2099 in which the store knows no zaak 00000 or 20000 (picked at random). Zaak
     * numbers are 19xx or 20xx to the parser (ZaakNumbers): a later year is not a zaak number at all, and the
     * letters then had none (an earlier version of this harness picked up to 2999, so 93 % of its letters were
     * stored without their zaak, and the second seed's other zaak number collected half of them).
     */
    private int freshYear() throws IOException {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 50; attempt++) {
            int year = 2030 + random.nextInt(70);
            if (drive.get(stack.store + "/api/zaken/" + year + "Z00000").status() == 404
                    && drive.get(stack.store + "/api/zaken/" + year + "Z20000").status() == 404) {
                return year;
            }
        }
        throw new IOException("found no unused zaak year");
    }

    static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static Path corpusDir(Path root, Map<String, String> options) throws IOException {
        List<Path> candidates = new ArrayList<>();
        if (options.containsKey("corpus")) {
            candidates.add(Path.of(options.get("corpus")));
        }
        candidates.add(root.resolve("corpus"));
        candidates.add(root.resolve("../shared/corpus"));
        candidates.add(root.resolve("../../shared/corpus"));
        for (Path p : candidates) {
            if (Files.isDirectory(p.resolve("raw"))) {
                return p.normalize();
            }
        }
        throw new IOException("no corpus (a directory with raw/) at " + candidates + "; give --corpus=DIR");
    }

    /** {@code --env=parse-service:KEY=VALUE}, repeatable (comma-separated), for the own stack. */
    private static Map<String, Map<String, String>> env(Map<String, String> options) {
        Map<String, Map<String, String>> env = new LinkedHashMap<>();
        if (options.containsKey("env")) {
            for (String one : options.get("env").split(",")) {
                int colon = one.indexOf(':');
                int eq = one.indexOf('=');
                env.computeIfAbsent(one.substring(0, colon), k -> new LinkedHashMap<>())
                        .put(one.substring(colon + 1, eq), one.substring(eq + 1));
            }
        }
        return env;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unknown argument " + arg + "\n" + USAGE);
            }
            int eq = arg.indexOf('=');
            String key = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            String value = eq < 0 ? "" : arg.substring(eq + 1);
            options.merge(key, value, (a, b) -> a + "," + b);
        }
        return options;
    }

    private static final String USAGE = """
            benchmarks/run [--stack=start|local] [--phases=text,xml,pdf,latency,history,reparse]
                           [--text=3000] [--xml=2000] [--pdf=1000] [--clients=8] [--warmup=300]
                           [--rate=20] [--seconds=60] [--history=86000] [--history-minutes=60] [--jfr] [--pg-statements] [--env=SERVICE:KEY=VALUE]
                           [--corpus=DIR] [--root=DIR]
              --stack=start  (default) starts a broker, PostgreSQL and the packaged services of its own
              --stack=local  drives the running ./deploy/local/run stack (keys from deploy/local/data/keys.env)
              --pg-statements  (own stack) PostgreSQL's costliest statements per letter for each throughput phase
              --jfr          a JFR recording (settings=profile) per service JVM in benchmarks/target/bench-logs
              --env          extra environment for a service of the own stack, e.g.
                             --env=parse-service:MP_MESSAGING_INCOMING_LETTERS_FETCHED_MAX_POLL_RECORDS=50
            """;
}
