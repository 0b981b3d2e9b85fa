package nl.kamerstroom.ingest.source;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * Which zaken an official publication (a KOOP id such as {@code ah-tk-20182019-2411}) belongs to,
 * learnt from the Tweede Kamer's Aanhangselnummer: the bridge that puts a KOOP document under the
 * same zaak as the Tweede Kamer's documents, so that a zaak is never stored twice.
 */
@ApplicationScoped
public class PublicationLinks {

    @Inject
    AgroalDataSource db;

    public void link(String publicationId, List<String> zaakNumbers, String tkDocumentId) {
        if (publicationId == null || zaakNumbers.isEmpty()) {
            return;
        }
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        INSERT INTO publication_link (publication_id, zaak_numbers, tk_document_id, updated_at)
                        VALUES (?, ?, ?, now())
                        ON CONFLICT (publication_id) DO UPDATE SET zaak_numbers = EXCLUDED.zaak_numbers,
                            tk_document_id = EXCLUDED.tk_document_id, updated_at = now()
                        """)) {
            s.setString(1, publicationId);
            s.setString(2, String.join(",", zaakNumbers));
            s.setString(3, tkDocumentId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the publication link of " + publicationId, e);
        }
    }

    public List<String> zaakNumbers(String publicationId) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT zaak_numbers FROM publication_link WHERE publication_id = ?")) {
            s.setString(1, publicationId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Arrays.asList(r.getString(1).split(",")) : List.of();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the publication link of " + publicationId, e);
        }
    }
}
