package nl.kamerstroom.formats;

/**
 * What {@link HardenedXml} accepts of one document. DOCTYPEs are refused outright, so the entity
 * bounds are a second line (they hold if a caller ever needs a DTD-bearing format).
 *
 * @param maxBytes              size of the document as parsed (after inflation, for a ZIP part)
 * @param maxTags               markup tags (every {@code <}: start, end and empty tags, comments), counted
 *                              before parsing: what bounds the DOM's size, since a tree of empty elements
 *                              costs about 100 bytes of heap per 10 bytes of XML
 * @param maxDepth              element nesting; real KOOP documents nest about 12 deep, Atom and SRU less
 * @param maxEntityExpansions   entity references expanded per document
 */
public record XmlLimits(long maxBytes, int maxTags, int maxDepth, int maxEntityExpansions) {

    /**
     * 32 MiB, 1,000,000 tags, 200 deep, 1,000 expansions: well above any source document seen (a long
     * KOOP answer has some 20,000 tags), well below harm.
     */
    public static final XmlLimits DEFAULT = new XmlLimits(32L * 1024 * 1024, 1_000_000, 200, 1_000);

    public XmlLimits {
        if (maxBytes < 1 || maxTags < 1 || maxDepth < 1 || maxEntityExpansions < 0) {
            throw new IllegalArgumentException("XML limits must be positive: " + maxBytes + " bytes, " + maxTags
                    + " tags, depth " + maxDepth + ", " + maxEntityExpansions + " expansions");
        }
    }

    public XmlLimits withMaxBytes(long bytes) {
        return new XmlLimits(bytes, maxTags, maxDepth, maxEntityExpansions);
    }

    public XmlLimits withMaxTags(int tags) {
        return new XmlLimits(maxBytes, tags, maxDepth, maxEntityExpansions);
    }

    public XmlLimits withMaxDepth(int depth) {
        return new XmlLimits(maxBytes, maxTags, depth, maxEntityExpansions);
    }
}
