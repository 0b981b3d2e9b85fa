package nl.kamerstroom.parse.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of government offices, as addressees ("aan de minister van Justitie en Veiligheid en de
 * staatssecretaris Binnenlandse Zaken en Koninkrijksrelaties") and as the ones who answered ("De
 * Minister van Justitie en Veiligheid,", "Antwoord van Minister Bruins Slot (Buitenlandse
 * Zaken)").
 *
 * <p>An office is its title and portfolio, "Minister van Justitie en Veiligheid": the person's
 * name is left out, so that offices compare equal across letters and cabinets. The title is
 * capitalised ("minister" → "Minister"); the portfolio is kept as printed, except that the
 * ministries' names are repaired where a text layer lost spaces ("Sociale Zaken
 * enWerkgelegenheid").
 */
final class OfficeNames {

    private static final Pattern TITLE = Pattern.compile(
            "^(Minister-President|Minister-president|Ministers|Minister|Staatssecretarissen|Staatssecretaris)(?![\\p{L}-])\\s*(.*)$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Between two offices: ", de …" or " en de …". */
    private static final Pattern OFFICE_SEPARATOR = Pattern.compile(
            "\\s*,?\\s+en\\s+(?=de\\s)|\\s*,\\s+(?=de\\s)|\\s+en\\s+(?=(?:[Mm]inister|[Ss]taatssecretaris))");
    /** Between the portfolios of one title: "Ministers van A, van B en voor C". */
    private static final Pattern PORTFOLIO_SEPARATOR = Pattern.compile("(?:\\s*,\\s*|\\s+en\\s+)(?=(?:van|voor)\\s)");
    private static final Pattern PREPOSITION = Pattern.compile("^(van|voor)\\s+(.*)$");
    /** "Minister vanOnderwijs": a text layer lost the space after the preposition. */
    private static final Pattern GLUED_PREPOSITION = Pattern.compile("(?<=\\s)(van|voor)(?=\\p{Lu})");

    /** Ministries and portfolios, to repair lost spaces and to know which ministers are "voor". */
    private static final List<String> MINISTRIES = List.of(
            "Algemene Zaken", "Asiel en Migratie", "Binnenlandse Zaken en Koninkrijksrelaties", "Buitenlandse Zaken",
            "Defensie", "Economische Zaken", "Economische Zaken en Klimaat", "Financiën",
            "Infrastructuur en Waterstaat", "Justitie en Veiligheid", "Klimaat en Groene Groei",
            "Landbouw, Natuur en Voedselkwaliteit", "Landbouw, Visserij, Voedselzekerheid en Natuur",
            "Onderwijs, Cultuur en Wetenschap", "Sociale Zaken en Werkgelegenheid", "Volksgezondheid, Welzijn en Sport",
            "Volkshuisvesting en Ruimtelijke Ordening", "Veiligheid en Justitie", "Binnenlandse Zaken",
            "Infrastructuur en Milieu", "Economische Zaken, Landbouw en Innovatie");
    /** Ministers without a ministry of their own are "Minister voor …". */
    private static final List<String> PORTFOLIOS = List.of(
            "Natuur en Stikstof", "Langdurige Zorg en Sport", "Primair en Voortgezet Onderwijs", "Klimaat en Energie",
            "Armoedebeleid, Participatie en Pensioenen", "Rechtsbescherming", "Medische Zorg", "Medische Zorg en Sport",
            "Buitenlandse Handel en Ontwikkelingssamenwerking", "Volkshuisvesting en Ruimtelijke Ordening",
            "Basis- en Voortgezet Onderwijs en Media", "Migratie", "Wonen en Rijksdienst", "Milieu en Wonen",
            "Buitenlandse Handel en Ontwikkelingshulp", "Onderwijs, Cultuur en Wetenschap", "Jeugd, Preventie en Sport");
    private static final Map<String, String> CANONICAL = canonicalNames();

    private OfficeNames() {
    }

    /** "de minister van A en de staatssecretaris B" → ["Minister van A", "Staatssecretaris B"]. */
    static List<String> parseList(String printed) {
        List<String> offices = new ArrayList<>();
        String s = Line.collapseSpaces(printed);
        for (String part : OFFICE_SEPARATOR.split(s)) {
            String p = part.strip();
            if (p.regionMatches(true, 0, "de ", 0, 3)) {
                p = p.substring(3);
            }
            addOffice(offices, p);
        }
        return offices;
    }

    /** One office with its title: "De Minister van Justitie en Veiligheid," → "Minister van Justitie en Veiligheid". */
    static List<String> parseSignature(String line) {
        String s = Text.trimClause(line);
        if (s.regionMatches(true, 0, "de ", 0, 3)) {
            s = s.substring(3);
        }
        List<String> offices = new ArrayList<>();
        addOffice(offices, s);
        return offices;
    }

    /**
     * The office that "Antwoord van Minister Bruins Slot (Buitenlandse Zaken)" names, written the
     * way the addressees write it ("Minister voor Natuur en Stikstof" when the question went
     * there), else "van" for a ministry and "voor" for a portfolio.
     */
    static String fromTitleAndPortfolio(String title, String portfolio, List<String> addressees) {
        String t = canonicalTitle(title);
        String p = repair(Line.collapseSpaces(portfolio));
        for (String addressee : addressees) {
            if (addressee.startsWith(t + " ") && (addressee.endsWith(" van " + p) || addressee.endsWith(" voor " + p)
                    || addressee.equals(t + " " + p))) {
                return addressee;
            }
        }
        if (t.equals("Minister-President")) {
            return t;
        }
        boolean portfolioMinister = t.equals("Minister") && PORTFOLIOS.contains(p) && !MINISTRIES.contains(p);
        return t + (portfolioMinister ? " voor " : " van ") + p;
    }

    private static void addOffice(List<String> offices, String printed) {
        Matcher m = TITLE.matcher(GLUED_PREPOSITION.matcher(printed).replaceAll("$1 "));
        if (!m.matches()) {
            return;
        }
        String title = canonicalTitle(m.group(1));
        String rest = Text.trimClause(m.group(2));
        if (title.equals("Minister-President")) {
            add(offices, title);
            return;
        }
        boolean plural = title.equals("Ministers") || title.equals("Staatssecretarissen");
        String singular = title.equals("Ministers") ? "Minister" : title.equals("Staatssecretarissen") ? "Staatssecretaris" : title;
        String[] portfolios = plural || startsWithPreposition(rest) ? PORTFOLIO_SEPARATOR.split(rest) : new String[] {rest};
        for (String portfolio : portfolios) {
            String p = Text.trimClause(portfolio);
            Matcher prep = PREPOSITION.matcher(p);
            if (prep.matches()) {
                add(offices, singular + " " + prep.group(1) + " " + repair(prep.group(2)));
            } else if (!p.isEmpty()) {
                add(offices, singular + " " + repair(p));
            } else {
                add(offices, singular);
            }
        }
    }

    private static boolean startsWithPreposition(String s) {
        return s.startsWith("van ") || s.startsWith("voor ");
    }

    private static void add(List<String> offices, String office) {
        if (!offices.contains(office)) {
            offices.add(office);
        }
    }

    private static String canonicalTitle(String title) {
        String lower = title.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "minister-president" -> "Minister-President";
            case "ministers" -> "Ministers";
            case "staatssecretarissen" -> "Staatssecretarissen";
            case "staatssecretaris" -> "Staatssecretaris";
            default -> "Minister";
        };
    }

    /** A ministry name whose spaces a text layer lost, written as it should be; else as printed. */
    static String repair(String portfolio) {
        String canonical = CANONICAL.get(key(portfolio));
        return canonical != null ? canonical : portfolio;
    }

    private static String key(String s) {
        StringBuilder k = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetter(c)) {
                k.append(Character.toLowerCase(c));
            }
        }
        return k.toString();
    }

    private static Map<String, String> canonicalNames() {
        java.util.HashMap<String, String> map = new java.util.HashMap<>();
        for (String name : MINISTRIES) {
            map.put(key(name), name);
        }
        for (String name : PORTFOLIOS) {
            map.putIfAbsent(key(name), name);
        }
        return Map.copyOf(map);
    }
}
