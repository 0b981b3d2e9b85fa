package nl.kamerstroom.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The subscriptions API: API keys, ownership, validation, and the SSRF checks at creation. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class SubscriptionsApiTest {

    private static final String PUBLIC_URL = "https://hooks.public.example/kamerstroom";

    @Inject
    TestResolver resolver;

    @Inject
    EntityManager em;

    private Subscribers alice;
    private Subscribers bob;

    @BeforeEach
    void keys() {
        resolver.map("hooks.public.example", "203.0.113.7");
        alice = new Subscribers("alice");
        bob = new Subscribers("bob");
    }

    @AfterEach
    void cleanUp() {
        alice.deleteAll();
        bob.deleteAll();
    }

    @Test
    void onlyTheOperatorIssuesKeysWhichAreShownOnceAndStoredAsAHash() throws Exception {
        given().contentType(ContentType.JSON).body(Map.of("name", "x")).post("/api/admin/api-keys")
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", containsString("Bearer"));
        given().header("X-Api-Key", alice.key()).contentType(ContentType.JSON).body(Map.of("name", "x"))
                .post("/api/admin/api-keys").then().statusCode(401);
        given().header("X-Api-Key", Subscribers.OPERATOR_KEY).contentType(ContentType.JSON).body(Map.of())
                .post("/api/admin/api-keys").then().statusCode(400).body("detail", containsString("'name'"));

        String key = alice.key();
        assertThat(key).matches("ks_[0-9a-f]{12}_[A-Za-z0-9_-]{43}");
        String keyId = key.substring(3, 15);
        List<Map<String, Object>> listed = given().header("Authorization", "Bearer " + Subscribers.OPERATOR_KEY)
                .get("/api/admin/api-keys").then().statusCode(200).extract().jsonPath().getList("$");
        Map<String, Object> mine = listed.stream().filter(k -> keyId.equals(k.get("id"))).findFirst().orElseThrow();
        assertThat(mine).containsEntry("name", "alice").doesNotContainKey("key");
        String stored = QuarkusTransaction.requiringNew().call(() -> (String) em
                .createNativeQuery("SELECT key_hash FROM api_key WHERE id = :id").setParameter("id", keyId).getSingleResult());
        assertThat(stored).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8))));

        // revoked: the key stops working and its subscriptions stop sending
        String id = alice.subscribe(PUBLIC_URL, Map.of("zaak", Letters.newZaak())).getString("id");
        given().header("X-Api-Key", Subscribers.OPERATOR_KEY).delete("/api/admin/api-keys/" + keyId).then().statusCode(204);
        given().header("X-Api-Key", key).get("/api/subscriptions").then().statusCode(401);
        String status = QuarkusTransaction.requiringNew().call(() -> (String) em
                .createNativeQuery("SELECT status FROM subscription WHERE id = CAST(:id AS uuid)").setParameter("id", id)
                .getSingleResult());
        assertThat(status).isEqualTo("PAUSED");
    }

    @Test
    void aSubscriptionIsSeenAndManagedOnlyByItsOwner() {
        given().get("/api/subscriptions").then().statusCode(401).contentType("application/problem+json");
        given().header("X-Api-Key", "ks_000000000000_nope").get("/api/subscriptions").then().statusCode(401);
        given().header("Authorization", "Bearer " + alice.key() + "x").get("/api/subscriptions").then().statusCode(401);

        JsonPath created = alice.subscribe(PUBLIC_URL, Map.of("party", "D66", "keyword", "stikstof-" + Letters.newZaak(),
                "types", List.of("answer.published")));
        String id = created.getString("id");
        assertThat(created.getString("status")).isEqualTo("active");
        assertThat(created.getString("channel")).isEqualTo("webhook");
        assertThat(created.getString("url")).isEqualTo(PUBLIC_URL);
        assertThat(created.getList("filter.types", String.class)).containsExactly("nl.kamerstroom.answer.published.v1");

        given().header("Authorization", "Bearer " + alice.key()).get("/api/subscriptions").then().statusCode(200)
                .body("subscriptions.id", hasItem(id));
        JsonPath one = alice.get(id);
        assertThat(one.getString("filter.party")).isEqualTo("D66");
        assertThat(one.getMap("stats")).containsEntry("pending", 0).containsEntry("delivered", 0)
                .containsEntry("failed", 0).containsEntry("parked", 0);

        // someone else's subscription does not exist for bob
        given().header("X-Api-Key", bob.key()).get("/api/subscriptions").then().statusCode(200)
                .body("subscriptions.id", not(hasItem(id)));
        for (String path : List.of("", "/deliveries")) {
            given().header("X-Api-Key", bob.key()).get("/api/subscriptions/" + id + path).then().statusCode(404)
                    .contentType("application/problem+json");
        }
        given().header("X-Api-Key", bob.key()).post("/api/subscriptions/" + id + "/pause").then().statusCode(404);
        given().header("X-Api-Key", bob.key()).delete("/api/subscriptions/" + id).then().statusCode(404);
        given().header("X-Api-Key", alice.key()).get("/api/subscriptions/not-a-uuid").then().statusCode(404);

        given().header("X-Api-Key", alice.key()).post("/api/subscriptions/" + id + "/pause").then().statusCode(200)
                .body("status", equalTo("paused"));
        given().header("X-Api-Key", alice.key()).post("/api/subscriptions/" + id + "/resume").then().statusCode(200)
                .body("status", equalTo("active"));
        given().header("X-Api-Key", alice.key()).get("/api/subscriptions/" + id + "/deliveries?status=eaten")
                .then().statusCode(400).body("detail", containsString("status"));
        given().header("X-Api-Key", alice.key()).delete("/api/subscriptions/" + id).then().statusCode(204);
        given().header("X-Api-Key", alice.key()).get("/api/subscriptions/" + id).then().statusCode(404);
    }

    @Test
    void invalidSubscriptionsAreRefusedNamingTheField() {
        assertRefused(Map.of("filter", Map.of()), "url");
        assertRefused(Map.of("url", "ftp://hooks.public.example/x"), "url");
        assertRefused(Map.of("url", "https://user:pw@hooks.public.example/x"), "url");
        assertRefused(Map.of("url", PUBLIC_URL, "channel", "email"), "channel");
        assertRefused(Map.of("url", PUBLIC_URL, "filter", Map.of("zaak", "17315")), "filter.zaak");
        assertRefused(Map.of("url", PUBLIC_URL, "filter", Map.of("types", List.of("answer.eaten"))), "filter.types");
        assertRefused(Map.of("url", PUBLIC_URL, "filter", Map.of("keyword", "x".repeat(201))), "filter.keyword");
        assertRefused(Map.of("url", PUBLIC_URL, "description", "x".repeat(501)), "description");
        given().header("X-Api-Key", alice.key()).contentType(ContentType.JSON).body("{\"url\": ")
                .post("/api/subscriptions").then().statusCode(400);
        given().header("X-Api-Key", alice.key()).contentType(ContentType.JSON).body(Map.of("url", "https://x.example"))
                .post("/api/zaken/not-a-zaak/follow").then().statusCode(400).body("detail", containsString("number"));
    }

    @Test
    void targetsThatAreNotPublicAreRefusedAtCreation() {
        resolver.map("evil.example", "127.0.0.1");
        resolver.map("metadata.evil.example", "169.254.169.254");
        for (String url : List.of("http://127.0.0.1:8080/hook", "https://127.0.0.1/hook", "https://localhost/hook",
                "http://169.254.169.254/latest/meta-data/", "https://10.1.2.3/hook", "https://172.16.5.4/hook",
                "https://192.168.1.10/hook", "https://100.64.0.1/hook", "https://0.0.0.0/hook", "https://[::1]/hook",
                "https://[fe80::1]/hook", "https://[fd00::1]/hook", "https://[::ffff:10.0.0.1]/hook",
                "https://224.0.0.1/hook", "https://evil.example/hook", "https://metadata.evil.example/hook",
                // accepted before (issue 11): IPv4-translated loopback, local-use NAT64, the Azure wire server
                "https://[::ffff:0:7f00:1]/", "https://[64:ff9b:1::7f00:1]/", "https://168.63.129.16/",
                "https://[64:ff9b::7f00:1]/", "https://[2002:7f00:1::]/", "https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/")) {
            assertRefused(Map.of("url", url), "url");
        }
        // public, but plain http: only for allow-listed hosts
        given().header("X-Api-Key", alice.key()).contentType(ContentType.JSON)
                .body(Map.of("url", "http://hooks.public.example/kamerstroom")).post("/api/subscriptions")
                .then().statusCode(400).body("detail", containsString("https"));
        given().header("X-Api-Key", alice.key()).contentType(ContentType.JSON)
                .body(Map.of("url", "https://evil.example/hook")).post("/api/subscriptions")
                .then().statusCode(400).body("detail", containsString("loopback"));
        alice.subscribe(PUBLIC_URL, Map.of("zaak", Letters.newZaak()));
    }

    private void assertRefused(Map<String, Object> body, String field) {
        given().header("X-Api-Key", alice.key()).contentType(ContentType.JSON).body(body).post("/api/subscriptions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("field '" + field + "'"));
    }
}
