package nl.kamerstroom.parse.parser;

import java.time.LocalDate;

/**
 * The sentence that introduces the questions: "Vragen van het lid Sneller (D66) aan de minister
 * van Justitie en Veiligheid over de gevolgen van de hack bij het OM op de bedrijfsvoering
 * (ingezonden op 19 september 2025, 2025Z17315)". The cover letter's "de vragen van het Kamerlid
 * Sneller (D66) over …, worden beantwoord" has the same shape, without addressees and date.
 *
 * @param members    "het lid Sneller (D66)"
 * @param addressees "de minister van Justitie en Veiligheid", or {@code null}
 * @param subject    what the questions are about, or {@code null}
 * @param submitted  the "ingezonden" date, or {@code null}
 * @param zaak       the zaak number printed with it, or {@code null}
 */
record QuestionsHeader(String members, String addressees, String subject, LocalDate submitted, String zaak) {

    /** The header is a sentence; a longer stretch means it was not one. */
    private static final int MAX_LENGTH = 1500;

    /** The first header in the text, case-sensitive "Vragen van" first, else the cover letter's form. */
    static QuestionsHeader find(String text) {
        int at = indexOfHeader(text, "Vragen van ");
        if (at < 0) {
            at = indexOfHeader(text, "vragen van ");
        }
        if (at < 0) {
            return null;
        }
        String s = text.substring(at, Math.min(text.length(), at + MAX_LENGTH)).replace("\n\n", " ");
        int start = "Vragen van ".length();
        int submittedAt = indexOfAny(s, start, "(ingezonden", "( ingezonden");
        int limit = submittedAt >= 0 ? submittedAt : s.length();
        int aan = indexBefore(s, " aan ", start, limit);
        int over = indexBefore(s, " over ", aan >= 0 ? aan + 5 : start, limit);
        int membersEnd = aan >= 0 ? aan : over >= 0 ? over : -1;
        if (membersEnd < 0) {
            return null;
        }
        String members = s.substring(start, membersEnd);
        String addressees = aan >= 0 ? s.substring(aan + 5, over >= 0 ? over : limit) : null;
        String subject = null;
        if (over >= 0) {
            int subjectEnd = submittedAt >= 0 ? submittedAt : endOfClause(s, over + 6);
            subject = Text.trimClause(s.substring(over + 6, subjectEnd));
        }
        LocalDate submitted = null;
        String zaak = null;
        if (submittedAt >= 0) {
            int close = s.indexOf(')', submittedAt);
            String clause = s.substring(submittedAt, close >= 0 ? close : Math.min(s.length(), submittedAt + 80));
            submitted = DutchDates.first(clause);
            zaak = ZaakNumbers.first(clause);
        }
        return new QuestionsHeader(members.strip(), addressees == null ? null : addressees.strip(),
                subject == null || subject.isEmpty() ? null : subject, submitted, zaak);
    }

    /** "Vragen van" followed by the member(s), not "Vragen gesteld door de leden der Kamer". */
    private static int indexOfHeader(String text, String phrase) {
        int at = text.indexOf(phrase);
        while (at >= 0) {
            String after = text.substring(at + phrase.length(), Math.min(text.length(), at + phrase.length() + 20));
            if (after.startsWith("het ") || after.startsWith("de ")) {
                return at;
            }
            at = text.indexOf(phrase, at + 1);
        }
        return -1;
    }

    private static int indexOfAny(String s, int from, String... needles) {
        int best = -1;
        for (String needle : needles) {
            int i = s.indexOf(needle, from);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }

    private static int indexBefore(String s, String needle, int from, int limit) {
        int i = s.indexOf(needle, from);
        return i >= 0 && i < limit ? i : -1;
    }

    /** The cover letter's subject ends at ", worden beantwoord", a paragraph end or a full stop. */
    private static int endOfClause(String s, int from) {
        int end = s.length();
        for (String stop : new String[] {", worden", " worden beantwoord", ", zijn ", ". "}) {
            int i = s.indexOf(stop, from);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return end;
    }
}
