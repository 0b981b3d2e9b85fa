package nl.kamerstroom.parse.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import nl.kamerstroom.events.ParsedLetter.Member;

/**
 * Reads the members who asked: "het lid Sneller (D66)", "de leden Chakor (GroenLinks-PvdA) en
 * Kostić (PvdD)", "de leden Mutluer en Kathmann (beiden GroenLinks-PvdA)", "de leden Inge van Dijk,
 * Vedder (beiden CDA) en Welzijn (Nieuw Sociaal Contract)". Names and parties are kept as printed,
 * except for the spaces a text layer loses: "Inge vanDijk" is "Inge van Dijk", "Klashorst(PVV)"
 * and "Patijn(beiden GroenLinks-PvdA)" read as if the space were there, "(SP)en" as "(SP) en".
 */
final class MemberListParser {

    private static final Pattern PREFIX = Pattern.compile(
            "^(?:van\\s+)?(?:het|de)\\s+(?:[Kk]amer)?(?:lid|leden)\\s+");
    private static final Pattern GROUP_WORD = Pattern.compile("^(?:beiden|beide|allen|alle)\\s+");
    private static final Pattern NAME_SEPARATOR = Pattern.compile("\\s*,\\s*|\\s+en\\s+");
    /** A surname prefix glued to the surname: "vanDijk", "van derLinde", "tenBroeke". */
    private static final Pattern GLUED_PREFIX = Pattern.compile(
            "(?<![\\p{L}])((?:van|de|der|den|ter|ten|te|in 't|in het)(?: (?:de|der|den|het))?)(?=\\p{Lu})");

    private MemberListParser() {
    }

    static List<Member> parse(String printed) {
        String s = PREFIX.matcher(printed.strip()).replaceFirst("");
        List<Member> members = new ArrayList<>();
        int pos = 0;
        while (pos < s.length()) {
            int open = s.indexOf('(', pos);
            if (open < 0) {
                addNames(members, s.substring(pos), null);
                break;
            }
            int close = s.indexOf(')', open);
            if (close < 0) {
                addNames(members, s.substring(pos, open), null);
                break;
            }
            String party = s.substring(open + 1, close).strip();
            String names = s.substring(pos, open);
            party = GROUP_WORD.matcher(party).replaceFirst("");
            addNames(members, names, party.isEmpty() ? null : party);
            pos = close + 1;
        }
        return members;
    }

    private static void addNames(List<Member> members, String names, String party) {
        for (String name : NAME_SEPARATOR.split(names.strip())) {
            String n = GLUED_PREFIX.matcher(name.strip()).replaceAll("$1 ");
            if (n.startsWith("en ")) {
                n = n.substring(3).strip();
            }
            if (!n.isEmpty() && Text.hasLetter(n) && n.length() <= 60) {
                members.add(new Member(n, party));
            }
        }
    }
}
