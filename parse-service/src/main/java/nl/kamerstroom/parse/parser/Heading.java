package nl.kamerstroom.parse.parser;

import java.util.List;

/**
 * A recognised "Vraag …" or "Antwoord …" heading.
 *
 * @param kind    question or answer
 * @param numbers the printed question numbers it names, ranges expanded: "7 en 8" → [7, 8];
 *                empty when the number was lost ("Antwoord" alone)
 * @param printed the heading as printed, without any text that followed it on the same line
 * @param rest    text printed on the same line after the heading ("Antwoord 1 Ja."), or ""
 * @param doubt   null when the heading was read as printed; otherwise what had to be guessed to
 *                read its numbers, for a person to check
 */
record Heading(Kind kind, List<String> numbers, String printed, String rest, String doubt) {

    enum Kind {
        QUESTION, ANSWER
    }

    Heading {
        numbers = List.copyOf(numbers);
    }

    Heading(Kind kind, List<String> numbers, String printed, String rest) {
        this(kind, numbers, printed, rest, null);
    }

    /** "Antwoord" printed without a number. */
    boolean numberless() {
        return numbers.isEmpty();
    }
}
