package nl.kamerstroom.store.subscription;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.ws.rs.ServiceUnavailableException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import nl.kamerstroom.store.outbox.OutboxEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Rendered Atom feeds, answered before the database: per request URI (the filter and the links in
 * the feed follow from it) for a few seconds, dropped when this replica writes outbox rows, and
 * after that kept for as long as the log's head has not moved. Many
 * pollers of one feed cost one database read and one rendering per {@code ttl}: concurrent requests
 * for a feed that is being rendered wait for that rendering instead of starting their own, and at
 * most {@code max-concurrent-renders} renderings run at once (each holds a page of payloads and a
 * pool connection), so 40 parallel pollers can neither exhaust the heap nor the pool. A request
 * that cannot get a rendering slot in time gets 503 with Retry-After.
 */
@ApplicationScoped
public class FeedCache {

    /** One rendered feed. */
    public record Rendered(String xml, String etag, long lastModifiedMillis, long renderedAtNanos) {
    }

    /** A rendered feed and the log's head when it was rendered. */
    private record Cached(Rendered feed, long head, long checkedAtNanos) {
    }

    @ConfigProperty(name = "kamerstroom.feeds.cache-ttl", defaultValue = "2s")
    Duration ttl;

    @ConfigProperty(name = "kamerstroom.feeds.cache-size", defaultValue = "256")
    int size;

    @ConfigProperty(name = "kamerstroom.feeds.max-concurrent-renders", defaultValue = "4")
    int maxRenders;

    @ConfigProperty(name = "kamerstroom.feeds.render-wait", defaultValue = "10s")
    Duration renderWait;

    @Inject
    UpdateLog log;

    private final Map<String, Cached> cache = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, CompletableFuture<Rendered>> rendering = new ConcurrentHashMap<>();
    private volatile Semaphore renders;

    private Semaphore renders() {
        Semaphore s = renders;
        if (s == null) {
            synchronized (this) {
                if (renders == null) {
                    renders = new Semaphore(Math.max(1, maxRenders), true);
                }
                s = renders;
            }
        }
        return s;
    }

    /** New events here: every cached feed may be missing one. Other replicas' events wait out the ttl. */
    void written(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxEvent.Written written) {
        synchronized (cache) {
            cache.clear();
        }
    }

    /**
     * The cached feed for {@code key}, or the one {@code render} makes (once, however many ask at the
     * same time). After {@code ttl} a cached feed is checked against the log's head (one indexed
     * query) and rendered again only if the log has grown since.
     */
    public Rendered get(String key, Supplier<Rendered> render) {
        Rendered hit = fresh(key);
        if (hit != null) {
            return hit;
        }
        CompletableFuture<Rendered> mine = new CompletableFuture<>();
        CompletableFuture<Rendered> theirs = rendering.putIfAbsent(key, mine);
        if (theirs != null) {
            return await(theirs);
        }
        try {
            Rendered result = fresh(key); // rendered and cached between our look and our claim
            if (result == null) {
                long head = log.head();
                Cached unchanged = cached(key);
                if (unchanged != null && unchanged.head() == head) {
                    result = unchanged.feed(); // nothing new in the log: the feed is still right
                } else {
                    result = renderBounded(render);
                }
                put(key, new Cached(result, head, System.nanoTime()));
            }
            mine.complete(result);
            return result;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            rendering.remove(key, mine);
        }
    }

    private void put(String key, Cached entry) {
        synchronized (cache) {
            cache.put(key, entry);
            while (cache.size() > size) {
                cache.remove(cache.keySet().iterator().next()); // least recently used
            }
        }
    }

    private Cached cached(String key) {
        synchronized (cache) {
            return cache.get(key);
        }
    }

    private Rendered renderBounded(Supplier<Rendered> render) {
        Semaphore slots = renders();
        boolean acquired;
        try {
            acquired = slots.tryAcquire(renderWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new ServiceUnavailableException("too many feeds are being rendered; try again shortly",
                    Math.max(1, ttl.toSeconds()));
        }
        try {
            return render.get();
        } finally {
            slots.release();
        }
    }

    private Rendered fresh(String key) {
        Cached c = cached(key);
        return c != null && System.nanoTime() - c.checkedAtNanos() < ttl.toNanos() ? c.feed() : null;
    }

    private Rendered await(CompletableFuture<Rendered> theirs) {
        try {
            return theirs.get(renderWait.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ServiceUnavailableException("the feed is still being rendered; try again shortly",
                    Math.max(1, ttl.toSeconds()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("interrupted", 1L);
        }
    }
}
