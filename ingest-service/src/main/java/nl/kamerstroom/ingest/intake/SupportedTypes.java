package nl.kamerstroom.ingest.intake;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The media types ingest accepts, and how a file name maps to one (for the watched folder). */
public final class SupportedTypes {

    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String ODT = "application/vnd.oasis.opendocument.text";

    /** Everything parse-service reads (it detects the format from the content as well). */
    public static final Set<String> MEDIA_TYPES = Set.of("text/plain", "text/markdown", "application/pdf", DOCX, ODT,
            "text/html", "application/xhtml+xml", "application/xml", "text/xml");

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("txt", "text/plain"),
            Map.entry("text", "text/plain"),
            Map.entry("md", "text/markdown"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("docx", DOCX),
            Map.entry("odt", ODT),
            Map.entry("html", "text/html"),
            Map.entry("htm", "text/html"),
            Map.entry("xhtml", "application/xhtml+xml"),
            Map.entry("xml", "application/xml"));

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
