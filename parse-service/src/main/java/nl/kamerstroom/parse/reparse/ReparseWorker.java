package nl.kamerstroom.parse.reparse;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import nl.kamerstroom.events.EventTypes;
import nl.kamerstroom.parse.pipeline.LetterPipeline;
import nl.kamerstroom.parse.pipeline.ServiceStopping;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * One thread of a re-parse: a consumer in the job's group on letters.fetched, so that the threads of
 * every replica share the partitions, each record re-parsed once (at least once: after a crash the
 * records since the last commit, at most {@code commit-interval}'s worth, are re-parsed again).
 *
 * <p>It gives way to the live feed: before each letter it waits while a live letter is being parsed
 * or one ended less than {@code live-gap} ago, and it takes the memory budget only when it is free
 * (never waiting in the live consumers' queue for it). The parse itself runs under the same watchdog
 * as a live one. What it holds meanwhile is {@code max-poll-records} fetched records at most.
 */
final class ReparseWorker implements Runnable {

    private static final Logger LOG = Logger.getLogger(ReparseWorker.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(1);
    private static final Duration INDEX_TIMEOUT = Duration.ofMinutes(5);
    private static final long WAIT_MILLIS = 2;

    private final ReparseJob job;
    private final ReparseSettings settings;
    private final Properties reader;
    private final LetterPipeline pipeline;
    private final String name;

    private final Map<TopicPartition, PartitionProgress> owned = new HashMap<>();
    private final Map<TopicPartition, LatestCopies> copies = new HashMap<>();
    private final Set<TopicPartition> finished = new HashSet<>();
    private final Set<TopicPartition> changed = new HashSet<>();
    private KafkaConsumer<String, byte[]> consumer;
    private long lastCommit = System.nanoTime();
    private long lastPoll = System.nanoTime();
    /** Set by the rebalance listener: the records in hand may belong to partitions that moved. */
    private boolean rebalanced;

    private volatile boolean stopping;
    /** Stop without the last commit, as a killed process would: for the tests of resuming. */
    private volatile boolean halting;

    ReparseWorker(ReparseJob job, ReparseSettings settings, Properties reader, LetterPipeline pipeline, String name) {
        this.job = job;
        this.settings = settings;
        this.reader = reader;
        this.pipeline = pipeline;
        this.name = name;
    }

    String jobId() {
        return job.id();
    }

    /** Ends after the letter in hand, committing the progress. */
    void stop() {
        stopping = true;
    }

    /** Ends after the letter in hand without committing what was done since the last commit. */
    void halt() {
        halting = true;
        stopping = true;
    }

    @Override
    public void run() {
        Properties props = new Properties();
        props.putAll(reader);
        props.put("group.id", job.group());
        props.put("auto.offset.reset", "earliest");
        props.put("max.poll.records", String.valueOf(settings.maxPollRecords()));
        // the keys of a partition are read (LatestCopies) between two polls, and a letter may wait for the live feed
        props.put("max.poll.interval.ms", String.valueOf(Duration.ofMinutes(10).toMillis()));
        props.put("session.timeout.ms", "10000");
        props.put("heartbeat.interval.ms", "3000");
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = c;
            c.subscribe(List.of(EventTypes.TOPIC_LETTERS_FETCHED), new Listener());
            while (!stopping) {
                work(poll(POLL));
                if (!stopping) {
                    markFinished();
                }
                commitIfDue(false);
            }
            if (!halting) {
                commitIfDue(true);
            }
        } catch (ServiceStopping | WakeupException e) {
            LOG.infof("%s stopped: %s", name, e.getMessage());
        }
        LOG.infof("%s of re-parse %s ended", name, job.id());
    }

    private Iterable<ConsumerRecord<String, byte[]>> poll(Duration timeout) {
        lastPoll = System.nanoTime();
        return consumer.poll(timeout);
    }

    private void work(Iterable<ConsumerRecord<String, byte[]>> records) {
        rebalanced = false;
        boolean broken = false;
        for (ConsumerRecord<String, byte[]> record : records) {
            if (stopping || rebalanced) {
                broken = true;
                break;
            }
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            PartitionProgress progress = owned.get(partition);
            if (progress == null || finished.contains(partition) || record.offset() < progress.next) {
                continue;
            }
            if (record.offset() >= job.end(record.partition())) {
                finish(partition);
                continue;
            }
            handle(partition, progress, record);
            commitIfDue(false);
        }
        if (broken) {
            // the rest of the batch is dropped: read again from where each partition's progress is (also when
            // stopping: a partition whose position ran ahead of its progress must not look finished)
            for (Map.Entry<TopicPartition, PartitionProgress> p : owned.entrySet()) {
                if (!finished.contains(p.getKey())) {
                    consumer.seek(p.getKey(), p.getValue().next);
                }
            }
        }
    }

    private void handle(TopicPartition partition, PartitionProgress progress, ConsumerRecord<String, byte[]> record) {
        LatestCopies latest = copies.computeIfAbsent(partition, p -> settings.skipOlderCopies()
                ? LatestCopies.scan(reader, p, record.offset(), job.end(p.partition()), settings.maxIndexKeys(), INDEX_TIMEOUT)
                : LatestCopies.NONE);
        if (latest.superseded(record)) {
            progress.skipped++;
        } else {
            LetterPipeline.Outcome outcome;
            while (true) {
                awaitQuietLiveFeed();
                if (stopping || owned.get(partition) != progress) {
                    return; // not done (or the partition moved while waiting): read again by its owner
                }
                outcome = pipeline.reparseIfBudget(record);
                if (outcome != null) {
                    break;
                }
                pause(); // the memory budget is taken by live letters
            }
            if (outcome.parsed()) {
                progress.parsed++;
            } else {
                progress.failed++;
            }
        }
        progress.next = record.offset() + 1;
        changed.add(partition);
    }

    private void awaitQuietLiveFeed() {
        while (!stopping && pipeline.liveBusy(settings.liveGap())) {
            pause();
        }
    }

    private void pause() {
        try {
            Thread.sleep(WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
            return;
        }
        if (System.nanoTime() - lastPoll > KEEP_ALIVE.toNanos()) {
            keepAlive();
        }
    }

    /** A poll that fetches nothing, so that the group keeps the consumer while it waits for the live feed. */
    private void keepAlive() {
        Set<TopicPartition> assigned = consumer.assignment();
        consumer.pause(assigned);
        for (ConsumerRecord<String, byte[]> unwanted : poll(Duration.ZERO)) {
            // a partition assigned during this poll is not paused yet: read it again from its progress
            PartitionProgress progress = owned.get(new TopicPartition(unwanted.topic(), unwanted.partition()));
            if (progress != null) {
                consumer.seek(new TopicPartition(unwanted.topic(), unwanted.partition()), progress.next);
            }
        }
        Set<TopicPartition> resume = new HashSet<>(consumer.assignment());
        resume.removeAll(finished);
        consumer.resume(resume);
    }

    /** A partition is done when every record before the job's end was handed to us and handled. */
    private void markFinished() {
        for (TopicPartition partition : List.copyOf(owned.keySet())) {
            if (!finished.contains(partition) && consumer.position(partition) >= job.end(partition.partition())) {
                finish(partition);
            }
        }
    }

    private void finish(TopicPartition partition) {
        PartitionProgress progress = owned.get(partition);
        progress.next = Math.max(progress.next, job.end(partition.partition()));
        finished.add(partition);
        changed.add(partition);
        consumer.pause(List.of(partition));
        copies.remove(partition);
        LOG.infof("%s: re-parse %s done on %s: %d parsed, %d dead-lettered, %d older copies skipped", name, job.id(),
                partition, progress.parsed, progress.failed, progress.skipped);
        commitIfDue(true);
    }

    private void commitIfDue(boolean now) {
        if (changed.isEmpty() || halting || (!now && System.nanoTime() - lastCommit < settings.commitInterval().toNanos())) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : changed) {
            PartitionProgress progress = owned.get(partition);
            if (progress != null) {
                offsets.put(partition, progress.commit());
            }
        }
        consumer.commitSync(offsets);
        changed.clear();
        lastCommit = System.nanoTime();
    }

    private final class Listener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commitIfDue(true);
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions); // another member owns them already: nothing of theirs may be committed
        }

        private void forget(Collection<TopicPartition> partitions) {
            rebalanced = true;
            partitions.forEach(p -> {
                owned.remove(p);
                finished.remove(p);
                copies.remove(p);
                changed.remove(p);
            });
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            rebalanced = true;
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
            for (TopicPartition partition : partitions) {
                long start = job.start(partition.partition());
                PartitionProgress progress = PartitionProgress.of(committed.get(partition), start);
                owned.put(partition, progress);
                consumer.seek(partition, progress.next);
                if (progress.next >= job.end(partition.partition())) {
                    finished.add(partition);
                    consumer.pause(List.of(partition));
                }
            }
        }
    }
}
