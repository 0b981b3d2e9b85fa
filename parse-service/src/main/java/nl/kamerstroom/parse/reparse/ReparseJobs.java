package nl.kamerstroom.parse.reparse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import nl.kamerstroom.events.EventTypes;
import nl.kamerstroom.messaging.AcknowledgedSend;
import nl.kamerstroom.messaging.KafkaReaderConfig;
import nl.kamerstroom.parse.pipeline.LetterPipeline;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * The operator's re-parse of everything on letters.fetched, on every replica of the service. Each
 * one follows {@code reparse.jobs} (the job: which offsets, running or not) on a thread of its own
 * ({@code reparse-jobs}); while a job runs it runs {@code kamerstroom.parse.reparse.threads}
 * {@link ReparseWorker}s in the job's consumer group, so the replicas share the partitions and a
 * restart of any of them resumes from the group's committed offsets. When every partition's
 * committed offset has reached the job's end, the first replica to see it marks the job done.
 */
@ApplicationScoped
public class ReparseJobs {

    private static final Logger LOG = Logger.getLogger(ReparseJobs.class);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SEEN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RATE_WINDOW = Duration.ofSeconds(30);
    private static final Duration WORKER_RESTART_PAUSE = Duration.ofSeconds(5);
    /** What a re-parse consumer fetches ahead (a larger record still comes, alone): as the live consumers. */
    private static final int FETCH_BYTES = 8 * 1024 * 1024;

    /** What GET answers. {@code state} is {@code IDLE} before the first job. */
    public record Status(String id, String state, String parserVersion, Instant startedAt, Instant finishedAt,
            long total, long done, long failed, long skipped, Double lettersPerSecond, Long etaSeconds) {

        static final Status IDLE = new Status(null, "IDLE", null, null, null, 0, 0, 0, 0, null, null);
    }

    /** The answer to a POST: the job, and whether it was started now or was already running. */
    public record Started(Status status, boolean created) {
    }

    /** reparse.jobs has not been read to its end yet (the service is starting), so it is not known whether one runs. */
    public static final class NotReady extends Exception {
        NotReady(String why) {
            super(why);
        }
    }

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    ObjectMapper json;

    @Inject
    LetterPipeline pipeline;

    @Inject
    ReparseSettings settings;

    @Inject
    @Channel("reparse-jobs")
    Emitter<ReparseJob> jobsOut;

    @ConfigProperty(name = "mp.messaging.outgoing.reparse-jobs.topic")
    String jobsTopic;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String parserVersion;

    private volatile ReparseJob current;
    private volatile boolean caughtUp;
    private volatile Status status = Status.IDLE;
    private volatile boolean stopped;
    /** For the tests of resuming: while set, this replica runs no workers (as if it were down). */
    private volatile boolean suspended;
    private Thread watcher;

    // the watcher thread's own state
    private final List<Thread> threads = new ArrayList<>();
    private final List<ReparseWorker> workers = new ArrayList<>();
    private final Deque<long[]> samples = new ArrayDeque<>();
    private KafkaConsumer<String, byte[]> progressReader;
    private String progressGroup;
    private String markedDone;
    private long lastWorkerFailure;
    private String samplesOf;

    void start(@Observes StartupEvent started) {
        watcher = new Thread(this::watch, "reparse-jobs");
        watcher.setDaemon(true);
        watcher.start();
    }

    void stop(@Observes ShutdownEvent stopping) {
        stopped = true;
        synchronized (workers) {
            workers.forEach(ReparseWorker::stop);
        }
        join(Duration.ofSeconds(10));
    }

    /** The job and its progress as this replica last saw them (every {@code poll-interval}). */
    public Status status() throws NotReady {
        ready();
        return status;
    }

    /** Starts a job over letters.fetched up to its ends now, or answers the one that runs. */
    public synchronized Started start() throws NotReady {
        ready();
        ReparseJob running = current;
        if (running != null && running.state() == ReparseJob.State.RUNNING) {
            return new Started(status, false);
        }
        Map<Integer, Long> startOffsets = new HashMap<>();
        Map<Integer, Long> endOffsets = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer("parse-reparse-start")) {
            List<TopicPartition> partitions = partitions(consumer, EventTypes.TOPIC_LETTERS_FETCHED);
            consumer.beginningOffsets(partitions, KAFKA_TIMEOUT).forEach((p, o) -> startOffsets.put(p.partition(), o));
            consumer.endOffsets(partitions, KAFKA_TIMEOUT).forEach((p, o) -> endOffsets.put(p.partition(), o));
        }
        String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        ReparseJob job = new ReparseJob(id, ReparseJob.State.RUNNING, parserVersion, Instant.now(), null,
                startOffsets, endOffsets);
        publish(job);
        LOG.infof("re-parse %s started by the operator: %,d records of %s, parser %s", id, job.total(),
                EventTypes.TOPIC_LETTERS_FETCHED, parserVersion);
        return new Started(status, true);
    }

    /** Cancels the running job; {@code null} when none runs. Its progress stays (its group's offsets). */
    public synchronized Status cancel() throws NotReady {
        ready();
        ReparseJob running = current;
        if (running == null || running.state() != ReparseJob.State.RUNNING) {
            return null;
        }
        publish(running.ended(ReparseJob.State.CANCELLED, Instant.now()));
        LOG.infof("re-parse %s cancelled by the operator", running.id());
        return status;
    }

    /** For the tests (public for them only): stops this replica's workers ({@code crash}: without their last commit) and keeps them stopped. */
    public void suspend(boolean crash) {
        suspended = true;
        List<Thread> running;
        synchronized (workers) {
            workers.forEach(crash ? ReparseWorker::halt : ReparseWorker::stop);
            running = List.copyOf(threads);
        }
        for (Thread t : running) {
            try {
                t.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** For the tests (public for them only): runs workers again, as a restarted replica does. */
    public void resume() {
        suspended = false;
    }

    private void ready() throws NotReady {
        if (!caughtUp) {
            throw new NotReady("reading " + jobsTopic + " (the service is starting)");
        }
    }

    /** Sends the job's new state and waits until this replica's watcher has read it back. */
    private void publish(ReparseJob job) {
        try {
            AcknowledgedSend.send(jobsOut, job, ReparseJob.KEY).get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending the re-parse job", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the re-parse job could not be written to " + jobsTopic + ": " + e, e);
        }
        long deadline = System.nanoTime() + SEEN_TIMEOUT.toNanos();
        while (!seen(job)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the re-parse job was written but not read back from " + jobsTopic
                        + " within " + SEEN_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the re-parse job", e);
            }
        }
    }

    private boolean seen(ReparseJob job) {
        ReparseJob now = current;
        Status shown = status;
        return now != null && now.id().equals(job.id()) && now.state() == job.state() && job.id().equals(shown.id())
                && job.state().name().equals(shown.state());
    }

    // ---- the watcher thread ----

    private void watch() {
        while (!stopped) {
            try (KafkaConsumer<String, byte[]> consumer = consumer("parse-reparse-jobs")) {
                List<TopicPartition> partitions = partitions(consumer, jobsTopic);
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions, KAFKA_TIMEOUT);
                while (!stopped) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(settings.pollInterval())) {
                        if (ReparseJob.KEY.equals(record.key())) {
                            read(record).ifPresent(job -> current = job);
                        }
                    }
                    if (!caughtUp && partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
                        caughtUp = true;
                        ReparseJob job = current;
                        LOG.infof("re-parse jobs read: %s", job == null ? "none yet" : job.id() + " " + job.state());
                    }
                    if (caughtUp) {
                        reconcile();
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (stopped) {
                    return;
                }
                LOG.warnf("following %s failed (%s); trying again", jobsTopic, e.toString());
                sleep(Duration.ofSeconds(5));
            } finally {
                closeProgressReader();
            }
        }
        closeProgressReader();
    }

    private java.util.Optional<ReparseJob> read(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(json.readValue(record.value(), ReparseJob.class));
        } catch (IOException e) {
            LOG.warnf("ignored an unreadable re-parse job at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return java.util.Optional.empty();
        }
    }

    /** Runs the workers the job needs here, reads its progress, and marks it done when it is. */
    private void reconcile() {
        ReparseJob job = current;
        if (job == null) {
            stopWorkers();
            status = Status.IDLE;
            return;
        }
        boolean running = job.state() == ReparseJob.State.RUNNING;
        if (running && !suspended && !stopped) {
            ensureWorkers(job);
        } else {
            stopWorkers();
            if (!running && job.id().equals(status.id()) && job.state().name().equals(status.state())) {
                return; // an ended job's progress no longer changes
            }
        }
        Map<Integer, PartitionProgress> progress = progress(job);
        long done = 0;
        long failed = 0;
        long skipped = 0;
        for (int partition : job.endOffsets().keySet()) {
            PartitionProgress p = progress.get(partition);
            if (p != null) {
                done += Math.min(job.end(partition), p.next) - job.start(partition);
                failed += p.failed;
                skipped += p.skipped;
            }
        }
        long total = job.total();
        status = status(job, total, done, failed, skipped);
        if (running && done >= total && !job.id().equals(markedDone)) {
            markedDone = job.id();
            LOG.infof("re-parse %s done: %,d records, %,d dead-lettered, %,d older copies skipped", job.id(), total,
                    failed, skipped);
            try {
                AcknowledgedSend.send(jobsOut, job.ended(ReparseJob.State.DONE, Instant.now()), ReparseJob.KEY)
                        .get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                markedDone = null; // tried again on the next round
                LOG.warnf("could not mark re-parse %s done: %s", job.id(), e.toString());
            }
        }
    }

    private Status status(ReparseJob job, long total, long done, long failed, long skipped) {
        Double rate;
        if (job.state() == ReparseJob.State.RUNNING) {
            long now = System.nanoTime();
            if (!job.id().equals(samplesOf)) {
                samples.clear();
                samplesOf = job.id();
            }
            samples.addLast(new long[] {now, done});
            while (samples.size() > 2 && now - samples.peekFirst()[0] > RATE_WINDOW.toNanos()) {
                samples.removeFirst();
            }
            long[] first = samples.peekFirst();
            double seconds = (now - first[0]) / 1e9;
            rate = seconds < 0.5 ? null : (done - first[1]) / seconds;
        } else {
            samples.clear();
            double seconds = job.finishedAt() == null ? 0
                    : Duration.between(job.startedAt(), job.finishedAt()).toMillis() / 1000.0;
            rate = seconds <= 0 ? null : done / seconds;
        }
        Long eta = job.state() != ReparseJob.State.RUNNING ? Long.valueOf(0)
                : rate == null || rate <= 0 ? null : (long) Math.ceil((total - done) / rate);
        Double rounded = rate == null ? null : Math.round(rate * 10) / 10.0;
        return new Status(job.id(), job.state().name(), job.parserVersion(), job.startedAt(), job.finishedAt(), total,
                done, failed, skipped, rounded, eta);
    }

    /** The committed progress of the job's group, per partition. */
    private Map<Integer, PartitionProgress> progress(ReparseJob job) {
        if (!job.group().equals(progressGroup)) {
            closeProgressReader();
            Properties props = KafkaReaderConfig.reader(kafkaConfig, "parse-reparse-progress", FETCH_BYTES);
            props.put("group.id", job.group());
            progressReader = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
            progressGroup = job.group();
        }
        Set<TopicPartition> partitions = job.endOffsets().keySet().stream()
                .map(p -> new TopicPartition(EventTypes.TOPIC_LETTERS_FETCHED, p)).collect(Collectors.toSet());
        Map<TopicPartition, OffsetAndMetadata> committed = progressReader.committed(partitions, KAFKA_TIMEOUT);
        Map<Integer, PartitionProgress> progress = new HashMap<>();
        for (TopicPartition p : partitions) {
            progress.put(p.partition(), PartitionProgress.of(committed.get(p), job.start(p.partition())));
        }
        return progress;
    }

    private void ensureWorkers(ReparseJob job) {
        synchronized (workers) {
            for (int i = workers.size() - 1; i >= 0; i--) {
                boolean sameJob = workers.get(i).jobId().equals(job.id());
                if (!sameJob) {
                    workers.get(i).stop();
                }
                if (!threads.get(i).isAlive()) {
                    if (sameJob) {
                        lastWorkerFailure = System.nanoTime(); // it ended by itself: an error, logged
                    }
                    workers.remove(i);
                    threads.remove(i);
                }
            }
            boolean pauseOver = lastWorkerFailure == 0 || System.nanoTime() - lastWorkerFailure > WORKER_RESTART_PAUSE.toNanos();
            if (workers.size() < settings.threads() && pauseOver) {
                for (int i = workers.size(); i < settings.threads(); i++) {
                    String name = "reparse-" + job.id() + "-" + (i + 1);
                    ReparseWorker worker = new ReparseWorker(job, settings,
                            KafkaReaderConfig.reader(kafkaConfig, "parse-" + name, FETCH_BYTES), pipeline, name);
                    Thread thread = new Thread(() -> {
                        try {
                            worker.run();
                        } catch (RuntimeException e) {
                            LOG.errorf(e, "%s failed; it is started again", name);
                        }
                    }, name);
                    thread.setDaemon(true);
                    workers.add(worker);
                    threads.add(thread);
                    thread.start();
                }
            }
        }
    }

    private void stopWorkers() {
        synchronized (workers) {
            workers.forEach(ReparseWorker::stop);
            for (int i = workers.size() - 1; i >= 0; i--) {
                if (!threads.get(i).isAlive()) {
                    workers.remove(i);
                    threads.remove(i);
                }
            }
        }
    }

    private void join(Duration timeout) {
        List<Thread> running;
        synchronized (workers) {
            running = List.copyOf(threads);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : running) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                if (t.isAlive()) {
                    t.interrupt(); // a letter in hand stays uncommitted: read again after the restart
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void closeProgressReader() {
        if (progressReader != null) {
            progressReader.close();
            progressReader = null;
            progressGroup = null;
        }
    }

    private KafkaConsumer<String, byte[]> consumer(String clientId) {
        return new KafkaConsumer<>(KafkaReaderConfig.reader(kafkaConfig, clientId, FETCH_BYTES), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    private List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, KAFKA_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException(topic + " has no partitions (does the topic exist?)");
        }
        return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
