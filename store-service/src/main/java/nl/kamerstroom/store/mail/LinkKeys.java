package nl.kamerstroom.store.mail;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secrets in the mails' links. A confirmation token is random and only its SHA-256 is stored
 * ({@link #newToken}, {@link #hash}). An unsubscribe token is not stored at all: it is an HMAC of the
 * follow's id under a key ({@code kamerstroom.mail.link-key}, or one made once and kept in
 * {@code mail_link_key}), so every mail can carry it and a copy of the database alone does not
 * give anyone the power to unsubscribe people.
 */
@ApplicationScoped
public class LinkKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    @Inject
    MailConfig config;

    @Inject
    EntityManager em;

    private volatile byte[] key;

    /** 256 random bits, url-safe. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return URL.encodeToString(bytes);
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** Whether {@code token} hashes to {@code storedHash}, compared in constant time. */
    public static boolean matches(String token, String storedHash) {
        return token != null && storedHash != null && MessageDigest.isEqual(
                hash(token).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** The token in a follow's unsubscribe link. */
    public String unsubscribeToken(UUID follow) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return URL.encodeToString(mac.doFinal(("afmelden:" + follow).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing", e);
        }
    }

    public boolean validUnsubscribe(UUID follow, String token) {
        return token != null && MessageDigest.isEqual(unsubscribeToken(follow).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            String configured = config.linkKey().filter(s -> !s.isBlank()).orElseGet(this::storedKey);
            k = configured.getBytes(StandardCharsets.UTF_8);
            key = k;
        }
        return k;
    }

    /** The database's key, made by whichever replica asks first (the others read the same row). */
    private String storedKey() {
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("INSERT INTO mail_link_key (id, key) VALUES (1, :k) ON CONFLICT (id) DO NOTHING")
                    .setParameter("k", newToken()).executeUpdate();
            return (String) em.createNativeQuery("SELECT key FROM mail_link_key WHERE id = 1").getSingleResult();
        });
    }
}
