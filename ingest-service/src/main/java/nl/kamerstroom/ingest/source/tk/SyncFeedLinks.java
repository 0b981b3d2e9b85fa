package nl.kamerstroom.ingest.source.tk;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The SyncFeed's URLs, relative to the configured base ({@code kamerstroom.sources.tk.syncfeed-url}).
 * Links in the feed are absolute and name the public host; they are rebased on the configured base,
 * so that a mirror or a local stub serves the whole walk.
 */
public record SyncFeedLinks(String base) {

    private static final String MARKER = "/SyncFeed/2.0/";

    public SyncFeedLinks {
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public URI feed(String category, String skiptoken) {
        return URI.create(base + "/Feed?category=" + URLEncoder.encode(category, StandardCharsets.UTF_8)
                + (skiptoken == null ? "" : "&skiptoken=" + skiptoken));
    }

    public URI entity(String id) {
        return URI.create(base + "/Entiteiten/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
    }

    public URI resource(String id) {
        return URI.create(base + "/Resources/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
    }

    /** A link from the feed, on the configured base. */
    public URI rebase(String href) {
        int at = href.indexOf(MARKER);
        if (at >= 0) {
            return URI.create(base + "/" + href.substring(at + MARKER.length()));
        }
        return URI.create(base + "/").resolve(href);
    }
}
