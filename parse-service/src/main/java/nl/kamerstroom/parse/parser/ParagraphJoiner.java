package nl.kamerstroom.parse.parser;

import java.util.BitSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Joins the lines of a question or answer into its text: the lines of a paragraph into one line
 * with single spaces, paragraphs separated by a blank line ({@code "\n\n"}). Page furniture and
 * footnote bodies between the lines are skipped. Where a page boundary falls, the text continues
 * the paragraph unless the page ended a sentence and the next starts a new one.
 *
 * <p>Footnote references that a text layer moved to a line of their own ("1, 2") or to the start
 * of the next line ("3 De wetgever …") are glued back to the word before them, as the superscripts
 * they are ("… wenselijk?»?1, 2", "… verzekerd.3 De wetgever …"), so that all letters carry their
 * references the same way. Only numbers of footnotes the letter prints, taken in their reading
 * order, are treated so; "2017 stelt dat …" stays as it is.
 */
final class ParagraphJoiner {

    /** A line holding only footnote references: "1", "1, 2", "3 4", "4.". */
    private static final Pattern REFERENCE_LINE = Pattern.compile("^\\d{1,3}(?:(?:\\s?,\\s?|\\s)\\d{1,3}){0,9}\\s?[.,;:]?$");
    private static final Pattern REFERENCE_SEPARATOR = Pattern.compile("\\s?,\\s?|\\s");

    private final ParagraphBreaks breaks;
    private final boolean explicitPages;
    private final BitSet footnoteNumbers;
    /** The footnote number a reference is expected to carry next, in reading order. */
    private int nextReference = 1;

    ParagraphJoiner(ParagraphBreaks breaks, boolean explicitPages, BitSet footnoteNumbers) {
        this.breaks = breaks;
        this.explicitPages = explicitPages;
        this.footnoteNumbers = footnoteNumbers;
    }

    /** The text of lines [from, to). Call in reading order: references are tracked across calls. */
    String join(List<Line> lines, int from, int to) {
        return join(lines, from, to, null);
    }

    /** As {@link #join(List, int, int)}, starting with {@code firstLine} (text after a heading). */
    String join(List<Line> lines, int from, int to, String firstLine) {
        return join(lines, from, to, firstLine, null);
    }

    /**
     * As {@link #join(List, int, int, String)}, telling {@code paragraphStarts} the line at which
     * each paragraph after the first begins, so that a block can be split between paragraphs.
     */
    String join(List<Line> lines, int from, int to, String firstLine, java.util.function.IntConsumer paragraphStarts) {
        StringBuilder text = new StringBuilder();
        StringBuilder paragraph = new StringBuilder();
        int blanks = 0;
        boolean whitespaceOnly = false;
        boolean crossedPage = false;
        if (firstLine != null && !firstLine.isEmpty()) {
            appendContent(paragraph, firstLine);
        }
        for (int i = from; i < to; i++) {
            Line line = lines.get(i);
            switch (line.role) {
                case BLANK -> {
                    // Blank lines after a page's footnotes or footer say nothing about paragraphs.
                    if (!crossedPage) {
                        blanks++;
                        whitespaceOnly |= line.whitespaceOnly;
                    }
                }
                case PAGE_BREAK, FURNITURE, FOOTNOTE -> crossedPage = true;
                case CONTENT -> {
                    String t = line.text;
                    if (paragraph.length() > 0 && !isReferenceLine(t) && startsNewParagraph(paragraph, t, blanks,
                            whitespaceOnly, crossedPage)) {
                        flush(text, paragraph);
                        if (paragraphStarts != null) {
                            paragraphStarts.accept(i);
                        }
                    }
                    appendContent(paragraph, t);
                    blanks = 0;
                    whitespaceOnly = false;
                    crossedPage = false;
                }
            }
        }
        flush(text, paragraph);
        return text.toString();
    }

    private boolean startsNewParagraph(CharSequence paragraph, String next, int blanks, boolean whitespaceOnly,
                                       boolean crossedPage) {
        if (crossedPage) {
            boolean sentenceBoundary = Text.endsSentence(paragraph.toString().stripTrailing()) && Text.startsUpper(next);
            if (explicitPages) {
                return sentenceBoundary;
            }
            return breaks.isBreak(blanks, whitespaceOnly) || sentenceBoundary;
        }
        return breaks.isBreak(blanks, whitespaceOnly);
    }

    /** Appends a content line, gluing leading or whole-line footnote references to the text before. */
    private void appendContent(StringBuilder paragraph, String line) {
        if (paragraph.length() > 0 && Text.startsWithDigit(line)) {
            if (isReferenceLine(line)) {
                // Printed as superscripts "1, 2" or "3 4"; written the one way the citation finder reads.
                paragraph.append(String.join(", ", REFERENCE_SEPARATOR.split(line.strip())));
                noteReferences(line);
                return;
            }
            int digits = Text.leadingDigits(line);
            if (digits <= 3 && digits < line.length() && line.charAt(digits) == ' ') {
                int number = Integer.parseInt(line.substring(0, digits));
                String rest = line.substring(digits + 1);
                if (number == nextReference && footnoteNumbers.get(number) && !rest.isEmpty()
                        && Character.isLetter(rest.charAt(0))) {
                    paragraph.append(number);
                    nextReference = number + 1;
                    appendLine(paragraph, rest);
                    noteReferences(rest);
                    return;
                }
            }
        }
        appendLine(paragraph, line);
        noteReferences(line);
    }

    private boolean isReferenceLine(String line) {
        if (!Text.startsWithDigit(line) || line.length() > 40 || !REFERENCE_LINE.matcher(line).matches()) {
            return false;
        }
        int first = Integer.parseInt(line.substring(0, Text.leadingDigits(line)));
        return footnoteNumbers.get(first) && first >= nextReference - 1;
    }

    private void noteReferences(String text) {
        if (footnoteNumbers.isEmpty()) {
            return;
        }
        if (isReferenceLineText(text)) {
            for (String part : REFERENCE_SEPARATOR.split(text.replaceAll("[.,;:]$", "").strip())) {
                String p = part.strip();
                if (Text.isDigits(p)) {
                    nextReference = Math.max(nextReference, Integer.parseInt(p) + 1);
                }
            }
            return;
        }
        Citations.findSuperscripts(text, footnoteNumbers::get, n -> nextReference = Math.max(nextReference, n + 1));
    }

    private static boolean isReferenceLineText(String text) {
        return Text.startsWithDigit(text) && text.length() <= 40 && REFERENCE_LINE.matcher(text).matches();
    }

    private static void flush(StringBuilder text, StringBuilder paragraph) {
        if (paragraph.length() == 0) {
            return;
        }
        if (text.length() > 0) {
            text.append("\n\n");
        }
        text.append(paragraph.toString().strip());
        paragraph.setLength(0);
    }

    /**
     * Appends one printed line to the text of its paragraph: with a space, or without one where
     * the line break falls inside a word or an address ("ICT-" + "problematiek",
     * "…/ruimte-en-milieu/" + "friese-ambtenaren…").
     */
    static void appendLine(StringBuilder paragraph, String line) {
        if (line.isEmpty()) {
            return;
        }
        int n = paragraph.length();
        if (n == 0) {
            paragraph.append(line);
            return;
        }
        if (paragraph.charAt(n - 1) == ' ') {
            paragraph.setLength(--n);
        }
        if (joinsWithoutSpace(paragraph, line)) {
            paragraph.append(line);
        } else {
            paragraph.append(' ').append(line);
        }
    }

    private static boolean joinsWithoutSpace(CharSequence before, String next) {
        int n = before.length();
        char last = before.charAt(n - 1);
        char first = next.charAt(0);
        if (last == '-' && n >= 2 && Character.isLetterOrDigit(before.charAt(n - 2)) && Character.isLetterOrDigit(first)) {
            return true;
        }
        if ((last == '/' || last == '-' || last == '_' || last == '=' || last == '&' || last == '%' || last == '.')
                && !Character.isUpperCase(first) && lastTokenIsAddress(before)) {
            return true;
        }
        return false;
    }

    private static boolean lastTokenIsAddress(CharSequence before) {
        int end = before.length();
        int start = end;
        while (start > 0 && !Character.isWhitespace(before.charAt(start - 1)) && end - start < 400) {
            start--;
        }
        String token = before.subSequence(start, end).toString();
        return token.contains("://") || token.contains("www.");
    }
}
