package nl.kamerstroom.parse.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import nl.kamerstroom.events.ParsedLetter;

/** Test letters from the classpath ({@code /letters/…}) and small helpers over parsed letters. */
final class Letters {

    static final List<String> KOOP_XML = List.of("ah-tk-20172018-1547", "ah-tk-20182019-3616", "ah-tk-20192020-2197",
            "ah-tk-20202021-876", "ah-tk-20222023-2824", "ah-tk-20232024-260");
    static final List<String> KOOP_QA = List.of("ah-tk-20092010-2049", "ah-tk-20102011-1105", "ah-tk-20112012-2044",
            "ah-tk-20132014-2127", "ah-tk-20132014-631", "ah-tk-20142015-1712", "ah-tk-20142015-373",
            "ah-tk-20152016-815", "ah-tk-20172018-2785", "ah-tk-20182019-1596", "ah-tk-20192020-2375",
            "ah-tk-20192020-3636");

    private Letters() {
    }

    static byte[] bytes(String path) {
        try (InputStream in = Letters.class.getResourceAsStream("/letters/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test letter " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    /** Question numbers in order. */
    static List<String> questionNumbers(ParsedLetter letter) {
        return letter.questions().stream().map(ParsedLetter.Question::number).toList();
    }

    /** Answer groups in order, e.g. [[1], [2, 3], [4]]. */
    static List<List<String>> answerGroups(ParsedLetter letter) {
        return letter.answers().stream().map(ParsedLetter.Answer::questionNumbers).toList();
    }

    /** Whitespace collapsed. */
    static String norm(String text) {
        return text.replaceAll("[\\s\\u00A0]+", " ").strip();
    }

    /** Letters only, lower case: for comparing texts across formats that differ in punctuation, digits and spacing. */
    static String letters(String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints().filter(Character::isLetter).map(Character::toLowerCase).forEach(b::appendCodePoint);
        return b.toString();
    }

    static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        for (String p : text.split("\n\\s*\n")) {
            if (!p.isBlank()) {
                parts.add(p);
            }
        }
        return parts;
    }
}
