package nl.kamerstroom.parse.read;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.poi.ooxml.POIXMLDocumentPart;
import org.apache.poi.xwpf.usermodel.XWPFAbstractFootnoteEndnote;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFHeaderFooter;
import org.apache.poi.xwpf.usermodel.XWPFNumbering;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The text of a Word (DOCX) letter in the order a reader sees it, for the text parser. Ministry
 * templates do not keep the letterhead in the body: "Datum", "Uw referentie 2024Z11889", "Ons
 * kenmerk" and "Betreft" sit in text boxes (DrawingML {@code wps:txbx} or VML {@code v:textbox}),
 * frames, layout tables, content controls and the first page's header. So this reads the
 * WordprocessingML itself, not only POI's paragraph texts:
 * <ul>
 *   <li>the first page's header and footer first (the {@code first} ones when the section has a
 *       title page, else the {@code default} ones): that is where a letterhead starts. The running
 *       headers and footers of later pages are left out: they repeat the letterhead, sometimes with
 *       an older date than page 1's, and would otherwise land inside the running text;</li>
 *   <li>the body in document order: paragraphs, tables (a row holding a letterhead label becomes one
 *       line per cell paragraph, "Datum" / "12 maart 2024"; other rows "cell | cell"), block and
 *       inline content controls, inserted text of tracked changes (deleted text and hidden runs are
 *       not printed, so not read);</li>
 *   <li>text boxes where they are anchored, before the text of the anchoring paragraph, each box
 *       once (of an {@code mc:AlternateContent} only one choice, the fallback when the choice has no
 *       box), nested boxes and tables in boxes included;</li>
 *   <li>list numbers from the numbering definitions ("Vraag %1", "%1.", "a)"), counted per list and
 *       level with start values, overrides, restarts of lower levels, and numbering inherited
 *       from paragraph styles; bullets as "•";</li>
 *   <li>footnotes and endnotes as separate parts: the reference mark glued to the word before it,
 *       numbered in order of reference as Word prints them (endnotes after the footnotes, in
 *       digits, since the parser reads digit marks), the note texts after the body ("1 text").</li>
 * </ul>
 */
final class WordDocumentText {

    static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    static final String MC = "http://schemas.openxmlformats.org/markup-compatibility/2006";
    private static final String R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /** A cell paragraph that is a letterhead label (alone or with its value): its row is letterhead, not data. */
    private static final Pattern LETTERHEAD_LABEL = Pattern.compile(
            "^(?:Datum|Betreft|Onderwerp|Uw referentie|Uw kenmerk|Uw brief|Ons kenmerk|Onze referentie|Kenmerk|"
                    + "Bijlage\\(n\\)|Bijlagen|Contactpersoon|Retouradres|Doorkiesnummer)(?::|\\s|$)");

    /** How deep boxes in tables in boxes may nest before we stop descending: far beyond any letter. */
    private static final int MAX_DEPTH = 50;

    private final XWPFDocument doc;
    private final Numbering numbering;
    /** Note id ("f3", "e1") to the mark printed for it, in order of first reference; shared with nested readers. */
    private final Map<String, String> marks;
    private final int[] footnoteMarks;
    private final List<String> lines = new ArrayList<>();

    private WordDocumentText(XWPFDocument doc, Numbering numbering, Map<String, String> marks, int[] footnoteMarks) {
        this.doc = doc;
        this.numbering = numbering;
        this.marks = marks;
        this.footnoteMarks = footnoteMarks;
    }

    /** The letter's text: one paragraph per line, a blank line between paragraphs, the notes at the end. */
    static String text(XWPFDocument doc) {
        WordDocumentText reader = new WordDocumentText(doc, new Numbering(doc.getNumbering(), doc.getStyles()),
                new LinkedHashMap<>(), new int[1]);
        Node root = doc.getDocument().getDomNode();
        Element body = child(root, "body");
        if (body == null) {
            body = child(child(root, "document"), "body"); // the DOM view may start at the document node
        }
        if (body == null) {
            return "";
        }
        Element firstSection = firstSectionProperties(body);
        if (firstSection != null) {
            boolean titlePage = on(child(firstSection, "titlePg"));
            reader.headerOrFooter(firstSection, "headerReference", titlePage ? "first" : "default");
            reader.headerOrFooter(firstSection, "footerReference", titlePage ? "first" : "default");
        }
        reader.blocks(body, 0);
        return reader.joined();
    }

    /** Page 1's section properties: in the last paragraph of the first section, else the body's own. */
    private static Element firstSectionProperties(Element body) {
        for (Element e = firstElement(body); e != null; e = nextElement(e)) {
            if (isW(e, "p")) {
                Element sect = child(child(e, "pPr"), "sectPr");
                if (sect != null) {
                    return sect;
                }
            }
        }
        return child(body, "sectPr");
    }

    private void headerOrFooter(Element sectPr, String reference, String type) {
        for (Element ref = firstElement(sectPr); ref != null; ref = nextElement(ref)) {
            if (!isW(ref, reference)) {
                continue;
            }
            String refType = ref.getAttributeNS(W, "type");
            if ((refType.isEmpty() ? "default" : refType).equals(type)) {
                POIXMLDocumentPart part = doc.getRelationById(ref.getAttributeNS(R, "id"));
                if (part instanceof XWPFHeaderFooter hf) {
                    blocks(hf._getHdrFtr().getDomNode(), 0);
                }
                return;
            }
        }
    }

    // ---- block level: paragraphs, tables, content controls ----

    private void blocks(Node container, int depth) {
        if (container == null || depth > MAX_DEPTH) {
            return;
        }
        for (Element e = firstElement(container); e != null; e = nextElement(e)) {
            if (MC.equals(e.getNamespaceURI()) && e.getLocalName().equals("AlternateContent")) {
                blocks(firstElement(e), depth + 1); // the first choice
                continue;
            }
            if (!W.equals(e.getNamespaceURI())) {
                continue;
            }
            switch (e.getLocalName()) {
                case "p" -> paragraph(e, depth);
                case "tbl" -> table(e, depth);
                case "sdt" -> blocks(child(e, "sdtContent"), depth + 1);
                case "customXml", "ins", "moveTo", "txbxContent", "body", "hdr", "ftr", "footnote", "endnote", "tc" ->
                        blocks(e, depth + 1);
                default -> {
                    // del, moveFrom (not printed), sectPr, bookmarks, tblPr and the like
                }
            }
        }
    }

    private void paragraph(Element p, int depth) {
        StringBuilder text = new StringBuilder();
        List<Element> boxes = new ArrayList<>();
        inline(p, text, boxes, depth);
        for (Element box : boxes) {
            blocks(box, depth + 1);
        }
        String label = numbering.label(p);
        String line = text.toString().replace('\u00A0', ' ').replace("\r", "").strip();
        if (label != null && !label.isEmpty()) {
            line = line.isEmpty() ? label : label + " " + line; // a heading may be its number alone ("Vraag %1")
        }
        lines.add(line);
    }

    private void table(Element tbl, int depth) {
        for (Element row : rows(tbl)) {
            List<List<String>> cells = new ArrayList<>();
            boolean letterhead = false;
            for (Element cell : cells(row)) {
                WordDocumentText inner = nested();
                inner.blocks(cell, depth + 1);
                List<String> cellLines = inner.lines.stream().filter(l -> !l.isBlank()).toList();
                letterhead |= cellLines.stream().anyMatch(l -> LETTERHEAD_LABEL.matcher(l).find());
                cells.add(cellLines);
            }
            if (letterhead) {
                cells.forEach(lines::addAll); // "Datum" then "12 maart 2024", as a letterhead prints them
            } else {
                List<String> texts = new ArrayList<>();
                cells.forEach(c -> texts.add(String.join("\n", c)));
                lines.add(String.join(" | ", texts));
            }
        }
    }

    /** A reader for a table cell or a note that shares this one's numbering and note marks. */
    private WordDocumentText nested() {
        return new WordDocumentText(doc, numbering, marks, footnoteMarks);
    }

    private static List<Element> rows(Element tbl) {
        List<Element> rows = new ArrayList<>();
        collect(tbl, "tr", rows);
        return rows;
    }

    private static List<Element> cells(Element tr) {
        List<Element> cells = new ArrayList<>();
        collect(tr, "tc", cells);
        return cells;
    }

    /** Direct children of this name, also those wrapped in content controls or custom XML. */
    private static void collect(Element parent, String name, List<Element> into) {
        for (Element e = firstElement(parent); e != null; e = nextElement(e)) {
            if (isW(e, name)) {
                into.add(e);
            } else if (isW(e, "sdt")) {
                collect(child(e, "sdtContent"), name, into);
            } else if (isW(e, "customXml")) {
                collect(e, name, into);
            }
        }
    }

    // ---- run level ----

    private void inline(Element parent, StringBuilder text, List<Element> boxes, int depth) {
        if (parent == null) {
            return;
        }
        for (Element e = firstElement(parent); e != null; e = nextElement(e)) {
            if (MC.equals(e.getNamespaceURI()) && e.getLocalName().equals("AlternateContent")) {
                inline(firstElement(e), text, boxes, depth);
                continue;
            }
            if (!W.equals(e.getNamespaceURI())) {
                continue;
            }
            switch (e.getLocalName()) {
                case "r" -> run(e, text, boxes);
                case "sdt" -> inline(child(e, "sdtContent"), text, boxes, depth);
                case "hyperlink", "smartTag", "fldSimple", "ins", "moveTo", "customXml", "dir", "bdo" ->
                        inline(e, text, boxes, depth);
                default -> {
                    // pPr, del, moveFrom, proofErr, bookmarks, comments
                }
            }
        }
    }

    private void run(Element r, StringBuilder text, List<Element> boxes) {
        if (on(child(child(r, "rPr"), "vanish"))) {
            return; // hidden text is not printed
        }
        for (Element e = firstElement(r); e != null; e = nextElement(e)) {
            if (MC.equals(e.getNamespaceURI()) && e.getLocalName().equals("AlternateContent")) {
                textBoxes(e, boxes);
                continue;
            }
            if (!W.equals(e.getNamespaceURI())) {
                continue;
            }
            switch (e.getLocalName()) {
                case "t" -> appendText(e, text);
                case "tab", "ptab" -> text.append(' ');
                case "br", "cr" -> text.append('\n'); // a soft line break stays one, as in a PDF's text layer
                case "noBreakHyphen" -> text.append('-');
                case "footnoteReference" -> glueMark(text, "f" + e.getAttributeNS(W, "id"), true);
                case "endnoteReference" -> glueMark(text, "e" + e.getAttributeNS(W, "id"), false);
                case "drawing", "pict", "object" -> textBoxes(e, boxes);
                default -> {
                    // rPr, instrText (field codes), delText, fldChar, softHyphen, lastRenderedPageBreak
                }
            }
        }
    }

    /** The outermost text boxes in this node; of alternate content the first choice that has any. */
    private static void textBoxes(Element node, List<Element> boxes) {
        if (MC.equals(node.getNamespaceURI()) && node.getLocalName().equals("AlternateContent")) {
            for (Element branch = firstElement(node); branch != null; branch = nextElement(branch)) {
                List<Element> found = new ArrayList<>();
                textBoxes(branch, found);
                if (!found.isEmpty()) {
                    boxes.addAll(found);
                    return; // Choice and Fallback hold the same box twice
                }
            }
        } else if (isW(node, "txbxContent")) {
            boxes.add(node);
        } else {
            for (Element e = firstElement(node); e != null; e = nextElement(e)) {
                textBoxes(e, boxes);
            }
        }
    }

    /** Footnotes get their number now; endnotes a placeholder, numbered after all footnotes at the end. */
    private void glueMark(StringBuilder text, String noteId, boolean footnote) {
        String mark = marks.computeIfAbsent(noteId, k -> footnote ? String.valueOf(++footnoteMarks[0]) : placeholder(k));
        int end = text.length();
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        text.setLength(end);
        text.append(mark);
    }

    private static String placeholder(String noteId) {
        return "\u0000" + noteId + "\u0000";
    }

    // ---- notes and output ----

    private String joined() {
        int next = footnoteMarks[0];
        Map<String, String> printed = new LinkedHashMap<>();
        for (Map.Entry<String, String> m : marks.entrySet()) {
            printed.put(m.getKey(), m.getKey().startsWith("e") ? String.valueOf(++next) : m.getValue());
        }
        Map<String, XWPFAbstractFootnoteEndnote> notes = new HashMap<>();
        doc.getFootnotes().forEach(n -> notes.put("f" + n.getId(), n));
        doc.getEndnotes().forEach(n -> notes.put("e" + n.getId(), n));
        StringBuilder tail = new StringBuilder();
        for (Map.Entry<String, String> m : printed.entrySet()) {
            XWPFAbstractFootnoteEndnote note = notes.get(m.getKey());
            if (note == null) {
                continue;
            }
            WordDocumentText inner = nested();
            inner.blocks(note.getCTFtnEdn().getDomNode(), 0);
            tail.append(m.getValue()).append(' ').append(KoopXmlReader.collapse(String.join(" ", inner.lines))).append('\n');
        }
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (!line.isBlank()) {
                out.append(line).append("\n\n");
            }
        }
        out.append(tail);
        String text = out.toString();
        if (text.indexOf('\u0000') >= 0) {
            for (Map.Entry<String, String> m : printed.entrySet()) {
                text = text.replace(placeholder(m.getKey()), m.getValue());
            }
        }
        return text;
    }

    // ---- DOM helpers ----

    /** The text of a {@code w:t}: XMLBeans' DOM has no getTextContent (DOM level 3). */
    private static void appendText(Element t, StringBuilder text) {
        for (Node n = t.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(n.getNodeValue());
            }
        }
    }

    static boolean isW(Node n, String localName) {
        return n != null && W.equals(n.getNamespaceURI()) && localName.equals(n.getLocalName());
    }

    static Element child(Node parent, String localName) {
        for (Element e = firstElement(parent); e != null; e = nextElement(e)) {
            if (isW(e, localName)) {
                return e;
            }
        }
        return null;
    }

    static Element firstElement(Node parent) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    static Element nextElement(Node node) {
        for (Node n = node.getNextSibling(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    /** A toggle property ({@code <w:vanish/>}, {@code <w:titlePg w:val="1"/>}): present and not switched off. */
    static boolean on(Element toggle) {
        if (toggle == null) {
            return false;
        }
        String val = toggle.getAttributeNS(W, "val").toLowerCase(Locale.ROOT);
        return !(val.equals("0") || val.equals("false") || val.equals("off"));
    }

    static String val(Element e) {
        return e == null ? null : e.getAttributeNS(W, "val");
    }

    /**
     * List numbers as Word prints them, from {@code numbering.xml}: per abstract list a counter per
     * level; a paragraph's number from its own {@code numPr} or its style's (following
     * {@code basedOn}); the level's {@code lvlText} with each {@code %n} replaced by level n's
     * counter in that level's format.
     */
    static final class Numbering {

        private final XWPFNumbering numbering;
        private final XWPFStyles styles;
        private final Map<String, int[]> counters = new HashMap<>();
        private final java.util.Set<String> overridden = new java.util.HashSet<>();

        Numbering(XWPFNumbering numbering, XWPFStyles styles) {
            this.numbering = numbering;
            this.styles = styles;
        }

        /** The printed number of this paragraph, {@code null} when it has none. */
        String label(Element p) {
            if (numbering == null) {
                return null;
            }
            Element numPr = child(child(p, "pPr"), "numPr");
            String styleId = val(child(child(p, "pPr"), "pStyle"));
            String numId = val(child(numPr, "numId"));
            String ilvl = val(child(numPr, "ilvl"));
            for (int hops = 0; (numId == null || numId.isEmpty()) && styleId != null && hops < 10; hops++) {
                XWPFStyle style = styles == null ? null : styles.getStyle(styleId);
                if (style == null) {
                    break;
                }
                Element stylePr = child(child(style.getCTStyle().getDomNode(), "pPr"), "numPr");
                numId = val(child(stylePr, "numId"));
                if (ilvl == null || ilvl.isEmpty()) {
                    ilvl = val(child(stylePr, "ilvl"));
                }
                styleId = val(child(style.getCTStyle().getDomNode(), "basedOn"));
            }
            if (numId == null || numId.isEmpty() || numId.equals("0")) {
                return null;
            }
            int level = parse(ilvl, 0);
            if (level < 0 || level > 8) {
                return null;
            }
            try {
                return label(new java.math.BigInteger(numId), numId, level);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private String label(java.math.BigInteger numId, String numKey, int level) {
            var num = numbering.getNum(numId);
            if (num == null) {
                return null;
            }
            Node numNode = num.getCTNum().getDomNode();
            String abstractId = val(child(numNode, "abstractNumId"));
            var abstractNum = abstractId == null ? null : numbering.getAbstractNum(new java.math.BigInteger(abstractId));
            if (abstractNum == null) {
                return null;
            }
            Element[] levels = new Element[9];
            for (Element e = firstElement(abstractNum.getCTAbstractNum().getDomNode()); e != null; e = nextElement(e)) {
                if (isW(e, "lvl")) {
                    int i = parse(e.getAttributeNS(W, "ilvl"), -1);
                    if (i >= 0 && i < 9) {
                        levels[i] = e;
                    }
                }
            }
            int[] count = counters.computeIfAbsent(abstractId, k -> {
                int[] c = new int[9];
                java.util.Arrays.fill(c, Integer.MIN_VALUE);
                return c;
            });
            if (overridden.add(numKey)) {
                // a list instance with a start override begins again at that value
                for (Element o = firstElement(numNode); o != null; o = nextElement(o)) {
                    if (isW(o, "lvlOverride")) {
                        Element start = child(o, "startOverride");
                        int i = parse(o.getAttributeNS(W, "ilvl"), -1);
                        if (start != null && i >= 0 && i < 9) {
                            count[i] = parse(val(start), 0) - 1;
                        }
                    }
                }
            }
            count[level] = count[level] == Integer.MIN_VALUE ? start(levels[level]) : count[level] + 1;
            for (int deeper = level + 1; deeper < 9; deeper++) {
                count[deeper] = Integer.MIN_VALUE; // a higher level restarts the ones below it
            }
            Element lvl = levels[level];
            if (lvl == null) {
                return null;
            }
            String format = val(child(lvl, "numFmt"));
            if ("bullet".equals(format)) {
                return "•";
            }
            if ("none".equals(format)) {
                return "";
            }
            String pattern = val(child(lvl, "lvlText"));
            if (pattern == null) {
                return null;
            }
            StringBuilder label = new StringBuilder();
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '%' && i + 1 < pattern.length() && pattern.charAt(i + 1) >= '1' && pattern.charAt(i + 1) <= '9') {
                    int ref = pattern.charAt(++i) - '1';
                    int value = count[ref] == Integer.MIN_VALUE ? start(levels[ref]) : count[ref];
                    label.append(format(value, ref == level ? format : val(child(levels[ref], "numFmt"))));
                } else {
                    label.append(c);
                }
            }
            return label.toString().strip();
        }

        private static int start(Element lvl) {
            return lvl == null ? 1 : parse(val(child(lvl, "start")), 1);
        }

        static String format(int n, String numFmt) {
            if (numFmt == null) {
                return String.valueOf(n);
            }
            return switch (numFmt) {
                case "lowerLetter" -> letters(n).toLowerCase(Locale.ROOT);
                case "upperLetter" -> letters(n);
                case "lowerRoman" -> roman(n).toLowerCase(Locale.ROOT);
                case "upperRoman" -> roman(n);
                case "decimalZero" -> n < 10 && n >= 0 ? "0" + n : String.valueOf(n);
                default -> String.valueOf(n);
            };
        }

        /** Word's letters: a..z, then aa..zz, aaa..zzz. */
        private static String letters(int n) {
            if (n <= 0) {
                return String.valueOf(n);
            }
            char c = (char) ('A' + (n - 1) % 26);
            return String.valueOf(c).repeat((n - 1) / 26 + 1);
        }

        private static String roman(int n) {
            if (n <= 0 || n >= 4000) {
                return String.valueOf(n);
            }
            int[] values = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
            String[] symbols = {"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"};
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < values.length; i++) {
                while (n >= values[i]) {
                    s.append(symbols[i]);
                    n -= values[i];
                }
            }
            return s.toString();
        }

        private static int parse(String s, int otherwise) {
            if (s == null || s.isEmpty()) {
                return otherwise;
            }
            try {
                return Integer.parseInt(s.strip());
            } catch (NumberFormatException e) {
                return otherwise;
            }
        }
    }
}
