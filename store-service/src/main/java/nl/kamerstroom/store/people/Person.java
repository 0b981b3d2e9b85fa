package nl.kamerstroom.store.people;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A person in government office (a minister, a state secretary), one per normalised name: "Van
 * Weel", "van Weel" and "D.M. van Weel" are one person whatever office each letter gives them, so
 * a new portfolio does not split a person, and two people who hold one office in turn stay two.
 * Which offices a person held, and when, is in {@code letter_official} (view {@code person_term}).
 *
 * <p>Known limit: two different people with the same surname (particles included) are one person.
 */
@Entity
@Table(name = "person")
public class Person extends PanacheEntityBase {

    /** Dutch surname particles ("tussenvoegsels"): where the surname begins when initials or given names precede it. */
    private static final Set<String> PARTICLES = Set.of("van", "de", "der", "den", "ter", "ten", "te", "het", "'t", "’t",
            "in", "op", "von", "du", "la", "le", "d'", "l'");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** {@code person.name VARCHAR(200)}. */
    public static final int NAME_LENGTH = 200;

    /** A person (name {@code null}: not known) in an office, as the API shows who answered or was addressed. */
    public record InOffice(String name, String office) {
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "person_seq")
    @SequenceGenerator(name = "person_seq", sequenceName = "person_seq", allocationSize = 50)
    public Long id;

    @Column(name = "name_key", nullable = false, unique = true)
    public String nameKey;

    @Column(nullable = false)
    public String name;

    /**
     * The identity of a printed name: lower case, without diacritics, the surname only: from its
     * first particle ("D.M. van Weel" → "van weel", "Foort van Oosten" → "van oosten"), else the
     * last word ("Yeşilgöz-Zegerius", "Dilan Yeşilgöz-Zegerius" → "yesilgoz-zegerius");
     * {@code null} when nothing of a name is left.
     */
    public static String key(String printed) {
        if (printed == null) {
            return null;
        }
        String plain = MARKS.matcher(Normalizer.normalize(printed, Normalizer.Form.NFD)).replaceAll("")
                .toLowerCase(Locale.ROOT).strip();
        if (plain.isEmpty()) {
            return null;
        }
        String[] words = SPACES.split(plain);
        int last = words.length - 1;
        while (last > 0 && words[last].endsWith(".")) {
            last--; // "Weel, D.M." is not written, but a stray initial at the end is no surname
        }
        for (int i = 0; i < last; i++) {
            if (PARTICLES.contains(words[i])) {
                return bounded(String.join(" ", java.util.Arrays.copyOfRange(words, i, last + 1)));
            }
        }
        return words[last].endsWith(".") ? null : bounded(words[last]);
    }

    private static String bounded(String key) {
        return key.length() > NAME_LENGTH ? key.substring(0, NAME_LENGTH) : key;
    }

    /** The person with this printed name, created on first sight; a fuller printed form becomes the name shown. */
    public static Person findOrCreate(String printed) {
        String key = key(printed);
        if (key == null) {
            return null;
        }
        String shown = SPACES.matcher(printed.strip()).replaceAll(" ");
        if (shown.length() > NAME_LENGTH) {
            shown = shown.substring(0, NAME_LENGTH);
        }
        Person person = find("nameKey", key).firstResult();
        if (person == null) {
            person = new Person();
            person.nameKey = key;
            person.name = shown;
            person.persist();
        } else if (shown.length() > person.name.length()) {
            person.name = shown;
        }
        return person;
    }
}
