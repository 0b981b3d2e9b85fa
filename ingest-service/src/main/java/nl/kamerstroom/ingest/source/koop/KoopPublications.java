package nl.kamerstroom.ingest.source.koop;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** KOOP records already handled, by modification stamp ({@code koop_publication}): unchanged ones are not downloaded again. */
@ApplicationScoped
public class KoopPublications {

    @Inject
    AgroalDataSource db;

    public boolean handled(String identifier, String modified) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT 1 FROM koop_publication WHERE identifier = ? AND modified = ?")) {
            s.setString(1, identifier);
            s.setString(2, modified);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void record(String identifier, String modified, String documentId) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        INSERT INTO koop_publication (identifier, modified, document_id, processed_at) VALUES (?, ?, ?, now())
                        ON CONFLICT (identifier) DO UPDATE SET modified = EXCLUDED.modified,
                            document_id = EXCLUDED.document_id, processed_at = now()
                        """)) {
            s.setString(1, identifier);
            s.setString(2, modified);
            s.setString(3, documentId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
