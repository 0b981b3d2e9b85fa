-- The site's pages at 100k stored questions (SiteBenchmarkTest, README "Site", speed): what the
-- pages sort or filter by that no index covered yet.

-- / : the newest answer letters, newest stored first (SiteQueries.newestAnswers); without it every
-- letter is read and sorted on each visit
CREATE INDEX letter_newest_answers_idx ON letter (stored_at DESC, id DESC)
    WHERE kind IN ('ANSWER', 'FURTHER_ANSWER') AND deleted_at IS NULL;

-- / and /openstaand: open zaken by their deadline (went overdue today; overdue, oldest first)
CREATE INDEX zaak_open_deadline_idx ON zaak (deadline, submitted_date, number)
    WHERE status IN ('ASKED', 'POSTPONED');

-- /openstaand: answered in time per month, the last 24 months (SiteQueries.answeredInTimePerMonth)
CREATE INDEX zaak_answered_date_idx ON zaak (answered_date) WHERE reply_days IS NOT NULL;
