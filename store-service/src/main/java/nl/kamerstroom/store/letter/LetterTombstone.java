package nl.kamerstroom.store.letter;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The latest deletion a source announced for a document (a SyncFeed tombstone). */
@Entity
@Table(name = "letter_tombstone")
public class LetterTombstone extends PanacheEntityBase {

    @Id
    @Column(name = "document_id")
    public String documentId;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    public String source;

    @Column(name = "source_id")
    public String sourceId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "zaak_numbers")
    public List<String> zaakNumbers;

    @Column(name = "received_at")
    public Instant receivedAt;

    /** The tombstones of the given documents, by document id: one query for a poll of letters. */
    static Map<String, Instant> deletions(Collection<String> documentIds) {
        if (documentIds.isEmpty()) {
            return Map.of();
        }
        return LetterTombstone.<LetterTombstone>list("documentId in ?1", documentIds).stream()
                .collect(Collectors.toMap(t -> t.documentId, t -> t.deletedAt));
    }

    /**
     * Whether a version fetched at {@code fetchedAt} is deleted by a deletion at {@code deletedAt}:
     * only a version fetched after the deletion (the document came back) outlives it.
     */
    static boolean deletes(Instant deletedAt, Instant fetchedAt) {
        return deletedAt != null && (fetchedAt == null || !fetchedAt.isAfter(deletedAt));
    }
}
