package nl.kamerstroom.events;

/** What a parsed document is, from the reader's point of view. */
public enum LetterKind {
    /** The government's answers to written questions. */
    ANSWER,
    /** A further answer (nader antwoord) to questions answered before. */
    FURTHER_ANSWER,
    /** The questions alone, as asked. */
    QUESTIONS,
    /** A notice that the answer will be later than the three-week term. */
    POSTPONEMENT,
    /** Questions withdrawn by the member who asked them. */
    WITHDRAWAL,
    /** Anything else: memos, reports. Stored, but carries no questions. */
    OTHER
}
