package nl.kamerstroom.ingest.intake;

import nl.kamerstroom.access.SafeText;

/** The characters no caller-supplied name or id may contain ({@link SafeText}). */
public final class UploadText {

    private UploadText() {
    }

    public static boolean isUnsafe(int codePoint) {
        return SafeText.isUnsafe(codePoint);
    }

    /** The first unsafe code point, or -1. */
    public static int firstUnsafe(String value) {
        return value.codePoints().filter(UploadText::isUnsafe).findFirst().orElse(-1);
    }
}
