package nl.kamerstroom.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.LetterParsed;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.events.SourceMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Builds parsed-letter events for store tests and publishes them on the real topic. */
public final class Letters {

    private static final AtomicInteger ZAAK = new AtomicInteger((int) (System.nanoTime() % 50_000));

    private Letters() {
    }

    /** A zaak number no other test uses (year 2099 never occurs in real data). */
    public static String newZaak() {
        return "2099Z" + String.format("%05d", ZAAK.incrementAndGet() % 100_000);
    }

    public static ParsedLetter letter(LetterKind kind, String zaak, LocalDate submitted, LocalDate date, String asker,
            String party, String ministry, List<ParsedLetter.Question> questions, List<ParsedLetter.Answer> answers) {
        return new ParsedLetter(kind, null, List.of(zaak), null, "Vragen over " + zaak, submitted, null, date,
                List.of(new ParsedLetter.Member(asker, party)), List.of(ministry),
                answers.isEmpty() ? List.of() : List.of(ministry), questions, answers, List.of(), List.of(), List.of());
    }

    public static ParsedLetter.Question q(String number, String text) {
        return new ParsedLetter.Question(number, text, List.of());
    }

    public static ParsedLetter.Answer a(String text, String... numbers) {
        return new ParsedLetter.Answer(List.of(numbers), text, List.of());
    }

    public static LetterParsed event(String documentId, String sha, ParsedLetter letter) {
        return new LetterParsed(documentId, sha, "test", null, "text/plain", Instant.now(), Instant.now(), "test",
                SourceMetadata.none(), letter);
    }

    public static void publish(String bootstrapServers, ObjectMapper json, LetterParsed... events) throws Exception {
        publishTo("letters.parsed", bootstrapServers, json, events);
    }

    /** As {@link #publish}, on {@code topic} (letters.reparsed, say). */
    public static void publishTo(String topic, String bootstrapServers, ObjectMapper json, LetterParsed... events)
            throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // parsed letters can be large (40 long questions answered together); the test broker takes them
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(nl.kamerstroom.testsupport.EmbeddedKafka.MAX_MESSAGE_BYTES));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            for (LetterParsed event : events) {
                producer.send(new ProducerRecord<>(topic, event.key(), json.writeValueAsString(event))).get();
            }
        }
    }

    /**
     * Records read back from a topic, as the consumer hands them to {@code LetterStore.store}: a
     * record that is not a parsed letter is a null value (the store dead-letters it).
     */
    public static org.apache.kafka.clients.consumer.ConsumerRecords<String, LetterParsed> records(ObjectMapper json,
            List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> topic) {
        java.util.Map<org.apache.kafka.common.TopicPartition,
                List<org.apache.kafka.clients.consumer.ConsumerRecord<String, LetterParsed>>> byPartition = topic.stream()
                .collect(java.util.stream.Collectors.groupingBy(
                        r -> new org.apache.kafka.common.TopicPartition(r.topic(), r.partition()),
                        java.util.stream.Collectors.mapping(r -> new org.apache.kafka.clients.consumer.ConsumerRecord<>(
                                r.topic(), r.partition(), r.offset(), r.key(), read(json, r.value())),
                                java.util.stream.Collectors.toCollection(java.util.ArrayList::new))));
        return new org.apache.kafka.clients.consumer.ConsumerRecords<>(byPartition, java.util.Map.of());
    }

    public static LetterParsed read(ObjectMapper json, String value) {
        try {
            // as the consumer's deserializer reads it: labels too long for their columns cut to fit
            return nl.kamerstroom.store.letter.LetterBounds.fit(json.readValue(value, LetterParsed.class));
        } catch (Exception unreadable) {
            return null;
        }
    }
}
