-- Continuous sources (issue 4): cursors, the Tweede Kamer zaak directory, KOOP bookkeeping, backfills.

-- What a published letter was linked to, and whether its source deleted it since (a tombstone).
ALTER TABLE ingested_letter ADD COLUMN zaak_numbers VARCHAR(500);
ALTER TABLE ingested_letter ADD COLUMN deleted_at   TIMESTAMPTZ;
ALTER TABLE ingested_letter ADD COLUMN changed_at   TIMESTAMPTZ;

-- Where each source resumes, per category. Advanced only after Kafka acknowledged every event the
-- entries before it produced, so a restart continues exactly there: no gap, and a re-read entry is
-- recognised by ingested_letter (no duplicate event).
CREATE TABLE source_cursor (
    source           VARCHAR(32)  NOT NULL,
    category         VARCHAR(64)  NOT NULL,
    position         VARCHAR(500) NOT NULL,
    newest_entry_at  TIMESTAMPTZ,
    updated_at       TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (source, category)
);

-- Tweede Kamer zaken of soort 'Schriftelijke vragen' and their actors, from the SyncFeed's Zaak and
-- ZaakActor categories: a Document entry refers to its zaak by GUID only.
CREATE TABLE tk_zaak (
    id          VARCHAR(64)  PRIMARY KEY,
    nummer      VARCHAR(20)  NOT NULL,
    soort       VARCHAR(200),
    onderwerp   TEXT,
    updated_at  TIMESTAMPTZ  NOT NULL
);

CREATE TABLE tk_zaak_actor (
    id          VARCHAR(64)  PRIMARY KEY,
    zaak_id     VARCHAR(64)  NOT NULL,
    relatie     VARCHAR(100) NOT NULL,
    naam        VARCHAR(300),
    fractie     VARCHAR(200),
    updated_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX tk_zaak_actor_zaak ON tk_zaak_actor (zaak_id);

-- One official publication (KOOP id, e.g. ah-tk-20182019-2411) and the zaken it belongs to, as the
-- Tweede Kamer's Aanhangselnummer or the KOOP XML said: how a KOOP document joins the same zaak.
CREATE TABLE publication_link (
    publication_id  VARCHAR(100) PRIMARY KEY,
    zaak_numbers    VARCHAR(500) NOT NULL,
    tk_document_id  VARCHAR(64),
    updated_at      TIMESTAMPTZ  NOT NULL
);

-- KOOP records already handled, by their modification stamp: an unchanged record is not downloaded again.
CREATE TABLE koop_publication (
    identifier    VARCHAR(100) PRIMARY KEY,
    modified      VARCHAR(64)  NOT NULL,
    document_id   VARCHAR(200),
    processed_at  TIMESTAMPTZ  NOT NULL
);
