package nl.kamerstroom.parse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import nl.kamerstroom.parse.Seeds;
import nl.kamerstroom.testsupport.BrokerProcess;
import nl.kamerstroom.testsupport.ServiceProcess;
import nl.kamerstroom.testsupport.TextPdf;
import nl.kamerstroom.testsupport.TopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to the packaged parse-service while the broker is down and a letter's events wait for
 * their acknowledgement: the process must exit within its grace period (Kubernetes:
 * {@code quarkus.shutdown.timeout} plus 10 s, see DeploymentPolicyTest) and lose nothing: the
 * letter's offset is not committed, so the service started again parses it again.
 *
 * <p>A process of its own (the packaged {@code target/quarkus-app}, as in production) and a broker
 * process that is killed, because the shutdown path cannot be exercised inside a test's JVM. Runs in
 * {@code verify} (failsafe), after the package phase.
 */
class ShutdownInOutageIT {

    /** parse-service's quarkus.shutdown.timeout in production (application.properties). */
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);
    /** What a service may take beyond it (the JVM's teardown on a loaded machine): the system tests' margin. */
    private static final Duration EXIT_MARGIN = Duration.ofSeconds(10);
    private static final Duration START = Duration.ofSeconds(180);
    private static final List<String> JVM = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1");
    /** Long enough to parse that the broker is gone before its events are sent (seconds, not milliseconds). */
    private static final int SLOW_PAGES = 400;

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void sigtermWhileTheBrokerIsDownExitsInTimeAndTheLetterInFlightIsParsedAfterTheRestart() throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        Path work = Files.createDirectories(Path.of("target", "shutdown-in-outage", UUID.randomUUID().toString()));
        try (BrokerProcess broker = BrokerProcess.start(work.resolve("kafka"), work.resolve("kafka.log"), JVM, START)) {
            int port = freePort();
            Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                    "KAMERSTROOM_PARSE_CONSUMERS", "1");
            // the pipeline says at DEBUG when it starts a letter and when it sends its events: the test
            // waits for those lines to know where the letter is
            List<String> jvm = new java.util.ArrayList<>(JVM);
            jvm.add("-Dquarkus.log.category.\"nl.kamerstroom.parse.pipeline\".level=DEBUG");
            Path log = work.resolve("parse-service.log");
            ServiceProcess parse = ServiceProcess.start("parse-service", jar, port, env, log, jvm);
            try {
                parse.awaitReady(START);
                Letters letters = new Letters(broker.bootstrapServers(), json);
                TopicReader topics = new TopicReader(broker.bootstrapServers());
                // one letter through first, so that the producers have their metadata and the group its partitions
                String warm = "warm-" + UUID.randomUUID();
                letters.send(warm, "text/plain", Seeds.text(Seeds.ANSWER_SNELLER).getBytes(StandardCharsets.UTF_8));
                topics.await("letters.parsed", r -> r.value().contains(warm), Duration.ofSeconds(120));

                String slow = "slow-" + UUID.randomUUID();
                letters.send(slow, "application/pdf", slowPdf());
                awaitLine(log, "parsing " + slow, Duration.ofSeconds(120));
                broker.kill();
                // the parse ends with the broker gone: its events now wait for an acknowledgement that cannot come
                awaitLine(log, " events of " + slow, Duration.ofSeconds(60));

                Duration bound = SHUTDOWN_TIMEOUT.plus(EXIT_MARGIN);
                // if it is still there shortly before the bound, its threads say what it waits for
                java.util.concurrent.ScheduledExecutorService dumps = java.util.concurrent.Executors
                        .newSingleThreadScheduledExecutor();
                long pid = parse.pid();
                dumps.schedule(() -> threadDump(pid, work.resolve("parse-service-threads.txt")),
                        bound.minusSeconds(5).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                Duration exited = parse.terminate(bound);
                dumps.shutdownNow();
                System.out.printf("SIGTERM with the broker down and a letter's events unacknowledged: exited after %s%n",
                        exited);
                assertThat(exited).as("parse-service exits within %s of SIGTERM with the broker down", bound)
                        .isNotNull();

                broker.restart(START);
                var fetched = topics.awaitKey("letters.fetched", slow, Duration.ofSeconds(60));
                TopicPartition partition = new TopicPartition(fetched.topic(), fetched.partition());
                long slowOffset = fetched.offset();
                OffsetAndMetadata committed = committed(broker.bootstrapServers(), partition);
                assertThat(committed == null ? 0 : committed.offset())
                        .as("the letter in flight was not committed (its offset %d)", slowOffset)
                        .isLessThanOrEqualTo(slowOffset);

                parse = ServiceProcess.start("parse-service", jar, port, env, work.resolve("parse-service-2.log"), jvm);
                parse.awaitReady(START);
                topics.await("letters.parsed", r -> r.value().contains(slow), Duration.ofSeconds(120));
                assertThat(topics.readAll("letters.dlq")).as("nothing dead-lettered").noneMatch(r -> slow.equals(r.key()));
            } finally {
                parse.stop(Duration.ofSeconds(30));
            }
        }
    }

    /** A 9-question answer letter (seed 000) followed by pages of prose: seconds to read, valid. */
    private static byte[] slowPdf() {
        StringBuilder prose = new StringBuilder(Seeds.text(Seeds.ANSWER_SNELLER)).append('\n');
        // one sentence a line: TextPdf wraps each line by measuring it, so one long paragraph would take minutes
        String sentence = "De minister heeft de Kamer hierover eerder geïnformeerd en zal dat blijven doen.\n";
        while (prose.length() < SLOW_PAGES * 3_000) {
            prose.append(sentence);
        }
        return TextPdf.render(prose.toString());
    }

    private static OffsetAndMetadata committed(String bootstrap, TopicPartition partition) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            return admin.listConsumerGroupOffsets("parse-service").partitionsToOffsetAndMetadata()
                    .get(60, java.util.concurrent.TimeUnit.SECONDS).get(partition);
        }
    }

    private static void threadDump(long pid, Path to) {
        try {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "Thread.print").redirectErrorStream(true)
                    .redirectOutput(to.toFile()).start().waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
            System.out.println("parse-service still running shortly before the bound; its threads: " + to.toAbsolutePath());
        } catch (IOException e) {
            System.out.println("no thread dump: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // it exited: no dump needed
        }
    }

    private static void awaitLine(Path log, String line, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(50))
                .until(() -> Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(line));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
