package nl.kamerstroom.ingest.upload;

import jakarta.ws.rs.core.Response;

/** A request without the key it needs: 401 (no, a wrong or a revoked key) or 403 (the endpoint is disabled). */
public class KeyRefusedException extends RuntimeException {

    private final Response.Status status;

    KeyRefusedException(Response.Status status, String detail) {
        super(detail);
        this.status = status;
    }

    public Response.Status status() {
        return status;
    }
}
