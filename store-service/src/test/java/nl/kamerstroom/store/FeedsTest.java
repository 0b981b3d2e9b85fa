package nl.kamerstroom.store;

import static io.restassured.RestAssured.given;
import static nl.kamerstroom.store.Letters.a;
import static nl.kamerstroom.store.Letters.event;
import static nl.kamerstroom.store.Letters.letter;
import static nl.kamerstroom.store.Letters.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.LetterParsed;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Following a zaak without polling the API: SSE with resume, and Atom feeds that parse back. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class FeedsTest {

    private static final LocalDate SUBMITTED = LocalDate.of(2025, 9, 19);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper json;

    @TestHTTPResource("/")
    URL base;

    @Test
    void theStreamResumesAfterTheLastEventIdWithoutGapsOrRepeats() throws Exception {
        String zaak = Letters.newZaak();
        var questions = List.of(q("1", "Kent u het bericht?"), q("2", "Wat doet u?"));
        publishAndWait(event("kv-" + zaak, "a".repeat(64), letter(LetterKind.QUESTIONS, zaak, SUBMITTED, SUBMITTED,
                "Sneller", "D66", "Minister van Justitie en Veiligheid", questions, List.of())));

        List<String[]> first = sse("zaak=" + zaak, "0", 1);
        assertThat(first.get(0)[1]).isEqualTo("nl.kamerstroom.question.asked.v1");
        String lastEventId = first.get(0)[0];

        publishAndWait(event("ah-" + zaak, "b".repeat(64), letter(LetterKind.ANSWER, zaak, SUBMITTED,
                SUBMITTED.plusDays(20), "Sneller", "D66", "Minister van Justitie en Veiligheid", questions,
                List.of(a("Ja.", "1"), a("Niets.", "2")))));
        List<String[]> resumed = sse("zaak=" + zaak, lastEventId, 2);
        assertThat(resumed).extracting(e -> e[1]).containsExactly("nl.kamerstroom.answer.published.v1",
                "nl.kamerstroom.answer.published.v1");
        assertThat(Long.parseLong(resumed.get(0)[0])).isGreaterThan(Long.parseLong(lastEventId));
        assertThat(resumed.get(1)[2]).contains("\"text\":\"Niets.\"");
    }

    @Test
    void atomFeedsParseBackFilterAndAnswer304WhenNothingChanged() throws Exception {
        String zaak = Letters.newZaak();
        var questions = List.of(q("1", "Hoe staat het met de dijken?"));
        publishAndWait(event("kv-" + zaak, "c".repeat(64), letter(LetterKind.QUESTIONS, zaak, SUBMITTED, SUBMITTED,
                        "Bikker", "ChristenUnie", "Minister van Infrastructuur en Waterstaat", questions, List.of())),
                event("uit-" + zaak, "d".repeat(64), letter(LetterKind.POSTPONEMENT, zaak, SUBMITTED,
                        SUBMITTED.plusDays(20), "Bikker", "ChristenUnie", "Minister van Infrastructuur en Waterstaat",
                        List.of(), List.of())),
                event("ah-" + zaak, "e".repeat(64), letter(LetterKind.ANSWER, zaak, SUBMITTED, SUBMITTED.plusDays(40),
                        "Bikker", "ChristenUnie", "Minister van Infrastructuur en Waterstaat", questions,
                        List.of(a("De dijken zijn op orde.", "1")))));
        await().atMost(Duration.ofSeconds(30)).until(() -> atom("/feeds/zaken/" + zaak + ".atom").getEntries().size() == 3);

        SyndFeed feed = atom("/feeds/zaken/" + zaak + ".atom");
        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        List<String> titles = feed.getEntries().stream().map(SyndEntry::getTitle).toList();
        assertThat(titles.get(0)).startsWith(zaak + ": Antwoord op vraag 1");
        assertThat(titles).anyMatch(t -> t.contains("Beantwoording uitgesteld")).anyMatch(t -> t.contains("Vragen gesteld"));
        assertThat(feed.getEntries().get(0).getContents().get(0).getValue()).isEqualTo("De dijken zijn op orde.");

        Response first = given().get("/feeds/zaken/" + zaak + ".atom");
        String etag = first.getHeader("ETag");
        assertThat(etag).isNotBlank();
        assertThat(first.getHeader("Last-Modified")).isNotBlank();
        given().header("If-None-Match", etag).get("/feeds/zaken/" + zaak + ".atom").then().statusCode(304);

        assertThat(atom("/feeds/answers.atom?party=ChristenUnie&ministry=Waterstaat&type=answer.published")
                .getEntries()).anyMatch(e -> e.getTitle().startsWith(zaak));
        assertThat(atom("/feeds/answers.atom?party=VVD").getEntries()).noneMatch(e -> e.getTitle().startsWith(zaak));
        given().get("/feeds/answers.atom?type=nonsense").then().statusCode(400);
    }

    @Test
    void charactersXmlCannotCarryNeverBreakAFeed() throws Exception {
        String zaak = Letters.newZaak();
        // U+FFFF (a noncharacter), a control character and a form feed, as PDF text layers produce them
        var questions = List.of(q("1", "Wat kost het\uFFFF?\u0001"));
        publishAndWait(event("ah-" + zaak, "8".repeat(64), letter(LetterKind.ANSWER, zaak, SUBMITTED,
                SUBMITTED.plusDays(20), "Sneller\uFFFE", "D66", "Minister van Financiën", questions,
                List.of(a("Het kost\uFFFF niets.\u000C Echt niet.", "1")))));
        await().atMost(Duration.ofSeconds(30)).until(() -> atom("/feeds/zaken/" + zaak + ".atom").getEntries().size() == 1);
        SyndFeed feed = atom("/feeds/zaken/" + zaak + ".atom");
        assertThat(feed.getEntries().get(0).getContents().get(0).getValue()).isEqualTo("Het kost niets. Echt niet.");
        assertThat(atom("/feeds/answers.atom").getEntries()).anyMatch(e -> e.getTitle().startsWith(zaak));
        assertThat(atom("/feeds/answers.atom?party=D66&q=kost").getEntries()).anyMatch(e -> e.getTitle().startsWith(zaak));
    }

    private SyndFeed atom(String path) throws Exception {
        String xml = given().get(path).then().statusCode(200).contentType("application/atom+xml").extract().asString();
        return new SyndFeedInput().build(new StringReader(xml));
    }

    /** Reads {@code n} events (id, type, data) from the stream, resuming after {@code lastEventId}. */
    private List<String[]> sse(String query, String lastEventId, int n) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/stream?" + query))
                .header("Accept", "text/event-stream").header("Last-Event-ID", lastEventId).build();
        List<String[]> events = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<HttpResponse<Stream<String>>> response = http.sendAsync(request,
                HttpResponse.BodyHandlers.ofLines());
        CompletableFuture<Void> reading = response.thenAccept(r -> {
            String[] current = new String[3];
            var lines = r.body().iterator();
            while (events.size() < n && lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("id:")) {
                    current[0] = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    current[1] = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    current[2] = line.substring(5).trim();
                } else if (line.isEmpty() && current[0] != null) {
                    events.add(current);
                    current = new String[3];
                }
            }
        });
        try {
            reading.get(20, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            response.cancel(true);
        }
        return events;
    }

    private void publishAndWait(LetterParsed... events) throws Exception {
        Letters.publish(bootstrapServers, json, events);
        for (LetterParsed event : events) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/letters/" + event.documentId())
                    .then().statusCode(200));
        }
    }
}
