package nl.kamerstroom.ingest.backfill;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import nl.kamerstroom.ingest.source.koop.KoopSruSource;
import nl.kamerstroom.ingest.source.koop.SruRecord;
import nl.kamerstroom.ingest.source.tk.TkDocumentIngest;
import nl.kamerstroom.ingest.source.tk.TkODataBackfill;
import org.jboss.logging.Logger;

/**
 * Historical imports, one at a time, next to the live polls: KOOP from a modification date (the
 * SRU total gives done/total, rate and ETA), the Tweede Kamer from a document date (OData's
 * {@code $count}). Re-running one is harmless: intake publishes only new
 * or changed content. Progress is in the log, in metrics ({@code kamerstroom_backfill_*}) and on
 * {@code GET /api/backfill}; it is kept in memory, so a restart forgets it (run it again).
 */
@ApplicationScoped
public class Backfills {

    private static final Logger LOG = Logger.getLogger(Backfills.class);

    @Inject
    KoopSruSource koop;

    @Inject
    TkODataBackfill tk;

    @Inject
    MeterRegistry registry;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "backfill");
        t.setDaemon(true);
        return t;
    });
    private final Map<Long, BackfillJob> jobs = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, BackfillJob> latest = new ConcurrentHashMap<>();

    public static final List<String> SOURCES = List.of(KoopSruSource.SOURCE, TkDocumentIngest.SOURCE);

    public static boolean supports(String source) {
        return SOURCES.contains(source);
    }

    public BackfillJob start(String source, LocalDate from) {
        BackfillJob job = new BackfillJob(ids.incrementAndGet(), source, from);
        jobs.put(job.id, job);
        if (latest.put(source, job) == null) {
            Gauge.builder("kamerstroom.backfill.done", latest, m -> m.get(source).done.get()).tag("source", source)
                    .description("records handled by the latest backfill").register(registry);
            Gauge.builder("kamerstroom.backfill.total", latest, m -> m.get(source).total.get()).tag("source", source)
                    .description("records the latest backfill has to handle (-1: not known yet)").register(registry);
            Gauge.builder("kamerstroom.backfill.emitted", latest, m -> m.get(source).emitted.get()).tag("source", source)
                    .description("documents the latest backfill published").register(registry);
        }
        executor.submit(() -> run(job));
        LOG.infof("backfill %d: %s from %s started", job.id, source, from);
        return job;
    }

    public List<BackfillJob.View> all() {
        return jobs.values().stream().map(BackfillJob::view).sorted((a, b) -> Long.compare(b.id(), a.id())).toList();
    }

    private void run(BackfillJob job) {
        try {
            JobProgress progress = new JobProgress(job);
            String failure = TkDocumentIngest.SOURCE.equals(job.source) ? tk.walk(job.from, progress)
                    : koop.walk(job.from, progress);
            job.message.set(failure);
            job.status.set(failure == null ? BackfillJob.Status.DONE : BackfillJob.Status.FAILED);
        } catch (RuntimeException e) {
            job.message.set(e.toString());
            job.status.set(BackfillJob.Status.FAILED);
        }
        job.finishedAt.set(Instant.now());
        BackfillJob.View v = job.view();
        LOG.infof("backfill %d: %s, %d/%s handled, %d published%s", job.id, v.status(), v.done(), v.total(),
                v.emitted(), v.message() == null ? "" : ": " + v.message());
    }

    /** A job's progress, whichever source walks it. */
    private record JobProgress(BackfillJob job) implements KoopSruSource.Progress, TkODataBackfill.Progress {

        @Override
        public void total(long total) {
            job.total.set(total);
        }

        @Override
        public void handled(SruRecord record, boolean emitted) {
            handled(record.identifier(), emitted);
        }

        @Override
        public void handled(String documentId, boolean emitted) {
            long done = job.done.incrementAndGet();
            if (emitted) {
                job.emitted.incrementAndGet();
            }
            if (done % 100 == 0) {
                BackfillJob.View v = job.view();
                LOG.infof("backfill %d: %d/%s done, %.1f/s, ETA %s s", job.id, v.done(), v.total(), v.perSecond(),
                        v.etaSeconds());
            }
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
