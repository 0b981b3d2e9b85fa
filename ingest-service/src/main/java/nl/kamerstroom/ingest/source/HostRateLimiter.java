package nl.kamerstroom.ingest.source;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Politeness per host: at most {@code kamerstroom.sources.rate-limit-per-host} requests per second
 * to any one host, and nothing at all before the time a {@code Retry-After} named. A wait longer
 * than {@code kamerstroom.sources.max-retry-after-wait} is not waited out in the request: it fails
 * with {@link HostBackingOffException} and a later poll tries again.
 */
@ApplicationScoped
public class HostRateLimiter {

    @ConfigProperty(name = "kamerstroom.sources.rate-limit-per-host", defaultValue = "2")
    double requestsPerSecond;

    @ConfigProperty(name = "kamerstroom.sources.max-retry-after-wait", defaultValue = "2m")
    Duration maxWait;

    private final Map<String, Instant> nextAllowed = new ConcurrentHashMap<>();
    private final Map<String, Instant> blockedUntil = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    /** Waits until a request to this URI's host is allowed, and books the slot. */
    public void acquire(URI uri) {
        String host = host(uri);
        Instant blocked = blockedUntil.get(host);
        Instant now = clock.instant();
        if (blocked != null && blocked.isAfter(now.plus(maxWait))) {
            throw new HostBackingOffException(uri, blocked);
        }
        Instant slot;
        synchronized (this) {
            Instant earliest = later(nextAllowed.getOrDefault(host, now), blocked == null ? now : blocked);
            slot = later(earliest, now);
            nextAllowed.put(host, slot.plus(interval()));
        }
        sleepUntil(slot);
    }

    /** The host said Retry-After: no request to it before {@code until}. */
    public void blockUntil(URI uri, Instant until) {
        blockedUntil.merge(host(uri), until, HostRateLimiter::later);
    }

    /** When the host may be asked again, if it asked us to wait. */
    public Instant blockedUntil(URI uri) {
        return blockedUntil.get(host(uri));
    }

    private Duration interval() {
        return requestsPerSecond <= 0 ? Duration.ZERO : Duration.ofNanos((long) (1_000_000_000L / requestsPerSecond));
    }

    private static String host(URI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private void sleepUntil(Instant slot) {
        long millis = Duration.between(clock.instant(), slot).toMillis();
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the rate limit", e);
        }
    }
}
