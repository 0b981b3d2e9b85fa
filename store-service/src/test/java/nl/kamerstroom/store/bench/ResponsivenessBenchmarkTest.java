package nl.kamerstroom.store.bench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import nl.kamerstroom.store.stats.Responsiveness;
import nl.kamerstroom.store.stats.ZaakTerms;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How long {@code GET /api/stats/responsiveness} takes over many zaken (issue 14: it must stay fast
 * at 86,000). Synthetic zaken (numbers 2098Z…) with one letter each, twelve ministries, ten parties,
 * 14 persons answering for them, written straight into the tables; prints p50, p95 and the worst of
 * {@value #REQUESTS} requests per grouping (client-side: HTTP and JSON included).
 *
 * <p>Not part of {@code ./mvnw verify}; run with
 * {@code ./mvnw -pl store-service -am verify -Pbenchmark -Dtest=ResponsivenessBenchmarkTest
 * -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.zaken=20000]}.
 */
@QuarkusTest
@Tag("benchmark")
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ResponsivenessBenchmarkTest {

    /** Requests timed per grouping, after one that warms the JIT and the caches. */
    private static final int REQUESTS = 40;

    @Inject
    EntityManager em;

    @Inject
    ZaakTerms terms;

    @Test
    void responsivenessOverManyZaken() {
        int n = Integer.getInteger("bench.zaken", 20_000);
        long loadStarted = System.nanoTime();
        QuarkusTransaction.requiringNew().run(() -> load(n));
        System.out.printf("[bench] responsiveness: %,d synthetic zaken loaded in %.1f s%n", n,
                (System.nanoTime() - loadStarted) / 1e9);
        for (String by : List.of("ministry", "minister", "party")) {
            if (Boolean.getBoolean("bench.explain")) {
                // -Dbench.explain=true: the plan with its timings, to see where the time goes
                String sql = ZaakTerms.responsivenessSql(ZaakTerms.By.valueOf(by.toUpperCase(java.util.Locale.ROOT)), false, false);
                QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                        .setParameter("asOf", java.time.LocalDate.of(2025, 10, 1)).getResultList()
                        .forEach(line -> System.out.println("[bench] plan " + by + ": " + line)));
            }
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < REQUESTS + 1; i++) {
                long started = System.nanoTime();
                int groups = given().queryParam("by", by).queryParam("asOf", "2025-10-01")
                        .get("/api/stats/responsiveness").then().statusCode(200).extract().jsonPath()
                        .getList("groups").size();
                long took = (System.nanoTime() - started) / 1_000_000;
                assertThat(groups).isGreaterThanOrEqualTo(10);
                if (i > 0) {
                    millis.add(took); // the first request warms the JIT and the caches
                }
            }
            millis.sort(null);
            // the path before (every zaak's facts read into Java, the figures computed there), for comparison
            ZaakTerms.By grouping = ZaakTerms.By.valueOf(by.toUpperCase(java.util.Locale.ROOT));
            List<Long> before = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                long started = System.nanoTime();
                QuarkusTransaction.requiringNew().run(() -> Responsiveness.compute(terms.facts(grouping), null, null,
                        java.time.LocalDate.of(2025, 10, 1)));
                if (i > 0) {
                    before.add((System.nanoTime() - started) / 1_000_000);
                }
            }
            before.sort(null);
            System.out.printf("[bench] responsiveness by=%s over %,d zaken, in-Java path before: p50 %d ms%n", by, n,
                    before.get(before.size() / 2));
            System.out.printf("[bench] responsiveness by=%s over %,d zaken: p50 %d ms, p95 %d ms, worst %d ms (%d requests)%n",
                    by, n, millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.95) - 1),
                    millis.get(millis.size() - 1), REQUESTS);
        }
    }

    private void load(int n) {
        sql("INSERT INTO office (id, title) SELECT nextval('office_seq'), 'Minister van Bench ' || g"
                + " FROM generate_series(1, 12) g ON CONFLICT (title) DO NOTHING");
        sql("INSERT INTO member (id, name, party) SELECT nextval('member_seq'), 'Bench' || g, 'BP' || g"
                + " FROM generate_series(1, 10) g ON CONFLICT (name, party) DO NOTHING");
        // spread over three years; 30 % postponed, 85 % answered 10 to 59 days on, 2 % withdrawn
        sql("INSERT INTO zaak (number, first_seen_at, status, submitted_date, deadline, postponed, term_postponed_on,"
                + " term_answered_on, term_withdrawn_on)"
                + " SELECT number, now(), CASE WHEN g % 50 = 0 THEN 'WITHDRAWN' WHEN g % 20 < 17 THEN 'ANSWERED'"
                + " WHEN g % 10 < 3 THEN 'POSTPONED' ELSE 'ASKED' END, submitted,"
                + " submitted + CASE WHEN g % 10 < 3 THEN 42 ELSE 21 END, g % 10 < 3,"
                + " CASE WHEN g % 10 < 3 THEN submitted + 20 END,"
                + " CASE WHEN g % 50 <> 0 AND g % 20 < 17 THEN submitted + 10 + (g * 31 % 50) END,"
                + " CASE WHEN g % 50 = 0 THEN submitted + 5 END"
                + " FROM (SELECT g, '2098Z' || lpad(g::text, 5, '0') AS number,"
                + " DATE '2023-01-01' + (g * 7919 % 1095) AS submitted FROM generate_series(1, " + n + ") g) z"
                + " ON CONFLICT (number) DO NOTHING");
        sql("INSERT INTO letter (id, document_id, sha256, result_hash, kind, zaak_number, zaak_numbers, source,"
                + " parsed_at, parsed, stored_at, updated_at, letter_date)"
                + " SELECT nextval('letter_seq'), 'bench-' || z.number, repeat('0', 64), repeat('0', 64),"
                + " CASE WHEN z.term_answered_on IS NOT NULL THEN 'ANSWER' ELSE 'QUESTIONS' END, z.number,"
                + " jsonb_build_array(z.number), 'bench', now(), '{}'::jsonb, now(), now(), z.submitted_date"
                + " FROM zaak z WHERE z.number LIKE '2098Z%' AND z.primary_letter_id IS NULL");
        sql("UPDATE zaak z SET primary_letter_id = l.id FROM letter l WHERE l.document_id = 'bench-' || z.number"
                + " AND z.primary_letter_id IS NULL");
        sql("INSERT INTO letter_addressee (letter_id, office_id, position) SELECT l.id, o.id, 0 FROM letter l"
                + " JOIN office o ON o.title = 'Minister van Bench ' || (1 + (l.id / 50) % 12) WHERE l.source = 'bench'"
                + " ON CONFLICT DO NOTHING");
        sql("INSERT INTO letter_answerer (letter_id, office_id, position) SELECT l.id, o.id, 0 FROM letter l"
                + " JOIN office o ON o.title = 'Minister van Bench ' || (1 + (l.id / 50) % 12)"
                + " WHERE l.source = 'bench' AND l.kind = 'ANSWER' ON CONFLICT DO NOTHING");
        // by=minister groups by person: 14 persons answer for the 12 offices, so that some office has had two
        // holders and some person two offices, as after a change of cabinet or portfolio
        sql("INSERT INTO person (id, name_key, name) SELECT nextval('person_seq'), 'bench ' || g, 'Bench Minister ' || g"
                + " FROM generate_series(1, 14) g ON CONFLICT (name_key, initials) DO NOTHING");
        sql("INSERT INTO letter_official (id, letter_id, relation, position, office, person_id)"
                + " SELECT nextval('letter_official_seq'), l.id, 'ANSWERED', 0, 'Minister van Bench ' || (1 + (l.id / 50) % 12),"
                + " p.id FROM letter l JOIN person p ON p.name_key = 'bench ' || (1 + (l.id / 37) % 14)"
                + " WHERE l.source = 'bench' AND l.kind = 'ANSWER' ON CONFLICT DO NOTHING");
        sql("INSERT INTO letter_official (id, letter_id, relation, position, office)"
                + " SELECT nextval('letter_official_seq'), l.id, 'ADDRESSED', 0, 'Minister van Bench ' || (1 + (l.id / 50) % 12)"
                + " FROM letter l WHERE l.source = 'bench' ON CONFLICT DO NOTHING");
        sql("INSERT INTO letter_asker (letter_id, member_id, position) SELECT l.id, m.id, 0 FROM letter l"
                + " JOIN member m ON m.name = 'Bench' || (1 + (l.id / 50) % 10) WHERE l.source = 'bench'"
                + " ON CONFLICT DO NOTHING");
        sql("ANALYZE");
    }

    private void sql(String statement) {
        em.createNativeQuery(statement).executeUpdate();
    }
}
