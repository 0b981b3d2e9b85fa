package nl.kamerstroom.parse.parser;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Dates as Dutch letters print them: "19 september 2025", "1 mei 2025", "21-11-2025". */
final class DutchDates {

    private static final String[] MONTHS = {"januari", "februari", "maart", "april", "mei", "juni", "juli",
            "augustus", "september", "oktober", "november", "december"};
    /** Day, month name, year; the extractor sometimes drops the space before the year. */
    private static final Pattern WRITTEN = Pattern.compile(
            "(\\d{1,2}) ?(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) ?(\\d{4})",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMERIC = Pattern.compile("(\\d{1,2})-(\\d{1,2})-(\\d{4})");

    private DutchDates() {
    }

    /** The first date in the text, or {@code null}. */
    static LocalDate first(CharSequence text) {
        Matcher m = WRITTEN.matcher(text);
        Matcher n = NUMERIC.matcher(text);
        boolean written = m.find();
        boolean numeric = n.find();
        if (written && (!numeric || m.start() <= n.start())) {
            return of(m.group(3), month(m.group(2)), m.group(1));
        }
        if (numeric) {
            return of(n.group(3), Integer.parseInt(n.group(2)), n.group(1));
        }
        return null;
    }

    /** The text is a date and nothing else (a value line under a "Datum" label). */
    static LocalDate whole(String text) {
        String t = Text.trimClause(text);
        Matcher m = WRITTEN.matcher(t);
        if (m.matches()) {
            return of(m.group(3), month(m.group(2)), m.group(1));
        }
        Matcher n = NUMERIC.matcher(t);
        if (n.matches()) {
            return of(n.group(3), Integer.parseInt(n.group(2)), n.group(1));
        }
        return null;
    }

    private static int month(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equals(lower)) {
                return i + 1;
            }
        }
        return 0;
    }

    private static LocalDate of(String year, int month, String day) {
        try {
            return LocalDate.of(Integer.parseInt(year), month, Integer.parseInt(day));
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }
}
