"""Bulk import: a directory of Open Data XML files, or the Open Data zip, into the store.

`ingest(path, store)` walks a directory recursively (`*.xml`, and `*.zip` found in it), a
single XML file, or a zip. The Open Data dump (`OpenDataUitspraken.zip`) nests one zip per
year/month inside the outer zip; members are streamed, never extracted to disk: an inner
zip is opened from memory (io.BytesIO) when it fits, else straight on the outer member's
file object (slower, seeks re-read, but bounded memory).

Every document goes through the same path as a crawled one: `parse_document` ->
`classify` -> `Store.upsert`. Anything that fails (malformed or truncated XML, a
non-`open-rechtspraak` root, a missing ECLI, a corrupt zip member, an unreadable file) goes
to the store's quarantine with the reason and the raw bytes, and the import goes on. A
source that later imports fine has its old quarantine entries cleared, and a source that
fails again replaces its entry, so re-running an import never piles up duplicates.

Parsing and classifying are CPU-bound and independent: with `workers` > 1 they run in that
many processes (spawned, results in input order, a bounded number in flight), while this
process walks the input and writes the store in batched transactions.

Topics (`--topic`):
- "trafficking" (default): stores every criminal-law document (a `dcterms:subject` starting
  with "Strafrecht"), flagged trafficking or not, so the filter can be re-run later without
  the dump; plus any non-criminal document the filter flags (e.g. an asylum or civil case
  about a trafficking victim). Documents without any subject are stored too (recall first:
  nothing says they are not criminal). Other non-criminal documents are counted as skipped.
- "all": stores every document, classified all the same.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections import deque
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from crawler.classify import classify
from crawler.parse import ParseError, parse_document
from vonnis.models import Classification, Document
from vonnis.store import Store, UpsertOutcome

TOPICS = ("trafficking", "all")
NESTED_IN_MEMORY = 512 * 1024 * 1024  # inner zips up to this size are read into memory
QUARANTINE_RAW_LIMIT = 32 * 1024 * 1024  # larger failed sources are quarantined without bytes
BATCH = 200  # documents per store transaction


@dataclass
class IngestReport:
    documents: int = 0  # XML documents read (files and zip members)
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    stale: int = 0
    quarantined: int = 0
    skipped: int = 0  # parsed, but outside the topic (non-criminal, not flagged)
    trafficking: int = 0  # stored documents flagged as trafficking
    ignored: int = 0  # files that are neither XML nor zip (README.md, ...)

    @property
    def stored(self) -> int:
        return self.inserted + self.updated + self.unchanged + self.stale

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class _Item:
    source: str  # file path, or zip path!member (nested: outer.zip!inner.zip!member)
    raw: bytes | None
    error: str | None = None  # could not even be read


def is_criminal(document: Document) -> bool:
    """Criminal law by its subject; no subject at all counts as possibly criminal."""
    if not document.subjects:
        return True
    return any(s.strip().lower().startswith("strafrecht") for s in document.subjects)


def ingest(path: Path, store: Store, *, topic: str = "trafficking", progress: bool = True,
           workers: int = 1) -> IngestReport:
    """Import `path` into `store`; see the module docstring. `workers` > 1 parses and
    classifies in that many processes (the store is written by this one)."""
    if topic not in TOPICS:
        raise ValueError(f"unknown topic {topic!r}; choose from {', '.join(TOPICS)}")
    if not path.exists():
        raise FileNotFoundError(path)
    from tqdm import tqdm

    report = IngestReport()
    earlier_failures = {item.source for item in store.quarantined()}
    bar = tqdm(total=0, unit="doc", desc="ingest", disable=not progress, dynamic_ncols=True)
    walker = _Walker(path, report, bar)
    results = _parallel(walker, workers) if workers > 1 else map(_analyse, walker)
    try:
        pending = 0
        store.conn.execute("BEGIN IMMEDIATE")
        for result in results:
            _keep(result, store, topic, report, earlier_failures)
            bar.update(1)
            pending += 1
            if pending >= BATCH:  # commit in batches: one transaction per document is slow
                store.conn.execute("COMMIT")
                store.conn.execute("BEGIN IMMEDIATE")
                pending = 0
                bar.set_postfix(stored=report.stored, quarantined=report.quarantined,
                                refresh=False)
        store.conn.execute("COMMIT")
    except BaseException:
        if store.conn.in_transaction:
            store.conn.execute("ROLLBACK")
        raise
    finally:
        bar.close()
    return report


@dataclass(frozen=True)
class _Result:
    item: _Item
    document: Document | None = None
    classification: Classification | None = None
    failure: str | None = None  # why it goes to quarantine


def _analyse(item: _Item) -> _Result:
    """Parse and classify one document (in this process or a worker)."""
    if item.error is not None or item.raw is None:
        return _Result(item, failure=item.error or "unreadable")
    try:
        document = parse_document(item.raw, item.source)
    except ParseError as exc:
        return _Result(item, failure=exc.reason)
    except Exception as exc:  # a parser bug must not stop a multi-hour import
        return _Result(item, failure=f"parser failure: {type(exc).__name__}: {exc}")
    return _Result(item, document, classify(document))


def _parallel(items: Iterator[_Item] | _Walker, workers: int) -> Iterator[_Result]:
    """`_analyse` in worker processes, results in input order, a bounded number in flight."""
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")  # no fork of this process's threads
    window: deque[Future[_Result]] = deque()
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        for item in items:
            window.append(pool.submit(_analyse, item))
            if len(window) >= workers * 16:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


def _keep(result: _Result, store: Store, topic: str, report: IngestReport,
          earlier_failures: set[str]) -> None:
    item = result.item
    report.documents += 1
    if result.document is None or result.classification is None or item.raw is None:
        _quarantine(store, item.source, result.failure or "unreadable", item.raw, report,
                    earlier_failures)
        return
    document, classification = result.document, result.classification
    if topic == "trafficking" and not (is_criminal(document) or classification.trafficking):
        report.skipped += 1
        return
    outcome = store.upsert(item.raw, document, classification)
    setattr(report, outcome.value, getattr(report, outcome.value) + 1)
    if classification.trafficking and outcome is not UpsertOutcome.stale:
        report.trafficking += 1
    if item.source in earlier_failures:
        store.clear_quarantine(item.source)
        earlier_failures.discard(item.source)


def _quarantine(store: Store, source: str, reason: str, raw: bytes | None,
                report: IngestReport, earlier_failures: set[str]) -> None:
    if source in earlier_failures:  # failed before: replace, do not pile up
        store.clear_quarantine(source)
    if raw is not None and len(raw) > QUARANTINE_RAW_LIMIT:
        reason = f"{reason} (raw bytes not kept: {len(raw)} bytes)"
        raw = None
    store.quarantine(source, reason, raw)
    earlier_failures.add(source)
    report.quarantined += 1


class _Walker:
    """Yields every XML document under a path, including the members of (nested) zips."""

    def __init__(self, path: Path, report: IngestReport, bar: Any) -> None:
        self.path = path
        self.report = report
        self.bar = bar

    def __iter__(self) -> Iterator[_Item]:
        path = self.path
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file()
                           and not any(part.startswith(".") for part in
                                       p.relative_to(path).parts))
            self._grow(sum(1 for p in files if _is_xml(p.name)))
            for file in files:
                yield from self._file(file)
        else:
            if _is_xml(path.name):
                self._grow(1)
            yield from self._file(path)

    def _grow(self, n: int) -> None:
        if n:
            self.bar.total = (self.bar.total or 0) + n
            self.bar.refresh()

    def _file(self, file: Path) -> Iterator[_Item]:
        if _is_xml(file.name):
            try:
                yield _Item(str(file), file.read_bytes())
            except OSError as exc:
                yield _Item(str(file), None, f"unreadable file: {exc}")
        elif file.name.lower().endswith(".zip"):
            try:
                archive = zipfile.ZipFile(file)
            except (zipfile.BadZipFile, OSError, EOFError) as exc:
                self._grow(1)
                raw = _small_file(file)
                yield _Item(str(file), raw, f"bad zip file: {exc}")
                return
            with archive:
                yield from self._zip(archive, str(file))
        else:
            self.report.ignored += 1

    def _zip(self, archive: zipfile.ZipFile, prefix: str) -> Iterator[_Item]:
        members = [i for i in archive.infolist() if not i.is_dir()]
        self._grow(sum(1 for i in members if _is_xml(i.filename)))
        for info in members:
            source = f"{prefix}!{info.filename}"
            name = info.filename.lower()
            if name.endswith(".zip"):
                yield from self._nested(archive, info, source)
            elif _is_xml(name):
                try:
                    raw = archive.read(info)
                except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
                        RuntimeError) as exc:
                    yield _Item(source, None, f"bad zip member: {exc}")
                    continue
                yield _Item(source, raw)
            else:
                self.report.ignored += 1

    def _nested(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, source: str
                ) -> Iterator[_Item]:
        data: bytes | None = None
        try:
            if info.file_size <= NESTED_IN_MEMORY:
                data = archive.read(info)
                inner = zipfile.ZipFile(io.BytesIO(data))
            else:
                inner = zipfile.ZipFile(archive.open(info))
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
                RuntimeError) as exc:
            self._grow(1)
            yield _Item(source, data, f"bad zip member: {exc}")
            return
        with inner:
            yield from self._zip(inner, source)


def _is_xml(name: str) -> bool:
    return name.lower().endswith(".xml")


def _small_file(file: Path) -> bytes | None:
    try:
        if file.stat().st_size <= QUARANTINE_RAW_LIMIT:
            return file.read_bytes()
    except OSError:
        pass
    return None
