package nl.kamerstroom.parse.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.ParsedLetter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever the text, a result in bounded time; never an exception, except for null. */
class RobustnessTest {

    /**
     * Wall time: a backstop against a parser that never returns. On 2 cores shared by many builds
     * a letter's wall time can be ten times its CPU time, so the bound on the work itself is
     * {@link #CPU_BOUND_SECONDS}, measured on the thread that parsed.
     */
    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final double CPU_BOUND_SECONDS = 20;
    private final LetterParser parser = new LetterParser();

    @Test
    void nullIsAProgrammingError() {
        assertThatNullPointerException().isThrownBy(() -> parser.parse(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\n\n", " \t \r\n \f \u00A0", "\uFEFF", "Vraag", "Antwoord 1", "1)", "1 ", "(", ")"})
    void emptyAndTinyTexts(String text) {
        ParsedLetter letter = parser.parse(text);
        assertThat(letter).isNotNull();
        assertThat(letter.questions()).allSatisfy(q -> assertThat(q.number()).isNotBlank());
    }

    @Test
    void emptyTextIsOther() {
        ParsedLetter letter = parser.parse("");
        assertThat(letter.kind()).isEqualTo(LetterKind.OTHER);
        assertThat(letter.questions()).isEmpty();
        assertThat(letter.zaakNumbers()).isEmpty();
    }

    @Test
    void randomGarbage() {
        Random random = new Random(20251121);
        for (int round = 0; round < 200; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(5_000);
            for (int i = 0; i < length; i++) {
                text.append((char) random.nextInt(random.nextBoolean() ? 128 : 0x3000));
            }
            assertThat(parser.parse(text.toString())).isNotNull();
        }
    }

    @Test
    void garbageMadeOfTheWordsTheParserLooksFor() {
        String[] words = {"Vraag", "Antwoord", "op vragen", "1", "12", "2a", "en", "t/m", "-", "2025Z12345", "(", ")", "1)",
                "www.x.nl/", "Minister", "over", "Vragen van het lid", "X (Y)", "aan de", "(ingezonden", "19 mei 2025",
                "\n", "\n\n", "\n \n", "\f", "Datum", "Pagina 1 van 2", "3Vergelijkbare", "Onze referentie",
                "Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel 1", "´", "»?", "-----", "# ", "**", "[1 ]", "Toelichting:",
                "De Minister van Financiën,", " "};
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            StringBuilder text = new StringBuilder();
            int count = random.nextInt(400);
            for (int i = 0; i < count; i++) {
                text.append(words[random.nextInt(words.length)]).append(random.nextBoolean() ? " " : "");
            }
            ParsedLetter letter = parser.parse(text.toString());
            assertThat(letter).isNotNull();
            assertThat(letter.warnings()).hasSizeLessThanOrEqualTo(50);
        }
    }

    @Test
    void fiveMegabytesWithoutHeadings() {
        String paragraph = "Het kabinet heeft in 2024 ongeveer 1.000 maatregelen genomen om de werkdruk te verlagen, "
                + "zoals beschreven in de brief van 12 maart 2024 (Kamerstuk 29 279, nr. 874).\n";
        String text = paragraph.repeat(5_000_000 / paragraph.length() + 1);
        ParsedLetter letter = assertTimeoutPreemptively(BOUND, () -> parser.parse(text));
        assertThat(letter.kind()).isEqualTo(LetterKind.OTHER);
        assertThat(letter.questions()).isEmpty();
    }

    @Test
    void pathologicalLongInputs() {
        List<String> texts = List.of(
                "x".repeat(5_000_000),
                "1\n".repeat(1_000_000),
                "(".repeat(2_000_000),
                "Vraag 1 en 2 en 3 ".repeat(100_000),
                "Vraag 1\n".repeat(300_000),
                "Antwoord\n".repeat(300_000),
                "a/".repeat(1_000_000),
                "20251 ".repeat(500_000),
                "1 Koopmans, C.\n".repeat(200_000),
                ("Vragen van het lid " + "A, ".repeat(1000)).repeat(100));
        for (String text : texts) {
            double[] cpuSeconds = new double[1];
            ParsedLetter letter = assertTimeoutPreemptively(BOUND, () -> {
                java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
                long start = threads.getCurrentThreadCpuTime();
                ParsedLetter parsed = parser.parse(text);
                cpuSeconds[0] = (threads.getCurrentThreadCpuTime() - start) / 1e9;
                return parsed;
            });
            assertThat(cpuSeconds[0]).as("CPU seconds for %d chars", text.length()).isLessThan(CPU_BOUND_SECONDS);
            assertThat(letter).isNotNull();
            assertThat(letter.warnings()).hasSizeLessThanOrEqualTo(50);
        }
    }

    @Test
    void oneParserServesManyThreads() throws Exception {
        List<String> letters = List.of(LetterTexts.SEED_SNELLER, LetterTexts.SEED_MUTLUER, LetterTexts.SEED_MEMO,
                "corpus/ah-tk-20232024-1092.txt", "corpus/ah-tk-20232024-387.md");
        List<ParsedLetter> expected = letters.stream().map(l -> parser.parse(LetterTexts.text(l))).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (int round = 0; round < 40; round++) {
                int index = round % letters.size();
                String text = LetterTexts.text(letters.get(index));
                results.add(pool.submit(() -> parser.parse(text).equals(expected.get(index))));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
