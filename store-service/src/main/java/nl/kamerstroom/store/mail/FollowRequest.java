package nl.kamerstroom.store.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import nl.kamerstroom.events.EventTypes;
import nl.kamerstroom.store.zaak.Zaak;

/**
 * What the "Volg" form asks for, validated: the target and its criteria, the options, the address.
 * The messages are Dutch: they are shown on the page.
 */
public record FollowRequest(Target target, String zaak, String query, String member, String party, String ministry,
        boolean deadlines, boolean digest, String address) {

    /** The kinds of thing a person can follow; the names are the form's {@code doel} values. */
    public enum Target { ZAAK, ZOEKOPDRACHT, KAMERLID, PARTIJ, BEWINDSPERSOON }

    /** A zaak past its answer term (the deadline events), mailed only to follows that chose them. */
    static final String ZAAK_OVERDUE = nl.kamerstroom.events.EventTypes.ZAAK_OVERDUE;

    /**
     * An address as people type them: a dot-atom local part, a domain of labels with a top-level
     * domain of letters; no quoted local parts, IP literals, comments or lists (nothing that could
     * turn one recipient into several, or into a header).
     */
    static final Pattern ADDRESS = Pattern.compile(
            "^(?<local>[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*)"
                    + "@(?<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63})$");

    /** A form field that cannot be used, with the Dutch reason. */
    public static final class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message);
        }
    }

    public static FollowRequest of(String target, String zaak, String query, String member, String party,
            String ministry, boolean deadlines, boolean digest, String address) {
        Target t;
        try {
            t = Target.valueOf(blankToEmpty(target).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Invalid("Onbekend doel ‘" + blankToEmpty(target) + "’: kies een zaak, zoekopdracht, Kamerlid, partij of bewindspersoon.");
        }
        String a = blankToEmpty(address).toLowerCase(Locale.ROOT);
        if (a.isEmpty()) {
            throw new Invalid("Vul een e-mailadres in.");
        }
        int at = a.lastIndexOf('@');
        if (a.length() > 254 || at > 64 || !ADDRESS.matcher(a).matches()) {
            throw new Invalid("‘" + a + "’ is geen bruikbaar e-mailadres (zoals naam@voorbeeld.nl).");
        }
        FollowRequest r = new FollowRequest(t, clean(zaak, 16), clean(query, 200), clean(member, 200), clean(party, 100),
                clean(ministry, 300), deadlines, digest, a);
        switch (t) {
            case ZAAK -> {
                if (r.zaak == null || !r.zaak.matches(Zaak.NUMBER_PATTERN)) {
                    throw new Invalid("Een zaaknummer ziet eruit als 2025Z17315.");
                }
                return new FollowRequest(t, r.zaak, null, null, null, null, deadlines, digest, a);
            }
            case KAMERLID -> require(r.member, "Welk Kamerlid?");
            case PARTIJ -> require(r.party, "Welke partij?");
            case BEWINDSPERSOON -> require(r.ministry, "Welk ministerie of welke bewindspersoon?");
            case ZOEKOPDRACHT -> {
                if (r.query == null && r.member == null && r.party == null && r.ministry == null) {
                    throw new Invalid("Een zoekopdracht om te volgen heeft een zoekterm of een filter nodig.");
                }
            }
        }
        return new FollowRequest(t, null, t == Target.ZOEKOPDRACHT ? r.query : null,
                t == Target.ZOEKOPDRACHT || t == Target.KAMERLID ? r.member : null,
                t == Target.ZOEKOPDRACHT || t == Target.PARTIJ ? r.party : null,
                t == Target.ZOEKOPDRACHT || t == Target.BEWINDSPERSOON ? r.ministry : null, deadlines, digest, a);
    }

    /**
     * The event types mailed: new answers (a further answer is one too), and with the option also
     * postponements and overdue zaken. Changed answers are not mailed: a re-parse that corrects a
     * word would otherwise mail every follower again. A zaak's withdrawal is how it ends, so its
     * followers always hear of it.
     */
    public List<String> types() {
        List<String> types = new ArrayList<>(List.of(EventTypes.ANSWER_PUBLISHED));
        if (target == Target.ZAAK) {
            types.add(EventTypes.ZAAK_WITHDRAWN);
        }
        if (deadlines) {
            types.add(EventTypes.ZAAK_POSTPONED);
            types.add(ZAAK_OVERDUE);
        }
        return types.stream().sorted().toList();
    }

    /** The same target and criteria give the same key, however they were typed. */
    public String targetKey() {
        return String.join("|", target.name(), lower(zaak), lower(query), lower(member), lower(party), lower(ministry));
    }

    /** What the mails and pages call it, in Dutch. */
    public String label() {
        return switch (target) {
            case ZAAK -> "zaak " + zaak;
            case KAMERLID -> "Kamerlid " + member;
            case PARTIJ -> "partij " + party;
            case BEWINDSPERSOON -> ministry;
            case ZOEKOPDRACHT -> {
                List<String> parts = new ArrayList<>();
                if (query != null) {
                    parts.add("‘" + query + "’");
                }
                if (member != null) {
                    parts.add("Kamerlid " + member);
                }
                if (party != null) {
                    parts.add("partij " + party);
                }
                if (ministry != null) {
                    parts.add(ministry);
                }
                yield "de zoekopdracht " + String.join(", ", parts);
            }
        };
    }

    private static void require(String value, String question) {
        if (value == null) {
            throw new Invalid(question);
        }
    }

    private static String clean(String value, int max) {
        String v = blankToEmpty(value);
        if (v.isEmpty()) {
            return null;
        }
        if (v.length() > max) {
            throw new Invalid("Een veld is langer dan " + max + " tekens.");
        }
        if (v.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            // would end up in a mail's subject line
            throw new Invalid("Een veld bevat een regeleinde of ander stuurteken.");
        }
        return v;
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    private static String blankToEmpty(String s) {
        return s == null ? "" : s.strip();
    }
}
