package nl.kamerstroom.store.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * A real SMTP server on loopback for the store's tests: GreenMail, in this JVM, on a free port. The
 * store's mailer is pointed at it; tests read what it received through {@link #server()}.
 */
public class SmtpResource implements QuarkusTestResourceLifecycleManager {

    private static volatile GreenMail server;

    /** The running server (tests purge it between cases). */
    public static GreenMail server() {
        return server;
    }

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException("no free port for the test SMTP server", e);
            }
            GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            greenMail.start();
            server = greenMail;
        }
        return Map.of("quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(server.getSmtp().getPort()),
                "quarkus.mailer.start-tls", "DISABLED",
                "quarkus.mailer.mock", "false");
    }

    @Override
    public void stop() {
        // kept for the whole test JVM (GLOBAL scope: every test class shares the one application)
    }
}
