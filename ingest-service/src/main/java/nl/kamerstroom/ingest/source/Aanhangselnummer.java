package nl.kamerstroom.ingest.source;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Tweede Kamer's {@code Document.Aanhangselnummer} and the KOOP publication id it stands for.
 * {@code 181902411} is vergaderjaar 2018-2019 ({@code 18}, {@code 19}) and number {@code 02411}:
 * {@code ah-tk-20182019-2411}. The tail is five digits (a known client keeps four and gets the
 * wrong document). KOOP's newer ids are plain numbers ({@code ah-1271549}); those are accepted as
 * they are.
 */
public final class Aanhangselnummer {

    private static final Pattern TK_FORM = Pattern.compile("(\\d{2})(\\d{2})(\\d{5})");
    private static final Pattern KOOP_OLD = Pattern.compile("ah-tk-(\\d{4})(\\d{4})-(\\d+)");
    private static final Pattern KOOP_NEW = Pattern.compile("ah-(\\d+)");

    private Aanhangselnummer() {
    }

    /** The KOOP id for a Tweede Kamer Aanhangselnummer, e.g. {@code 181902411} → {@code ah-tk-20182019-2411}. */
    public static Optional<String> toKoopId(String aanhangselnummer) {
        if (aanhangselnummer == null) {
            return Optional.empty();
        }
        Matcher m = TK_FORM.matcher(aanhangselnummer.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        int first = Integer.parseInt(m.group(1));
        int second = Integer.parseInt(m.group(2));
        if ((first + 1) % 100 != second) {
            return Optional.empty();
        }
        int startYear = century(first) + first;
        int number = Integer.parseInt(m.group(3));
        if (number == 0) {
            return Optional.empty();
        }
        return Optional.of("ah-tk-" + startYear + (startYear + 1) + "-" + number);
    }

    /** True for the KOOP Aanhangsel ids ingest understands: {@code ah-tk-20182019-2411} and {@code ah-1271549}. */
    public static boolean isKoopAanhangselId(String id) {
        return id != null && (KOOP_OLD.matcher(id).matches() || KOOP_NEW.matcher(id).matches());
    }

    /** The vergaderjaar as KOOP writes it in paths ({@code 20182019}), for the old-style ids only. */
    public static Optional<String> vergaderjaarOf(String koopId) {
        Matcher m = KOOP_OLD.matcher(koopId == null ? "" : koopId);
        return m.matches() ? Optional.of(m.group(1) + m.group(2)) : Optional.empty();
    }

    private static int century(int twoDigitYear) {
        // the Aanhangsel starts in 1994-1995 in KOOP; two-digit years from 90 on are the 1900s
        return twoDigitYear >= 90 ? 1900 : 2000;
    }
}
