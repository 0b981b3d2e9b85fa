package nl.kamerstroom.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} the JVM's shared broker as {@code kafka.bootstrap.servers}. Tests
 * read topics with a {@link TopicReader} on that property; Quarkus' own companion resource needs
 * Docker, this one works with either broker.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", Infrastructure.kafkaBootstrapServers());
    }

    @Override
    public void stop() {
        // shared for the whole JVM; stopped by Infrastructure's shutdown hook
    }
}
