"""spaCy factories `vonnis_exploitation_model` (the fine-tuned exploitation classifier) and
`vonnis_sentence_roles_model` (the optional sentence-role classifier, see the end).

Config: `model_path` (a folder saved by `vonnis train`), `threshold` (default: the one in the
model's vonnis_model.json), `batch_size` (windows per forward pass), `max_windows` (default:
as trained), `only_trafficking` (default true: skip documents that do not mention
trafficking at all; the rule component gives those no form of exploitation anyway, and a
transformer pass costs far more than the rules). It sets, per scored Doc:

- `doc._.model_exploitation_types`: list[str], the labels at or above the threshold;
- `doc._.model_scores`: dict[str, float], every label's probability in [0, 1];
- `doc._.model_exploitation_spans`: dict[label, {"start", "end", "score", "source"}], the
  window of `doc.text` that gave each predicted label its score (source "text"), or of the
  inhoudsindicatie (source "summary", offsets into that summary).

The inhoudsindicatie is read from `doc._.meta["summary"]` when the pipeline puts it there
(the model was trained on inhoudsindicatie + text windows); without it, the text alone.
Skipped documents keep None in all three, so the rules decide for them.

Importing this module needs spaCy but not torch: the model (and torch) load when the
component is created, so a pipeline without a model path never needs the extra.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, Self

from spacy.language import Language
from spacy.tokens import Doc

from nlp.extensions import register_extensions

SPANS_EXTENSION = "model_exploitation_spans"
# Mentions of trafficking under any of its article numbers (Sr, and the Caribbean codes'
# 2:239 / 260) or of exploitation; deliberately broad: a miss only means rules decide.
TRAFFICKING_RE = re.compile(
    r"mensenhandel|vrouwenhandel|uitbuit|\b(?:273f|273a|250a|250 ?ter|2:239)\b", re.IGNORECASE)


def _register() -> None:
    register_extensions()  # model_exploitation_types, model_scores, meta, ...
    if not Doc.has_extension(SPANS_EXTENSION):
        Doc.set_extension(SPANS_EXTENSION, default=None)


_register()


def _check_model_path(model_path: str, factory: str, command: str) -> None:
    if not model_path:
        raise ValueError(f"{factory} needs model_path (a folder saved by `{command}`)")


class _ConfigOnlyOnDisk:
    """The weights live in model_path; spaCy's to_disk/from_disk of a pipeline keep only the
    config, which names that path."""

    def to_disk(self, path: Any, exclude: Iterable[str] = ()) -> None:
        return None

    def from_disk(self, path: Any, exclude: Iterable[str] = ()) -> Self:
        return self


@Language.factory(
    "vonnis_exploitation_model",
    default_config={"model_path": "", "threshold": None, "batch_size": 16, "max_windows": None,
                    "only_trafficking": True},
)
def make_exploitation_model(nlp: Language, name: str, model_path: str,
                            threshold: float | None, batch_size: int,
                            max_windows: int | None,
                            only_trafficking: bool) -> ExploitationModelComponent:
    return ExploitationModelComponent(model_path, threshold=threshold, batch_size=batch_size,
                                      max_windows=max_windows, only_trafficking=only_trafficking)


class ExploitationModelComponent(_ConfigOnlyOnDisk):
    def __init__(self, model_path: str, *, threshold: float | None = None,
                 batch_size: int = 16, max_windows: int | None = None,
                 only_trafficking: bool = True) -> None:
        _check_model_path(model_path, "vonnis_exploitation_model", "vonnis train")
        from nlp.transformer.predict import ExploitationClassifier  # needs the extra

        self.model_path = model_path
        self.batch_size = batch_size
        self.only_trafficking = only_trafficking
        self.classifier = ExploitationClassifier.load(model_path, threshold=threshold,
                                                      max_windows=max_windows)

    def _wanted(self, doc: Doc, summary: str | None) -> bool:
        if not self.only_trafficking:
            return True
        return bool(TRAFFICKING_RE.search(doc.text) or (summary and TRAFFICKING_RE.search(summary)))

    def _set(self, docs: list[Doc]) -> None:
        summaries = [((doc._.meta or {}).get("summary") or None) for doc in docs]
        chosen = [(d, s) for d, s in zip(docs, summaries, strict=True) if self._wanted(d, s)]
        if not chosen:
            return
        docs = [d for d, _ in chosen]
        texts = [doc.text for doc in docs]
        summaries = [s for _, s in chosen]
        for doc, prediction in zip(docs, self.classifier.predict(texts, summaries,
                                                                 self.batch_size), strict=True):
            doc._.model_exploitation_types = list(prediction.labels)
            doc._.model_scores = dict(prediction.scores)
            doc._.set(SPANS_EXTENSION, {k: dict(v) for k, v in prediction.spans.items()})

    def __call__(self, doc: Doc) -> Doc:
        self._set([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 8) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                self._set(batch)
                yield from batch
                batch = []
        if batch:
            self._set(batch)
            yield from batch


@Language.factory(
    "vonnis_sentence_roles_model",
    default_config={"model_path": "", "batch_size": 32, "min_score": 0.5},
)
def make_sentence_roles_model(nlp: Language, name: str, model_path: str, batch_size: int,
                              min_score: float) -> SentenceRolesComponent:
    return SentenceRolesComponent(model_path, batch_size=batch_size, min_score=min_score)


class SentenceRolesComponent(_ConfigOnlyOnDisk):
    """Sets `doc._.model_sentence_roles`: [{start, end, role, score}] for the sentences the
    model gives a role other than "other" (decision, demand, lower_court) with at least
    `min_score`. Uses the Doc's sentences when a splitter ran before it (vonnis_sentences),
    else the pipeline's splitter on the text."""

    def __init__(self, model_path: str, *, batch_size: int = 32, min_score: float = 0.5
                 ) -> None:
        _check_model_path(model_path, "vonnis_sentence_roles_model",
                          "vonnis train --task sentence-roles")
        from nlp.transformer.roles_model import SentenceRoleClassifier  # needs the extra

        self.model_path = model_path
        self.batch_size = batch_size
        self.min_score = min_score
        self.classifier = SentenceRoleClassifier.load(model_path)

    def __call__(self, doc: Doc) -> Doc:
        from nlp.transformer.sentences import doc_sentence_spans

        spans = doc_sentence_spans(doc) if doc.has_annotation("SENT_START") else None
        roles = self.classifier.predict(doc.text, spans, self.batch_size)
        doc._.model_sentence_roles = [r for r in roles
                                      if r["role"] != "other" and r["score"] >= self.min_score]
        return doc
