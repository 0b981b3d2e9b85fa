package nl.kamerstroom.store.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    @Test
    void initialsAreTheFirstLettersOfWhatPrecedesTheSurname() {
        assertThat(Person.initials("E.E.W. Bruins")).isEqualTo("eew");
        assertThat(Person.initials("e. e. w.  Bruins")).isEqualTo("eew");
        assertThat(Person.initials("E.E.W.Bruins")).isEqualTo("eew");
        assertThat(Person.key("E.E.W.Bruins")).isEqualTo("bruins");
        assertThat(Person.initials("Eppo Bruins")).isEqualTo("e");
        assertThat(Person.initials("B.J. Bruins")).isEqualTo("bj");
        assertThat(Person.initials("D.M. van Weel")).isEqualTo("dm");
        assertThat(Person.initials("mr. D.M. van Weel")).isEqualTo("dm");
        assertThat(Person.initials("Th.C. de Graaf")).isEqualTo("tc");
        assertThat(Person.initials("Jan-Peter Balkenende")).isEqualTo("jp");
        assertThat(Person.initials("Édith Schippers")).isEqualTo(Person.initials("E. Schippers"));
        assertThat(Person.initials("Bruins")).isEmpty();
        assertThat(Person.initials("Van Weel")).isEmpty();
        assertThat(Person.initials(null)).isEmpty();
        // the surname key is as before: initials do not change it
        assertThat(Person.key("E.E.W. Bruins")).isEqualTo(Person.key("B.J. Bruins")).isEqualTo("bruins");
    }

    @Test
    void initialsAreCompatibleWhenOneBeginsTheOther() {
        assertThat(Person.compatible(Person.initials("Eppo Bruins"), Person.initials("E.E.W. Bruins"))).isTrue();
        assertThat(Person.compatible(Person.initials("E.E.W. Bruins"), Person.initials("e.e.w. bruins"))).isTrue();
        assertThat(Person.compatible(Person.initials("Bruins"), Person.initials("B.J. Bruins"))).isTrue();
        assertThat(Person.compatible(Person.initials("B.J. Bruins"), Person.initials("E.E.W. Bruins"))).isFalse();
        assertThat(Person.compatible(Person.initials("Bruno Bruins"), Person.initials("E.E.W. Bruins"))).isFalse();
        assertThat(Person.compatible("ew", "eew")).isFalse();
    }

    /** Bruno Bruins, seen at Medische Zorg in 2019, and Eppo Bruins, seen at OCW in 2024. */
    private final Person bruno = person(1, "B.J. Bruins");
    private final Person eppo = person(2, "E.E.W. Bruins");
    private final List<Person> known = List.of(bruno, eppo);
    private final Sightings seen = new Sightings(Map.of(1L, Set.of("mz"), 2L, Set.of("ocw")),
            Map.of(1L, LocalDate.of(2019, 6, 1), 2L, LocalDate.of(2024, 10, 1)));

    @Test
    void differentInitialsAreTwoPersonsTheSameInitialsOne() {
        assertThat(Person.resolve(known, "B.J. Bruins", "ocw", LocalDate.of(2024, 11, 1), seen)).isSameAs(bruno);
        assertThat(Person.resolve(known, "b. j. bruins", "mz", null, seen)).isSameAs(bruno);
        assertThat(Person.resolve(known, "Eppo Bruins", "mz", LocalDate.of(2019, 1, 1), seen)).isSameAs(eppo);
        // initials known to nobody: a new person, even when one person of that surname is known
        assertThat(Person.resolve(known, "H. Bruins", "ocw", null, seen)).isNull();
        assertThat(Person.resolve(List.of(eppo), "B.J. Bruins", "mz", null, seen)).isNull();
    }

    @Test
    void aBareSurnameGoesToTheCompatiblePersonSeenInThatOfficeThenNearestInTime() {
        assertThat(Person.resolve(known, "Bruins", "ocw", LocalDate.of(2019, 6, 1), seen)).isSameAs(eppo);
        assertThat(Person.resolve(known, "Bruins", "mz", LocalDate.of(2024, 10, 1), seen)).isSameAs(bruno);
        // an office neither held: the one seen nearest in time
        assertThat(Person.resolve(known, "Bruins", "vws", LocalDate.of(2020, 1, 1), seen)).isSameAs(bruno);
        assertThat(Person.resolve(known, "Bruins", "vws", LocalDate.of(2025, 1, 1), seen)).isSameAs(eppo);
        // one person of that surname: that one; none with initials: the surname-only person
        assertThat(Person.resolve(List.of(eppo), "Bruins", "vws", null, null)).isSameAs(eppo);
        Person bare = person(3, "Bruins");
        assertThat(Person.resolve(List.of(bare), "Bruins", "vws", null, null)).isSameAs(bare);
        assertThat(Person.resolve(List.of(), "Bruins", "vws", null, null)).isNull();
    }

    @Test
    void aSurnameOnlyPersonTakesTheFirstInitialsPrintedAndAFirstNameTakesFullInitials() {
        Person helder = person(1, "Helder");
        assertThat(Person.resolve(List.of(helder), "Conny Helder", "lzs", null, null)).isSameAs(helder);
        helder.seenAs("Conny Helder");
        assertThat(helder.initials).isEqualTo("c");
        assertThat(helder.name).isEqualTo("Conny Helder");
        // a surname-only row V13 merged, shown as another person's name, shows the new person
        Person merged = person(2, "B.J. Bruins");
        merged.initials = "";
        merged.seenAs("E.E.W. Bruins");
        assertThat(merged.initials).isEqualTo("eew");
        assertThat(merged.name).isEqualTo("E.E.W. Bruins");
        // "Eppo Bruins" first, then "E.E.W. Bruins": one person, with the full initials
        Person byFirstName = person(3, "Eppo Bruins");
        assertThat(Person.resolve(List.of(byFirstName), "E.E.W. Bruins", "ocw", null, null)).isSameAs(byFirstName);
        byFirstName.seenAs("E.E.W. Bruins");
        assertThat(byFirstName.initials).isEqualTo("eew");
        // a bare form does not replace the name shown
        byFirstName.seenAs("Minister Bruins");
        assertThat(byFirstName.name).isEqualTo("E.E.W. Bruins");
        assertThat(byFirstName.initials).isEqualTo("eew");
    }

    private static Person person(long id, String printed) {
        Person p = Person.of(printed);
        p.id = id;
        return p;
    }

    /** Offices held and the day last seen, per person id. */
    private record Sightings(Map<Long, Set<String>> offices, Map<Long, LocalDate> lastSeen) implements Person.Sightings {
        @Override
        public boolean heldOffice(Person person, String office) {
            return offices.getOrDefault(person.id, Set.of()).contains(office);
        }

        @Override
        public long distance(Person person, LocalDate date) {
            return Math.abs(java.time.temporal.ChronoUnit.DAYS.between(lastSeen.get(person.id), date));
        }
    }
}
