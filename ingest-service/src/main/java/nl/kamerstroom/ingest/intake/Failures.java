package nl.kamerstroom.ingest.intake;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * Tells a dependency's outage from a fault of the letter or a bug. An outage is retried by the
 * caller (503 + Retry-After, the file stays in the inbox); it must never be mistaken for a bad letter.
 */
public final class Failures {

    /**
     * SQLSTATE classes that mean "the database is not there right now": 08 connection exception,
     * 53 insufficient resources, 57P operator intervention (shutdown, restart), 40001/40P01 a
     * serialization failure or deadlock that a retry resolves.
     */
    private static final Set<String> TRANSIENT_SQL_CLASSES = Set.of("08", "53");
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("57P01", "57P02", "57P03", "40001", "40P01");

    private Failures() {
    }

    /** Whether {@code failure} (or a cause of it) is a database that is unreachable or busy. */
    public static boolean isDatabaseOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (TRANSIENT_SQL_STATES.contains(state)
                        || (state.length() >= 2 && TRANSIENT_SQL_CLASSES.contains(state.substring(0, 2))))) {
                    return true;
                }
                // Agroal's "acquisition timeout" carries no SQLSTATE, only the timeout as its cause
                if (sql.getCause() instanceof TimeoutException) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether Kafka refused the record for what it is (too large), so that sending it again cannot help. */
    public static boolean isPermanentPublishFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RecordTooLargeException || t instanceof RecordBatchTooLargeException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs a ledger step; a database outage becomes {@link DependencyUnavailableException}, anything
     * else (a bug, a constraint) is passed on as it is.
     */
    public static <T> T database(String what, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            if (isDatabaseOutage(e)) {
                throw new DependencyUnavailableException("the ingest database is unavailable while " + what + ": "
                        + rootMessage(e), e);
            }
            throw e;
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
