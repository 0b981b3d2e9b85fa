package nl.kamerstroom.store.mail;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import nl.kamerstroom.events.ZaakUpdate;
import nl.kamerstroom.store.outbox.OutboxEvent;
import nl.kamerstroom.store.outbox.SerialRunner;
import nl.kamerstroom.store.subscription.UpdateFilter;
import nl.kamerstroom.store.subscription.webhook.RetryPolicy;
import nl.kamerstroom.store.zaak.AnswerTerm;
import org.jboss.logging.Logger;

/**
 * The mail channel's half of the outbox, built like the webhooks': outbox rows reach
 * {@code mail_match_queue} by a trigger in the transaction that wrote them; the matcher turns each
 * into {@code mail_message} rows for the confirmed follows it matches and takes it off the queue in
 * the same transaction; the sender claims due mails with a lease ({@code FOR UPDATE SKIP LOCKED},
 * so replicas share the work), sends them over SMTP outside any transaction, and marks each sent,
 * or due again after a backoff, in a transaction of its own.
 *
 * <p>What survives a restart: everything, because the queue is in the database. A mail is never
 * lost (it stays PENDING until marked sent) and never sent twice while nothing crashes. A crash
 * between the SMTP server taking a mail and the mark leaves the lease to expire and the mail is sent
 * once more, with the same Message-ID (fixed per follow and event): at most one duplicate per crash,
 * which mail programs that dedupe on Message-ID hide.
 */
@ApplicationScoped
public class MailQueue {

    private static final Logger LOG = Logger.getLogger(MailQueue.class);
    private static final long MATCH_LOCK = 0x6D61696C6DL; // "mailm": one matcher at a time across replicas
    private static final long DIGEST_LOCK = 0x6D61696C64L; // "maild": one digest run at a time
    /** An SMTP reply code of the 5xx class in the client's error: the server refuses for good. */
    private static final Pattern PERMANENT_REPLY = Pattern.compile("(?:^|\\D)(?<reply>5[0-5]\\d)[ -]");
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    MailConfig config;

    @Inject
    MailComposer composer;

    @Inject
    ReactiveMailer mailer;

    @Inject
    ObjectMapper json;

    @Inject
    Vertx vertx;

    private final SerialRunner runs = new SerialRunner("matching and sending mail", this::run);
    private long timer = -1;
    private volatile boolean stopping;
    private volatile boolean paused;

    /** A mail claimed for sending. */
    record Claimed(long id, String kind, UUID follow, long outboxId, LocalDate day, String payload, String label,
            String address, int attempts, Instant firstAttemptAt) {
    }

    private record Active(UUID id, UUID address, UpdateFilter filter, String query, boolean digest, long startAfter) {
    }

    void start(@Observes StartupEvent startup) {
        if (config.enabled()) {
            timer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> wake());
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        if (timer != -1) {
            vertx.cancelTimer(timer);
        }
    }

    void written(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxEvent.Written written) {
        wake();
    }

    /** For tests: a paused queue neither matches nor sends, as a replica that is down. */
    void pause(boolean paused) {
        this.paused = paused;
    }

    void wake() {
        if (config.enabled() && !stopping && !paused) {
            runs.request();
        }
    }

    private void run() {
        if (paused) {
            return;
        }
        int matched;
        do {
            matched = QuarkusTransaction.requiringNew().call(this::matchBatch);
        } while (matched == config.batchSize());
        List<Claimed> claimed;
        do {
            claimed = claim();
            for (Claimed c : claimed) {
                record(c, send(c));
            }
        } while (claimed.size() == config.batchSize() && !stopping && !paused);
    }

    /** Matches a batch of queued outbox rows against the confirmed follows; returns how many rows it took. */
    @SuppressWarnings("unchecked")
    int matchBatch() {
        Boolean locked = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(:key)")
                .setParameter("key", MATCH_LOCK).getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return 0;
        }
        // the queue's newest id before the follows are read: a follow confirmed after that read starts after
        // the outbox's head then, so nothing up to this id can be its (a later id may be: it stays queued)
        Number newest = (Number) em.createNativeQuery("SELECT max(outbox_id) FROM mail_match_queue").getSingleResult();
        if (newest == null) {
            return 0;
        }
        List<Active> follows = active();
        if (follows.isEmpty()) {
            // nobody to mail: what is queued is matched, in one pass over the queue (taking the oldest rows in
            // order walks the dead entries the last deletes left at the index's head, each time)
            em.createNativeQuery("DELETE FROM mail_match_queue WHERE outbox_id <= :newest")
                    .setParameter("newest", newest.longValue()).executeUpdate();
            return 0;
        }
        // the queue's first ids, then each event by id (LATERAL: an index probe each), as Outbox.unmatched reads
        // the webhook queue: a plain join was planned as a merge join that read outbox_event from its first row
        // up to the queue's on every batch (33 ms a batch under the text benchmark, growing with the outbox)
        List<Object[]> rows = em.createNativeQuery("SELECT q.outbox_id, o.type, CAST(o.payload AS text)"
                        + " FROM (SELECT outbox_id FROM mail_match_queue ORDER BY outbox_id LIMIT :n) q"
                        + " LEFT JOIN LATERAL (SELECT type, payload FROM outbox_event WHERE id = q.outbox_id) o ON true"
                        + " ORDER BY q.outbox_id")
                .setParameter("n", config.batchSize()).getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        List<Long> ids = new ArrayList<>();
        for (Object[] row : rows) {
            long id = ((Number) row[0]).longValue();
            ids.add(id);
            ZaakUpdate update = row[2] == null ? null : read(id, (String) row[2]);
            if (update == null) {
                continue;
            }
            List<Active> matching = follows.stream().filter(f -> id > f.startAfter() && f.filter().matches(update)).toList();
            Set<UUID> textMatches = textMatches(matching, update);
            // one mail per address for one event, even when it follows the zaak and the party both;
            // the ones that mail at once go first
            Set<UUID> addresses = new HashSet<>();
            for (Active f : matching.stream().sorted((a, b) -> Boolean.compare(a.digest(), b.digest())).toList()) {
                if ((f.query() == null || textMatches.contains(f.id())) && addresses.add(f.address())) {
                    em.createNativeQuery("INSERT INTO mail_message (follow_id, kind, outbox_id, event_type, payload, status,"
                                    + " created_at, next_attempt_at) VALUES (:f, :kind, :o, :type, :payload, :status, :t, :t)"
                                    + " ON CONFLICT DO NOTHING")
                            .setParameter("f", f.id()).setParameter("kind", f.digest() ? "DIGEST_ITEM" : "EVENT")
                            .setParameter("o", id).setParameter("type", row[1]).setParameter("payload", row[2])
                            .setParameter("status", f.digest() ? "WAITING" : "PENDING").setParameter("t", now)
                            .executeUpdate();
                }
            }
        }
        em.createNativeQuery("DELETE FROM mail_match_queue WHERE outbox_id IN (:ids)").setParameter("ids", ids)
                .executeUpdate();
        return rows.size();
    }

    @SuppressWarnings("unchecked")
    private List<Active> active() {
        List<Object[]> rows = em.createNativeQuery("SELECT id, address_id, zaak, member, party, ministry, query,"
                + " CAST(types AS text), digest, start_after FROM mail_follow WHERE status = 'ACTIVE'").getResultList();
        List<Active> follows = new ArrayList<>();
        for (Object[] r : rows) {
            List<String> types;
            try {
                types = json.readValue((String) r[7], STRINGS);
            } catch (IOException e) {
                throw new IllegalStateException("mail_follow " + r[0] + " has unreadable types", e);
            }
            follows.add(new Active((UUID) r[0], (UUID) r[1], new UpdateFilter((String) r[2], (String) r[3], (String) r[4],
                    (String) r[5], null, Set.copyOf(types)), (String) r[6], (Boolean) r[8], ((Number) r[9]).longValue()));
        }
        return follows;
    }

    /**
     * Which of the search follows' queries the event's text matches, by PostgreSQL's Dutch full-text
     * search, as the search page finds questions (stemmed: "sluisdeur" finds "sluisdeuren").
     */
    @SuppressWarnings("unchecked")
    private Set<UUID> textMatches(List<Active> matching, ZaakUpdate u) {
        List<UUID> withQuery = matching.stream().filter(f -> f.query() != null).map(Active::id).toList();
        if (withQuery.isEmpty()) {
            return Set.of();
        }
        StringBuilder doc = new StringBuilder();
        doc.append(u.subject() == null ? "" : u.subject()).append('\n');
        if (u.questionTexts() != null) {
            u.questionTexts().forEach(t -> doc.append(t).append('\n'));
        }
        doc.append(u.text() == null ? "" : u.text());
        List<UUID> hits = em.createNativeQuery("SELECT f.id FROM mail_follow f WHERE f.id IN (:ids)"
                        + " AND to_tsvector('dutch', :doc) @@ websearch_to_tsquery('dutch', f.query)")
                .setParameter("ids", withQuery).setParameter("doc", doc.toString()).getResultList();
        return new HashSet<>(hits);
    }

    /** Claims due mails of confirmed follows with a lease, and counts the attempt; its own transaction. */
    @SuppressWarnings("unchecked")
    List<Claimed> claim() {
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Object[]> rows = em.createNativeQuery("SELECT m.id, m.kind, m.follow_id, m.outbox_id, m.digest_day, m.payload,"
                            + " f.label, a.address, m.attempts, m.first_attempt_at FROM mail_message m"
                            + " JOIN mail_follow f ON f.id = m.follow_id JOIN mail_address a ON a.id = f.address_id"
                            + " WHERE m.status = 'PENDING' AND m.next_attempt_at <= :now"
                            + " AND (m.leased_until IS NULL OR m.leased_until <= :now) AND f.status = 'ACTIVE'"
                            + " ORDER BY m.id LIMIT :n FOR UPDATE OF m SKIP LOCKED")
                    .setParameter("now", now).setParameter("n", config.batchSize()).getResultList();
            List<Claimed> claimed = new ArrayList<>();
            for (Object[] r : rows) {
                Instant first = r[9] == null ? now : instant(r[9]);
                claimed.add(new Claimed(((Number) r[0]).longValue(), (String) r[1], (UUID) r[2],
                        r[3] == null ? 0 : ((Number) r[3]).longValue(), r[4] == null ? null : localDate(r[4]),
                        (String) r[5], (String) r[6], (String) r[7], ((Number) r[8]).intValue() + 1, first));
            }
            if (!claimed.isEmpty()) {
                em.createNativeQuery("UPDATE mail_message SET leased_until = :until, attempts = attempts + 1,"
                                + " first_attempt_at = COALESCE(first_attempt_at, :now) WHERE id IN (:ids)")
                        .setParameter("until", now.plus(config.lease())).setParameter("now", now)
                        .setParameter("ids", claimed.stream().map(Claimed::id).toList()).executeUpdate();
            }
            return claimed;
        });
    }

    /** Hands one mail to the SMTP server; null when it took it, else the error. */
    String send(Claimed c) {
        try {
            Mail mail = c.kind().equals("DIGEST")
                    ? composer.digest(c.address(), c.follow(), c.label(), c.day(), digestItems(c.id()))
                    : composer.event(c.address(), c.follow(), c.label(), c.outboxId(), c.payload());
            mailer.send(mail).await().atMost(config.sendTimeout());
            return null;
        } catch (IOException e) {
            return "unreadable event: " + e.getMessage();
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return message;
        }
    }

    /** Marks the mail sent, or due again after a backoff, or parked; its own transaction. */
    void record(Claimed c, String error) {
        Instant now = clock.instant();
        QuarkusTransaction.requiringNew().run(() -> {
            if (error == null) {
                em.createNativeQuery("UPDATE mail_message SET status = 'SENT', sent_at = :t, leased_until = NULL,"
                        + " last_error = NULL, payload = NULL WHERE id = :id").setParameter("t", now)
                        .setParameter("id", c.id()).executeUpdate();
                return;
            }
            boolean permanent = PERMANENT_REPLY.matcher(error).find();
            RetryPolicy policy = new RetryPolicy(config.retry().first(), config.retry().max(), config.retry().jitter(),
                    config.retry().parkAfter(), config.retry().permanentErrorAttempts());
            RetryPolicy.Decision decision = policy.afterFailure(new RetryPolicy.Outcome(0, error, !permanent, null),
                    c.attempts(), c.firstAttemptAt(), now, ThreadLocalRandom.current().nextDouble());
            String cut = error.length() > 500 ? error.substring(0, 500) : error;
            if (decision.park()) {
                LOG.warnf("mail %d (follow %s) parked after %d attempts: %s", c.id(), c.follow(), c.attempts(), cut);
            } else {
                LOG.infof("mail %d (follow %s) not sent, attempt %d, again at %s: %s", c.id(), c.follow(), c.attempts(),
                        decision.nextAttemptAt(), cut);
            }
            var update = decision.park()
                    ? em.createNativeQuery("UPDATE mail_message SET status = 'PARKED', leased_until = NULL, last_error = :e"
                            + " WHERE id = :id")
                    : em.createNativeQuery("UPDATE mail_message SET next_attempt_at = :next, leased_until = NULL,"
                            + " last_error = :e WHERE id = :id").setParameter("next", decision.nextAttemptAt());
            update.setParameter("e", cut).setParameter("id", c.id()).executeUpdate();
        });
    }

    @SuppressWarnings("unchecked")
    private List<String> digestItems(long digest) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT payload FROM mail_message WHERE digest_of = :d ORDER BY id").setParameter("d", digest).getResultList());
    }

    /**
     * Once a day from {@code digest-at} (Dutch time): per digest follow with waiting items, one
     * DIGEST mail takes them all, in one transaction; then it is sent like any other mail. A follow
     * with nothing waiting gets no mail that day.
     */
    @Scheduled(every = "1m", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledDigests() {
        if (config.enabled() && !paused) {
            makeDigests();
        }
    }

    /** Makes the day's digests that are due; returns how many. */
    @SuppressWarnings("unchecked")
    int makeDigests() {
        ZonedDateTime now = clock.instant().atZone(AnswerTerm.DUTCH_TIME);
        if (now.toLocalTime().isBefore(config.digestAt())) {
            return 0;
        }
        LocalDate today = now.toLocalDate();
        int made = QuarkusTransaction.requiringNew().call(() -> {
            Boolean locked = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(:key)")
                    .setParameter("key", DIGEST_LOCK).getSingleResult();
            if (!Boolean.TRUE.equals(locked)) {
                return 0;
            }
            List<UUID> due = em.createNativeQuery("SELECT id FROM mail_follow WHERE status = 'ACTIVE' AND digest"
                    + " AND (last_digest_day IS NULL OR last_digest_day < :today)").setParameter("today", today).getResultList();
            int n = 0;
            for (UUID follow : due) {
                List<Number> digest = em.createNativeQuery("INSERT INTO mail_message (follow_id, kind, digest_day, status,"
                                + " created_at, next_attempt_at) SELECT :f, 'DIGEST', :today, 'PENDING', :t, :t WHERE EXISTS"
                                + " (SELECT 1 FROM mail_message WHERE follow_id = :f AND status = 'WAITING')"
                                + " ON CONFLICT DO NOTHING RETURNING id")
                        .setParameter("f", follow).setParameter("today", today).setParameter("t", now.toInstant())
                        .getResultList();
                if (!digest.isEmpty()) {
                    em.createNativeQuery("UPDATE mail_message SET status = 'INCLUDED', digest_of = :d"
                                    + " WHERE follow_id = :f AND status = 'WAITING'")
                            .setParameter("d", digest.get(0).longValue()).setParameter("f", follow).executeUpdate();
                    n++;
                }
                em.createNativeQuery("UPDATE mail_follow SET last_digest_day = :today WHERE id = :f")
                        .setParameter("today", today).setParameter("f", follow).executeUpdate();
            }
            return n;
        });
        if (made > 0) {
            wake();
        }
        return made;
    }

    private ZaakUpdate read(long id, String payload) {
        try {
            return json.readValue(payload, ZaakUpdate.class);
        } catch (IOException e) {
            LOG.errorf(e, "outbox event %d cannot be read as a zaak update; nobody is mailed about it", id);
            return null;
        }
    }

    private static Instant instant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return Instant.parse(o.toString());
    }

    private static LocalDate localDate(Object o) {
        if (o instanceof LocalDate d) {
            return d;
        }
        if (o instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return LocalDate.parse(o.toString());
    }
}
