package nl.kamerstroom.store.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU time of the store, the embedded PostgreSQL and the broker, from outside their code paths:
 * PostgreSQL's from {@code /proc/<pid>/stat} of the postmaster and its children (as the issue's
 * end-to-end figures were taken), the JVM's from the operating system's account of this process.
 * The broker runs in this JVM too: its threads (alive before the store started, see
 * {@link BenchKafkaResource}) and the benchmark's own producer and test thread are taken off, so
 * "store" is everything else in this JVM, including the JIT compiler and the garbage collector.
 */
final class CpuMeter {

    /** {@code /proc/<pid>/stat}: the fields after the command name, which is in parentheses and may hold spaces. */
    private static final Pattern STAT_AFTER_COMMAND = Pattern.compile("^\\d+ \\((?<comm>.*)\\) (?<rest>.*)$");
    /** Linux reports utime, stime, cutime, cstime in clock ticks of 1/100 s (USER_HZ) on every supported platform. */
    private static final double MS_PER_TICK = 10.0;

    private final long postmasterPid;
    private final Set<String> benchThreadPrefixes;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** A reading: milliseconds of CPU so far. */
    record Reading(double process, double infrastructure, double bench, double postgres) {
        double store() {
            return process - infrastructure - bench;
        }
    }

    CpuMeter(long postmasterPid, Set<String> benchThreadPrefixes) {
        this.postmasterPid = postmasterPid;
        this.benchThreadPrefixes = benchThreadPrefixes;
    }

    Reading read() {
        double infrastructure = 0;
        double bench = 0;
        Set<Long> infra = BenchKafkaResource.infrastructureThreads;
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long nanos = threads.getThreadCpuTime(ids[i]);
            if (nanos < 0 || infos[i] == null) {
                continue; // ended meanwhile
            }
            String name = infos[i].getThreadName();
            if (benchThreadPrefixes.stream().anyMatch(name::startsWith)) {
                bench += nanos / 1e6;
            } else if (infra.contains(ids[i])) {
                infrastructure += nanos / 1e6;
            }
        }
        return new Reading(os.getProcessCpuTime() / 1e6, infrastructure, bench, postgres());
    }

    /**
     * The postmaster and every process it started, with what their ended children used (cutime,
     * cstime): backends that closed in between are counted too.
     */
    private double postgres() {
        Map<Long, Long> parents = new HashMap<>();
        Map<Long, Long> ticks = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    Matcher m = STAT_AFTER_COMMAND.matcher(Files.readString(p.resolve("stat")).trim());
                    if (!m.matches()) {
                        continue;
                    }
                    // rest starts at field 3 (state): ppid is field 4, utime..cstime fields 14..17
                    String[] f = m.group("rest").split(" ");
                    long pid = Long.parseLong(p.getFileName().toString());
                    parents.put(pid, Long.parseLong(f[1]));
                    ticks.put(pid, Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13])
                            + Long.parseLong(f[14]));
                } catch (IOException | RuntimeException gone) {
                    // the process ended while being read; its parent's cutime has it
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc", e);
        }
        long total = 0;
        for (Map.Entry<Long, Long> e : ticks.entrySet()) {
            if (descends(e.getKey(), parents)) {
                total += e.getValue();
            }
        }
        return total * MS_PER_TICK;
    }

    private boolean descends(long pid, Map<Long, Long> parents) {
        for (long p = pid; p > 1; p = parents.getOrDefault(p, 0L)) {
            if (p == postmasterPid) {
                return true;
            }
        }
        return false;
    }

    /** The postmaster's pid, from {@code postmaster.pid} in the server's data directory. */
    static long postmasterPid(String dataDirectory) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(dataDirectory, "postmaster.pid"));
        return Long.parseLong(lines.get(0).trim());
    }
}
