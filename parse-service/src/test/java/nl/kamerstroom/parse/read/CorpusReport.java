package nl.kamerstroom.parse.read;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.kamerstroom.events.ParsedLetter;

/**
 * Parses every corpus document and prints, per document, kind, question count, answer groups and
 * warnings, then a summary line. Not a test: run it with
 * {@code ./mvnw -q -pl parse-service test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=nl.kamerstroom.parse.read.CorpusReport [-Dexec.args="CORPUS_DIR SEEDS_DIR"]}.
 * The KOOP Q/A printouts are read the way the test does: turned back into KOOP XML.
 */
public final class CorpusReport {

    public static void main(String[] args) throws IOException {
        // run from the repository root or from parse-service/: the shared corpus is next to the repository
        Path base = Files.isDirectory(Path.of("../shared")) ? Path.of("../shared") : Path.of("../../shared");
        Path corpus = args.length > 0 ? Path.of(args[0]) : base.resolve("corpus/raw");
        Path seeds = args.length > 1 ? Path.of(args[1]) : base.resolve("seeds");
        List<Path> files = new ArrayList<>();
        for (Path root : List.of(seeds, corpus)) {
            if (!Files.isDirectory(root)) {
                System.err.println("no directory " + root.toAbsolutePath().normalize());
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".json")).sorted().forEach(files::add);
            }
        }
        LetterReader reader = new LetterReader();
        int documents = 0;
        int failed = 0;
        int questions = 0;
        int answers = 0;
        int withWarnings = 0;
        int warnings = 0;
        for (Path file : files) {
            String name = file.getFileName().toString();
            byte[] content = Files.readAllBytes(file);
            String type = name.endsWith(".xml") ? "application/xml" : name.endsWith(".md") ? "text/markdown" : "text/plain";
            if (file.getParent().getFileName().toString().equals("koop-qa-pairs")) {
                String id = name.substring(0, name.indexOf('.'));
                content = Variants.koopXml(id, Variants.pairs(new String(content, java.nio.charset.StandardCharsets.UTF_8)));
                type = "application/xml";
                name = name + " (as KOOP XML)";
            }
            documents++;
            try {
                long start = System.nanoTime();
                ParsedLetter letter = reader.read(content, type);
                long micros = (System.nanoTime() - start) / 1000;
                questions += letter.questions().size();
                answers += letter.answers().size();
                warnings += letter.warnings().size();
                if (!letter.warnings().isEmpty()) {
                    withWarnings++;
                }
                String groups = letter.answers().stream().map(a -> String.join("+", a.questionNumbers()))
                        .collect(Collectors.joining(" "));
                System.out.printf("%-58s %-8s %-6s q=%-3d a=%-3d fn=%-3d %6d µs  answers: %s%n", name, type.substring(type.indexOf('/') + 1),
                        letter.kind(), letter.questions().size(), letter.answers().size(), letter.footnotes().size(), micros, groups);
                for (String warning : letter.warnings()) {
                    System.out.println("    warning: " + warning);
                }
            } catch (ReadException e) {
                failed++;
                System.out.printf("%-58s FAILED (%s): %s%n", name, e.unsupported() ? "unsupported" : "unreadable", e.getMessage());
            }
        }
        System.out.printf("SUMMARY: %d documents, %d read, %d failed, %d questions, %d answer groups, %d warnings in %d documents%n",
                documents, documents - failed, failed, questions, answers, warnings, withWarnings);
    }
}
