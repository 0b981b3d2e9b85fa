package nl.kamerstroom.store.site.beheer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The operator page's one HTTP client for the other services (ingest, parse): {@code java.net.http},
 * as the store's webhook sender, with a connect and a request timeout of
 * {@code kamerstroom.beheer.timeout} each, so a peer that is down or hangs costs the page that long
 * at most. Requests carry the operator key as {@code X-Api-Key}, as the peers' admin endpoints expect.
 * Nothing is retried: the operator reloads the page.
 */
@ApplicationScoped
public class Peers {

    private static final Logger LOG = Logger.getLogger(Peers.class);

    /** A service the page reads from, by its base URL. */
    public enum Peer {
        INGEST, PARSE
    }

    /** How a request went: answered 200 with JSON, answered otherwise (status), or not reached at all. */
    public enum Outcome {
        OK, STATUS, UNREACHABLE
    }

    public record Answer(Outcome outcome, int status, JsonNode body, String detail) {

        static Answer unreachable(String detail) {
            return new Answer(Outcome.UNREACHABLE, 0, null, detail);
        }
    }

    @ConfigProperty(name = "kamerstroom.beheer.ingest-url", defaultValue = "http://localhost:8081")
    URI ingestUrl;

    @ConfigProperty(name = "kamerstroom.beheer.parse-url", defaultValue = "http://localhost:8082")
    URI parseUrl;

    @ConfigProperty(name = "kamerstroom.beheer.timeout", defaultValue = "800ms")
    Duration timeout;

    @ConfigProperty(name = "kamerstroom.admin.api-key")
    Optional<String> operatorKey;

    @Inject
    ObjectMapper json;

    private HttpClient client;

    @PostConstruct
    void start() {
        // HTTP/1.1: the peers speak nothing else, and an h2c upgrade attempt costs a round trip on every new connection
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Duration timeout() {
        return timeout;
    }

    /** GET {@code path} (with its query) on the peer, as JSON; never fails, the answer says what happened. */
    public CompletableFuture<Answer> get(Peer peer, String path) {
        URI base = peer == Peer.INGEST ? ingestUrl : parseUrl;
        URI uri = URI.create(base.toString().replaceAll("/+$", "") + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET();
        operatorKey.filter(k -> !k.isBlank()).ifPresent(k -> request.header("X-Api-Key", k.trim()));
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()).handle((response, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                LOG.debugf("beheer: %s not reached: %s", uri, cause.toString());
                return Answer.unreachable(cause instanceof HttpTimeoutException ? "geen antwoord binnen " + timeout.toMillis() + " ms"
                        : cause.getClass().getSimpleName());
            }
            if (response.statusCode() != 200) {
                return new Answer(Outcome.STATUS, response.statusCode(), null, "HTTP " + response.statusCode());
            }
            try {
                return new Answer(Outcome.OK, 200, json.readTree(response.body()), null);
            } catch (IOException e) {
                return new Answer(Outcome.STATUS, 200, null, "geen leesbare JSON");
            }
        });
    }

    /** The answer if it came within {@code wait}, else unreachable; the request itself ends at its own timeout. */
    public static Answer await(CompletableFuture<Answer> answer, Duration wait) {
        try {
            return answer.get(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Answer.unreachable("geen antwoord binnen " + wait.toMillis() + " ms");
        } catch (ExecutionException e) {
            return Answer.unreachable(String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.unreachable("onderbroken");
        }
    }
}
