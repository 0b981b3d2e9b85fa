package nl.kamerstroom.store.stats;

import static io.restassured.RestAssured.given;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.LetterParsed;
import nl.kamerstroom.events.Official;
import nl.kamerstroom.events.SourceMetadata;
import nl.kamerstroom.store.Letters;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A minister is a person: one person with two portfolios stays one group with two offices; two
 * people who hold one office in turn are two groups; the zaak and the overdue list name them.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class MinisterPersonsTest {

    private static final LocalDate SUBMITTED = LocalDate.of(1997, 3, 3);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper json;

    @Test
    @SuppressWarnings("unchecked")
    void aPersonChangesPortfolioAndAnOfficeChangesHands() throws Exception {
        // names no other test (or run) uses, still names: "Helder-Qwert"
        String tag = PersonLetters.tag();
        String vws = "Minister van Volksgezondheid, Welzijn en Sport";
        String lzs = "Minister voor Langdurige Zorg en Sport";
        String jenv = "Minister van Justitie en Veiligheid";
        String first = Letters.newZaak();
        String second = Letters.newZaak();
        String third = Letters.newZaak();
        String fourth = Letters.newZaak();
        String fifth = Letters.newZaak();
        String open = Letters.newZaak();
        Letters.publish(bootstrapServers, json,
                answer(first, 10, vws, "Helder" + tag),
                answer(second, 20, lzs, "Conny Helder" + tag),
                answer(third, 15, jenv, "Yeşilgöz-Zegerius" + tag),
                answer(fourth, 30, jenv, "Van Weel" + tag),
                answer(fifth, 40, jenv, "D.M. van Weel" + tag),
                // asked, never answered: the Tweede Kamer names the minister it went to
                new LetterParsed("kv-" + open, PersonLetters.sha(open), "tk", null, "text/plain", Instant.now(),
                        Instant.now(), "test",
                        new SourceMetadata("Schriftelijke vragen", List.of(open), null, null, List.of(),
                                List.of("minister van Justitie en Veiligheid"), Map.of(),
                                List.of(new Official("D.M. van Weel" + tag, "Minister", "Justitie en Veiligheid",
                                        "minister van Justitie en Veiligheid"))),
                        Letters.letter(LetterKind.QUESTIONS, open, SUBMITTED, SUBMITTED, "Sneller", "D66", jenv,
                                List.of(q("1", "Kent u het bericht?")), List.of())));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            for (String zaak : List.of(first, second, third, fourth, fifth)) {
                assertThat(given().get("/api/zaken/" + zaak).then().extract().jsonPath().getString("status"))
                        .isEqualTo("ANSWERED");
            }
            assertThat(given().get("/api/zaken/" + open).then().extract().statusCode()).isEqualTo(200);
        });

        List<Map<String, Object>> groups = given().queryParam("by", "minister").get("/api/stats/responsiveness")
                .then().statusCode(200).extract().jsonPath().getList("groups");
        // one person, two portfolios: one group, shown by the fullest name printed, with both offices
        Map<String, Object> helder = PersonLetters.group(groups, "Conny Helder" + tag);
        assertThat(helder).containsEntry("answered", 2).containsEntry("medianReplyDays", 15.0f);
        assertThat((List<String>) helder.get("offices")).containsExactly(vws, lzs);
        assertThat(groups).noneMatch(g -> ("Helder" + tag).equals(g.get("group")));
        // one office, two people in turn: two groups; "Van Weel" and "D.M. van Weel" are one person
        Map<String, Object> yesilgoz = PersonLetters.group(groups, "Yeşilgöz-Zegerius" + tag);
        assertThat(yesilgoz).containsEntry("answered", 1).containsEntry("open", 0);
        assertThat((List<String>) yesilgoz.get("offices")).containsExactly(jenv);
        Map<String, Object> vanWeel = PersonLetters.group(groups, "D.M. van Weel" + tag);
        // answered 30 and 40 days on; the open zaak addressed to him counts for him too
        assertThat(vanWeel).containsEntry("answered", 2).containsEntry("open", 1).containsEntry("overdue", 1)
                .containsEntry("medianReplyDays", 35.0f);
        assertThat((List<String>) vanWeel.get("offices")).containsExactly(jenv);

        // the zaak names who answered, as a person in office
        JsonPath zaak = given().get("/api/zaken/" + fourth).then().statusCode(200).extract().jsonPath();
        assertThat(zaak.getList("answeredBy")).containsExactly(jenv);
        assertThat(zaak.getString("answeredByOfficials[0].name")).isEqualTo("D.M. van Weel" + tag);
        assertThat(zaak.getString("answeredByOfficials[0].office")).isEqualTo(jenv);
        // the overdue list names the minister the late zaak went to
        JsonPath overdue = given().queryParam("overdue", true).queryParam("size", 100).get("/api/zaken")
                .then().statusCode(200).extract().jsonPath();
        int at = overdue.getList("items.number").indexOf(open);
        assertThat(at).isNotNegative();
        assertThat(overdue.getString("items[" + at + "].ministers[0].name")).isEqualTo("D.M. van Weel" + tag);
        assertThat(overdue.getString("items[" + at + "].ministers[0].office")).isEqualTo(jenv);
    }

    private static LetterParsed answer(String zaak, int days, String office, String name) {
        return PersonLetters.answer(zaak, SUBMITTED, days, office, name);
    }
}
