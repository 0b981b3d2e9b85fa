package nl.kamerstroom.parse.parser;

import java.util.function.Consumer;

/**
 * Finds Tweede Kamer zaak numbers ("2025Z17315": year, Z, five digits). A scan for the 'Z' and a
 * look either side, cheaper than a regular expression over the whole letter.
 */
final class ZaakNumbers {

    private ZaakNumbers() {
    }

    static void scan(CharSequence text, Consumer<String> sink) {
        int n = text.length();
        for (int i = 4; i + 6 <= n; i++) {
            if (text.charAt(i) != 'Z') {
                continue;
            }
            if (!digits(text, i - 4, i) || !digits(text, i + 1, i + 6)) {
                continue;
            }
            if ((i - 5 >= 0 && Character.isLetterOrDigit(text.charAt(i - 5)))
                    || (i + 6 < n && Character.isLetterOrDigit(text.charAt(i + 6)))) {
                continue;
            }
            char century0 = text.charAt(i - 4);
            char century1 = text.charAt(i - 3);
            if ((century0 == '1' && century1 == '9') || (century0 == '2' && century1 == '0')) {
                sink.accept(text.subSequence(i - 4, i + 6).toString());
            }
        }
    }

    /** The first zaak number in the text, or {@code null}. */
    static String first(CharSequence text) {
        String[] found = new String[1];
        scan(text, z -> {
            if (found[0] == null) {
                found[0] = z;
            }
        });
        return found[0];
    }

    private static boolean digits(CharSequence text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
