package nl.kamerstroom.events;

import java.time.LocalDate;
import java.util.List;

/**
 * {@value EventTypes#QUESTION_PARSED} on {@value EventTypes#TOPIC_QUESTIONS_PARSED}, keyed like
 * {@link LetterParsed}: one question with its answer, self-contained for subscribers that want
 * single questions rather than whole letters.
 *
 * @param documentId      the letter it came from
 * @param sha256          the letter's content hash
 * @param zaakNumber      the letter's primary zaak, if any
 * @param kind            the letter's kind
 * @param subject         the letter's subject
 * @param letterDate      the letter's date
 * @param submittedDate   when the question was submitted
 * @param askers          who asked
 * @param addressees      whom it was addressed to
 * @param position        1-based position of the question in the letter
 * @param questionCount   how many questions the letter has
 * @param number          the printed question number
 * @param text            the question's text
 * @param answerNumbers   the question numbers the answer covers ("7", "8"), empty when unanswered
 * @param answerText      the answer's text, {@code null} when unanswered
 */
public record QuestionParsed(
        String documentId,
        String sha256,
        String zaakNumber,
        LetterKind kind,
        String subject,
        LocalDate letterDate,
        LocalDate submittedDate,
        List<ParsedLetter.Member> askers,
        List<String> addressees,
        int position,
        int questionCount,
        String number,
        String text,
        List<String> answerNumbers,
        String answerText) {

    /** One event per question of the letter, in printed order. */
    public static List<QuestionParsed> of(LetterParsed event) {
        ParsedLetter l = event.letter();
        List<ParsedLetter.Question> questions = l.questions();
        return java.util.stream.IntStream.range(0, questions.size()).mapToObj(i -> {
            ParsedLetter.Question q = questions.get(i);
            ParsedLetter.Answer a = l.answerTo(q.number());
            return new QuestionParsed(event.documentId(), event.sha256(), l.primaryZaak(), l.kind(), l.subject(),
                    l.letterDate(), l.submittedDate(), l.askers(), l.addressees(), i + 1, questions.size(),
                    q.number(), q.text(), a == null ? List.of() : a.questionNumbers(), a == null ? null : a.text());
        }).toList();
    }
}
