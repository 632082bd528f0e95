"""The replay server: real API paths and Atom shape, query parameters, faults, control, CLI."""

from __future__ import annotations

import datetime as dt
import gzip
import http.client
import json
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from lxml import etree

from crawler.feed import SUBJECT_STRAFRECHT, parse_feed
from tests.replay import Fault, ReplayServer, load_documents
from tests.replay.atom import summary_text
from tests.replay.corpus import REPO, default_dirs, replicate

UTC = dt.UTC


@pytest.fixture(scope="module")
def documents() -> list:
    docs = load_documents()
    if len(docs) < 10:
        pytest.skip("too few sample documents to replay")
    return docs


@pytest.fixture()
def api(documents: list) -> Iterator[ReplayServer]:
    with ReplayServer(documents=documents) as server:
        yield server


def get(server: ReplayServer, path: str, **params: object) -> tuple[int, bytes, dict]:
    query = urlencode([(k, v) for k, vs in params.items()
                       for v in (vs if isinstance(vs, list) else [vs])])
    url = f"{server.url}{path}" + (f"?{query}" if query else "")
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), dict(exc.headers)


def zoeken(server: ReplayServer, **params: object) -> list:
    status, body, _ = get(server, "/uitspraken/zoeken", **params)
    assert status == 200, body
    return parse_feed(body).entries


# -- the shape of the real feed -----------------------------------------------------------


def _skeleton(xml: bytes) -> str:
    """Tags and attribute names only: the structure, without the values."""
    text = xml.decode("utf-8")
    text = re.sub(r">[^<]*<", "><", text)
    return re.sub(r'="[^"]*"', '=""', text)


def test_feed_has_the_exact_shape_of_the_real_one(api: ReplayServer, shared_corpus: Path
                                                   ) -> None:
    real_path = shared_corpus / "opendata" / "feeds" / "strafrecht_2021_results_from_1.atom"
    if not real_path.exists():
        pytest.skip("no real feed to compare with")
    real = real_path.read_bytes()
    status, ours, headers = get(api, "/uitspraken/zoeken", subject=SUBJECT_STRAFRECHT,
                                max=1, **{"return": "DOC"})
    assert status == 200 and "xml" in headers["Content-Type"]
    # Head plus the first entry, tag by tag, attribute by attribute.
    real_head = _skeleton(real[: real.index(b"</entry>") + len(b"</entry>")])
    assert _skeleton(ours[: ours.index(b"</entry>") + len(b"</entry>")]) == real_head
    assert ours.endswith(b"</entry></feed>") and real.endswith(b"</entry></feed>")
    assert b"\n" not in ours[: ours.index(b"<entry>")]  # one line, as the real one
    text = ours.decode()
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.'
                           'org/2005/Atom"><title type="text">Rechtspraak Open Data '
                           '(Uitspraken)</title><subtitle type="text">Aantal gevonden ECLI\'s: ')
    assert re.search(r"<id>uuid:[0-9a-f-]{36};id=\d+</id><rights type=\"text\">Copyright "
                     r"\d{4} Rechtspraak\.</rights><updated>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d"
                     r"\+0[12]:00</updated><entry>", text)
    entry = re.search(r"<entry><id>(ECLI:[^<]+)</id><title type=\"text\">\1, [^<]+</title>"
                      r"<summary type=\"text\">[^<]*</summary><updated>\d{4}-\d\d-\d\dT\d\d:"
                      r"\d\d:\d\dZ</updated><link rel=\"alternate\" type=\"text/html\" href="
                      r"\"https://uitspraken\.rechtspraak\.nl/InzienDocument\?id=\1\" /></entry>",
                      text)
    assert entry, text[:600]


def test_summary_rules_follow_the_real_feeds() -> None:
    assert summary_text("") == "-"
    assert summary_text("kort") == "kort"
    long = "x" * 500
    assert summary_text(long) == "x" * 397 + "..." and len(summary_text(long)) == 400


def test_feed_lists_every_matching_document(api: ReplayServer, documents: list) -> None:
    entries = zoeken(api, **{"return": "DOC"}, max=1000)
    with_body = {d.ecli for d in documents if d.has_body}
    assert {e.ecli for e in entries} == with_body
    assert len(entries) == len(with_body)
    # Metadata-only responses are left out by return=DOC, and listed without it.
    everything = zoeken(api, max=1000)
    assert {e.ecli for e in everything} == {d.ecli for d in documents}
    # Sorted on `updated`, ascending by default.
    stamps = [e.updated for e in everything]
    assert stamps == sorted(stamps)


def test_updated_is_dcterms_modified_in_utc(api: ReplayServer, shared_corpus: Path) -> None:
    entries = {e.ecli: e for e in zoeken(api, max=1000)}
    hr = entries.get("ECLI:NL:HR:1984:AC8252")
    if hr is None:
        pytest.skip("ECLI:NL:HR:1984:AC8252 not served")
    # <dcterms:modified>2014-04-21T23:52:22</dcterms:modified> is Dutch summer time.
    assert hr.updated == dt.datetime(2014, 4, 21, 21, 52, 22, tzinfo=UTC)


def test_filters(api: ReplayServer, documents: list) -> None:
    criminal = zoeken(api, subject=SUBJECT_STRAFRECHT, max=1000)
    assert criminal
    by_ecli = {d.ecli: d for d in documents}
    assert all(any(s.startswith(SUBJECT_STRAFRECHT) for s in by_ecli[e.ecli].subjects)
               for e in criminal)
    assert len(criminal) < len(documents)
    conclusies = zoeken(api, type="conclusie", max=1000)
    assert conclusies and all(by_ecli[e.ecli].doc_type == "Conclusie" for e in conclusies)
    both = zoeken(api, type=["Uitspraak", "Conclusie"], max=1000)
    assert len(both) == sum(1 for d in documents if d.doc_type in ("Uitspraak", "Conclusie"))
    day = next(d.decision_date for d in documents if d.decision_date)
    one_day = zoeken(api, date=day.isoformat(), max=1000)
    assert one_day and all(by_ecli[e.ecli].decision_date == day for e in one_day)
    ranged = zoeken(api, date=["2015-01-01", "2016-12-31"], max=1000)
    assert all(dt.date(2015, 1, 1) <= by_ecli[e.ecli].decision_date <= dt.date(2016, 12, 31)
               for e in ranged)
    stamps = sorted(d.modified for d in documents)
    middle = stamps[len(stamps) // 2]
    since = zoeken(api, modified=middle.strftime("%Y-%m-%dT%H:%M:%S"), max=1000)
    assert since and all(e.updated >= middle for e in since)
    assert len(since) == sum(1 for d in documents if d.modified >= middle)
    window = zoeken(api, modified=[stamps[0].strftime("%Y-%m-%dT%H:%M:%S"),
                                   middle.strftime("%Y-%m-%dT%H:%M:%S")], max=1000)
    assert all(e.updated <= middle for e in window)
    desc = zoeken(api, sort="DESC", max=1000)
    assert [e.updated for e in desc] == sorted((e.updated for e in desc), reverse=True)
    hr = "http://standaarden.overheid.nl/owms/terms/Hoge_Raad_der_Nederlanden"
    courts = zoeken(api, creator=[hr, hr.replace("Hoge_Raad_der_Nederlanden", "Raad_van_State")])
    assert courts and {by_ecli[e.ecli].court for e in courts} == {"Hoge Raad", "Raad van State"}
    assert [e.ecli for e in zoeken(api, replaces="AU1323")] == ["ECLI:NL:CBB:1998:AU1323"]
    assert zoeken(api, replaces="XX0000") == []


def test_paging_with_from_and_max(api: ReplayServer) -> None:
    everything = [e.ecli for e in zoeken(api, max=1000)]
    status, body, _ = get(api, "/uitspraken/zoeken", max=7, **{"from": 0})
    first = parse_feed(body)
    assert first.total == len(everything) and len(first.entries) == 7
    paged: list[str] = []
    offset = 0
    while offset < len(everything):
        page = parse_feed(get(api, "/uitspraken/zoeken", max=7, **{"from": offset})[1])
        paged += [e.ecli for e in page.entries]
        offset += len(page.entries)
    assert paged == everything


def test_max_is_capped_at_1000(documents: list) -> None:
    with ReplayServer(documents=replicate(documents, 1200 // len(documents) + 1)) as api:
        page = parse_feed(get(api, "/uitspraken/zoeken", max=5000)[1])
        assert page.total and page.total > 1000
        assert len(page.entries) == 1000


def test_bad_parameters_answer_400(api: ReplayServer) -> None:
    assert get(api, "/uitspraken/zoeken", date="gisteren")[0] == 400
    assert get(api, "/uitspraken/zoeken", sort="sideways")[0] == 400
    assert get(api, "/uitspraken/content")[0] == 400


# -- content ------------------------------------------------------------------------------


def test_content_is_the_stored_bytes(api: ReplayServer, documents: list) -> None:
    for doc in documents[:20]:
        status, body, headers = get(api, "/uitspraken/content", id=doc.ecli)
        assert status == 200 and body == doc.raw
        assert Path(doc.source).read_bytes() == body  # byte for byte as the file (CRLF too)


def test_unknown_ecli_is_404(api: ReplayServer) -> None:
    assert get(api, "/uitspraken/content", id="ECLI:NL:XX:2099:1")[0] == 404
    assert get(api, "/no/such/path")[0] == 404


def test_synthetic_copies_parse_under_their_own_ecli(documents: list) -> None:
    copies = replicate(documents[:3], 3)
    assert len(copies) == 9
    synthetic = copies[3]
    assert synthetic.ecli.endswith(".R0001") and synthetic.ecli.encode() in synthetic.raw
    from crawler.parse import parse_document

    assert parse_document(synthetic.raw).ecli == synthetic.ecli


# -- faults, withdrawals, new versions -----------------------------------------------------


def test_429_with_retry_after_then_normal(api: ReplayServer) -> None:
    api.add_fault(Fault("429", match="/uitspraken/zoeken", times=2, retry_after=3))
    for _ in range(2):
        status, _, headers = get(api, "/uitspraken/zoeken")
        assert status == 429 and headers["Retry-After"] == "3"
    assert get(api, "/uitspraken/zoeken")[0] == 200
    assert [(e.status, e.fault) for e in api.requests("/uitspraken/zoeken")] == [
        (429, "429"), (429, "429"), (200, None)]


@pytest.mark.parametrize("kind,status", [("500", 500), ("502", 502), ("503", 503),
                                         ("504", 504)])
def test_server_errors(api: ReplayServer, documents: list, kind: str, status: int) -> None:
    ecli = documents[0].ecli
    api.add_fault(Fault(kind, match=f"id={ecli}", times=1))
    assert get(api, "/uitspraken/content", id=ecli)[0] == status
    assert get(api, "/uitspraken/content", id=ecli)[0] == 200
    assert get(api, "/uitspraken/content", id=documents[1].ecli)[0] == 200


def test_slow_answers_late_but_right(api: ReplayServer, documents: list) -> None:
    doc = documents[0]
    api.add_fault(Fault("slow", match="/uitspraken/content", times=1, delay=0.3))
    status, body, _ = get(api, "/uitspraken/content", id=doc.ecli)
    assert status == 200 and body == doc.raw
    assert api.requests("/uitspraken/content")[-1].fault is None  # slow is not an error


@pytest.mark.parametrize("kind", ["truncate", "malformed", "empty"])
def test_broken_bodies_are_not_well_formed(api: ReplayServer, documents: list, kind: str
                                           ) -> None:
    doc = next(d for d in documents if d.has_body)
    api.add_fault(Fault(kind, match=f"id={doc.ecli}", times=None))
    status, body, _ = get(api, "/uitspraken/content", id=doc.ecli)
    assert status == 200 and body != doc.raw
    with pytest.raises(etree.XMLSyntaxError):
        etree.fromstring(body)
    if kind == "truncate":
        assert doc.raw.startswith(body) and len(body) == len(doc.raw) // 2


def test_html_maintenance_page_with_status_200(api: ReplayServer, documents: list) -> None:
    api.add_fault(Fault("html", match="/uitspraken/", times=2))
    for path, params in (("/uitspraken/zoeken", {}), ("/uitspraken/content",
                                                     {"id": documents[0].ecli})):
        status, body, headers = get(api, path, **params)
        assert status == 200 and body.startswith(b"<!DOCTYPE html>")
        assert headers["Content-Type"].startswith("text/html")


def test_gzip_chunked_and_content_types(api: ReplayServer, documents: list) -> None:
    doc = next(d for d in documents if d.has_body)
    api.gzip, api.chunked = True, True
    api.content_types = {"/uitspraken/content": None, "/uitspraken/zoeken": "text/html"}
    connection = http.client.HTTPConnection("127.0.0.1", api.port, timeout=10)
    connection.request("GET", f"/uitspraken/content?id={doc.ecli}",
                       headers={"Accept-Encoding": "gzip"})
    response = connection.getresponse()
    assert response.getheader("Transfer-Encoding") == "chunked"
    assert response.getheader("Content-Length") is None
    assert response.getheader("Content-Type") is None
    assert response.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(response.read()) == doc.raw
    connection.request("GET", "/uitspraken/zoeken?max=1")  # no Accept-Encoding: plain
    response = connection.getresponse()
    assert response.getheader("Content-Type") == "text/html"
    assert parse_feed(response.read()).entries


def test_drop_closes_without_an_answer(api: ReplayServer, documents: list) -> None:
    api.add_fault(Fault("drop", match="/uitspraken/content", times=1))
    connection = http.client.HTTPConnection("127.0.0.1", api.port, timeout=5)
    connection.request("GET", f"/uitspraken/content?id={documents[0].ecli}")
    with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
        connection.getresponse()
    assert api.requests()[-1].status == 0


def test_withdrawn_entries(api: ReplayServer, documents: list) -> None:
    doc, other = documents[0], documents[1]
    api.withdraw(doc.ecli, "doc")
    api.withdraw(other.ecli, "ecli")
    entries = {e.ecli: e for e in zoeken(api, max=1000)}
    assert entries[doc.ecli].deleted == "doc"
    assert entries[other.ecli].deleted == "ecli"
    status, body, _ = get(api, "/uitspraken/zoeken", max=1000)
    assert f'<entry deleted="doc"><id>{doc.ecli}</id>'.encode() in body
    assert get(api, "/uitspraken/content", id=doc.ecli)[0] == 404
    # A withdrawal is a modification: the entry moves to the end of the list.
    assert list(entries)[-2:] == [doc.ecli, other.ecli]


def test_new_version(api: ReplayServer, documents: list) -> None:
    doc = next(d for d in documents if b"<dcterms:modified>" in d.raw)
    when = dt.datetime(2031, 5, 6, 7, 8, 9, tzinfo=UTC)
    new = api.new_version(doc.ecli, when)
    assert new.raw != doc.raw
    assert b"<dcterms:modified>2031-05-06T09:08:09</dcterms:modified>" in new.raw  # CEST
    assert get(api, "/uitspraken/content", id=doc.ecli)[1] == new.raw
    last = zoeken(api, max=1000)[-1]
    assert (last.ecli, last.updated) == (doc.ecli, when)
    assert zoeken(api, modified="2031-01-01T00:00:00")[0].ecli == doc.ecli


def test_control_endpoint(api: ReplayServer, documents: list) -> None:
    def post(action: str, payload: dict) -> int:
        request = urllib.request.Request(f"{api.url}/_replay/{action}",
                                         data=json.dumps(payload).encode(), method="POST",
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status

    assert post("fault", {"kind": "500", "match": "/uitspraken/zoeken", "times": 1}) == 200
    assert get(api, "/uitspraken/zoeken")[0] == 500
    assert post("withdraw", {"ecli": documents[0].ecli, "kind": "ecli"}) == 200
    assert get(api, "/uitspraken/content", id=documents[0].ecli)[0] == 404
    assert post("version", {"ecli": documents[1].ecli, "modified": "2032-01-01T00:00:00Z"}) \
        == 200
    log = json.loads(get(api, "/_replay/log")[1])
    assert [entry["status"] for entry in log] == [500, 404]  # control calls are not logged
    listed = json.loads(get(api, "/_replay/documents")[1])
    assert listed[-1]["ecli"] == documents[1].ecli


def test_request_log_records_time_and_user_agent(api: ReplayServer) -> None:
    before = time.time()
    request = urllib.request.Request(f"{api.url}/uitspraken/zoeken?max=1",
                                     headers={"User-Agent": "vonnis-test"})
    urllib.request.urlopen(request, timeout=5).read()
    entry = api.requests()[-1]
    assert before <= entry.time <= time.time()
    assert entry.user_agent == "vonnis-test" and entry.target == "/uitspraken/zoeken?max=1"


def test_fault_specs_from_the_command_line() -> None:
    fault = Fault.parse("429,match=/uitspraken/zoeken,times=2,retry_after=1")
    assert (fault.kind, fault.match, fault.times, fault.retry_after) == (
        "429", "/uitspraken/zoeken", 2, "1")
    assert Fault.parse("slow,times=all,delay=0.5").times is None
    with pytest.raises(ValueError):
        Fault.parse("teapot")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_runs_by_hand() -> None:
    if not default_dirs():
        pytest.skip("no documents to serve")
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.replay", "--port", str(port),
         "--withdraw", "ECLI:NL:HR:1984:AC8252=doc"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        line = process.stdout.readline() if process.stdout else ""
        while line and "replaying" not in line:
            line = process.stdout.readline() if process.stdout else ""
        assert f"http://127.0.0.1:{port}" in line
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/uitspraken/zoeken?max=1000",
                                    timeout=10) as response:
            page = parse_feed(response.read())
        assert page.total and page.total > 10
        deleted = [e for e in page.entries if e.deleted]
        assert [e.ecli for e in deleted] in ([], ["ECLI:NL:HR:1984:AC8252"])
    finally:
        process.terminate()
        process.wait(timeout=10)
