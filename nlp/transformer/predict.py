"""Load a model saved by `vonnis train` and predict forms of exploitation.

Loading is offline by construction: the folder is checked first and every load passes
`local_files_only=True`, so no model hub is contacted (and HF_HUB_OFFLINE=1 changes nothing).
Documents are windowed as in training and scored in batches of windows across documents;
a document's score per label pools its windows as in training (modeling.pool, near the
maximum), and the highest-scoring window, narrowed to its best sentence, is returned as the
evidence span for a predicted label.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nlp.transformer import LABELS, MODEL_CARD, require
from nlp.transformer.sentences import MAX_SENTENCES, sentence_spans
from nlp.transformer.windows import Window, make_windows

require()

import torch  # noqa: E402

from nlp.transformer.modeling import (  # noqa: E402
    ModelPathError,
    check_model_dir,
    load_classifier,
    pad_id_of,
    pool,
    window_logits,
)


@dataclass
class Prediction:
    labels: list[str]  # the labels with score >= threshold, in LABELS order
    scores: dict[str, float]  # every label -> probability in [0, 1]; {} for an empty document
    # label -> {"source": "text" | "summary", "start", "end", "score", "window_start",
    # "window_end"}: offsets into the text (or the summary) of the sentence that scores
    # highest for the label inside the label's highest-scoring window ("score" is the
    # document score).
    spans: dict[str, dict[str, Any]] = field(default_factory=dict)


class ExploitationClassifier:
    """A fine-tuned exploitation classifier, ready to predict on CPU."""

    def __init__(self, model: Any, tokenizer: Any, card: dict, folder: Path,
                 threshold: float | None = None, max_windows: int | None = None) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.card = card
        self.folder = folder
        self.labels: tuple[str, ...] = tuple(card["labels"])
        self.threshold = float(threshold if threshold is not None
                               else card.get("threshold", 0.5))
        params = card.get("params", {})
        self.max_length = int(params.get("max_length", 512))
        self.stride = int(params.get("stride", 64))
        self.max_windows = max_windows or params.get("max_windows", 16)
        # As trained; a card without pooling parameters means the hard maximum.
        self.pool_k = int(params.get("pool_k", 1))
        self.pool_r = float(params.get("pool_r", 1.0))
        self._pad_id = pad_id_of(tokenizer)

    @classmethod
    def load(cls, path: str | Path, *, threshold: float | None = None,
             max_windows: int | None = None, device: str = "cpu") -> ExploitationClassifier:
        folder = check_model_dir(path, "model")
        card_path = folder / MODEL_CARD
        if card_path.is_file():
            card = json.loads(card_path.read_text(encoding="utf-8"))
        else:  # a plain multi-label transformers folder: take the labels from its config
            config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
            id2label = config.get("id2label") or {}
            card = {"labels": [id2label[k] for k in sorted(id2label, key=int)]}
        unknown = set(card["labels"]) - set(LABELS)
        if not card["labels"] or unknown:
            raise ModelPathError(f"{folder} is not an exploitation model (labels "
                                 f"{card['labels']}; expected a subset of {list(LABELS)})")
        tokenizer, model = load_classifier(folder)
        if model.config.num_labels != len(card["labels"]):
            raise ModelPathError(f"{folder}: the model has {model.config.num_labels} outputs "
                                 f"but {MODEL_CARD} names {len(card['labels'])} labels")
        model.to(device)
        model.eval()
        return cls(model, tokenizer, card, folder, threshold, max_windows)

    def windows(self, text: str, summary: str | None = None) -> list[Window]:
        return make_windows(self.tokenizer, text, summary, max_length=self.max_length,
                            stride=self.stride, max_windows=self.max_windows)

    @torch.no_grad()
    def _narrow(self, source_text: str, start: int, end: int, label_rows: list[int],
                batch_size: int) -> dict[int, tuple[int, int]]:
        """For each label row, the sentence of source_text[start:end] the model scores
        highest: a span a researcher reads in seconds instead of a whole window. The label
        itself is still decided on windows; this only points at the likeliest sentence."""
        sentences = sentence_spans(source_text, start, end)[:MAX_SENTENCES]
        if len(sentences) <= 1:
            return {row: (start, end) for row in label_rows}
        encoded = self.tokenizer([source_text[a:b] for a, b in sentences], truncation=True,
                                 max_length=self.max_length)
        windows = [Window("sentence", a, b, list(ids))
                   for (a, b), ids in zip(sentences, encoded["input_ids"], strict=True)]
        logits = window_logits(self.model, windows, self._pad_id, max(1, batch_size))
        best = logits.argmax(dim=0)
        return {row: sentences[int(best[row])] for row in label_rows}

    @torch.no_grad()
    def predict(self, texts: Sequence[str], summaries: Sequence[str | None] | None = None,
                batch_size: int = 16, narrow: bool = True) -> list[Prediction]:
        """One Prediction per text. `summaries` are the inhoudsindicaties, where known.
        With `narrow`, each predicted label's span is narrowed from its best window to the
        best sentence in it (one extra small forward pass per such window)."""
        if summaries is None:
            summaries = [None] * len(texts)
        if len(summaries) != len(texts):
            raise ValueError("texts and summaries differ in length")
        per_doc = [self.windows(t or "", s) for t, s in zip(texts, summaries, strict=True)]
        flat = [w for windows in per_doc for w in windows]
        if flat:
            logits = window_logits(self.model, flat, self._pad_id, max(1, batch_size))
        results: list[Prediction] = []
        offset = 0
        for text, summary, windows in zip(texts, summaries, per_doc, strict=True):
            if not windows:
                results.append(Prediction(labels=[], scores={}))
                continue
            doc_logits = logits[offset : offset + len(windows)]
            offset += len(windows)
            best_rows = doc_logits.argmax(dim=0)  # the evidence window of each label
            best_scores = torch.sigmoid(pool(doc_logits, self.pool_k, self.pool_r))
            scores = {label: round(float(s), 6)
                      for label, s in zip(self.labels, best_scores, strict=True)}
            labels = [label for label in self.labels if scores[label] >= self.threshold]
            by_window: dict[int, list[int]] = {}
            for label in labels:
                row = self.labels.index(label)
                by_window.setdefault(int(best_rows[row]), []).append(row)
            spans = {}
            for index, rows in by_window.items():
                window = windows[index]
                source_text = (text if window.source == "text" else summary) or ""
                narrowed = (self._narrow(source_text, window.start, window.end, rows,
                                         batch_size) if narrow else {})
                for row in rows:
                    label = self.labels[row]
                    start, end = narrowed.get(row, (window.start, window.end))
                    spans[label] = {"source": window.source, "start": start, "end": end,
                                    "score": scores[label], "window_start": window.start,
                                    "window_end": window.end}
            spans = {label: spans[label] for label in labels}
            results.append(Prediction(labels=labels, scores=scores, spans=spans))
        return results

    def predict_one(self, text: str, summary: str | None = None) -> Prediction:
        return self.predict([text], [summary])[0]
