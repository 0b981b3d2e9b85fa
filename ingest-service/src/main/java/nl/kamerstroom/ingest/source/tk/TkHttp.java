package nl.kamerstroom.ingest.source.tk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.temporal.ChronoUnit;
import nl.kamerstroom.ingest.source.RetryableSourceException;
import nl.kamerstroom.ingest.source.SourceHttp;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import io.smallrye.faulttolerance.api.ExponentialBackoff;

/**
 * Requests to the Tweede Kamer, with retries (exponential backoff with jitter) and a circuit
 * breaker of their own. Tuned in configuration with the MicroProfile keys, e.g.
 * {@code nl.kamerstroom.ingest.source.tk.TkHttp/get/Retry/delay}.
 */
@ApplicationScoped
public class TkHttp {

    @Inject
    SourceHttp http;

    @Retry(maxRetries = 5, delay = 2000, delayUnit = ChronoUnit.MILLIS, jitter = 1000, jitterDelayUnit = ChronoUnit.MILLIS,
            maxDuration = 15, durationUnit = ChronoUnit.MINUTES, retryOn = RetryableSourceException.class)
    @ExponentialBackoff(factor = 2, maxDelay = 5, maxDelayUnit = ChronoUnit.MINUTES)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 2, delayUnit = ChronoUnit.MINUTES,
            failOn = RetryableSourceException.class)
    public SourceHttp.Response get(URI uri, String accept) {
        return http.get(uri, accept);
    }
}
