package nl.kamerstroom.store.zaak;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import nl.kamerstroom.events.EventTypes;
import nl.kamerstroom.store.zaak.AnswerTerm.Standing;
import nl.kamerstroom.store.zaak.AnswerTerm.Term;

/**
 * Which time-driven events a zaak's facts call for, over its whole life: a pure function of the
 * facts, so the live run, a later letter and a replay into an empty database plan the same events.
 *
 * <ul>
 * <li>{@code zaak.deadline.approaching} at the start of the day {@code approachingDays} before a
 *     deadline, {@code zaak.overdue} at the start of the first day after it: each if, at the end of
 *     the day before, the zaak was open (neither answered nor withdrawn) with that deadline by
 *     {@link AnswerTerm}. A postponement thus plans a second pair for the extended deadline, and the
 *     first pair only where it came before them.</li>
 * <li>{@code zaak.overdue.answered} on the day a late zaak's (first) answer arrived, with the days late.</li>
 * </ul>
 * The events are keyed by (zaak, type, deadline): the same plan made twice is the same events.
 */
public final class DeadlineEvents {

    /** One event the facts call for: its type, the deadline it concerns, the Dutch day it falls on. */
    public record Planned(String type, LocalDate deadline, LocalDate day, Integer daysLate) {

        /** The moment it happens: the start of its day in Dutch time. */
        public Instant moment() {
            return day.atStartOfDay(AnswerTerm.DUTCH_TIME).toInstant();
        }
    }

    private DeadlineEvents() {
    }

    public static List<Planned> plan(AnswerTerm.Facts facts, int approachingDays) {
        if (facts.submitted() == null) {
            return List.of();
        }
        // every deadline the zaak can have had: the three weeks, and the six after a postponement
        Set<LocalDate> deadlines = new LinkedHashSet<>();
        deadlines.add(facts.submitted().plusDays(AnswerTerm.TERM_DAYS));
        if (!facts.postponements().isEmpty()) {
            deadlines.add(facts.submitted().plusDays(AnswerTerm.EXTENDED_TERM_DAYS));
        }
        List<Planned> planned = new ArrayList<>();
        for (LocalDate deadline : deadlines) {
            addIfOpenWith(planned, facts, EventTypes.ZAAK_DEADLINE_APPROACHING, deadline,
                    deadline.minusDays(approachingDays));
            addIfOpenWith(planned, facts, EventTypes.ZAAK_OVERDUE, deadline, deadline.plusDays(1));
        }
        Term now = AnswerTerm.evaluate(facts, LocalDate.MAX);
        if (now.standing() == Standing.ANSWERED_LATE) {
            planned.add(new Planned(EventTypes.ZAAK_OVERDUE_ANSWERED, now.deadline(), now.answered(), now.daysLate()));
        }
        return planned;
    }

    private static void addIfOpenWith(List<Planned> planned, AnswerTerm.Facts facts, String type, LocalDate deadline,
            LocalDate day) {
        Term before = AnswerTerm.evaluate(facts, day.minusDays(1));
        boolean open = before.standing() == Standing.OPEN || before.standing() == Standing.OVERDUE;
        if (open && deadline.equals(before.deadline())) {
            planned.add(new Planned(type, deadline, day, null));
        }
    }

    /**
     * The event's CloudEvents id, the same wherever and however often it is planned: a consumer that
     * saw it before (from the live run, before a replay into an empty database) knows it.
     */
    public static UUID eventId(String zaak, String type, LocalDate deadline) {
        return UUID.nameUUIDFromBytes(("kamerstroom:" + zaak + ":" + type + ":" + deadline)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
