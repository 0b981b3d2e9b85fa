package nl.kamerstroom.store.subscription;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.ws.rs.ServiceUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import nl.kamerstroom.events.ZaakUpdate;
import nl.kamerstroom.store.outbox.OutboxEvent;
import nl.kamerstroom.store.outbox.SerialRunner;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * One reader of the update log for every SSE connection: a poll (every {@code poll-interval}, and
 * right after a commit that wrote outbox rows) reads what is new once and hands each entry to the
 * connections whose filter it matches. Before, each connection polled the database on its own every
 * 500 ms: 200 dashboards were 400 queries a second. Connections are limited
 * ({@code max-connections}; over it, 503 with Retry-After), and a connection that cannot keep up
 * ({@code buffer} entries behind) is closed: its client reconnects with Last-Event-ID and resumes.
 */
@ApplicationScoped
public class UpdateBroadcaster {

    private static final Logger LOG = Logger.getLogger(UpdateBroadcaster.class);
    private static final int PAGE = 500;

    @Inject
    UpdateLog log;

    @Inject
    Vertx vertx;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "kamerstroom.stream.max-connections", defaultValue = "1000")
    int maxConnections;

    @ConfigProperty(name = "kamerstroom.stream.poll-interval", defaultValue = "500ms")
    Duration pollInterval;

    @ConfigProperty(name = "kamerstroom.stream.buffer", defaultValue = "10000")
    int buffer;

    @ConfigProperty(name = "kamerstroom.stream.retry-after", defaultValue = "5")
    long retryAfterSeconds;

    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final SerialRunner polls = new SerialRunner("reading the update log for SSE", this::poll);
    private final Object lock = new Object();
    /** The newest position handed to the listeners; -1 until first needed. */
    private long cursor = -1;
    private long timer = -1;
    private volatile boolean stopping;

    /**
     * An entry as the streams send it: its update serialized once for every stream that gets it (200
     * streams were 200 serializations of each update); null json for an unreadable row.
     */
    public record Pushed(long position, ZaakUpdate update, String json) {
    }

    private static final class Listener {
        final MultiEmitter<? super Pushed> emitter;
        final UpdateFilter filter;
        long position;

        Listener(MultiEmitter<? super Pushed> emitter, UpdateFilter filter, long position) {
            this.emitter = emitter;
            this.filter = filter;
            this.position = position;
        }

        void offer(List<Pushed> entries) {
            for (Pushed e : entries) {
                if (e.position() > position) {
                    position = e.position();
                    if (e.update() != null && filter.matches(e.update())) {
                        emitter.emit(e);
                    }
                }
            }
        }
    }

    void start(@Observes StartupEvent startup) {
        timer = vertx.setPeriodic(pollInterval.toMillis(), id -> {
            if (!listeners.isEmpty()) {
                polls.request();
            }
        });
    }

    /**
     * SIGTERM: end every stream first. Quarkus waits for open HTTP requests (up to
     * {@code quarkus.shutdown.timeout}) before it fires {@link ShutdownEvent}, and an SSE stream is an
     * open request: ended only then, 200 dashboards held every stop for the whole timeout. The
     * pre-shutdown event comes before that wait ({@code quarkus.shutdown.delay-enabled=true}); the
     * clients reconnect to another replica with Last-Event-ID and miss nothing.
     */
    void stopStreams(@Observes ShutdownDelayInitiatedEvent preShutdown) {
        stop(null);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        if (timer != -1) {
            vertx.cancelTimer(timer);
        }
        // open streams would otherwise hold the HTTP server (and SIGTERM) until the shutdown timeout
        listeners.forEach(l -> l.emitter.complete());
        listeners.clear();
    }

    void written(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxEvent.Written written) {
        if (!listeners.isEmpty() && !stopping) {
            polls.request();
        }
    }

    /** Open connections now, for metrics and tests. */
    public int connections() {
        return connections.get();
    }

    /**
     * The entries after {@code from} (or, when negative, from now on) that match {@code filter}.
     * Throws 503 when {@code max-connections} streams are open.
     */
    public Multi<Pushed> subscribe(long from, UpdateFilter filter) {
        if (stopping) {
            throw new ServiceUnavailableException("the service is stopping", retryAfterSeconds);
        }
        if (connections.incrementAndGet() > maxConnections) {
            connections.decrementAndGet();
            throw new ServiceUnavailableException("too many open streams (kamerstroom.stream.max-connections="
                    + maxConnections + "); try again later", retryAfterSeconds);
        }
        return Multi.createFrom().<Pushed>emitter(emitter -> {
            Listener[] registered = new Listener[1];
            emitter.onTermination(() -> {
                if (registered[0] != null) {
                    listeners.remove(registered[0]);
                }
                connections.decrementAndGet();
            });
            try {
                registered[0] = register(emitter, from, filter);
            } catch (RuntimeException e) {
                LOG.warnf("an SSE stream could not start: %s", e.toString());
                emitter.fail(e);
            }
        }, buffer).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Listener register(MultiEmitter<? super Pushed> emitter, long from, UpdateFilter filter) {
        long position = from;
        if (position >= 0) {
            // catch up outside the lock, page by page, to about the head ...
            List<UpdateLog.Entry> page;
            do {
                page = log.after(position, PAGE);
                for (UpdateLog.Entry e : page) {
                    if (e.update() != null && filter.matches(e.update())) {
                        emitter.emit(pushed(e));
                    }
                    position = e.position();
                }
            } while (page.size() == PAGE && !emitter.isCancelled());
        }
        synchronized (lock) {
            if (cursor < 0 || listeners.isEmpty()) {
                // no poll runs while no stream is open, so the cursor may lie far back: a stream "from now
                // on" that started there was sent every update since the last stream closed
                cursor = log.head();
            }
            if (position < 0) {
                position = cursor;
            }
            Listener listener = new Listener(emitter, filter, position);
            // ... then, with no poll running, the few entries up to the cursor, so nothing is missed or doubled
            while (listener.position < cursor) {
                List<UpdateLog.Entry> page = log.after(listener.position, PAGE);
                if (page.isEmpty()) {
                    break;
                }
                listener.offer(page.stream().filter(e -> e.position() <= cursor).map(this::pushed).toList());
                if (page.get(page.size() - 1).position() >= cursor || page.size() < PAGE) {
                    break;
                }
            }
            listener.position = Math.max(listener.position, cursor);
            if (!emitter.isCancelled()) {
                listeners.add(listener);
            }
            return listener;
        }
    }

    void poll() {
        synchronized (lock) {
            if (cursor < 0) {
                cursor = log.head();
                return;
            }
            List<UpdateLog.Entry> page;
            do {
                page = log.after(cursor, PAGE);
                if (!page.isEmpty()) {
                    List<Pushed> pushed = page.stream().map(this::pushed).toList();
                    for (Listener l : listeners) {
                        l.offer(pushed);
                    }
                    cursor = page.get(page.size() - 1).position();
                }
            } while (page.size() == PAGE);
        }
    }

    private Pushed pushed(UpdateLog.Entry e) {
        if (e.update() == null) {
            return new Pushed(e.position(), null, null);
        }
        try {
            return new Pushed(e.position(), e.update(), json.writeValueAsString(e.update()));
        } catch (JsonProcessingException unwritable) {
            LOG.warnf("update %d cannot be written as JSON, not streamed: %s", e.position(), unwritable.getMessage());
            return new Pushed(e.position(), null, null);
        }
    }
}
