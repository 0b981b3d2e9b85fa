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

    /** An open zaak past its deadline. */
    public record Overdue(String number, String subject, LocalDate submittedDate, LocalDate deadline, int daysLate,
            boolean postponed, List<String> addressedTo) {
    }

    /** Open zaken past their deadline on {@code today}, oldest first. */
    @SuppressWarnings("unchecked")
    public Search.Page<Overdue> overdue(LocalDate today, int page, int size) {
        String where = " FROM zaak z WHERE z.status IN ('ASKED', 'POSTPONED') AND z.deadline < :today";
        long total = ((Number) em.createNativeQuery("SELECT count(*)" + where).setParameter("today", today)
                .getSingleResult()).longValue();
        List<Object[]> rows = em.createNativeQuery("SELECT z.number, z.subject, z.submitted_date, z.deadline, z.postponed,"
                        + " (SELECT string_agg(o.title, '|' ORDER BY a.position) FROM letter_addressee a"
                        + " JOIN office o ON o.id = a.office_id WHERE a.letter_id = z.primary_letter_id)"
                        + where + " ORDER BY z.submitted_date, z.number LIMIT :size OFFSET :offset")
                .setParameter("today", today).setParameter("size", size).setParameter("offset", page * size)
                .getResultList();
        List<Overdue> items = rows.stream().map(r -> {
            LocalDate deadline = toDate(r[3]);
            return new Overdue((String) r[0], (String) r[1], toDate(r[2]), deadline,
                    (int) java.time.temporal.ChronoUnit.DAYS.between(deadline, today), (Boolean) r[4],
                    r[5] == null ? List.of() : List.of(((String) r[5]).split("\\|")));
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
