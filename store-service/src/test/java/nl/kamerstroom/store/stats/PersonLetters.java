package nl.kamerstroom.store.stats;

import static nl.kamerstroom.store.Letters.a;
import static nl.kamerstroom.store.Letters.q;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.LetterParsed;
import nl.kamerstroom.events.Official;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.store.Letters;

/** Answer letters signed by a named minister, and the by=minister group of a name, for the persons tests. */
final class PersonLetters {

    private PersonLetters() {
    }

    /** An answer to one question of {@code zaak}, sent {@code days} after submission, signed by {@code name} in {@code office}. */
    static LetterParsed answer(String zaak, LocalDate submitted, int days, String office, String name) {
        String[] parts = office.split(" (van|voor) ", 2);
        ParsedLetter letter = new ParsedLetter(LetterKind.ANSWER, null, List.of(zaak), null, "Vragen over " + zaak,
                submitted, null, submitted.plusDays(days), List.of(new ParsedLetter.Member("Sneller", "D66")),
                List.of(office), List.of(office), List.of(q("1", "Kent u het bericht?")), List.of(a("Ja.", "1")),
                List.of(), List.of(), List.of(), List.of(new Official(name, "Minister", parts[1], office)));
        return Letters.event("ah-" + zaak, sha(zaak), letter);
    }

    static Map<String, Object> group(List<Map<String, Object>> groups, String name) {
        return groups.stream().filter(g -> name.equals(g.get("group"))).findFirst()
                .orElseThrow(() -> new AssertionError("no group " + name + " in " + groups));
    }

    /** A suffix for names no other test (or run) uses, still a name: "Helder-Qwertyu". */
    static String tag() {
        Random random = new Random();
        StringBuilder s = new StringBuilder("-Q");
        for (int i = 0; i < 6; i++) {
            s.append((char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }

    static String sha(String zaak) {
        return (zaak + "0".repeat(64)).substring(0, 64).replaceAll("[^0-9a-f]", "0");
    }
}
