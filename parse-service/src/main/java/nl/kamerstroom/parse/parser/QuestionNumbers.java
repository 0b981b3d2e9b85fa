package nl.kamerstroom.parse.parser;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Reads the list of printed question numbers in a heading the way a person reads it: "7", "2a",
 * "7 en 8", "1, 2 en 5", "7, 8, en 9" (a comma before "en"), "7, 8, 9 10 en 11" (a comma missing),
 * "2, 3, 4, 5" (commas only), "7,, 8" (a separator doubled), "3 t/m 5", "3 tot en met 5",
 * "3 tot 5", "3-5", "3–5", "3—5", "2a-2c". Ranges are expanded; numbers keep their printed form (a
 * letter suffix stays, leading zeros go).
 *
 * <p>A hand-written scanner rather than a regular expression: every character is looked at once,
 * so a line of many digits and separators costs time in proportion to its length, and the scanner
 * can say which separators it had to guess at ("7 of 8", "7/8", "7 + 8": read as a list, with a
 * doubt the letter reports for review).
 */
final class QuestionNumbers {

    /** The widest range that is still plausibly a range of question numbers. */
    private static final int MAX_RANGE = 60;
    /** Digits in a question number; "Vraag 2024" is a year, not a question. */
    private static final int MAX_DIGITS = 3;
    /**
     * The longest list that is still a heading's list. Headings are short; a longer run of
     * numbers is a table or noise, and not reading it bounds the work on pathological lines.
     */
    static final int MAX_LIST_CHARS = 200;

    /**
     * A list read from a line.
     *
     * @param numbers the question numbers, ranges expanded, in printed order without repeats
     * @param end     the index just after the list's last number
     * @param doubt   null when every separator was one a list is printed with; otherwise what
     *                had to be guessed ("'of' read as a list separator")
     */
    record Reading(List<String> numbers, int end, String doubt) {
    }

    private QuestionNumbers() {
    }

    /** The numbers of a list that is the whole of {@code list}, or as much of it as reads as one. */
    static List<String> parse(String list) {
        Reading reading = read(list, 0);
        return reading == null ? List.of() : reading.numbers();
    }

    /**
     * Reads a list starting at {@code from}, which must be a number's first digit; null when no
     * number starts there or the list is longer than {@link #MAX_LIST_CHARS}.
     */
    static Reading read(String s, int from) {
        int numberEnd = numberEnd(s, from);
        if (numberEnd < 0) {
            return null;
        }
        LinkedHashSet<String> numbers = new LinkedHashSet<>();
        String last = number(s, from, numberEnd);
        numbers.add(last);
        String doubt = null;
        int end = numberEnd;
        while (end - from <= MAX_LIST_CHARS) {
            Separator sep = separator(s, end);
            int next = sep.end;
            int nextEnd = numberEnd(s, next);
            if (nextEnd < 0) {
                break;
            }
            String number = number(s, next, nextEnd);
            if (sep.range) {
                last = expandRange(numbers, last, number);
            } else {
                numbers.add(number);
                last = number;
            }
            if (sep.doubt != null && doubt == null) {
                doubt = sep.doubt;
            }
            end = nextEnd;
        }
        if (end - from > MAX_LIST_CHARS) {
            return null;
        }
        return new Reading(new ArrayList<>(numbers), end, doubt);
    }

    /** What lies between two numbers: its end, whether it makes a range, and any doubt. */
    private record Separator(int end, boolean range, String doubt) {
    }

    /**
     * Skips whitespace and separators from {@code i}: commas (one, two, or none at all), "en",
     * "&amp;", ";", range words and dashes; "of", "/" and "+" are read too, with a doubt.
     */
    private static Separator separator(String s, int i) {
        int n = s.length();
        boolean range = false;
        String doubt = null;
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == ',' || c == ';' || c == '&') {
                i++;
            } else if (c == '-' || c == '–' || c == '—' || c == '‑' || c == '−') {
                range = true;
                i++;
            } else if (word(s, i, "t/m")) {
                range = true;
                i += 3;
            } else if (word(s, i, "tot")) {
                // "tot en met" and "tot": the "en met" that follows is skipped as words below.
                range = true;
                i += 3;
            } else if (word(s, i, "en")) {
                i += 2;
            } else if (range && word(s, i, "met")) {
                i += 3;
            } else if (word(s, i, "of") || c == '/' || c == '+') {
                doubt = "'" + (c == '/' || c == '+' ? String.valueOf(c) : "of") + "' read as a list separator";
                i += c == '/' || c == '+' ? 1 : 2;
            } else {
                break;
            }
        }
        return new Separator(i, range, doubt);
    }

    /** {@code w} at {@code i} as a word of its own (not the start of "eens" or "tot1"). */
    private static boolean word(String s, int i, String w) {
        if (!s.startsWith(w, i)) {
            return false;
        }
        int after = i + w.length();
        return after == s.length() || !Character.isLetter(s.charAt(after));
    }

    /**
     * The end of a question number at {@code i} ("7", "12", "2a"), or -1: one to three digits not
     * followed by another digit, then an optional lower-case letter that is not the start of a word.
     */
    private static int numberEnd(String s, int i) {
        int n = s.length();
        int j = i;
        while (j < n && j - i <= MAX_DIGITS && isDigit(s.charAt(j))) {
            j++;
        }
        int digits = j - i;
        if (digits == 0 || digits > MAX_DIGITS) {
            return -1;
        }
        if (j < n && s.charAt(j) >= 'a' && s.charAt(j) <= 'z' && (j + 1 == n || !Character.isLetter(s.charAt(j + 1)))
                && !word(s, j, "en")) {
            j++;
        }
        return j;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The printed number at [from, to) without leading zeros: "07" → "7", "2a" → "2a". */
    private static String number(String s, int from, int to) {
        int digitsEnd = from;
        while (digitsEnd < to && isDigit(s.charAt(digitsEnd))) {
            digitsEnd++;
        }
        return Integer.parseInt(s.substring(from, digitsEnd)) + s.substring(digitsEnd, to);
    }

    /** Adds the range from {@code from} to {@code to}; returns the number that ends it. */
    private static String expandRange(LinkedHashSet<String> numbers, String from, String to) {
        int fromValue = numericPart(from);
        String fromSuffix = suffix(from);
        int toValue = numericPart(to);
        String toSuffix = suffix(to);
        if (fromSuffix.isEmpty() && toSuffix.isEmpty() && toValue > fromValue && toValue - fromValue <= MAX_RANGE) {
            for (int v = fromValue + 1; v <= toValue; v++) {
                numbers.add(Integer.toString(v));
            }
        } else if (!fromSuffix.isEmpty() && !toSuffix.isEmpty() && fromValue == toValue
                && toSuffix.charAt(0) > fromSuffix.charAt(0)) {
            for (char c = (char) (fromSuffix.charAt(0) + 1); c <= toSuffix.charAt(0); c++) {
                numbers.add(fromValue + String.valueOf(c));
            }
        } else {
            numbers.add(to);
        }
        return to;
    }

    /** The numeric part of a printed number: "2l" → 2; -1 when there is none. */
    static int numericPart(String number) {
        int digits = Text.leadingDigits(number);
        return digits == 0 ? -1 : Integer.parseInt(number.substring(0, Math.min(digits, 6)));
    }

    /** The letter suffix of a printed number: "2l" → "l", "2" → "". */
    static String suffix(String number) {
        return number.substring(Text.leadingDigits(number));
    }
}
