package nl.kamerstroom.parse.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.events.ParsedLetter.Answer;
import nl.kamerstroom.events.ParsedLetter.Question;
import org.junit.jupiter.api.Test;

/**
 * Goldens for the classes of documents of issue 12, built from real letters reworked into each
 * shape by {@code src/test/resources/goldens/structure/rework.py} (the script says what changed
 * per file). The expectations were written by reading the reworked texts.
 */
class StructureGoldensTest {

    private static final LetterParser PARSER = new LetterParser();

    private static String golden(String name) {
        return LetterTexts.resource("/goldens/structure/" + name);
    }

    private static List<String> numbers(ParsedLetter letter) {
        return letter.questions().stream().map(Question::number).toList();
    }

    private static List<List<String>> groups(ParsedLetter letter) {
        return letter.answers().stream().map(Answer::questionNumbers).toList();
    }

    private static List<String> range(int from, int to) {
        return java.util.stream.IntStream.rangeClosed(from, to).mapToObj(Integer::toString).toList();
    }

    @Test
    void groupedHeadingsWithIrregularPunctuationKeepEveryQuestionAndAnswer() {
        ParsedLetter letter = PARSER.parse(golden("grouped-irregular-2110.txt"));

        assertThat(letter.kind()).isEqualTo(LetterKind.ANSWER);
        assertThat(numbers(letter)).isEqualTo(range(1, 19));
        assertThat(groups(letter)).containsExactly(
                List.of("1"), List.of("2", "3", "4", "5"), List.of("6"), List.of("7", "8", "9"), List.of("10", "11"),
                List.of("12"), List.of("13", "14"), List.of("15"), List.of("16", "17"), List.of("18"), List.of("19"));
        // "Vraag 7, 8, 9 10 en 11": one text for the five, from the first question to the last.
        Question seven = LetterTexts.question(letter, "7");
        assertThat(seven.text()).startsWith("Heeft het Dolfinarium al gereageerd op uw verzoek om opheldering")
                .contains("Kunt u uw volgende uitspraak in de uitzending van EenVandaag toelichten")
                .endsWith("Bent ubereid om de resultaten van het onderzoek zo spoedig mogelijk met deKamer te delen?");
        assertThat(LetterTexts.question(letter, "11").text()).isEqualTo(seven.text());
        // "Antwoord op vragen 7, 8, en 9" and "Antwoord op de vragen 10 — 11".
        assertThat(letter.answerTo("8").text()).startsWith("Naar aanleiding van het voornemen tot het opleggen")
                .endsWith("Zie mijn antwoord op vraag 7.");
        assertThat(letter.answerTo("11").text()).startsWith("Zie mijn antwoord op vraag 7.")
                .contains("Het onderzoek heeft plaatsgevonden op woensdag 1 mei");
        assertThat(letter.answerTo("19").text()).startsWith("Vanwege de benodigde afstemming is het niet gelukt");
        // "Vraag 16 en 17 t/m" (a range that never ends): still a block, with a reason to look.
        assertThat(LetterTexts.question(letter, "16").text()).startsWith("Deelt u de mening dat het er hierdoor");
        assertThat(letter.reviewReasons()).containsExactly("heading could not be read as printed: 'Vraag 16 en 17 t/m'");
        assertThat(letter.warnings()).anyMatch(w -> w.contains("'Vraag 16 en 17 t/m' could not be read"));
    }

    @Test
    void answersOutOfQuestionOrderStayPaired() {
        ParsedLetter letter = PARSER.parse(golden("out-of-order-2110.txt"));

        assertThat(letter.kind()).isEqualTo(LetterKind.ANSWER);
        assertThat(numbers(letter)).containsExactly("1", "2", "3", "4", "5", "9", "10", "6", "7", "8", "11", "12");
        assertThat(groups(letter)).containsExactly(List.of("1"), List.of("2"), List.of("4"), List.of("5"), List.of("9"),
                List.of("10"), List.of("6"), List.of("7"), List.of("11"), List.of("12"), List.of("3", "8"));
        assertThat(LetterTexts.question(letter, "9").text()).startsWith("Heeft het betreffende gesprek al plaatsgevonden?");
        assertThat(letter.answerTo("6").text()).startsWith("Uit de inspectie is gebleken");
        assertThat(letter.answerTo("3").text()).startsWith("Dat klopt. Daarom zijn de fotomomenten verboden")
                .contains("Ten algemene geldt dat een dierentuin erop wordt aangesproken");
        assertThat(letter.answerTo("8")).isSameAs(letter.answerTo("3"));
        assertThat(letter.reviewReasons()).isEmpty();
        assertThat(letter.needsReview()).isFalse();
    }

    @Test
    void proseAfterAQuestionWithoutAnAnswerHeadingBecomesItsAnswer() {
        ParsedLetter original = LetterTexts.parse(LetterTexts.SEED_SNELLER);
        ParsedLetter letter = PARSER.parse(golden("unheaded-answers-000.txt"));

        assertThat(letter.kind()).isEqualTo(LetterKind.ANSWER);
        assertThat(numbers(letter)).isEqualTo(numbers(original)).isEqualTo(range(1, 9));
        assertThat(groups(letter)).isEqualTo(groups(original));
        // The texts are the ones the letter with its headings gives.
        assertThat(LetterTexts.question(letter, "5").text()).isEqualTo(LetterTexts.question(original, "5").text())
                .endsWith("Waarom niet?");
        assertThat(letter.answerTo("5").text()).isEqualTo(original.answerTo("5").text())
                .startsWith("Uit het onderzoek van het WODC");
        assertThat(letter.answerTo("6").text()).isEqualTo(original.answerTo("6").text())
                .startsWith("Zoals geschetst onder het antwoord op vraag 5");
        assertThat(letter.warnings()).contains(
                "'Vraag 5' is followed by prose without an answer heading; taken as 'Antwoord 5'",
                "'Vraag 6' is followed by prose without an answer heading; taken as 'Antwoord 6'");
        assertThat(letter.reviewReasons()).containsExactly(
                "answer without a heading attached to question 5", "answer without a heading attached to question 6");
        assertThat(original.reviewReasons()).isEmpty();
    }

    @Test
    void aMededelingThatReprintsTheQuestionsIsANotice() {
        for (String name : List.of("notice-answered-elsewhere-2110.txt", "notice-answered-elsewhere-before-2110.txt")) {
            ParsedLetter letter = PARSER.parse(golden(name));
            assertThat(letter.kind()).as(name).isEqualTo(LetterKind.NOTICE);
            assertThat(numbers(letter)).as(name).containsExactly("1", "2", "3");
            assertThat(letter.answers()).as(name).isEmpty();
            // The notice is not part of what was asked.
            assertThat(LetterTexts.question(letter, "3").text()).as(name)
                    .startsWith("Kunt u bevestigen dat de Visitatiecommissie").doesNotContain("beantwoord bij brief");
        }
    }

    @Test
    void withdrawalAndPostponementThatReprintTheQuestionsKeepTheirKind() {
        ParsedLetter withdrawal = PARSER.parse(golden("withdrawal-2110.txt"));
        assertThat(withdrawal.kind()).isEqualTo(LetterKind.WITHDRAWAL);
        assertThat(numbers(withdrawal)).containsExactly("1", "2", "3");
        assertThat(LetterTexts.question(withdrawal, "3").text()).doesNotContain("ingetrokken");

        ParsedLetter postponement = PARSER.parse(golden("postponement-2110.txt"));
        assertThat(postponement.kind()).isEqualTo(LetterKind.POSTPONEMENT);
        assertThat(numbers(postponement)).containsExactly("1", "2", "3");
        assertThat(postponement.answers()).isEmpty();
    }

    @Test
    void aNoticeWithoutTheQuestionsIsANoticeAndAMededelingAboutSomethingElseIsNot() {
        String golden = golden("notice-answered-elsewhere-2110.txt");
        String withoutQuestions = golden.substring(0, golden.indexOf("\nVraag 1\n") + 1)
                + golden.substring(golden.indexOf("Mededeling\n"));
        ParsedLetter notice = PARSER.parse(withoutQuestions);
        assertThat(notice.questions()).isEmpty();
        assertThat(notice.kind()).isEqualTo(LetterKind.NOTICE);

        ParsedLetter other = PARSER.parse("Mededeling\n\nDe vergadering van de commissie van 3 mei vervalt.\n");
        assertThat(other.kind()).isEqualTo(LetterKind.OTHER);
    }

    @Test
    void theQuestionsThemselvesStayQuestionsWhateverTheySay() {
        // A question letter whose question speaks of a withdrawn permit and of a late answer is not a notice.
        String letter = """
                Vragen van het lid Kostić (PvdD) aan de Minister van Landbouw, Natuur en Voedselkwaliteit over \
                het ingetrokken verlof (ingezonden 10 mei 2024).

                Vraag 1
                Waarom zijn de vragen over de vergunning die is ingetrokken niet binnen de gebruikelijke termijn \
                worden beantwoord?
                """;
        assertThat(PARSER.parse(letter).kind()).isEqualTo(LetterKind.QUESTIONS);
    }

    @Test
    void aBlockLostToAMisnumberingIsReportedWithHowMuch() {
        ParsedLetter letter = PARSER.parse(golden("misnumbered-000.txt"));

        assertThat(numbers(letter)).containsExactly("1", "2", "4", "5", "6", "7", "8", "9");
        assertThat(letter.warnings()).anyMatch(w -> w.matches("\\d+ of \\d+ characters \\(\\d+ %\\) of the body text are in no question or answer"));
        assertThat(letter.reviewReasons()).singleElement().asString()
                .matches("text left over between blocks: \\d+ of \\d+ characters \\(\\d+ %\\) in no question or answer");
        // The amount is the repeated question 3 and its answer, as printed.
        int lost = Integer.parseInt(letter.reviewReasons().get(0).replaceAll("^\\D+(\\d+) of.*$", "$1"));
        ParsedLetter original = LetterTexts.parse(LetterTexts.SEED_SNELLER);
        int printed = LetterTexts.question(original, "3").text().length() + original.answerTo("3").text().length();
        assertThat(lost).isBetween(printed * 9 / 10, printed * 11 / 10);
    }

    @Test
    void coverageBoundsAreConfigurable() {
        LetterParser lenient = new LetterParser(100_000, 1.0);
        assertThat(lenient.parse(golden("misnumbered-000.txt")).reviewReasons()).isEmpty();
    }

    @Test
    void anAnswerLetterThatLeavesAQuestionUnansweredNeedsReview() {
        String text = golden("out-of-order-2110.txt");
        int from = text.indexOf("\nAntwoord 9\n");
        int to = text.indexOf("\nAntwoord 10\n");
        assertThat(from).isPositive();
        // Answer 9 is left out; what remains of the block between is the question 10 heading and text.
        String withoutAnswer9 = text.substring(0, from) + text.substring(text.indexOf("\nVraag 10\n", from), to)
                + text.substring(to);
        ParsedLetter letter = PARSER.parse(withoutAnswer9);

        assertThat(letter.answers()).noneMatch(a -> a.questionNumbers().contains("9"));
        assertThat(letter.reviewReasons()).contains("question 9 without an answer");
    }

    @Test
    void theCleanSeedsAndCorpusNeedNoReview() {
        assertThat(LetterTexts.parse(LetterTexts.SEED_SNELLER).reviewReasons()).isEmpty();
        assertThat(LetterTexts.parse(LetterTexts.SEED_MUTLUER).reviewReasons()).isEmpty();
        assertThat(LetterTexts.parse("corpus/ah-tk-20232024-2110.txt").reviewReasons()).isEmpty();
        // A heading lost at a page break and inferred from the sequence is a reason to look.
        assertThat(LetterTexts.parse("corpus/ah-tk-20232024-302.md").reviewReasons())
                .containsExactly("heading read by inference: 'Vraag 2' is not printed");
    }
}
