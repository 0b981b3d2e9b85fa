package nl.kamerstroom.store;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application's clock in tests: real time plus an offset a test can move forward, so that a
 * retry due in an hour is due now without waiting. Tests that move it put it back when done.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestClock extends Clock {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** Moves the clock to just past {@code instant} (never backwards). */
    public void advanceTo(Instant instant) {
        offset.updateAndGet(o -> {
            Duration needed = Duration.between(Instant.now().plus(o), instant).plusMillis(1);
            return needed.isNegative() ? o : o.plus(needed);
        });
    }

    public void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public ZoneId getZone() {
        return ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset.get());
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }
}
