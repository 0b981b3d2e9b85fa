package nl.kamerstroom.store.subscription.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When to try a failed delivery again, and when to give up (park it). The wait doubles from
 * {@code first} up to {@code max}, each lengthened by up to {@code jitter} at random; a delivery
 * that has failed for {@code parkAfter} since its first attempt is parked. With the defaults (30 s
 * doubling to 1 h, park after 24 h) that is 31 attempts over 24 h 3.5 min, less with jitter.
 * Failures retrying will not fix are parked after {@code clientErrorAttempts}.
 */
public record RetryPolicy(Duration first, Duration max, double jitter, Duration parkAfter, int clientErrorAttempts) {

    public static RetryPolicy of(WebhookConfig.Retry config) {
        return new RetryPolicy(config.first(), config.max(), config.jitter(), config.parkAfter(),
                config.clientErrorAttempts());
    }

    /** What became of one attempt. */
    public record Outcome(int status, String error, boolean retryable, Duration retryAfter) {

        public boolean delivered() {
            return status >= 200 && status < 300;
        }

        static Outcome http(int status, Duration retryAfter) {
            if (status >= 200 && status < 300) {
                return new Outcome(status, null, false, null);
            }
            boolean retryable = status >= 500 || status == 408 || status == 429;
            String error = status >= 300 && status < 400 ? "HTTP " + status + " (redirects are not followed)"
                    : "HTTP " + status;
            return new Outcome(status, error, retryable, retryAfter);
        }

        /** Timeouts, refused or reset connections, names that do not resolve: worth another try. */
        static Outcome transientFailure(String error) {
            return new Outcome(0, error, true, null);
        }

        /** A target the SSRF policy refused at send time: nothing was sent. */
        static Outcome refused(String error) {
            return new Outcome(0, error, false, null);
        }
    }

    /** Parked, or due again at {@link #nextAttemptAt}. */
    public record Decision(boolean park, Instant nextAttemptAt) {
    }

    /**
     * @param attempts       attempts made so far, this one included
     * @param firstAttemptAt when the first of them was made
     * @param now            when this one failed
     * @param random         a number in [0, 1) for the jitter
     */
    public Decision afterFailure(Outcome outcome, int attempts, Instant firstAttemptAt, Instant now, double random) {
        if (!outcome.retryable() && attempts >= clientErrorAttempts) {
            return new Decision(true, null);
        }
        if (!Duration.between(firstAttemptAt, now).minus(parkAfter).isNegative()) {
            return new Decision(true, null);
        }
        Duration wait = backoff(attempts, random);
        // a receiver that says when to come back is believed, within the longest wait
        Optional<Duration> asked = Optional.ofNullable(outcome.retryAfter()).filter(d -> d.compareTo(wait) > 0);
        return new Decision(false, now.plus(asked.map(d -> d.compareTo(max) > 0 ? max : d).orElse(wait)));
    }

    /** The wait after the {@code failures}-th failure (1-based). */
    public Duration backoff(int failures, double random) {
        Duration base = first;
        for (int i = 1; i < failures && base.compareTo(max) < 0; i++) {
            base = base.multipliedBy(2);
        }
        if (base.compareTo(max) > 0) {
            base = max;
        }
        return base.plusMillis((long) (base.toMillis() * jitter * random));
    }
}
