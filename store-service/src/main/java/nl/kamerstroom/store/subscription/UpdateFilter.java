package nl.kamerstroom.store.subscription;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import nl.kamerstroom.events.EventTypes;
import nl.kamerstroom.events.ZaakUpdate;
import nl.kamerstroom.store.search.Filter;
import nl.kamerstroom.store.zaak.Zaak;

/**
 * What a follower wants to hear about: one zaak, a member, a party, a ministry, a keyword in the
 * question or answer text, and which event types. Empty fields match everything.
 */
public record UpdateFilter(String zaak, String member, String party, String ministry, String keyword, Set<String> types) {

    static final Set<String> TYPES = Set.of(EventTypes.ANSWER_PUBLISHED, EventTypes.ANSWER_CHANGED,
            EventTypes.QUESTION_ASKED, EventTypes.ZAAK_POSTPONED, EventTypes.ZAAK_WITHDRAWN,
            EventTypes.ZAAK_DEADLINE_APPROACHING, EventTypes.ZAAK_OVERDUE, EventTypes.ZAAK_OVERDUE_ANSWERED);

    public static UpdateFilter of(String zaak, String member, String party, String ministry, String keyword,
            List<String> types) {
        if (zaak != null && !zaak.isBlank() && !zaak.trim().matches(Zaak.NUMBER_PATTERN)) {
            throw new Filter.BadParameter("zaak", "'" + zaak + "' is not a zaak number like 2025Z17315");
        }
        length("member", member, 200);
        length("party", party, 100);
        length("ministry", ministry, 300);
        length("keyword", keyword, 200);
        Set<String> wanted = Set.copyOf(types == null ? List.of()
                : types.stream().filter(t -> t != null && !t.isBlank()).map(UpdateFilter::fullType).toList());
        for (String type : wanted) {
            if (!TYPES.contains(type)) {
                throw new Filter.BadParameter("type", "'" + type + "' is not one of " + TYPES);
            }
        }
        return new UpdateFilter(blank(zaak), blank(member), blank(party), blank(ministry), blank(keyword), wanted);
    }

    /** Longer values would never match anything real, and must fit a stored subscription. */
    private static void length(String name, String value, int max) {
        if (value != null && value.trim().length() > max) {
            throw new Filter.BadParameter(name, "is longer than " + max + " characters");
        }
    }

    /** The event types asked for, full names in a stable order; empty means all. */
    public List<String> sortedTypes() {
        return types.stream().sorted().toList();
    }

    /** "answer.published" is short for "nl.kamerstroom.answer.published.v1". */
    private static String fullType(String type) {
        String t = type.trim();
        return t.startsWith("nl.kamerstroom.") ? t : "nl.kamerstroom." + t + ".v1";
    }

    public boolean matches(ZaakUpdate u) {
        return (zaak == null || zaak.equals(u.zaakNumber()))
                && (types.isEmpty() || types.contains(u.type()))
                && (member == null || u.askers().stream().anyMatch(m -> m.name().equalsIgnoreCase(member)))
                && (party == null || u.askers().stream().anyMatch(m -> party.equalsIgnoreCase(m.party())))
                && (ministry == null || containsIgnoringCase(u.addressees(), ministry)
                        || containsIgnoringCase(u.answeredBy(), ministry))
                && (keyword == null || containsIgnoringCase(u.questionTexts(), keyword)
                        || (u.text() != null && lower(u.text()).contains(lower(keyword)))
                        || (u.subject() != null && lower(u.subject()).contains(lower(keyword))));
    }

    /** A readable description, for feed titles. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        append(sb, "zaak", zaak);
        append(sb, "member", member);
        append(sb, "party", party);
        append(sb, "ministry", ministry);
        append(sb, "keyword", keyword);
        if (!types.isEmpty()) {
            append(sb, "types", String.join(",", sortedTypes()));
        }
        return sb.length() == 0 ? "all updates" : sb.toString();
    }

    private static void append(StringBuilder sb, String name, String value) {
        if (value != null) {
            sb.append(sb.length() == 0 ? "" : ", ").append(name).append(' ').append(value);
        }
    }

    private static boolean containsIgnoringCase(List<String> values, String part) {
        return values != null && values.stream().anyMatch(v -> v != null && lower(v).contains(lower(part)));
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
