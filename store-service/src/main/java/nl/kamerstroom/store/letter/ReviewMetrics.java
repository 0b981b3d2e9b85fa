package nl.kamerstroom.store.letter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code kamerstroom.store.letters.needing.review}: how many stored (not deleted) letters need a
 * person's review. Counted on a schedule ({@code kamerstroom.review.metrics-interval}, default
 * 15s) rather than on each scrape, so a scrape never waits for the database.
 */
@ApplicationScoped
public class ReviewMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    EntityManager em;

    private final AtomicLong needingReview = new AtomicLong();

    @PostConstruct
    void init() {
        Gauge.builder("kamerstroom.store.letters.needing.review", needingReview, AtomicLong::get)
                .description("Stored letters whose parse a person should check (review reasons or a source disagreement)")
                .register(registry);
    }

    @Scheduled(every = "${kamerstroom.review.metrics-interval:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void count() {
        Number n = (Number) em.createNativeQuery("SELECT count(*) FROM letter WHERE needs_review AND deleted_at IS NULL")
                .getSingleResult();
        needingReview.set(n.longValue());
    }

    /** The last count, for tests and the stats. */
    public long needingReview() {
        return needingReview.get();
    }
}
