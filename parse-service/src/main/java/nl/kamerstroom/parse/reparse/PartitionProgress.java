package nl.kamerstroom.parse.reparse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * A job's progress on one partition of letters.fetched: the next offset to re-parse, and what became
 * of the records before it. Committed together, as the offset and its metadata of the job's group,
 * so that the counts always match the offset, whichever replica or restart committed them.
 */
final class PartitionProgress {

    /** The commit metadata: {@code parsed=12,failed=1,skipped=3}. */
    private static final Pattern COUNTS = Pattern.compile("parsed=(?<parsed>\\d+),failed=(?<failed>\\d+),skipped=(?<skipped>\\d+)");

    long next;
    long parsed;
    long failed;
    /** Older copies of a document passed over: a newer copy in the job's range is re-parsed instead. */
    long skipped;

    PartitionProgress(long next) {
        this.next = next;
    }

    /** From a commit of the job's group; {@code null} (nothing committed yet): from {@code start}. */
    static PartitionProgress of(OffsetAndMetadata committed, long start) {
        if (committed == null) {
            return new PartitionProgress(start);
        }
        PartitionProgress progress = new PartitionProgress(Math.max(start, committed.offset()));
        Matcher counts = COUNTS.matcher(committed.metadata() == null ? "" : committed.metadata());
        if (counts.matches()) {
            progress.parsed = Long.parseLong(counts.group("parsed"));
            progress.failed = Long.parseLong(counts.group("failed"));
            progress.skipped = Long.parseLong(counts.group("skipped"));
        }
        return progress;
    }

    OffsetAndMetadata commit() {
        return new OffsetAndMetadata(next, "parsed=" + parsed + ",failed=" + failed + ",skipped=" + skipped);
    }
}
