package nl.kamerstroom.parse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.kamerstroom.parse.read.WordLetters;
import nl.kamerstroom.testsupport.KafkaResource;
import org.junit.jupiter.api.Test;

/** {@code POST /api/parse} on Word letters built like the ministry templates (issue 12, class 5). */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
class WordLetterEndpointTest {

    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    @Test
    void letterheadInThePageHeaderGivesDateZaakAskersAndACleanSubject() {
        given().contentType(DOCX).body(WordLetters.headerTableLetter().docx())
                .when().post("/api/parse")
                .then().statusCode(200)
                .body("kind", equalTo("ANSWER"))
                .body("letterDate", equalTo("2025-11-21"))
                .body("zaakNumbers", contains("2025Z17315", "2022Z10723"))
                .body("askers.name", contains("Van Nispen", "Bikker"))
                .body("askers.party", contains("SP", "ChristenUnie"))
                .body("subject", equalTo("de gevolgen van de hack bij het OM op de bedrijfsvoering"))
                .body("questions.number", contains("1", "2", "3", "4"));
    }

    @Test
    void letterheadInTextBoxesGivesPageOnesDateAndASubjectWithoutTheKenmerkBox() {
        given().contentType(DOCX).body(WordLetters.textBoxLetter().docx())
                .when().post("/api/parse")
                .then().statusCode(200)
                .body("letterDate", equalTo("2025-12-18"))
                .body("zaakNumbers", contains("2025Z20557"))
                .body("askers.name", contains("Mutluer", "Kathmann"))
                .body("subject", equalTo("de aanhoudende ICT-problematiek bij het Openbaar Ministerie (OM)"))
                .body("subject", not(containsString("kenmerk")));
    }
}
