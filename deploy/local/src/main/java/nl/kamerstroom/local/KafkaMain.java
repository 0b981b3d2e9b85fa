package nl.kamerstroom.local;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import nl.kamerstroom.testsupport.EmbeddedKafka;

/**
 * A Kafka broker (KRaft) in a JVM of its own:
 * {@code KafkaMain <port> <controllerPort> <logDir> <listenHost> <advertisedHost>}.
 */
public final class KafkaMain {

    private KafkaMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int controllerPort = Integer.parseInt(args[1]);
        EmbeddedKafka kafka = EmbeddedKafka.start(args[3], args[4], port, controllerPort, Path.of(args[2]), false);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            stopped.countDown();
        }, "kafka-shutdown"));
        System.out.println("READY kafka " + kafka.bootstrapServers());
        stopped.await();
    }
}
