package nl.kamerstroom.access;

/** The characters no caller-supplied name or id may contain: it is logged, listed and shown. */
public final class SafeText {

    private SafeText() {
    }

    /**
     * Control characters (line breaks included), format characters (bidi overrides, zero-width
     * marks: they make a log line or a file name read differently than it is), lone surrogates,
     * unassigned code points such as U+FFFF, and the Unicode line and paragraph separators.
     * A surrogate pair (an emoji) is one assigned code point and passes.
     */
    public static boolean isUnsafe(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.UNASSIGNED,
                    Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            default -> false;
        };
    }
}
