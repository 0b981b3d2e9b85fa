package nl.kamerstroom.parse.parser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import nl.kamerstroom.events.ParsedLetter;

/** Test letters from the classpath: the seeds and the copied corpus documents. */
final class LetterTexts {

    static final String SEED_SNELLER = "seeds/000_f6bf631fb9c80b1a.txt";
    static final String SEED_MUTLUER = "seeds/001_ac304c379d17da38.txt";
    static final String SEED_MEMO = "seeds/002_358412831a12e61a.txt";

    private static final LetterParser PARSER = new LetterParser();

    private LetterTexts() {
    }

    static String text(String path) {
        return resource("/letters/" + path);
    }

    /** A test resource by its path from the classpath root, as UTF-8. */
    static String resource(String path) {
        try (InputStream in = LetterTexts.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ParsedLetter parse(String path) {
        return PARSER.parse(text(path));
    }

    static ParsedLetter.Question question(ParsedLetter letter, String number) {
        return letter.questions().stream().filter(q -> q.number().equals(number)).findFirst()
                .orElseThrow(() -> new AssertionError("no question " + number + " in " + letter.questions()));
    }

    static ParsedLetter.Footnote footnote(ParsedLetter letter, String number) {
        return letter.footnotes().stream().filter(f -> f.number().equals(number)).findFirst()
                .orElseThrow(() -> new AssertionError("no footnote " + number + " in " + letter.footnotes()));
    }
}
