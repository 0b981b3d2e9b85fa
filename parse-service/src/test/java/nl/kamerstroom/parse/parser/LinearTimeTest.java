package nl.kamerstroom.parse.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;
import java.util.function.IntFunction;
import nl.kamerstroom.events.ParsedLetter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The parser's time grows in proportion to its input (issue 11, item 5). Each shape below was
 * slow once: quadratic repairs over many headings, a regular expression retrying from every digit
 * of a long run of numbers, list look-ups per range. The check is a size ratio, not a timing: the
 * CPU time of this thread at 4 n against n must stay well under the 16 that a quadratic parser
 * would need (a linear one needs 4), so a loaded machine does not make it fail.
 */
class LinearTimeTest {

    private static final LetterParser PARSER = new LetterParser();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Linear is 4, quadratic 16; the margin absorbs JIT and GC noise. */
    private static final double MAX_RATIO = 8.0;
    /** Below this the measurement is noise; such a run is fast whatever its ratio. */
    private static final long NOISE_NANOS = 30_000_000L;

    enum Shape {
        /** "Vraag 1" and then nothing but bare "Vraag" lines: numbered from the sequence. */
        BARE_QUESTION_HEADINGS(n -> "Vraag 1\nKent u dit?\n" + "Vraag\n".repeat(n / 6)),
        /** Bare question and answer headings in turn. */
        BARE_PAIRS(n -> "Vraag 1\nTekst?\nAntwoord 1\nJa.\n" + "Vraag\nIets?\n\nAntwoord\nJa.\n\n".repeat(n / 27)),
        /** A question whose text after a page break is a long run of digits and separators. */
        DIGIT_RUNS(n -> "Vraag 1\nKent u dit?\nAntwoord 1\nJa.\nVraag 2\nWaarom?\n\f" + digits(n) + "x\n\fVraag 3\nTekst?\n"),
        /** Digits and separators everywhere, with an occasional heading among them. */
        DIGITS_AND_HEADINGS(n -> {
            Random random = new Random(n);
            String[] separators = {" ", ", ", ",", " en ", "-", " t/m ", ".", ")", "\n", "\n\n", "/", "–"};
            StringBuilder text = new StringBuilder();
            while (text.length() < n) {
                if (random.nextInt(40) == 0) {
                    text.append(random.nextBoolean() ? "\nVraag " : "\nAntwoord op vragen ");
                }
                text.append(random.nextInt(2000)).append(separators[random.nextInt(separators.length)]);
            }
            return text.toString();
        }),
        /** Answers under lettered numbers with lists of ranges, none of them asked. */
        ANSWERS_WITHOUT_QUESTIONS(n -> {
            StringBuilder text = new StringBuilder("Vraag 1\nTekst?\n");
            for (int i = 0; text.length() < n; i++) {
                text.append("Antwoord ").append(i % 900 + 1).append("a-").append(i % 900 + 1).append("z\nJa.\n");
            }
            return text.toString();
        }),
        /** The same numbered question printed again and again. */
        REPEATED_HEADINGS(n -> "Vraag 1\nKent u dit?\nAntwoord 1\nJa.\n"
                + "Vraag 1\nKent u dit?\n\nEen ander antwoord op de vraag.\n".repeat(n / 50));

        final IntFunction<String> text;

        Shape(IntFunction<String> text) {
            this.text = text;
        }
    }

    private static String digits(int n) {
        Random random = new Random(n);
        StringBuilder text = new StringBuilder();
        while (text.length() < n) {
            for (int i = 0; i < 50; i++) {
                text.append(random.nextInt(100)).append(' ');
            }
            text.append(", ");
        }
        return text.toString();
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void timeGrowsInProportionToTheInput(Shape shape) {
        int n = 50_000;
        String small = shape.text.apply(n);
        String large = shape.text.apply(4 * n);
        cpuNanos(small); // warm-up
        long smallNanos = cpuNanos(small);
        long largeNanos = cpuNanos(large);
        if (largeNanos < NOISE_NANOS) {
            return;
        }
        double ratio = (double) largeNanos / Math.max(smallNanos, NOISE_NANOS / 4);
        assertThat(ratio).as("%s: %d ms for %d chars, %d ms for %d chars", shape,
                smallNanos / 1_000_000, small.length(), largeNanos / 1_000_000, large.length()).isLessThan(MAX_RATIO);
    }

    @Test
    void theHostileInputsOfIssue11AreFast() {
        // 1.2 MB with 200,000 bare "Vraag" lines after a numbered one: no answer within 600 s before.
        String bare = "Vraag 1\nKent u dit?\n" + "Vraag\n".repeat(200_000);
        // 200 KB with long runs of digits and separators: 259 s and 750 MB before.
        String digits = Shape.DIGIT_RUNS.text.apply(200_000);
        ParsedLetter letter = null;
        for (String text : new String[] {digits, bare}) {
            long start = THREADS.getCurrentThreadCpuTime();
            letter = PARSER.parse(text);
            double seconds = (THREADS.getCurrentThreadCpuTime() - start) / 1e9;
            assertThat(seconds).as("CPU seconds for %d chars", text.length()).isLessThan(20.0);
        }
        assertThat(letter.questions()).hasSize(200_001);
        assertThat(letter.warnings()).hasSizeLessThanOrEqualTo(50);
        assertThat(letter.reviewReasons()).hasSizeLessThanOrEqualTo(20).isNotEmpty();
    }

    /** The least CPU time of this thread over a few runs: the parser runs on the calling thread. */
    private static long cpuNanos(String text) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = THREADS.getCurrentThreadCpuTime();
            PARSER.parse(text);
            best = Math.min(best, THREADS.getCurrentThreadCpuTime() - start);
        }
        return best;
    }
}
