package nl.kamerstroom.parse.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.ParsedLetter;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;

/**
 * Word letters built like the ministry templates (issue 12, class 5): letterhead in text boxes,
 * tables, frames, content controls and page headers; numbered headings; notes in their own parts.
 * Metadata must come out as printed on page 1 and the structure as in the letter the texts came from.
 */
class WordLettersTest {

    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    @Test
    void letterheadInTextBoxesAFrameAndTheFirstPageHeader() throws Exception {
        WordLetters.Built built = WordLetters.textBoxLetter();
        ParsedLetter letter = new LetterReader().read(built.docx(), DOCX);

        assertThat(letter.kind()).isEqualTo(LetterKind.ANSWER);
        // page 1's "Datum" (in a content control in a layout table), not the running header's 3 februari 2025
        assertThat(letter.letterDate()).isEqualTo(LocalDate.of(2025, 12, 18));
        assertThat(letter.zaakNumbers()).containsExactly("2025Z20557");
        assertThat(letter.ourReference()).isEqualTo("6970123");
        assertThat(letter.askers()).containsExactly(new ParsedLetter.Member("Mutluer", "GroenLinks-PvdA"),
                new ParsedLetter.Member("Kathmann", "GroenLinks-PvdA"));
        assertThat(letter.subject()).isEqualTo("de aanhoudende ICT-problematiek bij het Openbaar Ministerie (OM)");
        assertSameStructure(letter, built.source());
    }

    @Test
    void letterheadTableInThePageHeaderGivesDateReferenceAndTheOnlyZaakNumber() throws Exception {
        WordLetters.Built built = WordLetters.headerTableLetter();
        ParsedLetter letter = new LetterReader().read(built.docx(), DOCX);

        assertThat(letter.kind()).isEqualTo(LetterKind.ANSWER);
        assertThat(letter.letterDate()).isEqualTo(LocalDate.of(2025, 11, 21));
        // own zaak ("Uw referentie") first, the cited one after, the Kamer document number never
        assertThat(letter.zaakNumbers()).containsExactly("2025Z17315", "2022Z10723");
        assertThat(letter.ourReference()).isEqualTo("6753708");
        assertThat(letter.askers()).containsExactly(new ParsedLetter.Member("Van Nispen", "SP"),
                new ParsedLetter.Member("Bikker", "ChristenUnie"));
        assertThat(letter.subject()).isEqualTo("de gevolgen van de hack bij het OM op de bedrijfsvoering");
        assertThat(letter.footnotes()).extracting(ParsedLetter.Footnote::number, ParsedLetter.Footnote::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1", "Kamerstuk 29279, nr. 900."),
                        org.assertj.core.groups.Tuple.tuple("2", "Aanhangsel Handelingen II 2021/22, nr. 3500."));
        assertSameStructure(letter, built.source());
    }

    @Test
    void readingOrderEachBoxOnceRunningHeadersLeftOutNumbersFromTheDefinitions() throws Exception {
        String text;
        try (XWPFDocument doc = new XWPFDocument(new java.io.ByteArrayInputStream(WordLetters.textBoxLetter().docx()))) {
            text = WordDocumentText.text(doc);
        }
        List<String> lines = WordLetters.lines(text);
        // the DrawingML box and its VML fallback are one box
        assertThat(lines.stream().filter(l -> l.contains("Retouradres"))).hasSize(1);
        assertThat(lines.stream().filter(l -> l.startsWith("Ons kenmerk"))).hasSize(1);
        // the first page's header comes first; the running header is not text
        assertThat(lines.get(0)).isEqualTo("Ministerie van Justitie en Veiligheid");
        assertThat(text).doesNotContain("3 februari 2025").doesNotContain("5999999");
        // the right-hand column, anchored in the first body paragraph, before the body
        assertThat(lines.indexOf("Onze referentie")).isLessThan(lines.indexOf("Geachte voorzitter,"));
        // layout table: label and value on lines of their own, the date out of its content control
        assertThat(lines).containsSubsequence("Datum", "18 december 2025");
        // the frame's text and the box it anchors are separate paragraphs
        assertThat(lines).contains("Betreft Antwoorden Kamervragen over de aanhoudende ICT-problematiek bij het OM");
        assertThat(lines).containsSubsequence("Vraag 1", "Antwoord op vraag 1", "Vraag 2", "Antwoord op vraag 2",
                "Vraag 3", "Antwoord op vraag 3", "Vraag 4", "Antwoord op vraag 4");
    }

    @Test
    void numberingFormatsStartsAndRestarts() {
        assertThat(WordDocumentText.Numbering.format(4, "lowerLetter")).isEqualTo("d");
        assertThat(WordDocumentText.Numbering.format(28, "upperLetter")).isEqualTo("BB");
        assertThat(WordDocumentText.Numbering.format(14, "lowerRoman")).isEqualTo("xiv");
        assertThat(WordDocumentText.Numbering.format(7, "decimalZero")).isEqualTo("07");
    }

    private static void assertSameStructure(ParsedLetter letter, ParsedLetter source) {
        assertThat(Letters.questionNumbers(letter)).isEqualTo(Letters.questionNumbers(source));
        assertThat(Letters.answerGroups(letter)).isEqualTo(Letters.answerGroups(source));
        for (int i = 0; i < source.questions().size(); i++) {
            assertThat(Letters.norm(letter.questions().get(i).text())).isEqualTo(Letters.norm(source.questions().get(i).text()));
        }
        for (int i = 0; i < source.answers().size(); i++) {
            assertThat(Letters.norm(letter.answers().get(i).text())).isEqualTo(Letters.norm(source.answers().get(i).text()));
        }
    }
}
