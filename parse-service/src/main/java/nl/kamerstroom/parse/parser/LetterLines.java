package nl.kamerstroom.parse.parser;

import java.util.List;

/**
 * A letter as lines, plus what the normaliser learned about its source layout.
 *
 * @param lines         every line, page breaks included as lines of their own
 * @param explicitPages the source marks its page boundaries (form feeds, Markdown rules,
 *                      running footers), so a footnote block must end at one
 */
record LetterLines(List<Line> lines, boolean explicitPages) {
}
