package nl.kamerstroom.bench;

import java.io.IOException;
import java.net.URI;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.kamerstroom.testsupport.BrokerProcess;
import nl.kamerstroom.testsupport.Files2;
import nl.kamerstroom.testsupport.PostgresServer;
import nl.kamerstroom.testsupport.ServiceProcess;

/**
 * What the benchmark drives: the three services' URLs, the upload and operator keys, the broker,
 * and the ports by which {@link ProcessCpu} finds each process. Either started here as the system
 * tests start it (the packaged services, a broker JVM and PostgreSQL as processes of their own,
 * {@link #start}) or an already running local stack ({@link #local}).
 */
final class Stack implements AutoCloseable {

    static final List<String> SERVICES = List.of("ingest-service", "parse-service", "store-service");
    private static final Duration START = Duration.ofSeconds(180);
    /** {@code KEY=value} lines of deploy/local/data/keys.env. */
    private static final Pattern ASSIGNMENT = Pattern.compile("^\\s*([A-Z][A-Z0-9_]*)=(\\S*)\\s*$");
    private static final Pattern JDBC_PORT = Pattern.compile("^jdbc:postgresql://[^:/]+:(\\d+)/");

    final String ingest;
    final String parse;
    final String store;
    final String bootstrap;
    final String uploadKey;
    final String adminKey;
    /** process name → listening port; names ending in {@code *} count their child processes. */
    final Map<String, Integer> ports;
    private final List<AutoCloseable> owned;

    private Stack(String ingest, String parse, String store, String bootstrap, String uploadKey, String adminKey,
            Map<String, Integer> ports, List<AutoCloseable> owned) {
        this.ingest = ingest;
        this.parse = parse;
        this.store = store;
        this.bootstrap = bootstrap;
        this.uploadKey = uploadKey;
        this.adminKey = adminKey;
        this.ports = ports;
        this.owned = owned;
    }

    /** The running local stack ({@code ./deploy/local/run}), on its default or configured ports. */
    static Stack local(Path root) throws IOException {
        Path data = Path.of(env("KAMERSTROOM_DATA_DIR", root.resolve("deploy/local/data").toString()));
        Map<String, String> keys = new LinkedHashMap<>();
        Path keyFile = data.resolve("keys.env");
        if (!Files.isRegularFile(keyFile)) {
            throw new IOException(keyFile + " does not exist: start the local stack first (./deploy/local/run)");
        }
        for (String line : Files.readAllLines(keyFile)) {
            Matcher m = ASSIGNMENT.matcher(line);
            if (m.matches()) {
                keys.put(m.group(1), m.group(2));
            }
        }
        int store = Integer.parseInt(env("STORE_PORT", "8080"));
        int ingest = Integer.parseInt(env("INGEST_PORT", "8081"));
        int parse = Integer.parseInt(env("PARSE_PORT", "8082"));
        int kafka = Integer.parseInt(env("KAFKA_PORT", "19092"));
        int pg = Integer.parseInt(env("PG_PORT", "15432"));
        return new Stack(url(ingest), url(parse), url(store), "127.0.0.1:" + kafka,
                keys.get("KAMERSTROOM_UPLOAD_API_KEY"), keys.get("KAMERSTROOM_ADMIN_API_KEY"),
                ports(ingest, parse, store, kafka, pg), List.of());
    }

    /**
     * A stack of its own: broker, PostgreSQL and the packaged services (build them first), each service
     * JVM with {@code serviceJvm} (e.g. a JFR recording) and {@code extraEnv} per service on top of
     * what an operator sets, and PostgreSQL with {@code pgSettings}. Logs (and recordings) go to {@code logs}.
     */
    static Stack start(Path root, Path logs, List<String> serviceJvm, Map<String, Map<String, String>> extraEnv,
            Map<String, String> pgSettings) throws IOException, SQLException {
        Path work = Files.createTempDirectory("kamerstroom-bench");
        List<AutoCloseable> owned = new ArrayList<>();
        // closed in reverse: services first, then the database and the broker, then the files
        owned.add(() -> Files2.deleteRecursively(work));
        try {
            BrokerProcess broker = BrokerProcess.start(work.resolve("kafka"), logs.resolve("kafka.log"),
                    List.of("-Xmx512m"), START);
            owned.add(broker);
            PostgresServer postgres = PostgresServer.start(work.resolve("pg"), pgSettings);
            owned.add(postgres);
            String upload = secret();
            String admin = secret();
            Map<String, ServiceProcess> services = new LinkedHashMap<>();
            for (String name : SERVICES) {
                Map<String, String> env = new LinkedHashMap<>();
                env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
                env.put("KAMERSTROOM_UPLOAD_API_KEY", upload);
                env.put("KAMERSTROOM_ADMIN_API_KEY", admin);
                env.put("KAMERSTROOM_SOURCES_TK_ENABLED", "false");
                env.put("KAMERSTROOM_SOURCES_KOOP_ENABLED", "false");
                if (!name.equals("parse-service")) {
                    Map<String, String> db = postgres.database(name.equals("store-service") ? "store" : "ingest");
                    env.put("KAMERSTROOM_DB_URL", db.get("url"));
                    env.put("KAMERSTROOM_DB_USER", db.get("username"));
                    env.put("KAMERSTROOM_DB_PASSWORD", db.get("password"));
                }
                env.putAll(extraEnv.getOrDefault(name, Map.of()));
                List<String> jvm = new ArrayList<>();
                // as the local stack gives them
                jvm.add("-Xmx512m");
                for (String option : serviceJvm) {
                    jvm.add(option.replace("{name}", name).replace("{logs}", logs.toAbsolutePath().toString()));
                }
                ServiceProcess process = ServiceProcess.start(name, root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar"),
                        freePort(), env, logs.resolve(name + ".log"), jvm);
                owned.add(process);
                services.put(name, process);
            }
            for (ServiceProcess process : services.values()) {
                process.awaitReady(START);
            }
            Matcher pg = JDBC_PORT.matcher(postgres.database("store").get("url"));
            if (!pg.find()) {
                throw new IOException("no port in " + postgres.database("store").get("url"));
            }
            int kafka = Integer.parseInt(broker.bootstrapServers().substring(broker.bootstrapServers().lastIndexOf(':') + 1));
            return new Stack(services.get("ingest-service").baseUrl(), services.get("parse-service").baseUrl(),
                    services.get("store-service").baseUrl(), broker.bootstrapServers(), upload, admin,
                    ports(services.get("ingest-service").port(), services.get("parse-service").port(),
                            services.get("store-service").port(), kafka, Integer.parseInt(pg.group(1))), owned);
        } catch (IOException | SQLException | RuntimeException e) {
            closeAll(owned);
            throw e;
        }
    }

    private static Map<String, Integer> ports(int ingest, int parse, int store, int kafka, int pg) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("ingest", ingest);
        ports.put("parse", parse);
        ports.put("store", store);
        ports.put("kafka", kafka);
        ports.put("postgres*", pg);
        return ports;
    }

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    /** Stops what this stack started, once: at the end of a run, or from the shutdown hook of a run stopped early. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeAll(owned);
        }
    }

    private static void closeAll(List<AutoCloseable> owned) {
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                System.err.println("stopping: " + e);
            }
        }
    }

    private static String url(int port) {
        return URI.create("http://127.0.0.1:" + port).toString();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
