package nl.kamerstroom.store.site;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Date;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.kamerstroom.events.ParsedLetter;

/**
 * The site's own read-only queries, for what the JSON API has no query for: the newest answers,
 * counts per day and week, zaken that went overdue on a day, and the reply-time distribution.
 * Each is one indexed query bounded by a LIMIT or an aggregate, so a page stays cheap at 100k zaken.
 */
@ApplicationScoped
public class SiteQueries {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /** One answer letter as the home page lists it. */
    public record NewAnswer(String zaakNumber, String subject, String kind, LocalDate date, String answeredBy,
            String firstAnswer) {

        public boolean further() {
            return "FURTHER_ANSWER".equals(kind);
        }
    }

    /** Answers and questions that arrived today and this week (Monday to today). */
    public record Counts(long answersToday, long answersThisWeek, long askedToday, long askedThisWeek) {
    }

    /** An open zaak that went overdue on the day asked about. */
    public record NewlyOverdue(String number, String subject, LocalDate submittedDate, LocalDate deadline,
            boolean postponed) {
    }

    /** A bar of the reply-time histogram: zaken answered in [fromDays, toDays] days; toDays null is open-ended. */
    public record Bucket(int fromDays, Integer toDays, long count) {

        public String label() {
            return toDays == null ? "meer dan " + (fromDays - 1) : fromDays + "–" + toDays;
        }
    }

    /** Where the histogram's bars end, in days: one and two weeks, the 3-week term, 4 weeks, the 6-week term, 9 and 13 weeks. */
    static final int[] BUCKET_ENDS = {7, 14, 21, 28, 42, 63, 91};

    /** The newest answer and further-answer letters, newest stored first. */
    @SuppressWarnings("unchecked")
    public List<NewAnswer> newestAnswers(int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT l.zaak_number, COALESCE(z.subject, l.subject), l.kind,"
                        + " COALESCE(l.received_date, l.letter_date),"
                        + " (SELECT string_agg(o.title, ', ' ORDER BY a.position) FROM letter_answerer a"
                        + " JOIN office o ON o.id = a.office_id WHERE a.letter_id = l.id),"
                        + " (SELECT an.text FROM answer an WHERE an.letter_id = l.id ORDER BY an.position LIMIT 1)"
                        + " FROM letter l LEFT JOIN zaak z ON z.number = l.zaak_number"
                        + " WHERE l.kind IN ('ANSWER', 'FURTHER_ANSWER') AND l.deleted_at IS NULL"
                        + " ORDER BY l.stored_at DESC, l.id DESC LIMIT :limit")
                .setParameter("limit", limit).getResultList();
        return rows.stream().map(r -> new NewAnswer((String) r[0], (String) r[1], (String) r[2], date(r[3]),
                (String) r[4], (String) r[5])).toList();
    }

    public Counts counts(LocalDate today) {
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        // an answer counts on the day it arrived, a question on the day it was asked
        String answerDay = "COALESCE(l.received_date, l.letter_date)";
        String askedDay = "COALESCE(l.submitted_date, l.letter_date)";
        String answer = "l.kind IN ('ANSWER', 'FURTHER_ANSWER') AND ";
        String asked = "l.kind = 'QUESTIONS' AND ";
        Object[] row = (Object[]) em.createNativeQuery("SELECT"
                        + " count(*) FILTER (WHERE " + answer + answerDay + " = :today),"
                        + " count(*) FILTER (WHERE " + answer + answerDay + " BETWEEN :monday AND :today),"
                        + " count(*) FILTER (WHERE " + asked + askedDay + " = :today),"
                        + " count(*) FILTER (WHERE " + asked + askedDay + " BETWEEN :monday AND :today)"
                        + " FROM letter l WHERE l.deleted_at IS NULL AND (" + answer + answerDay + " BETWEEN :monday AND :today"
                        + " OR " + asked + askedDay + " BETWEEN :monday AND :today)")
                .setParameter("today", today).setParameter("monday", monday).getSingleResult();
        return new Counts(n(row[0]), n(row[1]), n(row[2]), n(row[3]));
    }

    /** Open zaken whose last day was yesterday: the first day without an answer is today (AnswerTerm.firstOverdueDay). */
    @SuppressWarnings("unchecked")
    public List<NewlyOverdue> wentOverdue(LocalDate today, int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT z.number, z.subject, z.submitted_date, z.deadline, z.postponed"
                        + " FROM zaak z WHERE z.status IN ('ASKED', 'POSTPONED') AND z.deadline = :yesterday"
                        + " ORDER BY z.submitted_date, z.number LIMIT :limit")
                .setParameter("yesterday", today.minusDays(1)).setParameter("limit", limit).getResultList();
        return rows.stream().map(r -> new NewlyOverdue((String) r[0], (String) r[1], date(r[2]), date(r[3]),
                (Boolean) r[4])).toList();
    }

    /** How many answered zaken took how many days, in the buckets of {@link #BUCKET_ENDS}. */
    public List<Bucket> replyTimes() {
        StringBuilder sql = new StringBuilder("SELECT");
        int from = 0;
        for (int end : BUCKET_ENDS) {
            sql.append(" count(*) FILTER (WHERE z.reply_days BETWEEN ").append(from).append(" AND ").append(end).append("),");
            from = end + 1;
        }
        sql.append(" count(*) FILTER (WHERE z.reply_days >= ").append(from).append(") FROM zaak z WHERE z.reply_days IS NOT NULL");
        Object[] row = (Object[]) em.createNativeQuery(sql.toString()).getSingleResult();
        List<Bucket> buckets = new ArrayList<>();
        from = 0;
        for (int i = 0; i < BUCKET_ENDS.length; i++) {
            buckets.add(new Bucket(from, BUCKET_ENDS[i], n(row[i])));
            from = BUCKET_ENDS[i] + 1;
        }
        buckets.add(new Bucket(from, null, n(row[BUCKET_ENDS.length])));
        return buckets;
    }

    /** Open zaken (asked or postponed, deadline not passed or passed) per addressed office. */
    public record OpenPerOffice(String office, long open, long overdue) {
    }

    @SuppressWarnings("unchecked")
    public List<OpenPerOffice> openPerOffice(LocalDate today) {
        List<Object[]> rows = em.createNativeQuery("SELECT o.title, count(*), count(*) FILTER (WHERE z.deadline < :today)"
                        + " FROM zaak z JOIN letter_addressee a ON a.letter_id = z.primary_letter_id"
                        + " JOIN office o ON o.id = a.office_id WHERE z.status IN ('ASKED', 'POSTPONED')"
                        + " GROUP BY o.title ORDER BY 3 DESC, 2 DESC, o.title")
                .setParameter("today", today).getResultList();
        return rows.stream().map(r -> new OpenPerOffice((String) r[0], n(r[1]), n(r[2]))).toList();
    }

    /** One month of answers: how many zaken were answered in it and how many of them within the three-week term. */
    public record Month(LocalDate month, long answered, long inTime) {

        /** The share answered in time, null for a month without answers. */
        public Double share() {
            return answered == 0 ? null : (double) inTime / answered;
        }
    }

    /**
     * The last {@code months} calendar months up to today's, by the month of the answer, oldest first;
     * "in time" as in the responsiveness figures: answered within {@link nl.kamerstroom.store.zaak.AnswerTerm#TERM_DAYS} days.
     * Months without answers are listed with zero.
     */
    @SuppressWarnings("unchecked")
    public List<Month> answeredInTimePerMonth(LocalDate today, int months) {
        LocalDate first = today.withDayOfMonth(1).minusMonths(months - 1L);
        List<Object[]> rows = em.createNativeQuery("SELECT CAST(date_trunc('month', z.answered_date) AS date), count(*),"
                        + " count(*) FILTER (WHERE z.reply_days <= :term) FROM zaak z"
                        + " WHERE z.reply_days IS NOT NULL AND z.answered_date >= :first AND z.answered_date <= :today"
                        + " GROUP BY 1")
                .setParameter("term", nl.kamerstroom.store.zaak.AnswerTerm.TERM_DAYS).setParameter("first", first)
                .setParameter("today", today).getResultList();
        java.util.Map<LocalDate, Object[]> byMonth = new java.util.HashMap<>();
        rows.forEach(r -> byMonth.put(date(r[0]), r));
        List<Month> result = new ArrayList<>();
        for (LocalDate m = first; !m.isAfter(today); m = m.plusMonths(1)) {
            Object[] r = byMonth.get(m);
            result.add(r == null ? new Month(m, 0, 0) : new Month(m, n(r[1]), n(r[2])));
        }
        return result;
    }

    /**
     * Per document of the zaak its footnotes and the parser's warnings, from the columns PostgreSQL
     * keeps beside the parsed JSON (V15), never the JSON itself; a document whose lists cannot be read
     * is left out (the page says its text could not be read).
     */
    @SuppressWarnings("unchecked")
    Map<String, ZaakPage.Notes> notes(String zaakNumber) {
        Map<String, ZaakPage.Notes> notes = new HashMap<>();
        List<Object[]> rows = em.createNativeQuery("SELECT l.document_id, CAST(l.footnotes AS text), CAST(l.warnings AS text)"
                + " FROM letter l WHERE l.zaak_number = :n").setParameter("n", zaakNumber).getResultList();
        for (Object[] r : rows) {
            try {
                notes.put((String) r[0], new ZaakPage.Notes(json.readValue((String) r[1], FOOTNOTES),
                        json.readValue((String) r[2], WARNINGS)));
            } catch (java.io.IOException unreadable) {
                // not a list of footnotes or of warnings: shown as a warning on the page rather than failing it
            }
        }
        return notes;
    }

    private static final TypeReference<List<ParsedLetter.Footnote>> FOOTNOTES = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> WARNINGS = new TypeReference<>() {
    };

    private static long n(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    static LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof LocalDate d ? d : ((Date) value).toLocalDate();
    }
}
