"""The crawler end to end against the replay server on loopback.

Each crawl runs in a subprocess (`python -m crawler.run`, once `vonnis crawl` and once
`scrapy crawl`): Twisted's reactor cannot be restarted inside one test process. The replay
server runs in this process, so tests change its index and faults directly and read its
request log. Assertions are about what was stored and which requests were made, in which
order; the only times compared are request arrival times against Retry-After and the rate.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from crawler.feed import SUBJECT_STRAFRECHT, SweepQuery, content_url, parse_timestamp
from tests.replay import Fault, ReplayServer, load_documents
from vonnis.models import Status
from vonnis.store import Store, default_db_path

REPO = Path(__file__).resolve().parent.parent
SUMMARY = "vonnis crawl summary: "
WIDE = ["--from", "1900-01-01", "--to", "2030-01-01"]
CONTENT = "/uitspraken/content"
ZOEKEN = "/uitspraken/zoeken"

pytestmark = pytest.mark.timeout(300)


@dataclass
class Run:
    rc: int
    summary: dict
    output: str


@pytest.fixture(scope="module")
def documents() -> list:
    docs = load_documents()
    if sum(1 for d in docs if SUBJECT_STRAFRECHT in " ".join(d.subjects)) < 10:
        pytest.skip("too few criminal-law sample documents to replay")
    return docs


@pytest.fixture()
def api(documents: list) -> Iterator[ReplayServer]:
    with ReplayServer(documents=documents) as server:
        yield server


def expected(api: ReplayServer, **params: list[str]) -> dict[str, bytes]:
    """ECLI -> bytes of what the crawler's default query lists (criminal law, with a doc)."""
    query = {"subject": [SUBJECT_STRAFRECHT], "return": ["DOC"], **params}
    return {doc.ecli: doc.raw for doc, _, deleted in api.select(query) if not deleted}


def command(home: Path, api: ReplayServer, *args: str, rate: str = "0",
            workers: str | None = "0") -> list[str]:
    # Parse workers (the --rate 0 default) cost a second of start-up per crawl: most tests
    # parse inline; the full sweep runs with the default.
    extra = ["--workers", workers] if workers is not None else []
    return [sys.executable, "-m", "crawler.run", "--home", str(home), "--api-url", api.url,
            "--rate", rate, "--progress-interval", "0", *extra, *args]


def crawl(home: Path, api: ReplayServer, *args: str, rate: str = "0",
          workers: str | None = "0", cmd: list[str] | None = None, timeout: float = 240) -> Run:
    proc = subprocess.run(cmd or command(home, api, *args, rate=rate, workers=workers), cwd=REPO,
                          capture_output=True, text=True, timeout=timeout)
    output = proc.stdout + proc.stderr
    lines = [line for line in output.splitlines() if SUMMARY in line]
    summary = json.loads(lines[-1].split(SUMMARY, 1)[1]) if lines else {}
    return Run(proc.returncode, summary, output)


def content_targets(api: ReplayServer, since: float = 0.0) -> list[str]:
    return [parse_qs(e.query)["id"][0]
            for e in api.requests(CONTENT) if e.time >= since]


def stored(home: Path) -> dict[str, bytes]:
    with Store.open(home) as store:
        return {ecli: store.raw_xml(ecli) or b"" for ecli in store.eclis()}


def sha(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


# -- sweeps --------------------------------------------------------------------------------


def test_full_sweep_stores_every_document_once(home: Path, api: ReplayServer) -> None:
    want = expected(api)
    run = crawl(home, api, *WIDE, "--max", "7", "--contact", "crawler-test@example.org",
                workers=None)
    assert run.rc == 0, run.output
    assert run.summary["complete"] and run.summary["errors"] == 0
    assert run.summary["stored_new"] == len(want)
    assert stored(home) == want  # every document once, byte for byte as served
    with Store.open(home) as store:
        assert store.count() == len(want)
        assert store.quarantined() == []
        assert store.stats()["superseded_versions"] == 0
        by_type = store.stats()["by_doc_type"]
        assert by_type.get("uitspraak") and by_type.get("conclusie")  # both types by default
        assert all(store.get(e).classification is not None for e in want)
    assert sorted(content_targets(api)) == sorted(want)  # one request per document
    pages = api.requests(ZOEKEN)
    assert len(pages) == run.summary["feed_pages"] >= len(want) // 7
    params = parse_qs(pages[0].query)
    assert params["subject"] == [SUBJECT_STRAFRECHT] and params["return"] == ["DOC"]
    assert params["date"] == ["1900-01-01", "2030-01-01"] and params["sort"] == ["ASC"]
    assert params["max"] == ["7"] and "type" not in params
    agents = {e.user_agent for e in api.requests()}
    assert agents == {"vonnis/0.1.0 (+crawler-test@example.org)"}

    # The same command again: everything is known, no document is fetched again.
    api.reset_log()
    again = crawl(home, api, *WIDE, "--max", "7")
    assert again.rc == 0, again.output
    assert content_targets(api) == []
    assert again.summary["skipped_known"] == len(want)
    assert stored(home) == want


def test_incremental_since_fetches_only_newer(home: Path, api: ReplayServer) -> None:
    want = expected(api)
    assert crawl(home, api, *WIDE).rc == 0
    changed = sorted(want)[:2]
    before = time.time()
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    new = {ecli: api.new_version(ecli, now + dt.timedelta(seconds=i)).raw
           for i, ecli in enumerate(changed)}
    since = (now - dt.timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%S")
    run = crawl(home, api, "--since", since)
    assert run.rc == 0, run.output
    assert sorted(content_targets(api, since=before)) == changed
    feed = [e for e in api.requests(ZOEKEN) if e.time >= before]
    assert parse_qs(feed[0].query)["modified"] == [since]
    assert run.summary["stored_updated"] == 2
    with Store.open(home) as store:
        for ecli in changed:
            # The newer version replaces the old one, which is kept in document_versions.
            assert store.raw_xml(ecli) == new[ecli]
            versions = store.versions(ecli)
            assert [v["content_hash"] for v in versions] == [sha(want[ecli])]
        assert store.count() == len(want)


def test_default_run_is_incremental_from_the_cursor(home: Path, api: ReplayServer) -> None:
    want = expected(api)
    key = SweepQuery(api_url=api.url).family_key()
    first = crawl(home, api)  # no cursor yet: the whole index
    assert first.rc == 0, first.output
    assert stored(home) == want
    newest = max(u for d, u, gone in api.select({"subject": [SUBJECT_STRAFRECHT],
                                                "return": ["DOC"]}))
    with Store.open(home) as store:
        cursor = store.get_cursor(key)
    assert cursor is not None and parse_timestamp(cursor) == newest

    changed, gone = sorted(want)[3], sorted(want)[4]
    later = max(dt.datetime.now(dt.UTC), newest).replace(microsecond=0) + dt.timedelta(seconds=5)
    api.new_version(changed, later)
    api.withdraw(gone, "doc", later + dt.timedelta(seconds=1))
    before = time.time()
    second = crawl(home, api)
    assert second.rc == 0, second.output
    feed = [e for e in api.requests(ZOEKEN) if e.time >= before]
    modified = parse_qs(feed[0].query)["modified"]
    assert modified == [(newest - dt.timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%S")]
    assert content_targets(api, since=before) == [changed]
    with Store.open(home) as store:
        assert store.get(gone).status == Status.withdrawn
        assert parse_timestamp(store.get_cursor(key)) == later + dt.timedelta(seconds=1)

    before = time.time()
    third = crawl(home, api)
    assert third.rc == 0 and content_targets(api, since=before) == []


def test_rate_limit_spaces_requests(home: Path, api: ReplayServer, documents: list) -> None:
    dates = sorted(d.decision_date for d in documents if d.decision_date
                   and SUBJECT_STRAFRECHT in " ".join(d.subjects))
    window = ["--from", dates[0].isoformat(), "--to", dates[min(14, len(dates) - 1)].isoformat()]
    run = crawl(home, api, *window, rate="10")
    assert run.rc == 0, run.output
    times = [e.time for e in api.requests()]
    assert len(times) >= 10
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    # At most 10 requests/s: on average, and no two requests in a burst.
    assert (len(times) - 1) / (times[-1] - times[0]) <= 10 * 1.05
    assert min(gaps) >= 0.05


# -- faults --------------------------------------------------------------------------------


def test_429_with_retry_after_is_honoured(home: Path, api: ReplayServer) -> None:
    want = expected(api)
    api.add_fault(Fault("429", match=ZOEKEN, times=2, retry_after=1))
    victim = sorted(want)[0]
    api.add_fault(Fault("429", match=f"id={victim}", times=1, retry_after="2"))
    run = crawl(home, api, *WIDE)
    assert run.rc == 0, run.output
    assert stored(home) == want
    log = api.requests()
    feed = [e for e in log if e.path == ZOEKEN]
    assert [e.status for e in feed[:3]] == [429, 429, 200]
    for refused in (feed[0], feed[1]):
        # Nothing at all was sent to the server before Retry-After had passed.
        following = [e for e in log if e.time > refused.time]
        assert following and following[0].time - refused.time >= 1.0 - 0.05
    tries = [e for e in log if e.target.endswith(f"id={victim}")]
    assert [e.status for e in tries] == [429, 200]
    assert tries[1].time - tries[0].time >= 2.0 - 0.05


def test_server_errors_are_retried(home: Path, api: ReplayServer) -> None:
    want = expected(api)
    victim = sorted(want)[1]
    api.add_fault(Fault("500", match=f"id={victim}", times=2))
    api.add_fault(Fault("503", match=ZOEKEN, times=1))
    dropped = sorted(want)[2]
    api.add_fault(Fault("drop", match=f"id={dropped}", times=1))
    run = crawl(home, api, *WIDE)
    assert run.rc == 0, run.output
    assert run.summary["errors"] == 0 and run.summary["retries"] >= 3
    assert stored(home) == want
    assert [e.status for e in api.requests() if e.target.endswith(f"id={victim}")] == \
        [500, 500, 200]
    assert [e.status for e in api.requests(ZOEKEN)][:2] == [503, 200]
    # A connection closed without an answer is sent again (by Twisted's connection pool
    # or by the retry middleware, whichever sees it first).
    assert [e.status for e in api.requests() if e.target.endswith(f"id={dropped}")] == [0, 200]


def test_slow_responses_and_timeouts(home: Path, api: ReplayServer) -> None:
    want = expected(api)
    slow, stuck = sorted(want)[5], sorted(want)[6]
    api.add_fault(Fault("slow", match=f"id={slow}", times=1, delay=0.5))
    api.add_fault(Fault("slow", match=f"id={stuck}", times=1, delay=4))
    run = crawl(home, api, *WIDE, "--timeout", "1.5")
    assert run.rc == 0, run.output
    assert stored(home) == want
    assert len([e for e in api.requests() if e.target.endswith(f"id={slow}")]) == 1
    # The stuck request timed out and was sent again.
    assert len([e for e in api.requests() if e.target.endswith(f"id={stuck}")]) == 2


def test_broken_documents_go_to_quarantine_and_the_crawl_goes_on(
        home: Path, api: ReplayServer) -> None:
    want = expected(api)
    truncated, malformed = sorted(want)[7], sorted(want)[8]
    api.add_fault(Fault("truncate", match=f"id={truncated}", times=None))
    api.add_fault(Fault("malformed", match=f"id={malformed}", times=None))
    run = crawl(home, api, *WIDE)
    assert run.rc == 0, run.output  # quarantine is not a failure of the crawl
    assert run.summary["quarantined"] == 2 and run.summary["errors"] == 0
    broken = {truncated, malformed}
    assert stored(home) == {e: raw for e, raw in want.items() if e not in broken}
    with Store.open(home) as store:
        items = {item.ecli: item for item in store.quarantined()}
        assert set(items) == broken
        assert items[truncated].source == content_url(api.url, truncated)
        assert "XML" in items[truncated].reason and "XML" in items[malformed].reason
        raw = store.quarantined_raw(items[truncated].id)
        assert raw == want[truncated][: len(want[truncated]) // 2]  # the bytes as received

    # Repaired at the source: the next sweep stores them and clears their quarantine rows.
    api.clear_faults()
    again = crawl(home, api, *WIDE)
    assert again.rc == 0, again.output
    assert stored(home) == want
    with Store.open(home) as store:
        assert store.quarantined() == []


def test_a_200_that_is_no_document_is_retried(home: Path, api: ReplayServer) -> None:
    """An HTML maintenance page or an empty body with status 200 is a server fault (like a
    503), not a document to quarantine for good, nor a reason to stop the sweep."""
    want = expected(api)
    html, empty = sorted(want)[9], sorted(want)[10]
    api.add_fault(Fault("html", match=ZOEKEN, times=1))
    api.add_fault(Fault("empty", match=ZOEKEN, times=1))
    api.add_fault(Fault("html", match=f"id={html}", times=1))
    api.add_fault(Fault("empty", match=f"id={empty}", times=2))
    run = crawl(home, api, *WIDE)
    assert run.rc == 0, run.output
    assert run.summary["complete"] and run.summary["errors"] == 0
    assert run.summary["quarantined"] == 0 and stored(home) == want
    assert [e.fault for e in api.requests(ZOEKEN)][:3] == ["html", "empty", None]
    assert [e.fault for e in api.requests() if e.target.endswith(f"id={empty}")] == \
        ["empty", "empty", None]


def middle_of_sweep(api: ReplayServer) -> tuple[str, str, dt.datetime]:
    """The default sweep's cursor key, and the ECLI and `updated` of the document in its
    middle (one the cursor must stop before when it fails)."""
    rows = api.select({"subject": [SUBJECT_STRAFRECHT], "return": ["DOC"]})
    entry, updated, _ = rows[len(rows) // 2]
    return SweepQuery(api_url=api.url).family_key(), entry.ecli, updated


def test_a_200_that_stays_no_document_fails_and_holds_the_cursor(home: Path, api: ReplayServer
                                                                 ) -> None:
    want = expected(api)
    key, victim, victim_updated = middle_of_sweep(api)
    api.add_fault(Fault("html", match=f"id={victim}", times=None))
    run = crawl(home, api)
    assert run.rc == 2, run.output  # complete, but a document is missing
    assert run.summary["errors_by_kind"] == {"fetch": 1}
    assert run.summary["failed"] == [f"{victim}: HTTP 200 with an HTML page"]
    assert [e.fault for e in api.requests() if e.target.endswith(f"id={victim}")] == \
        ["html"] * 3  # asked again twice (VONNIS_BAD_BODY_RETRIES)
    with Store.open(home) as store:
        assert not store.has(victim)
        assert [q.ecli for q in store.quarantined()] == [victim]  # kept for inspection
        assert "HTML page" in store.quarantined()[0].reason
        assert parse_timestamp(store.get_cursor(key)) == victim_updated  # held before it

    api.clear_faults()
    before = time.time()
    again = crawl(home, api)  # the next incremental run asks for it again
    assert again.rc == 0, again.output
    assert victim in content_targets(api, since=before)
    assert stored(home) == want
    with Store.open(home) as store:
        assert store.quarantined() == []


def test_a_document_that_keeps_failing_is_reported_and_fetched_next_run(
        home: Path, api: ReplayServer) -> None:
    want = expected(api)
    victim = sorted(want)[3]
    api.add_fault(Fault("502", match=f"id={victim}", times=None))
    run = crawl(home, api, "--retries", "1")
    assert run.rc == 2, run.output  # the sweep completed, a document is missing
    assert run.summary["complete"] and run.summary["errors_by_kind"] == {"fetch": 1}
    assert "errors 1 {'fetch': 1}" in run.output  # the summary says what failed
    assert run.summary["failed"] == [f"{victim}: HTTP 502"]
    assert f"failed (1): {victim}: HTTP 502" in run.output
    assert [e.status for e in api.requests() if e.target.endswith(f"id={victim}")] == \
        [502, 502]
    assert stored(home) == {e: raw for e, raw in want.items() if e != victim}
    api.clear_faults()
    again = crawl(home, api)  # incremental: the cursor was held before the victim
    assert again.rc == 0, again.output
    assert stored(home) == want


def test_a_listed_document_answering_404_is_asked_again_next_run(home: Path,
                                                                  api: ReplayServer) -> None:
    """The index may run ahead of the content store: a 404 for a listed ECLI is reported
    (not found, quarantined) and the cursor stays before it, so the next run asks again."""
    want = expected(api)
    key, victim, victim_updated = middle_of_sweep(api)
    api.add_fault(Fault("404", match=f"id={victim}", times=None))
    run = crawl(home, api)
    assert run.rc == 0, run.output  # not an error of the crawl
    assert run.summary["not_found"] == 1 and run.summary["errors"] == 0
    assert run.summary["failed"] == [f"{victim}: HTTP 404 (not found)"]
    with Store.open(home) as store:
        assert [q.ecli for q in store.quarantined()] == [victim]
        assert parse_timestamp(store.get_cursor(key)) == victim_updated
    api.clear_faults()
    before = time.time()
    again = crawl(home, api)
    assert again.rc == 0, again.output
    assert victim in content_targets(api, since=before)
    assert stored(home) == want
    with Store.open(home) as store:
        assert store.quarantined() == []
        newest = max(u for _, u, _ in api.select({"subject": [SUBJECT_STRAFRECHT],
                                                   "return": ["DOC"]}))
        assert parse_timestamp(store.get_cursor(key)) == newest


def test_a_feed_page_that_keeps_failing_leaves_the_cursor(home: Path, api: ReplayServer
                                                          ) -> None:
    api.add_fault(Fault("500", match="&from=6$", times=None))  # the second page (overlap 1)
    run = crawl(home, api, "--max", "7", "--retries", "1")
    assert run.rc == 1, run.output
    assert not run.summary["complete"] and run.summary["errors_by_kind"]["feed"] >= 1
    assert run.summary["failed"] == ["feed page from=6: HTTP 500"]
    with Store.open(home) as store:
        assert store.get_cursor(SweepQuery(api_url=api.url).family_key()) is None
        assert store.count() == 7  # what was listed before the failure is stored
    api.clear_faults()
    assert crawl(home, api, "--max", "7").rc == 0
    assert stored(home) == expected(api)


def test_index_quirks_short_pages_miscounts_other_wordings(home: Path, tmp_path: Path,
                                                          api: ReplayServer) -> None:
    """Pages shorter than `max`, a count above what is listed, a count with a thousands
    separator in other words, no count at all: every document is listed once, no creeping."""
    want = expected(api)
    api.page_cap = 4  # fewer than the 1000 asked for
    api.count_delta = 9  # counts entries it never lists
    run = crawl(home, api, *WIDE)
    assert run.rc == 0, run.output
    assert run.summary["complete"] and stored(home) == want
    assert run.summary["short_of_count"] == 9
    assert "short of it" in run.output
    assert len(api.requests(ZOEKEN)) <= len(want) // 3 + 3  # 3 new per page of 4, then stop

    for n, subtitle in enumerate(["Found ECLIs: {n}", None]):
        other = tmp_path / f"other{n}"
        api.reset_log()
        api.page_cap, api.count_delta, api.subtitle = 1000, 0, subtitle
        run = crawl(other, api, *WIDE, "--max", "5")
        assert run.rc == 0, run.output
        assert stored(other) == want
        assert len(api.requests(ZOEKEN)) <= len(want) // 3 + 3


@pytest.mark.parametrize("size", ["3", "6"])
def test_a_from_that_counts_from_one_loses_nothing(home: Path, api: ReplayServer, size: str
                                                    ) -> None:
    """The 2021 feeds show `from` counting from 0; the API's documentation pages with
    `from=501` after 500. Against a server that counts from 1 nothing may be lost either
    (with 111 documents these page sizes end a full page exactly at the count)."""
    api.from_base = 1
    run = crawl(home, api, *WIDE, "--max", size)
    assert run.rc == 0, run.output
    assert stored(home) == expected(api)


def test_max_above_the_ceiling_is_capped(home: Path, api: ReplayServer) -> None:
    run = crawl(home, api, *WIDE, "--max", "5000")
    assert run.rc == 0, run.output
    assert parse_qs(api.requests(ZOEKEN)[0].query)["max"] == ["1000"]
    assert stored(home) == expected(api)


def test_a_count_with_a_thousands_separator(home: Path, api: ReplayServer) -> None:
    want = expected(api)
    # "Aantal gevonden ECLI's: 1.0NN": read as 1, it ended the sweep after the first page.
    api.count_delta = 1000
    api.subtitle = "Aantal gevonden ECLI's: {n_nl}"
    run = crawl(home, api, *WIDE, "--max", "5")
    assert run.rc == 0, run.output
    assert stored(home) == want
    assert run.summary["total_in_index"] == len(want) + 1000
    assert run.summary["short_of_count"] == 1000


def test_gzip_chunked_odd_content_types_and_latin1(home: Path, api: ReplayServer) -> None:
    """Compressed, chunked, with no or a wrong Content-Type, a document in ISO-8859-1: the
    body is what counts, and the crawler reads each as the same document."""
    from dataclasses import replace

    from crawler.parse import parse_document

    want = expected(api)
    latin = next(e for e, raw in sorted(want.items()) if b'encoding="utf-8"' in raw[:100]
                 and any(b > 127 for b in raw))
    utf8 = want[latin]
    encoded = utf8.decode("utf-8").encode("iso-8859-1", "xmlcharrefreplace").replace(
        b'encoding="utf-8"', b'encoding="ISO-8859-1"', 1)
    api.add_document(replace(api.docs[latin], raw=encoded))
    want[latin] = encoded
    api.gzip, api.chunked = True, True
    api.content_types = {CONTENT: None, ZOEKEN: "text/html; charset=windows-1252"}
    run = crawl(home, api, *WIDE, "--max", "5")
    assert run.rc == 0, run.output
    assert run.summary["quarantined"] == 0 and run.summary["errors"] == 0
    assert stored(home) == want  # the bytes as sent, decompressed
    assert all(e.status == 200 for e in api.requests())
    with Store.open(home) as store:
        assert store.get(latin).document.text == parse_document(utf8).text


def test_a_metadata_only_answer_is_stored_not_quarantined(home: Path, documents: list) -> None:
    """Listed (as if it had a document) but answered with metadata only: stored without
    text, not a parse failure; a later version with a body replaces it."""
    from dataclasses import replace

    meta = next(d for d in documents if not d.has_body)
    served = replace(meta, has_body=True, subjects=[SUBJECT_STRAFRECHT])
    with ReplayServer(documents=[served]) as server:
        run = crawl(home, server, *WIDE)
        assert run.rc == 0, run.output
        assert run.summary["stored_new"] == 1 and run.summary["quarantined"] == 0
    with Store.open(home) as store:
        doc = store.get(meta.ecli)
        assert doc is not None and doc.status == Status.current
        assert doc.document.doc_type is None and doc.document.text == ""


# -- withdrawals, new versions, index shifts -----------------------------------------------


def test_withdrawn_entries_mark_documents_withdrawn(home: Path, api: ReplayServer) -> None:
    want = expected(api)
    assert crawl(home, api, *WIDE).rc == 0
    doc_gone, ecli_gone = sorted(want)[10], sorted(want)[11]
    api.withdraw(doc_gone, "doc")
    api.withdraw(ecli_gone, "ecli")
    before = time.time()
    run = crawl(home, api, *WIDE)
    assert run.rc == 0, run.output
    assert run.summary["withdrawn"] == 2
    assert content_targets(api, since=before) == []
    with Store.open(home) as store:
        assert store.get(doc_gone).status == Status.withdrawn
        assert store.get(ecli_gone).status == Status.withdrawn
        assert store.count(status=Status.current) == len(want) - 2
    # Published again later: current again.
    api.new_version(doc_gone)
    assert crawl(home, api, *WIDE).rc == 0
    with Store.open(home) as store:
        assert store.get(doc_gone).status == Status.current
        assert store.get(ecli_gone).status == Status.withdrawn


def test_a_withdrawal_listed_while_the_document_was_in_flight_wins(
        home: Path, api: ReplayServer) -> None:
    """The bytes of X are on their way (slow) when X is withdrawn and listed again, deleted,
    on a later page: the late bytes must not make a withdrawn document current."""
    rows = api.select({"subject": [SUBJECT_STRAFRECHT], "return": ["DOC"]})
    victim = rows[0][0].ecli  # on the first page
    api.add_fault(Fault("slow", match=f"id={victim}", times=1, delay=5))
    done: list[str] = []

    def withdraw_once_its_bytes_are_out(target: str) -> None:
        if done or not target.startswith(ZOEKEN) or "from=0" in target:
            return
        if any(e.target.endswith(f"id={victim}") for e in api.requests(CONTENT)):
            api.withdraw(victim, "doc")
            done.append(target)

    api.hooks.append(withdraw_once_its_bytes_are_out)
    run = crawl(home, api, *WIDE, "--max", "5")
    assert run.rc == 0, run.output
    assert done, "the victim was not withdrawn during the sweep"
    assert [e.status for e in api.requests() if e.target.endswith(f"id={victim}")] == [200]
    with Store.open(home) as store:
        doc = store.get(victim)
        assert doc is None or doc.status == Status.withdrawn
        assert store.count(status=Status.current) == len(rows) - 1


def test_withdrawals_that_return_doc_leaves_out_are_still_seen(home: Path, api: ReplayServer,
                                                               documents: list) -> None:
    """If return=DOC hides entries whose document is gone (they have none any more), an
    incremental run still sees deleted="doc"/"ecli": it lists the same modified range without
    return=DOC as well, for the deleted entries only (nothing else there is fetched)."""
    from dataclasses import replace

    api.return_doc_lists_deleted = False
    want = expected(api)
    assert crawl(home, api).rc == 0  # no cursor yet: one sweep with return=DOC
    assert all("return=DOC" in e.target for e in api.requests(ZOEKEN))
    doc_gone, ecli_gone = sorted(want)[5], sorted(want)[6]
    later = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(seconds=5)
    api.withdraw(doc_gone, "doc", later)
    api.withdraw(ecli_gone, "ecli", later + dt.timedelta(seconds=1))
    meta = next(d for d in documents if not d.has_body)  # an ECLI without a document
    api.add_document(replace(meta, subjects=[SUBJECT_STRAFRECHT],
                             modified=later + dt.timedelta(seconds=2)))
    assert doc_gone not in {d.ecli for d, _, _ in api.select(
        {"subject": [SUBJECT_STRAFRECHT], "return": ["DOC"]})}
    before = time.time()
    run = crawl(home, api)
    assert run.rc == 0, run.output
    assert run.summary["withdrawn"] == 2
    assert content_targets(api, since=before) == []  # not the metadata-only ECLI either
    feeds = [parse_qs(e.query) for e in api.requests(ZOEKEN) if e.time >= before]
    assert {tuple(f.get("return", [])) for f in feeds} == {("DOC",), ()}
    with Store.open(home) as store:
        assert store.get(doc_gone).status == Status.withdrawn
        assert store.get(ecli_gone).status == Status.withdrawn
        assert not store.has(meta.ecli)
        cursor = store.get_cursor(SweepQuery(api_url=api.url).family_key())
        assert parse_timestamp(cursor) == later + dt.timedelta(seconds=1)

    since = crawl(home, api, "--since", (later - dt.timedelta(minutes=1)).strftime(
        "%Y-%m-%dT%H:%M:%S"))  # --since runs do the same
    assert since.rc == 0 and since.summary["withdrawn"] == 2


def test_withdrawn_before_ever_stored(home: Path, api: ReplayServer) -> None:
    gone = sorted(expected(api))[12]
    api.withdraw(gone, "ecli")
    run = crawl(home, api, *WIDE)
    assert run.rc == 0 and run.summary["withdrawn_unknown"] == 1
    with Store.open(home) as store:
        assert not store.has(gone)
        assert store.stats()["withdrawn_not_stored"] == 1


def test_documents_modified_during_the_sweep_are_not_lost(home: Path, api: ReplayServer
                                                          ) -> None:
    """Entries that move to the end of the index while we page must not shift others away."""
    want = expected(api)
    listed_first = [d.ecli for d, _, _ in api.select({"subject": [SUBJECT_STRAFRECHT],
                                                      "return": ["DOC"]})][:12]
    moved: dict[str, bytes] = {}

    def modify_once(target: str) -> None:
        if target.startswith(ZOEKEN) and "from=" in target and not moved \
                and len(api.requests(ZOEKEN)) == 3:
            for ecli in listed_first[:8]:  # all behind the cursor by now
                moved[ecli] = api.new_version(ecli).raw

    api.hooks.append(modify_once)
    run = crawl(home, api, *WIDE, "--max", "5")
    assert run.rc == 0, run.output
    assert moved
    assert stored(home) == {**want, **moved}  # nothing skipped, moved ones in their new version


# -- kill -9 and resume ----------------------------------------------------------------------


@pytest.mark.slow
def test_kill_9_mid_crawl_then_resume(home: Path, api: ReplayServer) -> None:
    want = expected(api)
    key = SweepQuery(api_url=api.url).family_key()
    api.add_fault(Fault("slow", match=CONTENT, times=None, delay=0.05))
    cmd = command(home, api, rate="15")
    process = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    db = default_db_path(home)
    count, deadline = 0, time.monotonic() + 120
    try:
        while count < 15 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
            if db.exists():
                try:
                    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
                        count = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
                except sqlite3.OperationalError:
                    continue
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    after_kill = stored(home)
    assert 15 <= len(after_kill) < len(want), "the crawl was not interrupted half-way"
    assert all(want[e] == raw for e, raw in after_kill.items())  # nothing half-written
    with Store.open(home) as store:
        assert store.get_cursor(key) is None  # the sweep did not complete

    before = time.time()
    api.clear_faults()
    run = crawl(home, api, cmd=cmd)  # the very same command
    assert run.rc == 0, run.output
    assert stored(home) == want  # every document once, none lost
    # Only what had not been stored yet was fetched again.
    assert sorted(content_targets(api, since=before)) == sorted(set(want) - set(after_kill))
    with Store.open(home) as store:
        assert store.count() == len(want)
        assert store.quarantined() == []
        assert store.stats()["superseded_versions"] == 0
        assert store.get_cursor(key) is not None


# -- the other ways in -----------------------------------------------------------------------


def test_vonnis_crawl_command(home: Path, api: ReplayServer) -> None:
    cmd = [sys.executable, "-c", "from vonnis.cli import app; app()", "--home", str(home),
           "crawl", "--api-url", api.url, "--rate", "0", *WIDE]
    run = crawl(home, api, cmd=cmd)
    assert run.rc == 0, run.output
    assert "sweep complete" in run.output
    assert stored(home) == expected(api)


def test_scrapy_crawl_command(home: Path, api: ReplayServer) -> None:
    cmd = [sys.executable, "-m", "scrapy", "crawl", "rechtspraak", "-a", f"home={home}",
           "-a", f"api_url={api.url}", "-a", "rate=0", "-a", "from=1900-01-01",
           "-a", "to=2030-01-01", "-a", "types=Uitspraak", "-s", "VONNIS_PROGRESS_INTERVAL=0"]
    run = crawl(home, api, cmd=cmd)
    assert run.rc == 0, run.output
    assert run.summary["complete"]
    uitspraken = {e: raw for e, raw in expected(api, type=["Uitspraak"]).items()}
    assert stored(home) == uitspraken
    assert parse_qs(api.requests(ZOEKEN)[0].query)["type"] == ["Uitspraak"]


def test_creator_modified_range_and_ljn_lookup(home: Path, tmp_path: Path, api: ReplayServer
                                              ) -> None:
    hr = "http://standaarden.overheid.nl/owms/terms/Hoge_Raad_der_Nederlanden"
    run = crawl(home, api, *WIDE, "--creator", "Hoge Raad der Nederlanden")
    assert run.rc == 0, run.output
    params = parse_qs(api.requests(ZOEKEN)[0].query)
    assert params["creator"] == [hr]
    assert stored(home) == expected(api, creator=[hr]) and stored(home)

    # --since and --until: `modified` twice, a range; only what changed inside it.
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    inside, after = sorted(expected(api))[:2]
    api.new_version(inside, now + dt.timedelta(seconds=10))
    api.new_version(after, now + dt.timedelta(seconds=30))
    since, until = (now + dt.timedelta(seconds=5)), (now + dt.timedelta(seconds=20))
    window = tmp_path / "window"
    api.reset_log()
    run = crawl(window, api, "--since", since.strftime("%Y-%m-%dT%H:%M:%S"),
                "--until", until.strftime("%Y-%m-%dT%H:%M:%S"))
    assert run.rc == 0, run.output
    assert parse_qs(api.requests(ZOEKEN)[0].query)["modified"] == [
        since.strftime("%Y-%m-%dT%H:%M:%S"), until.strftime("%Y-%m-%dT%H:%M:%S")]
    assert set(stored(window)) == {inside}

    # --replaces: an old LJN number to its ECLI, whatever its rechtsgebied; no cursor moves.
    lookup = tmp_path / "lookup"
    api.reset_log()
    run = crawl(lookup, api, "--replaces", "AU1323")
    assert run.rc == 0, run.output
    params = parse_qs(api.requests(ZOEKEN)[0].query)
    assert params["replaces"] == ["AU1323"] and "subject" not in params
    assert set(stored(lookup)) == {"ECLI:NL:CBB:1998:AU1323"}  # bestuursrecht
    with Store.open(lookup) as store:
        assert store.get_cursor(SweepQuery(api_url=api.url, subjects=()).family_key()) is None

    # A server that does not know `replaces` answers the whole index: stop, do not sweep it.
    api.ignore_replaces = True
    ignored = tmp_path / "ignored"
    api.reset_log()
    run = crawl(ignored, api, "--replaces", "AU1323", "--max", "5")
    assert run.rc == 1, run.output
    assert run.summary["failed"][0].startswith("replaces=AU1323: the index answered")
    assert len(api.requests(ZOEKEN)) == 1 and api.requests(CONTENT) == []
    assert stored(ignored) == {}


def test_topic_decides_what_a_wider_sweep_stores(home: Path, tmp_path: Path,
                                                 api: ReplayServer) -> None:
    from crawler.classify import classify
    from crawler.ingest import is_criminal
    from crawler.parse import parse_document

    served = {doc.ecli: doc.raw for doc, _, _ in api.select({"return": ["DOC"]})}
    keep = set()
    for ecli, raw in served.items():
        document = parse_document(raw)
        if is_criminal(document) or classify(document).trafficking:
            keep.add(ecli)
    assert keep and keep != set(served)  # the corpus has non-criminal documents too
    run = crawl(home, api, *WIDE, "--subject", "all")
    assert run.rc == 0, run.output
    assert set(stored(home)) == keep
    assert run.summary["skipped_topic"] == len(served) - len(keep)

    everything = tmp_path / "all"
    run = crawl(everything, api, *WIDE, "--subject", "all", "--topic", "all")
    assert run.rc == 0, run.output
    assert stored(everything) == served
