package nl.kamerstroom.store.letter;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import nl.kamerstroom.events.LetterDeleted;

/** JSON to {@link LetterDeleted} with the application's object mapper. */
public class LetterDeletedDeserializer extends ObjectMapperDeserializer<LetterDeleted> {
    public LetterDeletedDeserializer() {
        super(LetterDeleted.class);
    }
}
