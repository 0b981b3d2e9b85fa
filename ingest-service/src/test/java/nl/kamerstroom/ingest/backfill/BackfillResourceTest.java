package nl.kamerstroom.ingest.backfill;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import nl.kamerstroom.ingest.source.SourceStubs;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SourceStubs.class, scope = TestResourceScope.GLOBAL)
class BackfillResourceTest {

    private static final String KEY = "test-admin-key";

    WireMockServer stub = SourceStubs.server();

    @Test
    void withoutTheApiKeyNothingStarts() {
        given().contentType("application/json").body("{\"source\":\"koop\",\"from\":\"2024-01-01\"}")
                .when().post("/api/backfill").then().statusCode(401);
        given().header("X-Api-Key", "wrong").contentType("application/json")
                .body("{\"source\":\"koop\",\"from\":\"2024-01-01\"}")
                .when().post("/api/backfill").then().statusCode(401);
        given().when().get("/api/backfill").then().statusCode(401);
    }

    @Test
    void anUnknownSourceOrABadDateIsABadRequest() {
        given().header("X-Api-Key", KEY).contentType("application/json").body("{\"source\":\"ftp\",\"from\":\"2024-01-01\"}")
                .when().post("/api/backfill").then().statusCode(400).body("detail", containsString("koop, tk"));
        given().header("X-Api-Key", KEY).contentType("application/json").body("{\"source\":\"koop\",\"from\":\"gisteren\"}")
                .when().post("/api/backfill").then().statusCode(400).body("detail", containsString("gisteren"));
    }

    @Test
    void aKoopBackfillRunsToTheEndWithProgress() {
        stub.resetAll();
        String id = "ah-tk-20202021-876";
        String record = "<sru:record><sru:recordData><gzd:gzd xmlns:gzd=\"http://standaarden.overheid.nl/sru\""
                + " xmlns:dcterms=\"http://purl.org/dc/terms/\"><gzd:originalData><meta><owmskern>"
                + "<dcterms:identifier>" + id + "</dcterms:identifier><dcterms:title>t</dcterms:title>"
                + "<dcterms:modified>2021-01-05</dcterms:modified></owmskern></meta></gzd:originalData>"
                + "<gzd:enrichedData><gzd:url>https://repository.overheid.nl/frbr/officielepublicaties/ah-tk/20202021/" + id
                + "/1/xml/" + id + ".xml</gzd:url></gzd:enrichedData></gzd:gzd></sru:recordData></sru:record>";
        stub.stubFor(get(urlPathEqualTo("/sru")).withQueryParam("query", containing("dt.modified>=2021-01-01"))
                .willReturn(aResponse().withHeader("Content-Type", "application/xml").withBody(
                        "<sru:searchRetrieveResponse xmlns:sru=\"http://docs.oasis-open.org/ns/search-ws/sruResponse\">"
                                + "<sru:numberOfRecords>1</sru:numberOfRecords><sru:records>" + record
                                + "</sru:records></sru:searchRetrieveResponse>")));
        stub.stubFor(get(urlEqualTo("/frbr/officielepublicaties/ah-tk/20202021/" + id + "/1/xml/" + id + ".xml"))
                .willReturn(aResponse().withHeader("Content-Type", "application/xml")
                        .withBody("<kamervragen><kamervraagnummer>2020Z24000</kamervraagnummer><vraag><nr>Vraag 1</nr>"
                                + "<al>Backfill?</al></vraag></kamervragen>")));

        given().header("X-Api-Key", KEY).contentType("application/json").body("{\"source\":\"koop\",\"from\":\"2021-01-01\"}")
                .when().post("/api/backfill").then().statusCode(202).body("source", equalTo("koop"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("X-Api-Key", KEY)
                .when().get("/api/backfill").then().statusCode(200)
                .body("backfills[0].status", equalTo("DONE"))
                .body("backfills[0].done", equalTo(1))
                .body("backfills[0].total", equalTo(1))
                .body("backfills[0].emitted", equalTo(1)));
        given().when().get("/q/metrics").then().body(containsString("kamerstroom_backfill_done{source=\"koop\"} 1.0"));
    }
}
