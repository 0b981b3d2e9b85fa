-- Subscriptions (issue 7): API keys issued by an operator, webhook subscriptions with a filter,
-- and one delivery row per (subscription, outbox event) that the dispatcher works through.

-- The key itself is never stored: only its public id (the part a caller may show in logs) and the
-- SHA-256 of the whole key, compared in constant time.
CREATE TABLE api_key (
    id         VARCHAR(16)  PRIMARY KEY,
    name       VARCHAR(200) NOT NULL,
    key_hash   CHAR(64)     NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL,
    revoked_at TIMESTAMPTZ
);

-- The signing secret has to be stored as is: HMAC needs it, a hash of it would not do.
CREATE TABLE subscription (
    id          UUID          PRIMARY KEY,
    api_key_id  VARCHAR(16)   NOT NULL REFERENCES api_key (id),
    description VARCHAR(500),
    zaak        VARCHAR(16),
    member      VARCHAR(200),
    party       VARCHAR(100),
    ministry    VARCHAR(300),
    keyword     VARCHAR(200),
    types       JSONB         NOT NULL,
    channel     VARCHAR(20)   NOT NULL,
    url         VARCHAR(2048) NOT NULL,
    secret      VARCHAR(100)  NOT NULL,
    status      VARCHAR(10)   NOT NULL,
    -- the outbox position when the subscription was made: it hears of what happens after, not before
    start_after BIGINT        NOT NULL,
    created_at  TIMESTAMPTZ   NOT NULL,
    updated_at  TIMESTAMPTZ   NOT NULL
);
CREATE INDEX subscription_api_key_idx ON subscription (api_key_id, created_at);

CREATE SEQUENCE webhook_delivery_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE webhook_delivery (
    id               BIGINT      PRIMARY KEY,
    subscription_id  UUID        NOT NULL REFERENCES subscription (id) ON DELETE CASCADE,
    -- no cascade: pruning the outbox must first account for deliveries still owed
    outbox_id        BIGINT      NOT NULL REFERENCES outbox_event (id),
    event_id         UUID        NOT NULL,
    event_type       VARCHAR(80) NOT NULL,
    zaak_number      VARCHAR(16) NOT NULL,
    status           VARCHAR(10) NOT NULL,
    attempts         INT         NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    next_attempt_at  TIMESTAMPTZ NOT NULL,
    first_attempt_at TIMESTAMPTZ,
    last_attempt_at  TIMESTAMPTZ,
    -- while a dispatcher has it in flight; a replica that dies mid-send leaves it to expire
    leased_until     TIMESTAMPTZ,
    last_status      INT,
    last_error       VARCHAR(500),
    delivered_at     TIMESTAMPTZ,
    UNIQUE (subscription_id, outbox_id)
);
-- what is due, per subscription (the dispatcher takes a few per subscription, fairly)
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (subscription_id, next_attempt_at) WHERE status = 'PENDING';
-- "is an earlier event of this zaak still owed to this subscription?": per-zaak ordering
CREATE INDEX webhook_delivery_zaak_idx ON webhook_delivery (subscription_id, zaak_number, outbox_id)
    WHERE status <> 'DELIVERED';
CREATE INDEX webhook_delivery_list_idx ON webhook_delivery (subscription_id, status, id);

-- The matcher's progress through the outbox: a marker per row rather than a cursor, because ids from
-- a pooled sequence on several replicas do not commit in id order, and a cursor would skip the late ones.
-- What was in the outbox before webhooks existed is not delivered to anyone.
ALTER TABLE outbox_event ADD COLUMN webhooks_matched_at TIMESTAMPTZ;
UPDATE outbox_event SET webhooks_matched_at = created_at;
CREATE INDEX outbox_event_unmatched_idx ON outbox_event (id) WHERE webhooks_matched_at IS NULL;
