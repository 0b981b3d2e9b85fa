package nl.kamerstroom.parse.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.management.ManagementFactory;
import nl.kamerstroom.parse.parser.LetterParser;
import nl.kamerstroom.parse.read.LetterReader;
import nl.kamerstroom.parse.read.ReadException;

/**
 * Jazzer targets that fail on <em>slowness</em>, beside the crash targets of
 * {@link LetterParserFuzzTest}: an input for which the reader or the parser spends more than
 * {@link #MAX_CPU_NANOS} of CPU, or allocates more than {@link #maxAllocatedBytes} (a budget linear
 * in the input), is a finding, as a crash is. CPU time and allocated bytes are the work done by this
 * thread, so other builds on the machine do not make an input "slow". Under the standalone driver
 * libFuzzer's own {@code -timeout} and {@code -rss_limit_mb} bound hangs and memory (README).
 */
class SlowInputFuzzTest {

    /** Far above any letter of fuzzer size (< 100 KB: milliseconds), far below a super-linear case. */
    static final long MAX_CPU_NANOS = 3_000_000_000L;

    private static final LetterParser PARSER = new LetterParser();
    private static final LetterReader READER = new LetterReader(PARSER);
    private static final String[] TYPES = {"text/plain", "application/pdf", "text/html", "application/xml", null};
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** 256 MB plus 2,000 bytes per input byte: linear work fits, quadratic work on 20 KB (400 M steps) does not. */
    static long maxAllocatedBytes(int inputLength) {
        return 256L * 1024 * 1024 + 2_000L * inputLength;
    }

    /** Entry point for Jazzer's standalone driver: the first byte picks the target. */
    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        SlowInputFuzzTest test = new SlowInputFuzzTest();
        if (data.consumeBoolean()) {
            test.readsAnyBytesQuickly(data);
        } else {
            test.parsesAnyTextQuickly(data);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void parsesAnyTextQuickly(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        within(text.length() * 2, () -> PARSER.parse(text));
    }

    @FuzzTest(maxDuration = "5m")
    void readsAnyBytesQuickly(FuzzedDataProvider data) {
        String type = TYPES[data.consumeInt(0, TYPES.length - 1)];
        byte[] content = data.consumeRemainingAsBytes();
        within(content.length, () -> {
            try {
                READER.read(content, type);
            } catch (ReadException e) {
                // a reason is a fine outcome; only the cost of reaching it is checked here
            }
        });
    }

    private static void within(int inputLength, Runnable work) {
        long thread = Thread.currentThread().getId();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long allocated = THREADS.getThreadAllocatedBytes(thread);
        work.run();
        long cpuSpent = THREADS.getCurrentThreadCpuTime() - cpu;
        long allocatedSpent = THREADS.getThreadAllocatedBytes(thread) - allocated;
        assertThat(cpuSpent).as("CPU nanoseconds for an input of %,d bytes", inputLength).isLessThan(MAX_CPU_NANOS);
        assertThat(allocatedSpent).as("bytes allocated for an input of %,d bytes", inputLength)
                .isLessThan(maxAllocatedBytes(inputLength));
    }
}
