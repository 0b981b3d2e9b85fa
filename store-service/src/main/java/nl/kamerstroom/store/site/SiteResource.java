package nl.kamerstroom.store.site;

import io.quarkus.qute.Location;
import io.quarkus.qute.RawString;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.kamerstroom.store.api.ZaakView;
import nl.kamerstroom.store.search.Filter;
import nl.kamerstroom.store.search.Search;
import nl.kamerstroom.store.stats.Responsiveness;
import nl.kamerstroom.store.stats.ZaakTerms;
import nl.kamerstroom.store.zaak.AnswerTerm;
import nl.kamerstroom.store.zaak.Zaak;
import nl.kamerstroom.store.zaak.ZaakLifecycle;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The site for people: server-rendered Dutch pages over the same data as the JSON API. Every
 * value goes through Qute's HTML escaping; the only raw HTML is the search snippets' own
 * {@code <mark>}, re-allowed after escaping the rest ({@link #snippet}).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SiteResource {

    @Inject
    Clock clock;

    @Inject
    SiteQueries queries;

    @Inject
    Search search;

    @Inject
    OpenFigures figures;

    @Inject
    jakarta.persistence.EntityManager em;

    @ConfigProperty(name = "kamerstroom.site.home.answers", defaultValue = "20")
    int homeAnswers;

    @ConfigProperty(name = "kamerstroom.site.page-size", defaultValue = "20")
    int pageSize;

    @Location("site/home.html")
    Template home;

    @Location("site/zoeken.html")
    Template zoeken;

    @Location("site/zaak.html")
    Template zaak;

    @Location("site/openstaand.html")
    Template openstaand;

    @Location("site/lijst.html")
    Template lijst;

    @Location("site/niet-gevonden.html")
    Template notFound;

    @GET
    @Transactional
    @Operation(hidden = true)
    public TemplateInstance home() {
        LocalDate today = AnswerTerm.today(clock);
        return home.data("today", today).data("answers", queries.newestAnswers(homeAnswers))
                .data("counts", queries.counts(today)).data("overdue", queries.wentOverdue(today, 50));
    }

    /** A result of the search page: the question hit with its snippet made safe to show. */
    public record Hit(Search.QuestionHit hit, RawString snippet) {
    }

    @GET
    @Path("zoeken")
    @Transactional
    @Operation(hidden = true)
    public Response zoeken(@QueryParam("q") String q, @QueryParam("lid") String member,
            @QueryParam("partij") String party, @QueryParam("ministerie") String ministry,
            @QueryParam("status") String status, @QueryParam("van") String from, @QueryParam("tot") String to,
            @QueryParam("pagina") Integer page) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("q", q);
        form.put("lid", member);
        form.put("partij", party);
        form.put("ministerie", ministry);
        form.put("status", status);
        form.put("van", from);
        form.put("tot", to);
        TemplateInstance view = zoeken.data("form", form).data("statuses", ZaakLifecycle.Status.values());
        Filter filter;
        try {
            // the page counts from 1 for people; the API from 0
            filter = Filter.of(status, member, party, ministry, from, to, q, page == null ? 0 : page - 1, pageSize);
        } catch (Filter.BadParameter e) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(view.data("error", dutch(e)).data("hits", List.of()).data("result", null).render())
                    .type(MediaType.TEXT_HTML_TYPE).build();
        }
        Search.Page<Search.QuestionHit> result = search.questions(filter);
        List<Hit> hits = result.items().stream().map(h -> new Hit(h, snippet(h))).toList();
        int pages = (int) Math.max(1, (result.total() + pageSize - 1) / pageSize);
        int current = filter.page() + 1;
        return Response.ok(view.data("error", null).data("hits", hits).data("result", result)
                .data("current", current).data("pages", pages)
                .data("previous", current > 1 ? pageLink(form, current - 1) : null)
                .data("next", current < pages ? pageLink(form, current + 1) : null).render())
                .type(MediaType.TEXT_HTML_TYPE).build();
    }

    @GET
    @Path("zaken/{nummer}")
    @Transactional
    @Operation(hidden = true)
    public Response zaak(@PathParam("nummer") String number) {
        java.util.Optional<ZaakView.Read> found = number.matches(Zaak.NUMBER_PATTERN)
                ? ZaakView.read(em, number, LocalDate.now(clock)) : java.util.Optional.empty();
        if (found.isEmpty()) {
            return notFound("Zaak " + number + " is niet gevonden",
                    number.matches(Zaak.NUMBER_PATTERN) ? "Van deze zaak zijn (nog) geen documenten ontvangen."
                            : "Een zaaknummer ziet eruit als 2025Z17315: vier cijfers, Z, vijf cijfers.");
        }
        return Response.ok(zaak.data("page", ZaakPage.of(found.get(), queries.notes(number))).render(),
                MediaType.TEXT_HTML_TYPE).build();
    }

    @GET
    @Path("openstaand")
    @Transactional
    @Operation(hidden = true)
    public TemplateInstance openstaand() {
        OpenFigures.Figures f = figures.current();
        return openstaand.data("today", f.today()).data("overdue", f.overdue()).data("perOffice", f.perOffice())
                .data("open", f.open()).data("ministries", f.ministries()).data("chart", f.chart())
                .data("months", f.months());
    }

    @GET
    @Path("kamerleden/{naam}")
    @Transactional
    @Operation(hidden = true)
    public TemplateInstance member(@PathParam("naam") String name, @QueryParam("pagina") Integer page) {
        return list("Vragen van " + name, "lid", name, Filter.of(null, name, null, null, null, null, null, index(page), pageSize));
    }

    @GET
    @Path("partijen/{partij}")
    @Transactional
    @Operation(hidden = true)
    public TemplateInstance party(@PathParam("partij") String party, @QueryParam("pagina") Integer page) {
        return list("Vragen van " + party, "partij", party, Filter.of(null, null, party, null, null, null, null, index(page), pageSize));
    }

    @GET
    @Path("bewindspersonen/{titel}")
    @Transactional
    @Operation(hidden = true)
    public TemplateInstance minister(@PathParam("titel") String office, @QueryParam("pagina") Integer page) {
        return list("Vragen aan " + office, "ministerie", office,
                Filter.of(null, null, null, office, null, null, null, index(page), pageSize));
    }

    private TemplateInstance list(String title, String param, String value, Filter filter) {
        Search.Page<Search.ZaakHit> result = search.zaken(filter);
        int pages = (int) Math.max(1, (result.total() + pageSize - 1) / pageSize);
        int current = filter.page() + 1;
        Double median = median(result.items());
        return lijst.data("title", title).data("result", result).data("current", current).data("pages", pages)
                .data("median", median).data("searchLink", "/zoeken?" + param + "=" + encode(value))
                .data("follow", follow(param, value))
                .data("previous", current > 1 ? "?pagina=" + (current - 1) : null)
                .data("next", current < pages ? "?pagina=" + (current + 1) : null);
    }

    /** The "Volg" form's target on a member's, party's or minister's page (FollowPages). */
    private static Map<String, String> follow(String param, String value) {
        Map<String, String> follow = new LinkedHashMap<>();
        follow.put("doel", switch (param) {
            case "lid" -> "kamerlid";
            case "partij" -> "partij";
            default -> "bewindspersoon";
        });
        for (String p : List.of("lid", "partij", "ministerie")) {
            follow.put(p, p.equals(param) ? value : null);
        }
        follow.put("label", switch (param) {
            case "lid" -> "Kamerlid " + value;
            case "partij" -> "partij " + value;
            default -> value;
        });
        return follow;
    }

    private static Double median(List<Search.ZaakHit> hits) {
        List<Integer> days = hits.stream().map(Search.ZaakHit::replyDays).filter(d -> d != null).sorted().toList();
        if (days.isEmpty()) {
            return null;
        }
        int mid = days.size() / 2;
        return days.size() % 2 == 1 ? days.get(mid) : (days.get(mid - 1) + days.get(mid)) / 2.0;
    }

    private static int index(Integer page) {
        return page == null || page < 1 ? 0 : page - 1;
    }

    private Response notFound(String title, String detail) {
        return Response.status(Response.Status.NOT_FOUND)
                .entity(notFound.data("title", title).data("detail", detail).render())
                .type(MediaType.TEXT_HTML_TYPE).build();
    }

    /**
     * ts_headline copies the stored text as it is, so it may hold markup: escape all of it, then
     * turn only the escaped {@code <mark>} and {@code </mark>} that the highlighter added back into tags.
     */
    static RawString snippet(Search.QuestionHit hit) {
        if (hit.snippet() == null) {
            return null;
        }
        String escaped = escape(hit.snippet());
        return new RawString(escaped.replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>"));
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String pageLink(Map<String, String> form, int page) {
        StringBuilder link = new StringBuilder("/zoeken?");
        form.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                link.append(k).append('=').append(encode(v)).append('&');
            }
        });
        return link.append("pagina=").append(page).toString();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The filter's messages are English for API clients; the page says which field in Dutch. */
    private static String dutch(Filter.BadParameter e) {
        String field = switch (e.parameter()) {
            case "from" -> "Vanaf";
            case "to" -> "Tot en met";
            case "status" -> "Status";
            case "q" -> "Zoekterm";
            case "page", "size" -> "Pagina";
            default -> e.parameter();
        };
        return "Het veld ‘" + field + "’ is niet bruikbaar: " + e.problem();
    }
}
