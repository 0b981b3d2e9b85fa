package nl.kamerstroom.store.search;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.kamerstroom.store.zaak.ZaakLifecycle;

/**
 * The filters {@code /api/zaken} and {@code /api/questions} share, validated: a bad value is a
 * {@link BadParameter} naming the parameter, never a database error. Renders itself as SQL
 * conditions over {@code zaak z} with named parameters; values are always bound, never spliced.
 */
public record Filter(ZaakLifecycle.Status status, String member, String party, String ministry, LocalDate from,
        LocalDate to, String q, int page, int size) {

    public static final int MAX_SIZE = 100;

    /** A query parameter (or request field) with an unusable value. */
    public static final class BadParameter extends RuntimeException {
        private final String parameter;
        private final String problem;

        public BadParameter(String parameter, String problem) {
            this("parameter", parameter, problem);
        }

        private BadParameter(String kind, String parameter, String problem) {
            super(kind + " '" + parameter + "': " + problem);
            this.parameter = parameter;
            this.problem = problem;
        }

        /** A bad field of a JSON request body, e.g. {@code filter.zaak}. */
        public static BadParameter field(String field, String problem) {
            return new BadParameter("field", field, problem);
        }

        public String parameter() {
            return parameter;
        }

        public String problem() {
            return problem;
        }
    }

    public static Filter of(String status, String member, String party, String ministry, String from, String to,
            String q, Integer page, Integer size) {
        ZaakLifecycle.Status s = null;
        if (present(status)) {
            try {
                s = ZaakLifecycle.Status.valueOf(status.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadParameter("status", "'" + status + "' is not one of " + List.of(ZaakLifecycle.Status.values()));
            }
        }
        int p = page == null ? 0 : page;
        int n = size == null ? 20 : size;
        if (p < 0) {
            throw new BadParameter("page", "must be 0 or more, not " + p);
        }
        if (n < 1 || n > MAX_SIZE) {
            throw new BadParameter("size", "must be between 1 and " + MAX_SIZE + ", not " + n);
        }
        LocalDate f = date("from", from);
        LocalDate t = date("to", to);
        if (f != null && t != null && f.isAfter(t)) {
            throw new BadParameter("from", "is after 'to'");
        }
        if (present(q) && q.length() > 500) {
            throw new BadParameter("q", "is longer than 500 characters");
        }
        return new Filter(s, trim(member), trim(party), trim(ministry), f, t, trim(q), p, n);
    }

    public boolean searching() {
        return q != null;
    }

    /** SQL conditions over {@code zaak z}, ANDed; parameters go into {@code params}. */
    String where(Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        conditions.add("z.primary_letter_id IS NOT NULL");
        if (status != null) {
            conditions.add("z.status = :status");
            params.put("status", status.name());
        }
        if (member != null) {
            conditions.add("EXISTS (SELECT 1 FROM letter_asker la JOIN member m ON m.id = la.member_id"
                    + " WHERE la.letter_id = z.primary_letter_id AND lower(m.name) = lower(:member))");
            params.put("member", member);
        }
        if (party != null) {
            conditions.add("EXISTS (SELECT 1 FROM letter_asker la JOIN member m ON m.id = la.member_id"
                    + " WHERE la.letter_id = z.primary_letter_id AND lower(m.party) = lower(:party))");
            params.put("party", party);
        }
        if (ministry != null) {
            conditions.add("(EXISTS (SELECT 1 FROM letter_addressee a JOIN office o ON o.id = a.office_id"
                    + " WHERE a.letter_id = z.primary_letter_id AND o.title ILIKE :ministry)"
                    + " OR EXISTS (SELECT 1 FROM letter_answerer a JOIN office o ON o.id = a.office_id"
                    + " WHERE a.letter_id = z.primary_letter_id AND o.title ILIKE :ministry))");
            params.put("ministry", "%" + ministry.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (from != null) {
            conditions.add("z.submitted_date >= :from");
            params.put("from", from);
        }
        if (to != null) {
            conditions.add("z.submitted_date <= :to");
            params.put("to", to);
        }
        return String.join(" AND ", conditions);
    }

    Map<String, Object> newParams() {
        return new LinkedHashMap<>();
    }

    public static LocalDate date(String name, String value) {
        if (!present(value)) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new BadParameter(name, "'" + value + "' is not a date like 2025-09-19");
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String trim(String value) {
        return present(value) ? value.trim() : null;
    }
}
