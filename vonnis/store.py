"""The corpus store: the system of record, one SQLite file under the home directory.

Raw XML is kept (compressed) for every document and every superseded version, so the
parse, the classification, the extractions and the search index can all be rebuilt from
here. Every write is one transaction; WAL lets readers (API, search) run beside a crawl.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from vonnis.models import Classification, Document, Status, StoredDocument

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    ecli TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    raw_xml BLOB NOT NULL,              -- zlib-compressed bytes exactly as received
    metadata TEXT NOT NULL,             -- Document as JSON, without the text
    text TEXT NOT NULL,
    doc_type TEXT,
    court_code TEXT,
    court_name TEXT,
    court_level TEXT,
    decision_date TEXT,
    year INTEGER,
    procedure TEXT,
    doc_modified TEXT,                  -- dcterms:modified inside the document
    feed_modified TEXT,                 -- `updated` of the feed entry that brought it
    status TEXT NOT NULL DEFAULT 'current',
    withdrawn_reason TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    trafficking INTEGER,                -- NULL: not classified yet
    classification TEXT
);
CREATE INDEX IF NOT EXISTS documents_year ON documents(year);
CREATE INDEX IF NOT EXISTS documents_court ON documents(court_code);
CREATE INDEX IF NOT EXISTS documents_trafficking ON documents(trafficking);

CREATE TABLE IF NOT EXISTS document_versions (
    id INTEGER PRIMARY KEY,
    ecli TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    raw_xml BLOB NOT NULL,
    doc_modified TEXT,
    stored_at TEXT NOT NULL,            -- when this version first entered the store
    superseded_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS document_versions_ecli ON document_versions(ecli);

CREATE TABLE IF NOT EXISTS withdrawn_unknown (
    ecli TEXT PRIMARY KEY,              -- withdrawn in the feed before we ever stored it
    reason TEXT,
    seen TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS crawl_state (
    key TEXT PRIMARY KEY,               -- one cursor per query (subject, topic, api url)
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS quarantine (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,               -- URL or file path (zip members as zip!member)
    ecli TEXT,
    reason TEXT NOT NULL,
    raw BLOB,                           -- zlib-compressed bytes as received
    created_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS extractions (
    ecli TEXT NOT NULL,
    pipeline_version TEXT NOT NULL,
    result TEXT NOT NULL,               -- extraction result JSON, evidence included
    created_at TEXT NOT NULL,
    PRIMARY KEY (ecli, pipeline_version)
);

CREATE TABLE IF NOT EXISTS gold (
    ecli TEXT NOT NULL,
    source TEXT NOT NULL,               -- e.g. "label-studio:<project>" or a gold file
    annotator TEXT,
    result TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (ecli, source, annotator)
);
"""


class UpsertOutcome(StrEnum):
    inserted = "inserted"
    updated = "updated"  # newer content replaced the stored version (kept in document_versions)
    unchanged = "unchanged"  # same content hash: only last_seen moves
    stale = "stale"  # older than what is stored: ignored, stored version kept


@dataclass(frozen=True)
class QuarantineItem:
    id: int
    source: str
    ecli: str | None
    reason: str
    created_at: str


def content_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def default_db_path(home: Path) -> Path:
    return home / "corpus.sqlite"


def connect(path: Path, *, timeout: float) -> sqlite3.Connection:
    """A connection to the store's SQLite file (created if absent), as the store and the
    embedded search index (which lives in the same file) both open it: autocommit, rows by
    name, WAL."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None, timeout=timeout)
    conn.row_factory = sqlite3.Row
    # Before anything writes the file's first page (journal_mode=WAL does): a new file can
    # then give freed pages back (index/embedded.py runs `PRAGMA incremental_vacuum` after a
    # recreate drops the old generation). A no-op on an existing file: one made without it
    # needs a full VACUUM to change, which is never run implicitly.
    conn.execute("PRAGMA auto_vacuum=INCREMENTAL")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def connect_read_only(path: Path, *, timeout: float) -> sqlite3.Connection:
    """A read-only connection to an existing store file, for readers that must never create
    or change it (the Elasticsearch backend reading texts for highlights)."""
    uri = f"{path.absolute().as_uri()}?mode=ro"  # as_uri escapes "?" and "#" in the path
    conn = sqlite3.connect(uri, uri=True, timeout=timeout)
    conn.row_factory = sqlite3.Row
    return conn


def texts_of(conn: sqlite3.Connection, eclis: Sequence[str]) -> dict[str, str]:
    """ECLI -> plain text of the stored documents among `eclis` that have one."""
    if not eclis:
        return {}
    marks = ",".join("?" * len(eclis))
    rows = conn.execute(f"SELECT ecli, text FROM documents WHERE ecli IN ({marks})", list(eclis))
    return {row[0]: row[1] for row in rows if row[1]}


class Store:
    """One SQLite connection. Not shared between threads; open one per process or thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn = connect(path, timeout=30)
        self.conn.execute("PRAGMA foreign_keys=ON")
        # executescript commits on its own, so the schema is applied outside transaction().
        self.conn.executescript(SCHEMA)
        self.conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    @classmethod
    def open(cls, home: Path) -> Store:
        return cls(default_db_path(home))

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error: nothing is half-written."""
        if self.conn.in_transaction:  # nested use joins the outer transaction
            yield self.conn
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- documents -----------------------------------------------------------------

    def upsert(
        self,
        raw: bytes,
        document: Document,
        classification: Classification | None = None,
        feed_modified: dt.datetime | None = None,
    ) -> UpsertOutcome:
        """Store one parsed document. Idempotent on (ECLI, content hash)."""
        digest = content_hash(raw)
        now = _now()
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT content_hash, raw_xml, doc_modified, first_seen FROM documents "
                "WHERE ecli = ?",
                (document.ecli,),
            ).fetchone()
            if row is not None and row["content_hash"] == digest:
                conn.execute(
                    "UPDATE documents SET last_seen = ?, status = 'current', "
                    "withdrawn_reason = NULL, feed_modified = COALESCE(?, feed_modified) "
                    "WHERE ecli = ?",
                    (now, _iso(feed_modified), document.ecli),
                )
                if classification is not None:
                    self._set_classification(document.ecli, classification)
                return UpsertOutcome.unchanged
            if row is not None and _is_older(document.modified, row["doc_modified"]):
                conn.execute("UPDATE documents SET last_seen = ? WHERE ecli = ?",
                             (now, document.ecli))
                return UpsertOutcome.stale
            if row is not None:
                conn.execute(
                    "INSERT INTO document_versions (ecli, content_hash, raw_xml, doc_modified,"
                    " stored_at, superseded_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (document.ecli, row["content_hash"], row["raw_xml"], row["doc_modified"],
                     row["first_seen"], now),
                )
            metadata = document.model_dump_json(exclude={"text"})
            conn.execute(
                """
                INSERT INTO documents (ecli, content_hash, raw_xml, metadata, text, doc_type,
                    court_code, court_name, court_level, decision_date, year, procedure,
                    doc_modified, feed_modified, status, first_seen, last_seen,
                    trafficking, classification)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'current', ?, ?, ?, ?)
                ON CONFLICT(ecli) DO UPDATE SET
                    content_hash = excluded.content_hash, raw_xml = excluded.raw_xml,
                    metadata = excluded.metadata, text = excluded.text,
                    doc_type = excluded.doc_type, court_code = excluded.court_code,
                    court_name = excluded.court_name, court_level = excluded.court_level,
                    decision_date = excluded.decision_date, year = excluded.year,
                    procedure = excluded.procedure, doc_modified = excluded.doc_modified,
                    feed_modified = COALESCE(excluded.feed_modified, documents.feed_modified),
                    status = 'current', withdrawn_reason = NULL,
                    last_seen = excluded.last_seen,
                    trafficking = excluded.trafficking,
                    classification = excluded.classification
                """,
                (
                    document.ecli, digest, zlib.compress(raw, 6), metadata, document.text,
                    document.doc_type.value if document.doc_type else None,
                    document.court.code, document.court.name, document.court.level.value,
                    _iso(document.decision_date), document.year, document.procedure,
                    _iso(document.modified), _iso(feed_modified), now, now,
                    None if classification is None else int(classification.trafficking),
                    None if classification is None else classification.model_dump_json(),
                ),
            )
            conn.execute("DELETE FROM withdrawn_unknown WHERE ecli = ?", (document.ecli,))
            return UpsertOutcome.updated if row is not None else UpsertOutcome.inserted

    def mark_withdrawn(self, ecli: str, reason: str) -> bool:
        """Mark a stored document withdrawn; remember unknown ones. True if a row changed."""
        now = _now()
        with self.transaction() as conn:
            cur = conn.execute(
                "UPDATE documents SET status = 'withdrawn', withdrawn_reason = ?, last_seen = ? "
                "WHERE ecli = ?",
                (reason, now, ecli),
            )
            if cur.rowcount == 0:
                conn.execute(
                    "INSERT INTO withdrawn_unknown (ecli, reason, seen) VALUES (?, ?, ?) "
                    "ON CONFLICT(ecli) DO UPDATE SET reason = excluded.reason, "
                    "seen = excluded.seen",
                    (ecli, reason, now),
                )
            return cur.rowcount > 0

    def set_classification(self, ecli: str, classification: Classification) -> None:
        with self.transaction():
            self._set_classification(ecli, classification)

    def _set_classification(self, ecli: str, classification: Classification) -> None:
        self.conn.execute(
            "UPDATE documents SET trafficking = ?, classification = ? WHERE ecli = ?",
            (int(classification.trafficking), classification.model_dump_json(), ecli),
        )

    def has(self, ecli: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE ecli = ?", (ecli,)).fetchone() \
            is not None

    def content_hash_of(self, ecli: str) -> str | None:
        row = self.conn.execute(
            "SELECT content_hash FROM documents WHERE ecli = ?", (ecli,)
        ).fetchone()
        return row["content_hash"] if row else None

    def get(self, ecli: str) -> StoredDocument | None:
        row = self.conn.execute("SELECT * FROM documents WHERE ecli = ?", (ecli,)).fetchone()
        return _stored(row) if row is not None else None

    def raw_xml(self, ecli: str) -> bytes | None:
        row = self.conn.execute("SELECT raw_xml FROM documents WHERE ecli = ?", (ecli,)).fetchone()
        return zlib.decompress(row["raw_xml"]) if row is not None else None

    def versions(self, ecli: str) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT content_hash, doc_modified, stored_at, superseded_at FROM document_versions "
            "WHERE ecli = ? ORDER BY id",
            (ecli,),
        ).fetchall()
        return [dict(r) for r in rows]

    def eclis(self, *, trafficking: bool | None = None, status: Status | None = None) -> list[str]:
        sql, params = _where(trafficking=trafficking, status=status)
        return [r[0] for r in self.conn.execute(f"SELECT ecli FROM documents{sql} ORDER BY ecli",
                                                params)]

    def iter_documents(
        self,
        *,
        trafficking: bool | None = None,
        status: Status | None = None,
        eclis: list[str] | None = None,
        batch: int = 200,
    ) -> Iterator[StoredDocument]:
        """Stream documents in ECLI order without loading the whole corpus."""
        if eclis is not None:
            for ecli in eclis:
                stored = self.get(ecli)
                if stored is not None:
                    yield stored
            return
        sql, params = _where(trafficking=trafficking, status=status)
        last = ""
        while True:
            joiner = " AND " if sql else " WHERE "
            rows = self.conn.execute(
                f"SELECT * FROM documents{sql}{joiner}ecli > ? ORDER BY ecli LIMIT ?",
                (*params, last, batch),
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield _stored(row)
            last = rows[-1]["ecli"]

    def count(self, *, trafficking: bool | None = None, status: Status | None = None) -> int:
        sql, params = _where(trafficking=trafficking, status=status)
        return int(self.conn.execute(f"SELECT COUNT(*) FROM documents{sql}", params).fetchone()[0])

    # -- crawl state and quarantine ---------------------------------------------------

    def get_cursor(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM crawl_state WHERE key = ?", (key,)).fetchone()
        return row["value"] if row else None

    def set_cursor(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO crawl_state (key, value, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
                "updated_at = excluded.updated_at",
                (key, value, _now()),
            )

    def quarantine(self, source: str, reason: str, raw: bytes | None, ecli: str | None = None
                   ) -> int:
        with self.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO quarantine (source, ecli, reason, raw, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (source, ecli, reason, zlib.compress(raw) if raw is not None else None, _now()),
            )
            return int(cur.lastrowid or 0)

    def quarantined(self) -> list[QuarantineItem]:
        rows = self.conn.execute(
            "SELECT id, source, ecli, reason, created_at FROM quarantine ORDER BY id"
        ).fetchall()
        return [QuarantineItem(**dict(r)) for r in rows]

    def quarantined_raw(self, item_id: int) -> bytes | None:
        row = self.conn.execute("SELECT raw FROM quarantine WHERE id = ?", (item_id,)).fetchone()
        return zlib.decompress(row["raw"]) if row and row["raw"] is not None else None

    def clear_quarantine(self, source: str) -> None:
        """Forget earlier failures of a source once it has been stored successfully."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM quarantine WHERE source = ?", (source,))

    # -- extractions and gold (filled by nlp/ and annotation/) -------------------------

    def put_extraction(self, ecli: str, pipeline_version: str, result: dict[str, Any]) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO extractions (ecli, pipeline_version, result, created_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT(ecli, pipeline_version) DO UPDATE SET "
                "result = excluded.result, created_at = excluded.created_at",
                (ecli, pipeline_version, json.dumps(result, ensure_ascii=False), _now()),
            )

    def get_extraction(self, ecli: str, pipeline_version: str | None = None
                       ) -> dict[str, Any] | None:
        """The extraction of one version, or the newest of any version."""
        if pipeline_version is not None:
            row = self.conn.execute(
                "SELECT result FROM extractions WHERE ecli = ? AND pipeline_version = ?",
                (ecli, pipeline_version),
            ).fetchone()
        else:
            row = self.conn.execute(
                "SELECT result FROM extractions WHERE ecli = ? "
                "ORDER BY created_at DESC, pipeline_version DESC LIMIT 1",
                (ecli,),
            ).fetchone()
        return json.loads(row["result"]) if row else None

    # -- statistics -----------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        def grouped(column: str) -> dict[str, int]:
            rows = self.conn.execute(
                f"SELECT COALESCE(CAST({column} AS TEXT), 'unknown') AS k, COUNT(*) AS n "
                f"FROM documents GROUP BY k ORDER BY n DESC, k"
            ).fetchall()
            return {r["k"]: r["n"] for r in rows}

        flag = {"1": "trafficking", "0": "not trafficking", "unknown": "unclassified"}
        q = self.conn.execute
        return {
            "documents": self.count(),
            "by_status": grouped("status"),
            "by_court": grouped("court_name"),
            "by_court_level": grouped("court_level"),
            "by_year": dict(sorted(grouped("year").items())),
            "by_procedure": grouped("procedure"),
            "by_doc_type": grouped("doc_type"),
            "by_trafficking": {flag[k]: v for k, v in grouped("trafficking").items()},
            "superseded_versions": int(q("SELECT COUNT(*) FROM document_versions").fetchone()[0]),
            "withdrawn_not_stored": int(q("SELECT COUNT(*) FROM withdrawn_unknown").fetchone()[0]),
            "quarantine": int(q("SELECT COUNT(*) FROM quarantine").fetchone()[0]),
            "extractions": int(q("SELECT COUNT(DISTINCT ecli) FROM extractions").fetchone()[0]),
        }


def _where(*, trafficking: bool | None, status: Status | None) -> tuple[str, tuple[Any, ...]]:
    clauses: list[str] = []
    params: list[Any] = []
    if trafficking is not None:
        clauses.append("trafficking = ?")
        params.append(int(trafficking))
    if status is not None:
        clauses.append("status = ?")
        params.append(status.value)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), tuple(params)


def _is_older(incoming: dt.datetime | None, stored: str | None) -> bool:
    if incoming is None or stored is None:
        return False
    return incoming < dt.datetime.fromisoformat(stored)


def _stored(row: sqlite3.Row) -> StoredDocument:
    document = Document.model_validate_json(row["metadata"])
    document.text = row["text"]
    classification = (
        Classification.model_validate_json(row["classification"])
        if row["classification"] else None
    )
    return StoredDocument(
        document=document,
        content_hash=row["content_hash"],
        feed_modified=dt.datetime.fromisoformat(row["feed_modified"])
        if row["feed_modified"] else None,
        status=Status(row["status"]),
        first_seen=dt.datetime.fromisoformat(row["first_seen"]),
        last_seen=dt.datetime.fromisoformat(row["last_seen"]),
        classification=classification,
    )
