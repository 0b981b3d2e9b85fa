package nl.kamerstroom.store.stats;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nl.kamerstroom.events.LetterParsed;
import nl.kamerstroom.store.Letters;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Two people with one surname are two persons, told apart by their initials: Bruno Bruins ("B.J.
 * Bruins", Medische Zorg, 2019) and Eppo Bruins ("E.E.W. Bruins", OCW, 2024); a bare "Bruins" for
 * OCW is the one who held OCW. One person with two portfolios (Hoekstra: Financiën, then
 * Buitenlandse Zaken) stays one. Stored through Kafka and the real database, read from the API.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class SameSurnamePersonsTest {

    private static final String OCW = "Minister van Onderwijs, Cultuur en Wetenschap";
    private static final String MZ = "Minister voor Medische Zorg";
    private static final String FIN = "Minister van Financiën";
    private static final String BZ = "Minister van Buitenlandse Zaken";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper json;

    @Test
    @SuppressWarnings("unchecked")
    void differentInitialsAreTwoPersonsAndAnotherPortfolioIsTheSamePerson() throws Exception {
        String tag = PersonLetters.tag();
        String eppoFirst = Letters.newZaak();
        String bruno = Letters.newZaak();
        String eppoBare = Letters.newZaak();
        String finance = Letters.newZaak();
        String foreign = Letters.newZaak();
        String foreignBare = Letters.newZaak();
        // the named forms first, each in its own office and year; the bare surnames after them
        publishAndWait(PersonLetters.answer(eppoFirst, LocalDate.of(2024, 9, 2), 20, OCW, "E.E.W. Bruins" + tag),
                PersonLetters.answer(bruno, LocalDate.of(2019, 4, 1), 10, MZ, "B.J. Bruins" + tag),
                PersonLetters.answer(finance, LocalDate.of(2021, 3, 1), 12, FIN, "W.B. Hoekstra" + tag),
                PersonLetters.answer(foreign, LocalDate.of(2023, 3, 1), 24, BZ, "W.B. Hoekstra" + tag));
        publishAndWait(PersonLetters.answer(eppoBare, LocalDate.of(2024, 11, 4), 30, OCW, "Bruins" + tag),
                PersonLetters.answer(foreignBare, LocalDate.of(2023, 6, 1), 30, BZ, "Hoekstra" + tag));

        List<Map<String, Object>> groups = given().queryParam("by", "minister").get("/api/stats/responsiveness")
                .then().statusCode(200).extract().jsonPath().getList("groups");
        List<Object> bruinses = groups.stream().map(g -> g.get("group"))
                .filter(name -> String.valueOf(name).endsWith("Bruins" + tag)).toList();
        assertThat(bruinses).containsExactlyInAnyOrder("E.E.W. Bruins" + tag, "B.J. Bruins" + tag);
        Map<String, Object> eppo = PersonLetters.group(groups, "E.E.W. Bruins" + tag);
        // 20 and 30 days: the bare "Bruins" for OCW is Eppo's
        assertThat(eppo).containsEntry("answered", 2).containsEntry("medianReplyDays", 25.0f);
        assertThat((List<String>) eppo.get("offices")).containsExactly(OCW);
        Map<String, Object> brunoGroup = PersonLetters.group(groups, "B.J. Bruins" + tag);
        assertThat(brunoGroup).containsEntry("answered", 1).containsEntry("medianReplyDays", 10.0f);
        assertThat((List<String>) brunoGroup.get("offices")).containsExactly(MZ);
        // another portfolio, the same initials, then the bare surname: one person
        List<Object> hoekstras = groups.stream().map(g -> g.get("group"))
                .filter(name -> String.valueOf(name).endsWith("Hoekstra" + tag)).toList();
        assertThat(hoekstras).containsExactly("W.B. Hoekstra" + tag);
        Map<String, Object> hoekstra = PersonLetters.group(groups, "W.B. Hoekstra" + tag);
        assertThat(hoekstra).containsEntry("answered", 3).containsEntry("medianReplyDays", 24.0f);
        assertThat((List<String>) hoekstra.get("offices")).containsExactlyInAnyOrder(FIN, BZ);

        // each zaak names the person who answered it
        assertThat(answeredBy(bruno)).isEqualTo("B.J. Bruins" + tag);
        assertThat(answeredBy(eppoFirst)).isEqualTo("E.E.W. Bruins" + tag);
        assertThat(answeredBy(eppoBare)).isEqualTo("E.E.W. Bruins" + tag);
        assertThat(answeredBy(foreignBare)).isEqualTo("W.B. Hoekstra" + tag);
    }

    private void publishAndWait(LetterParsed... answers) throws Exception {
        Letters.publish(bootstrapServers, json, answers);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            for (LetterParsed answer : answers) {
                assertThat(given().get("/api/zaken/" + answer.letter().primaryZaak()).then().extract().jsonPath()
                        .getString("status")).isEqualTo("ANSWERED");
            }
        });
    }

    private static String answeredBy(String zaak) {
        return given().get("/api/zaken/" + zaak).then().statusCode(200).extract().jsonPath()
                .getString("answeredByOfficials[0].name");
    }
}
