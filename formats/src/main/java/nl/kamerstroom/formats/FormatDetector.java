package nl.kamerstroom.formats;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The one place that knows letter formats, for ingest and parse alike. {@link #detect} decides the
 * format from the content: magic bytes ({@code %PDF-}, a ZIP holding {@code word/document.xml} or
 * an OpenDocument text {@code mimetype}), the root element of markup ({@code <html>},
 * {@code <kamervragen>}, {@code <officiele-publicatie>}); the declared type only breaks ties (text
 * that could be either) and names what the bytes failed to be. {@link #MEDIA_TYPES} and
 * {@link #forFileName} say which declared types and file names are letters at all.
 */
public final class FormatDetector {

    private static final int SNIFF = 8 * 1024;
    private static final int MAX_ZIP_ENTRIES = 10_000;
    /**
     * Bytes the ZIP sniff may inflate while it looks for the part that names the format (it inflates
     * the entries before that part to skip them): a zip bomb placed first ends the sniff, not the heap.
     */
    static final long MAX_SNIFF_INFLATED_BYTES = 64L * 1024 * 1024;

    /** Every media type a letter may be declared as (the content decides the format in the end). */
    public static final Set<String> MEDIA_TYPES = Set.of("text/plain", "text/markdown", Format.PDF.mediaType(),
            Format.DOCX.mediaType(), Format.ODT.mediaType(), "text/html", "application/xhtml+xml", "application/xml",
            "text/xml");

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("txt", "text/plain"),
            Map.entry("text", "text/plain"),
            Map.entry("md", "text/markdown"),
            Map.entry("pdf", Format.PDF.mediaType()),
            Map.entry("docx", Format.DOCX.mediaType()),
            Map.entry("odt", Format.ODT.mediaType()),
            Map.entry("html", "text/html"),
            Map.entry("htm", "text/html"),
            Map.entry("xhtml", "application/xhtml+xml"),
            Map.entry("xml", "application/xml"));

    private FormatDetector() {
    }

    /** The bare media type ("text/plain; charset=utf-8" is "text/plain"), lower case; null stays null. */
    public static String normalise(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** Whether a declared Content-Type is one a letter may come as. */
    public static boolean isSupported(String contentType) {
        return MEDIA_TYPES.contains(normalise(contentType));
    }

    /** The media type a file name's extension stands for, if it is a letter format. */
    public static Optional<String> forFileName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_EXTENSION.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }

    /** The format of the content; {@code declaredType} is the Content-Type as declared, possibly null. */
    public static Format detect(byte[] content, String declaredType) throws FormatException {
        String media = declaredType == null ? "" : normalise(declaredType);

        if (startsWith(content, 0, "%PDF-")) {
            return Format.PDF;
        }
        if (startsWith(content, 0, "PK\u0003\u0004")) {
            return zip(content, media);
        }
        if (content.length >= 4 && (content[0] & 0xFF) == 0xD0 && (content[1] & 0xFF) == 0xCF
                && (content[2] & 0xFF) == 0x11 && (content[3] & 0xFF) == 0xE0) {
            throw FormatException.unsupported("a legacy binary Office document (.doc); send it as DOCX, ODT or PDF");
        }
        if (startsWith(content, 0, "{\\rtf")) {
            throw FormatException.unsupported("an RTF document; send it as DOCX, ODT or PDF");
        }
        if (media.equals("application/pdf")) {
            throw FormatException.broken("declared application/pdf but the content does not start with %PDF-");
        }
        if (media.endsWith("wordprocessingml.document") || media.equals("application/vnd.oasis.opendocument.text")) {
            throw FormatException.broken("declared " + media + " but the content is not a ZIP archive");
        }
        String head = sniffText(content);
        String lower = head.toLowerCase(Locale.ROOT);
        if (lower.startsWith("<")) {
            Format markup = markup(lower);
            if (markup != null) {
                return markup;
            }
            if (media.equals("text/html") || media.equals("application/xhtml+xml")) {
                return Format.HTML;
            }
            if (lower.startsWith("<?xml") || media.endsWith("/xml") || media.endsWith("+xml")) {
                throw FormatException.unsupported("an XML document that is neither KOOP kamervragen XML nor XHTML");
            }
        }
        if (media.equals("text/html") || media.equals("application/xhtml+xml")) {
            return Format.HTML;
        }
        if (media.equals("application/xml") || media.equals("text/xml")) {
            throw FormatException.broken("declared " + media + " but the content is not XML");
        }
        if (media.isEmpty() || media.startsWith("text/") || media.equals("application/octet-stream")) {
            return Format.TEXT;
        }
        throw FormatException.unsupported("unsupported content type '" + declaredType + "'");
    }

    /** The markup format named by the first elements, or null. */
    private static Format markup(String lower) {
        if (lower.contains("<kamervragen") || lower.contains("<officiele-publicatie")
                || lower.contains("<kamervraagomschrijving") || lower.contains("<vraag")) {
            // KOOP XML, also when it came declared as text/xml or text/plain
            if (!lower.contains("<html")) {
                return Format.KOOP_XML;
            }
        }
        if (lower.startsWith("<!doctype html") || lower.contains("<html") || lower.contains("<body")
                || lower.contains("<div") || lower.contains("<p>") || lower.contains("<p ")) {
            return Format.HTML;
        }
        return null;
    }

    private static Format zip(byte[] content, String media) throws FormatException {
        boolean word = false;
        String mimetype = null;
        boolean odfContent = false;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            ZipEntry entry;
            int entries = 0;
            long inflated = 0;
            while ((entry = zip.getNextEntry()) != null && entries++ < MAX_ZIP_ENTRIES) {
                String name = entry.getName();
                if (name.equals("word/document.xml")) {
                    word = true;
                } else if (name.equals("content.xml")) {
                    odfContent = true;
                } else if (name.equals("mimetype")) {
                    byte[] head = zip.readNBytes(200);
                    inflated += head.length;
                    mimetype = new String(head, StandardCharsets.US_ASCII).strip();
                }
                if (word || (mimetype != null && odfContent)) {
                    break;
                }
                // skip the rest of the entry ourselves, counting: getNextEntry would inflate it unbounded
                long skipped;
                while ((skipped = zip.skip(64 * 1024)) > 0) {
                    inflated += skipped;
                    if (inflated > MAX_SNIFF_INFLATED_BYTES) {
                        throw FormatException.broken("a ZIP archive whose parts inflate beyond "
                                + MAX_SNIFF_INFLATED_BYTES + " bytes before the document part (a zip bomb?)");
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new FormatException("a damaged ZIP archive (DOCX/ODT): " + e.getMessage(), false, e);
        }
        if (word) {
            return Format.DOCX;
        }
        if (odfContent && (mimetype == null ? media.equals("application/vnd.oasis.opendocument.text")
                : mimetype.equals("application/vnd.oasis.opendocument.text"))) {
            return Format.ODT;
        }
        if (mimetype != null && mimetype.startsWith("application/vnd.oasis.opendocument.")) {
            throw FormatException.unsupported("an OpenDocument file of type " + mimetype + "; only text documents (ODT) are read");
        }
        if (media.endsWith("wordprocessingml.document") || media.equals("application/vnd.oasis.opendocument.text")) {
            throw FormatException.broken("declared " + media + " but the ZIP archive holds no document");
        }
        throw FormatException.unsupported("a ZIP archive that is neither DOCX nor ODT");
    }

    /** The start of the content as text, without BOM and leading whitespace, for sniffing markup. */
    private static String sniffText(byte[] content) {
        int offset = 0;
        if (content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB && (content[2] & 0xFF) == 0xBF) {
            offset = 3;
        }
        int length = Math.min(content.length - offset, SNIFF);
        String text = new String(content, offset, Math.max(length, 0), StandardCharsets.ISO_8859_1);
        int start = 0;
        while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        String head = text.substring(start);
        // skip leading comments: XML files often open with one
        while (head.startsWith("<!--")) {
            int end = head.indexOf("-->");
            if (end < 0) {
                break;
            }
            head = head.substring(end + 3).stripLeading();
        }
        return head;
    }

    static boolean startsWith(byte[] content, int offset, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.ISO_8859_1);
        if (content.length < offset + p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (content[offset + i] != p[i]) {
                return false;
            }
        }
        return true;
    }
}
