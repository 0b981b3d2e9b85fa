package nl.kamerstroom.local;

import java.io.IOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.kamerstroom.testsupport.ServiceProcess;

/**
 * {@code ./deploy/local/run}: the whole pipeline on one machine without Docker. A Kafka broker and
 * PostgreSQL, each in a JVM of its own, then the three services as separate processes; loads the
 * sample letters, waits until they are stored, prints the URLs, and stops everything on Ctrl-C or
 * {@code ./deploy/local/run stop}. Data stays in the data directory, so a second run reuses it.
 *
 * <p>Settings (environment variables): {@code KAMERSTROOM_DATA_DIR}, {@code STORE_PORT} (8080),
 * {@code INGEST_PORT} (8081), {@code PARSE_PORT} (8082), {@code KAFKA_PORT} (19092),
 * {@code KAFKA_CONTROLLER_PORT} (19093), {@code PG_PORT} (15432), {@code KAMERSTROOM_SAMPLES}.
 */
public final class LocalStack {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Pattern DOCUMENT_ID = Pattern.compile("\"documentId\"\\s*:\\s*\"([^\"]+)\"");

    private final Path root;
    private final Path data;
    private final Path logs;
    private final Path pidFile;
    private final List<Process> infrastructure = new ArrayList<>();
    private final List<ServiceProcess> services = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private volatile boolean stopping;

    private LocalStack(Path root) {
        this.root = root;
        this.data = Path.of(env("KAMERSTROOM_DATA_DIR", root.resolve("deploy/local/data").toString())).toAbsolutePath();
        this.logs = data.resolve("logs");
        this.pidFile = data.resolve("local-stack.pid");
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(env("KAMERSTROOM_HOME", ".")).toAbsolutePath().normalize();
        LocalStack stack = new LocalStack(root);
        String command = args.length == 0 ? "run" : args[0];
        switch (command) {
            case "run" -> stack.run();
            case "stop" -> System.exit(stack.stopOther() ? 0 : 1);
            default -> {
                System.err.println("usage: deploy/local/run [run|stop]");
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

        int kafkaPort = port("KAFKA_PORT", 19092);
        int pgPort = port("PG_PORT", 15432);
        say("starting PostgreSQL on port %d (data in %s)", pgPort, data.resolve("postgres"));
        startInfrastructure("postgres", List.of(PostgresMain.class.getName(), String.valueOf(pgPort),
                data.resolve("postgres").toString(), "store", "ingest"));
        say("starting Kafka on port %d (data in %s)", kafkaPort, data.resolve("kafka"));
        startInfrastructure("kafka", List.of(KafkaMain.class.getName(), String.valueOf(kafkaPort),
                String.valueOf(port("KAFKA_CONTROLLER_PORT", 19093)), data.resolve("kafka").toString()));

        String bootstrap = "127.0.0.1:" + kafkaPort;
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
        // the operator's key (backfills, issuing API keys) and webhooks to a receiver on this machine
        String adminKey = env("KAMERSTROOM_ADMIN_API_KEY", "local-admin-key");
        envs.get("ingest-service").put("KAMERSTROOM_ADMIN_API_KEY", adminKey);
        envs.get("store-service").put("KAMERSTROOM_ADMIN_API_KEY", adminKey);
        envs.get("store-service").put("KAMERSTROOM_WEBHOOK_ALLOW_HOSTS", env("KAMERSTROOM_WEBHOOK_ALLOW_HOSTS", "localhost"));
        Map<String, Integer> ports = Map.of("store-service", port("STORE_PORT", 8080),
                "ingest-service", port("INGEST_PORT", 8081), "parse-service", port("PARSE_PORT", 8082));
        for (Map.Entry<String, Map<String, String>> service : envs.entrySet()) {
            String name = service.getKey();
            say("starting %s on port %d", name, ports.get(name));
            services.add(ServiceProcess.start(name, root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar"),
                    ports.get(name), service.getValue(), logs.resolve(name + ".log"), List.of("-Xmx512m")));
        }
        for (ServiceProcess service : services) {
            service.awaitReady(START_TIMEOUT);
            say("%s ready", service.name());
        }

        ServiceProcess ingest = service("ingest-service");
        ServiceProcess store = service("store-service");
        List<String> loaded = loadSamples(ingest);
        awaitStored(store, loaded);

        System.out.println();
        System.out.println("kamerstroom is running:");
        System.out.println("  store API      " + store.baseUrl() + "/api/zaken/2025Z17315");
        System.out.println("  store OpenAPI  " + store.baseUrl() + "/q/swagger-ui");
        System.out.println("  upload         curl -H 'Content-Type: application/pdf' --data-binary @letter.pdf "
                + ingest.baseUrl() + "/api/letters");
        System.out.println("  watched folder " + inbox);
        System.out.println("  parse (debug)  curl -H 'Content-Type: text/plain' --data-binary @letter.txt "
                + service("parse-service").baseUrl() + "/api/parse");
        System.out.println("  API key        curl -X POST -H 'X-Api-Key: " + adminKey + "' -H 'Content-Type: application/json'"
                + "  -d '{\"name\":\"me\"}' " + store.baseUrl() + "/api/admin/api-keys   (operator key: " + adminKey + ")");
        System.out.println("  Kafka          " + bootstrap);
        System.out.println("  PostgreSQL     jdbc:postgresql://127.0.0.1:" + pgPort + "/store (user postgres)");
        System.out.println("  logs           " + logs);
        System.out.println("Ctrl-C or ./deploy/local/run stop stops everything.");

        while (true) {
            for (ServiceProcess service : services) {
                if (!service.isAlive() && !stopping) {
                    say("%s stopped unexpectedly; see %s. Stopping the stack.", service.name(), service.log());
                    System.exit(1);
                }
            }
            Thread.sleep(2000);
        }
    }

    private Map<String, String> database(String bootstrap, int pgPort, String database) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("KAMERSTROOM_DB_URL", "jdbc:postgresql://127.0.0.1:" + pgPort + "/" + database);
        env.put("KAMERSTROOM_DB_USER", "postgres");
        env.put("KAMERSTROOM_DB_PASSWORD", "");
        return env;
    }

    private void startInfrastructure(String name, List<String> mainAndArgs) throws IOException, InterruptedException {
        Path log = logs.resolve(name + ".log");
        Files.deleteIfExists(log);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path")));
        command.addAll(mainAndArgs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        infrastructure.add(process);
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            if (Files.exists(log) && Files.readString(log).contains("READY " + name)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IOException(name + " did not start within " + START_TIMEOUT + "; see " + log);
    }

    private List<String> loadSamples(ServiceProcess ingest) throws IOException, InterruptedException {
        Path samples = Path.of(env("KAMERSTROOM_SAMPLES", root.resolve("deploy/local/samples").toString()));
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(samples)) {
            return ids;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(samples)) {
            files = listing.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            String type = name.endsWith(".pdf") ? "application/pdf" : name.endsWith(".md") ? "text/markdown" : "text/plain";
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(ingest.baseUrl() + "/api/letters?fileName=" + name))
                    .header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
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

    private void awaitStored(ServiceProcess store, List<String> documentIds) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(90);
        for (String id : documentIds) {
            while (true) {
                int status = http.send(HttpRequest.newBuilder(URI.create(store.baseUrl() + "/api/letters/" + id)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
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

    /** Services first (they finish their in-flight Kafka batch), then Kafka, then PostgreSQL. */
    private void shutdown() {
        stopping = true;
        say("stopping");
        services.forEach(s -> new Thread(() -> s.stop(Duration.ofSeconds(20))).start());
        for (ServiceProcess service : services) {
            while (service.isAlive()) {
                sleepQuietly(100);
            }
        }
        for (int i = infrastructure.size() - 1; i >= 0; i--) {
            Process process = infrastructure.get(i);
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // nothing left to do about it
        }
        say("stopped");
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

    private ServiceProcess service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static int port(String variable, int fallback) {
        return Integer.parseInt(env(variable, String.valueOf(fallback)));
    }

    private static String env(String variable, String fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void say(String format, Object... args) {
        System.out.println("[local-stack] " + String.format(format, args));
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
