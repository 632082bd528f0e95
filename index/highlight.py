"""Highlight fragments with offsets into the plain text, from the analysed query.

Shared by the backends so the same query marks the same words: the hit's text is re-scanned
with the analysis of index/analysis.py (only the hits of one page, so the cost is bounded)
and a word is marked when the query would match it: a `Term` where the word's stem equals
the term (stop words never match), a `Prefix` where the lower-cased word starts with it, a
`Phrase` where the words occur consecutively. Offsets are Python string indices into
`Document.text` (code points, not UTF-16 units).
"""

from __future__ import annotations

from index.analysis import DUTCH_STOP_WORDS, stem_all, tokenize
from index.query import Highlight
from index.querysyntax import Phrase, Prefix, Query, Term, positive_leaves

FRAGMENT_CHARS = 200
MAX_FRAGMENTS = 3


def match_spans(text: str, query: Query | None) -> list[tuple[int, int, int]]:
    """(start, end, leaf index) of every word of `text` the query's positive leaves match."""
    leaves = positive_leaves(query)
    if not leaves or not text:
        return []
    tokens = list(tokenize(text))
    words = [t.text for t in tokens]
    spans: list[tuple[int, int, int]] = []
    terms = {leaf.stem: i for i, leaf in enumerate(leaves) if isinstance(leaf, Term)}
    if terms:
        # Stem each distinct word once: judgments repeat their vocabulary a lot.
        distinct = sorted({w for w in words if w not in DUTCH_STOP_WORDS})
        stems = dict(zip(distinct, stem_all(distinct), strict=True))
        for tok in tokens:
            leaf = terms.get(stems.get(tok.text, ""))
            if leaf is not None:
                spans.append((tok.start, tok.end, leaf))
    for i, leaf in enumerate(leaves):
        if isinstance(leaf, Prefix):
            spans.extend((t.start, t.end, i) for t in tokens if t.text.startswith(leaf.prefix))
        elif isinstance(leaf, Phrase):
            n = len(leaf.tokens)
            first = leaf.tokens[0]
            for j, word in enumerate(words):
                if word == first and tuple(words[j:j + n]) == leaf.tokens:
                    spans.append((tokens[j].start, tokens[j + n - 1].end, i))
    spans.sort()
    return spans


def highlights(text: str, query: Query | None, *, fragment_chars: int = FRAGMENT_CHARS,
               max_fragments: int = MAX_FRAGMENTS) -> list[Highlight]:
    """Up to `max_fragments` fragments around the matches, best first by distinct leaves
    matched then by number of matches, returned in text order."""
    spans = match_spans(text, query)
    if not spans:
        return []
    # Greedy windows: each starts a little before a match and takes the matches it covers.
    candidates: list[tuple[int, int, int, int, list[tuple[int, int]]]] = []
    i = 0
    while i < len(spans):
        start = spans[i][0]
        limit = start + fragment_chars
        covered = [spans[i]]
        for span in spans[i + 1:]:
            if span[1] > limit:
                break
            covered.append(span)
        end = max(s[1] for s in covered)
        distinct = len({s[2] for s in covered})
        candidates.append((distinct, len(covered), start, end, [(s[0], s[1]) for s in covered]))
        i += len(covered)
    best = sorted(candidates, key=lambda c: (-c[0], -c[1], c[2]))[:max_fragments]
    result = []
    for _, _, start, end, matches in sorted(best, key=lambda c: c[2]):
        frag_start, frag_end = _widen(text, start, end, fragment_chars)
        result.append(Highlight(text=text[frag_start:frag_end], start=frag_start, end=frag_end,
                                matches=matches))
    return result


def _widen(text: str, start: int, end: int, size: int) -> tuple[int, int]:
    """Grow [start, end) to about `size` characters of context, cut at whitespace."""
    spare = max(size - (end - start), 0)
    lo = max(start - spare // 3, 0)
    hi = min(end + spare - (start - lo), len(text))
    if lo > 0:
        cut = text.rfind(" ", lo - 20, start)
        lo = cut + 1 if cut >= 0 and cut + 1 <= start else lo
    if hi < len(text):
        cut = text.find(" ", end, hi + 20)
        hi = cut if cut >= 0 else hi
    return lo, hi
