package nl.kamerstroom.store.subscription;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.feed.synd.SyndPersonImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import nl.kamerstroom.events.EventTypes;
import nl.kamerstroom.events.ZaakUpdate;
import nl.kamerstroom.store.Text;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Atom feeds of zaak updates: one per filter ({@code /feeds/answers.atom?party=…&ministry=…}) and
 * one per zaak ({@code /feeds/zaken/{number}.atom}). Written with Rome; cacheable: the ETag is the
 * newest entry's position plus the filter, so a poller that has everything gets a 304. Answered
 * from {@link FeedCache} before the database; every text is cleaned of what XML cannot carry.
 */
@Path("/feeds")
public class FeedResource {

    static final int ENTRIES = 50;

    @Inject
    UpdateLog log;

    @Inject
    FeedCache cache;

    @GET
    @Blocking
    @Path("/answers.atom")
    @Produces("application/atom+xml")
    @Operation(summary = "Atom feed of zaak updates matching the filter")
    public Response answers(@Context Request request, @Context UriInfo uri, @QueryParam("zaak") String zaak,
            @QueryParam("member") String member, @QueryParam("party") String party,
            @QueryParam("ministry") String ministry, @QueryParam("q") String keyword,
            @QueryParam("type") List<String> types) {
        return feed(request, uri, UpdateFilter.of(zaak, member, party, ministry, keyword, types));
    }

    @GET
    @Blocking
    @Path("/zaken/{number}.atom")
    @Produces("application/atom+xml")
    @Operation(summary = "Atom feed of one zaak: questions asked, postponement, answer, further answer, withdrawal")
    public Response zaak(@Context Request request, @Context UriInfo uri, @PathParam("number") String number) {
        return feed(request, uri, UpdateFilter.of(number, null, null, null, null, List.of()));
    }

    private Response feed(Request request, UriInfo uri, UpdateFilter filter) {
        FeedCache.Rendered feed = cache.get(uri.getRequestUri().toString(), () -> render(uri, filter));
        EntityTag etag = new EntityTag(feed.etag());
        Date lastModified = new Date(feed.lastModifiedMillis());
        Response.ResponseBuilder notModified = request.evaluatePreconditions(lastModified, etag);
        CacheControl cacheControl = new CacheControl();
        cacheControl.setMaxAge(60);
        if (notModified != null) {
            return notModified.cacheControl(cacheControl).tag(etag).build();
        }
        return Response.ok(feed.xml()).tag(etag).lastModified(lastModified).cacheControl(cacheControl).build();
    }

    private FeedCache.Rendered render(UriInfo uri, UpdateFilter filter) {
        long started = System.nanoTime();
        List<UpdateLog.Entry> entries = log.latest(filter, ENTRIES);
        long newest = entries.isEmpty() ? 0 : entries.get(0).position();
        String etag = Long.toHexString(newest) + "-" + Integer.toHexString(filter.hashCode());
        Date updated = entries.isEmpty() ? new Date(0) : Date.from(entries.get(0).update().occurredAt());
        // seconds precision, as Last-Modified has
        Date lastModified = new Date(updated.getTime() / 1000 * 1000);
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("atom_1.0");
        feed.setTitle(Text.clean("kamerstroom: " + filter.describe()));
        feed.setUri(uri.getRequestUri().toString());
        feed.setLink(uri.getRequestUri().toString());
        SyndLink self = new SyndLinkImpl();
        self.setRel("self");
        self.setHref(uri.getRequestUri().toString());
        feed.setLinks(List.of(self));
        feed.setPublishedDate(updated);
        feed.setEntries(entries.stream().map(e -> entry(e, uri)).toList());
        try {
            String xml = new SyndFeedOutput().outputString(feed);
            return new FeedCache.Rendered(xml, etag, lastModified.getTime(), started);
        } catch (FeedException e) {
            throw new IllegalStateException("cannot write the Atom feed", e);
        }
    }

    private static SyndEntry entry(UpdateLog.Entry e, UriInfo uri) {
        ZaakUpdate u = e.update();
        SyndEntry entry = new SyndEntryImpl();
        entry.setUri("urn:uuid:" + u.eventId());
        entry.setTitle(Text.clean(title(u)));
        entry.setLink(uri.getBaseUriBuilder().path("api/zaken/{n}").build(u.zaakNumber()).toString());
        entry.setUpdatedDate(Date.from(u.occurredAt()));
        entry.setPublishedDate(Date.from(u.occurredAt()));
        SyndPerson author = new SyndPersonImpl();
        author.setName(Text.clean(u.answeredBy() == null || u.answeredBy().isEmpty()
                ? (u.askers() == null ? "" : u.askers().stream().map(m -> m.name()).collect(Collectors.joining(", ")))
                : String.join(", ", u.answeredBy())));
        if (author.getName() == null || author.getName().isBlank()) {
            author.setName("kamerstroom");
        }
        entry.setAuthors(List.of(author));
        SyndContent content = new SyndContentImpl();
        content.setType("text");
        // events written before the outbox cleaned its texts may still hold what XML cannot carry
        content.setValue(Text.clean(u.text() != null ? u.text()
                : String.join("\n\n", u.questionTexts() == null ? List.of() : u.questionTexts())));
        entry.setContents(List.of(content));
        return entry;
    }

    /** " op 31 oktober 2025" */
    private static String on(java.time.LocalDate day) {
        return day == null ? "" : " op " + day.format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy",
                java.util.Locale.forLanguageTag("nl")));
    }

    private static String title(ZaakUpdate u) {
        String numbers = u.questionNumbers() == null || u.questionNumbers().isEmpty() ? ""
                : " " + String.join(", ", u.questionNumbers());
        String what = switch (u.type()) {
            case EventTypes.ANSWER_PUBLISHED -> "Antwoord op vraag" + numbers;
            case EventTypes.ANSWER_CHANGED -> "Gewijzigd antwoord op vraag" + numbers;
            case EventTypes.QUESTION_ASKED -> "Vragen gesteld";
            case EventTypes.ZAAK_POSTPONED -> "Beantwoording uitgesteld";
            case EventTypes.ZAAK_WITHDRAWN -> "Vragen ingetrokken";
            case EventTypes.ZAAK_DEADLINE_APPROACHING -> "Termijn voor het antwoord verloopt" + on(u.deadline());
            case EventTypes.ZAAK_OVERDUE -> "Antwoord te laat: termijn verlopen" + on(u.deadline());
            case EventTypes.ZAAK_OVERDUE_ANSWERED -> "Te laat beantwoord"
                    + (u.daysLate() == null ? "" : ", " + u.daysLate() + (u.daysLate() == 1 ? " dag" : " dagen")
                            + " na de termijn");
            default -> u.type();
        };
        return u.zaakNumber() + ": " + what + (u.subject() == null ? "" : " (" + u.subject() + ")");
    }
}
