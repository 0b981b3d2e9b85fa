package nl.kamerstroom.parse.read;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFAbstractFootnoteEndnote;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFtnEdnRef;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * DOCX (Apache POI, XWPF) and ODT (its {@code content.xml} through {@link SafeXml}) to text: one
 * paragraph per line with a blank line between paragraphs, table rows as "cell | cell", footnote
 * references glued to the word before them and the footnote texts after the body ("1 text"), the
 * way the typeset Aanhangsel prints them. The text parser does the rest.
 */
final class OfficeReader {

    /** Uncompressed size of any one part we read: far above any letter, far below a zip bomb. */
    static final long MAX_PART_BYTES = 100L * 1024 * 1024;

    static {
        // POI's own zip-bomb guard: refuse parts that inflate more than 100× or beyond the bound
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(MAX_PART_BYTES);
    }

    private OfficeReader() {
    }

    static String docx(byte[] content) throws ReadException {
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(content))) {
            List<String> lines = new ArrayList<>();
            for (IBodyElement element : doc.getBodyElements()) {
                if (element instanceof XWPFParagraph p) {
                    lines.add(paragraph(p));
                } else if (element instanceof XWPFTable t) {
                    for (XWPFTableRow row : t.getRows()) {
                        List<String> cells = new ArrayList<>();
                        for (XWPFTableCell cell : row.getTableCells()) {
                            cells.add(cell.getText().strip());
                        }
                        lines.add(String.join(" | ", cells));
                    }
                }
            }
            List<String> notes = new ArrayList<>();
            for (XWPFAbstractFootnoteEndnote note : doc.getFootnotes()) {
                BigInteger id = note.getId();
                if (id == null || id.signum() <= 0) {
                    continue; // the separator "notes" Word adds
                }
                StringBuilder text = new StringBuilder();
                for (XWPFParagraph p : note.getParagraphs()) {
                    text.append(p.getText()).append(' ');
                }
                notes.add(id + " " + KoopXmlReader.collapse(text.toString()));
            }
            return join(lines, notes);
        } catch (IOException | RuntimeException e) {
            throw ReadException.unreadable("not a readable DOCX document: " + e.getMessage(), e);
        }
    }

    private static String paragraph(XWPFParagraph p) {
        StringBuilder text = new StringBuilder();
        for (XWPFRun run : p.getRuns()) {
            text.append(run.text());
            for (CTFtnEdnRef ref : run.getCTR().getFootnoteReferenceList()) {
                int end = text.length();
                while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
                    end--;
                }
                text.setLength(end);
                text.append(ref.getId());
            }
        }
        // a soft line break (w:br) stays a line break, as in a PDF's text layer
        return text.toString().replace('\u00A0', ' ').replace("\r", "").strip();
    }

    static String odt(byte[] content) throws ReadException {
        byte[] xml = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.getName().equals("content.xml")) {
                    xml = zip.readNBytes((int) MAX_PART_BYTES + 1);
                    if (xml.length > MAX_PART_BYTES) {
                        throw ReadException.unreadable("the ODT's content.xml inflates beyond " + MAX_PART_BYTES + " bytes");
                    }
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw ReadException.unreadable("not a readable ODT document: " + e.getMessage(), e);
        }
        if (xml == null) {
            throw ReadException.unreadable("the ODT document has no content.xml");
        }
        Document doc = SafeXml.parse(xml, "the ODT's content.xml");
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
                        line.append(" ".repeat(count.isEmpty() ? 1 : Math.min(Integer.parseInt(count.replaceAll("\\D", "0")), 100)));
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
