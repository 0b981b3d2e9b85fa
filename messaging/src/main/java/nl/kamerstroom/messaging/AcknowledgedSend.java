package nl.kamerstroom.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends a keyed record and returns a future that completes when the broker acknowledged it, or
 * fails with the broker's reason. Callers that must not move on before an event is durable (mark a
 * row published, commit an input offset, move a file) wait on it.
 *
 * <p>A send the emitter refuses at once (its buffer is full because the broker is away, the
 * channel is closing) fails the returned future too rather than throwing, so every failure reaches
 * the caller the same way and a caller that retries transient failures sees them all.
 */
public final class AcknowledgedSend {

    private AcknowledgedSend() {
    }

    public static <T> CompletableFuture<Void> send(Emitter<T> emitter, T payload, String key) {
        return send(emitter, payload, key, new Object[0]);
    }

    /** As {@link #send(Emitter, Object, String)}, with more metadata, e.g. CloudEvents attributes. */
    public static <T> CompletableFuture<Void> send(Emitter<T> emitter, T payload, String key, Object... metadata) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<T> message = Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
        for (Object m : metadata) {
            message = message.addMetadata(m);
        }
        try {
            emitter.send(message
                    .withAck(() -> {
                        acked.complete(null);
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(failure -> {
                        acked.completeExceptionally(failure);
                        return CompletableFuture.completedFuture(null);
                    }));
        } catch (RuntimeException refused) {
            acked.completeExceptionally(refused);
        }
        return acked;
    }
}
