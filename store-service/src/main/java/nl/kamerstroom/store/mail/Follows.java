package nl.kamerstroom.store.mail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.kamerstroom.store.subscription.UpdateLog;
import org.jboss.logging.Logger;

/**
 * Following by e-mail: requests (bounded per address, per target and per hour), confirmation
 * (double opt-in), unsubscribing and deleting an address with everything under it. Addresses are
 * never returned by anything here except {@link #pendingAddress} for the confirmation mail itself.
 */
@ApplicationScoped
public class Follows {

    private static final Logger LOG = Logger.getLogger(Follows.class);

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    MailConfig config;

    @Inject
    UpdateLog log;

    @Inject
    ObjectMapper json;

    /** What a follow request came to. */
    public sealed interface Outcome {
    }

    /** A new pending follow: send {@code token} in the confirmation mail. */
    public record Requested(UUID id, String token, String label) implements Outcome {
    }

    /**
     * The address already follows this, or has a confirmation for it outstanding: no mail is sent
     * (one pending confirmation per address per target). The page says the same as for a new request,
     * so the form does not tell a stranger what an address follows.
     */
    public record Unchanged() implements Outcome {
    }

    /** Refused by a bound; {@code reason} is Dutch, for the page. */
    public record Limited(String reason) implements Outcome {
    }

    /** A follow as its pages and mails need it; never with the address. */
    public record Follow(UUID id, String label, String target, boolean digest, boolean active) {
    }

    public Outcome request(FollowRequest r) {
        Instant now = clock.instant();
        Instant hourAgo = now.minusSeconds(3600);
        return QuarkusTransaction.requiringNew().call(() -> {
            long lastHour = count("SELECT count(*) FROM mail_follow WHERE created_at > :t", "t", hourAgo);
            if (lastHour >= config.maxRequestsPerHour()) {
                LOG.warnf("follow requests refused: %d in the last hour, the most allowed", lastHour);
                return new Limited("Er zijn het afgelopen uur te veel volgverzoeken gedaan. Probeer het over een uur opnieuw.");
            }
            em.createNativeQuery("INSERT INTO mail_address (id, address, created_at) VALUES (:id, :a, :t)"
                            + " ON CONFLICT (address) DO NOTHING")
                    .setParameter("id", UUID.randomUUID()).setParameter("a", r.address()).setParameter("t", now)
                    .executeUpdate();
            UUID address = (UUID) em.createNativeQuery("SELECT id FROM mail_address WHERE address = :a FOR UPDATE")
                    .setParameter("a", r.address()).getSingleResult();
            // an expired request no longer counts, whether or not the clean-up has run yet
            em.createNativeQuery("DELETE FROM mail_follow WHERE address_id = :a AND status = 'PENDING' AND expires_at <= :t")
                    .setParameter("a", address).setParameter("t", now).executeUpdate();
            long same = count("SELECT count(*) FROM mail_follow WHERE address_id = :a AND target_key = :k",
                    "a", address, "k", r.targetKey());
            if (same > 0) {
                return new Unchanged();
            }
            long recent = count("SELECT count(*) FROM mail_follow WHERE address_id = :a AND created_at > :t", "a", address,
                    "t", hourAgo);
            if (recent >= config.maxRequestsPerAddressPerHour()) {
                return new Limited("Voor dit e-mailadres zijn het afgelopen uur al " + recent
                        + " volgverzoeken gedaan. Probeer het later opnieuw.");
            }
            long all = count("SELECT count(*) FROM mail_follow WHERE address_id = :a", "a", address);
            if (all >= config.maxFollowsPerAddress()) {
                return new Limited("Met dit e-mailadres wordt al het hoogste aantal dingen gevolgd (" + config.maxFollowsPerAddress()
                        + "). Meld je eerst ergens voor af.");
            }
            UUID id = UUID.randomUUID();
            String token = LinkKeys.newToken();
            em.createNativeQuery("INSERT INTO mail_follow (id, address_id, target, target_key, label, zaak, member, party,"
                            + " ministry, query, types, digest, status, confirm_hash, created_at, expires_at)"
                            + " VALUES (:id, :a, :target, :key, :label, :zaak, :member, :party, :ministry, :query,"
                            + " CAST(:types AS jsonb), :digest, 'PENDING', :hash, :t, :expires)")
                    .setParameter("id", id).setParameter("a", address).setParameter("target", r.target().name())
                    .setParameter("key", r.targetKey()).setParameter("label", r.label()).setParameter("zaak", r.zaak())
                    .setParameter("member", r.member()).setParameter("party", r.party())
                    .setParameter("ministry", r.ministry()).setParameter("query", r.query())
                    .setParameter("types", write(r.types())).setParameter("digest", r.digest())
                    .setParameter("hash", LinkKeys.hash(token)).setParameter("t", now)
                    .setParameter("expires", now.plus(config.confirmWithin())).executeUpdate();
            return new Requested(id, token, r.label());
        });
    }

    /** The address a pending follow's confirmation goes to. */
    Optional<String> pendingAddress(UUID follow) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "SELECT a.address FROM mail_follow f JOIN mail_address a ON a.id = f.address_id"
                                + " WHERE f.id = :id AND f.status = 'PENDING'")
                .setParameter("id", follow).getResultStream().findFirst().map(String.class::cast));
    }

    /** A confirmation mail that could not be sent: the request is dropped, as if never made. */
    public void abandon(UUID follow) {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("DELETE FROM mail_follow WHERE id = :id AND status = 'PENDING'").setParameter("id", follow)
                    .executeUpdate();
            deleteOrphanAddresses();
        });
    }

    /** The pending follow this confirmation link is for, if the link is right and still valid. */
    public Optional<Follow> pending(UUID id, String token) {
        return QuarkusTransaction.requiringNew().call(() -> pendingRow(id, token));
    }

    /**
     * Confirms: from now on, new events matching the follow are mailed. The link works once, within
     * {@code confirm-within}.
     */
    public Optional<Follow> confirm(UUID id, String token) {
        long head = log.head();
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<Follow> follow = pendingRow(id, token);
            follow.ifPresent(f -> em.createNativeQuery("UPDATE mail_follow SET status = 'ACTIVE', confirm_hash = NULL,"
                            + " expires_at = NULL, confirmed_at = :t, start_after = :head WHERE id = :id")
                    .setParameter("t", clock.instant()).setParameter("head", head).setParameter("id", id).executeUpdate());
            return follow.map(f -> new Follow(f.id(), f.label(), f.target(), f.digest(), true));
        });
    }

    /** A follow by id (for the unsubscribe page), whatever its state. */
    public Optional<Follow> find(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> row(id));
    }

    /** Deletes the follow; the address too when nothing else is followed with it. */
    public void unsubscribe(UUID id) {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("DELETE FROM mail_follow WHERE id = :id").setParameter("id", id).executeUpdate();
            deleteOrphanAddresses();
        });
    }

    /** Deletes the address of this follow with every follow and queued mail under it; false if nothing was left. */
    public boolean forget(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "DELETE FROM mail_address WHERE id = (SELECT address_id FROM mail_follow WHERE id = :id)")
                .setParameter("id", id).executeUpdate() > 0);
    }

    /** Unconfirmed requests past their time, addresses with nothing left, sent mails past keep-sent. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void cleanUp() {
        Instant now = clock.instant();
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("DELETE FROM mail_follow WHERE status = 'PENDING' AND expires_at <= :t")
                    .setParameter("t", now).executeUpdate();
            deleteOrphanAddresses();
            // a sent digest takes its items with it (digest_of cascades)
            em.createNativeQuery("DELETE FROM mail_message WHERE status = 'SENT' AND sent_at < :t")
                    .setParameter("t", now.minus(config.keepSent())).executeUpdate();
        });
    }

    private void deleteOrphanAddresses() {
        em.createNativeQuery("DELETE FROM mail_address a WHERE NOT EXISTS (SELECT 1 FROM mail_follow f WHERE f.address_id = a.id)")
                .executeUpdate();
    }

    private Optional<Follow> pendingRow(UUID id, String token) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT confirm_hash, label, target, digest FROM mail_follow"
                        + " WHERE id = :id AND status = 'PENDING' AND expires_at > :t")
                .setParameter("id", id).setParameter("t", clock.instant()).getResultList();
        return rows.stream().filter(r -> LinkKeys.matches(token, (String) r[0]))
                .map(r -> new Follow(id, (String) r[1], (String) r[2], (Boolean) r[3], false)).findFirst();
    }

    private Optional<Follow> row(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT label, target, digest, status FROM mail_follow WHERE id = :id")
                .setParameter("id", id).getResultList();
        return rows.stream().map(r -> new Follow(id, (String) r[0], (String) r[1], (Boolean) r[2], "ACTIVE".equals(r[3])))
                .findFirst();
    }

    private long count(String sql, Object... params) {
        var q = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i += 2) {
            q.setParameter((String) params[i], params[i + 1]);
        }
        return ((Number) q.getSingleResult()).longValue();
    }

    private String write(List<String> types) {
        try {
            return json.writeValueAsString(types);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
