package nl.kamerstroom.store.api;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /api/export}: every stored letter as JSON Lines, streamed in pages of
 * {@code kamerstroom.export.page-size} letters in id order (keyset: {@code id > last}). Each page is
 * read with a connection borrowed from the pool for that one query and handed back before the page
 * is written: a slow download holds a page of memory and no connection, so a few slow clients cannot
 * empty the pool the consumer and every other request need. Memory stays flat however large the
 * archive is; letters stored during the download appear if they sort after the page being read.
 */
@Path("/api/export")
public class ExportResource {

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "kamerstroom.export.page-size", defaultValue = "200")
    int pageSize;

    private record Row(long id, String json) {
    }

    @GET
    @Produces("application/x-ndjson")
    @Operation(summary = "Every stored letter as JSON Lines: document id, zaak, kind, and the parsed letter")
    public Response export() {
        StreamingOutput body = out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            long after = Long.MIN_VALUE;
            List<Row> page;
            do {
                page = page(after);
                for (Row row : page) {
                    writer.write(row.json());
                    writer.write('\n');
                    after = row.id();
                }
                writer.flush();
            } while (page.size() == pageSize);
        };
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"kamerstroom.jsonl\"").build();
    }

    private List<Row> page(long after) throws IOException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT id, json_build_object('documentId', document_id,"
                        + " 'zaakNumber', zaak_number, 'kind', kind, 'sha256', sha256, 'storedAt', stored_at,"
                        + " 'deleted', deleted_at IS NOT NULL, 'letter', parsed)::text FROM letter WHERE id > ?"
                        + " ORDER BY id LIMIT ?")) {
            s.setLong(1, after);
            s.setInt(2, pageSize);
            List<Row> rows = new ArrayList<>(pageSize);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IOException("export failed: " + e.getMessage(), e);
        }
    }
}
