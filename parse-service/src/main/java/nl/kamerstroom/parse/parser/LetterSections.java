package nl.kamerstroom.parse.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts the letter's remaining lines into its parts: the preamble before the first heading (cover
 * letter, the questions' header), one block per "Vraag …" / "Antwoord …" heading, and a trailer
 * after the last block (a "Toelichting" to the questions, a closing signature).
 */
final class LetterSections {

    /** A question or answer block: its heading and the lines [from, to) after it. */
    record Block(Heading heading, int headingLine, int from, int to) {

        Block withRange(int newFrom, int newTo) {
            return new Block(heading, headingLine, newFrom, newTo);
        }
    }

    /**
     * @param preambleEnd lines [0, preambleEnd) come before the first heading
     * @param blocks      in reading order
     * @param trailers    line ranges after the blocks, as {from, to} pairs
     */
    record Sections(int preambleEnd, List<Block> blocks, List<int[]> trailers) {
    }

    private static final Pattern EXPLANATION = Pattern.compile("^Toelichting\\s*:?(?:\\s.*)?$");
    /**
     * "Mededeling", "Mededeling (uitstel antwoord)", "Mededeling van Minister X (ontvangen …)": an
     * Aanhangsel notice after the reprinted questions. It ends the last question, so that the
     * notice is not read as part of what was asked.
     */
    static final Pattern NOTICE = Pattern.compile("^Mededeling(?:\\s*[:(].*|\\s+van\\s.*)?$");
    /** "De Minister van Justitie en Veiligheid," "de staatssecretaris …," closing a letter. */
    static final Pattern SIGNATURE = Pattern.compile(
            "^(?:[Dd]e |)(?:[Mm]inister(?:-[Pp]resident)?|[Ss]taatssecretaris)\\b[^.;:]{0,150},$");
    /** How many lines a closing signature block may have (title, name, a second signatory). */
    private static final int SIGNATURE_LINES = 6;

    private LetterSections() {
    }

    static Sections cut(List<Line> lines) {
        Sections byHeadings = cut(lines, (i, text) -> {
            Heading heading = HeadingRecogniser.recognise(text);
            return heading != null ? heading : headingAfterReference(text);
        });
        if (!byHeadings.blocks().isEmpty()) {
            return byHeadings;
        }
        Sections byNumbers = cut(lines, new NumberedQuestions(lines));
        return byNumbers.blocks().isEmpty() ? byHeadings : byNumbers;
    }

    /** Which heading, if any, line {@code i} with this text is. Called in reading order. */
    private interface HeadingSource {
        Heading headingAt(int i, String text);
    }

    private static Sections cut(List<Line> lines, HeadingSource headings) {
        List<Block> blocks = new ArrayList<>();
        List<int[]> trailers = new ArrayList<>();
        int preambleEnd = lines.size();
        Heading open = null;
        int openLine = -1;
        int trailerFrom = -1;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            if (!line.isContent()) {
                continue;
            }
            Heading heading = headings.headingAt(i, line.text);
            if (heading != null && heading.numberless() && open == null && blocks.isEmpty()) {
                // A bare "Antwoord" means a lost number only in a letter that numbers its headings.
                heading = null;
            }
            if (heading != null) {
                if (open != null) {
                    blocks.add(new Block(open, openLine, openLine + 1, i));
                } else if (trailerFrom >= 0) {
                    trailers.add(new int[] {trailerFrom, i});
                    trailerFrom = -1;
                } else if (blocks.isEmpty()) {
                    preambleEnd = i;
                }
                open = heading;
                openLine = i;
                continue;
            }
            if (open != null && (EXPLANATION.matcher(line.text).matches() || NOTICE.matcher(line.text).matches()
                    || closesLetter(lines, i))) {
                blocks.add(new Block(open, openLine, openLine + 1, i));
                open = null;
                trailerFrom = i;
            }
        }
        if (open != null) {
            blocks.add(new Block(open, openLine, openLine + 1, lines.size()));
        } else if (trailerFrom >= 0) {
            trailers.add(new int[] {trailerFrom, lines.size()});
        }
        return new Sections(preambleEnd, blocks, trailers);
    }

    /**
     * The question letter as the Tweede Kamer publishes it: after "Vragen van … (ingezonden …)"
     * each question is headed by its number alone on a line ("1", "2", …). Only numbers in strict
     * sequence from 1 count, and only after such a header, so that page numbers and list items
     * elsewhere do not.
     */
    private static final class NumberedQuestions implements HeadingSource {
        private static final Pattern NUMBER_LINE = Pattern.compile("^(\\d{1,2})\\.?$");
        private final int headerLine;
        private int expected = 1;

        NumberedQuestions(List<Line> lines) {
            int found = -1;
            for (int i = 0; i < lines.size() && i < 400; i++) {
                Line line = lines.get(i);
                if (line.isContent() && line.text.contains("(ingezonden")) {
                    found = i;
                    break;
                }
            }
            this.headerLine = found;
        }

        @Override
        public Heading headingAt(int i, String text) {
            if (headerLine < 0 || i <= headerLine || text.length() > 3 || !Text.startsWithDigit(text)) {
                return null;
            }
            java.util.regex.Matcher m = NUMBER_LINE.matcher(text);
            if (!m.matches() || Integer.parseInt(m.group(1)) != expected) {
                return null;
            }
            expected++;
            return new Heading(Heading.Kind.QUESTION, List.of(m.group(1)), text, "");
        }
    }

    /**
     * "1 Antwoord 1 Ja.": a reference number that a text layer put before the next heading. The
     * number is dropped; it is a superscript at the end of the text before.
     */
    private static Heading headingAfterReference(String text) {
        int digits = Text.leadingDigits(text);
        if (digits == 0 || digits > 3 || digits + 1 >= text.length() || text.charAt(digits) != ' ') {
            return null;
        }
        return HeadingRecogniser.recognise(text.substring(digits + 1));
    }

    /** A signature line followed by no more than a name or two up to the end of the letter. */
    private static boolean closesLetter(List<Line> lines, int i) {
        Line line = lines.get(i);
        if (line.text.length() > 160 || !SIGNATURE.matcher(line.text).matches()) {
            return false;
        }
        int remaining = 0;
        for (int k = i + 1; k < lines.size(); k++) {
            if (lines.get(k).isContent()) {
                if (++remaining > SIGNATURE_LINES || HeadingRecogniser.recognise(lines.get(k).text) != null) {
                    return false;
                }
            }
        }
        return true;
    }
}
