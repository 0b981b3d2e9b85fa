package nl.kamerstroom.parse.parser;

import java.util.List;
import java.util.regex.Pattern;
import nl.kamerstroom.events.LetterKind;

/**
 * What kind of letter this is. Headings decide first: answers make an answer. Questions alone make
 * the questions, unless the letter is a notice about them: an Aanhangsel "Mededeling" or a
 * ministry's letter that reprints the questions only to say that they will be answered late
 * ({@link LetterKind#POSTPONEMENT}), are withdrawn or "als ingetrokken beschouwd"
 * ({@link LetterKind#WITHDRAWAL}), or were answered elsewhere ({@link LetterKind#NOTICE}). Such a
 * letter neither asks nor answers, so it must not count as the zaak's questions. Only text
 * outside the questions decides that (the header before them, a notice after them), never what
 * the member asked. A letter without headings is a postponement or a withdrawal only when it
 * speaks of questions by a member and says so in so many words; anything else (a memo that
 * mentions "Kamervragen" in passing) is {@link LetterKind#OTHER}.
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
    /**
     * Withdrawal in words that only a notice uses: a subject or a question may well say
     * "ingetrokken" ("over de ingetrokken vergunning"), a notice says the questions are.
     */
    private static final Pattern STATED_WITHDRAWAL = Pattern.compile(
            "(?i)als ingetrokken\\s+(?:te\\s+)?(?:worden\\s+|zijn\\s+)?beschouwd"
                    + "|(?:de|deze|zijn|haar|hun) (?:schriftelijke )?(?:kamer)?vragen\\s+(?:zijn|worden|is)\\s+(?:door [^.]{0,80}?\\s+)?ingetrokken"
                    + "|(?:heeft|hebben) (?:zijn|haar|hun|de(?:ze)?) (?:schriftelijke )?(?:kamer)?vragen\\s+(?:[^.]{0,80}?\\s+)?ingetrokken"
                    + "|intrekking (?:van )?(?:de|zijn|haar|hun) (?:schriftelijke )?(?:kamer)?vragen");
    /** "Mededeling (uitstel antwoord)", "uitstelbericht", besides the postponement sentences. */
    private static final Pattern STATED_POSTPONEMENT = Pattern.compile("(?i)\\buitstel (?:van (?:het )?)?antwoord|\\buitstelbericht");
    /** Answered elsewhere: "zijn beantwoord bij brief van …", "worden beantwoord in de brief …". */
    private static final Pattern ANSWERED_ELSEWHERE = Pattern.compile(
            "(?i)\\b(?:zijn|is|worden|wordt)\\s+(?:reeds\\s+|al\\s+)?beantwoord\\s+(?:bij|in|met|via)\\s+(?:de\\s+|een\\s+)?(?:brief|kamerbrief|antwoord)"
                    + "|\\bbeantwoording (?:van deze vragen )?(?:vindt plaats|is opgenomen) (?:bij|in)");
    /** A "Mededeling" heading line in the header or after the questions. */
    private static final Pattern NOTICE_HEADING = Pattern.compile("(?m)^Mededeling(?:\\s*[:(].*|\\s+van\\s.*)?$");
    /** Only the start of a letter says what it is; bound the work on long documents. */
    private static final int LOOK = 6000;

    private KindClassifier() {
    }

    /**
     * The kind of notice the text outside the questions states, or null: a "Mededeling" heading
     * or a sentence only a notice writes makes one; what it says decides which.
     */
    private static LetterKind noticeKind(int questions, String head, List<String> trailers) {
        StringBuilder outside = new StringBuilder(head);
        for (String trailer : trailers) {
            if (outside.length() >= 2 * LOOK) {
                break;
            }
            outside.append("\n\n").append(trailer, 0, Math.min(trailer.length(), LOOK));
        }
        String text = outside.toString();
        boolean mededeling = NOTICE_HEADING.matcher(text).find();
        if (questions == 0 && !MEMBERS_QUESTIONS.matcher(text).find()) {
            // Not about a member's questions: a memo that mentions a postponement in passing, or a
            // "Mededeling" about something else.
            return null;
        }
        if (STATED_POSTPONEMENT.matcher(text).find() || POSTPONEMENT.matcher(text).find()) {
            return LetterKind.POSTPONEMENT;
        }
        if (STATED_WITHDRAWAL.matcher(text).find()) {
            return LetterKind.WITHDRAWAL;
        }
        if (mededeling || ANSWERED_ELSEWHERE.matcher(text).find()) {
            return LetterKind.NOTICE;
        }
        return null;
    }

    /** The questions' header says answers follow: "Antwoord van Minister X", "worden beantwoord zoals …". */
    static boolean presentsAnswers(String head) {
        return head.contains("Antwoord van ") || head.contains("worden beantwoord zoals");
    }

    /**
     * @param betreft the letterhead's "Betreft", which often says "Nadere beantwoording …" or
     *                "Uitstel beantwoording …" where the text does not
     */
    static LetterKind classify(int questions, int answers, String preamble, String betreft, List<String> warnings) {
        return classify(questions, answers, preamble, List.of(), betreft, warnings);
    }

    /**
     * @param trailers text after the questions (a "Mededeling" the sections cut off from the
     *                 last question, a "Toelichting", a closing)
     */
    static LetterKind classify(int questions, int answers, String preamble, List<String> trailers, String betreft,
                               List<String> warnings) {
        String head = (betreft == null ? "" : betreft + "\n\n")
                + (preamble.length() > LOOK ? preamble.substring(0, LOOK) : preamble);
        if (answers > 0) {
            return FURTHER_ANSWER.matcher(head).find() ? LetterKind.FURTHER_ANSWER : LetterKind.ANSWER;
        }
        boolean answerHeader = presentsAnswers(head);
        LetterKind notice = noticeKind(questions, head, trailers);
        if (notice != null) {
            return notice;
        }
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
