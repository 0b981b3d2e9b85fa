package nl.kamerstroom.parse.parser;

import java.util.List;
import java.util.regex.Pattern;
import nl.kamerstroom.events.LetterKind;

/**
 * What kind of letter this is. Headings decide first: answers make an answer, questions alone make
 * the questions. A letter without headings is a postponement or a withdrawal only when it speaks
 * of questions by a member and says so in so many words; anything else (a memo that mentions
 * "Kamervragen" in passing) is {@link LetterKind#OTHER}.
 */
final class KindClassifier {

    private static final Pattern FURTHER_ANSWER = Pattern.compile(
            "(?i)\\b(?:nader(?:e)? antwoord(?:en)?|aanvullend(?:e)? antwoord(?:en)?|nadere beantwoording|aanvullende beantwoording)\\b");
    /** "vragen van het lid X", "door het lid X (P) vragen gesteld", "het lid X trekt zijn vragen in". */
    private static final Pattern MEMBERS_QUESTIONS = Pattern.compile(
            "(?i)vragen (?:van|gesteld door) (?:het (?:kamer)?lid|de (?:kamer)?leden)|(?:het (?:kamer)?lid|de (?:kamer)?leden) [^.]{0,160}?vragen");
    private static final Pattern POSTPONEMENT = Pattern.compile(
            "(?i)uitstel (?:van )?(?:de )?beantwoording|niet binnen de (?:gebruikelijke |gestelde )?termijn(?: van drie weken)? (?:worden |kunnen worden )?beantwoord|kunnen niet binnen de (?:gebruikelijke |gestelde )?termijn");
    private static final Pattern WITHDRAWAL = Pattern.compile(
            "(?i)(?:vragen|kamervragen)[^.]{0,200}\\bingetrokken|\\btrek(?:t|ken)?\\b[^.]{0,80}\\bvragen\\b[^.]{0,250}\\bin\\.|intrekking (?:van )?(?:de )?(?:schriftelijke )?(?:kamer)?vragen");
    /** Only the start of a letter says what it is; bound the work on long documents. */
    private static final int LOOK = 6000;

    private KindClassifier() {
    }

    /**
     * @param betreft the letterhead's "Betreft", which often says "Nadere beantwoording …" or
     *                "Uitstel beantwoording …" where the text does not
     */
    static LetterKind classify(int questions, int answers, String preamble, String betreft, List<String> warnings) {
        String head = (betreft == null ? "" : betreft + "\n\n")
                + (preamble.length() > LOOK ? preamble.substring(0, LOOK) : preamble);
        if (answers > 0) {
            return FURTHER_ANSWER.matcher(head).find() ? LetterKind.FURTHER_ANSWER : LetterKind.ANSWER;
        }
        boolean answerHeader = head.contains("Antwoord van ") || head.contains("worden beantwoord zoals");
        if (questions > 0) {
            if (answerHeader) {
                warnings.add("the letter presents answers, but no answer heading was found");
                return LetterKind.ANSWER;
            }
            return LetterKind.QUESTIONS;
        }
        if (MEMBERS_QUESTIONS.matcher(head).find()) {
            if (POSTPONEMENT.matcher(head).find()) {
                return LetterKind.POSTPONEMENT;
            }
            if (WITHDRAWAL.matcher(head).find()) {
                return LetterKind.WITHDRAWAL;
            }
            if (answerHeader) {
                warnings.add("the letter presents answers, but no question or answer heading was found");
                return LetterKind.ANSWER;
            }
            if (head.contains("(ingezonden")) {
                // It introduces questions the way question and answer letters do, yet none were found.
                warnings.add("the letter introduces questions by members, but no question or answer heading was found");
            }
        }
        return LetterKind.OTHER;
    }
}
