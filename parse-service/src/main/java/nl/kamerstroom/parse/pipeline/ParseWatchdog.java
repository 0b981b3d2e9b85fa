package nl.kamerstroom.parse.pipeline;

import io.quarkus.runtime.Quarkus;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.parse.read.ReadException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs one parse under a time limit ({@code kamerstroom.parse.max-time-per-letter}). A parse that
 * takes longer is interrupted and reported as {@link TookTooLong}, so that the caller can
 * dead-letter the letter and go on with the next one.
 *
 * <p>The parser does not look at interrupts, so a runaway parse usually keeps its thread (and a
 * core) until it ends by itself. Such abandoned parses are counted; when more than
 * {@code kamerstroom.parse.max-abandoned-parses} are still running the process exits so that it is
 * restarted with fresh threads. That cannot loop: the letters that caused it were dead-lettered
 * (and their offsets committed) before the limit was crossed.
 */
@ApplicationScoped
public class ParseWatchdog {

    private static final Logger LOG = Logger.getLogger(ParseWatchdog.class);

    /** Exit status when runaway parses pile up: distinct, so that a supervisor's log tells why. */
    static final int EXIT_TOO_MANY_RUNAWAYS = 70;

    /** A parse that did not finish in time; its letter is unparseable within the service's bounds. */
    public static final class TookTooLong extends Exception {
        TookTooLong(Duration limit) {
            super("the parser took longer than " + limit.toSeconds() + " s (kamerstroom.parse.max-time-per-letter)"
                    + " and was stopped");
        }
    }

    /** One parse: the reader's call, for any letter. */
    @FunctionalInterface
    public interface Parse {
        ParsedLetter run() throws ReadException;
    }

    private final AtomicInteger abandoned = new AtomicInteger();
    private volatile boolean stopping;
    private final AtomicInteger threadNumber = new AtomicInteger();
    // daemon threads: a runaway parse never keeps the JVM from exiting on SIGTERM
    private final ExecutorService threads = Executors.newCachedThreadPool(work -> {
        Thread t = new Thread(work, "parse-" + threadNumber.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    @ConfigProperty(name = "kamerstroom.parse.max-time-per-letter")
    Duration maxTime;

    @ConfigProperty(name = "kamerstroom.parse.max-abandoned-parses")
    int maxAbandoned;

    /** What happens when too many runaways pile up; replaced only by unit tests. */
    Runnable exit = () -> Quarkus.asyncExit(EXIT_TOO_MANY_RUNAWAYS);

    @Inject
    ParseWatchdog() {
    }

    /** For unit tests: a watchdog with these bounds and this exit. */
    ParseWatchdog(Duration maxTime, int maxAbandoned, Runnable exit) {
        this.maxTime = maxTime;
        this.maxAbandoned = maxAbandoned;
        this.exit = exit;
    }

    /**
     * The parse's result, its {@link ReadException}, or {@link TookTooLong}. An {@link Error} in the
     * parse is thrown as it is: the caller must not treat it as a property of the letter.
     */
    public ParsedLetter parse(Parse parse) throws ReadException, TookTooLong {
        // 0 running, 1 finished, 2 abandoned: whoever moves it first decides who counts the runaway
        AtomicInteger state = new AtomicInteger();
        long start = System.nanoTime();
        Future<ParsedLetter> result = threads.submit(() -> {
            try {
                return parse.run();
            } finally {
                if (!state.compareAndSet(0, 1)) {
                    int left = abandoned.decrementAndGet();
                    LOG.infof("a parse stopped for its time limit ended after all, after %d s; %d still running",
                            Duration.ofNanos(System.nanoTime() - start).toSeconds(), left);
                }
            }
        });
        try {
            return result.get(maxTime.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (stopping) {
                result.cancel(true);
                throw new ServiceStopping("parsing", e); // the time ran out because SIGTERM came, not because of the letter
            }
            // counted before it is marked abandoned, so that a parse ending right now never counts down first
            int runaways = abandoned.incrementAndGet();
            if (state.compareAndSet(0, 2)) {
                result.cancel(true);
                if (runaways > maxAbandoned) {
                    LOG.errorf("%d parses are still running after their time limit (more than "
                            + "kamerstroom.parse.max-abandoned-parses=%d); exiting so that the service restarts",
                            runaways, maxAbandoned);
                    exit.run();
                }
                throw new TookTooLong(maxTime);
            }
            abandoned.decrementAndGet();
            return finished(result); // it ended just as the limit passed
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new ServiceStopping("parsing", e);
        } catch (ExecutionException e) {
            if (stopping) {
                // SIGTERM interrupted the parse thread (stop() below): whatever it threw is no verdict on the
                // letter, which stays unacknowledged and is parsed again after the restart, not dead-lettered
                throw new ServiceStopping("parsing", e.getCause());
            }
            throw rethrow(e);
        }
    }

    /** Parses that overran their limit and are still running. */
    public int abandoned() {
        return abandoned.get();
    }

    private static ParsedLetter finished(Future<ParsedLetter> result) throws ReadException {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceStopping("parsing", e);
        } catch (ExecutionException e) {
            throw rethrow(e);
        }
    }

    private static ReadException rethrow(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof ReadException read) {
            return read;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(cause);
    }

    @PreDestroy
    void stop() {
        stopping = true;
        threads.shutdownNow();
    }
}
