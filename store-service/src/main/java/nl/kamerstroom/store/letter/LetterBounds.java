package nl.kamerstroom.store.letter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import nl.kamerstroom.events.LetterParsed;
import nl.kamerstroom.events.ParsedLetter;

/**
 * The store's boundary for labels: a value longer than its column (an office title over 300
 * characters, a member's name over 200, ...) is cut to fit, with a review reason that says what was
 * cut, instead of the database refusing the whole letter and the letter going to {@code letters.dlq}.
 * A too-long label is the parser's misreading of one line, never a reason to lose a letter's
 * questions and answers. Applied where events enter the store: the consumer's deserializer and the
 * DLQ replay.
 *
 * <p>The bounds are the columns' (migrations V1, V2); the subject's column is unbounded, but a
 * subject is shown in lists, feeds and webhooks, so it is held to {@value #SUBJECT} characters.
 * Identities (document id, zaak numbers, hashes) are not cut: two of them cut to one would merge
 * different things, so an impossible identity stays a reason to refuse the letter.
 */
public final class LetterBounds {

    /** {@code office.title VARCHAR(300)}: addressees and answerers. */
    public static final int OFFICE_TITLE = 300;
    /** {@code member.name VARCHAR(200)}. */
    public static final int MEMBER_NAME = 200;
    /** {@code member.party VARCHAR(100)}. */
    public static final int PARTY = 100;
    /** {@code letter.subject TEXT}: bounded here, not by the column. */
    public static final int SUBJECT = 2_000;
    /** {@code letter.document_number}, {@code letter.our_reference VARCHAR(100)}. */
    public static final int REFERENCE = 100;
    /** {@code question.number VARCHAR(20)}. */
    public static final int QUESTION_NUMBER = 20;
    /** {@code letter.source_id VARCHAR(200)}. */
    public static final int SOURCE_ID = 200;
    /** {@code letter.content_type VARCHAR(100)}. */
    public static final int CONTENT_TYPE = 100;
    /** {@code letter.parser_version VARCHAR(40)}. */
    public static final int PARSER_VERSION = 40;

    /** Marks a cut value, so that a reader sees it was cut (one character, counted in the bound). */
    private static final String CUT = "…";

    private LetterBounds() {
    }

    /** {@code event} itself when every label fits, else a copy with the long ones cut and a review reason each. */
    public static LetterParsed fit(LetterParsed event) {
        if (event == null || event.letter() == null) {
            return event;
        }
        List<String> reasons = new ArrayList<>();
        ParsedLetter l = event.letter();
        ParsedLetter fitted = new ParsedLetter(l.kind(),
                cut(l.documentNumber(), REFERENCE, "document number", reasons), l.zaakNumbers(),
                cut(l.ourReference(), REFERENCE, "our reference", reasons),
                cut(l.subject(), SUBJECT, "subject", reasons),
                l.submittedDate(), l.receivedDate(), l.letterDate(),
                each(l.askers(), m -> new ParsedLetter.Member(cut(m.name(), MEMBER_NAME, "asker's name", reasons),
                        cut(m.party(), PARTY, "asker's party", reasons))),
                each(l.addressees(), t -> cut(t, OFFICE_TITLE, "addressee", reasons)),
                each(l.answeredBy(), t -> cut(t, OFFICE_TITLE, "answering office", reasons)),
                each(l.questions(), q -> new ParsedLetter.Question(cut(q.number(), QUESTION_NUMBER, "question number",
                        reasons), q.text(), q.footnotes())),
                each(l.answers(), a -> new ParsedLetter.Answer(each(a.questionNumbers(),
                        n -> cut(n, QUESTION_NUMBER, "answered question number", reasons)), a.text(), a.footnotes())),
                l.footnotes(), l.warnings(), l.reviewReasons(), l.answeredByOfficials());
        String sourceId = cut(event.sourceId(), SOURCE_ID, "source id", reasons);
        String contentType = cut(event.contentType(), CONTENT_TYPE, "content type", reasons);
        String parserVersion = cut(event.parserVersion(), PARSER_VERSION, "parser version", reasons);
        if (reasons.isEmpty()) {
            return event;
        }
        List<String> review = new ArrayList<>(l.reviewReasons());
        reasons.stream().distinct().filter(r -> !review.contains(r)).forEach(review::add);
        fitted = new ParsedLetter(fitted.kind(), fitted.documentNumber(), fitted.zaakNumbers(), fitted.ourReference(),
                fitted.subject(), fitted.submittedDate(), fitted.receivedDate(), fitted.letterDate(), fitted.askers(),
                fitted.addressees(), fitted.answeredBy(), fitted.questions(), fitted.answers(), fitted.footnotes(),
                fitted.warnings(), review, fitted.answeredByOfficials());
        return new LetterParsed(event.documentId(), event.sha256(), event.source(), sourceId, contentType,
                event.fetchedAt(), event.parsedAt(), parserVersion, event.metadata(), fitted);
    }

    /**
     * {@code value} cut to {@code max} characters (code points never split), the last one
     * {@value #CUT}; adds why to {@code reasons}. Null and values that fit pass unchanged.
     */
    static String cut(String value, int max, String what, List<String> reasons) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = max - CUT.length();
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        reasons.add(what + " longer than " + max + " characters (" + value.length() + "): cut to fit");
        return value.substring(0, end).stripTrailing() + CUT;
    }

    private static <T> List<T> each(List<T> values, UnaryOperator<T> fit) {
        return values.stream().map(fit).toList();
    }
}
