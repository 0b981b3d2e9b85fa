package nl.kamerstroom.ingest.source.tk;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import nl.kamerstroom.ingest.intake.DependencyUnavailableException;
import nl.kamerstroom.ingest.intake.LetterIntake;
import nl.kamerstroom.ingest.intake.LetterRefusedException;
import nl.kamerstroom.ingest.source.CursorStore;
import nl.kamerstroom.ingest.source.HostBackingOffException;
import nl.kamerstroom.ingest.source.RetryableSourceException;
import nl.kamerstroom.ingest.source.SafeXml;
import nl.kamerstroom.ingest.source.Source;
import nl.kamerstroom.ingest.source.SourceException;
import nl.kamerstroom.ingest.source.SourceMetrics;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * The Tweede Kamer SyncFeed, followed page by page through {@code <link rel="next">}: first
 * {@code Zaak} and {@code ZaakActor} (the directory a Document's zaak GUID is resolved in), then
 * {@code Document}. The cursor of each category is the skiptoken of the last entry handled, saved
 * after that entry's event was acknowledged: a restart resumes right after it. An entry that is
 * malformed (or whose file is) is logged, counted and passed; a page that cannot be read, or a
 * source that is down, ends the category's poll with the cursor where it was.
 */
@ApplicationScoped
public class TkSyncFeedSource implements Source {

    private static final Logger LOG = Logger.getLogger(TkSyncFeedSource.class);
    static final List<String> CATEGORIES = List.of("Zaak", "ZaakActor", "Document");
    private static final String ATOM = "application/atom+xml, application/xml;q=0.9";

    @ConfigProperty(name = "kamerstroom.sources.tk.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "kamerstroom.sources.tk.syncfeed-url",
            defaultValue = "https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0")
    String syncfeedUrl;

    /** Where a category without a cursor starts; absent: the beginning of the feed (a full import). */
    @ConfigProperty(name = "kamerstroom.sources.tk.initial-skiptoken")
    Optional<String> initialSkiptoken;

    @ConfigProperty(name = "kamerstroom.sources.tk.max-pages-per-poll", defaultValue = "100")
    int maxPagesPerPoll;

    @Inject
    TkHttp http;

    @Inject
    CursorStore cursors;

    @Inject
    SourceMetrics metrics;

    @Inject
    TkZaakDirectory directory;

    @Inject
    TkDocumentIngest documents;

    @Override
    public String name() {
        return TkDocumentIngest.SOURCE;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Scheduled(identity = "tk-syncfeed", every = "${kamerstroom.sources.tk.poll-interval:60s}",
            delayed = "${kamerstroom.sources.tk.initial-delay:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        if (enabled) {
            poll();
        }
    }

    @Override
    public synchronized void poll() {
        SourceMetrics.Stats stats = metrics.of(name());
        SyncFeedLinks links = new SyncFeedLinks(syncfeedUrl);
        String failure = null;
        for (String category : CATEGORIES) {
            String problem = follow(category, links, stats);
            if (problem != null && failure == null) {
                failure = problem;
            }
        }
        if (failure == null) {
            stats.pollSucceeded();
        } else {
            stats.pollFailed(failure);
        }
    }

    /** Reads one category from its cursor to the end of the feed (or the page limit); null when all went well. */
    private String follow(String category, SyncFeedLinks links, SourceMetrics.Stats stats) {
        String token = cursors.position(name(), category).orElse(initialSkiptoken.orElse(null));
        for (int pages = 0; pages < maxPagesPerPoll; pages++) {
            URI uri = links.feed(category, token);
            SyncFeedPage page;
            try {
                page = SyncFeedParser.parse(http.get(uri, ATOM).body());
            } catch (SafeXml.MalformedException e) {
                LOG.warnf("tk: malformed SyncFeed page %s, the cursor stays before it: %s", uri, e.getMessage());
                stats.error("malformed", uri + ": " + e.getMessage());
                return "malformed page " + uri;
            } catch (RuntimeException e) {
                return unavailable(uri, e, stats);
            }
            for (SyncFeedEntry entry : page.entries()) {
                stats.entrySeen(entry.updated());
                try {
                    handle(category, entry, links, stats);
                } catch (SafeXml.MalformedException e) {
                    LOG.warnf("tk: skipped malformed %s entry %s on %s: %s", category, entry.entityId(), uri,
                            e.getMessage());
                    stats.error("malformed", entry.entityId() + ": " + e.getMessage());
                } catch (RetryableSourceException | HostBackingOffException | CircuitBreakerOpenException
                        | DependencyUnavailableException e) {
                    return unavailable(uri, e, stats);
                } catch (LetterRefusedException e) {
                    LOG.warnf("%s: skipped %s: %s", "tk", entry.entityId(), e.getMessage());
                    stats.error("refused", e.getMessage());
                } catch (SourceException e) {
                    LOG.warnf("tk: skipped %s entry %s: %s", category, entry.entityId(), e.getMessage());
                    stats.error("file", e.getMessage());
                }
                if (entry.nextSkiptoken() != null) {
                    token = entry.nextSkiptoken();
                    cursors.save(name(), category, token, entry.updated());
                }
            }
            if (page.entries().isEmpty() || page.nextSkiptoken() == null) {
                return null;
            }
            if (!page.nextSkiptoken().equals(token)) {
                token = page.nextSkiptoken();
                cursors.save(name(), category, token, null);
            }
        }
        return null;
    }

    private void handle(String category, SyncFeedEntry entry, SyncFeedLinks links, SourceMetrics.Stats stats) {
        switch (category) {
            case "Zaak" -> directory.zaak(entry.entityId(), entry.entity(), entry.deleted(), false);
            case "ZaakActor" -> directory.actor(entry.entityId(), entry.entity(), entry.deleted());
            case "Document" -> documents.handle(entry, links, stats);
            default -> throw new IllegalArgumentException(category);
        }
    }

    private String unavailable(URI uri, RuntimeException e, SourceMetrics.Stats stats) {
        String kind = e instanceof CircuitBreakerOpenException ? "circuit-open"
                : e instanceof LetterIntake.PublishFailedException ? "publish"
                : e instanceof DependencyUnavailableException ? "database"
                : e instanceof HostBackingOffException ? "backing-off" : "http";
        LOG.warnf("tk: source unavailable at %s, will resume from the same cursor: %s", uri, e.toString());
        stats.error(kind, String.valueOf(e.getMessage()));
        return kind + ": " + e.getMessage();
    }
}
