package nl.kamerstroom.parse.pipeline;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.jboss.logging.Logger;

/**
 * Sends one event and waits for the broker's acknowledgement, sending it again with growing pauses
 * for as long as the failure is transient (broker away, buffer full, a timeout). A broker outage is
 * therefore just a wait; the input offset stays uncommitted meanwhile. Only a failure that the
 * event itself causes (too large, not serialisable) ends the wait, as {@link Refused}, so that the
 * caller can dead-letter the letter instead of retrying it forever.
 */
final class UntilAcknowledged {

    private static final Logger LOG = Logger.getLogger(UntilAcknowledged.class);

    /** The broker or the producer refused the event for what it is; sending it again cannot help. */
    static final class Refused extends Exception {
        Refused(String what, Throwable cause) {
            super(what + " was refused: " + cause.getMessage(), cause);
        }
    }

    private UntilAcknowledged() {
    }

    static void send(String what, Supplier<CompletableFuture<Void>> send, Duration firstPause, Duration maxPause)
            throws Refused {
        Duration pause = firstPause;
        for (int attempt = 1; ; attempt++) {
            try {
                send.get().get();
                if (attempt > 1) {
                    LOG.infof("sent %s after %d attempts", what, attempt);
                }
                return;
            } catch (ExecutionException | CompletionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                if (permanent(cause)) {
                    throw new Refused(what, cause);
                }
                LOG.warnf("sending %s failed (%s); attempt %d, trying again in %d ms", what, cause, attempt,
                        pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceStopping("sending " + what, e);
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceStopping("sending " + what, e);
            }
            pause = pause.multipliedBy(2).compareTo(maxPause) > 0 ? maxPause : pause.multipliedBy(2);
        }
    }

    private static boolean permanent(Throwable failure) {
        return failure instanceof RecordTooLargeException || failure instanceof RecordBatchTooLargeException
                || failure instanceof SerializationException;
    }
}
