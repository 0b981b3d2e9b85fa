package nl.kamerstroom.store.zaak;

import static nl.kamerstroom.events.EventTypes.ZAAK_DEADLINE_APPROACHING;
import static nl.kamerstroom.events.EventTypes.ZAAK_OVERDUE;
import static nl.kamerstroom.events.EventTypes.ZAAK_OVERDUE_ANSWERED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import nl.kamerstroom.store.zaak.AnswerTerm.Facts;
import nl.kamerstroom.store.zaak.DeadlineEvents.Planned;
import org.junit.jupiter.api.Test;

/** The events a zaak's facts call for, over its whole life, by hand-counted days. */
class DeadlineEventsTest {

    /** Friday 19 September 2025: the three weeks end Friday 10 October, the six weeks Friday 31 October. */
    private static final LocalDate SUBMITTED = LocalDate.of(2025, 9, 19);
    private static final LocalDate TERM = LocalDate.of(2025, 10, 10);
    private static final LocalDate EXTENDED = LocalDate.of(2025, 10, 31);

    private static Facts facts(List<LocalDate> postponements, List<LocalDate> answers, List<LocalDate> withdrawals) {
        return new Facts(SUBMITTED, postponements, answers, withdrawals);
    }

    private static LocalDate day(int month, int day) {
        return LocalDate.of(2025, month, day);
    }

    @Test
    void anOpenZaakIsAnnouncedThreeDaysBeforeItsDeadlineAndOnTheFirstDayAfter() {
        assertThat(DeadlineEvents.plan(facts(List.of(), List.of(), List.of()), 3)).containsExactly(
                new Planned(ZAAK_DEADLINE_APPROACHING, TERM, day(10, 7), null),
                new Planned(ZAAK_OVERDUE, TERM, day(10, 11), null));
        // the moment is the start of the Dutch day (summer time: 22:00 UTC the evening before)
        assertThat(new Planned(ZAAK_OVERDUE, TERM, day(10, 11), null).moment())
                .isEqualTo(Instant.parse("2025-10-10T22:00:00Z"));
    }

    @Test
    void aPostponementAfterTheDeadlinePlansTheExtendedPairAndKeepsWhatHadHappened() {
        // asked → approaching → overdue → postponed on 14 October → answered 7 November, 7 days late
        List<Planned> plan = DeadlineEvents.plan(facts(List.of(day(10, 14)), List.of(day(11, 7)), List.of()), 3);
        assertThat(plan).containsExactly(
                new Planned(ZAAK_DEADLINE_APPROACHING, TERM, day(10, 7), null),
                new Planned(ZAAK_OVERDUE, TERM, day(10, 11), null),
                new Planned(ZAAK_DEADLINE_APPROACHING, EXTENDED, day(10, 28), null),
                new Planned(ZAAK_OVERDUE, EXTENDED, day(11, 1), null),
                new Planned(ZAAK_OVERDUE_ANSWERED, EXTENDED, day(11, 7), 7));
    }

    @Test
    void aPostponementInTimeMovesTheEventsRatherThanDoublingThem() {
        List<Planned> plan = DeadlineEvents.plan(facts(List.of(day(10, 3)), List.of(), List.of()), 3);
        assertThat(plan).containsExactly(
                new Planned(ZAAK_DEADLINE_APPROACHING, EXTENDED, day(10, 28), null),
                new Planned(ZAAK_OVERDUE, EXTENDED, day(11, 1), null));
        // a second postponement changes nothing
        assertThat(DeadlineEvents.plan(facts(List.of(day(10, 3), day(10, 20)), List.of(), List.of()), 3))
                .isEqualTo(plan);
    }

    @Test
    void aPostponementOnTheApproachingDayComesTooLateForThatEventOnly() {
        // known by the end of 7 October? No: it arrived on 7 October, after the event at its start
        List<Planned> plan = DeadlineEvents.plan(facts(List.of(day(10, 7)), List.of(), List.of()), 3);
        assertThat(plan).extracting(Planned::type, Planned::deadline).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ZAAK_DEADLINE_APPROACHING, TERM),
                org.assertj.core.groups.Tuple.tuple(ZAAK_DEADLINE_APPROACHING, EXTENDED),
                org.assertj.core.groups.Tuple.tuple(ZAAK_OVERDUE, EXTENDED));
    }

    @Test
    void anAnswerInTimeOrAWithdrawalEndsThePlan() {
        assertThat(DeadlineEvents.plan(facts(List.of(), List.of(day(10, 1)), List.of()), 3)).isEmpty();
        assertThat(DeadlineEvents.plan(facts(List.of(), List.of(day(10, 9)), List.of()), 3))
                .containsExactly(new Planned(ZAAK_DEADLINE_APPROACHING, TERM, day(10, 7), null));
        // withdrawn after the overdue day: what had happened stays, nothing more comes
        assertThat(DeadlineEvents.plan(facts(List.of(), List.of(), List.of(day(10, 20))), 3)).containsExactly(
                new Planned(ZAAK_DEADLINE_APPROACHING, TERM, day(10, 7), null),
                new Planned(ZAAK_OVERDUE, TERM, day(10, 11), null));
        // answered on the deadline day: in time, no late answer
        assertThat(DeadlineEvents.plan(facts(List.of(), List.of(TERM), List.of()), 3))
                .extracting(Planned::type).doesNotContain(ZAAK_OVERDUE, ZAAK_OVERDUE_ANSWERED);
    }

    @Test
    void withoutASubmissionDateNothingIsPlanned() {
        assertThat(DeadlineEvents.plan(new Facts(null, List.of(), List.of(day(12, 1)), List.of()), 3)).isEmpty();
    }

    @Test
    void theApproachingDayIsConfigurable() {
        assertThat(DeadlineEvents.plan(facts(List.of(), List.of(), List.of()), 5).get(0).day()).isEqualTo(day(10, 5));
    }

    @Test
    void theEventIdIsTheSameEveryTimeItIsPlanned() {
        assertThat(DeadlineEvents.eventId("2025Z17315", ZAAK_OVERDUE, TERM))
                .isEqualTo(DeadlineEvents.eventId("2025Z17315", ZAAK_OVERDUE, TERM))
                .isNotEqualTo(DeadlineEvents.eventId("2025Z17315", ZAAK_OVERDUE, EXTENDED))
                .isNotEqualTo(DeadlineEvents.eventId("2025Z17316", ZAAK_OVERDUE, TERM));
    }
}
