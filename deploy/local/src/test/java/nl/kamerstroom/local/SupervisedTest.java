package nl.kamerstroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Real child JVMs that die, restarted by the supervisor. */
class SupervisedTest {

    private static final RestartPolicy FAST = new RestartPolicy(Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofMinutes(1));
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Set<Long> pids = ConcurrentHashMap.newKeySet();

    private Supervised.Launcher child(long runMillis, int exitCode) {
        return () -> {
            Process p = new ProcessBuilder(LocalStack.infrastructureCommand(
                    List.of(DyingChild.class.getName(), String.valueOf(runMillis), String.valueOf(exitCode))))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            pids.add(p.pid());
            return p;
        };
    }

    @Test
    void aChildThatDiesIsRestartedWithALogLine() throws Exception {
        Supervised supervised = Supervised.start("dying-service", child(200, 137), FAST.copy(), log::add);
        try {
            await(() -> supervised.restarts() >= 3 && supervised.isAlive());
            assertThat(pids).as("a new process each time").hasSizeGreaterThanOrEqualTo(4);
            assertThat(log).contains("dying-service exited with 137; restarting in 100 ms (restart 1)",
                    "dying-service exited with 137; restarting in 200 ms (restart 2)",
                    "dying-service exited with 137; restarting in 400 ms (restart 3)");
            assertThat(log).anyMatch(l -> l.matches("dying-service restarted \\(pid \\d+\\)"));
        } finally {
            supervised.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void aStoppedChildIsNotRestarted() throws Exception {
        Supervised supervised = Supervised.start("long-running", child(60_000, 0), FAST.copy(), log::add);
        Process first = supervised.process();
        assertThat(first.isAlive()).isTrue();

        supervised.stop(Duration.ofSeconds(10));

        assertThat(first.isAlive()).as("stopped with SIGTERM").isFalse();
        Thread.sleep(FAST.copy().onExit(Duration.ZERO).toMillis() * 5);
        assertThat(supervised.process()).isSameAs(first);
        assertThat(supervised.restarts()).isZero();
        assertThat(log).isEmpty();
        assertThat(pids).hasSize(1);
    }

    @Test
    void aChildThatCannotBeStartedIsTriedAgain() throws Exception {
        int[] attempts = {0};
        Supervised.Launcher flaky = () -> {
            if (++attempts[0] == 2) {
                throw new IOException("no such jar");
            }
            return child(200, 3).launch();
        };
        Supervised supervised = Supervised.start("flaky", flaky, FAST.copy(), log::add);
        try {
            await(() -> attempts[0] >= 3 && supervised.isAlive());
            assertThat(log).contains("flaky could not be started: no such jar");
        } finally {
            supervised.stop(Duration.ofSeconds(5));
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition within %s", WAIT).isBefore(deadline);
            Thread.sleep(50);
        }
    }
}
