package nl.kamerstroom.parse.parser;

/** Small character-level tests shared by the stages. */
final class Text {

    private Text() {
    }

    /** Ends with . ? ! or : possibly followed by closing quotes or brackets. */
    static boolean endsSentence(String s) {
        int i = s.length() - 1;
        while (i >= 0 && "\"'’”»)]".indexOf(s.charAt(i)) >= 0) {
            i--;
        }
        return i >= 0 && ".?!:".indexOf(s.charAt(i)) >= 0;
    }

    static boolean startsUpper(String s) {
        return !s.isEmpty() && Character.isUpperCase(s.charAt(0));
    }

    static boolean startsWithDigit(String s) {
        return !s.isEmpty() && s.charAt(0) >= '0' && s.charAt(0) <= '9';
    }

    /** Number of leading ASCII digits. */
    static int leadingDigits(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    static boolean isDigits(String s) {
        return !s.isEmpty() && leadingDigits(s) == s.length();
    }

    static boolean hasLetter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetter(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Strips surrounding spaces and trailing punctuation that ends a clause. */
    static String trimClause(String s) {
        String t = s.strip();
        while (!t.isEmpty() && ".,;:".indexOf(t.charAt(t.length() - 1)) >= 0) {
            t = t.substring(0, t.length() - 1).strip();
        }
        return t;
    }

    /** The first {@code max} characters of {@code s}, with an ellipsis if it was longer. */
    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max).strip() + "…";
    }
}
