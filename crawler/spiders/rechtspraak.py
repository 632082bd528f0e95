"""The `rechtspraak` spider: sweep the Open Data ECLI index, fetch what is new, hand it on.

    scrapy crawl rechtspraak -a from=2021-01-01 -a to=2021-12-31      # decision dates
    scrapy crawl rechtspraak -a since=2024-05-01T00:00:00             # modified since
    scrapy crawl rechtspraak                                          # from the stored cursor
    scrapy crawl rechtspraak -a since=2024-05-01 -a until=2024-06-01  # modified in a range
    scrapy crawl rechtspraak -a replaces=AU1323,BD5491                # old LJN numbers
    (-a creators="Rechtbank Amsterdam,Hoge Raad der Nederlanden": only those courts)
    (more: -a home=DIR -a api_url=URL -a rate=5 -a contact=... -a max=1000 -a types=Uitspraak
     -a subjects=all -a topic=all -a timeout=60 -a retries=6 -a workers=0)

One sweep lists `/uitspraken/zoeken` (criminal law, both uitspraken and conclusies, only
ECLIs with a document, sorted ascending on `updated`) page by page, and for each entry:
`deleted=...` -> a WithdrawnItem; already stored with an `updated` not newer -> skipped
without a request; otherwise `/uitspraken/content?id=ECLI` -> a DocumentItem for the
pipelines (parse -> classify -> store; failures to quarantine). Incremental runs (`since`,
or the stored cursor) also list the same modified range without return=DOC, for its
deleted=... entries only: an entry whose document is gone may no longer count as "having a
document".

Resuming: documents are committed one by one by the store pipeline, and the incremental
cursor (the newest `updated` seen) is written only when a sweep has listed every page, and
then no further than the oldest entry whose document could not be fetched or stored. A
crawl killed half-way leaves the cursor where it was; the same command lists the same pages
again and the store check skips every document already stored, so only the rest is fetched.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import scrapy
from scrapy.http import Request, Response
from twisted.python.failure import Failure

from crawler.feed import (
    DEFAULT_API_URL,
    DOC_TYPES,
    MAX_PAGE_SIZE,
    SUBJECT_STRAFRECHT,
    FeedError,
    FeedPage,
    Pager,
    SweepQuery,
    content_url,
    parse_feed,
    parse_since,
    parse_timestamp,
)
from crawler.items import DocumentItem, WithdrawnItem
from crawler.middlewares import retry_later
from crawler.settings import crawl_settings
from vonnis.config import resolve_home
from vonnis.models import FeedEntry
from vonnis.store import Store

logger = logging.getLogger(__name__)

_AMSTERDAM = ZoneInfo("Europe/Amsterdam")
FEED_PRIORITY = -10  # content first: a page's documents are done before the next page
TOPICS = ("trafficking", "all")
LOOKUP_LIMIT = 10  # ECLIs per LJN beyond which `replaces` was evidently not applied


def _split(value: str | list[str] | tuple[str, ...] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [v.strip() for v in value if v and v.strip()]
    return [v.strip() for v in value.split(",") if v.strip()]


def _date(value: str | dt.date | None) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value.strip())


def normalise_types(value: str | list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    names = _split(value)
    if not names or any(n.lower() in ("all", "*") for n in names):
        return DOC_TYPES
    out = []
    for name in names:
        match = next((t for t in DOC_TYPES if t.lower() == name.lower()), None)
        if match is None:
            raise ValueError(f"unknown document type {name!r} (Uitspraak, Conclusie, all)")
        out.append(match)
    return tuple(dict.fromkeys(out))


def normalise_subjects(value: str | list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    names = _split(value)
    if not names:
        return (SUBJECT_STRAFRECHT,)
    if any(n.lower() in ("all", "*", "none") for n in names):
        return ()
    return tuple(n if "://" in n else f"http://psi.rechtspraak.nl/rechtsgebied#{n}"
                 for n in names)


INSTANTIE_BASE = "http://standaarden.overheid.nl/owms/terms/"


def normalise_creators(value: str | list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """Courts as instantie URIs: a URI as given, a name as its OWMS term
    ("Rechtbank Amsterdam" -> http://standaarden.overheid.nl/owms/terms/Rechtbank_Amsterdam)."""
    return tuple(n if "://" in n else INSTANTIE_BASE + "_".join(n.split())
                 for n in _split(value))


class RechtspraakSpider(scrapy.Spider):
    name = "rechtspraak"

    def __init__(
        self,
        since: str | None = None,
        from_date: str | dt.date | None = None,
        to_date: str | dt.date | None = None,
        api_url: str = DEFAULT_API_URL,
        page_size: int | str | None = None,
        types: str | None = None,
        subjects: str | None = None,
        topic: str = "trafficking",
        home: str | Path | None = None,
        overlap: int | str | None = None,
        until: str | None = None,
        creators: str | None = None,
        replaces: str | None = None,
        **kwargs: Any,
    ) -> None:
        # `-a from=... -a to=... -a max=...` read naturally on the command line.
        from_date = kwargs.pop("from", from_date)
        to_date = kwargs.pop("to", to_date)
        page_size = kwargs.pop("max", page_size)
        for option in ("rate", "contact", "timeout", "retries", "workers"):
            kwargs.pop(option, None)  # applied as settings in from_crawler
        super().__init__(**kwargs)
        if topic not in TOPICS:
            raise ValueError(f"unknown topic {topic!r} (one of {', '.join(TOPICS)})")
        self.topic = topic
        self.home = Path(home) if home else resolve_home(None)
        self.since = parse_since(since) if since else None
        self.until = parse_since(until) if until else None
        date_from, date_to = _date(from_date), _date(to_date)
        ljns = tuple(dict.fromkeys(n.upper() for n in _split(replaces)))
        # `replaces`: a lookup of old LJN numbers, whatever their rechtsgebied, that says
        # nothing about the rest of the index (the cursor stays). A date range neither.
        self.mode = "lookup" if ljns else "range" if (date_from or date_to) \
            else ("since" if self.since else "cursor")
        if ljns:
            self.topic = "all"  # documents asked for by number are stored, whatever they are
        self.query = SweepQuery(
            api_url=api_url or DEFAULT_API_URL,
            subjects=() if ljns and subjects is None else normalise_subjects(subjects),
            types=normalise_types(types),
            creators=normalise_creators(creators),
            replaces=ljns,
            date_from=date_from,
            date_to=date_to,
            modified_since=self.since,
            modified_until=self.until,
            page_size=_page_size(page_size),
        )
        self.pager = Pager(self.query.page_size,
                           overlap=int(overlap) if overlap not in (None, "") else -1)
        self.store: Store | None = None
        self.cursor_key = self.query.family_key()
        self.cursor_before: str | None = None
        self.seen: dict[str, dt.datetime | None] = {}
        self.newest: dt.datetime | None = None
        self.failed_updated: list[dt.datetime] = []  # entries whose document did not make it
        self.failed_unknown = 0  # ... and those without an `updated`
        self.failures: list[str] = []  # "ECLI: why" / "feed page from=N: why", for the summary
        self.feed_complete = False
        self.feed_failed = False
        # The withdrawal sweep (incremental runs only, see start_requests): the same modified
        # range without return=DOC, read for its deleted=... entries alone.
        self.withdrawal_query: SweepQuery | None = None
        self.withdrawal_pager = Pager(self.query.page_size, overlap=self.pager.overlap)
        self.withdrawals_complete = True

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> RechtspraakSpider:
        # `scrapy crawl rechtspraak -a rate=1 -a contact=me@example.org`: crawl options given
        # as spider arguments become settings (Scrapy >= 2.11 freezes settings after this).
        options: dict[str, Any] = {}
        if kwargs.get("rate") not in (None, ""):
            options["rate"] = float(kwargs["rate"])
        if kwargs.get("contact"):
            options["contact"] = str(kwargs["contact"])
        if kwargs.get("timeout") not in (None, ""):
            options["timeout"] = float(kwargs["timeout"])
        if kwargs.get("retries") not in (None, ""):
            options["retries"] = int(kwargs["retries"])
        if kwargs.get("workers") not in (None, ""):
            options["workers"] = int(kwargs["workers"])
        if options and not crawler.settings.frozen:
            for key, value in crawl_settings(**options).items():
                crawler.settings.set(key, value, priority="spider")
        spider = super().from_crawler(crawler, *args, **kwargs)
        return spider

    # -- start ------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        for request in self.start_requests():
            yield request

    def start_requests(self) -> Iterator[Request]:
        self.store = Store.open(self.home)
        self.cursor_before = self.store.get_cursor(self.cursor_key)
        stats = self.crawler.stats
        stats.set_value("vonnis/cursor_before", self.cursor_before)
        stats.set_value("vonnis/mode", self.mode)
        if self.mode == "cursor":
            if self.cursor_before:
                # One second of overlap: `modified=` may be exclusive, and the store check
                # makes re-listing the last few entries free.
                since = parse_timestamp(self.cursor_before)
                assert since is not None
                self.query = _replace(self.query, modified_since=since - dt.timedelta(seconds=1))
            else:
                logger.warning(
                    "no cursor for %s yet: sweeping the whole index for it. For a first "
                    "collection `vonnis ingest` of the bulk zip, then `vonnis crawl --since`, "
                    "is far lighter on the server.", self.cursor_key)
        logger.info("sweep (%s): %s", self.mode, self.query.page_url(0))
        yield self._feed_request(0)
        if self.query.return_doc and self.query.modified_since is not None \
                and self.mode in ("cursor", "since"):
            # return=DOC means "only ECLIs that have a document": an entry whose document
            # was withdrawn (deleted="doc") or whose ECLI was (deleted="ecli") has none, so
            # the API may leave it out of the sweep above. The same modified range without
            # return=DOC is listed as well, for its deleted entries only: a few feed pages
            # per incremental run, no content requests.
            self.withdrawal_query = _replace(self.query, return_doc=False)
            self.withdrawals_complete = False
            yield self._feed_request(0, withdrawals=True)

    def _feed_request(self, offset: int, withdrawals: bool = False) -> Request:
        query = self.withdrawal_query if withdrawals else self.query
        assert query is not None
        return Request(query.page_url(offset), callback=self.parse_feed,
                       errback=self.feed_failed_cb,
                       meta={"offset": offset, "withdrawals": withdrawals},
                       priority=FEED_PRIORITY, dont_filter=True)

    # -- the index ----------------------------------------------------------------------

    def parse(self, response: Response, **kwargs: Any) -> Any:  # pragma: no cover
        return self.parse_feed(response)

    def parse_feed(self, response: Response) -> Iterator[Any]:
        stats = self.crawler.stats
        offset = int(response.meta["offset"])
        try:
            page = parse_feed(response.body)
        except FeedError as exc:
            # An HTML maintenance page or an empty body with status 200: a server fault
            # like a 503, so the page is asked again after a backoff.
            assert response.request is not None
            retry = retry_later(self.crawler, response.request, f"unusable feed page: {exc}")
            if retry is not None:
                yield retry
                return
            stats.inc_value("vonnis/errors/feed")
            self.feed_failed = True
            self.failures.append(f"feed page from={offset}: {exc}")
            logger.error("feed page %s unusable, sweep stopped: %s", response.url, exc)
            return
        stats.inc_value("vonnis/feed/pages")
        if response.meta.get("withdrawals"):
            yield from self._withdrawal_page(offset, page)
            return
        if page.total is not None:
            stats.set_value("vonnis/feed/total", page.total)
        listed = page.total or len(page.entries)
        if self.mode == "lookup" and offset == 0 and \
                listed > LOOKUP_LIMIT * len(self.query.replaces):
            # An LJN stands for one decision (a few ECLIs at most): this many means the
            # server ignored `replaces`, and the "lookup" would sweep the whole index.
            stats.inc_value("vonnis/errors/feed")
            self.feed_failed = True
            self.failures.append(f"replaces={','.join(self.query.replaces)}: the index "
                                 f"answered {listed} ECLIs")
            logger.error("the index ignored replaces= (%s entries): lookup stopped", listed)
            return
        step = self.pager.accept(offset, page)
        if step.stepped_back:
            stats.inc_value("vonnis/feed/step_backs")
            logger.info("index shifted under us at offset %d: stepping back to %d",
                        offset, step.next_from)
        stats.inc_value("vonnis/feed/listed", len(step.new_entries))
        for entry in step.new_entries:
            yield from self._handle_entry(entry)
        if step.next_from is None:
            self.feed_complete = True
            if self.pager.short_of_total:
                # Not a failure: entries are sorted on `updated`, so anything the server
                # counted but did not list is newer than the cursor and comes next time.
                stats.set_value("vonnis/feed/short_of_count", self.pager.short_of_total)
                logger.warning("the index listed %d entries fewer than its count said",
                               self.pager.short_of_total)
        else:
            yield self._feed_request(step.next_from)

    def _withdrawal_page(self, offset: int, page: FeedPage) -> Iterator[Any]:
        step = self.withdrawal_pager.accept(offset, page)
        for entry in step.new_entries:
            if entry.deleted:
                yield from self._handle_entry(entry)
        if step.next_from is None:
            self.withdrawals_complete = True
        else:
            yield self._feed_request(step.next_from, withdrawals=True)

    def _handle_entry(self, entry: FeedEntry) -> Iterator[Any]:
        if entry.ecli in self.seen and self.seen[entry.ecli] == entry.updated:
            return  # re-read in an overlapping window
        self.seen[entry.ecli] = entry.updated
        if entry.updated is not None and (self.newest is None or entry.updated > self.newest):
            self.newest = entry.updated
        if entry.deleted:
            yield WithdrawnItem(ecli=entry.ecli, deleted=entry.deleted,
                                feed_updated=entry.updated)
            return
        if self._known(entry):
            self.crawler.stats.inc_value("vonnis/skipped")
            return
        url = content_url(self.query.api_url, entry.ecli)
        # dont_filter: a document modified while we page is listed again with a newer
        # `updated` and must be fetched again; repeats are already weeded out by `seen`.
        yield Request(url, callback=self.parse_content, errback=self.content_failed_cb,
                      meta={"entry": entry, "handle_httpstatus_list": [404, 410]},
                      dont_filter=True)

    def _known(self, entry: FeedEntry) -> bool:
        """Stored already, and the feed's `updated` is not newer than what we have."""
        assert self.store is not None
        row = self.store.conn.execute(
            "SELECT feed_modified, doc_modified FROM documents WHERE ecli = ?", (entry.ecli,)
        ).fetchone()
        if row is None:
            return False
        if entry.updated is None:
            return True  # nothing to compare: refetching on every run would never end
        known = parse_timestamp(row["feed_modified"]) if row["feed_modified"] else None
        if known is None and row["doc_modified"]:
            # Ingested from the bulk zip: only dcterms:modified, naive Dutch local time.
            stamp = dt.datetime.fromisoformat(row["doc_modified"])
            if stamp.tzinfo is None:
                stamp = stamp.replace(tzinfo=_AMSTERDAM)
            known = stamp.astimezone(dt.UTC)
        return known is not None and entry.updated <= known

    # -- documents ----------------------------------------------------------------------

    def parse_content(self, response: Response) -> Iterator[DocumentItem | Request]:
        entry: FeedEntry = response.meta["entry"]
        item = DocumentItem(ecli=entry.ecli, url=response.url, raw=response.body,
                            feed_updated=entry.updated)
        if response.status in (404, 410):
            # Withdrawn since it was listed (the next sweep lists it deleted=...) or not yet
            # served (the index ahead of the content store): either way the next sweep must
            # list it again, so the cursor stays before it. Not an error of the crawl.
            self.crawler.stats.inc_value("vonnis/not_found")
            self.note_failure(entry.updated, entry.ecli, f"HTTP {response.status} (not found)")
            item.done = "quarantine"
            item.notes.append(f"listed in the index but the content endpoint answered HTTP "
                              f"{response.status}")
        elif (fault := unusable_body(response.body)) is not None:
            # A 200 that is no document at all (empty, an HTML error page): a server fault,
            # asked again a few times; then quarantined for inspection *and* counted as a
            # failed fetch, so that the cursor stays before it and the next run asks again.
            settings = self.crawler.settings
            assert response.request is not None
            retry = retry_later(self.crawler, response.request, fault, max_retry_times=min(
                settings.getint("RETRY_TIMES"), settings.getint("VONNIS_BAD_BODY_RETRIES", 2)))
            if retry is not None:
                yield retry
                return
            self.crawler.stats.inc_value("vonnis/errors/fetch")
            self.note_failure(entry.updated, entry.ecli, f"HTTP 200 with {fault}")
            item.done = "quarantine"
            item.notes.append(f"the content endpoint answered HTTP 200 with {fault}, "
                              "also after retries")
        else:
            self.crawler.stats.inc_value("vonnis/fetched")
        yield item

    def content_failed_cb(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        entry: FeedEntry | None = request.meta.get("entry")
        self.crawler.stats.inc_value("vonnis/errors/fetch")
        self.note_failure(entry.updated if entry else None,
                          entry.ecli if entry else request.url, _why(failure))
        logger.warning("could not fetch %s: %s", request.url, _why(failure))

    def note_failure(self, updated: dt.datetime | None, what: str | None = None,
                     why: str | None = None) -> None:
        """A listed document did not reach the store: keep the cursor before it, and name
        it in the summary."""
        if what:
            self.failures.append(f"{what}: {why}" if why else what)
        if updated is None:
            self.failed_unknown += 1
        else:
            self.failed_updated.append(updated)

    def feed_failed_cb(self, failure: Failure) -> None:
        self.crawler.stats.inc_value("vonnis/errors/feed")
        self.feed_failed = True
        request = failure.request  # type: ignore[attr-defined]
        self.failures.append(f"feed page from={request.meta.get('offset')}: {_why(failure)}")
        logger.error("feed page %s failed, sweep stopped: %s",
                     failure.request.url, _why(failure))  # type: ignore[attr-defined]

    # -- end: the cursor ----------------------------------------------------------------

    def closed(self, reason: str) -> None:
        stats = self.crawler.stats
        complete = self.feed_complete and self.withdrawals_complete and not self.feed_failed \
            and reason == "finished"
        stats.set_value("vonnis/sweep_complete", complete)
        stats.set_value("vonnis/failed", list(self.failures))
        after = self.cursor_before
        try:
            if complete and self.store is not None:
                after = self._advance_cursor()
        finally:
            stats.set_value("vonnis/cursor_after", after)
            if self.store is not None:
                self.store.close()
                self.store = None

    def _advance_cursor(self) -> str | None:
        """Write the cursor of a completed sweep; return the cursor now in force."""
        assert self.store is not None
        if self.failed_unknown:
            logger.warning("%d documents without `updated` failed: cursor not moved",
                           self.failed_unknown)
            return self.cursor_before
        target = min(self.failed_updated) if self.failed_updated else self.newest
        if self.failed_updated:
            logger.warning("%d documents failed: cursor held at the oldest of them (%s)",
                           len(self.failed_updated), target)
        if target is None:
            return self.cursor_before
        value = target.astimezone(dt.UTC).isoformat()
        if self.mode == "lookup":
            return self.cursor_before
        if self.mode == "range":
            # A date range says nothing about other decision dates: its own key only.
            self.store.set_cursor(self.query.range_key(), value)
            return self.cursor_before
        before = parse_timestamp(self.cursor_before) if self.cursor_before else None
        if self.mode == "since" and before is not None and self.since is not None \
                and self.since > before:
            logger.warning("--since %s is after the stored cursor %s: cursor not moved (the "
                           "time between them was not swept)", self.since, before)
            return self.cursor_before
        if before is not None and target <= before:
            return self.cursor_before
        self.store.set_cursor(self.cursor_key, value)
        return value


def _page_size(value: int | str | None) -> int:
    """`max`: the API's ceiling is 1000 (its default too); more is capped, not an error."""
    size = int(value) if value not in (None, "") else MAX_PAGE_SIZE
    if not 1 <= size <= MAX_PAGE_SIZE:
        capped = min(max(size, 1), MAX_PAGE_SIZE)
        logger.warning("max=%d is outside 1..%d: using %d", size, MAX_PAGE_SIZE, capped)
        return capped
    return size


def _replace(query: SweepQuery, **changes: Any) -> SweepQuery:
    from dataclasses import replace

    return replace(query, **changes)


def unusable_body(body: bytes) -> str | None:
    """Why a 200 body is no Open Data document at all, or None (it may still be broken XML:
    that is the parser's to judge, and a document fault, not a server fault)."""
    head = body[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not head:
        return "an empty body"
    if head.startswith((b"<!doctype html", b"<html")):
        return "an HTML page"
    return None


def _why(failure: Failure) -> str:
    value = failure.value
    response = getattr(value, "response", None)
    if response is not None:
        return f"HTTP {response.status}"
    return f"{type(value).__name__}: {value}"
