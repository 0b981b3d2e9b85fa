package nl.kamerstroom.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the write path: DOWN while the consumer is waiting for a dependency to come back
 * (the letters in hand are retried, not dead-lettered). Liveness is not affected: the process is
 * fine and needs no restart, it is waiting.
 */
@ApplicationScoped
public class StoreHealth {

    private volatile String waitingFor;

    public void waiting(String why) {
        waitingFor = why;
    }

    public void recovered() {
        waitingFor = null;
    }

    public boolean isWaiting() {
        return waitingFor != null;
    }

    @Produces
    @Readiness
    @ApplicationScoped
    HealthCheck readiness() {
        return () -> {
            String why = waitingFor;
            return why == null ? HealthCheckResponse.up("letters-parsed store")
                    : HealthCheckResponse.named("letters-parsed store").down().withData("retrying", why).build();
        };
    }
}
