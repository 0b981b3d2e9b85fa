package nl.kamerstroom.parse.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.ParsedLetter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Aanhangsel in the corpus copy: what must hold for each of them, whatever its layout
 * quirks. The golden tests check details of a selection.
 */
public class CorpusSweepTest {

    /** The corpus files, also used by the reader tests. */
    public static Stream<String> aanhangsels() {
        return Stream.of(
                "ah-tk-20222023-3649.txt", "ah-tk-20232024-1031.txt", "ah-tk-20232024-1092.txt", "ah-tk-20232024-1108.txt",
                "ah-tk-20232024-1165.txt", "ah-tk-20232024-1193.txt", "ah-tk-20232024-1197.txt", "ah-tk-20232024-1198.txt",
                "ah-tk-20232024-1280.txt", "ah-tk-20232024-1296.txt", "ah-tk-20232024-1375.txt", "ah-tk-20232024-1433.txt",
                "ah-tk-20232024-1512.txt", "ah-tk-20232024-1543.txt", "ah-tk-20232024-1586.txt", "ah-tk-20232024-1708.txt",
                "ah-tk-20232024-1770.txt", "ah-tk-20232024-1823.txt", "ah-tk-20232024-1983.txt", "ah-tk-20232024-2109.txt",
                "ah-tk-20232024-2110.txt", "ah-tk-20232024-2119.txt", "ah-tk-20232024-2267.txt", "ah-tk-20232024-2273.txt",
                "ah-tk-20232024-2352.txt", "ah-tk-20232024-2353.txt", "ah-tk-20232024-680.txt", "ah-tk-20232024-784.txt",
                "ah-tk-20232024-909.documents-txt-variant.txt", "ah-tk-20232024-909.txt", "ah-tk-20232024-946.txt",
                "ah-tk-20232024-948.txt", "ah-tk-20232024-971.txt",
                "ah-tk-20232024-302.md", "ah-tk-20232024-387.md", "ah-tk-20232024-601.md");
    }

    @ParameterizedTest
    @MethodSource("aanhangsels")
    void readsTheStructureOfEveryAanhangsel(String file) {
        ParsedLetter letter = LetterTexts.parse("corpus/" + file);

        assertThat(letter.kind()).isEqualTo(LetterKind.ANSWER);
        assertThat(letter.documentNumber()).isEqualTo(file.substring(0, file.indexOf('.')));
        assertThat(letter.askers()).isNotEmpty().allSatisfy(m -> assertThat(m.party()).isNotBlank());
        assertThat(letter.addressees()).isNotEmpty().allSatisfy(a -> assertThat(a).matches("^(Minister|Staatssecretaris).*"));
        assertThat(letter.answeredBy()).isNotEmpty();
        assertThat(letter.subject()).isNotBlank();
        assertThat(letter.submittedDate()).isNotNull();
        assertThat(letter.receivedDate()).isAfterOrEqualTo(letter.submittedDate());
        assertThat(letter.letterDate()).isNull();

        assertThat(letter.questions()).isNotEmpty();
        Set<String> asked = new LinkedHashSet<>();
        letter.questions().forEach(q -> asked.add(q.number()));
        assertThat(asked).as("question numbers are unique").hasSize(letter.questions().size());
        for (ParsedLetter.Answer answer : letter.answers()) {
            assertThat(asked).containsAll(answer.questionNumbers());
        }
        for (String number : asked) {
            assertThat(letter.answerTo(number)).as("answer to " + number).isNotNull();
        }

        List<String> texts = new ArrayList<>();
        letter.questions().forEach(q -> texts.add(q.text()));
        letter.answers().forEach(a -> texts.add(a.text()));
        assertThat(texts).allSatisfy(text -> assertThat(text)
                .isNotBlank()
                .doesNotContain("ISSN 0921", "Tweede Kamer, vergaderjaar", "’s-Gravenhage 20", "-----", "h tk 2023",
                        "Vragen gesteld door de leden der Kamer")
                .doesNotStartWith("Vraag ").doesNotStartWith("Antwoord "));

        // Footnotes are numbered 1..n through the document, each cited somewhere or at least printed.
        List<String> footnotes = letter.footnotes().stream().map(ParsedLetter.Footnote::number).toList();
        assertThat(footnotes).containsExactlyElementsOf(
                IntStream.rangeClosed(1, footnotes.size()).mapToObj(Integer::toString).toList());
        assertThat(letter.footnotes()).allSatisfy(f -> assertThat(f.text()).isNotBlank());
    }
}
