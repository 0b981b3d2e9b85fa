package nl.kamerstroom.ingest.upload;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import nl.kamerstroom.ingest.intake.Failures;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The keys ingest accepts, all sent as {@code X-Api-Key}: upload keys ({@code ku_<id>_<secret>}, 256
 * random bits of secret, issued by the operator and stored as a SHA-256 like the store's API keys),
 * the bootstrap upload key from {@code kamerstroom.upload.api-key}, and the operator key
 * {@code kamerstroom.admin.api-key} for the admin endpoints. A slow hash buys nothing for keys this
 * random and would cost every upload; hashes are compared in constant time.
 */
@ApplicationScoped
public class ApiKeys {

    public static final String HEADER = "X-Api-Key";
    /** The owner of uploads made with the configured bootstrap key; no issued key id looks like it. */
    public static final String BOOTSTRAP_OWNER = "bootstrap";

    static final String PREFIX = "ku_";
    private static final int ID_HEX = 12;
    /** An issued key: the prefix, the 12-hex id, and the base64url secret. */
    private static final Pattern ISSUED_KEY = Pattern.compile("ku_(?<id>[0-9a-f]{12})_[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    @ConfigProperty(name = "kamerstroom.upload.api-key")
    Optional<String> bootstrapKey;

    @ConfigProperty(name = "kamerstroom.admin.api-key")
    Optional<String> adminKey;

    /** A new key and the only time it is seen whole. */
    public record Issued(UploadKey key, String secret) {
    }

    @Transactional
    public Issued issue(String name) {
        byte[] id = new byte[ID_HEX / 2];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        UploadKey key = new UploadKey();
        key.id = HexFormat.of().formatHex(id);
        key.name = name;
        key.createdAt = Instant.now();
        String whole = PREFIX + key.id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        key.keyHash = HexFormat.of().formatHex(sha256(whole));
        key.persist();
        return new Issued(key, whole);
    }

    /**
     * Who is uploading: an issued key's id, or {@link #BOOTSTRAP_OWNER}.
     *
     * @throws KeyRefusedException 401 for no key, a wrong or a revoked one
     * @throws nl.kamerstroom.ingest.intake.DependencyUnavailableException when the database cannot say
     */
    public String uploader(String presented) {
        String key = Optional.ofNullable(presented).map(String::trim).filter(s -> !s.isEmpty())
                .orElseThrow(() -> new KeyRefusedException(Response.Status.UNAUTHORIZED,
                        "uploads need an upload key in the " + HEADER + " header"));
        byte[] hash = sha256(key);
        Optional<String> bootstrap = bootstrapKey.map(String::trim).filter(s -> !s.isEmpty());
        if (bootstrap.isPresent() && MessageDigest.isEqual(hash, sha256(bootstrap.get()))) {
            return BOOTSTRAP_OWNER;
        }
        var issued = ISSUED_KEY.matcher(key);
        if (!issued.matches()) {
            throw invalid();
        }
        UploadKey row = Failures.database("checking an upload key", () -> findKey(issued.group("id")));
        // compare even when the id is unknown, so that a miss costs what a hit costs
        byte[] stored = row == null ? new byte[hash.length] : HexFormat.of().parseHex(row.keyHash);
        if (row == null || !MessageDigest.isEqual(hash, stored) || row.revokedAt != null) {
            throw invalid();
        }
        return row.id;
    }

    @Transactional
    UploadKey findKey(String id) {
        return UploadKey.findById(id);
    }

    /**
     * Passes for the operator key.
     *
     * @throws KeyRefusedException 403 when no operator key is configured (the admin endpoints are off),
     *                             401 for a missing or wrong key
     */
    public void operator(String presented) {
        Optional<String> configured = adminKey.map(String::trim).filter(k -> !k.isEmpty());
        if (configured.isEmpty()) {
            throw new KeyRefusedException(Response.Status.FORBIDDEN,
                    "the admin endpoints are disabled: no kamerstroom.admin.api-key is configured");
        }
        if (presented == null || !MessageDigest.isEqual(sha256(presented.trim()), sha256(configured.get()))) {
            throw new KeyRefusedException(Response.Status.UNAUTHORIZED, "send the operator key in the " + HEADER + " header");
        }
    }

    private static KeyRefusedException invalid() {
        return new KeyRefusedException(Response.Status.UNAUTHORIZED, "the upload key is not valid (unknown or revoked)");
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
