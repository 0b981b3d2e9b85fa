package nl.kamerstroom.parse.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.formats.XmlLimits;
import nl.kamerstroom.parse.parser.LetterParser;
import nl.kamerstroom.testsupport.TextPdf;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

/**
 * Every bound of {@link Limits} is counted on what is actually read: a file cannot talk its way
 * past one by lying about itself, and exceeding one is a {@link ReadException} naming the bound.
 */
class ReaderBoundsTest {

    /** A hang guard: each case takes 1–5 s on the shared cores; an unbounded reader takes minutes. */
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String QUESTION = "Vraag 1\nHoeveel?\n\nAntwoord 1\nVeel.\n";

    private static byte[] pdfOfPages(int pages) {
        StringBuilder text = new StringBuilder(QUESTION);
        for (int i = 1; i < pages; i++) {
            text.append('\f').append("Bladzijde ").append(i + 1).append('\n');
        }
        return TextPdf.render(text.toString());
    }

    /** The same PDF with its page tree's /Count rewritten: the file's own page count lies. */
    private static byte[] withClaimedPageCount(byte[] pdf, int claimed) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            COSDictionary pages = doc.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.PAGES);
            pages.setInt(COSName.COUNT, claimed);
            doc.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void pagesAreCountedWhileReadingNotTakenFromTheFile() throws Exception {
        byte[] lying = withClaimedPageCount(pdfOfPages(60), 1);
        try (PDDocument doc = Loader.loadPDF(lying)) {
            assertThat(doc.getNumberOfPages()).as("the file claims one page").isEqualTo(1);
        }
        LetterReader reader = new LetterReader(new LetterParser(), Limits.DEFAULT.withMaxPages(50));
        assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> reader.read(lying, "application/pdf"))
                .isInstanceOfSatisfying(ReadException.class, e -> assertThat(e.unsupported()).isFalse())
                .hasMessageContaining("more than 50 pages").hasMessageContaining("claims 1"));
    }

    @Test
    void aPdfThatOverstatesItsPagesIsReadByWhatItHolds() throws Exception {
        byte[] overstating = withClaimedPageCount(pdfOfPages(3), 1_000_000);
        LetterReader reader = new LetterReader(new LetterParser(), Limits.DEFAULT.withMaxPages(10));
        ParsedLetter letter = reader.read(overstating, "application/pdf");
        assertThat(letter.answers()).hasSize(1);
    }

    @Test
    void aPdfWithinThePageLimitIsRead() throws Exception {
        LetterReader reader = new LetterReader(new LetterParser(), Limits.DEFAULT.withMaxPages(50));
        assertThat(reader.read(pdfOfPages(50), "application/pdf").questions()).hasSize(1);
    }

    @Test
    void aTruncatedOrPaddedPdfIsReadOrRefusedInBoundedTime() {
        byte[] pdf = pdfOfPages(200);
        LetterReader reader = new LetterReader();
        // cut anywhere: PDFBox rebuilds the cross references by scanning, which stays linear
        assertTimeoutPreemptively(BOUND, () -> {
            for (int cut : new int[] {pdf.length / 10, pdf.length / 2, pdf.length - 200}) {
                try {
                    reader.read(Arrays.copyOf(pdf, cut), "application/pdf");
                } catch (ReadException e) {
                    assertThat(e.getMessage()).isNotBlank();
                }
            }
            // 15 MB of garbage after the header: a huge, broken PDF
            byte[] huge = Arrays.copyOf("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 15 * 1024 * 1024);
            Arrays.fill(huge, 9, huge.length, (byte) 'x');
            assertThatThrownBy(() -> reader.read(huge, "application/pdf")).isInstanceOf(ReadException.class);
        });
    }

    private static byte[] zip(String mimetype, String... namesAndContents) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            if (mimetype != null) {
                zip.putNextEntry(new ZipEntry("mimetype"));
                zip.write(mimetype.getBytes(StandardCharsets.US_ASCII));
            }
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }

    private static final String ODT = "application/vnd.oasis.opendocument.text";

    private static String odtContent(String body) {
        return "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                + "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>"
                + body + "</office:text></office:body></office:document-content>";
    }

    @Test
    void inflatedBytesAreCountedOverAllPartsOfTheDocument() throws Exception {
        // each part is small, together they are not: a per-part bound alone would let this through
        String part = "x".repeat(300_000);
        byte[] odt = zip(ODT, "content.xml", odtContent("<text:p>Vraag 1</text:p>"), "a.xml", part, "b.xml", part,
                "c.xml", part, "d.xml", part);
        LetterReader reader = new LetterReader(new LetterParser(), Limits.DEFAULT.withMaxInflatedBytes(1_000_000));
        assertThatThrownBy(() -> reader.read(odt, null))
                .isInstanceOf(ReadException.class).hasMessageContaining("inflates beyond the limit of 1000000 bytes");
        assertThat(new LetterReader().read(odt, null)).isNotNull();
    }

    @Test
    void aDocxIsHeldToTheInflationBoundBeforePoiSeesIt() throws Exception {
        byte[] docx = Variants.docx(QUESTION);
        LetterReader tight = new LetterReader(new LetterParser(), Limits.DEFAULT.withMaxInflatedBytes(1_000));
        assertThatThrownBy(() -> tight.read(docx, null))
                .isInstanceOf(ReadException.class).hasMessageContaining("DOCX document inflates beyond the limit of 1000");
        assertThat(new LetterReader().read(docx, null).questions()).hasSize(1);
    }

    @Test
    void aSmallOdtThatWouldInflateIntoAHugeTreeIsRefusedBeforeTheTreeIsBuilt() throws Exception {
        // the report's "230 KB ODT inflating to a 95 MB DOM": millions of empty elements compress to almost nothing
        String spans = "<text:p>" + "<text:span/>".repeat(2_500_000) + "</text:p>";
        byte[] odt = zip(ODT, "content.xml", odtContent(spans));
        assertThat(odt.length).isLessThan(400_000);
        Runtime runtime = Runtime.getRuntime();
        assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> new LetterReader().read(odt, null))
                .isInstanceOf(ReadException.class).hasMessageContaining("tags of XML"));
        assertThat(runtime.totalMemory()).isPositive();
    }

    @Test
    void koopXmlOverTheSizeLimitIsRefusedWithTheLimitNamed() {
        byte[] xml = ("<kamervragen><vraag><nr>Vraag 1</nr><al>" + "x".repeat(5_000) + "</al></vraag></kamervragen>")
                .getBytes(StandardCharsets.UTF_8);
        LetterReader reader = new LetterReader(new LetterParser(), Limits.DEFAULT.withXml(XmlLimits.DEFAULT.withMaxBytes(1_000)));
        assertThatThrownBy(() -> reader.read(xml, "application/xml"))
                .isInstanceOf(ReadException.class)
                .hasMessageContaining("the KOOP XML document is too large").hasMessageContaining("limit of 1000 bytes");
    }
}
