package nl.kamerstroom.store;

import java.time.Duration;

/**
 * Waits between retries of a dependency that is down: {@code first}, doubling up to {@code max}.
 * The wait ends early, with {@link Stopping}, when the application shuts down, so SIGTERM is never
 * held up by an outage.
 */
public final class Backoff {

    /** The application is stopping; the work in hand is left for the next start (nothing was committed). */
    public static final class Stopping extends RuntimeException {
        public Stopping(String what) {
            super("stopped while " + what);
        }
    }

    private final Duration first;
    private final Duration max;
    private final Object lock;
    private final java.util.function.BooleanSupplier stopping;
    private Duration next;
    private int attempts;

    public Backoff(Duration first, Duration max, Object lock, java.util.function.BooleanSupplier stopping) {
        this.first = first;
        this.max = max;
        this.lock = lock;
        this.stopping = stopping;
        this.next = first;
    }

    public int attempts() {
        return attempts;
    }

    public Duration nextWait() {
        return next;
    }

    /** Waits the next interval; {@code lock.notifyAll()} with {@code stopping} true ends it at once. */
    public void await(String what) {
        attempts++;
        long until = System.nanoTime() + next.toNanos();
        synchronized (lock) {
            while (!stopping.getAsBoolean()) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Stopping(what);
                }
            }
        }
        if (stopping.getAsBoolean()) {
            throw new Stopping(what);
        }
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        if (next.isZero()) {
            next = first;
        }
    }
}
