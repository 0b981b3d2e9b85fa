package nl.kamerstroom.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class HardenedXmlTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String nested(int depth) {
        return "<a>".repeat(depth) + "x" + "</a>".repeat(depth);
    }

    @Test
    void anExternalEntityIsNeverRead() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>";
        assertThatThrownBy(() -> HardenedXml.parse(utf8(xxe)))
                .isInstanceOf(XmlRefusedException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void billionLaughsIsRefusedAtOnce() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE r [<!ENTITY l0 \"ha\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        String bomb = dtd + "]><r>&l9;</r>";
        long start = System.nanoTime();
        assertThatThrownBy(() -> HardenedXml.parse(utf8(bomb))).isInstanceOf(XmlRefusedException.class);
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    @Test
    void xIncludeIsRefusedNotFollowed() {
        assertThatThrownBy(() -> HardenedXml.parse(utf8("<r xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
                + "<xi:include href=\"file:///etc/passwd\" parse=\"text\"/></r>")))
                .isInstanceOf(XmlRefusedException.class).hasMessageContaining("XInclude");
        // the same name in another namespace is just an element
        assertThatCode(() -> HardenedXml.parse(utf8("<r><include href=\"x\"/></r>"))).doesNotThrowAnyException();
    }

    @Test
    void nestingBeyondTheDepthLimitIsRefusedWithTheLimitNamed() throws Exception {
        assertThat(HardenedXml.parse(utf8(nested(200))).getDocumentElement().getTextContent()).isEqualTo("x");
        assertThatThrownBy(() -> HardenedXml.parse(utf8(nested(201))))
                .isInstanceOf(XmlRefusedException.class).hasMessageContaining("deeper than 200");
        assertThatThrownBy(() -> HardenedXml.parse(utf8(nested(11)), XmlLimits.DEFAULT.withMaxDepth(10)))
                .hasMessageContaining("deeper than 10");
    }

    @Test
    void aDocumentOverTheSizeLimitIsRefusedBeforeParsing() {
        byte[] xml = utf8("<r>" + "x".repeat(2_000) + "</r>");
        assertThatThrownBy(() -> HardenedXml.parse(xml, XmlLimits.DEFAULT.withMaxBytes(1_000)))
                .isInstanceOf(XmlRefusedException.class)
                .hasMessageContaining(xml.length + " bytes of XML, more than the limit of 1000 bytes");
    }

    @Test
    void aTreeOfTooManyElementsIsRefusedBeforeItIsBuilt() {
        byte[] xml = utf8("<r>" + "<s/>".repeat(2_000) + "</r>");
        assertThatThrownBy(() -> HardenedXml.parse(xml, XmlLimits.DEFAULT.withMaxTags(1_000)))
                .isInstanceOf(XmlRefusedException.class).hasMessageContaining("more than 1000 tags");
    }

    @Test
    void malformedXmlSaysWhere() {
        assertThatThrownBy(() -> HardenedXml.parse(utf8("<r><a></r>")))
                .isInstanceOf(XmlRefusedException.class).hasMessageContaining("line 1");
    }
}
