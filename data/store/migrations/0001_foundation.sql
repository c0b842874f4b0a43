-- 0001: the arena's content, the company profile, notes, a first submissions
-- table, and the full-text index over all of it.

PRAGMA application_id = 1229734212; -- "ILAD": marks the file as ours

CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

CREATE TABLE arena (
	id         INTEGER PRIMARY KEY CHECK (id = 1),
	name       TEXT NOT NULL,
	organiser  TEXT NOT NULL,
	purpose    TEXT NOT NULL,
	goal       TEXT NOT NULL,
	background TEXT NOT NULL,
	url        TEXT NOT NULL,
	join_email TEXT NOT NULL,
	join_text  TEXT NOT NULL
) STRICT;

CREATE TABLE focus_areas (
	id       INTEGER PRIMARY KEY,
	key      TEXT NOT NULL UNIQUE,
	position INTEGER NOT NULL,
	title    TEXT NOT NULL,
	body     TEXT NOT NULL,
	origin   TEXT NOT NULL CHECK (origin IN ('content', 'user'))
) STRICT;

CREATE TABLE activities (
	id       INTEGER PRIMARY KEY,
	key      TEXT NOT NULL UNIQUE,
	position INTEGER NOT NULL,
	text     TEXT NOT NULL,
	origin   TEXT NOT NULL CHECK (origin IN ('content', 'user'))
) STRICT;

CREATE TABLE meetings (
	id          INTEGER PRIMARY KEY,
	key         TEXT NOT NULL UNIQUE,
	title       TEXT NOT NULL,
	kind        TEXT NOT NULL,
	start_unix  INTEGER NOT NULL,
	end_unix    INTEGER NOT NULL CHECK (end_unix > start_unix),
	location    TEXT NOT NULL,
	description TEXT NOT NULL,
	origin      TEXT NOT NULL CHECK (origin IN ('content', 'user'))
) STRICT;
CREATE INDEX meetings_start ON meetings (start_unix);

CREATE TABLE agenda_items (
	id         INTEGER PRIMARY KEY,
	meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
	position   INTEGER NOT NULL,
	title      TEXT NOT NULL,
	notes      TEXT NOT NULL
) STRICT;
CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, position);

CREATE TABLE protocols (
	id          INTEGER PRIMARY KEY,
	key         TEXT NOT NULL UNIQUE,
	date        TEXT NOT NULL, -- YYYY-MM-DD
	title       TEXT NOT NULL,
	kind        TEXT NOT NULL,
	text        TEXT NOT NULL,
	meeting_key TEXT NOT NULL,
	origin      TEXT NOT NULL CHECK (origin IN ('content', 'user'))
) STRICT;
CREATE INDEX protocols_date ON protocols (date);

-- A document attached to a protocol by the user; kept across content updates.
CREATE TABLE documents (
	id          INTEGER PRIMARY KEY,
	protocol_id INTEGER NOT NULL UNIQUE REFERENCES protocols (id) ON DELETE CASCADE,
	name        TEXT NOT NULL,
	mime        TEXT NOT NULL,
	size        INTEGER NOT NULL,
	data        BLOB NOT NULL,
	text        TEXT NOT NULL, -- extracted text, for search
	searchable  INTEGER NOT NULL,
	added_unix  INTEGER NOT NULL
) STRICT;

CREATE TABLE events (
	id      INTEGER PRIMARY KEY,
	key     TEXT NOT NULL UNIQUE,
	date    TEXT NOT NULL, -- YYYY-MM-DD
	title   TEXT NOT NULL,
	summary TEXT NOT NULL,
	city    TEXT NOT NULL,
	origin  TEXT NOT NULL CHECK (origin IN ('content', 'user'))
) STRICT;

CREATE TABLE contacts (
	id       INTEGER PRIMARY KEY,
	key      TEXT NOT NULL UNIQUE,
	position INTEGER NOT NULL,
	name     TEXT NOT NULL,
	role     TEXT NOT NULL,
	email    TEXT NOT NULL,
	phone    TEXT NOT NULL,
	origin   TEXT NOT NULL CHECK (origin IN ('content', 'user'))
) STRICT;

CREATE TABLE offices (
	id          INTEGER PRIMARY KEY,
	key         TEXT NOT NULL UNIQUE,
	position    INTEGER NOT NULL,
	name        TEXT NOT NULL,
	street      TEXT NOT NULL,
	post_box    TEXT NOT NULL,
	postal_code TEXT NOT NULL,
	city        TEXT NOT NULL,
	phone       TEXT NOT NULL,
	email       TEXT NOT NULL,
	origin      TEXT NOT NULL CHECK (origin IN ('content', 'user'))
) STRICT;

CREATE TABLE company (
	id             INTEGER PRIMARY KEY CHECK (id = 1),
	name           TEXT NOT NULL,
	org_number     TEXT NOT NULL,
	contact_person TEXT NOT NULL,
	email          TEXT NOT NULL,
	phone          TEXT NOT NULL
) STRICT;

-- Notes are keyed by the content key, not the row id, so they outlive content updates.
CREATE TABLE notes (
	id           INTEGER PRIMARY KEY,
	target_kind  TEXT NOT NULL CHECK (target_kind IN ('meeting', 'protocol')),
	target_key   TEXT NOT NULL,
	text         TEXT NOT NULL,
	updated_unix INTEGER NOT NULL,
	UNIQUE (target_kind, target_key)
) STRICT;

CREATE TABLE submissions (
	id           INTEGER PRIMARY KEY,
	uid          TEXT NOT NULL UNIQUE,
	title        TEXT NOT NULL,
	object       TEXT NOT NULL,
	modes        TEXT NOT NULL, -- space-separated modes, e.g. "road rail"
	municipality TEXT NOT NULL,
	status       TEXT NOT NULL,
	created_unix INTEGER NOT NULL,
	updated_unix INTEGER NOT NULL
) STRICT;

-- One full-text index over everything a user may look for. The rowid encodes
-- the kind in its high bits (kind << 40 | id) so that the triggers below can
-- replace a row's entry by rowid instead of scanning. Diacritics are kept:
-- in Swedish "å" is not "a".
CREATE VIRTUAL TABLE search USING fts5 (
	kind UNINDEXED,
	ref UNINDEXED,
	title,
	body,
	tokenize = "unicode61 remove_diacritics 0"
);

-- kind codes: 1 focus area, 2 activity, 3 meeting, 4 agenda item, 5 protocol,
-- 6 document, 7 event, 8 submission, 9 note, 10 contact
CREATE TRIGGER focus_areas_ai AFTER INSERT ON focus_areas BEGIN
	INSERT INTO search (rowid, kind, ref, title, body) VALUES ((1 << 40) | NEW.id, 'focus', NEW.id, NEW.title, NEW.body);
END;
CREATE TRIGGER focus_areas_au AFTER UPDATE ON focus_areas BEGIN
	DELETE FROM search WHERE rowid = (1 << 40) | OLD.id;
	INSERT INTO search (rowid, kind, ref, title, body) VALUES ((1 << 40) | NEW.id, 'focus', NEW.id, NEW.title, NEW.body);
END;
CREATE TRIGGER focus_areas_ad AFTER DELETE ON focus_areas BEGIN
	DELETE FROM search WHERE rowid = (1 << 40) | OLD.id;
END;

CREATE TRIGGER activities_ai AFTER INSERT ON activities BEGIN
	INSERT INTO search (rowid, kind, ref, title, body) VALUES ((2 << 40) | NEW.id, 'activity', NEW.id, NEW.text, '');
END;
CREATE TRIGGER activities_au AFTER UPDATE ON activities BEGIN
	DELETE FROM search WHERE rowid = (2 << 40) | OLD.id;
	INSERT INTO search (rowid, kind, ref, title, body) VALUES ((2 << 40) | NEW.id, 'activity', NEW.id, NEW.text, '');
END;
CREATE TRIGGER activities_ad AFTER DELETE ON activities BEGIN
	DELETE FROM search WHERE rowid = (2 << 40) | OLD.id;
END;

CREATE TRIGGER meetings_ai AFTER INSERT ON meetings BEGIN
	INSERT INTO search (rowid, kind, ref, title, body) VALUES ((3 << 40) | NEW.id, 'meeting', NEW.id, NEW.title, NEW.location || ' ' || NEW.description);
END;
CREATE TRIGGER meetings_au AFTER UPDATE ON meetings BEGIN
	DELETE FROM search WHERE rowid = (3 << 40) | OLD.id;
	INSERT INTO search (rowid, kind, ref, title, body) VALUES ((3 << 40) | NEW.id, 'meeting', NEW.id, NEW.title, NEW.location || ' ' || NEW.description);
END;
CREATE TRIGGER meetings_ad AFTER DELETE ON meetings BEGIN
	DELETE FROM search WHERE rowid = (3 << 40) | OLD.id;
END;

-- Agenda items point at their meeting: a hit opens the meeting.
CREATE TRIGGER agenda_items_ai AFTER INSERT ON agenda_items BEGIN
	INSERT INTO search (rowid, kind, ref, title, body) VALUES ((4 << 40) | NEW.id, 'meeting', NEW.meeting_id, NEW.title, NEW.notes);
END;
CREATE TRIGGER agenda_items_au AFTER UPDATE ON agenda_items BEGIN
	DELETE FROM search WHERE rowid = (4 << 40) | OLD.id;
	INSERT INTO search (rowid, kind, ref, title, body) VALUES ((4 << 40) | NEW.id, 'meeting', NEW.meeting_id, NEW.title, NEW.notes);
END;
CREATE TRIGGER agenda_items_ad AFTER DELETE ON agenda_items BEGIN
	DELETE FROM search WHERE rowid = (4 << 40) | OLD.id;
END;

CREATE TRIGGER protocols_ai AFTER INSERT ON protocols BEGIN
	INSERT INTO search (rowid, kind, ref, title, body) VALUES ((5 << 40) | NEW.id, 'protocol', NEW.id, NEW.title, NEW.date || ' ' || NEW.text);
END;
CREATE TRIGGER protocols_au AFTER UPDATE ON protocols BEGIN
	DELETE FROM search WHERE rowid = (5 << 40) | OLD.id;
	INSERT INTO search (rowid, kind, ref, title, body) VALUES ((5 << 40) | NEW.id, 'protocol', NEW.id, NEW.title, NEW.date || ' ' || NEW.text);
END;
CREATE TRIGGER protocols_ad AFTER DELETE ON protocols BEGIN
	DELETE FROM search WHERE rowid = (5 << 40) | OLD.id;
END;

-- Documents point at their protocol: a hit opens the protocol.
CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
	INSERT INTO search (rowid, kind, ref, title, body) VALUES ((6 << 40) | NEW.id, 'protocol', NEW.protocol_id, NEW.name, NEW.text);
END;
CREATE TRIGGER documents_au AFTER UPDATE ON documents BEGIN
	DELETE FROM search WHERE rowid = (6 << 40) | OLD.id;
	INSERT INTO search (rowid, kind, ref, title, body) VALUES ((6 << 40) | NEW.id, 'protocol', NEW.protocol_id, NEW.name, NEW.text);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
	DELETE FROM search WHERE rowid = (6 << 40) | OLD.id;
END;

CREATE TRIGGER events_ai AFTER INSERT ON events BEGIN
	INSERT INTO search (rowid, kind, ref, title, body) VALUES ((7 << 40) | NEW.id, 'event', NEW.id, NEW.title, NEW.summary || ' ' || NEW.city);
END;
CREATE TRIGGER events_au AFTER UPDATE ON events BEGIN
	DELETE FROM search WHERE rowid = (7 << 40) | OLD.id;
	INSERT INTO search (rowid, kind, ref, title, body) VALUES ((7 << 40) | NEW.id, 'event', NEW.id, NEW.title, NEW.summary || ' ' || NEW.city);
END;
CREATE TRIGGER events_ad AFTER DELETE ON events BEGIN
	DELETE FROM search WHERE rowid = (7 << 40) | OLD.id;
END;

CREATE TRIGGER submissions_ai AFTER INSERT ON submissions BEGIN
	INSERT INTO search (rowid, kind, ref, title, body) VALUES ((8 << 40) | NEW.id, 'submission', NEW.id, NEW.title, NEW.object || ' ' || NEW.municipality);
END;
CREATE TRIGGER submissions_au AFTER UPDATE ON submissions BEGIN
	DELETE FROM search WHERE rowid = (8 << 40) | OLD.id;
	INSERT INTO search (rowid, kind, ref, title, body) VALUES ((8 << 40) | NEW.id, 'submission', NEW.id, NEW.title, NEW.object || ' ' || NEW.municipality);
END;
CREATE TRIGGER submissions_ad AFTER DELETE ON submissions BEGIN
	DELETE FROM search WHERE rowid = (8 << 40) | OLD.id;
END;

CREATE TRIGGER notes_ai AFTER INSERT ON notes BEGIN
	INSERT INTO search (rowid, kind, ref, title, body) VALUES ((9 << 40) | NEW.id, 'note', NEW.id, '', NEW.text);
END;
CREATE TRIGGER notes_au AFTER UPDATE ON notes BEGIN
	DELETE FROM search WHERE rowid = (9 << 40) | OLD.id;
	INSERT INTO search (rowid, kind, ref, title, body) VALUES ((9 << 40) | NEW.id, 'note', NEW.id, '', NEW.text);
END;
CREATE TRIGGER notes_ad AFTER DELETE ON notes BEGIN
	DELETE FROM search WHERE rowid = (9 << 40) | OLD.id;
END;

CREATE TRIGGER contacts_ai AFTER INSERT ON contacts BEGIN
	INSERT INTO search (rowid, kind, ref, title, body) VALUES ((10 << 40) | NEW.id, 'contact', NEW.id, NEW.name, NEW.role || ' ' || NEW.email);
END;
CREATE TRIGGER contacts_au AFTER UPDATE ON contacts BEGIN
	DELETE FROM search WHERE rowid = (10 << 40) | OLD.id;
	INSERT INTO search (rowid, kind, ref, title, body) VALUES ((10 << 40) | NEW.id, 'contact', NEW.id, NEW.name, NEW.role || ' ' || NEW.email);
END;
CREATE TRIGGER contacts_ad AFTER DELETE ON contacts BEGIN
	DELETE FROM search WHERE rowid = (10 << 40) | OLD.id;
END;
