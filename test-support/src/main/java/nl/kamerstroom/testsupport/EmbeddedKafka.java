package nl.kamerstroom.testsupport;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka broker in KRaft combined mode (broker and controller in one), running
 * in the calling JVM. Used by tests when no Docker daemon is available, and by the local stack in a
 * JVM of its own ({@link KafkaMain}).
 *
 * <p>A single node forces every internal topic down to replication factor 1 and min ISR 1,
 * otherwise consumer groups and transactions never find a coordinator.
 */
public final class EmbeddedKafka implements AutoCloseable {

    /** Large enough for the ingest upload limit (20 MB) in base64 plus headers. */
    public static final int MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

    private static final String CLUSTER_ID_FILE = "kamerstroom-cluster-id";

    private static final String LOOPBACK = "127.0.0.1";

    private final KafkaRaftServer server;
    private final String advertisedHost;
    private final int port;
    private final Path logDir;
    private final boolean deleteOnClose;

    private EmbeddedKafka(KafkaRaftServer server, String advertisedHost, int port, Path logDir, boolean deleteOnClose) {
        this.server = server;
        this.advertisedHost = advertisedHost;
        this.port = port;
        this.logDir = logDir;
        this.deleteOnClose = deleteOnClose;
    }

    /** A throw-away broker on free ports with its data in a temp dir that is deleted on close. */
    public static EmbeddedKafka startTemporary() throws IOException {
        return start(0, 0, Files.createTempDirectory("kamerstroom-kafka"), true);
    }

    /**
     * Starts a broker on {@code port} and its controller on {@code controllerPort} (0 = any free port)
     * with its log in {@code logDir}. An already formatted directory is reused, so a restart keeps its
     * topics and offsets.
     */
    public static EmbeddedKafka start(int port, int controllerPort, Path logDir, boolean deleteOnClose)
            throws IOException {
        return start(LOOPBACK, LOOPBACK, port, controllerPort, logDir, deleteOnClose);
    }

    /**
     * As {@link #start(int, int, Path, boolean)}, with the client listener bound to {@code listenHost}
     * (e.g. {@code 0.0.0.0}) and announced to clients as {@code advertisedHost}; the controller
     * listener stays on the loopback address.
     */
    public static EmbeddedKafka start(String listenHost, String advertisedHost, int port, int controllerPort, Path logDir,
            boolean deleteOnClose) throws IOException {
        int brokerPort = port == 0 ? freePort() : port;
        int quorumPort = controllerPort == 0 ? freePort() : controllerPort;
        Files.createDirectories(logDir);
        String dir = logDir.toAbsolutePath().toString();

        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@" + LOOPBACK + ":" + quorumPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listeners", "PLAINTEXT://" + listenHost + ":" + brokerPort + ",CONTROLLER://" + LOOPBACK + ":" + quorumPort);
        props.put("advertised.listeners", "PLAINTEXT://" + advertisedHost + ":" + brokerPort);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", dir);
        props.put("num.partitions", "3");
        props.put("auto.create.topics.enable", "true");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "3");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "3");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("message.max.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        props.put("replica.fetch.max.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        props.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        KafkaConfig config = new KafkaConfig(props);

        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(config, logDir);
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        return new EmbeddedKafka(server, advertisedHost, brokerPort, logDir, deleteOnClose);
    }

    private static void format(KafkaConfig config, Path logDir) throws IOException {
        Path idFile = logDir.resolve(CLUSTER_ID_FILE);
        String clusterId = Files.exists(idFile) ? Files.readString(idFile).trim() : Uuid.randomUuid().toString();
        Files.writeString(idFile, clusterId);
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setClusterId(clusterId)
                    .setNodeId(config.nodeId())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(logDir.toAbsolutePath().toString())
                    .setDirectories(Set.of(logDir.toAbsolutePath().toString()))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IOException("could not format the KRaft storage in " + logDir + ": " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return advertisedHost + ":" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            Files2.deleteRecursively(logDir);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

}
