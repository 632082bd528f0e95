"""The corpus store: idempotent upserts, versions, withdrawal, quarantine, atomicity."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from vonnis.models import Classification, Court, CourtLevel, Document, Reason, Status
from vonnis.store import Store, UpsertOutcome


def _doc(ecli: str = "ECLI:NL:GHLEE:2011:BQ3556", modified: str = "2011-05-05T10:00:00",
         text: str = "Het hof vernietigt het vonnis.") -> Document:
    return Document(
        ecli=ecli,
        court=Court(name="Gerechtshof Leeuwarden", code="GHLEE", level=CourtLevel.hof),
        decision_date=dt.date(2011, 5, 4),
        modified=dt.datetime.fromisoformat(modified),
        procedures=["Hoger beroep"],
        text=text,
    )


@pytest.fixture()
def store(home: Path) -> Store:
    with Store.open(home) as s:
        yield s


def test_same_content_is_stored_once(store: Store) -> None:
    raw = b"<open-rechtspraak>one</open-rechtspraak>"
    assert store.upsert(raw, _doc()) is UpsertOutcome.inserted
    assert store.upsert(raw, _doc()) is UpsertOutcome.unchanged
    assert store.count() == 1
    assert store.versions("ECLI:NL:GHLEE:2011:BQ3556") == []
    assert store.raw_xml("ECLI:NL:GHLEE:2011:BQ3556") == raw


def test_newer_version_replaces_and_is_recorded(store: Store) -> None:
    store.upsert(b"<v1/>", _doc(modified="2011-05-05T10:00:00", text="eerste"))
    outcome = store.upsert(b"<v2/>", _doc(modified="2013-01-01T00:00:00", text="tweede"))
    assert outcome is UpsertOutcome.updated
    stored = store.get("ECLI:NL:GHLEE:2011:BQ3556")
    assert stored is not None and stored.document.text == "tweede"
    assert store.raw_xml("ECLI:NL:GHLEE:2011:BQ3556") == b"<v2/>"
    versions = store.versions("ECLI:NL:GHLEE:2011:BQ3556")
    assert len(versions) == 1 and versions[0]["doc_modified"] == "2011-05-05T10:00:00"


def test_older_version_does_not_overwrite(store: Store) -> None:
    store.upsert(b"<v2/>", _doc(modified="2013-01-01T00:00:00", text="tweede"))
    assert store.upsert(b"<v1/>", _doc(modified="2011-05-05T10:00:00")) is UpsertOutcome.stale
    assert store.raw_xml("ECLI:NL:GHLEE:2011:BQ3556") == b"<v2/>"


def test_withdrawal_marks_and_refetch_restores(store: Store) -> None:
    store.upsert(b"<v1/>", _doc())
    assert store.mark_withdrawn("ECLI:NL:GHLEE:2011:BQ3556", "doc")
    stored = store.get("ECLI:NL:GHLEE:2011:BQ3556")
    assert stored is not None and stored.status is Status.withdrawn
    assert store.count(status=Status.current) == 0
    # A withdrawal of something never stored is remembered, not lost.
    assert not store.mark_withdrawn("ECLI:NL:HR:2020:1", "ecli")
    assert store.stats()["withdrawn_not_stored"] == 1


def test_classification_round_trip(store: Store) -> None:
    reason = Reason(kind="article", match="273f", where="text", start=3, end=7)
    store.upsert(b"<v1/>", _doc(), Classification(trafficking=True, reasons=[reason],
                                                   classifier_version="t1"))
    stored = store.get("ECLI:NL:GHLEE:2011:BQ3556")
    assert stored is not None and stored.classification is not None
    assert stored.classification.reasons == [reason]
    assert store.eclis(trafficking=True) == ["ECLI:NL:GHLEE:2011:BQ3556"]
    store.set_classification("ECLI:NL:GHLEE:2011:BQ3556",
                             Classification(trafficking=False, classifier_version="t2"))
    assert store.eclis(trafficking=True) == []


def test_failed_transaction_leaves_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction() as conn:
        conn.execute("INSERT INTO crawl_state (key, value, updated_at) VALUES ('k', 'v', 'now')")
        raise RuntimeError("crash in the middle")
    assert store.get_cursor("k") is None


def test_quarantine_keeps_raw_bytes(store: Store) -> None:
    item_id = store.quarantine("file.xml", "not XML", b"\x00garbage")
    [item] = store.quarantined()
    assert item.id == item_id and item.reason == "not XML"
    assert store.quarantined_raw(item_id) == b"\x00garbage"


def test_iter_documents_streams_in_batches(store: Store) -> None:
    for i in range(7):
        store.upsert(f"<d{i}/>".encode(), _doc(ecli=f"ECLI:NL:RBAMS:2020:{i}"))
    assert [s.document.ecli for s in store.iter_documents(batch=3)] == [
        f"ECLI:NL:RBAMS:2020:{i}" for i in range(7)
    ]


def test_extractions_by_version(store: Store) -> None:
    store.upsert(b"<v1/>", _doc())
    store.put_extraction("ECLI:NL:GHLEE:2011:BQ3556", "p1", {"outcome": "conviction"})
    store.put_extraction("ECLI:NL:GHLEE:2011:BQ3556", "p1", {"outcome": "acquittal"})
    assert store.get_extraction("ECLI:NL:GHLEE:2011:BQ3556", "p1") == {"outcome": "acquittal"}
    assert store.stats()["extractions"] == 1


def test_a_new_store_can_give_free_pages_back(home: Path) -> None:
    # auto_vacuum must be set before the first page is written: WAL and then a table
    with Store.open(home) as s:
        assert s.conn.execute("PRAGMA auto_vacuum").fetchone()[0] == 2  # incremental
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_an_existing_store_keeps_its_auto_vacuum_mode(home: Path) -> None:
    path = home / "corpus.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE older (x)")  # a store made before auto_vacuum was set
    with Store.open(home) as s:  # no implicit VACUUM (it would rewrite the whole file)
        assert s.conn.execute("PRAGMA auto_vacuum").fetchone()[0] == 0
        assert s.count() == 0
