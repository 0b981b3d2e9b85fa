package nl.kamerstroom.formats;

/**
 * Why content is not a letter format we read, in words an operator can act on. {@link #unsupported()}
 * tells a format we do not read at all (a legacy .doc, RTF, a spreadsheet) from content that claims
 * a format we read but is broken (a "PDF" without {@code %PDF-}, a damaged ZIP).
 */
public final class FormatException extends Exception {

    private final boolean unsupported;

    FormatException(String message, boolean unsupported, Throwable cause) {
        super(message, cause);
        this.unsupported = unsupported;
    }

    static FormatException unsupported(String message) {
        return new FormatException(message, true, null);
    }

    static FormatException broken(String message) {
        return new FormatException(message, false, null);
    }

    /** True when the format is not one we read at all, false when the content is broken. */
    public boolean unsupported() {
        return unsupported;
    }
}
