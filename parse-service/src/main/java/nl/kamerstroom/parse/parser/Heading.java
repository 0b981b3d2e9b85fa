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
 */
record Heading(Kind kind, List<String> numbers, String printed, String rest) {

    enum Kind {
        QUESTION, ANSWER
    }

    Heading {
        numbers = List.copyOf(numbers);
    }

    /** "Antwoord" printed without a number. */
    boolean numberless() {
        return numbers.isEmpty();
    }
}
