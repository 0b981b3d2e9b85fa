package nl.kamerstroom.ingest.intake;

/**
 * Caller-supplied text (a file name from the folder, a value in a refused request) made safe for a
 * log line: control, format and line-separator characters are escaped as {@code \\uXXXX}, so one
 * value can never forge a second log line, and the length is capped.
 */
public final class LogSafe {

    private static final int MAX_LOGGED_CODE_POINTS = 200;

    private LogSafe() {
    }

    public static String quote(String value) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder().append('\'');
        int[] codePoints = value.codePoints().limit(MAX_LOGGED_CODE_POINTS).toArray();
        for (int cp : codePoints) {
            if (cp == '\\' || cp == '\'' || UploadText.isUnsafe(cp)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        }
        if (value.codePointCount(0, value.length()) > MAX_LOGGED_CODE_POINTS) {
            out.append("…(").append(value.length()).append(" chars)");
        }
        return out.append('\'').toString();
    }
}
