package nl.kamerstroom.store.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.kamerstroom.store.stats.Responsiveness.Group;
import nl.kamerstroom.store.stats.Responsiveness.ZaakFacts;
import nl.kamerstroom.store.zaak.AnswerTerm;
import org.junit.jupiter.api.Test;

/**
 * The figures for the 30 zaken in {@code stats/responsiveness-30-zaken.txt}, computed by hand
 * (the working is in the comments) and compared with what {@link Responsiveness} computes.
 */
class ResponsivenessTest {

    private static final String JENV = "Justitie en Veiligheid";
    private static final String FIN = "Financiën";
    private static final String VWS = "Volksgezondheid, Welzijn en Sport";
    private static final LocalDate AS_OF = LocalDate.of(2025, 12, 1);

    @Test
    void asOfTheFirstOfDecember() throws IOException {
        Map<String, Group> groups = byName(Responsiveness.compute(fixture(), null, null, AS_OF));
        assertThat(groups).containsOnlyKeys(JENV, FIN, VWS);

        // J&V: answered 1-7; open 8, 9, 11, 12; overdue 8 (deadline 22/9), 9 (13/10); 10 withdrawn.
        // reply days 14 21 22 30 39 42 49: median 30, p90 = 42 + 0.4 * 7 = 44.8.
        // within 21 days: 1, 2 of 7. After a postponement: 5 (39), 6 (49), 7 (42): 2 of 3 within 42.
        // postponed: 5, 6, 7, 9, 12 of the 11 not withdrawn.
        assertThat(groups.get(JENV)).isEqualTo(new Group(JENV, 7, 4, 2, 30.0, 44.8, 0.286, 0.667, 0.455));

        // Financiën: answered 13-17, 20, 21 (a further answer alone is the answer), 22 (the first answer counts);
        // open 18, 19, both overdue (17/11 after a postponement, 27/10). 20's postponement came after its answer.
        // reply days 9 14 21 24 26 28 42 49: median (24 + 26) / 2 = 25, p90 = 42 + 0.3 * 7 = 44.1.
        // within 21: 22, 13, 14 = 3 of 8; after a postponement 16 (42) and 17 (49): 1 of 2; postponed 16, 17, 18 of 10.
        assertThat(groups.get(FIN)).isEqualTo(new Group(FIN, 8, 2, 2, 25.0, 44.1, 0.375, 0.5, 0.3));

        // VWS: 29 is submitted after asOf: left out. Answered 23 (no submission date), 25, 26, 30; open 24, 28;
        // overdue 28 only (24 has no term). 27 withdrawn after a postponement.
        // reply days 18 38 42: median 38, p90 = 38 + 0.8 * 4 = 41.2. Within 21: 25, 1 of 3.
        // after a postponement: 30 (38), 1 of 1. Postponed: 30 of 25, 26, 28, 30.
        assertThat(groups.get(VWS)).isEqualTo(new Group(VWS, 4, 2, 1, 38.0, 41.2, 0.333, 1.0, 0.25));
    }

    @Test
    void asOfTheFirstOfOctoberOnlyWhatWasKnownThenCounts() throws IOException {
        Map<String, Group> groups = byName(Responsiveness.compute(fixture(), null, null, LocalDate.of(2025, 10, 1)));
        // J&V on 1 October: answered 1-4; open 5, 6, 7, 9 (postponed, six weeks not over) and 8 (overdue);
        // 11 and 12 not yet asked. Reply days 14 21 22 30: median 21.5, p90 = 22 + 0.7 * 8 = 27.6.
        // within 21: 2 of 4; nobody answered after a postponement yet; postponed 5, 6, 7, 9 of 1-9.
        assertThat(groups.get(JENV)).isEqualTo(new Group(JENV, 4, 5, 1, 21.5, 27.6, 0.5, null, 0.444));
        // Financiën was not asked yet on 1 October
        assertThat(groups).doesNotContainKey(FIN);
    }

    @Test
    void aPeriodCountsTheZakenSubmittedInIt() throws IOException {
        Map<String, Group> groups = byName(Responsiveness.compute(fixture(), LocalDate.of(2025, 9, 1),
                LocalDate.of(2025, 9, 30), AS_OF));
        // only J&V 1-10 were submitted in September; unknown submission dates cannot be placed in a period
        assertThat(groups).containsOnlyKeys(JENV);
        assertThat(groups.get(JENV).answered()).isEqualTo(7);
        assertThat(groups.get(JENV).open()).isEqualTo(2);
        assertThat(groups.get(JENV).overdue()).isEqualTo(2);
    }

    @Test
    void aZaakAddressedToTwoMinistriesCountsForBoth() {
        ZaakFacts both = new ZaakFacts("2025Z00099", List.of(JENV, FIN),
                new AnswerTerm.Facts(LocalDate.of(2025, 9, 1), List.of(), List.of(LocalDate.of(2025, 9, 10)), List.of()));
        Map<String, Group> groups = byName(Responsiveness.compute(List.of(both), null, null, AS_OF));
        assertThat(groups.get(JENV).answered()).isEqualTo(1);
        assertThat(groups.get(FIN).answered()).isEqualTo(1);
        assertThat(groups.get(FIN).medianReplyDays()).isEqualTo(9.0);
    }

    private static Map<String, Group> byName(List<Group> groups) {
        return groups.stream().collect(Collectors.toMap(Group::group, Function.identity()));
    }

    static List<ZaakFacts> fixture() throws IOException {
        try (InputStream in = ResponsivenessTest.class.getResourceAsStream("/stats/responsiveness-30-zaken.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<ZaakFacts> zaken = text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).map(line -> {
                String[] c = Arrays.stream(line.split("\\|", -1)).map(String::trim).toArray(String[]::new);
                LocalDate submitted = c[2].equals("-") ? null : day(c[2]);
                return new ZaakFacts(c[0], List.of(c[1]),
                        new AnswerTerm.Facts(submitted, days(c[3]), days(c[4]), days(c[5])));
            }).toList();
            assertThat(zaken).hasSize(30);
            return zaken;
        }
    }

    private static List<LocalDate> days(String column) {
        return column.isEmpty() ? List.of() : Arrays.stream(column.split(",")).map(String::trim).map(ResponsivenessTest::day).toList();
    }

    private static LocalDate day(String monthDay) {
        return LocalDate.parse("2025-" + monthDay);
    }
}
