package nl.kamerstroom.parse.extract;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * PDF and plain-text bytes to text. Which of the two the bytes are is decided by the one format
 * detector ({@code nl.kamerstroom.formats.FormatDetector}), not here. A plain Java class: no
 * framework types, usable from the benchmark and the corpus report as well.
 */
public final class TextExtractor {

    /** Pages read per PDF by default: no real answer letter comes close, a hostile PDF might. */
    public static final int DEFAULT_MAX_PAGES = 1_000;

    /** Why the bytes could not become text, in words an operator can act on. */
    public static final class ExtractionException extends Exception {
        ExtractionException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final int maxPages;

    public TextExtractor() {
        this(DEFAULT_MAX_PAGES);
    }

    /** @param maxPages pages read per PDF; the pages are counted as they are read, never taken from the file's own count */
    public TextExtractor(int maxPages) {
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be positive: " + maxPages);
        }
        this.maxPages = maxPages;
    }

    /** The PDF's text layer, a form feed after each page. */
    public String pdf(byte[] content) throws ExtractionException {
        try (PDDocument document = Loader.loadPDF(content)) {
            PageCountingStripper stripper = new PageCountingStripper(maxPages);
            stripper.setSortByPosition(true);
            // a form feed between pages lets the parser see page breaks (running footers, lost headings)
            stripper.setPageEnd("\n\f");
            return stripper.getText(document);
        } catch (PageLimitExceeded e) {
            throw new ExtractionException("the PDF has more than " + maxPages + " pages, the limit (counted while reading;"
                    + " the file claims " + e.claimed + ")", null);
        } catch (InvalidPasswordException e) {
            throw new ExtractionException("the PDF is encrypted and cannot be read without a password", e);
        } catch (IOException e) {
            throw new ExtractionException("not a readable PDF: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // PDFBox signals some malformed structures with runtime exceptions
            throw new ExtractionException("not a readable PDF: " + e, e);
        }
    }

    /**
     * Counts the pages it actually processes. The page tree's {@code /Count} is whatever the file
     * says: a PDF that claims one page and holds ten thousand took 70 s when the bound trusted it.
     */
    private static final class PageCountingStripper extends PDFTextStripper {
        private final int maxPages;
        private int pages;

        PageCountingStripper(int maxPages) {
            this.maxPages = maxPages;
        }

        @Override
        public void processPage(PDPage page) throws IOException {
            if (++pages > maxPages) {
                throw new PageLimitExceeded(getCurrentPageNo(), document.getNumberOfPages());
            }
            super.processPage(page);
        }
    }

    private static final class PageLimitExceeded extends IOException {
        final int claimed;

        PageLimitExceeded(int page, int claimed) {
            super("page " + page + " is beyond the page limit");
            this.claimed = claimed;
        }
    }

    /** UTF-8 when the bytes are valid UTF-8 (with or without BOM), else Windows-1252, the other encoding seen in practice. */
    public String text(byte[] content) {
        int offset = (content.length >= 3 && (content[0] & 0xFF) == 0xEF
                && (content[1] & 0xFF) == 0xBB && (content[2] & 0xFF) == 0xBF) ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content, offset, content.length - offset)).toString();
        } catch (CharacterCodingException e) {
            return new String(content, Charset.forName("windows-1252"));
        }
    }
}
