package nl.kamerstroom.ingest.outage;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import nl.kamerstroom.testsupport.EmbeddedKafka;
import nl.kamerstroom.testsupport.EmbeddedPg;

/**
 * A broker and a database of this test's own, on fixed ports with their data kept, so that the test
 * can stop them (an outage) and start them again (the same broker and database come back) without
 * disturbing the JVM's shared ones that the other tests use.
 *
 * <p>The test reaches the controls through {@link #controls()}; the resource and the test class are
 * loaded by the same class loader, so the static is the same one.
 */
public class OwnBrokerAndDatabase implements QuarkusTestResourceLifecycleManager {

    private static volatile Map<String, Runnable> controls;
    private static final String DATABASE = "ingest_outage";

    private int kafkaPort;
    private int controllerPort;
    private int pgPort;
    private Path kafkaDir;
    private Path pgDir;
    private volatile EmbeddedKafka kafka;
    private volatile EmbeddedPg pg;

    @Override
    public Map<String, String> start() {
        try {
            kafkaPort = freePort();
            controllerPort = freePort();
            pgPort = freePort();
            kafkaDir = Files.createTempDirectory("outage-kafka");
            pgDir = Files.createTempDirectory("outage-pg");
            startKafka();
            startPg();
            pg.ensureDatabase(DATABASE);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the outage test's broker and database: " + e, e);
        }
        controls = (Map.<String, Runnable>of(
                "stopKafka", () -> kafka.close(),
                "startKafka", this::startKafka,
                "stopDatabase", this::stopPg,
                "startDatabase", this::startPg));
        return Map.of(
                "kafka.bootstrap.servers", "127.0.0.1:" + kafkaPort,
                "quarkus.datasource.jdbc.url", pg.jdbcUrl(DATABASE),
                "quarkus.datasource.username", EmbeddedPg.USER,
                "quarkus.datasource.password", "");
    }

    /** stopKafka, startKafka, stopDatabase, startDatabase. */
    static Map<String, Runnable> controls() {
        if (controls == null) {
            throw new IllegalStateException("OwnBrokerAndDatabase is not running in this class loader");
        }
        return controls;
    }

    private void startKafka() {
        try {
            kafka = EmbeddedKafka.start(kafkaPort, controllerPort, kafkaDir, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startPg() {
        try {
            pg = EmbeddedPg.start(pgPort, pgDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stopPg() {
        try {
            pg.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        controls = null;
        try {
            kafka.close();
        } catch (RuntimeException ignored) {
            // already stopped by a test that failed half-way
        }
        try {
            pg.close();
        } catch (IOException | RuntimeException ignored) {
            // the same
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
