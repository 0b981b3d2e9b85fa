-- When a deletion event was about to be sent: a process stopped between Kafka's acknowledgement
-- and marking the row deleted leaves this set and deleted_at empty; the next tombstone for the
-- document then looks on letters.deleted from this time before sending the deletion again.
ALTER TABLE ingested_letter ADD COLUMN deletion_claimed_at TIMESTAMPTZ;
