package nl.kamerstroom.parse.extract;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Bytes to text, whatever the declared type claims: the content decides (a PDF is a PDF because
 * it starts with {@code %PDF-}), the declared type only breaks ties. A plain Java class: no
 * framework types, usable from the benchmark and the corpus report as well.
 */
public final class TextExtractor {

    /** Pages beyond this are not read: no real answer letter comes close, a hostile PDF might. */
    static final int MAX_PAGES = 1_000;

    /** Why the bytes could not become text, in words an operator can act on. */
    public static final class ExtractionException extends Exception {
        private final boolean unsupported;

        ExtractionException(String message, boolean unsupported, Throwable cause) {
            super(message, cause);
            this.unsupported = unsupported;
        }

        /** True when the format is not one we read at all, false when the content is broken. */
        public boolean unsupported() {
            return unsupported;
        }
    }

    /** The formats this extractor reads. */
    public enum Format { PDF, TEXT }

    public static Format detect(byte[] content, String declaredType) throws ExtractionException {
        if (startsWith(content, "%PDF-")) {
            return Format.PDF;
        }
        String type = declaredType == null ? "" : declaredType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/pdf")) {
            // declared a PDF but is not one: a broken upload, not an unknown format
            throw new ExtractionException("declared application/pdf but the content does not start with %PDF-",
                    false, null);
        }
        if (type.isEmpty() || type.startsWith("text/")) {
            return Format.TEXT;
        }
        throw new ExtractionException("unsupported content type '" + declaredType + "'", true, null);
    }

    public String extract(byte[] content, String declaredType) throws ExtractionException {
        return switch (detect(content, declaredType)) {
            case PDF -> pdf(content);
            case TEXT -> text(content);
        };
    }

    private static String pdf(byte[] content) throws ExtractionException {
        try (PDDocument document = Loader.loadPDF(content)) {
            if (document.getNumberOfPages() > MAX_PAGES) {
                throw new ExtractionException("the PDF has " + document.getNumberOfPages()
                        + " pages, more than the limit of " + MAX_PAGES, false, null);
            }
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            // a form feed between pages lets the parser see page breaks (running footers, lost headings)
            stripper.setPageEnd("\n\f");
            return stripper.getText(document);
        } catch (InvalidPasswordException e) {
            throw new ExtractionException("the PDF is encrypted and cannot be read without a password", false, e);
        } catch (IOException e) {
            throw new ExtractionException("not a readable PDF: " + e.getMessage(), false, e);
        } catch (RuntimeException e) {
            // PDFBox signals some malformed structures with runtime exceptions
            throw new ExtractionException("not a readable PDF: " + e, false, e);
        }
    }

    /** UTF-8 when the bytes are valid UTF-8 (with or without BOM), else Windows-1252, the other encoding seen in practice. */
    private static String text(byte[] content) {
        int offset = (content.length >= 3 && (content[0] & 0xFF) == 0xEF
                && (content[1] & 0xFF) == 0xBB && (content[2] & 0xFF) == 0xBF) ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content, offset, content.length - offset)).toString();
        } catch (CharacterCodingException e) {
            return new String(content, java.nio.charset.Charset.forName("windows-1252"));
        }
    }

    private static boolean startsWith(byte[] content, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.ISO_8859_1);
        if (content.length < p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (content[i] != p[i]) {
                return false;
            }
        }
        return true;
    }
}
