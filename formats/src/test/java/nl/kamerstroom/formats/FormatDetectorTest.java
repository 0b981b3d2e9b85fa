package nl.kamerstroom.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class FormatDetectorTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theContentDecidesNotTheDeclaredType() throws Exception {
        assertThat(FormatDetector.detect(utf8("%PDF-1.7\n…"), "text/plain")).isEqualTo(Format.PDF);
        assertThat(FormatDetector.detect(utf8("<?xml version=\"1.0\"?><kamervragen/>"), "text/plain"))
                .isEqualTo(Format.KOOP_XML);
        assertThat(FormatDetector.detect(utf8("<!DOCTYPE html><html><body><p>x</p></body></html>"), null))
                .isEqualTo(Format.HTML);
        assertThat(FormatDetector.detect(utf8("Vraag 1\nWaarom?"), null)).isEqualTo(Format.TEXT);
    }

    @Test
    void formatsWeDoNotReadAreUnsupportedAndBrokenOnesAreNot() {
        assertThatThrownBy(() -> FormatDetector.detect(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0}, null))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.unsupported()).isTrue());
        assertThatThrownBy(() -> FormatDetector.detect(utf8("hello"), "application/pdf"))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.unsupported()).isFalse());
    }

    @Test
    void aZipBombBeforeTheDocumentPartEndsTheSniffNotTheHeap() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("padding.bin"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 80; i++) {
                zip.write(zeros); // 80 MiB of zeros, about 80 KB compressed
            }
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write(utf8("<w:document/>"));
        }
        assertThatThrownBy(() -> FormatDetector.detect(bytes.toByteArray(), null))
                .isInstanceOf(FormatException.class).hasMessageContaining("zip bomb");
    }

    @Test
    void declaredTypesAndFileNames() {
        assertThat(FormatDetector.isSupported("text/plain; charset=UTF-8")).isTrue();
        assertThat(FormatDetector.isSupported("image/png")).isFalse();
        assertThat(FormatDetector.normalise(" Text/HTML ; charset=x")).isEqualTo("text/html");
        assertThat(FormatDetector.forFileName("Antwoord.DOCX")).contains(Format.DOCX.mediaType());
        assertThat(FormatDetector.forFileName("scan.tiff")).isEmpty();
    }
}
