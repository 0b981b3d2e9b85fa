package nl.kamerstroom.parse.parser;

import static nl.kamerstroom.parse.parser.LetterTexts.footnote;
import static nl.kamerstroom.parse.parser.LetterTexts.parse;
import static nl.kamerstroom.parse.parser.LetterTexts.question;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.events.ParsedLetter.Answer;
import nl.kamerstroom.events.ParsedLetter.Member;
import nl.kamerstroom.events.ParsedLetter.Question;
import org.junit.jupiter.api.Test;

/**
 * Golden tests on the typeset Aanhangsel van de Handelingen, from pypdf text layers and from
 * pymupdf4llm Markdown (copies under {@code letters/corpus/}). The expected structure was written
 * by reading each document: its headings, header, footnotes and page breaks.
 */
class AanhangselLettersTest {

    private static List<String> numbers(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(Integer::toString).toList();
    }

    private static List<String> footnoteNumbers(ParsedLetter letter) {
        return letter.footnotes().stream().map(ParsedLetter.Footnote::number).toList();
    }

    @Test
    void aQuestionWhoseHeadingTheTextLayerLostIsFlaggedNotNumbered() {
        // 1165 answers questions 5, 6 and 11 (the rest in nr. 967); after a page break its text layer
        // carries two more questions without their "Vraag" and "Antwoord" lines
        ParsedLetter letter = parse("corpus/ah-tk-20232024-1165.txt");

        assertThat(letter.questions()).extracting(Question::number).containsExactly("5", "6", "11");
        assertThat(letter.answerTo("11").text()).contains("Met welk toegespitst crisisplan");
        assertThat(letter.warnings()).anyMatch(w -> w.startsWith("'Antwoord 11' has a paragraph that opens with a question"));
    }

    @Test
    void vrijheidVanMeningsuitingWithGroupedQuestionsAndFootnoteReferencesOnTheirOwnLines() {
        ParsedLetter letter = parse("corpus/ah-tk-20232024-1092.txt");

        assertThat(letter.kind()).isEqualTo(LetterKind.ANSWER);
        assertThat(letter.documentNumber()).isEqualTo("ah-tk-20232024-1092");
        assertThat(letter.askers()).containsExactly(
                new Member("Chakor", "GroenLinks-PvdA"), new Member("Kostić", "PvdD"));
        assertThat(letter.addressees()).containsExactly("Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties");
        assertThat(letter.answeredBy()).containsExactly("Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties");
        assertThat(letter.subject()).isEqualTo("de vrijheid van meningsuiting voor ambtenaren");
        assertThat(letter.submittedDate()).isEqualTo(LocalDate.of(2024, 1, 16));
        assertThat(letter.receivedDate()).isEqualTo(LocalDate.of(2024, 2, 26));
        assertThat(letter.zaakNumbers()).isEmpty();

        assertThat(letter.questions()).extracting(Question::number).containsExactlyElementsOf(numbers(1, 9));
        assertThat(letter.answers()).extracting(Answer::questionNumbers).containsExactly(
                List.of("1"), List.of("2", "3"), List.of("4"), List.of("5"), List.of("6"), List.of("7"), List.of("8", "9"));
        // "Vraag 2 en 3": both questions carry the text printed under the one heading.
        assertThat(question(letter, "3").text()).isEqualTo(question(letter, "2").text())
                .startsWith("Deelt u de mening dat ook ambtenaren recht op vrijheid van meningsuiting");

        // The references "1, 2" on a line of their own are superscripts of question 1.
        assertThat(question(letter, "1").text()).endsWith("mag dat en is het wense-lijk?»?1, 2");
        assertThat(question(letter, "1").footnotes()).containsExactly("1", "2");

        // Answer 2 and 3 runs over a page: the sentence continues, the footnotes and footer drop out.
        String answer = letter.answerTo("2").text();
        assertThat(answer).contains("Artikel 10 van de Ambtenarenwet 2017 stelt dat de ambtenaar")
                .contains("niet in redelijkheid zou zijn verzekerd.3 De wetgever heeft hiermee beoogd")
                .doesNotContain("Binnenlands Bestuur", "ISSN", "Aanhangsel", "Vergelijkbare beperkingen");
        assertThat(letter.answerTo("2").footnotes()).containsExactly("3", "4", "5", "6");
        assertThat(letter.answerTo("8").footnotes()).containsExactly("13");

        assertThat(footnoteNumbers(letter)).containsExactlyElementsOf(numbers(1, 13));
        assertThat(footnote(letter, "1").text()).isEqualTo("Binnenlands Bestuur, 4 januari 2024 "
                + "(https://www.binnenlandsbestuur.nl/ruimte-en-milieu/friese-ambtenaren-mogen-zich-niet-over-klimaat-uitspreken).");
        assertThat(footnote(letter, "1").url()).isEqualTo(
                "https://www.binnenlandsbestuur.nl/ruimte-en-milieu/friese-ambtenaren-mogen-zich-niet-over-klimaat-uitspreken");
        assertThat(footnote(letter, "2").url()).isEqualTo(
                "https://nos.nl/nieuwsuur/artikel/2504446-ambtenaren-die-openlijk-overheid-bekritiseren-mag-dat-en-is-het-wenselijk");
        assertThat(footnote(letter, "10").text()).isEqualTo("ECLI:NL:RBDHA:2017:9522.");
        assertThat(footnote(letter, "13").text()).isEqualTo(
                "Handreiking Ambtenaar en Grondrechten | Ambtelijk vakmanschap | Grenzeloos Samen-werken.");
        assertThat(letter.warnings()).isEmpty();
    }

    @Test
    void landelijkeVrijstellingslijstWithHeadingsRightAfterPageBreaks() {
        ParsedLetter letter = parse("corpus/ah-tk-20232024-1433.txt");

        assertThat(letter.documentNumber()).isEqualTo("ah-tk-20232024-1433");
        assertThat(letter.askers()).containsExactly(new Member("Kostić", "PvdD"));
        assertThat(letter.addressees()).containsExactly("Minister voor Natuur en Stikstof");
        // "Antwoord van Minister Van der Wal-Zeggelink (Natuur en Stikstof)": written as the addressee is.
        assertThat(letter.answeredBy()).containsExactly("Minister voor Natuur en Stikstof");
        assertThat(letter.submittedDate()).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(letter.receivedDate()).isEqualTo(LocalDate.of(2024, 4, 5));

        assertThat(letter.questions()).extracting(Question::number).containsExactlyElementsOf(numbers(1, 20));
        assertThat(letter.answers()).extracting(Answer::questionNumbers)
                .containsExactlyElementsOf(numbers(1, 20).stream().map(List::of).toList());
        assertThat(letter.answerTo("1").text()).isEqualTo("Ja.");
        assertThat(letter.answerTo("2").text()).startsWith("Ja. Op 15 februari 2024 heb ik uw Kamer")
                .contains("Het is juist dat mijn ministerie stappen heeft gezet")
                .doesNotContain("Motie van het lid Akerboom", "ISSN");
        assertThat(question(letter, "9").text()).startsWith("Kunt u het verslag van dit gesprek");
        assertThat(letter.answerTo("14").text()).startsWith("Nee, dit is geen standaardprocedure.");
        assertThat(question(letter, "19").text()).startsWith("Kunt u bevestigen dat u alsnog voorbereidingen treft");
        // A zaak number inside an answer is another case's, not this letter's.
        assertThat(letter.answerTo("4").text()).contains("2023Z16201");
        assertThat(letter.zaakNumbers()).isEmpty();

        assertThat(question(letter, "1").footnotes()).containsExactly("1");
        assertThat(question(letter, "11").footnotes()).containsExactly("4");
        assertThat(footnoteNumbers(letter)).containsExactly("1", "2", "3", "4");
        assertThat(footnote(letter, "4").text()).isEqualTo("Antwoorden op vragen van het lid Akerboom over de "
                + "landelijke vrijstellingslijst (nieuw versie) (Handelingen II 2023/24, Aanhangsel van de Handelingen, nr. 1045).");
        assertThat(footnote(letter, "3").url()).isEqualTo("https://www.jagersvereniging.nl/nieuws/"
                + "stevig-en-constructief-gesprek-over-kamerbrief-halveren-vrijstellingslijst/");
        assertThat(letter.warnings()).isEmpty();
    }

    @Test
    void stikstofWithFooterGluedToTheNextHeadingAndReferencesAfterYears() {
        ParsedLetter letter = parse("corpus/ah-tk-20222023-3649.txt");

        assertThat(letter.documentNumber()).isEqualTo("ah-tk-20222023-3649");
        assertThat(letter.askers()).containsExactly(new Member("Bromet", "GroenLinks"));
        assertThat(letter.addressees()).containsExactly(
                "Minister van Landbouw, Natuur en Voedselkwaliteit", "Minister voor Natuur en Stikstof");
        assertThat(letter.answeredBy()).containsExactly("Minister voor Natuur en Stikstof");
        assertThat(letter.subject()).isEqualTo(
                "het bericht «Verguisde stalvloer tegen stikstofuitstoot kan stoppende boer in de weg zitten»");
        assertThat(letter.submittedDate()).isEqualTo(LocalDate.of(2023, 7, 4));
        assertThat(letter.receivedDate()).isEqualTo(LocalDate.of(2023, 9, 14));

        assertThat(letter.questions()).extracting(Question::number).containsExactlyElementsOf(numbers(1, 14));
        assertThat(letter.answers()).hasSize(14);
        // "…Aanhangsel 1Antwoord 3" and "…Aanhangsel 3Antwoord 12": the footer is split off the heading.
        assertThat(letter.answerTo("3").text()).startsWith("Binnen het kader van de aanpak piekbelasting")
                .contains("In de Kamerbrief van 30 juni 20232 is aangegeven");
        assertThat(letter.answerTo("3").footnotes()).containsExactly("2");
        assertThat(question(letter, "12").text()).isEqualTo("Lopen deze boeren het risico dat hun vergunning wordt ingetrokken?");
        assertThat(letter.answerTo("12").text()).startsWith("Verleende Wnb-vergunningen waar geen rechtsmiddel meer tegen open staat");
        assertThat(letter.answerTo("14").footnotes()).containsExactly("4", "5", "6");
        assertThat(footnoteNumbers(letter)).containsExactlyElementsOf(numbers(1, 6));
        assertThat(footnote(letter, "4").text()).isEqualTo("(Aanhangsel Handelingen, vergaderjaar 2022–203, nr. 844).");
    }

    @Test
    void subItemsAnsweredUnderLetteredNumbers() {
        ParsedLetter letter = parse("corpus/ah-tk-20232024-1770.txt");

        assertThat(letter.askers()).containsExactly(
                new Member("Van der Lee", "GroenLinks-PvdA"), new Member("Stultiens", "GroenLinks-PvdA"));
        assertThat(letter.addressees()).hasSize(10).startsWith("Minister-President", "Minister van Financiën",
                "Minister van Sociale Zaken en Werkgelegenheid");
        assertThat(letter.answeredBy()).containsExactly("Minister van Binnenlandse Zaken en Koninkrijksrelaties");
        assertThat(letter.submittedDate()).isEqualTo(LocalDate.of(2024, 4, 22));
        assertThat(letter.receivedDate()).isEqualTo(LocalDate.of(2024, 5, 17));
        // A zaak number in question 1 names the earlier questions, not this letter's zaak.
        assertThat(letter.zaakNumbers()).isEmpty();

        // "Vraag 2" is printed once per sub-item (l, m, n, o) and answered as "Antwoord 2l", "2m", …
        List<String> printed = List.of("1", "2l", "3l", "2m", "3m", "2n", "3n", "2o", "3o", "4");
        assertThat(letter.questions()).extracting(Question::number).containsExactlyElementsOf(printed);
        assertThat(letter.answers()).extracting(a -> a.questionNumbers().get(0)).containsExactlyElementsOf(printed);
        assertThat(question(letter, "2m").text()).endsWith("m. een aandeel van 30% sociale huurwoningen per gemeente;");
        assertThat(letter.warnings()).anyMatch(w -> w.contains("'Antwoord 2l'"));
        // The sub-item label above each repeated question is not part of the answer before it.
        assertThat(letter.answerTo("1").text()).isEqualTo("Ja.");
        assertThat(letter.answerTo("3l").text()).doesNotContain("m. een aandeel");
        assertThat(footnoteNumbers(letter)).containsExactlyElementsOf(numbers(1, 5));
        assertThat(footnote(letter, "1").url()).isEqualTo(
                "https://www.rtl.nl/rtl-nieuws/rtl-z/artikel/5407662/demissionair-kabinet-doelen-rutte-vier-hopeloos-uit-het-zicht");
    }

    @Test
    void answerHeadingThatLostItsNumber() {
        ParsedLetter letter = parse("corpus/ah-tk-20232024-1031.txt");

        assertThat(letter.askers()).containsExactly(new Member("Tjeerd de Groot", "D66"), new Member("Sneller", "D66"));
        assertThat(letter.questions()).extracting(Question::number).containsExactlyElementsOf(numbers(1, 16));
        assertThat(letter.answers()).extracting(Answer::questionNumbers).contains(List.of("8", "9", "10", "11"));
        // "Vraag 16" is followed by "Antwoord" without a number.
        assertThat(letter.answerTo("16").text()).isEqualTo("Ja.");
        assertThat(letter.warnings()).containsExactly(
                "heading 'Antwoord' printed without a number; taken as Antwoord 16 from sequence");
        assertThat(footnoteNumbers(letter)).containsExactlyElementsOf(numbers(1, 29));
    }

    @Test
    void questionsGroupedOutOfOrder() {
        ParsedLetter letter = parse("corpus/ah-tk-20232024-1296.txt");

        assertThat(letter.questions()).extracting(Question::number)
                .containsExactly("1", "2", "3", "5", "4", "6", "7", "8", "9");
        assertThat(letter.answers()).extracting(Answer::questionNumbers).containsExactly(
                List.of("1", "2", "3", "5"), List.of("4"), List.of("6", "7"), List.of("8", "9"));
        assertThat(letter.answerTo("5")).isSameAs(letter.answerTo("1"));
        // References printed as "3 4" on a line of their own.
        assertThat(letter.answerTo("1").footnotes()).containsExactly("2", "3", "4", "5");
        assertThat(letter.warnings()).isEmpty();
    }

    @Test
    void answeredOnBehalfOfOtherMinisters() {
        ParsedLetter letter = parse("corpus/ah-tk-20232024-1543.txt");

        assertThat(letter.askers()).containsExactly(new Member("Baudet", "FVD"));
        assertThat(letter.addressees()).containsExactly("Minister van Buitenlandse Zaken", "Minister van Defensie");
        assertThat(letter.answeredBy()).containsExactly(
                "Minister van Buitenlandse Zaken", "Minister van Defensie", "Minister-President");
        assertThat(letter.receivedDate()).isEqualTo(LocalDate.of(2024, 4, 9));
        assertThat(letter.questions()).extracting(Question::number).containsExactlyElementsOf(numbers(1, 8));
        assertThat(letter.answerTo("2").text()).isEqualTo("Zie antwoord vraag 1.");
    }

    @Test
    void noisyExtractionThatRepeatsText() {
        ParsedLetter clean = parse("corpus/ah-tk-20232024-909.txt");
        ParsedLetter noisy = parse("corpus/ah-tk-20232024-909.documents-txt-variant.txt");

        for (ParsedLetter letter : List.of(clean, noisy)) {
            assertThat(letter.documentNumber()).isEqualTo("ah-tk-20232024-909");
            assertThat(letter.askers()).containsExactly(new Member("Michon-Derkzen", "VVD"), new Member("Helder", "BBB"));
            assertThat(letter.submittedDate()).isEqualTo(LocalDate.of(2023, 12, 13));
            assertThat(letter.receivedDate()).isEqualTo(LocalDate.of(2024, 1, 31));
            assertThat(letter.answeredBy()).containsExactly("Minister van Justitie en Veiligheid");
            assertThat(letter.questions()).extracting(Question::number).containsExactlyElementsOf(numbers(1, 6));
            assertThat(letter.answers()).extracting(Answer::questionNumbers).containsExactly(
                    List.of("1"), List.of("2"), List.of("3"), List.of("4", "5"), List.of("6"));
            assertThat(letter.answerTo("1").text()).isEqualTo("Ja.");
            assertThat(letter.answerTo("2").text()).isEqualTo("Ja, dat klopt.");
            assertThat(question(letter, "1").text()).startsWith("Bent u bekend met het bericht «Kwam agent Robert-Jan");
        }
        assertThat(clean.warnings()).isEmpty();
        assertThat(noisy.warnings()).contains("heading 'Vraag 2' printed again; the repeat is ignored");
        // "Vraag 1 Bent u …" and "1 Antwoord 1 Ja." on one line each in the noisy extraction.
        assertThat(noisy.subject()).isEqualTo(clean.subject()).startsWith("het bericht «Kwam agent Robert-Jan");
    }

    @Test
    void markdownWithPageRulesAndBracketedReferences() {
        ParsedLetter letter = parse("corpus/ah-tk-20232024-387.md");

        assertThat(letter.documentNumber()).isEqualTo("ah-tk-20232024-387");
        assertThat(letter.askers()).containsExactly(new Member("Boswijk", "CDA"));
        assertThat(letter.addressees()).containsExactly("Minister van Buitenlandse Zaken");
        assertThat(letter.answeredBy()).containsExactly("Minister van Buitenlandse Zaken");
        assertThat(letter.subject()).isEqualTo("de situatie in de Zuidelijke Kaukasus");
        assertThat(letter.submittedDate()).isEqualTo(LocalDate.of(2023, 10, 2));
        assertThat(letter.receivedDate()).isEqualTo(LocalDate.of(2023, 11, 13));

        assertThat(letter.questions()).extracting(Question::number).containsExactlyElementsOf(numbers(1, 10));
        assertThat(letter.answers()).extracting(Answer::questionNumbers).contains(List.of("4", "5"));
        assertThat(letter.answers()).hasSize(9);
        assertThat(question(letter, "1").text()).isEqualTo("Bent u bekend met de recente berichtgeving omtrent "
                + "Nagorno-Karabach, in het bijzonder de commentaren «Netjes gezuiverd»1 en «Goede bedoelingen van de EU "
                + "zijn weinig waard als de harde machtsverhoudingen verschuiven»2?");
        assertThat(question(letter, "1").footnotes()).containsExactly("1", "2");
        // The text after the page rule continues answer 2.
        assertThat(letter.answerTo("2").text()).endsWith("in het kader van de aangenomen motie van het Lid Ceder over "
                + "op basis van feiten (12-10-2023).3");
        assertThat(letter.answerTo("8").text()).contains("met het 11e sanctiepakket");
        assertThat(footnoteNumbers(letter)).containsExactlyElementsOf(numbers(1, 9));
        assertThat(footnote(letter, "3").text()).isEqualTo("Kamerstuk 21 501-02, nr. 2733");
        assertThat(letter.warnings()).isEmpty();
    }

    @Test
    void questionHeadingLostAtAPageBreakIsInferred() {
        ParsedLetter letter = parse("corpus/ah-tk-20232024-302.md");

        assertThat(letter.questions()).extracting(Question::number).containsExactlyElementsOf(numbers(1, 9));
        assertThat(letter.answers()).hasSize(9);
        assertThat(letter.warnings()).containsExactly("heading 'Vraag 2' missing; inferred from sequence");
        // Only the end of question 2 survived the conversion; it is not part of answer 1.
        assertThat(question(letter, "2").text()).startsWith("van een zogeheten privacyverklaring voor cliënten in de ggz")
                .endsWith("hoe goed ggz-patiënten bekend zijn met de privacyverklaring in de ggz?");
        assertThat(letter.answerTo("1").text()).doesNotContain("zogeheten privacyverklaring voor cliënten in de ggz");
        assertThat(letter.answerTo("1").text()).endsWith("of zij willen dat hun gegevens met de NZa worden gedeeld.");
        assertThat(footnoteNumbers(letter)).containsExactlyElementsOf(numbers(1, 11));
        assertThat(footnote(letter, "11").text()).isEqualTo("3628105–1050416-CZ.");
        assertThat(footnote(letter, "2").url()).isEqualTo("https://puc.overheid.nl/nza/doc/PUC_743104_22/1/");
    }

    @Test
    void anotherLostQuestionHeading() {
        ParsedLetter letter = parse("corpus/ah-tk-20232024-601.md");

        assertThat(letter.askers()).containsExactly(new Member("Van den Berg", "CDA"));
        assertThat(letter.questions()).extracting(Question::number).containsExactlyElementsOf(numbers(1, 5));
        assertThat(letter.warnings()).containsExactly("heading 'Vraag 3' missing; inferred from sequence");
        assertThat(question(letter, "3").text()).isEqualTo("geïndividualiseerde distributievorm (GDV)-bekostiging "
                + "rekening mee gehouden dat apothekers hiermee gestimuleerd worden om te ontpillen?");
        assertThat(letter.answerTo("2").text()).endsWith("cholesterolverlagers, bloeddrukverlagers etc.");
        assertThat(letter.answerTo("3").text()).startsWith("Het creëren van (meer) ruimte voor de apotheker");
    }
}
