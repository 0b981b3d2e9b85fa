package nl.kamerstroom.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --pg-statements}: where PostgreSQL's time goes. The own stack's server is started with
 * {@code pg_stat_statements} preloaded; each throughput phase resets the figures when its clock starts
 * and prints the statements that took the most execution time, per letter, when it ends.
 */
final class PgStatements {

    static final Map<String, String> SERVER_SETTINGS = Map.of("shared_preload_libraries", "pg_stat_statements",
            "pg_stat_statements.track", "all");

    private static final String[] DATABASES = {"store", "ingest"};

    private final int port;

    PgStatements(int port) {
        this.port = port;
    }

    void reset() throws SQLException {
        for (String db : DATABASES) {
            try (Connection c = connect(db); Statement s = c.createStatement()) {
                s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                s.execute("SELECT pg_stat_statements_reset()");
            }
        }
    }

    void print(long letters, int top) throws SQLException {
        for (String db : DATABASES) {
            try (Connection c = connect(db); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT calls, total_exec_time, rows, query FROM pg_stat_statements"
                            + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
                            + " ORDER BY total_exec_time DESC LIMIT " + top)) {
                System.out.printf("  PostgreSQL, database %s: the %d statements that took longest (ms per letter, calls per letter, rows per call)%n",
                        db, top);
                while (rs.next()) {
                    long calls = rs.getLong(1);
                    String query = rs.getString(4).replaceAll("\\s+", " ");
                    System.out.printf(Locale.ROOT, "    %7.3f ms %6.2f calls %6.1f rows  %s%n", rs.getDouble(2) / letters,
                            calls / (double) letters, calls == 0 ? 0.0 : rs.getLong(3) / (double) calls,
                            query.length() > 160 ? query.substring(0, 160) + "…" : query);
                }
            }
        }
    }

    private Connection connect(String db) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + db, "postgres", "");
    }
}
