-- 0002: submissions (inspel) with every field, their measures, co-signers,
-- status trail, attachments and revisions, the trash, and a search entry that
-- covers what a person remembers of a submission.
--
-- The submissions table is recreated rather than altered so that the new
-- columns sit in a sensible order with their defaults; 0001's rows are copied
-- over. No table refers to submissions yet, so dropping it is safe with
-- foreign keys on.

CREATE TABLE submissions_new (
	id               INTEGER PRIMARY KEY,
	uid              TEXT NOT NULL UNIQUE,
	title            TEXT NOT NULL DEFAULT '',
	title_key        TEXT NOT NULL DEFAULT '', -- Swedish sort key of the title, written by the store
	object           TEXT NOT NULL DEFAULT '',
	modes            TEXT NOT NULL DEFAULT '', -- space-separated modes, e.g. "road rail"
	municipality     TEXT NOT NULL DEFAULT '',
	road_ref         TEXT NOT NULL DEFAULT '',
	place            TEXT NOT NULL DEFAULT '',
	has_point        INTEGER NOT NULL DEFAULT 0 CHECK (has_point IN (0, 1)),
	lat              REAL, -- WGS84; NULL without a point
	lon              REAL,
	deficiency       TEXT NOT NULL DEFAULT '',
	deficiency_since TEXT NOT NULL DEFAULT '',
	deficiency_freq  TEXT NOT NULL DEFAULT '',
	flows            TEXT NOT NULL DEFAULT '{}', -- JSON object kind → number (non-finite numbers as strings)
	consequences     TEXT NOT NULL DEFAULT '', -- space-separated
	impact           TEXT NOT NULL DEFAULT '',
	measures_text    TEXT NOT NULL DEFAULT '', -- the measures' texts, for the search index
	cost_class       TEXT NOT NULL DEFAULT '',
	priority         INTEGER NOT NULL DEFAULT 0,
	urgency          TEXT NOT NULL DEFAULT '',
	avs_ref          TEXT NOT NULL DEFAULT '',
	meeting_key      TEXT NOT NULL DEFAULT '',
	company          TEXT NOT NULL DEFAULT '',
	contact_person   TEXT NOT NULL DEFAULT '',
	contact_email    TEXT NOT NULL DEFAULT '',
	contact_phone    TEXT NOT NULL DEFAULT '',
	status           TEXT NOT NULL DEFAULT 'draft'
		CHECK (status IN ('draft', 'ready', 'submitted', 'handled', 'forwarded', 'resolved', 'closed')),
	created_unix     INTEGER NOT NULL,
	updated_unix     INTEGER NOT NULL,
	deleted_unix     INTEGER -- set while in the trash
) STRICT;

INSERT INTO submissions_new (id, uid, title, title_key, object, modes, municipality, status, created_unix, updated_unix)
SELECT id, uid, title,
	-- The store writes the exact key on the next save; this is close enough
	-- until then: å, ä, ö after z.
	replace(replace(replace(replace(replace(replace(lower(title), 'å', '{'), 'Å', '{'), 'ä', '|'), 'Ä', '|'), 'ö', '}'), 'Ö', '}'),
	object, modes, municipality,
	CASE WHEN status IN ('draft', 'ready', 'submitted', 'handled', 'forwarded', 'resolved', 'closed') THEN status ELSE 'draft' END,
	created_unix, updated_unix
FROM submissions;

DROP TABLE submissions; -- drops its 0001 triggers too
ALTER TABLE submissions_new RENAME TO submissions;

-- List filters and sorts. Partial indexes leave the trash out; every list
-- query says "deleted_unix IS NULL", so they apply.
CREATE INDEX submissions_updated ON submissions (updated_unix DESC, id DESC) WHERE deleted_unix IS NULL;
CREATE INDEX submissions_status ON submissions (status, updated_unix DESC, id DESC) WHERE deleted_unix IS NULL;
CREATE INDEX submissions_municipality ON submissions (municipality, updated_unix DESC, id DESC) WHERE deleted_unix IS NULL;
CREATE INDEX submissions_meeting ON submissions (meeting_key, updated_unix DESC, id DESC) WHERE deleted_unix IS NULL;
CREATE INDEX submissions_title ON submissions (title_key, title, id) WHERE deleted_unix IS NULL;
-- Priority 0 (none) sorts last: the expression matches the ORDER BY.
CREATE INDEX submissions_priority ON submissions (priority = 0, priority, updated_unix DESC, id DESC) WHERE deleted_unix IS NULL;
CREATE INDEX submissions_trash ON submissions (deleted_unix) WHERE deleted_unix IS NOT NULL;
CREATE INDEX submissions_point ON submissions (lat, lon) WHERE has_point = 1 AND deleted_unix IS NULL;

CREATE TABLE submission_measures (
	submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
	position      INTEGER NOT NULL,
	text          TEXT NOT NULL,
	step          INTEGER NOT NULL, -- 1–4, or 0 while not chosen
	PRIMARY KEY (submission_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE submission_cosigners (
	submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
	position      INTEGER NOT NULL,
	name          TEXT NOT NULL,
	PRIMARY KEY (submission_id, position)
) STRICT, WITHOUT ROWID;

-- The status trail in the order it happened (by id).
CREATE TABLE submission_trail (
	id            INTEGER PRIMARY KEY,
	submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
	status        TEXT NOT NULL,
	at_unix       INTEGER NOT NULL,
	comment       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX submission_trail_submission ON submission_trail (submission_id, id);

-- The blobs come last so that reading the metadata does not touch their
-- overflow pages, and the thumbnail before the data so that reading it
-- touches only the first few.
CREATE TABLE submission_attachments (
	id            INTEGER PRIMARY KEY,
	submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
	uid           TEXT NOT NULL,
	name          TEXT NOT NULL,
	mime          TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'application/pdf')),
	caption       TEXT NOT NULL DEFAULT '',
	size          INTEGER NOT NULL,
	added_unix    INTEGER NOT NULL,
	thumbnail     BLOB,
	data          BLOB NOT NULL,
	UNIQUE (submission_id, uid)
) STRICT;

-- Snapshots of the editable fields (JSON), newest last. opened_unix is when
-- the revision was first written; while typing, saves within 30 s of it
-- replace it (at_unix moves on).
CREATE TABLE submission_revisions (
	id            INTEGER PRIMARY KEY,
	submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
	opened_unix   INTEGER NOT NULL,
	at_unix       INTEGER NOT NULL,
	title         TEXT NOT NULL,
	snapshot      TEXT NOT NULL
) STRICT;
CREATE INDEX submission_revisions_submission ON submission_revisions (submission_id, id);

-- The search entry of a submission (kind 8, rowid 8 << 40 | id). Trashed
-- submissions have none, so search does not find them. The entry is rewritten
-- only when a searched column changes, so saving a flow number or a status
-- does not touch the index.
CREATE TRIGGER submissions_ai AFTER INSERT ON submissions WHEN NEW.deleted_unix IS NULL BEGIN
	INSERT INTO search (rowid, kind, ref, title, body) VALUES ((8 << 40) | NEW.id, 'submission', NEW.id, NEW.title,
		concat_ws(' · ', nullif(NEW.object, ''), nullif(NEW.road_ref, ''), nullif(NEW.place, ''), nullif(NEW.municipality, ''),
			nullif(NEW.deficiency, ''), nullif(NEW.impact, ''), nullif(NEW.measures_text, '')));
END;
CREATE TRIGGER submissions_au AFTER UPDATE OF title, object, road_ref, place, municipality, deficiency, impact, measures_text, deleted_unix ON submissions
WHEN OLD.title IS NOT NEW.title OR OLD.object IS NOT NEW.object OR OLD.road_ref IS NOT NEW.road_ref OR OLD.place IS NOT NEW.place
	OR OLD.municipality IS NOT NEW.municipality OR OLD.deficiency IS NOT NEW.deficiency OR OLD.impact IS NOT NEW.impact
	OR OLD.measures_text IS NOT NEW.measures_text OR OLD.deleted_unix IS NOT NEW.deleted_unix
BEGIN
	DELETE FROM search WHERE rowid = (8 << 40) | OLD.id;
	INSERT INTO search (rowid, kind, ref, title, body) SELECT (8 << 40) | NEW.id, 'submission', NEW.id, NEW.title,
		concat_ws(' · ', nullif(NEW.object, ''), nullif(NEW.road_ref, ''), nullif(NEW.place, ''), nullif(NEW.municipality, ''),
			nullif(NEW.deficiency, ''), nullif(NEW.impact, ''), nullif(NEW.measures_text, ''))
	WHERE NEW.deleted_unix IS NULL;
END;
CREATE TRIGGER submissions_ad AFTER DELETE ON submissions BEGIN
	DELETE FROM search WHERE rowid = (8 << 40) | OLD.id;
END;

-- Rebuild the search entries of the copied rows.
DELETE FROM search WHERE rowid BETWEEN (8 << 40) AND (9 << 40) - 1;
INSERT INTO search (rowid, kind, ref, title, body)
SELECT (8 << 40) | id, 'submission', id, title,
	concat_ws(' · ', nullif(object, ''), nullif(road_ref, ''), nullif(place, ''), nullif(municipality, ''),
		nullif(deficiency, ''), nullif(impact, ''), nullif(measures_text, ''))
FROM submissions WHERE deleted_unix IS NULL;
