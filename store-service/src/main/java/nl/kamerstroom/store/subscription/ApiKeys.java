package nl.kamerstroom.store.subscription;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * API keys: {@code ks_<id>_<secret>}, 256 random bits of secret. The id finds the row; the SHA-256
 * of the whole key is compared in constant time. A slow hash (bcrypt) buys nothing for keys this
 * random and would cost every request. Callers send the key as {@code X-Api-Key} or
 * {@code Authorization: Bearer}; the operator's key ({@code kamerstroom.admin.api-key}) is sent the
 * same way to the admin endpoints.
 */
@ApplicationScoped
public class ApiKeys {

    static final String PREFIX = "ks_";
    private static final int ID_HEX = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Clock clock;

    @ConfigProperty(name = "kamerstroom.admin.api-key")
    Optional<String> adminKey;

    /** A new key and the only time it is seen whole. */
    public record Issued(ApiKey key, String secret) {
    }

    @Transactional
    public Issued issue(String name) {
        byte[] id = new byte[ID_HEX / 2];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        ApiKey key = new ApiKey();
        key.id = HexFormat.of().formatHex(id);
        key.name = name;
        key.createdAt = clock.instant();
        String whole = PREFIX + key.id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        key.keyHash = HexFormat.of().formatHex(sha256(whole));
        key.persist();
        return new Issued(key, whole);
    }

    /** The caller's key, or 401. */
    @Transactional
    public ApiKey caller(HttpHeaders headers) {
        String presented = presented(headers)
                .orElseThrow(() -> unauthorized("send an API key as X-Api-Key or Authorization: Bearer"));
        if (!presented.startsWith(PREFIX) || presented.length() < PREFIX.length() + ID_HEX + 2
                || presented.charAt(PREFIX.length() + ID_HEX) != '_') {
            throw unauthorized("the API key is not valid");
        }
        ApiKey key = ApiKey.findById(presented.substring(PREFIX.length(), PREFIX.length() + ID_HEX));
        // hash even when the id is unknown, so that a miss costs what a hit costs
        byte[] hash = sha256(presented);
        byte[] stored = key == null ? new byte[hash.length] : HexFormat.of().parseHex(key.keyHash);
        if (key == null || !MessageDigest.isEqual(hash, stored) || key.revokedAt != null) {
            throw unauthorized("the API key is not valid");
        }
        return key;
    }

    /** Passes for the operator's key, else 401 (also when no operator key is configured). */
    public void operator(HttpHeaders headers) {
        Optional<String> configured = adminKey.filter(k -> !k.isBlank());
        Optional<String> presented = presented(headers);
        if (configured.isEmpty() || presented.isEmpty()
                || !MessageDigest.isEqual(sha256(presented.get()), sha256(configured.get()))) {
            throw unauthorized("the operator key is required");
        }
    }

    private static Optional<String> presented(HttpHeaders headers) {
        String header = headers.getHeaderString("X-Api-Key");
        if (header == null) {
            String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                header = authorization.substring(7);
            }
        }
        return Optional.ofNullable(header).map(String::trim).filter(s -> !s.isEmpty());
    }

    private static NotAuthorizedException unauthorized(String detail) {
        return new NotAuthorizedException(detail, "Bearer realm=\"kamerstroom\"");
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
