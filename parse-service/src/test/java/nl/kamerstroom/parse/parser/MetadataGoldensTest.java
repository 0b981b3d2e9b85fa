package nl.kamerstroom.parse.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nl.kamerstroom.events.ParsedLetter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Metadata goldens (issue 12, classes 6 and 7): letter texts in {@code goldens/metadata/*.txt},
 * built from real letters reworked into the shapes that went wrong (askers only in the cover
 * sentence, "het lid X en Y (beiden VVD)", glued "vanDijk" / "Klashorst(PVV)" /
 * "Patijn(beiden …)", a cited zaak and a Kamer document number before or after the own zaak),
 * each with the {@code .expected} askers, zaak numbers in order, subject and date written by
 * reading the text.
 */
class MetadataGoldensTest {

    static Stream<String> goldens() throws IOException, URISyntaxException {
        Path dir = Path.of(MetadataGoldensTest.class.getResource("/goldens/metadata").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("goldens")
    void metadataAsPrinted(String name) throws Exception {
        Path dir = Path.of(MetadataGoldensTest.class.getResource("/goldens/metadata").toURI());
        ParsedLetter letter = new LetterParser().parse(Files.readString(dir.resolve(name + ".txt"), StandardCharsets.UTF_8));
        Map<String, String> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve(name + ".expected"), StandardCharsets.UTF_8)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                expected.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        List<String> askers = new ArrayList<>();
        letter.askers().forEach(m -> askers.add(m.name() + " (" + m.party() + ")"));
        assertThat(String.join(" | ", askers)).as("askers").isEqualTo(expected.get("askers"));
        assertThat(String.join(" | ", letter.zaakNumbers())).as("zaak numbers").isEqualTo(expected.get("zaken"));
        assertThat(letter.subject()).as("subject").isEqualTo(expected.get("subject"));
        if (expected.containsKey("letterDate")) {
            assertThat(String.valueOf(letter.letterDate())).as("letter date").isEqualTo(expected.get("letterDate"));
        }
    }
}
