package nl.kamerstroom.store.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URI;
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
    @Channel("answers-published")
    Emitter<String> answers;

    @ConfigProperty(name = "kamerstroom.outbox.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "kamerstroom.outbox.batch-size", defaultValue = "200")
    int batchSize;

    private volatile boolean paused;

    /** For tests and operators: a paused relay is what a store killed after its commit looks like. */
    public void pause(boolean paused) {
        this.paused = paused;
    }

    private final SerialRunner runs = new SerialRunner("relaying the outbox", this::relay);

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
        if (!enabled || paused) {
            return;
        }
        int sent;
        do {
            sent = QuarkusTransaction.requiringNew().call(this::relayBatch);
        } while (sent == batchSize && !paused);
    }

    @SuppressWarnings("unchecked")
    int relayBatch() {
        Boolean locked = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(:key)")
                .setParameter("key", LOCK_KEY).getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return 0;
        }
        List<Object[]> rows = em.createNativeQuery("SELECT id, CAST(event_id AS text), type, zaak_number,"
                        + " CAST(payload AS text) FROM outbox_event WHERE published_at IS NULL ORDER BY id LIMIT :n")
                .setParameter("n", batchSize).getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (Object[] row : rows) {
            ids.add(((Number) row[0]).longValue());
            acks.add(send((String) row[1], (String) row[2], (String) row[3], (String) row[4]));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
        em.createNativeQuery("UPDATE outbox_event SET published_at = :now WHERE id IN (:ids)")
                .setParameter("now", Instant.now()).setParameter("ids", ids).executeUpdate();
        LOG.debugf("relayed %d outbox events", rows.size());
        return rows.size();
    }

    private CompletableFuture<Void> send(String eventId, String type, String zaak, String payload) {
        return AcknowledgedSend.send(answers, payload, zaak, OutgoingCloudEventMetadata.builder().withId(eventId)
                .withType(type).withSource(SOURCE).withSubject(zaak).withDataContentType("application/json").build());
    }
}
