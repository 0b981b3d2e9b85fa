package nl.kamerstroom.ingest.intake;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import nl.kamerstroom.messaging.KafkaReaderConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads ingest's own topics back to answer one question: is this event already there? Asked only
 * for a ledger row claimed but never marked (a letter published, a deletion sent), i.e. after the
 * process stopped between Kafka's acknowledgement and the mark; reading from the claim's time
 * onwards makes the answer exact and cheap, so a restart neither loses nor repeats an event.
 */
@ApplicationScoped
public class PublishedLetters {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * Each metadata call waits no longer than a send would: with the broker down, the caller (an upload
     * retried during the outage) gets its 503 after the publish timeout, not after half a minute.
     */
    @ConfigProperty(name = "kamerstroom.ingest.publish-timeout", defaultValue = "10s")
    Duration metadataTimeout;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @ConfigProperty(name = "mp.messaging.outgoing.letters-fetched.topic", defaultValue = "letters.fetched")
    String fetchedTopic;

    @ConfigProperty(name = "mp.messaging.outgoing.letters-deleted.topic", defaultValue = "letters.deleted")
    String deletedTopic;

    /** Whether {@code letters.fetched} has this content under this document id since then. */
    public boolean contains(String documentId, String sha256, Instant since) {
        return find(fetchedTopic, documentId, "\"sha256\":\"" + sha256 + "\"", since);
    }

    /** Whether {@code letters.deleted} has a deletion of this document since then. */
    public boolean containsDeletion(String documentId, Instant since) {
        return find(deletedTopic, documentId, "\"documentId\":\"" + documentId + "\"", since);
    }

    /**
     * @throws LetterIntake.PublishFailedException when the topic cannot be read: the caller must not
     *         guess, it tries again later
     */
    private boolean find(String topic, String documentId, String marker, Instant since) {
        Properties props = KafkaReaderConfig.reader(kafkaConfig, "ingest-publish-recovery", 33554432);
        Instant deadline = Instant.now().plus(TIMEOUT);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, metadataTimeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(p -> query.put(p, since.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, metadataTimeout);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, metadataTimeout);
            Map<TopicPartition, Long> remaining = new HashMap<>();
            for (TopicPartition p : partitions) {
                OffsetAndTimestamp start = starts.get(p);
                if (start != null && start.offset() < ends.get(p)) {
                    consumer.seek(p, start.offset());
                    remaining.put(p, ends.get(p));
                }
            }
            consumer.assign(remaining.keySet());
            while (!remaining.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new LetterIntake.PublishFailedException("could not read " + topic + " back within " + TIMEOUT
                            + " to check " + documentId, null);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (documentId.equals(record.key()) && record.value() != null && record.value().contains(marker)) {
                        return true;
                    }
                }
                remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
            return false;
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new LetterIntake.PublishFailedException("could not read " + topic + " back to check " + documentId
                    + ": " + e, e);
        }
    }
}
