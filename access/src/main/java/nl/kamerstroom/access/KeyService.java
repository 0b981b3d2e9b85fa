package nl.kamerstroom.access;

import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A service's keys of one scope as a CDI bean: the {@link KeyRegistry} operations, each in a
 * transaction of its own. Each service subclasses it once ({@code @ApplicationScoped}) and adds how
 * it turns a refusal into its own answer.
 *
 * @param <K> the service's entity for its key table
 */
public abstract class KeyService<K extends IssuedKey> {

    protected final KeyRegistry<K> registry;

    protected KeyService(Class<K> type, Supplier<K> newRow, KeyScope scope) {
        this.registry = new KeyRegistry<>(type, newRow, scope);
    }

    /** When a key is issued or revoked; the store's clock in its tests. */
    protected Instant now() {
        return Instant.now();
    }

    /** Called in the revoking transaction when a key is revoked for the first time. */
    protected void revoked(K key) {
    }

    @Transactional
    public KeyRegistry.Issued<K> issue(String name) {
        return registry.issue(name, now());
    }

    @Transactional
    public List<K> all() {
        return registry.all();
    }

    /** Revokes the key; false when there is no key with that id (revoking twice changes nothing). */
    @Transactional
    public boolean revoke(String id) {
        Optional<K> key = registry.find(id);
        key.filter(k -> registry.revoke(k, now())).ifPresent(this::revoked);
        return key.isPresent();
    }

    /** The key {@code presented} is, when it is a valid, unrevoked key of this scope. */
    @Transactional
    public Optional<K> holder(String presented) {
        return registry.holder(presented);
    }
}
