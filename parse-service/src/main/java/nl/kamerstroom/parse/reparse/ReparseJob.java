package nl.kamerstroom.parse.reparse;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One re-parse as every parse replica sees it on {@code reparse.jobs} (one record per change, keyed
 * {@link #KEY}; the newest is the job): which records of {@code letters.fetched} it covers (from
 * {@code startOffsets} to {@code endOffsets} per partition, the topic's ends at the moment of the
 * POST) and whether it runs. Its progress is not here: it is the committed offsets of its consumer
 * group {@link #group()}, so that it survives any restart and is shared by the replicas.
 *
 * @param id            short random id; names the consumer group
 * @param state         {@code RUNNING}, {@code DONE} or {@code CANCELLED}
 * @param parserVersion the version of the parse-service that started it
 * @param startedAt     when it was started
 * @param finishedAt    when it was done or cancelled, else {@code null}
 * @param startOffsets  per partition of letters.fetched: the first offset on the topic at the start
 * @param endOffsets    per partition: the end at the start; records from here on are not part of it
 */
public record ReparseJob(String id, State state, String parserVersion, Instant startedAt, Instant finishedAt,
        Map<Integer, Long> startOffsets, Map<Integer, Long> endOffsets) {

    /** The key of every record on reparse.jobs: one job at a time, compaction keeps the newest. */
    static final String KEY = "reparse";

    /** The consumer groups' prefix: the parse-service's own (its Kafka ACL allows groups by that prefix). */
    static final String GROUP_PREFIX = "parse-service-reparse-";

    /** Where a job is. ({@code IDLE} is what GET answers when there has never been one.) */
    public enum State {
        RUNNING, DONE, CANCELLED
    }

    public ReparseJob {
        startOffsets = startOffsets == null ? Map.of() : new TreeMap<>(startOffsets);
        endOffsets = endOffsets == null ? Map.of() : new TreeMap<>(endOffsets);
    }

    /** The consumer group whose committed offsets are the job's progress. */
    public String group() {
        return GROUP_PREFIX + id;
    }

    /** The first offset of {@code partition} the job covers. */
    long start(int partition) {
        return startOffsets.getOrDefault(partition, 0L);
    }

    /** The end of {@code partition} for the job; a partition added after the start has none (0): not part of it. */
    long end(int partition) {
        return Math.max(start(partition), endOffsets.getOrDefault(partition, 0L));
    }

    /** Records (offsets) the job covers. */
    long total() {
        return endOffsets.keySet().stream().mapToLong(p -> end(p) - start(p)).sum();
    }

    ReparseJob ended(State to, Instant at) {
        return new ReparseJob(id, to, parserVersion, startedAt, at, startOffsets, endOffsets);
    }
}
