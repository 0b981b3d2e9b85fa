package nl.kamerstroom.store.zaak;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import nl.kamerstroom.store.search.Filter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * {@code GET /api/zaken/{number}/events}: a zaak's time-driven events, announced or not. A replay
 * into an empty database records old deadlines here as history without announcing them again.
 */
@Path("/api/zaken/{number}/events")
@Produces(MediaType.APPLICATION_JSON)
public class ZaakEventsResource {

    @Inject
    DeadlineSchedule schedule;

    public record Events(String zaak, List<DeadlineSchedule.Entry> events) {
    }

    @GET
    @Operation(summary = "A zaak's time-driven events: deadline approaching, overdue, answered late",
            description = "Every event planned for the zaak, in the order of its moment (the start of its Dutch day)."
                    + " state: PENDING (its moment has not come), ANNOUNCED (sent to answers.published, SSE, Atom and"
                    + " webhooks), HISTORY (its moment was already more than kamerstroom.deadline.grace-days past when"
                    + " the store learnt of it, e.g. in a replay: recorded, not announced), CANCELLED (the zaak was"
                    + " answered or withdrawn first, or its deadline moved). eventId is the CloudEvents id it has (or"
                    + " would have) on answers.published.")
    public Events events(@Parameter(description = "zaak number, e.g. 2025Z17315") @PathParam("number") String number) {
        if (!number.matches(Zaak.NUMBER_PATTERN)) {
            throw new Filter.BadParameter("number", "'" + number + "' is not a zaak number like 2025Z17315");
        }
        return new Events(number, schedule.history(number));
    }
}
