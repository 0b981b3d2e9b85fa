package nl.kamerstroom.parse.parser;

import java.util.List;

/**
 * Decides which blank lines end a paragraph. Text layers come in two kinds: most put one empty
 * line between paragraphs, but some (seed 000, a Word export) put an empty line after almost every
 * printed line, so that only longer runs of blank lines, or lines holding just a space, separate
 * paragraphs. The kind is measured, not guessed: many single empty lines in the middle of a
 * sentence mean the text is double-spaced.
 */
final class ParagraphBreaks {

    private final boolean doubleSpaced;

    private ParagraphBreaks(boolean doubleSpaced) {
        this.doubleSpaced = doubleSpaced;
    }

    static ParagraphBreaks measure(List<Line> lines) {
        int singleGaps = 0;
        int midSentenceGaps = 0;
        int n = lines.size();
        for (int i = 0; i + 2 < n; i++) {
            Line before = lines.get(i);
            Line gap = lines.get(i + 1);
            Line after = lines.get(i + 2);
            if (before.isContent() && gap.isBlank() && !gap.whitespaceOnly && after.isContent()) {
                singleGaps++;
                if (!Text.endsSentence(before.text) && Character.isLowerCase(after.text.charAt(0))) {
                    midSentenceGaps++;
                }
            }
        }
        return new ParagraphBreaks(midSentenceGaps >= 2 && midSentenceGaps * 5 >= singleGaps);
    }

    /**
     * Whether a run of {@code blankCount} blank lines, {@code whitespaceOnly} of them holding only
     * spaces, separates two paragraphs.
     */
    boolean isBreak(int blankCount, boolean anyWhitespaceOnly) {
        if (blankCount == 0) {
            return false;
        }
        return !doubleSpaced || blankCount >= 2 || anyWhitespaceOnly;
    }
}
