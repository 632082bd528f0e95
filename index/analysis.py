"""Text analysis shared by both backends: the Python twin of the Elasticsearch analyzer.

The embedded backend indexes what these functions produce, and query words go through the
same functions, so a word matches exactly when Elasticsearch (configured as in
index/ANALYSIS.md) would match it. Keep the two in step; tests/test_index_contract.py checks
the token streams against a real node's `_analyze` API.

- `tokenize`: Unicode word segmentation as Lucene's StandardTokenizer does it (UAX #29
  rules for Latin-script text: letters and digits joined, `.` `'` `’` `:` inside words,
  `.` `,` `;` `'` inside numbers, `_` connecting), with character offsets into the text.
- lower-casing (`str.lower`, as Lucene's LowerCaseFilter for Dutch text),
- Snowball's Dutch stop list (= Elasticsearch `_dutch_`), only on the stemmed fields,
- the Snowball Dutch stemmer (PyStemmer), only on the stemmed fields.
No accent folding: the Snowball Dutch stemmer removes diaereses/acute accents itself for
the stemmed fields, the `.exact` fields keep them (as Elasticsearch's `.exact` does).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import filterfalse

# Which PyStemmer algorithm equals the Elasticsearch stemmer named in ANALYSIS.md.
STEMMER_ALGORITHM = "dutch_porter"

# Bump when `tokenize` changes what it cuts: indexes built before must be rebuilt.
TOKENIZER_VERSION = 1

# Lucene's StandardTokenizer splits longer tokens into pieces of this length.
MAX_TOKEN_LENGTH = 255

# Snowball's Dutch stop list, exactly Lucene's snowball/dutch_stop.txt = Elasticsearch `_dutch_`.
_STOP_TEXT = """
de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om
hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar
naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al
waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd
altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest andere
"""
DUTCH_STOP_WORDS: frozenset[str] = frozenset(_STOP_TEXT.split())


def _char_class(predicate: object) -> str:
    """A regex character class (body only) of every code point satisfying `predicate`."""
    # The Basic Multilingual Plane only: judgments are Latin-script; scanning all of Unicode
    # would cost half a second at every start.
    ranges: list[tuple[int, int]] = []
    for cp in range(0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        if predicate(chr(cp)):  # type: ignore[operator]
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    parts = []
    for lo, hi in ranges:
        low, high = re.escape(chr(lo)), re.escape(chr(hi))
        parts.append(low if lo == hi else f"{low}-{high}")
    return "".join(parts)


def _is_extend(ch: str) -> bool:
    # Word_Break Extend / Format / ZWJ: never break before them, they belong to the token
    # (WB4). The soft hyphen (U+00AD, Format) is the one that occurs in judgments.
    cat = unicodedata.category(ch)
    return cat in ("Mn", "Me", "Mc") or (cat == "Cf" and ch != "\u200b")


@lru_cache(maxsize=1)
def _token_re() -> re.Pattern[str]:
    # ALetter: letters and letter numbers (Roman numerals, category Nl).
    letter = _char_class(lambda ch: ch.isalpha() or unicodedata.category(ch) == "Nl")
    extend = _char_class(_is_extend)
    digit = r"\d"  # Unicode decimal digits (Nd), Word_Break Numeric
    connector = "_\u203f\u2040\u2054\ufe33\ufe34\ufe4d-\ufe4f\uff3f"  # ExtendNumLet (Pc)
    mid_letter = ":\u00b7\u0387\u05f4\u2027\ufe13\ufe55\uff1a"  # MidLetter
    mid_num_let = ".'\u2018\u2019\u2024\ufe52\uff07\uff0e"  # MidNumLet + Single_Quote
    mid_num = ",;\u037e\u0589\u060c\u060d\u066c\u07f8\u2044\ufe10\ufe14\ufe50\ufe54\uff0c\uff1b"
    # Extend characters attach to whatever precedes them (WB4), so a run of letters is a
    # letter followed by letters-or-extends: one character class per character, which
    # keeps the regular expression fast on long judgments.
    letters = f"[{letter}][{letter}{extend}]*"
    numbers = f"{digit}[{digit}{extend}]*"
    ext = f"[{extend}]*"
    letter_run = f"{letters}(?:[{mid_letter}{mid_num_let}]{ext}{letters})*"
    number_run = f"{numbers}(?:[{mid_num}{mid_num_let}]{ext}{numbers})*"
    piece = f"(?:{letter_run}|{number_run})"
    glue = f"(?:[{connector}]{ext})*"
    return re.compile(f"{glue}{piece}(?:{glue}{piece})*{glue}")


@dataclass(frozen=True)
class Token:
    text: str  # lower-cased surface form
    start: int  # character offsets into the analysed string
    end: int


def _lower(text: str) -> str:
    # Lucene lower-cases code point by code point (Character.toLowerCase): U+0130 becomes a
    # plain "i" (Python adds a combining dot) and a final capital sigma becomes "σ" (Python
    # picks "ς" from the context).
    if "\u0130" not in text and "\u03a3" not in text:
        return text.lower()
    return "".join("i" if ch == "\u0130" else ch.lower() for ch in text)


def tokenize(text: str) -> Iterator[Token]:
    """Lower-cased tokens with character offsets, as Lucene's StandardTokenizer cuts them."""
    for match in _token_re().finditer(text):
        start, end = match.span()
        surface = match.group()
        if end - start <= MAX_TOKEN_LENGTH:
            yield Token(_lower(surface), start, end)
            continue
        for offset in range(0, end - start, MAX_TOKEN_LENGTH):
            chunk = surface[offset:offset + MAX_TOKEN_LENGTH]
            yield Token(_lower(chunk), start + offset, start + offset + len(chunk))


def exact_tokens(text: str) -> list[str]:
    """The `.exact` analysis: tokenised and lower-cased, nothing removed."""
    return [t.text for t in tokenize(text)]


def is_stop(token: str) -> bool:
    return token in DUTCH_STOP_WORDS


@lru_cache(maxsize=4)
def _stemmer(algorithm: str):  # type: ignore[no-untyped-def]
    import Stemmer

    stemmer = Stemmer.Stemmer(algorithm)
    stemmer.maxCacheSize = 50_000
    return stemmer


def stem(token: str) -> str:
    """The Snowball Dutch stem of one lower-cased token."""
    return str(_stemmer(STEMMER_ALGORITHM).stemWord(token))


def stem_all(tokens: list[str]) -> list[str]:
    return list(_stemmer(STEMMER_ALGORITHM).stemWords(tokens))


def stemmed_tokens(text: str) -> list[str]:
    """The stemmed-field analysis: tokenised, lower-cased, stop words out, stemmed."""
    return stem_all([t.text for t in tokenize(text) if t.text not in DUTCH_STOP_WORDS])


def analyze_text(text: str) -> tuple[list[str], list[str], dict[str, str]]:
    """(stemmed tokens, exact tokens, stem of every distinct non-stop word) of one field.

    The indexing path: one C-level `findall`, each distinct word stemmed once.
    """
    surface = _token_re().findall(text) if text else []
    if not surface:
        return [], [], {}
    if max(map(len, surface)) > MAX_TOKEN_LENGTH:
        exact = [t.text for t in tokenize(text)]
    else:
        exact = _lower("\x00".join(surface)).split("\x00")
    content = list(filterfalse(DUTCH_STOP_WORDS.__contains__, exact))
    distinct = list(set(content))
    stems = dict(zip(distinct, stem_all(distinct), strict=True))
    return list(map(stems.__getitem__, content)), exact, stems


def analyze_field(text: str) -> tuple[list[str], list[str]]:
    """(stemmed tokens, exact tokens) of one field."""
    stemmed, exact, _ = analyze_text(text)
    return stemmed, exact
