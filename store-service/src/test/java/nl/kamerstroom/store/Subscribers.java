package nl.kamerstroom.store;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A subscriber's side of the API, for tests: a key from the operator, subscriptions, deliveries. */
public final class Subscribers {

    /** {@code %test.kamerstroom.admin.api-key}. */
    static final String OPERATOR_KEY = "test-operator-key";

    private final String key;
    private final List<String> created = new ArrayList<>();

    public Subscribers(String name) {
        this.key = given().header("X-Api-Key", OPERATOR_KEY).contentType(ContentType.JSON)
                .body(Map.of("name", name)).post("/api/admin/api-keys")
                .then().statusCode(201).extract().path("key");
    }

    String key() {
        return key;
    }

    /** A new subscription (201 expected); its id is remembered for {@link #deleteAll()}. */
    public JsonPath subscribe(String url, Map<String, Object> filter) {
        JsonPath subscription = given().header("X-Api-Key", key).contentType(ContentType.JSON)
                .body(Map.of("url", url, "filter", filter)).post("/api/subscriptions")
                .then().statusCode(201).extract().jsonPath();
        created.add(subscription.getString("id"));
        return subscription;
    }

    /** The id of the subscription made last. */
    String subscribedLast() {
        return created.get(created.size() - 1);
    }

    void remember(String subscriptionId) {
        created.add(subscriptionId);
    }

    JsonPath get(String subscriptionId) {
        return given().header("X-Api-Key", key).get("/api/subscriptions/" + subscriptionId)
                .then().statusCode(200).extract().jsonPath();
    }

    /** The subscription's deliveries, newest first, as maps. */
    List<Map<String, Object>> deliveries(String subscriptionId, String status) {
        return given().header("X-Api-Key", key).queryParam("status", status == null ? "" : status)
                .get("/api/subscriptions/" + subscriptionId + "/deliveries")
                .then().statusCode(200).extract().jsonPath().getList("deliveries");
    }

    /** So that subscriptions of one test never receive the events of the next. */
    public void deleteAll() {
        for (String id : created) {
            given().header("X-Api-Key", key).delete("/api/subscriptions/" + id);
        }
        created.clear();
    }
}
