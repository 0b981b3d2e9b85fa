package nl.kamerstroom.parse.read;

import nl.kamerstroom.formats.HardenedXml;
import nl.kamerstroom.formats.XmlLimits;
import nl.kamerstroom.formats.XmlRefusedException;
import org.w3c.dom.Document;

/**
 * Why a letter could not be read, in words an operator can act on. {@link #unsupported()} tells
 * a format we do not read at all (HTTP 415, DLQ reason {@code UnsupportedFormat}) from content
 * that claims a format we read but is broken, encrypted, hostile or too large (HTTP 422, DLQ reason
 * {@code UnreadableContent}).
 */
public final class ReadException extends Exception {

    private final boolean unsupported;

    private ReadException(String message, boolean unsupported, Throwable cause) {
        super(message, cause);
        this.unsupported = unsupported;
    }

    /** A format we do not read (legacy .doc, RTF, images, other archives). */
    public static ReadException unsupported(String message) {
        return new ReadException(message, true, null);
    }

    /** Content in a format we read that cannot be read: broken, encrypted, hostile, too large. */
    public static ReadException unreadable(String message) {
        return new ReadException(message, false, null);
    }

    public static ReadException unreadable(String message, Throwable cause) {
        return new ReadException(message, false, cause);
    }

    /** True when the format is not one we read at all, false when the content is broken. */
    public boolean unsupported() {
        return unsupported;
    }

    /** {@code xml} parsed by the one hardened parser; what it refuses is unreadable, the reason names {@code what}. */
    static Document xml(byte[] xml, XmlLimits limits, String what) throws ReadException {
        try {
            return HardenedXml.parse(xml, limits);
        } catch (XmlRefusedException e) {
            throw unreadable(what + " is " + e.getMessage(), e);
        }
    }
}
