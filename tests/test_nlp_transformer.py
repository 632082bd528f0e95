"""The transformer stage end to end, offline: a tiny BERT built here from real judgment text,
fine-tuned by the real `vonnis train` code on a small gold of real judgments
(tests/gold/exploitation_small.jsonl), saved, loaded, used for prediction, and its
predictions reaching the extraction output through the spaCy pipeline.

These tests check behaviour (files written, labels valid, scores in [0, 1], offline loading,
falling training loss, the pipeline taking the model's labels), not the accuracy of a tiny
model trained for a few steps.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

# No model hub, ever; one torch thread so a busy CI machine is not oversubscribed.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("VONNIS_TORCH_THREADS", "1")

REASON = "torch/transformers not installed (the optional extra vonnis[transformers])"
torch = pytest.importorskip("torch", reason=REASON)
pytest.importorskip("transformers", reason=REASON)
pytest.importorskip("tokenizers", reason=REASON)

from typer.testing import CliRunner  # noqa: E402

from nlp.transformer import LABELS, MODEL_CARD  # noqa: E402
from nlp.transformer.train import TrainConfig, TrainError, train  # noqa: E402
from tests.tiny_model import build_tiny_base_model, corpus_texts  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SMALL_GOLD = REPO / "tests" / "gold" / "exploitation_small.jsonl"
TRAIN_ARGS = ["--epochs", "2", "--batch-size", "4", "--lr", "1e-3", "--max-length", "128",
              "--max-windows", "6", "--seed", "7", "--quiet"]


@pytest.fixture(scope="module")
def base_model(tmp_path_factory: pytest.TempPathFactory, shared_corpus: Path) -> Path:
    texts = corpus_texts([shared_corpus / "criminal_full", shared_corpus / "trafficking"])
    return build_tiny_base_model(tmp_path_factory.mktemp("tiny") / "base", texts)


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory, base_model: Path) -> tuple[Path, str]:
    """The model as `vonnis train` saves it, and what the command printed."""
    from vonnis.cli import app

    out = tmp_path_factory.mktemp("trained") / "model"
    result = CliRunner().invoke(app, ["train", "--gold", str(SMALL_GOLD), "--base-model",
                                      str(base_model), "--out", str(out), *TRAIN_ARGS])
    assert result.exit_code == 0, result.output
    return out, result.output


@pytest.fixture(scope="module")
def classifier(trained: tuple[Path, str]):
    from nlp.transformer.predict import ExploitationClassifier

    return ExploitationClassifier.load(trained[0])


def _text(shared_corpus: Path, name: str) -> tuple[str, str | None]:
    data = json.loads((shared_corpus / "trafficking" / name).read_text(encoding="utf-8"))
    return data["text"], data.get("inhoudsindicatie")


def test_tiny_base_model_has_the_asked_shape(base_model: Path) -> None:
    config = json.loads((base_model / "config.json").read_text())
    assert (config["hidden_size"], config["num_hidden_layers"], config["num_attention_heads"],
            config["intermediate_size"]) == (64, 2, 2, 128)
    assert (base_model / "tokenizer.json").is_file()


def test_windows_cover_the_text_and_cap_by_cues(base_model: Path, shared_corpus: Path) -> None:
    from nlp.transformer.modeling import load_tokenizer
    from nlp.transformer.windows import make_windows

    tokenizer = load_tokenizer(base_model)
    text, summary = _text(shared_corpus, "ECLI_NL_GHLEE_2011_BQ3556.json")
    every = make_windows(tokenizer, text, summary, max_length=128, stride=32, max_windows=None)
    body = [w for w in every if w.source == "text"]
    assert every[0].source == "summary" and len(body) > 50
    assert all(len(w.input_ids) <= 128 for w in every)
    assert body[0].start == 0 and body[-1].end == len(text.rstrip())
    # Consecutive windows overlap, so no phrase is lost at a border.
    assert all(b.start < a.end for a, b in zip(body, body[1:], strict=False))
    capped = make_windows(tokenizer, text, summary, max_length=128, stride=32, max_windows=6)
    assert len(capped) == 6 and capped[0].source == "summary"
    kept = capped[1:]
    assert [w.start for w in kept] == sorted(w.start for w in kept)  # reading order
    assert min(w.priority for w in kept) >= sorted((w.priority for w in body),
                                                   reverse=True)[len(kept) - 1]
    assert make_windows(tokenizer, "  ", None, max_length=128) == []


def test_sentence_spans() -> None:
    from nlp.transformer.predict import sentence_spans

    text = "Eerste zin. Tweede zin;  derde\n\nvierde zin!  "
    assert [text[a:b] for a, b in sentence_spans(text, 0, len(text))] == [
        "Eerste zin.", "Tweede zin;", "derde", "vierde zin!"]
    assert [text[a:b] for a, b in sentence_spans(text, 12, 30)] == ["Tweede zin;", "derde"]


def test_train_writes_model_tokenizer_and_card(trained: tuple[Path, str],
                                               base_model: Path) -> None:
    out, output = trained
    for name in ("config.json", "model.safetensors", "tokenizer.json", MODEL_CARD):
        assert (out / name).is_file(), name
    card = json.loads((out / MODEL_CARD).read_text(encoding="utf-8"))
    assert card["labels"] == list(LABELS) and card["threshold"] == 0.5
    assert card["base_model"] == str(base_model.resolve())
    trained_on = card["trained_on"]
    assert trained_on["documents"] == 30 and trained_on["gold"] == str(SMALL_GOLD)
    assert len(trained_on["train_ids"]) + len(trained_on["validation_ids"]) == 30
    assert not set(trained_on["train_ids"]) & set(trained_on["validation_ids"])
    assert card["date"][:2] == "20" and card["params"]["max_length"] == 128
    metrics = card["metrics"]
    assert metrics["documents"] == len(trained_on["validation_ids"]) >= 4
    assert set(metrics["per_label"]) == set(LABELS)
    config = json.loads((out / "config.json").read_text())
    assert config["problem_type"] == "multi_label_classification"
    assert [config["id2label"][str(i)] for i in range(len(LABELS))] == list(LABELS)
    assert f"saved {out}" in output and "validation (" in output


def test_training_reduces_the_loss_on_the_training_set(trained: tuple[Path, str]) -> None:
    card = json.loads((trained[0] / MODEL_CARD).read_text(encoding="utf-8"))
    assert card["train_loss_after"] < card["train_loss_before"]
    assert len(card["history"]) == 2


def test_loaded_model_predicts_valid_labels_and_scores(classifier, shared_corpus: Path
                                                       ) -> None:
    names = ["ECLI_NL_GHLEE_2011_BQ3556.json", "ECLI_NL_HR_2024_156.json",
             "ECLI_NL_PHR_2020_73.json"]
    docs = [_text(shared_corpus, n) for n in names]
    predictions = classifier.predict([t for t, _ in docs], [s for _, s in docs])
    assert len(predictions) == 3
    for prediction in predictions:
        assert set(prediction.scores) == set(LABELS)
        assert all(0.0 <= s <= 1.0 for s in prediction.scores.values())
        assert set(prediction.labels) <= set(LABELS)
        assert prediction.labels == [lab for lab in LABELS
                                     if prediction.scores[lab] >= classifier.threshold]
    # Batching across documents gives the same scores as one by one.
    one = classifier.predict_one(*docs[1])
    assert one.scores == pytest.approx(predictions[1].scores, abs=1e-4)


def test_threshold_and_evidence_spans(trained: tuple[Path, str], shared_corpus: Path) -> None:
    from nlp.transformer.predict import ExploitationClassifier

    text, _summary = _text(shared_corpus, "ECLI_NL_GHLEE_2011_BQ3556.json")
    low = ExploitationClassifier.load(trained[0], threshold=0.01).predict_one(text)
    assert low.labels == list(LABELS)
    for label, span in low.spans.items():
        # Narrowed to one sentence inside the window that gave the label its score.
        assert span["source"] == "text" and span["score"] == low.scores[label]
        assert 0 <= span["window_start"] <= span["start"] < span["end"] <= span["window_end"]
        assert span["window_end"] <= len(text)
        assert "\n" not in text[span["start"]:span["end"]].strip()
    wide = ExploitationClassifier.load(trained[0], threshold=0.01).predict([text], narrow=False)
    for span in wide[0].spans.values():
        assert (span["start"], span["end"]) == (span["window_start"], span["window_end"])
    assert ExploitationClassifier.load(trained[0], threshold=0.99).predict_one(text).labels == []
    empty = ExploitationClassifier.load(trained[0]).predict_one("   ")
    assert empty.labels == [] and empty.scores == {}


def test_loading_needs_no_hub_and_rejects_bad_folders(trained: tuple[Path, str],
                                                      tmp_path: Path) -> None:
    from nlp.transformer.modeling import ModelPathError
    from nlp.transformer.predict import ExploitationClassifier

    assert os.environ.get("HF_HUB_OFFLINE") == "1"  # set by this module or by require()
    with pytest.raises(ModelPathError, match="does not exist"):
        ExploitationClassifier.load(tmp_path / "absent")
    with pytest.raises(ModelPathError, match="no config.json"):
        ExploitationClassifier.load(tmp_path)
    # A copy elsewhere loads the same (nothing points back to the training folder).
    copy = shutil.copytree(trained[0], tmp_path / "copy")
    assert ExploitationClassifier.load(copy).labels == LABELS


def test_spacy_component_sets_the_doc_attributes(trained: tuple[Path, str],
                                                 shared_corpus: Path) -> None:
    import spacy

    import nlp.transformer.component  # noqa: F401  (registers the factory)

    text, summary = _text(shared_corpus, "ECLI_NL_HR_2024_156.json")
    nlp = spacy.blank("nl")
    nlp.add_pipe("vonnis_exploitation_model",
                 config={"model_path": str(trained[0]), "threshold": 0.01})
    doc = nlp.make_doc(text)
    doc._.meta = {"summary": summary}
    doc = nlp(doc)
    assert doc._.model_exploitation_types == list(LABELS)
    assert set(doc._.model_scores) == set(LABELS)
    assert all(0.0 <= s <= 1.0 for s in doc._.model_scores.values())
    assert set(doc._.model_exploitation_spans) == set(LABELS)
    theft = "De verdachte heeft op 1 mei 2020 een fiets gestolen."
    docs = list(nlp.pipe([text, theft], batch_size=2))
    assert set(docs[0]._.model_scores) == set(LABELS)
    # Not about trafficking: skipped by default (the rules decide), scored when asked.
    assert docs[1]._.model_scores is None and docs[1]._.model_exploitation_types is None
    every = spacy.blank("nl")
    every.add_pipe("vonnis_exploitation_model", config={"model_path": str(trained[0]),
                                                        "only_trafficking": False})
    assert set(every(theft)._.model_scores) == set(LABELS)
    with pytest.raises(ValueError, match="model_path"):
        spacy.blank("nl").add_pipe("vonnis_exploitation_model")


def _low_threshold_copy(model: Path, folder: Path) -> Path:
    """The trained model with threshold 0.01 in its card: it then predicts every label, a
    set the exploitation rules never produce (no rule knows "other"), so an extraction that
    says all six must have come from the model."""
    copy = Path(shutil.copytree(model, folder))
    card = json.loads((copy / MODEL_CARD).read_text(encoding="utf-8"))
    card["threshold"] = 0.01
    (copy / MODEL_CARD).write_text(json.dumps(card), encoding="utf-8")
    return copy


def test_predictions_reach_the_extraction_output(trained: tuple[Path, str], tmp_path: Path,
                                                 shared_corpus: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    pipeline = pytest.importorskip("nlp.pipeline", reason="the rule pipeline is not built yet")
    from nlp.extract import extract
    from nlp.transformer import register_factory

    register_factory()  # in case this package was imported before spaCy
    model = _low_threshold_copy(trained[0], tmp_path / "low")
    text, _ = _text(shared_corpus, "ECLI_NL_GHLEE_2011_BQ3556.json")

    rules = extract(text, nlp=pipeline.build())
    assert "other" not in rules.exploitation_types

    monkeypatch.setenv("VONNIS_MODEL", str(model))  # the env var, as `vonnis extract` reads it
    nlp = pipeline.build()
    assert "+model:" in pipeline.pipeline_version(nlp)
    result = extract(text, nlp=nlp)
    assert result.exploitation_types == list(LABELS)
    assert result.evidence.get("exploitation_types")


def test_analyze_with_model_option_in_a_fresh_process(trained: tuple[Path, str],
                                                      tmp_path: Path,
                                                      shared_corpus: Path) -> None:
    """`vonnis analyze --model DIR` as a user runs it: a new process, where the CLI imports
    nlp.transformer (for `train`) long before the pipeline imports spaCy."""
    import subprocess
    import sys

    pipeline = pytest.importorskip("nlp.pipeline", reason="the rule pipeline is not built yet")
    model = _low_threshold_copy(trained[0], tmp_path / "low")
    source = shared_corpus / "trafficking" / "NOECLI_RBMNE_2015-09-15_16-705621-14.json"
    run = subprocess.run(
        [sys.executable, "-c", "from vonnis.cli import app; app()", "analyze", "--json",
         "--model", str(model), str(source)],
        cwd=REPO, capture_output=True, text=True, timeout=600,
        env={**os.environ, "VONNIS_TORCH_THREADS": "1"})
    hook = Path(pipeline.__file__).read_text(encoding="utf-8")
    if run.returncode != 0 and "nlp.transformer.component" not in hook \
            and "register_factory" not in hook:
        pytest.xfail("nlp/pipeline.py imports only the nlp.transformer package, which the CLI "
                     "has already imported before spaCy, so the factory is not registered; "
                     "it must `import nlp.transformer.component`")
    assert run.returncode == 0, run.stderr[-3000:]
    line = json.loads(run.stdout.strip().splitlines()[-1])
    assert line["file"] == str(source) and line["exploitation_types"] == list(LABELS)


def test_a_roberta_shaped_base_model_trains_and_predicts(tmp_path: Path,
                                                         shared_corpus: Path) -> None:
    """The RobBERT family: byte-level BPE, pad id 1, 514 position embeddings for 512 tokens
    (asking for more is clamped to what the tokenizer takes)."""
    from nlp.transformer.predict import ExploitationClassifier

    texts = list(corpus_texts([shared_corpus / "trafficking"]))
    base = build_tiny_base_model(tmp_path / "roberta", texts, arch="roberta")
    gold = tmp_path / "g.jsonl"
    gold.write_text("".join(json.dumps(line) + "\n" for line in [
        {"id": "s", "text": texts[0], "exploitation_types": ["sexual"]},
        {"id": "l", "text": texts[1], "exploitation_types": ["labour"]},
        {"id": "n", "text": "De verdachte heeft een fiets gestolen.", "exploitation_types": []},
    ]))
    report = train(gold, base, tmp_path / "m",
                   TrainConfig(epochs=1, max_length=600, max_windows=2, val_fraction=0),
                   progress=False)
    assert report.card["params"]["max_length"] == 512
    assert any("exceeds" in w for w in report.warnings)
    prediction = ExploitationClassifier.load(tmp_path / "m").predict_one(texts[0])
    assert set(prediction.scores) == set(LABELS)


@pytest.mark.slow
def test_the_training_loop_learns_content_not_only_label_frequencies(base_model: Path,
                                                                       tmp_path: Path) -> None:
    """Six one-window texts whose label is in one word: after enough steps the tiny model
    tells them apart (a loop that only learnt the label frequencies would give every text the
    same scores). About 40 s on a busy 2-core machine."""
    from nlp.transformer.predict import ExploitationClassifier

    lines = [
        ("Zij moest in de prostitutie werken voor de verdachte.", ["sexual"]),
        ("De verdachte liet haar als escort klanten ontvangen.", ["sexual"]),
        ("Hij werkte zeven dagen per week zonder loon in het restaurant.", ["labour"]),
        ("De arbeiders plukten aardbeien en werden onderbetaald.", ["labour"]),
        ("De verdachte heeft een fiets gestolen.", []),
        ("De verdachte heeft zijn buurman mishandeld.", []),
    ]
    gold = tmp_path / "g.jsonl"
    gold.write_text("".join(json.dumps({"id": f"d{i}", "text": t, "exploitation_types": labels})
                            + "\n" for i, (t, labels) in enumerate(lines)))
    train(gold, base_model, tmp_path / "m", TrainConfig(epochs=150, batch_size=2, lr=1e-3,
                                                        max_length=64, val_fraction=0),
          progress=False)
    predictions = ExploitationClassifier.load(tmp_path / "m").predict([t for t, _ in lines])
    assert [p.labels for p in predictions] == [labels for _, labels in lines]


def test_train_errors_are_clear(base_model: Path, tmp_path: Path) -> None:
    from vonnis.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["train", "--gold", str(SMALL_GOLD), "--base-model",
                                 str(tmp_path / "absent"), "--out", str(tmp_path / "m")])
    assert result.exit_code == 2 and "--base-model path does not exist" in result.output

    unlabelled = tmp_path / "unlabelled.jsonl"
    unlabelled.write_text(json.dumps({"id": "a", "text": "x", "outcome": "conviction"}) + "\n")
    result = runner.invoke(app, ["train", "--gold", str(unlabelled), "--base-model",
                                 str(base_model), "--out", str(tmp_path / "m")])
    assert result.exit_code == 2 and "no usable line with 'exploitation_types'" in result.output

    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "notes.txt").write_text("mine")
    with pytest.raises(TrainError, match="not a vonnis model folder"):
        train(SMALL_GOLD, base_model, occupied)
    with pytest.raises(TrainError, match="must differ"):
        train(SMALL_GOLD, base_model, base_model)
    with pytest.raises(TrainError, match="--epochs"):
        train(SMALL_GOLD, base_model, tmp_path / "m", TrainConfig(epochs=0))


def test_train_without_validation_split(base_model: Path, tmp_path: Path) -> None:
    gold = tmp_path / "tiny.jsonl"
    gold.write_text("".join(json.dumps(line) + "\n" for line in [
        {"id": "s", "text": "Zij moest in de prostitutie werken voor de verdachte.",
         "exploitation_types": ["sexual"]},
        {"id": "l", "text": "Hij werkte zeven dagen per week zonder loon in het restaurant.",
         "exploitation_types": ["labour"]},
        {"id": "n", "text": "De verdachte heeft een fiets gestolen.", "exploitation_types": []},
    ]))
    report = train(gold, base_model, tmp_path / "m",
                   TrainConfig(epochs=1, max_length=64, val_fraction=0.2), progress=False)
    assert report.metrics is None and report.card["trained_on"]["validation_ids"] == []
    assert any("no validation split" in w for w in report.warnings)
    # Training again into the same folder replaces the earlier model.
    again = train(gold, base_model, tmp_path / "m", TrainConfig(epochs=1, max_length=64),
                  progress=False)
    assert again.card["date"] >= report.card["date"]
    assert not (tmp_path / "m.tmp-vonnis").exists()


# -- the optional second head: sentence roles ------------------------------------------

ROLES_GOLD = REPO / "tests" / "gold" / "sentence_roles_small.jsonl"


@pytest.fixture(scope="module")
def roles_model(tmp_path_factory: pytest.TempPathFactory, base_model: Path) -> Path:
    from vonnis.cli import app

    out = tmp_path_factory.mktemp("roles") / "model"
    result = CliRunner().invoke(app, [
        "train", "--task", "sentence-roles", "--gold", str(ROLES_GOLD), "--base-model",
        str(base_model), "--out", str(out), "--epochs", "2", "--lr", "1e-3", "--quiet"])
    assert result.exit_code == 0, result.output
    assert "validation (" in result.output and "sentences)" in result.output
    return out


def test_sentence_role_training_saves_a_role_model(roles_model: Path) -> None:
    from nlp.transformer.roles import ROLES

    card = json.loads((roles_model / MODEL_CARD).read_text(encoding="utf-8"))
    assert card["task"] == "sentence_roles" and card["labels"] == list(ROLES)
    assert card["train_loss_after"] < card["train_loss_before"]
    assert card["metrics"]["unit"] == "sentence" and card["trained_on"]["validation_ids"]
    config = json.loads((roles_model / "config.json").read_text())
    assert config["problem_type"] == "single_label_classification"


def test_sentence_role_model_predicts_and_is_not_taken_for_the_other(
        roles_model: Path, trained: tuple[Path, str]) -> None:
    from nlp.transformer.modeling import ModelPathError
    from nlp.transformer.predict import ExploitationClassifier
    from nlp.transformer.roles import ROLES
    from nlp.transformer.roles_model import SentenceRoleClassifier

    classifier = SentenceRoleClassifier.load(roles_model)
    text = ("De officier van justitie heeft gevorderd: een gevangenisstraf van 20 maanden.\n"
            "Veroordeelt verdachte tot een gevangenisstraf van 18 maanden.")
    roles = classifier.predict(text)
    assert [text[r["start"]:r["end"]] for r in roles] == text.split("\n")
    assert all(r["role"] in ROLES and 0.0 <= r["score"] <= 1.0 for r in roles)
    with pytest.raises(ModelPathError, match="not an exploitation model"):
        ExploitationClassifier.load(roles_model)
    with pytest.raises(ModelPathError, match="not a sentence-role model"):
        SentenceRoleClassifier.load(trained[0])


def test_sentence_roles_component_uses_the_doc_sentences(roles_model: Path) -> None:
    import spacy

    import nlp.transformer.component  # noqa: F401

    nlp = spacy.blank("nl")
    nlp.add_pipe("vonnis_sentence_roles_model",
                 config={"model_path": str(roles_model), "min_score": 0.0})
    doc = nlp("De advocaat-generaal heeft gevorderd dat het hof verdachte zal veroordelen tot "
              "een gevangenisstraf van 24 maanden. Het hof acht een hogere straf passend.")
    roles = doc._.model_sentence_roles
    assert isinstance(roles, list)
    for r in roles:  # "other" is never listed; the rest point into doc.text
        assert r["role"] != "other" and 0 <= r["start"] < r["end"] <= len(doc.text)
