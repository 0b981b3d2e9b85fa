package nl.kamerstroom.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The records and their JSON Schemas are one contract: a field added to one and not the other fails here. */
class SchemaContractTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static Stream<Arguments> contracts() {
        return Stream.of(
                Arguments.of(LetterFetched.class, "letter-fetched.v1.schema.json"),
                Arguments.of(LetterParsed.class, "letter-parsed.v1.schema.json"),
                Arguments.of(ParsedLetter.class, "parsed-letter.schema.json"),
                Arguments.of(QuestionParsed.class, "question-parsed.v1.schema.json"),
                Arguments.of(LetterFailed.class, "letter-failed.v1.schema.json"),
                Arguments.of(LetterDeleted.class, "letter-deleted.v1.schema.json"),
                Arguments.of(SourceMetadata.class, "source-metadata.schema.json"),
                Arguments.of(ZaakUpdate.class, "zaak-update.v1.schema.json"));
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void schemaPropertiesAreExactlyTheRecordComponents(Class<? extends Record> type, String schema) throws Exception {
        JsonNode node = schema(schema);
        List<String> properties = new ArrayList<>();
        node.get("properties").fieldNames().forEachRemaining(properties::add);
        List<String> components = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
        assertThat(properties).containsExactlyInAnyOrderElementsOf(components);
        if (node.has("required")) {
            for (JsonNode required : node.get("required")) {
                assertThat(components).contains(required.asText());
            }
        }
    }

    @Test
    void letterParsedSerialisesWithIsoDatesAndTheDocumentedFieldNames() throws Exception {
        ParsedLetter letter = new ParsedLetter(LetterKind.ANSWER, null, List.of("2025Z17315"), "6753708", "Hack",
                LocalDate.of(2025, 9, 19), null, LocalDate.of(2025, 11, 21),
                List.of(new ParsedLetter.Member("Sneller", "D66")), List.of("Minister van Justitie en Veiligheid"),
                List.of(), List.of(new ParsedLetter.Question("7", "Erkent u?", List.of()),
                        new ParsedLetter.Question("8", "Kunt u?", List.of("1"))),
                List.of(new ParsedLetter.Answer(List.of("7", "8"), "Nee.", List.of())),
                List.of(new ParsedLetter.Footnote("1", "Zie www.om.nl", "https://www.om.nl")), List.of(), List.of());
        LetterParsed event = new LetterParsed("upload-abc", "a".repeat(64), "upload", null, "text/plain",
                Instant.parse("2025-11-21T10:00:00Z"), Instant.parse("2025-11-21T10:00:01Z"), "1", SourceMetadata.none(), letter);

        JsonNode json = JSON.valueToTree(event);
        assertThat(json.at("/letter/letterDate").asText()).isEqualTo("2025-11-21");
        assertThat(json.at("/letter/answers/0/questionNumbers").toString()).isEqualTo("[\"7\",\"8\"]");
        assertThat(json.at("/parsedAt").asText()).isEqualTo("2025-11-21T10:00:01Z");
        assertThat(event.key()).isEqualTo("2025Z17315");
        assertThat(JSON.treeToValue(json, LetterParsed.class)).isEqualTo(event);

        List<QuestionParsed> questions = QuestionParsed.of(event);
        assertThat(questions).extracting(QuestionParsed::number).containsExactly("7", "8");
        assertThat(questions.get(1).answerNumbers()).containsExactly("7", "8");
        assertThat(questions.get(1).position()).isEqualTo(2);
        Iterator<String> names = JSON.valueToTree(questions.get(0)).fieldNames();
        List<String> fields = new ArrayList<>();
        names.forEachRemaining(fields::add);
        assertThat(fields).containsAll(List.copyOf(Map.of("number", 1, "answerText", 1, "zaakNumber", 1).keySet()));
    }

    @Test
    void aTimeDrivenZaakUpdateCarriesItsDeadlineAndDaysLateBothWays() throws Exception {
        ZaakUpdate late = new ZaakUpdate("e", EventTypes.ZAAK_OVERDUE_ANSWERED, "2025Z17315", "ah-1", LetterKind.ANSWER,
                "Hack", LocalDate.of(2025, 11, 21), List.of(new ParsedLetter.Member("Sneller", "D66")),
                List.of("Minister van Justitie en Veiligheid"), List.of(), List.of(), List.of(), null, null,
                Instant.parse("2025-11-21T10:00:00Z"), LocalDate.of(2025, 10, 31), 21);
        JsonNode json = JSON.valueToTree(late);
        assertThat(json.at("/deadline").asText()).isEqualTo("2025-10-31");
        assertThat(json.at("/daysLate").asInt()).isEqualTo(21);
        assertThat(JSON.treeToValue(json, ZaakUpdate.class)).isEqualTo(late);
        // an event written before these fields existed still reads, without them
        ((com.fasterxml.jackson.databind.node.ObjectNode) json).remove(List.of("deadline", "daysLate"));
        ZaakUpdate old = JSON.treeToValue(json, ZaakUpdate.class);
        assertThat(old.deadline()).isNull();
        assertThat(old.daysLate()).isNull();
        assertThat(schema("zaak-update.v1.schema.json").at("/properties/type/enum").toString())
                .contains(EventTypes.ZAAK_DEADLINE_APPROACHING, EventTypes.ZAAK_OVERDUE, EventTypes.ZAAK_OVERDUE_ANSWERED);
    }

    @Test
    void theAnsweringPersonsTravelBesideTheOfficeStringsAndOldEventsStillRead() throws Exception {
        Official vanWeel = new Official("Van Weel", "Minister", "Justitie en Veiligheid", "Minister van Justitie en Veiligheid");
        ParsedLetter letter = new ParsedLetter(LetterKind.ANSWER, null, List.of("2025Z17315"), null, "Hack", null, null,
                null, List.of(), List.of(), List.of("Minister van Justitie en Veiligheid"), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(vanWeel));
        SourceMetadata metadata = new SourceMetadata("Antwoord schriftelijke vragen", List.of("2025Z17315"), null, null,
                List.of(), List.of("minister van Justitie en Veiligheid"), Map.of(),
                List.of(new Official("D.M. van Weel", "Minister", "Justitie en Veiligheid", "minister van Justitie en Veiligheid")));
        LetterParsed event = new LetterParsed("tk-1", "a".repeat(64), "tk", null, "text/plain",
                Instant.parse("2025-11-21T10:00:00Z"), Instant.parse("2025-11-21T10:00:01Z"), "1", metadata, letter);
        JsonNode json = JSON.valueToTree(event);
        assertThat(json.at("/letter/answeredBy/0").asText()).isEqualTo("Minister van Justitie en Veiligheid");
        assertThat(json.at("/letter/answeredByOfficials/0/name").asText()).isEqualTo("Van Weel");
        assertThat(json.at("/metadata/addressedTo/0/name").asText()).isEqualTo("D.M. van Weel");
        assertThat(JSON.treeToValue(json, LetterParsed.class)).isEqualTo(event);

        // an event from before the persons existed reads, with no persons and its office strings intact
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("letter")).remove("answeredByOfficials");
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("metadata")).remove("addressedTo");
        LetterParsed old = JSON.treeToValue(json, LetterParsed.class);
        assertThat(old.letter().answeredByOfficials()).isEmpty();
        assertThat(old.metadata().addressedTo()).isEmpty();
        assertThat(old.letter().answeredBy()).containsExactly("Minister van Justitie en Veiligheid");

        // the schema describes the person as the record has it
        List<String> properties = new ArrayList<>();
        schema("parsed-letter.schema.json").at("/properties/answeredByOfficials/items/properties").fieldNames()
                .forEachRemaining(properties::add);
        assertThat(properties).containsExactlyElementsOf(
                Arrays.stream(Official.class.getRecordComponents()).map(RecordComponent::getName).toList());
        properties.clear();
        schema("source-metadata.schema.json").at("/properties/addressedTo/items/properties").fieldNames()
                .forEachRemaining(properties::add);
        assertThat(properties).containsExactlyElementsOf(
                Arrays.stream(Official.class.getRecordComponents()).map(RecordComponent::getName).toList());
    }

    private static JsonNode schema(String name) throws Exception {
        try (InputStream in = SchemaContractTest.class.getResourceAsStream("/schemas/" + name)) {
            assertThat(in).as("schema %s on the classpath", name).isNotNull();
            return JSON.readTree(in);
        }
    }
}
