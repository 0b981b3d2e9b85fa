package nl.kamerstroom.parse.parser;

import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;

/**
 * Finds footnote references in running text. Letters use two systems:
 * <ul>
 *   <li>superscript numbers, which a text layer glues to the word or punctuation before them:
 *       "Justitiële Ketens.1", "informatievoorziening van het OM.4", "rijksambtenaren9", and,
 *       after a year, "juli 20251" (the year 2025, footnote 1);</li>
 *   <li>"N)" after a space, the style of the questions as the member submitted them: "… 1) Maar
 *       dat", "… 2024) 3)". Only a closing bracket without an opening one counts, so "(nr. 9)" is
 *       not a reference.</li>
 * </ul>
 */
final class Citations {

    /** Abbreviations that a number follows after a full stop: "nr.5", "p.3" are not references. */
    private static final Set<String> NUMBERED_ABBREVIATIONS = Set.of(
            "nr", "nrs", "no", "art", "p", "pp", "blz", "lid", "par", "hfdst", "vgl", "jl", "sub", "ca");

    private Citations() {
    }

    /** Reports each superscript reference whose number {@code known} accepts, in text order. */
    static void findSuperscripts(CharSequence text, IntPredicate known, IntConsumer sink) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                i++;
                continue;
            }
            int start = i;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
            }
            int end = i;
            if (end - start > 7 || !endsToken(text, end)) {
                continue;
            }
            int number = superscriptAt(text, start, end);
            if (number > 0 && known.test(number)) {
                sink.accept(number);
                i = continueList(text, end, number, known, sink);
            }
        }
    }

    /** Reports each "N)" reference whose number {@code accept} takes, in text order. */
    static void findBracketed(CharSequence text, IntPredicate accept, IntConsumer sink) {
        int depth = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth > 0) {
                    depth--;
                    continue;
                }
                int start = i;
                while (start > 0 && Character.isDigit(text.charAt(start - 1)) && i - start < 3) {
                    start--;
                }
                int digits = i - start;
                if (digits >= 1 && digits <= 2 && (start == 0 || Character.isWhitespace(text.charAt(start - 1)))) {
                    int number = Integer.parseInt(text.subSequence(start, i).toString());
                    if (number > 0 && accept.test(number)) {
                        sink.accept(number);
                    }
                }
            }
        }
    }

    /**
     * The footnote number a digit run at [start, end) stands for when it is a superscript glued to
     * what precedes it; 0 when it is an ordinary number.
     */
    private static int superscriptAt(CharSequence text, int start, int end) {
        if (start == 0) {
            return 0;
        }
        char before = text.charAt(start - 1);
        int length = end - start;
        if (Character.isWhitespace(before)) {
            // "20251": a year with the footnote number glued on.
            if (length >= 5 && length <= 7) {
                int year = Integer.parseInt(text.subSequence(start, start + 4).toString());
                if (year >= 1900 && year <= 2099 && text.charAt(start + 4) != '0') {
                    return length - 4 > 3 ? 0 : Integer.parseInt(text.subSequence(start + 4, end).toString());
                }
            }
            return 0;
        }
        if (length > 3) {
            return 0;
        }
        int number = Integer.parseInt(text.subSequence(start, end).toString());
        if (Character.isLetter(before)) {
            // A word with the number glued on ("rijksambtenaren9", "WUR5"): at least three letters,
            // so that "m2", "km2", "CO2" and "G20" stay what they are.
            return start >= 3 && Character.isLetter(text.charAt(start - 2)) && Character.isLetter(text.charAt(start - 3))
                    ? number : 0;
        }
        if (".,;:?!)»”’\"'".indexOf(before) >= 0) {
            if (start >= 2) {
                char prior = text.charAt(start - 2);
                // "1.000", "2,5": a number, not a reference.
                if ((before == '.' || before == ',' || before == ':') && Character.isDigit(prior)) {
                    return 0;
                }
                if (before == '.' && NUMBERED_ABBREVIATIONS.contains(wordBefore(text, start - 1))) {
                    return 0;
                }
            }
            return number;
        }
        return 0;
    }

    /** After "…?1" a list may follow: ", 2" or ",2". */
    private static int continueList(CharSequence text, int from, int previous, IntPredicate known, IntConsumer sink) {
        int i = from;
        int n = text.length();
        while (i < n && text.charAt(i) == ',') {
            int j = i + 1;
            if (j < n && text.charAt(j) == ' ') {
                j++;
            }
            int start = j;
            while (j < n && j - start < 3 && Character.isDigit(text.charAt(j))) {
                j++;
            }
            if (j == start || !endsToken(text, j)) {
                break;
            }
            int number = Integer.parseInt(text.subSequence(start, j).toString());
            if (number != previous + 1 || !known.test(number)) {
                break;
            }
            sink.accept(number);
            previous = number;
            i = j;
        }
        return i;
    }

    private static boolean endsToken(CharSequence text, int end) {
        if (end >= text.length()) {
            return true;
        }
        char c = text.charAt(end);
        return Character.isWhitespace(c) || ",.;:!?)".indexOf(c) >= 0;
    }

    private static String wordBefore(CharSequence text, int dot) {
        int start = dot;
        while (start > 0 && Character.isLetter(text.charAt(start - 1)) && dot - start < 8) {
            start--;
        }
        return text.subSequence(start, dot).toString().toLowerCase(java.util.Locale.ROOT);
    }
}
