package nl.kamerstroom.store.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import java.net.URI;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.kamerstroom.store.Failures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import nl.kamerstroom.messaging.AcknowledgedSend;
import org.jboss.logging.Logger;

/**
 * Sends outbox rows to {@code answers.published} in id order and marks them published once Kafka
 * acknowledged them, all in one transaction. An advisory lock lets one relay run at a time across
 * store replicas, which keeps per-zaak order and avoids double sends. A crash after the send and
 * before the commit resends those rows: delivery is at least once, and the CloudEvents id (the
 * row's event id) lets a consumer skip what it has seen.
 *
 * <p>The relay is the only writer of {@code outbox_event} rows after they were inserted (the webhook
 * matcher works from a queue of its own, V7), so marking rows never deadlocks. Each row gets its
 * own outcome: one Kafka refuses for what it is (too large) is set aside with the reason and the
 * rows behind it go on; when the broker is away, what it acknowledged is still marked, so a batch
 * is never sent twice for want of one row. The producer's send timeouts are shorter than the relay's
 * transaction ({@code kamerstroom.outbox.transaction-timeout}), so a batch waiting on a broker that
 * went away always ends with its outcomes marked, never with a reaped transaction that sends it all again.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long LOCK_KEY = 0x6B616D6572L; // "kamer": the outbox relay's advisory lock
    /** The CloudEvents source of every event the store announces, on Kafka and by webhook. */
    public static final URI SOURCE = URI.create("urn:kamerstroom:store-service");

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    @Channel("answers-published")
    Emitter<String> answers;

    @ConfigProperty(name = "kamerstroom.outbox.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "kamerstroom.outbox.batch-size", defaultValue = "200")
    int batchSize;

    @ConfigProperty(name = "kamerstroom.outbox.max-event-bytes", defaultValue = "1000000")
    int maxEventBytes;

    /** Outlives the longest a send can take (see {@link #sendBound}), so acknowledged rows are always marked. */
    @ConfigProperty(name = "kamerstroom.outbox.transaction-timeout", defaultValue = "90s")
    Duration transactionTimeout;

    @ConfigProperty(name = "mp.messaging.outgoing.answers-published.max.block.ms", defaultValue = "60000")
    long maxBlockMs;

    @ConfigProperty(name = "mp.messaging.outgoing.answers-published.delivery.timeout.ms", defaultValue = "120000")
    long deliveryTimeoutMs;

    private volatile boolean paused;
    /** From the start of shutdown no batch starts: one sent but not marked before the database closes goes out twice. */
    private volatile boolean stopping;

    /** For tests and operators: a paused relay is what a store killed after its commit looks like. */
    public void pause(boolean paused) {
        this.paused = paused;
    }

    private final SerialRunner runs = new SerialRunner("relaying the outbox", this::relay);

    /** The longest one send can take before Kafka's producer reports it taken or failed. */
    Duration sendBound() {
        return Duration.ofMillis(maxBlockMs + deliveryTimeoutMs);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }

    void checkTimeouts(@Observes StartupEvent startup) {
        if (transactionTimeout.compareTo(sendBound().plusSeconds(10)) < 0) {
            // a reaped transaction cannot mark what Kafka took, and the next run sends it all again
            LOG.errorf("kamerstroom.outbox.transaction-timeout (%s) should exceed the producer's max.block.ms +"
                    + " delivery.timeout.ms (%s) by 10 s or more: events Kafka took while the broker was slow will be"
                    + " sent twice", transactionTimeout, sendBound());
        }
    }

    /** Right after a commit that wrote outbox rows: the event goes out within milliseconds, not at the next tick. */
    void written(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxEvent.Written written) {
        if (enabled && !paused) {
            runs.request();
        }
    }

    /** The fallback: rows a crashed or paused relay left behind, and rows other replicas wrote. */
    @Scheduled(every = "${kamerstroom.outbox.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        runs.runNow();
    }

    void relay() {
        if (!enabled || paused || stopping) {
            return;
        }
        int sent;
        do {
            sent = QuarkusTransaction.requiringNew().timeout((int) transactionTimeout.toSeconds()).call(this::relayBatch);
        } while (sent == batchSize && !paused && !stopping);
    }

    int relayBatch() {
        Boolean locked = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(:key)")
                .setParameter("key", LOCK_KEY).getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return 0;
        }
        List<Outbox.Row> rows = outbox.unrelayed(batchSize);
        if (rows.isEmpty()) {
            return 0;
        }
        // every row gets its own outcome: one that Kafka refuses must not take the others with it
        List<Long> ids = new ArrayList<>();
        List<CompletableFuture<Throwable>> outcomes = new ArrayList<>();
        Map<Long, String> setAside = new LinkedHashMap<>();
        for (Outbox.Row row : rows) {
            long id = row.id();
            String payload = row.payload();
            int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > maxEventBytes) {
                // sending it would fail (RecordTooLargeException) and mark the producer channel failed
                setAside.put(id, "the event is " + bytes + " bytes, over kamerstroom.outbox.max-event-bytes ("
                        + maxEventBytes + ", kept below the producer's max.request.size)");
                continue;
            }
            ids.add(id);
            outcomes.add(send(row.eventId(), row.type(), row.zaakNumber(), payload)
                    .handle((ok, failure) -> failure));
        }
        CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).join();
        List<Long> published = new ArrayList<>();
        Throwable retryLater = null;
        for (int i = 0; i < ids.size(); i++) {
            Throwable failure = outcomes.get(i).join();
            if (failure == null) {
                published.add(ids.get(i));
            } else if (Failures.isTransient(failure)) {
                retryLater = failure; // the broker is away: this row (and what follows) goes out next run
            } else {
                setAside.put(ids.get(i), "Kafka refused the event: " + Failures.describe(failure));
            }
        }
        Instant now = Instant.now();
        outbox.markPublished(published, now);
        for (Map.Entry<Long, String> e : setAside.entrySet()) {
            LOG.errorf("outbox event %d set aside, not sent: %s (GET /api/admin/outbox/set-aside)", e.getKey(), e.getValue());
            outbox.setAside(e.getKey(), e.getValue(), now);
        }
        if (retryLater != null) {
            LOG.warnf("relayed %d of %d outbox events; the rest are tried again on the next run: %s", published.size(),
                    rows.size(), Failures.describe(retryLater));
            return 0; // stop this run; what was acknowledged is marked, so it is not sent again
        }
        LOG.debugf("relayed %d outbox events, set aside %d", published.size(), setAside.size());
        return rows.size();
    }

    private CompletableFuture<Void> send(String eventId, String type, String zaak, String payload) {
        return AcknowledgedSend.send(answers, payload, zaak, OutgoingCloudEventMetadata.builder().withId(eventId)
                .withType(type).withSource(SOURCE).withSubject(zaak).withDataContentType("application/json").build());
    }
}
