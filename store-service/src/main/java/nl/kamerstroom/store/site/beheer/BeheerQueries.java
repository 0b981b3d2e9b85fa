package nl.kamerstroom.store.site.beheer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import nl.kamerstroom.store.letter.Letter;

/**
 * What the operator page reads from the store's own database: the letters that need review (as
 * {@code GET /api/letters?needsReview=true}, on its partial index) and the outbox rows the relay set
 * aside (as {@code GET /api/admin/outbox/set-aside}), each the newest {@code limit} with the total.
 */
@ApplicationScoped
public class BeheerQueries {

    @Inject
    EntityManager em;

    public record Review(String documentId, String zaakNumber, String kind, String subject, Instant storedAt,
            List<String> reasons) {
    }

    public record SetAside(long id, String type, String zaakNumber, int bytes, Instant setAsideAt, String reason) {
    }

    public record Listed<T>(long total, List<T> items) {
    }

    @Transactional
    public Listed<Review> needsReview(int limit) {
        List<Letter> letters = Letter.find("deletedAt is null and needsReview = true order by storedAt desc, id desc")
                .page(0, limit).list();
        long total = Letter.count("deletedAt is null and needsReview = true");
        return new Listed<>(total, letters.stream().map(l -> new Review(l.documentId,
                l.zaak == null ? null : l.zaak.number, l.kind.name(), l.subject, l.storedAt, l.allReviewReasons())).toList());
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public Listed<SetAside> setAside(int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT id, type, zaak_number, octet_length(CAST(payload AS text)),"
                        + " set_aside_at, relay_error FROM outbox_event WHERE set_aside_at IS NOT NULL"
                        + " ORDER BY id DESC LIMIT :limit").setParameter("limit", limit).getResultList();
        long total = ((Number) em.createNativeQuery("SELECT count(*) FROM outbox_event WHERE set_aside_at IS NOT NULL")
                .getSingleResult()).longValue();
        return new Listed<>(total, rows.stream().map(r -> new SetAside(((Number) r[0]).longValue(), (String) r[1],
                (String) r[2], ((Number) r[3]).intValue(), instant(r[4]), (String) r[5])).toList());
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        return value instanceof java.sql.Timestamp t ? t.toInstant() : null;
    }
}
