package nl.kamerstroom.parse.parser;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strips the Markdown that PDF-to-Markdown converters (pymupdf4llm and the like) add, so that the
 * rest of the parser sees the same plain text it would get from a PDF text layer: headings and
 * emphasis markers go, {@code -----} page rules become page breaks, footnote references
 * {@code [1 ]} become the superscript digits they stand for, and links keep their visible text.
 */
final class MarkdownCleaner {

    private static final Pattern PAGE_RULE = Pattern.compile("-{3,}|\\*{3,}|_{3,}");
    private static final Pattern HEADING_MARK = Pattern.compile("^#{1,6}\\s+");
    /** A footnote reference or superscript rendered as {@code [1 ]}, {@code [12]} or {@code [e ]}. */
    private static final Pattern SUPERSCRIPT = Pattern.compile("\\[(\\d{1,3}|[a-z]{1,2}) ?\\](?!\\()");
    private static final Pattern LINK = Pattern.compile("\\[([^\\[\\]]{0,500})\\]\\(([^()\\s]{1,1000})\\)");

    private MarkdownCleaner() {
    }

    /**
     * Markdown if at least two kinds of Markdown mark-up occur at line starts or as whole lines;
     * one kind alone (a line of dashes, a "#") can be ordinary text.
     */
    static boolean looksLikeMarkdown(List<String> lines) {
        boolean rule = false;
        boolean heading = false;
        boolean bold = false;
        int limit = Math.min(lines.size(), 5000);
        for (int i = 0; i < limit; i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            char first = line.charAt(0);
            if (first == '-' && PAGE_RULE.matcher(line).matches()) {
                rule = true;
            } else if (first == '#' && HEADING_MARK.matcher(line).find()) {
                heading = true;
            } else if (first == '*' && line.startsWith("**")) {
                bold = true;
            }
            if ((rule ? 1 : 0) + (heading ? 1 : 0) + (bold ? 1 : 0) >= 2) {
                return true;
            }
        }
        return false;
    }

    static boolean isPageRule(String line) {
        String s = line.strip();
        return !s.isEmpty() && PAGE_RULE.matcher(s).matches();
    }

    static String clean(String line) {
        String s = line;
        int hash = firstNonSpace(s);
        if (hash >= 0 && s.charAt(hash) == '#') {
            s = HEADING_MARK.matcher(s.substring(hash)).replaceFirst("");
        }
        if (s.indexOf("**") >= 0) {
            s = s.replace("**", "");
        }
        if (s.indexOf("__") >= 0) {
            s = s.replace("__", "");
        }
        if (s.indexOf('_') >= 0) {
            s = stripItalicUnderscores(s);
        }
        if (s.indexOf('[') >= 0) {
            s = replaceLinks(s);
            s = SUPERSCRIPT.matcher(s).replaceAll("$1");
        }
        return s;
    }

    /** "[www.x.nl](http://www.x.nl)" → "www.x.nl"; "[tekst](url)" → "tekst (url)". */
    private static String replaceLinks(String s) {
        Matcher m = LINK.matcher(s);
        if (!m.find()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int last = 0;
        do {
            out.append(s, last, m.start());
            String label = m.group(1);
            String url = m.group(2);
            if (url.endsWith(label) || label.isBlank()) {
                out.append(label.isBlank() ? url : label);
            } else {
                out.append(label).append(" (").append(url).append(')');
            }
            last = m.end();
        } while (m.find());
        out.append(s, last, s.length());
        return out.toString();
    }

    /** Drops underscores that open or close an italic span; keeps those inside words and URLs. */
    private static String stripItalicUnderscores(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '_') {
                boolean before = i == 0 || Character.isWhitespace(s.charAt(i - 1));
                boolean after = i + 1 == n || Character.isWhitespace(s.charAt(i + 1))
                        || ".,;:!?)»”’".indexOf(s.charAt(i + 1)) >= 0;
                if (before || after) {
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    private static int firstNonSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
