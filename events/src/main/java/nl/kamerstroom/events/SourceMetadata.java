package nl.kamerstroom.events;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the publication source told us about a document, before anyone parsed it. Every field is
 * optional: an upload may carry nothing, the Tweede Kamer SyncFeed carries most of it.
 *
 * @param soort         the source's document type, e.g. {@code Antwoord schriftelijke vragen}
 * @param zaakNumbers   Tweede Kamer case numbers the source links the document to
 * @param title         the source's title or subject
 * @param documentDate  the date the source gives the document
 * @param askers        names of the members who asked (Indiener, Medeindiener)
 * @param addressees    whom the questions were addressed to (Gericht aan)
 * @param extra         anything else worth keeping, by the source's own field names
 * @param addressedTo   the persons the questions were addressed to, with their office (Tweede Kamer
 *                      {@code ZaakActor} "Gericht aan": {@code ActorNaam} and {@code Functie}); added 2026-12,
 *                      empty in older events and from sources that name no persons
 */
public record SourceMetadata(
        String soort,
        List<String> zaakNumbers,
        String title,
        LocalDate documentDate,
        List<String> askers,
        List<String> addressees,
        Map<String, String> extra,
        List<Official> addressedTo) {

    public static SourceMetadata none() {
        return new SourceMetadata(null, List.of(), null, null, List.of(), List.of(), Map.of());
    }

    /** Metadata that names no persons in office: the form before 2026-12, and of sources without them. */
    public SourceMetadata(String soort, List<String> zaakNumbers, String title, LocalDate documentDate,
            List<String> askers, List<String> addressees, Map<String, String> extra) {
        this(soort, zaakNumbers, title, documentDate, askers, addressees, extra, List.of());
    }

    public SourceMetadata {
        zaakNumbers = zaakNumbers == null ? List.of() : List.copyOf(zaakNumbers);
        askers = askers == null ? List.of() : List.copyOf(askers);
        addressees = addressees == null ? List.of() : List.copyOf(addressees);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
        addressedTo = addressedTo == null ? List.of() : List.copyOf(addressedTo);
    }
}
