package nl.kamerstroom.parse.read;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.formats.XmlLimits;
import nl.kamerstroom.parse.parser.Headings;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * KOOP's XML for Kamervragen ({@code ah-tk-…}, {@code kv-tk-…}, {@code ah-…}): the best source when it
 * exists, because it marks up what the text parser has to guess. Reads both layouts:
 * <ul>
 *   <li>current: {@code <kamervragen>} with {@code <kamervraagomschrijving type="vraag|antwoord">}
 *       (dates as {@code <datum isodatum>}), {@code <vraag><nr>Vraag 2 en 3</nr><al>…</al></vraag>},
 *       {@code <antwoord>}, inline {@code <noot type="voet"><noot.nr/><noot.al/></noot>},
 *       {@code <extref doc>}, {@code <lijst>/<li>}, CALS tables;</li>
 *   <li>older: {@code body/vragen/vraag} and {@code body/reactie/antwoord}, {@code <omschr>},
 *       {@code <nummer>}, {@code <toelicht>}, {@code <nootref refid>} pointing at {@code <noot id>}.</li>
 * </ul>
 * Texts follow the parser's conventions (package-info of {@code parser}): paragraphs separated by a
 * blank line, footnote references as printed superscripts glued to the word before them.
 */
final class KoopXmlReader {

    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0]+");
    private static final Pattern URL = Pattern.compile("https?://\\S+");
    private static final Pattern DOCUMENT_ID = Pattern.compile("\\b((?:ah|kv)-tk-\\d{8}-\\d{1,6}|ah-\\d{5,9}|kv-\\d{5,9})\\b");

    private KoopXmlReader() {
    }

    static StructuredLetter read(byte[] content, XmlLimits limits) throws ReadException {
        Document doc = ReadException.xml(content, limits, "the KOOP XML document");
        Element root = doc.getDocumentElement();
        StructuredLetter letter = new StructuredLetter();
        letter.documentNumber = documentNumber(root);

        Map<String, Element> notesById = new HashMap<>();
        collectNotes(root, notesById, 0);
        walk(root, letter, notesById, 0);
        if (letter.blocks.isEmpty()) {
            letter.fallbackText = plainText(root);
            if (letter.header.isEmpty()) {
                letter.warnings.add("the XML holds no <vraag> or <antwoord>; read as text");
            }
        }
        return letter;
    }

    /** Document order: header sentences, remarks and blocks wherever they are in the tree. */
    private static void walk(Element element, StructuredLetter letter, Map<String, Element> notes, int depth) {
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (!(child instanceof Element e)) {
                continue;
            }
            switch (name(e)) {
                case "kamervraagomschrijving", "omschr" -> header(e, letter, notes);
                case "kamervraagopmerking", "toelicht" -> {
                    TextCollector text = new TextCollector(letter, notes);
                    for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
                        text.paragraph(c);
                    }
                    text.end();
                    letter.remarks.addAll(text.paragraphs);
                }
                case "vraag" -> block(e, StructuredLetter.BlockKind.QUESTION, letter, notes);
                case "antwoord" -> block(e, StructuredLetter.BlockKind.ANSWER, letter, notes);
                case "metadata", "meta", "kamervraagkop", "kamervraagnummer", "vraagnummer", "noot", "noten" -> {
                    // metadata is read separately; notes are read where they are cited
                }
                default -> walk(e, letter, notes, depth + 1);
            }
        }
    }

    private static void header(Element e, StructuredLetter letter, Map<String, Element> notes) {
        TextCollector text = new TextCollector(letter, notes);
        text.inline(e);
        String sentence = text.flush();
        if (!sentence.isEmpty()) {
            letter.header.add(sentence);
        }
        String type = e.getAttribute("type");
        NodeList dates = e.getElementsByTagName("datum");
        for (int i = 0; i < dates.getLength(); i++) {
            LocalDate date = isoDate(((Element) dates.item(i)).getAttribute("isodatum"));
            if (date == null) {
                continue;
            }
            if (type.equals("vraag") || (type.isEmpty() && sentence.contains("ingezonden"))) {
                letter.submittedDate = letter.submittedDate == null ? date : letter.submittedDate;
            } else if (type.equals("antwoord") || (type.isEmpty() && sentence.contains("ontvangen"))) {
                letter.receivedDate = letter.receivedDate == null ? date : letter.receivedDate;
            }
        }
    }

    private static void block(Element e, StructuredLetter.BlockKind kind, StructuredLetter letter,
                              Map<String, Element> notes) {
        String printed = null;
        TextCollector text = new TextCollector(letter, notes);
        for (Node child = e.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element c && (name(c).equals("nr") || name(c).equals("nummer")) && printed == null) {
                printed = c.getTextContent().strip().replaceAll("\\s+", " ");
            } else {
                text.paragraph(child);
            }
        }
        List<String> paragraphs = text.paragraphs;
        if (printed == null && !paragraphs.isEmpty()) {
            // older documents print the heading as the first paragraph: <al>Vraag 1</al>
            String first = paragraphs.get(0);
            if (kind == StructuredLetter.BlockKind.QUESTION ? Headings.isQuestionHeading(first) : Headings.isAnswerHeading(first)) {
                printed = first;
                paragraphs = paragraphs.subList(1, paragraphs.size());
            }
        }
        letter.blocks.add(new StructuredLetter.Block(kind, printed, List.copyOf(paragraphs), List.copyOf(text.cited)));
    }

    /** Paragraph-level and inline text, with footnotes registered and their numbers glued in. */
    static final class TextCollector {
        final List<String> paragraphs = new ArrayList<>();
        /** In order of first citation; a set, since a block can cite thousands of notes. */
        final Set<String> cited = new LinkedHashSet<>();
        private final StructuredLetter letter;
        private final Map<String, Element> notes;
        private final StringBuilder current = new StringBuilder();

        TextCollector(StructuredLetter letter, Map<String, Element> notes) {
            this.letter = letter;
            this.notes = notes;
        }

        /** A block-level node: paragraphs, lists, tables, or loose text. */
        void paragraph(Node node) {
            if (!(node instanceof Element e)) {
                if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
                    current.append(node.getNodeValue());
                }
                return;
            }
            switch (name(e)) {
                case "al", "tussenkop", "kop", "titel", "alinea", "p" -> {
                    end();
                    inline(e);
                    end();
                }
                case "lijst" -> {
                    end();
                    for (Node li = e.getFirstChild(); li != null; li = li.getNextSibling()) {
                        if (li instanceof Element item && name(item).equals("li")) {
                            listItem(item);
                        }
                    }
                }
                case "tabel", "table" -> {
                    end();
                    table(e);
                }
                case "noot" -> note(e);
                case "nootref" -> noteRef(e);
                default -> {
                    // an unknown container: its children, paragraph by paragraph
                    for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
                        paragraph(c);
                    }
                    end();
                }
            }
        }

        private void listItem(Element item) {
            String number = "";
            for (Node c = item.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c instanceof Element e && name(e).equals("li.nr")) {
                    number = e.getTextContent().strip();
                }
            }
            boolean first = true;
            for (Node c = item.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c instanceof Element e && name(e).equals("li.nr")) {
                    continue;
                }
                if (first && c instanceof Element e && name(e).equals("al")) {
                    end();
                    if (!number.isEmpty()) {
                        current.append(number).append(' ');
                    }
                    inline(e);
                    end();
                    first = false;
                } else {
                    paragraph(c);
                }
            }
            end();
        }

        private void table(Element table) {
            List<Element> rows = descendants(table, "row");
            if (rows.isEmpty()) {
                rows = descendants(table, "tr");
            }
            for (Element row : rows) {
                List<String> cells = new ArrayList<>();
                for (Node c = row.getFirstChild(); c != null; c = c.getNextSibling()) {
                    if (c instanceof Element cell) {
                        TextCollector inner = new TextCollector(letter, notes);
                        inner.paragraph(cell);
                        inner.end();
                        cited.addAll(inner.cited);
                        cells.add(String.join(" ", inner.paragraphs));
                    }
                }
                String line = String.join(" | ", cells).strip();
                if (!line.replace("|", "").isBlank()) {
                    paragraphs.add(line);
                }
            }
        }

        /** Inline content of one paragraph. */
        void inline(Node node) {
            for (Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c instanceof Element e) {
                    switch (name(e)) {
                        case "noot" -> note(e);
                        case "nootref" -> noteRef(e);
                        case "br" -> current.append(' ');
                        case "lijst", "tabel", "table" -> paragraph(e);
                        default -> inline(e);
                    }
                } else if (c.getNodeType() == Node.TEXT_NODE || c.getNodeType() == Node.CDATA_SECTION_NODE) {
                    current.append(c.getNodeValue());
                }
            }
        }

        private void note(Element note) {
            String type = note.getAttribute("type");
            if (!type.isEmpty() && !type.equals("voet")) {
                return; // e.g. eind- or kantnoten are not footnotes of the text
            }
            String number = null;
            StringBuilder body = new StringBuilder();
            String url = null;
            for (Node c = note.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c instanceof Element e && name(e).equals("noot.nr")) {
                    number = e.getTextContent().strip();
                } else if (c instanceof Element e) {
                    if (body.length() > 0) {
                        body.append(' ');
                    }
                    body.append(e.getTextContent());
                    if (url == null) {
                        url = firstUrl(e);
                    }
                }
            }
            if (number == null || number.isEmpty()) {
                number = Integer.toString(letter.footnotes.size() + 1);
                letter.warnings.add("a footnote without a number; numbered " + number + " by position");
            }
            String text = collapse(body.toString());
            if (url == null) {
                Matcher m = URL.matcher(text);
                url = m.find() ? withoutTrailingPunctuation(m.group()) : null;
            }
            glue(number);
            letter.footnotes.putIfAbsent(number, new ParsedLetter.Footnote(number, text, url));
        }

        private void noteRef(Element ref) {
            String id = ref.getAttribute("refid");
            Element note = notes.get(id);
            if (note == null) {
                letter.warnings.add("footnote reference '" + id + "' points at no footnote");
                return;
            }
            note(note);
        }

        private void glue(String number) {
            // a note printed after its paragraph's element belongs to that paragraph
            HtmlReader.glue(current, paragraphs, number);
            cited.add(number);
        }

        void end() {
            String text = collapse(current.toString());
            current.setLength(0);
            if (!text.isEmpty()) {
                paragraphs.add(text);
            }
        }

        /** The collected text as one line, for header sentences. */
        String flush() {
            end();
            String all = String.join(" ", paragraphs);
            paragraphs.clear();
            return all;
        }
    }

    /** The URL without the sentence's punctuation after it; a loop, as a "[).,;]+$" regex is quadratic on a run of them. */
    private static String withoutTrailingPunctuation(String url) {
        int end = url.length();
        while (end > 0 && ").,;".indexOf(url.charAt(end - 1)) >= 0) {
            end--;
        }
        return url.substring(0, end);
    }

    private static String firstUrl(Element e) {
        if (name(e).equals("extref") && !e.getAttribute("doc").isBlank()) {
            String doc = e.getAttribute("doc").strip();
            if (doc.startsWith("http") || doc.startsWith("www.")) {
                return doc;
            }
        }
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element child) {
                String url = firstUrl(child);
                if (url != null) {
                    return url;
                }
            }
        }
        return null;
    }

    private static void collectNotes(Element e, Map<String, Element> notes, int depth) {
        if (name(e).equals("noot") && !e.getAttribute("id").isEmpty()) {
            notes.putIfAbsent(e.getAttribute("id"), e);
        }
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element child) {
                collectNotes(child, notes, depth + 1);
            }
        }
    }

    private static String documentNumber(Element root) {
        String attribute = root.getAttribute("identifier");
        Matcher m = DOCUMENT_ID.matcher(attribute);
        if (m.find()) {
            return m.group(1);
        }
        for (Element meta : descendants(root, "meta")) {
            String name = meta.getAttribute("name");
            if (name.equalsIgnoreCase("DC.identifier") || name.equalsIgnoreCase("dcterms.identifier")) {
                Matcher id = DOCUMENT_ID.matcher(meta.getAttribute("content"));
                if (id.find()) {
                    return id.group(1);
                }
            }
        }
        return null;
    }

    private static List<Element> descendants(Element e, String localName) {
        List<Element> found = new ArrayList<>();
        NodeList all = e.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element d = (Element) all.item(i);
            if (name(d).equals(localName)) {
                found.add(d);
            }
        }
        return found;
    }

    private static String plainText(Element root) {
        StructuredLetter scratch = new StructuredLetter();
        TextCollector text = new TextCollector(scratch, Map.of());
        text.paragraph(root);
        text.end();
        return String.join("\n\n", text.paragraphs);
    }

    static String name(Element e) {
        String local = e.getLocalName();
        return local != null ? local : e.getNodeName();
    }

    static LocalDate isoDate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String collapse(String text) {
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }
}
