package nl.kamerstroom.store.api;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /api/export}: every stored letter as JSON Lines, streamed from a database cursor so
 * that memory stays flat however large the archive is.
 */
@Path("/api/export")
public class ExportResource {

    @Inject
    AgroalDataSource dataSource;

    @GET
    @Produces("application/x-ndjson")
    @Operation(summary = "Every stored letter as JSON Lines: document id, zaak, kind, and the parsed letter")
    public Response export() {
        StreamingOutput body = out -> {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
                try (PreparedStatement s = c.prepareStatement("SELECT json_build_object('documentId', document_id,"
                        + " 'zaakNumber', zaak_number, 'kind', kind, 'sha256', sha256, 'storedAt', stored_at,"
                        + " 'deleted', deleted_at IS NOT NULL, 'letter', parsed)::text FROM letter ORDER BY id")) {
                    s.setFetchSize(500);
                    try (ResultSet rs = s.executeQuery()) {
                        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                        while (rs.next()) {
                            writer.write(rs.getString(1));
                            writer.write('\n');
                        }
                        writer.flush();
                    }
                }
                c.rollback();
            } catch (java.sql.SQLException e) {
                throw new java.io.IOException("export failed: " + e.getMessage(), e);
            }
        };
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"kamerstroom.jsonl\"").build();
    }
}
