package nl.kamerstroom.parse.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.ParsedLetter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole-document KOOP layouts. No complete original file is in the corpus (see SOURCES.md),
 * so these fixtures are built from the documented structure (element names from KOOP's XSLT and
 * public parsers) around real sentences; the hostile inputs must end in a clear error.
 */
class KoopXmlLayoutsTest {

    private static final Duration BOUND = Duration.ofSeconds(10);
    private final LetterReader reader = new LetterReader();

    static final String CURRENT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <officiele-publicatie xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <metadata><meta name="DC.identifier" content="ah-tk-20192020-2197"/></metadata>
              <kamervragen>
                <kamervraagkop><tekstregel inhoud="vergaderjaar">Vergaderjaar 2019–2020</tekstregel></kamervraagkop>
                <kamervraagnummer>2197</kamervraagnummer>
                <kamervraagomschrijving type="vraag">Vragen van het lid <naam><achternaam>Postma</achternaam></naam> (CDA)
                  aan de Minister van Justitie en Veiligheid over <kamervraagonderwerp>het dupliceren van kentekenplaten</kamervraagonderwerp>
                  (ingezonden <datum isodatum="2020-02-05">5 februari 2020</datum>).</kamervraagomschrijving>
                <kamervraagomschrijving type="antwoord">Antwoord van Minister Grapperhaus (Justitie en Veiligheid)
                  (ontvangen <datum isodatum="2020-03-24">24 maart 2020</datum>).</kamervraagomschrijving>
                <vraag><nr status="officieel">Vraag 1</nr>
                  <al>Bent u bekend met de uitzending van Nieuwsuur van dinsdag 4 februari 2020?<noot id="n1" type="voet"><noot.nr>1</noot.nr><noot.al>Nieuwsuur, 4 februari 2020 (<extref soort="URL" doc="https://nos.nl/nieuwsuur/artikel/2321556">nos.nl</extref>)</noot.al></noot></al>
                </vraag>
                <antwoord><nr status="officieel">Antwoord 1</nr><al>Ja.</al></antwoord>
                <vraag><nr status="officieel">Vraag 2 t/m 4</nr><al>Wat vindt u van de stijging?</al>
                  <lijst type="expliciet"><li><li.nr>a.</li.nr><al>in 2019;</al></li><li><li.nr>b.</li.nr><al>in 2020?</al></li></lijst>
                </vraag>
                <antwoord><nr status="officieel">Antwoord 2 t/m 4</nr><al>Zie de tabel.</al>
                  <tabel><tgroup cols="2"><tbody><row><entry><al>2019</al></entry><entry><al>1.200</al></entry></row>
                  <row><entry><al>2020</al></entry><entry><al>1.450</al></entry></row></tbody></tgroup></tabel>
                </antwoord>
                <vraag><nr status="officieel">Vraag 5a</nr><al>En de rest?</al></vraag>
                <antwoord><nr status="officieel">Antwoord 5a</nr><al>Nee.</al></antwoord>
              </kamervragen>
            </officiele-publicatie>
            """;

    @Test
    void currentLayoutWithHeaderDatesListsAndTables() throws Exception {
        ParsedLetter letter = reader.read(CURRENT.getBytes(StandardCharsets.UTF_8), "text/xml");

        assertThat(letter.kind()).isEqualTo(LetterKind.ANSWER);
        assertThat(letter.documentNumber()).isEqualTo("ah-tk-20192020-2197");
        assertThat(letter.submittedDate()).isEqualTo(LocalDate.of(2020, 2, 5));
        assertThat(letter.receivedDate()).isEqualTo(LocalDate.of(2020, 3, 24));
        assertThat(letter.askers()).containsExactly(new ParsedLetter.Member("Postma", "CDA"));
        assertThat(letter.addressees()).containsExactly("Minister van Justitie en Veiligheid");
        assertThat(letter.answeredBy()).containsExactly("Minister van Justitie en Veiligheid");
        assertThat(letter.subject()).isEqualTo("het dupliceren van kentekenplaten");
        assertThat(Letters.questionNumbers(letter)).containsExactly("1", "2", "3", "4", "5a");
        assertThat(Letters.answerGroups(letter)).containsExactly(
                java.util.List.of("1"), java.util.List.of("2", "3", "4"), java.util.List.of("5a"));
        assertThat(KoopXmlGoldenTest.question(letter, "3").text())
                .isEqualTo("Wat vindt u van de stijging?\n\na. in 2019;\n\nb. in 2020?");
        assertThat(letter.answerTo("4").text()).isEqualTo("Zie de tabel.\n\n2019 | 1.200\n\n2020 | 1.450");
        assertThat(letter.footnotes()).containsExactly(new ParsedLetter.Footnote("1",
                "Nieuwsuur, 4 februari 2020 (nos.nl)", "https://nos.nl/nieuwsuur/artikel/2321556"));
        assertThat(letter.warnings()).isEmpty();
    }

    @Test
    void olderLayoutWithBodyVragenReactieAndNoteReferences() throws Exception {
        String xml = """
                <?xml version="1.0"?>
                <kamervragen>
                  <body>
                    <vragen>
                      <omschr>Vragen van het lid Monasch (PvdA) aan de Staatssecretaris van Infrastructuur en Milieu over
                        het artikel «Schiphol kan verder met uitbreiding» (ingezonden 23 november 2015).</omschr>
                      <vraag><nummer>Vraag 1</nummer><al>Kent u het artikel?<nootref refid="n1"/></al></vraag>
                      <vraag><nummer>Vraag 2 en 3</nummer><al>Klopt het bericht? Zo ja, waarom?</al></vraag>
                      <vraag><al>Vraag 4</al><al>Wanneer besluit u?</al></vraag>
                      <noot id="n1"><noot.nr>1</noot.nr><noot.al>Het Parool, 20 november 2015, http://www.parool.nl/a/123.</noot.al></noot>
                    </vragen>
                    <reactie>
                      <omschr>Antwoord van Staatssecretaris Dijksma (Infrastructuur en Milieu) (ontvangen 14 december 2015).</omschr>
                      <antwoord><nummer>Antwoord 1</nummer><al>Ja.</al></antwoord>
                      <antwoord><nummer>Antwoord 2 en 3</nummer><al>Nee.</al></antwoord>
                      <antwoord><al>Antwoord 4</al><al>Voor de zomer.</al></antwoord>
                    </reactie>
                  </body>
                </kamervragen>
                """;
        ParsedLetter letter = reader.read(xml.getBytes(StandardCharsets.UTF_8), "application/xml");

        assertThat(letter.kind()).isEqualTo(LetterKind.ANSWER);
        assertThat(Letters.questionNumbers(letter)).containsExactly("1", "2", "3", "4");
        assertThat(Letters.answerGroups(letter)).containsExactly(java.util.List.of("1"), java.util.List.of("2", "3"),
                java.util.List.of("4"));
        assertThat(KoopXmlGoldenTest.question(letter, "1").text()).isEqualTo("Kent u het artikel?1");
        assertThat(KoopXmlGoldenTest.question(letter, "4").text()).isEqualTo("Wanneer besluit u?");
        assertThat(letter.answerTo("4").text()).isEqualTo("Voor de zomer.");
        assertThat(letter.footnotes()).containsExactly(new ParsedLetter.Footnote("1",
                "Het Parool, 20 november 2015, http://www.parool.nl/a/123.", "http://www.parool.nl/a/123"));
        assertThat(letter.askers()).containsExactly(new ParsedLetter.Member("Monasch", "PvdA"));
        assertThat(letter.submittedDate()).isEqualTo(LocalDate.of(2015, 11, 23));
        assertThat(letter.receivedDate()).isEqualTo(LocalDate.of(2015, 12, 14));
        assertThat(letter.warnings()).isEmpty();
    }

    @Test
    void questionsOnlyAndLostNumbers() throws Exception {
        String xml = """
                <kamervragen>
                  <kamervraagomschrijving type="vraag">Vragen van het lid Sneller (D66) aan de Minister van Justitie en
                    Veiligheid over iets (ingezonden <datum isodatum="2025-06-02">2 juni 2025</datum>).</kamervraagomschrijving>
                  <vraag><nr>Vraag 1</nr><al>Eerste?</al></vraag>
                  <vraag><al>Tweede?</al></vraag>
                </kamervragen>
                """;
        ParsedLetter letter = reader.read(xml.getBytes(StandardCharsets.UTF_8), null);

        assertThat(letter.kind()).isEqualTo(LetterKind.QUESTIONS);
        assertThat(Letters.questionNumbers(letter)).containsExactly("1", "2");
        assertThat(letter.answers()).isEmpty();
        assertThat(letter.warnings()).containsExactly("question without a number; took 2 from the sequence");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // XXE: a local file
        "<?xml version=\"1.0\"?><!DOCTYPE kamervragen [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><kamervragen><vraag><nr>Vraag 1</nr><al>&xxe;</al></vraag></kamervragen>",
        // XXE: a fetch
        "<?xml version=\"1.0\"?><!DOCTYPE kamervragen [<!ENTITY xxe SYSTEM \"http://127.0.0.1:9/x\">]><kamervragen><al>&xxe;</al></kamervragen>",
        // external DTD and parameter entities
        "<?xml version=\"1.0\"?><!DOCTYPE kamervragen SYSTEM \"http://127.0.0.1:9/evil.dtd\"><kamervragen/>",
        "<?xml version=\"1.0\"?><!DOCTYPE kamervragen [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/p\"> %p;]><kamervragen/>",
        // billion laughs
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
            + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\"><!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
            + "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\"><!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
            + "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\"><!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
            + "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]><kamervragen><al>&lol9;</al></kamervragen>"})
    void doctypesAreRefusedWithAClearReasonAndNothingIsFetched(String xml) {
        assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> reader.read(xml.getBytes(StandardCharsets.UTF_8), "application/xml"))
                .isInstanceOfSatisfying(ReadException.class, e -> assertThat(e.unsupported()).isFalse())
                .hasMessageContaining("DOCTYPE declaration is not allowed"));
    }

    @Test
    void deeplyNestedXmlIsRefused() {
        String xml = "<kamervragen>" + "<a>".repeat(100_000) + "x" + "</a>".repeat(100_000) + "</kamervragen>";
        assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> reader.read(xml.getBytes(StandardCharsets.UTF_8), "application/xml"))
                .isInstanceOf(ReadException.class).hasMessageContaining("nest deeper than"));
    }

    @Test
    void brokenXmlIsUnreadableWithAPosition() {
        assertThatThrownBy(() -> reader.read("<kamervragen><vraag><nr>Vraag 1</nr></kamervragen>".getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOfSatisfying(ReadException.class, e -> assertThat(e.unsupported()).isFalse())
                .hasMessageContaining("line 1");
    }

    @Test
    void otherXmlIsUnsupported() {
        assertThatThrownBy(() -> reader.read("<?xml version=\"1.0\"?><factuur><bedrag>1</bedrag></factuur>".getBytes(StandardCharsets.UTF_8), "application/xml"))
                .isInstanceOfSatisfying(ReadException.class, e -> assertThat(e.unsupported()).isTrue());
    }
}
