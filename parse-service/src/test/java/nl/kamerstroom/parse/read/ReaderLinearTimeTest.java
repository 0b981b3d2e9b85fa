package nl.kamerstroom.parse.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import nl.kamerstroom.events.ParsedLetter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * The readers take time linear in their input. Each case is a hostile input of the size that was
 * measured to take minutes ("14 MB of KOOP XML with repeated question numbers: 110 s, 750 MB";
 * "4.7 MB of HTML with many header rows: 64 s"), built here by a generator; a quadratic reader takes
 * minutes on it, a linear one a few seconds, so the generous bound (CPU time of the reading thread)
 * does not depend on the machine or its load.
 * {@link #main} prints the figures for a size-doubling series (see the README).
 */
class ReaderLinearTimeTest {

    /**
     * CPU seconds of the reading thread: about five times what the linear readers need on this
     * machine's slow, shared cores (2–6 s), a fifth of what the quadratic ones took (64–110 s). CPU
     * time, not wall time, so that other builds on the machine do not fail the test.
     */
    private static final long MAX_CPU_NANOS = Duration.ofSeconds(25).toNanos();
    /** Wall time, only so that a hang ends the test. */
    private static final Duration HANG = Duration.ofMinutes(3);

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final LetterReader reader = new LetterReader();

    /**
     * KOOP XML whose questions repeat a few numbers over and over ("Vraag 1" … "Vraag 10", again),
     * each with an answer and a footnote, about {@code bytes} long.
     */
    static byte[] koopXmlWithRepeatedNumbers(int bytes) {
        StringBuilder xml = new StringBuilder(bytes + 1024).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<officiele-publicatie><metadata><meta name=\"DC.identifier\" content=\"ah-tk-20232024-999\"/></metadata>\n"
                + "<kamervragen><kamervraagomschrijving type=\"vraag\">Vragen van het lid Jansen (GL) aan de minister van"
                + " Financiën over belastingen (ingezonden <datum isodatum=\"2024-01-10\">10 januari 2024</datum>).</kamervraagomschrijving>\n");
        for (int i = 0; xml.length() < bytes; i++) {
            int number = i % 10 + 1;
            xml.append("<vraag><nr status=\"officieel\">Vraag ").append(number).append("</nr><al>Hoeveel belasting is er in ")
                    .append(2000 + i % 24).append(" betaald?<noot id=\"n").append(i).append("\" type=\"voet\"><noot.nr>")
                    .append(i + 1).append("</noot.nr><noot.al>Zie https://example.org/").append(i)
                    .append("</noot.al></noot></al></vraag>\n<antwoord><nr status=\"officieel\">Antwoord ").append(number)
                    .append("</nr><al>Dat is veel, namelijk ").append(i).append(" miljoen euro.</al></antwoord>\n");
        }
        return xml.append("</kamervragen></officiele-publicatie>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * An officielebekendmakingen page with many header rows: thousands of {@code kamervraagomschrijving}
     * sentences and table header rows ({@code <th>}), between question and answer blocks.
     */
    static byte[] htmlWithManyHeaderRows(int bytes) {
        StringBuilder html = new StringBuilder(bytes + 1024).append("<!DOCTYPE html><html><head>"
                + "<meta name=\"DC.identifier\" content=\"ah-tk-20232024-998\"></head><body><div id=\"main-column\">");
        for (int i = 0; html.length() < bytes; i++) {
            html.append("<p class=\"kamervraagomschrijving\">Vragen van het lid Jansen ").append(i)
                    .append(" aan de minister van Financiën (ingezonden 10 januari 2024).</p>")
                    .append("<table><tr><th>Jaar</th><th>Bedrag ").append(i).append("</th></tr><tr><td>").append(2000 + i % 24)
                    .append("</td><td>").append(i).append("</td></tr></table>")
                    .append("<div class=\"vraag\"><h2 class=\"stuktitel\">Vraag ").append(i % 10 + 1)
                    .append("</h2><p>Hoeveel is het?<sup><a class=\"nootnum\" href=\"#n").append(i).append("\">").append(i + 1)
                    .append("</a></sup></p></div><div class=\"antwoord\"><h2 class=\"stuktitel\">Antwoord ").append(i % 10 + 1)
                    .append("</h2><p>Veel.</p></div><div class=\"voet noot\"><span class=\"nootnum\">").append(i + 1)
                    .append("</span> Zie de bijlage.</div>\n");
        }
        return html.append("</div></body></html>").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void fourteenMegabytesOfKoopXmlWithRepeatedQuestionNumbers() {
        byte[] xml = koopXmlWithRepeatedNumbers(14_000_000);
        ParsedLetter letter = withinCpu(() -> reader.read(xml, "application/xml"));
        assertThat(letter.questions()).extracting(ParsedLetter.Question::number)
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
        assertThat(letter.warnings()).hasSizeLessThanOrEqualTo(50).anyMatch(w -> w.contains("printed twice"));
    }

    @Test
    void fiveMegabytesOfHtmlWithManyHeaderRows() {
        byte[] html = htmlWithManyHeaderRows(4_700_000);
        ParsedLetter letter = withinCpu(() -> reader.read(html, "text/html"));
        assertThat(letter.questions()).hasSize(10);
    }

    private static ParsedLetter withinCpu(ThrowingSupplier<ParsedLetter> read) {
        return assertTimeoutPreemptively(HANG, () -> {
            long start = THREADS.getCurrentThreadCpuTime();
            ParsedLetter letter = read.get();
            long spent = THREADS.getCurrentThreadCpuTime() - start;
            assertThat(spent).as("CPU nanoseconds reading the document").isLessThan(MAX_CPU_NANOS);
            return letter;
        });
    }

    /** Seconds per size, doubling: {@code java … ReaderLinearTimeTest [from [to]]} (see the README). */
    public static void main(String[] args) throws Exception {
        LetterReader reader = new LetterReader();
        int from = args.length > 0 ? Integer.parseInt(args[0]) : 875_000;
        int to = args.length > 1 ? Integer.parseInt(args[1]) : 14_000_000;
        for (int round = 0; round < 2; round++) {
            for (int size = from; size <= to; size *= 2) {
                byte[] xml = koopXmlWithRepeatedNumbers(size);
                long t0 = System.nanoTime();
                reader.read(xml, "application/xml");
                long t1 = System.nanoTime();
                byte[] html = htmlWithManyHeaderRows(size / 3);
                long t2 = System.nanoTime();
                reader.read(html, "text/html");
                long t3 = System.nanoTime();
                System.out.printf("KOOP XML %,d bytes: %.2f s   HTML %,d bytes: %.2f s%n", xml.length, (t1 - t0) / 1e9,
                        html.length, (t3 - t2) / 1e9);
            }
        }
    }
}
