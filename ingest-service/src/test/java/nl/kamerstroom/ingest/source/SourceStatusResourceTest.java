package nl.kamerstroom.ingest.source;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.kamerstroom.ingest.source.tk.TkSyncFeedSource;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import nl.kamerstroom.testsupport.SyncFeedFixture;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/admin/sources} as the operator's page reads it: after a failed poll of the
 * SyncFeed (a stub answering 503) the failure and its reason, after a good one the success, the
 * position per category and the lag; the failure stays visible after the success.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SourceStubs.class, scope = TestResourceScope.GLOBAL)
class SourceStatusResourceTest {

    private static final String KEY = "test-admin-key";
    private static final String FEED = "/SyncFeed/2.0/Feed?category=";

    WireMockServer stub = SourceStubs.server();

    @Inject
    TkSyncFeedSource tk;

    @Inject
    CursorStore cursors;

    @Test
    void onlyTheOperatorKeyReadsIt() {
        given().get("/api/admin/sources").then().statusCode(401);
        given().header("X-Api-Key", "test-upload-key").get("/api/admin/sources").then().statusCode(401);
        given().header("X-Api-Key", KEY).get("/api/admin/sources").then().statusCode(200);
    }

    @Test
    void aFailedPollShowsWhyAndAGoodOneShowsWhereTheSourceIsAndHowFarBehind() {
        stub.resetAll();
        for (String category : List.of("Zaak", "ZaakActor", "Document")) {
            cursors.delete("tk", category);
        }
        Instant start = Instant.now();
        stub.stubFor(get(urlPathEqualTo("/SyncFeed/2.0/Feed")).willReturn(aResponse().withStatus(503)));
        tk.poll();

        Map<String, Object> failed = source("tk");
        assertThat(failed.get("enabled")).as("off in %test").isEqualTo(false);
        assertThat(failed.get("up")).isEqualTo(false);
        assertThat(Instant.parse((String) failed.get("lastFailure"))).isAfterOrEqualTo(start);
        assertThat((String) failed.get("lastFailureReason")).contains("HTTP 503");
        assertThat((List<?>) failed.get("cursors")).isEmpty();

        stub.resetAll();
        String zaak = UUID.randomUUID().toString();
        serve(FEED + "Zaak", SyncFeedFixture.page("Zaak", null,
                List.of(SyncFeedFixture.zaak(zaak, 77, "2025Z17315", "de hack bij het OM"))));
        serve(FEED + "Zaak&skiptoken=77", SyncFeedFixture.page("Zaak", null, List.of()));
        serve(FEED + "ZaakActor", SyncFeedFixture.page("ZaakActor", null, List.of()));
        serve(FEED + "Document", SyncFeedFixture.page("Document", null, List.of()));
        Instant beforeSuccess = Instant.now();
        tk.poll();

        JsonPath listing = listing();
        Map<String, Object> good = source(listing, "tk");
        assertThat(good.get("up")).isEqualTo(true);
        assertThat(Instant.parse((String) good.get("lastSuccess"))).isAfterOrEqualTo(beforeSuccess);
        assertThat(Instant.parse((String) good.get("lastFailure"))).as("the last outage stays visible")
                .isBefore(beforeSuccess);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> positions = (List<Map<String, Object>>) good.get("cursors");
        assertThat(positions).singleElement().satisfies(p -> {
            assertThat(p.get("category")).isEqualTo("Zaak");
            assertThat(p.get("position")).isEqualTo("77");
            assertThat(p.get("newestEntryAt")).isEqualTo("2025-10-01T10:00:00Z");
        });
        // the lag is the answer's now minus the newest entry seen
        Instant now = Instant.parse(listing.getString("now"));
        Instant newest = Instant.parse((String) good.get("newestEntryAt"));
        long lag = ((Number) good.get("lagSeconds")).longValue();
        assertThat(newest).isAfterOrEqualTo(Instant.parse("2025-10-01T10:00:00Z"));
        assertThat(lag).isCloseTo(Duration.between(newest, now).toSeconds(), org.assertj.core.data.Offset.offset(1L));
        assertThat(source(listing, "koop").get("name")).isEqualTo("koop");
    }

    private void serve(String url, String body) {
        stub.stubFor(get(urlEqualTo(url)).willReturn(aResponse()
                .withHeader("Content-Type", "application/atom+xml; charset=utf-8").withBody(body)));
    }

    private static JsonPath listing() {
        return given().header("X-Api-Key", KEY).get("/api/admin/sources").then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> source(String name) {
        return source(listing(), name);
    }

    private static Map<String, Object> source(JsonPath listing, String name) {
        Map<String, Object> found = listing.getMap("sources.find { it.name == '" + name + "' }");
        assertThat(found).as("source %s listed", name).isNotNull();
        return found;
    }
}
