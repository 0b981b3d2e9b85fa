package nl.kamerstroom.store.api;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

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
