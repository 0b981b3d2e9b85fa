package nl.kamerstroom.ingest.intake;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The media types ingest accepts, and how a file name maps to one (for the watched folder). */
public final class SupportedTypes {

    public static final Set<String> MEDIA_TYPES = Set.of("text/plain", "text/markdown", "application/pdf");

    private static final Map<String, String> BY_EXTENSION = Map.of(
            "txt", "text/plain",
            "text", "text/plain",
            "md", "text/markdown",
            "pdf", "application/pdf");

    private SupportedTypes() {
    }

    /** The bare media type ("text/plain; charset=utf-8" is "text/plain"), lower case. */
    public static String normalise(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    public static boolean isSupported(String contentType) {
        return MEDIA_TYPES.contains(normalise(contentType));
    }

    public static Optional<String> forFileName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_EXTENSION.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }
}
