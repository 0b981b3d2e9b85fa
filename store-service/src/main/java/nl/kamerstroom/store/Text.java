package nl.kamerstroom.store;

/**
 * Text fit for XML 1.0 and for JSON that any parser accepts: characters XML cannot carry (control
 * characters other than tab, line feed and carriage return, U+FFFE and U+FFFF, unpaired surrogates)
 * are removed. A letter can contain them (a PDF's text layer, a pasted form feed); an Atom feed that
 * contains one is not XML at all, and Rome refuses to write it.
 */
public final class Text {

    private Text() {
    }

    /** {@code s} without the characters XML 1.0 forbids; the same instance when there are none. */
    public static String clean(String s) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        int i = 0;
        while (i < n && allowedAt(s, i)) {
            i += Character.charCount(s.codePointAt(i));
        }
        if (i >= n) {
            return s;
        }
        StringBuilder b = new StringBuilder(n).append(s, 0, i);
        while (i < n) {
            int cp = s.codePointAt(i);
            if (allowedAt(s, i)) {
                b.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return b.toString();
    }

    private static boolean allowedAt(String s, int i) {
        int cp = s.codePointAt(i);
        if (cp >= 0x20 && cp <= 0xD7FF) {
            return true;
        }
        if (cp == 0x9 || cp == 0xA || cp == 0xD) {
            return true;
        }
        if (cp >= 0xE000 && cp <= 0xFFFD) {
            return true;
        }
        // codePointAt joins a valid surrogate pair into one code point above U+FFFF; a lone surrogate stays itself
        return cp >= 0x10000 && cp <= 0x10FFFF;
    }

    /** Up to {@code max} characters of {@code s}, never splitting a surrogate pair, with {@code suffix} if cut. */
    public static String truncate(String s, int max, String suffix) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end) + suffix;
    }
}
