package nl.kamerstroom.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import nl.kamerstroom.testsupport.KafkaResource;
import nl.kamerstroom.testsupport.PostgresResource;
import nl.kamerstroom.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The test profile enables the folder at target/watched-folder with a fast scan. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class WatchedFolderTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "kamerstroom.ingest.watch.dir")
    Path dir;

    @Test
    void aDroppedLetterIsPublishedAndThenMovedToProcessed() throws Exception {
        String name = "brief-" + UUID.randomUUID() + ".txt";
        String marker = UUID.randomUUID().toString();
        drop(name, "Vraag 1\nKent u " + marker + "?\n");

        Path processed = dir.resolve("processed").resolve(name);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(processed));
        assertThat(dir.resolve(name)).doesNotExist();
        // moved only after Kafka acknowledged: the event is there by now
        ConsumerRecord<String, String> event = new TopicReader(bootstrapServers)
                .await("letters.fetched", r -> r.value().contains("\"fileName\":\"" + name + "\""), Duration.ofSeconds(5));
        var json = new ObjectMapper().readTree(event.value());
        assertThat(json.get("source").asText()).isEqualTo("folder");
        assertThat(json.get("contentType").asText()).isEqualTo("text/plain");
    }

    @Test
    void anUnsupportedFileGoesToFailedWithItsReason() throws Exception {
        String name = "plaatje-" + UUID.randomUUID() + ".png";
        drop(name, "not a letter");
        Path failed = dir.resolve("failed").resolve(name);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(failed));
        assertThat(Files.readString(dir.resolve("failed").resolve(name + ".reason"))).contains("unsupported file type");
    }

    private void drop(String name, String content) throws Exception {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir.getParent(), "drop", ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(tmp, FileTime.from(Instant.now().minusSeconds(5)));
        Files.move(tmp, dir.resolve(name));
    }
}
