package nl.kamerstroom.ingest.source.tk;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nl.kamerstroom.ingest.source.SafeXml;
import org.w3c.dom.Element;

/**
 * The fields of a SyncFeed {@code <document>} entity that ingest uses.
 *
 * @param zaakRefs the GUIDs of its {@code <zaak ref="…"/>} elements
 */
public record TkDocument(String id, String soort, String documentNummer, String onderwerp, String titel,
        LocalDate datum, String vergaderjaar, String aanhangselnummer, String contentType, List<String> zaakRefs) {

    /** The document kinds of a set of written questions; a plain Mededeling only when it is about a withdrawal. */
    static final List<String> KEPT_SOORTEN = List.of("Schriftelijke vragen", "Antwoord schriftelijke vragen",
            "Antwoord schriftelijke vragen (nader)", "Mededeling (uitstel antwoord)");

    public static TkDocument from(String id, Element document) {
        String soort = SafeXml.childText(document, "soort");
        if (soort == null) {
            throw new SafeXml.MalformedException("document " + id + " has no soort");
        }
        List<String> zaken = new ArrayList<>();
        for (Element zaak : SafeXml.children(document, "zaak")) {
            String ref = SafeXml.attribute(zaak, "ref");
            if (ref != null && !ref.isBlank()) {
                zaken.add(ref.trim());
            }
        }
        return new TkDocument(id, soort, SafeXml.childText(document, "documentNummer"),
                SafeXml.childText(document, "onderwerp"), SafeXml.childText(document, "titel"),
                date(SafeXml.childText(document, "datum")), SafeXml.childText(document, "vergaderjaar"),
                SafeXml.childText(document, "aanhangselnummer"), SafeXml.childText(document, "contentType"),
                List.copyOf(zaken));
    }

    /** Is this one of the documents of a set of written questions? */
    public boolean isKamervraagDocument() {
        if (KEPT_SOORTEN.contains(soort)) {
            return true;
        }
        if ("Mededeling".equals(soort)) {
            String about = ((onderwerp == null ? "" : onderwerp) + " " + (titel == null ? "" : titel))
                    .toLowerCase(Locale.ROOT);
            return about.contains("intrek") || about.contains("ingetrokken");
        }
        return false;
    }

    private static LocalDate date(String value) {
        if (value == null || value.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(value.substring(0, 10));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
