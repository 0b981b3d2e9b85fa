package nl.kamerstroom.ingest.source.tk;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import nl.kamerstroom.ingest.source.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads a SyncFeed page (Atom): {@code <feed>} with {@code <link rel="next">} and {@code <entry>}s,
 * each with {@code <title>} (the GUID), {@code <updated>}, its own {@code <link rel="next">}, an
 * optional {@code <link rel="enclosure">}, and the entity in {@code <content>} carrying
 * {@code tk:bijgewerkt} and {@code tk:verwijderd}.
 */
public final class SyncFeedParser {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    private SyncFeedParser() {
    }

    public static SyncFeedPage parse(byte[] xml) {
        Document document = SafeXml.parse(xml);
        Element feed = document.getDocumentElement();
        if (!"feed".equals(SafeXml.localName(feed))) {
            throw new SafeXml.MalformedException("not an Atom feed: root element <" + SafeXml.localName(feed) + ">");
        }
        List<SyncFeedEntry> entries = new ArrayList<>();
        for (Element entry : SafeXml.children(feed, "entry")) {
            entries.add(entry(entry));
        }
        return new SyncFeedPage(entries, skiptoken(link(feed, "next")));
    }

    private static SyncFeedEntry entry(Element entry) {
        String id = SafeXml.childText(entry, "title");
        Element content = SafeXml.child(entry, "content");
        Element entity = content == null ? null : SafeXml.child(content, null);
        if (id == null || entity == null) {
            throw new SafeXml.MalformedException("an entry without title or content entity");
        }
        boolean deleted = "true".equalsIgnoreCase(SafeXml.attribute(entity, "verwijderd"));
        Instant updated = timestamp(SafeXml.childText(entry, "updated"));
        if (updated == null) {
            updated = timestamp(SafeXml.attribute(entity, "bijgewerkt"));
        }
        return new SyncFeedEntry(id, updated, skiptoken(link(entry, "next")), link(entry, "enclosure"), entity,
                deleted);
    }

    private static String link(Element parent, String rel) {
        for (Element link : SafeXml.children(parent, "link")) {
            if (rel.equals(link.getAttribute("rel"))) {
                String href = link.getAttribute("href");
                return href.isBlank() ? null : href;
            }
        }
        return null;
    }

    /** The {@code skiptoken} query parameter of a feed link. */
    static String skiptoken(String href) {
        if (href == null) {
            return null;
        }
        String query = URI.create(href.replace(" ", "%20")).getRawQuery();
        if (query == null) {
            return null;
        }
        for (String part : query.split("&")) {
            if (part.startsWith("skiptoken=")) {
                String token = part.substring("skiptoken=".length());
                if (!token.matches("-?\\d{1,19}")) {
                    throw new SafeXml.MalformedException("skiptoken is not a number: " + token);
                }
                return token;
            }
        }
        return null;
    }

    /** Atom dates carry an offset; {@code tk:bijgewerkt} is local Dutch time without one. */
    static Instant timestamp(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (RuntimeException e) {
            try {
                return LocalDateTime.parse(value).atZone(AMSTERDAM).toInstant();
            } catch (RuntimeException unparsable) {
                return null;
            }
        }
    }
}
