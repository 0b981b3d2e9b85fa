package nl.kamerstroom.store.subscription;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import nl.kamerstroom.events.ZaakUpdate;

/**
 * The outbox read as an ordered log of zaak updates: what SSE streams and Atom feeds serve. The row
 * id is the position in the log, so a reader resumes exactly where it left off.
 */
@ApplicationScoped
public class UpdateLog {

    /** How far back a feed looks for its entries. */
    static final int FEED_WINDOW = 5000;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    public record Entry(long position, ZaakUpdate update) {
    }

    /** The newest position now; a new reader without a Last-Event-ID starts after it. */
    public long head() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT COALESCE(max(id), 0) FROM outbox_event").getSingleResult()).longValue());
    }

    /** Entries after {@code position}, oldest first. */
    public List<Entry> after(long position, int limit) {
        return read("SELECT id, CAST(payload AS text) FROM outbox_event WHERE id > :p ORDER BY id LIMIT :n",
                position, limit);
    }

    /** The newest entries matching {@code filter}, newest first, looking back a bounded window. */
    public List<Entry> latest(UpdateFilter filter, int limit) {
        List<Entry> window = read("SELECT id, CAST(payload AS text) FROM outbox_event WHERE id > :p"
                + " ORDER BY id DESC LIMIT :n", 0, FEED_WINDOW);
        List<Entry> matching = new ArrayList<>();
        for (Entry e : window) {
            if (filter.matches(e.update())) {
                matching.add(e);
                if (matching.size() == limit) {
                    break;
                }
            }
        }
        return matching;
    }

    @SuppressWarnings("unchecked")
    private List<Entry> read(String sql, long position, int limit) {
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(sql)
                .setParameter("p", position).setParameter("n", limit).getResultList());
        return rows.stream().map(r -> new Entry(((Number) r[0]).longValue(), parse((String) r[1]))).toList();
    }

    private ZaakUpdate parse(String payload) {
        try {
            return json.readValue(payload, ZaakUpdate.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
