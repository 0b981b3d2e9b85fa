package nl.kamerstroom.parse.read;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.parse.parser.LetterParser;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.XWPFAbstractNum;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFootnote;
import org.apache.poi.xwpf.usermodel.XWPFHeader;
import org.apache.poi.xwpf.usermodel.XWPFNumbering;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.apache.xmlbeans.XmlException;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTAbstractNum;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTBody;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTHdrFtr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;

/**
 * Word letters built the way ministry templates build them, with Apache POI and the
 * WordprocessingML the templates use, around question and answer texts read from a real letter:
 * the letterhead in text boxes (DrawingML with a VML fallback, and VML alone), layout tables,
 * content controls, framed paragraphs and the first page's header; a running header with another
 * (older) date; question headings numbered by the numbering definitions ("Vraag %1"), not typed;
 * footnotes and endnotes in their own parts.
 */
public final class WordLetters {

    private static final String NS = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
            + " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\""
            + " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""
            + " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
            + " xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\""
            + " xmlns:v=\"urn:schemas-microsoft-com:vml\""
            + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

    /** Parse an element's content into the type, not the element itself as a child of it. */
    private static final org.apache.xmlbeans.XmlOptions ROOT = new org.apache.xmlbeans.XmlOptions().setLoadReplaceDocumentElement(null);

    private WordLetters() {
    }

    /** What the Word letter is expected to give; the structure is that of the letter its texts came from. */
    public record Built(byte[] docx, ParsedLetter source) {
    }

    /**
     * Seed 001 (Mutluer and Kathmann, 2025Z20557), questions 1–4, as a Justitie en Veiligheid Word
     * letter: address in a text box in the first page's header (DrawingML with a VML fallback
     * holding the same box), the right-hand column in a VML text box anchored in the first body
     * paragraph, "Datum" in a layout table with the date in a content control, "Betreft" in a
     * framed paragraph that anchors the "Ons kenmerk" box (the box whose text used to be glued
     * onto the subject), a running header dated 3 februari 2025, the questions' header in the
     * annex, question headings from a numbering style, answer headings from a numbered list.
     */
    public static Built textBoxLetter() {
        ParsedLetter source = first(LettersOnDisk.seed("001_ac304c379d17da38.txt"), 4);
        try (XWPFDocument doc = new XWPFDocument()) {
            Numbers numbers = numbering(doc);
            StringBuilder body = new StringBuilder();
            body.append(paragraph(vmlTextBox(List.of("Directoraat-Generaal Straffen en Beschermen", "Turfmarkt 147",
                    "2511 DP Den Haag", "Postbus 20301", "2500 EH Den Haag", "www.rijksoverheid.nl/jenv",
                    "Onze referentie", "6970123"))));
            body.append("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>")
                    .append("<w:tr><w:tc>").append(paragraph(run("Datum"))).append("</w:tc><w:tc>")
                    .append("<w:p><w:sdt><w:sdtPr><w:date w:fullDate=\"2025-12-18T00:00:00Z\"/></w:sdtPr><w:sdtContent>")
                    .append(run("18 december 2025")).append("</w:sdtContent></w:sdt></w:p>")
                    .append("</w:tc></w:tr></w:tbl>");
            body.append("<w:p><w:pPr><w:framePr w:w=\"7000\" w:hAnchor=\"page\" w:vAnchor=\"page\" w:x=\"1100\" w:y=\"5200\"/></w:pPr>")
                    .append(run("Betreft Antwoorden Kamervragen over de aanhoudende ICT-problematiek bij het OM"))
                    .append(drawingTextBox(List.of("Ons kenmerk",
                            "- Bij beantwoording de datum en ons kenmerk vermelden. Wilt u slechts één zaak in uw brief behandelen.")))
                    .append("</w:p>");
            body.append(paragraph(run("Geachte voorzitter,")));
            body.append(paragraph(run("In antwoord op uw brief van 26 november 2025 deel ik u mede dat de vragen van de "
                    + "leden Mutluer en Kathmann (beiden GroenLinks-PvdA) over de aanhoudende ICT-problematiek bij het "
                    + "Openbaar Ministerie (OM), worden beantwoord zoals aangegeven in de bijlage bij deze brief.")));
            body.append(paragraph(run("De Minister van Justitie en Veiligheid,")));
            body.append(paragraph(run("Foort van Oosten")));
            body.append(paragraph(run("Vragen van de leden Mutluer en Kathmann (beiden GroenLinks-PvdA) aan de minister van "
                    + "Justitie en Veiligheid en de staatssecretaris Binnenlandse Zaken en Koninkrijksrelaties over de "
                    + "aanhoudende ICT-problematiek bij het Openbaar Ministerie (OM) (ingezonden 26 november 2025, 2025Z20557)")));
            questionsAndAnswers(body, source, numbers, true);
            setBody(doc, body);
            header(doc, HeaderFooterType.FIRST, paragraph(run("Ministerie van Justitie en Veiligheid"))
                    + paragraph(drawingTextBox(List.of("> Retouradres Postbus 20301 2500 EH Den Haag",
                    "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal", "Postbus 20018", "2500 EA DEN HAAG"))));
            header(doc, HeaderFooterType.DEFAULT, paragraph(run("Datum 3 februari 2025"))
                    + paragraph(run("Onze referentie 5999999")));
            return new Built(write(doc), source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Seed 000 (2025Z17315), questions 1–4, reworked: asked by the members Van Nispen and Bikker,
     * the whole letterhead (Datum, Onze referentie, Uw referentie, Betreft) in a table in the first
     * page's header with the address in a block content control; no questions' header in the
     * annex, so "Uw referentie" is the only place the zaak is printed; the cover letter cites an
     * earlier zaak and a Kamer document number, and has a footnote and an endnote; question
     * headings from a directly numbered list; a running header dated 14 oktober 2025.
     */
    public static Built headerTableLetter() {
        ParsedLetter source = first(LettersOnDisk.seed("000_f6bf631fb9c80b1a.txt"), 4);
        try (XWPFDocument doc = new XWPFDocument()) {
            Numbers numbers = numbering(doc);
            doc.createFootnotes();
            XWPFFootnote footnote = doc.createFootnote();
            footnote.createParagraph().createRun().setText("Kamerstuk 29279, nr. 900.");
            doc.createEndnotes();
            org.apache.poi.xwpf.usermodel.XWPFEndnote endnote = doc.createEndnote();
            endnote.createParagraph().createRun().setText("Aanhangsel Handelingen II 2021/22, nr. 3500.");
            StringBuilder body = new StringBuilder();
            body.append(paragraph(run("Geachte voorzitter,")));
            body.append("<w:p>").append(run("Hierbij bied ik u de antwoorden aan op de vragen van de leden Van Nispen (SP) en "
                    + "Bikker (ChristenUnie) over de gevolgen van de hack bij het OM op de bedrijfsvoering."))
                    .append(noteReference("footnoteReference", footnote.getId()))
                    .append(run(" Zij sluiten aan bij eerdere vragen (2022Z10723) en bij de brief van 12 juni 2022 "
                            + "(2022D22285)."))
                    .append(noteReference("endnoteReference", endnote.getId()))
                    .append("</w:p>");
            body.append(paragraph(run("De Minister van Justitie en Veiligheid,")));
            body.append(paragraph(run("D.M. van Weel")));
            questionsAndAnswers(body, source, numbers, false);
            setBody(doc, body);
            header(doc, HeaderFooterType.FIRST, "<w:sdt><w:sdtPr><w:alias w:val=\"Adres\"/></w:sdtPr><w:sdtContent>"
                    + paragraph(run("Aan de Voorzitter van de Tweede Kamer der Staten-Generaal"))
                    + paragraph(run("Postbus 20018")) + paragraph(run("2500 EA DEN HAAG"))
                    + "</w:sdtContent></w:sdt>"
                    + "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>"
                    + row("Datum", "21 november 2025") + row("Onze referentie", "6753708")
                    + row("Uw referentie", "2025Z17315")
                    + row("Betreft", "Antwoorden Kamervragen over de gevolgen van de hack bij het OM op de bedrijfsvoering")
                    + "</w:tbl>" + paragraph(""));
            header(doc, HeaderFooterType.DEFAULT, paragraph(run("Datum 14 oktober 2025")) + paragraph(run("Pagina 2 van 2")));
            return new Built(write(doc), source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The letter's first {@code n} questions with their answers, as its text parses. */
    private static ParsedLetter first(String text, int n) {
        ParsedLetter all = new LetterParser().parse(text);
        List<ParsedLetter.Question> questions = all.questions().subList(0, n);
        List<String> numbers = questions.stream().map(ParsedLetter.Question::number).toList();
        List<ParsedLetter.Answer> answers = all.answers().stream()
                .filter(a -> numbers.containsAll(a.questionNumbers())).toList();
        return new ParsedLetter(all.kind(), all.documentNumber(), all.zaakNumbers(), all.ourReference(), all.subject(),
                all.submittedDate(), all.receivedDate(), all.letterDate(), all.askers(), all.addressees(),
                all.answeredBy(), questions, answers, List.of(), List.of(), List.of());
    }

    /** Question headings come from the numbering ("Vraag %1"); answer headings are typed or numbered. */
    private static void questionsAndAnswers(StringBuilder body, ParsedLetter source, Numbers numbers, boolean numberedAnswers) {
        for (ParsedLetter.Question q : source.questions()) {
            body.append(numberedAnswers
                    ? "<w:p><w:pPr><w:pStyle w:val=\"Vraagkop\"/></w:pPr>" + run(" ") + "</w:p>"
                    : "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"" + numbers.questions
                    + "\"/></w:numPr></w:pPr>" + run(" ") + "</w:p>");
            paragraphs(body, q.text());
            ParsedLetter.Answer a = source.answers().stream().filter(x -> x.questionNumbers().get(0).equals(q.number()))
                    .findFirst().orElse(null);
            if (a == null) {
                continue;
            }
            if (numberedAnswers && a.questionNumbers().size() == 1) {
                body.append("<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"" + numbers.answers
                        + "\"/></w:numPr></w:pPr>" + run(" ") + "</w:p>");
            } else {
                body.append(paragraph(run("Antwoord op vraag " + String.join(" en ", a.questionNumbers()))));
            }
            paragraphs(body, a.text());
        }
    }

    private static void paragraphs(StringBuilder body, String text) {
        for (String p : text.split("\n\n")) {
            body.append(paragraph(run(p)));
        }
    }

    private record Numbers(BigInteger questions, BigInteger answers) {
    }

    /** "Vraag %1" through a paragraph style and directly; "Antwoord op vraag %1" as a second list. */
    private static Numbers numbering(XWPFDocument doc) throws IOException {
        try {
            XWPFNumbering numbering = doc.createNumbering();
            BigInteger questionList = numbering.addAbstractNum(new XWPFAbstractNum(CTAbstractNum.Factory.parse(
                    "<w:abstractNum " + NS + " w:abstractNumId=\"10\"><w:multiLevelType w:val=\"singleLevel\"/>"
                            + "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
                            + "<w:pStyle w:val=\"Vraagkop\"/><w:suff w:val=\"space\"/><w:lvlText w:val=\"Vraag %1\"/></w:lvl>"
                            + "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"%1%2\"/></w:lvl>"
                            + "</w:abstractNum>", ROOT)));
            BigInteger answerList = numbering.addAbstractNum(new XWPFAbstractNum(CTAbstractNum.Factory.parse(
                    "<w:abstractNum " + NS + " w:abstractNumId=\"20\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>"
                            + "<w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"Antwoord op vraag %1\"/></w:lvl></w:abstractNum>", ROOT)));
            BigInteger questions = numbering.addNum(questionList);
            BigInteger answers = numbering.addNum(answerList);
            XWPFStyles styles = doc.createStyles();
            styles.addStyle(new XWPFStyle(CTStyle.Factory.parse("<w:style " + NS
                    + " w:type=\"paragraph\" w:styleId=\"KopBasis\"><w:name w:val=\"Kop basis\"/><w:pPr><w:numPr>"
                    + "<w:numId w:val=\"" + questions + "\"/></w:numPr></w:pPr></w:style>", ROOT)));
            styles.addStyle(new XWPFStyle(CTStyle.Factory.parse("<w:style " + NS
                    + " w:type=\"paragraph\" w:styleId=\"Vraagkop\"><w:name w:val=\"Vraagkop\"/><w:basedOn w:val=\"KopBasis\"/>"
                    + "</w:style>", ROOT)));
            return new Numbers(questions, answers);
        } catch (XmlException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void setBody(XWPFDocument doc, StringBuilder body) {
        try {
            doc.getDocument().setBody(CTBody.Factory.parse("<w:body " + NS + ">" + body
                    + "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body>", ROOT));
        } catch (XmlException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void header(XWPFDocument doc, HeaderFooterType type, String content) {
        XWPFHeader header = doc.createHeader(type);
        try {
            header._getHdrFtr().set(CTHdrFtr.Factory.parse("<w:hdr " + NS + ">" + content + "</w:hdr>", ROOT));
        } catch (XmlException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] write(XWPFDocument doc) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.write(out);
        return out.toByteArray();
    }

    static String row(String label, String value) {
        return "<w:tr><w:tc>" + paragraph(run(label)) + "</w:tc><w:tc>" + paragraph(run(value)) + "</w:tc></w:tr>";
    }

    static String paragraph(String runs) {
        return "<w:p>" + runs + "</w:p>";
    }

    static String run(String text) {
        return text.isEmpty() ? "" : "<w:r><w:t xml:space=\"preserve\">" + escape(text) + "</w:t></w:r>";
    }

    private static String noteReference(String element, BigInteger id) {
        return "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:" + element + " w:id=\"" + id + "\"/></w:r>";
    }

    private static String boxParagraphs(List<String> lines) {
        StringBuilder s = new StringBuilder();
        for (String line : lines) {
            s.append(paragraph(run(line)));
        }
        return s.toString();
    }

    /** A DrawingML text box with Word's VML fallback: the same box twice, to be read once. */
    static String drawingTextBox(List<String> lines) {
        String content = boxParagraphs(lines);
        return "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
                + "<wp:anchor distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\" simplePos=\"0\" relativeHeight=\"2\" behindDoc=\"0\""
                + " locked=\"0\" layoutInCell=\"1\" allowOverlap=\"1\"><wp:simplePos x=\"0\" y=\"0\"/>"
                + "<wp:positionH relativeFrom=\"page\"><wp:posOffset>5200000</wp:posOffset></wp:positionH>"
                + "<wp:positionV relativeFrom=\"page\"><wp:posOffset>1900000</wp:posOffset></wp:positionV>"
                + "<wp:extent cx=\"1700000\" cy=\"3000000\"/><wp:wrapNone/><wp:docPr id=\"" + Math.abs(lines.hashCode() % 1000)
                + "\" name=\"Tekstvak\"/><a:graphic><a:graphicData uri=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\">"
                + "<wps:wsp><wps:txbx><w:txbxContent>" + content + "</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
                + "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>"
                + "<v:shape style=\"position:absolute;width:134pt;height:236pt\"><v:textbox><w:txbxContent>" + content
                + "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>";
    }

    /** An older template's VML text box, no DrawingML. */
    static String vmlTextBox(List<String> lines) {
        return "<w:r><w:pict><v:shape style=\"position:absolute;margin-left:400pt;width:134pt;height:400pt\"><v:textbox>"
                + "<w:txbxContent>" + boxParagraphs(lines) + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The seeds as the other tests read them. */
    static final class LettersOnDisk {
        static String seed(String name) {
            return Letters.text("seeds/" + name);
        }
    }

    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String l : text.split("\n")) {
            if (!l.isBlank()) {
                out.add(l.strip());
            }
        }
        return out;
    }
}
