package nl.kamerstroom.local;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Topics the local broker must not create on first use with its defaults (3 partitions, deleted
 * after a week): {@code reparse.jobs} is a compacted table of one record, the re-parse job every
 * parse replica reads back; {@code letters.reparsed} is created up front so that the store's
 * consumer of it subscribes before the first re-parse. The other topics are created on first use.
 */
final class LocalTopics {

    /** As deploy/compose.yaml creates them (one replica). */
    static final List<NewTopic> TOPICS = List.of(
            new NewTopic("reparse.jobs", 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
            new NewTopic("letters.reparsed", 3, (short) 1).configs(Map.of("compression.type", "zstd",
                    "max.message.bytes", "33554432", "retention.ms", "604800000")));

    private LocalTopics() {
    }

    /** Creates each topic that does not exist yet. */
    static void create(String bootstrap) throws InterruptedException {
        // the admin client would print its whole configuration on the stack's console (slf4j-simple, INFO)
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (NewTopic topic : TOPICS) {
                try {
                    admin.createTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create " + topic.name() + ": " + e.getCause(), e);
                    }
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("could not create " + topic.name() + " within 60 s", e);
                }
            }
        }
    }
}
