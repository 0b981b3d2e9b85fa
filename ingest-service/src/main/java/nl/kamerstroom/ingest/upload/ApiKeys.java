package nl.kamerstroom.ingest.upload;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import nl.kamerstroom.access.KeyRegistry;
import nl.kamerstroom.access.KeyService;
import nl.kamerstroom.access.KeyScope;
import nl.kamerstroom.access.Secrets;
import nl.kamerstroom.ingest.intake.Failures;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The keys ingest accepts, all sent as {@code X-Api-Key}: upload keys ({@code ku_<id>_<secret>},
 * issued by the operator, the same key model as the store's API keys: {@link KeyRegistry}), the
 * bootstrap upload key from {@code kamerstroom.upload.api-key}, and the operator key
 * {@code kamerstroom.admin.api-key} for the admin endpoints.
 */
@ApplicationScoped
public class ApiKeys extends KeyService<UploadKey> {

    public static final String HEADER = Secrets.HEADER;
    /** The owner of uploads made with the configured bootstrap key; no issued key id looks like it. */
    public static final String BOOTSTRAP_OWNER = "bootstrap";


    @ConfigProperty(name = "kamerstroom.upload.api-key")
    Optional<String> bootstrapKey;

    @ConfigProperty(name = "kamerstroom.admin.api-key")
    Optional<String> adminKey;

    public ApiKeys() {
        super(UploadKey.class, UploadKey::new, KeyScope.UPLOAD);
    }

    /**
     * Who is uploading: an issued key's id, or {@link #BOOTSTRAP_OWNER}.
     *
     * @throws KeyRefusedException 401 for no key, a wrong or a revoked one
     * @throws nl.kamerstroom.ingest.intake.DependencyUnavailableException when the database cannot say
     */
    public String uploader(String presented) {
        String key = Secrets.presented(presented, null)
                .orElseThrow(() -> new KeyRefusedException(Response.Status.UNAUTHORIZED,
                        "uploads need an upload key in the " + HEADER + " header"));
        if (Secrets.isConfiguredKey(Optional.of(key), bootstrapKey)) {
            return BOOTSTRAP_OWNER;
        }
        if (KeyScope.UPLOAD.idOf(key).isEmpty()) {
            throw invalid();
        }
        return Failures.database("checking an upload key", () -> holder(key))
                .map(k -> k.id)
                .orElseThrow(ApiKeys::invalid);
    }

    /**
     * Passes for the operator key.
     *
     * @throws KeyRefusedException 403 when no operator key is configured (the admin endpoints are off),
     *                             401 for a missing or wrong key
     */
    public void operator(String presented) {
        if (adminKey.filter(k -> !k.isBlank()).isEmpty()) {
            throw new KeyRefusedException(Response.Status.FORBIDDEN,
                    "the admin endpoints are disabled: no kamerstroom.admin.api-key is configured");
        }
        if (!Secrets.isConfiguredKey(Secrets.presented(presented, null), adminKey)) {
            throw new KeyRefusedException(Response.Status.UNAUTHORIZED, "send the operator key in the " + HEADER + " header");
        }
    }

    private static KeyRefusedException invalid() {
        return new KeyRefusedException(Response.Status.UNAUTHORIZED, "the upload key is not valid (unknown or revoked)");
    }
}
