package nl.kamerstroom.store.subscription;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import nl.kamerstroom.events.ZaakUpdate;
import nl.kamerstroom.store.outbox.Outbox;

/**
 * The outbox read as an ordered log of zaak updates: what SSE streams and Atom feeds serve. The row
 * id is the position in the log, so a reader resumes exactly where it left off. Reads through
 * {@link Outbox}, the outbox's one owner; this class only turns rows into updates and filters them.
 */
@ApplicationScoped
public class UpdateLog {

    /** How far back a feed looks for its entries. */
    static final int FEED_WINDOW = 5000;
    /** Rows per read while looking back for a feed's entries. */
    static final int PAGE = 200;

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper json;

    /** An entry of the log; {@code update} is null for a row that cannot be read as one (skip it). */
    public record Entry(long position, ZaakUpdate update) {
    }

    /** The newest position now; a new reader without a Last-Event-ID starts after it. */
    public long head() {
        return QuarkusTransaction.requiringNew().call(outbox::head);
    }

    /** Entries after {@code position}, oldest first. */
    public List<Entry> after(long position, int limit) {
        return entries(QuarkusTransaction.requiringNew().call(() -> outbox.after(position, limit)));
    }

    /**
     * The newest entries matching {@code filter}, newest first, looking back a bounded window. Read
     * in pages, so a feed holds a page of payloads in memory, not the whole window; a feed of one
     * zaak reads only that zaak's rows.
     */
    public List<Entry> latest(UpdateFilter filter, int limit) {
        List<Entry> matching = new ArrayList<>();
        long before = Long.MAX_VALUE;
        for (int scanned = 0; scanned < FEED_WINDOW && matching.size() < limit; ) {
            long from = before;
            List<Entry> page = entries(QuarkusTransaction.requiringNew().call(() -> outbox.before(from, filter.zaak(), PAGE)));
            for (Entry e : page) {
                if (e.update() != null && filter.matches(e.update())) {
                    matching.add(e);
                    if (matching.size() == limit) {
                        break;
                    }
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            scanned += page.size();
            before = page.get(page.size() - 1).position();
        }
        return matching;
    }

    private List<Entry> entries(List<Outbox.Row> rows) {
        return rows.stream().map(r -> new Entry(r.id(), parse(r.payload()))).toList();
    }

    /**
     * The update, or null for a row that is not one (it has a position all the same, so readers move
     * past it): one unreadable row must not make every feed and stream fail.
     */
    private ZaakUpdate parse(String payload) {
        try {
            ZaakUpdate u = json.readValue(payload, ZaakUpdate.class);
            return u == null || u.type() == null || u.zaakNumber() == null ? null : u;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
