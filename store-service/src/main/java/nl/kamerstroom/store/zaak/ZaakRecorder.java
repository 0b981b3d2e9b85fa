package nl.kamerstroom.store.zaak;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.store.letter.Letter;

/** Re-derives a zaak's lifecycle and primary letter from everything stored for it. */
@ApplicationScoped
public class ZaakRecorder {

    @jakarta.inject.Inject
    DeadlineSchedule deadlines;

    public void refresh(String number) {
        refresh(number, Letter.findByZaak(number));
    }

    /**
     * Several zaken at once: one query for all their letters (a poll touches up to hundreds).
     * {@code unflushed} are letters of this transaction the query cannot see yet; passing them
     * saves flushing the whole poll's inserts twice.
     */
    public void refreshAll(Collection<String> numbers, Collection<Letter> unflushed) {
        if (numbers.isEmpty()) {
            return;
        }
        Map<String, Letter> all = new java.util.LinkedHashMap<>();
        Letter.findByZaken(numbers).forEach(l -> all.put(l.documentId, l));
        unflushed.forEach(l -> all.putIfAbsent(l.documentId, l));
        Map<String, List<Letter>> byZaak = all.values().stream().filter(l -> l.zaak != null)
                .sorted(Comparator.comparing((Letter l) -> l.letterDate, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(l -> l.storedAt))
                .collect(Collectors.groupingBy(l -> l.zaak.number));
        numbers.forEach(n -> refresh(n, byZaak.getOrDefault(n, List.of())));
    }

    private void refresh(String number, List<Letter> letters) {
        Zaak zaak = Zaak.findById(number);
        if (zaak == null) {
            return;
        }
        List<ZaakLifecycle.LetterFacts> facts = letters.stream().map(ZaakRecorder::facts).toList();
        ZaakLifecycle.State state = ZaakLifecycle.derive(facts);
        zaak.apply(state);
        // the term's facts in the zaak's row (the figures read them) and its time-driven events planned
        AnswerTerm.Facts term = ZaakLifecycle.facts(state.submittedDate(),
                facts.stream().filter(f -> !f.deleted()).toList());
        zaak.applyTerm(term);
        deadlines.plan(number, term);
        Optional<Letter> primary = primary(letters);
        zaak.primaryLetterId = primary.map(l -> l.id).orElse(null);
        zaak.subject = primary.map(l -> l.subject).orElse(null);
        zaak.updatedAt = Instant.now();
    }

    /**
     * The letter that stands for the zaak: one with questions, an answer before the questions
     * alone (it repeats them and adds the answers), the newest of those; else the newest letter.
     * A notice that reprints the questions (a postponement, a withdrawal, any other Mededeling) never
     * stands for the zaak: only letters that ask or answer them do,
     * and of two copies of one document the XML's reading counts ({@link Letter#supersededBy}).
     */
    public static Optional<Letter> primary(List<Letter> letters) {
        Comparator<Letter> preference = Comparator
                .comparing((Letter l) -> l.deletedAt == null)
                .thenComparing(l -> !l.questions.isEmpty() && asksOrAnswers(l.kind))
                .thenComparing(l -> l.supersededBy == null)
                .thenComparing(l -> l.kind == LetterKind.ANSWER || l.kind == LetterKind.FURTHER_ANSWER)
                .thenComparing(l -> l.updatedAt);
        return letters.stream().max(preference);
    }

    private static boolean asksOrAnswers(LetterKind kind) {
        return kind == LetterKind.QUESTIONS || kind == LetterKind.ANSWER || kind == LetterKind.FURTHER_ANSWER;
    }

    static ZaakLifecycle.LetterFacts facts(Letter l) {
        return new ZaakLifecycle.LetterFacts(l.kind, l.submittedDate, l.letterDate, l.receivedDate, l.deletedAt != null);
    }
}
