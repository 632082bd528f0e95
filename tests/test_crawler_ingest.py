"""Bulk import from a directory and from a nested Open Data zip: counts, quarantine, topics,
idempotency, and the `vonnis ingest` / `vonnis classify` commands."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crawler.ingest import ingest
from crawler.parse import parse_document
from tests.conftest import SAMPLES
from vonnis.store import Store

OPENDATA = sorted((SAMPLES / "opendata").glob("*.xml"))  # 9: 5 of them not criminal law
ANNOTATED = sorted((SAMPLES / "opendata_annotated").glob("*.xml"))  # 11, all criminal
NON_CRIMINAL = {"ECLI_NL_GHSHE_2014_1641", "ECLI_NL_PHR_2000_AA4938", "ECLI_NL_PHR_2011_BP5608",
                "ECLI_NL_RBDHA_2013_15631", "ECLI_NL_RBGEL_2015_6991"}
ALL_SAMPLES = sorted(SAMPLES.glob("**/*.xml"))


def open_store(tmp_path: Path) -> Store:
    return Store(tmp_path / "home" / "corpus.sqlite")


def zip_bytes(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def crc_broken_zip(name: str, data: bytes) -> bytes:
    """A zip whose one (stored) member fails its CRC check when read."""
    raw = zip_bytes({name: data}, zipfile.ZIP_STORED)
    at = raw.index(b"<open-rechtspraak>") + 1
    return raw[:at] + b"O" + raw[at + 1:]


@pytest.fixture()
def nested_zip(tmp_path: Path) -> Path:
    """The Open Data dump's shape: an outer zip holding one zip per month."""
    truncated = OPENDATA[0].read_bytes()[:5000]
    trafficking = SAMPLES / "reconstructed/trafficking/ECLI_NL_GHLEE_2011_BQ3556.xml"
    outer = {
        "OpenDataUitspraken/2021/202101.zip": zip_bytes(
            {f"202101/{p.name}": p.read_bytes() for p in OPENDATA}),
        "OpenDataUitspraken/2021/202102.zip": zip_bytes(
            {**{f"202102/{p.name}": p.read_bytes() for p in ANNOTATED},
             "202102/ECLI_NL_XX_2021_1.xml": truncated}, zipfile.ZIP_STORED),
        "OpenDataUitspraken/2021/202103.zip": b"PK\x03\x04 this is not a zip at all",
        "OpenDataUitspraken/2021/202104.zip": crc_broken_zip(
            "202104/ECLI_NL_HR_1988_AD0289.xml", (SAMPLES / "opendata" /
                                                  "ECLI_NL_HR_1988_AD0289.xml").read_bytes()),
        "OpenDataUitspraken/README.txt": b"not a document",
        "OpenDataUitspraken/ECLI_NL_GHLEE_2011_BQ3556.xml": trafficking.read_bytes(),
    }
    path = tmp_path / "OpenDataUitspraken.zip"
    path.write_bytes(zip_bytes(outer))
    return path


def test_ingest_directory(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        report = ingest(SAMPLES, store, progress=False)
        assert report.documents == len(ALL_SAMPLES) == 128
        assert report.quarantined == 0
        assert report.skipped == len(NON_CRIMINAL)
        assert report.inserted == store.count() == 128 - len(NON_CRIMINAL)
        assert report.trafficking == store.count(trafficking=True) == 25
        assert report.ignored == 1  # samples/README.md
        # what is stored is exactly what the parser makes of the raw bytes
        path = SAMPLES / "reconstructed/trafficking/ECLI_NL_RBHAA_2006_BD5491.xml"
        stored = store.get("ECLI:NL:RBHAA:2006:BD5491")
        assert stored is not None and stored.classification is not None
        assert stored.document == parse_document(path.read_bytes())
        assert store.raw_xml("ECLI:NL:RBHAA:2006:BD5491") == path.read_bytes()
        assert stored.classification.trafficking


def test_ingest_twice_is_idempotent(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        first = ingest(SAMPLES, store, progress=False)
        rows = store.count()
        second = ingest(SAMPLES, store, progress=False)
        assert second.unchanged == first.inserted == rows == store.count()
        assert second.inserted == second.updated == second.stale == second.quarantined == 0
        assert store.stats()["superseded_versions"] == 0


def test_ingest_with_worker_processes_gives_the_same_store(tmp_path: Path) -> None:
    folder = SAMPLES / "reconstructed"
    with Store(tmp_path / "one.sqlite") as one, Store(tmp_path / "two.sqlite") as two:
        serial = ingest(folder, one, progress=False)
        parallel = ingest(folder, two, progress=False, workers=2)
        assert parallel == serial and parallel.inserted == 108
        assert one.eclis() == two.eclis()
        for ecli in ("ECLI:NL:GHLEE:2011:BQ3556", "NOECLI:NL:RBMNE:2015-09-15:16-705621-14"):
            a, b = one.get(ecli), two.get(ecli)
            assert a is not None and b is not None
            assert a.document == b.document and a.classification == b.classification


def test_topic_all_stores_every_document(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        report = ingest(SAMPLES / "opendata", store, topic="all", progress=False)
        assert report.inserted == len(OPENDATA) and report.skipped == 0
        # the metadata-only response has no subject: stored under either topic
    with Store(tmp_path / "other.sqlite") as store:
        report = ingest(SAMPLES / "opendata", store, progress=False)
        assert report.inserted == len(OPENDATA) - len(NON_CRIMINAL)
        assert store.has("ECLI:NL:PHR:2013:1528")
        assert not any(store.has(stem.replace("_", ":")) for stem in NON_CRIMINAL)


def test_ingest_nested_zip_with_corrupt_members(tmp_path: Path, nested_zip: Path) -> None:
    with open_store(tmp_path) as store:
        report = ingest(nested_zip, store, progress=False)
        good = len(OPENDATA) - len(NON_CRIMINAL) + len(ANNOTATED) + 1
        assert report.inserted == store.count() == good
        assert report.skipped == len(NON_CRIMINAL)
        assert report.quarantined == 3
        assert report.documents == good + len(NON_CRIMINAL) + 3
        assert report.trafficking == 1 and store.count(trafficking=True) == 1
        items = {item.source.split("!", 1)[1]: item for item in store.quarantined()}
        assert set(items) == {
            "OpenDataUitspraken/2021/202102.zip!202102/ECLI_NL_XX_2021_1.xml",
            "OpenDataUitspraken/2021/202103.zip",
            "OpenDataUitspraken/2021/202104.zip!202104/ECLI_NL_HR_1988_AD0289.xml",
        }
        truncated = items["OpenDataUitspraken/2021/202102.zip!202102/ECLI_NL_XX_2021_1.xml"]
        assert truncated.reason.startswith("malformed XML")
        assert store.quarantined_raw(truncated.id) == OPENDATA[0].read_bytes()[:5000]
        assert items["OpenDataUitspraken/2021/202103.zip"].reason.startswith("bad zip member")
        crc = items["OpenDataUitspraken/2021/202104.zip!202104/ECLI_NL_HR_1988_AD0289.xml"]
        assert "CRC" in crc.reason
        assert all(item.source.startswith(str(nested_zip) + "!") for item in items.values())
        # members of both a deflated and a stored inner zip arrived
        assert store.has("ECLI:NL:HR:1984:AC8252") and store.has("ECLI:NL:HR:2008:BD4872")
        assert store.has("ECLI:NL:GHLEE:2011:BQ3556")

        again = ingest(nested_zip, store, progress=False)
        assert again.unchanged == good and again.inserted == 0
        assert again.quarantined == 3
        assert len(store.quarantined()) == 3  # replaced, not piled up


def test_quarantine_is_cleared_once_a_source_imports(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    doc = folder / "ECLI_NL_HR_1992_BA5424.xml"
    good = (SAMPLES / "opendata/ECLI_NL_HR_1992_BA5424.xml").read_bytes()
    doc.write_bytes(good[:-40])
    with open_store(tmp_path) as store:
        assert ingest(folder, store, progress=False).quarantined == 1
        assert [i.source for i in store.quarantined()] == [str(doc)]
        doc.write_bytes(good)
        report = ingest(folder, store, progress=False)
        assert report.inserted == 1 and report.quarantined == 0
        assert store.quarantined() == []


def test_single_file_and_bad_arguments(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        report = ingest(SAMPLES / "opendata/ECLI_NL_HR_1984_AC8252.xml", store, progress=False)
        assert report.inserted == 1
        with pytest.raises(FileNotFoundError):
            ingest(tmp_path / "missing", store, progress=False)
        with pytest.raises(ValueError, match="topic"):
            ingest(SAMPLES, store, topic="civil", progress=False)


def test_corrupt_outer_zip_is_quarantined(tmp_path: Path) -> None:
    path = tmp_path / "broken.zip"
    path.write_bytes(b"not a zip")
    with open_store(tmp_path) as store:
        report = ingest(path, store, progress=False)
        assert report.quarantined == 1 and report.documents == 1
        assert store.quarantined()[0].reason.startswith("bad zip file")


# -- commands ------------------------------------------------------------------------------


def run(*args: str):
    from vonnis.cli import app

    return CliRunner().invoke(app, list(args))


def test_cli_ingest_and_classify(tmp_path: Path) -> None:
    home = str(tmp_path / "home")
    result = run("--home", home, "ingest", str(SAMPLES / "reconstructed"), "--no-progress")
    assert result.exit_code == 0, result.output
    assert "108 documents read" in result.output and "108 inserted" in result.output
    result = run("--home", home, "classify", "--no-progress")
    assert result.exit_code == 0, result.output
    assert "108 documents classified" in result.output and "Flags changed: 0" in result.output


def test_cli_errors_and_exit_codes(tmp_path: Path) -> None:
    home = str(tmp_path / "home")
    result = run("--home", home, "ingest", str(tmp_path / "missing"))
    assert result.exit_code == 2
    assert "does not exist" in " ".join(result.output.replace("│", " ").split())

    result = run("--home", home, "ingest", str(SAMPLES), "--topic", "civil")
    assert result.exit_code == 2

    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "a.xml").write_bytes(b"<open-rechtspraak>")
    result = run("--home", home, "ingest", str(broken), "--no-progress")
    assert result.exit_code == 1  # documents found, none usable

    (broken / "b.xml").write_bytes((SAMPLES / "opendata/ECLI_NL_HR_1992_BA5424.xml")
                                   .read_bytes())
    result = run("--home", home, "ingest", str(broken), "--no-progress")
    assert result.exit_code == 0 and "1 quarantined" in result.output
    result = run("--home", home, "ingest", str(broken), "--no-progress", "--strict")
    assert result.exit_code == 1


def test_cli_help() -> None:
    for command in ("ingest", "classify"):
        result = run(command, "--help")
        assert result.exit_code == 0
    assert "--topic" in run("ingest", "--help").output
