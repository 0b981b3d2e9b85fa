package nl.kamerstroom.parse.reparse;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.time.Duration;

/** {@code kamerstroom.parse.reparse.*}: see application.properties' {@code ## Re-parse} block and the README. */
@ConfigMapping(prefix = "kamerstroom.parse.reparse")
public interface ReparseSettings {

    /** Re-parse threads (each a consumer in the job's group) per process. */
    int threads();

    /** After a live letter ends, how long the re-parse waits before it takes its next letter. */
    @WithName("live-gap")
    Duration liveGap();

    /** How often a thread commits its progress; a crash re-parses at most this much again. */
    @WithName("commit-interval")
    Duration commitInterval();

    /** Records a thread fetches at once. */
    @WithName("max-poll-records")
    int maxPollRecords();

    /** Pass over a record when a newer copy of its document is further on in the job. */
    @WithName("skip-older-copies")
    boolean skipOlderCopies();

    /** Documents per partition remembered for {@link #skipOlderCopies()}; more and every copy is parsed. */
    @WithName("max-index-keys")
    int maxIndexKeys();

    /** How often each replica looks at reparse.jobs and the job's progress. */
    @WithName("poll-interval")
    Duration pollInterval();
}
