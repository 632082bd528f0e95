"""The ECLI-index feed: reading real Atom pages, building queries, paging that survives shifts."""

from __future__ import annotations

import datetime as dt
import email.utils
import random
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from crawler.feed import (
    SUBJECT_STRAFRECHT,
    FeedError,
    FeedPage,
    Pager,
    SweepQuery,
    content_url,
    format_modified,
    parse_feed,
    parse_since,
    parse_timestamp,
    parse_total,
)
from crawler.middlewares import parse_retry_after
from vonnis.models import FeedEntry

UTC = dt.UTC


def _feeds(shared_corpus: Path) -> list[Path]:
    feeds = sorted((shared_corpus / "opendata" / "feeds").glob("strafrecht_2021_*.atom"),
                   key=lambda p: int(p.stem.rsplit("_", 1)[1]))
    if not feeds:
        pytest.skip("no real feeds in the shared corpus")
    return feeds


# -- real feeds ----------------------------------------------------------------------------


def test_real_2021_feeds_parse_completely(shared_corpus: Path) -> None:
    pages = [parse_feed(p.read_bytes()) for p in _feeds(shared_corpus)]
    assert {p.total for p in pages} == {10778}
    entries = [e for p in pages for e in p.entries]
    assert len(entries) == 10778
    assert len({e.ecli for e in entries}) == 10778
    assert all(e.ecli.startswith("ECLI:NL:") for e in entries)
    assert all(e.updated is not None and e.updated.tzinfo is not None for e in entries)
    assert all(e.deleted is None for e in entries)
    # Sorted ascending on `updated` across the pages: what the cursor relies on.
    stamps = [e.updated for e in entries]
    assert stamps == sorted(stamps)  # type: ignore[type-var]
    first = pages[0].entries[0]
    assert first.ecli == "ECLI:NL:RBOVE:2021:5"
    assert first.updated == dt.datetime(2021, 1, 4, 14, 2, 41, tzinfo=UTC)
    assert first.title and first.title.startswith("ECLI:NL:RBOVE:2021:5, Rechtbank Overijssel")
    assert pages[0].updated == dt.datetime(2022, 9, 2, 12, 43, 35, tzinfo=UTC)  # +02:00


def test_real_feed_dash_summary_is_empty(shared_corpus: Path) -> None:
    page = parse_feed(_feeds(shared_corpus)[0].read_bytes())
    assert b'<summary type="text">-</summary>' in _feeds(shared_corpus)[0].read_bytes()
    assert any(e.summary is None for e in page.entries)
    assert all(e.summary != "-" for e in page.entries)


def test_older_pretty_printed_feed(shared_corpus: Path) -> None:
    path = shared_corpus / "opendata" / "feeds" / "sample_feed_2016_prettyprinted.xml"
    if not path.exists():
        pytest.skip("no 2016 sample feed")
    # The file is a scratch file holding two responses one after the other: read the first.
    first, _, _ = path.read_bytes().partition(b"</feed>")
    page = parse_feed(first + b"</feed>")
    assert page.total == 2209491
    assert len(page.entries) == first.count(b"<entry>") > 0
    assert page.entries[0].ecli == "ECLI:NL:RBASS:2004:2178"
    assert page.entries[0].summary is None  # <summary type="text"></summary>
    assert page.entries[0].updated == dt.datetime(2013, 4, 25, 2, 40, 51, tzinfo=UTC)


def test_deleted_entries() -> None:
    body = (
        b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        b"<subtitle type=\"text\">Aantal gevonden ECLI's: 2</subtitle>"
        b'<entry deleted="doc"><id>ECLI:NL:RBAMS:2021:1</id><updated>2022-01-01T10:00:00Z'
        b"</updated></entry>"
        b'<entry deleted="ecli"><id>ECLI:NL:RBAMS:2021:2</id><updated>2022-01-01T10:00:01Z'
        b"</updated></entry></feed>"
    )
    page = parse_feed(body)
    assert [(e.ecli, e.deleted) for e in page.entries] == [
        ("ECLI:NL:RBAMS:2021:1", "doc"), ("ECLI:NL:RBAMS:2021:2", "ecli")]


def test_entry_ecli_is_upper_cased_and_stripped() -> None:
    body = (b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><id> ecli:nl:rbams:2021:1 '
            b"</id><summary>-</summary></entry><entry><id></id></entry></feed>")
    page = parse_feed(body)
    assert [(e.ecli, e.summary, e.updated) for e in page.entries] == [
        ("ECLI:NL:RBAMS:2021:1", None, None)]
    assert page.total is None


@pytest.mark.parametrize("body", [b"", b"<html><body>Service unavailable</body></html>",
                                  b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/'
                                  b'Atom"><entry><id>ECLI'])
def test_not_a_feed(body: bytes) -> None:
    with pytest.raises(FeedError):
        parse_feed(body)


# -- timestamps and queries ------------------------------------------------------------------


def test_timestamps() -> None:
    assert parse_timestamp("2021-01-04T14:02:41Z") == dt.datetime(2021, 1, 4, 14, 2, 41,
                                                                 tzinfo=UTC)
    assert parse_timestamp("2013-04-25T04:40:51+02:00") == dt.datetime(2013, 4, 25, 2, 40, 51,
                                                                      tzinfo=UTC)
    assert parse_timestamp("2013-04-25T04:40:51") == dt.datetime(2013, 4, 25, 4, 40, 51,
                                                                tzinfo=UTC)
    assert parse_timestamp("yesterday") is None
    assert format_modified(dt.datetime(2021, 1, 4, 15, 2, 41, 500, tzinfo=dt.timezone(
        dt.timedelta(hours=1)))) == "2021-01-04T14:02:41"
    assert parse_since("2024-05-01") == dt.datetime(2024, 5, 1, tzinfo=UTC)
    with pytest.raises(ValueError):
        parse_since("soon")


def _params(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_query_for_a_date_range() -> None:
    query = SweepQuery(api_url="https://data.rechtspraak.nl/", date_from=dt.date(2021, 1, 1),
                       date_to=dt.date(2021, 12, 31), page_size=1000)
    url = query.page_url(2000)
    assert url.startswith("https://data.rechtspraak.nl/uitspraken/zoeken?")
    # The subject URI keeps its '#' encoded, as in the real 2021 query.
    assert "subject=http%3A%2F%2Fpsi.rechtspraak.nl%2Frechtsgebied%23strafrecht" in url
    params = _params(url)
    assert params["subject"] == [SUBJECT_STRAFRECHT]
    assert params["date"] == ["2021-01-01", "2021-12-31"]
    assert params["return"] == ["DOC"]
    assert params["sort"] == ["ASC"]
    assert params["max"] == ["1000"] and params["from"] == ["2000"]
    assert "type" not in params  # both uitspraken and conclusies
    assert "modified" not in params


def test_query_since_and_one_type() -> None:
    since = dt.datetime(2024, 5, 1, 8, 30, tzinfo=UTC)
    query = SweepQuery(types=("Uitspraak",), modified_since=since, page_size=50)
    params = _params(query.page_url(0))
    assert params["type"] == ["Uitspraak"]
    assert params["modified"] == ["2024-05-01T08:30:00"]
    assert params["max"] == ["50"] and params["from"] == ["0"]
    assert "date" not in params


def test_query_single_day_and_bad_ranges() -> None:
    day = dt.date(2021, 3, 2)
    assert _params(SweepQuery(date_from=day, date_to=day).page_url(0))["date"] == ["2021-03-02"]
    with pytest.raises(ValueError):
        SweepQuery(page_size=1001)
    with pytest.raises(ValueError):
        SweepQuery(date_from=dt.date(2022, 1, 1), date_to=dt.date(2021, 1, 1))


def test_query_modified_range_creators_and_ljn() -> None:
    query = SweepQuery(modified_since=dt.datetime(2024, 5, 1, tzinfo=UTC),
                       modified_until=dt.datetime(2024, 6, 1, 12, tzinfo=UTC),
                       creators=("http://standaarden.overheid.nl/owms/terms/Rechtbank_Amsterdam",
                                 "http://standaarden.overheid.nl/owms/terms/Raad_van_State"))
    params = _params(query.page_url(0))
    assert params["modified"] == ["2024-05-01T00:00:00", "2024-06-01T12:00:00"]  # twice: range
    assert [c.rsplit("/", 1)[1] for c in params["creator"]] == ["Rechtbank_Amsterdam",
                                                                "Raad_van_State"]
    assert params["subject"] == [SUBJECT_STRAFRECHT] and params["return"] == ["DOC"]
    assert params["sort"] == ["ASC"]
    assert query.family_key() != SweepQuery().family_key()  # a cursor of its own
    ljn = _params(SweepQuery(subjects=(), replaces=("AU1323",)).page_url(0))
    assert ljn["replaces"] == ["AU1323"] and "subject" not in ljn
    with pytest.raises(ValueError):
        SweepQuery(modified_since=dt.datetime(2024, 6, 2, tzinfo=UTC),
                   modified_until=dt.datetime(2024, 6, 1, tzinfo=UTC))


def test_cursor_keys_name_api_and_query_not_time() -> None:
    base = SweepQuery(api_url="http://127.0.0.1:8765")
    later = SweepQuery(api_url="http://127.0.0.1:8765",
                       modified_since=dt.datetime(2024, 1, 1, tzinfo=UTC), page_size=10)
    assert base.family_key() == later.family_key()
    assert "127.0.0.1:8765" in base.family_key() and SUBJECT_STRAFRECHT in base.family_key()
    assert base.family_key() != SweepQuery().family_key()  # another API
    assert base.family_key() != SweepQuery(api_url="http://127.0.0.1:8765",
                                           types=("Conclusie",)).family_key()
    ranged = SweepQuery(api_url="http://127.0.0.1:8765", date_from=dt.date(2021, 1, 1),
                        date_to=dt.date(2021, 12, 31))
    assert ranged.range_key().startswith(base.family_key())
    assert "2021-01-01..2021-12-31" in ranged.range_key()


def test_content_url() -> None:
    assert content_url("https://data.rechtspraak.nl/", "ECLI:NL:HR:2014:952") == \
        "https://data.rechtspraak.nl/uitspraken/content?id=ECLI:NL:HR:2014:952"


# -- Retry-After --------------------------------------------------------------------------


def test_retry_after_values() -> None:
    assert parse_retry_after(b"3") == 3.0
    assert parse_retry_after("0.5") == 0.5
    assert parse_retry_after(b"-4") == 0.0
    now = time.time()
    date = email.utils.formatdate(now + 30, usegmt=True)
    assert parse_retry_after(date, now=now) == pytest.approx(30, abs=1)
    assert parse_retry_after(None) is None
    assert parse_retry_after(b"soon") is None


# -- paging -------------------------------------------------------------------------------


class Index:
    """An in-memory ECLI index sorted on `updated`, as the API keeps it."""

    def __init__(self, n: int) -> None:
        start = dt.datetime(2021, 1, 1, tzinfo=UTC)
        self.clock = start + dt.timedelta(days=n + 1)
        self.rows = [FeedEntry(ecli=f"ECLI:NL:TEST:2021:{i}",
                               updated=start + dt.timedelta(hours=i)) for i in range(n)]

    cap: int | None = None  # the server sends at most this many, whatever `max` says
    miscount: int = 0  # added to the true count in the subtitle
    count: int | None | str = "true"  # "true": the real count; None: no subtitle; int: fixed
    requests: int = 0
    one_based: bool = False  # `from=501` is the 501st entry (as the API's documentation says)

    def page(self, offset: int, size: int) -> FeedPage:
        self.requests += 1
        self.rows.sort(key=lambda e: (e.updated, e.ecli))
        if self.one_based:
            offset = max(offset - 1, 0)
        size = min(size, self.cap) if self.cap else size
        total = len(self.rows) + self.miscount if self.count == "true" else self.count
        assert total is None or isinstance(total, int)
        return FeedPage(total=total, entries=list(self.rows[offset: offset + size]))

    def add(self, n: int) -> None:
        """New documents: appended at the end (the newest `updated`)."""
        for _ in range(n):
            self.clock += dt.timedelta(seconds=1)
            self.rows.append(FeedEntry(ecli=f"ECLI:NL:TEST:2022:{len(self.rows)}",
                                       updated=self.clock))

    def touch(self, ecli: str) -> None:
        """A modification: the entry moves to the end with a newer `updated`."""
        self.clock += dt.timedelta(seconds=1)
        self.rows = [e if e.ecli != ecli else FeedEntry(ecli=ecli, updated=self.clock)
                     for e in self.rows]


def sweep(index: Index, size: int, between_pages=None) -> tuple[list[FeedEntry], Pager]:
    pager = Pager(size)
    got: list[FeedEntry] = []
    offset: int | None = 0
    pages = 0
    while offset is not None:
        step = pager.accept(offset, index.page(offset, size))
        got += step.new_entries
        offset = step.next_from
        pages += 1
        assert pages < 10_000
        if between_pages and offset is not None:
            between_pages(pages, index)
    return got, pager


def test_paging_a_stable_index_lists_everything_once() -> None:
    index = Index(1003)
    got, pager = sweep(index, 100)
    assert [e.ecli for e in got] == [e.ecli for e in index.rows]
    assert pager.step_backs == 0


@pytest.mark.parametrize("size", [1, 2, 7, 1000])
def test_paging_edge_sizes(size: int) -> None:
    index = Index(23)
    got, _ = sweep(index, size)
    assert [e.ecli for e in got] == [e.ecli for e in index.rows]


def test_paging_empty_index() -> None:
    got, pager = sweep(Index(0), 10)
    assert got == [] and pager.pages == 1


def test_modifications_during_the_sweep_lose_nothing() -> None:
    """Plain offset paging would skip one entry per document modified behind the cursor."""
    rng = random.Random(273)
    index = Index(500)

    def modify(pages: int, idx: Index) -> None:
        consumed = idx.rows[: min(len(idx.rows), pages * 40)]
        for entry in rng.sample(consumed, k=min(len(consumed), rng.randint(0, 12))):
            idx.touch(entry.ecli)

    got, pager = sweep(index, 50, modify)
    final = {(e.ecli, e.updated) for e in index.rows}
    listed = {(e.ecli, e.updated) for e in got}
    assert final <= listed  # every entry in its final version was listed
    assert {e.ecli for e in index.rows} == {e.ecli for e in got}


def test_a_large_shift_steps_back() -> None:
    index = Index(300)

    def modify(pages: int, idx: Index) -> None:
        if pages == 2:  # more than the overlap moves away from behind the cursor at once
            for entry in list(idx.rows[:60]):
                idx.touch(entry.ecli)

    got, pager = sweep(index, 50, modify)
    assert pager.step_backs >= 1
    assert {(e.ecli, e.updated) for e in index.rows} <= {(e.ecli, e.updated) for e in got}


def test_an_anchor_that_moved_is_not_taken_for_found() -> None:
    index = Index(40)

    def modify(pages: int, idx: Index) -> None:
        if pages == 1:  # the very entries the next window is anchored on move to the end
            for entry in idx.rows[7:10]:
                idx.touch(entry.ecli)

    got, _ = sweep(index, 10, modify)
    assert {(e.ecli, e.updated) for e in index.rows} <= {(e.ecli, e.updated) for e in got}


def test_count_with_separators_and_other_wordings() -> None:
    assert parse_total("Aantal gevonden ECLI's: 10778") == 10778
    assert parse_total("Aantal gevonden ECLI's: 10.778") == 10778
    assert parse_total("Aantal gevonden ECLI\u2019s: 2.209.491") == 2209491
    assert parse_total("Found ECLIs: 1,234") == 1234
    assert parse_total("12 gevonden") == 12
    assert parse_total("Aantal gevonden ECLI's:") is None
    assert parse_total(None) is None
    body = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<subtitle type=\"text\">Aantal gevonden ECLI's: 10.778</subtitle></feed>")
    assert parse_feed(body.encode()).total == 10778


def test_paging_when_the_server_sends_fewer_than_max() -> None:
    """`from` moves on by what was received; a small page must not make it creep."""
    index = Index(500)
    index.cap = 40
    got, pager = sweep(index, 1000)
    assert [e.ecli for e in got] == [e.ecli for e in index.rows]
    assert index.requests <= 2 * 500 // 40  # ~30 new entries per request, not 1


def test_paging_stops_when_the_list_ends_before_the_count() -> None:
    index = Index(230)
    index.miscount = 100  # the server counts entries it does not list
    got, pager = sweep(index, 50)
    assert [e.ecli for e in got] == [e.ecli for e in index.rows]
    assert index.requests <= 230 // 37 + 3  # no creeping one entry at a time at the end
    assert pager.short_of_total == 100


def test_paging_a_count_below_what_was_received_is_not_trusted() -> None:
    index = Index(230)
    index.count = 10  # e.g. a count misread, or one that covers something else
    got, pager = sweep(index, 50)
    assert [e.ecli for e in got] == [e.ecli for e in index.rows]


def test_paging_without_a_count_ends_at_a_short_page() -> None:
    index = Index(230)
    index.count = None
    got, _ = sweep(index, 50)
    assert [e.ecli for e in got] == [e.ecli for e in index.rows]
    index = Index(200)  # a multiple of the page size: the last page asked for is empty
    index.count = None
    got, _ = sweep(index, 50)
    assert [e.ecli for e in got] == [e.ecli for e in index.rows]


def test_paging_a_count_that_grows_between_pages() -> None:
    index = Index(120)

    def grow(pages: int, idx: Index) -> None:
        if pages <= 3:
            idx.add(7)  # published while we page: listed at the end, counted in

    got, pager = sweep(index, 50, grow)
    assert [e.ecli for e in got] == [e.ecli for e in index.rows]
    assert pager.short_of_total == 0


@pytest.mark.parametrize("size", [1, 2, 3, 4, 5, 7, 10, 11, 23, 24, 1000])
def test_paging_when_from_counts_from_one(size: int) -> None:
    """The 2021 feeds show a 0-based `from`; the API's documentation has `from=501` for the
    second page of 500. Either way nothing is skipped, also not the very last entry."""
    for n in (22, 23, 24, 25):
        index = Index(n)
        index.one_based = True
        got, _ = sweep(index, size)
        assert [e.ecli for e in got] == [e.ecli for e in index.rows], (n, size)
