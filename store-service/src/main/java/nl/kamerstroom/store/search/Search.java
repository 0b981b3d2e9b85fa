package nl.kamerstroom.store.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Lists of zaken and questions, filtered, paged and newest first, or ranked by a Dutch full-text
 * query. Ranking is over a bounded candidate set (the newest matches) because ranking every match
 * of a broad query is what makes naive full-text search slow; snippets are made for the page only.
 */
@ApplicationScoped
public class Search {

    /** How many matching questions a ranked search considers. */
    static final int CANDIDATES = 500;

    private static final String HEADLINE = "'MaxFragments=2, MaxWords=18, MinWords=6, FragmentDelimiter=\" … \","
            + " StartSel=<mark>, StopSel=</mark>'";

    private static final String LIMIT = " LIMIT :limit OFFSET :offset";

    @Inject
    EntityManager em;

    public record Page<T>(List<T> items, int page, int size, long total) {
    }

    public record ZaakHit(String number, String status, String subject, LocalDate submittedDate, LocalDate deadline,
            LocalDate answeredDate, Integer replyDays, boolean postponed, Double rank, String snippet) {
    }

    public record QuestionHit(String zaakNumber, String number, String text, String answerText, String status,
            LocalDate submittedDate, LocalDate answeredDate, String subject, Double rank, String snippet) {
    }

    public Page<ZaakHit> zaken(Filter filter) {
        Map<String, Object> params = filter.newParams();
        String where = filter.where(params);
        String sql;
        if (filter.searching()) {
            params.put("q", filter.q());
            sql = candidates() + ", ranked AS (SELECT c.letter_id, max(ts_rank(c.search, c.query)) AS rank,"
                    + " (array_agg(c.id ORDER BY ts_rank(c.search, c.query) DESC))[1] AS best FROM candidates c GROUP BY c.letter_id)"
                    + " SELECT p.*, (SELECT ts_headline('dutch', q.text || ' ' || COALESCE(q.answer_text, ''),"
                    + " websearch_to_tsquery('dutch', :q), " + HEADLINE + ") FROM question q WHERE q.id = p.best)"
                    + " FROM (SELECT z.number, z.status, z.subject, z.submitted_date, z.deadline, z.answered_date,"
                    + " z.reply_days, z.postponed, r.rank, r.best, count(*) OVER () AS total"
                    + " FROM zaak z JOIN ranked r ON r.letter_id = z.primary_letter_id WHERE " + where
                    + " ORDER BY r.rank DESC, z.number DESC" + LIMIT + ") p ORDER BY p.rank DESC, p.number DESC";
        } else {
            sql = "SELECT z.number, z.status, z.subject, z.submitted_date, z.deadline, z.answered_date, z.reply_days,"
                    + " z.postponed, NULL AS rank, NULL AS best, count(*) OVER () AS total, NULL AS snippet"
                    + " FROM zaak z WHERE " + where
                    + " ORDER BY COALESCE(z.answered_date, z.submitted_date) DESC NULLS LAST, z.number DESC" + LIMIT;
        }
        List<Object[]> rows = page(sql, params, filter.page(), filter.size());
        List<ZaakHit> hits = rows.stream().map(r -> new ZaakHit((String) r[0], (String) r[1], (String) r[2],
                date(r[3]), date(r[4]), date(r[5]), r[6] == null ? null : ((Number) r[6]).intValue(), (Boolean) r[7],
                r[8] == null ? null : ((Number) r[8]).doubleValue(),
                (String) r[11])).toList();
        return new Page<>(hits, filter.page(), filter.size(), total(rows, sql, params, filter));
    }

    public Page<QuestionHit> questions(Filter filter) {
        Map<String, Object> params = filter.newParams();
        String where = filter.where(params);
        String sql;
        String columns = "z.number, q.number AS qnumber, q.text, q.answer_text, z.status, z.submitted_date,"
                + " z.answered_date, z.subject";
        if (filter.searching()) {
            params.put("q", filter.q());
            // snippets only for the page: ts_headline is the expensive part of a search
            sql = candidates() + " SELECT p.*, ts_headline('dutch', p.text || ' ' || COALESCE(p.answer_text, ''),"
                    + " websearch_to_tsquery('dutch', :q), " + HEADLINE + ") FROM (SELECT " + columns
                    + ", ts_rank(q.search, c.query) AS rank, q.id, count(*) OVER () AS total FROM candidates c"
                    + " JOIN question q ON q.id = c.id JOIN zaak z ON z.primary_letter_id = q.letter_id WHERE " + where
                    + " ORDER BY rank DESC, z.number DESC, q.position" + LIMIT + ") p ORDER BY p.rank DESC";
        } else {
            sql = "SELECT " + columns + ", NULL AS rank, q.id, count(*) OVER () AS total, NULL AS snippet FROM zaak z"
                    + " JOIN question q ON q.letter_id = z.primary_letter_id WHERE " + where
                    + " ORDER BY COALESCE(z.answered_date, z.submitted_date) DESC NULLS LAST, z.number DESC, q.position"
                    + LIMIT;
        }
        List<Object[]> rows = page(sql, params, filter.page(), filter.size());
        List<QuestionHit> hits = rows.stream().map(r -> new QuestionHit((String) r[0], (String) r[1], (String) r[2],
                (String) r[3], (String) r[4], date(r[5]), date(r[6]), (String) r[7],
                r[8] == null ? null : ((Number) r[8]).doubleValue(), (String) r[11])).toList();
        return new Page<>(hits, filter.page(), filter.size(), total(rows, sql, params, filter));
    }

    /**
     * The first matches the index yields: the bounded set that ranking looks at. Not sorted first:
     * sorting every match of a broad query ("OM") costs more than ranking does.
     */
    private static String candidates() {
        return "WITH candidates AS (SELECT q.id, q.letter_id, q.search, query FROM question q,"
                + " websearch_to_tsquery('dutch', :q) query WHERE q.search @@ query LIMIT " + CANDIDATES + ")";
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> page(String sql, Map<String, Object> params, int page, int size) {
        Query query = em.createNativeQuery(sql);
        params.forEach(query::setParameter);
        query.setParameter("limit", size);
        query.setParameter("offset", (long) page * size);
        return query.getResultList();
    }

    /**
     * The total rides along on every row of a page; a page past the end has no rows, so its total
     * comes from the first row instead (a client paging on must still see how many there are).
     */
    private long total(List<Object[]> rows, String sql, Map<String, Object> params, Filter filter) {
        List<Object[]> counted = rows.isEmpty() && filter.page() > 0 ? page(sql, params, 0, 1) : rows;
        return counted.isEmpty() ? 0 : ((Number) counted.get(0)[10]).longValue();
    }

    private static LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof LocalDate d ? d : ((Date) value).toLocalDate();
    }
}
