package nl.kamerstroom.parse.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.Semaphore;
import nl.kamerstroom.parse.pipeline.CarriableText;
import nl.kamerstroom.parse.pipeline.ParseWatchdog;
import nl.kamerstroom.parse.read.LetterReader;
import nl.kamerstroom.parse.read.ReadException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /api/parse}: parse a letter and answer what would go on {@code letters.parsed},
 * storing nothing. The debugging tool for users who wonder why a letter came out as it did.
 *
 * <p>Open on purpose (no key), so it is bounded instead: the body size
 * ({@code kamerstroom.parse.max-size}), the pipeline's time limit per letter, a request rate per
 * client address ({@code kamerstroom.parse.api.rate-per-second}/{@code burst}, else 429) and a number
 * of parses at once ({@code kamerstroom.parse.api.max-concurrent}, else 503), both with
 * {@code Retry-After}. The answer is cleaned of characters JSON and XML cannot carry, as the pipeline's.
 */
@Path("/api/parse")
@Singleton // one rate limiter and one count of parses for all requests
public class ParseResource {

    @jakarta.inject.Inject
    LetterReader reader;

    @ConfigProperty(name = "kamerstroom.parse.max-size")
    MemorySize maxSize;

    @ConfigProperty(name = "kamerstroom.parse.api.rate-per-second")
    double ratePerSecond;

    @ConfigProperty(name = "kamerstroom.parse.api.burst")
    int burst;

    @ConfigProperty(name = "kamerstroom.parse.api.max-concurrent")
    int maxConcurrent;

    @Inject
    ParseWatchdog watchdog;

    private RateLimiter rateLimiter;
    private Semaphore parsing;

    @PostConstruct
    void bounds() {
        rateLimiter = new RateLimiter(ratePerSecond, burst, System::nanoTime);
        parsing = new Semaphore(maxConcurrent);
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response parse(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Context HttpServerRequest request) throws IOException {
        long wait = rateLimiter.tryAcquire(request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress());
        if (wait > 0) {
            return retryLater(problem(429, "Too Many Requests", "more than " + burst + " requests at once or "
                    + ratePerSecond + " a second from this address; try again in " + wait + " s"), wait);
        }
        if (!parsing.tryAcquire()) {
            return retryLater(problem(Response.Status.SERVICE_UNAVAILABLE, "the service is parsing " + maxConcurrent
                    + " letters for other clients; try again shortly"), 1);
        }
        try {
            return read(body, contentType);
        } finally {
            parsing.release();
        }
    }

    private Response read(InputStream body, String contentType) throws IOException {
        long limit = maxSize.asLongValue();
        byte[] content = body == null ? new byte[0] : body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (content.length > limit) {
            return problem(Response.Status.REQUEST_ENTITY_TOO_LARGE, "the letter is larger than the limit of " + limit + " bytes");
        }
        if (content.length == 0) {
            return problem(Response.Status.BAD_REQUEST, "the request body is empty; send the letter's bytes");
        }
        try {
            return Response.ok(CarriableText.clean(watchdog.parse(() -> reader.read(content, contentType)))).build();
        } catch (ReadException e) {
            return e.unsupported()
                    ? problem(Response.Status.UNSUPPORTED_MEDIA_TYPE, e.getMessage())
                    : problem(422, "Unprocessable Content", e.getMessage());
        } catch (ParseWatchdog.TookTooLong e) {
            return problem(422, "Unprocessable Content", e.getMessage());
        }
    }

    private static Response retryLater(Response problem, long seconds) {
        return Response.fromResponse(problem).header(HttpHeaders.RETRY_AFTER, seconds).build();
    }

    private static Response problem(Response.Status status, String detail) {
        return problem(status.getStatusCode(), status.getReasonPhrase(), detail);
    }

    private static Response problem(int status, String title, String detail) {
        return Response.status(status).type("application/problem+json")
                .entity(Map.of("type", "about:blank", "title", title, "status", status, "detail", detail)).build();
    }
}
