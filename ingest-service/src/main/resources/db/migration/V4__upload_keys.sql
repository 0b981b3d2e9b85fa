-- Upload keys issued by the operator (POST /api/admin/upload-keys). Only the SHA-256 of the whole
-- key is kept; the id is its public part (ku_<id>_<secret>), safe to show and log.
CREATE TABLE upload_key (
    id         VARCHAR(16)  PRIMARY KEY,
    name       VARCHAR(200) NOT NULL,
    key_hash   CHAR(64)     NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL,
    revoked_at TIMESTAMPTZ
);

-- Who uploaded a letter: an upload key's id, or 'bootstrap' for the configured key. An upload's
-- sourceId is namespaced by it in the document id, so one key can never replace another's upload.
ALTER TABLE ingested_letter ADD COLUMN uploaded_by VARCHAR(16);
