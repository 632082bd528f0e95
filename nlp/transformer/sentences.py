"""Sentence spans for the transformer stage (no torch).

Two splitters: `sentence_spans`, a quick regex one for narrowing evidence inside a window
(a readable span is all it needs), and `legal_sentence_spans`, the pipeline's own splitter
(nlp.sentences, which survives "art.", "mr." and list numbers), used for sentence roles so
that training sees the same sentences as the pipeline's Doc at run time.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# Sentence ends for evidence: after . ; : ! ? followed by space, or a line break.
_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+|\n+")
MAX_SENTENCES = 64  # per window, when narrowing evidence


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the non-empty sentences of text[start:end], stripped."""
    spans = []
    position = start
    for match in [*_SENTENCE_END.finditer(text, start, end), None]:
        stop = match.start() if match else end
        piece = text[position:stop]
        if piece.strip():
            left = position + len(piece) - len(piece.lstrip())
            spans.append((left, left + len(piece.strip())))
        if match:
            position = match.end()
    return spans


@lru_cache(maxsize=1)
def _blank_nl() -> Any:
    import spacy

    nlp = spacy.blank("nl")
    nlp.max_length = 20_000_000
    return nlp


def legal_sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences of `text` as the pipeline splits them, stripped."""
    try:
        from nlp.sentences import set_sentence_starts
    except ImportError:  # the rule pipeline is absent: the quick splitter will do
        return sentence_spans(text, 0, len(text))
    doc = set_sentence_starts(_blank_nl().make_doc(text))
    return doc_sentence_spans(doc)


def doc_sentence_spans(doc: Any) -> list[tuple[int, int]]:
    """The stripped, non-empty sentence spans of a Doc whose sentence starts are set."""
    spans = []
    for sent in doc.sents:
        piece = sent.text
        if piece.strip():
            left = sent.start_char + len(piece) - len(piece.lstrip())
            spans.append((left, left + len(piece.strip())))
    return spans
