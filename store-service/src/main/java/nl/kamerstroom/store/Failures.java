package nl.kamerstroom.store;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.Collections;

/**
 * Tells a failure of a dependency (the database or the broker is down, busy or restarting: retry
 * until it is back) from a failure caused by the input itself (nothing a retry can fix: dead-letter
 * it with the reason). Decided on the whole cause chain, because the useful part is usually deep
 * inside: a Hibernate exception around an Agroal one around a socket error.
 */
public final class Failures {

    /**
     * SQLSTATE classes and codes that say "the database is unavailable or the transaction lost a race":
     * 08 connection exception, 53 insufficient resources, 57P admin/crash shutdown or cannot connect
     * now, 58 system error (I/O), 40001 serialization failure, 40P01 deadlock, 55P03 lock not
     * available, 57014 query cancelled (statement timeout), 55000 object not in prerequisite state
     * (what a connection to a database that does not accept connections right now gets).
     */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53", "58");
    private static final Set<String> TRANSIENT_CODES = Set.of("40001", "40P01", "55P03", "57014", "55000",
            "57P01", "57P02", "57P03", "57P04", "57P05");
    /** Hibernate's and JPA's own names for the same situations, when they carry no SQLSTATE. */
    private static final Set<String> TRANSIENT_CLASS_NAMES = Set.of(
            "org.hibernate.exception.JDBCConnectionException",
            "org.hibernate.exception.LockAcquisitionException",
            "org.hibernate.exception.LockTimeoutException",
            "org.hibernate.PessimisticLockException",
            "jakarta.persistence.LockTimeoutException",
            "jakarta.persistence.PessimisticLockException",
            "jakarta.persistence.QueryTimeoutException",
            "org.hibernate.QueryTimeoutException",
            "org.apache.kafka.common.errors.RetriableException",
            "org.apache.kafka.common.errors.DisconnectException",
            "org.apache.kafka.common.errors.InterruptException",
            "jakarta.transaction.SystemException");

    private Failures() {
    }

    /** Whether retrying later can succeed: a dependency failed, not the input. */
    public static boolean isTransient(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return isTransient(failure, seen);
    }

    private static boolean isTransient(Throwable t, Set<Throwable> seen) {
        if (t == null || !seen.add(t) || seen.size() > 50) {
            return false;
        }
        if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                || t instanceof ConnectException || t instanceof SocketException
                || t instanceof SocketTimeoutException || t instanceof EOFException) {
            return true;
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            if (TRANSIENT_CODES.contains(state) || (state.length() >= 2 && TRANSIENT_CLASSES.contains(state.substring(0, 2)))) {
                return true;
            }
        }
        if (t instanceof SQLException sql && sql.getSQLState() == null && sql.getMessage() != null
                && sql.getMessage().contains("Acquisition timeout")) {
            return true; // Agroal: no connection could be had from the pool in time
        }
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (TRANSIENT_CLASS_NAMES.contains(c.getName())) {
                return true;
            }
        }
        if (t instanceof SQLException sql) {
            for (SQLException next = sql.getNextException(); next != null; next = next.getNextException()) {
                if (isTransient(next, seen)) {
                    return true;
                }
            }
        }
        for (Throwable s : t.getSuppressed()) {
            if (isTransient(s, seen)) {
                return true;
            }
        }
        return isTransient(t.getCause(), seen);
    }

    /** The innermost message, for a reason an operator can read. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        while (root.getCause() != null && seen.put(root, true) == null) {
            root = root.getCause();
        }
        return root == failure ? failure.toString() : failure.getClass().getSimpleName() + ": " + root;
    }
}
