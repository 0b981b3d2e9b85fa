package nl.kamerstroom.parse.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client: {@code ratePerSecond} requests a second on average, up to
 * {@code burst} at once. {@link #tryAcquire} answers 0 when the request may go ahead, else the
 * seconds until a token is back (for {@code Retry-After}). Buckets of idle clients are dropped once
 * there are many, so a stream of distinct addresses cannot fill the heap.
 */
final class RateLimiter {

    /** Buckets kept before idle ones are swept. */
    private static final int SWEEP_ABOVE = 10_000;

    private final double ratePerNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    RateLimiter(double ratePerSecond, int burst, LongSupplier nanoTime) {
        if (ratePerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("the rate must be positive and the burst at least 1");
        }
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    /** 0 if {@code client} may make a request now (and takes its token), else whole seconds to wait. */
    long tryAcquire(String client) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > SWEEP_ABOVE) {
            sweep(now);
        }
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updated) * ratePerNano);
            bucket.updated = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / ratePerNano / 1e9));
        }
    }

    /** Drops the buckets that have refilled completely: forgetting them changes nothing. */
    private void sweep(long now) {
        buckets.values().removeIf(b -> {
            synchronized (b) {
                return b.tokens + (now - b.updated) * ratePerNano >= burst;
            }
        });
    }
}
