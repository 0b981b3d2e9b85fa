package nl.kamerstroom.store.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import nl.kamerstroom.store.stats.Responsiveness.Group;
import nl.kamerstroom.store.stats.Responsiveness.ZaakFacts;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The endpoint computes the figures in SQL ({@link ZaakTerms#responsiveness}); {@link Responsiveness}
 * is the rule written out in Java, checked by hand against the 30 zaken of ResponsivenessTest. Here
 * the same 30 zaken are stored, and the SQL must give the hand-computed figures, and the Java
 * figures on every day and period tried.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ResponsivenessSqlTest {

    @Inject
    EntityManager em;

    @Inject
    ZaakTerms terms;

    private static final java.util.concurrent.atomic.AtomicInteger NUMBER =
            new java.util.concurrent.atomic.AtomicInteger((int) (System.nanoTime() % 50_000));

    /** The fixture's groups, made unique to this run: other tests share the database. */
    private String tag;
    private List<ZaakFacts> fixture;

    @BeforeEach
    void store() throws Exception {
        tag = " " + UUID.randomUUID().toString().substring(0, 8);
        fixture = new ArrayList<>();
        for (ZaakFacts z : ResponsivenessTest.fixture()) {
            // year 2097: no real zaak and no other test uses it
            fixture.add(new ZaakFacts("2097Z" + String.format("%05d", NUMBER.incrementAndGet() % 100_000),
                    List.of(z.groups().iterator().next() + tag), z.facts()));
        }
        QuarkusTransaction.requiringNew().run(() -> fixture.forEach(this::insert));
    }

    private void insert(ZaakFacts z) {
        String number = z.number();
        em.createNativeQuery("INSERT INTO zaak (number, first_seen_at, submitted_date, term_postponed_on, term_answered_on,"
                        + " term_withdrawn_on) VALUES (:n, now(), :s, :p, :a, :w)")
                .setParameter("n", number).setParameter("s", z.facts().submitted())
                .setParameter("p", first(z.facts().postponements())).setParameter("a", first(z.facts().answers()))
                .setParameter("w", first(z.facts().withdrawals())).executeUpdate();
        em.createNativeQuery("INSERT INTO letter (id, document_id, sha256, result_hash, kind, zaak_number, zaak_numbers,"
                        + " source, parsed_at, parsed, stored_at, updated_at) SELECT nextval('letter_seq'), :d, repeat('0', 64),"
                        + " repeat('0', 64), 'QUESTIONS', :n, jsonb_build_array(:n), 'test', now(), '{}'::jsonb, now(), now()")
                .setParameter("d", "sql-" + number + tag).setParameter("n", number).executeUpdate();
        em.createNativeQuery("UPDATE zaak z SET primary_letter_id = l.id FROM letter l WHERE l.document_id = :d AND z.number = :n")
                .setParameter("d", "sql-" + number + tag).setParameter("n", number).executeUpdate();
        String office = "Minister van " + z.groups().iterator().next();
        em.createNativeQuery("INSERT INTO office (id, title) VALUES (nextval('office_seq'), :t) ON CONFLICT (title) DO NOTHING")
                .setParameter("t", office).executeUpdate();
        em.createNativeQuery("INSERT INTO letter_addressee (letter_id, office_id, position) SELECT l.id, o.id, 0"
                        + " FROM letter l, office o WHERE l.document_id = :d AND o.title = :t")
                .setParameter("d", "sql-" + number + tag).setParameter("t", office).executeUpdate();
    }

    private static LocalDate first(Collection<LocalDate> days) {
        return days.isEmpty() ? null : days.iterator().next();
    }

    @Test
    void theSqlGivesTheHandComputedFigures() {
        String jenv = "Justitie en Veiligheid" + tag;
        Group sql = mine(terms.responsiveness(ZaakTerms.By.MINISTRY, null, null, LocalDate.of(2025, 12, 1))).stream()
                .filter(g -> g.group().equals(jenv)).findFirst().orElseThrow();
        assertThat(sql).isEqualTo(new Group(jenv, 7, 4, 2, 30.0, 44.8, 0.286, 0.667, 0.455));
    }

    @Test
    void theSqlAndTheRuleAgreeOnEveryDayAndPeriod() {
        List<LocalDate[]> periods = List.of(new LocalDate[] {null, null}, new LocalDate[] {LocalDate.of(2025, 9, 1),
                LocalDate.of(2025, 9, 30)}, new LocalDate[] {LocalDate.of(2025, 10, 1), null},
                new LocalDate[] {null, LocalDate.of(2025, 9, 15)});
        for (LocalDate asOf = LocalDate.of(2025, 8, 25); asOf.isBefore(LocalDate.of(2026, 1, 20)); asOf = asOf.plusDays(3)) {
            for (LocalDate[] period : periods) {
                List<Group> expected = Responsiveness.compute(fixture, period[0], period[1], asOf);
                List<Group> actual = mine(terms.responsiveness(ZaakTerms.By.MINISTRY, period[0], period[1], asOf));
                assertThat(actual).as("as of %s, period %s to %s", asOf, period[0], period[1])
                        .containsExactlyElementsOf(expected);
            }
        }
    }

    private List<Group> mine(List<Group> groups) {
        return groups.stream().filter(g -> g.group().endsWith(tag)).toList();
    }
}
