package nl.kamerstroom.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Real PostgreSQL from zonky's embedded binaries: the same server as production, started as a
 * child process of this JVM. Used when no Docker daemon is available, and by the local stack.
 */
public final class EmbeddedPg implements AutoCloseable {

    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedPg(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** A throw-away server on a free port with its data in a temp dir. */
    public static EmbeddedPg startTemporary() throws IOException {
        return new EmbeddedPg(EmbeddedPostgres.builder().start());
    }

    /** A server on {@code port} whose data stays in {@code dataDir} across restarts. */
    public static EmbeddedPg start(int port, Path dataDir) throws IOException {
        return start(port, dataDir, "127.0.0.1");
    }

    /** As {@link #start(int, Path)}, listening on {@code listenAddresses} (PostgreSQL's setting, e.g. {@code *}). */
    public static EmbeddedPg start(int port, Path dataDir, String listenAddresses) throws IOException {
        return start(port, dataDir, listenAddresses, Map.of());
    }

    /** As {@link #start(int, Path, String)}, with more server settings (e.g. {@code shared_preload_libraries}). */
    public static EmbeddedPg start(int port, Path dataDir, String listenAddresses, Map<String, String> settings)
            throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", listenAddresses)
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false);
        settings.forEach(builder::setServerConfig);
        return new EmbeddedPg(builder.start());
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates {@code database} unless it exists; each service owns a database of its own. */
    public void ensureDatabase(String database) throws SQLException {
        Databases.ensure(jdbcUrl("postgres"), USER, "", database);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    /** Shared by the embedded and the container variant. */
    static final class Databases {
        private Databases() {
        }

        static void ensure(String adminUrl, String user, String password, String database) throws SQLException {
            if (!database.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("not a plain database name: " + database);
            }
            try (Connection c = DriverManager.getConnection(adminUrl, user, password);
                    Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                    if (rs.next()) {
                        return;
                    }
                }
                s.execute("CREATE DATABASE " + database);
            }
        }
    }
}
