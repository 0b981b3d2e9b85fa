package nl.kamerstroom.local;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import nl.kamerstroom.testsupport.EmbeddedPg;

/**
 * PostgreSQL from the embedded binaries in a JVM of its own, data kept across runs:
 * {@code PostgresMain <port> <dataDir> <database>...}.
 */
public final class PostgresMain {

    private PostgresMain() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPg pg = EmbeddedPg.start(Integer.parseInt(args[0]), Path.of(args[1]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (Exception e) {
                System.err.println("stopping PostgreSQL: " + e);
            }
            stopped.countDown();
        }, "postgres-shutdown"));
        for (int i = 2; i < args.length; i++) {
            pg.ensureDatabase(args[i]);
        }
        System.out.println("READY postgres " + pg.jdbcUrl("postgres"));
        stopped.await();
    }
}
