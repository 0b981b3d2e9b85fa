package nl.kamerstroom.ingest.folder;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import nl.kamerstroom.events.SourceMetadata;
import nl.kamerstroom.ingest.intake.DependencyUnavailableException;
import nl.kamerstroom.ingest.intake.LetterIntake;
import nl.kamerstroom.formats.FormatDetector;
import nl.kamerstroom.ingest.intake.LetterRefusedException;
import nl.kamerstroom.ingest.intake.LogSafe;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Letters dropped in a folder. Each file is moved to {@code processed/} only after Kafka
 * acknowledged its event, or to {@code failed/} with a {@code .reason} file next to it when a
 * property of the file stops it (type, size, empty); a file still being written (modified within
 * the settle time) waits for the next scan. When Kafka or the database is down the file stays in
 * the inbox and the scan ends; the next scan tries again. No key is needed: the folder is local.
 */
@ApplicationScoped
public class WatchedFolder {

    private static final Logger LOG = Logger.getLogger(WatchedFolder.class);

    @Inject
    LetterIntake intake;

    @ConfigProperty(name = "kamerstroom.ingest.watch.enabled", defaultValue = "false")
    boolean enabled;

    @ConfigProperty(name = "kamerstroom.ingest.watch.dir")
    Optional<Path> dir;

    @ConfigProperty(name = "kamerstroom.ingest.watch.settle-time", defaultValue = "1s")
    Duration settleTime;

    @ConfigProperty(name = "kamerstroom.ingest.max-upload-size")
    io.quarkus.runtime.configuration.MemorySize maxSize;

    @Scheduled(every = "${kamerstroom.ingest.watch.interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scan() {
        if (!enabled || dir.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(dir.get().resolve("processed"));
            Files.createDirectories(dir.get().resolve("failed"));
            List<Path> files;
            try (Stream<Path> listing = Files.list(dir.get())) {
                files = listing.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                        .sorted().toList();
            }
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toInstant().isAfter(Instant.now().minus(settleTime))) {
                    continue;
                }
                if (!take(file)) {
                    return;
                }
            }
        } catch (IOException e) {
            LOG.errorf(e, "cannot scan watched folder %s", LogSafe.quote(dir.get().toString()));
        }
    }

    /** @return false when a dependency is down: the rest of the scan would fail the same way */
    private boolean take(Path file) throws IOException {
        String name = file.getFileName().toString();
        Optional<String> type = FormatDetector.forFileName(name);
        if (type.isEmpty()) {
            fail(file, "unsupported file type; use .txt, .md or .pdf");
            return true;
        }
        if (Files.size(file) == 0) {
            fail(file, "the file is empty");
            return true;
        }
        if (Files.size(file) > maxSize.asLongValue()) {
            fail(file, "the file is larger than the limit of " + maxSize.asLongValue() + " bytes");
            return true;
        }
        try {
            LetterIntake.Accepted accepted = intake.accept(new LetterIntake.Incoming(Files.readAllBytes(file),
                    type.get(), "folder", null, name, SourceMetadata.none()));
            Files.move(file, dir.get().resolve("processed").resolve(name), StandardCopyOption.REPLACE_EXISTING);
            LOG.infof("watched folder: %s -> %s%s", LogSafe.quote(name), accepted.documentId(),
                    accepted.duplicate() ? " (duplicate)" : "");
            return true;
        } catch (LetterRefusedException e) {
            fail(file, e.getMessage());
            return true;
        } catch (DependencyUnavailableException e) {
            // stays in place: the next scan tries again, nothing is lost
            LOG.warnf("watched folder: %s not taken yet, kept in the inbox: %s", LogSafe.quote(name), e.getMessage());
            return false;
        }
    }

    private void fail(Path file, String reason) throws IOException {
        Path failed = dir.get().resolve("failed");
        String name = file.getFileName().toString();
        Files.move(file, failed.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(failed.resolve(name + ".reason"), reason + System.lineSeparator());
        LOG.warnf("watched folder: %s failed: %s", LogSafe.quote(name), reason);
    }
}
