package nl.kamerstroom.parse.read;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Which format a letter is in. The content decides: magic bytes ({@code %PDF-}, a ZIP holding
 * {@code word/document.xml} or an OpenDocument text {@code mimetype}), the root element of markup
 * ({@code <html>}, {@code <kamervragen>}, {@code <officiele-publicatie>}); the declared type only
 * breaks ties (text that could be either) and names what the bytes failed to be.
 */
public final class FormatDetector {

    private static final int SNIFF = 8 * 1024;
    private static final int MAX_ZIP_ENTRIES = 10_000;

    private FormatDetector() {
    }

    public static Format detect(byte[] content, String declaredType) throws ReadException {
        String type = declaredType == null ? "" : declaredType.toLowerCase(Locale.ROOT).strip();
        int semicolon = type.indexOf(';');
        String media = semicolon >= 0 ? type.substring(0, semicolon).strip() : type;

        if (startsWith(content, 0, "%PDF-")) {
            return Format.PDF;
        }
        if (startsWith(content, 0, "PK\u0003\u0004")) {
            return zip(content, media);
        }
        if (content.length >= 4 && (content[0] & 0xFF) == 0xD0 && (content[1] & 0xFF) == 0xCF
                && (content[2] & 0xFF) == 0x11 && (content[3] & 0xFF) == 0xE0) {
            throw ReadException.unsupported("a legacy binary Office document (.doc); send it as DOCX, ODT or PDF");
        }
        if (startsWith(content, 0, "{\\rtf")) {
            throw ReadException.unsupported("an RTF document; send it as DOCX, ODT or PDF");
        }
        if (media.equals("application/pdf")) {
            throw ReadException.unreadable("declared application/pdf but the content does not start with %PDF-");
        }
        if (media.endsWith("wordprocessingml.document") || media.equals("application/vnd.oasis.opendocument.text")) {
            throw ReadException.unreadable("declared " + media + " but the content is not a ZIP archive");
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
                throw ReadException.unsupported("an XML document that is neither KOOP kamervragen XML nor XHTML");
            }
        }
        if (media.equals("text/html") || media.equals("application/xhtml+xml")) {
            return Format.HTML;
        }
        if (media.equals("application/xml") || media.equals("text/xml")) {
            throw ReadException.unreadable("declared " + media + " but the content is not XML");
        }
        if (media.isEmpty() || media.startsWith("text/") || media.equals("application/octet-stream")) {
            return Format.TEXT;
        }
        throw ReadException.unsupported("unsupported content type '" + declaredType + "'");
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

    private static Format zip(byte[] content, String media) throws ReadException {
        boolean word = false;
        String mimetype = null;
        boolean odfContent = false;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            ZipEntry entry;
            int entries = 0;
            while ((entry = zip.getNextEntry()) != null && entries++ < MAX_ZIP_ENTRIES) {
                String name = entry.getName();
                if (name.equals("word/document.xml")) {
                    word = true;
                } else if (name.equals("content.xml")) {
                    odfContent = true;
                } else if (name.equals("mimetype")) {
                    mimetype = new String(zip.readNBytes(200), StandardCharsets.US_ASCII).strip();
                }
                if (word || (mimetype != null && odfContent)) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw ReadException.unreadable("a damaged ZIP archive (DOCX/ODT): " + e.getMessage(), e);
        }
        if (word) {
            return Format.DOCX;
        }
        if (odfContent && (mimetype == null ? media.equals("application/vnd.oasis.opendocument.text")
                : mimetype.equals("application/vnd.oasis.opendocument.text"))) {
            return Format.ODT;
        }
        if (mimetype != null && mimetype.startsWith("application/vnd.oasis.opendocument.")) {
            throw ReadException.unsupported("an OpenDocument file of type " + mimetype + "; only text documents (ODT) are read");
        }
        if (media.endsWith("wordprocessingml.document") || media.equals("application/vnd.oasis.opendocument.text")) {
            throw ReadException.unreadable("declared " + media + " but the ZIP archive holds no document");
        }
        throw ReadException.unsupported("a ZIP archive that is neither DOCX nor ODT");
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
