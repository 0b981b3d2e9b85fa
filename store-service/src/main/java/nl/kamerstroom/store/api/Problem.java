package nl.kamerstroom.store.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem body: what went wrong in words a caller can act on, never a stack trace. */
public record Problem(String type, String title, int status, String detail) {

    public static Response response(Response.Status status, String detail) {
        return Response.status(status)
                .type(MediaType.valueOf("application/problem+json"))
                .entity(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail))
                .build();
    }
}
