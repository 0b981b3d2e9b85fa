package nl.kamerstroom.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * How a key travels and is compared. Keys are 256 random bits: a slow hash (bcrypt) buys nothing
 * for them and would cost every request, so SHA-256 it is, and hashes are compared in constant time
 * (comparing the hashes also makes the comparison's time independent of the keys' lengths).
 */
public final class Secrets {

    /** The header every key is sent in. */
    public static final String HEADER = "X-Api-Key";
    private static final String BEARER = "Bearer ";

    private Secrets() {
    }

    /**
     * The key a request presents: {@code X-Api-Key}, else {@code Authorization: Bearer …} when the
     * service accepts that ({@code authorization} null otherwise); trimmed, empty when there is none.
     */
    public static Optional<String> presented(String apiKeyHeader, String authorization) {
        String key = apiKeyHeader;
        if (key == null && authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            key = authorization.substring(BEARER.length());
        }
        return Optional.ofNullable(key).map(String::trim).filter(s -> !s.isEmpty());
    }

    /** Whether {@code presented} is the configured key; false when none is configured (blank counts as none). */
    public static boolean isConfiguredKey(Optional<String> presented, Optional<String> configured) {
        Optional<String> expected = configured.map(String::trim).filter(s -> !s.isEmpty());
        return expected.isPresent() && presented.isPresent()
                && MessageDigest.isEqual(sha256(presented.get()), sha256(expected.get()));
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
