package nl.kamerstroom.store.mail;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;

/** {@code kamerstroom.mail.*}: following by e-mail (README: "Follow by e-mail"). */
@ConfigMapping(prefix = "kamerstroom.mail")
public interface MailConfig {

    /** Off: no mail is matched or sent on this replica (the follow forms still work, their mails wait). */
    @WithDefault("true")
    boolean enabled();

    /** Where the links in the mails point: the site as its readers reach it, without a trailing slash. */
    @WithDefault("http://localhost:8080")
    String baseUrl();

    /** The key the unsubscribe links are signed with; unset, one is made and kept in the database. */
    Optional<String> linkKey();

    /** How long a confirmation link works; an unconfirmed follow is deleted after it. */
    @WithDefault("48h")
    Duration confirmWithin();

    /** Follows (pending or confirmed) one address may have. */
    @WithDefault("50")
    int maxFollowsPerAddress();

    /** Follow requests (each one confirmation mail) for one address per hour. */
    @WithDefault("5")
    int maxRequestsPerAddressPerHour();

    /** Follow requests for all addresses together per hour: bounds the confirmation mails sent. */
    @WithDefault("500")
    int maxRequestsPerHour();

    /** How often the queue is looked at besides being woken by new outbox rows. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Outbox rows matched, and mails sent, per round. */
    @WithDefault("50")
    int batchSize();

    /** How long a claimed mail is held by its sender before another may send it again. */
    @WithDefault("2m")
    Duration lease();

    /** Longest wait for the SMTP server to take one mail. */
    @WithDefault("30s")
    Duration sendTimeout();

    /** When the daily digests go out, Dutch time. */
    @WithDefault("07:00")
    LocalTime digestAt();

    /** Sent mails are forgotten after this. */
    @WithDefault("24h")
    Duration keepSent();

    Retry retry();

    interface Retry {
        @WithDefault("1m")
        Duration first();

        @WithDefault("1h")
        Duration max();

        @WithDefault("0.1")
        double jitter();

        @WithDefault("24h")
        Duration parkAfter();

        /** A mail the server refuses for good (a 5xx reply) is parked after this many attempts. */
        @WithDefault("3")
        int permanentErrorAttempts();
    }
}
