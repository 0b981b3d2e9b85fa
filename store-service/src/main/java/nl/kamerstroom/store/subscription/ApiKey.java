package nl.kamerstroom.store.subscription;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A caller of the subscriptions API, issued by an operator. Only a hash of the key is kept. */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {

    /** The public part of the key ({@code ks_<id>_<secret>}): safe to show and log. */
    @Id
    public String id;

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
