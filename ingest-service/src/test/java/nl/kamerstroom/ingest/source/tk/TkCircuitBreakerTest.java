package nl.kamerstroom.ingest.source.tk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static nl.kamerstroom.testsupport.SyncFeedFixture.document;
import static nl.kamerstroom.testsupport.SyncFeedFixture.letter;
import static nl.kamerstroom.testsupport.SyncFeedFixture.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.kamerstroom.ingest.source.CursorStore;
import nl.kamerstroom.ingest.source.SourceMetrics;
import nl.kamerstroom.ingest.source.SourceStubs;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import nl.kamerstroom.testsupport.TopicReader;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The SyncFeed source's circuit breaker with the production shape (a volume threshold and a wait
 * before a trial call) made small enough to watch: once the source has failed often enough, polls
 * stop calling it at all, readiness stays up, and after the wait one trial call lets the feed flow
 * again.
 */
@QuarkusTest
@TestProfile(TkCircuitBreakerTest.SmallBreaker.class)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SourceStubs.class, scope = TestResourceScope.GLOBAL)
class TkCircuitBreakerTest {

    private static final String BREAKER = "nl.kamerstroom.ingest.source.tk.TkHttp/get/CircuitBreaker/";
    private static final String FEED = "/SyncFeed/2.0/Feed?category=";

    public static class SmallBreaker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    BREAKER + "requestVolumeThreshold", "4",
                    BREAKER + "failureRatio", "1.0",
                    BREAKER + "delay", "1500",
                    BREAKER + "delayUnit", "MILLIS");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    TkSyncFeedSource source;

    @Inject
    CursorStore cursors;

    @Inject
    SourceMetrics metrics;

    WireMockServer stub = SourceStubs.server();

    @Test
    void aFailingSourceOpensTheBreakerAndATrialCallAfterTheWaitClosesIt() {
        stub.resetAll();
        for (String category : TkSyncFeedSource.CATEGORIES) {
            cursors.delete("tk", category);
        }
        stub.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(500)));
        double openBefore = metrics.of("tk").errors("circuit-open");

        source.poll();
        // four failures fill the breaker's window; every call after that fails fast without a request
        int requests = stub.findAll(getRequestedFor(anyUrl())).size();
        assertThat(requests).isEqualTo(4);
        assertThat(metrics.of("tk").errors("circuit-open")).isGreaterThan(openBefore);

        source.poll();
        assertThat(stub.findAll(getRequestedFor(anyUrl()))).as("no call while the breaker is open").hasSize(4);
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));

        // the source recovers; after the breaker's wait a trial call goes through and the feed flows
        String answer = UUID.randomUUID().toString();
        stub.resetAll();
        stub.stubFor(get(urlEqualTo(FEED + "Zaak")).willReturn(atom(page("Zaak", null, List.of()))));
        stub.stubFor(get(urlEqualTo(FEED + "ZaakActor")).willReturn(atom(page("ZaakActor", null, List.of()))));
        stub.stubFor(get(urlEqualTo(FEED + "Document")).willReturn(atom(page("Document", null, List.of(
                document(answer, 901, "2025-11-21T10:00:00Z", "Antwoord schriftelijke vragen", "2025D90901",
                        "Antwoord op vragen", null, null))))));
        stub.stubFor(get(urlEqualTo(FEED + "Document&skiptoken=901")).willReturn(atom(page("Document", null, List.of()))));
        stub.stubFor(get(urlEqualTo("/SyncFeed/2.0/Resources/" + answer)).willReturn(aResponse()
                .withHeader("Content-Type", "text/plain").withBody(nl.kamerstroom.testsupport.SyncFeedFixture.text(letter("ah-tk-20232024-1197.txt")) + "\n" + answer)));

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            source.poll();
            assertThat(new TopicReader(bootstrapServers).readAll("letters.fetched"))
                    .anyMatch(r -> ("tk-" + answer).equals(r.key()));
        });
        assertThat(stub.findAll(getRequestedFor(urlEqualTo(FEED + "Document")))).isNotEmpty();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder atom(String body) {
        return aResponse().withHeader("Content-Type", "application/atom+xml; charset=utf-8").withBody(body);
    }
}
