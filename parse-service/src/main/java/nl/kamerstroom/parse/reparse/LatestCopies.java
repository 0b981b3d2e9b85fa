package nl.kamerstroom.parse.reparse;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Where the newest copy of each document is on one partition of letters.fetched, within a job's
 * range: a record with a newer copy of its document (same key, higher offset) before the job's end
 * need not be parsed at all. Costs one read of the partition's range without decoding the letters
 * (the keys only), far cheaper than parsing them; on a compacted topic most older copies are gone
 * already, on the local stack's (not compacted) topic every upload of the same document is still there.
 */
final class LatestCopies {

    private static final Logger LOG = Logger.getLogger(LatestCopies.class);
    private static final Duration POLL = Duration.ofMillis(500);

    /** The values are not looked at: not even copied out of the fetched batch. */
    private static final class Ignored implements Deserializer<Void> {
        @Override
        public Void deserialize(String topic, byte[] data) {
            return null;
        }

        @Override
        public Void deserialize(String topic, Headers headers, ByteBuffer data) {
            return null;
        }
    }

    private final Map<String, Long> newest;

    private LatestCopies(Map<String, Long> newest) {
        this.newest = newest;
    }

    /** Nothing is known: every record is parsed. */
    static final LatestCopies NONE = new LatestCopies(Map.of());

    /** Whether a newer copy of the record's document comes later in the range. */
    boolean superseded(ConsumerRecord<String, ?> record) {
        Long latest = record.key() == null ? null : newest.get(record.key());
        return latest != null && latest > record.offset();
    }

    int documents() {
        return newest.size();
    }

    /**
     * The newest offset per key in {@code [from, end)} of {@code partition}; {@link #NONE} when the
     * partition holds more than {@code maxKeys} documents (the map would take too much memory) or
     * cannot be read within {@code timeout}: then every copy is parsed, which is only slower.
     */
    static LatestCopies scan(Properties reader, TopicPartition partition, long from, long end, int maxKeys,
            Duration timeout) {
        if (from >= end) {
            return NONE;
        }
        Map<String, Long> newest = new HashMap<>();
        Instant deadline = Instant.now().plus(timeout);
        Properties props = new Properties();
        props.putAll(reader);
        props.put("client.id", reader.getProperty("client.id", "parse-reparse") + "-keys");
        try (KafkaConsumer<String, Void> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new Ignored())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, from);
            while (consumer.position(partition) < end) {
                if (Instant.now().isAfter(deadline)) {
                    LOG.warnf("could not read the keys of %s up to offset %d within %d s; every copy of a document is re-parsed",
                            partition, end, timeout.toSeconds());
                    return NONE;
                }
                for (ConsumerRecord<String, Void> record : consumer.poll(POLL)) {
                    if (record.offset() < end && record.key() != null) {
                        newest.put(record.key(), record.offset());
                    }
                }
                if (newest.size() > maxKeys) {
                    LOG.warnf("%s holds more than %d documents (kamerstroom.parse.reparse.max-index-keys); every copy of "
                            + "a document is re-parsed", partition, maxKeys);
                    return NONE;
                }
            }
        }
        return new LatestCopies(newest);
    }
}
