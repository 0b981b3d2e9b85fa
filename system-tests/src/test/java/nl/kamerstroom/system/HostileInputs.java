package nl.kamerstroom.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The hostile inputs of issue 11, each generated here from a fixed seed so that a run can be
 * repeated byte for byte. Sizes are the ones the issue reports; every input stays within the
 * 20 MB upload limit.
 */
final class HostileInputs {

    private static final String[] WORDS = ("de het een van en in op te dat is voor met niet zijn aan ook als bij "
            + "door maar om nog wel naar uit dan kan worden over tot heeft deze hebben kamer minister vraag "
            + "antwoord regering beleid gemeente wet onderzoek jaar ministerie staatssecretaris brief").split(" ");

    private HostileInputs() {
    }

    /** {@code bytes} of Dutch-looking words in sentences and paragraphs. */
    static String prose(long seed, int bytes) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(bytes + 64);
        int sentence = 0;
        while (text.length() < bytes) {
            String word = WORDS[random.nextInt(WORDS.length)];
            text.append(sentence == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
            if (++sentence > 8 + random.nextInt(12)) {
                text.append(random.nextInt(6) == 0 ? ".\n\n" : ". ");
                sentence = 0;
            } else {
                text.append(' ');
            }
        }
        return text.toString();
    }

    /** About 200 KB of runs of digits and separators (the letter that took 259 s). */
    static byte[] digitRuns(long seed) {
        Random random = new Random(seed);
        String separators = " .,-/:;–";
        StringBuilder text = new StringBuilder(210_000);
        text.append("Vragen van het lid Jansen aan de minister\n\n");
        while (text.length() < 200_000) {
            int run = 1 + random.nextInt(12);
            for (int i = 0; i < run; i++) {
                text.append((char) ('0' + random.nextInt(10)));
            }
            text.append(separators.charAt(random.nextInt(separators.length())));
            if (random.nextInt(40) == 0) {
                text.append('\n');
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** 200,000 lines that say only "Vraag" (1.2 MB). */
    static byte[] bareVraagLines() {
        return ("Vragen van het lid Jansen aan de minister\n\n" + "Vraag\n".repeat(200_000))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Seed 000 with its first question 1.2 MB long (an event too large for a 1 MiB producer). */
    static byte[] hugeQuestion(String zaak) {
        String letter = Letters.snellerText(zaak);
        String marker = "Kunt u bevestigen";
        int at = letter.indexOf(marker);
        return (letter.substring(0, at) + prose(11, 1_200_000) + " " + letter.substring(at))
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Forty questions of ~27 KB each, all answered by one answer: the answer's outbox event carries
     * every question's text, well over 1 MiB.
     */
    static byte[] fortyAnsweredTogether(String zaak) {
        StringBuilder text = new StringBuilder();
        text.append("Vragen van het lid Jansen (D66) aan de minister van Justitie en Veiligheid over veertig zaken\n\n");
        text.append("(ingezonden op 19 september 2025, ").append(zaak).append(")\n\n");
        for (int q = 1; q <= 40; q++) {
            text.append("Vraag ").append(q).append("\n\n").append(prose(100 + q, 27_000).strip()).append("?\n\n");
        }
        text.append("Antwoord op vragen 1 tot en met 40\n\n").append(prose(99, 4_000).strip()).append("\n");
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** 14 MB of KOOP kamervragen XML whose questions all carry the same number. */
    static byte[] koopRepeatedNumbers(String zaak) {
        StringBuilder xml = new StringBuilder(14_200_000);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kamervragen>\n");
        xml.append("<kamervraagomschrijving type=\"vraag\">Vragen van het lid Jansen aan de minister (ingezonden ")
                .append("<datum isodatum=\"2025-09-19\">19 september 2025</datum>, ").append(zaak)
                .append(")</kamervraagomschrijving>\n");
        String question = prose(21, 600).strip();
        String answer = prose(22, 600).strip();
        while (xml.length() < 14_000_000) {
            xml.append("<vraag><nr>Vraag 1</nr><al>").append(question).append("</al></vraag>\n");
            xml.append("<antwoord><nr>Antwoord 1</nr><al>").append(answer).append("</al></antwoord>\n");
        }
        xml.append("</kamervragen>\n");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** 4.7 MB of HTML: a table of header rows, every one a question heading. */
    static byte[] htmlHeaderRows() {
        StringBuilder html = new StringBuilder(4_800_000);
        html.append("<!DOCTYPE html><html><head><title>Kamervragen</title></head><body>\n");
        html.append("<p>Vragen van het lid Jansen aan de minister</p>\n<table>\n");
        int n = 0;
        while (html.length() < 4_700_000) {
            n++;
            html.append("<tr><th>Vraag ").append(n % 997).append("</th><th>Antwoord ").append(n % 997)
                    .append("</th><th>").append(n).append("</th></tr>\n");
        }
        html.append("</table></body></html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An ODT of ~230 KB whose content.xml inflates to ~95 MB of paragraphs. */
    static byte[] inflatingOdt() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            byte[] mimetype = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
            ZipEntry first = new ZipEntry("mimetype");
            first.setMethod(ZipEntry.STORED); // as ODF requires: first, uncompressed
            first.setSize(mimetype.length);
            CRC32 crc = new CRC32();
            crc.update(mimetype);
            first.setCrc(crc.getValue());
            zip.putNextEntry(first);
            zip.write(mimetype);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("META-INF/manifest.xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest="
                    + "\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"><manifest:file-entry "
                    + "manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
                    + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
                    + "</manifest:manifest>").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.setLevel(Deflater.BEST_COMPRESSION);
            zip.putNextEntry(new ZipEntry("content.xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content "
                    + "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                    + "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>")
                    .getBytes(StandardCharsets.UTF_8));
            byte[] paragraph = "<text:p>Vraag 1</text:p><text:p>Antwoord 1</text:p>".getBytes(StandardCharsets.UTF_8);
            for (long written = 0; written < 95L * 1024 * 1024; written += paragraph.length) {
                zip.write(paragraph);
            }
            zip.write("</office:text></office:body></office:document-content>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A 19 MB text letter: seed 000 with a long appendix, one per {@code seed}. */
    static byte[] nineteenMegabytes(String zaak, String appendix) {
        return (Letters.snellerText(zaak) + "\n\nBijlage\n\n" + appendix).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A PDF of {@code pages} pages whose page tree claims to have one: a limit that trusts the
     * file's {@code /Count} lets all of them through.
     */
    static byte[] pdfWithLyingPageCount(int pages) {
        PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        Random random = new Random(31);
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int p = 0; p < pages; p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 10);
                    content.newLineAtOffset(50, 780);
                    content.showText("Vraag " + (1 + random.nextInt(40)) + " " + WORDS[random.nextInt(WORDS.length)]);
                    content.endText();
                }
            }
            // uncompressed, so the page tree's /Count is plain text that can be replaced in place
            document.save(out, CompressParameters.NO_COMPRESSION);
            String pdf = out.toString(StandardCharsets.ISO_8859_1);
            String count = "/Count " + pages;
            if (!pdf.contains(count)) {
                throw new IllegalStateException("no " + count + " in the generated PDF");
            }
            // same length, so the cross-reference offsets stay right
            String lie = ("/Count 1" + " ".repeat(count.length())).substring(0, count.length());
            return pdf.replace(count, lie).getBytes(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Seed 000 with U+FFFF (a non-character XML cannot carry) inside its first answer. */
    static byte[] nonCharacterInAnswer(String zaak) {
        String letter = Letters.snellerText(zaak);
        String answer = "Sinds 16 oktober is het telewerken";
        int at = letter.indexOf(answer);
        return (letter.substring(0, at) + "Sinds \uFFFF16 oktober" + letter.substring(at + "Sinds 16 oktober".length()))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The XML attacks that must be refused with 422, by name. */
    static java.util.Map<String, byte[]> xmlAttacks() {
        java.util.Map<String, byte[]> attacks = new java.util.LinkedHashMap<>();
        attacks.put("XXE (external entity to /etc/passwd)", ("<?xml version=\"1.0\"?><!DOCTYPE kamervragen "
                + "[<!ENTITY x SYSTEM \"file:///etc/passwd\">]><kamervragen><vraag><nr>Vraag 1</nr><al>&x;</al>"
                + "</vraag></kamervragen>").getBytes(StandardCharsets.UTF_8));
        attacks.put("external DTD", ("<?xml version=\"1.0\"?><!DOCTYPE kamervragen SYSTEM "
                + "\"http://127.0.0.1:9/evil.dtd\"><kamervragen><vraag><nr>Vraag 1</nr><al>x</al></vraag>"
                + "</kamervragen>").getBytes(StandardCharsets.UTF_8));
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE kamervragen [<!ENTITY l0 \"lol\">");
        for (int i = 1; i <= 10; i++) {
            laughs.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        laughs.append("]><kamervragen><vraag><nr>Vraag 1</nr><al>&l10;</al></vraag></kamervragen>");
        attacks.put("billion laughs", laughs.toString().getBytes(StandardCharsets.UTF_8));
        attacks.put("201-deep nesting", ("<?xml version=\"1.0\"?><kamervragen>" + "<al>".repeat(201) + "x"
                + "</al>".repeat(201) + "</kamervragen>").getBytes(StandardCharsets.UTF_8));
        attacks.put("XInclude", ("<?xml version=\"1.0\"?><kamervragen xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
                + "<vraag><nr>Vraag 1</nr><al><xi:include href=\"file:///etc/passwd\" parse=\"text\"/></al></vraag>"
                + "</kamervragen>").getBytes(StandardCharsets.UTF_8));
        return attacks;
    }
}
