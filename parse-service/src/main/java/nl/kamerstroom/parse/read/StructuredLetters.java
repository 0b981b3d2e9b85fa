package nl.kamerstroom.parse.read;

import java.util.ArrayList;
import java.util.HashSet;
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

    /** Block headings given to the text parser with the header, for the metadata (the kind of letter). */
    private static final int MAX_METADATA_HEADINGS = 200;

    private final LetterParser parser;

    StructuredLetters(LetterParser parser) {
        this.parser = parser;
    }

    ParsedLetter toParsedLetter(StructuredLetter s) {
        if (s.blocks.isEmpty() && s.fallbackText != null) {
            ParsedLetter text = parser.parse(s.fallbackText);
            return withDocumentNumber(text, s.documentNumber);
        }
        Warnings warnings = new Warnings(s.warnings);
        // a number printed again is joined to its first printing; the parts are collected and joined
        // once at the end (joining as they come copied the text so far each time: quadratic)
        Map<String, QuestionParts> questions = new LinkedHashMap<>();
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
                    QuestionParts earlier = questions.get(number);
                    if (earlier != null) {
                        warnings.add("question " + number + " is printed twice; the texts are joined");
                        earlier.add(text, block.footnotes());
                    } else {
                        questions.put(number, new QuestionParts(text, block.footnotes()));
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
        Set<String> answered = new HashSet<>();
        for (ParsedLetter.Answer answer : answers) {
            for (String number : answer.questionNumbers()) {
                answered.add(number);
                if (!questions.isEmpty() && !questions.containsKey(number)) {
                    warnings.add("answer names question " + number + ", which the document does not print");
                }
            }
        }
        List<ParsedLetter.Question> printed = new ArrayList<>(questions.size());
        for (Map.Entry<String, QuestionParts> question : questions.entrySet()) {
            if (!answers.isEmpty() && !answered.contains(question.getKey())) {
                warnings.add("question " + question.getKey() + " has no answer");
            }
            printed.add(question.getValue().toQuestion(question.getKey()));
        }
        Set<String> cited = new LinkedHashSet<>();
        printed.forEach(q -> cited.addAll(q.footnotes()));
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
                List.copyOf(printed), answers, List.copyOf(s.footnotes.values()), warnings.list(), List.of(),
                meta.answeredByOfficials());
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
        int headings = 0;
        for (StructuredLetter.Block block : s.blocks) {
            if (++headings > MAX_METADATA_HEADINGS) {
                break; // the metadata is in the header; enough headings to tell the kind of letter
            }
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
                letter.warnings(), letter.reviewReasons(), letter.answeredByOfficials());
    }

    private static int numericPart(String number) {
        int i = 0;
        while (i < number.length() && i < 6 && Character.isDigit(number.charAt(i))) {
            i++;
        }
        return i == 0 ? -1 : Integer.parseInt(number.substring(0, i));
    }

    /** A question printed once or more: its texts and footnotes in order of printing. */
    private static final class QuestionParts {
        private final List<String> texts = new ArrayList<>();
        private final Set<String> footnotes = new LinkedHashSet<>();

        QuestionParts(String text, List<String> footnotes) {
            add(text, footnotes);
        }

        void add(String text, List<String> notes) {
            texts.add(text);
            footnotes.addAll(notes);
        }

        ParsedLetter.Question toQuestion(String number) {
            return new ParsedLetter.Question(number, String.join("\n\n", texts), List.copyOf(footnotes));
        }
    }

    /**
     * The warnings, at most 50 in the event: a hostile document can earn one per block, and a list
     * of a hundred thousand warnings only to cut it to fifty is memory for nothing.
     */
    private static final class Warnings {
        private static final int MAX = 50;
        private final List<String> kept = new ArrayList<>();
        private int omitted;

        Warnings(List<String> first) {
            first.forEach(this::add);
        }

        void add(String warning) {
            if (kept.size() < MAX) {
                kept.add(warning);
            } else {
                omitted++;
            }
        }

        /** All of them when there are at most 50, else the first 49 and how many more there were. */
        List<String> list() {
            if (omitted == 0) {
                return kept;
            }
            List<String> all = new ArrayList<>(kept.subList(0, MAX - 1));
            all.add((omitted + 1) + " more warnings left out");
            return all;
        }
    }
}
