package nl.kamerstroom.messaging;

import java.util.Map;
import java.util.Properties;

/**
 * Settings for a plain Kafka consumer a service builds itself (reading a topic back, replaying dead
 * letters), taken from the same {@code kafka.*} configuration as the service's channels: bootstrap
 * servers and, in Kubernetes, TLS and SASL ({@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_*},
 * {@code KAFKA_SSL_*}). A client built from {@code bootstrap.servers} alone cannot log in to a broker
 * that requires it. Inject the map with {@code @Identifier("default-kafka-broker") Map<String, Object>}.
 */
public final class KafkaReaderConfig {

    private KafkaReaderConfig() {
    }

    /**
     * @param defaultBroker the service's {@code kafka.*} settings, without the prefix
     * @param clientId      names the reader in the broker's logs and quotas
     * @param maxFetchBytes the largest record it must be able to read
     */
    public static Properties reader(Map<String, Object> defaultBroker, String clientId, int maxFetchBytes) {
        Properties props = new Properties();
        defaultBroker.forEach((key, value) -> {
            // only client settings: the map also carries the channels' own bookkeeping (e.g. "health-enabled")
            if (key.contains(".") && value != null) {
                props.put(key, value.toString());
            }
        });
        props.put("enable.auto.commit", "false");
        props.remove("group.id");
        props.put("client.id", clientId);
        props.put("max.partition.fetch.bytes", String.valueOf(maxFetchBytes));
        props.put("fetch.max.bytes", String.valueOf(maxFetchBytes));
        return props;
    }
}
