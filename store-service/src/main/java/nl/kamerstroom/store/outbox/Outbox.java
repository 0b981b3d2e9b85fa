package nl.kamerstroom.store.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

/**
 * The one owner of {@code outbox_event}: every write and every read of the outbox goes through
 * here, so its guarantees live in one place. The store appends events in the transaction that
 * stores what they announce (an event exists if and only if its state is stored); the relay sends
 * them ({@link #unrelayed}, {@link #markPublished}, {@link #setAside}); SSE and Atom read the log
 * by position ({@link #after}, {@link #before}, {@link #head}); the webhook matcher takes new rows
 * from its queue ({@link #unmatched}, {@link #matched}).
 *
 * <p>No reader takes row locks: the relay serialises itself with an advisory lock and is the only
 * one that updates rows after their insert; the matcher only deletes from its own queue
 * ({@code webhook_match_queue}, filled by a trigger in the inserting transaction, V7/V9); SSE, Atom
 * and the dispatcher only read. Two writers of the same rows in no fixed order deadlocked once
 * (issue 11), which this division keeps from coming back.
 *
 * <p>Methods join the caller's transaction when there is one and run in a short one of their own
 * otherwise.
 */
@ApplicationScoped
public class Outbox {

    /** Marks a transaction that has already announced its outbox rows (see {@link #append}). */
    private static final Object ANNOUNCED = new Object();

    private static final String COLUMNS = "id, CAST(event_id AS text), type, zaak_number, CAST(payload AS text), created_at";

    @Inject
    EntityManager em;

    @Inject
    Event<OutboxEvent.Written> written;

    @Inject
    TransactionSynchronizationRegistry transaction;

    /** One row of the outbox; {@code id} is its position in the log. */
    public record Row(long id, String eventId, String type, String zaakNumber, String payload, Instant createdAt) {
    }

    /** A row the relay set aside, with its reason. */
    public record SetAside(long id, String eventId, String type, String zaakNumber, int bytes, Instant createdAt,
            Instant setAsideAt, String reason) {
    }

    /**
     * Writes {@code event} in the caller's transaction (required). The relay, SSE and the matcher
     * are told once per transaction, after it committed ({@link OutboxEvent.Written}): a letter of
     * twenty answers, or a poll of two hundred letters, wakes them once, not once per row.
     */
    public void append(OutboxEvent event) {
        event.persist();
        if (transaction.getResource(ANNOUNCED) == null) {
            transaction.putResource(ANNOUNCED, Boolean.TRUE);
            written.fire(OutboxEvent.Written.INSTANCE);
        }
    }

    /** The newest position now (0 when empty); a reader without a position starts after it. */
    public long head() {
        return QuarkusTransaction.joiningExisting().call(() -> ((Number) em
                .createNativeQuery("SELECT COALESCE(max(id), 0) FROM outbox_event").getSingleResult()).longValue());
    }

    /** Rows after {@code position}, oldest first: the log as SSE follows it. */
    public List<Row> after(long position, int limit) {
        return rows("SELECT " + COLUMNS + " FROM outbox_event WHERE id > :p ORDER BY id LIMIT :n", position, limit);
    }

    /**
     * Rows before {@code position}, newest first, of one zaak when {@code zaak} is given (an
     * indexed read of only that zaak's rows): how an Atom feed looks back.
     */
    public List<Row> before(long position, String zaak, int limit) {
        if (zaak == null) {
            return rows("SELECT " + COLUMNS + " FROM outbox_event WHERE id < :p ORDER BY id DESC LIMIT :n", position,
                    limit);
        }
        return QuarkusTransaction.joiningExisting().call(() -> map(em.createNativeQuery("SELECT " + COLUMNS
                        + " FROM outbox_event WHERE zaak_number = :z AND id < :p ORDER BY id DESC LIMIT :n")
                .setParameter("z", zaak).setParameter("p", position).setParameter("n", limit).getResultList()));
    }

    /** The rows with these ids (any order): a webhook delivery's event. */
    public List<Row> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return QuarkusTransaction.joiningExisting().call(() -> map(em.createNativeQuery("SELECT " + COLUMNS
                + " FROM outbox_event WHERE id IN (:ids)").setParameter("ids", ids).getResultList()));
    }

    /** For the relay, under its lock: rows not yet published nor set aside, in id order. */
    public List<Row> unrelayed(int limit) {
        return QuarkusTransaction.joiningExisting().call(() -> map(em.createNativeQuery("SELECT " + COLUMNS
                        + " FROM outbox_event WHERE published_at IS NULL AND set_aside_at IS NULL ORDER BY id LIMIT :n")
                .setParameter("n", limit).getResultList()));
    }

    /** For the relay: these rows are on Kafka. */
    public void markPublished(Collection<Long> ids, Instant at) {
        if (!ids.isEmpty()) {
            QuarkusTransaction.joiningExisting().run(() -> em.createNativeQuery(
                            "UPDATE outbox_event SET published_at = :now WHERE id IN (:ids)")
                    .setParameter("now", at).setParameter("ids", ids).executeUpdate());
        }
    }

    /** For the relay: this row cannot be sent for what it is; it no longer holds up the rows behind it. */
    public void setAside(long id, String reason, Instant at) {
        QuarkusTransaction.joiningExisting().run(() -> em.createNativeQuery(
                        "UPDATE outbox_event SET set_aside_at = :now, relay_error = :why WHERE id = :id")
                .setParameter("now", at).setParameter("why", reason.length() <= 2000 ? reason : reason.substring(0, 2000))
                .setParameter("id", id).executeUpdate());
    }

    /** The newest rows set aside, newest first. */
    @SuppressWarnings("unchecked")
    public List<SetAside> setAside(int limit) {
        List<Object[]> rows = QuarkusTransaction.joiningExisting().call(() -> em.createNativeQuery(
                "SELECT id, CAST(event_id AS text), type, zaak_number, octet_length(CAST(payload AS text)), created_at,"
                        + " set_aside_at, relay_error FROM outbox_event WHERE set_aside_at IS NOT NULL"
                        + " ORDER BY id DESC LIMIT :n").setParameter("n", limit).getResultList());
        return rows.stream().map(r -> new SetAside(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                (String) r[3], ((Number) r[4]).intValue(), instant(r[5]), instant(r[6]), (String) r[7])).toList();
    }

    /** Puts a set-aside row back in line for the relay; false if it was not set aside. */
    public boolean retry(long id) {
        return QuarkusTransaction.joiningExisting().call(() -> em.createNativeQuery(
                "UPDATE outbox_event SET set_aside_at = NULL WHERE id = :id AND set_aside_at IS NOT NULL")
                .setParameter("id", id).executeUpdate()) > 0;
    }

    /** For the webhook matcher, under its lock: rows not matched to subscriptions yet, in id order. */
    public List<Row> unmatched(int limit) {
        // the queue's first ids, then each event by id (LATERAL: an index probe each): a plain join was planned
        // as a merge join reading outbox_event from its first row up to the queue's, on every batch
        return QuarkusTransaction.joiningExisting().call(() -> map(em.createNativeQuery("SELECT o.id,"
                        + " CAST(o.event_id AS text), o.type, o.zaak_number, CAST(o.payload AS text), o.created_at"
                        + " FROM (SELECT outbox_id FROM webhook_match_queue ORDER BY outbox_id LIMIT :n) q"
                        + " JOIN LATERAL (SELECT * FROM outbox_event WHERE id = q.outbox_id) o ON true"
                        + " ORDER BY q.outbox_id")
                .setParameter("n", limit).getResultList()));
    }

    /** For the webhook matcher: these rows are matched (in the transaction that wrote their deliveries). */
    public void matched(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            QuarkusTransaction.joiningExisting().run(() -> em.createNativeQuery(
                    "DELETE FROM webhook_match_queue WHERE outbox_id IN (:ids)").setParameter("ids", ids).executeUpdate());
        }
    }

    /**
     * For the webhook matcher when nobody subscribes: every queued row up to {@code upTo} (the newest before
     * the subscriptions were read) counts as matched, unread. One pass
     * over the queue: taking the oldest rows in order (a batch at a time, each wake-up) walked the dead entries
     * the last deletes left at the index's head every time, 49 ms a call under the text benchmark.
     */
    public int matchedUnread(long upTo) {
        return QuarkusTransaction.joiningExisting().call(() -> em.createNativeQuery(
                "DELETE FROM webhook_match_queue WHERE outbox_id <= :upTo").setParameter("upTo", upTo).executeUpdate());
    }

    /** The webhook queue's newest id, or {@code null} when it is empty. */
    public Long newestUnmatched() {
        Number newest = QuarkusTransaction.joiningExisting().call(() -> (Number) em.createNativeQuery(
                "SELECT max(outbox_id) FROM webhook_match_queue").getSingleResult());
        return newest == null ? null : newest.longValue();
    }

    @SuppressWarnings("unchecked")
    private List<Row> rows(String sql, long position, int limit) {
        return QuarkusTransaction.joiningExisting().call(() -> map(em.createNativeQuery(sql)
                .setParameter("p", position).setParameter("n", limit).getResultList()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Row> map(List rows) {
        return ((List<Object[]>) rows).stream().map(r -> new Row(((Number) r[0]).longValue(), (String) r[1],
                (String) r[2], (String) r[3], (String) r[4], instant(r[5]))).toList();
    }

    static Instant instant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return o == null ? null : Instant.parse(o.toString());
    }
}
