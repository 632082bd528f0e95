"""Highlight fragments with offsets into the plain text, from the analysed query.

Shared by the backends so the same query marks the same words: a word is marked when the
query would match it: a `Term` where the word's stem equals the term (stop words never
match), a `Prefix` where the lower-cased word starts with it, a `Phrase` where the words
occur consecutively. Offsets are Python string indices into `Document.text` (code points,
not UTF-16 units).

Cost: tokenising a whole judgment in Python (with offsets) is too slow for a results page,
so it is done in two steps: (1) which distinct words match: from the document's
vocabulary (word -> stem) when the caller keeps it (the embedded index does), else from
`query_vocabulary` (only the words that start like a query word: found with C-level
searches, see there), or from one C-level `findall` of every word; (2) where: `str.find`
of just those words in the lower-cased text, each hit confirmed as a whole token by
tokenising the few characters around it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from index.analysis import DUTCH_STOP_WORDS, _lower, _token_re, stem_all
from index.query import Highlight
from index.querysyntax import Phrase, Prefix, Query, Term, positive_leaves

FRAGMENT_CHARS = 200
MAX_FRAGMENTS = 3
MAX_SPANS = 500  # per document: enough to pick the best fragments of a long judgment
MAX_PER_WORD = 100  # occurrences of one word form (or phrase) looked at


class Vocabulary:
    """The distinct `.exact` words of a text and their stems, as lines "word<TAB>stem"
    (stem empty for a stop word), searched with regular expressions: a judgment has
    thousands of distinct words and a query needs a handful of them."""

    def __init__(self, lines: str) -> None:
        self.lines = "\n" + lines.strip("\n") + "\n"

    @classmethod
    def of_text(cls, text: str) -> Vocabulary:
        words = sorted({_lower(w) for w in _token_re().findall(text)})
        content = [w for w in words if w not in DUTCH_STOP_WORDS]
        stems = dict(zip(content, stem_all(content), strict=True))
        return cls("\n".join(f"{w}\t{stems.get(w, '')}" for w in words))

    def with_stem(self, stem: str) -> list[str]:
        lines, found = self.lines, []
        needle = f"\t{stem}\n"
        pos = lines.find(needle)
        while pos >= 0:
            found.append(lines[lines.rfind("\n", 0, pos) + 1:pos])
            pos = lines.find(needle, pos + 1)
        return found

    def with_prefix(self, prefix: str) -> list[str]:
        lines, found = self.lines, []
        needle = f"\n{prefix}"
        pos = lines.find(needle)
        while pos >= 0:
            found.append(lines[pos + 1:lines.find("\t", pos)])
            pos = lines.find(needle, pos + 1)
        return found

    def __contains__(self, word: str) -> bool:
        return f"\n{word}\t" in self.lines


def query_highlights(text: str, query: Query | None) -> list[Highlight]:
    """`highlights` for a caller without the text's vocabulary (the Elasticsearch backend
    with the corpus store): the same fragments, from `query_vocabulary`."""
    if not positive_leaves(query) or not text:
        return []
    low = _lower(text)
    return highlights(text, query, vocabulary=query_vocabulary(low, query), low=low)


def query_vocabulary(low: str, query: Query | None) -> Vocabulary:
    """Every word of the lower-cased text `low` that a positive leaf of `query` could
    match, with its stem: for `match_spans`, the same spans as the whole vocabulary gives,
    at a fraction of the cost (no Python tokenising of the whole text).

    - `Prefix(p)`: the words starting with p, found by `str.find` of p.
    - `Term(stem)`: the words starting with the stem minus its last letter (minus "id"
      for a stem ending in "heid"), diaereses and acute accents ignored; each is stemmed
      and kept when its stem is the term. Why that finds them all: the Snowball Dutch
      stemmer removes those accents (ä ë ï ö ü á é í ó ú, nothing else), then only
      shortens the word, except that it undoubles a vowel just before the stem's last
      letter (advocaat -> advocat) and turns a final "heden" into "heid" (vrijheden ->
      vrijheid). Checked on every word of the sample corpus
      (tests/test_index_es_backend.py).
    - `Phrase(tokens)`: only its first token (`match_spans` looks a phrase up itself).
    """
    forms: set[str] = set()
    for leaf in positive_leaves(query):
        if isinstance(leaf, Phrase):
            forms.add(leaf.tokens[0])
            continue
        starts: Iterator[int]
        if isinstance(leaf, Prefix):
            starts = _finds(low, leaf.prefix)
        else:
            starts = iter(_stem_starts(low, leaf.stem))
        for pos in starts:
            word = _word_at(low, pos)
            if word:
                forms.add(word)
    words = sorted(forms)
    content = [w for w in words if w not in DUTCH_STOP_WORDS]
    stems = dict(zip(content, stem_all(content), strict=True))
    return Vocabulary("\n".join(f"{w}\t{stems.get(w, '')}" for w in words))


def _finds(low: str, needle: str) -> Iterator[int]:
    pos = low.find(needle)
    while pos >= 0:
        yield pos
        pos = low.find(needle, pos + 1)


# The accents the Snowball Dutch stemmer removes (its first step); a stem keeps any other.
_STEMMER_ACCENTS = {"a": "äá", "e": "ëé", "i": "ïí", "o": "öó", "u": "üú"}


def _stem_key(stem: str) -> str:
    """The start every word with this stem has, accents removed: the stem without its
    last letter (two for "...heid")."""
    return stem[:max(len(stem) - (2 if stem.endswith("heid") else 1), 1)]


@lru_cache(maxsize=256)
def _accented_key(key: str) -> re.Pattern[str]:
    return re.compile("".join(f"[{c}{_STEMMER_ACCENTS[c]}]" if c in _STEMMER_ACCENTS
                              else re.escape(c) for c in key))


def _stem_starts(low: str, stem: str) -> set[int]:
    """Where a word with this stem can start in `low`: the key as it is (`str.find`), and
    around every accented vowel the key could hold there (a regular expression scanning
    the whole text would cost ten times as much)."""
    key = _stem_key(stem)
    starts = set(_finds(low, key))
    pattern = _accented_key(key)
    for i, base in enumerate(key):
        for accented in _STEMMER_ACCENTS.get(base, ""):
            for pos in _finds(low, accented):
                if pos >= i and pattern.match(low, pos - i):
                    starts.add(pos - i)
    return starts


def _word_at(low: str, pos: int) -> str | None:
    """The token that starts at `pos`, if one does (None inside a token)."""
    if pos == 0 or low[pos - 1].isspace() or low[pos - 1] in _OPENERS:
        # Nothing before can join the token (no token holds a space or an opener).
        match = _token_re().match(low, pos)
        return match.group() if match else None
    for match in _token_re().finditer(low, _window_start(low, pos)):
        if match.end() > pos:
            return match.group() if match.start() == pos else None
    return None


def match_spans(text: str, query: Query | None, *,
                vocabulary: Vocabulary | None = None,
                low: str | None = None) -> list[tuple[int, int, int]]:
    """(start, end, leaf index) of the words of `text` the query's positive leaves match.

    `vocabulary`: the text's (the embedded index keeps it) or at least every word the
    query can match (`query_vocabulary`), which saves tokenising the whole text. `low`:
    `_lower(text)`, when the caller has it already.
    """
    leaves = positive_leaves(query)
    if not leaves or not text:
        return []
    if low is None:
        low = _lower(text)
    if len(low) != len(text):  # never for str.lower except U+0130, which _lower maps 1:1
        return []
    if vocabulary is None:
        vocabulary = Vocabulary.of_text(text)
    spans: list[tuple[int, int, int]] = []
    for i, leaf in enumerate(leaves):
        if isinstance(leaf, Term):
            forms = vocabulary.with_stem(leaf.stem)
        elif isinstance(leaf, Prefix):
            forms = vocabulary.with_prefix(leaf.prefix)
        else:
            assert isinstance(leaf, Phrase)
            forms = []
            if leaf.tokens[0] in vocabulary:
                spans.extend((s, e, i) for s, e in _phrases(low, leaf.tokens))
        for form in forms:
            spans.extend((s, e, i) for s, e in _occurrences(low, form))
        if len(spans) > MAX_SPANS:
            break
    spans.sort()
    return spans[:MAX_SPANS]


def _window_start(low: str, pos: int) -> int:
    """A token boundary at or before `pos`: just after the previous whitespace (no token
    contains whitespace), or the start of the text."""
    cut = max(low.rfind(" ", 0, pos), low.rfind("\n", max(pos - 2000, 0), pos),
              low.rfind("\t", max(pos - 2000, 0), pos))
    return cut + 1


_OPENERS = frozenset("([{\"“„«<")
_CLOSERS = frozenset(",.;:)]}!?\"”»>")


def _is_token(low: str, pos: int, end: int) -> bool:
    """Is low[pos:end] a whole token? Decided from the neighbours in the common cases
    (spaces, brackets, sentence punctuation before a space), else by tokenising around."""
    before_ok = pos == 0 or low[pos - 1].isspace() or low[pos - 1] in _OPENERS
    after_ok = end == len(low) or low[end].isspace() or (
        low[end] in _CLOSERS and (end + 1 == len(low) or low[end + 1].isspace()))
    if before_ok and after_ok:
        return True
    for match in _token_re().finditer(low, _window_start(low, pos)):
        if match.start() >= pos or match.end() > pos:
            return match.start() == pos and match.end() == end
    return False


def _occurrences(low: str, form: str) -> list[tuple[int, int]]:
    """Where `form` occurs in `low` as a whole token (the first MAX_PER_WORD times)."""
    found: list[tuple[int, int]] = []
    pos = low.find(form)
    while pos >= 0 and len(found) < MAX_PER_WORD:
        end = pos + len(form)
        if _is_token(low, pos, end):
            found.append((pos, end))
        pos = low.find(form, end)
    return found


def _phrases(low: str, tokens: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where the tokens occur consecutively: one regular expression finds the tokens with
    only non-word characters between them (no token can hide there), then each token is
    confirmed as a whole token (so "van.de" or "vande" never pass for "van de")."""
    gap = r"[^\w]+"
    pattern = re.compile(gap.join(f"({re.escape(t)})" for t in tokens))
    found: list[tuple[int, int]] = []
    for match in pattern.finditer(low):
        if all(_is_token(low, match.start(g), match.end(g)) for g in range(1, len(tokens) + 1)):
            found.append((match.start(), match.end()))
            if len(found) >= MAX_PER_WORD:
                break
    return found


def highlights(text: str, query: Query | None, *,
               vocabulary: Vocabulary | None = None,
               low: str | None = None,
               fragment_chars: int = FRAGMENT_CHARS,
               max_fragments: int = MAX_FRAGMENTS) -> list[Highlight]:
    """Up to `max_fragments` fragments around the matches, best first by distinct leaves
    matched then by number of matches, returned in text order."""
    spans = match_spans(text, query, vocabulary=vocabulary, low=low)
    return fragments(text, spans, fragment_chars=fragment_chars, max_fragments=max_fragments)


def fragments(text: str, spans: Sequence[tuple[int, int, int]], *,
              fragment_chars: int = FRAGMENT_CHARS,
              max_fragments: int = MAX_FRAGMENTS) -> list[Highlight]:
    """The fragments of `text` around the matches `spans` ((start, end, leaf index), sorted
    by start): one fragment selection for every backend, so the same matches give the same
    fragments whether the embedded index (`match_spans`) or Elasticsearch's highlighter
    (index/es_translate.py) found them.

    Greedy windows: each starts at a match and takes the matches that end within
    `fragment_chars` of it. The best `max_fragments` windows (most distinct query leaves,
    then most matches, then earliest) are widened to about `fragment_chars` characters of
    context and returned in text order.
    """
    candidates: list[tuple[int, int, int, int, list[tuple[int, int]]]] = []
    i = 0
    while i < len(spans):
        start = spans[i][0]
        limit = start + fragment_chars
        j = i + 1
        while j < len(spans) and spans[j][1] <= limit:
            j += 1
        covered = spans[i:j]
        end = max(s[1] for s in covered)
        distinct = len({s[2] for s in covered})
        candidates.append((distinct, len(covered), start, end, [(s[0], s[1]) for s in covered]))
        i = j
    best = sorted(candidates, key=lambda c: (-c[0], -c[1], c[2]))[:max_fragments]
    result = []
    for _, _, start, end, matches in sorted(best, key=lambda c: c[2]):
        lo, hi = _widen(text, start, end, fragment_chars)
        result.append(Highlight(text=text[lo:hi], start=lo, end=hi,
                                matches=sorted(set(matches))))
    return result


def _widen(text: str, start: int, end: int, size: int) -> tuple[int, int]:
    """Grow [start, end) to about `size` characters of context (a third before, the rest
    after), moved out to the nearest space within 20 characters so no word is cut, and
    never across a line break: a fragment reads as one passage."""
    spare = max(size - (end - start), 0)
    lo = max(start - spare // 3, 0)
    hi = min(end + spare - (start - lo), len(text))
    if lo > 0:
        cut = text.rfind(" ", max(lo - 20, 0), lo)
        if cut >= 0:
            lo = cut + 1
    if hi < len(text):
        cut = text.find(" ", hi, hi + 20)
        if cut >= 0:
            hi = cut
    para = text.rfind("\n", lo, start)
    if para >= 0:
        lo = para + 1
    para = text.find("\n", end, hi)
    if para >= 0:
        hi = para
    return lo, hi
