package nl.kamerstroom.store.subscription.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final RetryPolicy DEFAULTS = new RetryPolicy(Duration.ofSeconds(30), Duration.ofHours(1), 0.1,
            Duration.ofHours(24), 3);
    private static final Instant T0 = Instant.parse("2025-11-21T09:00:00Z");

    @Test
    void waitsDoubleFromThirtySecondsToAnHourWithUpToTenPercentJitter() {
        assertThat(DEFAULTS.backoff(1, 0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(DEFAULTS.backoff(2, 0)).isEqualTo(Duration.ofMinutes(1));
        assertThat(DEFAULTS.backoff(3, 0)).isEqualTo(Duration.ofMinutes(2));
        assertThat(DEFAULTS.backoff(7, 0)).isEqualTo(Duration.ofMinutes(32));
        assertThat(DEFAULTS.backoff(8, 0)).isEqualTo(Duration.ofHours(1));
        assertThat(DEFAULTS.backoff(1000, 0)).isEqualTo(Duration.ofHours(1));
        assertThat(DEFAULTS.backoff(1, 0.999)).isEqualTo(Duration.ofMillis(32_997));
    }

    @Test
    void retryableFailuresAreRetriedForAtLeast24HoursThenParked() {
        for (double random : new double[] {0, 0.5, 0.999}) {
            Instant now = T0;
            int attempts = 1;
            RetryPolicy.Decision decision;
            while (!(decision = DEFAULTS.afterFailure(RetryPolicy.Outcome.http(503, null), attempts, T0, now, random)).park()) {
                now = decision.nextAttemptAt();
                attempts++;
            }
            assertThat(Duration.between(T0, now)).isGreaterThanOrEqualTo(Duration.ofHours(24))
                    .isLessThan(Duration.ofHours(26));
            assertThat(attempts).isBetween(28, 31);
        }
    }

    @Test
    void whatRetryingWillNotFixIsParkedAfterThreeAttempts() {
        RetryPolicy.Outcome notFound = RetryPolicy.Outcome.http(404, null);
        assertThat(notFound.retryable()).isFalse();
        assertThat(DEFAULTS.afterFailure(notFound, 2, T0, T0, 0).park()).isFalse();
        assertThat(DEFAULTS.afterFailure(notFound, 3, T0, T0, 0).park()).isTrue();
        assertThat(RetryPolicy.Outcome.http(302, null).retryable()).isFalse();
        assertThat(RetryPolicy.Outcome.http(408, null).retryable()).isTrue();
        assertThat(RetryPolicy.Outcome.http(429, null).retryable()).isTrue();
        assertThat(RetryPolicy.Outcome.http(502, null).retryable()).isTrue();
        assertThat(RetryPolicy.Outcome.transientFailure("timeout").retryable()).isTrue();
        assertThat(RetryPolicy.Outcome.refused("loopback").retryable()).isFalse();
    }

    @Test
    void aRetryAfterLongerThanTheBackoffIsHonouredUpToTheLongestWait() {
        assertThat(DEFAULTS.afterFailure(RetryPolicy.Outcome.http(429, Duration.ofMinutes(5)), 1, T0, T0, 0)
                .nextAttemptAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(DEFAULTS.afterFailure(RetryPolicy.Outcome.http(429, Duration.ofDays(2)), 1, T0, T0, 0)
                .nextAttemptAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(DEFAULTS.afterFailure(RetryPolicy.Outcome.http(503, Duration.ofSeconds(1)), 1, T0, T0, 0)
                .nextAttemptAt()).isEqualTo(T0.plus(Duration.ofSeconds(30)));
    }
}
