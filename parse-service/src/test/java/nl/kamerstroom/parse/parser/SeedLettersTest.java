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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The three seed letters, field by field. Expected values are read from the documents, not taken
 * from the parser's output.
 */
class SeedLettersTest {

    private static List<String> numbers(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(Integer::toString).toList();
    }

    @Nested
    class AnswerToSneller {

        private final ParsedLetter letter = parse(LetterTexts.SEED_SNELLER);

        @Test
        void metadata() {
            assertThat(letter.kind()).isEqualTo(LetterKind.ANSWER);
            assertThat(letter.zaakNumbers()).containsExactly("2025Z17315");
            assertThat(letter.primaryZaak()).isEqualTo("2025Z17315");
            assertThat(letter.ourReference()).isEqualTo("6753708");
            assertThat(letter.documentNumber()).isNull();
            assertThat(letter.letterDate()).isEqualTo(LocalDate.of(2025, 11, 21));
            assertThat(letter.submittedDate()).isEqualTo(LocalDate.of(2025, 9, 19));
            assertThat(letter.receivedDate()).isNull();
            assertThat(letter.askers()).containsExactly(new Member("Sneller", "D66"));
            assertThat(letter.addressees()).containsExactly("Minister van Justitie en Veiligheid");
            assertThat(letter.answeredBy()).containsExactly("Minister van Justitie en Veiligheid");
            // The subject is what the questions are about: the "over …" clause.
            assertThat(letter.subject()).isEqualTo("de gevolgen van de hack bij het OM op de bedrijfsvoering");
            assertThat(letter.warnings()).isEmpty();
        }

        @Test
        void nineQuestionsByPrintedNumber() {
            assertThat(letter.questions()).extracting(Question::number).containsExactlyElementsOf(numbers(1, 9));
        }

        @Test
        void eightAnswersOneCoveringSevenAndEight() {
            assertThat(letter.answers()).extracting(Answer::questionNumbers).containsExactly(
                    List.of("1"), List.of("2"), List.of("3"), List.of("4"), List.of("5"), List.of("6"),
                    List.of("7", "8"), List.of("9"));
            assertThat(letter.answerTo("8")).isSameAs(letter.answerTo("7"));
        }

        @Test
        void questionOneIsOneParagraph() {
            assertThat(question(letter, "1").text()).isEqualTo(
                    "Kunt u bevestigen dat er op het Openbaar Ministerie (OM) een nijpend tekort aan werkplekken "
                            + "bestaat doordat er niet thuis kan worden gewerkt, en de mogelijkheden tot thuiswerken nog "
                            + "enkele weken duurt? Kunt u bevestigen dat er sprake is geweest van werken in shifts en daar "
                            + "nog steeds sprake van is?");
            assertThat(question(letter, "1").footnotes()).isEmpty();
        }

        @Test
        void questionFiveCitesTheQuestionReference() {
            Question five = question(letter, "5");
            assertThat(five.text()).isEqualTo(
                    "Erkent u dat het Wetenschappelijk Onderzoek- en Datacentrum (WODC) en het OM al in 2021 hebben "
                            + "gewaarschuwd voor de gevolgen van het wisselende financiële beleid en bezuinigingen op de IT "
                            + "en informatievoorziening? 1) Maar dat ondanks deze waarschuwingen geen extra financiële "
                            + "middelen voor het OM beschikbaar zijn gesteld? Waarom niet?");
            assertThat(five.footnotes()).containsExactly("1)");
        }

        @Test
        void answerToSevenAndEight() {
            assertThat(letter.answerTo("7").text()).isEqualTo(
                    "Er is geen sprake van een aan het OM opgelegde bezuiniging. Het OM heeft wel richting mij het "
                            + "signaal afgeven dat het vanaf 2026 financieel knelpunt voorziet op de ontwikkeling en het "
                            + "beheer van de ICT. Het OM is bezig om nader inzicht in en onderbouwing van dit signaal te "
                            + "verschaffen en te bezien hoe de tekorten binnen het OM zoveel mogelijk kunnen worden "
                            + "teruggebracht om het OM financieel gezond te houden. Op basis van de uitkomst zal ik samen "
                            + "met het OM bekijken hoe deze problematiek kan worden aangepakt.");
        }

        @Test
        void answerFiveHasBothParagraphsAndNoFootnoteBodies() {
            String text = letter.answerTo("5").text();
            assertThat(text.split("\n\n")).hasSize(2);
            assertThat(text).startsWith("Uit het onderzoek van het WODC waar de vraag naar verwijst, volgt dat de "
                    + "bezuinigingen op het OM in de periode van 2010 tot en met 2019 opliepen tot 88 miljoen euro "
                    + "exclusief het Prognosemodel Justitiële Ketens.1 Tegelijkertijd werd er voor 177 miljoen euro "
                    + "geïntensiveerd om bepaalde doelstellingen – waaronder voor circa 31 miljoen euro een toegenomen "
                    + "inzet op digitalisering ‘ICT en kwaliteitsverbetering’ - te verwezenlijken of om nieuwe taken op "
                    + "te vangen.2\n\nDe afgelopen jaren is dus fors geïnvesteerd in de ICT bij het OM.");
            assertThat(text).endsWith("Zo heeft het OM in het jaar 2021 nog een bedrag van 10 miljoen euro extra "
                    + "ontvangen voor ICT-werkzaamheden.");
            assertThat(text).doesNotContain("Koopmans", "Idem", "BIPOM", "Pagina", "Onze referentie");
            assertThat(letter.answerTo("5").footnotes()).containsExactly("1", "2");
        }

        @Test
        void textAfterThePageBottomFootnotesBelongsToAnswerSix() {
            String text = letter.answerTo("6").text();
            assertThat(text).startsWith("Zoals geschetst onder het antwoord op vraag 5 is er de afgelopen jaren fors "
                    + "geïnvesteerd in de ICT bij het OM.");
            assertThat(text).contains("gereed te maken voor het nieuwe Wetboek van Strafvordering.\n\n"
                    + "Eerder liet ik u reeds weten dat er naar aanleiding van de ICT-inbreuk van het OM een "
                    + "onafhankelijk onderzoek komt, waarin wordt gekeken naar het incident en het versterken van de "
                    + "weerbaarheid van de IT en informatievoorziening van het OM.4");
            assertThat(text).endsWith("informatievoorziening van het OM.4");
            assertThat(text).doesNotContain("Uitvoering van het Business Informatieplan");
            assertThat(letter.answerTo("6").footnotes()).containsExactly("3", "4");
            assertThat(question(letter, "7").text()).startsWith("Erkent u dat er op dit moment nog een bezuiniging");
        }

        @Test
        void lastAnswerEndsBeforeTheFootnotes() {
            assertThat(letter.answerTo("9").text()).isEqualTo(
                    "Nee, de financiële situatie bij het OM is niet van invloed op het minder of meer opleggen van "
                            + "strafbeschikkingen.");
        }

        @Test
        void bothFootnoteSystems() {
            assertThat(letter.footnotes()).extracting(ParsedLetter.Footnote::number)
                    .containsExactly("1", "2", "3", "4", "1)");
            assertThat(footnote(letter, "1").text()).isEqualTo(
                    "Koopmans, C., Vlaanderen, M., Rougoor, W., Verheuvel, N., Folmer, T., Grootelaar, H., & "
                            + "Duijneveldt, I. (2021). Continuïteit in de bekostiging van politie, openbaar ministerie en "
                            + "rechtspraak. Amsterdam: SEOP, p. 31 en 32.");
            assertThat(footnote(letter, "2").text()).isEqualTo("Idem, p. 32 en 33.");
            assertThat(footnote(letter, "3").text()).isEqualTo("Uitvoering van het Business Informatieplan BIPOM.");
            assertThat(footnote(letter, "4").text()).isEqualTo("Kamerstukken II, 26643, 2025-2026, nr. 1390.");
            assertThat(footnote(letter, "4").url()).isNull();
            ParsedLetter.Footnote reference = footnote(letter, "1)");
            assertThat(reference.text()).isEqualTo(
                    "Openbaar Ministerie, 4 mei 2021, ‘Wisselend financieel beleid risicovol voor politie, OM en "
                            + "Rechtspraak’ (www.om.nl/actueel/nieuws/2021/05/04/%E2%80%98wisselend-financieel-beleid-"
                            + "risicovol-voor-politie-om-en-rechtspraak%E2%80%99).");
            assertThat(reference.url()).isEqualTo("https://www.om.nl/actueel/nieuws/2021/05/04/%E2%80%98wisselend-"
                    + "financieel-beleid-risicovol-voor-politie-om-en-rechtspraak%E2%80%99");
        }

        @Test
        void noTextCarriesPageFurniture() {
            for (Question q : letter.questions()) {
                assertThat(q.text()).doesNotContain("Pagina", "Onze referentie", "Postbus", "Directoraat", "\n\n\n");
            }
            for (Answer a : letter.answers()) {
                assertThat(a.text()).doesNotContain("Pagina", "Onze referentie", "Postbus", "Directoraat", "\n\n\n");
            }
        }
    }

    @Nested
    class AnswerToMutluerAndKathmann {

        private final ParsedLetter letter = parse(LetterTexts.SEED_MUTLUER);

        @Test
        void metadata() {
            assertThat(letter.kind()).isEqualTo(LetterKind.ANSWER);
            // The questions' own zaak first; the one named in the "Toelichting" after it.
            assertThat(letter.zaakNumbers()).containsExactly("2025Z20557", "2025Z20552");
            assertThat(letter.submittedDate()).isEqualTo(LocalDate.of(2025, 11, 26));
            // The letter prints no date, no reference and no Aanhangsel number.
            assertThat(letter.letterDate()).isNull();
            assertThat(letter.ourReference()).isNull();
            assertThat(letter.documentNumber()).isNull();
            assertThat(letter.askers()).containsExactly(
                    new Member("Mutluer", "GroenLinks-PvdA"), new Member("Kathmann", "GroenLinks-PvdA"));
            assertThat(letter.addressees()).containsExactly(
                    "Minister van Justitie en Veiligheid", "Staatssecretaris Binnenlandse Zaken en Koninkrijksrelaties");
            // The signatory's office; the printed name (Foort van Oosten) is not an office.
            assertThat(letter.answeredBy()).containsExactly("Minister van Justitie en Veiligheid");
            assertThat(letter.subject()).isEqualTo("de aanhoudende ICT-problematiek bij het Openbaar Ministerie (OM)");
        }

        @Test
        void twentyQuestionsEachWithItsOwnAnswer() {
            assertThat(letter.questions()).extracting(Question::number).containsExactlyElementsOf(numbers(1, 20));
            assertThat(letter.answers()).extracting(Answer::questionNumbers)
                    .containsExactlyElementsOf(numbers(1, 20).stream().map(List::of).toList());
        }

        @Test
        void shortAnswers() {
            assertThat(letter.answerTo("1").text()).isEqualTo("Ja.");
            assertThat(letter.answerTo("2").text()).isEqualTo("Ja.");
            assertThat(letter.answerTo("3").text()).isEqualTo("Ja.");
            // The "Toelichting" to the questions that follows is not part of the last answer.
            assertThat(letter.answerTo("20").text()).isEqualTo("Ja.");
            assertThat(question(letter, "20").text()).isEqualTo("Kunt u deze vragen afzonderlijk van elkaar beantwoorden?");
        }

        @Test
        void questionOneWithTheMembersReferences() {
            Question one = question(letter, "1");
            assertThat(one.text()).isEqualTo(
                    "Kent u de brief van de Nederlandse Vereniging voor Rechtspraak (NVvR) van 11 november 2025 aan "
                            + "het College van Procureurs-Generaal (het College), kent u de reactie van het College op die "
                            + "brief 1) en kent u de brandbrief van 20 november 2025 uit naam van 2850 OM-medewerkers van "
                            + "het “Comité OM onder druk” aan het College? 2) En kent u de eerdere frustraties van "
                            + "OM-medewerkers over de hardnekkige ICT-problemen (toespraak voorzitter van het College van "
                            + "13 mei 2024) 3)");
            assertThat(one.footnotes()).containsExactly("1)", "2)", "3)");
            assertThat(question(letter, "19").footnotes()).containsExactly("10)");
        }

        @Test
        void answerFiveCitesFootnoteOneGluedToAYear() {
            Answer five = letter.answerTo("5");
            assertThat(five.text()).isEqualTo(
                    "Ja, ik deel de mening dat er voor de medewerkers in ieder geval niet genoeg zichtbare verbetering "
                            + "heeft plaatsgevonden. De ICT-inbreuk in juli 20251 heeft de problemen – in ieder geval "
                            + "tijdelijk – nog eens vergroot. De snel gegroeide ontevredenheid is daarmee goed verklaarbaar "
                            + "en terecht.");
            assertThat(five.footnotes()).containsExactly("1");
        }

        @Test
        void answerSevenEndsBeforeItsPageBottomFootnotes() {
            Answer seven = letter.answerTo("7");
            assertThat(seven.text()).endsWith("Onderdeel hiervan is ook een maandelijkse meting onder medewerkers uit "
                    + "alle OM-onderdelen en functiegroepen.");
            assertThat(seven.footnotes()).containsExactly("2");
            assertThat(question(letter, "8").text()).startsWith("Erkent u dat de stress en druk bij het OM-personeel");
        }

        @Test
        void paragraphsSeparatedByABlankLine() {
            assertThat(letter.answerTo("9").text().split("\n\n")).hasSize(2);
            assertThat(letter.answerTo("13").text()).contains(
                    "om de financiële positie structureel te versterken.\n\nAlle OM-onderdelen moeten dus");
        }

        @Test
        void footnotes() {
            assertThat(letter.footnotes()).extracting(ParsedLetter.Footnote::number).containsExactly("1", "2");
            assertThat(footnote(letter, "1").text()).isEqualTo("Kamerstukken II, 2024-2025, 26643, nr. 1377.");
            assertThat(footnote(letter, "2").text()).isEqualTo("Kamerstukken II, 2023-2024, 29279, nr. 874.");
            // The member's references 1)–10) are cited but their texts are not in this letter.
            assertThat(letter.warnings()).singleElement().asString().contains("1), 2), 3)", "10)");
        }
    }

    @Nested
    class InternalMemo {

        private final ParsedLetter letter = parse(LetterTexts.SEED_MEMO);

        @Test
        void isNotAQuestionLetter() {
            assertThat(letter.kind()).isEqualTo(LetterKind.OTHER);
            assertThat(letter.questions()).isEmpty();
            assertThat(letter.answers()).isEmpty();
            assertThat(letter.askers()).isEmpty();
            assertThat(letter.zaakNumbers()).isEmpty();
            assertThat(letter.warnings()).isEmpty();
        }

        @Test
        void readsTheLabelledLetterheadFields() {
            assertThat(letter.ourReference()).isEqualTo("6357468");
            assertThat(letter.letterDate()).isEqualTo(LocalDate.of(2025, 5, 1));
        }
    }
}
