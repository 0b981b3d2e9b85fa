package nl.kamerstroom.store.letter;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import nl.kamerstroom.events.LetterParsed;
import org.apache.kafka.common.header.Headers;

/**
 * JSON to {@link LetterParsed} with the application's object mapper (ISO dates, records), with
 * labels too long for their columns cut to fit ({@link LetterBounds}).
 */
public class LetterParsedDeserializer extends ObjectMapperDeserializer<LetterParsed> {
    public LetterParsedDeserializer() {
        super(LetterParsed.class);
    }

    @Override
    public LetterParsed deserialize(String topic, byte[] data) {
        return LetterBounds.fit(super.deserialize(topic, data));
    }

    @Override
    public LetterParsed deserialize(String topic, Headers headers, byte[] data) {
        return LetterBounds.fit(super.deserialize(topic, headers, data));
    }
}
