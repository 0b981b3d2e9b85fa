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
import java.util.Set;
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

    /** What the directory knows about a document's zaken. */
    public record Zaken(List<String> numbers, List<String> askers, List<String> addressees, List<String> missing) {
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
        if ("Gericht aan".equals(relatie) && SafeXml.childText(actor, "functie") != null) {
            naam = SafeXml.childText(actor, "functie");
        }
        update("""
                INSERT INTO tk_zaak_actor (id, zaak_id, relatie, naam, fractie, updated_at) VALUES (?, ?, ?, ?, ?, now())
                ON CONFLICT (id) DO UPDATE SET zaak_id = EXCLUDED.zaak_id, relatie = EXCLUDED.relatie,
                    naam = EXCLUDED.naam, fractie = EXCLUDED.fractie, updated_at = now()
                """, id, zaakId, relatie, naam, SafeXml.childText(actor, "actorFractie"));
    }

    /** What is known about these zaak GUIDs; {@code missing} lists the GUIDs with no zaak row yet. */
    public Zaken lookup(List<String> zaakIds) {
        Set<String> numbers = new LinkedHashSet<>();
        Set<String> askers = new LinkedHashSet<>();
        Set<String> addressees = new LinkedHashSet<>();
        List<String> missing = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement zaak = c.prepareStatement("SELECT nummer FROM tk_zaak WHERE id = ?");
                PreparedStatement actors = c.prepareStatement(
                        "SELECT relatie, naam, fractie FROM tk_zaak_actor WHERE zaak_id = ? ORDER BY relatie DESC, id")) {
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
        return new Zaken(List.copyOf(numbers), List.copyOf(askers), List.copyOf(addressees), List.copyOf(missing));
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
