"""The embedded search backend: SQLite FTS5 inside the corpus store's file, no server.

Tables (next to the store's own, in home/corpus.sqlite):

- `search_docs`: one narrow row per indexed document, the facet / filter / sort columns
  of IndexRecord (narrow so that a facet's GROUP BY reads few pages);
- `search_text`: per document the summary and, zlib-compressed, `fts_src` (the `.exact`
  token strings) and `vocab` (every word and its stem), from which the indexed FTS values
  are rebuilt to delete a row from the contentless FTS table when the document changes;
  `vocab` also serves highlighting;
- `search_values(doc_id, field, value)`: the multi-valued fields (exploitation_types,
  articles, article_paths);
- `search_fts`: a contentless FTS5 table (rowid = search_docs.id) over six columns: the
  stemmed summary and text, the `.exact` (lower-cased, unstemmed, stop words kept)
  summary and text, and their bigrams (adjacent `.exact` tokens joined into one token),
  which answer phrases. The analysis happens in Python (index/analysis.py), identical at
  index and query time; FTS5 only splits the pre-analysed tokens at spaces;
- `search_meta`: what the index was built with (record version, analysis signature).

`index(recreate=True)` builds `*__build` tables in batches of short transactions and swaps
them in with one transaction (DROP + RENAME): a kill during the build leaves the old index
serving, and the next build first drops the leftovers. After the swap, `PRAGMA
incremental_vacuum` gives the old generation's pages back (stores created with
auto_vacuum=INCREMENTAL; see `_reclaim` for older ones). Without --recreate, changed
records are replaced, new ones added, vanished ones deleted.

Queries: the analysed query tree (index/querysyntax.py) becomes an FTS5 expression with
column filters; filters, total, facet counts and the page come from in-memory bitsets of
search_docs / search_values (index/embedded_cache.py), rebuilt when the index changes.
The filters are applied first, so one pass over the FTS5 matches yields every matching
rowid (for the total and the multi-select facets) and the bm25 rank of only those the
filters keep: scoring is what a common word costs. Exports (`iterate`) run the same
semantics as SQL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import sys
import time
import uuid
import zlib
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import compress, filterfalse, repeat
from operator import is_not, itemgetter
from pathlib import Path
from typing import Any, cast

from index import analysis
from index.backend import IndexMissing, IndexReport, MappingMismatch
from index.embedded_cache import FacetCache
from index.highlight import Vocabulary, highlights
from index.query import FacetName, FacetValue, Filters, Hit, SearchQuery, SearchResult, SortOrder
from index.querysyntax import All, AnyOf, Exclude, Phrase, Prefix, Query, Term, parse_query
from index.records import RECORD_VERSION, IndexRecord
from vonnis.store import connect, default_db_path

SCHEMA_VERSION = 5
BATCH = 200
MULTI_FIELDS = ("exploitation_types", "articles", "article_paths")
# bm25 column weights: a word in the summary (inhoudsindicatie) counts double.
BM25_WEIGHTS = (2.0, 1.0, 2.0, 1.0, 2.0, 1.0)

STEMMED_COLUMNS = "{s_summary s_text}"
EXACT_COLUMNS = "{x_summary x_text}"
BIGRAM_COLUMNS = "{b_summary b_text}"
# Joins two adjacent `.exact` tokens into one bigram token. A private-use character: never
# part of a token (not a letter, digit or joiner), but a token character for FTS5.
BIGRAM_JOIN = "\ue000"
FTS_COLUMNS = ("s_summary", "s_text", "x_summary", "x_text", "b_summary", "b_text")

_DOC_COLUMNS = (
    "ecli", "court_code", "court_name", "court_level", "doc_type", "decision_date", "year",
    "procedure", "trafficking", "outcome", "convicted_of_trafficking",
    "prison_days_total", "prison_days_suspended", "unconditional_prison_days",
    "minor_victim", "compensation_eur_total", "has_compensation", "content_hash",
    "record_hash",
)
_BOOL_COLUMNS = {"trafficking", "convicted_of_trafficking", "minor_victim", "has_compensation"}

@lru_cache(maxsize=1)
def analysis_signature() -> str:
    """Changes whenever indexed tokens would change: then the index must be rebuilt."""
    payload = json.dumps([SCHEMA_VERSION, RECORD_VERSION, analysis.STEMMER_ALGORITHM,
                          sorted(analysis.DUTCH_STOP_WORDS), analysis.MAX_TOKEN_LENGTH,
                          analysis.TOKENIZER_VERSION])
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def _tables(suffix: str, generation: str) -> str:
    # Every index name carries the generation: index names are schema-global in SQLite and
    # stay attached to a table through RENAME, so a fixed name would clash on the next build.
    return f"""
CREATE TABLE search_docs{suffix} (
    id INTEGER PRIMARY KEY,
    ecli TEXT NOT NULL UNIQUE,
    court_code TEXT, court_name TEXT, court_level TEXT, doc_type TEXT,
    decision_date TEXT, year INTEGER, procedure TEXT, trafficking INTEGER,
    outcome TEXT, convicted_of_trafficking INTEGER,
    prison_days_total INTEGER, prison_days_suspended INTEGER, unconditional_prison_days INTEGER,
    minor_victim INTEGER, compensation_eur_total REAL, has_compensation INTEGER,
    content_hash TEXT, record_hash TEXT
);
CREATE TABLE search_text{suffix} (
    id INTEGER PRIMARY KEY,  -- = search_docs.id
    summary TEXT,
    fts_src BLOB NOT NULL,  -- the .exact columns as indexed (contentless FTS5 deletes need
                            -- the indexed values; the stemmed ones follow with `vocab`)
    vocab BLOB NOT NULL     -- every word of summary and text and its stem: for highlights
                            -- and for deletes
);
CREATE INDEX search_docs_court_{generation} ON search_docs{suffix}(court_code);
CREATE INDEX search_docs_year_{generation} ON search_docs{suffix}(year);
CREATE INDEX search_docs_date_{generation} ON search_docs{suffix}(decision_date);
CREATE TABLE search_values{suffix} (
    doc_id INTEGER NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (field, value, doc_id)
) WITHOUT ROWID;
CREATE INDEX search_values_doc_{generation} ON search_values{suffix}(doc_id);
CREATE VIRTUAL TABLE search_fts{suffix} USING fts5(
    s_summary, s_text, x_summary, x_text, b_summary, b_text,
    content='', detail=full,
    tokenize="unicode61 remove_diacritics 0 categories 'L* N* M* P* S* Co Cf'"
);
"""


_BASE_TABLES = ("search_docs", "search_text", "search_values", "search_fts")


class EmbeddedBackend:
    name = "embedded"

    def __init__(self, home: Path, *, db_path: Path | None = None,
                 workers: int | None = None) -> None:
        self.path = db_path or default_db_path(home)
        # Processes that analyse records while this one writes: Python's regex and the
        # stemmer are the cost of indexing, and they run in parallel only in processes.
        # Off by default: on a busy 2-core machine it gained nothing measurable.
        self.workers = workers if workers is not None else int(
            os.environ.get("VONNIS_INDEX_WORKERS", "1"))
        self._pool: Any = None
        self.conn = connect(self.path, timeout=60)
        self.conn.execute("PRAGMA temp_store=MEMORY")
        self.conn.execute("CREATE TABLE IF NOT EXISTS search_meta (key TEXT PRIMARY KEY, "
                          "value TEXT NOT NULL)")
        self._facets: FacetCache | None = None

    # -- lifecycle ---------------------------------------------------------------------

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
        self.conn.close()

    def __enter__(self) -> EmbeddedBackend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _meta(self) -> dict[str, str]:
        return {r["key"]: r["value"] for r in self.conn.execute("SELECT * FROM search_meta")}

    def exists(self) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_docs'"
        ).fetchone()
        return row is not None and "signature" in self._meta()

    def _check(self) -> None:
        if not self.exists():
            raise IndexMissing(self.name)
        signature = self._meta().get("signature")
        if signature != analysis_signature():
            raise MappingMismatch(self.name, f"built with analysis {signature}, "
                                             f"this version uses {analysis_signature()}")

    def count(self) -> int:
        if not self.exists():
            return 0
        return int(self.conn.execute("SELECT COUNT(*) FROM search_docs").fetchone()[0])

    # -- indexing ------------------------------------------------------------------------

    def index(self, records: Iterable[IndexRecord], *, recreate: bool = False,
              progress: bool = False, total: int | None = None) -> IndexReport:
        started = time.perf_counter()
        if recreate or not self.exists():
            report = self._rebuild(records, progress=progress, total=total)
        else:
            self._check()
            report = self._update(records, progress=progress, total=total)
        report.seconds = time.perf_counter() - started
        return report

    def _progress(self, records: Iterable[IndexRecord], enabled: bool, total: int | None,
                  ) -> Iterable[IndexRecord]:
        if not enabled:
            return records
        from tqdm import tqdm

        return tqdm(records, total=total, unit="doc", desc="indexing (embedded)",
                    mininterval=0.5)

    def _rebuild(self, records: Iterable[IndexRecord], *, progress: bool, total: int | None,
                 ) -> IndexReport:
        report = IndexReport(backend=self.name)
        generation = f"{int(time.time() * 1000):x}"
        # Leftovers of a build that was killed go first; then empty build tables.
        drops = "".join(f"DROP TABLE IF EXISTS {t}__build;" for t in _BASE_TABLES[::-1])
        self.conn.executescript("BEGIN IMMEDIATE;" + drops + _tables("__build", generation)
                                + "COMMIT;")
        batch: list[IndexRecord] = []
        next_id = 1
        for record in self._progress(records, progress, total):
            batch.append(record)
            if len(batch) >= BATCH:
                next_id = self._insert(batch, "__build", next_id)
                report.indexed += len(batch)
                batch = []
        if batch:
            next_id = self._insert(batch, "__build", next_id)
            report.indexed += len(batch)
        with self._write():
            # Merge the FTS b-trees into one: fewer segments to read at query time.
            self.conn.execute("INSERT INTO search_fts__build(search_fts__build) "
                              "VALUES ('optimize')")
        with self._write():
            for table in _BASE_TABLES[::-1]:
                self.conn.execute(f"DROP TABLE IF EXISTS {table}")
            for table in _BASE_TABLES:
                self.conn.execute(f"ALTER TABLE {table}__build RENAME TO {table}")
            self._write_meta(generation)
        # After the swap has committed: a kill from here on leaves the new index serving.
        self._reclaim()
        report.index_name = f"search_docs (generation {generation})"
        return report

    def _reclaim(self) -> None:
        """Give the pages of the dropped generation back to the file system, so that the
        file does not grow by an index on every recreate. Only in a file made with
        auto_vacuum=INCREMENTAL (stores created since it was set); in an older one the
        pages stay free inside the file, for the next build to reuse, until a manual
        `sqlite3 corpus.sqlite 'PRAGMA auto_vacuum=INCREMENTAL; VACUUM'` (which rewrites
        the whole file and needs as much free disk again) converts it."""
        if self.conn.execute("PRAGMA auto_vacuum").fetchone()[0] != 2:
            return
        try:
            # executescript steps the pragma to the end: Python's execute() stops after one
            # step, and every step frees a single page.
            self.conn.executescript("BEGIN IMMEDIATE; PRAGMA incremental_vacuum; COMMIT;")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        # In WAL mode the file shrinks when a checkpoint copies the vacuum back; TRUNCATE
        # also empties the WAL, which the moved pages filled. Waited for briefly only: a
        # reader still on an older snapshot leaves it to a later (automatic) checkpoint.
        self.conn.execute("PRAGMA busy_timeout = 1000")
        try:
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            self.conn.execute("PRAGMA busy_timeout = 60000")

    def _write_meta(self, generation: str | None = None) -> None:
        meta = {"signature": analysis_signature(), "record_version": str(RECORD_VERSION),
                "schema_version": str(SCHEMA_VERSION), "changed": uuid.uuid4().hex,
                "updated_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()}
        if generation is not None:
            meta["generation"] = generation
            meta["built_at"] = meta["updated_at"]
        self.conn.executemany(
            "INSERT INTO search_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
            "SET value = excluded.value", list(meta.items()))

    def _write(self) -> Any:
        return _Transaction(self.conn)

    def _prepare(self, batch: Sequence[IndexRecord]) -> list[tuple[IndexRecord, Any]]:
        """Analyse a batch (outside the write lock), in worker processes when there are."""
        if self.workers <= 1 or len(batch) < 8:
            return [(r, _analyse(r)) for r in batch]
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context(method),
                initializer=_die_with_parent)
        texts = [(r.summary, r.text) for r in batch]
        return list(zip(batch, self._pool.map(_analyse_texts, texts, chunksize=4),
                        strict=True))

    def _insert(self, batch: Sequence[IndexRecord], suffix: str, next_id: int) -> int:
        prepared = self._prepare(batch)
        with self._write():
            for record, (columns, exact, vocab) in prepared:
                self._insert_one(record, columns, exact, vocab, suffix, next_id)
                next_id += 1
        return next_id

    def _insert_one(self, record: IndexRecord, columns: tuple[str, ...],
                    blob: bytes, vocab: bytes, suffix: str, doc_id: int | None) -> None:
        values = [_sql_value(col, getattr(record, col)) for col in _DOC_COLUMNS]
        cur = self.conn.execute(
            f"INSERT INTO search_docs{suffix} (id, {', '.join(_DOC_COLUMNS)}) "
            f"VALUES (?, {', '.join('?' * len(_DOC_COLUMNS))})", (doc_id, *values))
        rowid = cur.lastrowid
        self.conn.execute(
            f"INSERT INTO search_text{suffix} (id, summary, fts_src, vocab) VALUES (?, ?, ?, ?)",
            (rowid, record.summary, blob, vocab))
        self.conn.execute(
            f"INSERT INTO search_fts{suffix} (rowid, {', '.join(FTS_COLUMNS)}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", (rowid, *columns))
        self.conn.executemany(
            f"INSERT OR IGNORE INTO search_values{suffix} (doc_id, field, value) "
            "VALUES (?, ?, ?)",
            [(rowid, field, value) for field in MULTI_FIELDS for value in getattr(record, field)],
        )

    def _delete_one(self, doc_id: int) -> None:
        row = self.conn.execute("SELECT fts_src, vocab FROM search_text WHERE id = ?",
                                (doc_id,)).fetchone()
        if row is None:
            return
        x_summary, x_text = zlib.decompress(row["fts_src"]).decode().split("\x00")
        vocabulary = _vocabulary(row["vocab"]) or {}
        columns = (_stems_of(vocabulary, x_summary), _stems_of(vocabulary, x_text),
                   x_summary, x_text, _bigrams(x_summary), _bigrams(x_text))
        self.conn.execute(
            f"INSERT INTO search_fts (search_fts, rowid, {', '.join(FTS_COLUMNS)}) "
            "VALUES ('delete', ?, ?, ?, ?, ?, ?, ?)", (doc_id, *columns))
        self.conn.execute("DELETE FROM search_values WHERE doc_id = ?", (doc_id,))
        self.conn.execute("DELETE FROM search_text WHERE id = ?", (doc_id,))
        self.conn.execute("DELETE FROM search_docs WHERE id = ?", (doc_id,))

    def _update(self, records: Iterable[IndexRecord], *, progress: bool, total: int | None,
                ) -> IndexReport:
        report = IndexReport(backend=self.name)
        known = {r["ecli"]: (r["id"], r["record_hash"]) for r in
                 self.conn.execute("SELECT id, ecli, record_hash FROM search_docs")}
        seen: set[str] = set()
        batch: list[IndexRecord] = []

        def flush() -> None:
            prepared = self._prepare(batch)
            with self._write():
                for record, (columns, exact, vocab) in prepared:
                    old = known.get(record.ecli)
                    if old is not None:
                        self._delete_one(old[0])
                    self._insert_one(record, columns, exact, vocab, "", None)
            report.indexed += len(batch)
            batch.clear()

        for record in self._progress(records, progress, total):
            seen.add(record.ecli)
            old = known.get(record.ecli)
            if old is not None and old[1] == record.record_hash:
                report.unchanged += 1
                continue
            batch.append(record)
            if len(batch) >= BATCH:
                flush()
        if batch:
            flush()
        gone = [doc_id for ecli, (doc_id, _) in known.items() if ecli not in seen]
        with self._write():
            for doc_id in gone:
                self._delete_one(doc_id)
            self._write_meta()
        report.deleted = len(gone)
        return report

    # -- searching -------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResult:
        started = time.perf_counter()
        analysed = parse_query(query.q)  # QuerySyntaxError before touching the index
        self._check()
        with _ReadSnapshot(self.conn):
            cache = self._cache()
            masks = cache.filter_masks(query.filters)
            filtered = cache.all_bits
            for mask in masks.values():
                filtered &= mask
            ranked: list[tuple[int, float]] | None = None
            expr, negate = _fts_root(analysed) if analysed is not None else ("", False)
            if analysed is None:
                match = cache.all_bits
            elif (not negate and query.size and query.sort == SortOrder.relevance
                  and filtered):
                # One pass over the matches gives them all (for the total and the facets)
                # and the bm25 ranks of those the filters keep (the page's candidates).
                rows = self._ranked(expr, cache.id_flags(filtered) if masks else None)
                match = cache.bits_of_known_ids(map(itemgetter(0), rows))
                if masks:
                    rows = list(compress(rows, map(is_not, map(itemgetter(1), rows),
                                                   repeat(None))))
                ranked = cast("list[tuple[int, float]]", rows)  # no None left
            else:
                found = cache.bits_of_id_list(self.conn.execute(
                    "SELECT group_concat(rowid) FROM search_fts WHERE search_fts MATCH ?",
                    (expr,)).fetchone()[0])
                match = cache.all_bits & ~found if negate else found

            def narrowed(leave_out: str | None = None) -> int:
                bits = match
                for name, mask in masks.items():
                    if name != leave_out:
                        bits &= mask
                return bits

            selected = match & filtered
            total = selected.bit_count()
            hits: list[Hit] = []
            if query.size and total:
                page: Sequence[tuple[int, float | None]]
                if ranked is not None:
                    page = cache.ranked_page(ranked, query.offset, query.size)
                else:
                    page = [(doc_id, None) for doc_id in
                            cache.page(selected, query.sort, query.offset, query.size)]
                hits = self._page_hits(page)
                if query.highlight and analysed is not None:
                    self._add_highlights(hits, analysed)
            facets = {
                facet.value: [FacetValue(value=_facet_value(facet, v), count=n) for v, n in
                              cache.facet(facet, narrowed(facet.value), query.facet_size)]
                for facet in dict.fromkeys(query.facets)
            }
        took = int(round((time.perf_counter() - started) * 1000))
        return SearchResult(total=total, hits=hits, facets=facets, took_ms=took)

    def _ranked(self, expr: str, among: bytes | None = None) -> list[tuple[int, float | None]]:
        """(rowid, bm25 rank) of every document matching `expr`; with `among` (a byte per
        rowid, b"1" for a candidate: FacetCache.id_flags) the rank only of the candidates,
        None for the others.

        bm25 is what a common word costs (its position lists and the row's length, for
        each matching row), and filters usually drop most of its matches: the CASE calls it
        for candidates only, `substr` on a blob being a constant-time lookup. (A condition
        `rowid IN (...)` in the WHERE would be handed to FTS5, which then runs the whole
        query once per listed rowid.) bm25's statistics (document count, average length,
        document frequencies) are those of the whole index either way, so a rank is the
        same number as without the CASE.
        """
        weights = ", ".join(map(str, BM25_WEIGHTS))
        cursor = self.conn.cursor()
        cursor.row_factory = None  # plain tuples: thousands of rows for a common word
        if among is None:
            return cursor.execute(
                f"SELECT rowid, bm25(search_fts, {weights}) FROM search_fts "
                "WHERE search_fts MATCH ?", (expr,)).fetchall()
        return cursor.execute(
            f"SELECT rowid, CASE WHEN substr(?, rowid, 1) = x'31' "
            f"THEN bm25(search_fts, {weights}) END FROM search_fts WHERE search_fts MATCH ?",
            (among, expr)).fetchall()

    def _cache(self) -> FacetCache:
        """The bitsets of the index version this read transaction sees."""
        row = self.conn.execute("SELECT value FROM search_meta WHERE key = 'changed'").fetchone()
        version = row[0] if row else ""
        if self._facets is None or self._facets.version != version:
            self._facets = FacetCache.load(self.conn, version)
        return self._facets

    def _page_hits(self, page: Sequence[tuple[int, float | None]]) -> list[Hit]:
        if not page:
            return []
        ids = [doc_id for doc_id, _ in page]
        rows = {r["id"]: r for r in self.conn.execute(
            f"SELECT {_select(False)} FROM search_docs d WHERE d.id IN "
            f"({', '.join('?' * len(ids))})", ids)}
        hits = self._hits([rows[doc_id] for doc_id in ids])
        for hit, (_, rank) in zip(hits, page, strict=True):
            hit.score = -rank if rank is not None else None
        return hits

    def iterate(self, query: SearchQuery) -> Iterator[Hit]:
        analysed = parse_query(query.q)
        self._check()
        # A second connection: the export may be consumed slowly while this one searches.
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=60)
        conn.row_factory = sqlite3.Row
        try:
            where, params = _filter_sql(query.filters)
            match = ""
            match_params: tuple[str, ...] = ()
            if analysed is not None:
                expr, negate = _fts_root(analysed)
                op = "NOT IN" if negate else "IN"
                match = f" AND d.id {op} (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)"
                match_params = (expr,)
            if query.sort == SortOrder.relevance and analysed is not None:
                # bm25 needs the MATCH in the same SELECT; exports are sorted by it too.
                expr, negate = _fts_root(analysed)
                if not negate:
                    sql = (f"SELECT {_select(False)}, -bm25(search_fts, "
                           f"{', '.join(map(str, BM25_WEIGHTS))}) AS score "
                           "FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid "
                           f"WHERE search_fts MATCH ? AND {where} "
                           "ORDER BY bm25(search_fts, "
                           f"{', '.join(map(str, BM25_WEIGHTS))}), "
                           "d.decision_date IS NULL, d.decision_date DESC, d.ecli")
                    yield from self._stream(conn, conn.execute(sql, (expr, *params)))
                    return
            order = _order_sql(query.sort, ranked=False)
            sql = (f"SELECT {_select(False)} FROM search_docs d WHERE {where}{match} "
                   f"ORDER BY {order}")
            yield from self._stream(conn, conn.execute(sql, (*params, *match_params)))
        finally:
            conn.close()

    def _hits(self, rows: list[sqlite3.Row], conn: sqlite3.Connection | None = None
              ) -> list[Hit]:
        """Hits of page rows, with the summary and the multi-valued fields looked up for
        just these documents."""
        conn = conn or self.conn
        if not rows:
            return []
        ids = [r["id"] for r in rows]
        marks = ", ".join("?" * len(ids))
        summaries = dict(conn.execute(
            f"SELECT id, summary FROM search_text WHERE id IN ({marks})", ids).fetchall())
        multi: dict[tuple[int, str], list[str]] = {}
        for doc_id, field, value in conn.execute(
                f"SELECT doc_id, field, value FROM search_values WHERE doc_id IN ({marks}) "
                "AND field IN ('exploitation_types', 'articles') ORDER BY value", ids):
            multi.setdefault((doc_id, field), []).append(value)
        return [_hit(r, summaries.get(r["id"]), multi.get((r["id"], "exploitation_types"), []),
                     multi.get((r["id"], "articles"), [])) for r in rows]

    def _stream(self, conn: sqlite3.Connection, cursor: sqlite3.Cursor) -> Iterator[Hit]:
        while rows := cursor.fetchmany(500):
            yield from self._hits(rows, conn)

    def _add_highlights(self, hits: list[Hit], analysed: Query) -> None:
        texts = self._texts([h.ecli for h in hits])
        for hit in hits:
            found = texts.get(hit.ecli)
            if found is None:
                continue
            text, blob = found
            vocabulary = Vocabulary(zlib.decompress(blob).decode()) if blob else None
            hit.highlights = highlights(text, analysed, vocabulary=vocabulary)

    def _texts(self, eclis: list[str]) -> dict[str, tuple[str, bytes | None]]:
        """Plain texts from the store's documents table (the one the offsets point into),
        with the vocabulary the index keeps of each."""
        if not eclis:
            return {}
        marks = ", ".join("?" * len(eclis))
        try:
            rows = self.conn.execute(
                f"SELECT d.ecli, d.text, t.vocab FROM documents d LEFT JOIN search_docs s "
                f"ON s.ecli = d.ecli LEFT JOIN search_text t ON t.id = s.id "
                f"WHERE d.ecli IN ({marks})", eclis).fetchall()
        except sqlite3.OperationalError:  # an index file without the store (tests, copies)
            return {}
        return {r["ecli"]: (r["text"], r["vocab"]) for r in rows}


# -- helpers -------------------------------------------------------------------------------


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT / ROLLBACK on this connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self.conn.execute("ROLLBACK" if exc_type is not None else "COMMIT")


class _ReadSnapshot:
    """One read transaction around a search: the bitsets, the text matches and the page
    all come from the same version of the index."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN")

    def __exit__(self, *exc: object) -> None:
        self.conn.execute("COMMIT")


def _die_with_parent() -> None:
    """A worker must not outlive a killed `vonnis index`: it would hold its pipes open."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        pr_set_pdeathsig = 1
        ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGKILL)


def _analyse(record: IndexRecord) -> tuple[tuple[str, ...], bytes, bytes]:
    return _analyse_texts((record.summary, record.text))


def _analyse_texts(texts: tuple[str, str]) -> tuple[tuple[str, ...], bytes, bytes]:
    """The six FTS columns; the `.exact` columns compressed (with the vocabulary they give
    the stemmed columns back, which a delete from the contentless FTS table needs); the
    vocabulary (every word of summary and text -> its stem, "" for a stop word)."""
    summary, text = texts
    s_summary, x_summary, stems = analysis.analyze_text(summary)
    s_text, x_text, text_stems = analysis.analyze_text(text)
    stems.update(text_stems)
    words = set(x_text)
    words.update(x_summary)
    vocab = "\n".join(f"{w}\t{stems.get(w, '')}" for w in sorted(words))
    exact_summary, exact_text = " ".join(x_summary), " ".join(x_text)
    columns = (" ".join(s_summary), " ".join(s_text), exact_summary, exact_text,
               _bigrams(exact_summary), _bigrams(exact_text))
    exact = zlib.compress(f"{columns[2]}\x00{columns[3]}".encode(), 1)
    return columns, exact, zlib.compress(vocab.encode(), 1)


def _bigrams(exact: str) -> str:
    """"a b c" -> "a<J>b b<J>c": the bigram column of an `.exact` column."""
    if not exact:
        return ""
    words = exact.split(" ")
    return " ".join(map(BIGRAM_JOIN.join, zip(words, words[1:], strict=False)))


def _stems_of(vocabulary: dict[str, str | None], exact: str) -> str:
    """The stemmed column an `.exact` column was indexed with."""
    if not exact:
        return ""
    words = filterfalse(analysis.DUTCH_STOP_WORDS.__contains__, exact.split(" "))
    return " ".join(map(vocabulary.__getitem__, words))  # type: ignore[arg-type]


def _vocabulary(blob: bytes | None) -> dict[str, str | None] | None:
    if blob is None:
        return None
    vocabulary: dict[str, str | None] = {}
    for line in zlib.decompress(blob).decode().split("\n"):
        if line:
            word, _, stem = line.partition("\t")
            vocabulary[word] = stem or None
    return vocabulary


def _sql_value(column: str, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _fts(node: Query) -> str:
    """The FTS5 expression of a positive node (Exclude only inside All)."""
    if isinstance(node, Term):
        return f"{STEMMED_COLUMNS} : {_quote(node.stem)}"
    if isinstance(node, Prefix):
        return f"{EXACT_COLUMNS} : {_quote(node.prefix)} *"
    if isinstance(node, Phrase):
        if len(node.tokens) == 1:
            return f"{EXACT_COLUMNS} : {_quote(node.tokens[0])}"
        # Consecutive bigrams = the phrase; far cheaper than a phrase of single tokens when
        # it holds words like "van" and "de", whose position lists fill every judgment.
        bigrams = [BIGRAM_JOIN.join(pair) for pair in zip(node.tokens, node.tokens[1:],
                                                          strict=False)]
        return f"{BIGRAM_COLUMNS} : {_quote(' '.join(bigrams))}"
    if isinstance(node, AnyOf):
        return "(" + " OR ".join(_fts(c) for c in node.children) + ")"
    if isinstance(node, All):
        positive = [_fts(c) for c in node.children if not isinstance(c, Exclude)]
        negative = [_fts(c.child) for c in node.children if isinstance(c, Exclude)]
        if not positive:
            raise ValueError("an All without positive children has no FTS5 expression")
        expr = "(" + " AND ".join(positive) + ")"
        if negative:
            expr = f"({expr} NOT ({' OR '.join(negative)}))"
        return expr
    raise TypeError(f"cannot translate {node!r}")


def _fts_root(node: Query) -> tuple[str, bool]:
    """(expression, negate): negate=True means "documents NOT matching the expression"."""
    if isinstance(node, All) and all(isinstance(c, Exclude) for c in node.children):
        return " OR ".join(_fts(c.child) for c in node.children  # type: ignore[union-attr]
                           ), True
    return _fts(node), False


def _select(use_matches: bool) -> str:
    cols = "d.id, " + ", ".join(f"d.{c}" for c in _DOC_COLUMNS)
    if use_matches:
        cols += ", -m.rank AS score"
    return cols


_DATE_ORDER = "d.decision_date IS NULL, d.decision_date DESC, d.ecli"


def _order_sql(sort: SortOrder, *, ranked: bool) -> str:
    if sort == SortOrder.relevance:
        return f"m.rank, {_DATE_ORDER}" if ranked else _DATE_ORDER
    if sort == SortOrder.date:
        return _DATE_ORDER
    if sort == SortOrder.date_asc:
        return "d.decision_date IS NULL, d.decision_date ASC, d.ecli"
    return f"d.prison_days_total IS NULL, d.prison_days_total DESC, {_DATE_ORDER}"


def _in(column: str, values: Sequence[Any], clauses: list[str], params: list[Any]) -> None:
    if values:
        clauses.append(f"{column} IN ({', '.join('?' * len(values))})")
        params.extend(values)


def _filter_sql(filters: Filters) -> tuple[str, tuple[Any, ...]]:
    """The SQL condition (over `search_docs d`) of the filters, and its parameters."""
    clauses: list[str] = []
    params: list[Any] = []
    f = filters
    _in("d.court_code", f.court, clauses, params)
    _in("d.court_level", [lv.value for lv in f.court_level], clauses, params)
    _in("d.procedure", f.procedure, clauses, params)
    _in("d.year", f.year, clauses, params)
    _in("d.outcome", f.outcome, clauses, params)
    for column, low, high in (
        ("d.decision_date", f.decision_date_from, f.decision_date_to),
        ("d.year", f.year_from, f.year_to),
        ("d.prison_days_total", f.prison_days_min, f.prison_days_max),
        ("d.unconditional_prison_days", f.unconditional_prison_days_min,
         f.unconditional_prison_days_max),
    ):
        if low is not None:
            clauses.append(f"{column} >= ?")
            params.append(_sql_value("", low))
        if high is not None:
            clauses.append(f"{column} <= ?")
            params.append(_sql_value("", high))
    for column, flag in (("d.trafficking", f.trafficking), ("d.minor_victim", f.minor_victim),
                         ("d.has_compensation", f.has_compensation)):
        if flag is not None:
            clauses.append(f"{column} = ?")
            params.append(int(flag))
    for field, values in (("exploitation_types", f.exploitation_types),
                          ("article_paths", f.articles)):
        if values:
            clauses.append(
                "d.id IN (SELECT doc_id FROM search_values WHERE field = ? AND value IN "
                f"({', '.join('?' * len(values))}))")
            params.extend([field, *values])
    return (" AND ".join(clauses) or "1"), tuple(params)


def _facet_value(facet: FacetName, value: Any) -> str | int | bool:
    if facet in (FacetName.trafficking, FacetName.minor_victim):
        return bool(value)
    if facet == FacetName.year:
        return int(value)
    return str(value)


def _hit(row: sqlite3.Row, summary: str | None, exploitation_types: list[str],
         articles: list[str]) -> Hit:
    data = {c: row[c] for c in _DOC_COLUMNS}
    for column in _BOOL_COLUMNS:
        if data[column] is not None:
            data[column] = bool(data[column])
    score = row["score"] if "score" in row.keys() else None  # noqa: SIM118 (Row: in = values)
    return Hit(
        ecli=data["ecli"], court=data["court_name"], court_code=data["court_code"],
        court_level=data["court_level"],
        decision_date=dt.date.fromisoformat(data["decision_date"])
        if data["decision_date"] else None,
        procedure=data["procedure"], summary=summary or None,
        score=float(score) if score is not None else None,
        trafficking=data["trafficking"], outcome=data["outcome"],
        prison_days_total=data["prison_days_total"],
        prison_days_suspended=data["prison_days_suspended"],
        unconditional_prison_days=data["unconditional_prison_days"],
        compensation_eur_total=data["compensation_eur_total"],
        exploitation_types=exploitation_types, minor_victim=data["minor_victim"],
        articles=articles,
    )
