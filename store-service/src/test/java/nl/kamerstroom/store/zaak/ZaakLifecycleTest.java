package nl.kamerstroom.store.zaak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.store.zaak.ZaakLifecycle.LetterFacts;
import nl.kamerstroom.store.zaak.ZaakLifecycle.State;
import nl.kamerstroom.store.zaak.ZaakLifecycle.Status;
import org.junit.jupiter.api.Test;

class ZaakLifecycleTest {

    private static final LocalDate SUBMITTED = LocalDate.of(2025, 9, 19);

    private static LetterFacts letter(LetterKind kind, LocalDate date) {
        return new LetterFacts(kind, SUBMITTED, date, null, false);
    }

    @Test
    void questionsAloneAreAskedWithAThreeWeekDeadline() {
        State state = ZaakLifecycle.derive(List.of(letter(LetterKind.QUESTIONS, SUBMITTED)));
        assertThat(state.status()).isEqualTo(Status.ASKED);
        assertThat(state.deadline()).isEqualTo(LocalDate.of(2025, 10, 10));
        assertThat(state.overdueWithoutPostponement(LocalDate.of(2025, 10, 10))).isFalse();
        assertThat(state.overdueWithoutPostponement(LocalDate.of(2025, 10, 11))).isTrue();
        assertThat(state.open()).isTrue();
    }

    @Test
    void aPostponementPushesTheDeadlineAndIsNeverOverdueWithoutPostponement() {
        State state = ZaakLifecycle.derive(List.of(letter(LetterKind.QUESTIONS, SUBMITTED),
                letter(LetterKind.POSTPONEMENT, LocalDate.of(2025, 10, 9))));
        assertThat(state.status()).isEqualTo(Status.POSTPONED);
        assertThat(state.postponed()).isTrue();
        // six weeks from submission once postponed (AnswerTerm)
        assertThat(state.deadline()).isEqualTo(LocalDate.of(2025, 10, 31));
        assertThat(state.overdueWithoutPostponement(LocalDate.of(2026, 1, 1))).isFalse();
    }

    @Test
    void theAnswerGivesTheAnsweredDateAndReplyTime() {
        State state = ZaakLifecycle.derive(List.of(letter(LetterKind.QUESTIONS, SUBMITTED),
                letter(LetterKind.POSTPONEMENT, LocalDate.of(2025, 10, 9)),
                letter(LetterKind.ANSWER, LocalDate.of(2025, 11, 21))));
        assertThat(state.status()).isEqualTo(Status.ANSWERED);
        assertThat(state.answeredDate()).isEqualTo(LocalDate.of(2025, 11, 21));
        assertThat(state.replyDays()).isEqualTo(63);
        assertThat(state.open()).isFalse();
    }

    @Test
    void aFurtherAnswerAndAWithdrawalWin() {
        assertThat(ZaakLifecycle.derive(List.of(letter(LetterKind.ANSWER, LocalDate.of(2025, 11, 21)),
                letter(LetterKind.FURTHER_ANSWER, LocalDate.of(2026, 1, 5)))).status())
                .isEqualTo(Status.FURTHER_ANSWERED);
        assertThat(ZaakLifecycle.derive(List.of(letter(LetterKind.QUESTIONS, SUBMITTED),
                letter(LetterKind.WITHDRAWAL, LocalDate.of(2025, 10, 1)))).status()).isEqualTo(Status.WITHDRAWN);
    }

    @Test
    void arrivalOrderDoesNotMatter() {
        List<LetterFacts> letters = new ArrayList<>(List.of(letter(LetterKind.ANSWER, LocalDate.of(2025, 11, 21)),
                letter(LetterKind.QUESTIONS, SUBMITTED), letter(LetterKind.POSTPONEMENT, LocalDate.of(2025, 10, 9))));
        State forward = ZaakLifecycle.derive(letters);
        Collections.reverse(letters);
        assertThat(ZaakLifecycle.derive(letters)).isEqualTo(forward);
    }

    @Test
    void aLetterDeletedAtTheSourceNoLongerCounts() {
        State state = ZaakLifecycle.derive(List.of(letter(LetterKind.QUESTIONS, SUBMITTED),
                new LetterFacts(LetterKind.ANSWER, SUBMITTED, LocalDate.of(2025, 11, 21), null, true)));
        assertThat(state.status()).isEqualTo(Status.ASKED);
        assertThat(state.answeredDate()).isNull();
    }
}
