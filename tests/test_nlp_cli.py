"""`vonnis analyze`, `vonnis evaluate`, `vonnis extract`, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nlp.extract import extract
from nlp.models import RESULT_KEYS
from vonnis.cli import app

runner = CliRunner()


@pytest.mark.parametrize("text,reason", [
    ("", "empty"), ("   \n ", "empty"), ("Vonnis.", "too short"),
    ("The court of appeal dismissed the appeal and upheld the sentence imposed by the district "
     "court, because the defendant had not shown that the trial judge erred in law when he "
     "refused to admit the evidence of the witness.", "not Dutch"),
])
def test_bad_text_gives_empty_result_with_reason(text: str, reason: str) -> None:
    r = extract(text)
    assert r.reason is not None and r.reason.startswith(reason)
    assert r.outcome is None and r.prison_days_total is None and r.evidence == {}


def test_truncated_text_has_no_decision(shared_corpus: Path) -> None:
    # A partial excerpt that stops mid-sentence before the decision (MANIFEST: partial).
    data = json.loads((shared_corpus / "trafficking/ECLI_NL_HR_2019_40.json").read_text())
    r = extract(data["text"], meta={"court_level": "hoge_raad"})
    assert r.reason is not None and r.reason.startswith("truncated")
    assert r.outcome is None and r.prison_days_total is None


def test_analyze_json_lines(shared_corpus: Path) -> None:
    path = shared_corpus / "trafficking/ECLI_NL_GHLEE_2011_BQ3556.json"
    result = runner.invoke(app, ["analyze", str(path), "--json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1
    data = lines[0]
    assert data["file"] == str(path)
    assert set(RESULT_KEYS) <= set(data)
    assert data["prison_days_total"] == 960 and data["outcome"] == "conviction"
    text = json.loads(path.read_text())["text"]
    for spans in data["evidence"].values():
        for e in spans:
            assert text[e["start"]:e["end"]] == e["text"]


def test_analyze_bad_file_is_named_and_others_still_run(tmp_path: Path,
                                                       shared_corpus: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    no_text = tmp_path / "no_text.json"
    no_text.write_text('{"ecli": "X"}', encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(json.loads((shared_corpus / "criminal_full/ECLI_NL_RBLIM_2013_9527.json")
                               .read_text())["text"], encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(bad), str(no_text), str(good), "--json"])
    assert result.exit_code == 1
    assert "broken.json" in result.stderr and "malformed JSON" in result.stderr
    assert "no_text.json" in result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert [o["file"] for o in out] == [str(good)]
    assert out[0]["prison_days_total"] == 230


def test_analyze_open_data_xml(shared_corpus: Path) -> None:
    path = shared_corpus / "opendata_annotated/ECLI_NL_RBHAA_2007_BA1808.xml"
    result = runner.invoke(app, ["analyze", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout.splitlines()[0])
    assert data["court_level"] == "rechtbank" and data["outcome"] == "conviction"


def test_evaluate_gold_json(tmp_path: Path, shared_corpus: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    lines = [
        {"id": "lim", "source": str(shared_corpus / "criminal_full/ECLI_NL_RBLIM_2013_9527.json"),
         "outcome": "conviction", "prison_days_total": 230, "prison_days_suspended": 90,
         "exploitation_types": []},
        {"id": "wrong", "text": TAAK, "community_service_hours": 41},
    ]
    gold.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "--gold", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    keys = json.loads(result.stdout)["gold"]["keys"]
    assert keys["outcome"]["accuracy"] == 1.0
    assert keys["prison_total_and_suspended"]["accuracy"] == 1.0
    assert keys["community_service_hours"]["disagreements"] == [
        {"id": "wrong", "gold": 41, "pred": 40.0}]


TAAK = ("Beslissing\nDe rechtbank:\nVerklaart bewezen dat verdachte het ten laste gelegde heeft "
        "begaan.\nVeroordeelt verdachte tot een taakstraf van 40 (veertig) uren.")


def test_punishment_benchmark_scores_like_the_benchmark(shared_corpus: Path) -> None:
    result = runner.invoke(app, ["evaluate", "--punishment-benchmark",
                                 str(shared_corpus / "punishment_eval"), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)["punishment_benchmark"]
    assert report["published"]["f1"] == 0.9  # the benchmark's own figure, recomputed
    # 50 bold spans; the benchmark counts its "meer of anders ... vrij" boilerplate as a true
    # negative when skipped, and its one bold instance (RBOVE:2021:4354) is no positive in
    # `ours`, only in `ours_strict`
    assert report["ours_strict"]["tp"] + report["ours_strict"]["fn"] == 50
    assert report["ours"]["tp"] + report["ours"]["fn"] == 49
    assert report["ours"]["tp"] == report["ours_strict"]["tp"]
    assert "ECLI:NL:RBOVE:2021:4354" not in {c["ecli"] for c in report["wrong_cases"]}
    assert report["ours"]["f1"] > report["published"]["f1"]
    assert report["ours_in_scope"]["fp"] == 0


def test_extract_store_in_parallel(tmp_path: Path, shared_corpus: Path) -> None:
    """`vonnis extract --all --n-process 2` over a store filled with parsed XML."""
    from crawler.parse import parse_document
    from vonnis.store import Store

    home = tmp_path / "home"
    names = ["ECLI_NL_RBHAA_2007_BA1808.xml", "ECLI_NL_GHARN_2011_BQ0376.xml",
             "ECLI_NL_HR_2005_AR8225.xml"]
    with Store.open(home) as store:
        for name in names:
            raw = (shared_corpus / "opendata_annotated" / name).read_bytes()
            store.upsert(raw, parse_document(raw, name))
    result = runner.invoke(app, ["--home", str(home), "extract", "--all", "--n-process", "2"])
    assert result.exit_code == 0, result.output
    with Store.open(home) as store:
        stored = store.get_extraction("ECLI:NL:RBHAA:2007:BA1808")
    assert stored is not None and stored["prison_days_total"] == 540


def test_json_input_keeps_text_offsets_and_appends_fragments(shared_corpus: Path) -> None:
    from nlp.inputs import FRAGMENT_SEPARATOR, load

    path = shared_corpus / "trafficking" / "ECLI_NL_HR_2018_1945.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    text, meta = load(path)
    fragment = data["additional_fragments"][0]["text"]
    assert text == data["text"] + FRAGMENT_SEPARATOR + fragment
    assert meta["summary"] == data["inhoudsindicatie"]


def test_summary_only_document_is_read_from_its_inhoudsindicatie(shared_corpus: Path) -> None:
    path = shared_corpus / "trafficking" / "ECLI_NL_HR_2019_39.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["text"] == ""
    result = extract("", meta={"summary": data["inhoudsindicatie"], "court_level": "hoge_raad"})
    assert result.reason and result.reason.startswith("summary only")
    assert result.exploitation_types
    for span in result.evidence["exploitation_types"]:
        assert span.section == "inhoudsindicatie"
        assert data["inhoudsindicatie"][span.start:span.end] == span.text


def test_terse_legal_summary_is_read() -> None:
    # A real inhoudsindicatie (ECLI:NL:GHARL:2021:3635 in the 2021 feed of
    # ../shared/corpus/opendata/feeds): mostly legal words, still Dutch.
    summary = ("Mensenhandel. Veroordeling art. 273f lid 1 sub 1, 3, 4, 6 en 9 Sr. "
               "GS 33 maanden m.a. Schending redelijke termijn.")
    result = extract("", meta={"summary": summary, "court_level": "hof"})
    assert result.reason and result.reason.startswith("summary only")
    assert result.outcome == "conviction" and result.convicted_of_trafficking is True


@pytest.mark.parametrize("args, message", [
    (["--split", "bogus"], "no gold line has split 'bogus'"),
    ([], "not JSON"),
])
def test_evaluate_bad_gold_or_split_is_a_clear_error(tmp_path: Path, args: list[str],
                                                     message: str) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "text": "x", "split": "dev"}\nnot json\n' if not args
                    else '{"id": "a", "text": "x", "split": "dev"}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", "--gold", str(gold), *args])
    assert result.exit_code == 2
    assert message in result.output


def test_evaluate_reads_a_feed_entry_by_its_summary(tmp_path: Path, shared_corpus: Path) -> None:
    # ECLI:NL:RBMNE:2021:304 in the real 2021 feed: "De rechtbank heeft verdachte veroordeeld
    # ter zake mensenhandel. Aan verdachte is een gevangenisstraf voor de duur van 24 maanden
    # opgelegd ..." (the feed carries only the summary).
    feed = shared_corpus / "opendata/feeds/strafrecht_2021_results_from_1.atom"
    if b"ECLI:NL:RBMNE:2021:304" not in feed.read_bytes():
        pytest.skip("entry not in this copy of the feed")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({
        "id": "ECLI:NL:RBMNE:2021:304", "outcome": "conviction",
        "convicted_of_trafficking": True, "court_level": "rechtbank",
        "source": "corpus:opendata/feeds/strafrecht_2021_results_from_1.atom"
                  "#ECLI:NL:RBMNE:2021:304"}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "--gold", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    keys = json.loads(result.stdout)["gold"]["keys"]
    for key in ("outcome", "convicted_of_trafficking", "court_level"):
        assert keys[key]["accuracy"] == 1.0, keys[key]


def test_evaluate_missing_feed_entry_is_a_clear_error(tmp_path: Path,
                                                      shared_corpus: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({
        "id": "x", "outcome": "conviction",
        "source": str(shared_corpus / "opendata/feeds/strafrecht_2021_results_from_1.atom")
                  + "#ECLI:NL:XX:2021:0"}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "--gold", str(gold)])
    assert result.exit_code == 2
    assert "no feed entry ECLI:NL:XX:2021:0" in result.output


def test_evaluate_reads_one_section_of_the_punishment_benchmark(tmp_path: Path,
                                                                shared_corpus: Path) -> None:
    # punishment_eval.jsonl, ECLI:NL:RBAMS:2021:2514 section 1: "... veroordeelt verdachte tot
    # een gevangenisstraf voor de duur van 42 (tweeënveertig) maanden" (coded blind)
    source = "corpus:punishment_eval/punishment_eval.jsonl#ECLI:NL:RBAMS:2021:2514#1"
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "a", "source": source, "outcome": "conviction",
                                "prison_days_total": 1260}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "--gold", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    keys = json.loads(result.stdout)["gold"]["keys"]
    assert keys["outcome"]["accuracy"] == keys["prison_days_total"]["accuracy"] == 1.0
    gold.write_text(json.dumps({"id": "b", "source": source.replace("#1", "#9"),
                                "outcome": "conviction"}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "--gold", str(gold)])
    assert result.exit_code == 2
    assert "no line with ecli ECLI:NL:RBAMS:2021:2514 and section_index 9" in result.output
    # a benchmark file whose line has no text: the same clear error, not a crash
    bench = tmp_path / "bench.jsonl"
    bench.write_text(json.dumps({"ecli": "ECLI:NL:X:1", "section_index": 1}) + "\n",
                     encoding="utf-8")
    gold.write_text(json.dumps({"id": "c", "source": f"{bench}#ECLI:NL:X:1#1",
                                "outcome": "conviction"}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "--gold", str(gold)])
    assert result.exit_code == 2
    assert "no line with ecli ECLI:NL:X:1 and section_index 1" in result.output


def test_json_with_null_text_is_read_through_its_summary(tmp_path: Path) -> None:
    # a decision published as its inhoudsindicatie only (text null): a result with a reason,
    # not an error; the summary is ECLI:NL:RBMNE:2021:304's in the 2021 feed
    path = tmp_path / "summary_only.json"
    path.write_text(json.dumps({
        "ecli": "ECLI:NL:RBMNE:2021:304", "court": "Rechtbank Midden-Nederland", "text": None,
        "inhoudsindicatie": "De rechtbank heeft verdachte veroordeeld ter zake mensenhandel. Aan "
                            "verdachte is een gevangenisstraf voor de duur van 24 maanden "
                            "opgelegd."}), encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(path), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["reason"].startswith("summary only")
    assert (out["outcome"], out["prison_days_total"]) == ("conviction", 720)
