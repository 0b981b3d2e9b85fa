package nl.kamerstroom.parse.read;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nl.kamerstroom.parse.parser.LetterParser;
import nl.kamerstroom.testsupport.TextPdf;

/**
 * Throughput of the parse path on one thread, over the whole corpus copy in the test resources
 * (seeds, Aanhangsel texts, KOOP XML): text → parsed letter, KOOP XML → parsed letter, and
 * PDF (rendered from the same texts) → parsed letter. Not a test; run with
 * {@code ./mvnw -q -pl parse-service test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=nl.kamerstroom.parse.read.ParseBenchmark} (optional args: seconds per measurement).
 */
public final class ParseBenchmark {

    private static volatile Object sink;

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        List<String> texts = new ArrayList<>();
        for (String seed : List.of("000_f6bf631fb9c80b1a.txt", "001_ac304c379d17da38.txt", "002_358412831a12e61a.txt")) {
            texts.add(Letters.text("seeds/" + seed));
        }
        CorpusDocuments.aanhangsels().forEach(f -> texts.add(Letters.text("corpus/" + f)));
        List<byte[]> xml = new ArrayList<>();
        Letters.KOOP_XML.forEach(id -> xml.add(Letters.bytes("koop-xml/" + id + ".fragments.xml")));
        List<byte[]> pdfs = new ArrayList<>();
        texts.forEach(t -> pdfs.add(TextPdf.render(t)));
        long textBytes = texts.stream().mapToLong(t -> t.getBytes(StandardCharsets.UTF_8).length).sum();
        long pdfBytes = pdfs.stream().mapToLong(p -> p.length).sum();
        System.out.printf("corpus: %d text letters (%.1f MB), %d KOOP XML documents, %d PDFs (%.1f MB); %d cores; %s%n",
                texts.size(), textBytes / 1e6, xml.size(), pdfs.size(), pdfBytes / 1e6,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

        LetterParser parser = new LetterParser();
        LetterReader reader = new LetterReader(parser);
        Work text = i -> sink = parser.parse(texts.get(i % texts.size()));
        Work koop = i -> sink = reader.read(xml.get(i % xml.size()), "application/xml");
        Work pdf = i -> sink = reader.read(pdfs.get(i % pdfs.size()), "application/pdf");

        report("text -> parsed letter", measure(text, seconds), textBytes / (double) texts.size());
        report("KOOP XML -> parsed letter", measure(koop, seconds), 0);
        report("PDF -> parsed letter", measure(pdf, seconds), 0);
    }

    interface Work {
        void run(int i) throws Exception;
    }

    /** Letters per second on one thread: a warm-up of the same length first, then the median of 5 rounds. */
    private static double measure(Work work, double seconds) throws Exception {
        run(work, seconds);
        double[] rounds = new double[5];
        for (int r = 0; r < rounds.length; r++) {
            rounds[r] = run(work, seconds / rounds.length);
        }
        java.util.Arrays.sort(rounds);
        return rounds[rounds.length / 2];
    }

    private static double run(Work work, double seconds) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        int n = 0;
        while (System.nanoTime() < end) {
            work.run(n++);
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private static void report(String what, double perSecond, double averageBytes) {
        System.out.printf(Locale.ROOT, "%-28s %8.0f letters/s on one thread%s%n", what, perSecond,
                averageBytes > 0 ? String.format(Locale.ROOT, " (%.1f MB/s)", perSecond * averageBytes / 1e6) : "");
    }
}
