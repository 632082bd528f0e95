"""The ECLI index of Open Data: build `/uitspraken/zoeken` queries, read its pages, page safely.

The index answers with one Atom page per request: the total in `feed/subtitle` ("Aantal
gevonden ECLI's: N") and up to `max` (at most 1000) entries, sorted on their `updated`
(the last modification). Paging is by offset (`from`, 0-based: the 2021 feeds in
../shared/corpus were fetched with no `from`, then from=1000, 2000, ... and do not overlap).

Offset paging over a list sorted on modification time has one trap: a document modified
while we page moves from its place to the end of the list, so everything after it shifts one
place to the left and the next page would silently skip an entry. `Pager` defends against it:
consecutive pages overlap by a few entries, and each new page is anchored on the last ECLIs
already consumed; when the anchor is not in the overlap, it steps back until it is found.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from lxml import etree

from vonnis.models import FeedEntry

ATOM_NS = "http://www.w3.org/2005/Atom"
_A = f"{{{ATOM_NS}}}"

DEFAULT_API_URL = "https://data.rechtspraak.nl"
SUBJECT_STRAFRECHT = "http://psi.rechtspraak.nl/rechtsgebied#strafrecht"
DOC_TYPES = ("Uitspraak", "Conclusie")
MAX_PAGE_SIZE = 1000  # the API's default and ceiling for `max`

# The count, also when written with thousands separators ("10.778", "10,778", "10 778").
_TOTAL_RE = re.compile(r"\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?!\d)|\d+")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


class FeedError(ValueError):
    """The body is not an ECLI-index Atom feed."""


@dataclass(frozen=True)
class FeedPage:
    total: int | None  # from the subtitle; None when the feed carries no count
    entries: list[FeedEntry]
    updated: dt.datetime | None = None  # the feed's own timestamp (server time)


# -- timestamps ---------------------------------------------------------------------------


def parse_timestamp(value: str | None) -> dt.datetime | None:
    """An Atom `updated` as an aware UTC datetime ("...Z", "...+02:00"; naive taken as UTC)."""
    if not value:
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        stamp = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.UTC)
    return stamp.astimezone(dt.UTC)


def format_modified(stamp: dt.datetime) -> str:
    """A `modified=` value: YYYY-MM-DDThh:mm:ss in UTC clock time, no zone.

    The API documents no time zone for this parameter. If it reads the value as Dutch local
    time, a UTC clock value names an instant one or two hours *earlier*: the sweep overlaps a
    little more, it never misses anything.
    """
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(dt.UTC).replace(tzinfo=None)
    return stamp.replace(microsecond=0).isoformat(timespec="seconds")


def parse_since(value: str) -> dt.datetime:
    """`--since`: a date or a timestamp (naive = UTC)."""
    text = value.strip()
    if len(text) == 10:
        return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)
    stamp = parse_timestamp(text)
    if stamp is None:
        raise ValueError(f"not a date or timestamp: {value!r}")
    return stamp


# -- reading a page -----------------------------------------------------------------------


def parse_total(subtitle: str | None) -> int | None:
    """The count of "Aantal gevonden ECLI's: 10778" (the last number, separators allowed).

    None when there is no number: paging then ends at the first short or empty page.
    """
    numbers = _TOTAL_RE.findall(subtitle or "")
    if not numbers:
        return None
    return int(re.sub(r"\D", "", numbers[-1]))


def parse_feed(body: bytes) -> FeedPage:
    """One `/uitspraken/zoeken` response to its total and entries (in feed order)."""
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"feed is not well-formed XML: {exc}") from exc
    if root.tag != f"{_A}feed":
        raise FeedError(f"not an Atom feed: root element {root.tag!r}")
    total = parse_total(root.findtext(f"{_A}subtitle"))
    entries: list[FeedEntry] = []
    for node in root.iterfind(f"{_A}entry"):
        ecli = (node.findtext(f"{_A}id") or "").strip()
        if not ecli:
            continue
        if ecli[:5].upper() == "ECLI:":
            ecli = ecli.upper()  # case-insensitive; the store (and the parser) use upper case
        summary = node.findtext(f"{_A}summary")
        summary = summary.strip() if summary else None
        deleted = node.get("deleted") or None
        entries.append(
            FeedEntry(
                ecli=ecli,
                title=(node.findtext(f"{_A}title") or "").strip() or None,
                # The feed writes "-" (older feeds: nothing) for an empty summary.
                summary=None if summary in (None, "", "-") else summary,
                updated=parse_timestamp(node.findtext(f"{_A}updated")),
                deleted=deleted.strip().lower() if deleted else None,
            )
        )
    return FeedPage(total=total, entries=entries,
                    updated=parse_timestamp(root.findtext(f"{_A}updated")))


# -- building queries ---------------------------------------------------------------------


@dataclass(frozen=True)
class SweepQuery:
    """What one crawl asks the ECLI index for; `page_url(offset)` is one page of it."""

    api_url: str = DEFAULT_API_URL
    subjects: tuple[str, ...] = (SUBJECT_STRAFRECHT,)
    types: tuple[str, ...] = DOC_TYPES  # both: the `type` parameter is left out
    creators: tuple[str, ...] = ()  # instantie URIs (OR-ed); none: every court
    replaces: tuple[str, ...] = ()  # old LJN numbers: the ECLIs that replace them
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    modified_since: dt.datetime | None = None
    modified_until: dt.datetime | None = None
    return_doc: bool = True
    page_size: int = MAX_PAGE_SIZE

    def __post_init__(self) -> None:
        object.__setattr__(self, "api_url", self.api_url.rstrip("/"))
        if not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise ValueError(f"page size must be 1..{MAX_PAGE_SIZE}, got {self.page_size}")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError("--from is after --to")
        if self.modified_since and self.modified_until \
                and self.modified_since > self.modified_until:
            raise ValueError("--since is after --until")

    def params(self, offset: int) -> list[tuple[str, str]]:
        params: list[tuple[str, str]] = []
        wanted = {t.lower() for t in self.types}
        if wanted and wanted != {t.lower() for t in DOC_TYPES}:
            params += [("type", t) for t in self.types]
        params += [("subject", s) for s in self.subjects]
        params += [("creator", c) for c in self.creators]
        params += [("replaces", ljn) for ljn in self.replaces]
        if self.date_from or self.date_to:
            low = self.date_from or dt.date(1800, 1, 1)
            high = self.date_to or dt.date.today() + dt.timedelta(days=1)
            params.append(("date", low.isoformat()))
            if high != low:
                params.append(("date", high.isoformat()))
        if self.modified_since or self.modified_until:
            low_m = self.modified_since or dt.datetime(1800, 1, 1, tzinfo=dt.UTC)
            params.append(("modified", format_modified(low_m)))
            if self.modified_until:
                params.append(("modified", format_modified(self.modified_until)))
        if self.return_doc:
            params.append(("return", "DOC"))
        params += [("sort", "ASC"), ("max", str(self.page_size)), ("from", str(offset))]
        return params

    def page_url(self, offset: int) -> str:
        return f"{self.api_url}/uitspraken/zoeken?{urlencode(self.params(offset))}"

    def family_key(self) -> str:
        """The crawl-state key of the incremental cursor: API + what is swept, not when.

        `--since` runs and default runs share it; date-range sweeps get `range_key()`.
        """
        parts = [f"subject={s}" for s in sorted(self.subjects)] or ["subject=*"]
        parts += [f"creator={c}" for c in sorted(self.creators)]
        parts += [f"replaces={ljn}" for ljn in sorted(self.replaces)]
        wanted = sorted(t.lower() for t in self.types)
        parts.append("type=" + ("*" if set(wanted) == {t.lower() for t in DOC_TYPES}
                                else ",".join(wanted)))
        parts.append("return=" + ("DOC" if self.return_doc else "ALL"))
        return f"zoeken:{self.api_url}/uitspraken/zoeken?{'&'.join(parts)}"

    def range_key(self) -> str:
        low = self.date_from.isoformat() if self.date_from else ""
        high = self.date_to.isoformat() if self.date_to else ""
        return f"{self.family_key()}&date={low}..{high}"


def content_url(api_url: str, ecli: str) -> str:
    return f"{api_url.rstrip('/')}/uitspraken/content?id={quote(ecli, safe=':')}"


# -- paging -------------------------------------------------------------------------------


@dataclass
class PageStep:
    """What to do with one received page."""

    new_entries: list[FeedEntry]  # entries not consumed before, in feed order
    next_from: int | None  # offset of the next request; None: the sweep is complete
    stepped_back: bool = False  # the anchor was not found: re-reading an earlier window


@dataclass
class Pager:
    """Offset paging that survives entries moving to the end of the list while we page.

    Windows overlap by `overlap` entries. The last `overlap` ECLIs consumed are the anchor:
    in the next window everything after the last anchor entry found is new (entries only ever
    move towards the end, so whatever precedes an anchor was consumed before). No anchor in
    the window means the list shifted by more than the overlap: step back a window. New
    documents get the newest `updated`, so they are appended, never inserted.
    """

    page_size: int
    overlap: int = -1  # -1: min(50, page_size // 4)
    max_step_backs: int = 100
    tail: list[tuple[str, dt.datetime | None]] = field(default_factory=list)
    step_backs: int = 0
    pages: int = 0
    first_total: int | None = None
    reached: int = 0  # the furthest offset received so far
    short_of_total: int = 0  # the list ended this many entries before the count said

    def __post_init__(self) -> None:
        if self.overlap < 0:
            self.overlap = min(50, self.page_size // 4)
        if self.page_size > 1 and self.overlap >= self.page_size:
            self.overlap = self.page_size - 1
        if self.page_size == 1:
            self.overlap = 0

    def accept(self, requested_from: int, page: FeedPage) -> PageStep:
        self.pages += 1
        if self.first_total is None:
            self.first_total = page.total
        entries = page.entries
        if not self.tail:
            new = list(entries)
        else:
            # (ECLI, updated): an anchor entry that was itself modified has moved to the end
            # of the list with a newer `updated`, and must not count as found there.
            anchor = set(self.tail)
            found = max((i for i, e in enumerate(entries) if (e.ecli, e.updated) in anchor),
                        default=-1)
            if found >= 0:
                new = entries[found + 1:]
            elif requested_from > 0 and self.step_backs < self.max_step_backs:
                self.step_backs += 1
                back = max(0, requested_from - (self.page_size - self.overlap))
                return PageStep([], back, stepped_back=True)
            else:
                # At the start of the list or out of patience: take the whole window; what
                # was consumed already is skipped by the caller (seen set, store check).
                new = list(entries)
        if entries:
            self.tail = [(e.ecli, e.updated) for e in entries[-max(self.overlap, 1):]]
        received_to = requested_from + len(entries)
        reached, self.reached = self.reached, max(self.reached, received_to)
        total = page.total
        short = len(entries) < self.page_size
        if total is not None and total < received_to and not short:
            # More entries than the count: the count is wrong (or was misread), not the
            # entries. Page on until a short page, as without a count.
            total = None
        if not entries or (short and total is None):
            return self._end(new, received_to, page.total)
        if total is not None and received_to >= total and (short or received_to > total):
            return PageStep(new, None)
        # (A full page that ends exactly at the count asks once more: should `from` count
        # from 1, as the API's documentation has it with `from=501`, one entry is still out.)
        if short and received_to <= reached:
            # A short page that got no further than the last one: the list ended before the
            # count (the server counts more than it lists). Stop rather than creep on.
            return self._end(new, received_to, page.total)
        # The next window starts `from` what was received (not `max` further: the server may
        # send fewer than asked), minus the overlap, which a short page shrinks so that
        # every request still moves on by most of what it received.
        overlap = min(self.overlap, len(entries) // 4)
        return PageStep(new, max(received_to - overlap, requested_from + 1))

    def _end(self, new: list[FeedEntry], received_to: int, total: int | None) -> PageStep:
        if total is not None and self.reached < total:
            self.short_of_total = total - self.reached
        return PageStep(new, None)


def newest(entries: Iterable[FeedEntry]) -> dt.datetime | None:
    stamps = [e.updated for e in entries if e.updated is not None]
    return max(stamps) if stamps else None
