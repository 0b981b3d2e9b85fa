package nl.kamerstroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalStackCommandTest {

    @Test
    void everyJvmTheStackStartsExitsOnOutOfMemory() throws Exception {
        assertThat(LocalStack.serviceCommand(Path.of("ingest-service/target/quarkus-app/quarkus-run.jar")))
                .contains("-XX:+ExitOnOutOfMemoryError", "-jar");
        assertThat(LocalStack.infrastructureCommand(List.of(KafkaMain.class.getName())))
                .contains("-XX:+ExitOnOutOfMemoryError").endsWith(KafkaMain.class.getName());
        String script = Files.readString(Path.of("run"));
        assertThat(script.lines().filter(l -> l.startsWith("exec java ") && l.contains("LocalStack run")))
                .singleElement().asString().contains("-XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void listensOnTheLoopbackUnlessToldOtherwise() {
        assertThat(LocalStack.LOOPBACK).isEqualTo("127.0.0.1");
        assertThat(LocalStack.postgresListenAddresses("127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(LocalStack.postgresListenAddresses("0.0.0.0")).isEqualTo("*");
        assertThat(LocalStack.advertisedHost("127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(LocalStack.advertisedHost("0.0.0.0")).isNotIn("0.0.0.0", "");
    }
}
