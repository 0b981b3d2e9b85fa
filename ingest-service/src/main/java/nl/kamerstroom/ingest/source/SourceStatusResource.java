package nl.kamerstroom.ingest.source;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import nl.kamerstroom.ingest.upload.ApiKeys;
import org.jboss.logging.Logger;

/**
 * {@code GET /api/admin/sources}: per continuous source, whether it is enabled, how its last poll
 * went (last success; last failure with the reason, kept after a later success), how far behind it
 * is, and where it resumes per category. Operator key in {@code X-Api-Key}, as {@code /api/backfill}.
 *
 * <p>Poll outcomes live in memory ({@link SourceMetrics}, since this process started: after a restart
 * they are empty until the first poll); positions come from {@code source_cursor} and survive restarts.
 * The lag is now minus the newest entry's update time: the one seen by this process if any, else the
 * newest one saved with a cursor. When the database cannot be read the poll outcomes are still answered,
 * with {@code cursorsError} saying why the positions are missing.
 */
@Path("/api/admin/sources")
@Produces(MediaType.APPLICATION_JSON)
public class SourceStatusResource {

    private static final Logger LOG = Logger.getLogger(SourceStatusResource.class);

    @Inject
    ApiKeys keys;

    @Inject
    SourceMetrics metrics;

    @Inject
    CursorStore cursors;

    @Inject
    Instance<Source> sources;

    /** Where a source resumes in one category. */
    public record Position(String category, String position, Instant newestEntryAt, Instant updatedAt) {
    }

    /**
     * One source. {@code up} is null before its first poll; {@code lastError} is the newest problem of any
     * kind (a skipped entry too), {@code lastFailureReason} why the last failed poll failed.
     */
    public record Status(String name, boolean enabled, Boolean up, Instant lastSuccess, Instant lastFailure,
            String lastFailureReason, String lastError, Instant newestEntryAt, Long lagSeconds,
            List<Position> cursors) {
    }

    public record Listing(Instant now, List<Status> sources, String cursorsError) {
    }

    @GET
    @Blocking
    public Listing list(@HeaderParam(ApiKeys.HEADER) String key) {
        keys.operator(key);
        Instant now = Instant.now();
        Map<String, List<CursorStore.Cursor>> saved;
        String cursorsError = null;
        try {
            saved = cursors.all().stream().collect(Collectors.groupingBy(CursorStore.Cursor::source));
        } catch (RuntimeException e) {
            LOG.warnf("GET /api/admin/sources without positions: %s", e.getMessage());
            saved = Map.of();
            cursorsError = "the ingest database could not be read: " + e.getMessage();
        }
        List<Status> statuses = new ArrayList<>();
        for (Source source : sources.stream().sorted(Comparator.comparing(Source::name)).toList()) {
            List<CursorStore.Cursor> own = saved.getOrDefault(source.name(), List.of());
            SourceMetrics.Stats stats = metrics.find(source.name()).orElse(null);
            Instant newest = stats != null && stats.newestEntry() != null ? stats.newestEntry()
                    : own.stream().map(CursorStore.Cursor::newestEntryAt).filter(Objects::nonNull)
                            .max(Comparator.naturalOrder()).orElse(null);
            Long lag = newest == null ? null : Math.max(0, Duration.between(newest, now).toSeconds());
            statuses.add(new Status(source.name(), source.enabled(), stats == null ? null : stats.up(),
                    stats == null ? null : stats.lastSuccess(), stats == null ? null : stats.lastFailure(),
                    stats == null ? null : stats.lastFailureReason(), stats == null ? null : stats.lastError(),
                    newest, lag, own.stream().map(c -> new Position(c.category(), c.position(), c.newestEntryAt(),
                            c.updatedAt())).toList()));
        }
        return new Listing(now, statuses, cursorsError);
    }
}
