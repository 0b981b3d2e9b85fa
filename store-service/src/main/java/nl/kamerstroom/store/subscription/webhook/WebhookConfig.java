package nl.kamerstroom.store.subscription.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code kamerstroom.webhooks.*}: see the "Subscriptions and webhooks" section of application.properties. */
@ConfigMapping(prefix = "kamerstroom.webhooks")
public interface WebhookConfig {

    /** Off: nothing is matched or sent (subscriptions can still be managed). */
    @WithDefault("true")
    boolean enabled();

    /** How often new outbox rows are looked for when no commit announced them. */
    @WithDefault("200ms")
    Duration matchInterval();

    /** Outbox rows matched per transaction. */
    @WithDefault("500")
    int matchBatchSize();

    /** How often due deliveries are looked for when nothing wakes the dispatcher earlier. */
    @WithDefault("1s")
    Duration pollInterval();

    /** How often the per-subscription gauges are recomputed. */
    @WithDefault("15s")
    Duration metricsInterval();

    /** Bounded per request: a dead receiver costs a slot for this long, never more. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** The whole request, connect to response headers. */
    @WithDefault("10s")
    Duration timeout();

    /** Requests in flight at once on this replica, over all subscriptions. */
    @WithDefault("256")
    int maxInFlight();

    /** Requests in flight at once for one subscription (different zaken; one zaak is sequential). */
    @WithDefault("8")
    int maxInFlightPerSubscription();

    /** Delivered rows are kept this long for the deliveries API, then removed. */
    @WithDefault("168h")
    Duration keepDelivered();

    Retry retry();

    /** Hosts the operator trusts: exempt from the address checks, and http is allowed to them. */
    Optional<List<String>> allowHosts();

    /** Address ranges the operator trusts, e.g. an in-cluster receiver's network. */
    Optional<List<String>> allowCidrs();

    interface Retry {

        /** The wait after the first failure; it doubles after each further failure. */
        @WithDefault("30s")
        Duration first();

        /** The longest wait between two attempts. */
        @WithDefault("1h")
        Duration max();

        /** Each wait is lengthened by up to this fraction at random, so retries of many events spread out. */
        @WithDefault("0.1")
        double jitter();

        /** A delivery that has failed for this long since its first attempt is parked. */
        @WithDefault("24h")
        Duration parkAfter();

        /** Attempts allowed for answers that retrying will not fix (4xx but 408 and 429, 3xx, refused targets). */
        @WithDefault("3")
        int clientErrorAttempts();
    }
}
