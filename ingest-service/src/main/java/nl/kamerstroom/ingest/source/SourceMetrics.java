package nl.kamerstroom.ingest.source;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Per source, on {@code /q/metrics}: last successful poll, lag (now minus the newest entry's update
 * time), entries seen, documents emitted, duplicates skipped, deletions emitted, errors by kind, and
 * whether the last poll succeeded. A source outage shows here and in the log, never in readiness.
 */
@ApplicationScoped
public class SourceMetrics {

    @Inject
    MeterRegistry registry;

    private final Map<String, Stats> stats = new ConcurrentHashMap<>();

    /** The stats of a source that was polled (or counted) since start, without creating them. */
    public java.util.Optional<Stats> find(String source) {
        return java.util.Optional.ofNullable(stats.get(source));
    }

    public Stats of(String source) {
        return stats.computeIfAbsent(source, s -> new Stats(s, registry));
    }

    /** One source's numbers. */
    public static final class Stats {
        private final String source;
        private final MeterRegistry registry;
        private final Counter entriesSeen;
        private final Counter emitted;
        private final Counter duplicates;
        private final Counter deletions;
        private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
        private final AtomicReference<Instant> newestEntry = new AtomicReference<>();
        private final AtomicReference<Boolean> up = new AtomicReference<>(true);
        private final AtomicReference<String> lastError = new AtomicReference<>();
        /** When the last poll that failed ended, and why: kept after a later success, so the operator sees the last outage. */
        private final AtomicReference<Instant> lastFailure = new AtomicReference<>();
        private final AtomicReference<String> lastFailureReason = new AtomicReference<>();

        Stats(String source, MeterRegistry registry) {
            this.source = source;
            this.registry = registry;
            this.entriesSeen = Counter.builder("kamerstroom.source.entries.seen").tag("source", source)
                    .description("feed entries or search records read").register(registry);
            this.emitted = Counter.builder("kamerstroom.source.documents.emitted").tag("source", source)
                    .description("letters.fetched events published (new or changed content)").register(registry);
            this.duplicates = Counter.builder("kamerstroom.source.duplicates.skipped").tag("source", source)
                    .description("documents whose content was already published").register(registry);
            this.deletions = Counter.builder("kamerstroom.source.deletions.emitted").tag("source", source)
                    .description("letters.deleted events published").register(registry);
            Gauge.builder("kamerstroom.source.last.success", this,
                    s -> s.lastSuccess.get() == null ? 0 : s.lastSuccess.get().getEpochSecond())
                    .tag("source", source).baseUnit("seconds")
                    .description("epoch seconds of the last poll that completed without error").register(registry);
            Gauge.builder("kamerstroom.source.lag", this, Stats::lagSeconds).tag("source", source).baseUnit("seconds")
                    .description("now minus the update time of the newest entry seen").register(registry);
            Gauge.builder("kamerstroom.source.up", this, s -> Boolean.TRUE.equals(s.up.get()) ? 1 : 0)
                    .tag("source", source).description("1 when the last poll succeeded, 0 when it failed")
                    .register(registry);
        }

        public void entrySeen(Instant updated) {
            entriesSeen.increment();
            if (updated != null) {
                newestEntry.accumulateAndGet(updated, (a, b) -> a == null || b.isAfter(a) ? b : a);
            }
        }

        public void emitted() {
            emitted.increment();
        }

        public void duplicate() {
            duplicates.increment();
        }

        public void deletion() {
            deletions.increment();
        }

        /** kind: http, malformed, publish, ... */
        public void error(String kind, String message) {
            Counter.builder("kamerstroom.source.errors").tag("source", source).tag("kind", kind)
                    .description("failed requests, malformed pages or files, unacknowledged events")
                    .register(registry).increment();
            lastError.set(kind + ": " + message);
        }

        public void pollSucceeded() {
            lastSuccess.set(Instant.now());
            up.set(true);
        }

        public void pollFailed(String message) {
            up.set(false);
            lastError.set(message);
            lastFailureReason.set(message);
            lastFailure.set(Instant.now());
        }

        public double errors(String kind) {
            var counter = registry.find("kamerstroom.source.errors").tag("source", source).tag("kind", kind).counter();
            return counter == null ? 0 : counter.count();
        }

        public double emittedCount() {
            return emitted.count();
        }

        public double duplicateCount() {
            return duplicates.count();
        }

        public Instant lastSuccess() {
            return lastSuccess.get();
        }

        public String lastError() {
            return lastError.get();
        }

        public Instant lastFailure() {
            return lastFailure.get();
        }

        public String lastFailureReason() {
            return lastFailureReason.get();
        }

        /** Whether the last poll succeeded; null before the first poll of this process. */
        public Boolean up() {
            return lastSuccess.get() == null && lastFailure.get() == null ? null : up.get();
        }

        /** The update time of the newest entry seen since this process started; null if none yet. */
        public Instant newestEntry() {
            return newestEntry.get();
        }

        double lagSeconds() {
            Instant newest = newestEntry.get();
            return newest == null ? 0 : Math.max(0, Instant.now().getEpochSecond() - newest.getEpochSecond());
        }
    }
}
