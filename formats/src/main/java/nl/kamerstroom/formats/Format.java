package nl.kamerstroom.formats;

/** The letter formats kamerstroom reads, as {@link FormatDetector} names them. */
public enum Format {
    PDF("application/pdf"),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ODT("application/vnd.oasis.opendocument.text"),
    HTML("text/html"),
    KOOP_XML("application/xml"),
    TEXT("text/plain");

    private final String mediaType;

    Format(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The canonical media type of the format. */
    public String mediaType() {
        return mediaType;
    }
}
