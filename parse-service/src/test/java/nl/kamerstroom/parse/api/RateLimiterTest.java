package nl.kamerstroom.parse.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final RateLimiter limiter = new RateLimiter(10, 20, now::get);

    @Test
    void aBurstIsAllowedThenTheRateAndEachClientHasItsOwnBucket() {
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.tryAcquire("10.0.0.1")).as("request %d of the burst", i + 1).isZero();
        }
        assertThat(limiter.tryAcquire("10.0.0.1")).as("seconds to wait").isEqualTo(1);
        assertThat(limiter.tryAcquire("10.0.0.2")).as("another client").isZero();

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100)); // one token back at 10/s
        assertThat(limiter.tryAcquire("10.0.0.1")).isZero();
        assertThat(limiter.tryAcquire("10.0.0.1")).isPositive();

        now.addAndGet(TimeUnit.SECONDS.toNanos(60)); // refills to the burst, not beyond
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.tryAcquire("10.0.0.1")).isZero();
        }
        assertThat(limiter.tryAcquire("10.0.0.1")).isPositive();
    }

    @Test
    void aSlowRateAnswersTheSecondsUntilTheNextToken() {
        RateLimiter slow = new RateLimiter(0.1, 1, now::get);
        assertThat(slow.tryAcquire("c")).isZero();
        assertThat(slow.tryAcquire("c")).isEqualTo(10);
    }
}
