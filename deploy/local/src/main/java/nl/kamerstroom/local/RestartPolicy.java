package nl.kamerstroom.local;

import java.time.Duration;

/**
 * When to restart a process that died, as Kubernetes' CrashLoopBackOff does: the first restart after
 * {@code initial}, each further one after twice the previous delay, never more than {@code max};
 * a process that ran for at least {@code stableAfter} before it died counts as healthy again, so
 * its next restart is quick once more. Not thread-safe: one supervisor owns one policy.
 */
final class RestartPolicy {

    /** 1 s, 2 s, 4 s ... 30 s; a minute of running resets the count. */
    static final RestartPolicy DEFAULT = new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(1));

    private final Duration initial;
    private final Duration max;
    private final Duration stableAfter;
    private int restarts;
    private int sinceStable;

    RestartPolicy(Duration initial, Duration max, Duration stableAfter) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
        this.stableAfter = stableAfter;
    }

    /** A fresh policy with the same bounds, for another process. */
    RestartPolicy copy() {
        return new RestartPolicy(initial, max, stableAfter);
    }

    /** Records a death after {@code uptime} of running and answers how long to wait before the restart. */
    Duration onExit(Duration uptime) {
        if (uptime.compareTo(stableAfter) >= 0) {
            sinceStable = 0;
        }
        restarts++;
        sinceStable++;
        Duration delay = initial;
        for (int i = 1; i < sinceStable && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** Restarts so far, for the log line. */
    int restarts() {
        return restarts;
    }
}
