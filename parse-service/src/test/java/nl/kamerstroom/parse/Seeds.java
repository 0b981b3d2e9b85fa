package nl.kamerstroom.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The three seed letters, from the test classpath. */
public final class Seeds {

    public static final String ANSWER_SNELLER = "000_f6bf631fb9c80b1a.txt";
    public static final String ANSWER_MUTLUER = "001_ac304c379d17da38.txt";
    public static final String MEMO = "002_358412831a12e61a.txt";

    private Seeds() {
    }

    public static String text(String name) {
        try (InputStream in = Seeds.class.getResourceAsStream("/letters/seeds/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no seed " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
