package nl.kamerstroom.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

/**
 * A real SMTP server for the local stack, in a JVM of its own: GreenMail, listening on loopback,
 * taking mail for any address and writing each mail it receives as an {@code .eml} file (open it in
 * any mail program, or read it with {@code cat}) into the mail directory:
 * {@code MailMain <port> <host> <mailDir>}. Nothing is relayed anywhere: mail to real addresses
 * stays on this machine.
 */
public final class MailMain {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** What may stay of a subject in a file name. */
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9-]+");

    private MailMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path dir = Path.of(args[2]);
        Files.createDirectories(dir);
        GreenMail server = new GreenMail(new ServerSetup(port, args[1], ServerSetup.PROTOCOL_SMTP));
        server.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "mail-shutdown"));
        System.out.println("READY mail smtp://" + args[1] + ":" + port + " writing to " + dir);
        int written = 0;
        while (stopped.getCount() > 0) {
            MimeMessage[] received = server.getReceivedMessages();
            for (; written < received.length; written++) {
                write(dir, written, received[written]);
            }
            Thread.sleep(250);
        }
    }

    static Path write(Path dir, int n, MimeMessage message) throws IOException, MessagingException {
        String subject = message.getSubject() == null ? "" : message.getSubject();
        String slug = UNSAFE.matcher(subject.toLowerCase(Locale.ROOT)).replaceAll("-");
        slug = slug.length() > 60 ? slug.substring(0, 60) : slug;
        Path file = dir.resolve(STAMP.format(LocalDateTime.now()) + "-" + String.format("%04d", n) + "-" + slug + ".eml");
        try (OutputStream out = Files.newOutputStream(file)) {
            message.writeTo(out);
        }
        System.out.println("received mail for " + String.join(", ", java.util.Arrays.stream(message.getAllRecipients())
                .map(Object::toString).toList()) + ": " + subject + " -> " + file.getFileName());
        return file;
    }
}
