-- V7 (issue 11): the outbox relay and the webhook matcher never lock the same rows, and a row the
-- relay cannot send is set aside instead of blocking (and re-sending) the rows behind it.

-- The matcher's work list. Before, the matcher marked outbox rows (webhooks_matched_at) while the
-- relay marked the same rows published_at: two UPDATEs over overlapping rows in no fixed order,
-- which PostgreSQL resolved as "deadlock detected", often after Kafka had taken the relay's batch,
-- which was then sent again. Now the relay alone updates outbox_event; the matcher takes ids from
-- this queue of its own and deletes them when matched. A trigger fills it in the transaction that
-- writes the event, so an event exists for the matcher if and only if it exists at all, and ids
-- that commit out of order (pooled sequences on several replicas) are never skipped.
CREATE TABLE webhook_match_queue (
    outbox_id BIGINT PRIMARY KEY
);
INSERT INTO webhook_match_queue (outbox_id) SELECT id FROM outbox_event WHERE webhooks_matched_at IS NULL;
DROP INDEX outbox_event_unmatched_idx;
ALTER TABLE outbox_event DROP COLUMN webhooks_matched_at;

CREATE FUNCTION outbox_event_enqueue_match() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO webhook_match_queue (outbox_id) VALUES (NEW.id);
    RETURN NULL;
END;
$$;
CREATE TRIGGER outbox_event_enqueue_match AFTER INSERT ON outbox_event
    FOR EACH ROW EXECUTE FUNCTION outbox_event_enqueue_match();

-- Set aside: a row Kafka refused for what it is (larger than the producer's max.request.size, say).
-- It is not sent again by itself and does not hold up later rows; an operator sees it under
-- GET /api/admin/outbox/set-aside with the reason, and can retry it once the limit is raised.
ALTER TABLE outbox_event ADD COLUMN set_aside_at TIMESTAMPTZ;
ALTER TABLE outbox_event ADD COLUMN relay_error VARCHAR(2000);
DROP INDEX outbox_event_pending_idx;
CREATE INDEX outbox_event_pending_idx ON outbox_event (id) WHERE published_at IS NULL AND set_aside_at IS NULL;
CREATE INDEX outbox_event_set_aside_idx ON outbox_event (id) WHERE set_aside_at IS NOT NULL;

-- A zaak's Atom feed reads only that zaak's events, newest first.
CREATE INDEX outbox_event_zaak_idx ON outbox_event (zaak_number, id);
