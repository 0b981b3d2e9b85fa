package nl.kamerstroom.system;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows a topic from its beginning for as long as a test runs, without a consumer group, and
 * keeps what each record says in a list the test can look at: key, CloudEvent id, headers and
 * the start of the value. One reader for the whole test instead of rereading the topic (letters
 * on the DLQ can be 20 MB each); a broker restart only pauses it.
 */
final class TopicTail implements AutoCloseable {

    /** Values are kept up to this many bytes: enough for a LetterFailed, not for a letter. */
    private static final int KEPT_VALUE_BYTES = 64 * 1024;

    record Seen(String key, String ceId, Map<String, String> headers, String value, int valueBytes, Instant at) {
    }

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    TopicTail(String bootstrapServers, String topic) {
        this.topic = topic;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(32 * 1024 * 1024));
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(32 * 1024 * 1024));
        props.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        poller = new Thread(this::run, "tail-" + topic);
        poller.setDaemon(true);
        poller.start();
    }

    private void run() {
        try {
            // the topic may not exist yet: assign its partitions once it does
            List<TopicPartition> partitions = List.of();
            while (running && partitions.isEmpty()) {
                try {
                    var info = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                    if (info != null && !info.isEmpty()) {
                        partitions = info.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
                        continue;
                    }
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    // broker busy or away: ask again
                }
                try {
                    Thread.sleep(500); // paces the reader's own loop until the topic exists
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    seen.add(seen(record));
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            System.err.println("tail of " + topic + " stopped: " + e);
        } finally {
            consumer.close(Duration.ofSeconds(5)); // a consumer is used, and closed, by one thread only
        }
    }

    private static Seen seen(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null
                    : Client.abbreviate(new String(header.value(), StandardCharsets.UTF_8)));
        }
        byte[] value = record.value() == null ? new byte[0] : record.value();
        String kept = new String(value, 0, Math.min(value.length, KEPT_VALUE_BYTES), StandardCharsets.UTF_8);
        return new Seen(record.key(), headers.get("ce_id"), headers, kept, value.length, Instant.now());
    }

    /** Everything seen so far. */
    List<Seen> records() {
        return new ArrayList<>(seen);
    }

    List<Seen> withKey(String key) {
        return seen.stream().filter(s -> key.equals(s.key())).toList();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
