package nl.kamerstroom.parse.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * As {@link #send} for several events, without waiting for one acknowledgement before sending the
     * next: all are handed to the producer at once (so it can batch them: one request to the broker
     * instead of one round trip, and one {@code linger.ms}, per event) and then awaited together.
     * Those that failed transiently are sent again after a pause, in their order; the first permanent
     * failure ends the wait as {@link Refused}. An event may thus be on the topic twice after an
     * outage, as with any retried send; it is never missing.
     */
    static void sendAll(List<String> what, List<Supplier<CompletableFuture<Void>>> sends, Duration firstPause,
            Duration maxPause) throws Refused {
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < sends.size(); i++) {
            pending.add(i);
        }
        Duration pause = firstPause;
        for (int attempt = 1; ; attempt++) {
            List<CompletableFuture<Void>> acks = new ArrayList<>(pending.size());
            for (int i : pending) {
                acks.add(sends.get(i).get());
            }
            List<Integer> failed = new ArrayList<>();
            for (int k = 0; k < acks.size(); k++) {
                int i = pending.get(k);
                try {
                    acks.get(k).get();
                } catch (ExecutionException | CompletionException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    if (permanent(cause)) {
                        throw new Refused(what.get(i), cause);
                    }
                    LOG.warnf("sending %s failed (%s); attempt %d, trying again in %d ms", what.get(i), cause, attempt,
                            pause.toMillis());
                    failed.add(i);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ServiceStopping("sending " + what.get(i), e);
                }
            }
            if (failed.isEmpty()) {
                if (attempt > 1) {
                    LOG.infof("sent %d events after %d attempts", sends.size(), attempt);
                }
                return;
            }
            pending = failed;
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceStopping("sending " + what.get(failed.get(0)), e);
            }
            pause = pause.multipliedBy(2).compareTo(maxPause) > 0 ? maxPause : pause.multipliedBy(2);
        }
    }

    private static boolean permanent(Throwable failure) {
        return failure instanceof RecordTooLargeException || failure instanceof RecordBatchTooLargeException
                || failure instanceof SerializationException;
    }
}
