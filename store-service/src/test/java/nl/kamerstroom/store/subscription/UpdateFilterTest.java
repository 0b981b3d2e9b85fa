package nl.kamerstroom.store.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import nl.kamerstroom.events.EventTypes;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.events.ZaakUpdate;
import nl.kamerstroom.store.search.Filter;
import org.junit.jupiter.api.Test;

class UpdateFilterTest {

    private static final ZaakUpdate ANSWER = new ZaakUpdate("e1", EventTypes.ANSWER_PUBLISHED, "2025Z17315", "doc",
            LetterKind.ANSWER, "de hack bij het OM", LocalDate.of(2025, 11, 21),
            List.of(new ParsedLetter.Member("Sneller", "D66")), List.of("Minister van Justitie en Veiligheid"),
            List.of("Minister van Justitie en Veiligheid"), List.of("7", "8"), List.of("Erkent u?", "Kunt u?"),
            "Er is geen sprake van een bezuiniging.", null, Instant.now());

    private static boolean matches(String zaak, String member, String party, String ministry, String q, List<String> types) {
        return UpdateFilter.of(zaak, member, party, ministry, q, types).matches(ANSWER);
    }

    @Test
    void eachFieldFiltersOnItsOwn() {
        assertThat(matches(null, null, null, null, null, List.of())).isTrue();
        assertThat(matches("2025Z17315", null, null, null, null, List.of())).isTrue();
        assertThat(matches("2025Z00001", null, null, null, null, List.of())).isFalse();
        assertThat(matches(null, "sneller", null, null, null, List.of())).isTrue();
        assertThat(matches(null, "Mutluer", null, null, null, List.of())).isFalse();
        assertThat(matches(null, null, "d66", null, null, List.of())).isTrue();
        assertThat(matches(null, null, "VVD", null, null, List.of())).isFalse();
        assertThat(matches(null, null, null, "justitie", null, List.of())).isTrue();
        assertThat(matches(null, null, null, "Defensie", null, List.of())).isFalse();
        assertThat(matches(null, null, null, null, "bezuiniging", List.of())).isTrue();
        assertThat(matches(null, null, null, null, "Kunt u", List.of())).isTrue();
        assertThat(matches(null, null, null, null, "stikstof", List.of())).isFalse();
        assertThat(matches(null, null, null, null, null, List.of("answer.published"))).isTrue();
        assertThat(matches(null, null, null, null, null, List.of("zaak.postponed", "answer.changed"))).isFalse();
    }

    @Test
    void badValuesNameTheParameter() {
        assertThatThrownBy(() -> UpdateFilter.of("17315", null, null, null, null, List.of()))
                .isInstanceOf(Filter.BadParameter.class).hasMessageContaining("zaak");
        assertThatThrownBy(() -> UpdateFilter.of(null, null, null, null, null, List.of("answer.eaten")))
                .isInstanceOf(Filter.BadParameter.class).hasMessageContaining("type");
    }
}
