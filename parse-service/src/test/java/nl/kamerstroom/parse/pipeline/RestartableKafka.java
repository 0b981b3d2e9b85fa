package nl.kamerstroom.parse.pipeline;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import nl.kamerstroom.testsupport.EmbeddedKafka;

/**
 * A broker of the test's own (not the JVM's shared one) that the test can stop and start again on
 * the same ports and data, as an outage does.
 */
public class RestartableKafka implements QuarkusTestResourceLifecycleManager {

    private static int port;
    private static int controllerPort;
    private static Path dir;
    private static EmbeddedKafka broker;

    @Override
    public synchronized Map<String, String> start() {
        try {
            port = freePort();
            controllerPort = freePort();
            dir = Files.createTempDirectory("kamerstroom-outage-kafka");
            up();
            return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized void down() {
        broker.close();
        broker = null;
    }

    static synchronized void up() throws IOException {
        broker = EmbeddedKafka.start(port, controllerPort, dir, false);
    }

    @Override
    public synchronized void stop() {
        if (broker != null) {
            broker.close();
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir; the OS cleans it up otherwise
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
