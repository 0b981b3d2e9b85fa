package nl.kamerstroom.ingest.source.koop;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.kamerstroom.events.SourceMetadata;
import nl.kamerstroom.ingest.intake.DependencyUnavailableException;
import nl.kamerstroom.ingest.intake.LetterIntake;
import nl.kamerstroom.ingest.intake.LetterRefusedException;
import nl.kamerstroom.ingest.source.CursorStore;
import nl.kamerstroom.ingest.source.HostBackingOffException;
import nl.kamerstroom.ingest.source.PublicationLinks;
import nl.kamerstroom.ingest.source.RetryableSourceException;
import nl.kamerstroom.ingest.source.SafeXml;
import nl.kamerstroom.ingest.source.Source;
import nl.kamerstroom.ingest.source.SourceException;
import nl.kamerstroom.ingest.source.SourceHttp;
import nl.kamerstroom.ingest.source.SourceMetrics;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;
import org.w3c.dom.Document;

/**
 * KOOP: the official XML of the Aanhangsel van de Handelingen (answered questions) and of questions
 * without answer, found through SRU with a modification-date cursor and downloaded from the FRBR
 * repository. Each record is published as {@code application/xml} with the zaak numbers its XML or
 * its id names, plus those the Tweede Kamer linked to it through the Aanhangselnummer.
 */
@ApplicationScoped
public class KoopSruSource implements Source {

    private static final Logger LOG = Logger.getLogger(KoopSruSource.class);
    public static final String SOURCE = "koop";
    static final String CATEGORY = "Kamervragen";
    private static final String PRODUCTION = "https://repository.overheid.nl";

    @ConfigProperty(name = "kamerstroom.sources.koop.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "kamerstroom.sources.koop.sru-url", defaultValue = "https://repository.overheid.nl/sru")
    String sruUrl;

    @ConfigProperty(name = "kamerstroom.sources.koop.repository-url", defaultValue = PRODUCTION)
    String repositoryUrl;

    @ConfigProperty(name = "kamerstroom.sources.koop.start-date", defaultValue = "2025-01-01")
    LocalDate startDate;

    @ConfigProperty(name = "kamerstroom.sources.koop.page-size", defaultValue = "50")
    int pageSize;

    @Inject
    KoopHttp http;

    @Inject
    CursorStore cursors;

    @Inject
    SourceMetrics metrics;

    @Inject
    KoopPublications publications;

    @Inject
    PublicationLinks links;

    @Inject
    LetterIntake intake;

    /** Reports progress of a walk; the live poll advances the cursor with it, a backfill counts. */
    public interface Progress {
        void total(long total);

        void handled(SruRecord record, boolean emitted);
    }

    @Override
    public String name() {
        return SOURCE;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Scheduled(identity = "koop-sru", every = "${kamerstroom.sources.koop.poll-interval:10m}",
            delayed = "${kamerstroom.sources.koop.initial-delay:20s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        if (enabled) {
            poll();
        }
    }

    @Override
    public synchronized void poll() {
        SourceMetrics.Stats stats = metrics.of(SOURCE);
        LocalDate from = cursors.position(SOURCE, CATEGORY).map(LocalDate::parse).orElse(startDate);
        String failure = walk(from, new Progress() {
            @Override
            public void total(long total) {
            }

            @Override
            public void handled(SruRecord record, boolean emitted) {
                if (record.modifiedDate() != null) {
                    cursors.save(SOURCE, CATEGORY, record.modifiedDate().toString(), null);
                }
            }
        });
        if (failure == null) {
            stats.pollSucceeded();
        } else {
            stats.pollFailed(failure);
        }
    }

    /** Reads every record modified on or after {@code from}, in modification order; null when all went well. */
    public String walk(LocalDate from, Progress progress) {
        SourceMetrics.Stats stats = metrics.of(SOURCE);
        int start = 1;
        while (true) {
            URI uri = searchUri(from, start);
            SruPage page;
            try {
                page = SruResponseParser.parse(http.get(uri, "application/xml").body());
            } catch (SafeXml.MalformedException e) {
                LOG.warnf("koop: malformed SRU response %s: %s", uri, e.getMessage());
                stats.error("malformed", uri + ": " + e.getMessage());
                return "malformed response " + uri;
            } catch (RuntimeException e) {
                return unavailable(uri, e, stats);
            }
            if (start == 1) {
                progress.total(page.numberOfRecords());
            }
            for (SruRecord record : page.records()) {
                stats.entrySeen(null);
                boolean emitted = false;
                try {
                    emitted = handle(record, stats);
                } catch (SafeXml.MalformedException e) {
                    LOG.warnf("koop: skipped %s, its XML is malformed: %s", record.identifier(), e.getMessage());
                    stats.error("malformed", record.identifier() + ": " + e.getMessage());
                } catch (RetryableSourceException | HostBackingOffException | CircuitBreakerOpenException
                        | DependencyUnavailableException e) {
                    return unavailable(uri, e, stats);
                } catch (LetterRefusedException e) {
                    LOG.warnf("%s: skipped %s: %s", "koop", record.identifier(), e.getMessage());
                    stats.error("refused", e.getMessage());
                } catch (SourceException e) {
                    LOG.warnf("koop: skipped %s: %s", record.identifier(), e.getMessage());
                    stats.error("file", e.getMessage());
                }
                progress.handled(record, emitted);
            }
            if (page.records().isEmpty() || page.nextRecordPosition() == null) {
                return null;
            }
            start = page.nextRecordPosition();
        }
    }

    private boolean handle(SruRecord record, SourceMetrics.Stats stats) {
        if (publications.handled(record.identifier(), record.modified())) {
            return false;
        }
        URI xmlUri = xmlUri(record);
        SourceHttp.Response response = http.get(xmlUri, "application/xml");
        Document xml = SafeXml.parse(response.body());
        Set<String> zaken = new LinkedHashSet<>(KoopZaken.of(record.identifier(), xml));
        zaken.addAll(links.zaakNumbers(record.identifier()));
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("koopId", record.identifier());
        extra.put("modified", record.modified());
        if (record.publicatienaam() != null) {
            extra.put("publicatienaam", record.publicatienaam());
        }
        extra.put("url", xmlUri.toString());
        SourceMetadata metadata = new SourceMetadata(record.publicatienaam(), List.copyOf(zaken), record.title(),
                record.date(), record.indieners(), record.ontvangers(), extra);
        LetterIntake.Accepted accepted = intake.accept(new LetterIntake.Incoming(response.body(), "application/xml",
                SOURCE, record.identifier(), record.identifier() + ".xml", metadata));
        publications.record(record.identifier(), record.modified(), accepted.documentId());
        if (accepted.duplicate()) {
            stats.duplicate();
            return false;
        }
        stats.emitted();
        return true;
    }

    /** The CQL: both publication names, modified on or after the cursor date, oldest first. */
    static String cql(LocalDate from) {
        return "c.product-area==officielepublicaties and (w.publicatienaam==\"Kamervragen (Aanhangsel)\""
                + " or w.publicatienaam==\"Kamervragen zonder antwoord\") and dt.modified>=" + from
                + " sortBy dt.modified/sort.ascending";
    }

    URI searchUri(LocalDate from, int start) {
        return URI.create(sruUrl + "?operation=searchRetrieve&version=2.0&httpAccept=application/xml"
                + "&maximumRecords=" + pageSize + "&startRecord=" + start
                + "&query=" + URLEncoder.encode(cql(from), StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** The record's XML URL on the configured repository; built from the id when the record has none. */
    URI xmlUri(SruRecord record) {
        String base = repositoryUrl.endsWith("/") ? repositoryUrl.substring(0, repositoryUrl.length() - 1) : repositoryUrl;
        if (record.xmlUrl() != null) {
            int at = record.xmlUrl().indexOf("/frbr/");
            if (at >= 0) {
                return URI.create(base + record.xmlUrl().substring(at));
            }
            return URI.create(record.xmlUrl());
        }
        String id = record.identifier();
        String year = nl.kamerstroom.ingest.source.Aanhangselnummer.vergaderjaarOf(id)
                .orElseThrow(() -> new SafeXml.MalformedException("record " + id + " has no XML URL"));
        return URI.create(base + "/frbr/officielepublicaties/ah-tk/" + year + "/" + id + "/1/xml/" + id + ".xml");
    }

    private String unavailable(URI uri, RuntimeException e, SourceMetrics.Stats stats) {
        String kind = e instanceof CircuitBreakerOpenException ? "circuit-open"
                : e instanceof LetterIntake.PublishFailedException ? "publish"
                : e instanceof DependencyUnavailableException ? "database"
                : e instanceof HostBackingOffException ? "backing-off" : "http";
        LOG.warnf("koop: source unavailable at %s, will resume from the same cursor: %s", uri, e.toString());
        stats.error(kind, String.valueOf(e.getMessage()));
        return kind + ": " + e.getMessage();
    }
}
