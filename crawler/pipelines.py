"""Item pipelines of the crawler: parse -> classify -> store.

Every fetched criminal-law document is stored with its trafficking flag and reasons (the
classifier is recall-first and can be re-run over the store later without refetching).
Anything the parser refuses goes to quarantine with the source URL, the reason and the raw
bytes, and the crawl goes on. Each document is its own store transaction: a crawl killed at
any moment leaves every document either fully stored or not at all.

Only the store pipeline writes; the parse pipeline marks an unusable item `done="quarantine"`
and the later stages let it through untouched (no DropItem: Scrapy would log the raw bytes).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from crawler.items import DocumentItem, WithdrawnItem
from vonnis.store import Store

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class _Stage:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Any:
        return cls(crawler)


class ParsePipeline(_Stage):
    def open_spider(self, spider: Any = None) -> None:
        # Imported here: the parser is its own module, and loading it must not slow `--help`.
        from crawler.parse import ParseError, parse_document

        self._parse = parse_document
        self._error = ParseError

    def process_item(self, item: Any, spider: Any = None) -> Any:
        if not isinstance(item, DocumentItem) or item.done:
            return item
        try:
            document = self._parse(item.raw, source=item.url)
        except self._error as exc:
            item.done = "quarantine"
            item.notes.append(getattr(exc, "reason", None) or str(exc))
            return item
        except Exception as exc:  # a parser bug must not stop a crawl of thousands
            logger.exception("parser crashed on %s", item.url)
            item.done = "quarantine"
            item.notes.append(f"parser crashed: {type(exc).__name__}: {exc}")
            return item
        if document.ecli != item.ecli:
            item.done = "quarantine"
            item.notes.append(f"asked for {item.ecli}, the document is {document.ecli}")
            return item
        item.document = document
        return item


class ClassifyPipeline(_Stage):
    def open_spider(self, spider: Any = None) -> None:
        from crawler.classify import classify

        self._classify = classify

    def process_item(self, item: Any, spider: Any = None) -> Any:
        if not isinstance(item, DocumentItem) or item.done or item.document is None:
            return item
        try:
            item.classification = self._classify(item.document)
        except Exception:
            # Stored unclassified: `vonnis classify` can fill it in later.
            self.stats.inc_value("vonnis/errors/classify")
            logger.exception("classifier failed on %s", item.ecli)
        return item


class StorePipeline(_Stage):
    store: Store | None = None

    def open_spider(self, spider: Any = None) -> None:
        spider = spider or self.crawler.spider
        self.store = Store.open(spider.home)

    def close_spider(self, spider: Any = None) -> None:
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
                owner.note_failure(getattr(item, "feed_updated", None))
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
        with self.store.transaction() as conn:
            outcome = self.store.upsert(item.raw, item.document, item.classification,
                                        feed_modified=item.feed_updated)
            if conn.execute("SELECT 1 FROM quarantine WHERE source = ? LIMIT 1",
                            (item.url,)).fetchone():
                self.store.clear_quarantine(item.url)  # an earlier failure is now repaired
        self.stats.inc_value(f"vonnis/stored/{outcome.value}")
        if item.classification is not None and item.classification.trafficking:
            self.stats.inc_value("vonnis/trafficking")
