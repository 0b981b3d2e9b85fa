package nl.kamerstroom.formats;

/** The bytes are not XML {@link HardenedXml} accepts: malformed, or over one of its {@link XmlLimits}. */
public final class XmlRefusedException extends Exception {

    XmlRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
