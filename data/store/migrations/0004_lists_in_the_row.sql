-- 0004: a submission's measures and co-signers move into its row, as JSON
-- lists in the form the exchange package and the revisions give them, so
-- that every editable field of a submission is a column of its row and the
-- store can derive its columns from data.Submission (submission_fields.go).
-- measures_text, which the search index reads, stays: the store writes it
-- from the measures. Rows with no measures or co-signers keep '[]'.

ALTER TABLE submissions ADD COLUMN measures TEXT NOT NULL DEFAULT '[]'; -- [{"text": "…", "step": 1–4, or 0 while not chosen}]
ALTER TABLE submissions ADD COLUMN co_signers TEXT NOT NULL DEFAULT '[]'; -- ["company", …]

UPDATE submissions SET measures = (
	SELECT json_group_array(json_object('text', m.text, 'step', m.step) ORDER BY m.position)
	FROM submission_measures m WHERE m.submission_id = submissions.id)
WHERE id IN (SELECT submission_id FROM submission_measures);

UPDATE submissions SET co_signers = (
	SELECT json_group_array(c.name ORDER BY c.position)
	FROM submission_cosigners c WHERE c.submission_id = submissions.id)
WHERE id IN (SELECT submission_id FROM submission_cosigners);

DROP TABLE submission_measures;
DROP TABLE submission_cosigners;
