package nl.kamerstroom.ingest.backfill;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** One historical import and its progress: done/total, documents emitted, rate and ETA. */
public final class BackfillJob {

    public enum Status { RUNNING, DONE, FAILED }

    final long id;
    final String source;
    final LocalDate from;
    final Instant startedAt = Instant.now();
    final AtomicLong done = new AtomicLong();
    final AtomicLong total = new AtomicLong(-1);
    final AtomicLong emitted = new AtomicLong();
    final AtomicReference<Status> status = new AtomicReference<>(Status.RUNNING);
    final AtomicReference<Instant> finishedAt = new AtomicReference<>();
    final AtomicReference<String> message = new AtomicReference<>();

    BackfillJob(long id, String source, LocalDate from) {
        this.id = id;
        this.source = source;
        this.from = from;
    }

    /** What {@code GET /api/backfill} shows. */
    public record View(long id, String source, LocalDate from, Status status, long done, Long total, long emitted,
            double perSecond, Long etaSeconds, Instant startedAt, Instant finishedAt, String message) {
    }

    public View view() {
        Instant end = finishedAt.get() != null ? finishedAt.get() : Instant.now();
        double seconds = Math.max(0.001, Duration.between(startedAt, end).toMillis() / 1000.0);
        double rate = done.get() / seconds;
        Long totalOrNull = total.get() < 0 ? null : total.get();
        Long eta = totalOrNull == null || rate <= 0 || status.get() != Status.RUNNING ? null
                : (long) Math.ceil(Math.max(0, totalOrNull - done.get()) / rate);
        return new View(id, source, from, status.get(), done.get(), totalOrNull, emitted.get(),
                Math.round(rate * 100) / 100.0, eta, startedAt, finishedAt.get(), message.get());
    }
}
