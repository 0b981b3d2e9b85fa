package nl.kamerstroom.parse.parser;

/** The first web address in a footnote. */
final class Urls {

    private Urls() {
    }

    /**
     * The first "http(s)://…" or "www.…" address, without the punctuation and unmatched bracket
     * that close the sentence around it. An address printed without a scheme ("www.om.nl/…") gets
     * "https://" so that it can be followed; {@code null} when there is none.
     */
    static String first(String text) {
        int http = text.indexOf("http");
        while (http >= 0 && !(text.startsWith("http://", http) || text.startsWith("https://", http))) {
            http = text.indexOf("http", http + 4);
        }
        int www = text.indexOf("www.");
        int bare = bareAddress(text);
        int start = Integer.MAX_VALUE;
        for (int candidate : new int[] {http, www, bare}) {
            if (candidate >= 0 && candidate < start) {
                start = candidate;
            }
        }
        if (start == Integer.MAX_VALUE) {
            return null;
        }
        int end = start;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        String url = trimTrailing(text.substring(start, end));
        if (url.length() <= 7) {
            return null;
        }
        return url.startsWith("http") ? url : "https://" + url;
    }

    /**
     * Where an address without scheme or "www." starts: "nos.nl/nieuwsuur/…", a host name with a
     * path. A path is required, so that "Stcrt." or "nr. 3" never count.
     */
    private static int bareAddress(String text) {
        int slash = text.indexOf('/');
        while (slash > 0) {
            int start = slash;
            while (start > 0 && isHostChar(text.charAt(start - 1))) {
                start--;
            }
            String host = text.substring(start, slash);
            int dot = host.lastIndexOf('.');
            if (dot > 0 && dot < host.length() - 2 && isTopLevel(host.substring(dot + 1))
                    && (start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1)))) {
                return start;
            }
            slash = text.indexOf('/', slash + 1);
        }
        return -1;
    }

    private static boolean isHostChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    }

    private static boolean isTopLevel(String s) {
        if (s.length() < 2 || s.length() > 6) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 'a' || s.charAt(i) > 'z') {
                return false;
            }
        }
        return true;
    }

    private static String trimTrailing(String url) {
        String u = url;
        while (!u.isEmpty()) {
            char last = u.charAt(u.length() - 1);
            if (".,;:»’”'\"".indexOf(last) >= 0) {
                u = u.substring(0, u.length() - 1);
            } else if (last == ')' && count(u, '(') < count(u, ')')) {
                u = u.substring(0, u.length() - 1);
            } else {
                break;
            }
        }
        return u;
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
