"""The transformer stage's parts that need no torch: gold loading, metrics, the CLI without
the extra. They run on the core install too."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nlp.transformer import LABELS, MissingExtraError, require
from nlp.transformer.data import GoldError, load_gold, resolve_source
from nlp.transformer.metrics import multilabel_metrics
from nlp.transformer.roles import ROLES, load_role_gold, sentence_examples

REPO = Path(__file__).resolve().parent.parent
SMALL_GOLD = REPO / "tests" / "gold" / "exploitation_small.jsonl"
ROLES_GOLD = REPO / "tests" / "gold" / "sentence_roles_small.jsonl"


def write_gold(path: Path, lines: list[dict | str]) -> Path:
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n"
                            for line in lines), encoding="utf-8")
    return path


def test_labels_are_the_extraction_schema_labels() -> None:
    assert LABELS == ("sexual", "labour", "criminal", "begging", "organ_removal", "other")


def test_small_gold_reads_real_judgments(shared_corpus: Path) -> None:
    gold = load_gold(SMALL_GOLD)
    assert len(gold.examples) == 30 and not gold.skipped
    counts = gold.label_counts()
    assert counts["sexual"] >= 10 and counts["labour"] >= 8 and counts["criminal"] >= 4
    by_id = {e.id: e for e in gold.examples}
    complete = by_id["NOECLI_RBMNE_2015-09-15_16-705621-14"]
    assert len(complete.text) > 40_000 and "mensenhandel" in complete.text
    with_summary = by_id["ECLI_NL_HR_2024_156"]
    assert with_summary.summary and "au-pairs" in with_summary.summary
    # None of it is in the rule pipeline's held-out gold (never used to tune, see its README).
    held_out = (REPO / "tests" / "gold" / "heldout.jsonl")
    if held_out.is_file():
        held = {json.loads(line).get("source") for line in held_out.read_text().splitlines()
                if line.strip()}
        assert not held & {e.source for e in gold.examples}
    # An excerpt without court text still trains on its inhoudsindicatie.
    summary_only = by_id["ECLI_NL_HR_2019_383"]
    assert summary_only.text == "" and "aardbeienkwekerij" in summary_only.summary
    negatives = [e for e in gold.examples if not e.labels]
    assert len(negatives) == 6 and all("mensenhandel" not in e.text for e in negatives)
    assert len(gold.sha256) == 64


def test_inline_text_relative_source_and_comments(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Zij moest in de prostitutie werken.",
                                             encoding="utf-8")
    (tmp_path / "docs" / "b.json").write_text(json.dumps(
        {"ecli": "ECLI:NL:HR:2020:1", "text": "Tekst.", "inhoudsindicatie": "Arbeid."}),
        encoding="utf-8")
    gold = load_gold(write_gold(tmp_path / "g.jsonl", [
        "// a comment line",
        {"id": "x", "text": "Winkeldiefstallen laten plegen.", "exploitation_types": ["criminal"]},
        {"source": "docs/a.txt", "exploitation_types": ["sexual", "sexual"]},
        {"file": "docs/b.json", "exploitation_types": ["labour", "sexual"]},
        {"id": "unlabelled", "text": "Iets.", "outcome": "conviction"},
        {"id": "none", "text": "Diefstal.", "exploitation_types": []},
    ]))
    assert [e.id for e in gold.examples] == ["x", "a", "ECLI:NL:HR:2020:1", "none"]
    assert gold.examples[1].labels == ["sexual"]
    assert gold.examples[2].labels == ["sexual", "labour"]  # LABELS order
    assert gold.examples[2].summary == "Arbeid."
    assert gold.examples[3].targets() == [0.0] * len(LABELS)
    assert gold.skipped == ["line 5 (unlabelled): no exploitation_types"]


def test_corpus_prefix_resolves_in_the_shared_corpus(shared_corpus: Path) -> None:
    path = resolve_source("corpus:trafficking/ECLI_NL_HR_2024_156.json", SMALL_GOLD)
    assert path.is_file() and path.parent.parent == shared_corpus


def test_xml_source_goes_through_the_open_data_parser(tmp_path: Path,
                                                      samples_dir: Path) -> None:
    xml = next(p for p in sorted((samples_dir / "opendata").glob("*.xml"))
               if "1528" not in p.name)  # not the metadata-only response
    gold = load_gold(write_gold(tmp_path / "g.jsonl", [
        {"source": str(xml), "exploitation_types": []}]))
    example = gold.examples[0]
    assert example.id.startswith("ECLI:NL:") and len(example.text) > 500


@pytest.mark.parametrize(("lines", "message"), [
    ([{"id": "a", "text": "x", "outcome": "conviction"}], "no usable line"),
    ([{"id": "a", "text": "x", "exploitation_types": ["slavery"]}], "unknown exploitation"),
    ([{"id": "a", "text": "x", "exploitation_types": "sexual"}], "must be a list"),
    ([{"id": "a", "exploitation_types": ["sexual"]}], "needs 'text' or a source"),
    ([{"id": "a", "source": "nope.json", "exploitation_types": []}], "source file not found"),
    ([{"id": "a", "text": "x", "exploitation_types": []},
      {"id": "a", "text": "y", "exploitation_types": []}], "duplicate id"),
    (["{not json"], "not valid JSON"),
])
def test_bad_gold_gives_a_clear_error(tmp_path: Path, lines: list, message: str) -> None:
    with pytest.raises(GoldError, match=message):
        load_gold(write_gold(tmp_path / "g.jsonl", lines))


def test_missing_gold_file(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="gold file not found"):
        load_gold(tmp_path / "absent.jsonl")


def test_multilabel_metrics() -> None:
    m = multilabel_metrics(LABELS, [["sexual"], ["labour"], [], ["sexual", "criminal"]],
                           [["sexual"], ["sexual"], [], ["sexual"]])
    assert m["per_label"]["sexual"] == {"precision": 2 / 3, "recall": 1.0, "f1": 0.8,
                                        "support": 2, "tp": 2, "fp": 1, "fn": 0}
    assert m["per_label"]["labour"]["recall"] == 0.0
    assert m["per_label"]["begging"]["f1"] is None  # never in gold nor predicted
    assert m["micro"]["precision"] == 2 / 3 and m["micro"]["recall"] == 0.5
    assert m["exact_match"] == 0.5
    assert m["macro_f1"] == pytest.approx((0.8 + 0.0 + 0.0) / 3)


def test_missing_extra_is_reported_clearly(monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "torch", None)  # makes `import torch` fail
    with pytest.raises(MissingExtraError, match=r"vonnis\[transformers\]"):
        require()
    from vonnis.cli import app

    result = CliRunner().invoke(app, ["train", "--gold", str(SMALL_GOLD), "--base-model",
                                      str(tmp_path), "--out", str(tmp_path / "m")])
    assert result.exit_code == 1
    assert "install 'vonnis[transformers]'" in result.output


def test_help_lists_train_without_importing_torch() -> None:
    import subprocess

    code = ("import sys; from typer.testing import CliRunner; from vonnis.cli import app; "
            "r = CliRunner().invoke(app, ['--help']); "
            "print('train' in r.output, 'torch' in sys.modules, 'transformers' in sys.modules, "
            "'nlp.transformer.component' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                         text=True, check=True).stdout.split()
    # `train` is listed, and registering it loaded neither torch nor (through the spaCy
    # component) spaCy.
    assert out == ["True", "False", "False", "False"]


def test_sentence_role_gold_reads_real_judgments(shared_corpus: Path) -> None:
    gold = load_role_gold(ROLES_GOLD)
    assert len(gold.docs) == 10
    counts = gold.role_counts()
    # lower_court: the 5 gold spans are one sentence each (a span is counted per sentence).
    assert counts["decision"] > 100 and counts["demand"] >= 10 and counts["lower_court"] >= 5
    assert counts["other"] > 1000
    doc = next(d for d in gold.docs if d.id.startswith("NOECLI_RBMNE_2015"))
    roles = {doc.text[s.start:s.end]: s.role for s in doc.sentences}
    assert roles["Veroordeelt verdachte tot een gevangenisstraf van 18 maanden."] == "decision"
    assert roles["De officier van justitie heeft gevorderd:"] == "demand"
    demand_item = next(s for s in doc.sentences
                       if doc.text[s.start:s.end].startswith("een gevangenisstraf van 20"))
    assert demand_item.role == "demand" and demand_item.context  # the sentence before it
    # "ignore" regions leave their sentences out altogether.
    appeal = next(d for d in gold.docs if d.id == "NOECLI_GHARL_2019-12-09_21-002041-17")
    assert not any("Het hof komt tot een deels andere bewezenverklaring" in
                   appeal.text[s.start:s.end] for s in appeal.sentences)
    assert sum(s.role == "lower_court" for s in appeal.sentences) == 1


def test_sentence_roles_from_regions_and_bad_regions(tmp_path: Path) -> None:
    text = "De officier van justitie heeft gevorderd: zes maanden. Veroordeelt verdachte tot " \
           "vier maanden. Dit vonnis is gewezen door mr. A."
    examples = sentence_examples(text, [(0, 54, "demand"), (55, 95, "decision")])
    assert [(text[s.start:s.end], s.role) for s in examples] == [
        ("De officier van justitie heeft gevorderd: zes maanden.", "demand"),
        ("Veroordeelt verdachte tot vier maanden.", "decision"),
        ("Dit vonnis is gewezen door mr. A.", "other"),
    ]
    assert set(ROLES) == {"decision", "demand", "lower_court", "other"}
    bad = [
        ({"text": "Niet in de tekst.", "role": "decision"}, "not found"),
        ({"start": 0, "end": 10, "role": "verdict"}, "needs a role"),
        ({"start": 0, "end": 10, "role": "demand", "check": "Het hof"}, "reads"),
        ({"start": 5, "end": 500, "role": "demand"}, "bad region offsets"),
    ]
    for region, message in bad:
        gold = write_gold(tmp_path / "r.jsonl", [{"id": "a", "text": text,
                                                   "sentence_roles": [region]}])
        with pytest.raises(GoldError, match=message):
            load_role_gold(gold)
