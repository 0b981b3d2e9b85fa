package nl.kamerstroom.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A Kafka broker ({@link EmbeddedKafka}) in a JVM of its own, so that a test can {@code kill -9}
 * it and start it again on the same ports and log directory, as an outage of a real broker.
 * The child JVM runs on this JVM's class path ({@link #main} is its entry point).
 */
public final class BrokerProcess implements AutoCloseable {

    private static final String READY = "READY kafka ";

    private final int port;
    private final int controllerPort;
    private final Path logDir;
    private final Path log;
    private final List<String> jvmOptions;
    private Process process;

    private BrokerProcess(int port, int controllerPort, Path logDir, Path log, List<String> jvmOptions) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.logDir = logDir;
        this.log = log;
        this.jvmOptions = jvmOptions;
    }

    /** A broker on free ports with its data in {@code logDir}, its output appended to {@code log}. */
    public static BrokerProcess start(Path logDir, Path log, List<String> jvmOptions, Duration timeout)
            throws IOException {
        BrokerProcess broker = new BrokerProcess(EmbeddedKafka.freePort(), EmbeddedKafka.freePort(), logDir, log,
                List.copyOf(jvmOptions));
        broker.restart(timeout);
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** {@code kill -9}: no controlled shutdown, the log is recovered at the next start. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts the broker (again) on the same ports and log directory and waits until it accepts
     * connections. A port the killed broker held can take a moment to be free: retried until
     * {@code timeout}.
     */
    public void restart(Duration timeout) throws IOException {
        if (isAlive()) {
            throw new IllegalStateException("the broker is still running");
        }
        Files.createDirectories(log.toAbsolutePath().getParent());
        Instant deadline = Instant.now().plus(timeout);
        long readFrom = Files.exists(log) ? Files.size(log) : 0;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BrokerProcess.class.getName());
        command.add(String.valueOf(port));
        command.add(String.valueOf(controllerPort));
        command.add(logDir.toAbsolutePath().toString());
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("the broker exited with " + process.exitValue() + "; see " + log);
            }
            if (readyLine(readFrom) && accepts()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the broker", e);
            }
        }
        kill();
        throw new IOException("the broker was not ready within " + timeout + "; see " + log);
    }

    private boolean readyLine(long from) throws IOException {
        byte[] all = Files.readAllBytes(log);
        return from < all.length && new String(all, (int) from, all.length - (int) from,
                java.nio.charset.StandardCharsets.UTF_8).contains(READY);
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The child JVM: {@code BrokerProcess <port> <controllerPort> <logDir>}. */
    public static void main(String[] args) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start(Integer.parseInt(args[0]), Integer.parseInt(args[1]),
                Path.of(args[2]), false);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            stopped.countDown();
        }, "kafka-shutdown"));
        System.out.println(READY + kafka.bootstrapServers());
        // the test JVM holds our stdin: when it goes (even by kill -9), so does this broker
        Thread orphan = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing is ever sent; the read only returns at end of stream
                }
            } catch (IOException e) {
                // same as end of stream
            }
            System.exit(0);
        }, "parent-watch");
        orphan.setDaemon(true);
        orphan.start();
        stopped.await();
    }
}
