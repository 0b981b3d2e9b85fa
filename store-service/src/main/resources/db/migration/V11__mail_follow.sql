-- Follow by e-mail (issue 15). The addresses are personal data: each is stored once, with the
-- follows made under it, and deleted with them (unsubscribing the last follow deletes the address;
-- "delete all my data" deletes the address and everything under it). Nothing else about a person
-- is kept: no names, no IP addresses, no click tracking.
CREATE TABLE mail_address (
    id         UUID         PRIMARY KEY,
    -- trimmed and lower-cased, so one person is one row however they typed it
    address    VARCHAR(254) NOT NULL UNIQUE,
    created_at TIMESTAMPTZ  NOT NULL
);

-- One thing an address follows: a zaak, a search, a member, a party or a ministry/minister.
-- PENDING until the link in the confirmation mail is used (double opt-in: nothing is matched for,
-- let alone sent to, a pending follow), and deleted when not confirmed by expires_at.
CREATE TABLE mail_follow (
    id              UUID          PRIMARY KEY,
    address_id      UUID          NOT NULL REFERENCES mail_address (id) ON DELETE CASCADE,
    -- zaak, zoekopdracht, kamerlid, partij, bewindspersoon
    target          VARCHAR(20)   NOT NULL,
    -- the target and its criteria in one canonical string: one follow per address per target
    target_key      VARCHAR(1500) NOT NULL,
    label           VARCHAR(700)  NOT NULL,
    zaak            VARCHAR(16),
    member          VARCHAR(200),
    party           VARCHAR(100),
    ministry        VARCHAR(300),
    query           VARCHAR(200),
    types           JSONB         NOT NULL,
    digest          BOOLEAN       NOT NULL,
    status          VARCHAR(10)   NOT NULL,
    -- SHA-256 of the confirmation token; the token itself is only in the mail. Null once confirmed.
    confirm_hash    CHAR(64),
    created_at      TIMESTAMPTZ   NOT NULL,
    expires_at      TIMESTAMPTZ,
    confirmed_at    TIMESTAMPTZ,
    -- the outbox position at confirmation: only later events are mailed
    start_after     BIGINT,
    last_digest_day DATE,
    UNIQUE (address_id, target_key)
);
CREATE INDEX mail_follow_expiry_idx ON mail_follow (expires_at) WHERE status = 'PENDING';
CREATE INDEX mail_follow_created_idx ON mail_follow (created_at);
CREATE INDEX mail_follow_active_idx ON mail_follow (id) WHERE status = 'ACTIVE';

-- The mail matcher's work list, filled like webhook_match_queue (V7) by a trigger in the
-- transaction that writes the outbox row: an event exists for the matcher if and only if it exists,
-- and ids that commit out of order are never skipped. The matcher deletes what it matched.
CREATE TABLE mail_match_queue (
    outbox_id BIGINT PRIMARY KEY
);
CREATE FUNCTION outbox_event_enqueue_mail() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO mail_match_queue (outbox_id) VALUES (NEW.id);
    RETURN NULL;
END;
$$;
CREATE TRIGGER outbox_event_enqueue_mail AFTER INSERT ON outbox_event
    FOR EACH ROW EXECUTE FUNCTION outbox_event_enqueue_mail();

-- The mail queue. EVENT: one mail for one outbox event. DIGEST_ITEM: an event waiting for its
-- follow's daily digest (never sent by itself). DIGEST: the day's mail, made of its items.
-- The event's payload is copied in, so the queue does not depend on the outbox keeping its rows.
-- A row is PENDING until sent (SENT), or PARKED after failing for mail.retry.park-after;
-- items are WAITING, then INCLUDED in a digest. Sent rows are removed after mail.keep-sent.
CREATE TABLE mail_message (
    id               BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    follow_id        UUID         NOT NULL REFERENCES mail_follow (id) ON DELETE CASCADE,
    kind             VARCHAR(12)  NOT NULL,
    outbox_id        BIGINT,
    digest_day       DATE,
    digest_of        BIGINT       REFERENCES mail_message (id) ON DELETE CASCADE,
    event_type       VARCHAR(80),
    payload          TEXT,
    status           VARCHAR(10)  NOT NULL,
    attempts         INT          NOT NULL DEFAULT 0,
    created_at       TIMESTAMPTZ  NOT NULL,
    next_attempt_at  TIMESTAMPTZ  NOT NULL,
    first_attempt_at TIMESTAMPTZ,
    -- while a sender has it in flight; a replica that dies mid-send leaves it to expire
    leased_until     TIMESTAMPTZ,
    last_error       VARCHAR(500),
    sent_at          TIMESTAMPTZ,
    UNIQUE (follow_id, outbox_id),
    UNIQUE (follow_id, digest_day)
);
CREATE INDEX mail_message_due_idx ON mail_message (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX mail_message_waiting_idx ON mail_message (follow_id) WHERE status = 'WAITING';
CREATE INDEX mail_message_digest_idx ON mail_message (digest_of) WHERE digest_of IS NOT NULL;

-- The key for the links in the mails (unsubscribe), when kamerstroom.mail.link-key is not set:
-- made once, shared by every replica. Setting the key keeps it out of the database.
CREATE TABLE mail_link_key (
    id  INT          PRIMARY KEY CHECK (id = 1),
    key VARCHAR(100) NOT NULL
);
