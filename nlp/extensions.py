"""The custom Doc attributes of the pipeline, registered in one place.

Values are plain JSON-like data (dicts, lists, numbers, strings), so that docs travel
between processes with `nlp.pipe(n_process=...)` (spaCy serialises `doc.user_data`).

- `doc._.meta`: what is known about the document besides its text (ecli, court_level,
  doc_type, xml sections), set before the pipeline runs.
- `doc._.sections`: flat labelled section spans (see nlp.sections).
- `doc._.facts`: the extracted values, keyed like ExtractionResult.
- `doc._.evidence`: key -> list of {start, end, text, section, label}.
- `doc._.reason`: why the input is (partly) unusable: empty, truncated, non-Dutch, summary
  only (see is_partial).
- `doc._.punishments`: the decision's punishment items (kind, amounts, spans).
- `doc._.model_exploitation_types` / `doc._.model_scores` / `doc._.model_exploitation_spans`
  (label -> {start, end, score, source}): set by the optional transformer
  component (nlp/transformer, factory "vonnis_exploitation_model"); the rule component
  `vonnis_exploitation` prefers them when present.
"""

from __future__ import annotations

from spacy.tokens import Doc

_DOC_EXTENSIONS: dict[str, object] = {
    "meta": None,
    "sections": None,
    "facts": None,
    "evidence": None,
    "reason": None,
    "punishments": None,
    "decision_span": None,
    "model_exploitation_types": None,
    "model_scores": None,
    "model_exploitation_spans": None,
    "model_sentence_roles": None,
}


def register_extensions() -> None:
    """Idempotent: safe to call from every module that needs the attributes."""
    for name, default in _DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def facts(doc: Doc) -> dict:
    """The doc's fact dict, created on first use."""
    if doc._.facts is None:
        doc._.facts = {}
    return doc._.facts


def evidence(doc: Doc) -> dict:
    if doc._.evidence is None:
        doc._.evidence = {}
    return doc._.evidence


_TEXT_KEY = "_vonnis_text"


def text_of(doc: Doc) -> str:
    """doc.text, computed once: spaCy rebuilds it from the tokens on every access, which on a
    long judgment costs more than all the rules together."""
    cached = doc.user_data.get(_TEXT_KEY)
    if cached is None:
        cached = doc.text
        doc.user_data[_TEXT_KEY] = cached
    return cached


# Reasons that still let facts through: the result is partial, not empty.
PARTIAL_REASONS = ("truncated", "summary only")


def is_partial(reason: str | None) -> bool:
    return bool(reason) and str(reason).startswith(PARTIAL_REASONS)


def summary_of(doc: Doc) -> str:
    """The inhoudsindicatie (from the metadata), "" when there is none."""
    return meta(doc).get("summary") or ""


def meta(doc: Doc) -> dict:
    """The document's metadata: set on the doc, or passed as the context of
    `nlp.pipe(..., as_tuples=True)` (which reaches worker processes)."""
    if doc._.meta is None:
        context = getattr(doc, "_context", None)
        doc._.meta = dict(context) if isinstance(context, dict) else {}
    return doc._.meta


register_extensions()
