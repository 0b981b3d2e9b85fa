package nl.kamerstroom.ingest.upload;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A key that may upload letters, issued by the operator. Only a hash of the key is kept. */
@Entity
@Table(name = "upload_key")
public class UploadKey extends PanacheEntityBase {

    /** The public part of the key ({@code ku_<id>_<secret>}): safe to show and log. */
    @Id
    public String id;

    /** Who or what the key is for. */
    @Column(nullable = false)
    public String name;

    /** SHA-256 (hex) of the whole key. */
    @Column(name = "key_hash", nullable = false, columnDefinition = "bpchar(64)")
    public String keyHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
