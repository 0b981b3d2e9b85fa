package nl.kamerstroom.store.mail;

import org.awaitility.Awaitility;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the test SMTP server received for one address, read as a person's mail program would. */
public final class TestMailbox {

    /** A link into the site in a mail body. */
    private static final Pattern LINK = Pattern.compile("(?<url>https?://[^\\s\"<>]+/volgen/(?:bevestigen|afmelden)/[^\\s\"<>]+)");

    private TestMailbox() {
    }

    public static List<MimeMessage> of(String address) {
        return Arrays.stream(SmtpResource.server().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(r -> r.toString().equalsIgnoreCase(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** Waits until {@code address} has {@code count} mails, and returns them. */
    public static List<MimeMessage> await(String address, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> of(address).size() >= count);
        return of(address);
    }

    /** The text/plain and text/html parts, decoded. */
    public static Map<String, String> parts(MimeMessage message) throws MessagingException, IOException {
        Map<String, String> parts = new LinkedHashMap<>();
        collect(message.getContentType(), message.getContent(), parts);
        return parts;
    }

    private static void collect(String type, Object content, Map<String, String> parts) throws MessagingException, IOException {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                collect(part.getContentType(), part.getContent(), parts);
            }
        } else if (content instanceof String text) {
            parts.put(type.toLowerCase().startsWith("text/html") ? "html" : "text", text);
        }
    }

    /** The first site link of the given kind in the text part, as a path on the test server. */
    public static String linkPath(MimeMessage message, String kind) throws MessagingException, IOException {
        Matcher m = LINK.matcher(parts(message).get("text"));
        while (m.find()) {
            if (m.group("url").contains("/volgen/" + kind + "/")) {
                return URI.create(m.group("url")).getPath();
            }
        }
        throw new AssertionError("no " + kind + " link in " + parts(message).get("text"));
    }

    public static String header(MimeMessage message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null ? null : values[0];
    }
}
