package nl.kamerstroom.parse.read;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * DOCX (Apache POI opens it, {@link WordDocumentText} reads it: letterhead text boxes, headers,
 * tables, numbering, notes) and ODT (its {@code content.xml} through the hardened XML parser) to text: one
 * paragraph per line with a blank line between paragraphs, table rows as "cell | cell", footnote
 * references glued to the word before them and the footnote texts after the body ("1 text"), the
 * way the typeset Aanhangsel prints them. The text parser does the rest.
 */
final class OfficeReader {

    /** POI's own guard, process-wide: a second line behind {@link #inflate}, which counts per document. */
    private static final long POI_MAX_ENTRY_BYTES = 100L * 1024 * 1024;
    private static final int MAX_ENTRIES = 10_000;

    static {
        // POI's own zip-bomb guard: refuse parts that inflate more than 100× or beyond the bound
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(POI_MAX_ENTRY_BYTES);
    }

    private OfficeReader() {
    }

    /**
     * Inflates every entry of the archive once, counting the bytes actually inflated (never the
     * sizes the archive declares), and refuses the document when an entry or all of them together
     * exceed {@link Limits#maxInflatedBytes()}. Returns the bytes of the entry named {@code keep},
     * or null; the other entries are counted and dropped.
     */
    static byte[] inflate(byte[] content, Limits limits, String what, String keep) throws ReadException {
        long budget = limits.maxInflatedBytes();
        long total = 0;
        byte[] kept = null;
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            ZipEntry entry;
            int entries = 0;
            while ((entry = zip.getNextEntry()) != null) {
                if (++entries > MAX_ENTRIES) {
                    throw ReadException.unreadable("the " + what + " archive holds more than " + MAX_ENTRIES + " parts");
                }
                boolean keepThis = kept == null && entry.getName().equals(keep);
                ByteArrayOutputStream out = keepThis ? new ByteArrayOutputStream() : null;
                long inEntry = 0;
                int n;
                while ((n = zip.read(buffer)) > 0) {
                    inEntry += n;
                    total += n;
                    if (total > budget) {
                        throw ReadException.unreadable("the " + what + " inflates beyond the limit of " + budget
                                + " bytes (part " + entry.getName() + " alone inflated " + inEntry + " bytes so far)");
                    }
                    if (out != null) {
                        out.write(buffer, 0, n);
                    }
                }
                if (out != null) {
                    kept = out.toByteArray();
                }
            }
        } catch (IOException | RuntimeException e) {
            throw ReadException.unreadable("not a readable " + what + " archive: " + e.getMessage(), e);
        }
        return kept;
    }

    static String docx(byte[] content, Limits limits) throws ReadException {
        inflate(content, limits, "DOCX document", null);
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(content))) {
            return WordDocumentText.text(doc);
        } catch (IOException | RuntimeException e) {
            throw ReadException.unreadable("not a readable DOCX document: " + e.getMessage(), e);
        }
    }

    static String odt(byte[] content, Limits limits) throws ReadException {
        byte[] xml = inflate(content, limits, "ODT document", "content.xml");
        if (xml == null) {
            throw ReadException.unreadable("the ODT document has no content.xml");
        }
        Document doc = ReadException.xml(xml, limits.xml(), "the ODT's content.xml");
        List<String> lines = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        odtBlocks(doc.getDocumentElement(), lines, notes, current);
        return join(lines, notes);
    }

    private static void odtBlocks(Element element, List<String> lines, List<String> notes, StringBuilder current) {
        for (Node c = element.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (!(c instanceof Element e)) {
                continue;
            }
            String name = KoopXmlReader.name(e);
            if (name.equals("p") || name.equals("h")) {
                StringBuilder line = new StringBuilder();
                odtInline(e, line, notes);
                lines.add(line.toString().replace('\u00A0', ' ').strip());
            } else if (name.equals("table-row")) {
                List<String> cells = new ArrayList<>();
                for (Node cell = e.getFirstChild(); cell != null; cell = cell.getNextSibling()) {
                    if (cell instanceof Element ce && KoopXmlReader.name(ce).equals("table-cell")) {
                        List<String> inner = new ArrayList<>();
                        odtBlocks(ce, inner, notes, new StringBuilder());
                        cells.add(String.join(" ", inner).strip());
                    }
                }
                lines.add(String.join(" | ", cells));
            } else if (!name.equals("annotation") && !name.equals("tracked-changes")) {
                odtBlocks(e, lines, notes, current);
            }
        }
    }

    private static void odtInline(Element element, StringBuilder line, List<String> notes) {
        for (Node c = element.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e) {
                switch (KoopXmlReader.name(e)) {
                    case "s" -> {
                        String count = e.getAttributeNS("urn:oasis:names:tc:opendocument:xmlns:text:1.0", "c");
                        line.append(" ".repeat(spaces(count)));
                    }
                    case "tab" -> line.append(' ');
                    case "line-break" -> line.append('\n');
                    case "note" -> {
                        String citation = "";
                        StringBuilder body = new StringBuilder();
                        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
                            if (n instanceof Element ne && KoopXmlReader.name(ne).equals("note-citation")) {
                                citation = ne.getTextContent().strip();
                            } else if (n instanceof Element ne) {
                                body.append(ne.getTextContent()).append(' ');
                            }
                        }
                        int end = line.length();
                        while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) {
                            end--;
                        }
                        line.setLength(end);
                        line.append(citation);
                        notes.add(citation + " " + KoopXmlReader.collapse(body.toString()));
                    }
                    case "annotation" -> {
                    }
                    default -> odtInline(e, line, notes);
                }
            } else if (c.getNodeType() == Node.TEXT_NODE) {
                line.append(c.getNodeValue());
            }
        }
    }

    /** {@code text:s text:c}: how many spaces, at most 100 (a hostile count must not become megabytes of blanks). */
    private static int spaces(String count) {
        String digits = count.strip();
        if (digits.isEmpty()) {
            return 1;
        }
        if (digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
            return digits.chars().allMatch(Character::isDigit) ? 100 : 1;
        }
        return Math.min(Integer.parseInt(digits), 100);
    }

    private static String join(List<String> lines, List<String> notes) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            if (!line.isBlank()) {
                text.append(line).append("\n\n");
            }
        }
        for (String note : notes) {
            text.append(note).append('\n');
        }
        return text.toString();
    }
}
