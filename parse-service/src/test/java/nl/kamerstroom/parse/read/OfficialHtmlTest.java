package nl.kamerstroom.parse.read;

import nl.kamerstroom.formats.Format;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.ParsedLetter;
import org.junit.jupiter.api.Test;

/** An officielebekendmakingen page, in the markup its public parsers document (div.vraag, a.nootnum, div.voet.noot). */
class OfficialHtmlTest {

    static final String PAGE = """
            <!DOCTYPE html><html><head><meta name="DC.identifier" content="ah-tk-20152016-1005"></head><body>
            <div id="main-column">
             <h1 class="kamervraagomschrijving_kop no-toc">Vragen van het lid Van Ark (VVD) aan de Minister van Sociale Zaken en
               Werkgelegenheid over beginnende ggz-krachten (ingezonden 6 januari 2016).</h1>
             <p class="kamervraagomschrijving">Antwoord van Minister Asscher (Sociale Zaken en Werkgelegenheid) (ontvangen 1 februari 2016)</p>
             <div class="vraag"><h2 class="stuktitel no-toc"><a id="d16e43" name="d16e43"></a>Vraag 1</h2>
              <p>Wat is uw reactie op het bericht «Veel beginnende ggz-krachten krijgen alleen onkostenvergoeding»?<a class="nootnum supernote-click-n1" href="#n1">1</a> <a class="nootnum supernote-click-n2" href="#n2">2</a></p>
             </div>
             <div class="antwoord"><h2 class="stuktitel no-toc">Antwoord 1</h2><p>Ik ken het bericht.</p></div>
             <div class="vraag"><h2 class="stuktitel no-toc">Vraag 2 en 3</h2>
              <p>Bent u van mening dat hier sprake is van een arbeidsrelatie waarbij loon verschuldigd
                 is? Zo ja, wat gaat u hieraan doen?</p><p>Zo nee, waarom niet?</p>
             </div>
             <div class="antwoord"><h2 class="stuktitel no-toc">Antwoord 2 en 3</h2><p>Ja.</p><ul><li>eerst dit;</li><li>dan dat.</li></ul></div>
             <div class="kamervraagopmerking"><p>Mededeling: zie ook Aanhangsel Handelingen II 2015/16, nr. 1200.</p></div>
            </div>
            <div id="noten"><hr />
             <div class="voet noot snp-mouseoffset" id="supernote-note-n1"><h5 class="note-close"><a class="note-close" href="#close-n1">X</a> Noot</h5>
               <sup><span class="nootnum"><a id="n1" name="n1"></a>1</span></sup><p><a href="http://nos.nl/l/2077649" class="externe_link">http://nos.nl/l/2077649</a></p></div>
             <div class="voet noot snp-mouseoffset" id="supernote-note-n2"><h5 class="note-close">X Noot</h5>
               <sup><span class="nootnum"><a id="n2" name="n2"></a>2</span></sup><p>VOG: verklaring omtrent gedrag</p></div>
            </div></body></html>
            """;

    @Test
    void readsTheStructureOfAnOfficialPage() throws Exception {
        byte[] bytes = PAGE.getBytes(StandardCharsets.UTF_8);
        assertThat(LetterReader.detect(bytes, "application/octet-stream")).isEqualTo(Format.HTML);
        ParsedLetter letter = new LetterReader().read(bytes, "text/html; charset=utf-8");

        assertThat(letter.kind()).isEqualTo(LetterKind.ANSWER);
        assertThat(letter.documentNumber()).isEqualTo("ah-tk-20152016-1005");
        assertThat(letter.askers()).containsExactly(new ParsedLetter.Member("Van Ark", "VVD"));
        assertThat(letter.addressees()).containsExactly("Minister van Sociale Zaken en Werkgelegenheid");
        assertThat(letter.submittedDate()).hasToString("2016-01-06");
        assertThat(letter.receivedDate()).hasToString("2016-02-01");
        assertThat(Letters.questionNumbers(letter)).containsExactly("1", "2", "3");
        assertThat(Letters.answerGroups(letter)).containsExactly(List.of("1"), List.of("2", "3"));
        ParsedLetter.Question first = KoopXmlGoldenTest.question(letter, "1");
        assertThat(first.text()).isEqualTo("Wat is uw reactie op het bericht «Veel beginnende ggz-krachten krijgen alleen onkostenvergoeding»?12");
        assertThat(first.footnotes()).containsExactly("1", "2");
        assertThat(KoopXmlGoldenTest.question(letter, "3").text()).isEqualTo(
                "Bent u van mening dat hier sprake is van een arbeidsrelatie waarbij loon verschuldigd is? Zo ja, wat gaat u hieraan doen?"
                        + "\n\nZo nee, waarom niet?");
        assertThat(letter.answerTo("2").text()).isEqualTo("Ja.\n\neerst dit;\n\ndan dat.");
        assertThat(letter.footnotes()).containsExactly(
                new ParsedLetter.Footnote("1", "http://nos.nl/l/2077649", "http://nos.nl/l/2077649"),
                new ParsedLetter.Footnote("2", "VOG: verklaring omtrent gedrag", null));
    }
}
