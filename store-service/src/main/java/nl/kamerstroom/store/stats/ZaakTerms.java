package nl.kamerstroom.store.stats;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.kamerstroom.store.people.Person;
import nl.kamerstroom.store.search.Search;
import nl.kamerstroom.store.zaak.AnswerTerm;

/** Reads what {@link Responsiveness} and the overdue list need from the stored zaken and letters. */
@ApplicationScoped
public class ZaakTerms {

    /** How a zaak is grouped. */
    public enum By { MINISTRY, MINISTER, PARTY }

    /** "Minister van Justitie en Veiligheid", "Staatssecretaris voor …": the department after the rank. */
    private static final Pattern OFFICE_DEPARTMENT = Pattern.compile(
            "^(?:de\\s+)?(?:minister|staatssecretaris|minister-president)\\s+(?:van|voor)\\s+(?<department>.+)$",
            Pattern.CASE_INSENSITIVE);

    @Inject
    EntityManager em;

    /**
     * Every zaak with the facts of its term and its groups (a zaak without a group is left out): one
     * narrow read of the zaak rows, whose term columns the letter store keeps on every write (V10),
     * and one of the groups; never the letters.
     */
    @SuppressWarnings("unchecked")
    public List<Responsiveness.ZaakFacts> facts(By by) {
        Map<String, Set<String>> groups = groups(by);
        List<Object[]> rows = em.createNativeQuery("SELECT z.number, z.submitted_date, z.term_postponed_on,"
                + " z.term_answered_on, z.term_withdrawn_on FROM zaak z"
                // a zaak whose letters were all deleted at the source is not counted
                + " WHERE EXISTS (SELECT 1 FROM letter l WHERE l.zaak_number = z.number AND l.deleted_at IS NULL)")
                .getResultList();
        List<Responsiveness.ZaakFacts> facts = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Set<String> of = groups.get((String) row[0]);
            if (of != null && !of.isEmpty()) {
                facts.add(new Responsiveness.ZaakFacts((String) row[0], of, new AnswerTerm.Facts(toDate(row[1]),
                        days(row[2]), days(row[3]), days(row[4]))));
            }
        }
        return facts;
    }

    private static List<LocalDate> days(Object value) {
        LocalDate day = toDate(value);
        return day == null ? List.of() : List.of(day);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Set<String>> groups(By by) {
        Map<String, Set<String>> groups = new HashMap<>();
        String sql = switch (by) {
            case PARTY -> "SELECT z.number, m.party FROM zaak z JOIN letter_asker la ON la.letter_id = z.primary_letter_id"
                    + " JOIN member m ON m.id = la.member_id WHERE m.party <> ''";
            case MINISTRY -> "SELECT z.number, o.title FROM zaak z JOIN letter_addressee a ON a.letter_id = z.primary_letter_id"
                    + " JOIN office o ON o.id = a.office_id";
            // who answered, from the answer letters; a zaak not answered yet belongs to whom it was addressed
            case MINISTER -> "SELECT l.zaak_number, o.title FROM letter l JOIN letter_answerer a ON a.letter_id = l.id"
                    + " JOIN office o ON o.id = a.office_id WHERE l.deleted_at IS NULL AND l.kind IN ('ANSWER', 'FURTHER_ANSWER')"
                    + " UNION SELECT z.number, o.title FROM zaak z JOIN letter_addressee a ON a.letter_id = z.primary_letter_id"
                    + " JOIN office o ON o.id = a.office_id WHERE NOT EXISTS (SELECT 1 FROM letter l JOIN letter_answerer x"
                    + " ON x.letter_id = l.id WHERE l.zaak_number = z.number AND l.deleted_at IS NULL"
                    + " AND l.kind IN ('ANSWER', 'FURTHER_ANSWER'))";
        };
        for (Object[] row : (List<Object[]>) em.createNativeQuery(sql).getResultList()) {
            String name = by == By.MINISTRY ? department((String) row[1]) : (String) row[1];
            groups.computeIfAbsent((String) row[0], z -> new LinkedHashSet<>()).add(name);
        }
        return groups;
    }

    /** The ministry an office belongs to, as its title names it: "Minister van Justitie en Veiligheid" → "Justitie en Veiligheid". */
    static String department(String officeTitle) {
        Matcher m = OFFICE_DEPARTMENT.matcher(officeTitle.trim());
        if (m.matches()) {
            return m.group("department");
        }
        return officeTitle.trim().equalsIgnoreCase("minister-president") ? "Algemene Zaken" : officeTitle.trim();
    }

    /**
     * The department an office title names, in SQL, as {@link #department(String)} reads it: the
     * words after "Minister van", "Staatssecretaris voor", …; "Minister-President" is Algemene Zaken.
     */
    private static final String SQL_DEPARTMENT = "CASE WHEN lower(o.title) = 'minister-president' THEN 'Algemene Zaken'"
            + " ELSE COALESCE(substring(o.title from '(?i)^(?:de\\s+)?(?:minister|staatssecretaris|minister-president)"
            + "\\s+(?:van|voor)\\s+(.+)$'), o.title) END";

    /**
     * Each zaak's groups as rows (zaak, gkey, label, office). by=minister: the persons (else the
     * offices) who answered, from the live answer letters; a zaak not answered yet belongs to whom
     * its primary letter was addressed.
     */
    private static String groupRows(By by) {
        return switch (by) {
            case PARTY -> "SELECT z.number AS zaak, m.party AS gkey, m.party AS label, NULL AS office FROM zaak z"
                    + " JOIN letter_asker la ON la.letter_id = z.primary_letter_id JOIN member m ON m.id = la.member_id"
                    + " WHERE m.party <> ''";
            case MINISTRY -> "SELECT z.number AS zaak, d.department AS gkey, d.department AS label, NULL AS office FROM zaak z"
                    + " JOIN letter_addressee a ON a.letter_id = z.primary_letter_id JOIN d ON d.id = a.office_id";
            case MINISTER -> "SELECT x.zaak, COALESCE('p' || x.person_id, 'o' || x.office) AS gkey,"
                    + " COALESCE(p.name, x.office) AS label, x.office FROM ("
                    + "SELECT l.zaak_number AS zaak, lo.person_id, lo.office FROM letter l"
                    + " JOIN letter_official lo ON lo.letter_id = l.id AND lo.relation = 'ANSWERED'"
                    + " WHERE l.deleted_at IS NULL AND l.kind IN ('ANSWER', 'FURTHER_ANSWER') AND l.zaak_number IS NOT NULL"
                    + " UNION ALL SELECT z.number, lo.person_id, lo.office FROM zaak z"
                    + " JOIN letter_official lo ON lo.letter_id = z.primary_letter_id AND lo.relation = 'ADDRESSED'"
                    + " WHERE NOT EXISTS (SELECT 1 FROM letter l JOIN letter_official x ON x.letter_id = l.id"
                    + " AND x.relation = 'ANSWERED' WHERE l.zaak_number = z.number AND l.deleted_at IS NULL"
                    + " AND l.kind IN ('ANSWER', 'FURTHER_ANSWER'))"
                    + ") x LEFT JOIN person p ON p.id = x.person_id";
        };
    }

    /**
     * The figures of {@link Responsiveness#compute} in one SQL statement: each zaak's term as it stood
     * on {@code asOf} from its term columns (V10), the counts, median and 90th percentile per group by
     * PostgreSQL ({@code percentile_cont} interpolates as {@link Responsiveness#percentile} does);
     * rounding and order as {@link Responsiveness}. The same definitions, checked against the
     * 30 hand-computed zaken by ResponsivenessSqlTest.
     */
    @SuppressWarnings("unchecked")
    public List<Responsiveness.Group> responsiveness(By by, LocalDate from, LocalDate to, LocalDate asOf) {
        String sql = responsivenessSql(by, from != null, to != null);
        var query = em.createNativeQuery(sql).setParameter("asOf", asOf);
        if (from != null) {
            query.setParameter("from", from);
        }
        if (to != null) {
            query.setParameter("to", to);
        }
        List<Responsiveness.Group> groups = new ArrayList<>();
        for (Object[] r : (List<Object[]>) query.getResultList()) {
            List<String> offices = by != By.MINISTER ? null
                    : r[13] == null ? List.of()
                    : java.util.Arrays.stream(((String) r[13]).split("\\|")).distinct().sorted().toList();
            groups.add(new Responsiveness.Group((String) r[12], n(r[1]), n(r[2]), n(r[3]),
                    Responsiveness.tenth(d(r[4])), Responsiveness.tenth(d(r[5])), Responsiveness.share(n(r[6]), n(r[7])),
                    Responsiveness.share(n(r[8]), n(r[9])), Responsiveness.share(n(r[10]), n(r[11])), offices));
        }
        groups.sort(Responsiveness.ORDER);
        return groups;
    }

    /** The statement {@link #responsiveness} runs, with parameters :asOf and, when asked for, :from and :to (public for EXPLAIN in the benchmark). */
    public static String responsivenessSql(By by, boolean from, boolean to) {
        StringBuilder population = new StringBuilder("(z.submitted_date <= :asOf");
        if (from) {
            population.append(" AND z.submitted_date >= :from");
        }
        if (to) {
            population.append(" AND z.submitted_date <= :to");
        }
        population.append(!from && !to ? " OR z.submitted_date IS NULL)" : ")");
        // the term per zaak, as AnswerTerm.evaluate reads it: only what had arrived by asOf counts
        // each subquery is read once, so PostgreSQL inlines it and plans the joins with the tables'
        // statistics (a CTE read twice is materialised, and joins of materialised CTEs were planned blind)
        // the department once per office (a few hundred), not once per zaak: the regular expression
        // evaluated per joined row cost 1.6 s of 2.2 s at 20,000 zaken (EXPLAIN ANALYZE, ResponsivenessBenchmarkTest)
        String departments = by == By.MINISTRY
                ? "WITH d AS MATERIALIZED (SELECT o.id, " + SQL_DEPARTMENT + " AS department FROM office o) " : "";
        String sql = departments + "SELECT gz.gkey,"
                + "  count(*) FILTER (WHERE a IS NOT NULL AND NOT withdrawn),"
                + "  count(*) FILTER (WHERE a IS NULL AND NOT withdrawn),"
                + "  count(*) FILTER (WHERE a IS NULL AND NOT withdrawn AND s IS NOT NULL"
                + "   AND :asOf > s + CASE WHEN postponed THEN " + AnswerTerm.EXTENDED_TERM_DAYS + " ELSE " + AnswerTerm.TERM_DAYS + " END),"
                + "  percentile_cont(0.5) WITHIN GROUP (ORDER BY reply) FILTER (WHERE reply IS NOT NULL AND NOT withdrawn),"
                + "  percentile_cont(0.9) WITHIN GROUP (ORDER BY reply) FILTER (WHERE reply IS NOT NULL AND NOT withdrawn),"
                + "  count(*) FILTER (WHERE reply IS NOT NULL AND NOT withdrawn AND reply <= " + AnswerTerm.TERM_DAYS + "),"
                + "  count(*) FILTER (WHERE reply IS NOT NULL AND NOT withdrawn),"
                + "  count(*) FILTER (WHERE reply IS NOT NULL AND NOT withdrawn AND postponed AND reply <= "
                + AnswerTerm.EXTENDED_TERM_DAYS + "),"
                + "  count(*) FILTER (WHERE reply IS NOT NULL AND NOT withdrawn AND postponed),"
                + "  count(*) FILTER (WHERE s IS NOT NULL AND NOT withdrawn AND postponed),"
                + "  count(*) FILTER (WHERE s IS NOT NULL AND NOT withdrawn),"
                // the name shown and, for a person, the offices held in the zaken counted (a DISTINCT aggregate
                // sorts its input: only by=minister has offices to collect)
                + "  min(gz.label), " + (by == By.MINISTER ? "string_agg(DISTINCT gz.offices, '|')" : "NULL")
                // the term per zaak, as AnswerTerm.evaluate reads it: only what had arrived by asOf counts
                + " FROM (SELECT number, s, a, (w IS NOT NULL AND (a IS NULL OR w < a)) AS withdrawn,"
                + "  (p IS NOT NULL AND p <= COALESCE(a, :asOf)) AS postponed,"
                + "  CASE WHEN a IS NOT NULL AND s IS NOT NULL THEN greatest(a - s, 0) END AS reply"
                + "  FROM (SELECT z.number, z.submitted_date AS s,"
                + "   CASE WHEN z.term_answered_on <= :asOf THEN z.term_answered_on END AS a,"
                + "   CASE WHEN z.term_withdrawn_on <= :asOf THEN z.term_withdrawn_on END AS w, z.term_postponed_on AS p"
                + "   FROM zaak z WHERE " + population
                // a zaak whose letters were all deleted at the source is not counted (one semi-join, not a probe per zaak)
                + "   AND z.number IN (SELECT l.zaak_number FROM letter l WHERE l.deleted_at IS NULL)) t) v"
                // each zaak once per group, by=minister with the offices it was answered (or addressed) in; for a
                // ministry or party the label is the key, and a plain DISTINCT is hashed instead of sorted
                + " JOIN (" + (by == By.MINISTER
                        ? "SELECT g.zaak, g.gkey, min(g.label) AS label, string_agg(DISTINCT g.office, '|') AS offices"
                                + "  FROM (" + groupRows(by) + ") g GROUP BY g.zaak, g.gkey"
                        : "SELECT DISTINCT g.zaak, g.gkey, g.label FROM (" + groupRows(by) + ") g")
                + ") gz ON gz.zaak = v.number"
                + " GROUP BY gz.gkey";
        return sql;
    }

    private static long n(Object value) {
        return ((Number) value).longValue();
    }

    private static Double d(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    /** An open zaak past its deadline. */
    /**
     * An open zaak past its deadline.
     *
     * @param addressedTo the offices addressed, as before
     * @param ministers   the same addressees as persons in office: name (when the letter or its source names
     *                    one, else {@code null}) and office
     */
    public record Overdue(String number, String subject, LocalDate submittedDate, LocalDate deadline, int daysLate,
            boolean postponed, List<String> addressedTo, List<Person.InOffice> ministers) {
    }

    /** One field and one record apart in the aggregated persons: ASCII unit and record separators, never printed. */
    private static final String UNIT = "\u001f";
    private static final String RECORD = "\u001e";

    /** The persons in office of one relation of a letter, as one string for {@link #inOffice(Object)}. */
    static String officialsOf(String letterId, String relation) {
        return "(SELECT string_agg(COALESCE(p.name, '') || chr(31) || lo.office, chr(30) ORDER BY lo.position)"
                + " FROM letter_official lo LEFT JOIN person p ON p.id = lo.person_id WHERE lo.letter_id = " + letterId
                + " AND lo.relation = '" + relation + "')";
    }

    static List<Person.InOffice> inOffice(Object aggregated) {
        if (aggregated == null) {
            return List.of();
        }
        List<Person.InOffice> found = new ArrayList<>();
        for (String row : ((String) aggregated).split(RECORD)) {
            String[] parts = row.split(UNIT, 2);
            found.add(new Person.InOffice(parts[0].isEmpty() ? null : parts[0], parts.length > 1 ? parts[1] : null));
        }
        return found;
    }

    /** Open zaken past their deadline on {@code today}, oldest first. */
    @SuppressWarnings("unchecked")
    public Search.Page<Overdue> overdue(LocalDate today, int page, int size) {
        String where = " FROM zaak z WHERE z.status IN ('ASKED', 'POSTPONED') AND z.deadline < :today";
        long total = ((Number) em.createNativeQuery("SELECT count(*)" + where).setParameter("today", today)
                .getSingleResult()).longValue();
        List<Object[]> rows = em.createNativeQuery("SELECT z.number, z.subject, z.submitted_date, z.deadline, z.postponed,"
                        + " (SELECT string_agg(o.title, '|' ORDER BY a.position) FROM letter_addressee a"
                        + " JOIN office o ON o.id = a.office_id WHERE a.letter_id = z.primary_letter_id),"
                        + " " + officialsOf("z.primary_letter_id", "ADDRESSED")
                        + where + " ORDER BY z.submitted_date, z.number LIMIT :size OFFSET :offset")
                .setParameter("today", today).setParameter("size", size).setParameter("offset", page * size)
                .getResultList();
        List<Overdue> items = rows.stream().map(r -> {
            LocalDate deadline = toDate(r[3]);
            return new Overdue((String) r[0], (String) r[1], toDate(r[2]), deadline,
                    (int) java.time.temporal.ChronoUnit.DAYS.between(deadline, today), (Boolean) r[4],
                    r[5] == null ? List.of() : List.of(((String) r[5]).split("\\|")), inOffice(r[6]));
        }).toList();
        return new Search.Page<>(items, page, size, total);
    }

    private static LocalDate toDate(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof LocalDate d ? d : ((Date) value).toLocalDate();
    }
}
