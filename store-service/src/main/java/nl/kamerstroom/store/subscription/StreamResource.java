package nl.kamerstroom.store.subscription;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /api/stream}: zaak updates as Server-Sent Events for live dashboards. Each event's id
 * is its position in the update log; reconnecting with {@code Last-Event-ID} resumes right after it,
 * without gaps. Without it, the stream starts with what happens next. All streams are fed by one
 * {@link UpdateBroadcaster}, which also limits how many are open (503 with Retry-After beyond).
 */
@Path("/api/stream")
public class StreamResource {

    @Inject
    UpdateBroadcaster broadcaster;

    @GET
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live zaak updates (SSE), filtered; resumable with Last-Event-ID")
    public Multi<OutboundSseEvent> stream(@Context Sse sse, @HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("zaak") String zaak, @QueryParam("member") String member, @QueryParam("party") String party,
            @QueryParam("ministry") String ministry, @QueryParam("q") String keyword,
            @QueryParam("type") List<String> types) {
        UpdateFilter filter = UpdateFilter.of(zaak, member, party, ministry, keyword, types);
        return broadcaster.subscribe(position(lastEventId), filter)
                // the JSON as a string, written as it is: serialized once for all streams, not per stream
                .map(e -> sse.newEventBuilder().id(Long.toString(e.position())).name(e.update().type())
                        .mediaType(MediaType.APPLICATION_JSON_TYPE).data(String.class, e.json()).build());
    }

    private long position(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return -1; // from now on
        }
        try {
            return Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException e) {
            throw new nl.kamerstroom.store.search.Filter.BadParameter("Last-Event-ID",
                    "'" + lastEventId + "' is not an event id from this stream");
        }
    }
}
