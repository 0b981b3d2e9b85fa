package nl.kamerstroom.store.subscription;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import nl.kamerstroom.access.KeyService;
import nl.kamerstroom.access.KeyScope;
import nl.kamerstroom.access.Secrets;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * API keys of the subscriptions API: {@code ks_<id>_<secret>}, the key model ingest's upload keys
 * share ({@link nl.kamerstroom.access.KeyRegistry}). Callers send the key as {@code X-Api-Key} or
 * {@code Authorization: Bearer}; the operator's key ({@code kamerstroom.admin.api-key}) is sent the
 * same way to the admin endpoints.
 */
@ApplicationScoped
public class ApiKeys extends KeyService<ApiKey> {

    @Inject
    Clock clock;

    @ConfigProperty(name = "kamerstroom.admin.api-key")
    Optional<String> adminKey;

    public ApiKeys() {
        super(ApiKey.class, ApiKey::new, KeyScope.SUBSCRIPTIONS);
    }

    @Override
    protected Instant now() {
        return clock.instant();
    }

    /** A revoked key's subscriptions are paused, not deleted. */
    @Override
    protected void revoked(ApiKey key) {
        Subscription.update("status = ?1, updatedAt = ?2 where apiKeyId = ?3", Subscription.Status.PAUSED,
                key.revokedAt, key.id);
    }

    /** The caller's key, or 401. */
    public ApiKey caller(HttpHeaders headers) {
        String presented = presented(headers)
                .orElseThrow(() -> unauthorized("send an API key as X-Api-Key or Authorization: Bearer"));
        return holder(presented).orElseThrow(() -> unauthorized("the API key is not valid"));
    }

    /** Passes for the operator's key, else 401 (also when no operator key is configured). */
    public void operator(HttpHeaders headers) {
        if (!Secrets.isConfiguredKey(presented(headers), adminKey)) {
            throw unauthorized("the operator key is required");
        }
    }

    private static Optional<String> presented(HttpHeaders headers) {
        return Secrets.presented(headers.getHeaderString(Secrets.HEADER), headers.getHeaderString(HttpHeaders.AUTHORIZATION));
    }

    private static NotAuthorizedException unauthorized(String detail) {
        return new NotAuthorizedException(detail, "Bearer realm=\"kamerstroom\"");
    }
}
