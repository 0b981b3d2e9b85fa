package nl.kamerstroom.parse.read;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.parse.parser.Headings;
import nl.kamerstroom.parse.parser.LetterParser;

/**
 * A {@link StructuredLetter} to a {@link ParsedLetter}. The markup decides the structure: each
 * block's printed number (read with the parser's own number grammar, {@link Headings}), never its
 * position; a block without a number takes it from the sequence, with a warning. The metadata
 * (askers, offices, subject, zaak numbers, kind) comes from the header sentences, which read like
 * the typeset Aanhangsel's, through the text parser; dates marked up with {@code isodatum} win.
 */
final class StructuredLetters {

    private final LetterParser parser;

    StructuredLetters(LetterParser parser) {
        this.parser = parser;
    }

    ParsedLetter toParsedLetter(StructuredLetter s) {
        if (s.blocks.isEmpty() && s.fallbackText != null) {
            ParsedLetter text = parser.parse(s.fallbackText);
            return withDocumentNumber(text, s.documentNumber);
        }
        List<String> warnings = new ArrayList<>(s.warnings);
        Map<String, ParsedLetter.Question> questions = new LinkedHashMap<>();
        List<ParsedLetter.Answer> answers = new ArrayList<>();
        List<String> lastQuestionNumbers = List.of();
        int lastNumber = 0;
        for (StructuredLetter.Block block : s.blocks) {
            List<String> numbers = Headings.numbers(block.printedNumber());
            String text = String.join("\n\n", block.paragraphs());
            if (numbers.isEmpty()) {
                if (block.kind() == StructuredLetter.BlockKind.ANSWER && !lastQuestionNumbers.isEmpty()) {
                    numbers = lastQuestionNumbers;
                } else {
                    numbers = List.of(Integer.toString(lastNumber + 1));
                }
                warnings.add((block.kind() == StructuredLetter.BlockKind.QUESTION ? "question" : "answer")
                        + " without a number" + (block.printedNumber() == null ? "" : " ('" + block.printedNumber() + "')")
                        + "; took " + String.join(", ", numbers) + " from the sequence");
            }
            if (block.kind() == StructuredLetter.BlockKind.QUESTION) {
                for (String number : numbers) {
                    ParsedLetter.Question earlier = questions.get(number);
                    if (earlier != null) {
                        warnings.add("question " + number + " is printed twice; the texts are joined");
                        questions.put(number, new ParsedLetter.Question(number, earlier.text() + "\n\n" + text,
                                union(earlier.footnotes(), block.footnotes())));
                    } else {
                        questions.put(number, new ParsedLetter.Question(number, text, block.footnotes()));
                    }
                }
                lastQuestionNumbers = numbers;
            } else {
                answers.add(new ParsedLetter.Answer(numbers, text, block.footnotes()));
            }
            int numeric = numericPart(numbers.get(numbers.size() - 1));
            if (numeric > 0 && block.kind() == StructuredLetter.BlockKind.QUESTION) {
                lastNumber = numeric;
            }
        }
        for (ParsedLetter.Answer answer : answers) {
            for (String number : answer.questionNumbers()) {
                if (!questions.isEmpty() && !questions.containsKey(number)) {
                    warnings.add("answer names question " + number + ", which the document does not print");
                }
            }
        }
        for (ParsedLetter.Question question : questions.values()) {
            if (!answers.isEmpty() && answers.stream().noneMatch(a -> a.questionNumbers().contains(question.number()))) {
                warnings.add("question " + question.number() + " has no answer");
            }
        }
        Set<String> cited = new LinkedHashSet<>();
        questions.values().forEach(q -> cited.addAll(q.footnotes()));
        answers.forEach(a -> cited.addAll(a.footnotes()));
        for (String number : cited) {
            if (!s.footnotes.containsKey(number)) {
                warnings.add("footnote " + number + " is cited but its text is not in the document");
            }
        }

        ParsedLetter meta = parser.parse(metadataText(s));
        LetterKind kind = meta.kind();
        if (kind == LetterKind.OTHER || (kind == LetterKind.QUESTIONS && !answers.isEmpty())) {
            kind = questions.isEmpty() && answers.isEmpty() ? LetterKind.OTHER
                    : answers.isEmpty() ? LetterKind.QUESTIONS : LetterKind.ANSWER;
        }
        return new ParsedLetter(kind,
                s.documentNumber != null ? s.documentNumber : meta.documentNumber(),
                meta.zaakNumbers(), meta.ourReference(), meta.subject(),
                s.submittedDate != null ? s.submittedDate : meta.submittedDate(),
                s.receivedDate != null ? s.receivedDate : meta.receivedDate(),
                meta.letterDate(), meta.askers(), meta.addressees(), meta.answeredBy(),
                List.copyOf(questions.values()), answers, List.copyOf(s.footnotes.values()), capped(warnings), List.of());
    }

    /**
     * The header, remarks and headings as the text parser knows them from the Aanhangsel, without
     * question and answer texts: what the metadata is read from.
     */
    private static String metadataText(StructuredLetter s) {
        StringBuilder text = new StringBuilder();
        for (String line : s.header) {
            text.append(line).append("\n\n");
        }
        for (String remark : s.remarks) {
            text.append(remark).append("\n\n");
        }
        for (StructuredLetter.Block block : s.blocks) {
            List<String> numbers = Headings.numbers(block.printedNumber());
            String heading = block.kind() == StructuredLetter.BlockKind.QUESTION ? "Vraag" : "Antwoord";
            text.append(numbers.isEmpty() ? heading : heading + " " + String.join(" en ", numbers)).append("\n\n");
            text.append("…\n\n");
        }
        return text.toString();
    }

    static ParsedLetter withDocumentNumber(ParsedLetter letter, String documentNumber) {
        if (documentNumber == null || documentNumber.equals(letter.documentNumber())) {
            return letter;
        }
        return new ParsedLetter(letter.kind(), documentNumber, letter.zaakNumbers(), letter.ourReference(),
                letter.subject(), letter.submittedDate(), letter.receivedDate(), letter.letterDate(), letter.askers(),
                letter.addressees(), letter.answeredBy(), letter.questions(), letter.answers(), letter.footnotes(),
                letter.warnings(), letter.reviewReasons());
    }

    private static List<String> union(List<String> a, List<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static int numericPart(String number) {
        int i = 0;
        while (i < number.length() && i < 6 && Character.isDigit(number.charAt(i))) {
            i++;
        }
        return i == 0 ? -1 : Integer.parseInt(number.substring(0, i));
    }

    private static List<String> capped(List<String> warnings) {
        if (warnings.size() <= 50) {
            return warnings;
        }
        List<String> kept = new ArrayList<>(warnings.subList(0, 49));
        kept.add((warnings.size() - 49) + " more warnings left out");
        return kept;
    }
}
