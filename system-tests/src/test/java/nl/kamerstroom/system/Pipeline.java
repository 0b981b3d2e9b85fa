package nl.kamerstroom.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.kamerstroom.testsupport.BrokerProcess;
import nl.kamerstroom.testsupport.Files2;
import nl.kamerstroom.testsupport.PostgresServer;
import nl.kamerstroom.testsupport.ServiceProcess;

/**
 * The whole system as separate processes, each of which a test can kill and start again on the
 * same port: a Kafka broker (its own JVM, same log directory after a restart), PostgreSQL (same
 * data directory), and the three packaged services configured as an operator would, with
 * generated upload and operator keys.
 */
final class Pipeline implements AutoCloseable {

    /** How long a process may take to start; a shared machine under load needs more (-Dkamerstroom.system.start-seconds). */
    static final Duration START = Duration.ofSeconds(Long.getLong("kamerstroom.system.start-seconds", 120));

    /** What the services run with; the heap is small on purpose, 2 cores and 8 JVMs share a box. */
    // as the local stack gives them (parse-service needs about 8 x kamerstroom.parse.max-bytes-in-flight + 150 MB)
    static final List<String> SERVICE_JVM = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1");
    static final List<String> BROKER_JVM = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1");

    /**
     * What a service may take beyond its {@code quarkus.shutdown.timeout} to exit after SIGTERM (the
     * JVM's own teardown on a loaded machine). The Kubernetes grace period covers the preStop pause,
     * the shutdown timeout and this margin (DeploymentPolicyTest checks it).
     */
    static final Duration EXIT_MARGIN = Duration.ofSeconds(10);

    final String name;
    final Path root;
    final Path logs;
    final String uploadKey = secret();
    final String adminKey = secret();
    final BrokerProcess broker;
    final PostgresServer postgres;
    private final Path work;
    private final Map<String, ServiceRun> services = new LinkedHashMap<>();

    private record ServiceRun(Path jar, int port, Map<String, String> env, ServiceProcess process, int starts) {
    }

    private Pipeline(String name, Path root, Path work, BrokerProcess broker, PostgresServer postgres) {
        this.name = name;
        this.root = root;
        this.logs = root.resolve("system-tests/target/service-logs/" + name);
        this.work = work;
        this.broker = broker;
        this.postgres = postgres;
    }

    /** Starts everything and waits until every service is ready; stops what started if that fails. */
    static Pipeline start(String name, Map<String, Map<String, String>> extraEnv) throws IOException, SQLException {
        Path root = Path.of(System.getProperty("kamerstroom.root", "..")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("kamerstroom-" + name);
        Path logs = root.resolve("system-tests/target/service-logs/" + name);
        Files2.deleteRecursively(logs);
        BrokerProcess broker = null;
        PostgresServer postgres = null;
        Pipeline pipeline = null;
        try {
            broker = BrokerProcess.start(work.resolve("kafka"), logs.resolve("kafka.log"), BROKER_JVM, START);
            postgres = PostgresServer.start(work.resolve("pg"));
            pipeline = new Pipeline(name, root, work, broker, postgres);
            pipeline.add("ingest-service", postgres.database("ingest"), extraEnv);
            pipeline.add("parse-service", null, extraEnv);
            pipeline.add("store-service", postgres.database("store"), extraEnv);
            for (String service : pipeline.services.keySet()) {
                pipeline.process(service).awaitReady(START);
            }
            return pipeline;
        } catch (IOException | SQLException | RuntimeException e) {
            if (pipeline != null) {
                pipeline.close();
            } else {
                if (postgres != null) {
                    postgres.close();
                }
                if (broker != null) {
                    broker.close();
                }
                Files2.deleteRecursively(work);
            }
            throw e;
        }
    }

    private void add(String service, Map<String, String> db, Map<String, Map<String, String>> extraEnv)
            throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("KAMERSTROOM_UPLOAD_API_KEY", uploadKey);
        env.put("KAMERSTROOM_ADMIN_API_KEY", adminKey);
        env.put("KAMERSTROOM_SOURCES_TK_ENABLED", "false");
        env.put("KAMERSTROOM_SOURCES_KOOP_ENABLED", "false");
        if (db != null) {
            env.put("KAMERSTROOM_DB_URL", db.get("url"));
            env.put("KAMERSTROOM_DB_USER", db.get("username"));
            env.put("KAMERSTROOM_DB_PASSWORD", db.get("password"));
        }
        env.putAll(extraEnv.getOrDefault(service, Map.of()));
        Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        int port = freePort();
        services.put(service, new ServiceRun(jar, port, env,
                ServiceProcess.start(service, jar, port, env, logs.resolve(service + ".log"), SERVICE_JVM), 1));
    }

    ServiceProcess ingest() {
        return process("ingest-service");
    }

    ServiceProcess parse() {
        return process("parse-service");
    }

    ServiceProcess store() {
        return process("store-service");
    }

    synchronized ServiceProcess process(String service) {
        return services.get(service).process();
    }

    synchronized List<ServiceProcess> processes() {
        return services.values().stream().map(ServiceRun::process).toList();
    }

    /**
     * Starts {@code service} again on the same port and environment after it died or was killed;
     * does not wait for it to be ready (the caller measures that).
     */
    synchronized ServiceProcess restart(String service) throws IOException {
        ServiceRun run = services.get(service);
        if (run.process().isAlive()) {
            throw new IllegalStateException(service + " is still running");
        }
        int start = run.starts() + 1;
        ServiceProcess process = ServiceProcess.start(service, run.jar(), run.port(), run.env(),
                logs.resolve(service + "-" + start + ".log"), SERVICE_JVM);
        services.put(service, new ServiceRun(run.jar(), run.port(), run.env(), process, start));
        return process;
    }

    /** The service's {@code quarkus.shutdown.timeout} as its application.properties sets it (production profile). */
    Duration shutdownTimeout(String service) throws IOException {
        java.util.Properties properties = new java.util.Properties();
        try (var in = Files.newInputStream(root.resolve(service).resolve("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        String value = properties.getProperty("quarkus.shutdown.timeout");
        if (value == null) {
            throw new IllegalStateException(service + " sets no quarkus.shutdown.timeout");
        }
        return Duration.parse("PT" + value.trim().toUpperCase(java.util.Locale.ROOT));
    }

    /** Whether every service answers {@code /q/health/ready} with 200 right now. */
    boolean allReady() {
        return processes().stream().allMatch(ServiceProcess::isReady);
    }

    /** Whether every service process is alive and answers {@code /q/health/live} with 200. */
    boolean allLive() {
        return processes().stream().allMatch(p -> p.isAlive() && p.health("live") == 200);
    }

    /** Names of the services that are not live, with their health status, for messages. */
    String notLive() {
        List<String> down = new ArrayList<>();
        for (ServiceProcess p : processes()) {
            if (!p.isAlive()) {
                down.add(p.name() + " (exited)");
            } else if (p.health("live") != 200) {
                down.add(p.name() + " (live " + p.health("live") + ")");
            }
        }
        return String.join(", ", down);
    }

    @Override
    public void close() {
        for (ServiceProcess process : processes()) {
            process.close();
        }
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            System.err.println(name + ": stopping PostgreSQL: " + e);
        }
        broker.close();
        Files2.deleteRecursively(work);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
