package nl.kamerstroom.parse.parser;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the headings that open a question or an answer:
 * <ul>
 *   <li>questions: "Vraag 1", "Vraag 2 en 3", "Vragen 4 t/m 6", "Vraag 2a", "Vraag 1:",
 *       "Vraag nr. 3", "VRAAG 4";</li>
 *   <li>answers: "Antwoord 1", "Antwoord op vraag 1", "Antwoord op vragen 7, 8, en 9",
 *       "Antwoord vraag 7", "Antwoorden op de vragen 3–5", "Antwoord 2l", "Antwoord op Vraag 3",
 *       "Beantwoording van de vragen 11, 12 en 13".</li>
 * </ul>
 * The list of numbers is read by {@link QuestionNumbers} as a person reads it, irregular
 * punctuation included. A bare "Vraag" or "Antwoord" is a heading whose number was lost; it comes
 * with no numbers. Text printed on the same line after the heading ("Antwoord 1 Ja.", as some
 * extractors render it) counts only when it starts like a sentence, so that a wrapped line such as
 * "Vraag 3 van het lid X" inside a question is not taken for a heading.
 *
 * <p>A line that is plainly a heading but whose list the grammar cannot read ("Vraag 7 (deels)",
 * "Vraag 7, 8 of 9 *") still is a heading, with a doubt: its block must start there, or its text
 * would silently become part of the block before.
 */
final class HeadingRecogniser {

    /** "Vraag", "Vragen", "Vraag nr.", "VRAAG": what opens a question heading, up to its list. */
    private static final Pattern QUESTION = Pattern.compile(
            "^(?:Vra(?:ag|gen)|VRA(?:AG|GEN))\\s*(?:(?:nr|nummer)\\.?\\s*)?(?=\\d)");
    /**
     * "Antwoord", "Antwoord op (de) vraag/vragen", "Antwoorden", "Antwoord bij vraag",
     * "Beantwoording (van) (de) vraag/vragen", up to the list; the inner words in any case.
     */
    private static final Pattern ANSWER = Pattern.compile(
            "^(?:Antwoord(?:en)?|ANTWOORD(?:EN)?|Beantwoording)(?i:\\s+(?:op|bij|van|aan))?(?i:\\s+de)?"
                    + "(?i:\\s+vra(?:ag|gen))?\\s*(?:(?i:nr|nummer)\\.?\\s*)?(?=\\d)");
    /** The heading's own closing punctuation: "Vraag 1:", "Antwoord 2.", "Vraag 3 –". */
    private static final Pattern CLOSING = Pattern.compile("^\\s*(?:[:.]|[-–—](?=\\s))?");
    /**
     * What may follow an unreadable list in a line that is still a heading: numbers, brackets,
     * punctuation and the connecting words of a list, and nothing that reads as a sentence.
     */
    private static final Pattern HEADING_LEFTOVER = Pattern.compile(
            "^[\\d\\s,;:.&+/*()\\[\\]'\"’‘“”#°\\-–—]*(?:(?:\\b(?:en|of|tot|met|t/m|nr|vraag|vragen|deels|deel|sub|onder)\\b|[a-z]\\b)"
                    + "[\\d\\s,;:.&+/*()\\[\\]'\"’‘“”#°\\-–—]*){0,4}$");
    /** A heading with a doubtful tail is short; a longer line is a sentence that starts like one. */
    private static final int MAX_DOUBTFUL_HEADING = 60;

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
        if (first == 'V' && (line.startsWith("Vra") || line.startsWith("VRA"))) {
            pattern = QUESTION;
            kind = Heading.Kind.QUESTION;
        } else if ((first == 'A' && (line.startsWith("Antwoord") || line.startsWith("ANTWOORD")))
                || (first == 'B' && line.startsWith("Beantwoording"))) {
            pattern = ANSWER;
            kind = Heading.Kind.ANSWER;
        } else {
            return null;
        }
        Matcher m = pattern.matcher(line);
        // The prefix is a few words; the region bounds the work on pathological lines.
        m.region(0, Math.min(line.length(), 80));
        if (!m.lookingAt()) {
            return bareHeading(line);
        }
        QuestionNumbers.Reading list = QuestionNumbers.read(line, m.end());
        if (list == null) {
            return null;
        }
        Matcher closing = CLOSING.matcher(line).region(list.end(), line.length());
        int restFrom = closing.lookingAt() ? closing.end() : list.end();
        String printed = line.substring(0, list.end());
        String rest = line.substring(restFrom).strip();
        if (!rest.isEmpty() && restFrom == list.end() && !Character.isWhitespace(line.charAt(restFrom))) {
            // "Vraag 2April": the number runs into a word; not a heading.
            return null;
        }
        if (rest.isEmpty() || startsLikeSentence(rest)) {
            return new Heading(kind, list.numbers(), printed, rest, list.doubt());
        }
        if (line.length() <= MAX_DOUBTFUL_HEADING && HEADING_LEFTOVER.matcher(rest).matches()) {
            return new Heading(kind, numbersIn(line, m.end()), line, "",
                    "the list in '" + line + "' could not be read; taken as the numbers printed in it");
        }
        return null;
    }

    /** Every question number printed in the line from {@code from}, for a heading the grammar could not read. */
    private static List<String> numbersIn(String line, int from) {
        LinkedHashSet<String> numbers = new LinkedHashSet<>();
        for (int i = from; i < line.length(); i++) {
            if (Character.isDigit(line.charAt(i)) && (i == 0 || !Character.isLetterOrDigit(line.charAt(i - 1)))) {
                QuestionNumbers.Reading reading = QuestionNumbers.read(line, i);
                if (reading != null) {
                    numbers.addAll(reading.numbers());
                    i = reading.end() - 1;
                }
            }
        }
        return new ArrayList<>(numbers);
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
