package nl.kamerstroom.store.api;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import nl.kamerstroom.store.search.Filter;
import nl.kamerstroom.store.stats.Responsiveness;
import nl.kamerstroom.store.stats.ZaakTerms;
import nl.kamerstroom.store.zaak.AnswerTerm;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** {@code GET /api/stats/open}: who owes answers, and how long answers take. */
@Path("/api/stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    public record MinistryStats(String ministry, long open, long overdue, Double medianReplyDays) {
    }

    public record PartyStats(String party, long open, long overdue) {
    }

    public record OpenStats(LocalDate today, List<MinistryStats> perMinistry, List<PartyStats> perParty) {
    }

    @Inject
    ZaakTerms terms;

    public record ResponsivenessStats(String by, LocalDate from, LocalDate to, LocalDate asOf,
            List<Responsiveness.Group> groups) {
    }

    @GET
    @Path("/responsiveness")
    @Transactional
    @Operation(summary = "How fast each ministry, minister (the person answering) or party gets answers, as things stood on asOf",
            description = "by=minister groups by person (one per normalised name, whatever the portfolio), with the offices"
                    + " the person held in the zaken counted; an answer whose letter names no person counts for its office."
                    + " Per group: answered, open, overdue on asOf, median and 90th-percentile reply days, share answered"
                    + " within the three-week term, share answered within six weeks after a postponement, share postponed."
                    + " Zaken submitted in [from, to] and by asOf; only letters that had arrived by asOf count (AnswerTerm).")
    public ResponsivenessStats responsiveness(
            @Parameter(description = "ministry (default), minister or party") @QueryParam("by") String by,
            @Parameter(description = "submitted on or after, YYYY-MM-DD") @QueryParam("from") String from,
            @Parameter(description = "submitted on or before, YYYY-MM-DD") @QueryParam("to") String to,
            @Parameter(description = "the day the figures are computed for, YYYY-MM-DD; default today (Europe/Amsterdam)")
            @QueryParam("asOf") String asOf) {
        ZaakTerms.By grouping;
        try {
            grouping = by == null || by.isBlank() ? ZaakTerms.By.MINISTRY
                    : ZaakTerms.By.valueOf(by.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Filter.BadParameter("by", "must be ministry, minister or party, not '" + by + "'");
        }
        Filter period = Filter.of(null, null, null, null, from, to, null, null, null);
        LocalDate day = Filter.date("asOf", asOf);
        LocalDate on = day != null ? day : AnswerTerm.today(clock);
        return new ResponsivenessStats(grouping.name().toLowerCase(java.util.Locale.ROOT), period.from(), period.to(), on,
                terms.responsiveness(grouping, period.from(), period.to(), on));
    }

    @GET
    @Path("/open")
    @Transactional
    @Operation(summary = "Open and overdue zaken per addressed ministry and per party; median reply time per ministry")
    @SuppressWarnings("unchecked")
    public OpenStats open() {
        LocalDate today = LocalDate.now(clock);
        // overdue here means open past the deadline without a postponement notice
        List<Object[]> ministries = em.createNativeQuery("SELECT o.title,"
                        + " count(*) FILTER (WHERE z.status IN ('ASKED', 'POSTPONED')),"
                        + " count(*) FILTER (WHERE z.status = 'ASKED' AND z.deadline < :today),"
                        + " percentile_cont(0.5) WITHIN GROUP (ORDER BY z.reply_days)"
                        + " FROM zaak z JOIN letter_addressee a ON a.letter_id = z.primary_letter_id"
                        + " JOIN office o ON o.id = a.office_id GROUP BY o.title ORDER BY 2 DESC, o.title")
                .setParameter("today", today).getResultList();
        List<Object[]> parties = em.createNativeQuery("SELECT m.party,"
                        + " count(DISTINCT z.number) FILTER (WHERE z.status IN ('ASKED', 'POSTPONED')),"
                        + " count(DISTINCT z.number) FILTER (WHERE z.status = 'ASKED' AND z.deadline < :today)"
                        + " FROM zaak z JOIN letter_asker la ON la.letter_id = z.primary_letter_id"
                        + " JOIN member m ON m.id = la.member_id WHERE m.party <> ''"
                        + " GROUP BY m.party ORDER BY 2 DESC, m.party")
                .setParameter("today", today).getResultList();
        return new OpenStats(today,
                ministries.stream().map(r -> new MinistryStats((String) r[0], ((Number) r[1]).longValue(),
                        ((Number) r[2]).longValue(), r[3] == null ? null : ((Number) r[3]).doubleValue())).toList(),
                parties.stream().map(r -> new PartyStats((String) r[0], ((Number) r[1]).longValue(),
                        ((Number) r[2]).longValue())).toList());
    }
}
