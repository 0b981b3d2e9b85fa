package nl.kamerstroom.parse.parser;

import java.util.List;

/**
 * The parser's reading of question numbers, for the readers of structured formats (KOOP XML,
 * officielebekendmakingen HTML) that find a printed number in markup ({@code <nr>Vraag 2 en 3</nr>})
 * rather than in running text. One number grammar for every format: "2 en 3", "5, 6", "3 t/m 5",
 * "3–5", "2a", "7, 8, en 9".
 */
public final class Headings {

    private Headings() {
    }

    /**
     * The question numbers a printed heading or number names: "Vraag 2 en 3" → [2, 3],
     * "Antwoord op vragen 7 en 8" → [7, 8], "5, 6" → [5, 6], "Vraag" → []. Empty when it names none.
     */
    public static List<String> numbers(String printed) {
        if (printed == null) {
            return List.of();
        }
        String text = printed.strip().replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            return List.of();
        }
        if (Character.isDigit(text.charAt(0))) {
            QuestionNumbers.Reading reading = QuestionNumbers.read(text, 0);
            return reading == null ? List.of() : reading.numbers();
        }
        Heading heading = HeadingRecogniser.recognise(text);
        return heading == null ? List.of() : heading.numbers();
    }

    /** True when the line is a question heading ("Vraag 1", "Vragen 4 t/m 6"), with or without a number. */
    public static boolean isQuestionHeading(String line) {
        Heading heading = line == null ? null : HeadingRecogniser.recognise(line.strip());
        return heading != null && heading.kind() == Heading.Kind.QUESTION && heading.rest().isEmpty();
    }

    /** True when the line is an answer heading ("Antwoord 1", "Antwoord op vragen 7 en 8"). */
    public static boolean isAnswerHeading(String line) {
        Heading heading = line == null ? null : HeadingRecogniser.recognise(line.strip());
        return heading != null && heading.kind() == Heading.Kind.ANSWER && heading.rest().isEmpty();
    }

}
