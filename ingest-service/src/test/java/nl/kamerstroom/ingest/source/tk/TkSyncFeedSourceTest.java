package nl.kamerstroom.ingest.source.tk;

import nl.kamerstroom.testsupport.SyncFeedFixture;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static nl.kamerstroom.testsupport.SyncFeedFixture.document;
import static nl.kamerstroom.testsupport.SyncFeedFixture.letter;
import static nl.kamerstroom.testsupport.SyncFeedFixture.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import nl.kamerstroom.ingest.source.CursorStore;
import nl.kamerstroom.ingest.source.SourceMetrics;
import nl.kamerstroom.ingest.source.SourceStubs;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import nl.kamerstroom.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SyncFeed source against a WireMock stand-in for gegevensmagazijn.tweedekamer.nl, on the real
 * broker and database. Polls are triggered by the test (the schedule is off in %test); a poll
 * returns only after Kafka acknowledged what it published, so the topic is complete when it returns.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SourceStubs.class, scope = TestResourceScope.GLOBAL)
class TkSyncFeedSourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FEED = "/SyncFeed/2.0/Feed?category=";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    TkSyncFeedSource source;

    @Inject
    CursorStore cursors;

    @Inject
    SourceMetrics metrics;

    WireMockServer stub = SourceStubs.server();

    @BeforeEach
    void freshFeed() {
        stub.resetAll();
        for (String category : TkSyncFeedSource.CATEGORIES) {
            cursors.delete("tk", category);
        }
        serve(FEED + "Zaak", page("Zaak", null, List.of()));
        serve(FEED + "ZaakActor", page("ZaakActor", null, List.of()));
    }

    @Test
    void followsNextLinksKeepsKamervragenAndAttachesZaakAskersAndAddressees() throws Exception {
        String zaak = uuid();
        String otherZaak = uuid();
        serve(FEED + "Zaak", page("Zaak", null, List.of(SyncFeedFixture.zaak(zaak, 11, "2025Z17315", "de hack bij het OM"))));
        serve(FEED + "ZaakActor", page("ZaakActor", null, List.of(
                SyncFeedFixture.zaakActor(uuid(), 21, zaak, "Indiener", "Sneller", "D66", "Tweede Kamerlid"),
                SyncFeedFixture.zaakActor(uuid(), 22, zaak, "Gericht aan", "D.M. van Weel", null,
                        "minister van Justitie en Veiligheid"),
                SyncFeedFixture.zaakActor(uuid(), 23, zaak, "Voortouwcommissie", "J&amp;V", null, null))));
        // the second document's zaak is not in the Zaak category yet: looked up by its GUID
        stub.stubFor(get(urlEqualTo("/SyncFeed/2.0/Entiteiten/" + otherZaak))
                .willReturn(aResponse().withHeader("Content-Type", "application/xml")
                        .withBody(SyncFeedFixture.zaakEntity(otherZaak, "2025Z18000", "uitstel"))));

        String answer = uuid();
        String brief = uuid();
        String postponement = uuid();
        serve(FEED + "Document", page("Document", 102L, List.of(
                document(answer, 101, "2025-11-21T10:00:00Z", "Antwoord schriftelijke vragen", "2025D50001",
                        "Antwoord op vragen van het lid Sneller over de hack bij het OM", zaak, "181902411"),
                document(brief, 102, "2025-11-21T10:01:00Z", "Brief regering", "2025D50002", "Een brief", null,
                        null))));
        serve(FEED + "Document&skiptoken=102", page("Document", 103L, List.of(
                document(postponement, 103, "2025-11-21T10:02:00Z", "Mededeling (uitstel antwoord)", "2025D50003",
                        "Uitstel beantwoording", otherZaak, null))));
        serve(FEED + "Document&skiptoken=103", page("Document", null, List.of()));
        byte[] answerLetter = letter("000_f6bf631fb9c80b1a.txt");
        resource(answer, answerLetter, "text/plain");
        resource(postponement, letter("ah-tk-20232024-1031.txt"), "text/plain");

        source.poll();

        JsonNode event = event("tk-" + answer);
        assertThat(event.get("source").asText()).isEqualTo("tk");
        assertThat(event.get("sourceId").asText()).isEqualTo(answer);
        assertThat(event.get("sha256").asText()).isEqualTo(sha256(answerLetter));
        assertThat(event.get("fileName").asText()).isEqualTo("2025D50001.txt");
        assertThat(event.at("/metadata/soort").asText()).isEqualTo("Antwoord schriftelijke vragen");
        assertThat(event.at("/metadata/zaakNumbers").toString()).isEqualTo("[\"2025Z17315\"]");
        assertThat(event.at("/metadata/askers").toString()).isEqualTo("[\"Sneller (D66)\"]");
        assertThat(event.at("/metadata/addressees").toString()).isEqualTo("[\"minister van Justitie en Veiligheid\"]");
        // the person to whom the questions went, with the office held: ActorNaam and Functie of 'Gericht aan'
        assertThat(event.at("/metadata/addressedTo/0/name").asText()).isEqualTo("D.M. van Weel");
        assertThat(event.at("/metadata/addressedTo/0/role").asText()).isEqualTo("Minister");
        assertThat(event.at("/metadata/addressedTo/0/portfolio").asText()).isEqualTo("Justitie en Veiligheid");
        assertThat(event.at("/metadata/addressedTo/0/office").asText()).isEqualTo("minister van Justitie en Veiligheid");
        assertThat(event.at("/metadata/addressedTo").size()).as("askers are no addressees").isEqualTo(1);
        assertThat(event.at("/metadata/documentDate").asText()).isEqualTo("2025-11-21");
        assertThat(event.at("/metadata/extra/koopId").asText()).isEqualTo("ah-tk-20182019-2411");
        assertThat(event("tk-" + postponement).at("/metadata/zaakNumbers/0").asText()).isEqualTo("2025Z18000");
        // not a written-questions document: never downloaded, never published
        stub.verify(0, getRequestedFor(urlEqualTo("/SyncFeed/2.0/Resources/" + brief)));
        assertThat(keyed("tk-" + brief)).isEmpty();
        assertThat(cursors.position("tk", "Document")).contains("103");
        assertThat(cursors.position("tk", "Zaak")).contains("11");
    }

    @Test
    void resumesAfterARestartWithoutGapOrDuplicate() throws Exception {
        String a = uuid();
        String b = uuid();
        String c = uuid();
        serve(FEED + "Document", page("Document", 202L, List.of(answer(a, 201), answer(b, 202))));
        stub.stubFor(get(urlEqualTo(FEED + "Document&skiptoken=202"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        resource(a, letter("ah-tk-20232024-1092.txt"), "text/plain");
        resource(b, letter("ah-tk-20232024-1108.txt"), "text/plain");
        resource(c, letter("ah-tk-20232024-1165.txt"), "text/plain");

        source.poll(); // the feed breaks after the first page: the cursor stays behind the last entry handled
        assertThat(keyed("tk-" + a)).hasSize(1);
        assertThat(keyed("tk-" + b)).hasSize(1);
        assertThat(cursors.position("tk", "Document")).contains("202");

        // a crash between Kafka's acknowledgement and the cursor write: the service restarts one page back
        cursors.save("tk", "Document", "200", null);
        serve(FEED + "Document&skiptoken=200", page("Document", 202L, List.of(answer(a, 201), answer(b, 202))));
        serve(FEED + "Document&skiptoken=202", page("Document", null, List.of(answer(c, 203))));
        source.poll();

        assertThat(keyed("tk-" + a)).as("no duplicate").hasSize(1);
        assertThat(keyed("tk-" + b)).as("no duplicate").hasSize(1);
        assertThat(keyed("tk-" + c)).as("no gap").hasSize(1);
        assertThat(cursors.position("tk", "Document")).contains("203");
    }

    @Test
    void aServerErrorIsRetriedUntilTheSourceRecovers() throws Exception {
        String a = uuid();
        String url = FEED + "Document";
        stub.stubFor(get(urlEqualTo(url)).inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("still down"));
        stub.stubFor(get(urlEqualTo(url)).inScenario("outage").whenScenarioStateIs("still down")
                .willReturn(aResponse().withStatus(502)).willSetStateTo("up"));
        stub.stubFor(get(urlEqualTo(url)).inScenario("outage").whenScenarioStateIs("up")
                .willReturn(atom(page("Document", null, List.of(answer(a, 301))))));
        resource(a, letter("ah-tk-20232024-1193.txt"), "text/plain");

        source.poll();

        stub.verify(3, getRequestedFor(urlEqualTo(url)));
        assertThat(keyed("tk-" + a)).hasSize(1);
    }

    @Test
    void tooManyRequestsWaitsForRetryAfter() throws Exception {
        String a = uuid();
        String file = "/SyncFeed/2.0/Resources/" + a;
        serve(FEED + "Document", page("Document", null, List.of(answer(a, 401))));
        stub.stubFor(get(urlEqualTo(file)).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("free"));
        stub.stubFor(get(urlEqualTo(file)).inScenario("busy").whenScenarioStateIs("free")
                .willReturn(aResponse().withHeader("Content-Type", "text/plain").withBody(letter("ah-tk-20232024-1197.txt"))));

        source.poll();

        List<LoggedRequest> requests = stub.findAll(getRequestedFor(urlEqualTo(file)));
        assertThat(requests).hasSize(2);
        long waited = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertThat(waited).as("ms between the 429 and the retry").isGreaterThanOrEqualTo(1900);
        assertThat(keyed("tk-" + a)).hasSize(1);
    }

    @Test
    void aMalformedPageIsCountedAndTheCursorKeepsItsPlace() throws Exception {
        String a = uuid();
        String b = uuid();
        serve(FEED + "Document", page("Document", 501L, List.of(answer(a, 501))));
        String second = FEED + "Document&skiptoken=501";
        stub.stubFor(get(urlEqualTo(second)).inScenario("garbled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(atom("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>")).willSetStateTo("fixed"));
        stub.stubFor(get(urlEqualTo(second)).inScenario("garbled").whenScenarioStateIs("fixed")
                .willReturn(atom(page("Document", null, List.of(answer(b, 502))))));
        resource(a, letter("ah-tk-20232024-1198.txt"), "text/plain");
        resource(b, letter("ah-tk-20232024-1280.txt"), "text/plain");
        double malformedBefore = metrics.of("tk").errors("malformed");

        source.poll();
        assertThat(metrics.of("tk").errors("malformed")).isEqualTo(malformedBefore + 1);
        assertThat(keyed("tk-" + a)).hasSize(1);
        assertThat(keyed("tk-" + b)).isEmpty();
        assertThat(cursors.position("tk", "Document")).contains("501");

        source.poll();
        assertThat(keyed("tk-" + b)).hasSize(1);
        assertThat(keyed("tk-" + a)).hasSize(1);
    }

    @Test
    void aMalformedEntryOrFileIsSkippedAndTheRestOfThePageIsRead() throws Exception {
        String broken = uuid();
        String missingFile = uuid();
        String good = uuid();
        serve(FEED + "Document", page("Document", null, List.of(SyncFeedFixture.brokenDocument(broken, 601),
                answer(missingFile, 602), answer(good, 603))));
        stub.stubFor(get(urlEqualTo("/SyncFeed/2.0/Resources/" + missingFile)).willReturn(aResponse().withStatus(404)));
        resource(good, letter("ah-tk-20232024-1296.txt"), "text/plain");
        double malformedBefore = metrics.of("tk").errors("malformed");
        double fileBefore = metrics.of("tk").errors("file");

        source.poll();

        assertThat(keyed("tk-" + good)).hasSize(1);
        assertThat(metrics.of("tk").errors("malformed")).isEqualTo(malformedBefore + 1);
        assertThat(metrics.of("tk").errors("file")).isEqualTo(fileBefore + 1);
        assertThat(cursors.position("tk", "Document")).contains("603");
    }

    @Test
    void anUnchangedReEmissionIsNoEventAndAChangedDocumentIsOne() throws Exception {
        String a = uuid();
        serve(FEED + "Document", page("Document", null, List.of(answer(a, 701))));
        byte[] first = letter("ah-tk-20232024-1375.txt");
        resource(a, first, "text/plain");
        source.poll();
        assertThat(keyed("tk-" + a)).hasSize(1);

        // the feed re-emits the document (as in 2024, ~25,800 old documents): same bytes, no event
        double duplicatesBefore = metrics.of("tk").duplicateCount();
        serve(FEED + "Document&skiptoken=701", page("Document", null, List.of(answer(a, 702))));
        source.poll();
        assertThat(keyed("tk-" + a)).hasSize(1);
        assertThat(metrics.of("tk").duplicateCount()).isEqualTo(duplicatesBefore + 1);

        // then it changes: one new event, same document id, the new hash
        byte[] changed = letter("ah-tk-20232024-1433.txt");
        resource(a, changed, "text/plain");
        serve(FEED + "Document&skiptoken=702", page("Document", null, List.of(answer(a, 703))));
        source.poll();
        List<ConsumerRecord<String, String>> events = keyed("tk-" + a);
        assertThat(events).hasSize(2);
        assertThat(JSON.readTree(events.get(1).value()).get("sha256").asText()).isEqualTo(sha256(changed));
    }

    @Test
    void aTombstoneOfAPublishedDocumentBecomesOneDeletionEvent() throws Exception {
        String zaak = uuid();
        serve(FEED + "Zaak", page("Zaak", null, List.of(SyncFeedFixture.zaak(zaak, 31, "2024Z01234", "iets"))));
        String a = uuid();
        String neverPublished = uuid();
        serve(FEED + "Document", page("Document", null, List.of(
                document(a, 801, "2025-11-21T10:00:00Z", "Schriftelijke vragen", "2025D50801", "Vragen", zaak, null))));
        resource(a, letter("ah-tk-20232024-1512.txt"), "text/plain");
        source.poll();
        assertThat(keyed("tk-" + a)).hasSize(1);

        serve(FEED + "Document&skiptoken=801", page("Document", null, List.of(
                SyncFeedFixture.tombstone("Document", "document", a, 802),
                SyncFeedFixture.tombstone("Document", "document", neverPublished, 803),
                SyncFeedFixture.tombstone("Document", "document", a, 804))));
        source.poll();

        List<ConsumerRecord<String, String>> deletions = new TopicReader(bootstrapServers).readAll("letters.deleted")
                .stream().filter(r -> r.key().equals("tk-" + a) || r.key().equals("tk-" + neverPublished)).toList();
        assertThat(deletions).hasSize(1);
        JsonNode deletion = JSON.readTree(deletions.get(0).value());
        assertThat(deletions.get(0).key()).isEqualTo("tk-" + a);
        assertThat(TopicReader.header(deletions.get(0), "ce_type")).isEqualTo("nl.kamerstroom.letter.deleted.v1");
        assertThat(deletion.get("sourceId").asText()).isEqualTo(a);
        assertThat(deletion.get("zaakNumbers").toString()).isEqualTo("[\"2024Z01234\"]");
    }

    @Test
    void aSourceOutageLeavesReadinessUpAndShowsInTheMetrics() {
        stub.resetAll();
        stub.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        source.poll();

        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("kamerstroom_source_up{source=\"tk\"} 0.0"))
                .body(containsString("kamerstroom_source_errors_total{kind=\"http\",source=\"tk\"}"))
                .body(containsString("kamerstroom_source_entries_seen_total{source=\"tk\"}"))
                .body(containsString("kamerstroom_source_lag_seconds{source=\"tk\"}"))
                .body(containsString("kamerstroom_source_last_success_seconds{source=\"tk\"}"));
        assertThat(metrics.of("tk").lastError()).contains("http");
    }

    private static String answer(String id, long next) {
        return document(id, next, "2025-11-21T10:00:00Z", "Antwoord schriftelijke vragen", "2025D" + (next % 100000),
                "Antwoord op vragen", null, null);
    }

    private void serve(String url, String body) {
        stub.stubFor(get(urlEqualTo(url)).willReturn(atom(body)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder atom(String body) {
        return aResponse().withHeader("Content-Type", "application/atom+xml; charset=utf-8").withBody(body);
    }

    private void resource(String id, byte[] body, String contentType) {
        stub.stubFor(get(urlEqualTo("/SyncFeed/2.0/Resources/" + id))
                .willReturn(aResponse().withHeader("Content-Type", contentType).withBody(body)));
    }

    private JsonNode event(String key) throws Exception {
        List<ConsumerRecord<String, String>> events = keyed(key);
        assertThat(events).as("events keyed %s", key).hasSize(1);
        return JSON.readTree(events.get(0).value());
    }

    private List<ConsumerRecord<String, String>> keyed(String key) {
        return new TopicReader(bootstrapServers).readAll("letters.fetched").stream()
                .filter(r -> key.equals(r.key())).toList();
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
