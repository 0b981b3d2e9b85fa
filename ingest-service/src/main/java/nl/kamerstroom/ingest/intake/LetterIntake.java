package nl.kamerstroom.ingest.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import nl.kamerstroom.events.LetterFetched;
import nl.kamerstroom.events.SourceMetadata;
import nl.kamerstroom.formats.FormatDetector;
import nl.kamerstroom.messaging.AcknowledgedSend;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * The one way a letter enters the pipeline, whatever brought it: dedupe on content, record it,
 * publish {@code letters.fetched}, and only then mark it published. Callers learn about success
 * only after Kafka acknowledged the event, so a caller that moves a file or answers 202 never
 * does so for an event that was lost.
 */
@ApplicationScoped
public class LetterIntake {

    private static final Logger LOG = Logger.getLogger(LetterIntake.class);

    @Inject
    @Channel("letters-fetched")
    Emitter<LetterFetched> letters;

    @Inject
    IntakeLedger ledger;

    private static final ReentrantLock[] SAME_CONTENT = new ReentrantLock[64];
    /** Producer timestamps come from this machine's clock too; a minute covers any send delay. */
    private static final Duration RECOVERY_SLACK = Duration.ofMinutes(1);

    @Inject
    PublishedLetters topic;

    static {
        for (int i = 0; i < SAME_CONTENT.length; i++) {
            SAME_CONTENT[i] = new ReentrantLock();
        }
    }

    @ConfigProperty(name = "kamerstroom.ingest.publish-timeout", defaultValue = "10s")
    Duration publishTimeout;

    /**
     * Sends that the caller stopped waiting for (Kafka did not acknowledge within the publish timeout)
     * but the producer still holds, by content hash. The next attempt with the same bytes waits for
     * that send instead of making a second one, so a letter retried after an outage is on the topic
     * once. A send that failed is forgotten and sent anew.
     */
    private final Map<String, CompletableFuture<Void>> unfinishedSends = new ConcurrentHashMap<>();

    /**
     * What the caller gets back: the document id, whether this call published nothing because the
     * content was already published ({@code duplicate}), and whether it published changed content
     * under a known document id ({@code changed}).
     */
    public record Accepted(String documentId, boolean duplicate, boolean changed) {
        public Accepted(String documentId, boolean duplicate) {
            this(documentId, duplicate, false);
        }
    }

    /**
     * A letter as a source hands it over.
     *
     * @param uploadedBy the upload key's owner for an upload, else null: a {@code sourceId} is that
     *                   owner's own, so it is part of the document id and can never name another
     *                   key's document
     */
    public record Incoming(byte[] content, String contentType, String source, String sourceId, String fileName,
            SourceMetadata metadata, String uploadedBy) {

        public Incoming(byte[] content, String contentType, String source, String sourceId, String fileName,
                SourceMetadata metadata) {
            this(content, contentType, source, sourceId, fileName, metadata, null);
        }
    }

    /**
     * Publishes the letter unless its content was published before. New content under a document id
     * that exists (a source that has its own ids, delivering a changed file) is published again under
     * that id: one event per change, none for a re-delivery of the same bytes.
     */
    public Accepted accept(Incoming in) {
        String sha256 = sha256(in.content());
        // the same bytes arriving twice at once (a double-clicked upload, the folder and a source)
        // must not both find them unpublished: one publishes, the other then sees it published.
        // One ingest instance polls and takes uploads (see deploy/), so a lock in the JVM suffices.
        ReentrantLock lock = SAME_CONTENT[Math.floorMod(sha256.hashCode(), SAME_CONTENT.length)];
        lock.lock();
        try {
            return accept(in, sha256);
        } finally {
            lock.unlock();
        }
    }

    private Accepted accept(Incoming in, String sha256) {
        IntakeLedger.Claim claim = Failures.database("recording " + in.source() + " letter " + sha256,
                () -> ledger.claim(sha256, in));
        if (claim.alreadyPublished()) {
            LOG.infof("duplicate content %s: already published as %s", sha256, claim.documentId());
            return new Accepted(claim.documentId(), true, false);
        }
        if (awaitUnfinishedSend(sha256, claim.documentId())) {
            // an earlier attempt's send was acknowledged after its caller had given up: it counts
            markPublished(claim.documentId(), sha256);
            LOG.infof("%s was acknowledged late for an earlier attempt; marked, not sent again", claim.documentId());
            return new Accepted(claim.documentId(), false, claim.changed());
        }
        if (claim.unconfirmedSince() != null
                && topic.contains(claim.documentId(), sha256, claim.unconfirmedSince().minus(RECOVERY_SLACK))) {
            // published before a crash that came before the mark: the topic has it, so it counts as published
            markPublished(claim.documentId(), sha256);
            LOG.infof("%s was published before a restart; marked, not sent again", claim.documentId());
            return new Accepted(claim.documentId(), true, claim.changed());
        }
        LetterFetched event = new LetterFetched(claim.documentId(), in.source(), in.sourceId(), in.fileName(),
                FormatDetector.normalise(in.contentType()), sha256, in.content().length, in.content(),
                claim.receivedAt(), in.metadata());
        publish(event);
        markPublished(claim.documentId(), sha256);
        LOG.infof("published %s (%s, %d bytes, %s)%s", claim.documentId(), event.contentType(), event.size(),
                in.source(), claim.changed() ? " with changed content" : "");
        return new Accepted(claim.documentId(), false, claim.changed());
    }

    private void markPublished(String documentId, String sha256) {
        Failures.database("marking " + documentId + " published", () -> {
            ledger.markPublished(documentId, Instant.now());
            return null;
        });
        unfinishedSends.remove(sha256);
    }

    /**
     * Whether an earlier attempt's send of these bytes is (or becomes, within the publish timeout)
     * acknowledged. False when there is none or it failed: then this attempt sends.
     */
    private boolean awaitUnfinishedSend(String sha256, String documentId) {
        CompletableFuture<Void> earlier = unfinishedSends.get(sha256);
        if (earlier == null) {
            return false;
        }
        try {
            earlier.get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            unfinishedSends.remove(sha256, earlier);
            return false;
        } catch (TimeoutException e) {
            throw new PublishFailedException("Kafka has still not acknowledged " + documentId + " (sent by an earlier"
                    + " attempt) within " + publishTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while publishing " + documentId, e);
        }
    }

    private void publish(LetterFetched event) {
        CompletableFuture<Void> acked;
        try {
            acked = AcknowledgedSend.send(letters, event, event.documentId());
        } catch (RuntimeException e) {
            // the emitter refuses when its buffer is full or the channel is down: an outage, not the letter
            throw new PublishFailedException("Kafka could not take " + event.documentId() + ": " + e, e);
        }
        unfinishedSends.put(event.sha256(), acked);
        acked.whenComplete((ok, failure) -> {
            if (failure != null) {
                unfinishedSends.remove(event.sha256(), acked);
            }
        });
        try {
            acked.get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (Failures.isPermanentPublishFailure(e.getCause())) {
                throw new LetterRefusedException("the letter's event does not fit the topic (" + e.getCause().getMessage()
                        + ")", e.getCause());
            }
            throw new PublishFailedException("Kafka did not accept " + event.documentId() + ": " + e.getCause(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new PublishFailedException("Kafka did not acknowledge " + event.documentId() + " within "
                    + publishTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while publishing " + event.documentId(), e);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Kafka refused or did not answer; the letter is recorded and is published on the next attempt. */
    public static class PublishFailedException extends DependencyUnavailableException {
        PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The database side of intake, in transactions of its own so that no transaction spans a Kafka send. */
    @ApplicationScoped
    public static class IntakeLedger {

        /**
         * @param unconfirmedSince set when this content was claimed before and never marked published:
         *                         a process that stopped between Kafka's acknowledgement and the mark
         *                         leaves such a row, and its event may be on the topic since then
         */
        record Claim(String documentId, Instant receivedAt, boolean alreadyPublished, boolean changed,
                Instant unconfirmedSince) {

            Claim(String documentId, Instant receivedAt, boolean alreadyPublished, boolean changed) {
                this(documentId, receivedAt, alreadyPublished, changed, null);
            }
        }

        /**
         * The ledger's database, for the two statements of the common path as plain JDBC in autocommit:
         * a Panache query, an insert and a JTA commit per upload, and an HQL update in a JTA transaction
         * of its own after Kafka's acknowledgement, were 35 % and 26 % of the upload thread (JFR).
         */
        @Inject
        javax.sql.DataSource database;

        /**
         * Records the content, or says what the ledger knows of it. New content under a new document id,
         * by far the most common case, is one {@code INSERT … ON CONFLICT DO NOTHING}: it either inserts
         * the row or, when the content or the document id is known, inserts nothing, and the row found is
         * then handled by {@link #claimKnown}. Both unique keys (sha256, document id) decide in the
         * database, so two claims can never both insert.
         */
        Claim claim(String sha256, Incoming in) {
            Claim inserted = insertNew(sha256, in);
            // a transaction started here, not by an annotation on claimKnown: a call on this (not through
            // the bean's proxy) is not something to rely on for interception
            return inserted != null ? inserted
                    : io.quarkus.narayana.jta.QuarkusTransaction.joiningExisting().call(() -> claimKnown(sha256, in));
        }

        /** Inserts the row for new content under a new document id, or answers null when either is known. */
        private Claim insertNew(String sha256, Incoming in) {
            String documentId = documentId(in, sha256);
            // microseconds: what the TIMESTAMPTZ column keeps, so a later read of the row gives the same instant
            Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            // the id from the entity's sequence: each value of it stands for its own block of ids in
            // Hibernate's pooled generator, so a value taken here is never one Hibernate hands out
            String sql = "INSERT INTO ingested_letter (id, document_id, sha256, source, source_id, uploaded_by,"
                    + " file_name, content_type, size_bytes, received_at, zaak_numbers)"
                    + " VALUES (nextval('ingested_letter_seq'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
            try (java.sql.Connection c = database.getConnection();
                    java.sql.PreparedStatement insert = c.prepareStatement(sql)) {
                insert.setString(1, documentId);
                insert.setString(2, sha256);
                insert.setString(3, in.source());
                insert.setString(4, in.sourceId());
                insert.setString(5, in.uploadedBy());
                insert.setString(6, in.fileName());
                insert.setString(7, FormatDetector.normalise(in.contentType()));
                insert.setLong(8, in.content().length);
                insert.setObject(9, java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC));
                insert.setString(10, zaakNumbers(in));
                return insert.executeUpdate() == 1 ? new Claim(documentId, now, false, false) : null;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("recording " + documentId + " failed: " + e.getMessage(), e);
            }
        }

        /** Content or a document id the ledger knows: published before, unconfirmed, deleted, or changed. */
        Claim claimKnown(String sha256, Incoming in) {
            IngestedLetter sameContent = IngestedLetter.findBySha256(sha256).orElse(null);
            if (sameContent != null && sameContent.deletedAt == null) {
                Instant claimed = sameContent.changedAt != null ? sameContent.changedAt : sameContent.receivedAt;
                return new Claim(sameContent.documentId, sameContent.receivedAt, sameContent.publishedAt != null,
                        sameContent.changedAt != null, sameContent.publishedAt == null ? claimed : null);
            }
            Instant now = Instant.now();
            if (sameContent != null) {
                // deleted by its source, and now delivered again: it exists again
                sameContent.deletedAt = null;
                sameContent.deletionClaimedAt = null;
                sameContent.publishedAt = null;
                sameContent.changedAt = now;
                sameContent.zaakNumbers = zaakNumbers(in);
                return new Claim(sameContent.documentId, now, false, true);
            }
            String documentId = documentId(in, sha256);
            IngestedLetter sameId = hasSourceId(in) ? IngestedLetter.findByDocumentId(documentId).orElse(null) : null;
            if (sameId != null) {
                // the source changed the document: new bytes under the id it had
                fill(sameId, sha256, in);
                sameId.changedAt = now;
                sameId.publishedAt = null;
                sameId.deletedAt = null;
                sameId.deletionClaimedAt = null;
                return new Claim(documentId, now, false, true);
            }
            IngestedLetter row = new IngestedLetter();
            row.documentId = documentId;
            fill(row, sha256, in);
            row.receivedAt = now;
            row.persistAndFlush();
            return new Claim(row.documentId, row.receivedAt, false, false);
        }

        /** One autocommitted statement after Kafka's acknowledgement (see {@link #database}). */
        void markPublished(String documentId, Instant at) {
            try (java.sql.Connection c = database.getConnection();
                    java.sql.PreparedStatement update = c.prepareStatement(
                            "UPDATE ingested_letter SET published_at = ? WHERE document_id = ?")) {
                update.setObject(1, java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC));
                update.setString(2, documentId);
                update.executeUpdate();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("marking " + documentId + " published failed: " + e.getMessage(), e);
            }
        }

        private static void fill(IngestedLetter row, String sha256, Incoming in) {
            row.sha256 = sha256;
            row.source = in.source();
            row.sourceId = in.sourceId();
            row.uploadedBy = in.uploadedBy();
            row.fileName = in.fileName();
            row.contentType = FormatDetector.normalise(in.contentType());
            row.sizeBytes = in.content().length;
            row.zaakNumbers = zaakNumbers(in);
        }

        private static String zaakNumbers(Incoming in) {
            if (in.metadata() == null || in.metadata().zaakNumbers().isEmpty()) {
                return null;
            }
            return String.join(",", in.metadata().zaakNumbers());
        }

        private static boolean hasSourceId(Incoming in) {
            return in.sourceId() != null && !in.sourceId().isBlank();
        }

        /**
         * A source's own id where it has one (stable across content changes), else one derived from
         * the content, so that the same bytes get the same id on any machine.
         */
        public static String documentId(Incoming in, String sha256) {
            if (hasSourceId(in)) {
                // an upload's sourceId belongs to the key that sent it: key B's "brief-1" is not key A's
                return documentId(in.source(), in.uploadedBy() == null ? in.sourceId()
                        : in.uploadedBy() + "-" + in.sourceId().trim());
            }
            return in.source() + "-" + sha256.substring(0, 24);
        }

        /** The document id a source's own id is published under. */
        public static String documentId(String source, String sourceId) {
            return source + "-" + sourceId.trim();
        }
    }
}
