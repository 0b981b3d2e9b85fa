package nl.kamerstroom.parse.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;

/** What the pipeline's Quarkus tests share: the broker, JSON, and the pipeline with its real reader restored. */
abstract class WithPipeline {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper json;

    @Inject
    LetterPipeline pipeline;

    @AfterEach
    void realReader() {
        pipeline.readWith(null);
    }
}
