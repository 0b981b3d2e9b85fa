package nl.kamerstroom.parse.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import nl.kamerstroom.events.EventTypes;
import nl.kamerstroom.events.LetterFailed;
import nl.kamerstroom.parse.pipeline.LetterPipeline;
import nl.kamerstroom.messaging.KafkaReaderConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The parse stage's dead letters on {@code letters.dlq}, and their replay: the record a dead letter
 * points at is fetched from {@code letters.fetched} and run through the pipeline again, which
 * publishes it or dead-letters it anew with the current reason. Reads with a consumer of its own
 * (assigned partitions, no group), so the pipeline's committed offsets are never touched.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final String PARSE_STAGE = "parse";
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    /** One dead letter of the parse stage and where it is on {@code letters.dlq}. */
    public record DeadLetter(String documentId, String reason, String errorType, String source, String contentType,
            String topic, int partition, long offset, Instant failedAt, int dlqPartition, long dlqOffset) {

        String reference() {
            return topic + "-" + partition + "@" + offset;
        }
    }

    /** What a replay did with one dead letter's record. */
    public record Replayed(String documentId, String topic, int partition, long offset, boolean parsed, String reason) {
    }

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @ConfigProperty(name = "kamerstroom.parse.admin.max-dlq-scan")
    int maxScan;

    @Inject
    ObjectMapper json;

    @Inject
    LetterPipeline pipeline;

    /** The parse stage's dead letters among the newest on the topic, newest first. */
    public List<DeadLetter> list() {
        List<DeadLetter> letters = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : readTail(EventTypes.TOPIC_LETTERS_DLQ)) {
            LetterFailed failed = read(record);
            if (failed != null && PARSE_STAGE.equals(failed.stage())) {
                letters.add(new DeadLetter(failed.documentId(), failed.reason(), failed.errorType(), failed.source(),
                        failed.contentType(), failed.topic(), failed.partition(), failed.offset(), failed.failedAt(),
                        record.partition(), record.offset()));
            }
        }
        letters.sort(Comparator.comparing(DeadLetter::failedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return letters;
    }

    /**
     * Re-parses the records of the newest {@code limit} parse-stage dead letters (of one document if
     * {@code documentId} is given), each record once even if it was dead-lettered several times.
     */
    public List<Replayed> replay(String documentId, int limit) {
        Map<String, DeadLetter> distinct = new LinkedHashMap<>();
        for (DeadLetter letter : list()) {
            if ((documentId == null || documentId.equals(letter.documentId()))
                    && EventTypes.TOPIC_LETTERS_FETCHED.equals(letter.topic()) && distinct.size() < limit) {
                distinct.putIfAbsent(letter.reference(), letter);
            }
        }
        List<Replayed> results = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            for (DeadLetter letter : distinct.values()) {
                ConsumerRecord<String, byte[]> record = fetch(consumer, letter);
                if (record == null) {
                    results.add(new Replayed(letter.documentId(), letter.topic(), letter.partition(), letter.offset(),
                            false, "the record is no longer on " + letter.topic() + " (retention)"));
                    continue;
                }
                LetterPipeline.Outcome outcome = pipeline.process(record);
                LOG.infof("replayed %s from %s: %s", letter.documentId(), letter.reference(),
                        outcome.parsed() ? "parsed" : "dead-lettered again: " + outcome.reason());
                results.add(new Replayed(letter.documentId(), letter.topic(), letter.partition(), letter.offset(),
                        outcome.parsed(), outcome.reason()));
            }
        }
        return results;
    }

    private ConsumerRecord<String, byte[]> fetch(KafkaConsumer<String, byte[]> consumer, DeadLetter letter) {
        TopicPartition partition = new TopicPartition(letter.topic(), letter.partition());
        consumer.assign(List.of(partition));
        if (consumer.beginningOffsets(List.of(partition)).get(partition) > letter.offset()
                || consumer.endOffsets(List.of(partition)).get(partition) <= letter.offset()) {
            return null;
        }
        consumer.seek(partition, letter.offset());
        Instant deadline = Instant.now().plus(READ_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                if (record.offset() == letter.offset()) {
                    return record;
                }
                if (record.offset() > letter.offset()) {
                    return null; // compacted away
                }
            }
        }
        throw new IllegalStateException("could not read " + letter.reference() + " within " + READ_TIMEOUT);
    }

    /** The newest {@code maxScan} records of each partition of {@code topic}. */
    private List<ConsumerRecord<String, byte[]>> readTail(String topic) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, READ_TIMEOUT);
            if (partitions == null || partitions.isEmpty()) {
                return records;
            }
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
            for (TopicPartition p : assigned) {
                consumer.seek(p, Math.max(begin.get(p), end.get(p) - maxScan));
            }
            Instant deadline = Instant.now().plus(READ_TIMEOUT);
            while (assigned.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + topic + " within " + READ_TIMEOUT);
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    private LetterFailed read(ConsumerRecord<String, byte[]> record) {
        try {
            return record.value() == null ? null : json.readValue(record.value(), LetterFailed.class);
        } catch (IOException e) {
            return null; // not ours to judge: another stage's or a foreign record
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        // a letters.fetched record may carry a 20 MB letter in base64
        Properties props = KafkaReaderConfig.reader(kafkaConfig, "parse-dlq-replay", 32 * 1024 * 1024);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
