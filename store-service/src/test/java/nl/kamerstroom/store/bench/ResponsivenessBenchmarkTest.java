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
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How long {@code GET /api/stats/responsiveness} takes over many zaken (issue 14: it must stay fast
 * at 86,000). Synthetic zaken (numbers 2098Z…) with one letter each, twelve ministries, ten parties,
 * written straight into the tables; prints the median and worst of ten requests per grouping.
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

    @Inject
    EntityManager em;

    @Test
    void responsivenessOverManyZaken() {
        int n = Integer.getInteger("bench.zaken", 20_000);
        long loadStarted = System.nanoTime();
        QuarkusTransaction.requiringNew().run(() -> load(n));
        System.out.printf("[bench] responsiveness: %,d synthetic zaken loaded in %.1f s%n", n,
                (System.nanoTime() - loadStarted) / 1e9);
        for (String by : List.of("ministry", "minister", "party")) {
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < 11; i++) {
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
            System.out.printf("[bench] responsiveness by=%s over %,d zaken: median %d ms, worst %d ms (10 requests)%n",
                    by, n, millis.get(millis.size() / 2), millis.get(millis.size() - 1));
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
        sql("INSERT INTO letter_asker (letter_id, member_id, position) SELECT l.id, m.id, 0 FROM letter l"
                + " JOIN member m ON m.name = 'Bench' || (1 + (l.id / 50) % 10) WHERE l.source = 'bench'"
                + " ON CONFLICT DO NOTHING");
        sql("ANALYZE");
    }

    private void sql(String statement) {
        em.createNativeQuery(statement).executeUpdate();
    }
}
