package nl.kamerstroom.store;

import static io.restassured.RestAssured.given;
import static nl.kamerstroom.store.Letters.a;
import static nl.kamerstroom.store.Letters.event;
import static nl.kamerstroom.store.Letters.letter;
import static nl.kamerstroom.store.Letters.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.LetterParsed;
import nl.kamerstroom.store.subscription.webhook.Deliveries;
import nl.kamerstroom.store.subscription.webhook.WebhookDispatcher;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook delivery end to end: a letter on {@code letters.parsed}, stored, matched, signed and
 * POSTed to a real HTTP receiver on 127.0.0.1. Time-dependent behaviour (backoff, parking) runs
 * on {@link TestClock}, moved forward instead of waited for.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class WebhooksTest {

    private static final LocalDate SUBMITTED = LocalDate.of(2025, 9, 19);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ANSWER_PUBLISHED = "nl.kamerstroom.answer.published.v1";
    private static final String QUESTION_ASKED = "nl.kamerstroom.question.asked.v1";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper json;

    @Inject
    TestClock clock;

    @Inject
    TestResolver resolver;

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    Deliveries deliveries;

    private Subscribers subscriber;
    private final List<AutoCloseable> receivers = new ArrayList<>();

    @BeforeEach
    void key() {
        subscriber = new Subscribers("webhooks-test");
    }

    @AfterEach
    void cleanUp() throws Exception {
        subscriber.deleteAll();
        for (AutoCloseable r : receivers) {
            r.close();
        }
        clock.reset();
    }

    @Test
    void aDeliveryIsASignedStructuredCloudEventThatVerifiesWithTheDocumentedAlgorithm() throws Exception {
        String zaak = Letters.newZaak();
        Receiver receiver = receiver(Receiver.start());
        JsonPath subscription = subscriber.subscribe(receiver.url(), Map.of("zaak", zaak));
        String id = subscription.getString("id");
        String secret = subscription.getString("secret");
        assertThat(secret).startsWith("whsec_");
        assertThat(subscriber.get(id).getString("secret")).as("the secret is shown once").isNull();

        publish(answer(zaak, "D66", "Daarom."));
        await().atMost(WAIT).until(() -> receiver.requests().size() == 1);
        Receiver.Request request = receiver.requests().get(0);

        assertThat(request.header("content-type")).startsWith("application/cloudevents+json");
        String webhookId = request.header("webhook-id");
        String timestamp = request.header("webhook-timestamp");
        // Standard Webhooks, verified here without the service's code: HMAC-SHA256 over id.timestamp.body,
        // keyed with the base64 part of the secret
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal((webhookId + "." + timestamp + "." + request.bodyText()).getBytes(StandardCharsets.UTF_8)));
        assertThat(request.header("webhook-signature").split(" ")).contains(expected);
        assertThat(Math.abs(Long.parseLong(timestamp) - Instant.now().getEpochSecond())).isLessThan(300);

        JsonNode event = json.readTree(request.body());
        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("id").asText()).isEqualTo(webhookId);
        assertThat(event.get("type").asText()).isEqualTo(ANSWER_PUBLISHED);
        assertThat(event.get("source").asText()).isEqualTo("urn:kamerstroom:store-service");
        assertThat(event.get("subject").asText()).isEqualTo(zaak);
        assertThat(event.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(event.get("data").get("zaakNumber").asText()).isEqualTo(zaak);
        assertThat(event.get("data").get("eventId").asText()).isEqualTo(webhookId);
        assertThat(event.get("data").get("text").asText()).isEqualTo("Daarom.");

        // counted in the API and as metrics
        await().atMost(WAIT).until(() -> subscriber.get(id).getLong("stats.delivered") == 1);
        JsonPath stats = subscriber.get(id).setRootPath("stats");
        assertThat(stats.getLong("pending") + stats.getLong("failed") + stats.getLong("parked")).isZero();
        assertThat(stats.getString("oldestUndeliveredAgeSeconds")).isNull();
        deliveries.refreshMetrics();
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("kamerstroom_webhook_deliveries\\{state=\"delivered\",subscription=\""
                + id + "\"} 1\\.0")
                .containsPattern("kamerstroom_webhook_deliveries\\{state=\"parked\",subscription=\"" + id + "\"} 0\\.0")
                .containsPattern("kamerstroom_webhook_oldest_undelivered_age_seconds\\{subscription=\"" + id + "\"} 0\\.0");
    }

    @Test
    void serverErrorsAreRetriedOnTheBackoffScheduleAndParkedAfter24Hours() throws Exception {
        Receiver receiver = receiver(Receiver.answering(500));
        String id = subscribeToAnAnswer(receiver.url());

        Map<String, Object> delivery = awaitDelivery(id, d -> attempts(d) == 1);
        List<Duration> waits = new ArrayList<>();
        while ("pending".equals(delivery.get("status"))) {
            Instant next = instant(delivery, "nextAttemptAt");
            waits.add(Duration.between(instant(delivery, "lastAttemptAt"), next));
            int attempts = attempts(delivery);
            clock.advanceTo(next);
            dispatcher.wake();
            delivery = awaitDelivery(id, d -> attempts(d) == attempts + 1);
        }

        assertThat(delivery.get("status")).isEqualTo("parked");
        assertThat(delivery.get("lastStatus")).isEqualTo(500);
        assertThat(delivery.get("lastError")).isEqualTo("HTTP 500");
        for (int i = 0; i < waits.size(); i++) {
            Duration base = Duration.ofSeconds(Math.min(30L << Math.min(i, 20), 3600));
            assertThat(waits.get(i)).as("wait after failure %d", i + 1)
                    .isBetween(base, base.plusMillis(base.toMillis() / 10 + 1));
        }
        assertThat(Duration.between(instant(delivery, "firstAttemptAt"), instant(delivery, "lastAttemptAt")))
                .as("retried for at least 24 hours").isGreaterThanOrEqualTo(Duration.ofHours(24));
        assertThat(attempts(delivery)).isEqualTo(waits.size() + 1).isBetween(28, 31);
        assertThat(receiver.requests()).hasSize(attempts(delivery))
                .extracting(r -> r.header("webhook-id")).containsOnly(delivery.get("eventId").toString());

        assertThat(subscriber.deliveries(id, "parked")).extracting(d -> d.get("id")).containsExactly(delivery.get("id"));
        assertThat(subscriber.deliveries(id, "pending")).isEmpty();
        JsonPath stats = subscriber.get(id).setRootPath("stats");
        assertThat(stats.getLong("parked")).isEqualTo(1);
        assertThat(stats.getLong("oldestUndeliveredAgeSeconds")).isGreaterThanOrEqualTo(Duration.ofHours(24).toSeconds());
    }

    @Test
    void clientErrorsAreParkedAfterThreeAttemptsAndAParkedDeliveryCanBeRedelivered() throws Exception {
        Receiver receiver = receiver(Receiver.answering(400));
        String id = subscribeToAnAnswer(receiver.url());

        Map<String, Object> delivery = awaitDelivery(id, d -> attempts(d) == 1);
        for (int attempt = 2; attempt <= 3; attempt++) {
            assertThat(delivery.get("status")).isEqualTo("pending");
            clock.advanceTo(instant(delivery, "nextAttemptAt"));
            dispatcher.wake();
            int expected = attempt;
            delivery = awaitDelivery(id, d -> attempts(d) == expected);
        }
        assertThat(delivery.get("status")).isEqualTo("parked");
        assertThat(delivery.get("lastError")).isEqualTo("HTTP 400");
        Object deliveryId = delivery.get("id");
        assertThat(subscriber.deliveries(id, "parked")).extracting(d -> d.get("id")).containsExactly(deliveryId);

        receiver.answer(204);
        given().header("X-Api-Key", subscriber.key()).post("/api/subscriptions/" + id + "/deliveries/" + deliveryId + "/retry")
                .then().statusCode(202);
        delivery = awaitDelivery(id, d -> "delivered".equals(d.get("status")));
        assertThat(attempts(delivery)).isEqualTo(4);
        assertThat(receiver.requests()).hasSize(4).extracting(r -> r.header("webhook-id"))
                .as("the idempotency key is the same on every attempt").containsOnly(delivery.get("eventId").toString());
        given().header("X-Api-Key", subscriber.key()).post("/api/subscriptions/" + id + "/deliveries/999999999/retry")
                .then().statusCode(404);
    }

    @Test
    void aReceiverThatNeverAnswersDelaysNoOtherSubscriptionAndItsTimeoutsAreRetried() throws Exception {
        String deadZaak = Letters.newZaak();
        String aliveZaak = Letters.newZaak();
        Receiver dead = receiver(Receiver.answering(Receiver.HANG));
        Receiver alive = receiver(Receiver.start());
        String deadId = subscriber.subscribe(dead.url(), Map.of("zaak", deadZaak)).getString("id");
        subscriber.subscribe(alive.url(), Map.of("zaak", aliveZaak));
        // the dead receiver's event is first in the outbox, so it is first in line to be sent
        publish(answer(deadZaak, "D66", "Daarom."), answer(aliveZaak, "D66", "Daarom."));

        await().atMost(WAIT).until(() -> alive.requests().size() == 1 && dead.requests().size() == 1);
        // the live receiver got its event while the dead one's request hung (2 s timeout in tests)
        Duration afterTheHangingOne = Duration.ofNanos(alive.requests().get(0).receivedNanos()
                - dead.requests().get(0).receivedNanos());
        assertThat(afterTheHangingOne).isLessThan(Duration.ofMillis(1500));

        Map<String, Object> delivery = awaitDelivery(deadId, d -> attempts(d) == 1);
        assertThat((String) delivery.get("lastError")).startsWith("timeout");
        assertThat(delivery.get("lastStatus")).isNull();
        assertWait(delivery, Duration.ofSeconds(30));

        clock.advanceTo(instant(delivery, "nextAttemptAt"));
        dispatcher.wake();
        delivery = awaitDelivery(deadId, d -> attempts(d) == 2);
        assertThat((String) delivery.get("lastError")).startsWith("timeout");
        assertWait(delivery, Duration.ofMinutes(1));

        dead.answer(204);
        clock.advanceTo(instant(delivery, "nextAttemptAt"));
        dispatcher.wake();
        delivery = awaitDelivery(deadId, d -> "delivered".equals(d.get("status")));
        assertThat(attempts(delivery)).isEqualTo(3);
    }

    @Test
    void aLaterEventOfAZaakWaitsBehindAFailingEarlierOneWhileOtherZakenFlow() throws Exception {
        String first = Letters.newZaak();
        String second = Letters.newZaak();
        String party = "Volgorde-" + first; // only this test's letters
        AtomicBoolean refuseAsked = new AtomicBoolean(true);
        Receiver receiver = receiver(Receiver.start());
        receiver.answer(r -> refuseAsked.get() && r.bodyText().contains(QUESTION_ASKED)
                && r.bodyText().contains("\"subject\":\"" + first + "\"") ? 503 : 204);
        String id = subscriber.subscribe(receiver.url(), Map.of("party", party)).getString("id");

        publish(questions(first, party), answer(first, party, "Daarom."), questions(second, party));

        await().atMost(WAIT).until(() -> subjects(receiver).contains(second));
        Map<String, Object> asked = awaitDelivery(id, d -> first.equals(d.get("zaak"))
                && QUESTION_ASKED.equals(d.get("eventType")) && attempts(d) >= 1);
        assertThat(asked.get("status")).isEqualTo("pending");
        Map<String, Object> answered = subscriber.deliveries(id, null).stream()
                .filter(d -> first.equals(d.get("zaak")) && ANSWER_PUBLISHED.equals(d.get("eventType")))
                .findFirst().orElseThrow();
        assertThat(answered.get("status")).as("blocked behind the failing question event").isEqualTo("pending");
        assertThat(attempts(answered)).isZero();
        assertThat(types(receiver, first)).doesNotContain(ANSWER_PUBLISHED);

        refuseAsked.set(false);
        clock.advanceTo(instant(asked, "nextAttemptAt"));
        dispatcher.wake();
        await().atMost(WAIT).until(() -> types(receiver, first).contains(ANSWER_PUBLISHED));
        assertThat(types(receiver, first)).containsExactly(QUESTION_ASKED, QUESTION_ASKED, ANSWER_PUBLISHED);
    }

    @Test
    void aPausedSubscriptionKeepsItsEventsAndGetsThemOnResume() throws Exception {
        Receiver receiver = receiver(Receiver.start());
        String id = subscribeToAnAnswer(receiver.url(), () -> given().header("X-Api-Key", subscriber.key())
                .post("/api/subscriptions/" + subscriber.subscribedLast() + "/pause").then().statusCode(200));
        Map<String, Object> kept = awaitDelivery(id, d -> "pending".equals(d.get("status")));
        assertThat(attempts(kept)).isZero();

        long resumed = System.nanoTime();
        given().header("X-Api-Key", subscriber.key()).post("/api/subscriptions/" + id + "/resume")
                .then().statusCode(200).body("status", equalTo("active"));
        awaitDelivery(id, d -> "delivered".equals(d.get("status")));
        assertThat(receiver.requests()).hasSize(1);
        assertThat(receiver.requests().get(0).receivedNanos()).as("sent after the resume, not before").isGreaterThan(resumed);
    }

    @Test
    void followingAZaakDeliversItsAnswerWhenTheLetterIsStored() throws Exception {
        String zaak = Letters.newZaak();
        Receiver receiver = receiver(Receiver.start());
        JsonPath followed = given().header("Authorization", "Bearer " + subscriber.key()).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url())).post("/api/zaken/" + zaak + "/follow")
                .then().statusCode(201).extract().jsonPath();
        String id = followed.getString("id");
        subscriber.remember(id);
        assertThat(followed.getString("secret")).startsWith("whsec_");
        assertThat(followed.getString("feedUrl")).endsWith("/feeds/zaken/" + zaak + ".atom");
        assertThat(followed.getString("filter.zaak")).isEqualTo(zaak);
        assertThat(followed.getList("filter.types", String.class)).containsExactlyInAnyOrder(ANSWER_PUBLISHED,
                "nl.kamerstroom.answer.changed.v1", "nl.kamerstroom.zaak.postponed.v1", "nl.kamerstroom.zaak.withdrawn.v1",
                "nl.kamerstroom.zaak.deadline.approaching.v1", "nl.kamerstroom.zaak.overdue.v1",
                "nl.kamerstroom.zaak.overdue.answered.v1");

        publish(questions(zaak, "D66"), answer(zaak, "D66", "Het antwoord."));
        await().atMost(WAIT).until(() -> receiver.requests().size() == 1);
        JsonNode event = json.readTree(receiver.requests().get(0).body());
        assertThat(event.get("type").asText()).isEqualTo(ANSWER_PUBLISHED);
        assertThat(event.get("subject").asText()).isEqualTo(zaak);
        assertThat(event.get("data").get("text").asText()).isEqualTo("Het antwoord.");
        // asking is not news to a follower: never matched, so never sent
        assertThat(subscriber.deliveries(id, null)).extracting(d -> d.get("eventType")).containsOnly(ANSWER_PUBLISHED);
        given().get(followed.getString("feedUrl").replaceFirst("^https?://[^/]+", "")).then().statusCode(200);
    }

    @Test
    void aTargetThatResolvesToLoopbackAtDeliveryTimeIsNotContacted() throws Exception {
        String host = "rebind-" + Letters.newZaak().toLowerCase() + ".example";
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread acceptor = new Thread(() -> {
                while (!listener.isClosed()) {
                    try (Socket ignored = listener.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();

            resolver.map(host, "203.0.113.10"); // public when the subscription is made
            String id = subscribeToAnAnswer("https://" + host + ":" + listener.getLocalPort() + "/hook",
                    () -> resolver.map(host, "127.0.0.1")); // rebound before the event

            Map<String, Object> delivery = awaitDelivery(id, d -> attempts(d) == 1);
            assertThat((String) delivery.get("lastError")).contains("not sent").contains("loopback").contains("127.0.0.1");
            assertThat(delivery.get("lastStatus")).isNull();
            assertThat(connections.get()).as("nothing connected to the loopback address").isZero();
        }
    }

    private String subscribeToAnAnswer(String url) throws Exception {
        return subscribeToAnAnswer(url, () -> { });
    }

    /** Subscribes {@code url} to a new zaak, runs {@code meanwhile}, publishes the zaak's answer: the subscription id. */
    private String subscribeToAnAnswer(String url, Runnable meanwhile) throws Exception {
        String zaak = Letters.newZaak();
        String id = subscriber.subscribe(url, Map.of("zaak", zaak)).getString("id");
        meanwhile.run();
        publish(answer(zaak, "D66", "Daarom."));
        return id;
    }

    private Receiver receiver(Receiver receiver) {
        receivers.add(receiver);
        return receiver;
    }

    private Map<String, Object> awaitDelivery(String subscription, Predicate<Map<String, Object>> condition) {
        List<Map<String, Object>> found = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            found.clear();
            subscriber.deliveries(subscription, null).stream().filter(condition).findFirst().ifPresent(found::add);
            return !found.isEmpty();
        });
        return found.get(0);
    }

    private static void assertWait(Map<String, Object> delivery, Duration base) {
        assertThat(Duration.between(instant(delivery, "lastAttemptAt"), instant(delivery, "nextAttemptAt")))
                .isBetween(base, base.plusMillis(base.toMillis() / 10 + 1));
    }

    private static int attempts(Map<String, Object> delivery) {
        return ((Number) delivery.get("attempts")).intValue();
    }

    private static Instant instant(Map<String, Object> delivery, String field) {
        return Instant.parse((String) delivery.get(field));
    }

    private List<String> subjects(Receiver receiver) {
        return receiver.requests().stream().map(r -> read(r).get("subject").asText()).toList();
    }

    private List<String> types(Receiver receiver, String zaak) {
        return receiver.requests().stream().map(this::read).filter(e -> zaak.equals(e.get("subject").asText()))
                .map(e -> e.get("type").asText()).toList();
    }

    private JsonNode read(Receiver.Request request) {
        try {
            return json.readTree(request.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LetterParsed questions(String zaak, String party) {
        return event("kv-" + zaak, "a".repeat(64), letter(LetterKind.QUESTIONS, zaak, SUBMITTED, SUBMITTED, "Sneller",
                party, "Minister van Financiën", List.of(q("1", "Waarom?")), List.of()));
    }

    private static LetterParsed answer(String zaak, String party, String text) {
        return event("ah-" + zaak, "b".repeat(64), letter(LetterKind.ANSWER, zaak, SUBMITTED, SUBMITTED.plusDays(20),
                "Sneller", party, "Minister van Financiën", List.of(q("1", "Waarom?")), List.of(a(text, "1"))));
    }

    private void publish(LetterParsed... letters) throws Exception {
        Letters.publish(bootstrapServers, json, letters);
    }
}
