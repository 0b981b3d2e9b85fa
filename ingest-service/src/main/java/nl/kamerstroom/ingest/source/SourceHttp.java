package nl.kamerstroom.ingest.source;

import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One polite GET: the rate limit per host, a User-Agent that names kamerstroom, a timeout, a size
 * limit, and the status mapped to what the caller can do about it. {@code 429}/{@code 503} with
 * {@code Retry-After} block the host until then (see {@link HostRateLimiter}), so the retry that
 * follows honours it. Retries, backoff and circuit breaking sit one level up, per source
 * ({@code TkHttp}, {@code KoopHttp}), so that one source's outage does not trip the other's breaker.
 */
@ApplicationScoped
public class SourceHttp {

    /** A successful response. */
    public record Response(URI uri, byte[] body, String contentType) {
    }

    @Inject
    HostRateLimiter limiter;

    @ConfigProperty(name = "kamerstroom.sources.user-agent",
            defaultValue = "kamerstroom/0.1 (+https://github.com/kamerstroom; Kamervragen ingest)")
    String userAgent;

    @ConfigProperty(name = "kamerstroom.sources.request-timeout", defaultValue = "60s")
    Duration timeout;

    @ConfigProperty(name = "kamerstroom.ingest.max-upload-size")
    MemorySize maxSize;

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    public Response get(URI uri, String accept) {
        limiter.acquire(uri);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("User-Agent", userAgent)
                .header("Accept", accept)
                .GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new RetryableSourceException(uri, "request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException(uri, "interrupted", e);
        }
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            if (status == 429 || status == 503) {
                Optional<Instant> until = retryAfter(response);
                until.ifPresent(t -> limiter.blockUntil(uri, t));
                throw new RetryableSourceException(uri, "HTTP " + status
                        + until.map(t -> ", Retry-After until " + t).orElse(""), null);
            }
            if (status >= 500 || status == 408) {
                throw new RetryableSourceException(uri, "HTTP " + status, null);
            }
            if (status != 200) {
                throw new SourceException(uri, "HTTP " + status, null);
            }
            long limit = maxSize.asLongValue();
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw new SourceException(uri, "larger than the limit of " + limit + " bytes", null);
            }
            return new Response(uri, bytes, response.headers().firstValue("Content-Type").orElse(null));
        } catch (IOException e) {
            throw new RetryableSourceException(uri, "reading the response failed: " + e, e);
        }
    }

    /** {@code Retry-After} as delay-seconds or as an HTTP date. */
    static Optional<Instant> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(SourceHttp::parseRetryAfter);
    }

    static Optional<Instant> parseRetryAfter(String value) {
        String v = value.trim();
        try {
            return Optional.of(Instant.now().plusSeconds(Long.parseLong(v)));
        } catch (NumberFormatException e) {
            try {
                return Optional.of(ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (RuntimeException unparsable) {
                return Optional.empty();
            }
        }
    }
}
