package nl.kamerstroom.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

/**
 * PostgreSQL ({@link EmbeddedPg}, a server process of its own) that a test can stop and start
 * again on the same port and data directory, as a database outage: the data survives, the
 * connections do not.
 */
public final class PostgresServer implements AutoCloseable {

    private final int port;
    private final Path dataDir;
    private final Map<String, String> settings;
    private EmbeddedPg pg;

    private PostgresServer(int port, Path dataDir, Map<String, String> settings) {
        this.port = port;
        this.dataDir = dataDir;
        this.settings = Map.copyOf(settings);
    }

    /** A server on a free port with its data in {@code dataDir} (created on first start). */
    public static PostgresServer start(Path dataDir) throws IOException {
        return start(dataDir, Map.of());
    }

    /** As {@link #start(Path)}, with more server settings (the benchmark's {@code pg_stat_statements}). */
    public static PostgresServer start(Path dataDir, Map<String, String> settings) throws IOException {
        PostgresServer server = new PostgresServer(EmbeddedKafka.freePort(), dataDir, settings);
        server.start();
        return server;
    }

    /** Starts the server (again); returns once it accepts connections. */
    public synchronized void start() throws IOException {
        if (pg != null) {
            throw new IllegalStateException("PostgreSQL is already running");
        }
        pg = EmbeddedPg.start(port, dataDir, "127.0.0.1", settings);
    }

    /** Stops the server ({@code pg_ctl stop}, fast mode: open connections are cut). */
    public synchronized void stop() throws IOException {
        if (pg != null) {
            EmbeddedPg running = pg;
            pg = null;
            running.close();
        }
    }

    public boolean isRunning() {
        return pg != null;
    }

    /** JDBC settings of {@code database}, created if it does not exist yet. */
    public synchronized Map<String, String> database(String database) throws SQLException {
        if (pg == null) {
            throw new IllegalStateException("PostgreSQL is not running");
        }
        pg.ensureDatabase(database);
        return Map.of("url", pg.jdbcUrl(database), "username", EmbeddedPg.USER, "password", "");
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
