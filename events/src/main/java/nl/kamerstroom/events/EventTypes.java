package nl.kamerstroom.events;

/**
 * CloudEvents {@code type} attributes and Kafka topic names: the one place they are spelled.
 * A breaking change to a record gets a new {@code .vN} type rather than a silent edit.
 */
public final class EventTypes {

    public static final String LETTER_FETCHED = "nl.kamerstroom.letter.fetched.v1";
    public static final String LETTER_PARSED = "nl.kamerstroom.letter.parsed.v1";
    public static final String QUESTION_PARSED = "nl.kamerstroom.question.parsed.v1";
    public static final String LETTER_FAILED = "nl.kamerstroom.letter.failed.v1";
    public static final String LETTER_DELETED = "nl.kamerstroom.letter.deleted.v1";

    public static final String ANSWER_PUBLISHED = "nl.kamerstroom.answer.published.v1";
    public static final String ANSWER_CHANGED = "nl.kamerstroom.answer.changed.v1";
    public static final String QUESTION_ASKED = "nl.kamerstroom.question.asked.v1";
    public static final String ZAAK_POSTPONED = "nl.kamerstroom.zaak.postponed.v1";
    public static final String ZAAK_WITHDRAWN = "nl.kamerstroom.zaak.withdrawn.v1";

    public static final String TOPIC_LETTERS_FETCHED = "letters.fetched";
    public static final String TOPIC_LETTERS_PARSED = "letters.parsed";
    public static final String TOPIC_QUESTIONS_PARSED = "questions.parsed";
    public static final String TOPIC_LETTERS_DLQ = "letters.dlq";
    public static final String TOPIC_LETTERS_DELETED = "letters.deleted";
    public static final String TOPIC_LETTERS_REPARSED = "letters.reparsed";
    public static final String TOPIC_ANSWERS_PUBLISHED = "answers.published";

    private EventTypes() {
    }
}
