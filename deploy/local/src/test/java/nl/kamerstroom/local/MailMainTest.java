package nl.kamerstroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailMainTest {

    @Test
    void aReceivedMailIsKeptAsAnEmlFileNamedAfterItsSubject(@TempDir Path dir) throws Exception {
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress("lezer@voorbeeld.nl"));
        mail.setSubject("Antwoord: Vragen over de A12 (zaak 2025Z17315)");
        mail.setText("Er komt een extra rijstrook bij Zoetermeer.");
        Path file = MailMain.write(dir, 7, mail);
        assertThat(file.getParent()).isEqualTo(dir);
        assertThat(file.getFileName().toString()).endsWith("-0007-antwoord-vragen-over-de-a12-zaak-2025z17315-.eml");
        assertThat(Files.readString(file)).contains("Subject: Antwoord: Vragen over de A12", "To: lezer@voorbeeld.nl",
                "Er komt een extra rijstrook bij Zoetermeer.");
    }
}
