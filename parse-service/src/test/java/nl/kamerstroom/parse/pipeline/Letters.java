package nl.kamerstroom.parse.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import nl.kamerstroom.events.LetterFetched;
import nl.kamerstroom.events.SourceMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Puts letters on {@code letters.fetched} as ingest does, keyed by document id. */
final class Letters {

    private final String bootstrapServers;
    private final ObjectMapper json;

    Letters(String bootstrapServers, ObjectMapper json) {
        this.bootstrapServers = bootstrapServers;
        this.json = json;
    }

    void send(String documentId, String contentType, byte[] content) throws Exception {
        send(Map.of(documentId, content), contentType);
    }

    /** Several letters through one producer, in the map's order. */
    void send(Map<String, byte[]> letters, String contentType) throws Exception {
        send(letters, contentType, java.time.Duration.ZERO);
    }

    /** As {@link #send(Map, String)}, {@code pause} apart: a live feed at a steady pace. */
    void send(Map<String, byte[]> letters, String contentType, java.time.Duration pause) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(32 * 1024 * 1024));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            for (Map.Entry<String, byte[]> letter : letters.entrySet()) {
                byte[] content = letter.getValue();
                String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
                LetterFetched event = new LetterFetched(letter.getKey(), "test", null, null, contentType, sha,
                        content.length, content, Instant.now(), SourceMetadata.none());
                producer.send(new ProducerRecord<>("letters.fetched", letter.getKey(), json.writeValueAsString(event))).get();
                Thread.sleep(pause.toMillis());
            }
        }
    }
}
