package nl.kamerstroom.store.dlq;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import nl.kamerstroom.events.EventTypes;
import nl.kamerstroom.events.LetterFailed;
import nl.kamerstroom.events.LetterParsed;
import nl.kamerstroom.messaging.KafkaReaderConfig;
import nl.kamerstroom.store.letter.LetterBounds;
import nl.kamerstroom.store.letter.LetterStore;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The store's dead letters, read back from {@code letters.dlq}, and their replay: each store-stage
 * entry points at its {@code letters.parsed} record (topic, partition, offset), which is fetched
 * and stored again through {@link LetterStore#storeAll}, the consumer's own path. Replaying is
 * idempotent (a letter already stored with the same content changes nothing); a letter that fails
 * again for the same reason is dead-lettered again. Entries are read with assigned partitions and
 * no consumer group, so reading changes nothing on the broker.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    static final String STAGE = "store";

    @Inject
    ObjectMapper json;

    @Inject
    LetterStore store;

    @Inject
    EntityManager em;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @ConfigProperty(name = "kamerstroom.dlq.max-entries", defaultValue = "10000")
    int maxEntries;

    /** One dead letter of the store, with whether the letter has been stored since. */
    public record Entry(String documentId, String sha256, String reason, String errorType, String topic, int partition,
            long offset, Instant failedAt, int times, boolean storedSince) {
    }

    /** What a replay did. */
    public record Replay(int entries, int replayed, int missing, int storedNow, List<String> stillFailing) {
    }

    /** Store-stage dead letters, one per input record (the newest reason), oldest first. */
    public List<Entry> list() {
        Map<String, Entry> byInput = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : readAll(EventTypes.TOPIC_LETTERS_DLQ, maxEntries)) {
            LetterFailed f;
            try {
                f = json.readValue(r.value(), LetterFailed.class);
            } catch (IOException | RuntimeException e) {
                continue; // another stage's format, or not ours to judge
            }
            if (f == null || !STAGE.equals(f.stage()) || f.topic() == null) {
                continue;
            }
            String input = f.topic() + "-" + f.partition() + "@" + f.offset();
            Entry before = byInput.remove(input);
            byInput.put(input, new Entry(f.documentId(), f.sha256(), f.reason(), f.errorType(), f.topic(), f.partition(),
                    f.offset(), f.failedAt(), before == null ? 1 : before.times() + 1, false));
        }
        return byInput.values().stream().map(e -> new Entry(e.documentId(), e.sha256(), e.reason(), e.errorType(),
                e.topic(), e.partition(), e.offset(), e.failedAt(), e.times(), stored(e))).toList();
    }

    /** Stores every listed letter that has not been stored since, in the order they failed. */
    public Replay replay() {
        List<Entry> entries = list();
        List<ConsumerRecord<String, LetterParsed>> records = new ArrayList<>();
        int missing = 0;
        List<Entry> pending = entries.stream().filter(e -> !e.storedSince()).toList();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props(), new StringDeserializer(),
                new StringDeserializer())) {
            for (Entry e : pending) {
                ConsumerRecord<String, LetterParsed> r = fetch(consumer, e);
                if (r == null) {
                    missing++; // deleted by retention: nothing left to replay
                    LOG.warnf("dead letter %s at %s-%d@%d: the record is no longer on the topic", e.documentId(),
                            e.topic(), e.partition(), e.offset());
                } else {
                    records.add(r);
                }
            }
        }
        for (ConsumerRecord<String, LetterParsed> r : records) {
            store.storeAll(List.of(r)); // one by one: a letter that fails again is dead-lettered again, alone
        }
        List<String> stillFailing = new ArrayList<>();
        int storedNow = 0;
        for (Entry e : pending) {
            if (stored(e)) {
                storedNow++;
            } else {
                stillFailing.add(e.documentId());
            }
        }
        LOG.infof("replayed %d dead letters: %d stored, %d still failing, %d no longer on the topic", records.size(),
                storedNow, stillFailing.size(), missing);
        return new Replay(entries.size(), records.size(), missing, storedNow, stillFailing);
    }

    private boolean stored(Entry e) {
        if (e.documentId() == null) {
            return false;
        }
        // with the content that failed, if known: an older version of the letter does not count
        String sql = e.sha256() == null ? "SELECT count(*) FROM letter WHERE document_id = :d AND :sha IS NOT NULL"
                : "SELECT count(*) FROM letter WHERE document_id = :d AND sha256 = :sha";
        String sha = e.sha256() == null ? "" : e.sha256();
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql)
                .setParameter("d", e.documentId()).setParameter("sha", sha).getSingleResult()).longValue() > 0);
    }

    private ConsumerRecord<String, LetterParsed> fetch(KafkaConsumer<String, String> consumer, Entry e) {
        TopicPartition tp = new TopicPartition(e.topic(), e.partition());
        consumer.assign(List.of(tp));
        consumer.seek(tp, e.offset());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.offset() == e.offset()) {
                    // read as the consumer reads it: what cannot be read is a null value, dead-lettered again
                    return new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.key(), parse(r.value()));
                }
                if (r.offset() > e.offset()) {
                    return null; // compacted or deleted: the topic moved on without it
                }
            }
            if (consumer.position(tp) > e.offset()) {
                return null;
            }
        }
        return null;
    }

    private LetterParsed parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return LetterBounds.fit(json.readValue(value, LetterParsed.class));
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    private List<ConsumerRecord<String, String>> readAll(String topic, int max) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props(), new StringDeserializer(),
                new StringDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (partitions == null || partitions.isEmpty()) {
                return records;
            }
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(assigned);
            // the newest max entries across partitions, roughly: each partition contributes its tail
            for (TopicPartition tp : assigned) {
                consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - max));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!reached(consumer, end) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        records.sort((a, b) -> Long.compare(a.timestamp(), b.timestamp()));
        return records.size() > max ? records.subList(records.size() - max, records.size()) : records;
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private Properties props() {
        Properties props = KafkaReaderConfig.reader(kafkaConfig, "store-dlq-replay", 33554432);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        return props;
    }
}
