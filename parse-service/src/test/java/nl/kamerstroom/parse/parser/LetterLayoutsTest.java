package nl.kamerstroom.parse.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.events.ParsedLetter.Answer;
import nl.kamerstroom.events.ParsedLetter.Member;
import nl.kamerstroom.events.ParsedLetter.Question;
import org.junit.jupiter.api.Test;

/**
 * Layouts the seeds and the corpus do not show, written after their published forms: a letterhead
 * repeated on every page, the Tweede Kamer's question letter, postponements, withdrawals, further
 * answers, and heading variants.
 */
class LetterLayoutsTest {

    private final LetterParser parser = new LetterParser();

    @Test
    void letterheadRepeatedAtAPageBreakInsideAnAnswerIsDropped() {
        String seed = LetterTexts.text(LetterTexts.SEED_SNELLER);
        String pageBreak = "euro, verdeeld over de jaren 2022–2027: 37 miljoen in 2022 en 27 miljoen euro in \n";
        assertThat(seed).contains(pageBreak);
        String letterhead = """

                 Directoraat-Generaal

                Rechtspleging en

                Rechtshandhaving

                Directie Rechtshandhaving en

                Criminaliteitsbestrijding

                Datum

                21 november 2025

                Onze referentie

                6753708

                Pagina 3 van 4

                """;
        ParsedLetter original = parser.parse(seed);
        ParsedLetter withLetterhead = parser.parse(seed.replace(pageBreak, pageBreak + letterhead));

        assertThat(withLetterhead.answerTo("5").text()).isEqualTo(original.answerTo("5").text())
                .contains("27 miljoen euro in de jaren 2023 t/m 2027.");
        assertThat(withLetterhead.questions()).isEqualTo(original.questions());
        assertThat(withLetterhead.answers()).isEqualTo(original.answers());
        assertThat(withLetterhead.footnotes()).isEqualTo(original.footnotes());
    }

    @Test
    void formFeedsBetweenPagesChangeNothing() {
        String seed = LetterTexts.text(LetterTexts.SEED_SNELLER);
        ParsedLetter original = parser.parse(seed);
        ParsedLetter paged = parser.parse(seed.replace("\n Vraag 5 \n", "\n\f Vraag 5 \n"));
        assertThat(paged.questions()).isEqualTo(original.questions());
        assertThat(paged.answers()).extracting(Answer::questionNumbers)
                .isEqualTo(original.answers().stream().map(Answer::questionNumbers).toList());
    }

    @Test
    void seedAsAPdfTextLayerPaginatedElsewhere() {
        // What PDFBox gives for the seed rendered to PDF: no blank lines, no indentation, and page
        // breaks wherever the rendering's pages ended, not where the original's footnotes are.
        String seed = LetterTexts.text(LetterTexts.SEED_SNELLER);
        StringBuilder pdfText = new StringBuilder();
        int line = 0;
        for (String printed : seed.split("\n")) {
            if (printed.isBlank()) {
                continue;
            }
            pdfText.append(printed.strip()).append('\n');
            if (++line % 57 == 0) {
                pdfText.append('\f');
            }
        }
        ParsedLetter original = parser.parse(seed);
        ParsedLetter fromPdf = parser.parse(pdfText.toString());

        assertThat(fromPdf.questions()).extracting(Question::number)
                .isEqualTo(original.questions().stream().map(Question::number).toList());
        assertThat(fromPdf.answers()).extracting(Answer::questionNumbers)
                .isEqualTo(original.answers().stream().map(Answer::questionNumbers).toList());
        assertThat(fromPdf.footnotes()).isEqualTo(original.footnotes());
        for (Answer answer : original.answers()) {
            Answer same = fromPdf.answerTo(answer.questionNumbers().get(0));
            // Paragraph breaks are lost with the blank lines; the words are not.
            assertThat(same.text().replace("\n\n", " ")).isEqualTo(answer.text().replace("\n\n", " "));
            assertThat(same.footnotes()).isEqualTo(answer.footnotes());
        }
        assertThat(fromPdf.zaakNumbers()).isEqualTo(original.zaakNumbers());
        assertThat(fromPdf.subject()).isEqualTo(original.subject());
        assertThat(fromPdf.ourReference()).isEqualTo(original.ourReference());
        assertThat(fromPdf.letterDate()).isEqualTo(original.letterDate());
    }

    @Test
    void questionLetterAsTheTweedeKamerPublishesIt() {
        ParsedLetter letter = parser.parse("""
                2025Z17315

                Vragen van het lid Sneller (D66) aan de minister van Justitie en Veiligheid over de gevolgen van de
                hack bij het OM op de bedrijfsvoering (ingezonden 19 september 2025).

                1
                Kunt u bevestigen dat er op het Openbaar Ministerie (OM) een nijpend tekort aan werkplekken
                bestaat?

                2
                Erkent u dat het WODC en het OM al in 2021 hebben gewaarschuwd voor de gevolgen van het
                wisselende financiële beleid? 1)

                3
                Deelt u de mening dat het OM wordt gedwongen om meer strafzaken af te doen door middel van een
                strafbeschikking?

                1) Openbaar Ministerie, 4 mei 2021, ‘Wisselend financieel beleid risicovol’
                (www.om.nl/actueel/nieuws/2021/05/04/wisselend).
                """);

        assertThat(letter.kind()).isEqualTo(LetterKind.QUESTIONS);
        assertThat(letter.zaakNumbers()).containsExactly("2025Z17315");
        assertThat(letter.askers()).containsExactly(new Member("Sneller", "D66"));
        assertThat(letter.addressees()).containsExactly("Minister van Justitie en Veiligheid");
        assertThat(letter.submittedDate()).isEqualTo(LocalDate.of(2025, 9, 19));
        assertThat(letter.subject()).isEqualTo("de gevolgen van de hack bij het OM op de bedrijfsvoering");
        assertThat(letter.questions()).extracting(Question::number).containsExactly("1", "2", "3");
        assertThat(letter.answers()).isEmpty();
        assertThat(letter.questions().get(1).footnotes()).containsExactly("1)");
        assertThat(letter.questions().get(2).text()).isEqualTo("Deelt u de mening dat het OM wordt gedwongen om meer "
                + "strafzaken af te doen door middel van een strafbeschikking?");
        assertThat(letter.footnotes()).singleElement().satisfies(f -> {
            assertThat(f.number()).isEqualTo("1)");
            assertThat(f.url()).isEqualTo("https://www.om.nl/actueel/nieuws/2021/05/04/wisselend");
        });
        assertThat(letter.warnings()).isEmpty();
    }

    @Test
    void headingVariantsAndLetteredQuestions() {
        ParsedLetter letter = parser.parse("""
                Vragen van de leden Eerste (VVD), Tweede (CDA) en Derde (D66) aan de Staatssecretaris van Financiën
                over de toeslagen (ingezonden 1 februari 2024, 2024Z01234).

                Vraag 1: Kent u het bericht «Toeslagen»?
                Antwoord 1: Ja.

                Vraag 2a
                Wat vindt u ervan?

                Vraag 2b
                En van het vervolg?

                Antwoord op vragen 2a en 2b
                Niets.

                Vraag 3
                Waarom?

                Vraag 4
                Hoe?

                Vraag 5
                Wanneer?

                Antwoord op vragen 3 t/m 5
                Zie het antwoord op vraag 1.

                De Staatssecretaris van Financiën,

                A. Naam
                """);

        assertThat(letter.kind()).isEqualTo(LetterKind.ANSWER);
        assertThat(letter.askers()).extracting(Member::party).containsExactly("VVD", "CDA", "D66");
        assertThat(letter.addressees()).containsExactly("Staatssecretaris van Financiën");
        assertThat(letter.answeredBy()).containsExactly("Staatssecretaris van Financiën");
        assertThat(letter.zaakNumbers()).containsExactly("2024Z01234");
        assertThat(letter.questions()).extracting(Question::number).containsExactly("1", "2a", "2b", "3", "4", "5");
        assertThat(letter.questions().get(0).text()).isEqualTo("Kent u het bericht «Toeslagen»?");
        assertThat(letter.answers()).extracting(Answer::questionNumbers).containsExactly(
                List.of("1"), List.of("2a", "2b"), List.of("3", "4", "5"));
        // The closing signature is not part of the last answer.
        assertThat(letter.answerTo("4").text()).isEqualTo("Zie het antwoord op vraag 1.");
        assertThat(letter.warnings()).isEmpty();
    }

    @Test
    void postponementInTheAanhangsel() {
        ParsedLetter letter = parser.parse("""
                Mededeling van Minister Van Weel (Justitie en Veiligheid) (ontvangen 10 oktober 2025)

                De vragen van het lid Sneller (D66) aan de Minister van Justitie en Veiligheid over de gevolgen van de
                hack bij het OM op de bedrijfsvoering (ingezonden 19 september 2025, 2025Z17315) kunnen niet binnen
                de gebruikelijke termijn van drie weken worden beantwoord. Voor de beantwoording is afstemming met het
                Openbaar Ministerie nodig.
                """);

        assertThat(letter.kind()).isEqualTo(LetterKind.POSTPONEMENT);
        assertThat(letter.zaakNumbers()).containsExactly("2025Z17315");
        assertThat(letter.askers()).containsExactly(new Member("Sneller", "D66"));
        assertThat(letter.submittedDate()).isEqualTo(LocalDate.of(2025, 9, 19));
        assertThat(letter.receivedDate()).isEqualTo(LocalDate.of(2025, 10, 10));
        assertThat(letter.questions()).isEmpty();
        assertThat(letter.warnings()).isEmpty();
    }

    @Test
    void postponementLetterFromAMinistry() {
        ParsedLetter letter = parser.parse("""
                > Retouradres Postbus 20301 2500 EH Den Haag

                Aan de Voorzitter van de Tweede Kamer
                der Staten-Generaal
                Postbus 20018
                2500 EA DEN HAAG

                Datum 10 oktober 2025
                Betreft Uitstel beantwoording Kamervragen over de gevolgen van de hack bij het OM

                Onze referentie
                6800001

                Op 19 september 2025 zijn door het lid Sneller (D66) vragen gesteld over de gevolgen van de hack bij
                het OM op de bedrijfsvoering (kenmerk 2025Z17315). Helaas kunnen deze vragen niet binnen de
                gebruikelijke termijn van drie weken worden beantwoord, omdat afstemming nodig is.

                De Minister van Justitie en Veiligheid,
                """);

        assertThat(letter.kind()).isEqualTo(LetterKind.POSTPONEMENT);
        assertThat(letter.zaakNumbers()).containsExactly("2025Z17315");
        assertThat(letter.ourReference()).isEqualTo("6800001");
        assertThat(letter.letterDate()).isEqualTo(LocalDate.of(2025, 10, 10));
        assertThat(letter.subject()).isEqualTo("de gevolgen van de hack bij het OM");
        assertThat(letter.answeredBy()).containsExactly("Minister van Justitie en Veiligheid");
    }

    @Test
    void withdrawal() {
        ParsedLetter letter = parser.parse("""
                Het lid Sneller (D66) trekt zijn vragen aan de minister van Justitie en Veiligheid over de gevolgen van
                de hack bij het OM op de bedrijfsvoering (ingezonden 19 september 2025, 2025Z17315) in.
                """);
        assertThat(letter.kind()).isEqualTo(LetterKind.WITHDRAWAL);
        assertThat(letter.zaakNumbers()).containsExactly("2025Z17315");
    }

    @Test
    void furtherAnswer() {
        ParsedLetter letter = parser.parse("""
                Vragen van het lid Sneller (D66) aan de Minister van Justitie en Veiligheid over de hack (ingezonden
                19 september 2025).

                Nader antwoord van Minister Van Weel (Justitie en Veiligheid) (ontvangen 1 december 2025).

                Vraag 3
                Zijn er signalen binnengekomen?

                Antwoord 3
                Inmiddels wel.
                """);
        assertThat(letter.kind()).isEqualTo(LetterKind.FURTHER_ANSWER);
        assertThat(letter.answeredBy()).containsExactly("Minister van Justitie en Veiligheid");
        assertThat(letter.receivedDate()).isEqualTo(LocalDate.of(2025, 12, 1));
        assertThat(letter.answerTo("3").text()).isEqualTo("Inmiddels wel.");
    }

    @Test
    void lettersThatMerelyMentionQuestionsAreOther() {
        ParsedLetter letter = parser.parse("""
                Geachte voorzitter,

                Over deze kwestie zijn door het lid Mutluer (GroenLinks-PvdA) ook Kamervragen gesteld die inmiddels
                zijn beantwoord. Het antwoord op vraag 3 daarvan gaf al uitsluitsel. Vraag 1 en 2 waren eerder gesteld.
                """);
        assertThat(letter.kind()).isEqualTo(LetterKind.OTHER);
        assertThat(letter.questions()).isEmpty();
        assertThat(letter.answers()).isEmpty();
    }
}
