package nl.kamerstroom.ingest.source.tk;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.kamerstroom.events.Official;
import nl.kamerstroom.ingest.source.SafeXml;
import org.w3c.dom.Element;

/**
 * The zaken of written questions and their askers and addressees, as the SyncFeed's {@code Zaak} and
 * {@code ZaakActor} categories describe them ({@code tk_zaak}, {@code tk_zaak_actor}). A Document
 * names its zaak only by GUID; this turns that into a zaak number, {@code Indiener}s,
 * {@code Medeindiener}s and {@code Gericht aan}.
 */
@ApplicationScoped
public class TkZaakDirectory {

    static final Set<String> RELATIES = Set.of("Indiener", "Medeindiener", "Gericht aan");

    /** A {@code Functie} as the Tweede Kamer writes it: "minister van Justitie en Veiligheid", "staatssecretaris van Financiën". */
    private static final Pattern FUNCTIE = Pattern.compile(
            "^(minister-president|minister|staatssecretaris)(?:\\s+(?:(?:van|voor)\\s+)?(.+))?$", Pattern.CASE_INSENSITIVE);

    /**
     * What the directory knows about a document's zaken.
     *
     * @param addressees  the offices addressed ({@code Functie}, else {@code ActorNaam}), as before
     * @param addressedTo the same addressees as persons with their office, where the source names both
     */
    public record Zaken(List<String> numbers, List<String> askers, List<String> addressees, List<String> missing,
            List<Official> addressedTo) {

        public Zaken(List<String> numbers, List<String> askers, List<String> addressees, List<String> missing) {
            this(numbers, askers, addressees, missing, List.of());
        }
    }

    /**
     * A 'Gericht aan' actor as a person in office: {@code ActorNaam} "D.M. van Weel" with {@code Functie}
     * "minister van Justitie en Veiligheid" → name, role "Minister", portfolio, office as printed. {@code null}
     * without a name or an office: an addressee that is only an office stays in {@link Zaken#addressees()}.
     */
    static Official official(String actorNaam, String functie) {
        if (actorNaam == null || actorNaam.isBlank() || functie == null || functie.isBlank()) {
            return null;
        }
        String office = functie.strip().replaceAll("\\s+", " ");
        Matcher m = FUNCTIE.matcher(office);
        String role = null;
        String portfolio = null;
        if (m.matches()) {
            String r = m.group(1).toLowerCase(Locale.ROOT);
            role = r.equals("minister-president") ? "Minister-President" : Character.toUpperCase(r.charAt(0)) + r.substring(1);
            portfolio = m.group(2);
        }
        return new Official(actorNaam.strip().replaceAll("\\s+", " "), role, portfolio, office);
    }

    @Inject
    AgroalDataSource db;

    /** A {@code <zaak>} entity: kept when it is a set of written questions, or when asked for by a document. */
    public void zaak(String id, Element zaak, boolean deleted, boolean always) {
        if (deleted) {
            update("DELETE FROM tk_zaak WHERE id = ?", id);
            return;
        }
        String soort = SafeXml.childText(zaak, "soort");
        String nummer = SafeXml.childText(zaak, "nummer");
        if (nummer == null || !(always || "Schriftelijke vragen".equals(soort))) {
            return;
        }
        update("""
                INSERT INTO tk_zaak (id, nummer, soort, onderwerp, updated_at) VALUES (?, ?, ?, ?, now())
                ON CONFLICT (id) DO UPDATE SET nummer = EXCLUDED.nummer, soort = EXCLUDED.soort,
                    onderwerp = EXCLUDED.onderwerp, updated_at = now()
                """, id, nummer, soort, SafeXml.childText(zaak, "onderwerp"));
    }

    /** A {@code <zaakActor>} entity: kept when it says who asked or whom it was addressed to. */
    public void actor(String id, Element actor, boolean deleted) {
        if (deleted) {
            update("DELETE FROM tk_zaak_actor WHERE id = ?", id);
            return;
        }
        String relatie = SafeXml.childText(actor, "relatie");
        Element zaak = SafeXml.child(actor, "zaak");
        String zaakId = zaak == null ? null : SafeXml.attribute(zaak, "ref");
        if (relatie == null || zaakId == null || !RELATIES.contains(relatie)) {
            return;
        }
        String naam = SafeXml.childText(actor, "actorNaam");
        String persoon = null;
        if ("Gericht aan".equals(relatie) && SafeXml.childText(actor, "functie") != null) {
            // the office is the addressee; the person who held it is kept beside it
            persoon = naam;
            naam = SafeXml.childText(actor, "functie");
        }
        update("""
                INSERT INTO tk_zaak_actor (id, zaak_id, relatie, naam, fractie, persoon, updated_at) VALUES (?, ?, ?, ?, ?, ?, now())
                ON CONFLICT (id) DO UPDATE SET zaak_id = EXCLUDED.zaak_id, relatie = EXCLUDED.relatie,
                    naam = EXCLUDED.naam, fractie = EXCLUDED.fractie, persoon = EXCLUDED.persoon, updated_at = now()
                """, id, zaakId, relatie, naam, SafeXml.childText(actor, "actorFractie"), persoon);
    }

    /** What is known about these zaak GUIDs; {@code missing} lists the GUIDs with no zaak row yet. */
    public Zaken lookup(List<String> zaakIds) {
        Set<String> numbers = new LinkedHashSet<>();
        Set<String> askers = new LinkedHashSet<>();
        Set<String> addressees = new LinkedHashSet<>();
        Set<Official> addressedTo = new LinkedHashSet<>();
        List<String> missing = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement zaak = c.prepareStatement("SELECT nummer FROM tk_zaak WHERE id = ?");
                PreparedStatement actors = c.prepareStatement(
                        "SELECT relatie, naam, fractie, persoon FROM tk_zaak_actor WHERE zaak_id = ? ORDER BY relatie DESC, id")) {
            for (String id : zaakIds) {
                zaak.setString(1, id);
                try (ResultSet r = zaak.executeQuery()) {
                    if (r.next()) {
                        numbers.add(r.getString(1));
                    } else {
                        missing.add(id);
                    }
                }
                actors.setString(1, id);
                try (ResultSet r = actors.executeQuery()) {
                    while (r.next()) {
                        String naam = r.getString(2);
                        if (naam == null) {
                            continue;
                        }
                        if ("Gericht aan".equals(r.getString(1))) {
                            addressees.add(naam);
                            Official person = official(r.getString(4), naam);
                            if (person != null) {
                                addressedTo.add(person);
                            }
                        } else {
                            String fractie = r.getString(3);
                            askers.add(fractie == null ? naam : naam + " (" + fractie + ")");
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the zaak directory", e);
        }
        return new Zaken(List.copyOf(numbers), List.copyOf(askers), List.copyOf(addressees), List.copyOf(missing),
                List.copyOf(addressedTo));
    }

    private void update(String sql, Object... parameters) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update the zaak directory", e);
        }
    }
}
