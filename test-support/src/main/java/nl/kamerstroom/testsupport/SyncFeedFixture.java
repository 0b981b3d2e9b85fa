package nl.kamerstroom.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * SyncFeed pages as the Tweede Kamer serves them, built from the documented structure (Atom feed,
 * entry {@code title} = GUID, per-entry {@code link rel="next"} with a skiptoken, {@code link
 * rel="enclosure"} to {@code Resources/{id}}, the entity in {@code content} with {@code tk:bijgewerkt}
 * and {@code tk:verwijderd}) and the real entity sample in {@code fixtures/tk/}. Constructed, not
 * recorded: no full page was found (see {@code fixtures/README.md}). Links name the public host, as
 * the real feed does; the source rebases them on its configured URL.
 */
public final class SyncFeedFixture {

    public static final String HOST = "https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0";
    private static final String TK = "http://www.tweedekamer.nl/xsd/tkData/v1-0";

    private SyncFeedFixture() {
    }

    public static String feedLink(String category, long skiptoken) {
        return HOST + "/Feed?category=" + category + "&amp;skiptoken=" + skiptoken;
    }

    /** A page; {@code next} is the feed-level next link's skiptoken, or null on the last page. */
    public static String page(String category, Long next, List<String> entries) {
        StringBuilder xml = new StringBuilder();
        xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
                .append("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")
                .append("  <title>").append(category).append("</title>\n")
                .append("  <id>").append(HOST).append("/Feed?category=").append(category).append("</id>\n")
                .append("  <updated>2025-11-21T10:00:00Z</updated>\n")
                .append("  <author><name>Tweede Kamer der Staten-Generaal</name></author>\n")
                .append("  <link rel=\"self\" href=\"").append(HOST).append("/Feed?category=").append(category)
                .append("\" />\n");
        if (next != null) {
            xml.append("  <link rel=\"next\" href=\"").append(feedLink(category, next)).append("\" />\n");
        }
        entries.forEach(xml::append);
        return xml.append("</feed>\n").toString();
    }

    private static String entry(String category, String id, long next, String updated, String enclosure, String content) {
        return "  <entry>\n"
                + "    <title>" + id + "</title>\n"
                + "    <id>" + HOST + "/Entiteiten/" + id + "</id>\n"
                + "    <author><name>Tweede Kamer der Staten-Generaal</name></author>\n"
                + "    <updated>" + updated + "</updated>\n"
                + "    <category term=\"" + category + "\" />\n"
                + "    <link rel=\"next\" href=\"" + feedLink(category, next) + "\" />\n"
                + (enclosure == null ? "" : "    <link rel=\"enclosure\" href=\"" + enclosure + "\" />\n")
                + "    <content type=\"application/xml\">\n" + content + "\n    </content>\n"
                + "  </entry>\n";
    }

    public static String document(String id, long next, String updated, String soort, String nummer, String onderwerp,
            String zaakRef, String aanhangselnummer) {
        String content = "      <document xmlns=\"" + TK + "\" xmlns:tk=\"" + TK
                + "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" id=\"" + id + "\" tk:bijgewerkt=\""
                + updated.replace("Z", "") + "\" tk:verwijderd=\"false\">"
                + "<soort>" + soort + "</soort>"
                + "<documentNummer>" + nummer + "</documentNummer>"
                + "<titel xsi:nil=\"true\" />"
                + "<onderwerp>" + onderwerp + "</onderwerp>"
                + "<datum>2025-11-21T00:00:00</datum>"
                + "<vergaderjaar>2025-2026</vergaderjaar><kamer>2</kamer><volgnummer>-1</volgnummer>"
                + "<citeertitel xsi:nil=\"true\" /><alias xsi:nil=\"true\" />"
                + "<datumRegistratie>2025-11-21T00:00:00</datumRegistratie>"
                + (aanhangselnummer == null ? "<aanhangselnummer xsi:nil=\"true\" />"
                        : "<aanhangselnummer>" + aanhangselnummer + "</aanhangselnummer>")
                + "<organisatie>Tweede Kamer</organisatie><contentType>application/pdf</contentType>"
                + (zaakRef == null ? "" : "<zaak ref=\"" + zaakRef + "\" />")
                + "</document>";
        return entry("Document", id, next, updated, HOST + "/Resources/" + id, content);
    }

    /** A document without a soort: an entry the source cannot make sense of. */
    public static String brokenDocument(String id, long next) {
        String content = "      <document xmlns=\"" + TK + "\" xmlns:tk=\"" + TK + "\" id=\"" + id
                + "\" tk:verwijderd=\"false\"><onderwerp>kapot</onderwerp></document>";
        return entry("Document", id, next, "2025-11-21T10:00:00Z", HOST + "/Resources/" + id, content);
    }

    public static String tombstone(String category, String element, String id, long next) {
        String content = "      <" + element + " xmlns=\"" + TK + "\" xmlns:tk=\"" + TK + "\" id=\"" + id
                + "\" tk:bijgewerkt=\"2025-11-22T09:00:00.0000000\" tk:verwijderd=\"true\" />";
        return entry(category, id, next, "2025-11-22T08:00:00Z", null, content);
    }

    public static String zaakEntity(String id, String nummer, String onderwerp) {
        return "<zaak xmlns=\"" + TK + "\" xmlns:tk=\"" + TK + "\" id=\"" + id
                + "\" tk:bijgewerkt=\"2025-10-01T12:00:00.0000000\" tk:verwijderd=\"false\">"
                + "<nummer>" + nummer + "</nummer><soort>Schriftelijke vragen</soort><titel>" + onderwerp + "</titel>"
                + "<onderwerp>" + onderwerp + "</onderwerp><gestartOp>2025-10-01T00:00:00</gestartOp>"
                + "<organisatie>Tweede Kamer</organisatie><vergaderjaar>2025-2026</vergaderjaar>"
                + "<kabinetsappreciatie>Nog te ontvangen</kabinetsappreciatie><afgedaan>false</afgedaan></zaak>";
    }

    public static String zaak(String id, long next, String nummer, String onderwerp) {
        return entry("Zaak", id, next, "2025-10-01T10:00:00Z", null, "      " + zaakEntity(id, nummer, onderwerp));
    }

    public static String zaakActor(String id, long next, String zaakRef, String relatie, String naam, String fractie,
            String functie) {
        String content = "      <zaakActor xmlns=\"" + TK + "\" xmlns:tk=\"" + TK + "\" id=\"" + id
                + "\" tk:bijgewerkt=\"2025-10-01T12:00:00.0000000\" tk:verwijderd=\"false\">"
                + "<zaak ref=\"" + zaakRef + "\" /><actorNaam>" + naam + "</actorNaam>"
                + (fractie == null ? "" : "<actorFractie>" + fractie + "</actorFractie>")
                + (functie == null ? "" : "<functie>" + functie + "</functie>")
                + "<relatie>" + relatie + "</relatie></zaakActor>";
        return entry("ZaakActor", id, next, "2025-10-01T10:00:00Z", null, content);
    }

    /** A real letter from the corpus, as bytes: the using module copies it to {@code fixtures/letters/}. */
    public static byte[] letter(String name) {
        try (InputStream in = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream("fixtures/letters/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture letter " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
