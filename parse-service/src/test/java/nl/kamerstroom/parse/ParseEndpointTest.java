package nl.kamerstroom.parse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.TextPdf;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
class ParseEndpointTest {

    @TestHTTPResource("/api/parse")
    URI parseUri;

    @Test
    void parsesTheSeedAnswerLetterAsText() {
        given().contentType("text/plain; charset=utf-8").body(Seeds.text(Seeds.ANSWER_SNELLER))
                .when().post("/api/parse")
                .then().statusCode(200)
                .body("kind", equalTo("ANSWER"))
                .body("zaakNumbers[0]", equalTo("2025Z17315"))
                .body("ourReference", equalTo("6753708"))
                .body("letterDate", equalTo("2025-11-21"))
                .body("submittedDate", equalTo("2025-09-19"))
                .body("askers[0].name", equalTo("Sneller"))
                .body("askers[0].party", equalTo("D66"))
                .body("questions.number", contains("1", "2", "3", "4", "5", "6", "7", "8", "9"))
                .body("answers", hasSize(8))
                .body("answers[6].questionNumbers", contains("7", "8"));
    }

    @Test
    void theSameLetterAsPdfParsesToTheSameStructure() {
        byte[] pdf = TextPdf.render(Seeds.text(Seeds.ANSWER_MUTLUER));
        given().contentType("application/pdf").body(pdf)
                .when().post("/api/parse")
                .then().statusCode(200)
                .body("kind", equalTo("ANSWER"))
                .body("zaakNumbers[0]", equalTo("2025Z20557"))
                .body("submittedDate", equalTo("2025-11-26"))
                .body("askers.name", contains("Mutluer", "Kathmann"))
                .body("askers.party", contains("GroenLinks-PvdA", "GroenLinks-PvdA"))
                .body("questions", hasSize(20))
                .body("answers", hasSize(20));
    }

    @Test
    void theMemoIsOtherWithoutQuestions() {
        given().contentType("text/markdown").body(Seeds.text(Seeds.MEMO))
                .when().post("/api/parse")
                .then().statusCode(200).body("kind", equalTo("OTHER")).body("questions", hasSize(0));
    }

    @Test
    void aCorruptPdfIs422WithAReason() {
        given().contentType("application/pdf").body("%PDF-1.7\nthis is not really a pdf".getBytes(StandardCharsets.US_ASCII))
                .when().post("/api/parse")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("not a readable PDF"));
    }

    @Test
    void anUnsupportedTypeIs415AndAnEmptyBody400() {
        given().contentType("image/png").body(new byte[] {(byte) 0x89, 'P', 'N', 'G'})
                .when().post("/api/parse").then().statusCode(415).body("detail", containsString("image/png"));
        given().contentType("text/plain").body(new byte[0])
                .when().post("/api/parse").then().statusCode(400);
    }

    @Test
    void charactersJsonAndXmlCannotCarryAreRemovedFromTheAnswer() {
        String text = Seeds.text(Seeds.ANSWER_SNELLER).replace("Kunt u bevestigen", "Kunt\uFFFF u\u0002 bevestigen");
        String body = given().contentType("text/plain; charset=utf-8").body(text.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/parse")
                .then().statusCode(200).body("questions[0].text", startsWith("Kunt u bevestigen"))
                .extract().asString();
        assertThat(body).doesNotContain("\uFFFF", "\\uFFFF", "\\u0002");
    }

    @Test
    void aClientOverTheRateLimitGets429WithRetryAfterAndIsServedAgainLater() throws Exception {
        // the limit is 20 at once, then 10 a second, per client address: 60 requests at once exceed it
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest empty = HttpRequest.newBuilder(parseUri)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.noBody()).build();
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> r : IntStream.range(0, 60)
                .mapToObj(i -> client.sendAsync(empty, HttpResponse.BodyHandlers.ofString())).toList()) {
            responses.add(r.get(30, TimeUnit.SECONDS));
        }
        List<HttpResponse<String>> limited = responses.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(limited).as("requests over the burst").isNotEmpty();
        assertThat(responses).extracting(HttpResponse::statusCode).allMatch(s -> s == 400 || s == 429 || s == 503);
        assertThat(Integer.parseInt(limited.get(0).headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 2);
        assertThat(limited.get(0).body()).contains("try again in");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().contentType("text/markdown")
                .body(Seeds.text(Seeds.MEMO)).when().post("/api/parse").then().statusCode(200));
    }

    @Test
    void health() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        // SmallRye reports liveness per channel (and per copy of the consumer channel): a channel that
        // failed for good turns it DOWN
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("letters-fetched$1")).body(containsString("letters-fetched$3"))
                .body(containsString("letters-parsed")).body(containsString("questions-parsed"))
                .body(containsString("letters-dlq"));
        given().get("/q/metrics").then().statusCode(200);
    }
}
