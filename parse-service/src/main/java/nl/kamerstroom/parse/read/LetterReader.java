package nl.kamerstroom.parse.read;

import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.formats.Format;
import nl.kamerstroom.formats.FormatDetector;
import nl.kamerstroom.formats.FormatException;
import nl.kamerstroom.parse.extract.TextExtractor;
import nl.kamerstroom.parse.parser.LetterParser;
import org.jsoup.nodes.Document;

/**
 * The one entry point from bytes to a parsed letter, for every format: PDF, DOCX, ODT, HTML, KOOP
 * XML, plain text and Markdown. {@link FormatDetector} decides the format from the content (the
 * declared type breaks ties); structured formats (KOOP XML, officielebekendmakingen HTML) are read
 * as structure, the others become text for {@link LetterParser}.
 *
 * <p>Plain Java, stateless and thread-safe. Throws only {@link ReadException}: "unsupported" for a
 * format we do not read (HTTP 415), "unreadable" for broken, encrypted or hostile content (HTTP 422),
 * including content over one of the {@link Limits} (pages, inflated bytes, XML size and depth).
 */
public final class LetterReader {

    /** Share of control characters above which "text" is binary data, not a letter. */
    private static final double MAX_CONTROL_SHARE = 0.01;

    private final LetterParser parser;
    private final Limits limits;
    private final TextExtractor extractor;
    private final StructuredLetters structured;

    public LetterReader() {
        this(new LetterParser());
    }

    public LetterReader(LetterParser parser) {
        this(parser, Limits.DEFAULT);
    }

    /** A reader holding every document to {@code limits} (from the {@code kamerstroom.parse.*} settings). */
    public LetterReader(LetterParser parser, Limits limits) {
        this.parser = parser;
        this.limits = limits;
        this.extractor = new TextExtractor(limits.maxPages());
        this.structured = new StructuredLetters(parser);
    }

    public Limits limits() {
        return limits;
    }

    /** Reads one letter. {@code declaredType} is the Content-Type as declared, possibly null. */
    public ParsedLetter read(byte[] content, String declaredType) throws ReadException {
        if (content == null || content.length == 0) {
            throw ReadException.unreadable("the letter is empty");
        }
        Format format = detect(content, declaredType);
        try {
            return switch (format) {
                case PDF -> parser.parse(bounded(pdf(content)));
                case TEXT -> parser.parse(bounded(text(content)));
                case DOCX -> parser.parse(bounded(OfficeReader.docx(content, limits)));
                case ODT -> parser.parse(bounded(OfficeReader.odt(content, limits)));
                case KOOP_XML -> structured.toParsedLetter(KoopXmlReader.read(content, limits.xml()));
                case HTML -> html(content);
            };
        } catch (ReadException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // no reader may let a failure of its own escape: the pipeline dead-letters with a reason and
            // goes on. An OutOfMemoryError is not caught: it says nothing certain about this letter, and
            // the JVM exits on it (-XX:+ExitOnOutOfMemoryError) so that the letter is read again, not lost
            throw ReadException.unreadable("the " + format + " reader failed on this content ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** The format the content is read as; for tools and tests. */
    public static Format detect(byte[] content, String declaredType) throws ReadException {
        try {
            return FormatDetector.detect(content, declaredType);
        } catch (FormatException e) {
            throw e.unsupported() ? ReadException.unsupported(e.getMessage()) : ReadException.unreadable(e.getMessage(), e);
        }
    }

    private ParsedLetter html(byte[] content) {
        Document doc = HtmlReader.parse(content);
        StructuredLetter letter = HtmlReader.structured(doc);
        return letter != null ? structured.toParsedLetter(letter) : parser.parse(HtmlReader.text(doc));
    }

    private String pdf(byte[] content) throws ReadException {
        try {
            return extractor.pdf(content);
        } catch (TextExtractor.ExtractionException e) {
            throw ReadException.unreadable(e.getMessage(), e);
        }
    }

    /** The extracted text, if it is within {@link Limits#maxTextChars()}. */
    private String bounded(String text) throws ReadException {
        if (text.length() > limits.maxTextChars()) {
            throw ReadException.unreadable("the letter's text is " + text.length() + " characters, more than the limit of "
                    + limits.maxTextChars() + " (kamerstroom.parse.max-text-chars)");
        }
        return text;
    }

    private String text(byte[] content) throws ReadException {
        int sample = Math.min(content.length, 64 * 1024);
        int control = 0;
        for (int i = 0; i < sample; i++) {
            int b = content[i] & 0xFF;
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f') {
                control++;
            }
        }
        if (control > sample * MAX_CONTROL_SHARE) {
            throw ReadException.unreadable("the content is binary data, not text (" + control + " control bytes in the first "
                    + sample + "), and no format we read");
        }
        return extractor.text(content);
    }
}
