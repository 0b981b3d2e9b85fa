package nl.kamerstroom.ingest.intake;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A distinct content ingest has accepted, and whether its event has been acknowledged by Kafka. */
@Entity
@Table(name = "ingested_letter")
public class IngestedLetter extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ingested_letter_seq")
    @SequenceGenerator(name = "ingested_letter_seq", sequenceName = "ingested_letter_seq", allocationSize = 50)
    public Long id;

    @Column(name = "document_id", nullable = false, unique = true)
    public String documentId;

    @Column(nullable = false, unique = true, columnDefinition = "bpchar(64)")
    public String sha256;

    @Column(nullable = false)
    public String source;

    @Column(name = "source_id")
    public String sourceId;

    /** The upload key's owner (a key id, or {@code bootstrap}) for an upload, else null. */
    @Column(name = "uploaded_by")
    public String uploadedBy;

    @Column(name = "file_name")
    public String fileName;

    @Column(name = "content_type", nullable = false)
    public String contentType;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "published_at")
    public Instant publishedAt;

    /** The zaak numbers the source linked it to, comma-separated; kept so that a deletion can name them. */
    @Column(name = "zaak_numbers")
    public String zaakNumbers;

    /** When the source deleted it (a tombstone was published), or null. */
    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** When a deletion event for it was about to be sent (see V3__deletion_claims.sql), or null. */
    @Column(name = "deletion_claimed_at")
    public Instant deletionClaimedAt;

    /** When the source last delivered changed content under the same document id, or null. */
    @Column(name = "changed_at")
    public Instant changedAt;

    public static Optional<IngestedLetter> findBySha256(String sha256) {
        return find("sha256", sha256).firstResultOptional();
    }

    public static Optional<IngestedLetter> findByDocumentId(String documentId) {
        return find("documentId", documentId).firstResultOptional();
    }
}
