-- Issue 14: time is an event too. A zaak's time-driven events (zaak.deadline.approaching,
-- zaak.overdue, zaak.overdue.answered) are planned here when its letters are stored, one row per
-- (zaak, type, deadline): planning again (a later letter, a redelivery, a second replica) finds the
-- row and never doubles it. A postponement cancels the pending rows of the old deadline and plans
-- the new one's. The scheduler moves due PENDING rows to the outbox in one transaction
-- (FOR UPDATE SKIP LOCKED, so two replicas never take the same row) and marks them ANNOUNCED.
-- A row whose moment lay further in the past than the grace period when it was planned (a replay of
-- old letters, a backfill) is HISTORY: recorded and listed under GET /api/zaken/{n}/events, never
-- relayed as news.
CREATE TABLE zaak_deadline_event (
    id           BIGSERIAL    PRIMARY KEY,
    -- deferred: the zaak row is written at commit (the letter store flushes then)
    zaak_number  VARCHAR(16)  NOT NULL REFERENCES zaak (number) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    type         VARCHAR(80)  NOT NULL,
    deadline     DATE         NOT NULL,
    due_at       TIMESTAMPTZ  NOT NULL,
    days_late    INTEGER,
    state        VARCHAR(12)  NOT NULL CHECK (state IN ('PENDING', 'ANNOUNCED', 'HISTORY', 'CANCELLED')),
    -- the CloudEvents id: derived from (zaak, type, deadline), the same after a replay into an empty database
    event_id     UUID         NOT NULL UNIQUE,
    planned_at   TIMESTAMPTZ  NOT NULL,
    settled_at   TIMESTAMPTZ,
    CONSTRAINT zaak_deadline_event_once UNIQUE (zaak_number, type, deadline)
);
CREATE INDEX zaak_deadline_event_due_idx ON zaak_deadline_event (due_at, id) WHERE state = 'PENDING';

-- Issue 14: the facts of a zaak's answer term in its own row, kept on every write, so the
-- responsiveness figures are one narrow query instead of reading every letter. Each is the first
-- arrival (received date, else letter date) of a live letter of that kind: all AnswerTerm needs.
ALTER TABLE zaak ADD COLUMN term_postponed_on DATE;
ALTER TABLE zaak ADD COLUMN term_answered_on DATE;
ALTER TABLE zaak ADD COLUMN term_withdrawn_on DATE;
UPDATE zaak z SET
    term_postponed_on = (SELECT min(COALESCE(l.received_date, l.letter_date)) FROM letter l
        WHERE l.zaak_number = z.number AND l.deleted_at IS NULL AND l.kind = 'POSTPONEMENT'),
    term_answered_on = (SELECT min(COALESCE(l.received_date, l.letter_date)) FROM letter l
        WHERE l.zaak_number = z.number AND l.deleted_at IS NULL AND l.kind IN ('ANSWER', 'FURTHER_ANSWER')),
    term_withdrawn_on = (SELECT min(COALESCE(l.received_date, l.letter_date)) FROM letter l
        WHERE l.zaak_number = z.number AND l.deleted_at IS NULL AND l.kind = 'WITHDRAWAL');
