package nl.kamerstroom.access;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.EntityManager;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The keys one service issues for one {@link KeyScope}, kept in that service's table: issue (shown
 * once, stored as a hash), check a presented key, list, revoke. Callers run these inside their own
 * transaction and turn an empty answer into their own 401.
 *
 * @param <K> the service's entity for its key table
 */
public final class KeyRegistry<K extends IssuedKey> {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private final Class<K> type;
    private final Supplier<K> newRow;
    private final KeyScope scope;

    public KeyRegistry(Class<K> type, Supplier<K> newRow, KeyScope scope) {
        this.type = type;
        this.newRow = newRow;
        this.scope = scope;
    }

    /** A new key and the only time it is seen whole. */
    public record Issued<K extends IssuedKey>(K key, String secret) {
    }

    /** Persists a new key for {@code name} (checked with {@link #nameProblem} first). */
    public Issued<K> issue(String name, Instant now) {
        byte[] id = new byte[KeyScope.ID_HEX / 2];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        K key = newRow.get();
        key.id = HEX.formatHex(id);
        key.name = name;
        key.createdAt = now;
        String whole = scope.whole(key.id, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        key.keyHash = HEX.formatHex(Secrets.sha256(whole));
        em().persist(key);
        return new Issued<>(key, whole);
    }

    /**
     * The key {@code presented} is, if it is one of this scope, known, matching and not revoked. A
     * malformed key is refused without a query; an unknown id is compared against zeros so that a
     * miss costs what a hit costs.
     */
    public Optional<K> holder(String presented) {
        Optional<String> id = scope.idOf(presented);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        K row = em().find(type, id.get());
        byte[] hash = Secrets.sha256(presented);
        byte[] stored = row == null ? new byte[hash.length] : HEX.parseHex(row.keyHash);
        boolean matches = MessageDigest.isEqual(hash, stored);
        return row != null && matches && row.revokedAt == null ? Optional.of(row) : Optional.empty();
    }

    public Optional<K> find(String id) {
        return Optional.ofNullable(em().find(type, id));
    }

    /** Every key, oldest first, revoked ones too. */
    public List<K> all() {
        return em().createQuery("from " + type.getSimpleName() + " order by createdAt, id", type).getResultList();
    }

    /** Revokes {@code key}; true when it was not revoked before (a second revocation changes nothing). */
    public boolean revoke(K key, Instant now) {
        if (key.revokedAt != null) {
            return false;
        }
        key.revokedAt = now;
        return true;
    }

    /** Why {@code name} cannot name a key, or empty when it can: required, bounded, on one line. */
    public static Optional<String> nameProblem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("is required: who or what the key is for");
        }
        String trimmed = name.trim();
        if (trimmed.length() > IssuedKey.MAX_NAME) {
            return Optional.of("is longer than " + IssuedKey.MAX_NAME + " characters");
        }
        // a name is logged and listed: nothing that forges a line or reads other than it is
        if (trimmed.codePoints().anyMatch(SafeText::isUnsafe)) {
            return Optional.of("must be one line without control or format characters");
        }
        return Optional.empty();
    }

    private EntityManager em() {
        return Panache.getEntityManager(type);
    }
}
