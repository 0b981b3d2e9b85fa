package nl.kamerstroom.parse.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextNormaliserTest {

    private static List<String> texts(LetterLines doc) {
        return doc.lines().stream().map(l -> l.role == Line.Role.PAGE_BREAK ? "<page>" : l.text).toList();
    }

    @Test
    void composesAccentsThatTheExtractorPrintedSeparately() {
        assertThat(TextNormaliser.normaliseCharacters("Kostic ´ (PvdD)")).isEqualTo("Kostić (PvdD)");
        assertThat(TextNormaliser.normaliseCharacters("Minister Yes¸ilgöz-Zegerius")).isEqualTo("Minister Yeşilgöz-Zegerius");
        // An acute straight after a letter is an apostrophe.
        assertThat(TextNormaliser.normaliseCharacters("de foto´s")).isEqualTo("de foto´s");
    }

    @Test
    void cleansInvisibleAndOddCharacters() {
        assertThat(TextNormaliser.normaliseCharacters("a\u00A0b\u00ADc\u200Bd\tﬁ\r\ne\rf")).isEqualTo("a bcd fi\ne\nf");
    }

    @Test
    void formFeedsBecomePageBreaks() {
        LetterLines doc = TextNormaliser.normalise("eerste pagina\fTweede pagina\n");
        assertThat(texts(doc)).containsExactly("eerste pagina", "<page>", "Tweede pagina");
        assertThat(doc.explicitPages()).isTrue();
    }

    @Test
    void splitsTheRunningFooterOffTheNextPagesFirstLine() {
        LetterLines doc = TextNormaliser.normalise(
                "ISSN 0921 - 7398’s-Gravenhage 2023Tweede Kamer, vergaderjaar 2022–2023, Aanhangsel 1Antwoord 3\nBinnen het kader");
        assertThat(texts(doc)).containsExactly("ISSN 0921 - 7398’s-Gravenhage 2023",
                "Tweede Kamer, vergaderjaar 2022–2023, Aanhangsel 1", "<page>", "Antwoord 3", "Binnen het kader");
        assertThat(doc.explicitPages()).isTrue();
    }

    @Test
    void stripsMarkdown() {
        LetterLines doc = TextNormaliser.normalise("""
                # 2

                #### Vergaderjaar 2023–2024

                **Vragen gesteld door de leden der Kamer**

                in het bijzonder de commentaren «Netjes gezuiverd»[1 ] en «Goede»[2]?
                het 11[e ] sanctiepakket, zie [www.rijksoverheid.nl/jenv](http://www.rijksoverheid.nl/jenv)
                _spreekkamer» en het artikel_

                -----
                """);
        assertThat(texts(doc)).contains("2", "Vergaderjaar 2023–2024", "Vragen gesteld door de leden der Kamer",
                "in het bijzonder de commentaren «Netjes gezuiverd»1 en «Goede»2?",
                "het 11e sanctiepakket, zie www.rijksoverheid.nl/jenv", "spreekkamer» en het artikel", "<page>");
    }

    @Test
    void plainTextIsNotTakenForMarkdown() {
        LetterLines doc = TextNormaliser.normalise("Zie [1] en de_lijst\n-----\ntekst");
        assertThat(texts(doc)).containsExactly("Zie [1] en de_lijst", "-----", "tekst");
        assertThat(doc.explicitPages()).isFalse();
    }

    @Test
    void collapsesSpaces() {
        assertThat(Line.collapseSpaces("  2500 EA  DEN   HAAG  ")).isEqualTo("2500 EA DEN HAAG");
        assertThat(Line.collapseSpaces("enkel")).isEqualTo("enkel");
        assertThat(Line.collapseSpaces("a \u00A0b")).isEqualTo("a b");
    }
}
