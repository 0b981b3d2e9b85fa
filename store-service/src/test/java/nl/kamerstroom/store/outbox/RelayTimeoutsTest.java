package nl.kamerstroom.store.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The relay holds its transaction while it waits for Kafka's acknowledgements. If the transaction
 * can time out before a send ends, the rows Kafka took cannot be marked and go out twice: a
 * one-minute broker outage once doubled 200 events that way (FaultSystemIT). The shipped
 * configuration must keep the transaction longer than the longest send.
 */
class RelayTimeoutsTest {

    @Test
    void theRelaysTransactionOutlivesTheLongestSend() throws Exception {
        Properties config = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            config.load(in);
        }
        String producer = "mp.messaging.outgoing.answers-published.";
        long maxBlock = Long.parseLong(config.getProperty(producer + "max.block.ms", "60000"));
        long delivery = Long.parseLong(config.getProperty(producer + "delivery.timeout.ms", "120000"));
        long request = Long.parseLong(config.getProperty(producer + "request.timeout.ms", "30000"));
        Duration transaction = Duration.parse("PT" + config.getProperty("kamerstroom.outbox.transaction-timeout").toUpperCase());

        assertThat(delivery).as("Kafka requires delivery.timeout.ms >= request.timeout.ms + linger.ms").isGreaterThanOrEqualTo(request);
        assertThat(transaction).as("the relay's transaction against max.block.ms + delivery.timeout.ms + 10 s")
                .isGreaterThanOrEqualTo(Duration.ofMillis(maxBlock + delivery).plusSeconds(10));
        // and shorter than Kafka's own defaults would allow: a reaped transaction is the failure this guards
        assertThat(Duration.ofMillis(maxBlock + delivery)).isLessThan(Duration.ofMinutes(3));
    }
}
