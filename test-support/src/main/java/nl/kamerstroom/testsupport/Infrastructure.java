package nl.kamerstroom.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One Kafka broker and one PostgreSQL server per test JVM, started on first use and stopped when
 * the JVM exits. Testcontainers when a Docker daemon is reachable, the embedded ones otherwise;
 * {@code -Dkamerstroom.test.infra=docker|embedded|auto} (or {@code KAMERSTROOM_TEST_INFRA})
 * overrides the choice.
 */
public final class Infrastructure {

    public enum Mode { DOCKER, EMBEDDED }

    private static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    private static final String POSTGRES_IMAGE = "postgres:17-alpine";

    private static Mode mode;
    private static String kafkaBootstrap;
    private static String pgAdminUrl;
    private static String pgUser;
    private static String pgPassword;

    private Infrastructure() {
    }

    public static synchronized Mode mode() {
        if (mode == null) {
            String wanted = System.getProperty("kamerstroom.test.infra",
                    System.getenv().getOrDefault("KAMERSTROOM_TEST_INFRA", "auto")).toLowerCase(Locale.ROOT);
            mode = switch (wanted) {
                case "docker" -> Mode.DOCKER;
                case "embedded" -> Mode.EMBEDDED;
                case "auto" -> dockerAvailable() ? Mode.DOCKER : Mode.EMBEDDED;
                default -> throw new IllegalArgumentException(
                        "kamerstroom.test.infra must be auto, docker or embedded, not " + wanted);
            };
        }
        return mode;
    }

    /** A quick look first, so that a machine with clearly no Docker never waits for the probe. */
    private static boolean dockerAvailable() {
        boolean hint = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
        if (!hint) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafkaBootstrap == null) {
            try {
                if (mode() == Mode.DOCKER) {
                    KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE)
                            .withEnv("KAFKA_MESSAGE_MAX_BYTES", String.valueOf(EmbeddedKafka.MAX_MESSAGE_BYTES))
                            .withEnv("KAFKA_REPLICA_FETCH_MAX_BYTES", String.valueOf(EmbeddedKafka.MAX_MESSAGE_BYTES))
                            .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
                    kafka.start();
                    kafkaBootstrap = kafka.getBootstrapServers();
                    Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop));
                } else {
                    EmbeddedKafka kafka = EmbeddedKafka.startTemporary();
                    kafkaBootstrap = kafka.bootstrapServers();
                    Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
                }
            } catch (Exception e) {
                throw new IllegalStateException("could not start a Kafka broker (" + mode() + "): " + e, e);
            }
        }
        return kafkaBootstrap;
    }

    /** JDBC settings for {@code database} on the shared server, creating the database if needed. */
    public static synchronized Map<String, String> postgres(String database) {
        try {
            if (pgAdminUrl == null) {
                if (mode() == Mode.DOCKER) {
                    PostgreSQLContainer pg = new PostgreSQLContainer(POSTGRES_IMAGE);
                    pg.start();
                    pgAdminUrl = pg.getJdbcUrl();
                    pgUser = pg.getUsername();
                    pgPassword = pg.getPassword();
                    Runtime.getRuntime().addShutdownHook(new Thread(pg::stop));
                } else {
                    EmbeddedPg pg = EmbeddedPg.startTemporary();
                    pgAdminUrl = pg.jdbcUrl("postgres");
                    pgUser = EmbeddedPg.USER;
                    pgPassword = "";
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            pg.close();
                        } catch (Exception ignored) {
                            // the JVM is going away; the temp dir goes with the OS
                        }
                    }));
                }
            }
            EmbeddedPg.Databases.ensure(pgAdminUrl, pgUser, pgPassword, database);
            String url = pgAdminUrl.replaceFirst("/[^/?]+(\\?.*)?$", "/" + database + "$1");
            return Map.of("url", url, "username", pgUser, "password", pgPassword);
        } catch (Exception e) {
            throw new IllegalStateException("could not start PostgreSQL (" + mode() + "): " + e, e);
        }
    }
}
