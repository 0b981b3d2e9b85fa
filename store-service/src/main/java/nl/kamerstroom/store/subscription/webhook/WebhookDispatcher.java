package nl.kamerstroom.store.subscription.webhook;

import nl.kamerstroom.store.outbox.SerialRunner;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import nl.kamerstroom.store.outbox.OutboxRelay;
import nl.kamerstroom.store.subscription.webhook.RetryPolicy.Outcome;
import nl.kamerstroom.store.outbox.Outbox;
import org.jboss.logging.Logger;

/**
 * Sends due deliveries and records what became of them. Each round claims, in one short
 * transaction, up to a few due deliveries per active subscription ({@code FOR UPDATE SKIP LOCKED},
 * so replicas share the work) and leases them; the sends run concurrently and without a
 * transaction; each result is recorded on its own. Fairness and isolation: a subscription never
 * has more than {@code max-in-flight-per-subscription} requests out, and only one while its last
 * attempt failed, so one with a dead receiver or a huge backlog takes its share and no more.
 * Per-zaak order: a delivery is only due when no earlier event of its zaak is still owed to that
 * subscription (pending, in flight, or parked).
 * All times come from the injected {@link Clock}.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    /** Due, unleased, active, and first in line for its zaak; at most :perSub per subscription. */
    private static final String CLAIM = """
            SELECT d.id, CAST(d.subscription_id AS text), CAST(d.event_id AS text), d.attempts, d.first_attempt_at,
                   d.event_type, d.zaak_number, d.outbox_id, s.url, s.secret
            FROM subscription s
            CROSS JOIN LATERAL (
                SELECT d.* FROM webhook_delivery d
                WHERE d.subscription_id = s.id AND d.status = 'PENDING' AND d.next_attempt_at <= :now
                  AND (d.leased_until IS NULL OR d.leased_until <= :now)
                  AND NOT EXISTS (SELECT 1 FROM webhook_delivery e
                                  WHERE e.subscription_id = d.subscription_id AND e.zaak_number = d.zaak_number
                                    AND e.status <> 'DELIVERED' AND e.outbox_id < d.outbox_id)
                ORDER BY d.next_attempt_at, d.outbox_id
                LIMIT :perSub
                FOR UPDATE SKIP LOCKED) d
            WHERE s.status = 'ACTIVE'
            ORDER BY d.next_attempt_at, d.outbox_id
            """;

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    WebhookConfig config;

    @Inject
    WebhookSender sender;

    @Inject
    ObjectMapper json;

    private RetryPolicy policy;
    private final Executor worker = Infrastructure.getDefaultWorkerPool();
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<UUID, Integer> inFlightPerSubscription = new ConcurrentHashMap<>();
    /** Subscriptions whose last attempt failed: one request at a time until one succeeds. */
    private final Set<UUID> failing = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    private final SerialRunner rounds = new SerialRunner("webhook dispatch", this::round);

    /** A claimed delivery with what it takes to send it. */
    record Claimed(long id, UUID subscriptionId, String eventId, int attempts, Instant firstAttemptAt, String type,
            String zaak, String payload, Instant occurredAt, String url, String secret) {
    }

    @PostConstruct
    void init() {
        policy = RetryPolicy.of(config.retry());
    }

    public RetryPolicy policy() {
        return policy;
    }

    @Scheduled(every = "${kamerstroom.webhooks.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (config.enabled() && !stopping) {
            rounds.runNow();
        }
    }

    /** Something may have become due (new deliveries, a finished send, a redelivery): look now. */
    public void wake() {
        if (config.enabled() && !stopping) {
            rounds.request();
        }
    }

    /** No new rounds once shutting down; sends in flight are recorded if the database is still there, else resent later. */
    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }

    private void round() {
        int capacity = config.maxInFlight() - inFlight.size();
        if (capacity <= 0) {
            return;
        }
        Instant now = clock.instant();
        List<Claimed> claimed = QuarkusTransaction.requiringNew().call(() -> claim(now, capacity));
        for (Claimed c : claimed) {
            inFlight.add(c.id());
            inFlightPerSubscription.merge(c.subscriptionId(), 1, Integer::sum);
            // resolving the target may block on DNS: never on the dispatch thread
            worker.execute(() -> send(c));
        }
    }

    @SuppressWarnings("unchecked")
    private List<Claimed> claim(Instant now, int capacity) {
        List<Object[]> rows = em.createNativeQuery(CLAIM).setParameter("now", now)
                .setParameter("perSub", config.maxInFlightPerSubscription()).getResultList();
        // the events themselves come from the outbox's owner, not from a join of our own
        Map<Long, Outbox.Row> events = new HashMap<>();
        outbox.byIds(rows.stream().map(r -> ((Number) r[7]).longValue()).distinct().toList())
                .forEach(e -> events.put(e.id(), e));
        Map<UUID, Integer> taken = new HashMap<>();
        List<Claimed> claimed = new ArrayList<>();
        for (Object[] r : rows) {
            Outbox.Row event = events.get(((Number) r[7]).longValue());
            Claimed c = new Claimed(((Number) r[0]).longValue(), UUID.fromString((String) r[1]), (String) r[2],
                    ((Number) r[3]).intValue(), Deliveries.instant(r[4]), (String) r[5], (String) r[6], event.payload(),
                    event.createdAt(), (String) r[8], (String) r[9]);
            int busy = inFlightPerSubscription.getOrDefault(c.subscriptionId(), 0) + taken.getOrDefault(c.subscriptionId(), 0);
            int limit = failing.contains(c.subscriptionId()) ? 1 : config.maxInFlightPerSubscription();
            if (inFlight.contains(c.id()) || busy >= limit) {
                continue;
            }
            taken.merge(c.subscriptionId(), 1, Integer::sum);
            claimed.add(c);
            if (claimed.size() == capacity) {
                break;
            }
        }
        if (!claimed.isEmpty()) {
            // long enough for any send to finish; a replica that dies mid-send leaves it to expire
            Instant lease = now.plus(config.timeout()).plus(Duration.ofMinutes(1));
            em.createNativeQuery("UPDATE webhook_delivery SET leased_until = :lease WHERE id IN (:ids)")
                    .setParameter("lease", lease).setParameter("ids", claimed.stream().map(Claimed::id).toList())
                    .executeUpdate();
        }
        return claimed;
    }

    private void send(Claimed c) {
        CompletionStage<Outcome> outcome;
        Instant started = clock.instant();
        try {
            outcome = sender.send(c.url(), c.eventId(), started.getEpochSecond(), cloudEvent(c), c.secret());
        } catch (RuntimeException e) {
            outcome = CompletableFuture.completedFuture(Outcome.transientFailure("not sent: " + e));
        }
        outcome.whenComplete((o, e) -> worker.execute(() -> finish(c, started,
                o != null ? o : Outcome.transientFailure("not sent: " + e))));
    }

    private void finish(Claimed c, Instant started, Outcome outcome) {
        if (outcome.delivered()) {
            failing.remove(c.subscriptionId());
        } else {
            failing.add(c.subscriptionId());
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> record(c, started, outcome));
        } catch (RuntimeException e) {
            // the lease runs out and the delivery is sent again: at least once
            LOG.errorf(e, "could not record the result of webhook delivery %d", c.id());
        } finally {
            inFlight.remove(c.id());
            inFlightPerSubscription.computeIfPresent(c.subscriptionId(), (k, n) -> n <= 1 ? null : n - 1);
        }
        wake(); // the next event of this zaak may be due now, and there is a free slot
    }

    private void record(Claimed c, Instant started, Outcome outcome) {
        WebhookDelivery d = WebhookDelivery.findById(c.id());
        if (d == null || d.status != WebhookDelivery.Status.PENDING) {
            return; // deleted with its subscription meanwhile
        }
        Instant now = clock.instant();
        d.attempts++;
        d.firstAttemptAt = d.firstAttemptAt == null ? started : d.firstAttemptAt;
        d.lastAttemptAt = now;
        d.lastStatus = outcome.status() == 0 ? null : outcome.status();
        d.leasedUntil = null;
        if (outcome.delivered()) {
            d.status = WebhookDelivery.Status.DELIVERED;
            d.deliveredAt = now;
            d.lastError = null;
            return;
        }
        d.lastError = outcome.error() == null ? null
                : outcome.error().length() > 500 ? outcome.error().substring(0, 500) : outcome.error();
        RetryPolicy.Decision decision = policy.afterFailure(outcome, d.attempts, d.firstAttemptAt, now,
                ThreadLocalRandom.current().nextDouble());
        if (decision.park()) {
            d.status = WebhookDelivery.Status.PARKED;
            LOG.warnf("webhook delivery %d (subscription %s, event %s) parked after %d attempts: %s", d.id,
                    d.subscriptionId, d.eventId, d.attempts, d.lastError);
        } else {
            d.nextAttemptAt = decision.nextAttemptAt();
        }
    }

    /** The CloudEvent in structured mode: the attributes and the outbox payload as {@code data}. */
    private byte[] cloudEvent(Claimed c) {
        try {
            ObjectNode event = json.createObjectNode();
            event.put("specversion", "1.0");
            event.put("id", c.eventId());
            event.put("source", OutboxRelay.SOURCE.toString());
            event.put("type", c.type());
            event.put("subject", c.zaak());
            event.put("time", c.occurredAt().toString());
            event.put("datacontenttype", "application/json");
            event.set("data", json.readTree(c.payload()));
            return json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox payload of delivery " + c.id() + " is not JSON", e);
        }
    }
}
