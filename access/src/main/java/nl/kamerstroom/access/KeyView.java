package nl.kamerstroom.access;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A key as the admin endpoints show it; {@code key} only in the answer that issued it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyView(String id, String name, Instant createdAt, Instant revokedAt, String key) {

    public static KeyView of(IssuedKey k) {
        return new KeyView(k.id, k.name, k.createdAt, k.revokedAt, null);
    }

    public static KeyView of(KeyRegistry.Issued<?> issued) {
        IssuedKey k = issued.key();
        return new KeyView(k.id, k.name, k.createdAt, k.revokedAt, issued.secret());
    }
}
