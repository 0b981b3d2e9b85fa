package nl.kamerstroom.store.site;

import static io.restassured.RestAssured.given;
import static nl.kamerstroom.store.Letters.a;
import static nl.kamerstroom.store.Letters.event;
import static nl.kamerstroom.store.Letters.letter;
import static nl.kamerstroom.store.Letters.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.LetterParsed;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.store.Letters;
import nl.kamerstroom.store.mail.SmtpResource;
import nl.kamerstroom.store.mail.TestMailbox;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

/**
 * The site in a real browser: Debian's headless Chromium, driven through chromedriver, against the
 * running store with its real Kafka and PostgreSQL. Every page is screenshotted to
 * {@code target/screenshots/} and checked by {@code site/a11y-check.js}.
 *
 * <p>Without Chromium the test fails and says how to install it; {@code -Dkamerstroom.browser.skip=true}
 * skips it on a machine without a browser (never in CI: {@code .ci/run} installs one).
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PeerStubs.class, scope = TestResourceScope.GLOBAL)
class SiteBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("kamerstroom.browser.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("kamerstroom.browser.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String MINISTRY = "Minister van Infrastructuur en Waterstaat";

    private static ChromeDriver browser;
    private static Path profile;

    @TestHTTPResource("/")
    URL base;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "kamerstroom.admin.api-key")
    String operatorKey;

    @Inject
    ObjectMapper json;

    @BeforeAll
    static void startBrowser() throws IOException {
        Assumptions.assumeFalse(Boolean.getBoolean("kamerstroom.browser.skip"),
                "browser test skipped on request (-Dkamerstroom.browser.skip=true)");
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The site's browser test needs Chromium at " + CHROMIUM + " and chromedriver at "
                    + CHROMEDRIVER + ": install them with `apt-get install -y chromium chromium-driver` (.ci/run does),"
                    + " or skip this test locally with -Dkamerstroom.browser.skip=true");
        }
        profile = Files.createTempDirectory("kamerstroom-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1280,1600", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aPersonReadsTheNewestAnswersSearchesReadsAZaakAndSeesWhoIsLate() throws Exception {
        // a zaak with three questions, two answered together, a footnote and a parser warning
        String zaak = Letters.newZaak();
        List<ParsedLetter.Question> questions = List.of(q("1", "Kent u het bericht over de sluisdeuren bij Terneuzen?"),
                q("2", "Hoe vaak faalden de sluisdeuren dit jaar?"), q("3", "Wanneer worden de sluisdeuren vervangen?"));
        ParsedLetter asked = rich(LetterKind.QUESTIONS, zaak, LocalDate.of(2025, 9, 1), questions, List.of(), List.of());
        ParsedLetter answered = rich(LetterKind.ANSWER, zaak, LocalDate.of(2025, 9, 20), questions,
                List.of(a("Ja, dat bericht ken ik.", "1"), a("De sluisdeuren faalden twee keer; vervanging volgt in 2027.", "2", "3")),
                List.of("Vraag 3 had geen eigen antwoord; het antwoord op vraag 2 lijkt beide te dekken."));
        // a zaak that is long overdue, to a different ministry and party
        String late = Letters.newZaak();
        LetterParsed lateQuestions = event("kv-tk-" + late, sha('c'), letter(LetterKind.QUESTIONS, late,
                LocalDate.of(2025, 1, 6), LocalDate.of(2025, 1, 6), "Van der Laan", "CDA", "Minister van Financiën",
                List.of(q("1", "Waarom duurt het herstel van de toeslagen zo lang?")), List.of()));
        Letters.publish(bootstrapServers, json, event("kv-tk-" + zaak, sha('a'), asked),
                event("ah-tk-" + zaak, sha('b'), answered), lateQuestions);
        awaitZaak(zaak, "ANSWERED");
        awaitZaak(late, "ASKED");

        // a question asked earlier, answered while the home page is open
        String live = Letters.newZaak();
        List<ParsedLetter.Question> liveQuestions = List.of(q("1", "Wat doet u aan de files op de A12?"));
        Letters.publish(bootstrapServers, json, event("kv-tk-" + live, sha('d'), letter(LetterKind.QUESTIONS, live,
                LocalDate.of(2025, 10, 1), LocalDate.of(2025, 10, 1), "Jansma", "GL-PvdA", MINISTRY, liveQuestions, List.of())));
        awaitZaak(live, "ASKED");

        Map<String, List<String>> problems = new LinkedHashMap<>();

        // home: the newest answer is listed; then one arrives and appears without a reload
        open("/");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Nieuwste antwoorden op Kamervragen");
        assertThat(browser.findElements(By.cssSelector("#nieuwste li[data-zaak='" + zaak + "']"))).hasSize(1);
        await().atMost(Duration.ofSeconds(15)).until(() -> "open".equals(script("return document.body.dataset.live;")));
        script("window.kamerstroomNotReloaded = true;");
        Letters.publish(bootstrapServers, json, event("ah-tk-" + live, sha('e'), letter(LetterKind.ANSWER, live,
                LocalDate.of(2025, 10, 1), LocalDate.of(2025, 10, 15), "Jansma", "GL-PvdA", MINISTRY, liveQuestions,
                List.of(a("Er komt een extra rijstrook bij Zoetermeer.", "1")))));
        await().atMost(Duration.ofSeconds(30)).until(() -> !browser.findElements(
                By.cssSelector("#nieuwste li[data-zaak='" + live + "']")).isEmpty());
        WebElement first = browser.findElement(By.cssSelector("#nieuwste li:first-child"));
        assertThat(first.getAttribute("data-zaak")).isEqualTo(live);
        assertThat(first.getText()).contains("Er komt een extra rijstrook bij Zoetermeer.");
        assertThat(script("return window.kamerstroomNotReloaded === true;")).as("the page was not reloaded").isEqualTo(true);
        check("home", problems);

        // search: the form finds the question by a word from its answer, highlighted; filters narrow it
        open("/zoeken");
        browser.findElement(By.id("q")).sendKeys("sluisdeuren");
        browser.findElement(By.cssSelector("form.search button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("q=sluisdeuren"));
        List<WebElement> hits = browser.findElements(By.cssSelector("li.hit[data-zaak='" + zaak + "']"));
        assertThat(hits).hasSize(3);
        assertThat(hits.get(0).findElement(By.tagName("mark")).getText()).containsIgnoringCase("sluisdeur");
        check("zoeken", problems);
        browser.findElement(By.id("partij")).sendKeys("CDA");
        browser.findElement(By.cssSelector("form.search button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("partij=CDA"));
        assertThat(browser.findElements(By.cssSelector("li.hit"))).isEmpty();
        assertThat(browser.findElement(By.id("resultaten")).getText()).isEqualTo("0 vragen gevonden");
        browser.findElement(By.id("partij")).clear();
        browser.findElement(By.id("q")).clear();
        new Select(browser.findElement(By.id("status"))).selectByValue("ASKED");
        browser.findElement(By.id("ministerie")).sendKeys("Financiën");
        browser.findElement(By.cssSelector("form.search button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("status=ASKED"));
        assertThat(browser.findElements(By.cssSelector("li.hit")).stream().map(e -> e.getAttribute("data-zaak")))
                .contains(late).doesNotContain(zaak, live);
        screenshot("zoeken-gefilterd");

        // the zaak: timeline, questions with their answers side by side, the combined answer once
        open("/zaken/" + zaak);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Vragen over " + zaak);
        String timeline = browser.findElement(By.cssSelector("ol.timeline")).getText();
        assertThat(timeline).contains("1 september 2025 Vragen gesteld", "20 september 2025 Beantwoord",
                "22 september 2025 Uiterste antwoorddatum");
        List<WebElement> rows = browser.findElements(By.cssSelector(".qa"));
        assertThat(rows).hasSize(2);
        WebElement question1 = rows.get(0).findElement(By.cssSelector(".question"));
        WebElement answer1 = rows.get(0).findElement(By.cssSelector(".answer-text"));
        assertThat(question1.getText()).contains("Kent u het bericht over de sluisdeuren bij Terneuzen?");
        assertThat(answer1.getText()).contains("Ja, dat bericht ken ik.");
        // side by side: the answer starts right of the question, on the same line
        assertThat(answer1.getRect().getX()).isGreaterThan(question1.getRect().getX() + question1.getRect().getWidth());
        assertThat(Math.abs(answer1.getRect().getY() - question1.getRect().getY())).isLessThan(20);
        assertThat(rows.get(1).findElements(By.cssSelector(".question"))).hasSize(2);
        assertThat(rows.get(1).findElements(By.cssSelector(".answer-text"))).hasSize(1);
        assertThat(rows.get(1).findElement(By.cssSelector(".answer-text h3")).getText()).isEqualTo("Antwoord op vragen 2 en 3");
        assertThat(browser.findElement(By.cssSelector(".warnings")).getText())
                .contains("het antwoord op vraag 2 lijkt beide te dekken");
        WebElement footnote = browser.findElement(By.cssSelector("ul.footnotes a"));
        assertThat(footnote.getAttribute("href")).isEqualTo("https://www.rijkswaterstaat.nl/sluis-terneuzen");
        assertThat(browser.findElement(By.cssSelector("a[href='/feeds/zaken/" + zaak + ".atom']")).getText())
                .isEqualTo("Atom-feed van deze zaak");
        assertThat(browser.findElement(By.linkText("ah-tk-" + zaak + " op officielebekendmakingen.nl"))
                .getAttribute("href")).isEqualTo("https://zoek.officielebekendmakingen.nl/ah-tk-" + zaak + ".html");
        check("zaak", problems);

        // who is late: the overdue zaak under its minister, with days late and no postponement
        open("/openstaand");
        WebElement lateRow = browser.findElement(By.cssSelector("tr[data-zaak='" + late + "']"));
        List<WebElement> cells = lateRow.findElements(By.tagName("td"));
        assertThat(cells.get(4).getText()).isEqualTo(String.valueOf(
                java.time.temporal.ChronoUnit.DAYS.between(LocalDate.of(2025, 1, 27), LocalDate.now(java.time.ZoneId.of("Europe/Amsterdam")))));
        assertThat(cells.get(5).getText()).isEqualTo("nee");
        assertThat(lateRow.findElement(By.xpath("ancestor::table/caption")).getText()).contains("Minister van Financiën");
        assertThat(browser.findElements(By.cssSelector("svg.chart rect"))).hasSize(8);
        // answered in time per month: 24 months in the table, a bar for each month with answers,
        // September 2025 (the zaak above, answered in 19 days) among them
        List<WebElement> months = browser.findElements(By.cssSelector("#op-tijd-tabel tbody tr"));
        assertThat(months).hasSize(24);
        long withAnswers = months.stream().filter(r -> !r.findElements(By.tagName("td")).get(3).getText()
                .equals("geen antwoorden")).count();
        assertThat(browser.findElements(By.cssSelector("svg.months rect"))).hasSize((int) withAnswers);
        assertThat(browser.findElements(By.cssSelector("svg.months rect[data-maand='september 2025']"))).hasSize(1);
        check("openstaand", problems);
        script("document.getElementById('op-tijd').scrollIntoView();");
        screenshot("openstaand-per-maand");

        // a member's page and an unknown zaak
        open("/kamerleden/Jansma");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Vragen van Jansma");
        assertThat(browser.findElements(By.linkText(live))).hasSize(1);
        check("kamerlid", problems);
        open("/zaken/2099Z99999x");
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("is niet gevonden");
        check("niet-gevonden", problems);

        assertThat(problems).as("accessibility problems per page").allSatisfy((page, list) -> assertThat(list).isEmpty());
    }

    @Test
    void markupInALetterIsShownAsTextAndLongResultsArePaged() throws Exception {
        String zaak = Letters.newZaak();
        List<ParsedLetter.Question> questions = new ArrayList<>();
        questions.add(q("1", "Deelt u de zorg over <script>window.pwned = 1</script> het zeewier in de Waddenzee?"));
        for (int i = 2; i <= 21; i++) {
            questions.add(q(String.valueOf(i), "Hoeveel zeewier lag er in week " + i + "?"));
        }
        Letters.publish(bootstrapServers, json, event("kv-tk-" + zaak, sha('f'), letter(LetterKind.QUESTIONS, zaak,
                LocalDate.of(2025, 11, 3), LocalDate.of(2025, 11, 3), "Kostić", "PvdD", MINISTRY, questions, List.of())));
        awaitZaak(zaak, "ASKED");

        String page = given().get("/zaken/" + zaak).then().statusCode(200).extract().asString();
        assertThat(page).contains("&lt;script&gt;window.pwned = 1&lt;/script&gt;").doesNotContain("<script>window.pwned");
        // questions become searchable shortly after they are stored (SearchIndexer fills the Dutch index in batches)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                given().get("/zoeken?q=zeewier").then().statusCode(200).extract().asString()).contains("21 vragen gevonden"));
        String search = given().get("/zoeken?q=zeewier").then().statusCode(200).extract().asString();
        assertThat(search).contains("21 vragen gevonden", "Pagina 1 van 2", "<mark>zeewier</mark>")
                .doesNotContain("<script>window.pwned");
        open("/zoeken?q=zeewier");
        assertThat(browser.findElements(By.cssSelector("li.hit"))).hasSize(20);
        browser.findElement(By.linkText("Volgende pagina")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("pagina=2"));
        assertThat(browser.findElements(By.cssSelector("li.hit"))).hasSize(1);
        assertThat(browser.findElement(By.cssSelector(".pages span")).getText()).isEqualTo("Pagina 2 van 2");
        screenshot("zoeken-pagina-2");
        open("/zaken/" + zaak);
        assertThat(browser.findElement(By.id("vraag-1")).getText()).contains("<script>window.pwned = 1</script>");
        assertThat(script("return window.pwned === undefined;")).isEqualTo(true);
    }

    @Test
    void theHomePageCountsTodaysAnswersAndListsWhatWentOverdueToday() throws Exception {
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Europe/Amsterdam"));
        long answersToday = homeCount("antwoorden-vandaag");
        long answersThisWeek = homeCount("antwoorden-week");
        String answered = Letters.newZaak();
        String overdue = Letters.newZaak();
        List<ParsedLetter.Question> one = List.of(q("1", "Wanneer komt de brief?"));
        Letters.publish(bootstrapServers, json,
                event("ah-tk-" + answered, sha('g'), letter(LetterKind.ANSWER, answered, today.minusDays(10), today,
                        "Jansma", "VVD", MINISTRY, one, List.of(a("Volgende week.", "1")))),
                // the three-week term ended yesterday: today is its first day overdue (AnswerTerm)
                event("kv-tk-" + overdue, sha('h'), letter(LetterKind.QUESTIONS, overdue, today.minusDays(22),
                        today.minusDays(22), "Jansma", "VVD", MINISTRY, one, List.of())));
        awaitZaak(answered, "ANSWERED");
        awaitZaak(overdue, "ASKED");
        assertThat(homeCount("antwoorden-vandaag")).isEqualTo(answersToday + 1);
        assertThat(homeCount("antwoorden-week")).isEqualTo(answersThisWeek + 1);
        String home = given().get("/").then().statusCode(200).extract().asString();
        assertThat(home.substring(home.indexOf("id=\"te-laat-kop\""))).contains("href=\"/zaken/" + overdue + "\"")
                .doesNotContain("href=\"/zaken/" + answered + "\"");
    }

    @Test
    void aPersonFollowsAZaakByMailConfirmsThroughTheLinkAndReadsTheAnswerInTheMail() throws Exception {
        String zaak = Letters.newZaak();
        String address = "volger-" + zaak.toLowerCase() + "@voorbeeld.nl";
        List<ParsedLetter.Question> questions = List.of(q("1", "Hoe lang is de wachttijd voor een rijexamen in Zwolle?"));
        Letters.publish(bootstrapServers, json, event("kv-tk-" + zaak, sha('m'), letter(LetterKind.QUESTIONS, zaak,
                LocalDate.of(2025, 11, 3), LocalDate.of(2025, 11, 3), "Jansma", "GL-PvdA", MINISTRY, questions, List.of())));
        awaitZaak(zaak, "ASKED");
        Map<String, List<String>> problems = new LinkedHashMap<>();

        // "Volg deze zaak" on the zaak page: an address, then the confirmation page
        open("/zaken/" + zaak);
        WebElement form = browser.findElement(By.cssSelector("form.follow"));
        form.findElement(By.id("volg-email")).sendKeys(address);
        form.findElement(By.cssSelector("button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(15)).until(() -> browser.getCurrentUrl().endsWith("/volgen"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Bevestig via je e-mail");
        assertThat(browser.getPageSource()).doesNotContainIgnoringCase(address);
        check("volgen-aangevraagd", problems);

        // the link in the mail the SMTP server received, opened in the browser, and the button pressed
        String confirm = TestMailbox.linkPath(TestMailbox.await(address, 1).get(0), "bevestigen");
        open(confirm);
        check("volgen-bevestigen", problems);
        browser.findElement(By.cssSelector("form.confirm button")).click();
        await().atMost(Duration.ofSeconds(15)).until(() -> browser.findElement(By.tagName("h1")).getText()
                .equals("Je volgt nu zaak " + zaak));
        check("volgen-bevestigd", problems);

        // the answer arrives: a mail with the question and the answer text
        Letters.publish(bootstrapServers, json, event("ah-tk-" + zaak, sha('n'), letter(LetterKind.ANSWER, zaak,
                LocalDate.of(2025, 11, 3), LocalDate.of(2025, 11, 20), "Jansma", "GL-PvdA", MINISTRY, questions,
                List.of(a("De wachttijd in Zwolle is nu negen weken; het CBR zet extra examinatoren in.", "1")))));
        jakarta.mail.internet.MimeMessage answer = TestMailbox.await(address, 2).get(1);
        Map<String, String> parts = TestMailbox.parts(answer);
        assertThat(parts.get("text")).contains("Hoe lang is de wachttijd voor een rijexamen in Zwolle?",
                "De wachttijd in Zwolle is nu negen weken; het CBR zet extra examinatoren in.");
        assertThat(TestMailbox.header(answer, "List-Unsubscribe")).contains("/volgen/afmelden/");
        // the mail's HTML as a reader's mail program shows it
        Path mailHtml = SCREENSHOTS.toAbsolutePath().resolve("mail-antwoord.html");
        Files.writeString(mailHtml, parts.get("html"));
        browser.get(mailHtml.toUri().toString());
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("De wachttijd in Zwolle is nu negen weken");
        screenshot("mail-antwoord");

        // the unsubscribe link in the mail: the choice, then everything deleted
        open(TestMailbox.linkPath(answer, "afmelden"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Afmelden");
        check("afmelden", problems);
        browser.findElement(By.cssSelector("form.forget button")).click();
        await().atMost(Duration.ofSeconds(15)).until(() -> browser.findElement(By.tagName("h1")).getText()
                .equals("Je gegevens zijn verwijderd"));
        check("afgemeld", problems);
        assertThat(problems).as("accessibility problems per page").allSatisfy((page, list) -> assertThat(list).isEmpty());
    }

    @Test
    void theOperatorSignsInWithTheKeyAndSeesProgressAndDeadLetters() throws Exception {
        WireMockServer ingest = PeerStubs.ingest();
        WireMockServer parse = PeerStubs.parse();
        ingest.resetAll();
        parse.resetAll();
        peer(ingest, "/api/admin/sources", """
                {"now":"2026-12-01T12:00:00Z","sources":[
                 {"name":"koop","enabled":true,"up":true,"lastSuccess":"2026-12-01T11:50:00Z","lastFailure":null,
                  "lagSeconds":3600,"cursors":[{"category":"modified","position":"2026-12-01"}]},
                 {"name":"tk","enabled":true,"up":false,"lastSuccess":"2026-12-01T09:00:00Z","lastFailure":"2026-12-01T11:59:00Z",
                  "lastFailureReason":"http: HTTP 503","lagSeconds":14400,"cursors":[{"category":"Document","position":"81723"}]}]}""");
        peer(ingest, "/api/backfill", """
                {"backfills":[{"id":3,"source":"tk","from":"2024-01-01","status":"RUNNING","done":1250,"total":4000,
                  "emitted":1200,"perSecond":8.5,"etaSeconds":324}]}""");
        peer(parse, "/api/admin/reparse", """
                {"id":"r-1","state":"RUNNING","total":5000,"done":3100,"failed":12,"lettersPerSecond":41.0,"etaSeconds":46}""");
        peer(parse, "/api/admin/dlq", """
                {"total":1,"deadLetters":[{"documentId":"kv-tk-2025Z99999","reason":"TooManyParts: 10720 antwoorden",
                  "errorType":"TooManyParts","source":"koop","failedAt":"2026-12-01T10:00:00Z"}]}""");

        Map<String, List<String>> problems = new LinkedHashMap<>();
        open("/beheer");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Aanmelden voor beheer");
        assertThat(browser.findElements(By.id("bronnen"))).isEmpty();
        browser.findElement(By.id("sleutel")).sendKeys("niet-de-sleutel");
        browser.findElement(By.cssSelector("form.login button[type=submit]")).click();
        assertThat(browser.findElement(By.id("aanmelden-fout")).getText()).isEqualTo("Deze sleutel klopt niet.");
        check("beheer-aanmelden", problems);

        browser.findElement(By.id("sleutel")).sendKeys(operatorKey);
        browser.findElement(By.cssSelector("form.login button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.id("bronnen")).isEmpty());
        assertThat(browser.getCurrentUrl()).endsWith("/beheer").doesNotContain(operatorKey);
        assertThat(script("return document.cookie;")).as("HttpOnly: no script reads the session").isEqualTo("");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Beheer");
        WebElement tk = browser.findElement(By.cssSelector("tr[data-bron='tk']"));
        assertThat(tk.getText()).contains("mislukt", "http: HTTP 503", "4 u 0 min", "Document: 81723");
        WebElement backfill = browser.findElement(By.id("backfill-3"));
        assertThat(backfill.getTagName()).isEqualTo("progress");
        assertThat(backfill.getAttribute("value")).isEqualTo("1250");
        assertThat(backfill.getAttribute("max")).isEqualTo("4000");
        assertThat(browser.findElement(By.cssSelector("label[for='backfill-3']")).getText()).contains("Import 3 van tk");
        assertThat(browser.findElement(By.id("reparse-progress")).getAttribute("value")).isEqualTo("3112");
        assertThat(browser.findElement(By.id("dlq-parse-tabel")).getText()).contains("kv-tk-2025Z99999", "TooManyParts: 10720 antwoorden");
        check("beheer", problems);
        browser.findElement(By.cssSelector("form[action='/beheer/afmelden'] button")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.id("sleutel")).isEmpty());
        assertThat(problems).as("accessibility problems per page").allSatisfy((page, list) -> assertThat(list).isEmpty());
    }

    private static void peer(WireMockServer server, String path, String body) {
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(path))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private static long homeCount(String id) {
        String home = given().get("/").then().statusCode(200).extract().asString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("id=\"" + id + "\">(?<count>\\d+)<").matcher(home);
        assertThat(m.find()).as("count " + id + " on the home page").isTrue();
        return Long.parseLong(m.group("count"));
    }

    @Test
    void pagesAreServedQuicklyAndAnUnknownZaakIs404() {
        String zaak = Letters.newZaak();
        Map<String, Long> millis = new LinkedHashMap<>();
        for (String path : List.of("/", "/zoeken?q=sluisdeuren", "/zoeken?partij=CDA&status=ASKED", "/openstaand",
                "/kamerleden/Jansma")) {
            given().get(path).then().statusCode(200); // warm up
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                best = Math.min(best, given().get(path).then().statusCode(200).extract().time());
            }
            millis.put(path, best);
        }
        System.out.println("site page times (best of 5, ms, small database): " + millis);
        assertThat(millis.values()).allSatisfy(ms -> assertThat(ms).isLessThan(200));
        given().get("/zaken/" + zaak).then().statusCode(404);
        given().get("/zaken/kapot").then().statusCode(404);
        given().get("/zoeken?van=gisteren").then().statusCode(400);
    }

    private void open(String path) {
        browser.get(base.toString().replaceAll("/$", "") + path);
    }

    private void check(String page, Map<String, List<String>> problems) throws IOException {
        screenshot(page);
        @SuppressWarnings("unchecked")
        List<Object> found = (List<Object>) script(resource("site/a11y-check.js"));
        problems.put(page, new ArrayList<>(found.stream().map(String::valueOf).toList()));
    }

    private static Object script(String source) {
        return ((JavascriptExecutor) browser).executeScript(source);
    }

    private static void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SiteBrowserTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void awaitZaak(String zaak, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var response = given().get("/api/zaken/" + zaak);
            return response.statusCode() == 200 && status.equals(response.jsonPath().getString("status"));
        });
    }

    private static ParsedLetter rich(LetterKind kind, String zaak, LocalDate date, List<ParsedLetter.Question> questions,
            List<ParsedLetter.Answer> answers, List<String> warnings) {
        return new ParsedLetter(kind, null, List.of(zaak), null, "Vragen over " + zaak, LocalDate.of(2025, 9, 1), null,
                date, List.of(new ParsedLetter.Member("Bikker", "ChristenUnie")), List.of(MINISTRY),
                answers.isEmpty() ? List.of() : List.of(MINISTRY), questions, answers,
                answers.isEmpty() ? List.of() : List.of(new ParsedLetter.Footnote("1", "Rijkswaterstaat over de sluis",
                        "https://www.rijkswaterstaat.nl/sluis-terneuzen")),
                warnings, List.of());
    }

    private static String sha(char c) {
        return String.valueOf(c).repeat(64);
    }
}
