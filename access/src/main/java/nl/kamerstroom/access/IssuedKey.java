package nl.kamerstroom.access;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/**
 * A key issued by the operator, as a service keeps it: its public id, who it is for, and the
 * SHA-256 of the whole key (the key itself is never stored). Each service maps it to its own table
 * ({@code upload_key} in ingest, {@code api_key} in store) with the same columns.
 */
@MappedSuperclass
public abstract class IssuedKey extends PanacheEntityBase {

    /** The longest name a key may be given. */
    public static final int MAX_NAME = 200;

    /** The public part of the key ({@code <scope prefix><id>_<secret>}): safe to show and log. */
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

    /** Set once, when the operator revokes the key; a revoked key is kept (its traces name it) but refused. */
    @Column(name = "revoked_at")
    public Instant revokedAt;
}
