package nl.kamerstroom.parse.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the list of printed question numbers in a heading: "7", "2a", "7 en 8", "1, 2 en 5",
 * "3 t/m 5", "3 tot en met 5", "3-5", "3–5", "2a-2c". Ranges are expanded; numbers keep their
 * printed form (a letter suffix stays, leading zeros go).
 */
final class QuestionNumbers {

    /** One number with an optional letter suffix. Kept in step with {@link HeadingRecogniser}. */
    static final String NUMBER = "\\d{1,3}[a-z]?";
    static final String SEPARATOR = "\\s*(?:,|en|&|t/m|tot en met|[-–—])\\s*";
    /** A whole list; each repetition must consume a separator, so matching stays linear. */
    static final String LIST = NUMBER + "(?:" + SEPARATOR + NUMBER + ")*";

    private static final Pattern TOKEN = Pattern.compile("(\\d{1,3})([a-z]?)|(t/m|tot en met|[-–—])");
    /** The widest range that is still plausibly a range of question numbers. */
    private static final int MAX_RANGE = 60;

    private QuestionNumbers() {
    }

    static List<String> parse(String list) {
        List<String> numbers = new ArrayList<>();
        Matcher m = TOKEN.matcher(list);
        boolean rangePending = false;
        while (m.find()) {
            if (m.group(3) != null) {
                rangePending = !numbers.isEmpty();
                continue;
            }
            int value = Integer.parseInt(m.group(1));
            String suffix = m.group(2);
            if (rangePending) {
                expandRange(numbers, value, suffix);
                rangePending = false;
            } else {
                add(numbers, value + suffix);
            }
        }
        return numbers;
    }

    private static void expandRange(List<String> numbers, int toValue, String toSuffix) {
        String from = numbers.get(numbers.size() - 1);
        int fromDigits = Text.leadingDigits(from);
        int fromValue = Integer.parseInt(from.substring(0, fromDigits));
        String fromSuffix = from.substring(fromDigits);
        if (fromSuffix.isEmpty() && toSuffix.isEmpty() && toValue > fromValue && toValue - fromValue <= MAX_RANGE) {
            for (int v = fromValue + 1; v <= toValue; v++) {
                add(numbers, Integer.toString(v));
            }
        } else if (!fromSuffix.isEmpty() && !toSuffix.isEmpty() && fromValue == toValue
                && toSuffix.charAt(0) > fromSuffix.charAt(0)) {
            for (char c = (char) (fromSuffix.charAt(0) + 1); c <= toSuffix.charAt(0); c++) {
                add(numbers, fromValue + String.valueOf(c));
            }
        } else {
            add(numbers, toValue + toSuffix);
        }
    }

    private static void add(List<String> numbers, String number) {
        if (!numbers.contains(number)) {
            numbers.add(number);
        }
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
