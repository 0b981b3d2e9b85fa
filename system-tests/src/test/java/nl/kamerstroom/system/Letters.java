package nl.kamerstroom.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Answer letters built from the seed letters with a fresh zaak number each, so every one is a
 * new document and a new zaak that the store's API can be asked about. What each must become
 * is known from the seed: its question numbers and how many answers (one outbox event each).
 */
final class Letters {

    /** Seed 000: nine questions, 7 and 8 answered together, so eight answers. */
    private static final String SNELLER = "000_f6bf631fb9c80b1a.txt";
    private static final String SNELLER_ZAAK = "2025Z17315";
    /** Seed 001: twenty questions, each answered on its own. */
    private static final String MUTLUER = "001_ac304c379d17da38.txt";
    private static final String MUTLUER_ZAAK = "2025Z20557";

    private static final String SNELLER_TEXT = seed(SNELLER);
    private static final String MUTLUER_TEXT = seed(MUTLUER);

    /**
     * @param zaak            the zaak number the letter carries
     * @param body            its bytes, UTF-8 text
     * @param questionNumbers the questions the store must show, in order
     * @param answers         how many answers (answer.published events) it carries
     */
    record Letter(String zaak, byte[] body, List<String> questionNumbers, int answers) {
    }

    private Letters() {
    }

    /**
     * Letter {@code n} of a series: even ones from seed 000, odd ones from seed 001, zaak number
     * {@code <year>Z<n, five digits>}. A different {@code year} per test keeps series apart.
     */
    static Letter answer(int year, int n) {
        if (n < 0 || n > 99_999) {
            throw new IllegalArgumentException("a zaak number has five digits: " + n);
        }
        String zaak = String.format("%04dZ%05d", year, n);
        if (n % 2 == 0) {
            return new Letter(zaak, SNELLER_TEXT.replace(SNELLER_ZAAK, zaak).getBytes(StandardCharsets.UTF_8),
                    numbers(9), 8);
        }
        return new Letter(zaak, MUTLUER_TEXT.replace(MUTLUER_ZAAK, zaak).getBytes(StandardCharsets.UTF_8),
                numbers(20), 20);
    }

    /** Seed 000's text with another zaak number, for inputs built around a real letter. */
    static String snellerText(String zaak) {
        return SNELLER_TEXT.replace(SNELLER_ZAAK, zaak);
    }

    private static List<String> numbers(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(String::valueOf).toList();
    }

    static String seed(String name) {
        try (InputStream in = Letters.class.getResourceAsStream("/seeds/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
