package nl.kamerstroom.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a database of its own on the JVM's shared PostgreSQL server. The
 * database name comes from the {@code database} init arg (default {@code kamerstroom}).
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private String database = "kamerstroom";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> pg = Infrastructure.postgres(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", pg.get("url"),
                "quarkus.datasource.username", pg.get("username"),
                "quarkus.datasource.password", pg.get("password"));
    }

    @Override
    public void stop() {
        // shared for the whole JVM; stopped by Infrastructure's shutdown hook
    }
}
