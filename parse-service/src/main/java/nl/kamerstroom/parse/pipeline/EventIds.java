package nl.kamerstroom.parse.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import nl.kamerstroom.events.LetterParsed;

/**
 * CloudEvents ids of the events parse-service publishes for a letter, derived from what the events
 * say rather than drawn at random: the topic, the document, its content hash, the parser version
 * and the event's place in the letter (0 for the letter, the question's position for a question).
 *
 * <p>A letter parsed again with the same bytes by the same parser (its offset was not committed
 * before a restart or a rebalance, or one of its sends was retried after a broker outage) therefore
 * publishes events with the ids it published before, so a consumer recognises the copy as the same
 * event (CloudEvents: source + id identify an event) instead of counting a new one. New bytes or a
 * new parser give new ids: those are new events.
 */
final class EventIds {

    private EventIds() {
    }

    static String of(String topic, LetterParsed event, int index) {
        String name = topic + '\n' + event.documentId() + '\n' + event.sha256() + '\n' + event.parserVersion() + '\n'
                + index;
        // a name-based (version 3) UUID: the same name always gives the same id, on any replica
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
