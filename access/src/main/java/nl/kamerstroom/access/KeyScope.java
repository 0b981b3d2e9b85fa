package nl.kamerstroom.access;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an issued key may do, written into the key itself as its prefix, so that a key is useless
 * anywhere but where it was issued for (an upload key is refused by the subscriptions API and the
 * other way round, even if the two tables were ever merged).
 */
public enum KeyScope {
    /** {@code POST /api/letters} on ingest-service. */
    UPLOAD("ku_"),
    /** The subscriptions and follow APIs of store-service. */
    SUBSCRIPTIONS("ks_");

    /** Hex digits of a key's id, its public part. */
    static final int ID_HEX = 12;
    /** base64url without padding of the 32 random bytes of secret. */
    static final int SECRET_CHARS = 43;

    private final String prefix;
    /** A whole key of this scope: the prefix, the id, and the secret. */
    private final Pattern wholeKey;

    KeyScope(String prefix) {
        this.prefix = prefix;
        this.wholeKey = Pattern.compile(Pattern.quote(prefix) + "(?<id>[0-9a-f]{" + ID_HEX + "})_[A-Za-z0-9_-]{"
                + SECRET_CHARS + "}");
    }

    public String prefix() {
        return prefix;
    }

    /** The id of a key of this scope, or empty when {@code presented} is not one. */
    public Optional<String> idOf(String presented) {
        var key = wholeKey.matcher(presented);
        return key.matches() ? Optional.of(key.group("id")) : Optional.empty();
    }

    String whole(String id, String secret) {
        return prefix + id + "_" + secret;
    }
}
