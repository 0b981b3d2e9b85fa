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

    /**
     * @param uncoveredChars characters of body text (between the first heading and the end of the
     *                       last block, furniture and footnotes left out) that are in no question
     *                       or answer
     * @param bodyChars      characters of body text in all
     */
    record Assembled(List<Question> questions, List<Answer> answers, String preamble, List<String> trailers,
                     int uncoveredChars, int bodyChars) {
    }

    private final List<Line> lines;
    private final boolean explicitPages;
    private final ParagraphBreaks breaks;
    private final FootnoteExtractor.Result footnotes;
    private final List<String> warnings;
    /** Why a person should check this letter: what was guessed or could not be read. */
    private final List<String> review;
    /** Lines left out on purpose because they are printed again inside a block (a sub-item's label). */
    private final BitSet printedAgain = new BitSet();
    /** Blocks dropped as repeats, to check after joining that their text really is printed elsewhere. */
    private final List<Slot> repeats = new ArrayList<>();

    private QuestionAnswerAssembler(LetterLines doc, ParagraphBreaks breaks, FootnoteExtractor.Result footnotes,
                                    List<String> warnings, List<String> review) {
        this.lines = doc.lines();
        this.explicitPages = doc.explicitPages();
        this.breaks = breaks;
        this.footnotes = footnotes;
        this.warnings = warnings;
        this.review = review;
    }

    static Assembled assemble(LetterLines doc, ParagraphBreaks breaks, LetterSections.Sections sections,
                              FootnoteExtractor.Result footnotes, List<String> warnings, List<String> review) {
        return new QuestionAnswerAssembler(doc, breaks, footnotes, warnings, review).run(sections);
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
        boolean presentsAnswers = !numbersOf(slots, Heading.Kind.ANSWER).isEmpty()
                || KindClassifier.presentsAnswers(probe(preamble[0], Math.min(preamble[1], preamble[0] + 400)));
        if (presentsAnswers) {
            attachUnheadedAnswers(slots);
        }
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
        return build(slots, preambleText, trailers, sections);
    }

    /**
     * "Antwoord" without its number: the answer to the question just before it; "Vraag" without
     * one: the question after the highest number so far. Where neither works out, the heading is
     * dropped and its text stays with the block before. One pass with a running highest number,
     * so that a text of nothing but bare headings stays linear.
     */
    private void numberBareHeadings(List<Slot> slots) {
        List<Slot> kept = new ArrayList<>(slots.size());
        int highest = 0;
        for (Slot slot : slots) {
            if (slot.numbers.isEmpty()) {
                Slot before = kept.isEmpty() ? null : kept.get(kept.size() - 1);
                if (slot.kind == Heading.Kind.ANSWER && before != null && before.kind == Heading.Kind.QUESTION
                        && !before.numbers.isEmpty()) {
                    slot.numbers = new ArrayList<>(before.numbers);
                } else if (slot.kind == Heading.Kind.QUESTION && before != null) {
                    slot.numbers = new ArrayList<>(List.of(Integer.toString(highest + 1)));
                } else {
                    warnings.add("heading '" + slot.printed + "' without a number ignored");
                    if (before != null) {
                        before.to = slot.to;
                    }
                    continue;
                }
                slot.inferred = true;
                warnings.add("heading '" + slot.printed + "' printed without a number; taken as "
                        + slot.printed + " " + String.join(", ", slot.numbers) + " from sequence");
            }
            for (String n : slot.numbers) {
                highest = Math.max(highest, QuestionNumbers.numericPart(n));
            }
            kept.add(slot);
        }
        slots.clear();
        slots.addAll(kept);
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
                printedAgain.set(k, before.to);
                before.to = k;
                return;
            }
            contentAfter++;
        }
    }

    /**
     * "Antwoord N" with no "Vraag N" anywhere, right after another answer: the heading was lost.
     * The numbers asked are kept in a set, so the pass is linear in the number of blocks.
     */
    private void inferMissingQuestionHeadings(List<Slot> slots, int[] preamble) {
        Set<String> asked = numbersOf(slots, Heading.Kind.QUESTION);
        if (asked.isEmpty()) {
            return;
        }
        List<Slot> out = new ArrayList<>(slots.size());
        for (Slot answer : slots) {
            Slot before = out.isEmpty() ? null : out.get(out.size() - 1);
            if (answer.kind != Heading.Kind.ANSWER || answer.numbers.stream().anyMatch(asked::contains)
                    || (before != null && before.kind != Heading.Kind.ANSWER)) {
                out.add(answer);
                continue;
            }
            int from = before == null ? preamble[0] : before.from;
            int to = before == null ? preamble[1] : before.to;
            int split = lastPageStart(from, to);
            if (split < 0 || !endsLikeQuestion(probe(split, to))) {
                warnings.add("no question found for '" + answer.printed + "'");
                out.add(answer);
                continue;
            }
            if (before == null) {
                preamble[1] = split;
            } else {
                before.to = split;
            }
            Slot inferred = Slot.inferred(Heading.Kind.QUESTION, answer.numbers, split, to);
            warnings.add("heading '" + inferred.printed + "' missing; inferred from sequence");
            asked.addAll(answer.numbers);
            out.add(inferred);
            out.add(answer);
        }
        slots.clear();
        slots.addAll(out);
    }

    /** "Vraag N" followed by "Vraag N+1" with no "Antwoord N" anywhere: the heading was lost. */
    private void inferMissingAnswerHeadings(List<Slot> slots) {
        Set<String> answered = numbersOf(slots, Heading.Kind.ANSWER);
        if (answered.isEmpty()) {
            return;
        }
        List<Slot> out = new ArrayList<>(slots.size());
        for (int i = 0; i < slots.size(); i++) {
            Slot question = slots.get(i);
            out.add(question);
            if (question.kind != Heading.Kind.QUESTION || question.numbers.stream().anyMatch(answered::contains)) {
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
            Slot inferred = Slot.inferred(Heading.Kind.ANSWER, question.numbers, split, to);
            warnings.add("heading '" + inferred.printed + "' missing; inferred from sequence");
            answered.addAll(question.numbers);
            out.add(inferred);
        }
        slots.clear();
        slots.addAll(out);
    }

    /**
     * "Vraag 5 … ?" followed, before the next heading, by a new paragraph of prose that is not
     * question text, in a letter that answers: the answer's heading was never printed (a ministry's
     * Word letter with "Vraag 5" and "Vraag 6" each followed directly by their answers). The
     * paragraphs after the question's last question mark become its answer, with a warning, rather
     * than staying in the question where they would read as part of what was asked.
     */
    private void attachUnheadedAnswers(List<Slot> slots) {
        Set<String> answered = numbersOf(slots, Heading.Kind.ANSWER);
        List<Slot> out = new ArrayList<>(slots.size());
        for (Slot question : slots) {
            out.add(question);
            if (question.kind != Heading.Kind.QUESTION || question.numbers.isEmpty()
                    || question.numbers.stream().anyMatch(answered::contains)) {
                continue;
            }
            List<Integer> starts = new ArrayList<>();
            String text = new ParagraphJoiner(breaks, explicitPages, footnotes.superscripts())
                    .join(lines, question.from, question.to, question.rest, starts::add);
            String[] paragraphs = text.split("\n\n");
            if (paragraphs.length != starts.size() + 1 || paragraphs.length < 2) {
                continue;
            }
            // The question ends with its last paragraph that ends like a question; an answer's
            // paragraphs may ask a rhetorical question inside, but do not end with one.
            int lastAsking = -1;
            for (int k = 0; k < paragraphs.length; k++) {
                if (endsLikeQuestion(withoutTrailingReferences(paragraphs[k]))) {
                    lastAsking = k;
                }
            }
            if (lastAsking < 0 || lastAsking + 1 >= paragraphs.length || !readsAsProse(paragraphs[lastAsking + 1])) {
                continue;
            }
            int split = starts.get(lastAsking);
            int to = question.to;
            question.to = split;
            Slot answer = Slot.inferred(Heading.Kind.ANSWER, question.numbers, split, to);
            answered.addAll(question.numbers);
            warnings.add("'" + question.printed + "' is followed by prose without an answer heading; taken as '"
                    + answer.printed + "'");
            review.add("answer without a heading attached to question " + String.join(", ", question.numbers));
            answer.reported = true;
            out.add(answer);
        }
        slots.clear();
        slots.addAll(out);
    }

    /**
     * A paragraph that reads as an answer's prose: a sentence that starts with a capital and
     * ends with a full stop, not a reference list ("1) https://…") or a lone number.
     */
    private static boolean readsAsProse(String paragraph) {
        String p = paragraph.strip();
        return p.length() >= 20 && Text.startsUpper(p) && Text.hasLetter(p) && p.indexOf(' ') > 0
                && !p.contains("://") && p.indexOf('.') > 0;
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
                repeats.add(slot);
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

    private Assembled build(List<Slot> slots, String preamble, List<String> trailers,
                            LetterSections.Sections sections) {
        List<Question> questions = new ArrayList<>();
        List<Answer> answers = new ArrayList<>();
        BitSet bracketed = footnotes.bracketed();
        for (Slot slot : slots) {
            if (slot.text.isEmpty()) {
                warnings.add("'" + slot.printed + "' has no text");
            }
            reportDoubts(slot);
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
        int[] coverage = coverage(slots, sections);
        return new Assembled(questions, answers, preamble, trailers, coverage[0], coverage[1]);
    }

    /** A heading that was guessed or could not be read is a reason for a person to look. */
    private void reportDoubts(Slot slot) {
        if (slot.doubt != null) {
            warnings.add("heading '" + slot.printed + "': " + slot.doubt);
            review.add("heading could not be read as printed: '" + Text.abbreviate(slot.printed, 60) + "'");
        } else if (slot.inferred && !slot.reported) {
            review.add(slot.headingLine < 0
                    ? "heading read by inference: '" + slot.printed + "' is not printed"
                    : "heading read by inference: '" + slot.printed + "' numbered " + String.join(", ", slot.numbers));
        }
    }

    /**
     * How much of the body is in no question or answer: content lines from the first heading to
     * the end of the last block (page furniture, footnote bodies, the preamble and the closing
     * trailer left out) that no kept block covers, and text between blocks that is not a
     * block's. A repeat that was dropped counts only when its text is not printed in the block
     * it repeats (a noisy extraction printing a block twice loses nothing). Returns {uncovered, body} in characters.
     */
    private int[] coverage(List<Slot> slots, LetterSections.Sections sections) {
        if (sections.blocks().isEmpty()) {
            return new int[] {0, 0};
        }
        BitSet covered = (BitSet) printedAgain.clone();
        BitSet headingLines = new BitSet();
        for (LetterSections.Block block : sections.blocks()) {
            headingLines.set(block.headingLine());
        }
        for (Slot slot : slots) {
            covered.set(slot.from, Math.max(slot.from, slot.to));
            if (slot.headingLine >= 0) {
                covered.set(slot.headingLine);
            }
        }
        java.util.Map<String, Slot> keptByNumber = new java.util.HashMap<>();
        for (Slot kept : slots) {
            for (String n : kept.numbers) {
                keptByNumber.putIfAbsent(kept.kind + n, kept);
            }
        }
        for (Slot repeat : repeats) {
            String text = probe(repeat.from, repeat.to, repeat.rest);
            Slot kept = repeat.numbers.isEmpty() ? null : keptByNumber.get(repeat.kind + repeat.numbers.get(0));
            if (kept != null && kept.text.startsWith(text)) {
                covered.set(repeat.from, Math.max(repeat.from, repeat.to));
            }
        }
        int bodyFrom = sections.blocks().get(0).headingLine();
        int bodyTo = sections.blocks().get(sections.blocks().size() - 1).to();
        int body = 0;
        int uncovered = 0;
        for (int i = bodyFrom; i < bodyTo; i++) {
            Line line = lines.get(i);
            if (!line.isContent()) {
                continue;
            }
            body += line.text.length();
            if (!covered.get(i) && !headingLines.get(i)) {
                uncovered += line.text.length();
            }
        }
        return new int[] {uncovered, body};
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
        return withoutTrailingReferences(
                new ParagraphJoiner(breaks, explicitPages, footnotes.superscripts()).join(lines, from, to, firstLine));
    }

    /**
     * Without the digits, commas and spaces at its end (references after a question mark). A
     * backwards scan: the regular expression {@code [\d,\s]+$} retries from every digit of a
     * text and was quadratic on long runs of numbers.
     */
    private static String withoutTrailingReferences(String text) {
        int end = text.length();
        while (end > 0) {
            char c = text.charAt(end - 1);
            if (!(Character.isDigit(c) || c == ',' || Character.isWhitespace(c))) {
                break;
            }
            end--;
        }
        return text.substring(0, end);
    }

    /** Questions end with a question mark, perhaps inside a closing quote or bracket. */
    private static boolean endsLikeQuestion(String text) {
        int from = Math.max(0, text.length() - 3);
        return text.indexOf('?', from) >= 0;
    }

    private static Set<String> numbersOf(List<Slot> slots, Heading.Kind kind) {
        Set<String> numbers = new HashSet<>();
        for (Slot s : slots) {
            if (s.kind == kind) {
                numbers.addAll(s.numbers);
            }
        }
        return numbers;
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
        /** Its heading, or the heading's number, was not printed but worked out from the sequence. */
        boolean inferred;
        /** A review reason more precise than "inferred" was already given. */
        boolean reported;
        /** What had to be guessed to read the printed heading, or null. */
        String doubt;
        /** The line of the printed heading, -1 for an inferred block. */
        int headingLine = -1;

        Slot(LetterSections.Block block) {
            this(block.heading().kind(), block.heading().printed(), block.heading().rest(),
                    new ArrayList<>(block.heading().numbers()), block.from(), block.to());
            this.doubt = block.heading().doubt();
            this.headingLine = block.headingLine();
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
            Slot slot = new Slot(kind, printed, "", new ArrayList<>(numbers), from, to);
            slot.inferred = true;
            return slot;
        }

        private static String joinNumbers(List<String> numbers) {
            if (numbers.size() == 1) {
                return numbers.get(0);
            }
            return String.join(", ", numbers.subList(0, numbers.size() - 1)) + " en " + numbers.get(numbers.size() - 1);
        }
    }
}
