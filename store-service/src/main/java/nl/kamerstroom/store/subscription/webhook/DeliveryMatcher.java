package nl.kamerstroom.store.subscription.webhook;

import nl.kamerstroom.store.outbox.SerialRunner;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.kamerstroom.events.ZaakUpdate;
import nl.kamerstroom.store.outbox.Outbox;
import nl.kamerstroom.store.outbox.OutboxEvent;
import nl.kamerstroom.store.subscription.Subscription;
import nl.kamerstroom.store.subscription.UpdateFilter;
import org.jboss.logging.Logger;

/**
 * Turns new outbox rows into deliveries: each row is matched against every subscription's filter
 * once, and taken off {@code webhook_match_queue} (filled by a trigger when the row is written) in the
 * same transaction as the deliveries it caused, so a crash
 * matches it again from scratch and the unique (subscription, event) key keeps that harmless.
 * One matcher at a time across replicas (advisory lock), in outbox order. Paused subscriptions
 * still collect deliveries; they are sent on resume. The matcher never updates {@code outbox_event}
 * rows: those belong to the relay, and two writers of the same rows deadlocked (V7).
 */
@ApplicationScoped
public class DeliveryMatcher {

    private static final Logger LOG = Logger.getLogger(DeliveryMatcher.class);
    private static final long LOCK_KEY = 0x7765626877L; // "webhw": the matcher's advisory lock

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    WebhookConfig config;

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    Vertx vertx;

    private record Batch(int rows, int deliveries) {
    }

    private final SerialRunner runs = new SerialRunner("matching outbox events to subscriptions", this::match);
    private long timer = -1;
    private volatile boolean stopping;

    /**
     * Polls on a Vert.x timer rather than {@code @Scheduled} (whose triggers are checked once a
     * second), and is woken right after a transaction that wrote outbox rows commits: this is most of
     * the time between a stored answer and its webhook.
     */
    void start(@Observes StartupEvent startup) {
        if (config.enabled()) {
            timer = vertx.setPeriodic(config.matchInterval().toMillis(), id -> runs.request());
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        if (timer != -1) {
            vertx.cancelTimer(timer);
        }
    }

    void written(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxEvent.Written written) {
        if (config.enabled() && !stopping) {
            runs.request();
        }
    }

    void match() {
        int deliveries = 0;
        Batch batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(this::matchBatch);
            deliveries += batch.deliveries();
        } while (batch.rows() == config.matchBatchSize());
        if (deliveries > 0) {
            dispatcher.wake(); // committed: the dispatcher can see them now
        }
    }

    Batch matchBatch() {
        Boolean locked = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(:key)")
                .setParameter("key", LOCK_KEY).getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return new Batch(0, 0);
        }
        // the newest queued id before the subscriptions are read: one created after that read starts after the
        // outbox's head then, so nothing up to this id can be its own
        Long newest = outbox.newestUnmatched();
        if (newest == null) {
            return new Batch(0, 0);
        }
        List<Subscription> subscriptions = Subscription.listAll();
        if (subscriptions.isEmpty()) {
            // nobody to match for: take the rows off without reading their payloads (all of them: the batch ends the loop)
            outbox.matchedUnread(newest);
            return new Batch(0, 0);
        }
        List<Outbox.Row> rows = outbox.unmatched(config.matchBatchSize());
        if (rows.isEmpty()) {
            return new Batch(0, 0);
        }
        List<UpdateFilter> filters = subscriptions.stream().map(Subscription::filter).toList();
        Instant now = clock.instant();
        List<Long> ids = new ArrayList<>();
        int deliveries = 0;
        for (Outbox.Row row : rows) {
            long id = row.id();
            ids.add(id);
            ZaakUpdate update = read(id, row.payload());
            for (int i = 0; update != null && i < subscriptions.size(); i++) {
                Subscription s = subscriptions.get(i);
                if (id > s.startAfter && filters.get(i).matches(update)) {
                    WebhookDelivery d = new WebhookDelivery();
                    d.subscriptionId = s.id;
                    d.outboxId = id;
                    d.eventId = UUID.fromString(row.eventId());
                    d.eventType = row.type();
                    d.zaakNumber = row.zaakNumber();
                    d.createdAt = now;
                    d.nextAttemptAt = now;
                    d.persist();
                    deliveries++;
                }
            }
        }
        em.flush();
        outbox.matched(ids);
        LOG.debugf("matched %d outbox events: %d deliveries", rows.size(), deliveries);
        return new Batch(rows.size(), deliveries);
    }

    private ZaakUpdate read(long id, String payload) {
        try {
            return json.readValue(payload, ZaakUpdate.class);
        } catch (IOException e) {
            // written by this service; if one is ever unreadable, skip it rather than stop all webhooks
            LOG.errorf(e, "outbox event %d cannot be read as a zaak update; no webhook gets it", id);
            return null;
        }
    }
}
