package nl.kamerstroom.store;

import static io.restassured.RestAssured.given;
import static nl.kamerstroom.store.Letters.a;
import static nl.kamerstroom.store.Letters.event;
import static nl.kamerstroom.store.Letters.letter;
import static nl.kamerstroom.store.Letters.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.LetterParsed;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class StoreApiTest {

    private static final LocalDate SUBMITTED = LocalDate.of(2025, 9, 19);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper json;

    @Test
    void theLifecycleFollowsPostponementAnswerAndFurtherAnswerWhateverTheArrivalOrder() throws Exception {
        String zaak = Letters.newZaak();
        var questions = List.of(q("1", "Kent u het bericht?"), q("2", "Wat gaat u doen?"));
        LetterParsed asked = event("kv-" + zaak, sha('1'), letter(LetterKind.QUESTIONS, zaak, SUBMITTED, SUBMITTED,
                "Sneller", "D66", "Minister van Justitie en Veiligheid", questions, List.of()));
        LetterParsed postponed = event("uitstel-" + zaak, sha('2'), letter(LetterKind.POSTPONEMENT, zaak, SUBMITTED,
                LocalDate.of(2025, 10, 9), "Sneller", "D66", "Minister van Justitie en Veiligheid", List.of(), List.of()));
        LetterParsed answered = event("ah-" + zaak, sha('3'), letter(LetterKind.ANSWER, zaak, SUBMITTED,
                LocalDate.of(2025, 11, 21), "Sneller", "D66", "Minister van Justitie en Veiligheid", questions,
                List.of(a("Ja.", "1"), a("Niets.", "2"))));

        // the answer arrives first
        publishAndWait(answered);
        JsonPath zaakJson = zaak(zaak);
        assertThat(zaakJson.getString("status")).isEqualTo("ANSWERED");
        assertThat(zaakJson.getInt("replyDays")).isEqualTo(63);

        publishAndWait(postponed, asked);
        zaakJson = zaak(zaak);
        assertThat(zaakJson.getString("status")).isEqualTo("ANSWERED");
        assertThat(zaakJson.getBoolean("postponed")).isTrue();
        // six weeks from submission once postponed (AnswerTerm)
        assertThat(zaakJson.getString("deadline")).isEqualTo("2025-10-31");
        assertThat(zaakJson.getString("answeredDate")).isEqualTo("2025-11-21");
        assertThat(zaakJson.getList("documents.kind")).containsExactlyInAnyOrder("QUESTIONS", "POSTPONEMENT", "ANSWER");
        assertThat(zaakJson.getList("questions.number")).containsExactly("1", "2");
        assertThat(zaakJson.getString("questions[1].answer.text")).isEqualTo("Niets.");
        assertThat(zaakJson.getList("askers.party")).containsExactly("D66");

        LetterParsed further = event("nader-" + zaak, sha('4'), letter(LetterKind.FURTHER_ANSWER, zaak, SUBMITTED,
                LocalDate.of(2026, 1, 5), "Sneller", "D66", "Minister van Justitie en Veiligheid", questions,
                List.of(a("Inmiddels is een plan gemaakt.", "2"))));
        publishAndWait(further);
        zaakJson = zaak(zaak);
        assertThat(zaakJson.getString("status")).isEqualTo("FURTHER_ANSWERED");
        assertThat(zaakJson.getString("questions[1].furtherAnswer.text")).isEqualTo("Inmiddels is een plan gemaakt.");
        assertThat(zaakJson.getString("questions[1].answer.text")).isEqualTo("Niets.");
    }

    @Test
    void postponedWithdrawnAndOverdueStates() throws Exception {
        String open = Letters.newZaak();
        String withdrawn = Letters.newZaak();
        String postponed = Letters.newZaak();
        publishAndWait(
                event("kv-" + open, sha('5'), letter(LetterKind.QUESTIONS, open, SUBMITTED, SUBMITTED, "Kathmann",
                        "GroenLinks-PvdA", "Minister van Financiën", List.of(q("1", "Waarom?")), List.of())),
                event("kv-" + withdrawn, sha('6'), letter(LetterKind.QUESTIONS, withdrawn, SUBMITTED, SUBMITTED,
                        "Kathmann", "GroenLinks-PvdA", "Minister van Financiën", List.of(q("1", "Hoe?")), List.of())),
                event("in-" + withdrawn, sha('7'), letter(LetterKind.WITHDRAWAL, withdrawn, SUBMITTED,
                        LocalDate.of(2025, 9, 25), "Kathmann", "GroenLinks-PvdA", "Minister van Financiën", List.of(),
                        List.of())),
                event("kv-" + postponed, sha('8'), letter(LetterKind.QUESTIONS, postponed, SUBMITTED, SUBMITTED,
                        "Kathmann", "GroenLinks-PvdA", "Minister van Financiën", List.of(q("1", "Wie?")), List.of())),
                event("uit-" + postponed, sha('9'), letter(LetterKind.POSTPONEMENT, postponed, SUBMITTED,
                        LocalDate.of(2025, 10, 9), "Kathmann", "GroenLinks-PvdA", "Minister van Financiën", List.of(),
                        List.of())));
        assertThat(zaak(open).getString("status")).isEqualTo("ASKED");
        assertThat(zaak(open).getBoolean("overdueWithoutPostponement")).isTrue();
        assertThat(zaak(withdrawn).getString("status")).isEqualTo("WITHDRAWN");
        assertThat(zaak(postponed).getString("status")).isEqualTo("POSTPONED");
        assertThat(zaak(postponed).getBoolean("overdueWithoutPostponement")).isFalse();

        JsonPath stats = given().get("/api/stats/open").then().statusCode(200).extract().jsonPath();
        List<String> ministries = stats.getList("perMinistry.ministry");
        int i = ministries.indexOf("Minister van Financiën");
        assertThat(i).isNotNegative();
        assertThat(stats.getLong("perMinistry[" + i + "].open")).isGreaterThanOrEqualTo(2);
        assertThat(stats.getLong("perMinistry[" + i + "].overdue")).isGreaterThanOrEqualTo(1);
        assertThat(stats.getList("perParty.party")).contains("GroenLinks-PvdA");
    }

    @Test
    void aChangedDocumentKeepsThePreviousAnswerTextAsAVersion() throws Exception {
        String zaak = Letters.newZaak();
        String documentId = "ah-" + UUID.randomUUID();
        var questions = List.of(q("1", "Klopt het?"));
        publishAndWait(event(documentId, sha('a'), letter(LetterKind.ANSWER, zaak, SUBMITTED, SUBMITTED.plusDays(20),
                "Sneller", "D66", "Minister van Justitie en Veiligheid", questions, List.of(a("Nee.", "1")))));
        publishAndWait(event(documentId, sha('b'), letter(LetterKind.ANSWER, zaak, SUBMITTED, SUBMITTED.plusDays(20),
                "Sneller", "D66", "Minister van Justitie en Veiligheid", questions, List.of(a("Ja, het klopt.", "1")))));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/letters/" + documentId)
                .then().body("answers[0].text", equalTo("Ja, het klopt.")));
        given().get("/api/letters/" + documentId).then()
                .body("answerVersions[0].text", equalTo("Nee."))
                .body("answerVersions[0].questionNumbers[0]", equalTo("1"));
    }

    @Test
    void fullTextSearchFindsAWordThatOnlyTheAnswerUsesWithASnippet() throws Exception {
        String zaak = Letters.newZaak();
        publishAndWait(event("ah-" + zaak, sha('c'), letter(LetterKind.ANSWER, zaak, SUBMITTED, SUBMITTED.plusDays(10),
                "Omtzigt", "NSC", "Minister van Infrastructuur en Waterstaat",
                List.of(q("1", "Wat is de stand van zaken bij de sluis?")),
                List.of(a("De renovatie van de zeesluizen bij IJmuiden loopt vertraging op.", "1")))));
        // the search index is filled a moment after the letter is stored
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(given().queryParam("q", "renovatie")
                .get("/api/questions").then().statusCode(200).extract().jsonPath().getList("items.zaakNumber"))
                .contains(zaak));
        JsonPath hits = given().queryParam("q", "renovatie").get("/api/questions").then().statusCode(200)
                .extract().jsonPath();
        int i = hits.getList("items.zaakNumber").indexOf(zaak);
        assertThat(hits.getString("items[" + i + "].snippet")).contains("<mark>renovatie</mark>");
        assertThat(hits.getDouble("items[" + i + "].rank")).isPositive();
        assertThat(given().queryParam("q", "renovatie").get("/api/zaken").then().statusCode(200).extract().jsonPath()
                .getList("items.number")).contains(zaak);
        assertThat(given().queryParam("q", "renovatie").queryParam("party", "VVD").get("/api/zaken").then()
                .extract().jsonPath().getList("items.number")).doesNotContain(zaak);
    }

    @Test
    void everyFilterNarrowsTheList() throws Exception {
        String zaak = Letters.newZaak();
        LocalDate submitted = LocalDate.of(2024, 3, 4);
        publishAndWait(event("ah-" + zaak, sha('d'), letter(LetterKind.ANSWER, zaak, submitted, submitted.plusDays(30),
                "Bikker", "ChristenUnie", "Minister van Volksgezondheid, Welzijn en Sport",
                List.of(q("1", "Vraag?")), List.of(a("Antwoord.", "1")))));
        assertFound(zaak, "member", "bikker");
        assertFound(zaak, "party", "ChristenUnie");
        assertFound(zaak, "ministry", "Volksgezondheid");
        assertFound(zaak, "status", "answered");
        assertFound(zaak, "from", "2024-03-04");
        assertFound(zaak, "to", "2024-03-04");
        assertNotFound(zaak, "member", "Sneller");
        assertNotFound(zaak, "party", "D66");
        assertNotFound(zaak, "ministry", "Defensie");
        assertNotFound(zaak, "status", "ASKED");
        assertNotFound(zaak, "from", "2024-03-05");
        assertNotFound(zaak, "to", "2024-03-03");
        assertThat(given().queryParam("party", "ChristenUnie").get("/api/questions").then().statusCode(200)
                .extract().jsonPath().getList("items.zaakNumber")).contains(zaak);
    }

    @Test
    void pagingIsBoundedAndBadParametersSayWhich() throws Exception {
        JsonPath page = given().queryParam("size", 1).get("/api/zaken").then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items")).hasSizeLessThanOrEqualTo(1);
        assertThat(page.getInt("size")).isEqualTo(1);
        long total = page.getLong("total");
        assertThat(total).isPositive();
        // a page past the end is empty and still says how many there are
        JsonPath beyond = given().queryParam("size", 1).queryParam("page", total + 5).get("/api/zaken").then()
                .statusCode(200).extract().jsonPath();
        assertThat(beyond.getList("items")).isEmpty();
        assertThat(beyond.getLong("total")).isGreaterThanOrEqualTo(total);
        given().queryParam("size", 101).get("/api/zaken").then().statusCode(400).body("detail", containsString("size"));
        given().queryParam("size", 0).get("/api/questions").then().statusCode(400).body("detail", containsString("size"));
        given().queryParam("page", -1).get("/api/zaken").then().statusCode(400).body("detail", containsString("page"));
        given().queryParam("status", "LOST").get("/api/zaken").then().statusCode(400).body("detail", containsString("status"));
        given().queryParam("from", "19-09-2025").get("/api/zaken").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("from"));
    }

    @Test
    void newestFirstByDefault() throws Exception {
        String older = Letters.newZaak();
        String newer = Letters.newZaak();
        publishAndWait(
                event("kv-" + older, sha('e'), letter(LetterKind.QUESTIONS, older, LocalDate.of(2030, 1, 1),
                        LocalDate.of(2030, 1, 1), "Paternotte", "D66", "Minister van Defensie", List.of(q("1", "A?")), List.of())),
                event("kv-" + newer, sha('f'), letter(LetterKind.QUESTIONS, newer, LocalDate.of(2030, 2, 1),
                        LocalDate.of(2030, 2, 1), "Paternotte", "D66", "Minister van Defensie", List.of(q("1", "B?")), List.of())));
        List<String> numbers = given().queryParam("from", "2030-01-01").get("/api/zaken").then().extract().jsonPath()
                .getList("items.number");
        assertThat(numbers).containsSubsequence(newer, older);
    }

    @Test
    void exportStreamsEveryLetterAsJsonLines() throws Exception {
        String zaak = Letters.newZaak();
        publishAndWait(event("kv-" + zaak, sha('0'), letter(LetterKind.QUESTIONS, zaak, SUBMITTED, SUBMITTED,
                "Sneller", "D66", "Minister van Justitie en Veiligheid", List.of(q("1", "Export?")), List.of())));
        String body = given().get("/api/export").then().statusCode(200).contentType("application/x-ndjson")
                .extract().asString();
        String line = body.lines().filter(l -> l.contains("\"kv-" + zaak + "\"")).findFirst().orElseThrow();
        var node = json.readTree(line);
        assertThat(node.get("zaakNumber").asText()).isEqualTo(zaak);
        assertThat(node.at("/letter/questions/0/text").asText()).isEqualTo("Export?");
    }

    private void assertFound(String zaak, String parameter, String value) {
        assertThat(allListed(parameter, value)).as("%s=%s", parameter, value).contains(zaak);
    }

    /** Every page of the filtered list: other tests' zaken share the database and may sort first. */
    private static List<String> allListed(String parameter, String value) {
        List<String> numbers = new java.util.ArrayList<>();
        for (int page = 0; page < 200; page++) {
            List<String> items = given().queryParam(parameter, value).queryParam("size", 100).queryParam("page", page)
                    .get("/api/zaken").then().statusCode(200).extract().jsonPath().getList("items.number");
            if (items.isEmpty()) {
                break;
            }
            numbers.addAll(items);
        }
        return numbers;
    }

    private void assertNotFound(String zaak, String parameter, String value) {
        assertThat(given().queryParam(parameter, value).queryParam("size", 100).get("/api/zaken").then().statusCode(200)
                .extract().jsonPath().getList("items.number")).as("%s=%s", parameter, value).doesNotContain(zaak);
    }

    private void publishAndWait(LetterParsed... events) throws Exception {
        Letters.publish(bootstrapServers, json, events);
        for (LetterParsed event : events) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/letters/" + event.documentId())
                    .then().statusCode(200).body("sha256", equalTo(event.sha256())));
        }
    }

    private static JsonPath zaak(String number) {
        return given().get("/api/zaken/" + number).then().statusCode(200).extract().jsonPath();
    }

    private static String sha(char c) {
        return String.valueOf(c).repeat(64);
    }
}
