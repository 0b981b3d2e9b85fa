package nl.kamerstroom.store.subscription.webhook;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import nl.kamerstroom.store.subscription.webhook.RetryPolicy.Outcome;

/**
 * One HTTP POST of a signed CloudEvent, non-blocking on Vert.x, so a receiver that never answers
 * holds a connection and a timer, not a thread. The target is checked by {@link TargetPolicy} right
 * before the send and the request goes to the checked address (the host name only travels as the
 * Host header and TLS SNI, and the certificate is verified against it). Bounded: connect timeout,
 * total timeout, no redirects, at most 64 KiB of response read.
 */
@ApplicationScoped
public class WebhookSender {

    static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";
    private static final long MAX_RESPONSE_BYTES = 64 * 1024;

    @Inject
    Vertx vertx;

    @Inject
    WebhookConfig config;

    @Inject
    TargetPolicy targets;

    private HttpClient client;

    @PostConstruct
    void init() {
        // the total timeout is our own timer (send); Vert.x's idle timeouts only back it up, so they
        // are a little longer and the recorded error says "timeout" whichever fires
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setIdleTimeout((int) backstop())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setVerifyHost(true)
                .setKeepAlive(true)
                .setKeepAliveTimeout(30)
                .setTryUseCompression(false);
        // one subscription's requests share a receiver, rarely more than its in-flight limit
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(config.maxInFlightPerSubscription());
        client = vertx.createHttpClient(options, pool);
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * Checks the target, then sends; completes within the configured timeout and never fails.
     * Resolves the host, so call it from a worker thread, not an event loop.
     */
    public CompletionStage<Outcome> send(String url, String eventId, long timestampSeconds, byte[] body, String secret) {
        TargetPolicy.Target target;
        try {
            target = targets.check(TargetPolicy.parse(url));
        } catch (TargetPolicy.Unresolvable e) {
            return CompletableFuture.completedFuture(Outcome.transientFailure(e.getMessage()));
        } catch (TargetPolicy.Refused e) {
            return CompletableFuture.completedFuture(Outcome.refused("not sent: the target " + e.getMessage()));
        }
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(literal(target.address()), target.port())))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.tls())
                .setURI(pathAndQuery(target.uri()))
                .setFollowRedirects(false)
                .setConnectTimeout(config.connectTimeout().toMillis())
                .setIdleTimeout(backstop())
                .putHeader("content-type", CONTENT_TYPE)
                .putHeader("user-agent", "kamerstroom-webhooks/1")
                .putHeader("webhook-id", eventId)
                .putHeader("webhook-timestamp", Long.toString(timestampSeconds))
                .putHeader("webhook-signature", WebhookSignature.sign(secret, eventId, timestampSeconds, body));
        return post(request, Buffer.buffer(body));
    }

    private CompletionStage<Outcome> post(RequestOptions options, Buffer body) {
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        long timeoutMillis = config.timeout().toMillis();
        long timer = vertx.setTimer(timeoutMillis, t -> {
            if (result.complete(Outcome.transientFailure("timeout: no response within " + timeoutMillis + " ms"))) {
                HttpClientRequest r = sent.get();
                if (r != null) {
                    r.reset();
                }
            }
        });
        result.whenComplete((o, e) -> vertx.cancelTimer(timer));
        client.request(options).onComplete(connected -> {
            if (connected.failed()) {
                result.complete(Outcome.transientFailure(failure("connection failed", connected.cause())));
                return;
            }
            HttpClientRequest request = connected.result();
            sent.set(request);
            if (result.isDone()) { // timed out while waiting for a connection
                request.reset();
                return;
            }
            request.send(body).onComplete(answered -> {
                if (answered.failed()) {
                    result.complete(Outcome.transientFailure(failure("request failed", answered.cause())));
                    return;
                }
                HttpClientResponse response = answered.result();
                result.complete(Outcome.http(response.statusCode(), retryAfter(response.getHeader("retry-after"))));
                // the body is not needed; read a little so the connection can be reused, then give up on it
                AtomicLong read = new AtomicLong();
                response.exceptionHandler(ignored -> { });
                response.handler(chunk -> {
                    if (read.addAndGet(chunk.length()) > MAX_RESPONSE_BYTES) {
                        request.reset();
                    }
                });
            });
        });
        return result;
    }

    /** An address without a host name attached, so nothing downstream resolves anything again. */
    private static InetAddress literal(InetAddress address) {
        try {
            return InetAddress.getByAddress(address.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a resolved address always has a valid length", e);
        }
    }

    private static String pathAndQuery(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** Retry-After in seconds (the HTTP-date form is rare from webhook receivers and is ignored). */
    static Duration retryAfter(String header) {
        if (header == null || !header.trim().matches("\\d{1,9}")) {
            return null;
        }
        return Duration.ofSeconds(Long.parseLong(header.trim()));
    }

    private long backstop() {
        return config.timeout().toMillis() + 1000;
    }

    /** "timeout: …" for any timeout, so that a receiver's logs and ours say the same thing. */
    private static String failure(String what, Throwable e) {
        if (e instanceof TimeoutException || e instanceof ConnectTimeoutException) {
            return "timeout: " + what + ": " + e.getMessage();
        }
        String message = e.getMessage();
        return what + ": " + e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
