package nl.kamerstroom.parse.pipeline;

import java.util.List;
import nl.kamerstroom.events.Official;
import nl.kamerstroom.events.ParsedLetter;

/**
 * Removes the characters that XML 1.0 cannot carry and that break JSON consumers from every text
 * field of a parsed letter, before it is published or answered: C0 controls other than tab, line
 * feed and carriage return, the noncharacters U+FFFE and U+FFFF, and surrogates that are not part
 * of a pair. Everything downstream (the store's Atom feeds, exports, webhooks) then gets text it
 * can write as it is. A letter that needs no cleaning is returned as it is.
 */
public final class CarriableText {

    private CarriableText() {
    }

    /** The letter with every text field cleaned. */
    public static ParsedLetter clean(ParsedLetter l) {
        if (l == null) {
            return null;
        }
        return new ParsedLetter(l.kind(), clean(l.documentNumber()), cleanAll(l.zaakNumbers()), clean(l.ourReference()),
                clean(l.subject()), l.submittedDate(), l.receivedDate(), l.letterDate(),
                l.askers().stream().map(m -> new ParsedLetter.Member(clean(m.name()), clean(m.party()))).toList(),
                cleanAll(l.addressees()), cleanAll(l.answeredBy()),
                l.questions().stream().map(q -> new ParsedLetter.Question(clean(q.number()), clean(q.text()),
                        cleanAll(q.footnotes()))).toList(),
                l.answers().stream().map(a -> new ParsedLetter.Answer(cleanAll(a.questionNumbers()), clean(a.text()),
                        cleanAll(a.footnotes()))).toList(),
                l.footnotes().stream().map(f -> new ParsedLetter.Footnote(clean(f.number()), clean(f.text()),
                        clean(f.url()))).toList(),
                cleanAll(l.warnings()), cleanAll(l.reviewReasons()),
                l.answeredByOfficials().stream().map(o -> new Official(clean(o.name()), clean(o.role()),
                        clean(o.portfolio()), clean(o.office()))).toList());
    }

    /** {@code text} without the characters XML and JSON cannot carry; {@code null} stays {@code null}. */
    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        int first = firstBad(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        out.append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (!bad(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static List<String> cleanAll(List<String> texts) {
        return texts.stream().map(CarriableText::clean).toList();
    }

    /** Index of the first character to remove, or -1: most texts need no copy at all. */
    private static int firstBad(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (bad(c)) {
                return i;
            }
        }
        return -1;
    }

    /** A lone char XML 1.0 does not allow (a surrogate reaching here is unpaired). */
    private static boolean bad(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == '\uFFFE' || c == '\uFFFF'
                || Character.isSurrogate(c);
    }
}
