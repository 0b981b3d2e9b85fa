package nl.kamerstroom.store;

import static io.restassured.RestAssured.given;
import static nl.kamerstroom.store.Letters.a;
import static nl.kamerstroom.store.Letters.event;
import static nl.kamerstroom.store.Letters.letter;
import static nl.kamerstroom.store.Letters.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.LetterParsed;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import nl.kamerstroom.testsupport.TopicReader;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away for longer than a minute while letters arrive: the store waits for it
 * (readiness DOWN, liveness UP), dead-letters nothing, and stores every letter once it is back.
 * The outage is real: the database refuses new connections ({@code ALLOW_CONNECTIONS false}) and
 * every open one is terminated, which is what the pool sees when the server stops.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class DatabaseOutageTest {

    /** Past the 60 s after which SmallRye's throttled commit strategy used to fail the channel for good. */
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("kamerstroom.test.outage-seconds", 65));
    /** Long ago: these many letters must not push other tests' zaken off the first page of newest-first lists. */
    private static final LocalDate SUBMITTED = LocalDate.of(2001, 9, 19);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    java.util.Optional<String> password;

    @Inject
    ObjectMapper json;

    @Test
    void lettersThatArriveWhileTheDatabaseIsDownAreStoredAfterwardsAndNoneIsDeadLettered() throws Exception {
        List<LetterParsed> before = letters(5);
        List<LetterParsed> during = letters(20);
        Letters.publish(bootstrapServers, json, before.toArray(LetterParsed[]::new));
        // the first letters also wait out the consumer group's join when this test runs first
        await().atMost(Duration.ofSeconds(90)).until(() -> stored(before) == before.size());

        String database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        String adminUrl = jdbcUrl.substring(0, jdbcUrl.lastIndexOf('/') + 1) + "postgres";
        long down = System.nanoTime();
        try (Connection admin = DriverManager.getConnection(adminUrl, user, password.orElse(""))) {
            try {
                refuseConnections(admin, database, true);
                Letters.publish(bootstrapServers, json, during.toArray(LetterParsed[]::new));
                await().atMost(Duration.ofSeconds(30)).until(() -> status("/q/health/ready") == 503);
                assertThat(status("/q/health/live")).isEqualTo(200);
                while (System.nanoTime() - down < OUTAGE.toNanos()) {
                    Thread.sleep(1000);
                    assertThat(status("/q/health/live")).as("liveness while the database is down").isEqualTo(200);
                }
            } finally {
                refuseConnections(admin, database, false);
            }
        }
        long back = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(during) == during.size());
        await().atMost(Duration.ofSeconds(30)).until(() -> status("/q/health/ready") == 200);
        System.out.printf("database outage of %d s: all %d letters stored %d ms after it ended%n",
                OUTAGE.toSeconds(), during.size(), (System.nanoTime() - back) / 1_000_000);

        Set<String> ids = during.stream().map(LetterParsed::documentId).collect(Collectors.toSet());
        assertThat(new TopicReader(bootstrapServers).readAll("letters.dlq"))
                .as("dead letters for letters that were only waiting for the database")
                .noneMatch(r -> ids.contains(r.key()));
        // in order, and each once: the answers announced equal the answers written
        for (LetterParsed l : during) {
            given().get("/api/zaken/" + l.letter().primaryZaak()).then().statusCode(200);
        }
    }

    private static void refuseConnections(Connection admin, String database, boolean refuse) throws Exception {
        try (Statement s = admin.createStatement()) {
            s.execute("ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS " + !refuse);
        }
        if (refuse) {
            try (PreparedStatement s = admin.prepareStatement(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                s.setString(1, database);
                s.execute();
            }
        }
    }

    private static int status(String path) {
        return given().get(path).then().extract().statusCode();
    }

    private static long stored(List<LetterParsed> letters) {
        return letters.stream().filter(l -> status("/api/letters/" + l.documentId()) == 200).count();
    }

    private static List<LetterParsed> letters(int n) {
        List<LetterParsed> letters = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String zaak = Letters.newZaak();
            letters.add(event("ah-" + zaak, String.format("%064x", zaak.hashCode() & 0xffffffffL), letter(
                    LetterKind.ANSWER, zaak, SUBMITTED, SUBMITTED.plusDays(20), "Sneller", "D66",
                    "Minister van Financiën", List.of(q("1", "Waarom?")), List.of(a("Daarom.", "1")))));
        }
        return letters;
    }
}
