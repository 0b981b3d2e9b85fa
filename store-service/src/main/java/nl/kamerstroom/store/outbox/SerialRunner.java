package nl.kamerstroom.store.outbox;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Runs a task on the worker pool one run at a time. Asking while it runs folds into one more run
 * right after, so a burst of wake-ups costs one extra run, and no wake-up is ever lost.
 */
public final class SerialRunner {

    private static final Logger LOG = Logger.getLogger(SerialRunner.class);

    private final String name;
    private final Runnable task;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public SerialRunner(String name, Runnable task) {
        this.name = name;
        this.task = task;
    }

    /** Run soon, on a worker thread. */
    public void request() {
        again.set(true);
        if (!running.get()) {
            Infrastructure.getDefaultWorkerPool().execute(this::runNow);
        }
    }

    /** Run on this thread, unless a run is under way (which then runs once more). */
    public void runNow() {
        again.set(true);
        while (again.get() && running.compareAndSet(false, true)) {
            try {
                again.set(false);
                task.run();
            } catch (RuntimeException e) {
                LOG.errorf(e, "%s failed; the next run tries again", name);
            } finally {
                running.set(false);
            }
        }
    }
}
