-- V9 (issue 13, the store's write path): the webhook matcher's queue is filled once per INSERT
-- statement instead of once per outbox row. The JDBC driver sends a batch of outbox rows as one
-- multi-row INSERT (reWriteBatchedInserts), so a poll of letters with thousands of events ran
-- the row trigger's PL/pgSQL thousands of times; a statement trigger with a transition table
-- inserts the same queue entries, in the same transaction, in one go.
DROP TRIGGER outbox_event_enqueue_match ON outbox_event;
DROP FUNCTION outbox_event_enqueue_match();

CREATE FUNCTION outbox_event_enqueue_matches() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO webhook_match_queue (outbox_id) SELECT id FROM added;
    RETURN NULL;
END;
$$;
CREATE TRIGGER outbox_event_enqueue_matches AFTER INSERT ON outbox_event
    REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_enqueue_matches();
