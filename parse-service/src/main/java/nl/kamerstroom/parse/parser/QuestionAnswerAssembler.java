package nl.kamerstroom.parse.parser;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import nl.kamerstroom.events.ParsedLetter.Answer;
import nl.kamerstroom.events.ParsedLetter.Question;

/**
 * Turns the heading blocks into questions and answers, repairing what the extraction broke and
 * saying so in a warning:
 * <ul>
 *   <li>a heading lost at a page break ("Vraag 9" missing between "Antwoord 8" and "Antwoord 9"):
 *       the text after the last page boundary of the block before becomes the missing block, if it
 *       reads like one (a question ends with a question mark, an answer does not);</li>
 *   <li>a question printed again for each lettered sub-item and answered as "Antwoord 2l",
 *       "Antwoord 2m": the question takes the printed number of its answer;</li>
 *   <li>the same heading printed twice (a noisy extraction repeating text): the repeat is
 *       dropped.</li>
 * </ul>
 * A heading naming several questions ("Vraag 2 en 3") gives one question per number, each with the
 * text printed under it: the member asked them as one.
 */
final class QuestionAnswerAssembler {

    record Assembled(List<Question> questions, List<Answer> answers, String preamble, List<String> trailers) {
    }

    private final List<Line> lines;
    private final boolean explicitPages;
    private final ParagraphBreaks breaks;
    private final FootnoteExtractor.Result footnotes;
    private final List<String> warnings;

    private QuestionAnswerAssembler(LetterLines doc, ParagraphBreaks breaks, FootnoteExtractor.Result footnotes,
                                    List<String> warnings) {
        this.lines = doc.lines();
        this.explicitPages = doc.explicitPages();
        this.breaks = breaks;
        this.footnotes = footnotes;
        this.warnings = warnings;
    }

    static Assembled assemble(LetterLines doc, ParagraphBreaks breaks, LetterSections.Sections sections,
                              FootnoteExtractor.Result footnotes, List<String> warnings) {
        return new QuestionAnswerAssembler(doc, breaks, footnotes, warnings).run(sections);
    }

    private Assembled run(LetterSections.Sections sections) {
        List<Slot> slots = new ArrayList<>();
        for (LetterSections.Block block : sections.blocks()) {
            slots.add(new Slot(block));
        }
        int[] preamble = {0, sections.preambleEnd()};
        numberBareHeadings(slots);
        numberRepeatedQuestionsByTheirAnswers(slots);
        inferMissingQuestionHeadings(slots, preamble);
        inferMissingAnswerHeadings(slots);
        dropRepeatedHeadings(slots);

        // Join in reading order: footnote references are followed through the letter.
        ParagraphJoiner joiner = new ParagraphJoiner(breaks, explicitPages, footnotes.superscripts());
        String preambleText = joiner.join(lines, preamble[0], preamble[1]);
        for (Slot slot : slots) {
            slot.text = joiner.join(lines, slot.from, slot.to, slot.rest);
        }
        List<String> trailers = new ArrayList<>();
        for (int[] range : sections.trailers()) {
            trailers.add(joiner.join(lines, range[0], range[1]));
        }
        return build(slots, preambleText, trailers);
    }

    /**
     * "Antwoord" without its number: the answer to the question just before it; "Vraag" without
     * one: the question after the highest number so far. Where neither works out, the heading is
     * dropped and its text stays with the block before.
     */
    private void numberBareHeadings(List<Slot> slots) {
        for (int i = 0; i < slots.size(); i++) {
            Slot slot = slots.get(i);
            if (!slot.numbers.isEmpty()) {
                continue;
            }
            Slot before = i > 0 ? slots.get(i - 1) : null;
            if (slot.kind == Heading.Kind.ANSWER && before != null && before.kind == Heading.Kind.QUESTION
                    && !before.numbers.isEmpty()) {
                slot.numbers = new ArrayList<>(before.numbers);
            } else if (slot.kind == Heading.Kind.QUESTION && before != null) {
                int highest = 0;
                for (int k = 0; k < i; k++) {
                    for (String n : slots.get(k).numbers) {
                        highest = Math.max(highest, QuestionNumbers.numericPart(n));
                    }
                }
                slot.numbers = new ArrayList<>(List.of(Integer.toString(highest + 1)));
            } else {
                warnings.add("heading '" + slot.printed + "' without a number ignored");
                if (before != null) {
                    before.to = slot.to;
                }
                slots.remove(i--);
                continue;
            }
            warnings.add("heading '" + slot.printed + "' printed without a number; taken as "
                    + slot.printed + " " + String.join(", ", slot.numbers) + " from sequence");
        }
    }

    /**
     * "Vraag 2 … Antwoord 2l … Vraag 2 … Antwoord 2m": one question repeated per sub-item, each
     * answered under a lettered number. The question takes its answer's number, so that every
     * question keeps a printed number of its own.
     */
    private void numberRepeatedQuestionsByTheirAnswers(List<Slot> slots) {
        Set<String> plainAnswers = new HashSet<>();
        for (Slot s : slots) {
            if (s.kind == Heading.Kind.ANSWER) {
                plainAnswers.addAll(s.numbers);
            }
        }
        for (int i = 0; i + 1 < slots.size(); i++) {
            Slot q = slots.get(i);
            Slot a = slots.get(i + 1);
            if (q.kind != Heading.Kind.QUESTION || a.kind != Heading.Kind.ANSWER || q.numbers.size() != 1) {
                continue;
            }
            String number = q.numbers.get(0);
            if (!QuestionNumbers.suffix(number).isEmpty() || plainAnswers.contains(number)) {
                continue;
            }
            boolean allLettered = !a.numbers.isEmpty();
            for (String n : a.numbers) {
                allLettered &= QuestionNumbers.suffix(n).length() == 1 && Integer.toString(QuestionNumbers.numericPart(n)).equals(number);
            }
            if (allLettered) {
                q.numbers = new ArrayList<>(a.numbers);
                warnings.add("question '" + q.printed + "' is answered as '" + a.printed + "'; numbered "
                        + String.join(", ", a.numbers) + " after its answer");
                if (i > 0) {
                    dropSubItemLabel(slots.get(i - 1), QuestionNumbers.suffix(a.numbers.get(0)));
                }
            }
        }
    }

    /**
     * Such letters print the sub-item ("l. een miljoen extra huizen …") as a label above the
     * repeated question, and again inside it. The label is not part of the block before.
     */
    private void dropSubItemLabel(Slot before, String letter) {
        String label = letter + ". ";
        int contentAfter = 0;
        for (int k = before.to - 1; k > before.from && contentAfter <= 2; k--) {
            Line line = lines.get(k);
            if (!line.isContent()) {
                continue;
            }
            if (line.text.startsWith(label)) {
                before.to = k;
                return;
            }
            contentAfter++;
        }
    }

    /** "Antwoord N" with no "Vraag N" anywhere, right after another answer: the heading was lost. */
    private void inferMissingQuestionHeadings(List<Slot> slots, int[] preamble) {
        if (countKind(slots, Heading.Kind.QUESTION) == 0) {
            return;
        }
        for (int i = 0; i < slots.size(); i++) {
            Slot answer = slots.get(i);
            if (answer.kind != Heading.Kind.ANSWER || anyQuestionHas(slots, answer.numbers)) {
                continue;
            }
            boolean afterAnswer = i > 0 && slots.get(i - 1).kind == Heading.Kind.ANSWER;
            int from = i == 0 ? preamble[0] : slots.get(i - 1).from;
            int to = i == 0 ? preamble[1] : slots.get(i - 1).to;
            if (i > 0 && !afterAnswer) {
                continue;
            }
            int split = lastPageStart(from, to);
            if (split < 0 || !endsLikeQuestion(probe(split, to))) {
                warnings.add("no question found for '" + answer.printed + "'");
                continue;
            }
            if (i == 0) {
                preamble[1] = split;
            } else {
                slots.get(i - 1).to = split;
            }
            slots.add(i, Slot.inferred(Heading.Kind.QUESTION, answer.numbers, split, to));
            warnings.add("heading '" + slots.get(i).printed + "' missing; inferred from sequence");
            i++;
        }
    }

    /** "Vraag N" followed by "Vraag N+1" with no "Antwoord N" anywhere: the heading was lost. */
    private void inferMissingAnswerHeadings(List<Slot> slots) {
        if (countKind(slots, Heading.Kind.ANSWER) == 0) {
            return;
        }
        for (int i = 0; i < slots.size(); i++) {
            Slot question = slots.get(i);
            if (question.kind != Heading.Kind.QUESTION || anyAnswerCovers(slots, question.numbers)) {
                continue;
            }
            boolean beforeQuestionOrEnd = i + 1 == slots.size() || slots.get(i + 1).kind == Heading.Kind.QUESTION;
            if (!beforeQuestionOrEnd) {
                continue;
            }
            int split = lastPageStart(question.from, question.to);
            if (split < 0 || !endsLikeQuestion(probe(question.from, split, question.rest))) {
                continue;
            }
            String tail = probe(split, question.to);
            if (tail.isEmpty() || endsLikeQuestion(tail)) {
                continue;
            }
            int to = question.to;
            question.to = split;
            slots.add(i + 1, Slot.inferred(Heading.Kind.ANSWER, question.numbers, split, to));
            warnings.add("heading '" + slots.get(i + 1).printed + "' missing; inferred from sequence");
            i++;
        }
    }

    /** The same heading again (a noisy extraction repeating text): the repeat is dropped. */
    private void dropRepeatedHeadings(List<Slot> slots) {
        Set<String> questions = new HashSet<>();
        Set<String> answers = new HashSet<>();
        List<Slot> kept = new ArrayList<>(slots.size());
        for (Slot slot : slots) {
            Set<String> seen = slot.kind == Heading.Kind.QUESTION ? questions : answers;
            List<String> fresh = new ArrayList<>();
            for (String n : slot.numbers) {
                if (!seen.contains(n)) {
                    fresh.add(n);
                }
            }
            if (fresh.isEmpty()) {
                warnings.add("heading '" + slot.printed + "' printed again; the repeat is ignored");
                continue;
            }
            if (fresh.size() < slot.numbers.size()) {
                warnings.add("heading '" + slot.printed + "' repeats numbers printed before; kept " + String.join(", ", fresh));
                slot.numbers = fresh;
            }
            seen.addAll(fresh);
            kept.add(slot);
        }
        slots.clear();
        slots.addAll(kept);
    }

    private Assembled build(List<Slot> slots, String preamble, List<String> trailers) {
        List<Question> questions = new ArrayList<>();
        List<Answer> answers = new ArrayList<>();
        BitSet bracketed = footnotes.bracketed();
        for (Slot slot : slots) {
            if (slot.text.isEmpty()) {
                warnings.add("'" + slot.printed + "' has no text");
            }
            if (slot.kind == Heading.Kind.QUESTION) {
                // Questions carry the member's own "N)" references, whether or not the letter prints their texts.
                List<String> cited = cited(slot.text, n -> n < 100);
                for (String number : slot.numbers) {
                    questions.add(new Question(number, slot.text, cited));
                }
            } else {
                answers.add(new Answer(slot.numbers, slot.text, cited(slot.text, bracketed::get)));
                warnOfUnheadedQuestion(slot);
            }
        }
        checkCompleteness(questions, answers);
        return new Assembled(questions, answers, preamble, trailers);
    }

    /**
     * A later paragraph of an answer that is itself a question is most often a question whose
     * heading the text layer lost (a typeset page that starts with the question, the "Vraag N"
     * line drawn as an image or dropped with the footer). It cannot be numbered safely, so it
     * stays in the answer and the letter says so.
     */
    private void warnOfUnheadedQuestion(Slot slot) {
        String[] paragraphs = slot.text.split("\n+");
        for (int i = 1; i < paragraphs.length; i++) {
            String first = firstSentence(paragraphs[i].strip());
            if (first.length() >= 30 && first.endsWith("?")) {
                warnings.add("'" + slot.printed + "' has a paragraph that opens with a question ('"
                        + Text.abbreviate(first, 60) + "'); a question heading may be missing");
                return;
            }
        }
    }

    /** Up to and including the first . ? or ! that ends a sentence (followed by a space or the end). */
    private static String firstSentence(String paragraph) {
        for (int i = 0; i < paragraph.length(); i++) {
            char c = paragraph.charAt(i);
            if ((c == '.' || c == '?' || c == '!')
                    && (i + 1 == paragraph.length() || Character.isWhitespace(paragraph.charAt(i + 1)))) {
                return paragraph.substring(0, i + 1);
            }
        }
        return paragraph;
    }

    private List<String> cited(String text, java.util.function.IntPredicate bracketedAccepted) {
        Set<String> cited = new LinkedHashSet<>();
        Citations.findSuperscripts(text, footnotes.superscripts()::get, n -> cited.add(Integer.toString(n)));
        Citations.findBracketed(text, bracketedAccepted, n -> cited.add(n + ")"));
        return List.copyOf(cited);
    }

    private void checkCompleteness(List<Question> questions, List<Answer> answers) {
        Set<String> asked = new LinkedHashSet<>();
        questions.forEach(q -> asked.add(q.number()));
        Set<String> answered = new LinkedHashSet<>();
        answers.forEach(a -> answered.addAll(a.questionNumbers()));
        if (!questions.isEmpty() && !answers.isEmpty()) {
            for (String number : asked) {
                if (!answered.contains(number)) {
                    warnings.add("question " + number + " has no answer");
                }
            }
            for (String number : answered) {
                if (!asked.contains(number)) {
                    warnings.add("answer to question " + number + " but no question " + number + " printed");
                }
            }
        }
        TreeSet<Integer> numbers = new TreeSet<>();
        asked.forEach(n -> numbers.add(QuestionNumbers.numericPart(n)));
        answered.forEach(n -> numbers.add(QuestionNumbers.numericPart(n)));
        numbers.remove(-1);
        if (!numbers.isEmpty() && numbers.last() <= 500) {
            List<String> gaps = new ArrayList<>();
            for (int n = 1; n < numbers.last(); n++) {
                if (!numbers.contains(n)) {
                    gaps.add(Integer.toString(n));
                }
            }
            if (!gaps.isEmpty()) {
                warnings.add("no question or answer numbered " + String.join(", ", gaps));
            }
        }
    }

    /**
     * The first content line after the last page boundary in [from, to): after a page break,
     * furniture or footnotes, or, where the source marks no pages, an indented line.
     */
    private int lastPageStart(int from, int to) {
        int found = -1;
        boolean afterBoundary = false;
        for (int k = from; k < to; k++) {
            Line line = lines.get(k);
            switch (line.role) {
                case PAGE_BREAK, FURNITURE, FOOTNOTE -> afterBoundary = true;
                case CONTENT -> {
                    if ((afterBoundary || (!explicitPages && line.indented)) && k > from) {
                        found = k;
                    }
                    afterBoundary = false;
                }
                default -> {
                }
            }
        }
        return found;
    }

    /** The text of lines [from, to) for a look, without disturbing the reference sequence. */
    private String probe(int from, int to) {
        return probe(from, to, null);
    }

    private String probe(int from, int to, String firstLine) {
        return new ParagraphJoiner(breaks, explicitPages, footnotes.superscripts()).join(lines, from, to, firstLine)
                .replaceAll("[\\d,\\s]+$", "");
    }

    /** Questions end with a question mark, perhaps inside a closing quote or bracket. */
    private static boolean endsLikeQuestion(String text) {
        int from = Math.max(0, text.length() - 3);
        return text.indexOf('?', from) >= 0;
    }

    private static int countKind(List<Slot> slots, Heading.Kind kind) {
        int n = 0;
        for (Slot s : slots) {
            if (s.kind == kind) {
                n++;
            }
        }
        return n;
    }

    private static boolean anyQuestionHas(List<Slot> slots, List<String> numbers) {
        for (Slot s : slots) {
            if (s.kind == Heading.Kind.QUESTION && s.numbers.stream().anyMatch(numbers::contains)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyAnswerCovers(List<Slot> slots, List<String> numbers) {
        for (Slot s : slots) {
            if (s.kind == Heading.Kind.ANSWER && s.numbers.stream().anyMatch(numbers::contains)) {
                return true;
            }
        }
        return false;
    }

    /** A block being assembled; its range and numbers change as repairs are made. */
    private static final class Slot {
        final Heading.Kind kind;
        final String printed;
        final String rest;
        List<String> numbers;
        int from;
        int to;
        String text = "";

        Slot(LetterSections.Block block) {
            this(block.heading().kind(), block.heading().printed(), block.heading().rest(),
                    new ArrayList<>(block.heading().numbers()), block.from(), block.to());
        }

        private Slot(Heading.Kind kind, String printed, String rest, List<String> numbers, int from, int to) {
            this.kind = kind;
            this.printed = printed;
            this.rest = rest;
            this.numbers = numbers;
            this.from = from;
            this.to = to;
        }

        static Slot inferred(Heading.Kind kind, List<String> numbers, int from, int to) {
            String word = kind == Heading.Kind.QUESTION ? "Vraag " : "Antwoord ";
            String printed = word + joinNumbers(numbers);
            return new Slot(kind, printed, "", new ArrayList<>(numbers), from, to);
        }

        private static String joinNumbers(List<String> numbers) {
            if (numbers.size() == 1) {
                return numbers.get(0);
            }
            return String.join(", ", numbers.subList(0, numbers.size() - 1)) + " en " + numbers.get(numbers.size() - 1);
        }
    }
}
