package nl.kamerstroom.store;

import static io.restassured.RestAssured.given;
import static nl.kamerstroom.store.Letters.a;
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
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.LetterParsed;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.events.SourceMetadata;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Letters that need review (issue 12): the parser's reasons and version are stored and shown,
 * listed under {@code needsReview=true} and counted; a notice that reprints questions leaves the
 * zaak's questions alone; two sources of one document are compared and the XML's structure wins.
 * All through the real consumer on the real topic.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ReviewTest {

    private static final Pattern NEEDING_REVIEW = Pattern.compile("(?m)^kamerstroom_store_letters_needing_review\\s+([0-9.E]+)");
    private static final Pattern DISAGREEMENTS = Pattern.compile("(?m)^kamerstroom_store_source_disagreements_total\\s+([0-9.E]+)");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper json;

    @Test
    void reviewReasonsAndParserVersionAreStoredShownListedAndCounted() throws Exception {
        String zaak = Letters.newZaak();
        ParsedLetter doubtful = withReasons(Letters.letter(LetterKind.ANSWER, zaak, LocalDate.of(2024, 3, 1),
                LocalDate.of(2024, 3, 20), "Bikker", "ChristenUnie", "Minister van Justitie en Veiligheid",
                List.of(q("1", "Klopt het?"), q("2", "Waarom?")), List.of(a("Ja.", "1"))),
                List.of("question 2 has no answer", "answer to 1 found without a heading"));
        LetterParsed review = new LetterParsed("review-" + UUID.randomUUID(), "b".repeat(64), "upload", null,
                "text/plain", Instant.now(), Instant.now(), "parser-7.3", SourceMetadata.none(), doubtful);
        LetterParsed clean = Letters.event("clean-" + UUID.randomUUID(), "c".repeat(64),
                Letters.letter(LetterKind.QUESTIONS, Letters.newZaak(), LocalDate.of(2024, 3, 1), null, "Sneller",
                        "D66", "Minister van Financiën", List.of(q("1", "Hoe?")), List.of()));
        Letters.publish(bootstrapServers, json, review, clean);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().get("/api/letters/" + review.documentId()).then().statusCode(200);
            given().get("/api/letters/" + clean.documentId()).then().statusCode(200);
        });
        JsonPath view = given().get("/api/letters/" + review.documentId()).then().extract().jsonPath();
        assertThat(view.getString("parserVersion")).isEqualTo("parser-7.3");
        assertThat(view.getBoolean("needsReview")).isTrue();
        assertThat(view.getList("reviewReasons"))
                .containsExactly("question 2 has no answer", "answer to 1 found without a heading");
        JsonPath cleanView = given().get("/api/letters/" + clean.documentId()).then().extract().jsonPath();
        assertThat(cleanView.getBoolean("needsReview")).isFalse();
        assertThat(cleanView.getList("reviewReasons")).isEmpty();

        List<String> needing = allPages("true");
        assertThat(needing).contains(review.documentId()).doesNotContain(clean.documentId());
        assertThat(allPages("false")).contains(clean.documentId()).doesNotContain(review.documentId());
        JsonPath page = given().queryParam("needsReview", "true").queryParam("size", 1).get("/api/letters")
                .then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items")).hasSize(1);
        assertThat(page.getInt("size")).isEqualTo(1);
        assertThat(page.getLong("total")).isGreaterThanOrEqualTo(1);
        JsonPath listed = given().queryParam("needsReview", "true").queryParam("size", 100).get("/api/letters")
                .then().extract().jsonPath();
        int at = listed.getList("items.documentId").indexOf(review.documentId());
        assertThat(listed.getList("items[" + at + "].reviewReasons")).hasSize(2);

        given().queryParam("needsReview", "maybe").get("/api/letters").then().statusCode(400);
        given().queryParam("size", 0).get("/api/letters").then().statusCode(400);

        long stored = needing.size();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(metric(NEEDING_REVIEW)).isGreaterThanOrEqualTo(stored));
    }

    @Test
    void aNoticeThatReprintsTheQuestionsDoesNotChangeTheZaaksQuestions() throws Exception {
        String zaak = Letters.newZaak();
        LetterParsed questions = Letters.event("q-" + UUID.randomUUID(), "d".repeat(64),
                Letters.letter(LetterKind.QUESTIONS, zaak, LocalDate.of(2024, 5, 2), LocalDate.of(2024, 5, 2),
                        "Van Nispen", "SP", "Minister van Justitie en Veiligheid",
                        List.of(q("1", "Bent u bekend met het bericht?"), q("2", "Wat gaat u doen?"),
                                q("3", "Wanneer?")), List.of()));
        Letters.publish(bootstrapServers, json, questions);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/zaken/" + zaak).then().statusCode(200));
        // a Mededeling, later, printing two of the questions in its own words
        LetterParsed notice = Letters.event("notice-" + UUID.randomUUID(), "e".repeat(64),
                Letters.letter(LetterKind.NOTICE, zaak, LocalDate.of(2024, 5, 2), LocalDate.of(2024, 6, 1),
                        "Van Nispen", "SP", "Minister van Justitie en Veiligheid",
                        List.of(q("1", "Bent u bekend met het bericht? (zie brief)"), q("2", "Wat gaat u doen? (zie brief)")),
                        List.of()));
        Letters.publish(bootstrapServers, json, notice);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(given().get("/api/zaken/" + zaak).then().extract().jsonPath().getList("documents.documentId"))
                        .contains(notice.documentId()));

        JsonPath body = given().get("/api/zaken/" + zaak).then().statusCode(200).extract().jsonPath();
        assertThat(body.getString("status")).isEqualTo("ASKED");
        assertThat(body.getList("questions.number")).containsExactly("1", "2", "3");
        assertThat(body.getString("questions[0].text")).isEqualTo("Bent u bekend met het bericht?");
    }

    @Test
    void theXmlCopyOfADocumentWinsAndADisagreementIsAWarningAndCounted() throws Exception {
        String zaak = Letters.newZaak();
        String number = "ah-tk-20232024-" + (10_000 + Math.floorMod(UUID.randomUUID().hashCode(), 89_999));
        double before = metricOrZero(DISAGREEMENTS);
        // the PDF's text layer lost the grouping of 2 and 3; KOOP's XML has it
        LetterParsed pdf = copy("tk-" + UUID.randomUUID(), "tk", "application/pdf", number, zaak,
                List.of(a("Ja.", "1"), a("Dat volgt uit de wet.", "2"), a("In 2025.", "3")));
        LetterParsed xml = copy("koop-" + UUID.randomUUID(), "koop", "application/xml", number, zaak,
                List.of(a("Ja.", "1"), a("Dat volgt uit de wet. In 2025.", "2", "3")));
        Letters.publish(bootstrapServers, json, pdf);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/letters/" + pdf.documentId()).then().statusCode(200));
        assertThat(given().get("/api/letters/" + pdf.documentId()).then().extract().jsonPath().getBoolean("needsReview"))
                .isFalse();
        Letters.publish(bootstrapServers, json, xml);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/letters/" + xml.documentId()).then().statusCode(200));

        JsonPath pdfView = given().get("/api/letters/" + pdf.documentId()).then().extract().jsonPath();
        JsonPath xmlView = given().get("/api/letters/" + xml.documentId()).then().extract().jsonPath();
        for (JsonPath view : List.of(pdfView, xmlView)) {
            assertThat(view.getBoolean("needsReview")).isTrue();
            assertThat(view.getList("reviewReasons", String.class)).singleElement().asString()
                    .contains("structure differs from the other source of " + number)
                    .contains("[1] [2, 3] in the XML, [1] [2] [3] in " + pdf.documentId());
        }
        assertThat(pdfView.getString("supersededBy")).isEqualTo(xml.documentId());
        assertThat(xmlView.getString("supersededBy")).isNull();
        assertThat(allPages("true")).contains(pdf.documentId(), xml.documentId());

        JsonPath zaakView = given().get("/api/zaken/" + zaak).then().statusCode(200).extract().jsonPath();
        assertThat(zaakView.getList("questions.number")).containsExactly("1", "2", "3");
        assertThat(zaakView.getList("questions[2].answer.questionNumbers")).containsExactly("2", "3");
        assertThat(zaakView.getString("questions[2].answer.documentId")).isEqualTo(xml.documentId());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(metric(DISAGREEMENTS)).isEqualTo(before + 1));
    }

    @Test
    void copiesThatAgreeArriveTogetherAndTheXmlStillCounts() throws Exception {
        String zaak = Letters.newZaak();
        String number = "ah-tk-20222023-" + (10_000 + Math.floorMod(UUID.randomUUID().hashCode(), 89_999));
        List<ParsedLetter.Answer> answers = List.of(a("Ja.", "1"), a("Nee.", "2", "3"));
        LetterParsed xml = copy("koop-" + UUID.randomUUID(), "koop", "text/xml", number, zaak, answers);
        LetterParsed pdf = copy("tk-" + UUID.randomUUID(), "tk", "application/pdf", number, zaak, answers);
        // one publish: most likely one poll, one transaction, where the first is not yet flushed
        Letters.publish(bootstrapServers, json, xml, pdf);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().get("/api/letters/" + xml.documentId()).then().statusCode(200);
            given().get("/api/letters/" + pdf.documentId()).then().statusCode(200);
        });
        JsonPath pdfView = given().get("/api/letters/" + pdf.documentId()).then().extract().jsonPath();
        assertThat(pdfView.getBoolean("needsReview")).isFalse();
        assertThat(pdfView.getList("reviewReasons")).isEmpty();
        assertThat(pdfView.getString("supersededBy")).isEqualTo(xml.documentId());
        assertThat(given().get("/api/zaken/" + zaak).then().extract().jsonPath().getString("questions[0].answer.documentId"))
                .isEqualTo(xml.documentId());
    }

    private static LetterParsed copy(String documentId, String source, String contentType, String number, String zaak,
            List<ParsedLetter.Answer> answers) {
        ParsedLetter base = Letters.letter(LetterKind.ANSWER, zaak, LocalDate.of(2024, 1, 10), LocalDate.of(2024, 2, 1),
                "Klaver", "GroenLinks-PvdA", "Minister van Financiën",
                List.of(q("1", "Klopt het?"), q("2", "Waarom?"), q("3", "Wanneer?")), answers);
        ParsedLetter letter = new ParsedLetter(base.kind(), number, base.zaakNumbers(), null, base.subject(),
                base.submittedDate(), null, base.letterDate(), base.askers(), base.addressees(), base.answeredBy(),
                base.questions(), base.answers(), List.of(), List.of(), List.of());
        return new LetterParsed(documentId, UUID.randomUUID().toString().replace("-", "").repeat(2), source, null,
                contentType, Instant.now(), Instant.now(), "test", SourceMetadata.none(), letter);
    }

    private static ParsedLetter withReasons(ParsedLetter l, List<String> reasons) {
        return new ParsedLetter(l.kind(), l.documentNumber(), l.zaakNumbers(), l.ourReference(), l.subject(),
                l.submittedDate(), l.receivedDate(), l.letterDate(), l.askers(), l.addressees(), l.answeredBy(),
                l.questions(), l.answers(), l.footnotes(), l.warnings(), reasons);
    }

    /** Every document id the list gives, page after page. */
    private static List<String> allPages(String needsReview) {
        List<String> ids = new java.util.ArrayList<>();
        for (int page = 0; page < 50; page++) {
            List<String> items = given().queryParam("needsReview", needsReview).queryParam("page", page)
                    .queryParam("size", 100).get("/api/letters").then().statusCode(200).extract().jsonPath()
                    .getList("items.documentId");
            ids.addAll(items);
            if (items.size() < 100) {
                break;
            }
        }
        return ids;
    }

    private static double metric(Pattern pattern) {
        Matcher m = pattern.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        assertThat(m.find()).as("metric %s", pattern).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static double metricOrZero(Pattern pattern) {
        Matcher m = pattern.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
