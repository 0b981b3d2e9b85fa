package nl.kamerstroom.ingest.source;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * Where each source resumes, per category ({@code source_cursor}). Callers save a position only
 * after Kafka acknowledged the events of every entry before it.
 */
@ApplicationScoped
public class CursorStore {

    @Inject
    AgroalDataSource db;

    public Optional<String> position(String source, String category) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT position FROM source_cursor WHERE source = ? AND category = ?")) {
            s.setString(1, source);
            s.setString(2, category);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the cursor of " + source + "/" + category, e);
        }
    }

    /** One saved position: where the source resumes in a category, and the update time of the newest entry behind it. */
    public record Cursor(String source, String category, String position, Instant newestEntryAt, Instant updatedAt) {
    }

    /** Every saved position, by source and category. */
    public java.util.List<Cursor> all() {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT source, category, position, newest_entry_at, updated_at"
                        + " FROM source_cursor ORDER BY source, category");
                ResultSet r = s.executeQuery()) {
            java.util.List<Cursor> cursors = new java.util.ArrayList<>();
            while (r.next()) {
                Timestamp newest = r.getTimestamp(4);
                cursors.add(new Cursor(r.getString(1), r.getString(2), r.getString(3),
                        newest == null ? null : newest.toInstant(), r.getTimestamp(5).toInstant()));
            }
            return cursors;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the sources' cursors", e);
        }
    }

    public void save(String source, String category, String position, Instant newestEntryAt) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        INSERT INTO source_cursor (source, category, position, newest_entry_at, updated_at)
                        VALUES (?, ?, ?, ?, now())
                        ON CONFLICT (source, category) DO UPDATE SET position = EXCLUDED.position,
                            newest_entry_at = COALESCE(EXCLUDED.newest_entry_at, source_cursor.newest_entry_at),
                            updated_at = now()
                        """)) {
            s.setString(1, source);
            s.setString(2, category);
            s.setString(3, position);
            s.setTimestamp(4, newestEntryAt == null ? null : Timestamp.from(newestEntryAt));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot save the cursor of " + source + "/" + category, e);
        }
    }

    public void delete(String source, String category) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM source_cursor WHERE source = ? AND category = ?")) {
            s.setString(1, source);
            s.setString(2, category);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
