package nl.kamerstroom.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service does with Kafka, read from its configuration and its code: the topics its
 * channels read and write (SmallRye's {@code mp.messaging.*}, dead-letter queues included), the
 * consumer groups, and the topics its own Kafka clients ({@code new KafkaConsumer}/{@code KafkaProducer})
 * name, through a channel's topic property, an {@code EventTypes.TOPIC_*} constant or a literal.
 */
final class KafkaAccess {

    enum Operation { READ, WRITE }

    /** One topic a service reads or writes. */
    record Use(String topic, Operation operation) implements Comparable<Use> {
        @Override
        public int compareTo(Use o) {
            return (topic + operation).compareTo(o.topic + o.operation);
        }

        @Override
        public String toString() {
            return operation + " " + topic;
        }
    }

    /** A producer and the largest request it sends ({@code max.request.size}). */
    record Producer(String channel, String topic, long maxRequestSize) {
    }

    /** Kafka's default {@code max.request.size}. */
    static final long DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;

    private static final Pattern CHANNEL = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.connector");
    /** {@code @ConfigProperty(name = "mp.messaging.outgoing.letters-fetched.topic" ...)} in a client's code */
    private static final Pattern TOPIC_PROPERTY = Pattern.compile("\"(mp\\.messaging\\.(?:incoming|outgoing)\\.[^.\"]+\\.topic)\"");
    /** {@code EventTypes.TOPIC_LETTERS_DLQ} */
    private static final Pattern TOPIC_CONSTANT = Pattern.compile("\\bTOPIC_[A-Z_]+\\b");
    /** {@code public static final String TOPIC_LETTERS_FETCHED = "letters.fetched";} */
    private static final Pattern CONSTANT_DECLARATION = Pattern.compile("(TOPIC_[A-Z_]+)\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"([a-z]+\\.[a-z]+)\"");

    private KafkaAccess() {
    }

    static List<Producer> producers(Properties props) {
        List<Producer> producers = new ArrayList<>();
        for (String channel : channels(props, "outgoing")) {
            String prefix = "mp.messaging.outgoing." + channel + ".";
            producers.add(new Producer(channel, props.getProperty(prefix + "topic", channel),
                    Long.parseLong(props.getProperty(prefix + "max.request.size", String.valueOf(DEFAULT_MAX_REQUEST_SIZE)))));
        }
        for (String channel : channels(props, "incoming")) {
            String prefix = "mp.messaging.incoming." + channel + ".";
            if ("dead-letter-queue".equals(props.getProperty(prefix + "failure-strategy"))) {
                producers.add(new Producer(channel + " (dead letters)", deadLetterTopic(props, channel),
                        Long.parseLong(props.getProperty(prefix + "dead-letter-queue.max.request.size",
                                String.valueOf(DEFAULT_MAX_REQUEST_SIZE)))));
            }
        }
        return producers;
    }

    /** Every topic the service reads or writes. */
    static Set<Use> uses(String service) {
        Properties props = Manifests.properties(service);
        Set<Use> uses = new TreeSet<>();
        for (String channel : channels(props, "incoming")) {
            uses.add(new Use(props.getProperty("mp.messaging.incoming." + channel + ".topic", channel), Operation.READ));
        }
        producers(props).forEach(p -> uses.add(new Use(p.topic(), Operation.WRITE)));
        uses.addAll(clientUses(service, props));
        return uses;
    }

    /** The consumer groups of the service's incoming channels (SmallRye's default: the application's name). */
    static Set<String> groups(String service) {
        Properties props = Manifests.properties(service);
        Set<String> groups = new TreeSet<>();
        for (String channel : channels(props, "incoming")) {
            groups.add(props.getProperty("mp.messaging.incoming." + channel + ".group.id",
                    props.getProperty("quarkus.application.name", service)));
        }
        return groups;
    }

    private static Set<String> channels(Properties props, String direction) {
        Set<String> channels = new TreeSet<>();
        for (String key : props.stringPropertyNames()) {
            Matcher m = CHANNEL.matcher(key);
            if (m.matches() && m.group(1).equals(direction) && "smallrye-kafka".equals(props.getProperty(key))) {
                channels.add(m.group(2));
            }
        }
        return channels;
    }

    private static String deadLetterTopic(Properties props, String channel) {
        return props.getProperty("mp.messaging.incoming." + channel + ".dead-letter-queue.topic", "dead-letter-topic-" + channel);
    }

    /** The topics named in the service's classes that make a Kafka client of their own. */
    private static Set<Use> clientUses(String service, Properties props) {
        Map<String, String> constants = topicConstants();
        Set<String> known = new TreeSet<>(constants.values());
        Set<Use> uses = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Manifests.root().resolve(service + "/src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String code = Manifests.read(file);
                boolean consumer = code.contains("new KafkaConsumer");
                boolean producer = code.contains("new KafkaProducer");
                if (!consumer && !producer) {
                    continue;
                }
                Set<String> topics = new TreeSet<>();
                Matcher property = TOPIC_PROPERTY.matcher(code);
                while (property.find()) {
                    String channel = property.group(1).split("\\.")[3];
                    topics.add(props.getProperty(property.group(1), channel));
                }
                Matcher constant = TOPIC_CONSTANT.matcher(code);
                while (constant.find()) {
                    if (constants.containsKey(constant.group())) {
                        topics.add(constants.get(constant.group()));
                    }
                }
                Matcher literal = STRING_LITERAL.matcher(code);
                while (literal.find()) {
                    if (known.contains(literal.group(1))) {
                        topics.add(literal.group(1));
                    }
                }
                for (String topic : topics) {
                    if (consumer) {
                        uses.add(new Use(topic, Operation.READ));
                    }
                    if (producer) {
                        uses.add(new Use(topic, Operation.WRITE));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uses;
    }

    /** {@code TOPIC_*} constants of the events module: the topic names every service shares. */
    static Map<String, String> topicConstants() {
        Map<String, String> constants = new LinkedHashMap<>();
        Matcher m = CONSTANT_DECLARATION.matcher(Manifests.read(
                Manifests.root().resolve("events/src/main/java/nl/kamerstroom/events/EventTypes.java")));
        while (m.find()) {
            constants.put(m.group(1), m.group(2));
        }
        return constants;
    }
}
