package nl.kamerstroom.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SafeXmlTest {

    @Test
    void aDoctypeIsRefusedSoNoExternalEntityIsEverRead() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE feed [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><feed>&x;</feed>";
        assertThatThrownBy(() -> SafeXml.parse(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SafeXml.MalformedException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void elementsAreFoundByLocalNameWhateverThePrefix() {
        var root = SafeXml.parse("<a:x xmlns:a=\"urn:a\" xmlns:tk=\"urn:tk\" tk:verwijderd=\"true\"><a:y>1</a:y><z/></a:x>"
                .getBytes(StandardCharsets.UTF_8)).getDocumentElement();
        assertThat(SafeXml.childText(root, "y")).isEqualTo("1");
        assertThat(SafeXml.childText(root, "z")).isNull();
        assertThat(SafeXml.attribute(root, "verwijderd")).isEqualTo("true");
    }
}
