package nl.kamerstroom.parse.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nl.kamerstroom.events.Official;
import nl.kamerstroom.events.ParsedLetter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Who answered, as a person with an office: from "Antwoord van minister X (portfolio)" and from the
 * closing signature with the name under it or after the comma; the office alone where no name is printed.
 */
class AnsweringOfficialsTest {

    private final LetterParser parser = new LetterParser();

    private ParsedLetter aanhangsel(String answeredByLine) {
        return parser.parse("""
                Vragen van het lid Sneller (D66) aan de minister van Justitie en Veiligheid over de hack bij het OM
                (ingezonden 19 september 2025).

                %s (ontvangen 21 november 2025).

                Vraag 1
                Kent u het bericht?

                Antwoord 1
                Ja.
                """.formatted(answeredByLine));
    }

    private ParsedLetter signedLetter(String addressee, String... signature) {
        return parser.parse("""
                Hierbij zend ik u de antwoorden op de vragen van het lid Sneller (D66) over de hack bij het OM
                (2025Z17315).

                %s

                Vragen van het lid Sneller (D66) aan de %s over de hack bij het OM (ingezonden 19 september 2025, 2025Z17315).

                Vraag 1
                Kent u het bericht?

                Antwoord 1
                Ja.
                """.formatted(String.join("\n\n", signature), addressee));
    }

    /** The last row is a PDF text layer's broken ş ("s¸"), which the normaliser repairs. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Antwoord van minister Van Weel (Justitie en Veiligheid)   | Van Weel | Minister | Justitie en Veiligheid | Minister van Justitie en Veiligheid
            Antwoord van Minister van Weel (Justitie en Veiligheid)   | van Weel | Minister | Justitie en Veiligheid | Minister van Justitie en Veiligheid
            Antwoord van Minister   Van  Weel (Justitie en Veiligheid) | Van Weel | Minister | Justitie en Veiligheid | Minister van Justitie en Veiligheid
            Antwoord van staatssecretaris Tielen (Volksgezondheid, Welzijn en Sport) | Tielen | Staatssecretaris | Volksgezondheid, Welzijn en Sport | Staatssecretaris van Volksgezondheid, Welzijn en Sport
            Antwoord van Minister Van der Wal-Zeggelink (Natuur en Stikstof) | Van der Wal-Zeggelink | Minister | Natuur en Stikstof | Minister voor Natuur en Stikstof
            Antwoord van Minister Yes¸ilgöz-Zegerius (Justitie en Veiligheid) | Yeşilgöz-Zegerius | Minister | Justitie en Veiligheid | Minister van Justitie en Veiligheid
            """)
    void theAanhangselNamesThePersonWithThePortfolio(String line, String name, String role, String portfolio, String office) {
        ParsedLetter letter = aanhangsel(line);
        assertThat(letter.answeredBy()).containsExactly(office);
        assertThat(letter.answeredByOfficials()).containsExactly(new Official(name, role, portfolio, office));
    }

    @Test
    void onBehalfOfAnotherOfficeAddsThatOfficeWithoutAName() {
        ParsedLetter letter = aanhangsel("Antwoord van minister Van Weel (Justitie en Veiligheid), mede namens de"
                + " staatssecretaris van Financiën");
        assertThat(letter.answeredByOfficials()).containsExactly(
                new Official("Van Weel", "Minister", "Justitie en Veiligheid", "Minister van Justitie en Veiligheid"),
                new Official(null, "Staatssecretaris", "Financiën", "Staatssecretaris van Financiën"));
    }

    @Test
    void theSignatureNamesThePersonOnTheLineBelow() {
        ParsedLetter letter = signedLetter("minister van Justitie en Veiligheid", "De Minister van Justitie en Veiligheid,",
                "D.M. van Weel");
        assertThat(letter.answeredBy()).containsExactly("Minister van Justitie en Veiligheid");
        assertThat(letter.answeredByOfficials()).containsExactly(
                new Official("D.M. van Weel", "Minister", "Justitie en Veiligheid", "Minister van Justitie en Veiligheid"));
    }

    @Test
    void theSignatureNamesThePersonAfterTheCommaOnOneLine() {
        ParsedLetter letter = signedLetter("staatssecretaris van Volksgezondheid, Welzijn en Sport",
                "De Staatssecretaris van Volksgezondheid, Welzijn en Sport, V.P.G. Karremans");
        assertThat(letter.answeredByOfficials()).containsExactly(new Official("V.P.G. Karremans", "Staatssecretaris",
                "Volksgezondheid, Welzijn en Sport", "Staatssecretaris van Volksgezondheid, Welzijn en Sport"));
    }

    @Test
    void aMinisterWithoutPortfolioSignsForWhatSheIsMinisterFor() {
        ParsedLetter letter = signedLetter("minister voor Rechtsbescherming", "De Minister voor Rechtsbescherming,",
                "Foort van Oosten");
        assertThat(letter.answeredByOfficials()).containsExactly(
                new Official("Foort van Oosten", "Minister", "Rechtsbescherming", "Minister voor Rechtsbescherming"));
    }

    @Test
    void aLetterThatPrintsNoNameGivesTheOfficeAlone() {
        // the line under the signature is the next heading, not a name
        ParsedLetter letter = signedLetter("minister van Justitie en Veiligheid", "De Minister van Justitie en Veiligheid,");
        assertThat(letter.answeredBy()).containsExactly("Minister van Justitie en Veiligheid");
        assertThat(letter.answeredByOfficials()).containsExactly(
                new Official(null, "Minister", "Justitie en Veiligheid", "Minister van Justitie en Veiligheid"));
    }

    @Test
    void theSeedLetterIsSignedByFoortVanOosten() {
        ParsedLetter letter = LetterTexts.parse(LetterTexts.SEED_MUTLUER);
        assertThat(letter.answeredByOfficials()).extracting(Official::name, Official::office)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Foort van Oosten", "Minister van Justitie en Veiligheid"));
    }

    @Test
    void brokenPersonLinesNeverFailTheParse() {
        for (String line : List.of("Antwoord van minister (Justitie en Veiligheid)", "Antwoord van minister " + "X ".repeat(200)
                + "(Justitie)", "De Minister van Justitie en Veiligheid, " + "a,".repeat(500), "Antwoord van Minister ()")) {
            ParsedLetter letter = aanhangsel(line);
            assertThat(letter.answeredByOfficials()).hasSameSizeAs(letter.answeredBy());
            assertThat(letter.questions()).hasSize(1);
        }
    }
}
