package nl.kamerstroom.store.api;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.LocalDate;
import nl.kamerstroom.store.letter.Letter;
import nl.kamerstroom.store.zaak.Zaak;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Read side: letters by document id, zaken by number. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class QueryResource {

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @GET
    @Path("/letters/{documentId}")
    @Transactional
    @Operation(summary = "One stored letter with its questions and answers")
    public Response letter(@PathParam("documentId") String documentId) {
        return Letter.findByDocumentId(documentId)
                .map(l -> Response.ok(LetterView.of(l)).build())
                .orElseGet(() -> Problem.response(Response.Status.NOT_FOUND, "no letter with document id '" + documentId + "'"));
    }

    @GET
    @Path("/zaken/{number}")
    @Transactional
    @Operation(summary = "A zaak: status, dates, documents, and its questions in order with their answers")
    public Response zaak(@PathParam("number") String number) {
        if (!number.matches(Zaak.NUMBER_PATTERN)) {
            return Problem.response(Response.Status.BAD_REQUEST,
                    "'" + number + "' is not a zaak number; expected four digits, Z, five digits, like 2025Z17315");
        }
        return ZaakView.read(em, number, LocalDate.now(clock)).map(read -> Response.ok(read.view()).build())
                .orElseGet(() -> Problem.response(Response.Status.NOT_FOUND, "no letters stored for zaak " + number));
    }
}
