package nl.kamerstroom.ingest.backfill;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import nl.kamerstroom.events.SourceMetadata;
import nl.kamerstroom.ingest.intake.LetterIntake;
import nl.kamerstroom.ingest.source.SourceStubs;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import nl.kamerstroom.testsupport.SyncFeedFixture;
import nl.kamerstroom.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * The Tweede Kamer backfill against a stand-in for its OData API. The pages are built from the
 * OData v4 JSON shape (the real v4 Document sample in corpus/api-samples/tk-odata, with the zaak
 * and its actors expanded), not recorded from v5; the files are real corpus letters.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SourceStubs.class, scope = TestResourceScope.GLOBAL)
class TkBackfillTest {

    private static final String KEY = "test-admin-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    LetterIntake intake;

    WireMockServer stub = SourceStubs.server();

    @Test
    void aBackfillFromADateWalksEveryPageAndPublishesWhatTheLiveFeedHasNot() throws Exception {
        stub.resetAll();
        String answer = UUID.randomUUID().toString();
        String questions = UUID.randomUUID().toString();
        String brief = UUID.randomUUID().toString();
        String known = UUID.randomUUID().toString();
        byte[] knownFile = unique("ah-tk-20232024-1543.txt");
        // the live feed published this one already, with the same bytes
        intake.accept(new LetterIntake.Incoming(knownFile, "text/plain", "tk", known, "2024D00001.txt",
                SourceMetadata.none()));

        String page1 = "{\"@odata.context\":\"https://gegevensmagazijn.tweedekamer.nl/OData/v5/$metadata#Document\","
                + "\"@odata.count\":4,\"value\":["
                + document(answer, "Antwoord schriftelijke vragen", "2024D10001", "2024-02-26", "232401108",
                        zaak("2024Z00111", actor("Indiener", "Sneller", "D66", "Tweede Kamerlid"),
                                actor("Gericht aan", "D.M. van Weel", null, "minister van Justitie en Veiligheid")))
                + "," + document(brief, "Mededeling", "2024D10002", "2024-02-27", null, "")
                + "],\"@odata.nextLink\":\"https://gegevensmagazijn.tweedekamer.nl/OData/v5/Document?$skiptoken=Id%20eq%20'x'\"}";
        String page2 = "{\"@odata.count\":4,\"value\":["
                + document(questions, "Schriftelijke vragen", "2024Z00222", "2024-03-01", null, zaak("2024Z00222"))
                + "," + document(known, "Antwoord schriftelijke vragen", "2024D00001", "2024-03-02", null, zaak("2024Z00333"))
                + "]}";
        stub.stubFor(get(urlPathEqualTo("/OData/v5/Document")).withQueryParam("$filter", containing("Datum ge 2024-01-01T00:00:00Z"))
                .withQueryParam("$count", equalTo("true"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page1)));
        stub.stubFor(get(urlPathEqualTo("/OData/v5/Document")).withQueryParam("$skiptoken", equalTo("Id eq 'x'"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page2)));
        resource(answer, unique("ah-tk-20232024-1586.txt"));
        resource(questions, unique("ah-tk-20232024-1375.txt"));
        resource(known, knownFile);

        given().header("X-Api-Key", KEY).contentType("application/json").body("{\"source\":\"tk\",\"from\":\"2024-01-01\"}")
                .when().post("/api/backfill").then().statusCode(202).body("source", Matchers.equalTo("tk"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("X-Api-Key", KEY)
                .when().get("/api/backfill").then().statusCode(200)
                .body("backfills[0].source", Matchers.equalTo("tk"))
                .body("backfills[0].status", Matchers.equalTo("DONE"))
                .body("backfills[0].done", Matchers.equalTo(4))
                .body("backfills[0].total", Matchers.equalTo(4))
                .body("backfills[0].emitted", Matchers.equalTo(2)));

        List<ConsumerRecord<String, String>> events = new TopicReader(bootstrapServers).readAll("letters.fetched");
        JsonNode published = JSON.readTree(only(events, "tk-" + answer).value());
        assertThat(published.at("/metadata/zaakNumbers").toString()).isEqualTo("[\"2024Z00111\"]");
        assertThat(published.at("/metadata/askers").toString()).isEqualTo("[\"Sneller (D66)\"]");
        assertThat(published.at("/metadata/addressees").toString()).isEqualTo("[\"minister van Justitie en Veiligheid\"]");
        // the person to whom the questions went, with the office held: ActorNaam and Functie of 'Gericht aan'
        assertThat(published.at("/metadata/addressedTo/0/name").asText()).isEqualTo("D.M. van Weel");
        assertThat(published.at("/metadata/addressedTo/0/role").asText()).isEqualTo("Minister");
        assertThat(published.at("/metadata/addressedTo/0/portfolio").asText()).isEqualTo("Justitie en Veiligheid");
        assertThat(published.at("/metadata/addressedTo/0/office").asText()).isEqualTo("minister van Justitie en Veiligheid");
        assertThat(published.at("/metadata/addressedTo").size()).as("askers are no addressees").isEqualTo(1);
        assertThat(published.at("/metadata/extra/koopId").asText()).isEqualTo("ah-tk-20232024-1108");
        assertThat(only(events, "tk-" + questions)).isNotNull();
        assertThat(events.stream().filter(r -> ("tk-" + known).equals(r.key()))).as("published once, by the live feed").hasSize(1);
        // a plain Mededeling that is not a withdrawal is not a kamervraag document: never downloaded
        stub.verify(0, getRequestedFor(urlEqualTo("/SyncFeed/2.0/Resources/" + brief)));
    }

    private static ConsumerRecord<String, String> only(List<ConsumerRecord<String, String>> events, String key) {
        List<ConsumerRecord<String, String>> matching = events.stream().filter(r -> key.equals(r.key())).toList();
        assertThat(matching).as("events keyed %s", key).hasSize(1);
        return matching.get(0);
    }

    private void resource(String id, byte[] letter) {
        stub.stubFor(get(urlEqualTo("/SyncFeed/2.0/Resources/" + id)).willReturn(aResponse()
                .withHeader("Content-Type", "text/plain; charset=utf-8").withBody(letter)));
    }

    /** A corpus letter made unique to this run: intake deduplicates content across the module's tests. */
    private static byte[] unique(String letter) {
        return (new String(SyncFeedFixture.letter(letter), java.nio.charset.StandardCharsets.UTF_8) + "\n"
                + UUID.randomUUID()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String document(String id, String soort, String nummer, String datum, String aanhangsel, String zaken) {
        return "{\"Id\":\"" + id + "\",\"Soort\":\"" + soort + "\",\"DocumentNummer\":\"" + nummer + "\","
                + "\"Titel\":null,\"Onderwerp\":\"Onderwerp van " + nummer + "\",\"Datum\":\"" + datum + "T00:00:00+01:00\","
                + "\"Vergaderjaar\":\"2023-2024\",\"Aanhangselnummer\":" + (aanhangsel == null ? "null" : "\"" + aanhangsel + "\"")
                + ",\"ContentType\":\"text/plain\",\"Verwijderd\":false,\"Zaak\":[" + zaken + "]}";
    }

    private static String zaak(String nummer, String... actors) {
        return "{\"Id\":\"" + UUID.randomUUID() + "\",\"Nummer\":\"" + nummer + "\",\"ZaakActor\":["
                + String.join(",", actors) + "]}";
    }

    private static String actor(String relatie, String naam, String fractie, String functie) {
        return "{\"ActorNaam\":\"" + naam + "\",\"ActorFractie\":" + (fractie == null ? "null" : "\"" + fractie + "\"")
                + ",\"Functie\":\"" + functie + "\",\"Relatie\":\"" + relatie + "\"}";
    }
}
