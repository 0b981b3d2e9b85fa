package nl.kamerstroom.ingest.source.tk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import nl.kamerstroom.events.SourceMetadata;
import nl.kamerstroom.ingest.intake.LetterDeletions;
import nl.kamerstroom.ingest.intake.LetterIntake;
import nl.kamerstroom.formats.FormatDetector;
import nl.kamerstroom.formats.FormatException;
import nl.kamerstroom.ingest.source.Aanhangselnummer;
import nl.kamerstroom.ingest.source.PublicationLinks;
import nl.kamerstroom.ingest.source.SafeXml;
import nl.kamerstroom.ingest.source.SourceHttp;
import nl.kamerstroom.ingest.source.SourceMetrics;
import org.w3c.dom.Element;

/**
 * One SyncFeed {@code Document} entry: a tombstone becomes a deletion (if ingest published the
 * document), a document of a set of written questions is downloaded from its enclosure and handed
 * to intake with its zaak numbers, soort, dates, askers and addressees. Everything else is ignored.
 */
@ApplicationScoped
public class TkDocumentIngest {

    public static final String SOURCE = "tk";

    @Inject
    TkHttp http;

    @Inject
    TkZaakDirectory directory;

    @Inject
    LetterIntake intake;

    @Inject
    LetterDeletions deletions;

    @Inject
    PublicationLinks links;

    public void handle(SyncFeedEntry entry, SyncFeedLinks feed, SourceMetrics.Stats stats) {
        if (entry.deleted()) {
            if (deletions.delete(SOURCE, entry.entityId())) {
                stats.deletion();
            }
            return;
        }
        TkDocument doc = TkDocument.from(entry.entityId(), entry.entity());
        if (!doc.isKamervraagDocument()) {
            return;
        }
        URI file = entry.enclosure() != null ? feed.rebase(entry.enclosure()) : feed.resource(doc.id());
        ingest(doc, zaken(doc, feed), file, entry.updated(), stats);
    }

    /**
     * Downloads one document of a set of written questions and hands it to intake with what the
     * Tweede Kamer says about it; shared by the SyncFeed and the OData backfill, so a document
     * reached both ways is the same document (same id, same metadata, deduplicated by content).
     *
     * @return whether it was published (false: the same content was published before)
     */
    public boolean ingest(TkDocument doc, TkZaakDirectory.Zaken zaken, URI file, java.time.Instant updated,
            SourceMetrics.Stats stats) {
        SourceHttp.Response response = http.get(file, "application/pdf, */*;q=0.5");
        if (response.body().length == 0) {
            throw new SafeXml.MalformedException("the file of document " + doc.id() + " is empty: " + file);
        }
        String contentType = contentType(response.contentType(), doc.contentType(), response.body());
        Optional<String> koopId = Aanhangselnummer.toKoopId(doc.aanhangselnummer());
        SourceMetadata metadata = new SourceMetadata(doc.soort(), zaken.numbers(),
                doc.onderwerp() != null ? doc.onderwerp() : doc.titel(), doc.datum(), zaken.askers(),
                zaken.addressees(), extra(doc, updated, koopId.orElse(null)), zaken.addressedTo());
        LetterIntake.Accepted accepted = intake.accept(new LetterIntake.Incoming(response.body(), contentType, SOURCE,
                doc.id(), fileName(doc, contentType), metadata));
        if (accepted.duplicate()) {
            stats.duplicate();
        } else {
            stats.emitted();
        }
        koopId.ifPresent(id -> links.link(id, zaken.numbers(), doc.id()));
        return !accepted.duplicate();
    }

    /** The zaken from the directory; a zaak not seen in the Zaak category yet is fetched by its GUID. */
    private TkZaakDirectory.Zaken zaken(TkDocument doc, SyncFeedLinks feed) {
        TkZaakDirectory.Zaken zaken = directory.lookup(doc.zaakRefs());
        if (zaken.missing().isEmpty()) {
            return zaken;
        }
        for (String id : zaken.missing()) {
            Element zaak = SafeXml.parse(http.get(feed.entity(id), "application/xml").body()).getDocumentElement();
            directory.zaak(id, zaak, "true".equals(SafeXml.attribute(zaak, "verwijderd")), true);
        }
        return directory.lookup(doc.zaakRefs());
    }

    private static Map<String, String> extra(TkDocument doc, java.time.Instant updated, String koopId) {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("tkDocumentId", doc.id());
        put(extra, "documentNummer", doc.documentNummer());
        put(extra, "vergaderjaar", doc.vergaderjaar());
        put(extra, "aanhangselnummer", doc.aanhangselnummer());
        put(extra, "koopId", koopId);
        put(extra, "bijgewerkt", updated == null ? null : updated.toString());
        return extra;
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** What the server says, else what the metadata says, else what the content is (the one detector decides). */
    private static String contentType(String served, String declared, byte[] content) {
        String type = FormatDetector.normalise(served);
        if (unknown(type)) {
            type = FormatDetector.normalise(declared);
        }
        if (unknown(type)) {
            try {
                type = FormatDetector.detect(content, null).mediaType();
            } catch (FormatException e) {
                type = null; // parse-service dead-letters it with the detector's reason
            }
        }
        return type == null ? "application/octet-stream" : type;
    }

    private static boolean unknown(String type) {
        return type == null || type.isEmpty() || type.equals("application/octet-stream");
    }

    private static String fileName(TkDocument doc, String contentType) {
        if (doc.documentNummer() == null) {
            return null;
        }
        return switch (contentType) {
            case "application/pdf" -> doc.documentNummer() + ".pdf";
            case "text/plain" -> doc.documentNummer() + ".txt";
            default -> doc.documentNummer();
        };
    }
}
