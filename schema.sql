-- Claim Workbench: the one readable definition of the current database.
--
-- The code builds a database through numbered migrations
-- (workbench/store/migrations.py); tests/unit/test_schema.py asserts that a
-- freshly migrated database has exactly the tables and indexes below.
-- Change both together.

-- One cleaned news article. `sha256` is the hash of the cleaned title and
-- body, so the same story saved twice (or as .txt and .html) is stored once.
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    outlet TEXT,
    published TEXT,            -- ISO 8601 with its UTC offset
    author TEXT,
    dateline TEXT,
    wire TEXT,                 -- news agency the story came from (AFP, Reuters)
    language TEXT NOT NULL,    -- ISO 639-1
    url TEXT,
    path TEXT,                 -- where it was ingested from ('-' for stdin)
    body TEXT NOT NULL,        -- the article's own paragraphs, '\n\n' between them
    ingested_at TEXT NOT NULL
);

-- One checkable statement. span_start/span_end index into articles.body.
CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    content TEXT NOT NULL,     -- what is claimed, attribution wrapper removed
    speaker TEXT,
    stance TEXT NOT NULL CHECK (stance IN ('asserts', 'denies', 'disputes')),
    quote INTEGER NOT NULL CHECK (quote IN (0, 1)),
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    checkworthiness REAL NOT NULL CHECK (checkworthiness BETWEEN 0 AND 1),
    UNIQUE (article_id, span_start)
);
CREATE INDEX claims_article ON claims(article_id);

-- Sentence embeddings, cached so unchanged text is never encoded twice.
-- vector: little-endian float32, L2-normalised.
CREATE TABLE embeddings (
    model TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    dim INTEGER NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (model, text_sha256)
) WITHOUT ROWID;

-- What grouping read from a claim's text, kept so an unchanged text is never
-- read twice (grouping/readings.py): its quantities and glossary concepts
-- (JSON lists; NULL until a run has read that part), keyed by the reader (a
-- digest of the reading code) and the sha256 of language and content.
CREATE TABLE text_readings (
    reader TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    quantities TEXT,
    concepts TEXT,
    PRIMARY KEY (reader, text_sha256)
) WITHOUT ROWID;

-- A group of claims that state the same thing. A group merged into another by
-- a reviewer keeps its row (merged_into set) so old references stay explainable.
CREATE TABLE claim_groups (
    id INTEGER PRIMARY KEY,
    representative_claim_id INTEGER REFERENCES claims(id) ON DELETE SET NULL,
    model TEXT NOT NULL,       -- embedder identity that formed the group
    method TEXT NOT NULL,      -- grouping method and parameters, as JSON
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    merged_into INTEGER REFERENCES claim_groups(id)
    -- The text a reviewer chose to publish the group under (ClaimReview's
    -- claimReviewed); NULL: the representative claim's text.
    , published_text TEXT
);

-- Each grouped claim belongs to exactly one group. Claims placed by a
-- reviewer (assigned_by = 'reviewer') are never moved by a grouping run.
CREATE TABLE group_members (
    claim_id INTEGER PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
    group_id INTEGER NOT NULL REFERENCES claim_groups(id),
    assigned_by TEXT NOT NULL CHECK (assigned_by IN ('model', 'reviewer')),
    similarity REAL,           -- to the group when the model placed it
    assigned_at TEXT NOT NULL
    -- 1: the model placed the claim in a group that already had a verdict, and
    -- no reviewer has confirmed it since; the verdict does not publish it.
    , new_since_verdict INTEGER NOT NULL DEFAULT 0
    CHECK (new_since_verdict IN (0, 1)), density REAL, reach REAL
    -- What the last grouping run that searched this claim's neighbours found
    -- (NULL: unknown): density, its mean cosine to its k nearest claims, and
    -- reach, the cosine of the k-th (a new claim at least this close enters
    -- its list). An incremental run reads them instead of searching again.
);
CREATE INDEX group_members_group ON group_members(group_id);

-- Reviewer overrides of the grouping, kept as a log; their effect lives in
-- group_members.assigned_by and claim_groups.merged_into.
CREATE TABLE group_overrides (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
    group_id INTEGER NOT NULL REFERENCES claim_groups(id),
    other_group_id INTEGER REFERENCES claim_groups(id),
    claim_id INTEGER REFERENCES claims(id) ON DELETE CASCADE,
    reviewer TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- The current verdict on a group (claim_id NULL) or on one claim, overriding
-- its group's verdict. Clearing a verdict deletes its row; history keeps it.
CREATE TABLE verdicts (
    id INTEGER PRIMARY KEY,
    group_id INTEGER REFERENCES claim_groups(id),
    claim_id INTEGER REFERENCES claims(id) ON DELETE CASCADE,
    -- NULL: evidence (a note, links) gathered before any decision.
    label TEXT CHECK (label IS NULL OR label IN ('supported', 'disputed', 'denied', 'not_checkable')),
    reviewer TEXT NOT NULL,
    note TEXT,
    decided_at TEXT NOT NULL,
    CHECK ((group_id IS NULL) <> (claim_id IS NULL))
);
CREATE UNIQUE INDEX verdicts_group ON verdicts(group_id) WHERE group_id IS NOT NULL;
CREATE UNIQUE INDEX verdicts_claim ON verdicts(claim_id) WHERE claim_id IS NOT NULL;

-- Source links that back a verdict.
CREATE TABLE evidence_links (
    id INTEGER PRIMARY KEY,
    verdict_id INTEGER NOT NULL REFERENCES verdicts(id) ON DELETE CASCADE,
    url TEXT NOT NULL CHECK (url LIKE 'http://%' OR url LIKE 'https://%'),
    title TEXT,
    added_at TEXT NOT NULL,
    UNIQUE (verdict_id, url)
);

-- Audit trail: one row per change to a verdict, never updated or deleted.
-- Each row holds the target's state before and after (links as JSON arrays),
-- so undo and redo are derived from it and survive a restart.
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
-- A target's rows (undo's checks, the group view's reviewers, a target's history).
CREATE INDEX verdict_history_group ON verdict_history(group_id, id) WHERE group_id IS NOT NULL;
CREATE INDEX verdict_history_claim ON verdict_history(claim_id, id) WHERE claim_id IS NOT NULL;

-- Each speaker name as pages wrote it, with the one name it stands for in this
-- database: "Kirby" -> "John Kirby", "Gedung Putih" -> "White House".
CREATE TABLE speakers (
    name TEXT PRIMARY KEY,
    canonical TEXT NOT NULL
);
CREATE INDEX speakers_canonical ON speakers(canonical);

-- Which claim a denial or dispute answers: the answering claim and the
-- asserting claim it contradicts, recomputed on each grouping run. Links are
-- kept between claims so they follow them through merges and splits; the
-- group view reads them as links between the claims' groups (none within one).
CREATE TABLE group_answers (
    claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    answered_claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    relation TEXT NOT NULL CHECK (relation IN ('denies', 'disputes')),
    similarity REAL NOT NULL,
    PRIMARY KEY (claim_id, answered_claim_id)
) WITHOUT ROWID;
CREATE INDEX group_answers_answered ON group_answers(answered_claim_id);

-- Audit of `workbench confirm` and the review key: a claim new since its
-- group's verdict that a reviewer confirmed the verdict covers.
CREATE TABLE verdict_confirmations (
    id INTEGER PRIMARY KEY,
    group_id INTEGER NOT NULL,
    claim_id INTEGER NOT NULL,
    reviewer TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX verdict_confirmations_group ON verdict_confirmations(group_id, id);

-- Reviewer corrections, kept as a log like verdict_history: a claim's speaker
-- or stance, a group's published text, a claim moved, groups merged, a claim
-- split out. `before`/`after` hold what undo and redo need (JSON);
-- `after_history` is verdict_history's highest id when the row was written, so
-- one reviewer's corrections and verdict changes replay in the order made.
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

-- Where each reviewer left the review desk (group, search, filter, sort) and
-- their desk settings (auto-advance, last export format and path), as JSON.
CREATE TABLE reviewer_state (
    reviewer TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
