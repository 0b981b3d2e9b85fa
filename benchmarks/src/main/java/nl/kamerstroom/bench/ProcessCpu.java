package nl.kamerstroom.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU time of the processes behind the stack, read from {@code /proc} as the figures in issue 13
 * were: each process is found by the TCP port it listens on (so the same code finds the harness'
 * own processes and those of an already running local stack, and never another engineer's), and
 * its CPU is {@code utime + stime} of {@code /proc/<pid>/stat}. For PostgreSQL the backends count
 * too: the postmaster's own time, the time of its children that already exited ({@code cutime +
 * cstime}, reaped by the postmaster) and that of every live descendant.
 */
final class ProcessCpu {

    /** {@code /proc/net/tcp} line: local address:port, remote, state (0A = LISTEN), …, inode. */
    private static final Pattern TCP_LINE = Pattern.compile(
            "^\\s*\\d+:\\s+[0-9A-F]+:([0-9A-F]{4})\\s+[0-9A-F]+:[0-9A-F]{4}\\s+(0A)\\s+\\S+\\s+\\S+\\s+\\S+\\s+\\d+\\s+\\d+\\s+(\\d+)");
    private static final Pattern SOCKET_LINK = Pattern.compile("^socket:\\[(\\d+)]$");
    /** USER_HZ; 100 on every Linux this runs on (sysconf(_SC_CLK_TCK) is not reachable from Java). */
    private static final double TICKS_PER_SECOND = 100.0;

    /** A process of the stack: its name, the pid found, whether its descendants count (PostgreSQL). */
    record Tracked(String name, long pid, boolean withDescendants) {
    }

    private final List<Tracked> tracked;

    private ProcessCpu(List<Tracked> tracked) {
        this.tracked = List.copyOf(tracked);
    }

    /**
     * @param ports name → listening port; a name ending in {@code *} counts its descendants
     *              (written without the star in the figures)
     */
    static ProcessCpu byPorts(Map<String, Integer> ports) throws IOException {
        Map<Integer, Long> inodes = listeningInodes();
        Map<Long, Long> pidByInode = new LinkedHashMap<>();
        Set<Long> wanted = new HashSet<>();
        for (int port : ports.values()) {
            Long inode = inodes.get(port);
            if (inode != null) {
                wanted.add(inode);
            }
        }
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                long pid = Long.parseLong(proc.getFileName().toString());
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
                    for (Path fd : fds) {
                        Matcher socket = SOCKET_LINK.matcher(readLink(fd));
                        if (socket.matches() && wanted.contains(Long.parseLong(socket.group(1)))) {
                            pidByInode.putIfAbsent(Long.parseLong(socket.group(1)), pid);
                        }
                    }
                } catch (IOException | SecurityException e) {
                    // a process that ended while we looked, or one we may not inspect
                }
            }
        }
        List<Tracked> tracked = new ArrayList<>();
        for (Map.Entry<String, Integer> e : ports.entrySet()) {
            boolean descendants = e.getKey().endsWith("*");
            String name = descendants ? e.getKey().substring(0, e.getKey().length() - 1) : e.getKey();
            Long inode = inodes.get(e.getValue());
            Long pid = inode == null ? null : pidByInode.get(inode);
            if (pid == null) {
                throw new IOException("nothing listens on port " + e.getValue() + " (" + name + ")");
            }
            tracked.add(new Tracked(name, pid, descendants));
        }
        return new ProcessCpu(tracked);
    }

    List<Tracked> tracked() {
        return tracked;
    }

    /** CPU seconds so far, per process name, in the order given. */
    Map<String, Double> sample() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (Tracked t : tracked) {
            long ticks = ticks(t.pid(), t.withDescendants());
            if (t.withDescendants()) {
                for (ProcessHandle child : ProcessHandle.of(t.pid()).map(p -> p.descendants().toList()).orElse(List.of())) {
                    ticks += ticks(child.pid(), true);
                }
            }
            seconds.put(t.name(), ticks / TICKS_PER_SECOND);
        }
        return seconds;
    }

    /** The difference of two samples, per name. */
    static Map<String, Double> minus(Map<String, Double> after, Map<String, Double> before) {
        Map<String, Double> d = new LinkedHashMap<>();
        after.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0.0)));
        return d;
    }

    /** utime + stime (+ cutime + cstime), 0 for a process that is gone. */
    private static long ticks(long pid, boolean withReapedChildren) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            return 0;
        }
        // the command name in parentheses may contain spaces: fields start after the last ')'
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after the name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14)
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        if (withReapedChildren) {
            ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
        }
        return ticks;
    }

    private static Map<Integer, Long> listeningInodes() throws IOException {
        Map<Integer, Long> inodes = new LinkedHashMap<>();
        for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(file);
            if (!Files.exists(path)) {
                continue;
            }
            for (String line : Files.readAllLines(path)) {
                Matcher m = TCP_LINE.matcher(line);
                if (m.find() && !"0".equals(m.group(3))) {
                    inodes.putIfAbsent(Integer.parseInt(m.group(1), 16), Long.parseLong(m.group(3)));
                }
            }
        }
        return inodes;
    }

    private static String readLink(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    /** The 1-minute load average, for noting next to each figure on a shared machine. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    static Optional<String> commandLine(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().commandLine());
    }
}
