package nl.kamerstroom.parse.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.testsupport.TextPdf;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.Test;

/**
 * Whatever the bytes: a parsed letter or a {@link ReadException} with a reason, in bounded time;
 * never another exception. (Hostile XML is in {@link KoopXmlLayoutsTest}.)
 */
class ReaderRobustnessTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String[] TYPES = {null, "", "text/plain", "application/pdf", "text/html", "application/xml",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.oasis.opendocument.text", "application/octet-stream", "image/png"};
    private final LetterReader reader = new LetterReader();

    /** A result or a ReadException; anything else fails the test. */
    private ParsedLetter readOrReason(byte[] content, String type) {
        try {
            return reader.read(content, type);
        } catch (ReadException e) {
            assertThat(e.getMessage()).isNotBlank();
            return null;
        }
    }

    @Test
    void arbitraryBytesUnderEveryDeclaredType() {
        Random random = new Random(3);
        byte[][] prefixes = {new byte[0], "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), {'P', 'K', 3, 4},
                "<?xml version=\"1.0\"?><kamervragen>".getBytes(StandardCharsets.US_ASCII),
                "<html><body><div class=\"vraag\">".getBytes(StandardCharsets.US_ASCII), {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0}};
        assertTimeoutPreemptively(BOUND, () -> {
            for (int round = 0; round < 300; round++) {
                byte[] prefix = prefixes[round % prefixes.length];
                byte[] content = new byte[prefix.length + 1 + random.nextInt(4_000)];
                random.nextBytes(content);
                System.arraycopy(prefix, 0, content, 0, prefix.length);
                readOrReason(content, TYPES[round % TYPES.length]);
            }
        });
    }

    @Test
    void binaryDeclaredAsTextIsUnreadable() {
        byte[] content = new byte[10_000];
        new Random(5).nextBytes(content);
        assertThatThrownBy(() -> reader.read(content, "text/plain")).isInstanceOfSatisfying(ReadException.class,
                e -> assertThat(e.unsupported()).isFalse()).hasMessageContaining("binary data");
    }

    @Test
    void legacyWordAndImagesAreUnsupported() {
        byte[] doc = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
        assertThatThrownBy(() -> reader.read(doc, "application/msword"))
                .isInstanceOfSatisfying(ReadException.class, e -> assertThat(e.unsupported()).isTrue());
        assertThatThrownBy(() -> reader.read(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0}, "image/png"))
                .isInstanceOfSatisfying(ReadException.class, e -> assertThat(e.unsupported()).isTrue());
    }

    @Test
    void truncatedPdfsAndDocuments() {
        String text = Letters.text("seeds/000_f6bf631fb9c80b1a.txt");
        byte[] pdf = TextPdf.render(text);
        byte[] docx = Variants.docx(text);
        byte[] odt = Variants.odt(text);
        assertTimeoutPreemptively(BOUND, () -> {
            for (byte[] whole : new byte[][] {pdf, docx, odt}) {
                for (int cut : new int[] {5, 100, whole.length / 3, whole.length / 2, whole.length - 10}) {
                    readOrReason(Arrays.copyOf(whole, cut), null);
                }
            }
        });
    }

    @Test
    void anEncryptedPdfIsUnreadableWithAReason() throws Exception {
        byte[] plain = TextPdf.render(Letters.text("seeds/000_f6bf631fb9c80b1a.txt"));
        byte[] encrypted;
        try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(plain); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            doc.save(out);
            encrypted = out.toByteArray();
        }
        assertThatThrownBy(() -> reader.read(encrypted, "application/pdf"))
                .isInstanceOfSatisfying(ReadException.class, e -> assertThat(e.unsupported()).isFalse())
                .hasMessageContaining("encrypted");
    }

    @Test
    void aFiveHundredPagePdfIsReadInBoundedTime() {
        String page = "Het kabinet heeft in 2024 maatregelen genomen om de werkdruk te verlagen.\n".repeat(45);
        StringBuilder text = new StringBuilder("Vraag 1\nHoeveel?\nAntwoord 1\n");
        for (int i = 0; i < 500; i++) {
            text.append(page).append('\f');
        }
        byte[] pdf = TextPdf.render(text.toString());
        ParsedLetter letter = assertTimeoutPreemptively(BOUND, () -> reader.read(pdf, "application/pdf"));
        assertThat(letter.answers()).hasSize(1);
    }

    @Test
    void twentyMegabytesOfTextWithoutHeadings() {
        String paragraph = "Het kabinet heeft in 2024 ongeveer 1.000 maatregelen genomen om de werkdruk te verlagen, "
                + "zoals beschreven in de brief van 12 maart 2024 (Kamerstuk 29 279, nr. 874).\n";
        byte[] text = paragraph.repeat(20_000_000 / paragraph.length()).getBytes(StandardCharsets.UTF_8);
        // over the default text bound: refused with the bound named, at once
        assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(10), () -> reader.read(text, "text/plain")))
                .isInstanceOf(ReadException.class).hasMessageContaining("kamerstroom.parse.max-text-chars");
        // with a bound that admits it, it is read within bounded time
        LetterReader generous = new LetterReader(new nl.kamerstroom.parse.parser.LetterParser(),
                new Limits(Limits.DEFAULT.maxPages(), Limits.DEFAULT.maxInflatedBytes(), Limits.DEFAULT.xml(), 30_000_000));
        ParsedLetter letter = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> generous.read(text, "text/plain"));
        assertThat(letter.kind()).isEqualTo(LetterKind.OTHER);
        assertThat(letter.questions()).isEmpty();
    }

    @Test
    void deeplyNestedHtmlAndOdt() throws Exception {
        String html = "<html><body>" + "<div>".repeat(50_000) + "Vraag 1" + "</div>".repeat(50_000) + "</body></html>";
        assertTimeoutPreemptively(BOUND, () -> readOrReason(html.getBytes(StandardCharsets.UTF_8), "text/html"));
        String content = "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                + "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>"
                + "<text:section>".repeat(20_000) + "</text:section>".repeat(20_000) + "</office:text></office:body></office:document-content>";
        byte[] odt = zip("application/vnd.oasis.opendocument.text", content.getBytes(StandardCharsets.UTF_8));
        assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> reader.read(odt, null))
                .isInstanceOf(ReadException.class).hasMessageContaining("nest deeper"));
    }

    @Test
    void anOdtZipBombIsRefused() throws Exception {
        // 200 MB of zeros inflate from ~200 KB: beyond the bound on any one part
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("mimetype"));
            zip.write("application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII));
            zip.putNextEntry(new ZipEntry("content.xml"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 200; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> reader.read(bytes.toByteArray(), null))
                .isInstanceOf(ReadException.class).hasMessageContaining("inflates beyond"));
    }

    private static byte[] zip(String mimetype, byte[] content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("mimetype"));
            zip.write(mimetype.getBytes(StandardCharsets.US_ASCII));
            zip.putNextEntry(new ZipEntry("content.xml"));
            zip.write(content);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
