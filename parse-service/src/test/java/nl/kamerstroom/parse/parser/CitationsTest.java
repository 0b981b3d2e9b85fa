package nl.kamerstroom.parse.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CitationsTest {

    private static List<Integer> superscripts(String text) {
        List<Integer> found = new ArrayList<>();
        Citations.findSuperscripts(text, n -> n <= 20, found::add);
        return found;
    }

    private static List<Integer> bracketed(String text) {
        List<Integer> found = new ArrayList<>();
        Citations.findBracketed(text, n -> true, found::add);
        return found;
    }

    @Test
    void superscriptsGluedToWordsAndPunctuation() {
        assertThat(superscripts("het Prognosemodel Justitiële Ketens.1 Tegelijkertijd")).containsExactly(1);
        assertThat(superscripts("de IT en informatievoorziening van het OM.4")).containsExactly(4);
        assertThat(superscripts("Aanwijzingen externe contacten rijksambtenaren9 worden")).containsExactly(9);
        assertThat(superscripts("Uit eerder onderzoek van WUR5 is gebleken")).containsExactly(5);
        assertThat(superscripts("mag dat en is het wenselijk?»?1, 2")).containsExactly(1, 2);
        assertThat(superscripts("«Netjes gezuiverd»1 en")).containsExactly(1);
    }

    @Test
    void superscriptGluedToAYear() {
        assertThat(superscripts("De ICT-inbreuk in juli 20251 heeft de problemen")).containsExactly(1);
        assertThat(superscripts("In de brief van november 20193 wordt")).containsExactly(3);
        assertThat(superscripts("in 2025 en 2024")).isEmpty();
    }

    @Test
    void ordinaryNumbersAreNotReferences() {
        assertThat(superscripts("88 miljoen euro, 1.000 woningen, 2,5 procent")).isEmpty();
        assertThat(superscripts("uitstoot van CO2 en m2 en km2 in de G20")).isEmpty();
        assertThat(superscripts("Kamerstukken II, nr.5, p.3")).isEmpty();
        assertThat(superscripts("artikel 12a")).isEmpty();
        assertThat(superscripts("gewijzigd in 2022–2027: 37 miljoen")).isEmpty();
    }

    @Test
    void bracketedReferencesOfTheMembersQuestions() {
        assertThat(bracketed("de reactie van het College op die brief 1) en kent u")).containsExactly(1);
        assertThat(bracketed("(toespraak voorzitter van het College van 13 mei 2024) 3)")).containsExactly(3);
        assertThat(bracketed("informatievoorziening? 1) Maar dat")).containsExactly(1);
    }

    @Test
    void closedBracketsAreNotReferences() {
        assertThat(bracketed("(Kamerstuk 36 410, nr. 74)")).isEmpty();
        assertThat(bracketed("bestaande uit (1) het intensiveren, (2) passende")).isEmpty();
        assertThat(bracketed("(zie artikel 12a)")).isEmpty();
    }
}
