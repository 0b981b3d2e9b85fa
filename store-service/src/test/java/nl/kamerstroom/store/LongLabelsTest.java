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
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.LetterParsed;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import nl.kamerstroom.testsupport.TopicReader;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A letter whose labels are longer than their columns (a parser that read a whole paragraph as the
 * answering office) is stored with the labels cut and a review reason each, never dead-lettered:
 * its questions and answers are what matters.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class LongLabelsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper json;

    @Test
    void labelsTooLongForTheirColumnsAreCutWithAReviewReasonAndTheLetterIsStored() throws Exception {
        String zaak = Letters.newZaak();
        String office = "Minister van Binnenlandse Zaken en Koninkrijksrelaties, mede namens " + "de staatssecretaris ".repeat(30);
        String name = "Van " + "der ".repeat(60) + "Berg";
        String party = "Partij " + "voor ".repeat(30) + "Iedereen";
        String subject = "Vragen over " + "de kosten ".repeat(300);
        ParsedLetter letter = new ParsedLetter(LetterKind.ANSWER, null, List.of(zaak), null, subject,
                LocalDate.of(2025, 5, 1), null, LocalDate.of(2025, 5, 20), List.of(new ParsedLetter.Member(name, party)),
                List.of(office), List.of(office, "Minister van Financiën"), List.of(q("1", "Wat kost het?")),
                List.of(a("Niets.", "1")), List.of(), List.of(), List.of("answer 1 found without a heading"));
        assertThat(office.length()).isGreaterThan(300);
        assertThat(name.length()).isGreaterThan(200);
        assertThat(party.length()).isGreaterThan(100);
        LetterParsed event = Letters.event("long-labels-" + UUID.randomUUID(), "d".repeat(64), letter);
        Letters.publish(bootstrapServers, json, event);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/api/letters/" + event.documentId()).then().extract().statusCode() == 200);
        JsonPath stored = given().get("/api/letters/" + event.documentId()).then().extract().jsonPath();
        assertThat(stored.getBoolean("needsReview")).isTrue();
        assertThat(stored.getList("reviewReasons", String.class)).containsExactly("answer 1 found without a heading",
                "subject longer than 2000 characters (" + subject.length() + "): cut to fit",
                "asker's name longer than 200 characters (" + name.length() + "): cut to fit",
                "asker's party longer than 100 characters (" + party.length() + "): cut to fit",
                "addressee longer than 300 characters (" + office.length() + "): cut to fit",
                "answering office longer than 300 characters (" + office.length() + "): cut to fit");
        assertThat(stored.getString("subject")).hasSize(2000).endsWith("…").startsWith("Vragen over de kosten");

        JsonPath view = given().get("/api/zaken/" + zaak).then().statusCode(200).extract().jsonPath();
        String cutOffice = office.substring(0, 299).stripTrailing() + "…";
        assertThat(view.getList("answeredBy", String.class)).containsExactly(cutOffice, "Minister van Financiën");
        assertThat(view.getList("addressees", String.class)).containsExactly(cutOffice);
        assertThat(view.getString("askers[0].name")).hasSizeLessThanOrEqualTo(200).startsWith("Van der der").endsWith("…");
        assertThat(view.getString("askers[0].party")).hasSizeLessThanOrEqualTo(100).startsWith("Partij voor");
        assertThat(view.getString("questions[0].text")).isEqualTo("Wat kost het?");

        assertThat(new TopicReader(bootstrapServers).readAll("letters.dlq"))
                .as("dead letters for a letter whose labels were only too long")
                .noneMatch(r -> event.documentId().equals(r.key()));
    }
}
