package nl.kamerstroom.store.mail;

import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

/**
 * The pages behind the "Volg" forms and the links in the mails, in Dutch:
 * {@code POST /volgen} (the form: sends the confirmation mail),
 * {@code /volgen/bevestigen/{id}/{token}} (GET shows a button, POST confirms: a link scanner that
 * fetches every link in a mail must not confirm for the reader), and
 * {@code /volgen/afmelden/{id}/{token}} (GET shows the choices, POST unsubscribes, also as the
 * RFC 8058 one-click POST from the {@code List-Unsubscribe} header; {@code …/alles} deletes the
 * address with everything it follows). No page shows an address.
 */
@Path("/volgen")
@Produces(MediaType.TEXT_HTML)
public class FollowPages {

    private static final Logger LOG = Logger.getLogger(FollowPages.class);

    @Inject
    Follows follows;

    @Inject
    MailComposer composer;

    @Inject
    ReactiveMailer mailer;

    @Inject
    LinkKeys keys;

    @Inject
    MailConfig config;

    @Location("site/volgen.html")
    Template page;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response follow(@FormParam("doel") String target, @FormParam("zaak") String zaak, @FormParam("q") String query,
            @FormParam("lid") String member, @FormParam("partij") String party, @FormParam("ministerie") String ministry,
            @FormParam("uitstel") String deadlines, @FormParam("dagelijks") String digest, @FormParam("email") String address) {
        FollowRequest request;
        try {
            request = FollowRequest.of(target, zaak, query, member, party, ministry, deadlines != null, digest != null,
                    address);
        } catch (FollowRequest.Invalid e) {
            return show(Response.Status.BAD_REQUEST, view("Volgen lukt zo niet").data("error", e.getMessage()));
        }
        Follows.Outcome outcome = follows.request(request);
        if (outcome instanceof Follows.Limited limited) {
            return show(Response.Status.TOO_MANY_REQUESTS, view("Even wachten").data("error", limited.reason()));
        }
        if (outcome instanceof Follows.Requested requested) {
            try {
                sendConfirmation(request, requested);
            } catch (RuntimeException e) {
                LOG.warnf("confirmation mail for follow %s not sent, request dropped: %s", requested.id(), e.getMessage());
                follows.abandon(requested.id());
                return show(Response.Status.SERVICE_UNAVAILABLE, view("De e-mail kon niet worden verstuurd")
                        .data("error", "Het versturen van de bevestigingsmail lukte nu niet. Probeer het later opnieuw."));
            }
        }
        // the same page whether or not a mail went out: the form does not tell what an address follows
        return show(Response.Status.OK, view("Bevestig via je e-mail").data("paragraphs", List.of(
                "Als dit verzoek nieuw is, krijg je binnen enkele minuten een e-mail met een bevestigingslink. Die werkt "
                        + config.confirmWithin().toHours() + " uur.",
                "Pas als je op die link klikt en bevestigt, sturen we berichten over " + request.label()
                        + ". Bevestig je niet, dan verwijderen we het verzoek en je e-mailadres vanzelf.",
                "Geen e-mail gekregen? Kijk in je spam-map. Een nieuw verzoek voor hetzelfde kan pas als het vorige is verlopen.")));
    }

    /**
     * Sends the confirmation mail, once more if the first attempt timed out: after an SMTP outage the
     * Vert.x mail client's first connection can hang until the timeout and deliver nothing (store
     * README, "Follow by e-mail"), and the next one goes through.
     */
    private void sendConfirmation(FollowRequest request, Follows.Requested requested) {
        for (int attempt = 1; ; attempt++) {
            try {
                mailer.send(composer.confirmation(request.address(), requested.id(), requested.token(), requested.label()))
                        .await().atMost(config.sendTimeout());
                return;
            } catch (io.smallrye.mutiny.TimeoutException e) {
                if (attempt == 2) {
                    throw e;
                }
                LOG.infof("confirmation mail for follow %s timed out, sending it once more", requested.id());
            }
        }
    }

    @GET
    @Path("bevestigen/{id}/{token}")
    @Operation(hidden = true)
    public Response confirmPage(@PathParam("id") String id, @PathParam("token") String token) {
        Optional<Follows.Follow> follow = uuid(id).flatMap(u -> follows.pending(u, token));
        if (follow.isEmpty()) {
            return expired();
        }
        return show(Response.Status.OK, view("Bevestig dat je wilt volgen")
                .data("paragraphs", List.of("Je staat op het punt " + follow.get().label() + " te volgen"
                        + (follow.get().digest() ? ", met één e-mail per dag." : ", met een e-mail bij elk nieuw antwoord.")))
                .data("action", "/volgen/bevestigen/" + id + "/" + token).data("button", "Ja, volg " + follow.get().label()));
    }

    @POST
    @Path("bevestigen/{id}/{token}")
    @Operation(hidden = true)
    public Response confirm(@PathParam("id") String id, @PathParam("token") String token) {
        Optional<Follows.Follow> follow = uuid(id).flatMap(u -> follows.confirm(u, token));
        if (follow.isEmpty()) {
            return expired();
        }
        return show(Response.Status.OK, view("Je volgt nu " + follow.get().label()).data("paragraphs", List.of(
                "Vanaf nu krijg je " + (follow.get().digest() ? "elke ochtend een e-mail met de antwoorden van de dag ervoor"
                        : "een e-mail bij elk nieuw antwoord") + ", met de vraag en het antwoord erin.",
                "Elke e-mail heeft onderaan een link om je af te melden."))
                .data("back", "/"));
    }

    @GET
    @Path("afmelden/{id}/{token}")
    @Operation(hidden = true)
    public Response unsubscribePage(@PathParam("id") String id, @PathParam("token") String token) {
        Optional<UUID> follow = signed(id, token);
        if (follow.isEmpty()) {
            return notFound();
        }
        Optional<Follows.Follow> found = follows.find(follow.get());
        if (found.isEmpty()) {
            return show(Response.Status.OK, view("Je bent al afgemeld").data("paragraphs",
                    List.of("Hiervoor krijg je geen e-mail meer; wat we ervan hadden bewaard, is verwijderd.")));
        }
        String action = "/volgen/afmelden/" + id + "/" + token;
        return show(Response.Status.OK, view("Afmelden").data("paragraphs", List.of(
                        "Je volgt " + found.get().label() + ". Wil je daarover geen e-mail meer?",
                        "Of verwijder je e-mailadres helemaal, met alles wat je ermee volgt."))
                .data("action", action).data("button", "Afmelden voor " + found.get().label())
                .data("action2", action + "/alles").data("button2", "Verwijder mijn e-mailadres en alles wat ik volg"));
    }

    @POST
    @Path("afmelden/{id}/{token}")
    @Operation(hidden = true)
    public Response unsubscribe(@PathParam("id") String id, @PathParam("token") String token) {
        // the body of an RFC 8058 one-click POST is "List-Unsubscribe=One-Click"; it needs nothing from it
        Optional<UUID> follow = signed(id, token);
        if (follow.isEmpty()) {
            return notFound();
        }
        follows.unsubscribe(follow.get());
        return show(Response.Status.OK, view("Je bent afgemeld").data("paragraphs", List.of(
                "Je krijgt hierover geen e-mail meer. Volg je verder niets, dan is ook je e-mailadres verwijderd.")));
    }

    @POST
    @Path("afmelden/{id}/{token}/alles")
    @Operation(hidden = true)
    public Response forget(@PathParam("id") String id, @PathParam("token") String token) {
        Optional<UUID> follow = signed(id, token);
        if (follow.isEmpty()) {
            return notFound();
        }
        boolean deleted = follows.forget(follow.get());
        return show(Response.Status.OK, view("Je gegevens zijn verwijderd").data("paragraphs", List.of(deleted
                ? "Je e-mailadres is verwijderd, met alles wat je ermee volgde en alle e-mail die nog verstuurd zou worden."
                : "Onder deze link was niets meer bewaard.")));
    }

    private Optional<UUID> signed(String id, String token) {
        return uuid(id).filter(u -> keys.validUnsubscribe(u, token));
    }

    private static Optional<UUID> uuid(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private TemplateInstance view(String title) {
        return page.data("title", title);
    }

    private Response expired() {
        return show(Response.Status.NOT_FOUND, view("Deze link werkt niet (meer)").data("paragraphs", List.of(
                "De bevestigingslink is al gebruikt, verlopen of niet compleet. Een verzoek dat niet op tijd is bevestigd,"
                        + " is verwijderd; vraag het dan opnieuw aan met het formulier.")));
    }

    private Response notFound() {
        return show(Response.Status.NOT_FOUND, view("Deze link werkt niet").data("paragraphs",
                List.of("De link is niet compleet. Gebruik de link uit de e-mail zoals hij is.")));
    }

    private static Response show(Response.Status status, TemplateInstance view) {
        return Response.status(status).entity(view.render()).type(MediaType.TEXT_HTML_TYPE).build();
    }
}
