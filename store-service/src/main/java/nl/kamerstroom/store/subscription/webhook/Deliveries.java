package nl.kamerstroom.store.subscription.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import nl.kamerstroom.store.search.Filter;

/**
 * The deliveries of a subscription as its owner sees them: counts, the list by status, and
 * redelivery of a parked (or delivered) event. Also the per-subscription gauges
 * {@code kamerstroom_webhook_deliveries{subscription,state}} and
 * {@code kamerstroom_webhook_oldest_undelivered_age_seconds{subscription}}, and the removal of
 * delivered rows after {@code keep-delivered}.
 */
@ApplicationScoped
public class Deliveries {

    /** States as counted: pending (not tried yet), failed (failed, will retry), delivered, parked. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Stats(long pending, long failed, long delivered, long parked, Long oldestUndeliveredAgeSeconds) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(long id, UUID eventId, String eventType, String zaak, String status, int attempts,
            Instant createdAt, Instant nextAttemptAt, Instant firstAttemptAt, Instant lastAttemptAt, Integer lastStatus,
            String lastError, Instant deliveredAt) {

        static View of(WebhookDelivery d) {
            return new View(d.id, d.eventId, d.eventType, d.zaakNumber, d.status.name().toLowerCase(Locale.ROOT),
                    d.attempts, d.createdAt, d.status == WebhookDelivery.Status.PENDING ? d.nextAttemptAt : null,
                    d.firstAttemptAt, d.lastAttemptAt, d.lastStatus, d.lastError, d.deliveredAt);
        }
    }

    public record Page(List<View> deliveries, int page, int size) {
    }

    private static final String COUNTS = """
            SELECT CAST(s.id AS text),
                   count(d.id) FILTER (WHERE d.status = 'PENDING' AND d.attempts = 0),
                   count(d.id) FILTER (WHERE d.status = 'PENDING' AND d.attempts > 0),
                   count(d.id) FILTER (WHERE d.status = 'DELIVERED'),
                   count(d.id) FILTER (WHERE d.status = 'PARKED'),
                   min(d.created_at) FILTER (WHERE d.status <> 'DELIVERED')
            FROM subscription s LEFT JOIN webhook_delivery d ON d.subscription_id = s.id
            """;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    @Inject
    WebhookConfig config;

    @Inject
    WebhookDispatcher dispatcher;

    private MultiGauge counts;
    private MultiGauge oldest;

    @PostConstruct
    void init() {
        counts = MultiGauge.builder("kamerstroom.webhook.deliveries")
                .description("Webhook deliveries per subscription and state (pending, failed, delivered, parked)")
                .register(registry);
        oldest = MultiGauge.builder("kamerstroom.webhook.oldest.undelivered.age").baseUnit("seconds")
                .description("Age of the oldest event not yet delivered to the subscription (0 when none)")
                .register(registry);
    }

    /** Counts for one subscription; call inside a transaction. */
    public Stats stats(UUID subscription) {
        Object[] r = (Object[]) em.createNativeQuery(COUNTS + " WHERE s.id = :id GROUP BY s.id")
                .setParameter("id", subscription).getSingleResult();
        Instant oldestAt = instant(r[5]);
        return new Stats(count(r[1]), count(r[2]), count(r[3]), count(r[4]),
                oldestAt == null ? null : Math.max(0, Duration.between(oldestAt, clock.instant()).toSeconds()));
    }

    /** Newest first; {@code status} pending, failed, delivered or parked, or all. Inside a transaction. */
    public Page list(UUID subscription, String status, Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int n = size == null ? 20 : size;
        if (p < 0) {
            throw new Filter.BadParameter("page", "must be 0 or more, not " + p);
        }
        if (n < 1 || n > Filter.MAX_SIZE) {
            throw new Filter.BadParameter("size", "must be between 1 and " + Filter.MAX_SIZE + ", not " + n);
        }
        String where = "subscriptionId = ?1";
        List<Object> params = new ArrayList<>(List.of(subscription));
        if (status != null && !status.isBlank()) {
            switch (status.trim().toLowerCase(Locale.ROOT)) {
                case "pending" -> where += " and status = ?2";
                case "failed" -> where += " and status = ?2 and attempts > 0";
                case "delivered" -> where += " and status = ?2";
                case "parked" -> where += " and status = ?2";
                default -> throw new Filter.BadParameter("status",
                        "'" + status + "' is not one of pending, failed, delivered, parked");
            }
            String s = status.trim().toUpperCase(Locale.ROOT);
            params.add(WebhookDelivery.Status.valueOf(s.equals("FAILED") ? "PENDING" : s));
        }
        List<WebhookDelivery> rows = WebhookDelivery.<WebhookDelivery>find(where + " order by id desc", params.toArray())
                .page(p, n).list();
        return new Page(rows.stream().map(View::of).toList(), p, n);
    }

    /** What a redelivery request came to. */
    public enum Redelivery { QUEUED, ALREADY_PENDING, NOT_FOUND }

    /**
     * Sends a parked (or delivered) event again, as soon as it is first in line for its zaak, with a
     * fresh retry window.
     */
    public Redelivery redeliver(UUID subscription, long deliveryId) {
        Redelivery result = QuarkusTransaction.requiringNew().call(() -> {
            WebhookDelivery d = WebhookDelivery.findById(deliveryId);
            if (d == null || !d.subscriptionId.equals(subscription)) {
                return Redelivery.NOT_FOUND;
            }
            if (d.status == WebhookDelivery.Status.PENDING) {
                return Redelivery.ALREADY_PENDING;
            }
            d.status = WebhookDelivery.Status.PENDING;
            d.nextAttemptAt = clock.instant();
            d.firstAttemptAt = null;
            d.leasedUntil = null;
            d.deliveredAt = null;
            return Redelivery.QUEUED;
        });
        if (result == Redelivery.QUEUED) {
            dispatcher.wake();
        }
        return result;
    }

    /** One delivery of the subscription, for the API; inside a transaction. */
    public Optional<View> find(UUID subscription, long deliveryId) {
        return WebhookDelivery.<WebhookDelivery>findByIdOptional(deliveryId)
                .filter(d -> d.subscriptionId.equals(subscription)).map(View::of);
    }

    /** Refreshes the gauges from one query over all subscriptions. */
    @Scheduled(every = "${kamerstroom.webhooks.metrics-interval:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refreshMetrics() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() ->
                em.createNativeQuery(COUNTS + " GROUP BY s.id").getResultList());
        List<MultiGauge.Row<?>> countRows = new ArrayList<>();
        List<MultiGauge.Row<?>> oldestRows = new ArrayList<>();
        for (Object[] r : rows) {
            String id = (String) r[0];
            String[] states = {"pending", "failed", "delivered", "parked"};
            for (int i = 0; i < states.length; i++) {
                countRows.add(MultiGauge.Row.of(Tags.of("subscription", id, "state", states[i]), count(r[i + 1])));
            }
            Instant oldestAt = instant(r[5]);
            // the age grows between refreshes: computed when scraped
            oldestRows.add(MultiGauge.Row.of(Tags.of("subscription", id), clock,
                    c -> oldestAt == null ? 0 : Math.max(0, Duration.between(oldestAt, c.instant()).toMillis() / 1000.0)));
        }
        counts.register(countRows, true);
        oldest.register(oldestRows, true);
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prune() {
        Instant before = clock.instant().minus(config.keepDelivered());
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "DELETE FROM webhook_delivery WHERE status = 'DELIVERED' AND delivered_at < :before")
                .setParameter("before", before).executeUpdate());
    }

    private static long count(Object value) {
        return ((Number) value).longValue();
    }

    static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("not a timestamp: " + value.getClass());
    }
}
