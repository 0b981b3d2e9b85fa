package nl.kamerstroom.store.site.beheer;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The operator's sign-in for {@code /beheer}: the operator key is posted once from a form, and the
 * browser gets a cookie that proves it was, never the key itself. The cookie is
 * {@code <expiry epoch seconds>.<HMAC-SHA256 of "beheer:" + expiry under the operator key>}: stateless,
 * so it holds across restarts and replicas, ends after {@code kamerstroom.beheer.session}, and ends at
 * once for every browser when the operator key changes. It is sent as HttpOnly (no script reads it),
 * SameSite=Strict (no other site's page makes the browser send it) and on {@code /beheer} only.
 */
@ApplicationScoped
public class OperatorSession {

    static final String COOKIE = "kamerstroom-beheer";
    /** expiry.signature, both as produced by {@link #issue}. */
    private static final Pattern TOKEN = Pattern.compile("^(?<expiry>[0-9]{1,12})\\.(?<signature>[A-Za-z0-9_-]{43})$");

    @ConfigProperty(name = "kamerstroom.admin.api-key")
    Optional<String> operatorKey;

    @ConfigProperty(name = "kamerstroom.beheer.session", defaultValue = "8h")
    Duration lifetime;

    Clock clock = Clock.systemUTC();

    /** Whether an operator key is configured at all; without one nobody signs in. */
    public boolean enabled() {
        return key().isPresent();
    }

    /** Whether {@code presented} is the operator key (compared as SHA-256 digests, in constant time). */
    public boolean isOperatorKey(String presented) {
        Optional<String> key = key();
        return key.isPresent() && presented != null
                && MessageDigest.isEqual(sha256(presented.trim()), sha256(key.get()));
    }

    /** A new session token, valid for the configured lifetime. */
    public String issue() {
        long expiry = clock.instant().plus(lifetime).getEpochSecond();
        return expiry + "." + sign(expiry);
    }

    /** Whether the cookie's token is one this key signed and has not expired. */
    public boolean valid(String token) {
        if (token == null || key().isEmpty()) {
            return false;
        }
        Matcher m = TOKEN.matcher(token);
        if (!m.matches()) {
            return false;
        }
        long expiry = Long.parseLong(m.group("expiry"));
        boolean signed = MessageDigest.isEqual(m.group("signature").getBytes(StandardCharsets.US_ASCII),
                sign(expiry).getBytes(StandardCharsets.US_ASCII));
        return signed && Instant.ofEpochSecond(expiry).isAfter(clock.instant());
    }

    public Duration lifetime() {
        return lifetime;
    }

    private Optional<String> key() {
        return operatorKey.map(String::trim).filter(k -> !k.isEmpty());
    }

    private String sign(long expiry) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key().orElseThrow().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal(("beheer:" + expiry).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
