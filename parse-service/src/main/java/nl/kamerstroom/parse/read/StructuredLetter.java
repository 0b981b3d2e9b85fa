package nl.kamerstroom.parse.read;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.kamerstroom.events.ParsedLetter;

/**
 * What a structured format (KOOP XML, officielebekendmakingen HTML) marks up explicitly: the
 * header sentences, each question and answer block with its printed number, the footnotes. Mutable
 * while a reader fills it; {@link StructuredLetters} turns it into a {@link ParsedLetter}.
 */
final class StructuredLetter {

    enum BlockKind {
        QUESTION, ANSWER
    }

    /**
     * One {@code <vraag>} or {@code <antwoord>}: the number as printed ("Vraag 2 en 3", or null when
     * the markup has none), its paragraphs, and the footnote numbers it cites in order.
     */
    record Block(BlockKind kind, String printedNumber, List<String> paragraphs, List<String> footnotes) {
    }

    String documentNumber;
    LocalDate submittedDate;
    LocalDate receivedDate;
    /** The header sentences in order: "Vragen van het lid …", "Antwoord van …", "Mededeling …". */
    final List<String> header = new ArrayList<>();
    /** Remarks outside the blocks: a "Toelichting", a {@code kamervraagopmerking}. */
    final List<String> remarks = new ArrayList<>();
    final List<Block> blocks = new ArrayList<>();
    final Map<String, ParsedLetter.Footnote> footnotes = new LinkedHashMap<>();
    final List<String> warnings = new ArrayList<>();
    /** The whole text, for documents that turn out to have no question markup at all. */
    String fallbackText;
}
