package nl.kamerstroom.parse.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
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
 *
 * <p>Every wait (for an acknowledgement, between attempts) looks at {@code givingUp} a few times a
 * second: when the service is stopping it ends as {@link ServiceStopping}, the letter stays
 * uncommitted and is parsed again after the restart. Without that a SIGTERM during a broker outage
 * left the worker waiting for an acknowledgement that could not come, and the process did not exit
 * within its grace period.
 */
final class UntilAcknowledged {

    private static final Logger LOG = Logger.getLogger(UntilAcknowledged.class);

    /** The broker or the producer refused the event for what it is; sending it again cannot help. */
    static final class Refused extends Exception {
        Refused(String what, Throwable cause) {
            super(what + " was refused: " + cause.getMessage(), cause);
        }
    }

    /** How often a wait looks whether the service is stopping. */
    private static final long LOOK_EVERY_MS = 100;

    private UntilAcknowledged() {
    }

    static void send(String what, Supplier<CompletableFuture<Void>> send, Duration firstPause, Duration maxPause,
            BooleanSupplier givingUp) throws Refused {
        Duration pause = firstPause;
        for (int attempt = 1; ; attempt++) {
            try {
                await(send.get(), what, givingUp);
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
            }
            pauseBeforeNextAttempt(pause, what, givingUp);
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
            Duration maxPause, BooleanSupplier givingUp) throws Refused {
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
                    await(acks.get(k), what.get(i), givingUp);
                } catch (ExecutionException | CompletionException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    if (permanent(cause)) {
                        throw new Refused(what.get(i), cause);
                    }
                    LOG.warnf("sending %s failed (%s); attempt %d, trying again in %d ms", what.get(i), cause, attempt,
                            pause.toMillis());
                    failed.add(i);
                }
            }
            if (failed.isEmpty()) {
                if (attempt > 1) {
                    LOG.infof("sent %d events after %d attempts", sends.size(), attempt);
                }
                return;
            }
            pending = failed;
            pauseBeforeNextAttempt(pause, what.get(failed.get(0)), givingUp);
            pause = pause.multipliedBy(2).compareTo(maxPause) > 0 ? maxPause : pause.multipliedBy(2);
        }
    }

    /** Waits for one acknowledgement, or ends as {@link ServiceStopping} once {@code givingUp} says so. */
    private static void await(CompletableFuture<Void> ack, String what, BooleanSupplier givingUp)
            throws ExecutionException {
        while (true) {
            try {
                ack.get(LOOK_EVERY_MS, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                if (givingUp.getAsBoolean()) {
                    throw new ServiceStopping("waiting for the broker to acknowledge " + what);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceStopping("sending " + what, e);
            }
        }
    }

    private static void pauseBeforeNextAttempt(Duration pause, String what, BooleanSupplier givingUp) {
        long until = System.nanoTime() + pause.toNanos();
        try {
            for (long left = pause.toMillis(); left > 0; left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())) {
                if (givingUp.getAsBoolean()) {
                    throw new ServiceStopping("sending " + what);
                }
                Thread.sleep(Math.min(left, LOOK_EVERY_MS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceStopping("sending " + what, e);
        }
    }

    private static boolean permanent(Throwable failure) {
        return failure instanceof RecordTooLargeException || failure instanceof RecordBatchTooLargeException
                || failure instanceof SerializationException;
    }
}
