package nl.kamerstroom.store.letter;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import nl.kamerstroom.events.LetterParsed;

/** JSON to {@link LetterParsed} with the application's object mapper (ISO dates, records). */
public class LetterParsedDeserializer extends ObjectMapperDeserializer<LetterParsed> {
    public LetterParsedDeserializer() {
        super(LetterParsed.class);
    }
}
