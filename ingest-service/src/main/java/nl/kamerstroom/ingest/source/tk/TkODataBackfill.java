package nl.kamerstroom.ingest.source.tk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import nl.kamerstroom.events.Official;
import java.util.stream.Collectors;
import nl.kamerstroom.ingest.intake.DependencyUnavailableException;
import nl.kamerstroom.ingest.intake.LetterRefusedException;
import nl.kamerstroom.ingest.source.HostBackingOffException;
import nl.kamerstroom.ingest.source.RetryableSourceException;
import nl.kamerstroom.ingest.source.SafeXml;
import nl.kamerstroom.ingest.source.SourceException;
import nl.kamerstroom.ingest.source.SourceMetrics;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * A historical import from the Tweede Kamer: the SyncFeed has no date filter, its OData API has.
 * Pages {@code Document} filtered on the kamervragen soorten and a date, with the total from
 * {@code $count}, the zaak and its actors expanded, following {@code @odata.nextLink}; each file
 * comes from the SyncFeed's {@code Resources/{id}} and goes through the same ingest as the live
 * feed, so a document both reach is published once.
 *
 * <p>Field names: those of the served v4 sample ({@code corpus/api-samples/tk-odata}); the Tweede
 * Kamer's entity documentation (opendata.tweedekamer.nl/documentatie/document and /zaak) confirms
 * Document {@code Id} and {@code Soort}, Zaak {@code Nummer}, and the Document–Zaak and
 * Zaak–ZaakActor relations used here. v5 (June 2026) renamed fields; the rest could not be
 * confirmed for v5 from here, so all names are kept in {@link Fields}, the one place to change.
 */
@ApplicationScoped
public class TkODataBackfill {

    private static final Logger LOG = Logger.getLogger(TkODataBackfill.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The OData names this class reads. */
    static final class Fields {
        static final String ENTITY_SET = "Document";
        static final String ID = "Id";
        static final String SOORT = "Soort";
        static final String NUMMER = "DocumentNummer";
        static final String ONDERWERP = "Onderwerp";
        static final String TITEL = "Titel";
        static final String DATUM = "Datum";
        static final String VERGADERJAAR = "Vergaderjaar";
        static final String AANHANGSELNUMMER = "Aanhangselnummer";
        static final String CONTENT_TYPE = "ContentType";
        static final String VERWIJDERD = "Verwijderd";
        static final String ZAAK = "Zaak";
        static final String ZAAK_NUMMER = "Nummer";
        static final String ZAAK_ACTOR = "ZaakActor";
        static final String ACTOR_NAAM = "ActorNaam";
        static final String ACTOR_FRACTIE = "ActorFractie";
        static final String ACTOR_FUNCTIE = "Functie";
        static final String RELATIE = "Relatie";

        private Fields() {
        }
    }

    /** What a caller learns as the import goes. */
    public interface Progress {
        void total(long total);

        void handled(String documentId, boolean emitted);
    }

    @Inject
    TkHttp http;

    @Inject
    TkDocumentIngest documents;

    @Inject
    SourceMetrics metrics;

    @ConfigProperty(name = "kamerstroom.sources.tk.odata-url", defaultValue = "https://gegevensmagazijn.tweedekamer.nl/OData/v5")
    String odataUrl;

    @ConfigProperty(name = "kamerstroom.sources.tk.syncfeed-url",
            defaultValue = "https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0")
    String syncfeedUrl;

    /** @return {@code null} when the import reached the end, else why it stopped */
    public String walk(LocalDate from, Progress progress) {
        SourceMetrics.Stats stats = metrics.of(TkDocumentIngest.SOURCE);
        SyncFeedLinks files = new SyncFeedLinks(syncfeedUrl);
        URI page = firstPage(from);
        boolean first = true;
        while (page != null) {
            JsonNode body;
            try {
                body = JSON.readTree(http.get(page, "application/json").body());
            } catch (IOException e) {
                LOG.warnf("tk backfill: malformed OData page %s: %s", page, e.getMessage());
                stats.error("malformed", page + ": " + e.getMessage());
                return "malformed page " + page;
            } catch (RuntimeException e) {
                stats.error("http", page + ": " + e.getMessage());
                return "source unavailable at " + page + ": " + e.getMessage();
            }
            if (first) {
                progress.total(body.path("@odata.count").asLong(-1));
                first = false;
            }
            for (JsonNode entity : body.path("value")) {
                String id = entity.path(Fields.ID).asText(null);
                boolean emitted = false;
                try {
                    TkDocument doc = document(entity);
                    if (doc.isKamervraagDocument()) {
                        emitted = documents.ingest(doc, zaken(entity), files.resource(doc.id()), null, stats);
                    }
                } catch (RetryableSourceException | HostBackingOffException | CircuitBreakerOpenException
                        | DependencyUnavailableException e) {
                    stats.error("http", e.getMessage());
                    return "source unavailable at document " + id + ": " + e.getMessage();
                } catch (SourceException | SafeXml.MalformedException | IllegalArgumentException
                        | LetterRefusedException e) {
                    LOG.warnf("tk backfill: skipped document %s: %s", id, e.getMessage());
                    stats.error("file", id + ": " + e.getMessage());
                }
                progress.handled(id, emitted);
            }
            String next = body.path("@odata.nextLink").asText(null);
            page = next == null ? null : rebase(next);
        }
        return null;
    }

    URI firstPage(LocalDate from) {
        String soorten = new LinkedHashSet<>(withMededeling()).stream()
                .map(s -> Fields.SOORT + " eq '" + s.replace("'", "''") + "'").collect(Collectors.joining(" or "));
        String filter = Fields.VERWIJDERD + " eq false and " + Fields.DATUM + " ge " + from + "T00:00:00Z and ("
                + soorten + ")";
        String expand = Fields.ZAAK + "($select=" + Fields.ID + "," + Fields.ZAAK_NUMMER + ";$expand=" + Fields.ZAAK_ACTOR
                + "($select=" + Fields.ACTOR_NAAM + "," + Fields.ACTOR_FRACTIE + "," + Fields.ACTOR_FUNCTIE + ","
                + Fields.RELATIE + "))";
        return URI.create(base() + "/" + Fields.ENTITY_SET + "?$filter=" + encode(filter) + "&$orderby="
                + encode(Fields.DATUM + "," + Fields.ID) + "&$count=true&$top=100&$expand=" + encode(expand));
    }

    /** The kept soorten, and plain Mededelingen: {@link TkDocument#isKamervraagDocument} keeps the withdrawals. */
    private static List<String> withMededeling() {
        List<String> soorten = new ArrayList<>(TkDocument.KEPT_SOORTEN);
        soorten.add("Mededeling");
        return soorten;
    }

    static TkDocument document(JsonNode e) {
        String id = text(e, Fields.ID);
        String soort = text(e, Fields.SOORT);
        if (id == null || soort == null) {
            throw new IllegalArgumentException("a document without " + (id == null ? Fields.ID : Fields.SOORT));
        }
        List<String> zaakIds = new ArrayList<>();
        e.path(Fields.ZAAK).forEach(z -> zaakIds.add(z.path(Fields.ID).asText()));
        String datum = text(e, Fields.DATUM);
        return new TkDocument(id, soort, text(e, Fields.NUMMER), text(e, Fields.ONDERWERP), text(e, Fields.TITEL),
                datum == null ? null : OffsetDateTime.parse(datum).toLocalDate(), text(e, Fields.VERGADERJAAR),
                text(e, Fields.AANHANGSELNUMMER), text(e, Fields.CONTENT_TYPE), List.copyOf(zaakIds));
    }

    /** Zaak numbers, askers and addressees from the expanded zaak, as the live feed's directory gives them. */
    static TkZaakDirectory.Zaken zaken(JsonNode e) {
        Set<String> numbers = new LinkedHashSet<>();
        Set<String> askers = new LinkedHashSet<>();
        Set<String> addressees = new LinkedHashSet<>();
        Set<Official> addressedTo = new LinkedHashSet<>();
        for (JsonNode zaak : e.path(Fields.ZAAK)) {
            if (text(zaak, Fields.ZAAK_NUMMER) != null) {
                numbers.add(text(zaak, Fields.ZAAK_NUMMER));
            }
            for (JsonNode actor : zaak.path(Fields.ZAAK_ACTOR)) {
                String relatie = text(actor, Fields.RELATIE);
                String naam = text(actor, Fields.ACTOR_NAAM);
                if (relatie == null || naam == null || !TkZaakDirectory.RELATIES.contains(relatie)) {
                    continue;
                }
                if ("Gericht aan".equals(relatie)) {
                    String functie = text(actor, Fields.ACTOR_FUNCTIE);
                    addressees.add(functie != null ? functie : naam);
                    Official person = TkZaakDirectory.official(naam, functie);
                    if (person != null) {
                        addressedTo.add(person);
                    }
                } else {
                    String fractie = text(actor, Fields.ACTOR_FRACTIE);
                    askers.add(fractie == null ? naam : naam + " (" + fractie + ")");
                }
            }
        }
        return new TkZaakDirectory.Zaken(List.copyOf(numbers), List.copyOf(askers), List.copyOf(addressees), List.of(),
                List.copyOf(addressedTo));
    }

    /** nextLinks name the public host; a mirror or stub configured as the base serves the whole walk. */
    URI rebase(String next) {
        int at = next.indexOf("/" + Fields.ENTITY_SET + "?");
        return at < 0 ? URI.create(next) : URI.create(base() + next.substring(at));
    }

    private String base() {
        return odataUrl.endsWith("/") ? odataUrl.substring(0, odataUrl.length() - 1) : odataUrl;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
