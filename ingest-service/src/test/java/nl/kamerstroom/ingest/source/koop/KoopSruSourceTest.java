package nl.kamerstroom.ingest.source.koop;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import nl.kamerstroom.ingest.source.CursorStore;
import nl.kamerstroom.ingest.source.PublicationLinks;
import nl.kamerstroom.ingest.source.SourceMetrics;
import nl.kamerstroom.ingest.source.SourceStubs;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import nl.kamerstroom.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SourceStubs.class, scope = TestResourceScope.GLOBAL)
class KoopSruSourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    KoopSruSource source;

    @Inject
    CursorStore cursors;

    @Inject
    PublicationLinks links;

    @Inject
    SourceMetrics metrics;

    WireMockServer stub = SourceStubs.server();

    @Test
    void anSruPageLeadsToTheXmlDownloadWithTheZaakLinkedAndTheCursorAdvanced() throws Exception {
        stub.resetAll();
        cursors.save("koop", "Kamervragen", "2019-08-01", null);
        // the Tweede Kamer's Aanhangselnummer already tied this publication to its zaak
        links.link("ah-tk-20232024-260", List.of("2023Z17000"), "tk-guid");
        stub.stubFor(get(urlPathEqualTo("/sru")).withQueryParam("startRecord", equalTo("1"))
                .withQueryParam("query", containing("w.publicatienaam==\"Kamervragen (Aanhangsel)\""))
                .withQueryParam("query", containing("dt.modified>=2019-08-01"))
                .willReturn(xml(SruFixture.response(3, 3, List.of(
                        SruFixture.record("ah-tk-20182019-3616", "20182019", "Vragen over de grens op Sint Maarten",
                                "Kamervragen (Aanhangsel)", "2019-08-22", "2019-08-22T10:00:00+02:00", 1),
                        SruFixture.record("ah-tk-20232024-260", "20232024", "Vragen van het lid",
                                "Kamervragen (Aanhangsel)", "2023-10-20", "2023-10-20T10:00:00+02:00", 2))))));
        stub.stubFor(get(urlPathEqualTo("/sru")).withQueryParam("startRecord", equalTo("3"))
                .willReturn(xml(SruFixture.response(3, null, List.of(
                        SruFixture.record("ah-tk-20232024-999", "20232024", "Kapot", "Kamervragen (Aanhangsel)",
                                "2023-11-01", "2023-11-01T10:00:00+02:00", 3))))));
        byte[] first = fixture("ah-tk-20182019-3616.fragments.xml");
        byte[] second = fixture("ah-tk-20232024-260.fragments.xml");
        serveXml("ah-tk-20182019-3616", "20182019", first);
        serveXml("ah-tk-20232024-260", "20232024", second);
        serveXml("ah-tk-20232024-999", "20232024", "<kamervragen><vraag>".getBytes(StandardCharsets.UTF_8));
        double malformedBefore = metrics.of("koop").errors("malformed");

        source.poll();

        JsonNode a = event("koop-ah-tk-20182019-3616");
        assertThat(a.get("contentType").asText()).isEqualTo("application/xml");
        assertThat(Base64.getDecoder().decode(a.get("content").asText())).isEqualTo(first);
        assertThat(a.at("/metadata/zaakNumbers").toString()).isEqualTo("[\"2019Z15386\"]");
        assertThat(a.at("/metadata/soort").asText()).isEqualTo("Kamervragen (Aanhangsel)");
        assertThat(a.at("/metadata/extra/koopId").asText()).isEqualTo("ah-tk-20182019-3616");
        assertThat(event("koop-ah-tk-20232024-260").at("/metadata/zaakNumbers").toString()).contains("2023Z17000");
        assertThat(metrics.of("koop").errors("malformed")).isEqualTo(malformedBefore + 1);
        assertThat(cursors.position("koop", "Kamervragen")).contains("2023-11-01");

        // the next poll sees the same records again: nothing is downloaded twice, nothing published twice
        source.poll();
        stub.verify(1, getRequestedFor(urlEqualTo(xmlPath("ah-tk-20182019-3616", "20182019"))));
        assertThat(keyed("koop-ah-tk-20182019-3616")).hasSize(1);
    }

    @Test
    void anOutageLongerThanTheRetriesCostsOnlyDelay() throws Exception {
        stub.resetAll();
        cursors.save("koop", "Kamervragen", "2019-08-02", null);
        // the SRU host answers 500 to every attempt of the first poll (the retries give up)
        stub.stubFor(get(urlPathEqualTo("/sru")).willReturn(aResponse().withStatus(500)));
        double httpErrorsBefore = metrics.of("koop").errors("http");

        source.poll();

        assertThat(stub.findAll(getRequestedFor(urlPathEqualTo("/sru"))).size()).as("attempts").isGreaterThan(1);
        assertThat(cursors.position("koop", "Kamervragen")).contains("2019-08-02");
        assertThat(keyed("koop-ah-tk-20182019-9001")).isEmpty();

        // back, but its first XML download is a 503: the next poll gets everything, once
        stub.resetAll();
        stub.stubFor(get(urlPathEqualTo("/sru")).withQueryParam("query", containing("dt.modified>=2019-08-02"))
                .willReturn(xml(SruFixture.response(1, null, List.of(SruFixture.record("ah-tk-20182019-9001",
                        "20182019", "Vragen na een storing", "Kamervragen (Aanhangsel)", "2019-08-22",
                        "2019-08-22T10:00:00+02:00", 1))))));
        // bytes of their own, so that the other test's publication of the fixture does not make this a duplicate
        byte[] afterTheOutage = (new String(fixture("ah-tk-20182019-3616.fragments.xml"), StandardCharsets.UTF_8)
                + "<!-- na de storing -->").getBytes(StandardCharsets.UTF_8);
        String file = xmlPath("ah-tk-20182019-9001", "20182019");
        stub.stubFor(get(urlEqualTo(file)).inScenario("busy").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("free"));
        stub.stubFor(get(urlEqualTo(file)).inScenario("busy").whenScenarioStateIs("free")
                .willReturn(aResponse().withHeader("Content-Type", "application/xml")
                        .withBody(afterTheOutage)));

        source.poll();

        assertThat(keyed("koop-ah-tk-20182019-9001")).hasSize(1);
        assertThat(cursors.position("koop", "Kamervragen")).contains("2019-08-22");
        stub.verify(2, getRequestedFor(urlEqualTo(file)));
        assertThat(metrics.of("koop").errors("http")).isGreaterThan(httpErrorsBefore);
    }

    private void serveXml(String id, String year, byte[] body) {
        stub.stubFor(get(urlEqualTo(xmlPath(id, year))).willReturn(aResponse()
                .withHeader("Content-Type", "application/xml").withBody(body)));
    }

    private static String xmlPath(String id, String year) {
        return "/frbr/officielepublicaties/ah-tk/" + year + "/" + id + "/1/xml/" + id + ".xml";
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(String body) {
        return aResponse().withHeader("Content-Type", "application/xml; charset=utf-8").withBody(body);
    }

    private static byte[] fixture(String name) throws Exception {
        try (InputStream in = KoopSruSourceTest.class.getResourceAsStream("/fixtures/koop/" + name)) {
            return in.readAllBytes();
        }
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
}
