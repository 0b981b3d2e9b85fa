package nl.kamerstroom.store.api;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.store.letter.Letter;
import nl.kamerstroom.store.search.Filter;
import nl.kamerstroom.store.search.Search;
import nl.kamerstroom.store.stats.ZaakTerms;
import nl.kamerstroom.store.zaak.AnswerTerm;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * Paged lists of zaken and questions with the same filters, newest first, or ranked when {@code q}
 * is given; and of letters, e.g. those a person should review.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class ListResource {

    @Inject
    Search search;

    @Inject
    ZaakTerms terms;

    @Inject
    Clock clock;

    @GET
    @Path("/zaken")
    @Transactional
    @Operation(summary = "Zaken, filtered; newest first, or ranked by the Dutch full-text query q with snippets."
            + " With overdue=true: the open zaken past their deadline today, oldest first, each with days late,"
            + " the offices it is addressed to and whether a postponement was sent (the other filters do not apply)")
    public Search.Page<?> zaken(
            @Parameter(description = "true: only open zaken past their deadline (AnswerTerm), oldest first") @QueryParam("overdue") boolean overdue,
            @Parameter(description = "ASKED, POSTPONED, ANSWERED, FURTHER_ANSWERED or WITHDRAWN") @QueryParam("status") String status,
            @Parameter(description = "surname of the member who asked") @QueryParam("member") String member,
            @Parameter(description = "party, e.g. D66") @QueryParam("party") String party,
            @Parameter(description = "part of the addressed or answering office, e.g. Justitie") @QueryParam("ministry") String ministry,
            @Parameter(description = "submitted on or after, YYYY-MM-DD") @QueryParam("from") String from,
            @Parameter(description = "submitted on or before, YYYY-MM-DD") @QueryParam("to") String to,
            @Parameter(description = "Dutch full-text query over questions and answers") @QueryParam("q") String q,
            @QueryParam("page") Integer page,
            @Parameter(description = "1 to 100, default 20") @QueryParam("size") Integer size) {
        if (overdue) {
            Filter paging = Filter.of(null, null, null, null, null, null, null, page, size);
            return terms.overdue(AnswerTerm.today(clock), paging.page(), paging.size());
        }
        return search.zaken(Filter.of(status, member, party, ministry, from, to, q, page, size));
    }

    @GET
    @Path("/questions")
    @Transactional
    @Operation(summary = "Questions with their answers, with the same filters as /api/zaken")
    public Search.Page<Search.QuestionHit> questions(
            @QueryParam("status") String status, @QueryParam("member") String member,
            @QueryParam("party") String party, @QueryParam("ministry") String ministry,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("q") String q,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return search.questions(Filter.of(status, member, party, ministry, from, to, q, page, size));
    }

    /** One letter in a list: enough to decide whether to open it. */
    public record LetterSummary(String documentId, LetterKind kind, String zaakNumber, String documentNumber,
            String subject, LocalDate letterDate, String source, String parserVersion, boolean needsReview,
            List<String> reviewReasons, Instant storedAt) {

        static LetterSummary of(Letter l) {
            return new LetterSummary(l.documentId, l.kind, l.zaak == null ? null : l.zaak.number, l.documentNumber,
                    l.subject, l.letterDate, l.source, l.parserVersion, l.needsReview, l.allReviewReasons(), l.storedAt);
        }
    }

    @GET
    @Path("/letters")
    @Transactional
    @Operation(summary = "Stored letters, newest first; needsReview=true lists those a person should check, with the reasons")
    public Search.Page<LetterSummary> letters(
            @Parameter(description = "true: only letters that need review; false: only clean ones; absent: all")
            @QueryParam("needsReview") String needsReviewParam,
            @QueryParam("page") Integer page,
            @Parameter(description = "1 to 100, default 20") @QueryParam("size") Integer size) {
        // the same paging rules (and errors) as the other lists
        Filter paging = Filter.of(null, null, null, null, null, null, null, page, size);
        Boolean needsReview = needsReviewParam == null || needsReviewParam.isBlank() ? null
                : switch (needsReviewParam.strip().toLowerCase(java.util.Locale.ROOT)) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw new Filter.BadParameter("needsReview", "must be true or false, not '" + needsReviewParam + "'");
                };
        String where = "deletedAt is null" + (needsReview == null ? "" : " and needsReview = ?1");
        io.quarkus.hibernate.orm.panache.PanacheQuery<Letter> query = needsReview == null
                ? Letter.find(where + " order by storedAt desc, id desc")
                : Letter.find(where + " order by storedAt desc, id desc", needsReview);
        List<LetterSummary> items = query.page(paging.page(), paging.size()).list().stream()
                .map(LetterSummary::of).toList();
        return new Search.Page<>(items, paging.page(), paging.size(), query.count());
    }
}
