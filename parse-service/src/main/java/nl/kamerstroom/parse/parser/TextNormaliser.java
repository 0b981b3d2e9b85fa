package nl.kamerstroom.parse.parser;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns extracted text into {@link LetterLines}: one character repertoire, one line ending, page
 * breaks as lines of their own, Markdown mark-up removed, and running footers that the extractor
 * glued to the next line split off again.
 */
final class TextNormaliser {

    /** The typeset Aanhangsel's running footer; pypdf glues the next page's first line to it. */
    private static final Pattern AANHANGSEL_FOOTER = Pattern.compile(
            "Tweede Kamer, vergaderjaar \\d{4} ?[–-] ?\\d{4}, Aanhangsel \\d{1,3}");
    private static final String FOOTER_ANCHOR = "Tweede Kamer, vergaderjaar";

    private TextNormaliser() {
    }

    static LetterLines normalise(String raw) {
        String text = normaliseCharacters(raw);
        List<String> rawLines = splitLines(text);
        boolean markdown = MarkdownCleaner.looksLikeMarkdown(rawLines);
        List<Line> lines = new ArrayList<>(rawLines.size() + 16);
        boolean explicitPages = false;
        for (String rawLine : rawLines) {
            if (rawLine.equals("\f")) {
                lines.add(Line.pageBreak());
                explicitPages = true;
                continue;
            }
            String line = rawLine;
            if (markdown) {
                if (MarkdownCleaner.isPageRule(line)) {
                    lines.add(Line.pageBreak());
                    explicitPages = true;
                    continue;
                }
                line = MarkdownCleaner.clean(line);
            }
            explicitPages |= splitFooter(line, lines);
        }
        return new LetterLines(List.copyOf(lines), explicitPages);
    }

    /**
     * Adds the line, split around a running footer that is glued to text, and reports whether it
     * held such a footer (which marks a page end).
     */
    private static boolean splitFooter(String line, List<Line> out) {
        int anchor = line.indexOf(FOOTER_ANCHOR);
        if (anchor < 0) {
            out.add(Line.of(line));
            return false;
        }
        Matcher m = AANHANGSEL_FOOTER.matcher(line);
        if (!m.find(anchor)) {
            out.add(Line.of(line));
            return false;
        }
        String before = line.substring(0, m.start());
        String after = line.substring(m.end());
        if (!before.isBlank()) {
            out.add(Line.of(before));
        }
        out.add(Line.of(m.group()));
        if (!after.isBlank()) {
            // The text after the footer is the first line of the next page.
            out.add(Line.pageBreak());
            out.add(Line.of(after));
        }
        return true;
    }

    private static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>(Math.max(16, text.length() / 60));
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                lines.add(text.substring(start, i));
                start = i + 1;
            } else if (c == '\f') {
                if (i > start) {
                    lines.add(text.substring(start, i));
                }
                lines.add("\f");
                start = i + 1;
            }
        }
        if (start < n) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /**
     * One pass over the characters: line endings to {@code \n}, odd spaces to a plain space,
     * invisible characters dropped, ligatures spelt out, and stray spacing accents composed with
     * the letter before them ("Kostic ´" → "Kostić", "Yes¸ilgöz" → "Yeşilgöz"), which is how PDF
     * extraction renders letters it has no glyph for.
     */
    static String normaliseCharacters(String raw) {
        int n = raw.length();
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char c = raw.charAt(i);
            switch (c) {
                case '\r' -> {
                    out.append('\n');
                    if (i + 1 < n && raw.charAt(i + 1) == '\n') {
                        i++;
                    }
                }
                case '\n', '\f' -> out.append(c);
                case '\t', '\u00A0', '\u2007', '\u202F', '\u2009', '\u2002', '\u2003', '\u200A', '\u000B' ->
                        out.append(' ');
                case '\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF' -> {
                    // soft hyphen and zero-width characters: invisible in print
                }
                case '\uFB00' -> out.append("ff");
                case '\uFB01' -> out.append("fi");
                case '\uFB02' -> out.append("fl");
                case '\uFB03' -> out.append("ffi");
                case '\uFB04' -> out.append("ffl");
                case '\u00B4', '\u00B8', '\u00A8', '\u02C7', '\u02D8', '\u02DB', '\u02DA', '\u02DD' ->
                        composeSpacingAccent(out, c);
                default -> {
                    if (c < ' ' || (c >= '\u007F' && c < '\u00A0')) {
                        out.append(' ');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static void composeSpacingAccent(StringBuilder out, char accent) {
        int letterAt = out.length() - 1;
        boolean spaced = letterAt >= 0 && out.charAt(letterAt) == ' ';
        if (spaced) {
            letterAt--;
        }
        // An acute right after a letter is far more often an apostrophe ("foto´s") than an
        // accent; only the detached form "c ´" is the extractor's rendering of "ć".
        boolean mayCompose = spaced || accent != '\u00B4';
        if (mayCompose && letterAt >= 0 && Character.isLetter(out.charAt(letterAt))) {
            char combining = switch (accent) {
                case '\u00B4' -> '\u0301';
                case '\u00B8' -> '\u0327';
                case '\u00A8' -> '\u0308';
                case '\u02C7' -> '\u030C';
                case '\u02D8' -> '\u0306';
                case '\u02DB' -> '\u0328';
                case '\u02DA' -> '\u030A';
                default -> '\u030B';
            };
            String composed = Normalizer.normalize(
                    String.valueOf(out.charAt(letterAt)) + combining, Normalizer.Form.NFC);
            if (composed.length() == 1) {
                out.setLength(letterAt);
                out.append(composed);
                return;
            }
        }
        out.append(accent);
    }
}
