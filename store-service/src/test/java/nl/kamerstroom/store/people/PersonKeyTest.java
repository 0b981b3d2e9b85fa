package nl.kamerstroom.store.people;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which printed names are one person. */
class PersonKeyTest {

    @Test
    void caseParticlesInitialsAndGivenNamesDoNotSplitAPerson() {
        assertThat(Person.key("Van Weel")).isEqualTo("van weel");
        assertThat(Person.key("van Weel")).isEqualTo("van weel");
        assertThat(Person.key("D.M. van Weel")).isEqualTo("van weel");
        assertThat(Person.key("D.M.  van   Weel ")).isEqualTo("van weel");
        assertThat(Person.key("Foort van Oosten")).isEqualTo(Person.key("Van Oosten"));
        assertThat(Person.key("Van der Wal-Zeggelink")).isEqualTo(Person.key("Christianne van der Wal-Zeggelink"));
        assertThat(Person.key("Yeşilgöz-Zegerius")).isEqualTo(Person.key("Dilan Yesilgöz-Zegerius"));
        assertThat(Person.key("Helder")).isEqualTo(Person.key("Conny Helder"));
    }

    @Test
    void differentSurnamesAreDifferentPeople() {
        assertThat(Person.key("Van Weel")).isNotEqualTo(Person.key("Yeşilgöz-Zegerius"));
        assertThat(Person.key("De Jonge")).isNotEqualTo(Person.key("Jonge"));
        assertThat(Person.key("Van der Wal")).isNotEqualTo(Person.key("Van Wal"));
    }

    @Test
    void nothingOfANameIsNoPerson() {
        assertThat(Person.key(null)).isNull();
        assertThat(Person.key("   ")).isNull();
        assertThat(Person.key("D.M.")).isNull();
        assertThat(Person.key("x".repeat(500))).hasSize(Person.NAME_LENGTH);
    }
}
