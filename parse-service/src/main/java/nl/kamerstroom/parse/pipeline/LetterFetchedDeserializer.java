package nl.kamerstroom.parse.pipeline;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import nl.kamerstroom.events.LetterFetched;

/** JSON to {@link LetterFetched} with the application's object mapper (ISO dates, records). */
public class LetterFetchedDeserializer extends ObjectMapperDeserializer<LetterFetched> {
    public LetterFetchedDeserializer() {
        super(LetterFetched.class);
    }
}
