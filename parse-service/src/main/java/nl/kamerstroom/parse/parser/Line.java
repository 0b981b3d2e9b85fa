package nl.kamerstroom.parse.parser;

/**
 * One physical line of a letter after character clean-up, with what the later stages decided it
 * is. Lines are mutable only in their {@link #role}: each stage claims lines for itself (letterhead,
 * footnote bodies) so that the next stage sees only what is left.
 */
final class Line {

    /** What a line turned out to be. */
    enum Role {
        /** Running text of the letter: preamble, questions, answers. */
        CONTENT,
        /** Empty or whitespace-only; separates paragraphs depending on the letter's layout. */
        BLANK,
        /** A page boundary known from the source (form feed, Markdown rule, running footer). */
        PAGE_BREAK,
        /** Letterhead, running header or footer, page number: printed on the page, not part of the text. */
        FURNITURE,
        /** The body of a footnote at the bottom of a page. */
        FOOTNOTE
    }

    /** Trimmed, with inner runs of spaces collapsed to one. Empty for blank lines and page breaks. */
    final String text;
    /**
     * The source line started with whitespace. PDF text layers often start a page's first line
     * that way, so it is a weak sign of a page boundary where the source marks none.
     */
    final boolean indented;
    /** Blank but not empty: in double-spaced text layers only these separate paragraphs. */
    final boolean whitespaceOnly;
    Role role;

    private Line(String text, boolean indented, boolean whitespaceOnly, Role role) {
        this.text = text;
        this.indented = indented;
        this.whitespaceOnly = whitespaceOnly;
        this.role = role;
    }

    static Line of(String raw) {
        String trimmed = collapseSpaces(raw);
        if (trimmed.isEmpty()) {
            return new Line("", false, !raw.isEmpty(), Role.BLANK);
        }
        boolean indented = Character.isWhitespace(raw.charAt(0));
        return new Line(trimmed, indented, false, Role.CONTENT);
    }

    static Line pageBreak() {
        return new Line("", false, false, Role.PAGE_BREAK);
    }

    boolean isContent() {
        return role == Role.CONTENT;
    }

    boolean isBlank() {
        return role == Role.BLANK;
    }

    /** Trims and collapses every run of whitespace into a single space, in one pass. */
    static String collapseSpaces(String s) {
        int n = s.length();
        StringBuilder out = null;
        boolean pendingSpace = false;
        int start = 0;
        while (start < n && isSpace(s.charAt(start))) {
            start++;
        }
        int end = n;
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            boolean space = isSpace(c);
            if (out == null) {
                // Stay on the fast path while the line has only single plain spaces.
                if (!space || (c == ' ' && !isSpace(s.charAt(i + 1)))) {
                    continue;
                }
                out = new StringBuilder(end - start);
                out.append(s, start, i);
            }
            if (space) {
                pendingSpace = true;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out == null ? s.substring(start, end) : out.toString();
    }

    /** Whitespace, and the no-break spaces that {@link Character#isWhitespace} leaves out. */
    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\u00A0' || c == '\u2007' || c == '\u202F';
    }

    @Override
    public String toString() {
        return role + ":" + text;
    }
}
