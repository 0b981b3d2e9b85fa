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
    /**
     * Any other notice about a zaak's questions (a Mededeling that they were answered elsewhere,
     * were merged with others, and the like). It may reprint the questions, but it never asks them
     * again and never answers them: the zaak's questions stay as they were.
     */
    NOTICE,
    /** Anything else: memos, reports. Stored, but carries no questions. */
    OTHER
}
