package nl.kamerstroom.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code ./deploy/local/run}: the whole pipeline on one machine without Docker. A Kafka broker and
 * PostgreSQL, each in a JVM of its own, then the three services as separate processes; loads the
 * sample letters, waits until they are stored, prints the URLs and keys, and stops everything on
 * Ctrl-C or {@code ./deploy/local/run stop}. Data stays in the data directory, so a second run
 * reuses it. A process that dies is restarted with backoff ({@link Supervised}), the rest keeps running.
 *
 * <p>Settings (environment variables): {@code KAMERSTROOM_DATA_DIR}, {@code KAMERSTROOM_BIND_HOST}
 * (127.0.0.1: nothing is reachable from other machines; 0.0.0.0 for every interface),
 * {@code STORE_PORT} (8080), {@code INGEST_PORT} (8081), {@code PARSE_PORT} (8082),
 * {@code KAFKA_PORT} (19092), {@code KAFKA_CONTROLLER_PORT} (19093), {@code PG_PORT} (15432), {@code SMTP_PORT} (13025),
 * {@code KAMERSTROOM_SAMPLES}.
 */
public final class LocalStack {

    /** Every JVM the stack starts exits when it runs out of memory, so that it is restarted, not left a zombie. */
    static final List<String> JVM_SAFETY = List.of("-XX:+ExitOnOutOfMemoryError");
    static final String LOOPBACK = "127.0.0.1";

    /** How long the first start of a process is waited for; a shared or slow machine may need more (KAMERSTROOM_START_TIMEOUT, seconds). */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(port("KAMERSTROOM_START_TIMEOUT", 300));
    /** A service's quarkus.shutdown.timeout (at most 30 s) plus 10 s to exit, as the k8s grace period allows. */
    private static final Duration SERVICE_GRACE = Duration.ofSeconds(40);
    private static final Duration INFRASTRUCTURE_GRACE = Duration.ofSeconds(30);
    private static final Pattern DOCUMENT_ID = Pattern.compile("\"documentId\"\\s*:\\s*\"([^\"]+)\"");
    private static final List<String> SERVICES = List.of("store-service", "ingest-service", "parse-service");

    private final Path root;
    private final Path data;
    private final Path logs;
    private final Path pidFile;
    private final String bindHost;
    private final List<Supervised> infrastructure = new ArrayList<>();
    private final Map<String, Supervised> services = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Guarded by {@code this}: once set, nothing more is started (the shutdown hook runs beside {@link #run}). */
    private boolean stopping;

    private LocalStack(Path root) {
        this.root = root;
        this.data = Path.of(env("KAMERSTROOM_DATA_DIR", root.resolve("deploy/local/data").toString())).toAbsolutePath();
        this.logs = data.resolve("logs");
        this.pidFile = data.resolve("local-stack.pid");
        this.bindHost = env("KAMERSTROOM_BIND_HOST", LOOPBACK);
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(env("KAMERSTROOM_HOME", ".")).toAbsolutePath().normalize();
        LocalStack stack = new LocalStack(root);
        String command = args.length == 0 ? "run" : args[0];
        switch (command) {
            case "run" -> stack.run();
            case "stop" -> System.exit(stack.stopOther() ? 0 : 1);
            case "reparse" -> System.exit(stack.reparse());
            default -> {
                System.err.println("usage: deploy/local/run [run|stop|reparse]");
                System.exit(2);
            }
        }
    }

    private void run() throws Exception {
        Files.createDirectories(logs);
        Optional<ProcessHandle> running = runningStack();
        if (running.isPresent()) {
            System.err.println("the local stack is already running (pid " + running.get().pid()
                    + "); stop it with ./deploy/local/run stop");
            System.exit(1);
        }
        Files.writeString(pidFile, String.valueOf(ProcessHandle.current().pid()));
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "local-stack-shutdown"));
        LocalKeys keys = LocalKeys.loadOrCreate(data.resolve("keys.env"));

        int kafkaPort = port("KAFKA_PORT", 19092);
        int pgPort = port("PG_PORT", 15432);
        say("starting PostgreSQL on %s:%d (data in %s)", bindHost, pgPort, data.resolve("postgres"));
        startInfrastructure("postgres", List.of(PostgresMain.class.getName(), String.valueOf(pgPort),
                data.resolve("postgres").toString(), postgresListenAddresses(bindHost), "store", "ingest"));
        say("starting Kafka on %s:%d (data in %s)", bindHost, kafkaPort, data.resolve("kafka"));
        startInfrastructure("kafka", List.of(KafkaMain.class.getName(), String.valueOf(kafkaPort),
                String.valueOf(port("KAFKA_CONTROLLER_PORT", 19093)), data.resolve("kafka").toString(),
                bindHost, advertisedHost(bindHost)));

        // a real SMTP server on loopback that keeps what it receives: the mails of "Volg" on the site
        int smtpPort = port("SMTP_PORT", 13025);
        Path mail = data.resolve("mail");
        say("starting the SMTP server on %s:%d (every mail it receives goes to %s)", LOOPBACK, smtpPort, mail);
        startInfrastructure("mail", List.of(MailMain.class.getName(), String.valueOf(smtpPort), LOOPBACK, mail.toString()));

        String bootstrap = LOOPBACK + ":" + kafkaPort;
        LocalTopics.create(bootstrap);
        Path inbox = data.resolve("inbox");
        Files.createDirectories(inbox);
        Map<String, Map<String, String>> envs = new LinkedHashMap<>();
        envs.put("store-service", database(bootstrap, pgPort, "store"));
        envs.put("ingest-service", database(bootstrap, pgPort, "ingest"));
        envs.get("ingest-service").put("KAMERSTROOM_INGEST_WATCH_ENABLED", "true");
        envs.get("ingest-service").put("KAMERSTROOM_INGEST_WATCH_DIR", inbox.toString());
        // the local stack is for trying kamerstroom offline: no full historical import from the live sources
        envs.get("ingest-service").put("KAMERSTROOM_SOURCES_TK_ENABLED", env("KAMERSTROOM_SOURCES_TK_ENABLED", "false"));
        envs.get("ingest-service").put("KAMERSTROOM_SOURCES_KOOP_ENABLED", env("KAMERSTROOM_SOURCES_KOOP_ENABLED", "false"));
        envs.put("parse-service", new LinkedHashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap)));
        // the operator's key (backfills, issuing API keys, replays) everywhere; the upload key for ingest
        envs.values().forEach(e -> e.put(LocalKeys.ADMIN, keys.admin()));
        envs.get("ingest-service").put(LocalKeys.UPLOAD, keys.upload());
        // webhooks to a receiver on this machine
        envs.get("store-service").put("KAMERSTROOM_WEBHOOK_ALLOW_HOSTS", env("KAMERSTROOM_WEBHOOK_ALLOW_HOSTS", "localhost"));
        ports.put("store-service", port("STORE_PORT", 8080));
        envs.get("store-service").put("KAMERSTROOM_SMTP_HOST", LOOPBACK);
        envs.get("store-service").put("KAMERSTROOM_SMTP_PORT", String.valueOf(smtpPort));
        envs.get("store-service").put("KAMERSTROOM_SMTP_START_TLS", "DISABLED");
        envs.get("store-service").put("KAMERSTROOM_SITE_URL", baseUrl("store-service"));
        ports.put("ingest-service", port("INGEST_PORT", 8081));
        ports.put("parse-service", port("PARSE_PORT", 8082));
        // the store's operator page (/beheer) reads ingest's and parse's admin endpoints
        String peerHost = isWildcard(bindHost) ? LOOPBACK : bindHost;
        envs.get("store-service").put("KAMERSTROOM_BEHEER_INGEST_URL", "http://" + peerHost + ":" + ports.get("ingest-service"));
        envs.get("store-service").put("KAMERSTROOM_BEHEER_PARSE_URL", "http://" + peerHost + ":" + ports.get("parse-service"));
        for (String name : SERVICES) {
            Path jar = root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IOException(name + ": " + jar + " does not exist; build it first (./deploy/local/run --build)");
            }
            say("starting %s on %s:%d", name, bindHost, ports.get(name));
            Map<String, String> env = envs.get(name);
            env.put("QUARKUS_HTTP_HOST", bindHost);
            env.put("QUARKUS_HTTP_PORT", String.valueOf(ports.get(name)));
            Path log = logs.resolve(name + ".log");
            Supervised service = Supervised.start(name, () -> launch(serviceCommand(jar), env, log),
                    RestartPolicy.DEFAULT.copy(), LocalStack::sayLine);
            register(service, () -> services.put(name, service));
        }
        Map<String, Boolean> ready = new LinkedHashMap<>();
        for (String name : SERVICES) {
            ready.put(name, awaitReady(name));
        }
        if (ready.get("ingest-service") && ready.get("store-service")) {
            awaitStored(loadSamples(keys.upload()));
        } else {
            say("samples not loaded: ingest-service and store-service must be ready first");
        }

        String store = baseUrl("store-service");
        String ingest = baseUrl("ingest-service");
        System.out.println();
        System.out.println("kamerstroom is running:");
        System.out.println("  site           " + store + "/   (a zaak: " + store + "/zaken/2025Z17315, with \"Volg deze zaak\")");
        System.out.println("  store API      " + store + "/api/zaken/2025Z17315");
        System.out.println("  mail (SMTP)    " + LOOPBACK + ":" + smtpPort + " keeps every mail; read them in " + mail
                + "   (newest: ls -t " + mail + " | head -1)");
        System.out.println("  store OpenAPI  " + store + "/q/swagger-ui");
        System.out.println("  upload         curl -H 'X-Api-Key: " + keys.upload() + "' -H 'Content-Type: application/pdf'"
                + " --data-binary @letter.pdf '" + ingest + "/api/letters?fileName=letter.pdf'");
        System.out.println("  watched folder " + inbox);
        System.out.println("  parse (debug)  curl -H 'Content-Type: text/plain' --data-binary @letter.txt "
                + baseUrl("parse-service") + "/api/parse");
        System.out.println("  API key        curl -X POST -H 'X-Api-Key: " + keys.admin() + "' -H 'Content-Type: application/json'"
                + " -d '{\"name\":\"me\"}' " + store + "/api/admin/api-keys");
        System.out.println("  operator key   " + keys.admin());
        System.out.println("  upload key     " + keys.upload());
        System.out.println("  keys file      " + data.resolve("keys.env") + "   (set -a; . that file; set +a)");
        System.out.println("  Kafka          " + bootstrap);
        System.out.println("  PostgreSQL     jdbc:postgresql://" + LOOPBACK + ":" + pgPort + "/store (user postgres)");
        System.out.println("  logs           " + logs);
        if (!LOOPBACK.equals(bindHost)) {
            System.out.println("  listening on   " + bindHost + " (KAMERSTROOM_BIND_HOST): reachable from other machines");
        }
        System.out.println("A process that dies is restarted. Ctrl-C or ./deploy/local/run stop stops everything.");
        new CountDownLatch(1).await();
    }

    /** A service's command line: the packaged fast-jar, at most 512 MB of heap, exit on out of memory. */
    static List<String> serviceCommand(Path jar) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(JVM_SAFETY);
        command.add("-Xmx512m");
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        return command;
    }

    /** The broker's or the database's wrapper JVM, on this JVM's class path. */
    static List<String> infrastructureCommand(List<String> mainAndArgs) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(JVM_SAFETY);
        command.addAll(List.of("-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path")));
        command.addAll(mainAndArgs);
        return command;
    }

    /** PostgreSQL's listen_addresses for a bind host: the wildcard is spelt {@code *} there. */
    static String postgresListenAddresses(String bindHost) {
        return isWildcard(bindHost) ? "*" : bindHost;
    }

    /** What Kafka tells clients to connect to: the bind host, or this machine's name when bound to every interface. */
    static String advertisedHost(String bindHost) {
        if (!isWildcard(bindHost)) {
            return bindHost;
        }
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (IOException e) {
            return LOOPBACK;
        }
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("*");
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Process launch(List<String> command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        return builder.start();
    }

    private Map<String, String> database(String bootstrap, int pgPort, String database) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("KAMERSTROOM_DB_URL", "jdbc:postgresql://" + LOOPBACK + ":" + pgPort + "/" + database);
        env.put("KAMERSTROOM_DB_USER", "postgres");
        env.put("KAMERSTROOM_DB_PASSWORD", "");
        return env;
    }

    /** Starts and supervises the wrapper JVM; the first start waits for its READY line. */
    private void startInfrastructure(String name, List<String> mainAndArgs) throws IOException, InterruptedException {
        Path log = logs.resolve(name + ".log");
        Files.deleteIfExists(log);
        Supervised process = Supervised.start(name, () -> launch(infrastructureCommand(mainAndArgs), Map.of(), log),
                RestartPolicy.DEFAULT.copy(), LocalStack::sayLine);
        register(process, () -> infrastructure.add(process));
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (process.restarts() > 0) {
                throw new IOException(name + " exited while starting; see " + log);
            }
            if (Files.exists(log) && Files.readString(log).contains("READY " + name)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IOException(name + " did not start within " + START_TIMEOUT + "; see " + log);
    }

    /**
     * Until {@code /q/health/ready} answers 200; a service that dies meanwhile is restarted and waited
     * for. One that is not ready in time is said so and left to its supervisor: the stack keeps running.
     */
    private boolean awaitReady(String name) throws InterruptedException {
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl(name) + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    say("%s ready", name);
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        say("%s is not ready after %d s; it keeps starting, see %s", name, START_TIMEOUT.toSeconds(), logs.resolve(name + ".log"));
        return false;
    }

    private String baseUrl(String service) {
        return "http://" + (isWildcard(bindHost) ? LOOPBACK : bindHost) + ":" + ports.get(service);
    }

    private List<String> loadSamples(String uploadKey) throws InterruptedException {
        Path samples = Path.of(env("KAMERSTROOM_SAMPLES", root.resolve("deploy/local/samples").toString()));
        List<String> ids = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(samples)) {
            files = listing.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList();
        } catch (IOException noSamples) {
            return ids;
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            String type = name.endsWith(".pdf") ? "application/pdf" : name.endsWith(".md") ? "text/markdown" : "text/plain";
            HttpResponse<String> response;
            try {
                response = http.send(HttpRequest.newBuilder(
                                URI.create(baseUrl("ingest-service") + "/api/letters?fileName=" + name))
                        .header("Content-Type", type)
                        .header("X-Api-Key", uploadKey)
                        .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                say("sample %s could not be sent: %s", name, e.getMessage());
                continue;
            }
            Matcher id = DOCUMENT_ID.matcher(response.body());
            if (response.statusCode() == 202 && id.find()) {
                ids.add(id.group(1));
                say("loaded sample %s as %s", name, id.group(1));
            } else {
                say("sample %s was refused: %d %s", name, response.statusCode(), response.body());
            }
        }
        return ids;
    }

    private void awaitStored(List<String> documentIds) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(90);
        for (String id : documentIds) {
            while (true) {
                int status;
                try {
                    status = http.send(HttpRequest.newBuilder(URI.create(baseUrl("store-service") + "/api/letters/" + id))
                            .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException restarting) {
                    status = 503;
                }
                if (status == 200) {
                    break;
                }
                if (Instant.now().isAfter(deadline)) {
                    say("sample %s is not stored yet; see the logs in %s", id, logs);
                    return;
                }
                Thread.sleep(500);
            }
        }
        say("%d sample letters stored", documentIds.size());
    }

    /** Keeps the process for the shutdown; one started while the shutdown hook ran would outlive the stack, so it is stopped. */
    private void register(Supervised process, Runnable keep) throws IOException {
        synchronized (this) {
            if (!stopping) {
                keep.run();
                return;
            }
        }
        process.stop(SERVICE_GRACE);
        throw new IOException("stopping: " + process.name() + " not kept");
    }

    /** Services first (they finish their in-flight Kafka batch), then Kafka, then PostgreSQL; none is restarted. */
    private void shutdown() {
        List<Supervised> toStop;
        List<Supervised> infra;
        synchronized (this) {
            stopping = true;
            toStop = List.copyOf(services.values());
            infra = List.copyOf(infrastructure);
        }
        say("stopping");
        List<Thread> stops = new ArrayList<>();
        for (Supervised service : toStop) {
            Thread stop = new Thread(() -> service.stop(SERVICE_GRACE), "stop-" + service.name());
            stop.start();
            stops.add(stop);
        }
        for (Thread stop : stops) {
            try {
                stop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (int i = infra.size() - 1; i >= 0; i--) {
            infra.get(i).stop(INFRASTRUCTURE_GRACE);
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // nothing left to do about it
        }
        say("stopped");
    }

    /**
     * {@code reparse}: re-parses everything on letters.fetched with the running parse-service and shows
     * the progress; Ctrl-C stops the command, not the re-parse.
     */
    private int reparse() throws Exception {
        Path keysFile = data.resolve("keys.env");
        Optional<String> key = LocalKeys.existingAdmin(keysFile);
        if (key.isEmpty()) {
            say("no operator key in %s: start the local stack first (./deploy/local/run)", keysFile);
            return 1;
        }
        ports.put("parse-service", port("PARSE_PORT", 8082));
        ReparseCommand command = new ReparseCommand(baseUrl("parse-service"), key.get(), Duration.ofSeconds(1), System.out);
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!finished.get()) {
                System.out.println();
                System.out.println(command.leftRunning());
            }
        }, "reparse-left-running"));
        int status = command.run();
        finished.set(true);
        return status;
    }

    /** {@code stop}: SIGTERM to the running stack, which stops its processes in order. */
    private boolean stopOther() throws InterruptedException {
        Optional<ProcessHandle> running = runningStack();
        if (running.isEmpty()) {
            say("the local stack is not running");
            return true;
        }
        running.get().destroy();
        Instant deadline = Instant.now().plusSeconds(90);
        while (running.get().isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        if (running.get().isAlive()) {
            say("the stack (pid %d) did not stop within 90 s", running.get().pid());
            return false;
        }
        say("stopped the local stack (pid %d)", running.get().pid());
        return true;
    }

    private Optional<ProcessHandle> runningStack() {
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(c -> c.contains(LocalStack.class.getName())).orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static int port(String variable, int fallback) {
        return Integer.parseInt(env(variable, String.valueOf(fallback)));
    }

    private static String env(String variable, String fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void say(String format, Object... args) {
        sayLine(String.format(format, args));
    }

    private static void sayLine(String line) {
        System.out.println("[local-stack] " + line);
    }

}
