"""Item pipelines of the crawler: parse -> classify -> store.

Every fetched criminal-law document is stored with its trafficking flag and reasons (the
classifier is recall-first and can be re-run over the store later without refetching).
`--topic` means what it means for `vonnis ingest`: "trafficking" (default) stores criminal
law plus anything else the filter flags, "all" stores everything fetched. The default sweep
asks the index for criminal law only, so the two differ only with a wider `--subject`.
Anything the parser refuses goes to quarantine with the source URL, the reason and the raw
bytes, and the crawl goes on. Each document is its own store transaction: a crawl killed at
any moment leaves every document either fully stored or not at all.

Only the store pipeline writes; the parse pipeline marks an unusable item `done="quarantine"`
and the later stages let it through untouched (no DropItem: Scrapy would log the raw bytes).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from crawler.feed import parse_timestamp
from crawler.items import DocumentItem, WithdrawnItem
from vonnis.models import Classification, Document
from vonnis.store import Store, UpsertOutcome

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


def parse_bytes(raw: bytes, url: str) -> tuple[Document | None, str | None]:
    """(document, None), or (None, why it is unusable). May run in a worker process."""
    from crawler.parse import ParseError, parse_document

    try:
        return parse_document(raw, source=url), None
    except ParseError as exc:
        return None, getattr(exc, "reason", None) or str(exc)
    except Exception as exc:  # a parser bug must not stop a crawl of thousands
        logger.exception("parser crashed on %s", url)
        return None, f"parser crashed: {type(exc).__name__}: {exc}"


def classify_document(document: Document) -> tuple[Classification | None, str | None]:
    """(classification, None), or (None, the error). May run in a worker process."""
    from crawler.classify import classify

    try:
        return classify(document), None
    except Exception as exc:
        logger.exception("classifier failed on %s", document.ecli)
        return None, f"{type(exc).__name__}: {exc}"


def parse_and_classify(raw: bytes, url: str) -> tuple[Document | None, str | None,
                                                      Classification | None, str | None]:
    """Both stages in one call: one round trip to a worker process instead of two."""
    document, reason = parse_bytes(raw, url)
    if document is None:
        return None, reason, None, None
    classification, error = classify_document(document)
    return document, None, classification, error


class _Stage:
    """A pipeline stage; with VONNIS_PARSE_WORKERS > 0 its CPU work runs in worker processes.

    Parsing and classifying cost several milliseconds of pure Python per document, which
    caps an unthrottled crawl (`--rate 0`) on one core; at the polite default rate they run
    inline. The pool is shared by the stages of one crawl and shut down when it closes.
    """

    _pools: dict[int, Any] = {}

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Any:
        return cls(crawler)

    def _pool(self) -> Any:
        workers = self.crawler.settings.getint("VONNIS_PARSE_WORKERS", 0)
        if workers <= 0:
            return None
        pool = self._pools.get(id(self.crawler))
        if pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # spawn: never fork a process that runs an event loop and threads.
            pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
            self._pools[id(self.crawler)] = pool
        return pool

    async def _run(self, fn: Callable[..., Any], *args: Any) -> Any:
        pool = self._pool()
        if pool is None:
            return fn(*args)
        return await asyncio.wrap_future(pool.submit(fn, *args))

    def close_spider(self, spider: Any = None) -> None:
        pool = self._pools.pop(id(self.crawler), None)
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


class ParsePipeline(_Stage):
    async def process_item(self, item: Any, spider: Any = None) -> Any:
        if not isinstance(item, DocumentItem) or item.done:
            return item
        if self._pool() is not None:
            # Classified in the same worker call; the classify stage sees it done.
            document, reason, classification, error = await self._run(
                parse_and_classify, item.raw, item.url)
            if document is not None:
                _apply_classification(self.stats, item, classification, error)
        else:
            document, reason = await self._run(parse_bytes, item.raw, item.url)
        if document is None:
            item.done = "quarantine"
            item.notes.append(reason or "unusable document")
        elif document.ecli != item.ecli:
            item.done = "quarantine"
            item.notes.append(f"asked for {item.ecli}, the document is {document.ecli}")
        else:
            item.document = document
        return item


class ClassifyPipeline(_Stage):
    async def process_item(self, item: Any, spider: Any = None) -> Any:
        if not isinstance(item, DocumentItem) or item.done or item.document is None \
                or item.classified:
            return item
        classification, error = await self._run(classify_document, item.document)
        _apply_classification(self.stats, item, classification, error)
        return item


def _apply_classification(stats: Any, item: DocumentItem,
                          classification: Classification | None, error: str | None) -> None:
    item.classified = True
    item.classification = classification
    if classification is None:
        # Stored unclassified: `vonnis classify` can fill it in later.
        stats.inc_value("vonnis/errors/classify")
        item.notes.append(f"classifier failed: {error}")


class StorePipeline(_Stage):
    store: Store | None = None

    def open_spider(self, spider: Any = None) -> None:
        from crawler.ingest import is_criminal

        spider = spider or self.crawler.spider
        self.store = Store.open(spider.home)
        self.topic = getattr(spider, "topic", "trafficking")
        self._is_criminal = is_criminal

    def close_spider(self, spider: Any = None) -> None:
        super().close_spider(spider)
        if self.store is not None:
            self.store.close()
            self.store = None

    def process_item(self, item: Any, spider: Any = None) -> Any:
        assert self.store is not None
        try:
            if isinstance(item, WithdrawnItem):
                self._withdraw(item)
            elif isinstance(item, DocumentItem):
                if item.done == "quarantine":
                    self._quarantine(item)
                else:
                    self._store(item)
        except Exception:
            # The document is not stored: count it, and hold the cursor before it.
            self.stats.inc_value("vonnis/errors/store")
            logger.exception("could not store %s", getattr(item, "ecli", item))
            owner = self.crawler.spider
            if owner is not None and hasattr(owner, "note_failure"):
                owner.note_failure(getattr(item, "feed_updated", None),
                                   getattr(item, "ecli", None), "could not be stored")
        return item

    def _withdraw(self, item: WithdrawnItem) -> None:
        assert self.store is not None
        reason = f"feed entry deleted=\"{item.deleted}\""
        if item.feed_updated is not None:
            reason += f" (updated {item.feed_updated.isoformat()})"
        changed = self.store.mark_withdrawn(item.ecli, reason)
        self.stats.inc_value("vonnis/withdrawn" if changed else "vonnis/withdrawn_unknown")

    def _quarantine(self, item: DocumentItem) -> None:
        assert self.store is not None
        reason = "; ".join(item.notes) or "unusable document"
        with self.store.transaction():
            # One row per source: a document that fails again replaces its earlier row.
            self.store.clear_quarantine(item.url)
            self.store.quarantine(item.url, reason, item.raw, ecli=item.ecli)
        self.stats.inc_value("vonnis/quarantined")
        logger.warning("quarantined %s: %s", item.url, reason)

    def _store(self, item: DocumentItem) -> None:
        assert self.store is not None and item.document is not None
        if self.topic == "trafficking" and not self._is_criminal(item.document) \
                and item.classification is not None and not item.classification.trafficking:
            # Same rule as `vonnis ingest`: criminal law, or flagged. Only reachable when
            # the sweep was widened beyond criminal law (--subject).
            self.stats.inc_value("vonnis/skipped_topic")
            return
        owner = self.crawler.spider
        listed = getattr(owner, "seen", {}).get(item.ecli)
        if listed is not None and item.feed_updated is not None and listed > item.feed_updated:
            # Listed again while these bytes travelled: withdrawn (deleted=...) or modified.
            # The later listing decides; these bytes must not make the document current.
            self.stats.inc_value("vonnis/stored/stale")
            return
        with self.store.transaction() as conn:
            row = conn.execute("SELECT feed_modified FROM documents WHERE ecli = ?",
                               (item.ecli,)).fetchone()
            newer = parse_timestamp(row["feed_modified"]) if row and row["feed_modified"] \
                else None
            if newer is not None and item.feed_updated is not None \
                    and item.feed_updated < newer:
                # Two fetches of one ECLI were in flight (it was modified while we paged) and
                # the later listing was stored first: keep it, whatever the bytes say.
                outcome = UpsertOutcome.stale
            else:
                outcome = self.store.upsert(item.raw, item.document, item.classification,
                                            feed_modified=item.feed_updated)
            if conn.execute("SELECT 1 FROM quarantine WHERE source = ? LIMIT 1",
                            (item.url,)).fetchone():
                self.store.clear_quarantine(item.url)  # an earlier failure is now repaired
        self.stats.inc_value(f"vonnis/stored/{outcome.value}")
        if item.classification is not None and item.classification.trafficking:
            self.stats.inc_value("vonnis/trafficking")
