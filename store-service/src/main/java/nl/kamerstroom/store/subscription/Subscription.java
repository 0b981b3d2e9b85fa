package nl.kamerstroom.store.subscription;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Someone's standing wish to hear about zaak updates matching a filter, delivered by webhook. */
@Entity
@Table(name = "subscription")
public class Subscription extends PanacheEntityBase {

    public enum Status { ACTIVE, PAUSED }

    public static final String WEBHOOK = "webhook";

    @Id
    public UUID id;

    @Column(name = "api_key_id", nullable = false)
    public String apiKeyId;

    public String description;

    public String zaak;
    public String member;
    public String party;
    public String ministry;
    public String keyword;

    /** Full CloudEvents types; empty means every type. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> types = new ArrayList<>();

    @Column(nullable = false)
    public String channel = WEBHOOK;

    @Column(nullable = false)
    public String url;

    /** {@code whsec_} + base64 of the HMAC key; shown to the caller once, at creation. */
    @Column(nullable = false)
    public String secret;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status = Status.ACTIVE;

    /** Outbox position at creation: only later events are delivered. */
    @Column(name = "start_after", nullable = false)
    public long startAfter;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public UpdateFilter filter() {
        return new UpdateFilter(zaak, member, party, ministry, keyword, Set.copyOf(types));
    }

    /** The subscription if it exists and belongs to {@code apiKeyId}; someone else's is as good as absent. */
    public static Optional<Subscription> findOwned(String id, String apiKeyId) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Subscription.<Subscription>findByIdOptional(uuid).filter(s -> s.apiKeyId.equals(apiKeyId));
    }

    public static List<Subscription> ownedBy(String apiKeyId) {
        return list("apiKeyId = ?1 order by createdAt, id", apiKeyId);
    }
}
