package nl.kamerstroom.local;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One child process of the local stack, restarted with backoff ({@link RestartPolicy}) whenever it
 * exits on its own, as a Kubernetes pod would be: a service that ran out of memory (and exited, see
 * {@code -XX:+ExitOnOutOfMemoryError}) or was killed comes back, and the rest of the stack keeps
 * running. {@link #stop} ends the supervision first and then the process, so a deliberate stop is
 * never taken for a crash.
 */
final class Supervised {

    /** Starts the process; called again for every restart. */
    @FunctionalInterface
    interface Launcher {
        Process launch() throws IOException;
    }

    private final String name;
    private final Launcher launcher;
    private final RestartPolicy policy;
    private final Consumer<String> log;
    private final Thread watcher;
    private Process process;
    private Instant startedAt;
    private boolean stopped;

    private Supervised(String name, Launcher launcher, RestartPolicy policy, Consumer<String> log, Process first) {
        this.name = name;
        this.launcher = launcher;
        this.policy = policy;
        this.log = log;
        this.process = first;
        this.startedAt = Instant.now();
        this.watcher = new Thread(this::watch, "supervise-" + name);
        this.watcher.setDaemon(true);
    }

    /** Launches the process (a failure to launch it the first time is thrown) and watches it from now on. */
    static Supervised start(String name, Launcher launcher, RestartPolicy policy, Consumer<String> log) throws IOException {
        Supervised supervised = new Supervised(name, launcher, policy, log, launcher.launch());
        supervised.watcher.start();
        return supervised;
    }

    String name() {
        return name;
    }

    synchronized Process process() {
        return process;
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Restarts so far. */
    synchronized int restarts() {
        return policy.restarts();
    }

    private void watch() {
        while (true) {
            Process current;
            synchronized (this) {
                if (stopped) {
                    return;
                }
                current = process;
            }
            int exit;
            try {
                exit = current == null ? -1 : current.waitFor();
            } catch (InterruptedException e) {
                return;
            }
            Duration delay;
            synchronized (this) {
                if (stopped) {
                    return;
                }
                delay = policy.onExit(Duration.between(startedAt, Instant.now()));
                log.accept(String.format("%s exited with %d; restarting in %s (restart %d)", name, exit,
                        human(delay), policy.restarts()));
            }
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                if (stopped) {
                    return;
                }
                startedAt = Instant.now();
                try {
                    process = launcher.launch();
                    log.accept(String.format("%s restarted (pid %d)", name, process.pid()));
                } catch (IOException e) {
                    // counts as a death right at the start: the next attempt waits longer
                    process = null;
                    log.accept(String.format("%s could not be started: %s", name, e.getMessage()));
                }
            }
        }
    }

    /**
     * Ends the supervision, then SIGTERM (a graceful stop) and SIGKILL after {@code grace}. Safe to
     * call more than once and from any thread.
     */
    void stop(Duration grace) {
        Process current;
        synchronized (this) {
            stopped = true;
            current = process;
        }
        watcher.interrupt();
        if (current == null || !current.isAlive()) {
            return;
        }
        current.destroy();
        try {
            if (!current.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                current.descendants().forEach(ProcessHandle::destroyForcibly);
                current.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current.destroyForcibly();
        }
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
