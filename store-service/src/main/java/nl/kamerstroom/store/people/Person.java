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
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A person in government office (a minister, a state secretary): a surname ({@link #key}) and, once
 * a letter prints them, initials ({@link #initials}). "Van Weel", "van Weel" and "D.M. van Weel" are
 * one person whatever office each letter gives them, so a new portfolio does not split a person,
 * and two people who hold one office in turn stay two; "B.J. Bruins" and "E.E.W. Bruins" are two
 * people, "Eppo Bruins" is the second of them (see {@link #resolve} for a bare "Bruins"). Which
 * offices a person held, and when, is in {@code letter_official} (view {@code person_term}).
 */
@Entity
@Table(name = "person")
public class Person extends PanacheEntityBase {

    /** Dutch surname particles ("tussenvoegsels"): where the surname begins when initials or given names precede it. */
    private static final Set<String> PARTICLES = Set.of("van", "de", "der", "den", "ter", "ten", "te", "het", "'t", "’t",
            "in", "op", "von", "du", "la", "le", "d'", "l'");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** A dot followed by a letter: initials run together with each other or the name ("E.E.W.Bruins"). */
    private static final Pattern DOT_BEFORE_LETTER = Pattern.compile("(?<=\\.)(?=\\p{L})");
    /** Academic and honorary titles printed before a name ("mr. dr. E.E.W. Bruins"): no initials. */
    private static final Set<String> TITLES = Set.of("mr", "dr", "drs", "prof", "ir", "ing", "ds", "mgr", "jhr",
            "jkvr", "bc", "ba", "ma", "msc", "bsc", "llm", "phd", "dhr", "mevr", "mw", "minister", "staatssecretaris");
    /** One initial or given name: its letters, up to a dot or hyphen ("Th." → "th", "Jan-Peter" → "jan", "peter"). */
    private static final Pattern NAME_PART = Pattern.compile("\\p{L}[\\p{L}']*");
    /** {@code person.initials VARCHAR(40)}. */
    public static final int INITIALS_LENGTH = 40;
    /** {@code person.name VARCHAR(200)}. */
    public static final int NAME_LENGTH = 200;

    /** A person (name {@code null}: not known) in an office, as the API shows who answered or was addressed. */
    public record InOffice(String name, String office) {
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "person_seq")
    @SequenceGenerator(name = "person_seq", sequenceName = "person_seq", allocationSize = 50)
    public Long id;

    @Column(name = "name_key", nullable = false)
    public String nameKey;

    @Column(nullable = false)
    public String name;

    /**
     * The first letters of the given names printed before the surname ("E.E.W. Bruins" → "eew",
     * "Eppo Bruins" → "e"), the longest form seen; empty for a person no letter has given initials yet.
     */
    @Column(nullable = false)
    public String initials = "";

    /**
     * The surname of a printed name, half of a person's identity ({@link #initials} is the other):
     * lower case, without diacritics, the surname only: from its
     * first particle ("D.M. van Weel" → "van weel", "Foort van Oosten" → "van oosten"), else the
     * last word ("Yeşilgöz-Zegerius", "Dilan Yeşilgöz-Zegerius" → "yesilgoz-zegerius");
     * {@code null} when nothing of a name is left.
     */
    public static String key(String printed) {
        String[] words = words(printed);
        int start = surnameStart(words);
        if (start < 0) {
            return null;
        }
        return bounded(String.join(" ", java.util.Arrays.copyOfRange(words, start, surnameEnd(words) + 1)));
    }

    /**
     * The initials of a printed name: the first letter of each initial or given name before the
     * surname, titles left out, lower case, without diacritics or dots ("E.E.W. Bruins", "e. e. w.
     * bruins" → "eew"; "Eppo Bruins" → "e"; "Jan-Peter Balkenende" → "jp"; "mr. D.M. van Weel" →
     * "dm"); empty when none is printed ("Bruins", "Van Weel") or nothing of a name is left.
     */
    public static String initials(String printed) {
        String[] words = words(printed);
        int start = surnameStart(words);
        StringBuilder found = new StringBuilder();
        for (int i = 0; i < start; i++) {
            String word = words[i];
            if (TITLES.contains(word.replace(".", ""))) {
                continue;
            }
            java.util.regex.Matcher part = NAME_PART.matcher(word);
            while (part.find() && found.length() < INITIALS_LENGTH) {
                found.append(part.group().charAt(0));
            }
        }
        return found.toString();
    }

    /**
     * Whether two sets of initials can be one person: equal, or one begins the other ("e" from
     * "Eppo Bruins" and "eew" from "E.E.W. Bruins"); "bj" and "eew" cannot, nor "ew" and "eew".
     * Empty initials (none printed) are compatible with any.
     */
    public static boolean compatible(String a, String b) {
        return a.startsWith(b) || b.startsWith(a);
    }

    /** Lower case, without diacritics, split on white space and after initials' dots; empty for no name. */
    private static String[] words(String printed) {
        if (printed == null) {
            return new String[0];
        }
        String plain = MARKS.matcher(Normalizer.normalize(printed, Normalizer.Form.NFD)).replaceAll("")
                .toLowerCase(Locale.ROOT).strip();
        return plain.isEmpty() ? new String[0] : SPACES.split(DOT_BEFORE_LETTER.matcher(plain).replaceAll(" "));
    }

    /** The last word of the surname: a stray initial at the end ("Weel, D.M." is not written) is no surname. */
    private static int surnameEnd(String[] words) {
        int last = words.length - 1;
        while (last > 0 && words[last].endsWith(".")) {
            last--;
        }
        return last;
    }

    /** Where the surname begins: at its first particle ("D.M. van Weel"), else the last word; -1 for none. */
    private static int surnameStart(String[] words) {
        int last = surnameEnd(words);
        if (last < 0) {
            return -1;
        }
        for (int i = 0; i < last; i++) {
            if (PARTICLES.contains(words[i])) {
                return i;
            }
        }
        return words[last].endsWith(".") ? -1 : last;
    }

    private static String bounded(String key) {
        return key.length() > NAME_LENGTH ? key.substring(0, NAME_LENGTH) : key;
    }

    /** What the store knows of a person's letters, to choose between two of one surname. */
    public interface Sightings {
        /** Whether the person held this office in a stored letter. */
        boolean heldOffice(Person person, String office);

        /** Days between this date and the nearest of the person's letters (0 within their term); large when unknown. */
        long distance(Person person, java.time.LocalDate date);
    }

    /**
     * Which of the known persons with this printed name's surname ({@code sameSurname}, all with
     * {@link #key} equal) the name is; {@code null}: a new person. The rule:
     * <ul>
     * <li>A name with initials ("E.E.W. Bruins", "Eppo Bruins") is the person with compatible
     * initials ({@link #compatible}): the one with the very same initials, else the preferred one
     * among the compatible ones (below). None compatible: the one surname-only person
     * when it is the only person of that surname (its letters printed no initials yet: "Helder"
     * then "Conny Helder" is one person), else a new person. Two persons with different initials
     * are never merged.</li>
     * <li>A name without initials ("Bruins") is the preferred one of the persons with initials;
     * none: the surname-only person (new if there is none).</li>
     * </ul>
     * Preferred among several: the one seen in this office, then the one seen nearest in time to
     * the letter (for a new letter: the most recently seen), then the first created. Known limit: a
     * given name that does not begin the initials ("Karien" for C.E.G. van Gennip) is another person.
     */
    public static Person resolve(List<Person> sameSurname, String printed, String office, java.time.LocalDate date,
            Sightings sightings) {
        String wanted = initials(printed);
        List<Person> withInitials = sameSurname.stream().filter(p -> !p.initials.isEmpty()).toList();
        Person surnameOnly = sameSurname.stream().filter(p -> p.initials.isEmpty()).findFirst().orElse(null);
        if (wanted.isEmpty()) {
            return withInitials.isEmpty() ? surnameOnly : best(withInitials, office, date, sightings);
        }
        for (Person p : withInitials) {
            if (p.initials.equals(wanted)) {
                return p;
            }
        }
        List<Person> candidates = withInitials.stream().filter(p -> compatible(p.initials, wanted)).toList();
        if (!candidates.isEmpty()) {
            return best(candidates, office, date, sightings);
        }
        return withInitials.isEmpty() ? surnameOnly : null;
    }

    /** The preferred of several candidates, as {@link #resolve} describes. */
    private static Person best(List<Person> candidates, String office, java.time.LocalDate date, Sightings sightings) {
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        Comparator<Person> preference = Comparator.<Person, Boolean>comparing(p -> !sightings.heldOffice(p, office))
                .thenComparingLong(p -> date == null ? 0 : sightings.distance(p, date))
                .thenComparing(p -> p.id == null ? Long.MAX_VALUE : p.id);
        return candidates.stream().min(preference).orElseThrow();
    }

    /**
     * Takes in what this printed form adds: initials that extend the known ones ("e" → "eew"),
     * and the fullest printed form as the name shown; a surname-only person getting its first
     * initials shows this form.
     */
    public void seenAs(String printed) {
        String shown = shown(printed);
        String more = initials(printed);
        if (more.length() > initials.length() && more.startsWith(initials)) {
            if (initials.isEmpty() && !compatible(initials(name), more)) {
                name = shown; // the surname-only form shown before ("B.J. Bruins" from older letters) is not this person's
            }
            initials = more;
        }
        String shownInitials = initials(shown);
        if (shown.length() > name.length() && compatible(shownInitials, initials)
                && (!shownInitials.isEmpty() || initials.isEmpty())) {
            name = shown;
        }
    }

    /** A new person for this printed name ({@code null} for no name); the caller persists it. */
    public static Person of(String printed) {
        String key = key(printed);
        if (key == null) {
            return null;
        }
        Person person = new Person();
        person.nameKey = key;
        person.name = shown(printed);
        person.initials = initials(printed);
        return person;
    }

    private static String shown(String printed) {
        String shown = SPACES.matcher(printed.strip()).replaceAll(" ");
        return shown.length() > NAME_LENGTH ? shown.substring(0, NAME_LENGTH) : shown;
    }

    /** The stored persons with this surname key, first created first. */
    public static List<Person> withKey(String key) {
        return list("nameKey = ?1 order by id", key);
    }
}
