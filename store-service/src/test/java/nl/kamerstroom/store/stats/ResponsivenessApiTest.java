package nl.kamerstroom.store.stats;

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
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.store.Letters;
import nl.kamerstroom.store.zaak.AnswerTerm;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The responsiveness figures and the overdue list, from letters stored through the real topic. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ResponsivenessApiTest {

    /** Older than anything other tests store, so these zaken head the overdue list. */
    private static final LocalDate SUBMITTED = LocalDate.of(1996, 1, 2);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper json;

    @Test
    void figuresPerMinistryAndPartyAsOfAnyDayAndTheOverdueListOldestFirst() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String department = "Proefzaken " + tag;
        String office = "Minister van " + department;
        String party = "P" + tag;
        String open = Letters.newZaak();
        String postponed = Letters.newZaak();
        String quick = Letters.newZaak();
        var questions = List.of(q("1", "Kent u het bericht?"));
        Letters.publish(bootstrapServers, json,
                event("kv-" + open, sha(1), letter(LetterKind.QUESTIONS, open, SUBMITTED, SUBMITTED, "Sneller", party,
                        office, questions, List.of())),
                event("kv-" + postponed, sha(2), letter(LetterKind.QUESTIONS, postponed, SUBMITTED, SUBMITTED, "Sneller",
                        party, office, questions, List.of())),
                event("up-" + postponed, sha(3), letter(LetterKind.POSTPONEMENT, postponed, SUBMITTED,
                        LocalDate.of(1996, 1, 20), "Sneller", party, office, List.of(), List.of())),
                event("ah-" + postponed, sha(4), letter(LetterKind.ANSWER, postponed, SUBMITTED, LocalDate.of(1996, 2, 10),
                        "Sneller", party, office, questions, List.of(a("Ja.", "1")))),
                event("ah-" + quick, sha(5), letter(LetterKind.ANSWER, quick, SUBMITTED, LocalDate.of(1996, 1, 16),
                        "Sneller", party, office, questions, List.of(a("Nee.", "1")))));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(zaakStatus(open)).isEqualTo("ASKED");
            assertThat(zaakStatus(postponed)).isEqualTo("ANSWERED");
            assertThat(zaakStatus(quick)).isEqualTo("ANSWERED");
        });

        // now: 2 answered (14 and 39 days), 1 open and overdue; 1 of 2 within three weeks, the postponed one
        // within six weeks; 1 of 3 postponed
        Map<String, Object> now = group("ministry", null, department);
        assertThat(now).containsEntry("answered", 2).containsEntry("open", 1).containsEntry("overdue", 1)
                .containsEntry("medianReplyDays", 26.5f).containsEntry("shareAnsweredWithinTerm", 0.5f)
                .containsEntry("shareAnsweredWithinExtendedTerm", 1.0f).containsEntry("sharePostponed", 0.333f);
        // on 10 January 1996 nothing was answered or late yet
        Map<String, Object> early = group("ministry", "1996-01-10", department);
        assertThat(early).containsEntry("answered", 0).containsEntry("open", 3).containsEntry("overdue", 0);
        // on 1 February: the quick one answered, the open one late (deadline 23 January), the postponed one not yet
        Map<String, Object> february = group("party", "1996-02-01", party);
        assertThat(february).containsEntry("answered", 1).containsEntry("open", 2).containsEntry("overdue", 1);
        assertThat(group("minister", null, office)).containsEntry("answered", 2);

        JsonPath overdue = given().queryParam("overdue", true).queryParam("size", 100).get("/api/zaken")
                .then().statusCode(200).extract().jsonPath();
        List<String> numbers = overdue.getList("items.number");
        assertThat(numbers).contains(open).doesNotContain(postponed, quick);
        int at = numbers.indexOf(open);
        long expectedLate = ChronoUnit.DAYS.between(LocalDate.of(1996, 1, 23), AnswerTerm.today(java.time.Clock.systemUTC()));
        assertThat(overdue.getLong("items[" + at + "].daysLate")).isBetween(expectedLate - 1, expectedLate + 1);
        assertThat(overdue.getBoolean("items[" + at + "].postponed")).isFalse();
        assertThat(overdue.getList("items[" + at + "].addressedTo")).containsExactly(office);
        List<String> submitted = overdue.getList("items.submittedDate");
        assertThat(submitted).isSortedAccordingTo(String::compareTo);
    }

    @Test
    void anUnknownGroupingOrDateIsABadRequest() {
        given().queryParam("by", "weather").get("/api/stats/responsiveness").then().statusCode(400);
        given().queryParam("asOf", "gisteren").get("/api/stats/responsiveness").then().statusCode(400);
    }

    private Map<String, Object> group(String by, String asOf, String name) {
        var request = given().queryParam("by", by);
        if (asOf != null) {
            request = request.queryParam("asOf", asOf);
        }
        List<Map<String, Object>> groups = request.get("/api/stats/responsiveness").then().statusCode(200)
                .extract().jsonPath().getList("groups");
        return groups.stream().filter(g -> name.equals(g.get("group"))).findFirst()
                .orElseThrow(() -> new AssertionError("no group " + name + " in " + groups.size() + " groups"));
    }

    private static String zaakStatus(String number) {
        return given().get("/api/zaken/" + number).then().extract().jsonPath().getString("status");
    }

    private static String sha(int n) {
        return String.valueOf((char) ('0' + n)).repeat(64);
    }
}
