package nl.kamerstroom.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends a keyed record and returns a future that completes when the broker acknowledged it, or
 * fails with the broker's reason. Callers that must not move on before an event is durable (mark a
 * row published, commit an input offset, move a file) wait on it.
 */
public final class AcknowledgedSend {

    private AcknowledgedSend() {
    }

    public static <T> CompletableFuture<Void> send(Emitter<T> emitter, T payload, String key) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        emitter.send(Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build())
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return acked;
    }
}
