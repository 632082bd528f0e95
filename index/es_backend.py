"""The Elasticsearch search backend: a versioned index behind an alias.

Searches go to the alias `<prefix>-docs` (default `vonnis-docs`), which points at one
versioned index `<prefix>-docs-v<MAPPING_VERSION>-<UTC timestamp>` created from the index
template of index/es_mapping.py.

- `index(records, recreate=True)` (and the very first build) creates a NEW index, bulk
  loads it with refresh off, refreshes, then moves the alias in ONE `update_aliases` call
  (remove from the old index + add to the new one: atomic) and only then deletes the old
  index. A kill at any moment before the swap leaves the alias on the old index, which
  keeps serving; the half-built index is deleted on an exception, and by the next index
  run when the process was killed outright (a versioned index the alias does not point to
  and no export reads is a leftover).
- Every `index()` run (a rebuild or an in-place update) holds the build lock of its prefix,
  a document `build` in the small hidden index `<prefix>-docs-lock` created with
  `op_type=create`, so it works across machines sharing the cluster. It records host, pid,
  operation, start time and a heartbeat (rewritten every 30 s, with `if_seq_no`, so a run
  notices when its lock was taken from it: it then stops before the swap). A second run
  fails at once with a `SearchBackendError` naming the holder. Stale rule: a lock whose
  heartbeat is older than 10 minutes is taken over (its holder is dead or cut off), and at
  once when its holder ran on this machine and its pid is gone; to clear one by hand:
  `curl -X DELETE $ELASTICSEARCH_URL/<prefix>-docs-lock/_doc/build`. Leftovers are only
  deleted while holding the lock.
- `index(records)` on an existing index updates it in place: records whose `record_hash`
  the index already has are skipped, others are (re)indexed, vanished ones deleted.
- Bulk: `helpers.streaming_bulk`, chunks bounded by count and bytes, retried with backoff
  on 429 (Elasticsearch pushing back), per-document failures collected in the report.
- Exports (`iterate`) page with a point in time and `search_after`: no 10,000 cap. The
  point in time pins the index it started on; a rebuild does not delete an old index that
  an open point in time still reads (index stats `search.open_contexts`) but leaves it for
  the next index run, so an export running across a --recreate finishes on the snapshot it
  began with. Should its index vanish anyway (deleted by hand, or the 2-minute keep-alive
  ran out between pages), the export fails with a clear error; never a silently short
  export (partial results are refused).
- The index's mapping `_meta` says which mapping/record version built it; a mismatch is
  a `MappingMismatch` that suggests `--recreate`.
- Connection, TLS and authentication problems are `BackendUnavailable` naming the URL.

Highlights: from the corpus store's text when `home` holds one (see index/es_translate.py);
else from Elasticsearch's highlighter.

Connection settings: `url` (else $ELASTICSEARCH_URL, else the local node of `vonnis es
start`), `api_key` ($ELASTICSEARCH_API_KEY), `basic_auth` ($ELASTICSEARCH_USERNAME and
$ELASTICSEARCH_PASSWORD), `ca_certs` ($ELASTICSEARCH_CA_CERTS).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import queue
import socket
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from index import es_mapping
from index import es_translate as tr
from index.backend import (
    BackendUnavailable,
    IndexMissing,
    IndexReport,
    MappingMismatch,
    SearchBackendError,
    es_url,
)
from index.highlight import query_highlights
from index.query import Hit, SearchQuery, SearchResult
from index.querysyntax import Query, parse_query
from index.records import IndexRecord
from vonnis.store import connect_read_only, default_db_path, texts_of

# Bulk: judgments average tens of kB (some are MBs); a chunk ends at whichever comes first.
CHUNK_SIZE = 250
MAX_CHUNK_BYTES = 8 * 1024 * 1024
BULK_WORKERS = 2  # bulk requests in flight at once
BULK_MAX_RETRIES = 6  # on 429: 1, 2, 4, 8, 16, 30 s
BULK_INITIAL_BACKOFF = 1.0
BULK_MAX_BACKOFF = 30.0
BULK_TIMEOUT = 120.0
MAX_ERRORS_KEPT = 20
EXPORT_PAGE_SIZE = 1000
PIT_KEEP_ALIVE = "2m"
CHECK_TTL = 30.0  # seconds a mapping check of the serving index stays valid
LOCK_ID = "build"  # the build lock's document id in `<prefix>-docs-lock`
LOCK_HEARTBEAT = 30.0  # seconds between two heartbeats of the lock holder
LOCK_STALE_AFTER = 600.0  # a lock whose heartbeat is older than this is taken over
# Errors of a page after the point in time lost its index (or expired).
PIT_GONE = frozenset({"search_context_missing_exception", "index_not_found_exception",
                      "no_shard_available_action_exception"})


def _hide_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def _stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S%f")


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(
        self,
        url: str | None = None,
        *,
        index_prefix: str = "vonnis",
        api_key: str | None = None,
        basic_auth: tuple[str, str] | None = None,
        ca_certs: str | None = None,
        home: Path | None = None,  # the data dir: its corpus store gives highlights
        request_timeout: float = 30.0,
        export_page_size: int = EXPORT_PAGE_SIZE,
        chunk_size: int = CHUNK_SIZE,
        max_chunk_bytes: int = MAX_CHUNK_BYTES,
        bulk_workers: int = BULK_WORKERS,
    ) -> None:
        from elasticsearch import Elasticsearch

        self.url = es_url(url).rstrip("/")
        self.display_url = _hide_password(self.url)
        self.prefix = index_prefix
        self.alias = es_mapping.alias_name(index_prefix)
        self.lock_index = f"{self.alias}-lock"  # not a versioned index: no `-v`
        self.export_page_size = export_page_size
        self.chunk_size = chunk_size
        self.max_chunk_bytes = max_chunk_bytes
        self.bulk_workers = bulk_workers
        api_key = api_key or os.environ.get("ELASTICSEARCH_API_KEY") or None
        if basic_auth is None and os.environ.get("ELASTICSEARCH_USERNAME"):
            basic_auth = (os.environ["ELASTICSEARCH_USERNAME"],
                          os.environ.get("ELASTICSEARCH_PASSWORD", ""))
        ca_certs = ca_certs or os.environ.get("ELASTICSEARCH_CA_CERTS") or None
        options: dict[str, Any] = {"request_timeout": request_timeout, "max_retries": 2,
                                   "retry_on_timeout": True}
        if api_key:
            # The encoded key (base64, as Kibana shows it) or "id:api_key".
            id_, sep, key = api_key.partition(":")
            options["api_key"] = (id_, key) if sep else api_key
        if basic_auth:
            options["basic_auth"] = basic_auth
        # A CA certificate only means something for https; a global ELASTICSEARCH_CA_CERTS
        # must not break the plain-http local node.
        if ca_certs and self.url.lower().startswith("https:"):
            if not Path(ca_certs).is_file():
                raise BackendUnavailable(self.display_url, f"the CA certificate {ca_certs} "
                                         "(ELASTICSEARCH_CA_CERTS) is not a file")
            options["ca_certs"] = ca_certs
        try:
            self.client = Elasticsearch(self.url, **options)
        except ValueError as exc:  # a malformed URL
            raise BackendUnavailable(self.display_url, str(exc)) from exc
        self._checked: tuple[str, float] | None = None  # (index name, when)
        # The corpus store, read-only, for the hits' texts (highlights); one connection
        # per thread, as sqlite3 wants.
        store = default_db_path(home) if home is not None else None
        self.store_path = store if store is not None and store.is_file() else None
        self._local = threading.local()
        # Elasticsearch's own `took` of the last search (ms): server time without the
        # network and this client's share (benchmarks/bench_search.py reports it).
        self.last_took_ms: int | None = None

    # -- lifecycle --------------------------------------------------------------------------

    def close(self) -> None:
        self.client.close()
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def __enter__(self) -> ElasticsearchBackend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        """Turn transport and cluster failures into errors that say what to do."""
        import elasticsearch

        try:
            yield
        except elasticsearch.AuthenticationException as exc:
            raise BackendUnavailable(self.display_url, "authentication failed (401): check "
                                     "ELASTICSEARCH_API_KEY or ELASTICSEARCH_USERNAME / "
                                     "ELASTICSEARCH_PASSWORD") from exc
        except elasticsearch.AuthorizationException as exc:
            raise BackendUnavailable(self.display_url, "the credentials lack a privilege "
                                     f"(403): {_reason(exc)}") from exc
        except elasticsearch.SSLError as exc:
            raise BackendUnavailable(self.display_url, f"TLS failed ({exc}); set "
                                     "ELASTICSEARCH_CA_CERTS to the cluster's CA "
                                     "certificate") from exc
        except elasticsearch.ConnectionError as exc:
            raise BackendUnavailable(self.display_url, _connection_detail(exc)) from exc
        except elasticsearch.UnsupportedProductError as exc:
            raise BackendUnavailable(self.display_url, "the server there is not "
                                     "Elasticsearch") from exc
        except elasticsearch.ApiError as exc:
            kind = _error_type(exc)
            if kind == "media_type_header_exception":  # an 8.x (or older) server
                raise BackendUnavailable(self.display_url, "this server does not speak the "
                                         "Elasticsearch 9 API that vonnis uses") from exc
            if kind == "cluster_block_exception":
                raise SearchBackendError(
                    f"Elasticsearch at {self.display_url} refuses writes ({_reason(exc)}); "
                    "usually the disk is nearly full: free space, then retry") from exc
            raise SearchBackendError(f"Elasticsearch at {self.display_url} answered "
                                     f"{exc.meta.status}: {kind or 'error'}: "
                                     f"{_reason(exc)}") from exc

    # -- the alias and the index behind it --------------------------------------------------

    def _aliased(self) -> list[str]:
        """The indices the alias points to (normally one; none before the first build)."""
        import elasticsearch

        try:
            return sorted(self.client.indices.get_alias(name=self.alias).body)
        except elasticsearch.NotFoundError:
            return []

    def _versioned(self) -> list[str]:
        """Every versioned index of this prefix, of any mapping version."""
        found = self.client.indices.get(index=es_mapping.index_pattern(self.prefix),
                                        expand_wildcards="all", allow_no_indices=True)
        return sorted(found.body)

    def _check(self, index: str) -> None:
        """MappingMismatch unless `index` was built with this mapping and record version."""
        mapping = self.client.indices.get_mapping(index=index).body
        meta = next(iter(mapping.values()))["mappings"].get("_meta") or {}
        want = es_mapping.meta()
        if meta.get("signature") != want["signature"]:
            raise MappingMismatch(
                self.name,
                f"index {index} was built with mapping version {meta.get('mapping_version')}, "
                f"record version {meta.get('record_version')} (signature "
                f"{meta.get('signature')}); this vonnis uses mapping version "
                f"{want['mapping_version']}, record version {want['record_version']} "
                f"(signature {want['signature']})")

    def _serving(self) -> str:
        """The index behind the alias, checked against this mapping (cached briefly)."""
        if self._checked and time.monotonic() - self._checked[1] < CHECK_TTL:
            return self._checked[0]
        indices = self._aliased()
        if not indices:
            if self.client.indices.exists(index=self.alias):
                raise SearchBackendError(
                    f"{self.alias} at {self.display_url} is an index, not the alias vonnis "
                    f"manages; delete it, then run `vonnis index --backend elasticsearch`")
            raise IndexMissing(self.name)
        for index in indices:
            self._check(index)
        self._checked = (indices[0], time.monotonic())
        return indices[0]

    def exists(self) -> bool:
        with self._errors():
            return bool(self._aliased())

    def count(self) -> int:
        with self._errors():
            if not self._aliased():
                return 0
            return int(self.client.count(index=self.alias)["count"])

    def drop(self) -> None:
        """Delete the alias, every versioned index of this prefix and the template."""
        with self._errors():
            for index in self._versioned():
                self.client.indices.delete(index=index, ignore_unavailable=True)
            self.client.options(ignore_status=404).indices.delete_index_template(
                name=es_mapping.template_name(self.prefix))
            self.client.indices.delete(index=self.lock_index, ignore_unavailable=True)
        self._checked = None

    # -- indexing ---------------------------------------------------------------------------

    def index(self, records: Iterable[IndexRecord], *, recreate: bool = False,
              progress: bool = False, total: int | None = None) -> IndexReport:
        started = time.perf_counter()
        with self._errors(), _BuildLock(self, "recreate" if recreate else "update") as lock:
            current = self._aliased()
            if recreate or not current:
                report = self._rebuild(records, current, lock, progress=progress,
                                       total=total)
            else:
                for index in current:
                    self._check(index)
                report = self._update(current[0], records, progress=progress, total=total)
                self._delete_leftovers(keep=current)  # e.g. an old index an export read
        report.seconds = time.perf_counter() - started
        self._checked = None
        return report

    def _put_template(self) -> None:
        self.client.indices.put_index_template(**es_mapping.index_template(self.prefix))

    def _delete_leftovers(self, keep: list[str]) -> list[str]:
        """Delete the versioned indices the alias does not point to and no export reads.

        Those are builds that were killed, or old indices a rebuild left to an export.
        Only under the build lock: otherwise another build's half-built index looks the same.
        """
        leftovers = [i for i in self._versioned() if i not in keep]
        busy = self._read_by_exports(leftovers)
        gone = [i for i in leftovers if i not in busy]
        for index in gone:
            self.client.indices.delete(index=index, ignore_unavailable=True)
        return gone

    def _read_by_exports(self, indices: list[str]) -> set[str]:
        """The indices with open search contexts: a point in time (an export) reads them.

        An ordinary search in flight holds one for a moment too; keeping an index for it is
        harmless (the next index run deletes it).
        """
        if not indices:
            return set()
        stats = self.client.indices.stats(index=es_mapping.index_pattern(self.prefix),
                                          metric="search", expand_wildcards="all")
        return {name for name, value in stats.body.get("indices", {}).items()
                if name in indices and value["total"]["search"].get("open_contexts", 0) > 0}

    def _create_index(self) -> str:
        import elasticsearch

        if self.client.indices.exists(index=self.alias) and not self._aliased():
            raise SearchBackendError(
                f"{self.alias} at {self.display_url} is an index, not the alias vonnis "
                f"manages; delete it (or choose another index prefix) and build again")
        for _ in range(5):
            name = es_mapping.index_name(self.prefix, _stamp())
            try:
                # Settings and mappings come from the template; refresh is off while loading.
                self.client.indices.create(index=name, settings={"refresh_interval": "-1"})
            except elasticsearch.BadRequestError as exc:
                if _error_type(exc) == "resource_already_exists_exception":
                    continue
                raise
            meta = (self.client.indices.get_mapping(index=name)[name]["mappings"]
                    .get("_meta") or {})
            if meta.get("signature") != es_mapping.signature():
                self.client.indices.delete(index=name, ignore_unavailable=True)
                raise SearchBackendError(
                    f"the index template {es_mapping.template_name(self.prefix)} did not "
                    f"apply to {name} (another template with a higher priority matches "
                    f"{es_mapping.index_pattern(self.prefix)}?)")
            return name
        raise SearchBackendError("could not pick a fresh index name")  # pragma: no cover

    def _rebuild(self, records: Iterable[IndexRecord], current: list[str], lock: _BuildLock,
                 *, progress: bool, total: int | None) -> IndexReport:
        report = IndexReport(backend=self.name)
        self._put_template()
        self._delete_leftovers(keep=current)
        name = self._create_index()
        report.index_name = name
        swapped = False
        try:
            actions = ({"_op_type": "index", "_index": name, "_id": r.ecli,
                        "_source": r.model_dump(mode="json")} for r in records)
            self._bulk(actions, report, progress=progress, total=total)
            if report.failed and not report.indexed:
                raise SearchBackendError(
                    f"every document failed to index into {name}; the old index keeps "
                    f"serving. First errors: {'; '.join(report.errors[:3])}")
            self.client.indices.put_settings(index=name, settings={"refresh_interval": None})
            self.client.indices.refresh(index=name)
            lock.verify()  # never swap after another run took the lock over
            # The swap: one request, so searches see either the old or the new index.
            actions_ = [{"remove": {"index": old, "alias": self.alias}} for old in current]
            actions_.append({"add": {"index": name, "alias": self.alias}})
            self.client.indices.update_aliases(actions=actions_)
            swapped = True
        finally:
            if not swapped:
                # Interrupted or failed: the alias never moved, the old index still serves.
                # Best effort; a hard kill leaves it for the next build's cleanup.
                with contextlib.suppress(Exception):
                    self.client.indices.delete(index=name, ignore_unavailable=True)
        # An export's point in time may still read an old index: deleting it would fail the
        # export's next page. It stays, unaliased, until an index run finds it unread.
        try:
            busy = self._read_by_exports(current)
        except Exception as exc:
            busy = set(current)
            report.errors.append(f"could not tell whether an export reads {current}: {exc}")
        for old in current:
            if old in busy:
                report.errors.append(f"kept the old index {old}: an export still reads it; "
                                     "the next index run deletes it")
                continue
            try:
                self.client.indices.delete(index=old, ignore_unavailable=True)
            except Exception as exc:  # the new index serves; an old one is only clutter
                report.errors.append(f"could not delete the old index {old}: {exc}")
        return report

    def _update(self, index: str, records: Iterable[IndexRecord], *, progress: bool,
                total: int | None) -> IndexReport:
        report = IndexReport(backend=self.name, index_name=index)
        known = self._record_hashes(index)
        seen: set[str] = set()

        def actions() -> Iterator[dict[str, Any]]:
            for record in records:
                seen.add(record.ecli)
                if known.get(record.ecli) == record.record_hash:
                    report.unchanged += 1
                    continue
                yield {"_op_type": "index", "_index": index, "_id": record.ecli,
                       "_source": record.model_dump(mode="json")}
            for ecli in known:
                if ecli not in seen:
                    yield {"_op_type": "delete", "_index": index, "_id": ecli}

        self._bulk(actions(), report, progress=progress, total=total)
        self.client.indices.refresh(index=index)
        return report

    def _record_hashes(self, index: str) -> dict[str, str]:
        """ecli -> record_hash of every document in `index` (point in time, search_after)."""
        known: dict[str, str] = {}
        for raw in self._scan(index, {"match_all": {}}, [], source=False,
                              docvalue_fields=["ecli", "record_hash"], page_size=10_000):
            fields = raw.get("fields") or {}
            hashes = fields.get("record_hash") or [""]
            known[raw["_id"]] = hashes[0]
        return known

    def _bulk(self, actions: Iterable[dict[str, Any]], report: IndexReport, *,
              progress: bool, total: int | None) -> None:
        """Send `actions` with `bulk_workers` concurrent streaming_bulk loops.

        One bulk request on a one-shard index keeps one indexing thread busy; a second
        request in flight lets Lucene index on the other core while the first one waits
        on the network and Python prepares the next chunk. `actions` is consumed in THIS
        thread (records may come from a SQLite cursor, which must stay in the thread that
        made it) and handed to the loops through a bounded queue.
        """
        bar = None
        if progress:
            from tqdm import tqdm

            bar = tqdm(total=total, unit="doc", desc="indexing (elasticsearch)",
                       mininterval=0.5)
        lock = threading.Lock()

        def account(ok: bool, item: dict[str, Any]) -> None:
            op, result = next(iter(item.items()))
            with lock:
                if ok:
                    if op == "delete":
                        report.deleted += 1
                    else:
                        report.indexed += 1
                elif op == "delete" and result.get("status") == 404:
                    report.deleted += 1  # already gone: the goal is reached
                else:
                    report.failed += 1
                    if len(report.errors) < MAX_ERRORS_KEPT:
                        report.errors.append(_bulk_error(result))
                if bar is not None and op != "delete":
                    bar.update(1)

        try:
            if self.bulk_workers <= 1:
                for ok, item in self._streaming_bulk(actions):
                    account(ok, item)
            else:
                self._bulk_concurrently(actions, account)
        finally:
            if bar is not None:
                bar.close()

    def _streaming_bulk(self, actions: Iterable[dict[str, Any]]
                        ) -> Iterator[tuple[bool, dict[str, Any]]]:
        from elasticsearch import helpers

        return helpers.streaming_bulk(  # type: ignore[no-any-return,return-value]
            self.client.options(request_timeout=BULK_TIMEOUT),
            actions,
            chunk_size=self.chunk_size,
            max_chunk_bytes=self.max_chunk_bytes,
            raise_on_error=False,  # per-document failures are counted, not raised
            max_retries=BULK_MAX_RETRIES,  # 429: back off and resend the rejected ones
            initial_backoff=BULK_INITIAL_BACKOFF,
            max_backoff=BULK_MAX_BACKOFF,
        )

    def _bulk_concurrently(self, actions: Iterable[dict[str, Any]], account: Any) -> None:
        pending: queue.Queue[dict[str, Any]] = queue.Queue(
            maxsize=self.chunk_size * self.bulk_workers)
        finished = threading.Event()  # no more actions: drain the queue, then stop
        abort = threading.Event()  # stop now (the producer failed or was interrupted)
        failures: list[BaseException] = []

        def feed() -> Iterator[dict[str, Any]]:
            while not abort.is_set():
                try:
                    yield pending.get(timeout=0.1)
                except queue.Empty:
                    if finished.is_set():
                        return

        def work() -> None:
            try:
                for ok, item in self._streaming_bulk(feed()):
                    account(ok, item)
            except BaseException as exc:
                failures.append(exc)
                abort.set()

        with ThreadPoolExecutor(self.bulk_workers, thread_name_prefix="es-bulk") as pool:
            for _ in range(self.bulk_workers):
                pool.submit(work)
            try:
                for action in actions:
                    while True:
                        if abort.is_set():
                            raise failures[0]
                        try:
                            pending.put(action, timeout=0.1)
                            break
                        except queue.Full:
                            continue
                finished.set()
            except BaseException:
                abort.set()
                raise
        if failures:
            raise failures[0]

    # -- searching --------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResult:
        started = time.perf_counter()
        analysed = parse_query(query.q)  # QuerySyntaxError before touching the cluster
        local = self.store_path is not None
        body = tr.search_body(query, analysed, es_highlights=not local)
        with self._errors():
            self._serving()
            response = self.client.search(index=self.alias, **body).body
        self.last_took_ms = response.get("took")
        raws = response["hits"]["hits"]
        hits = [tr.hit_of(raw) for raw in raws]
        if "highlight" in body:
            for hit, raw in zip(hits, raws, strict=True):
                hit.highlights = tr.hit_highlights(raw, analysed)
        elif local and tr.wants_highlights(query, analysed):
            self._highlight_from_store(hits, analysed)
        aggs = response.get("aggregations") or {}
        facets = {facet.value: tr.facet_values(facet, aggs[facet.value])
                  for facet in dict.fromkeys(query.facets)}
        took = int(round((time.perf_counter() - started) * 1000))
        return SearchResult(total=response["hits"]["total"]["value"], hits=hits,
                            facets=facets, took_ms=took)

    def _highlight_from_store(self, hits: list[Hit], analysed: Query | None) -> None:
        """Highlights from the store's texts; Elasticsearch marks those it lacks."""
        texts = self._texts([hit.ecli for hit in hits])
        missing = [hit.ecli for hit in hits if hit.ecli not in texts]
        marked: dict[str, dict[str, Any]] = {}
        if missing:
            body = tr.highlight_body(missing, analysed)
            with self._errors():
                response = self.client.search(index=self.alias, **body).body
            marked = {raw["_id"]: raw for raw in response["hits"]["hits"]}
        for hit in hits:
            if hit.ecli in texts:
                hit.highlights = query_highlights(texts[hit.ecli], analysed)
            elif hit.ecli in marked:
                hit.highlights = tr.hit_highlights(marked[hit.ecli], analysed)

    def _texts(self, eclis: list[str]) -> dict[str, str]:
        """ECLI -> `Document.text` from the corpus store (the ones it has)."""
        if not eclis or self.store_path is None:
            return {}
        conn = getattr(self._local, "conn", None)
        try:
            if conn is None:
                # Read-only: a search must never create or change the store.
                conn = self._local.conn = connect_read_only(self.store_path, timeout=5)
            return texts_of(conn, eclis)
        except sqlite3.Error:
            return {}  # an unreadable store: Elasticsearch highlights instead

    def iterate(self, query: SearchQuery) -> Iterator[Hit]:
        analysed = parse_query(query.q)
        body = tr.export_body(query, analysed)
        with self._errors():
            self._serving()
        for raw in self._scan(self.alias, body["query"], body["sort"],
                              source_excludes=body["source_excludes"],
                              page_size=self.export_page_size):
            yield tr.hit_of(raw)

    def _scan(self, index: str, query: dict[str, Any], sort: list[Any], *,
              page_size: int, source: bool = True, source_excludes: list[str] | None = None,
              docvalue_fields: list[str] | None = None) -> Iterator[dict[str, Any]]:
        """Every hit of `query` in `sort` order: a point in time and search_after pages.

        The point in time pins the index as it was when the export began, so documents
        indexed or deleted meanwhile cannot shift pages; `_shard_doc` (added to the sort by
        Elasticsearch) makes every sort key unique. A rebuild leaves the index of an open
        point in time alone. Should it vanish anyway (deleted by hand, or the keep-alive ran
        out between two pages), the export fails with a SearchBackendError instead of
        ending short: partial results are refused. Before the first hit it starts over on a
        new point in time (an alias swap can land between opening it and the first page).
        """
        extra: dict[str, Any] = {}
        if not source:
            extra["source"] = False
        elif source_excludes:
            extra["source_excludes"] = source_excludes
        if docvalue_fields:
            extra["docvalue_fields"] = docvalue_fields
        given = 0
        for attempt in range(3):
            if attempt and index == self.alias:
                self._checked = None
                with self._errors():
                    self._serving()
            with self._errors():
                pit_id = self.client.open_point_in_time(index=index,
                                                        keep_alive=PIT_KEEP_ALIVE)["id"]
            try:
                after: list[Any] | None = None
                while True:
                    page = dict(extra, search_after=after) if after is not None else extra
                    try:
                        response = self._pit_page(pit_id, query, sort, page_size, page)
                    except _PitGone as gone:
                        if given == 0 and attempt < 2:
                            break  # nothing given yet: start again
                        raise SearchBackendError(
                            f"the export from {self.display_url} lost its point in time "
                            f"after {given} documents ({gone}): the index it read was "
                            f"deleted, or more than {PIT_KEEP_ALIVE} passed between two "
                            "pages; the documents after those were not exported: run the "
                            "export again") from gone.__cause__
                    pit_id = response.get("pit_id", pit_id)
                    hits = response["hits"]["hits"]
                    given += len(hits)
                    yield from hits
                    if len(hits) < page_size:
                        return
                    after = hits[-1]["sort"]
            finally:
                with contextlib.suppress(Exception):
                    self.client.close_point_in_time(id=pit_id)
        raise SearchBackendError(  # pragma: no cover - three alias swaps in a row
            f"the export from {self.display_url} could not keep a point in time on {index}; "
            "run it again")

    def _pit_page(self, pit_id: str, query: dict[str, Any], sort: list[Any], size: int,
                  extra: dict[str, Any]) -> dict[str, Any]:
        """One page of a point in time; _PitGone when its index or context is gone."""
        import elasticsearch

        with self._errors():
            try:
                response: dict[str, Any] = self.client.search(
                    pit={"id": pit_id, "keep_alive": PIT_KEEP_ALIVE}, query=query,
                    sort=[*sort, {"_shard_doc": "asc"}], size=size, track_total_hits=False,
                    allow_partial_search_results=False, **extra).body
            except elasticsearch.ApiError as exc:
                if _pit_gone(exc.body) or exc.meta.status == 404:
                    raise _PitGone(f"{_error_type(exc)}: {_reason(exc)}") from exc
                raise
        shards = response.get("_shards") or {}
        if shards.get("failed"):  # refused above; never count a short page as the end
            failures = shards.get("failures") or []
            if not failures or any(_pit_gone(f) for f in failures):
                raise _PitGone(f"{shards['failed']} shard(s) failed: {failures[:1]}")
            raise SearchBackendError(f"Elasticsearch at {self.display_url}: "
                                     f"{shards['failed']} shard(s) failed: {failures[:1]}")
        return response


class _PitGone(Exception):
    """A point-in-time page found its context or index gone."""


def _pit_gone(body: Any) -> bool:
    """Whether an error body (or a shard failure) says the point in time lost its index."""
    if isinstance(body, dict):
        if body.get("type") in PIT_GONE:
            return True
        return any(_pit_gone(v) for k, v in body.items()
                   if k in ("error", "caused_by", "root_cause", "reason", "failed_shards"))
    if isinstance(body, list):
        return any(_pit_gone(v) for v in body)
    return False


class _BuildLock:
    """The build lock of one prefix: the document `build` in `<prefix>-docs-lock`.

    Taken with `op_type=create` (only one run can create it), kept alive by a heartbeat
    thread that rewrites it with `if_seq_no`/`if_primary_term` (so a holder whose lock was
    taken over notices: `verify` then fails), deleted on exit if still ours. A lock is stale,
    and taken over, when its heartbeat is older than LOCK_STALE_AFTER, or at once when it
    was taken on this machine by a process that no longer exists.
    """

    def __init__(self, backend: ElasticsearchBackend, operation: str) -> None:
        self.backend = backend
        self.client = backend.client
        self.index = backend.lock_index
        now = _now()
        self.doc: dict[str, Any] = {
            "token": uuid.uuid4().hex, "host": socket.gethostname(), "pid": os.getpid(),
            "machine": _machine(), "operation": operation, "started": now.isoformat(),
            "heartbeat": now.isoformat()}
        self._seq: tuple[int, int] | None = None  # (seq_no, primary_term) of our last write
        self._write = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.lost: str | None = None

    def __enter__(self) -> _BuildLock:
        self.acquire()
        self._thread = threading.Thread(target=self._beat, name="es-build-lock", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self.release()

    def _ensure_index(self) -> None:
        import elasticsearch

        try:
            self.client.indices.create(
                index=self.index,
                settings={"number_of_shards": 1, "auto_expand_replicas": "0-1",
                          "hidden": True},
                mappings={"dynamic": False})
        except elasticsearch.BadRequestError as exc:
            if _error_type(exc) != "resource_already_exists_exception":
                raise

    def acquire(self) -> None:
        import elasticsearch

        self._ensure_index()
        for _ in range(5):
            try:
                done = self.client.create(index=self.index, id=LOCK_ID, document=self.doc)
                self._seq = (done["_seq_no"], done["_primary_term"])
                return
            except elasticsearch.ConflictError:
                pass
            try:
                held = self.client.get(index=self.index, id=LOCK_ID)
            except elasticsearch.NotFoundError:
                continue  # released meanwhile: try again
            holder = held["_source"]
            why = self._stale(holder)
            if why is None:
                raise SearchBackendError(self._held_message(holder))
            try:  # take it over, unless someone else changed it since we read it
                done = self.client.index(index=self.index, id=LOCK_ID, document=self.doc,
                                         if_seq_no=held["_seq_no"],
                                         if_primary_term=held["_primary_term"])
            except elasticsearch.ConflictError:
                continue
            self._seq = (done["_seq_no"], done["_primary_term"])
            return
        raise SearchBackendError(  # pragma: no cover - five races in a row
            f"could not take the build lock {self.index}/_doc/{LOCK_ID} at "
            f"{self.backend.display_url}: other runs keep changing it; try again")

    def _stale(self, holder: dict[str, Any]) -> str | None:
        """Why the lock `holder` is stale, or None when it may still be working."""
        beat = _parse_time(holder.get("heartbeat"))
        if beat is None:
            return "it has no heartbeat"
        age = (_now() - beat).total_seconds()
        if age > LOCK_STALE_AFTER:
            return f"its last heartbeat is {age:.0f} s old"
        pid = holder.get("pid")
        if (holder.get("machine") == self.doc["machine"] and isinstance(pid, int)
                and pid != os.getpid() and not _pid_alive(pid)):
            return f"its process {pid} on this machine is gone"
        return None

    def _held_message(self, holder: dict[str, Any]) -> str:
        beat = _parse_time(holder.get("heartbeat"))
        age = f"{(_now() - beat).total_seconds():.0f} s ago" if beat else "never"
        return (
            f"another index run holds the build lock of {self.backend.alias} at "
            f"{self.backend.display_url}: {holder.get('operation', 'a build')} by pid "
            f"{holder.get('pid')} on {holder.get('host')}, since {holder.get('started')} "
            f"(last heartbeat {age}). Two builds of one index cannot run at once: wait for "
            f"it to finish. A dead run's lock is taken over once its heartbeat is "
            f"{LOCK_STALE_AFTER / 60:.0f} minutes old (at once on the machine that ran it); "
            f"to clear it now, when you are sure that run is dead: curl -X DELETE "
            f"'{self.backend.display_url}/{self.index}/_doc/{LOCK_ID}'")

    def _beat(self) -> None:
        import elasticsearch

        while not self._stop.wait(LOCK_HEARTBEAT):
            with self._write:
                if self._seq is None:
                    return
                self.doc["heartbeat"] = _now().isoformat()
                try:
                    done = self.client.index(index=self.index, id=LOCK_ID, document=self.doc,
                                             if_seq_no=self._seq[0],
                                             if_primary_term=self._seq[1])
                    self._seq = (done["_seq_no"], done["_primary_term"])
                except (elasticsearch.ConflictError, elasticsearch.NotFoundError):
                    self.lost = "another run took the lock over (or it was deleted)"
                    self._seq = None
                    return
                except Exception:  # a network blip: beat again next time
                    continue

    def verify(self) -> None:
        """SearchBackendError unless the lock is still ours (checked before the swap)."""
        import elasticsearch

        if self.lost is None:
            try:
                held = self.client.get(index=self.index, id=LOCK_ID)["_source"]
                if held.get("token") != self.doc["token"]:
                    self.lost = (f"pid {held.get('pid')} on {held.get('host')} took it over "
                                 f"at {held.get('started')}")
            except elasticsearch.NotFoundError:
                self.lost = "it was deleted"
        if self.lost is not None:
            raise SearchBackendError(
                f"this build lost the build lock of {self.backend.alias} at "
                f"{self.backend.display_url} ({self.lost}); it stops before the alias swap, "
                "the old index keeps serving: run it again")

    def release(self) -> None:
        with self._write:
            seq, self._seq = self._seq, None
        if seq is None:
            return
        # Taken over or deleted: not ours any more. Another failure must not turn a finished
        # build into an error: the lock then goes stale (at once for this machine).
        with contextlib.suppress(Exception):
            self.client.delete(index=self.index, id=LOCK_ID, if_seq_no=seq[0],
                               if_primary_term=seq[1])


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _parse_time(value: Any) -> dt.datetime | None:
    try:
        parsed = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _machine() -> str:
    """This machine and pid namespace: where a pid means the same process."""
    parts = [socket.gethostname()]
    with contextlib.suppress(OSError):
        parts.append(Path("/proc/sys/kernel/random/boot_id").read_text().strip())
    with contextlib.suppress(OSError):
        parts.append(os.readlink("/proc/self/ns/pid"))
    return "/".join(parts)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # e.g. another user's process
        return True
    return True


# -- helpers ------------------------------------------------------------------------------------


def _error_type(exc: Exception) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        return str((body.get("error") or {}).get("type", ""))
    return ""


def _reason(exc: Exception) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        return str(body["error"].get("reason", exc))
    return str(exc)


def _connection_detail(exc: Exception) -> str:
    """The root cause of a connection error, without the client's retry chatter."""
    cause: BaseException = exc
    while (deeper := cause.__cause__ or cause.__context__) is not None:
        cause = deeper
    text = str(cause) or type(cause).__name__
    return text if len(text) < 200 else text[:200] + "..."


def _bulk_error(result: dict[str, Any]) -> str:
    error = result.get("error")
    if isinstance(error, dict):
        what = f"{error.get('type')}: {error.get('reason')}"
        caused = error.get("caused_by")
        if isinstance(caused, dict):
            what += f" ({caused.get('type')}: {caused.get('reason')})"
    else:
        what = str(error)
    return f"{result.get('_id')}: {what} (status {result.get('status')})"
