package nl.kamerstroom.parse.read;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Generates the other formats of a document from its text: DOCX (POI), ODT, HTML (jsoup), KOOP XML. */
final class Variants {

    /** One numbered pair of a KOOP Q/A printout: "Q2 3 …" / "A2 3 …". */
    record Pair(List<String> numbers, String question, String answer) {
        /** "2", "2 en 3", "4, 5 en 6", as KOOP prints a heading's numbers. */
        String printed() {
            if (numbers.size() == 1) {
                return numbers.get(0);
            }
            return String.join(", ", numbers.subList(0, numbers.size() - 1)) + " en " + numbers.get(numbers.size() - 1);
        }
    }

    private static final Pattern HEADING = Pattern.compile("^([QA])(\\d+(?: +\\d+)*)\\s+(.*)$");

    private Variants() {
    }

    /** The pairs printed in a koop-qa-pairs file. */
    static List<Pair> pairs(String printout) {
        List<Pair> pairs = new ArrayList<>();
        List<String> numbers = null;
        StringBuilder question = new StringBuilder();
        StringBuilder answer = new StringBuilder();
        StringBuilder current = null;
        for (String line : printout.split("\n")) {
            Matcher m = HEADING.matcher(line);
            if (m.matches()) {
                if (m.group(1).equals("Q")) {
                    if (numbers != null) {
                        pairs.add(new Pair(numbers, Letters.norm(question.toString()), Letters.norm(answer.toString())));
                    }
                    numbers = List.of(m.group(2).trim().split(" +"));
                    question.setLength(0);
                    answer.setLength(0);
                    current = question;
                } else {
                    current = answer;
                }
                current.append(m.group(3)).append(' ');
            } else if (current != null) {
                current.append(line.strip()).append(' ');
            }
        }
        if (numbers != null) {
            pairs.add(new Pair(numbers, Letters.norm(question.toString()), Letters.norm(answer.toString())));
        }
        return pairs;
    }

    static byte[] koopXml(String id, List<Pair> pairs) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<officiele-publicatie>\n"
                + "<metadata><meta name=\"DC.identifier\" content=\"" + id + "\"/></metadata>\n<kamervragen>\n");
        for (Pair p : pairs) {
            xml.append("<vraag><nr status=\"officieel\">Vraag ").append(p.printed()).append("</nr><al>")
                    .append(escape(p.question())).append("</al></vraag>\n");
            xml.append("<antwoord><nr status=\"officieel\">Antwoord ").append(p.printed()).append("</nr><al>")
                    .append(escape(p.answer())).append("</al></antwoord>\n");
        }
        return xml.append("</kamervragen>\n</officiele-publicatie>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The officielebekendmakingen markup: div.vraag / div.antwoord with an h2 heading. */
    static byte[] officialHtml(String id, List<Pair> pairs) {
        Document doc = Document.createShell("");
        doc.head().appendElement("meta").attr("name", "DC.identifier").attr("content", id);
        Element main = doc.body().appendElement("div").attr("id", "main-column");
        for (Pair p : pairs) {
            Element q = main.appendElement("div").addClass("vraag");
            q.appendElement("h2").addClass("stuktitel").text("Vraag " + p.printed());
            q.appendElement("p").text(p.question());
            Element a = main.appendElement("div").addClass("antwoord");
            a.appendElement("h2").addClass("stuktitel").text("Antwoord " + p.printed());
            a.appendElement("p").text(p.answer());
        }
        return doc.outerHtml().getBytes(StandardCharsets.UTF_8);
    }

    /** The pairs as the Aanhangsel prints them: "Vraag 2 en 3", the text, "Antwoord 2 en 3", the text. */
    static String aanhangselText(List<Pair> pairs) {
        StringBuilder text = new StringBuilder();
        for (Pair p : pairs) {
            text.append("Vraag ").append(p.printed()).append("\n").append(p.question()).append("\n\n");
            text.append("Antwoord ").append(p.printed()).append("\n").append(p.answer()).append("\n\n");
        }
        return text.toString();
    }

    /** Blocks of lines separated by blank lines: a document's paragraphs as far as its text shows them. */
    static List<List<String>> blocks(String text) {
        List<List<String>> blocks = new ArrayList<>();
        for (String block : text.replace('\f', '\n').split("\n[ \t]*\n")) {
            List<String> lines = new ArrayList<>();
            for (String line : block.split("\n")) {
                if (!line.isBlank()) {
                    lines.add(line.strip());
                }
            }
            if (!lines.isEmpty()) {
                blocks.add(lines);
            }
        }
        return blocks;
    }

    /** Any text as HTML: one {@code <p>} per block, its lines kept by {@code <br>}. */
    static byte[] html(String text) {
        Document doc = Document.createShell("");
        for (List<String> block : blocks(text)) {
            Element p = doc.body().appendElement("p");
            for (int i = 0; i < block.size(); i++) {
                if (i > 0) {
                    p.appendElement("br");
                }
                p.appendText(block.get(i));
            }
        }
        return doc.outerHtml().getBytes(StandardCharsets.UTF_8);
    }

    /** Any text as DOCX: one Word paragraph per block, its lines kept by soft line breaks. */
    static byte[] docx(String text) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (List<String> block : blocks(text)) {
                org.apache.poi.xwpf.usermodel.XWPFRun run = doc.createParagraph().createRun();
                for (int i = 0; i < block.size(); i++) {
                    if (i > 0) {
                        run.addBreak();
                    }
                    run.setText(block.get(i), i);
                }
            }
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Any text as ODT, one paragraph per block, lines kept by line breaks: mimetype, manifest and content.xml. */
    static byte[] odt(String text) {
        StringBuilder content = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                + "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.3\">"
                + "<office:body><office:text>");
        for (List<String> block : blocks(text)) {
            content.append("<text:p>").append(String.join("<text:line-break/>", block.stream().map(Variants::escape).toList()))
                    .append("</text:p>\n");
        }
        content.append("</office:text></office:body></office:document-content>");
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bytes)) {
            ZipEntry mimetype = new ZipEntry("mimetype");
            zip.putNextEntry(mimetype);
            zip.write("application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("META-INF/manifest.xml"));
            zip.write(("<?xml version=\"1.0\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
                    + "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
                    + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>")
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("content.xml"));
            zip.write(content.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String escape(String text) {
        StringBuilder b = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
