package nl.kamerstroom.store.bench;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * The site's pages at scale, measured: fills the embedded PostgreSQL with ~5,000 letters holding
 * ~100,000 questions (2,800 zaken of 20 questions, 2,200 of them answered by a letter that reprints the
 * questions) straight through {@code COPY}, not through Kafka, then times every page over HTTP on
 * loopback (the request's time as the client sees it, which on loopback is the server's time) and
 * prints p50 and p95 per page. The figures are in the store README ("Site", speed).
 *
 * <p>Not part of {@code ./mvnw verify}: run with
 * {@code ./mvnw -B -o -pl store-service -am verify -Pbenchmark -Dtest=SiteBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.zaken=2800 -Dbench.questions=20 -Dbench.requests=40} to change the size).
 */
@QuarkusTest
@Tag("benchmark")
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class SiteBenchmarkTest {

    private static final String[][] MEMBERS = {{"Sneller", "D66"}, {"Mutluer", "GroenLinks-PvdA"},
            {"Kathmann", "GroenLinks-PvdA"}, {"Omtzigt", "NSC"}, {"Bikker", "ChristenUnie"}, {"Eerdmans", "JA21"},
            {"Van Haga", "BVNL"}, {"Dassen", "Volt"}, {"Van der Plas", "BBB"}, {"Wilders", "PVV"}, {"Bontenbal", "CDA"},
            {"Dijk", "SP"}, {"Ouwehand", "PvdD"}, {"Stoffer", "SGP"}, {"Van Baarle", "DENK"}, {"Brekelmans", "VVD"}};
    private static final String[] OFFICES = {"Minister van Justitie en Veiligheid", "Minister van Financiën",
            "Minister van Volksgezondheid, Welzijn en Sport", "Minister van Defensie",
            "Minister van Infrastructuur en Waterstaat", "Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties",
            "Minister van Onderwijs, Cultuur en Wetenschap", "Minister van Economische Zaken", "Minister van Buitenlandse Zaken",
            "Minister van Sociale Zaken en Werkgelegenheid", "Minister van Landbouw, Visserij, Voedselzekerheid en Natuur",
            "Minister voor Klimaat en Groene Groei"};
    private static final String[] TOPICS = {"de sluisdeuren", "het stikstofbeleid", "de toeslagenaffaire", "de wachtlijsten in de ggz",
            "de woningnood", "de gaswinning", "de asielopvang", "het lerarentekort", "de netcongestie", "de files op de A12",
            "de politiecapaciteit", "de jeugdzorg", "de energierekening", "de drinkwatervoorziening", "de cyberaanval",
            "de dijkversterking", "het openbaar vervoer", "de boerenprotesten", "de defensie-uitgaven", "de pensioenen"};
    private static final String[] PLACES = {"Terneuzen", "Groningen", "Rotterdam", "Zwolle", "Maastricht", "Den Helder",
            "Utrecht", "Eindhoven", "Leeuwarden", "Middelburg", "Arnhem", "Almere", "Amersfoort", "Venlo", "Emmen"};

    /** An answer's body beyond its first sentence: real answers run to a paragraph or more. */
    private static final String FILLER = "Het kabinet volgt de ontwikkelingen nauwgezet en heeft de betrokken partijen gevraagd"
            + " om vóór de zomer met een voorstel te komen. Ik verwijs verder naar mijn brief aan uw Kamer over dit onderwerp"
            + " en zal de Kamer informeren zodra er meer bekend is over de uitkomsten van het overleg.";

    @Inject
    AgroalDataSource db;

    @Inject
    ObjectMapper json;

    @Test
    void pagesAtOneHundredThousandQuestions() throws Exception {
        int zaken = Integer.getInteger("bench.zaken", 2_800);
        int perLetter = Integer.getInteger("bench.questions", 20);
        int requests = Integer.getInteger("bench.requests", 40);
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Amsterdam"));
        long started = System.nanoTime();
        Fill fill = fill(zaken, perLetter, today);
        System.out.printf("site bench: filled %d letters, %d questions, %d zaken in %.1f s (COPY, search index built after)%n",
                fill.letters, fill.questions, zaken, (System.nanoTime() - started) / 1e9);

        Map<String, List<String>> pages = new LinkedHashMap<>();
        pages.put("/", List.of("/"));
        pages.put("/zoeken?q=…", List.of("/zoeken?q=sluisdeuren", "/zoeken?q=stikstofbeleid", "/zoeken?q=wachtlijsten+ggz",
                "/zoeken?q=Groningen"));
        pages.put("/zoeken?q=…&filters", List.of("/zoeken?q=woningnood&partij=D66&status=ANSWERED&van=2022-01-01",
                "/zoeken?q=asielopvang&ministerie=Justitie&tot=2025-12-31", "/zoeken?q=Rotterdam&lid=Omtzigt"));
        pages.put("/zoeken (filters only)", List.of("/zoeken?partij=CDA&status=ASKED", "/zoeken?ministerie=Financi%C3%ABn",
                "/zoeken?van=2024-01-01&tot=2024-06-30", "/zoeken?lid=Sneller&pagina=3"));
        pages.put("/zaken/{n}", fill.sampleZaken);
        pages.put("GET /api/zaken/{n}", fill.sampleZaken.stream().map(z -> "/api" + z).toList());
        pages.put("/openstaand", List.of("/openstaand"));
        pages.put("/kamerleden/{naam}", List.of("/kamerleden/Sneller", "/kamerleden/Van%20der%20Plas", "/kamerleden/Dijk?pagina=2"));
        pages.put("/partijen/{partij}", List.of("/partijen/D66", "/partijen/GroenLinks-PvdA", "/partijen/SGP"));
        pages.put("/bewindspersonen/{titel}", List.of("/bewindspersonen/Minister%20van%20Financi%C3%ABn",
                "/bewindspersonen/Minister%20van%20Defensie?pagina=2"));

        StringBuilder table = new StringBuilder("site bench: page times over HTTP on loopback, ms (" + requests
                + " requests per page after warm-up)\n");
        table.append(String.format("%-28s %7s %7s %7s%n", "page", "p50", "p95", "max"));
        for (Map.Entry<String, List<String>> page : pages.entrySet()) {
            List<String> urls = page.getValue();
            for (String url : urls) {
                for (int i = 0; i < 3; i++) {
                    given().get(url).then().statusCode(200);
                }
            }
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String url = urls.get(i % urls.size());
                millis.add(given().get(url).then().statusCode(200).extract().time());
            }
            millis.sort(Long::compare);
            table.append(String.format("%-28s %7d %7d %7d%n", page.getKey(), percentile(millis, 50), percentile(millis, 95),
                    millis.get(millis.size() - 1)));
        }
        // /openstaand keeps its figures until a zaak changes (OpenFigures): timed also as the first visit after a change
        List<Long> afterChange = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.execute("UPDATE zaak SET updated_at = now() WHERE number = '" + fill.sampleZaken.get(i % fill.sampleZaken.size())
                        .substring("/zaken/".length()) + "'");
            }
            afterChange.add(given().get("/openstaand").then().statusCode(200).extract().time());
        }
        afterChange.sort(Long::compare);
        table.append(String.format("%-28s %7d %7d %7d%n", "/openstaand after a change", percentile(afterChange, 50),
                percentile(afterChange, 95), afterChange.get(afterChange.size() - 1)));
        System.out.println(table);
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private record Fill(int letters, int questions, List<String> sampleZaken) {
    }

    /**
     * Rows as the store writes them (LetterStore, ZaakRecorder), generated with a fixed seed: a question
     * letter per zaak with its askers and addressee, for most zaken an answer letter with the answerer and the
     * reprinted questions, the answer texts on the zaak's questions, the zaak's status, deadline and reply
     * time. Ids start far above the sequences' so that a letter the store writes later cannot collide.
     */
    private Fill fill(int zaken, int perLetter, LocalDate today) throws Exception {
        Random random = new Random(42);
        long letterId = 50_000_000L;
        long questionId = 50_000_000L;
        long answerId = 50_000_000L;
        StringBuilder zaakRows = new StringBuilder();
        StringBuilder letterRows = new StringBuilder();
        StringBuilder questionRows = new StringBuilder();
        StringBuilder answerRows = new StringBuilder();
        StringBuilder askerRows = new StringBuilder();
        StringBuilder addresseeRows = new StringBuilder();
        StringBuilder answererRows = new StringBuilder();
        StringBuilder memberRows = new StringBuilder();
        StringBuilder officeRows = new StringBuilder();
        for (int m = 0; m < MEMBERS.length; m++) {
            memberRows.append(row(50_000_000L + m, MEMBERS[m][0], MEMBERS[m][1]));
        }
        for (int o = 0; o < OFFICES.length; o++) {
            officeRows.append(row(50_000_000L + o, OFFICES[o]));
        }
        int letters = 0;
        int questions = 0;
        List<String> sample = new ArrayList<>();
        for (int i = 0; i < zaken; i++) {
            LocalDate submitted = today.minusDays(random.nextInt(6 * 365));
            String number = submitted.getYear() + "Z" + String.format("%05d", i);
            if (i % (zaken / 20) == 0) {
                sample.add("/zaken/" + number);
            }
            int office = random.nextInt(OFFICES.length);
            String topic = TOPICS[random.nextInt(TOPICS.length)];
            String place = PLACES[random.nextInt(PLACES.length)];
            String subject = "Vragen over " + topic + " in " + place;
            boolean postponed = random.nextInt(10) == 0;
            // four in five answered, most within a few weeks, a tail of months; recent ones more often open
            boolean answered = random.nextInt(100) < (submitted.isAfter(today.minusDays(60)) ? 40 : 88);
            int replyDays = 3 + (int) Math.min(400, Math.abs(random.nextGaussian() * 25) + random.nextInt(15));
            LocalDate answeredOn = submitted.plusDays(replyDays);
            if (answered && answeredOn.isAfter(today)) {
                answered = false;
            }
            LocalDate deadline = submitted.plusDays(postponed ? 42 : 21);
            String status = answered ? "ANSWERED" : postponed ? "POSTPONED" : "ASKED";
            long asked = letterId++;
            int askers = 1 + random.nextInt(2);
            List<ParsedLetter.Member> askedBy = new ArrayList<>();
            for (int a = 0; a < askers; a++) {
                askedBy.add(new ParsedLetter.Member(MEMBERS[(i + a * 7) % MEMBERS.length][0],
                        MEMBERS[(i + a * 7) % MEMBERS.length][1]));
            }
            Long answerLetter = answered ? letterId++ : null;
            List<ParsedLetter.Question> printed = new ArrayList<>();
            List<ParsedLetter.Answer> answers = new ArrayList<>();
            for (int q = 1; q <= perLetter; q++) {
                String text = "Kent u het bericht over " + topic + " in " + place + " (vraag " + q + ")? Wat is uw oordeel over "
                        + TOPICS[random.nextInt(TOPICS.length)] + " en welke maatregelen neemt u in "
                        + PLACES[random.nextInt(PLACES.length)] + "?";
                String answer = "Ja. Over " + topic + " heb ik de Kamer eerder geïnformeerd; in " + place
                        + " worden maatregelen genomen (antwoord " + q + "). " + FILLER;
                printed.add(new ParsedLetter.Question(String.valueOf(q), text, q == 1 ? List.of("1") : List.of()));
                answers.add(new ParsedLetter.Answer(List.of(String.valueOf(q)), answer, q == 2 ? List.of("2") : List.of()));
                questionRows.append(row(questionId++, asked, q, String.valueOf(q), text, q == 1 ? "[\"1\"]" : "[]", null));
                questions++;
                if (answerLetter != null) {
                    // the Aanhangsel reprints the questions; each carries the text of the answer that covers it
                    questionRows.append(row(questionId++, answerLetter, q, String.valueOf(q), text, q == 1 ? "[\"1\"]" : "[]",
                            answer));
                    questions++;
                    answerRows.append(row(answerId++, answerLetter, q, "[\"" + q + "\"]", answer, q == 2 ? "[\"2\"]" : "[]"));
                }
            }
            List<ParsedLetter.Footnote> footnotes = List.of(
                    new ParsedLetter.Footnote("1", "NOS, 3 maart, over " + topic, "https://nos.nl/artikel/" + i),
                    new ParsedLetter.Footnote("2", "Kamerstuk 36 200, nr. " + i, null));
            List<String> warnings = i % 10 == 0 ? List.of("datum uit 'uw brief van' genomen") : List.of();
            letterRows.append(letter(asked, "kv-tk-bench-" + i, LetterKind.QUESTIONS, number, subject, submitted, submitted,
                    today, new ParsedLetter(LetterKind.QUESTIONS, "kv-tk-bench-" + i, List.of(number), null, subject, submitted,
                            submitted, submitted, askedBy, List.of(OFFICES[office]), List.of(), printed, List.of(), footnotes,
                            warnings, List.of())));
            letters++;
            for (int a = 0; a < askers; a++) {
                askerRows.append(row(asked, 50_000_000L + (i + a * 7) % MEMBERS.length, a));
            }
            addresseeRows.append(row(asked, 50_000_000L + office, 0));
            if (answerLetter != null) {
                letterRows.append(letter(answerLetter, "ah-tk-bench-" + i, LetterKind.ANSWER, number, subject, submitted,
                        answeredOn, today, new ParsedLetter(LetterKind.ANSWER, "ah-tk-bench-" + i, List.of(number), null,
                                subject, submitted, answeredOn, answeredOn, askedBy, List.of(OFFICES[office]),
                                List.of(OFFICES[office]), printed, answers, footnotes, warnings, List.of())));
                letters++;
                for (int a = 0; a < askers; a++) {
                    askerRows.append(row(answerLetter, 50_000_000L + (i + a * 7) % MEMBERS.length, a));
                }
                addresseeRows.append(row(answerLetter, 50_000_000L + office, 0));
                answererRows.append(row(answerLetter, 50_000_000L + office, 0));
            }
            // the primary letter is the answer letter once there is one (ZaakRecorder.primary)
            zaakRows.append(row(number, today + "T00:00:00Z", status, subject, submitted, deadline,
                    answered ? answeredOn : null, answered ? replyDays : null, postponed,
                    answerLetter != null ? answerLetter : asked, today + "T00:00:00Z",
                    postponed ? submitted.plusDays(19) : null, answered ? answeredOn : null));
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            PGConnection pg = c.unwrap(PGConnection.class);
            try (Statement s = c.createStatement()) {
                // the Dutch index is built once after the load instead of per row (ENGINEERING: 12x slower per row)
                s.execute("DROP INDEX IF EXISTS question_search_idx");
            }
            copy(pg, "member (id, name, party)", memberRows);
            copy(pg, "office (id, title)", officeRows);
            copy(pg, "zaak (number, first_seen_at, status, subject, submitted_date, deadline, answered_date, reply_days,"
                    + " postponed, primary_letter_id, updated_at, term_postponed_on, term_answered_on)", zaakRows);
            copy(pg, "letter (id, document_id, sha256, result_hash, kind, zaak_number, zaak_numbers, subject, submitted_date,"
                    + " letter_date, source, parsed_at, parser_version, parsed, stored_at, updated_at)", letterRows);
            copy(pg, "letter_asker (letter_id, member_id, position)", askerRows);
            copy(pg, "letter_addressee (letter_id, office_id, position)", addresseeRows);
            copy(pg, "letter_answerer (letter_id, office_id, position)", answererRows);
            copy(pg, "question (id, letter_id, position, number, text, footnotes, answer_text)", questionRows);
            copy(pg, "answer (id, letter_id, position, question_numbers, text, footnotes)", answerRows);
            try (Statement s = c.createStatement()) {
                s.execute("UPDATE question SET search = to_tsvector('dutch', text || ' ' || COALESCE(answer_text, ''))"
                        + " WHERE id >= 50000000");
                s.execute("CREATE INDEX question_search_idx ON question USING GIN (search) WITH (fastupdate = on)");
            }
            c.commit();
            try (Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                s.execute("ANALYZE");
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM question")) {
                    r.next();
                    System.out.println("site bench: " + r.getLong(1) + " questions stored in all");
                }
            }
        }
        return new Fill(letters, questions, sample);
    }

    /** A letter row; its parsed JSON as the writer stores it (LetterWriter: the whole ParsedLetter). */
    private String letter(long id, String documentId, LetterKind kind, String zaak, String subject, LocalDate submitted,
            LocalDate date, LocalDate today, ParsedLetter parsed) throws Exception {
        String sha = String.format("%064x", id);
        return row(id, documentId, sha, sha, kind.name(), zaak, "[\"" + zaak + "\"]", subject, submitted, date, "bench",
                date + "T10:00:00Z", "bench", json.writeValueAsString(parsed), date + "T10:00:00Z", today + "T00:00:00Z");
    }

    /** One line of COPY's text format: tab-separated, \N for null, backslash, tab and newline escaped. */
    private static String row(Object... values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append('\t');
            }
            Object v = values[i];
            line.append(v == null ? "\\N" : v.toString().replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n"));
        }
        return line.append('\n').toString();
    }

    private static void copy(PGConnection pg, String table, StringBuilder rows) throws Exception {
        pg.getCopyAPI().copyIn("COPY " + table + " FROM STDIN", new StringReader(rows.toString()));
    }
}
