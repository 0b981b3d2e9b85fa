package nl.kamerstroom.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import nl.kamerstroom.testsupport.EmbeddedPg;

/**
 * PostgreSQL from the embedded binaries in a JVM of its own, data kept across runs:
 * {@code PostgresMain <port> <dataDir> <listenAddresses> <database>...}.
 *
 * <p>The server is a child of this JVM that outlives it when the JVM is killed (SIGKILL runs no
 * shutdown hook). Such a server still holds the data directory and the port, so before starting,
 * one left behind is stopped with a fast shutdown (SIGINT: clients are disconnected, the data is
 * consistent) and PostgreSQL starts cleanly again: that is what makes a restart by the local
 * stack's supervisor work.
 */
public final class PostgresMain {

    private static final Duration ORPHAN_STOP = Duration.ofSeconds(30);

    private PostgresMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[1]);
        stopOrphan(dataDir);
        EmbeddedPg pg = EmbeddedPg.start(Integer.parseInt(args[0]), dataDir, args[2]);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (Exception e) {
                System.err.println("stopping PostgreSQL: " + e);
            }
            stopped.countDown();
        }, "postgres-shutdown"));
        for (int i = 3; i < args.length; i++) {
            pg.ensureDatabase(args[i]);
        }
        System.out.println("READY postgres " + pg.jdbcUrl("postgres"));
        stopped.await();
    }

    /** The postmaster named in {@code postmaster.pid} (its first line), if it still runs. */
    static Optional<ProcessHandle> orphan(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        try {
            return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void stopOrphan(Path dataDir) throws IOException, InterruptedException {
        Optional<ProcessHandle> orphan = orphan(dataDir);
        if (orphan.isEmpty()) {
            return;
        }
        long pid = orphan.get().pid();
        System.out.println("stopping PostgreSQL left running by a previous run (pid " + pid + ")");
        // SIGINT is PostgreSQL's fast shutdown; Java can only send SIGTERM (a smart shutdown, which
        // waits for every client to disconnect) or SIGKILL
        new ProcessBuilder("kill", "-INT", String.valueOf(pid)).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        try {
            orphan.get().onExit().get(ORPHAN_STOP.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            System.out.println("PostgreSQL (pid " + pid + ") did not stop within " + ORPHAN_STOP + "; killing it");
            orphan.get().destroyForcibly();
        }
    }
}
