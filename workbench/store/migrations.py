"""Numbered migrations that bring any older workbench database up to date.

Each migration is frozen once released: it records the SQL of its own day, so
an old file always walks the same path. `schema.sql` at the top level shows
the result; tests/unit/test_schema.py keeps the two in agreement.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

MIGRATION_SET = "claim-workbench"
MIGRATIONS = Migrations(MIGRATION_SET)


_M001_ARTICLES_AND_CLAIMS = """
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    outlet TEXT,
    published TEXT,
    author TEXT,
    dateline TEXT,
    wire TEXT,
    language TEXT NOT NULL,
    url TEXT,
    path TEXT,
    body TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);

CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    content TEXT NOT NULL,
    speaker TEXT,
    stance TEXT NOT NULL CHECK (stance IN ('asserts', 'denies', 'disputes')),
    quote INTEGER NOT NULL CHECK (quote IN (0, 1)),
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    checkworthiness REAL NOT NULL CHECK (checkworthiness BETWEEN 0 AND 1),
    UNIQUE (article_id, span_start)
);

CREATE INDEX claims_article ON claims(article_id);

CREATE TABLE embeddings (
    model TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    dim INTEGER NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (model, text_sha256)
) WITHOUT ROWID;
"""


@MIGRATIONS(name="m001_articles_and_claims")
def m001_articles_and_claims(db: Database) -> None:
    _run(db, _M001_ARTICLES_AND_CLAIMS)


_M002_GROUPS = """
CREATE TABLE claim_groups (
    id INTEGER PRIMARY KEY,
    representative_claim_id INTEGER REFERENCES claims(id) ON DELETE SET NULL,
    model TEXT NOT NULL,
    method TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    merged_into INTEGER REFERENCES claim_groups(id)
);

CREATE TABLE group_members (
    claim_id INTEGER PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
    group_id INTEGER NOT NULL REFERENCES claim_groups(id),
    assigned_by TEXT NOT NULL CHECK (assigned_by IN ('model', 'reviewer')),
    similarity REAL,
    assigned_at TEXT NOT NULL
);

CREATE INDEX group_members_group ON group_members(group_id);

CREATE TABLE group_overrides (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
    group_id INTEGER NOT NULL REFERENCES claim_groups(id),
    other_group_id INTEGER REFERENCES claim_groups(id),
    claim_id INTEGER REFERENCES claims(id) ON DELETE CASCADE,
    reviewer TEXT NOT NULL,
    created_at TEXT NOT NULL
);
"""


@MIGRATIONS(name="m002_groups")
def m002_groups(db: Database) -> None:
    _run(db, _M002_GROUPS)


_M003_VERDICTS = """
CREATE TABLE verdicts (
    id INTEGER PRIMARY KEY,
    group_id INTEGER REFERENCES claim_groups(id),
    claim_id INTEGER REFERENCES claims(id) ON DELETE CASCADE,
    label TEXT NOT NULL CHECK (label IN ('supported', 'disputed', 'denied')),
    reviewer TEXT NOT NULL,
    note TEXT,
    decided_at TEXT NOT NULL,
    CHECK ((group_id IS NULL) <> (claim_id IS NULL))
);

CREATE UNIQUE INDEX verdicts_group ON verdicts(group_id) WHERE group_id IS NOT NULL;

CREATE UNIQUE INDEX verdicts_claim ON verdicts(claim_id) WHERE claim_id IS NOT NULL;

CREATE TABLE evidence_links (
    id INTEGER PRIMARY KEY,
    verdict_id INTEGER NOT NULL REFERENCES verdicts(id) ON DELETE CASCADE,
    url TEXT NOT NULL CHECK (url LIKE 'http://%' OR url LIKE 'https://%'),
    title TEXT,
    added_at TEXT NOT NULL,
    UNIQUE (verdict_id, url)
);

CREATE TABLE verdict_history (
    id INTEGER PRIMARY KEY,
    group_id INTEGER,
    claim_id INTEGER,
    action TEXT NOT NULL CHECK (action IN ('set', 'clear', 'undo', 'redo', 'import')),
    reverts INTEGER REFERENCES verdict_history(id),
    label TEXT,
    note TEXT,
    links TEXT NOT NULL DEFAULT '[]',
    prev_label TEXT,
    prev_note TEXT,
    prev_links TEXT NOT NULL DEFAULT '[]',
    reviewer TEXT NOT NULL,
    at TEXT NOT NULL
);

CREATE INDEX verdict_history_reviewer ON verdict_history(reviewer, id);
"""


@MIGRATIONS(name="m003_verdicts")
def m003_verdicts(db: Database) -> None:
    _run(db, _M003_VERDICTS)


_M004_SPEAKERS = """
CREATE TABLE speakers (
    name TEXT PRIMARY KEY,
    canonical TEXT NOT NULL
);

CREATE INDEX speakers_canonical ON speakers(canonical);
"""


@MIGRATIONS(name="m004_speakers")
def m004_speakers(db: Database) -> None:
    # Imported here: migrations must not pull the extractor in at import time.
    from workbench.store.speakers import register_speakers

    _run(db, _M004_SPEAKERS)
    names = [row[0] for row in db.execute("SELECT DISTINCT speaker FROM claims WHERE speaker IS NOT NULL")]
    register_speakers(db, names)


_M005_MEMBER_SINCE_VERDICT = """
ALTER TABLE group_members ADD COLUMN new_since_verdict INTEGER NOT NULL DEFAULT 0
    CHECK (new_since_verdict IN (0, 1));

CREATE TABLE verdict_confirmations (
    id INTEGER PRIMARY KEY,
    group_id INTEGER NOT NULL,
    claim_id INTEGER NOT NULL,
    reviewer TEXT NOT NULL,
    at TEXT NOT NULL
);

CREATE INDEX verdict_confirmations_group ON verdict_confirmations(group_id, id);
"""


@MIGRATIONS(name="m005_member_since_verdict")
def m005_member_since_verdict(db: Database) -> None:
    # Claims already in judged groups count as seen: the flag is only known
    # for placements made from now on, and 0 is what every older row means.
    _run(db, _M005_MEMBER_SINCE_VERDICT)


_M006_GROUP_ANSWERS = """
CREATE TABLE group_answers (
    claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    answered_claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    relation TEXT NOT NULL CHECK (relation IN ('denies', 'disputes')),
    similarity REAL NOT NULL,
    PRIMARY KEY (claim_id, answered_claim_id)
) WITHOUT ROWID;

CREATE INDEX group_answers_answered ON group_answers(answered_claim_id);
"""


@MIGRATIONS(name="m006_group_answers")
def m006_group_answers(db: Database) -> None:
    _run(db, _M006_GROUP_ANSWERS)


_M007_REVIEW_DESK = """
CREATE TABLE verdicts (
    id INTEGER PRIMARY KEY,
    group_id INTEGER REFERENCES claim_groups(id),
    claim_id INTEGER REFERENCES claims(id) ON DELETE CASCADE,
    label TEXT CHECK (label IS NULL OR label IN ('supported', 'disputed', 'denied', 'not_checkable')),
    reviewer TEXT NOT NULL,
    note TEXT,
    decided_at TEXT NOT NULL,
    CHECK ((group_id IS NULL) <> (claim_id IS NULL))
);

INSERT INTO verdicts (id, group_id, claim_id, label, reviewer, note, decided_at)
    SELECT id, group_id, claim_id, label, reviewer, note, decided_at FROM _verdicts_m006;

DROP TABLE _verdicts_m006;

CREATE UNIQUE INDEX verdicts_group ON verdicts(group_id) WHERE group_id IS NOT NULL;

CREATE UNIQUE INDEX verdicts_claim ON verdicts(claim_id) WHERE claim_id IS NOT NULL;

CREATE TABLE corrections (
    id INTEGER PRIMARY KEY,
    action TEXT NOT NULL CHECK (action IN ('speaker', 'stance', 'text', 'move', 'merge', 'split',
                                           'undo', 'redo')),
    reverts INTEGER REFERENCES corrections(id),
    group_id INTEGER,
    claim_id INTEGER,
    before TEXT NOT NULL DEFAULT '{}',
    after TEXT NOT NULL DEFAULT '{}',
    after_history INTEGER NOT NULL DEFAULT 0,
    reviewer TEXT NOT NULL,
    at TEXT NOT NULL
);

CREATE INDEX corrections_reviewer ON corrections(reviewer, id);

ALTER TABLE claim_groups ADD COLUMN published_text TEXT;

CREATE TABLE reviewer_state (
    reviewer TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    updated_at TEXT NOT NULL
)
"""


@MIGRATIONS(name="m007_review_desk")
def m007_review_desk(db: Database) -> None:
    # Verdicts gain a fourth label (not_checkable) and may hold evidence
    # (a note, links) before any label: the CHECK changes, so the table is
    # rebuilt. open_store runs migrations with foreign keys off, and the
    # legacy rename keeps evidence_links pointing at "verdicts" by name.
    for index in ("verdicts_group", "verdicts_claim"):
        db.execute(f"DROP INDEX IF EXISTS {index}")
    db.execute("PRAGMA legacy_alter_table = ON")
    try:
        db.execute("ALTER TABLE verdicts RENAME TO _verdicts_m006")
        _run(db, _M007_REVIEW_DESK)
    finally:
        db.execute("PRAGMA legacy_alter_table = OFF")


_M008_HISTORY_BY_TARGET = """
CREATE INDEX verdict_history_group ON verdict_history(group_id, id) WHERE group_id IS NOT NULL;

CREATE INDEX verdict_history_claim ON verdict_history(claim_id, id) WHERE claim_id IS NOT NULL
"""


@MIGRATIONS(name="m008_history_by_target")
def m008_history_by_target(db: Database) -> None:
    # Undo's checks, a group's reviewers line and its history read the rows of
    # one target; without these they scan the whole history (linear in every
    # change ever made, imports included).
    _run(db, _M008_HISTORY_BY_TARGET)


_M009_MEMBER_NEIGHBOURHOOD = """
ALTER TABLE group_members ADD COLUMN density REAL;

ALTER TABLE group_members ADD COLUMN reach REAL
"""


@MIGRATIONS(name="m009_member_neighbourhood")
def m009_member_neighbourhood(db: Database) -> None:
    # What a placed claim's own neighbour search found (grouping/cluster.py:
    # its density, for local scaling, and its reach, the cosine a new claim
    # needs to enter its top-k) is kept, so that an incremental run above the
    # exact search limit searches from the new claims only. NULL, what every
    # older row gets, means unknown: the next run searches that claim again.
    _run(db, _M009_MEMBER_NEIGHBOURHOOD)


_M010_TEXT_READINGS = """
CREATE TABLE text_readings (
    reader TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    quantities TEXT,
    concepts TEXT,
    PRIMARY KEY (reader, text_sha256)
) WITHOUT ROWID
"""


@MIGRATIONS(name="m010_text_readings")
def m010_text_readings(db: Database) -> None:
    # What grouping read from each claim's text (its quantities and glossary
    # concepts), kept like the embeddings: an incremental run re-read the
    # texts of every claim its new claims paired with (grouping/readings.py).
    _run(db, _M010_TEXT_READINGS)


def _run(db: Database, script: str) -> None:
    # executescript would COMMIT the migration's transaction half-way;
    # statement by statement keeps each migration atomic.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)
