package nl.kamerstroom.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import nl.kamerstroom.testsupport.Infrastructure;
import nl.kamerstroom.testsupport.SyncFeedFixture;
import nl.kamerstroom.testsupport.ServiceProcess;
import nl.kamerstroom.testsupport.TextPdf;
import nl.kamerstroom.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole pipeline as it runs in production: three packaged services, each a process of its
 * own, one Kafka broker, one PostgreSQL server. Letters go in over HTTP at ingest and come out of
 * the store's API.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineSystemIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String SNELLER = "000_f6bf631fb9c80b1a.txt";
    private static final String MUTLUER = "001_ac304c379d17da38.txt";
    private static final String MEMO = "002_358412831a12e61a.txt";

    /** The Tweede Kamer SyncFeed document the feed test follows into the store. */
    private static final String FEED_DOCUMENT = "6a0f3d2e-1092-4c1e-9a55-20232024a109";
    private static final String FEED_ZAAK = "2024Z00555";
    private static final String FEED = "/SyncFeed/2.0/Feed?category=";

    private static WireMockServer syncFeed;
    private static Map<String, String> ingestEnv;
    private static Path ingestJar;
    private static Path logs;
    private static List<String> jvmOptions;
    /** A key of this run's own: uploads are refused without one. */
    private static final String UPLOAD_KEY = "system-test-" + java.util.UUID.randomUUID();

    private static ServiceProcess ingest;
    private static ServiceProcess parse;
    private static ServiceProcess store;
    private static String bootstrap;

    @BeforeAll
    static void startPipeline() throws IOException {
        Path root = Path.of(System.getProperty("kamerstroom.root", ".."));
        logs = root.resolve("system-tests/target/service-logs");
        bootstrap = Infrastructure.kafkaBootstrapServers();
        Map<String, String> storeDb = Infrastructure.postgres("store");
        Map<String, String> ingestDb = Infrastructure.postgres("ingest");
        List<String> jvm = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1");
        jvmOptions = jvm;
        ingestJar = jar(root, "ingest-service");

        syncFeed = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        syncFeed.start();
        serveFeed();
        ingestEnv = env(ingestDb);
        ingestEnv.put("KAMERSTROOM_SOURCES_TK_ENABLED", "true");
        ingestEnv.put("KAMERSTROOM_SOURCES_TK_SYNCFEED_URL", syncFeed.baseUrl() + "/SyncFeed/2.0");
        ingestEnv.put("KAMERSTROOM_SOURCES_TK_POLL_INTERVAL", "1s");
        ingestEnv.put("KAMERSTROOM_SOURCES_TK_INITIAL_DELAY", "1s");
        ingestEnv.put("KAMERSTROOM_SOURCES_KOOP_ENABLED", "false");
        ingest = ServiceProcess.start("ingest-service", jar(root, "ingest-service"), freePort(),
                ingestEnv, logs.resolve("ingest-service.log"), jvm);
        parse = ServiceProcess.start("parse-service", jar(root, "parse-service"), freePort(),
                env(null), logs.resolve("parse-service.log"), jvm);
        store = ServiceProcess.start("store-service", jar(root, "store-service"), freePort(),
                env(storeDb), logs.resolve("store-service.log"), jvm);
        for (ServiceProcess service : List.of(ingest, parse, store)) {
            service.awaitReady(Duration.ofSeconds(120));
        }
    }

    @AfterAll
    static void stopPipeline() {
        for (ServiceProcess service : new ServiceProcess[] {ingest, parse, store}) {
            if (service != null) {
                service.close();
            }
        }
        if (syncFeed != null) {
            syncFeed.stop();
        }
    }

    /**
     * The feed as ingest finds it at start: a zaak, its asker and addressee, and one answer whose
     * file (Aanhangsel 1092, which prints no zaak number) is the enclosure. The zaak link is
     * constructed: the real one for this document is not in the corpus.
     */
    private static void serveFeed() {
        String zaakId = "5b1c8a44-0000-4c1e-9a55-2024z00555aa";
        serve(FEED + "Zaak", SyncFeedFixture.page("Zaak", null,
                List.of(SyncFeedFixture.zaak(zaakId, 11, FEED_ZAAK, "de vrijheid van meningsuiting voor ambtenaren"))));
        serve(FEED + "ZaakActor", SyncFeedFixture.page("ZaakActor", null, List.of(
                SyncFeedFixture.zaakActor("5b1c8a44-0001-4c1e-9a55-2024z00555aa", 21, zaakId, "Indiener", "Chakor",
                        "GroenLinks-PvdA", "Tweede Kamerlid"),
                SyncFeedFixture.zaakActor("5b1c8a44-0002-4c1e-9a55-2024z00555aa", 22, zaakId, "Gericht aan",
                        "A.C. van Huffelen", null, "staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties"))));
        serve(FEED + "Document", SyncFeedFixture.page("Document", null, List.of(SyncFeedFixture.document(
                FEED_DOCUMENT, 101, "2024-02-26T10:00:00Z", "Antwoord schriftelijke vragen", "2024D07777",
                "Antwoord op vragen van de leden Chakor en Kostić over de vrijheid van meningsuiting voor ambtenaren",
                zaakId, "232401092"))));
        serve(FEED + "Document&skiptoken=101", SyncFeedFixture.page("Document", null, List.of()));
        serve(FEED + "Zaak&skiptoken=11", SyncFeedFixture.page("Zaak", null, List.of()));
        serve(FEED + "ZaakActor&skiptoken=22", SyncFeedFixture.page("ZaakActor", null, List.of()));
        syncFeed.stubFor(WireMock.get(WireMock.urlEqualTo("/SyncFeed/2.0/Resources/" + FEED_DOCUMENT))
                .willReturn(WireMock.aResponse().withHeader("Content-Type", "text/plain; charset=utf-8")
                        .withBody(fixture("ah-tk-20232024-1092.txt"))));
    }

    private static void serve(String url, String atom) {
        syncFeed.stubFor(WireMock.get(WireMock.urlEqualTo(url)).willReturn(WireMock.aResponse()
                .withHeader("Content-Type", "application/atom+xml; charset=utf-8").withBody(atom)));
    }

    private static byte[] fixture(String name) {
        try (InputStream in = PipelineSystemIT.class.getResourceAsStream("/fixtures/letters/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(1)
    void theSeedsAsTextBecomeZakenWithEveryQuestionAndAnswer() {
        for (String seed : List.of(SNELLER, MUTLUER, MEMO)) {
            upload(seed(seed).getBytes(StandardCharsets.UTF_8), seed.equals(MEMO) ? "text/markdown" : "text/plain");
        }
        checkSneller(awaitZaak("2025Z17315"));
        checkMutluer(awaitZaak("2025Z20557"));
    }

    @Test
    @Order(2)
    void theSeedsAsPdfGiveTheSameZaken() {
        String sneller = upload(TextPdf.render(seed(SNELLER)), "application/pdf");
        String mutluer = upload(TextPdf.render(seed(MUTLUER)), "application/pdf");
        String memo = upload(TextPdf.render(seed(MEMO)), "application/pdf");

        for (String documentId : List.of(sneller, mutluer)) {
            await().atMost(WAIT).untilAsserted(() -> given().baseUri(store.baseUrl())
                    .get("/api/letters/" + documentId).then().statusCode(200));
        }
        await().atMost(WAIT).untilAsserted(() -> given().baseUri(store.baseUrl())
                .get("/api/letters/" + memo).then().statusCode(200));
        JsonPath memoLetter = given().baseUri(store.baseUrl()).get("/api/letters/" + memo).then().extract().jsonPath();
        assertThat(memoLetter.getString("kind")).isEqualTo("OTHER");
        assertThat(memoLetter.getList("questions")).isEmpty();

        JsonPath zaak = awaitZaak("2025Z17315");
        assertThat(zaak.getList("documents.documentId")).contains(sneller);
        checkSneller(zaak);
        checkMutluer(awaitZaak("2025Z20557"));
    }

    @Test
    @Order(3)
    void aCorruptPdfIsDeadLetteredAndTheNextLetterStillFlows() throws Exception {
        String corrupt = upload("%PDF-1.5\n1 0 obj << /Type /Catalog >> trailer broken".getBytes(StandardCharsets.US_ASCII),
                "application/pdf");
        String next = upload((seed(SNELLER) + "\n\nDe Minister van Justitie en Veiligheid,\n")
                .getBytes(StandardCharsets.UTF_8), "text/plain");

        ConsumerRecord<String, String> dead = new TopicReader(bootstrap).awaitKey("letters.dlq", corrupt, WAIT);
        JsonNode failure = JSON.readTree(dead.value());
        assertThat(failure.get("stage").asText()).isEqualTo("parse");
        assertThat(failure.get("reason").asText()).contains("PDF");
        assertThat(failure.get("documentId").asText()).isEqualTo(corrupt);

        await().atMost(WAIT).untilAsserted(() -> given().baseUri(store.baseUrl())
                .get("/api/letters/" + next).then().statusCode(200));
        given().baseUri(store.baseUrl()).get("/api/letters/" + corrupt).then().statusCode(404);
        assertThat(ingest.isAlive() && parse.isAlive() && store.isAlive()).isTrue();
    }

    @Test
    @Order(4)
    void uploadingTheSameBytesAgainReturnsTheSameDocument() {
        byte[] bytes = seed(SNELLER).getBytes(StandardCharsets.UTF_8);
        String first = upload(bytes, "text/plain");
        String second = upload(bytes, "text/plain");
        assertThat(second).isEqualTo(first);
    }

    @Test
    @Order(5)
    void aSyncFeedEntryBecomesAStoredZaakAndItsTombstoneDeletesIt() {
        JsonPath zaak = awaitZaak(FEED_ZAAK);
        assertThat(zaak.getString("status")).isEqualTo("ANSWERED");
        assertThat(zaak.getString("submittedDate")).isEqualTo("2024-01-16");
        assertThat(zaak.getList("questions.number")).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(zaak.getList("questions[1].answer.questionNumbers")).containsExactly("2", "3");
        String documentId = "tk-" + FEED_DOCUMENT;
        JsonPath letter = given().baseUri(store.baseUrl()).get("/api/letters/" + documentId).then().statusCode(200)
                .extract().jsonPath();
        assertThat(letter.getString("source")).isEqualTo("tk");
        assertThat(letter.getString("documentNumber")).isEqualTo("ah-tk-20232024-1092");
        assertThat(letter.getString("deletedAt")).isNull();

        // the source deletes the document: the next page of the feed carries its tombstone
        serve(FEED + "Document&skiptoken=101", SyncFeedFixture.page("Document", null,
                List.of(SyncFeedFixture.tombstone("Document", "document", FEED_DOCUMENT, 102))));
        serve(FEED + "Document&skiptoken=102", SyncFeedFixture.page("Document", null, List.of()));
        await().atMost(WAIT).untilAsserted(() -> given().baseUri(store.baseUrl())
                .get("/api/letters/" + documentId).then().statusCode(200)
                .body("deletedAt", org.hamcrest.Matchers.notNullValue()));
        JsonPath after = given().baseUri(store.baseUrl()).get("/api/zaken/" + FEED_ZAAK).then().statusCode(200)
                .extract().jsonPath();
        assertThat(after.getList("documents.deleted")).containsExactly(true);
        assertThat(after.getString("status")).isNotEqualTo("ANSWERED");
    }

    @Test
    @Order(6)
    void ingestKilledMidFeedResumesWithoutGapOrDuplicate() throws Exception {
        // twelve more answers after the tombstone; at two requests a second the walk takes seconds
        List<String> ids = new java.util.ArrayList<>();
        List<String> entries = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = java.util.UUID.randomUUID().toString();
            ids.add(id);
            entries.add(SyncFeedFixture.document(id, 103 + i, "2024-03-01T10:00:00Z", "Antwoord schriftelijke vragen",
                    "2024D2" + String.format("%04d", i), "Antwoord op vragen " + i, null, null));
            syncFeed.stubFor(WireMock.get(WireMock.urlEqualTo("/SyncFeed/2.0/Resources/" + id))
                    .willReturn(WireMock.aResponse().withHeader("Content-Type", "text/plain; charset=utf-8")
                            .withBody(seed(MUTLUER).replace("2025Z20557", String.format("2024Z3%04d", i)) + "\n" + id)));
        }
        // as the real feed does: any entry's next link resumes right after that entry
        for (int after = 102; after <= 114; after++) {
            serve(FEED + "Document&skiptoken=" + after,
                    SyncFeedFixture.page("Document", null, entries.subList(after - 102, entries.size())));
        }
        TopicReader topic = new TopicReader(bootstrap);
        java.util.function.Supplier<Map<String, Long>> published = () -> topic.readAll("letters.fetched").stream()
                .collect(java.util.stream.Collectors.groupingBy(ConsumerRecord::key, java.util.stream.Collectors.counting()));

        // kill -9 once a few are out, as a crashed pod or a lost node would
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> published.get().containsKey("tk-" + ids.get(2)));
        ProcessHandle.of(ingest.pid()).ifPresent(ProcessHandle::destroyForcibly);
        await().atMost(Duration.ofSeconds(20)).until(() -> !ingest.isAlive());
        Map<String, Long> atKill = published.get();
        long before = ids.stream().filter(id -> atKill.containsKey("tk-" + id)).count();
        assertThat(before).as("killed mid-feed").isLessThan(ids.size());

        ingest = ServiceProcess.start("ingest-service", ingestJar, freePort(), ingestEnv,
                logs.resolve("ingest-service-restarted.log"), jvmOptions);
        ingest.awaitReady(Duration.ofSeconds(120));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            Map<String, Long> now = published.get();
            return ids.stream().allMatch(id -> now.containsKey("tk-" + id));
        });
        Map<String, Long> after = published.get();
        for (String id : ids) {
            assertThat(after.get("tk-" + id)).as("events for tk-%s", id).isEqualTo(1L);
        }
        assertThat(awaitZaak("2024Z30011").getList("questions.number")).hasSize(20);
    }

    /** Seed 000, field by field. */
    private static void checkSneller(JsonPath zaak) {
        assertThat(zaak.getString("number")).isEqualTo("2025Z17315");
        assertThat(zaak.getString("status")).isEqualTo("ANSWERED");
        assertThat(zaak.getString("submittedDate")).isEqualTo("2025-09-19");
        assertThat(zaak.getString("answeredDate")).isEqualTo("2025-11-21");
        assertThat(zaak.getList("questions.number"))
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(zaak.getString("questions[0].text"))
                .startsWith("Kunt u bevestigen dat er op het Openbaar Ministerie (OM) een nijpend tekort aan werkplekken")
                .endsWith("nog steeds sprake van is?");
        assertThat(zaak.getString("questions[0].answer.text"))
                .startsWith("Sinds 16 oktober is het telewerken weer mogelijk gemaakt")
                .endsWith("kon elk OM-onderdeel ervoor kiezen om in shifts te werken.");
        for (int i = 0; i < 9; i++) {
            List<String> covered = zaak.getList("questions[" + i + "].answer.questionNumbers");
            assertThat(covered).as("answer of question %d", i + 1)
                    .isEqualTo(i == 6 || i == 7 ? List.of("7", "8") : List.of(String.valueOf(i + 1)));
        }
        assertThat(zaak.getString("questions[6].answer.text"))
                .startsWith("Er is geen sprake van een aan het OM opgelegde bezuiniging.")
                .isEqualTo(zaak.getString("questions[7].answer.text"));
        assertThat(zaak.getString("questions[8].answer.text"))
                .isEqualTo("Nee, de financiële situatie bij het OM is niet van invloed op het minder of meer "
                        + "opleggen van strafbeschikkingen.");
        // a footnote body at the page bottom is furniture, not part of the answer it follows
        assertThat(zaak.getString("questions[4].answer.text")).doesNotContain("Koopmans");
    }

    /** Seed 001, field by field. */
    private static void checkMutluer(JsonPath zaak) {
        assertThat(zaak.getString("number")).isEqualTo("2025Z20557");
        assertThat(zaak.getString("status")).isEqualTo("ANSWERED");
        assertThat(zaak.getString("submittedDate")).isEqualTo("2025-11-26");
        List<String> numbers = zaak.getList("questions.number");
        assertThat(numbers).hasSize(20);
        for (int i = 0; i < 20; i++) {
            assertThat(numbers.get(i)).isEqualTo(String.valueOf(i + 1));
            assertThat(zaak.getList("questions[" + i + "].answer.questionNumbers", String.class))
                    .containsExactly(String.valueOf(i + 1));
            assertThat(zaak.getString("questions[" + i + "].answer.text")).isNotBlank();
        }
        assertThat(zaak.getString("questions[0].answer.text")).isEqualTo("Ja.");
        assertThat(zaak.getString("questions[3].answer.text"))
                .startsWith("Ja, ik vind dat de medewerkers van het OM in hun werk al te lang worden gehinderd");
    }

    private static JsonPath awaitZaak(String number) {
        await().atMost(WAIT).untilAsserted(() -> given().baseUri(store.baseUrl())
                .get("/api/zaken/" + number).then().statusCode(200));
        return given().baseUri(store.baseUrl()).get("/api/zaken/" + number).then().extract().jsonPath();
    }

    private static String upload(byte[] body, String contentType) {
        return given().baseUri(ingest.baseUrl()).header("X-Api-Key", UPLOAD_KEY).contentType(contentType).body(body)
                .when().post("/api/letters")
                .then().statusCode(202).extract().path("documentId");
    }

    private static String seed(String name) {
        try (InputStream in = PipelineSystemIT.class.getResourceAsStream("/seeds/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> env(Map<String, String> db) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        // uploads need a key (ingest reads the bootstrap upload key from this variable)
        env.put("KAMERSTROOM_UPLOAD_API_KEY", UPLOAD_KEY);
        if (db != null) {
            env.put("KAMERSTROOM_DB_URL", db.get("url"));
            env.put("KAMERSTROOM_DB_USER", db.get("username"));
            env.put("KAMERSTROOM_DB_PASSWORD", db.get("password"));
        }
        return env;
    }

    private static Path jar(Path root, String module) {
        return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
