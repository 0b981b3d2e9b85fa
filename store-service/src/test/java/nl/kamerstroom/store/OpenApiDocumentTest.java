package nl.kamerstroom.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

/** What a client generator reads in {@code /q/openapi}: the deadline endpoints with their parameters and answers. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class OpenApiDocumentTest {

    @Test
    void theResponsivenessOverdueAndEventsEndpointsAreDescribed() {
        JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();

        Map<String, Object> responsiveness = doc.getMap("paths.'/api/stats/responsiveness'.get");
        assertThat((String) responsiveness.get("summary")).contains("minister");
        assertThat(parameters(doc, "/api/stats/responsiveness")).contains("by", "from", "to", "asOf");
        assertThat(schemaOf(doc, "/api/stats/responsiveness")).isNotBlank();

        assertThat(parameters(doc, "/api/zaken")).contains("overdue");
        assertThat(doc.getString("paths.'/api/zaken'.get.summary")).contains("overdue=true", "days late");

        Map<String, Object> events = doc.getMap("paths.'/api/zaken/{number}/events'.get");
        assertThat((String) events.get("summary")).contains("overdue");
        assertThat(doc.getString("paths.'/api/zaken/{number}/events'.get.description")).contains("HISTORY", "ANNOUNCED");
        String eventsSchema = schemaOf(doc, "/api/zaken/{number}/events");
        assertThat(doc.getMap("components.schemas." + eventsSchema + ".properties")).containsKey("events");
        // each group's figures, by name
        String stats = schemaOf(doc, "/api/stats/responsiveness");
        assertThat(doc.getMap("components.schemas." + stats + ".properties")).containsKeys("by", "asOf", "groups");
        assertThat(doc.getMap("components.schemas.Group.properties")).containsKeys("answered", "open", "overdue",
                "medianReplyDays", "p90ReplyDays", "shareAnsweredWithinTerm", "shareAnsweredWithinExtendedTerm",
                "sharePostponed");
    }

    private static List<String> parameters(JsonPath doc, String path) {
        return doc.getList("paths.'" + path + "'.get.parameters.name");
    }

    /** The component name of the 200 answer's JSON schema. */
    private static String schemaOf(JsonPath doc, String path) {
        String ref = doc.getString("paths.'" + path + "'.get.responses.'200'.content.'application/json'.schema.'$ref'");
        assertThat(ref).as("schema of %s", path).startsWith("#/components/schemas/");
        return ref.substring("#/components/schemas/".length());
    }
}
