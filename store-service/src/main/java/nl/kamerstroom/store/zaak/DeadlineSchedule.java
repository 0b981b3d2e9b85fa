package nl.kamerstroom.store.zaak;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.kamerstroom.events.EventTypes;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.events.ZaakUpdate;
import nl.kamerstroom.store.Text;
import nl.kamerstroom.store.letter.Letter;
import nl.kamerstroom.store.outbox.OutboxEvent;
import nl.kamerstroom.store.people.Office;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.query.TypedParameterValue;
import org.hibernate.type.StandardBasicTypes;
import org.jboss.logging.Logger;

/**
 * Time-driven events, exactly once. {@link #plan} writes a zaak's {@link DeadlineEvents} as rows of
 * {@code zaak_deadline_event} in the transaction that stored its letters (unique per zaak, type and
 * deadline; pending rows the facts no longer call for are cancelled, so a moved deadline moves its
 * events). {@link #announceDue} moves the rows whose moment has come to the outbox in one
 * transaction, taking them {@code FOR UPDATE SKIP LOCKED} so that two runs, on one replica or on
 * several, never take the same row, and a crash before the commit leaves them pending for the next.
 * From the outbox they go where every other event goes: {@code answers.published}, SSE, Atom, webhooks.
 *
 * <p>A replay must not announce old deadlines as news: a row whose moment lies further back than
 * {@code kamerstroom.deadline.grace-days} when it is planned is recorded as HISTORY, listed under
 * {@code GET /api/zaken/{n}/events}, and never relayed.
 */
@ApplicationScoped
public class DeadlineSchedule {

    private static final Logger LOG = Logger.getLogger(DeadlineSchedule.class);

    public enum State { PENDING, ANNOUNCED, HISTORY, CANCELLED }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    @Inject
    Event<OutboxEvent.Written> written;

    @ConfigProperty(name = "kamerstroom.deadline.approaching-days", defaultValue = "3")
    int approachingDays;

    @ConfigProperty(name = "kamerstroom.deadline.grace-days", defaultValue = "7")
    int graceDays;

    @ConfigProperty(name = "kamerstroom.deadline.batch-size", defaultValue = "200")
    int batchSize;

    @ConfigProperty(name = "kamerstroom.deadline.enabled", defaultValue = "true")
    boolean enabled;

    void validate(@Observes StartupEvent start) {
        // the approaching event must fall after submission and before the deadline
        if (approachingDays < 1 || approachingDays >= AnswerTerm.TERM_DAYS) {
            throw new IllegalArgumentException("kamerstroom.deadline.approaching-days must be 1.."
                    + (AnswerTerm.TERM_DAYS - 1) + ", not " + approachingDays);
        }
        if (graceDays < 0) {
            throw new IllegalArgumentException("kamerstroom.deadline.grace-days must not be negative");
        }
    }

    /**
     * Plans the zaak's time-driven events from its facts, inside the caller's transaction. Rows
     * already announced or recorded as history are never touched: what happened, happened.
     */
    @SuppressWarnings("unchecked")
    public void plan(String zaak, AnswerTerm.Facts facts) {
        List<DeadlineEvents.Planned> wanted = DeadlineEvents.plan(facts, approachingDays);
        Instant now = clock.instant();
        Instant historyBefore = now.minus(Duration.ofDays(graceDays));
        // what is planned already: a redelivery or a replay into the same database changes nothing, one read
        Map<String, Long> pending = new HashMap<>();
        Map<String, String> known = new HashMap<>();
        for (Object[] row : (List<Object[]>) em.createNativeQuery("SELECT id, type, deadline, state, due_at, days_late"
                + " FROM zaak_deadline_event WHERE zaak_number = :z").setParameter("z", zaak).getResultList()) {
            String key = key((String) row[1], toDate(row[2]));
            known.put(key, row[3] + "|" + instant(row[4]) + "|" + row[5]);
            if (State.PENDING.name().equals(row[3])) {
                pending.put(key, ((Number) row[0]).longValue());
            }
        }
        for (DeadlineEvents.Planned p : wanted) {
            String key = key(p.type(), p.deadline());
            pending.remove(key);
            Instant moment = p.moment();
            String was = known.get(key);
            if (was != null && (was.startsWith(State.ANNOUNCED.name()) || was.startsWith(State.HISTORY.name())
                    || was.equals(State.PENDING.name() + "|" + moment + "|" + p.daysLate()))) {
                continue; // what happened, happened; a pending row as planned stays as it is
            }
            State state = moment.isBefore(historyBefore) ? State.HISTORY : State.PENDING;
            em.createNativeQuery("INSERT INTO zaak_deadline_event (zaak_number, type, deadline, due_at, days_late, state,"
                            + " event_id, planned_at, settled_at) VALUES (:z, :type, :deadline, :due, :late, :state, :id, :now,"
                            + " CASE WHEN :state = 'HISTORY' THEN CAST(:now AS timestamptz) END)"
                            + " ON CONFLICT ON CONSTRAINT zaak_deadline_event_once DO UPDATE SET due_at = EXCLUDED.due_at,"
                            + " days_late = EXCLUDED.days_late, state = EXCLUDED.state, planned_at = EXCLUDED.planned_at,"
                            + " settled_at = EXCLUDED.settled_at"
                            // a cancelled row comes back (the postponement was deleted); announced and history stay
                            + " WHERE zaak_deadline_event.state IN ('PENDING', 'CANCELLED')")
                    .setParameter("z", zaak).setParameter("type", p.type()).setParameter("deadline", p.deadline())
                    .setParameter("due", moment)
                    .setParameter("late", new TypedParameterValue<>(StandardBasicTypes.INTEGER, p.daysLate()))
                    .setParameter("state", state.name())
                    .setParameter("id", DeadlineEvents.eventId(zaak, p.type(), p.deadline())).setParameter("now", now)
                    .executeUpdate();
        }
        if (!pending.isEmpty()) {
            // answered, withdrawn, or the deadline moved: these will not happen (the row stays, for the record)
            em.createNativeQuery("UPDATE zaak_deadline_event SET state = 'CANCELLED', settled_at = :now"
                            + " WHERE id IN (:ids) AND state = 'PENDING'")
                    .setParameter("now", now).setParameter("ids", pending.values()).executeUpdate();
        }
    }

    /** The fallback and the clock: due rows every interval, on every replica; they never take the same row. */
    @Scheduled(every = "${kamerstroom.deadline.interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        if (enabled) {
            announceDue();
        }
    }

    /** Moves every due pending row to the outbox, a batch per transaction; returns how many it announced. */
    public int announceDue() {
        int total = 0;
        int taken;
        do {
            taken = QuarkusTransaction.requiringNew().call(this::announceBatch);
            total += taken;
        } while (taken == batchSize);
        return total;
    }

    @SuppressWarnings("unchecked")
    int announceBatch() {
        Instant now = clock.instant();
        List<Object[]> rows = em.createNativeQuery("SELECT e.id, e.zaak_number, e.type, e.deadline, e.days_late,"
                        + " CAST(e.event_id AS text) FROM zaak_deadline_event e WHERE e.state = 'PENDING' AND e.due_at <= :now"
                        + " ORDER BY e.due_at, e.id LIMIT :n FOR UPDATE SKIP LOCKED")
                .setParameter("now", now).setParameter("n", batchSize).getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        int announced = 0;
        for (Object[] row : rows) {
            long id = ((Number) row[0]).longValue();
            String number = (String) row[1];
            String type = (String) row[2];
            LocalDate deadline = toDate(row[3]);
            Integer daysLate = row[4] == null ? null : ((Number) row[4]).intValue();
            Zaak zaak = Zaak.findById(number);
            State outcome = stillTrue(zaak, type, deadline) ? State.ANNOUNCED : State.CANCELLED;
            if (outcome == State.ANNOUNCED && !inOutbox(UUID.fromString((String) row[5]))) {
                announce(zaak, UUID.fromString((String) row[5]), type, deadline, daysLate, now);
                announced++;
            }
            em.createNativeQuery("UPDATE zaak_deadline_event SET state = :state, settled_at = :now WHERE id = :id")
                    .setParameter("state", outcome.name()).setParameter("now", now).setParameter("id", id).executeUpdate();
        }
        if (announced > 0) {
            written.fire(OutboxEvent.Written.INSTANCE);
        }
        LOG.debugf("announced %d time-driven events", announced);
        return rows.size();
    }

    /**
     * Planning keeps the rows in step with the letters; this guards the moment itself: an approaching
     * or overdue event goes out only while the zaak is open with that deadline.
     */
    private static boolean stillTrue(Zaak zaak, String type, LocalDate deadline) {
        if (zaak == null) {
            return false;
        }
        if (EventTypes.ZAAK_OVERDUE_ANSWERED.equals(type)) {
            return true;
        }
        return zaak.state().open() && deadline.equals(zaak.deadline);
    }

    /**
     * Whether the outbox holds the event already: a database emptied of its zaken but not of its
     * outbox (a partial restore) must not stop every later event on the unique event id.
     */
    private boolean inOutbox(UUID eventId) {
        return !em.createNativeQuery("SELECT 1 FROM outbox_event WHERE event_id = :id").setParameter("id", eventId)
                .getResultList().isEmpty();
    }

    private void announce(Zaak zaak, UUID eventId, String type, LocalDate deadline, Integer daysLate, Instant now) {
        Letter primary = zaak.primaryLetterId == null ? null : Letter.findById(zaak.primaryLetterId);
        if (EventTypes.ZAAK_OVERDUE_ANSWERED.equals(type)) {
            // the answer that came late, where there is one live
            primary = Letter.findByZaak(zaak.number).stream()
                    .filter(l -> l.deletedAt == null && (l.kind == nl.kamerstroom.events.LetterKind.ANSWER
                            || l.kind == nl.kamerstroom.events.LetterKind.FURTHER_ANSWER))
                    .findFirst().orElse(primary);
        }
        ZaakUpdate update = new ZaakUpdate(eventId.toString(), type, zaak.number,
                primary == null ? zaak.number : primary.documentId, primary == null ? null : primary.kind,
                Text.clean(zaak.subject), primary == null ? null : primary.letterDate,
                primary == null ? List.of() : primary.askers.stream()
                        .map(m -> new ParsedLetter.Member(m.name, m.party)).toList(),
                primary == null ? List.of() : primary.addressees.stream().map(o -> o.title).toList(),
                primary == null ? List.of() : primary.answeredBy.stream().map((Office o) -> o.title).toList(),
                List.of(), List.of(), null, null, now, deadline, daysLate);
        OutboxEvent event = new OutboxEvent();
        event.eventId = eventId;
        event.type = type;
        event.zaakNumber = zaak.number;
        event.createdAt = now;
        try {
            event.payload = json.writeValueAsString(update);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + type, e);
        }
        event.persist();
    }

    /** One time-driven event of a zaak, as {@code GET /api/zaken/{n}/events} lists it. */
    public record Entry(String eventId, String type, LocalDate deadline, Instant moment, Integer daysLate, String state,
            Instant plannedAt, Instant settledAt) {
    }

    /** Every time-driven event planned for the zaak, in the order they happen (cancelled ones included). */
    @SuppressWarnings("unchecked")
    public List<Entry> history(String zaak) {
        return QuarkusTransaction.requiringNew().call(() -> ((List<Object[]>) em.createNativeQuery(
                        "SELECT CAST(event_id AS text), type, deadline, due_at, days_late, state, planned_at, settled_at"
                                + " FROM zaak_deadline_event WHERE zaak_number = :z ORDER BY due_at, id")
                .setParameter("z", zaak).getResultList()).stream()
                .map(r -> new Entry((String) r[0], (String) r[1], toDate(r[2]), instant(r[3]),
                        r[4] == null ? null : ((Number) r[4]).intValue(), (String) r[5], instant(r[6]), instant(r[7])))
                .toList());
    }

    private static String key(String type, LocalDate deadline) {
        return type + "|" + deadline;
    }

    private static LocalDate toDate(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof LocalDate d ? d : ((Date) value).toLocalDate();
    }

    private static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        return ((java.sql.Timestamp) o).toInstant();
    }
}
