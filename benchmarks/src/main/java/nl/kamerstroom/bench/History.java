package nl.kamerstroom.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import nl.kamerstroom.events.EventTypes;
import nl.kamerstroom.events.LetterFetched;
import nl.kamerstroom.events.SourceMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A synthetic history like the real archive since 1995: per year about {@code size / 32 / 1.3}
 * zaken with fresh numbers ({@code 1995Z00001}, …), each answered once, as KOOP XML (the archive's
 * best source, most letters) or as the typeset Aanhangsel PDF (one zaak in seven, about a tenth of
 * all letters); for some zaken the Tweede Kamer's own documents as well: the questions
 * ("Schriftelijke vragen", 15 %) and a postponement notice ("Mededeling (uitstel antwoord)", 15 %).
 *
 * <p>Loading it by upload at the pipeline's rate would take long, so {@link #load} writes the
 * records straight to {@code letters.fetched}, as ingest would after fetching them from the
 * sources: the events module's {@link LetterFetched} as JSON (bytes base64), keyed by document id,
 * CloudEvents binary-mode headers, and ingest's producer settings (acks=all, idempotent, zstd).
 * Ingest's ledger does not learn of them; parse and the store do, as of any fetched letter.
 */
final class History {

    static final int FIRST_YEAR = 1995;
    static final int LAST_YEAR = 2026;
    /** Letters per zaak on average: the answer, 15 % questions, 15 % postponements. */
    private static final double LETTERS_PER_ZAAK = 1.3;

    /** One fetched document, as a source would have delivered it. */
    record Item(String documentId, String source, String sourceId, String contentType, byte[] content,
            SourceMetadata metadata) {
    }

    private final Corpus corpus;
    private final int zakenPerYear;

    History(Corpus corpus, int size) {
        this.corpus = corpus;
        this.zakenPerYear = (int) Math.ceil(size / LETTERS_PER_ZAAK / (LAST_YEAR - FIRST_YEAR + 1));
    }

    int zaken() {
        return zakenPerYear * (LAST_YEAR - FIRST_YEAR + 1);
    }

    /** The document id of the first letter, to tell whether a stack already holds this history. */
    String firstAnswerId() {
        return zaak(0).get(zaak(0).size() - 1).documentId();
    }

    /** The letters of zaak {@code g} (0 … {@link #zaken()}−1) in the order they appeared. */
    List<Item> zaak(int g) {
        int year = FIRST_YEAR + g / zakenPerYear;
        int i = g % zakenPerYear;
        String zaak = String.format("%04dZ%05d", year, 1 + i * 3);
        LocalDate submitted = LocalDate.of(year, 1, 8).plusDays((long) i * 350 / zakenPerYear);
        LocalDate answered = submitted.plusDays(21 + g % 40);
        List<Item> items = new ArrayList<>();
        if (g % 20 < 3) {
            String id = tkId(zaak, "vragen");
            items.add(new Item("tk-" + id, "tk", id, "text/plain", corpus.questions(g, zaak, submitted),
                    metadata("Schriftelijke vragen", zaak, submitted)));
        }
        if ((g * 13) % 20 < 3) {
            String id = tkId(zaak, "uitstel");
            items.add(new Item("tk-" + id, "tk", id, "text/plain", corpus.postponement(g, zaak, submitted, submitted.plusDays(20)),
                    metadata("Mededeling (uitstel antwoord)", zaak, submitted.plusDays(20))));
        }
        if (g % 7 == 3) {
            String id = tkId(zaak, "antwoord");
            items.add(new Item("tk-" + id, "tk", id, "application/pdf", corpus.pdf(g, i + 1, answered),
                    metadata("Antwoord schriftelijke vragen", zaak, answered)));
        } else {
            String ah = "ah-tk-" + Corpus.vergaderjaar(answered) + "-" + (i + 1);
            items.add(new Item("koop-" + ah, "koop", ah, "application/xml", corpus.koopXml(g, zaak, i + 1, submitted),
                    metadata("Antwoord schriftelijke vragen", zaak, answered)));
        }
        return items;
    }

    /** What the loader did: letters written, bytes (before compression), seconds. */
    record Loaded(long letters, long bytes, double seconds) {
    }

    /** Writes every letter to {@code letters.fetched}; generation (PDF typesetting) runs on all cores. */
    Loaded load(String bootstrap, Runnable progress) throws Exception {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        props.put("compression.type", "zstd");
        props.put("batch.size", "262144");
        props.put("linger.ms", "20");
        props.put("max.request.size", "33554432");
        props.put("client.id", "bench-history-loader");
        long started = System.nanoTime();
        long letters = 0;
        long bytes = 0;
        int chunk = 500;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> pending = new ArrayList<>();
            for (int from = 0; from < zaken(); from += chunk) {
                int to = Math.min(zaken(), from + chunk);
                List<Item> items = IntStream.range(from, to).parallel().mapToObj(this::zaak)
                        .flatMap(List::stream).toList();
                for (Item item : items) {
                    Instant now = Instant.now();
                    LetterFetched event = new LetterFetched(item.documentId(), item.source(), item.sourceId(), null,
                            item.contentType(), sha256(item.content()), item.content().length, item.content(), now,
                            item.metadata());
                    byte[] value = json.writeValueAsBytes(event);
                    ProducerRecord<String, byte[]> record = new ProducerRecord<>(EventTypes.TOPIC_LETTERS_FETCHED,
                            item.documentId(), value);
                    // CloudEvents 1.0 in Kafka binary mode, as SmallRye writes them for ingest
                    record.headers().add("ce_specversion", bytes("1.0"))
                            .add("ce_id", bytes(UUID.randomUUID().toString()))
                            .add("ce_type", bytes(EventTypes.LETTER_FETCHED))
                            .add("ce_source", bytes("urn:kamerstroom:benchmarks-history-loader"))
                            .add("ce_time", bytes(OffsetDateTime.ofInstant(now, ZoneOffset.UTC).toString()))
                            .add("content-type", bytes("application/json"));
                    pending.add(producer.send(record));
                    letters++;
                    bytes += value.length;
                }
                for (Future<RecordMetadata> f : pending) {
                    f.get();
                }
                pending.clear();
                progress.run();
            }
        }
        return new Loaded(letters, bytes, (System.nanoTime() - started) / 1e9);
    }

    /** How many letters {@link #load} writes, without generating them. */
    long size() {
        long n = 0;
        for (int g = 0; g < zaken(); g++) {
            n += 1 + (g % 20 < 3 ? 1 : 0) + ((g * 13) % 20 < 3 ? 1 : 0);
        }
        return n;
    }

    private static SourceMetadata metadata(String soort, String zaak, LocalDate date) {
        return new SourceMetadata(soort, List.of(zaak), null, date, List.of(), List.of(), Map.of());
    }

    /** A stable id like the Tweede Kamer's (a UUID), derived from the zaak and the document's role. */
    private static String tkId(String zaak, String role) {
        return UUID.nameUUIDFromBytes((zaak + "/" + role).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
