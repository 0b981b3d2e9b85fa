package nl.kamerstroom.store.site;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import nl.kamerstroom.store.search.Search;
import nl.kamerstroom.store.stats.Responsiveness;
import nl.kamerstroom.store.stats.ZaakTerms;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What {@code /openstaand} shows, computed once per change of the zaken instead of on every visit:
 * every figure on the page is a function of the zaak rows (and of the letters' addressees, which only
 * change together with their zaak's row) and of the day. The key is the newest {@code zaak.updated_at}
 * (indexed, V15: one index lookup per visit), so a zaak written on any replica shows at the next visit.
 * Two write transactions can commit in the other order than their clocks ran, leaving the newest
 * stamp unchanged while an older one becomes visible: {@code kamerstroom.site.figures.max-age} bounds
 * how long such a miss can last.
 */
@ApplicationScoped
public class OpenFigures {

    /** The months the "answered in time" chart on /openstaand covers, this one included. */
    static final int IN_TIME_MONTHS = 24;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    SiteQueries queries;

    @Inject
    ZaakTerms terms;

    @ConfigProperty(name = "kamerstroom.site.overdue.max", defaultValue = "500")
    int overdueMax;

    @ConfigProperty(name = "kamerstroom.site.figures.max-age", defaultValue = "60s")
    Duration maxAge;

    /** The overdue zaken of one addressed office, oldest first. */
    public record OfficeOverdue(String office, List<ZaakTerms.Overdue> zaken) {
    }

    /** Everything the page shows, as of {@code today}. */
    public record Figures(LocalDate today, Search.Page<ZaakTerms.Overdue> overdue, List<OfficeOverdue> perOffice,
            List<SiteQueries.OpenPerOffice> open, List<Responsiveness.Group> ministries, Chart chart, MonthChart months) {
    }

    private record Entry(LocalDate today, Instant lastChange, Instant computedAt, Figures figures) {
    }

    private volatile Entry entry;

    /** The page's figures: from memory while no zaak changed (and the day did not), else computed now. */
    public Figures current() {
        LocalDate today = nl.kamerstroom.store.zaak.AnswerTerm.today(clock);
        Instant lastChange = lastChange();
        Entry known = entry;
        Instant now = clock.instant();
        if (known != null && known.today.equals(today) && Objects.equals(known.lastChange, lastChange)
                && now.isBefore(known.computedAt.plus(maxAge))) {
            return known.figures;
        }
        Figures figures = compute(today);
        entry = new Entry(today, lastChange, now, figures);
        return figures;
    }

    private Figures compute(LocalDate today) {
        Search.Page<ZaakTerms.Overdue> overdue = terms.overdue(today, 0, overdueMax);
        Map<String, List<ZaakTerms.Overdue>> byOffice = new TreeMap<>();
        for (ZaakTerms.Overdue o : overdue.items()) {
            for (String office : o.addressedTo().isEmpty() ? List.of("Onbekend") : o.addressedTo()) {
                byOffice.computeIfAbsent(office, k -> new ArrayList<>()).add(o);
            }
        }
        List<OfficeOverdue> perOffice = byOffice.entrySet().stream()
                .map(e -> new OfficeOverdue(e.getKey(), e.getValue())).toList();
        // the same figures as GET /api/stats/responsiveness?by=ministry, computed in the database (ResponsivenessSqlTest)
        List<Responsiveness.Group> ministries = terms.responsiveness(ZaakTerms.By.MINISTRY, null, null, today);
        return new Figures(today, overdue, perOffice, queries.openPerOffice(today), ministries,
                Chart.of(queries.replyTimes()), MonthChart.of(queries.answeredInTimePerMonth(today, IN_TIME_MONTHS)));
    }

    /** The newest change of any zaak (ZaakRecorder stamps every refresh); null before the first. */
    private Instant lastChange() {
        Object value = em.createNativeQuery("SELECT max(updated_at) FROM zaak").getSingleResult();
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        return value instanceof OffsetDateTime t ? t.toInstant() : ((java.sql.Timestamp) value).toInstant();
    }
}
