package nl.kamerstroom.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import nl.kamerstroom.events.EventTypes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far store-service's consumer group is behind on {@code letters.parsed}: a re-parse is done
 * when parse-service has published every letter and the store has taken them all.
 */
final class StoreLag {

    private static final String GROUP = "store-service";

    private StoreLag() {
    }

    /** Waits until the lag is 0 (checked every 2 s), at most {@code timeout}; returns the lag left. */
    static long await(String bootstrap, Duration timeout) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        Instant deadline = Instant.now().plus(timeout);
        try (Admin admin = Admin.create(props)) {
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                        .partitionsToOffsetAndMetadata().get();
                Set<TopicPartition> partitions = committed.keySet().stream()
                        .filter(p -> p.topic().equals(EventTypes.TOPIC_LETTERS_PARSED)).collect(Collectors.toSet());
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                        partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get();
                long lag = 0;
                for (TopicPartition p : partitions) {
                    lag += ends.get(p).offset() - committed.get(p).offset();
                }
                if (lag == 0 || Instant.now().isAfter(deadline)) {
                    return lag;
                }
                Thread.sleep(2_000);
            }
        }
    }
}
