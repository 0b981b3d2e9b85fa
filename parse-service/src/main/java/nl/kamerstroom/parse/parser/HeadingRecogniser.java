package nl.kamerstroom.parse.parser;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the headings that open a question or an answer:
 * <ul>
 *   <li>questions: "Vraag 1", "Vraag 2 en 3", "Vragen 4 t/m 6", "Vraag 2a", "Vraag 1:"</li>
 *   <li>answers: "Antwoord 1", "Antwoord op vraag 1", "Antwoord op vragen 7 en 8",
 *       "Antwoord vraag 7", "Antwoorden op de vragen 3–5", "Antwoord 2l"</li>
 * </ul>
 * A bare "Vraag" or "Antwoord" is a heading whose number was lost; it comes with no numbers.
 * Text printed on the same line after the heading ("Antwoord 1 Ja.", as some extractors render it)
 * counts only when it starts like a sentence, so that a wrapped line such as "Vraag 3 van het lid
 * X" inside a question is not taken for a heading.
 */
final class HeadingRecogniser {

    private static final Pattern QUESTION = Pattern.compile(
            "^(Vra(?:ag|gen)\\s+(?:nr\\.?\\s*)?(" + QuestionNumbers.LIST + "))\\s*[:.]?(?:\\s+(.*))?$");
    private static final Pattern ANSWER = Pattern.compile(
            "^(Antwoord(?:en)?(?:\\s+op)?(?:\\s+de)?(?:\\s+vra(?:ag|gen))?\\s+(" + QuestionNumbers.LIST + "))\\s*[:.]?(?:\\s+(.*))?$");

    private HeadingRecogniser() {
    }

    /** The heading this line is, or {@code null}. */
    static Heading recognise(String line) {
        if (line.length() < 7) {
            return bareHeading(line);
        }
        char first = line.charAt(0);
        Pattern pattern;
        Heading.Kind kind;
        if (first == 'V' && line.startsWith("Vra")) {
            pattern = QUESTION;
            kind = Heading.Kind.QUESTION;
        } else if (first == 'A' && line.startsWith("Antwoord")) {
            pattern = ANSWER;
            kind = Heading.Kind.ANSWER;
        } else {
            return null;
        }
        // Headings are short; bound the work on pathological lines.
        String probe = line.length() > 2000 ? line.substring(0, 2000) : line;
        Matcher m = pattern.matcher(probe);
        if (!m.matches()) {
            return bareHeading(line);
        }
        String rest = m.group(3) == null ? "" : m.group(3);
        if (!rest.isEmpty() && !startsLikeSentence(rest)) {
            return null;
        }
        if (probe != line) {
            rest = rest + line.substring(probe.length());
        }
        List<String> numbers = QuestionNumbers.parse(m.group(2));
        if (numbers.isEmpty()) {
            return null;
        }
        return new Heading(kind, numbers, m.group(1), rest);
    }

    /**
     * "Antwoord" or "Vraag" alone: a heading whose number the extraction lost. It has no numbers;
     * the assembler takes them from the sequence.
     */
    private static Heading bareHeading(String line) {
        String word = line.endsWith(":") ? line.substring(0, line.length() - 1).strip() : line;
        return switch (word) {
            case "Vraag" -> new Heading(Heading.Kind.QUESTION, List.of(), word, "");
            case "Antwoord" -> new Heading(Heading.Kind.ANSWER, List.of(), word, "");
            default -> null;
        };
    }

    private static boolean startsLikeSentence(String rest) {
        char c = rest.charAt(0);
        return Character.isUpperCase(c) || "«\"'‘“(".indexOf(c) >= 0;
    }
}
