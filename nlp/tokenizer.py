"""A whitespace tokenizer for the pipeline (registered as "vonnis_whitespace_tokenizer.v1").

Every rule of the extraction runs on character offsets of `Document.text`; tokens only feed
sentence segmentation. spaCy's rule tokenizer (prefixes, suffixes, infixes, exceptions) cost a
third of the run time on real judgments for no gain here, so tokens are whitespace-separated
chunks. `doc.text` stays identical to the input (single spaces are token whitespace, other
whitespace becomes whitespace tokens, as spaCy does).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

_TOKEN_RE = re.compile(r"\S+|\s+")


class WhitespaceTokenizer:
    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        for m in _TOKEN_RE.finditer(text):
            chunk = m.group(0)
            if chunk[0].isspace():
                if chunk == " " and words and not spaces[-1] and not words[-1][0].isspace():
                    spaces[-1] = True
                    continue
                if words and not words[-1][0].isspace() and not spaces[-1] and chunk[0] == " ":
                    # "word  next": one space belongs to the word, the rest is a token
                    spaces[-1] = True
                    chunk = chunk[1:]
                words.append(chunk)
                spaces.append(False)
            else:
                words.append(chunk)
                spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces)

    # Serialisation hooks spaCy calls (nothing to store).
    def to_bytes(self, **kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> WhitespaceTokenizer:
        return self

    def to_disk(self, path: Any, **kwargs: Any) -> None:
        return None

    def from_disk(self, path: Any, **kwargs: Any) -> WhitespaceTokenizer:
        return self


@spacy.registry.tokenizers("vonnis_whitespace_tokenizer.v1")
def create_whitespace_tokenizer() -> Callable[[Any], WhitespaceTokenizer]:
    def make(nlp: Any) -> WhitespaceTokenizer:
        return WhitespaceTokenizer(nlp.vocab)

    return make
