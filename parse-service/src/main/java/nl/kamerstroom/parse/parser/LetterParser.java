package nl.kamerstroom.parse.parser;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.events.ParsedLetter.Footnote;
import nl.kamerstroom.events.ParsedLetter.Question;

/**
 * Reads the structure of a letter about written parliamentary questions out of its text: a
 * ministry's answer letter with the questions in its annex, the typeset Aanhangsel van de
 * Handelingen (from a PDF text layer or converted to Markdown), a question letter, or anything
 * else, which comes out as {@link LetterKind#OTHER} with no questions.
 *
 * <p>One layout-independent pass, in stages that each claim what they recognise:
 * {@link TextNormaliser} (characters, lines, page breaks, Markdown), {@link PageFurniture}
 * (letterheads, running footers, page numbers), {@link FootnoteExtractor} (footnote bodies at the
 * bottom of pages), {@link LetterSections} (the "Vraag …" / "Antwoord …" blocks),
 * {@link QuestionAnswerAssembler} (questions and answers, repairs of lost headings) and
 * {@link MetadataExtractor} (zaak numbers, dates, askers, offices, subject).
 *
 * <p>Stateless and thread-safe. Never throws on text, however broken; what it had to guess, or
 * could not make sense of, it says in {@link ParsedLetter#warnings()}; what a person should check
 * (a guessed heading, an answer without a heading, body text in no question or answer) in
 * {@link ParsedLetter#reviewReasons()}.
 */
public final class LetterParser {

    private static final int MAX_WARNINGS = 50;
    private static final int MAX_REVIEW_REASONS = 20;
    /** Default: more than 200 characters of body text in no question or answer needs a look. */
    public static final int DEFAULT_MAX_UNCOVERED_CHARS = 200;
    /** Default: more than 5 % of the body text in no question or answer needs a look. */
    public static final double DEFAULT_MAX_UNCOVERED_SHARE = 0.05;
    /** Below this many characters a loss is a stray character or two, not text (a page number's rest). */
    private static final int MIN_UNCOVERED_CHARS = 40;

    private final int maxUncoveredChars;
    private final double maxUncoveredShare;

    /** A parser with the default coverage bounds. */
    public LetterParser() {
        this(DEFAULT_MAX_UNCOVERED_CHARS, DEFAULT_MAX_UNCOVERED_SHARE);
    }

    /**
     * @param maxUncoveredChars  body text in no question or answer beyond which a letter needs review
     * @param maxUncoveredShare  the same as a share of the body text (0..1); either bound triggers
     */
    public LetterParser(int maxUncoveredChars, double maxUncoveredShare) {
        if (maxUncoveredChars < 0 || maxUncoveredShare < 0 || maxUncoveredShare > 1) {
            throw new IllegalArgumentException("coverage bounds must be >= 0 characters and a share in 0..1");
        }
        this.maxUncoveredChars = maxUncoveredChars;
        this.maxUncoveredShare = maxUncoveredShare;
    }

    /** Parses one letter's text. */
    public ParsedLetter parse(String text) {
        Objects.requireNonNull(text, "text");
        try {
            return parseText(text);
        } catch (RuntimeException | StackOverflowError e) {
            // A bug here must not stop the pipeline: the letter is kept, unparsed, and says why.
            return new ParsedLetter(LetterKind.OTHER, null, List.of(), null, null, null, null, null, List.of(),
                    List.of(), List.of(), List.of(), List.of(), List.of(),
                    List.of("the parser failed on this text (" + e.getClass().getSimpleName() + "); nothing was read from it"),
                    List.of("the parser failed; nothing was read"));
        }
    }

    private ParsedLetter parseText(String text) {
        List<String> warnings = new ArrayList<>();
        List<String> review = new ArrayList<>();
        LetterLines doc = TextNormaliser.normalise(text);
        ParagraphBreaks breaks = ParagraphBreaks.measure(doc.lines());
        Letterhead letterhead = PageFurniture.mark(doc, breaks);
        FootnoteExtractor.Result footnotes = FootnoteExtractor.extract(doc, breaks);
        LetterSections.Sections sections = LetterSections.cut(doc.lines());
        QuestionAnswerAssembler.Assembled qa = QuestionAnswerAssembler.assemble(doc, breaks, sections, footnotes, warnings,
                review);

        MetadataExtractor.Metadata meta = MetadataExtractor.extract(new MetadataExtractor.Parts(
                qa.preamble(), qa.trailers(), signatures(doc.lines(), sections), letterhead), warnings);
        LetterKind kind = KindClassifier.classify(qa.questions().size(), qa.answers().size(), qa.preamble(),
                qa.trailers(), letterhead.subject(), warnings);
        warnAboutMissingReferenceTexts(qa.questions(), footnotes.footnotes(), warnings);
        if (kind == LetterKind.ANSWER) {
            reviewUnansweredQuestions(qa, review);
        }
        checkCoverage(qa, warnings, review);

        return new ParsedLetter(kind, meta.documentNumber(), meta.zaakNumbers(), meta.ourReference(), meta.subject(),
                meta.submittedDate(), meta.receivedDate(), meta.letterDate(), meta.askers(), meta.addressees(),
                meta.answeredBy(), qa.questions(), qa.answers(), footnotes.footnotes(), capped(warnings, MAX_WARNINGS, "warnings"),
                capped(new ArrayList<>(new LinkedHashSet<>(review)), MAX_REVIEW_REASONS, "reasons"), meta.answeredByOfficials());
    }

    /** An answer letter that leaves a question it printed without an answer may have lost that answer. */
    private static void reviewUnansweredQuestions(QuestionAnswerAssembler.Assembled qa, List<String> review) {
        Set<String> answered = new LinkedHashSet<>();
        qa.answers().forEach(a -> answered.addAll(a.questionNumbers()));
        List<String> unanswered = new ArrayList<>();
        for (Question q : qa.questions()) {
            if (!answered.contains(q.number())) {
                unanswered.add(q.number());
            }
        }
        if (!unanswered.isEmpty()) {
            review.add((unanswered.size() == 1 ? "question " : "questions ") + Text.abbreviate(String.join(", ", unanswered), 80)
                    + " without an answer");
        }
    }

    /**
     * A silent loss of text is the worst outcome: the questions and answers together must cover
     * the body of the letter. When a sizeable part of it is in none of them, say how much.
     */
    private void checkCoverage(QuestionAnswerAssembler.Assembled qa, List<String> warnings, List<String> review) {
        int uncovered = qa.uncoveredChars();
        int body = qa.bodyChars();
        if (uncovered < MIN_UNCOVERED_CHARS || body == 0) {
            return;
        }
        double share = (double) uncovered / body;
        if (uncovered > maxUncoveredChars || share > maxUncoveredShare) {
            String amount = uncovered + " of " + body + " characters (" + Math.round(share * 100) + " %)";
            warnings.add(amount + " of the body text are in no question or answer");
            review.add("text left over between blocks: " + amount + " in no question or answer");
        }
    }

    /** Warnings are for a reader; a broken text can produce thousands of the same kind. */
    private static List<String> capped(List<String> items, int max, String what) {
        if (items.size() <= max) {
            return items;
        }
        List<String> kept = new ArrayList<>(items.subList(0, max - 1));
        kept.add((items.size() - kept.size()) + " more " + what + " left out");
        return kept;
    }

    /** How far below a signature its signer's name may be printed (blank lines between). */
    private static final int NAME_LINES_BELOW = 3;

    /**
     * Closing signatures ("De Minister van Justitie en Veiligheid,") in the preamble and the trailer,
     * each with the name printed on the next content line or after the comma, if any.
     */
    private static List<OfficialNames.Signature> signatures(List<Line> lines, LetterSections.Sections sections) {
        List<OfficialNames.Signature> found = new ArrayList<>();
        collectSignatures(lines, 0, sections.preambleEnd(), found);
        for (int[] trailer : sections.trailers()) {
            collectSignatures(lines, trailer[0], trailer[1], found);
        }
        return found;
    }

    private static void collectSignatures(List<Line> lines, int from, int to, List<OfficialNames.Signature> found) {
        for (int i = from; i < to; i++) {
            Line line = lines.get(i);
            if (!line.isContent() || !Character.isUpperCase(line.text.charAt(0)) || line.text.length() > 220) {
                continue;
            }
            if (line.text.length() <= 160 && LetterSections.SIGNATURE.matcher(line.text).matches()) {
                found.add(new OfficialNames.Signature(line.text, nameBelow(lines, i + 1, to)));
            } else {
                OfficialNames.Signature oneLine = OfficialNames.signedOnOneLine(line.text);
                if (oneLine != null) {
                    found.add(oneLine);
                }
            }
        }
    }

    /** The signer's name: the first content line below the signature, if it is a name. */
    private static String nameBelow(List<Line> lines, int from, int to) {
        for (int i = from; i < Math.min(to, from + NAME_LINES_BELOW); i++) {
            Line line = lines.get(i);
            if (line.isContent()) {
                return OfficialNames.isPersonName(line.text) ? OfficialNames.name(line.text) : null;
            }
        }
        return null;
    }

    /**
     * An answer letter reproduces the member's questions with their "1)" references but often not
     * the texts those refer to; say so once rather than leaving a reader to wonder.
     */
    private static void warnAboutMissingReferenceTexts(List<Question> questions, List<Footnote> footnotes,
                                                       List<String> warnings) {
        Set<String> printed = new LinkedHashSet<>();
        footnotes.forEach(f -> printed.add(f.number()));
        Set<String> missing = new LinkedHashSet<>();
        for (Question q : questions) {
            for (String ref : q.footnotes()) {
                if (!printed.contains(ref)) {
                    missing.add(ref);
                }
            }
        }
        if (!missing.isEmpty()) {
            warnings.add("questions cite " + String.join(", ", missing) + " but the letter does not print those footnotes");
        }
    }
}
