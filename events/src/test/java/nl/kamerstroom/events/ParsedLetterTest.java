package nl.kamerstroom.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParsedLetterTest {

    private static ParsedLetter letter(List<String> zaken) {
        return new ParsedLetter(LetterKind.ANSWER, "ah-tk-20232024-1092", zaken, null, "s", null, null, null,
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    @Test
    void aLetterThatPrintsNoZaakTakesTheOneItsSourceLinksItTo() {
        ParsedLetter merged = letter(List.of()).withSourceZaken(List.of("2024Z01234"));
        assertThat(merged.zaakNumbers()).containsExactly("2024Z01234");
        assertThat(merged.primaryZaak()).isEqualTo("2024Z01234");
    }

    @Test
    void printedZaakNumbersStayFirstAndNothingIsRepeated() {
        ParsedLetter printed = letter(List.of("2025Z17315"));
        assertThat(printed.withSourceZaken(List.of("2025Z17315"))).isSameAs(printed);
        assertThat(printed.withSourceZaken(List.of("2025Z18000", "2025Z17315")).zaakNumbers())
                .containsExactly("2025Z17315", "2025Z18000");
        assertThat(printed.withSourceZaken(null)).isSameAs(printed);
    }
}
