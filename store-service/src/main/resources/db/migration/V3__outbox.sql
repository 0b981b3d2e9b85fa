-- Transactional outbox (answers.published): a row is written in the same transaction as the
-- answer it announces, so an event exists if and only if the answer is stored. The relay sends
-- rows in id order and marks them published after Kafka acknowledged them.
CREATE SEQUENCE outbox_event_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE outbox_event (
    id           BIGINT       PRIMARY KEY,
    event_id     UUID         NOT NULL UNIQUE,
    type         VARCHAR(80)  NOT NULL,
    zaak_number  VARCHAR(16)  NOT NULL,
    payload      JSONB        NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    published_at TIMESTAMPTZ
);
CREATE INDEX outbox_event_pending_idx ON outbox_event (id) WHERE published_at IS NULL;
