"""`vonnis ingest`, `show --json` and `stats --json` from the command line, on real samples."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from vonnis.cli import app

SHOW_KEYS = {
    "ecli", "court", "court_code", "court_level", "decision_date", "publication_date",
    "case_numbers", "procedure", "subjects", "relations", "references", "summary", "text",
    "trafficking", "trafficking_reasons", "status",
}

runner = CliRunner()


def test_ingest_show_stats(home: Path, samples_dir: Path) -> None:
    result = runner.invoke(app, ["--home", str(home), "ingest", str(samples_dir / "opendata"),
                                 "--topic", "all", "--no-progress"])
    assert result.exit_code == 0, result.output

    result = runner.invoke(app, ["--home", str(home), "show", "ECLI:NL:HR:1992:BA5424", "--json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert set(shown) == SHOW_KEYS
    assert shown["court_code"] == "HR" and shown["court_level"] == "hoge_raad"
    assert shown["decision_date"] == "1992-12-15"
    assert shown["case_numbers"] == ["92735"]
    assert shown["status"] == "current"
    assert "Wat voor zin heeft het om mij te verkrachten" in shown["summary"]

    result = runner.invoke(app, ["--home", str(home), "stats", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["documents"] == len(list((samples_dir / "opendata").glob("*.xml"))) \
        - figures["quarantine"]
    assert figures["by_court"]["Hoge Raad"] >= 1


def test_show_unknown_ecli_fails_clearly(home: Path) -> None:
    result = runner.invoke(app, ["--home", str(home), "show", "ECLI:NL:HR:2099:1"])
    assert result.exit_code == 1
    assert "not in the store" in result.output


def test_show_keeps_pseudonyms_visible(home: Path, samples_dir: Path) -> None:
    runner.invoke(app, ["--home", str(home), "ingest", str(samples_dir), "--no-progress"])
    result = runner.invoke(app, ["--home", str(home), "show", "ECLI:NL:RBHAA:2006:BD5491"])
    assert result.exit_code == 0, result.output
    assert "[verdachte]" in result.output


def test_crawl_bad_dates_are_named_before_anything_runs(tmp_path: Path) -> None:
    home = tmp_path / "home"
    for args, option in ((["--since", "2024-01-01", "--until", "notadate"], "--until"),
                         (["--since", "yesterday"], "--since"),
                         (["--from", "2024-13-01"], "--from")):
        result = runner.invoke(app, ["--home", str(home), "crawl", *args])
        assert result.exit_code == 2, result.output
        assert f"Invalid value for {option}" in result.output
        assert "Traceback" not in result.output
    assert not home.exists()  # no request, no store
