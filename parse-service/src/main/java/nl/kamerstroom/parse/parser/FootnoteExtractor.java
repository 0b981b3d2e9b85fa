package nl.kamerstroom.parse.parser;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import nl.kamerstroom.events.ParsedLetter.Footnote;

/**
 * Finds footnote bodies at the bottom of pages, marks their lines {@link Line.Role#FOOTNOTE} so
 * that they drop out of the running text, and returns them.
 *
 * <p>A footnote body is a line starting with the next footnote number ("1 Koopmans, …",
 * "3Vergelijkbare …" where the extractor lost the space), followed by the next numbers and their
 * continuation lines. What tells it from a sentence that happens to start with a number ("2017
 * stelt dat …", or a reference "3 De wetgever …" that the extractor moved to the start of a line)
 * is where the block ends:
 * <ul>
 *   <li>where the source marks pages (form feeds, running footers, Markdown rules), the block must
 *       run to the page end, with no heading and no out-of-sequence number inside;</li>
 *   <li>where it does not (a ministry letter's text layer), or where the block does not reach the
 *       page end (a PDF paginated differently from the original), the first number must be the
 *       next one expected and must have been cited as a superscript before; the block ends at a
 *       paragraph break, a heading, an indented line (the extractor's sign of a new page), the
 *       other numbering system, or a complete sentence followed by a capitalised line.</li>
 * </ul>
 *
 * <p>Two numbering systems can coexist. Ministry answer letters number their own footnotes
 * (superscripts, "1" …) and reproduce the member's questions with the member's references, printed
 * "1)"; the reference texts of the latter, when the letter includes them, follow the last answer.
 * Both are kept, told apart by their printed number: "1" and "1)".
 */
final class FootnoteExtractor {

    /** Continuation lines one footnote may have; pdf text layers give long lines, so few are needed. */
    private static final int MAX_CONTINUATION_LINES = 10;
    private static final java.util.regex.Pattern MONTH_AND_YEAR = java.util.regex.Pattern.compile(
            "(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \\d{4}");
    /** Footnotes lost in extraction may make the next printed number jump by this much. */
    private static final int MAX_NUMBER_GAP = 5;

    /** The footnotes found, and which numbers each system uses. */
    record Result(List<Footnote> footnotes, BitSet superscripts, BitSet bracketed) {
    }

    private final List<Line> lines;
    private final boolean explicitPages;
    private final ParagraphBreaks breaks;

    private FootnoteExtractor(LetterLines doc, ParagraphBreaks breaks) {
        this.lines = doc.lines();
        this.explicitPages = doc.explicitPages();
        this.breaks = breaks;
    }

    static Result extract(LetterLines doc, ParagraphBreaks breaks) {
        return new FootnoteExtractor(doc, breaks).run();
    }

    private Result run() {
        List<Entry> found = new ArrayList<>();
        BitSet citedSuperscripts = new BitSet();
        BitSet citedBracketed = new BitSet();
        int expected = 1;
        int expectedBracketed = 1;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            if (!line.isContent()) {
                continue;
            }
            String t = line.text;
            int digits = Text.leadingDigits(t);
            if (digits >= 1 && digits <= 3) {
                int number = Integer.parseInt(t.substring(0, digits));
                String rest = t.substring(digits);
                Block block = null;
                if (rest.startsWith(")")) {
                    if (number == expectedBracketed && citedBracketed.get(number) && plausibleBody(rest.substring(1).strip())) {
                        block = collect(i, number, true, explicitPages);
                        if (block == null && explicitPages) {
                            block = collect(i, number, true, false);
                        }
                    }
                } else if (number >= expected && number <= expected + MAX_NUMBER_GAP && plausibleBody(stripOneSpace(rest))) {
                    // Cited before and next in line: a footnote even where the page does not end after it
                    // (a PDF whose pages were cut elsewhere, a text layer that lost its page breaks).
                    boolean citedAndNext = number == expected && citedSuperscripts.get(number);
                    if (explicitPages) {
                        block = collect(i, number, false, true);
                    }
                    if (block == null && citedAndNext) {
                        block = collect(i, number, false, false);
                    }
                }
                if (block != null) {
                    for (int k = block.from; k <= block.to; k++) {
                        if (lines.get(k).isContent()) {
                            lines.get(k).role = Line.Role.FOOTNOTE;
                        }
                    }
                    found.addAll(block.entries);
                    int last = block.entries.get(block.entries.size() - 1).number;
                    if (block.bracketed) {
                        expectedBracketed = last + 1;
                    } else {
                        expected = last + 1;
                    }
                    i = block.to;
                    continue;
                }
            }
            Citations.findSuperscripts(t, n -> n < 1000, citedSuperscripts::set);
            Citations.findBracketed(t, n -> true, citedBracketed::set);
        }
        found.sort(Comparator.comparing((Entry e) -> e.bracketed).thenComparingInt(e -> e.number));
        List<Footnote> footnotes = new ArrayList<>(found.size());
        BitSet superscripts = new BitSet();
        BitSet bracketed = new BitSet();
        for (Entry e : found) {
            String text = e.text.toString();
            footnotes.add(new Footnote(e.bracketed ? e.number + ")" : Integer.toString(e.number), text, Urls.first(text)));
            (e.bracketed ? bracketed : superscripts).set(e.number);
        }
        return new Result(footnotes, superscripts, bracketed);
    }

    /**
     * The footnote block starting at line {@code start}, or {@code null} when it is not one.
     *
     * @param atPageEnd the block must run to the end of the page, and its end is found there;
     *                  otherwise it ends at a paragraph break, an indented line, a heading, the other
     *                  numbering system, or a complete sentence followed by a capitalised line
     */
    private Block collect(int start, int number, boolean bracketed, boolean atPageEnd) {
        List<Entry> entries = new ArrayList<>();
        Entry current = new Entry(number, bracketed, body(lines.get(start).text, bracketed));
        entries.add(current);
        String lastText = lines.get(start).text;
        int to = start;
        int blanks = 0;
        boolean whitespaceOnly = false;
        int continuation = 0;
        boolean reachedPageEnd = false;
        int j = start + 1;
        for (; j < lines.size(); j++) {
            Line line = lines.get(j);
            if (line.isBlank()) {
                blanks++;
                whitespaceOnly |= line.whitespaceOnly;
                continue;
            }
            if (!line.isContent()) {
                reachedPageEnd = true;
                break;
            }
            String t = line.text;
            if (!atPageEnd && (breaks.isBreak(blanks, whitespaceOnly) || line.indented)) {
                break;
            }
            if (HeadingRecogniser.recognise(t) != null) {
                break;
            }
            int digits = Text.leadingDigits(t);
            if (digits >= 1 && digits <= 3) {
                int next = Integer.parseInt(t.substring(0, digits));
                String rest = t.substring(digits);
                boolean restBracketed = rest.startsWith(")");
                String body = restBracketed ? rest.substring(1).strip() : stripOneSpace(rest);
                boolean nextInSequence = next == current.number + 1;
                if (restBracketed != bracketed && plausibleBody(body)) {
                    // The other numbering system starts: "4 Kamerstukken …" after the "1) …" notes.
                    break;
                }
                if (restBracketed == bracketed && (plausibleBody(body)
                        || (atPageEnd && nextInSequence && rest.startsWith(" ") && Text.startsWithDigit(body)))) {
                    if (nextInSequence) {
                        current = new Entry(next, bracketed, body);
                        entries.add(current);
                        lastText = t;
                        continuation = 0;
                        blanks = 0;
                        whitespaceOnly = false;
                        to = j;
                        continue;
                    }
                    if (atPageEnd && next <= current.number + MAX_NUMBER_GAP) {
                        // A numbered line out of sequence: these were references in the text.
                        return null;
                    }
                }
            }
            if (atPageEnd && startsWithNextNumberGluedToDigits(t, current.number + 1)) {
                // "32024D27196": footnote 3 whose text starts with digits; only at a page bottom.
                String printedNumber = Integer.toString(current.number + 1);
                current = new Entry(current.number + 1, bracketed, t.substring(printedNumber.length()));
                entries.add(current);
                lastText = t;
                continuation = 0;
                blanks = 0;
                whitespaceOnly = false;
                to = j;
                continue;
            }
            if (!atPageEnd && Text.endsSentence(lastText) && Text.startsUpper(t)) {
                break;
            }
            if (++continuation > MAX_CONTINUATION_LINES) {
                if (atPageEnd) {
                    return null;
                }
                break;
            }
            ParagraphJoiner.appendLine(current.text, t);
            lastText = t;
            blanks = 0;
            whitespaceOnly = false;
            to = j;
        }
        if (j >= lines.size()) {
            reachedPageEnd = true;
        }
        if (atPageEnd && !reachedPageEnd) {
            return null;
        }
        return new Block(start, to, bracketed, entries);
    }

    /**
     * The line is the next footnote number glued to a text that itself starts with a long number
     * ("3" + "2024D27196", "6" + "1823021 ENE N …"), not a continuation that starts with a year
     * ("2023, p. 5") or a short number ("36 410 XIV").
     */
    private static boolean startsWithNextNumberGluedToDigits(String line, int next) {
        String number = Integer.toString(next);
        if (!line.startsWith(number)) {
            return false;
        }
        String rest = line.substring(number.length());
        int digits = Text.leadingDigits(rest);
        return digits >= 4 && rest.charAt(0) != '0' && digits < rest.length()
                && (Character.isLetter(rest.charAt(digits)) || rest.charAt(digits) == ' ')
                && Text.hasLetter(rest);
    }

    private static String body(String line, boolean bracketed) {
        String rest = line.substring(Text.leadingDigits(line));
        return bracketed ? rest.substring(1).strip() : stripOneSpace(rest);
    }

    private static String stripOneSpace(String s) {
        return s.startsWith(" ") ? s.substring(1) : s;
    }

    /**
     * Footnote texts start with a word, a quote or a bracket, not with punctuation or a digit, and
     * not with a month: "2 juli 2023 (https://…)" continues the footnote before.
     */
    private static boolean plausibleBody(String body) {
        if (body.length() < 2) {
            return false;
        }
        char c = body.charAt(0);
        if (!(Character.isLetter(c) || "«\"'‘“([".indexOf(c) >= 0)) {
            return false;
        }
        return !MONTH_AND_YEAR.matcher(body).lookingAt() && HeadingRecogniser.recognise(body) == null;
    }

    private record Block(int from, int to, boolean bracketed, List<Entry> entries) {
    }

    private static final class Entry {
        final int number;
        final boolean bracketed;
        final StringBuilder text;

        Entry(int number, boolean bracketed, String first) {
            this.number = number;
            this.bracketed = bracketed;
            this.text = new StringBuilder(first);
        }
    }
}
