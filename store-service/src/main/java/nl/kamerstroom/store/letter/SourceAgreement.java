package nl.kamerstroom.store.letter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Cross-source agreement: the same Aanhangsel document often arrives twice, as the Tweede Kamer's
 * PDF and as KOOP's XML (the same {@code ah-tk-…} document number, different document ids). When
 * both are stored their structures (question numbers in order, answer groups in order) are
 * compared; a difference is written on both letters, makes them need review and counts in
 * {@code kamerstroom.store.source.disagreements}. Whether they agree or not, the XML's structure
 * counts for the zaak: the other letter is marked {@link Letter#supersededBy superseded} by it.
 * The XML is read as structure (numbers from {@code <nr>}), the PDF from a text layer, so the XML
 * is the one less likely to be wrong.
 */
@ApplicationScoped
public class SourceAgreement {

    @Inject
    MeterRegistry registry;

    private Counter disagreements;

    @PostConstruct
    void init() {
        disagreements = Counter.builder("kamerstroom.store.source.disagreements")
                .description("Pairs of letters of the same document from two sources (PDF and XML) found to differ in structure")
                .register(registry);
    }

    /** Compares the letter being written with its stored copies from other sources; call before persisting. */
    void compare(Letter letter, List<Letter> sameDocument) {
        String before = letter.sourceDisagreement;
        letter.sourceDisagreement = null;
        letter.supersededBy = null;
        for (Letter other : sameDocument) {
            boolean letterXml = isXml(letter);
            if (letterXml == isXml(other)) {
                continue; // two copies of one kind: neither is the better reading
            }
            Letter xml = letterXml ? letter : other;
            Letter text = letterXml ? other : letter;
            text.supersededBy = xml.documentId;
            String difference = difference(xml, text);
            String message = difference == null ? null
                    : "structure differs from the other source of " + letter.documentNumber + ": " + difference
                    + "; the XML's structure (" + xml.documentId + ") counts";
            letter.sourceDisagreement = message;
            other.sourceDisagreement = message;
            other.updateNeedsReview();
        }
        if (letter.sourceDisagreement != null && !letter.sourceDisagreement.equals(before)) {
            disagreements.increment();
        }
    }

    /** KOOP's XML (and officielebekendmakingen XHTML) is read as structure; everything else as text. */
    static boolean isXml(Letter letter) {
        String type = letter.contentType == null ? "" : letter.contentType.toLowerCase(Locale.ROOT);
        return type.contains("xml") && !type.contains("openxmlformats") && !type.contains("opendocument");
    }

    /** What differs, for a reader, or {@code null} when the structures are the same. */
    static String difference(Letter xml, Letter text) {
        List<String> xmlQuestions = xml.questions.stream().map(q -> q.number).toList();
        List<String> textQuestions = text.questions.stream().map(q -> q.number).toList();
        List<List<String>> xmlGroups = xml.answers.stream().map(a -> List.copyOf(a.questionNumbers)).toList();
        List<List<String>> textGroups = text.answers.stream().map(a -> List.copyOf(a.questionNumbers)).toList();
        StringBuilder what = new StringBuilder();
        if (!xmlQuestions.equals(textQuestions)) {
            what.append("questions ").append(String.join(", ", xmlQuestions)).append(" in the XML, ")
                    .append(String.join(", ", textQuestions)).append(" in ").append(text.documentId);
        }
        if (!Objects.equals(xmlGroups, textGroups)) {
            if (!what.isEmpty()) {
                what.append("; ");
            }
            what.append("answer groups ").append(groups(xmlGroups)).append(" in the XML, ")
                    .append(groups(textGroups)).append(" in ").append(text.documentId);
        }
        return what.isEmpty() ? null : what.toString();
    }

    private static String groups(List<List<String>> groups) {
        return groups.isEmpty() ? "none"
                : groups.stream().map(g -> "[" + String.join(", ", g) + "]").collect(Collectors.joining(" "));
    }
}
