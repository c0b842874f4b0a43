-- 0003: versions, so that a save can say "only if nobody changed it since I
-- read it". Every write of a record's editable content stamps the record with
-- a new number from edit_counter; the counter only grows, so a number is never
-- given twice in one database, even to a row deleted and made again. A save
-- that brings the version it read is refused when the row has another one.

CREATE TABLE edit_counter (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n  INTEGER NOT NULL
) STRICT;
INSERT INTO edit_counter (id, n) VALUES (1, 1);

ALTER TABLE submissions ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
-- The store handle whose create or save wrote the editable fields as they are
-- (a random token per open); '' after an import, a restore or an older
-- program. A state the handle wrote itself while typing need not be kept in
-- the history before the handle replaces it; anyone else's must.
ALTER TABLE submissions ADD COLUMN writer TEXT NOT NULL DEFAULT '';

ALTER TABLE notes ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE company ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE meetings ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE protocols ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE events ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE contacts ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- Which version of the submission a revision holds (0: not known, from an
-- older program), how it came about, and which store handle wrote it: saves
-- while typing replace only the handle's own newest revision.
ALTER TABLE submission_revisions ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE submission_revisions ADD COLUMN kind TEXT NOT NULL DEFAULT 'save'
	CHECK (kind IN ('save', 'kept', 'restore'));
ALTER TABLE submission_revisions ADD COLUMN writer TEXT NOT NULL DEFAULT '';
