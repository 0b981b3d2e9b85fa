package nl.kamerstroom.store.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import nl.kamerstroom.testsupport.KafkaResource;

/**
 * The shared broker, plus a note of the Java threads alive once it has started and before the store
 * starts: those are the broker's (and the test framework's), so {@link CpuMeter} can tell the
 * broker's CPU from the store's although both run in this JVM.
 */
public class BenchKafkaResource extends KafkaResource {

    static volatile Set<Long> infrastructureThreads = Set.of();

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        infrastructureThreads = Arrays.stream(ManagementFactory.getThreadMXBean().getAllThreadIds()).boxed()
                .collect(Collectors.toUnmodifiableSet());
        return config;
    }
}
