package nl.kamerstroom.store;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

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
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.LetterParsed;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.events.SourceMetadata;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class LetterStoreTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper json;

    @Test
    void anAnswerLetterBecomesAZaakWithQuestionsInOrderAndCombinedAnswers() throws Exception {
        String zaak = newZaak();
        LetterParsed event = answerLetter("doc-" + UUID.randomUUID(), zaak, "a".repeat(64), "Nee.");
        publish(event);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/zaken/" + zaak)
                .then().statusCode(200));
        JsonPath body = given().get("/api/zaken/" + zaak).then().statusCode(200).extract().jsonPath();
        org.assertj.core.api.Assertions.assertThat(body.getString("status")).isEqualTo("ANSWERED");
        org.assertj.core.api.Assertions.assertThat(body.getString("submittedDate")).isEqualTo("2025-09-19");
        org.assertj.core.api.Assertions.assertThat(body.getString("answeredDate")).isEqualTo("2025-11-21");
        org.assertj.core.api.Assertions.assertThat(body.getList("questions.number")).containsExactly("1", "7", "8");
        org.assertj.core.api.Assertions.assertThat(body.getString("questions[0].answer.text")).isEqualTo("Ja.");
        org.assertj.core.api.Assertions.assertThat(body.getList("questions[1].answer.questionNumbers"))
                .containsExactly("7", "8");
        org.assertj.core.api.Assertions.assertThat(body.getString("questions[2].answer.text")).isEqualTo("Nee.");
        org.assertj.core.api.Assertions.assertThat(body.getList("documents.documentId"))
                .containsExactly(event.documentId());

        given().get("/api/letters/" + event.documentId()).then().statusCode(200)
                .body("kind", equalTo("ANSWER"))
                .body("zaakNumber", equalTo(zaak))
                .body("ourReference", equalTo("6753708"))
                .body("questions", hasSize(3))
                .body("answers[1].questionNumbers", contains("7", "8"));
    }

    @Test
    void aRedeliveredEventChangesNothingAndAChangedOneReplacesTheAnswers() throws Exception {
        String zaak = newZaak();
        String documentId = "doc-" + UUID.randomUUID();
        publish(answerLetter(documentId, zaak, "b".repeat(64), "Nee."));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/letters/" + documentId)
                .then().statusCode(200));
        String updatedAt = given().get("/api/letters/" + documentId).then().extract().path("updatedAt");

        publish(answerLetter(documentId, zaak, "b".repeat(64), "Nee."));
        // a later event on the same partition (same key) proves the redelivery was consumed
        publish(answerLetter(documentId + "-marker", zaak, "c".repeat(64), "Nee."));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/letters/" + documentId + "-marker")
                .then().statusCode(200));
        given().get("/api/letters/" + documentId).then().body("updatedAt", equalTo(updatedAt))
                .body("answers", hasSize(2));

        publish(answerLetter(documentId, zaak, "d".repeat(64), "Toch wel."));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/letters/" + documentId)
                .then().body("answers[1].text", equalTo("Toch wel.")).body("answers", hasSize(2)));
    }

    @Test
    void aLetterWithoutZaakIsStoredAsADocument() throws Exception {
        String documentId = "memo-" + UUID.randomUUID();
        ParsedLetter memo = new ParsedLetter(LetterKind.OTHER, null, List.of(), "6357468", "Verzoek VKC", null, null,
                LocalDate.of(2025, 5, 1), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        publish(new LetterParsed(documentId, "e".repeat(64), "upload", null, "text/plain", Instant.now(), Instant.now(),
                "test", SourceMetadata.none(), memo));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/letters/" + documentId)
                .then().statusCode(200).body("kind", equalTo("OTHER")).body("zaakNumber", nullValue())
                .body("questions", hasSize(0)));
    }

    @Test
    void unknownAndMalformedZaakNumbersAreClearErrors() {
        given().get("/api/zaken/1999Z00001").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("1999Z00001"));
        given().get("/api/zaken/not-a-zaak").then().statusCode(400).body("detail", containsString("not-a-zaak"));
        given().get("/api/letters/nope").then().statusCode(404);
    }

    @Test
    void healthMetricsAndOpenApi() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/zaken/{number}"));
    }

    private static String newZaak() {
        return Letters.newZaak();
    }

    private static LetterParsed answerLetter(String documentId, String zaak, String sha, String answer78) {
        ParsedLetter letter = new ParsedLetter(LetterKind.ANSWER, null, List.of(zaak), "6753708", "Hack bij het OM",
                LocalDate.of(2025, 9, 19), null, LocalDate.of(2025, 11, 21),
                List.of(new ParsedLetter.Member("Sneller", "D66")), List.of("Minister van Justitie en Veiligheid"),
                List.of("Minister van Justitie en Veiligheid"),
                List.of(new ParsedLetter.Question("1", "Kunt u bevestigen?", List.of()),
                        new ParsedLetter.Question("7", "Erkent u?", List.of()),
                        new ParsedLetter.Question("8", "Kunt u toelichten?", List.of("1"))),
                List.of(new ParsedLetter.Answer(List.of("1"), "Ja.", List.of()),
                        new ParsedLetter.Answer(List.of("7", "8"), answer78, List.of())),
                List.of(new ParsedLetter.Footnote("1", "Zie www.om.nl", "https://www.om.nl")), List.of(), List.of());
        return new LetterParsed(documentId, sha, "upload", null, "text/plain", Instant.now(), Instant.now(), "test",
                SourceMetadata.none(), letter);
    }

    private void publish(LetterParsed event) throws Exception {
        Letters.publish(bootstrapServers, json, event);
    }
}
