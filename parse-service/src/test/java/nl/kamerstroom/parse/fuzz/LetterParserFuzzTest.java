package nl.kamerstroom.parse.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.parse.parser.LetterParser;
import nl.kamerstroom.parse.read.LetterReader;
import nl.kamerstroom.parse.read.ReadException;

/**
 * Jazzer fuzz tests. In {@code verify} (regression mode) they run once per seed in
 * {@code src/test/resources/nl/kamerstroom/parse/fuzz/LetterParserFuzzTestInputs/<method>/}; with
 * {@code JAZZER_FUZZ=1} they fuzz (see the README). The parser swallows its own exceptions into a
 * warning so the pipeline goes on; here that warning is a finding.
 */
class LetterParserFuzzTest {

    private static final LetterParser PARSER = new LetterParser();
    private static final LetterReader READER = new LetterReader(PARSER);
    private static final String[] TYPES = {"text/plain", "application/pdf", "text/html", "application/xml", null};

    /** Entry point for Jazzer's standalone driver (see the README), the same target as {@link #parsesAnyText}. */
    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        new LetterParserFuzzTest().parsesAnyText(data);
    }

    @FuzzTest(maxDuration = "5m")
    void parsesAnyText(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        ParsedLetter letter = PARSER.parse(text);
        assertThat(letter).isNotNull();
        assertThat(letter.warnings()).hasSizeLessThanOrEqualTo(50)
                .noneMatch(w -> w.startsWith("the parser failed on this text"));
        assertThat(letter.questions()).allSatisfy(q -> assertThat(q.number()).isNotBlank());
        assertThat(letter.answers()).allSatisfy(a -> assertThat(a.questionNumbers()).isNotEmpty());
    }

    @FuzzTest(maxDuration = "5m")
    void readsAnyBytes(FuzzedDataProvider data) {
        String type = TYPES[data.consumeInt(0, TYPES.length - 1)];
        byte[] content = data.consumeRemainingAsBytes();
        try {
            ParsedLetter letter = READER.read(content, type);
            assertThat(letter).isNotNull();
            assertThat(letter.warnings()).noneMatch(w -> w.startsWith("the parser failed on this text"));
        } catch (ReadException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("reader failed on this content");
        }
    }
}
