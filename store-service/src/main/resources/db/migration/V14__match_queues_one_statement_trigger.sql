-- V14 (issue 13, the store's write path): both matchers' queues filled by one statement trigger.
-- V11 filled mail_match_queue with a row trigger, which ran its PL/pgSQL once per outbox row, as
-- V7 did for webhooks before V9. Measured on this machine (PostgreSQL 17, 56,320 outbox rows in
-- multi-row INSERTs of 128, as the JDBC driver sends them): no trigger 2.7-2.9 s, V9's statement
-- trigger plus V11's row trigger 6.9-7.1 s, one statement trigger for both queues 3.5-4.1 s.
-- The queues hold the same entries, written in the same transaction as the outbox rows.
DROP TRIGGER outbox_event_enqueue_mail ON outbox_event;
DROP FUNCTION outbox_event_enqueue_mail();
DROP TRIGGER outbox_event_enqueue_matches ON outbox_event;
DROP FUNCTION outbox_event_enqueue_matches();

CREATE FUNCTION outbox_event_enqueue_matches() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO webhook_match_queue (outbox_id) SELECT id FROM added;
    INSERT INTO mail_match_queue (outbox_id) SELECT id FROM added;
    RETURN NULL;
END;
$$;
CREATE TRIGGER outbox_event_enqueue_matches AFTER INSERT ON outbox_event
    REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_enqueue_matches();
