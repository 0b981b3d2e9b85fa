package nl.kamerstroom.store.mail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.mailer.Mail;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.kamerstroom.events.EventTypes;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.ZaakUpdate;

/**
 * The mails, as plain text and simple HTML (Qute templates under {@code templates/mail/}): the
 * confirmation, one per event (the question and the answer text in the mail itself), the daily digest.
 * Every mail after the confirmation has the unsubscribe link in its body and in the
 * {@code List-Unsubscribe} header with {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click}
 * (RFC 8058), and a Message-ID fixed per (follow, event) or (follow, day), so a mail sent again after
 * a crash is recognisably the same mail.
 */
@ApplicationScoped
public class MailComposer {

    @Inject
    MailConfig config;

    @Inject
    LinkKeys keys;

    @Inject
    ObjectMapper json;

    @Location("mail/bevestigen.txt")
    Template confirmText;

    @Location("mail/bevestigen.html")
    Template confirmHtml;

    @Location("mail/bericht.txt")
    Template messageText;

    @Location("mail/bericht.html")
    Template messageHtml;

    /** A question as the mail shows it. */
    public record Question(String number, String text) {
    }

    /** One event in a mail: what happened, to which zaak, the questions and the answer. */
    public record Item(String heading, String zaak, String subject, String link, List<Question> questions, String answer,
            boolean combined) {
    }

    public Mail confirmation(String to, UUID follow, String token, String label) {
        String link = config.baseUrl() + "/volgen/bevestigen/" + follow + "/" + token;
        long hours = config.confirmWithin().toHours();
        return Mail.withText(to, "Bevestig: volg " + label + " op kamerstroom",
                        confirmText.data("label", label).data("link", link).data("hours", hours).render())
                .setHtml(confirmHtml.data("label", label).data("link", link).data("hours", hours).render())
                .addHeader("Message-ID", messageId("bevestigen-" + follow))
                .addHeader("Auto-Submitted", "auto-generated");
    }

    /** The mail for one event. */
    public Mail event(String to, UUID follow, String label, long outboxId, String payload) throws IOException {
        Item item = item(json.readValue(payload, ZaakUpdate.class));
        return message(to, follow, label, item.heading() + ": " + shortSubject(item), List.of(item), null,
                messageId("volg-" + follow + "-" + outboxId));
    }

    /** The daily digest: every item in one mail. */
    public Mail digest(String to, UUID follow, String label, LocalDate day, List<String> payloads) throws IOException {
        List<Item> items = new ArrayList<>();
        for (String p : payloads) {
            items.add(item(json.readValue(p, ZaakUpdate.class)));
        }
        String subject = items.size() == 1 ? "1 nieuw bericht" : items.size() + " nieuwe berichten";
        return message(to, follow, label, "Dagoverzicht " + label + ": " + subject, items, day,
                messageId("overzicht-" + follow + "-" + day));
    }

    private Mail message(String to, UUID follow, String label, String subject, List<Item> items, LocalDate day,
            String messageId) {
        String unsubscribe = config.baseUrl() + "/volgen/afmelden/" + follow + "/" + keys.unsubscribeToken(follow);
        var text = messageText.data("label", label).data("items", items).data("day", day).data("unsubscribe", unsubscribe)
                .data("site", config.baseUrl());
        var html = messageHtml.data("label", label).data("items", items).data("day", day).data("unsubscribe", unsubscribe)
                .data("site", config.baseUrl());
        return Mail.withText(to, subject, text.render()).setHtml(html.render())
                .addHeader("Message-ID", messageId)
                .addHeader("List-Unsubscribe", "<" + unsubscribe + ">")
                .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
                .addHeader("Auto-Submitted", "auto-generated");
    }

    private Item item(ZaakUpdate u) {
        String heading = switch (u.type()) {
            case EventTypes.ANSWER_PUBLISHED -> u.letterKind() == LetterKind.FURTHER_ANSWER ? "Aanvullend antwoord" : "Antwoord";
            case EventTypes.ZAAK_POSTPONED -> "Uitstel van het antwoord";
            case EventTypes.ZAAK_WITHDRAWN -> "Vragen ingetrokken";
            case FollowRequest.ZAAK_OVERDUE -> "Antwoordtermijn verstreken";
            case EventTypes.ANSWER_CHANGED -> "Antwoord gewijzigd";
            default -> "Nieuw over de zaak";
        };
        List<Question> questions = new ArrayList<>();
        List<String> numbers = u.questionNumbers() == null ? List.of() : u.questionNumbers();
        for (int i = 0; i < numbers.size(); i++) {
            String text = u.questionTexts() != null && i < u.questionTexts().size() ? u.questionTexts().get(i) : "";
            questions.add(new Question(numbers.get(i), text));
        }
        return new Item(heading, u.zaakNumber(), u.subject(), config.baseUrl() + "/zaken/" + u.zaakNumber(), questions,
                u.text(), questions.size() > 1);
    }

    private static String shortSubject(Item item) {
        String s = item.subject() == null || item.subject().isBlank() ? "zaak " + item.zaak() : item.subject();
        return s.length() > 120 ? s.substring(0, 119) + "…" : s;
    }

    private String messageId(String local) {
        String host = URI.create(config.baseUrl()).getHost();
        return "<" + local + "@" + (host == null ? "kamerstroom" : host) + ">";
    }
}
