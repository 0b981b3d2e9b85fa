package nl.kamerstroom.parse.parser;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.kamerstroom.events.Official;

/**
 * The persons behind the offices, as letters print them: "Antwoord van minister Van Weel (Justitie
 * en Veiligheid)" names the person with the portfolio; a closing signature names the office and,
 * on the next line or after a comma, the person ("De Minister van Justitie en Veiligheid,",
 * "D.M. van Weel"). The name is kept as printed (spaces collapsed); telling whether two spellings
 * are one person is the store's job, which sees every letter.
 */
final class OfficialNames {

    /** Longer than this a line is a sentence, not a signed name. */
    private static final int MAX_NAME_LENGTH = 60;
    /**
     * A person's name as a signature prints it: initials ("D.M."), capitalised given names and
     * surnames (hyphenated too: "Van der Wal-Zeggelink"), lowercase particles between them ("van",
     * "de", "der", "ter"), ending in a capitalised word. A sentence ("Vragen van het lid Sneller
     * (D66) …") has a lowercase word that is no particle, or punctuation, and does not match.
     */
    private static final Pattern PERSON_NAME = Pattern.compile(
            "^(?:(?:\\p{Lu}\\.)+\\s?|\\p{Lu}[\\p{Ll}'’¸]+(?:-\\p{Lu}[\\p{Ll}'’¸]+)*\\s"
                    + "|(?:van|de|der|den|ter|ten|te|het|'t|’t|in|op|von|du|la|le)\\s)*"
                    + "\\p{Lu}[\\p{L}'’¸]+(?:-\\p{Lu}?[\\p{L}'’¸]+)*$");
    /** "De Minister van Justitie en Veiligheid, D.M. van Weel": office and name on one line; the name after the last comma. */
    private static final Pattern SIGNED_ON_ONE_LINE = Pattern.compile(
            "^((?:[Dd]e )?(?:[Mm]inister(?:-[Pp]resident)?|[Ss]taatssecretaris)\\b[^.;:]{0,150}),\\s+([^,]{2," + MAX_NAME_LENGTH + "})$");
    /** An office string's role and portfolio: "Minister van Justitie en Veiligheid", "Staatssecretaris Binnenlandse Zaken". */
    private static final Pattern OFFICE_PARTS = Pattern.compile(
            "^(Minister-President|Minister|Staatssecretaris)(?:\\s+(?:(?:van|voor)\\s+)?(.+))?$");

    /** A signature split into its office line and the person's name ({@code null} if none is printed). */
    record Signature(String officeLine, String name) {
    }

    private OfficialNames() {
    }

    /** The printed name, spaces collapsed and a trailing comma dropped; {@code null} if it is no name. */
    static String name(String printed) {
        if (printed == null) {
            return null;
        }
        String s = Line.collapseSpaces(printed).strip();
        if (s.endsWith(",")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s.isEmpty() || s.length() > MAX_NAME_LENGTH ? null : s;
    }

    /** Whether a line after a signature is the signer's name rather than the next paragraph. */
    static boolean isPersonName(String line) {
        String s = line.strip();
        return s.length() >= 2 && s.length() <= MAX_NAME_LENGTH && PERSON_NAME.matcher(s).matches();
    }

    /** "De Minister van X, D.M. van Weel" → office line "De Minister van X," and the name; else {@code null}. */
    static Signature signedOnOneLine(String line) {
        if (line.length() > 220) {
            return null;
        }
        Matcher m = SIGNED_ON_ONE_LINE.matcher(line.strip());
        if (!m.matches() || !isPersonName(m.group(2))) {
            return null;
        }
        return new Signature(m.group(1) + ",", name(m.group(2)));
    }

    /** The person (or only the office, when {@code name} is {@code null}) holding an office written as {@link OfficeNames} writes it. */
    static Official official(String name, String office) {
        Matcher m = OFFICE_PARTS.matcher(office);
        if (!m.matches()) {
            return new Official(name(name), null, null, office);
        }
        return new Official(name(name), m.group(1), m.group(2), office);
    }
}
