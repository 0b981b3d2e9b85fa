package nl.kamerstroom.parse.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HeadingRecogniserTest {

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Vraag 1                      | QUESTION | 1
            Vraag 12:                    | QUESTION | 12
            Vraag 2 en 3                 | QUESTION | 2,3
            Vragen 4 t/m 6               | QUESTION | 4,5,6
            Vraag 2a                     | QUESTION | 2a
            Vraag 1, 2 en 5              | QUESTION | 1,2,5
            Vraag 8, 9, 10 en 11         | QUESTION | 8,9,10,11
            Antwoord 1                   | ANSWER   | 1
            Antwoord 2l                  | ANSWER   | 2l
            Antwoord op vraag 1          | ANSWER   | 1
            Antwoord op vragen 7 en 8    | ANSWER   | 7,8
            Antwoord vraag 7             | ANSWER   | 7
            Antwoord op de vragen 3–5    | ANSWER   | 3,4,5
            Antwoorden op vragen 3-5     | ANSWER   | 3,4,5
            Antwoord 3 tot en met 5      | ANSWER   | 3,4,5
            Antwoord op vragen 2a-2c     | ANSWER   | 2a,2b,2c
            Antwoord 1, 2 en 5           | ANSWER   | 1,2,5
            Antwoord 2 en 3              | ANSWER   | 2,3
            Vraag 7, 8, 9 10 en 11       | QUESTION | 7,8,9,10,11
            Antwoord op vragen 7, 8, en 9 | ANSWER  | 7,8,9
            Vraag 2, 3, 4, 5             | QUESTION | 2,3,4,5
            Vraag 13,,14                 | QUESTION | 13,14
            Vraag 13 ,14                 | QUESTION | 13,14
            Antwoord 2–5                 | ANSWER   | 2,3,4,5
            Antwoord op de vragen 10 — 11 | ANSWER  | 10,11
            Antwoord 3 tot 5             | ANSWER   | 3,4,5
            Antwoord 13 t/m 14           | ANSWER   | 13,14
            Beantwoording van de vragen 11, 12 en 13 | ANSWER | 11,12,13
            Antwoorden op de vragen 11, 12 en 13: | ANSWER | 11,12,13
            Antwoord op Vraag 3          | ANSWER   | 3
            VRAAG 4                      | QUESTION | 4
            Vraag nr. 3                  | QUESTION | 3
            """)
    void recognisesHeadings(String line, Heading.Kind kind, String numbers) {
        Heading heading = HeadingRecogniser.recognise(line);
        assertThat(heading).isNotNull();
        assertThat(heading.kind()).isEqualTo(kind);
        assertThat(heading.numbers()).containsExactly(numbers.split(","));
        assertThat(heading.rest()).isEmpty();
        assertThat(heading.doubt()).isNull();
    }

    @ParameterizedTest(name = "{0} → {1}, with a doubt")
    @CsvSource(delimiter = '|', textBlock = """
            Vraag 7 of 8                 | 7,8
            Vraag 7/8                    | 7,8
            Antwoord 4 + 5               | 4,5
            Vraag 16 en 17 t/m           | 16,17
            Vraag 6 *                    | 6
            Antwoord op vragen 2, 3 en (4) | 2,3,4
            """)
    void readsListsItHasToGuessAtWithADoubt(String line, String numbers) {
        Heading heading = HeadingRecogniser.recognise(line);
        assertThat(heading).isNotNull();
        assertThat(heading.numbers()).containsExactly(numbers.split(","));
        assertThat(heading.doubt()).isNotBlank();
    }

    @Test
    void keepsTextPrintedOnTheHeadingLine() {
        Heading answer = HeadingRecogniser.recognise("Antwoord 1 Ja.");
        assertThat(answer.numbers()).containsExactly("1");
        assertThat(answer.rest()).isEqualTo("Ja.");
        Heading question = HeadingRecogniser.recognise("Vraag 2 en 3 Deelt u de mening dat …?");
        assertThat(question.numbers()).containsExactly("2", "3");
        assertThat(question.rest()).isEqualTo("Deelt u de mening dat …?");
        assertThat(HeadingRecogniser.recognise("Vraag 1: Kent u het bericht «X»?").rest()).isEqualTo("Kent u het bericht «X»?");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Antwoord van Minister Bruins Slot (Buitenlandse Zaken) (ontvangen",
            "Vraag 3 van het lid Mutluer is al beantwoord.",
            "Antwoord op vraag 5 is gegeven in de brief van 3 mei.",
            "Vragen van het lid Sneller (D66) aan de minister",
            "Vragen gesteld door de leden der Kamer, met de daarop door de",
            "vraag 1",
            "Vraag",
            "In antwoord op uw brief van 19 september 2025",
            "Vraag 12345",
            "Vraag 2April",
            "Vraag 3 en 4 van het lid Mutluer zijn al beantwoord.",
            "Antwoord op vragen 7, 8 en 9 vindt u in de brief van 3 mei.",
            "Vraag 2024 was een jaar van weinig vragen",
            ""})
    void ignoresSentencesThatMerelyStartLikeHeadings(String line) {
        Heading heading = HeadingRecogniser.recognise(line);
        if (line.equals("Vraag")) {
            // A bare word is a heading whose number was lost; the sections decide whether it counts.
            assertThat(heading.numberless()).isTrue();
        } else {
            assertThat(heading).isNull();
        }
    }

    @Test
    void printedNumbersKeepTheirLetters() {
        assertThat(QuestionNumbers.parse("2a en 2b")).isEqualTo(List.of("2a", "2b"));
        assertThat(QuestionNumbers.parse("07")).isEqualTo(List.of("7"));
        assertThat(QuestionNumbers.parse("5-3")).isEqualTo(List.of("5", "3"));
        assertThat(QuestionNumbers.numericPart("12b")).isEqualTo(12);
        assertThat(QuestionNumbers.suffix("12b")).isEqualTo("b");
    }

    @Test
    void longLinesAreCheap() {
        String line = "Vraag 1 en 2 en 3" + " en 4".repeat(100_000);
        assertThat(HeadingRecogniser.recognise(line)).isNull();
    }
}
