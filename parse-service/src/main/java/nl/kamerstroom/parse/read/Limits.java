package nl.kamerstroom.parse.read;

import nl.kamerstroom.formats.XmlLimits;
import nl.kamerstroom.parse.extract.TextExtractor;

/**
 * The bounds {@link LetterReader} holds every document to. Each is counted on the content as it is
 * read, never taken from what the file says about itself. A document over a bound is a
 * {@link ReadException} ("unreadable", with the bound named), which the pipeline dead-letters.
 * The settings and defaults are in the README's table ({@code kamerstroom.parse.*}).
 *
 * @param maxPages         PDF pages read ({@code kamerstroom.parse.max-pages})
 * @param maxInflatedBytes bytes inflated from a DOCX or ODT archive, per part and in total
 *                         ({@code kamerstroom.parse.max-inflated-bytes})
 * @param xml              size, depth and entity bounds of every XML parse: KOOP XML, ODT's content.xml
 *                         ({@code kamerstroom.parse.xml.*})
 */
public record Limits(int maxPages, long maxInflatedBytes, XmlLimits xml, int maxTextChars) {

    public static final long DEFAULT_MAX_INFLATED_BYTES = 64L * 1024 * 1024;
    /**
     * Characters of text a letter may have once extracted ({@code kamerstroom.parse.max-text-chars}):
     * the longest real answer letters have a few hundred thousand; parsing and its events need many
     * times the text in memory, so a 19 MB text is refused rather than risking the heap.
     */
    public static final int DEFAULT_MAX_TEXT_CHARS = 5_000_000;

    public Limits(int maxPages, long maxInflatedBytes, XmlLimits xml) {
        this(maxPages, maxInflatedBytes, xml, DEFAULT_MAX_TEXT_CHARS);
    }

    /** 1,000 pages, 64 MiB inflated, {@link XmlLimits#DEFAULT} (32 MiB, 200 deep, 1,000 entity expansions). */
    public static final Limits DEFAULT = new Limits(TextExtractor.DEFAULT_MAX_PAGES, DEFAULT_MAX_INFLATED_BYTES,
            XmlLimits.DEFAULT);

    public Limits {
        if (maxPages < 1 || maxInflatedBytes < 1 || xml == null || maxTextChars < 1) {
            throw new IllegalArgumentException("reader limits must be positive: " + maxPages + " pages, "
                    + maxInflatedBytes + " inflated bytes, " + xml);
        }
    }

    public Limits withMaxPages(int pages) {
        return new Limits(pages, maxInflatedBytes, xml, maxTextChars);
    }

    public Limits withMaxInflatedBytes(long bytes) {
        return new Limits(maxPages, bytes, xml, maxTextChars);
    }

    public Limits withXml(XmlLimits limits) {
        return new Limits(maxPages, maxInflatedBytes, limits);
    }
}
