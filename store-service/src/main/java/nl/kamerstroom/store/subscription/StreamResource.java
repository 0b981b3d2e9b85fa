package nl.kamerstroom.store.subscription;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /api/stream}: zaak updates as Server-Sent Events for live dashboards. Each event's id
 * is its position in the update log; reconnecting with {@code Last-Event-ID} resumes right after it,
 * without gaps. Without it, the stream starts with what happens next.
 */
@Path("/api/stream")
public class StreamResource {

    @Inject
    UpdateLog log;

    @GET
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live zaak updates (SSE), filtered; resumable with Last-Event-ID")
    public Multi<OutboundSseEvent> stream(@Context Sse sse, @HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("zaak") String zaak, @QueryParam("member") String member, @QueryParam("party") String party,
            @QueryParam("ministry") String ministry, @QueryParam("q") String keyword,
            @QueryParam("type") List<String> types) {
        UpdateFilter filter = UpdateFilter.of(zaak, member, party, ministry, keyword, types);
        AtomicLong cursor = new AtomicLong(position(lastEventId));
        return Multi.createFrom().ticks().every(Duration.ofMillis(500))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onOverflow().drop()
                .onItem().transformToIterable(tick -> {
                    List<UpdateLog.Entry> entries = log.after(cursor.get(), 500);
                    if (!entries.isEmpty()) {
                        cursor.set(entries.get(entries.size() - 1).position());
                    }
                    return entries.stream().filter(e -> filter.matches(e.update())).toList();
                })
                .map(e -> sse.newEventBuilder().id(Long.toString(e.position())).name(e.update().type())
                        .mediaType(MediaType.APPLICATION_JSON_TYPE).data(e.update()).build());
    }

    private long position(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return log.head();
        }
        try {
            return Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException e) {
            throw new nl.kamerstroom.store.search.Filter.BadParameter("Last-Event-ID",
                    "'" + lastEventId + "' is not an event id from this stream");
        }
    }
}
