package nl.kamerstroom.ingest.intake;

/** The characters no caller-supplied name or id may contain. */
public final class UploadText {

    private UploadText() {
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

    /** The first unsafe code point, or -1. */
    public static int firstUnsafe(String value) {
        return value.codePoints().filter(UploadText::isUnsafe).findFirst().orElse(-1);
    }
}
