"""Sentence boundaries that survive legal abbreviations.

spaCy's stock sentencizer splits after "art." and "mrs."; judgments are full of "art. 273f
Sr", "mr. A.B. de Vries", "artt. 47 en 57", "jo.", "sub 1°", "o.a." and numbered lists
("1.", "4.3."). A boundary is set after ".", "!", "?" or a line break, except after a known
abbreviation, a list number, or when the next token starts in lower case or with a digit. A full
stop after a closing quote or bracket ("“mensenhandel”.", "(art. 326 Sr).", one whitespace token
in the pipeline) ends a sentence on the same terms; the abbreviation test does not apply to it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

if TYPE_CHECKING:
    from thinc.types import Ints2d

ABBREVIATIONS = frozenset(
    [
        "art", "artt", "mr", "mrs", "jo", "jo.", "nr", "nrs", "o.a", "i.c", "c.q", "e.a", "p",
        "pag", "blz", "r.o", "sub", "lid", "vgl", "bijv", "d.d", "j", "jl", "m.b.t", "t.a.v",
        "i.v.m", "ca", "dhr", "mevr", "ing", "drs", "prof", "dr", "st", "stb", "stcrt", "no", "vs",
        "resp", "z.g.n", "ivm", "tav", "mbt", "a.g", "p.-g", "p-g", "ovj", "hr", "ecli", "nj", "sr",
        "sv", "wvw", "ged", "aant", "bl", "ro", "o.m", "e.d", "i.h.a", "ib", "ie", "m.i", "n.a.v",
        "t.z.t", "z.s.m", "zgn", "nl"
    ]
)
_END = {".", "!", "?"}
# Opening quotes and brackets: what follows them decides whether a sentence starts
# ("wegens 1. “mensenhandel” en 2. “witwassen”" is one sentence, '... gevangenisstraf.
# “Het hof ...' is two).
_OPENERS = "“„\"'‘«(["
# Closing quotes and brackets: with whitespace tokens a sentence ending in a quoted word or
# a bracket is one token ("“mensenhandel”.", "Sr).", "240)."); its full stop follows the
# closer, so it is no abbreviation's or list number's dot.
_CLOSERS = "”\"'’»)]"
_ONLY_CLOSERS = "”’»)]"  # never opening: a token of these after a full stop still ends it


_INITIALS_RE = re.compile(r"^(?:[A-Z][a-z]?\.)+$")


def _is_abbrev(text: str) -> bool:
    """A legal abbreviation, or initials of a name ("A.A.", "E.", "Th.")."""
    return text.lower().rstrip(".") in ABBREVIATIONS or bool(_INITIALS_RE.match(text))


def _next_text(words: list[str], j: int) -> str:
    """The token at `j` without leading quotes/brackets; a token that is only an opener
    (spaCy's tokenizer splits "“mensenhandel" into two) gives way to the one after it."""
    while j < len(words):
        text = words[j].lstrip(_OPENERS)
        if text:
            return text
        j += 1
    return ""


def _inside_closers(text: str) -> str:
    """A token without the closing quotes/brackets after its full stop: a quoted sentence
    ends inside its quote ('"Ik ga." De', "werken.” Daarna", "“Help!” Toen")."""
    core = text.rstrip(_CLOSERS)
    return core if core[-1:] in _END else text


def _open_straight_quote(words: list[str], start: int, end: int) -> bool:
    """An odd number of '"' since the sentence start: a '"' token now closes the quote."""
    return sum(w.count('"') for w in words[start:end + 1]) % 2 == 1


def _ends_sentence(text: str) -> bool:
    return len(text) > 1 and (text[-1] in "!?" or (
        text[-1] == "." and (text[-2].isalpha() or text[-2] in _CLOSERS)))


def sentence_starts(words: list[str]) -> list[bool]:
    """Which tokens start a sentence (pure Python over the token texts)."""
    n = len(words)
    starts = [False] * n
    if n == 0:
        return starts
    starts[0] = True
    i = start = 0
    while i < n - 1:
        text = words[i]
        boundary = False
        after = i + 1
        if "\n" in text:
            boundary = True
        elif text in _END or _ends_sentence(_inside_closers(text)):
            core = _inside_closers(text)
            after = i + 1  # where the next sentence may start: past closing quote tokens
            while after < n and words[after] and all(c in _ONLY_CLOSERS for c in words[after]):
                after += 1
            if after < n and words[after] == '"' and _open_straight_quote(words, start, i):
                after += 1
            # the full stop is inside closing quotes/brackets ("ga.”" or "ga", ".", "”")
            quoted = core != text or after > i + 1
            prev = words[i - 1] if i > 0 else ""
            nxt = _next_text(words, after)
            if quoted and nxt.isspace() and "\n" not in nxt:
                # after a quote, '"Zitten." en "Zuigen."' runs on past extra spaces
                nxt = _next_text(words, after + 1)
            word = core if text != "." else prev + "."
            after_closer = len(core) > 1 and core[-2] in _CLOSERS
            if text == "." and prev and (prev.isdigit() or prev == "°") and \
                    (i < 2 or "\n" in words[i - 2] or starts[i - 1]):
                boundary = False  # a list number: "1." at the start of a line
            elif not after_closer and _is_abbrev(word):
                boundary = False
            elif nxt.isspace():
                boundary = True
            elif nxt[:1].islower() or nxt[:1].isdigit() or nxt in (",", ";", ")"):
                boundary = False
            else:
                boundary = True
        if boundary:
            j = after
            while j < n and words[j].isspace() and "\n" not in words[j]:
                j += 1
            if j < n:
                starts[j] = True
                start = j
            i = j
            continue
        i += 1
    return starts


def set_sentence_starts(doc: Doc) -> Doc:
    """Set the starts in one array write (per-token assignment is slow on long texts)."""
    n = len(doc)
    if n == 0:
        return doc
    words = [t.text for t in doc]
    starts = sentence_starts(words)
    # spaCy stores SENT_START as uint64: 1 = start, -1 (wrapped) = not a start.
    values = numpy.array([1 if s else -1 for s in starts], dtype="int64")
    arr = values.astype("uint64").reshape(n, 1)
    # spaCy annotates thinc's Ints2d; a plain numpy array is what it reads at runtime
    doc.from_array([SENT_START], cast("Ints2d", arr))
    return doc


@Language.component("vonnis_sentences")
def vonnis_sentences(doc: Doc) -> Doc:
    """Registered component: rule-based sentence starts (see module docstring)."""
    return set_sentence_starts(doc)
