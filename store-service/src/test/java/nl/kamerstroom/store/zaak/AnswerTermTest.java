package nl.kamerstroom.store.zaak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import nl.kamerstroom.store.zaak.AnswerTerm.Facts;
import nl.kamerstroom.store.zaak.AnswerTerm.Standing;
import nl.kamerstroom.store.zaak.AnswerTerm.Term;
import org.junit.jupiter.api.Test;

class AnswerTermTest {

    /** Friday; three weeks later is Friday 10 October, six weeks Friday 31 October. */
    private static final LocalDate SUBMITTED = LocalDate.of(2025, 9, 19);

    private static Facts facts(List<LocalDate> postponements, List<LocalDate> answers, List<LocalDate> withdrawals) {
        return new Facts(SUBMITTED, postponements, answers, withdrawals);
    }

    private static LocalDate day(int month, int day) {
        return LocalDate.of(2025, month, day);
    }

    @Test
    void theTermIsThreeWeeksAndTheZaakIsOverdueFromTheDayAfter() {
        Facts asked = facts(List.of(), List.of(), List.of());
        assertThat(AnswerTerm.evaluate(asked, day(10, 10))).satisfies(t -> {
            assertThat(t.deadline()).isEqualTo(day(10, 10));
            assertThat(t.standing()).isEqualTo(Standing.OPEN);
            assertThat(t.daysLate()).isZero();
        });
        Term dayAfter = AnswerTerm.evaluate(asked, day(10, 11));
        assertThat(dayAfter.standing()).isEqualTo(Standing.OVERDUE);
        assertThat(dayAfter.daysLate()).isEqualTo(1);
        assertThat(AnswerTerm.firstOverdueDay(dayAfter)).isEqualTo(day(10, 11));
    }

    @Test
    void aPostponementInTimeExtendsTheTermToSixWeeksFromSubmission() {
        Term term = AnswerTerm.evaluate(facts(List.of(day(10, 9)), List.of(), List.of()), day(10, 20));
        assertThat(term.deadline()).isEqualTo(day(10, 31));
        assertThat(term.postponed()).isTrue();
        assertThat(term.postponedInTime()).isTrue();
        assertThat(term.standing()).isEqualTo(Standing.OPEN);
        assertThat(AnswerTerm.evaluate(facts(List.of(day(10, 9)), List.of(), List.of()), day(11, 3)).daysLate())
                .isEqualTo(3);
    }

    @Test
    void aPostponementThatArrivesAfterTheDeadlineStillExtendsItButIsNotInTime() {
        Facts facts = facts(List.of(day(10, 15)), List.of(), List.of());
        // before it arrived the zaak was overdue: what was known then
        assertThat(AnswerTerm.evaluate(facts, day(10, 14)).standing()).isEqualTo(Standing.OVERDUE);
        Term after = AnswerTerm.evaluate(facts, day(10, 15));
        assertThat(after.standing()).isEqualTo(Standing.OPEN);
        assertThat(after.deadline()).isEqualTo(day(10, 31));
        assertThat(after.postponedInTime()).isFalse();
    }

    @Test
    void aSecondPostponementDoesNotMoveTheDeadlineAgain() {
        Term term = AnswerTerm.evaluate(facts(List.of(day(10, 30), day(10, 8)), List.of(), List.of()), day(11, 10));
        assertThat(term.deadline()).isEqualTo(day(10, 31));
        assertThat(term.standing()).isEqualTo(Standing.OVERDUE);
        assertThat(term.daysLate()).isEqualTo(10);
    }

    @Test
    void anAnswerIsMeasuredAgainstTheDeadlineKnownWhenItCame() {
        Term inTime = AnswerTerm.evaluate(facts(List.of(), List.of(day(10, 10)), List.of()), day(12, 1));
        assertThat(inTime.standing()).isEqualTo(Standing.ANSWERED_IN_TIME);
        assertThat(inTime.replyDays()).isEqualTo(21);

        Term late = AnswerTerm.evaluate(facts(List.of(), List.of(day(10, 17)), List.of()), day(12, 1));
        assertThat(late.standing()).isEqualTo(Standing.ANSWERED_LATE);
        assertThat(late.daysLate()).isEqualTo(7);

        // a postponement that arrives after the answer changes nothing
        Term postponedAfter = AnswerTerm.evaluate(facts(List.of(day(10, 20)), List.of(day(10, 17)), List.of()),
                day(12, 1));
        assertThat(postponedAfter.daysLate()).isEqualTo(7);
        assertThat(postponedAfter.postponed()).isFalse();

        Term lateAfterPostponement = AnswerTerm.evaluate(facts(List.of(day(10, 9)), List.of(day(11, 21)), List.of()),
                day(12, 1));
        assertThat(lateAfterPostponement.standing()).isEqualTo(Standing.ANSWERED_LATE);
        assertThat(lateAfterPostponement.daysLate()).isEqualTo(21);
        assertThat(lateAfterPostponement.replyDays()).isEqualTo(63);
    }

    @Test
    void beforeTheAnswerArrivedTheZaakWasOpen() {
        Facts facts = facts(List.of(), List.of(day(10, 17)), List.of());
        assertThat(AnswerTerm.evaluate(facts, day(10, 1)).standing()).isEqualTo(Standing.OPEN);
        assertThat(AnswerTerm.evaluate(facts, day(10, 16)).standing()).isEqualTo(Standing.OVERDUE);
        assertThat(AnswerTerm.evaluate(facts, day(10, 16)).answered()).isNull();
    }

    @Test
    void aFurtherAnswerDoesNotChangeHowLateTheFirstWas() {
        Term term = AnswerTerm.evaluate(facts(List.of(), List.of(day(12, 20), day(10, 3)), List.of()), day(12, 31));
        assertThat(term.answered()).isEqualTo(day(10, 3));
        assertThat(term.standing()).isEqualTo(Standing.ANSWERED_IN_TIME);
    }

    @Test
    void withoutASubmissionDateNothingIsLate() {
        Term answered = AnswerTerm.evaluate(new Facts(null, List.of(), List.of(day(12, 1)), List.of()), day(12, 31));
        assertThat(answered.standing()).isEqualTo(Standing.NO_TERM);
        assertThat(answered.deadline()).isNull();
        assertThat(answered.answered()).isEqualTo(day(12, 1));
        assertThat(answered.late()).isFalse();
        assertThat(AnswerTerm.firstOverdueDay(answered)).isNull();
    }

    @Test
    void aWithdrawalAfterAPostponementEndsTheTerm() {
        Facts facts = facts(List.of(day(10, 9)), List.of(), List.of(day(10, 20)));
        assertThat(AnswerTerm.evaluate(facts, day(10, 19)).standing()).isEqualTo(Standing.OPEN);
        Term withdrawn = AnswerTerm.evaluate(facts, day(12, 31));
        assertThat(withdrawn.standing()).isEqualTo(Standing.WITHDRAWN);
        assertThat(withdrawn.late()).isFalse();
        assertThat(withdrawn.daysLate()).isZero();
    }

    @Test
    void aWithdrawalAfterTheAnswerLeavesTheAnswer() {
        Term term = AnswerTerm.evaluate(facts(List.of(), List.of(day(10, 3)), List.of(day(10, 20))), day(12, 31));
        assertThat(term.standing()).isEqualTo(Standing.ANSWERED_IN_TIME);
    }

    @Test
    void daysAreDutchCalendarDays() {
        // 23:30 UTC on 10 October is already 11 October in Amsterdam (CEST, UTC+2)
        Clock lateEvening = Clock.fixed(Instant.parse("2025-10-10T23:30:00Z"), java.time.ZoneOffset.UTC);
        assertThat(AnswerTerm.today(lateEvening)).isEqualTo(day(10, 11));
        Clock winter = Clock.fixed(Instant.parse("2025-12-31T23:30:00Z"), java.time.ZoneOffset.UTC);
        assertThat(AnswerTerm.today(winter)).isEqualTo(LocalDate.of(2026, 1, 1));
    }
}
