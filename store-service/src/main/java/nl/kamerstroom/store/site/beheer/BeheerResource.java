package nl.kamerstroom.store.site.beheer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import nl.kamerstroom.store.dlq.DeadLetters;
import nl.kamerstroom.store.site.beheer.Peers.Answer;
import nl.kamerstroom.store.site.beheer.Peers.Outcome;
import nl.kamerstroom.store.site.beheer.Peers.Peer;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

/**
 * {@code /beheer}: the operator's page. Sources (ingest {@code GET /api/admin/sources}), backfills
 * (ingest {@code GET /api/backfill}), the re-parse (parse {@code GET /api/admin/reparse}), dead letters
 * of the parse stage (parse {@code GET /api/admin/dlq}) and of the store stage (this service's
 * {@code letters.dlq} reader), letters that need review and set-aside outbox rows (this database).
 *
 * <p>Sign-in is a form: the operator posts the operator key ({@code kamerstroom.admin.api-key}) to
 * {@code POST /beheer/aanmelden} and gets an HttpOnly, SameSite=Strict cookie that proves it
 * ({@link OperatorSession}); the key is never in a URL, and never in the cookie. Without a configured key the page answers 403 to
 * everyone. Peers are read in parallel, each bounded by {@code kamerstroom.beheer.timeout}; a peer that
 * is down shows "niet bereikbaar" and the page still renders.
 */
@Path("/beheer")
@Produces(MediaType.TEXT_HTML)
public class BeheerResource {

    private static final Logger LOG = Logger.getLogger(BeheerResource.class);
    /** The rows each list shows; the totals are always shown. */
    static final int LIST_LIMIT = 50;

    @Inject
    OperatorSession sessions;

    @Inject
    Peers peers;

    @Inject
    BeheerQueries queries;

    @Inject
    DeadLetters storeDeadLetters;

    @Inject
    ObjectMapper json;

    @Location("site/beheer.html")
    Template page;

    @Location("site/niet-gevonden.html")
    Template refused;

    @Location("site/beheer-aanmelden.html")
    Template login;

    /**
     * Reading letters.dlq takes a consumer, its metadata and a pass over the tail: up to seconds. One read
     * runs at a time, on its own thread; a page load waits for it until the page's deadline, and a finished
     * read is shown for {@link #DLQ_FRESH} before the next load starts another, so a read that outlasted one
     * load is what the next load shows.
     */
    private static final ExecutorService DLQ_READER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "beheer-dlq-reader");
        t.setDaemon(true);
        return t;
    });
    static final Duration DLQ_FRESH = Duration.ofSeconds(30);

    private record DlqRead(CompletableFuture<List<DeadLetters.Entry>> result, Instant startedAt) {
    }

    private final AtomicReference<DlqRead> dlqRead = new AtomicReference<>();

    /** A part of the page: its value, or why it is missing ("niet bereikbaar", "niet beschikbaar (HTTP 404)"). */
    public record Part<T>(T value, String problem) {

        static <T> Part<T> missing(String problem) {
            return new Part<>(null, problem);
        }
    }

    public record Position(String category, String position, Instant newestEntryAt, Instant updatedAt) {
    }

    public record SourceRow(String name, boolean enabled, Boolean up, Instant lastSuccess, Instant lastFailure,
            String lastFailureReason, String lastError, Long lagSeconds, List<Position> cursors) {
    }

    public record Sources(List<SourceRow> sources, String cursorsError) {
    }

    public record Backfill(long id, String source, LocalDate from, String status, long done, Long total, long emitted,
            double perSecond, Long etaSeconds, Instant startedAt, Instant finishedAt, String message) {

        public int percent() {
            return total == null || total == 0 ? 0 : (int) Math.min(100, done * 100 / total);
        }
    }

    public record Backfills(List<Backfill> backfills) {
    }

    public record Reparse(String id, String state, long total, long done, long failed, Double lettersPerSecond,
            Long etaSeconds) {

        /** Letters finished either way: the progress bar's value. */
        public long handled() {
            return done + failed;
        }

        public int percent() {
            return total == 0 ? 0 : (int) Math.min(100, handled() * 100 / total);
        }
    }

    public record ParseDeadLetter(String documentId, String reason, String errorType, String source, Instant failedAt) {
    }

    public record ParseDeadLetters(long total, List<ParseDeadLetter> deadLetters) {
    }

    @GET
    @Blocking
    @Operation(hidden = true)
    public Response show(@CookieParam(OperatorSession.COOKIE) String session) {
        if (!sessions.enabled()) {
            return off();
        }
        if (!sessions.valid(session)) {
            return signIn(Response.Status.UNAUTHORIZED, null);
        }
        long started = System.nanoTime();
        Duration wait = peers.timeout().plusMillis(100);
        // every remote read starts now and runs in parallel with the local queries
        CompletableFuture<Answer> sources = peers.get(Peer.INGEST, "/api/admin/sources");
        CompletableFuture<Answer> backfills = peers.get(Peer.INGEST, "/api/backfill");
        CompletableFuture<Answer> reparse = peers.get(Peer.PARSE, "/api/admin/reparse");
        CompletableFuture<Answer> parseDlq = peers.get(Peer.PARSE, "/api/admin/dlq?size=" + LIST_LIMIT);
        CompletableFuture<List<DeadLetters.Entry>> storeDlq = storeDeadLetters();
        BeheerQueries.Listed<BeheerQueries.Review> review = queries.needsReview(LIST_LIMIT);
        BeheerQueries.Listed<BeheerQueries.SetAside> setAside = queries.setAside(LIST_LIMIT);
        long deadline = started + wait.toNanos();
        var view = page.data("sources", part(Peers.await(sources, left(deadline)), Sources.class, "niet beschikbaar"))
                .data("backfills", part(Peers.await(backfills, left(deadline)), Backfills.class, "niet beschikbaar"))
                .data("reparse", part(Peers.await(reparse, left(deadline)), Reparse.class, "niet beschikbaar"))
                .data("parseDlq", part(Peers.await(parseDlq, left(deadline)), ParseDeadLetters.class, "niet beschikbaar"))
                .data("storeDlq", storeDlq(storeDlq, left(deadline)))
                .data("review", review).data("setAside", setAside).data("now", Instant.now());
        LOG.debugf("beheer rendered in %d ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
        return Response.ok(view.render(), MediaType.TEXT_HTML_TYPE).header("Cache-Control", "no-store")
                .header("X-Robots-Tag", "noindex").build();
    }

    /** The sign-in form's target: the key in the body (a form post), a session cookie back, then the page. */
    @POST
    @Path("aanmelden")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Blocking
    @Operation(hidden = true)
    public Response signIn(@FormParam("sleutel") String key, @Context UriInfo uri) {
        if (!sessions.enabled()) {
            return off();
        }
        if (!sessions.isOperatorKey(key)) {
            LOG.info("beheer: a sign-in with a wrong operator key");
            return signIn(Response.Status.UNAUTHORIZED, "Deze sleutel klopt niet.");
        }
        boolean https = "https".equalsIgnoreCase(uri.getRequestUri().getScheme());
        NewCookie cookie = new NewCookie.Builder(OperatorSession.COOKIE).value(sessions.issue()).path("/beheer")
                .maxAge((int) sessions.lifetime().toSeconds()).httpOnly(true).secure(https)
                .sameSite(NewCookie.SameSite.STRICT).build();
        return Response.seeOther(URI.create("/beheer")).cookie(cookie).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("afmelden")
    @Blocking
    @Operation(hidden = true)
    public Response signOut() {
        NewCookie gone = new NewCookie.Builder(OperatorSession.COOKIE).value("").path("/beheer").maxAge(0).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).build();
        return Response.seeOther(URI.create("/beheer")).cookie(gone).build();
    }

    private Response signIn(Response.Status status, String error) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).header("Cache-Control", "no-store")
                .entity(login.data("error", error).render()).build();
    }

    private Response off() {
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_HTML_TYPE).header("Cache-Control", "no-store")
                .entity(refused.data("title", "Beheer staat uit").data("detail",
                        "Er is geen beheersleutel ingesteld (kamerstroom.admin.api-key).").render()).build();
    }

    private <T> Part<T> part(Answer answer, Class<T> type, String otherwise) {
        if (answer.outcome() == Outcome.UNREACHABLE) {
            return Part.missing("niet bereikbaar (" + answer.detail() + ")");
        }
        if (answer.outcome() == Outcome.STATUS) {
            return Part.missing(answer.status() == 401 || answer.status() == 403
                    ? "de dienst weigerde de beheersleutel (" + answer.detail() + ")"
                    : otherwise + " (" + answer.detail() + ")");
        }
        try {
            return new Part<>(json.treeToValue(answer.body(), type), null);
        } catch (Exception e) {
            return Part.missing(otherwise + " (onverwacht antwoord: " + e.getClass().getSimpleName() + ")");
        }
    }

    private CompletableFuture<List<DeadLetters.Entry>> storeDeadLetters() {
        Instant now = Instant.now();
        return dlqRead.updateAndGet(last -> last != null && (!last.result().isDone()
                || (!last.result().isCompletedExceptionally() && last.startedAt().plus(DLQ_FRESH).isAfter(now))) ? last
                : new DlqRead(CompletableFuture.supplyAsync(storeDeadLetters::list, DLQ_READER), now)).result();
    }

    private static Part<List<DeadLetters.Entry>> storeDlq(CompletableFuture<List<DeadLetters.Entry>> read, Duration wait) {
        try {
            return new Part<>(read.get(Math.max(1, wait.toMillis()), java.util.concurrent.TimeUnit.MILLISECONDS), null);
        } catch (java.util.concurrent.TimeoutException e) {
            return Part.missing("wordt nog gelezen uit letters.dlq; laad de pagina over enkele seconden opnieuw");
        } catch (java.util.concurrent.ExecutionException e) {
            return Part.missing("niet bereikbaar (" + e.getCause().getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Part.missing("onderbroken");
        }
    }

    private static Duration left(long deadlineNanos) {
        return Duration.ofNanos(Math.max(1_000_000, deadlineNanos - System.nanoTime()));
    }
}
