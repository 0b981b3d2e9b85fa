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

    @SuppressWarnings("unchecked")
    Batch matchBatch() {
        Boolean locked = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(:key)")
                .setParameter("key", LOCK_KEY).getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return new Batch(0, 0);
        }
        List<Subscription> subscriptions = Subscription.listAll();
        if (subscriptions.isEmpty()) {
            // nobody to match for: mark the rows without reading their payloads
            int marked = em.createNativeQuery("DELETE FROM webhook_match_queue WHERE outbox_id IN"
                            + " (SELECT outbox_id FROM webhook_match_queue ORDER BY outbox_id LIMIT :n)")
                    .setParameter("n", config.matchBatchSize()).executeUpdate();
            return new Batch(marked, 0);
        }
        List<Object[]> rows = em.createNativeQuery("SELECT o.id, CAST(o.event_id AS text), o.type, o.zaak_number,"
                        + " CAST(o.payload AS text) FROM webhook_match_queue q JOIN outbox_event o ON o.id = q.outbox_id"
                        + " ORDER BY q.outbox_id LIMIT :n")
                .setParameter("n", config.matchBatchSize()).getResultList();
        if (rows.isEmpty()) {
            return new Batch(0, 0);
        }
        List<UpdateFilter> filters = subscriptions.stream().map(Subscription::filter).toList();
        Instant now = clock.instant();
        List<Long> ids = new ArrayList<>();
        int deliveries = 0;
        for (Object[] row : rows) {
            long id = ((Number) row[0]).longValue();
            ids.add(id);
            ZaakUpdate update = read(id, (String) row[4]);
            for (int i = 0; update != null && i < subscriptions.size(); i++) {
                Subscription s = subscriptions.get(i);
                if (id > s.startAfter && filters.get(i).matches(update)) {
                    WebhookDelivery d = new WebhookDelivery();
                    d.subscriptionId = s.id;
                    d.outboxId = id;
                    d.eventId = UUID.fromString((String) row[1]);
                    d.eventType = (String) row[2];
                    d.zaakNumber = (String) row[3];
                    d.createdAt = now;
                    d.nextAttemptAt = now;
                    d.persist();
                    deliveries++;
                }
            }
        }
        em.flush();
        em.createNativeQuery("DELETE FROM webhook_match_queue WHERE outbox_id IN (:ids)")
                .setParameter("ids", ids).executeUpdate();
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
