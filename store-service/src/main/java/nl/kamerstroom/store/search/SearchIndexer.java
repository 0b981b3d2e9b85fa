package nl.kamerstroom.store.search;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Fills the Dutch full-text vectors of questions stored since the last run, in batches, off the
 * consumer's path (see V4__deferred_search_index.sql). A question is searchable within about one
 * interval of being stored.
 */
@ApplicationScoped
public class SearchIndexer {

    @Inject
    EntityManager em;

    @ConfigProperty(name = "kamerstroom.search.index-batch-size", defaultValue = "1000")
    int batchSize;


    @Scheduled(every = "${kamerstroom.search.index-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void index() {
        int updated;
        do {
            updated = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                    "UPDATE question SET search = to_tsvector('dutch', text || ' ' || COALESCE(answer_text, ''))"
                            + " WHERE id IN (SELECT id FROM question WHERE search IS NULL ORDER BY id LIMIT :n"
                            + " FOR UPDATE SKIP LOCKED)")
                    .setParameter("n", batchSize).executeUpdate());
        } while (updated == batchSize);
    }

    /** For tests and the benchmark: how many questions are not searchable yet. */
    public long unindexed() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM question WHERE search IS NULL").getSingleResult()).longValue());
    }
}
