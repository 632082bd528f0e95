"""Filters, facets and sort orders of the embedded backend as bitsets in memory.

A facet count is the size of (text matches AND every filter but the facet's own AND
documents with the value). With one Python int per value as a bitset over the indexed
documents, that is an AND and a `bit_count()` per value: microseconds, where SQLite's
GROUP BY over the documents table took milliseconds per facet. The bitsets are built once
per version of the index (search_meta.changed) from the narrow `search_docs` table and
`search_values`; about 30 bytes per document and facet value in use.

Semantics are index/query.py's, exactly as the SQL of index/embedded.py implements them
(exports still use that SQL); the contract suite checks both against the specification.
"""

from __future__ import annotations

import sqlite3
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import itemgetter, sub
from typing import Any

from index.query import FacetName, Filters, SortOrder

# Facet -> (source, name): a column of search_docs or a field of search_values.
FACET_SOURCES: dict[FacetName, tuple[str, str]] = {
    FacetName.court: ("column", "court_code"),
    FacetName.court_level: ("column", "court_level"),
    FacetName.procedure: ("column", "procedure"),
    FacetName.year: ("column", "year"),
    FacetName.trafficking: ("column", "trafficking"),
    FacetName.outcome: ("column", "outcome"),
    FacetName.minor_victim: ("column", "minor_victim"),
    FacetName.exploitation_types: ("values", "exploitation_types"),
    FacetName.articles: ("values", "articles"),
}
_VALUE_COLUMNS = ("court_code", "court_level", "procedure", "year", "trafficking", "outcome",
                  "minor_victim", "has_compensation")
_RANGE_COLUMNS = ("decision_date", "year", "prison_days_total", "unconditional_prison_days")
_MULTI_FIELDS = ("exploitation_types", "articles", "article_paths")
# b"0" / b"1" -> 0 / 1: a binary numeral as `itertools.compress` selectors.
_DIGIT_VALUES = bytes.maketrans(b"01", b"\x00\x01")


def bits_of(positions: Iterable[int], size: int) -> int:
    """A bitset (int) with the given bit positions set."""
    raw = bytearray((size + 7) // 8)
    for p in positions:
        raw[p >> 3] |= 1 << (p & 7)
    return int.from_bytes(raw, "little")


def _sort_key(value: Any) -> Any:
    # Elasticsearch orders keyword keys by UTF-8 bytes; SQLite compares text the same way.
    return value.encode() if isinstance(value, str) else value


@dataclass
class FacetCache:
    version: str
    ids: list[int]  # position -> search_docs.id
    pos: dict[int, int]  # search_docs.id -> position
    values: dict[str, dict[Any, int]]  # column or multi field -> value -> bitset
    ranges: dict[str, list[Any]]  # column -> value per position (None when unknown)
    orders: dict[SortOrder, list[int]]  # positions in each field sort order
    date_rank: list[int]  # position -> rank in date order (relevance ties)
    all_bits: int
    dense: bool = False  # ids are exactly 1..n (as after a rebuild)
    _range_masks: dict[tuple[str, Any, Any], int] = field(default_factory=dict)

    @classmethod
    def load(cls, conn: sqlite3.Connection, version: str) -> FacetCache:
        rows = conn.execute(
            "SELECT id, ecli, " + ", ".join(dict.fromkeys(_VALUE_COLUMNS + _RANGE_COLUMNS))
            + " FROM search_docs ORDER BY id").fetchall()
        ids = [r["id"] for r in rows]
        pos = {doc_id: i for i, doc_id in enumerate(ids)}
        n = len(ids)
        positions: dict[str, dict[Any, list[int]]] = {c: {} for c in _VALUE_COLUMNS}
        for i, row in enumerate(rows):
            for column in _VALUE_COLUMNS:
                value = row[column]
                if value is not None:
                    positions[column].setdefault(value, []).append(i)
        for name in _MULTI_FIELDS:
            positions[name] = {}
        for doc_id, name, value in conn.execute(
                "SELECT doc_id, field, value FROM search_values"):
            where = pos.get(doc_id)
            if where is not None and name in positions:
                positions[name].setdefault(value, []).append(where)
        values = {name: {v: bits_of(p, n) for v, p in by_value.items()}
                  for name, by_value in positions.items()}
        ranges = {c: [r[c] for r in rows] for c in _RANGE_COLUMNS}
        eclis = [r["ecli"] for r in rows]
        by_ecli = sorted(range(n), key=eclis.__getitem__)
        dates = ranges["decision_date"]
        date_desc = sorted(by_ecli, key=lambda i: dates[i] or "", reverse=True)
        date_desc.sort(key=lambda i: dates[i] is None)  # stable: unknown dates last
        date_asc = sorted(by_ecli, key=lambda i: dates[i] or "")
        date_asc.sort(key=lambda i: dates[i] is None)
        prison = ranges["prison_days_total"]
        by_prison = sorted(date_desc, key=lambda i: -(prison[i] or 0))
        by_prison.sort(key=lambda i: prison[i] is None)
        date_rank = [0] * n
        for rank, i in enumerate(date_desc):
            date_rank[i] = rank
        orders = {SortOrder.date: date_desc, SortOrder.relevance: date_desc,
                  SortOrder.date_asc: date_asc, SortOrder.prison: by_prison}
        return cls(version=version, ids=ids, pos=pos, values=values, ranges=ranges,
                   orders=orders, date_rank=date_rank, all_bits=(1 << n) - 1,
                   dense=ids == list(range(1, n + 1)))

    # -- filters --------------------------------------------------------------------------

    def _any_of(self, name: str, wanted: Sequence[Any]) -> int:
        table = self.values[name]
        bits = 0
        for value in wanted:
            bits |= table.get(value, 0)
        return bits

    def _range(self, column: str, low: Any, high: Any) -> int:
        key = (column, low, high)
        cached = self._range_masks.get(key)
        if cached is None:
            column_values = self.ranges[column]
            cached = bits_of((i for i, v in enumerate(column_values) if v is not None
                              and (low is None or v >= low) and (high is None or v <= high)),
                             len(column_values))
            if len(self._range_masks) > 256:
                self._range_masks.clear()
            self._range_masks[key] = cached
        return cached

    def filter_masks(self, f: Filters) -> dict[str, int]:
        """One bitset per active filter field of `f` (range pairs under their low name)."""
        masks: dict[str, int] = {}
        for name, column in (("court", "court_code"), ("procedure", "procedure"),
                             ("year", "year"), ("outcome", "outcome")):
            wanted = getattr(f, name)
            if wanted:
                masks[name] = self._any_of(column, wanted)
        if f.court_level:
            masks["court_level"] = self._any_of("court_level", [lv.value for lv in f.court_level])
        if f.exploitation_types:
            masks["exploitation_types"] = self._any_of("exploitation_types",
                                                       f.exploitation_types)
        if f.articles:
            masks["articles"] = self._any_of("article_paths", f.articles)
        for name in ("trafficking", "minor_victim", "has_compensation"):
            flag = getattr(f, name)
            if flag is not None:
                masks[name] = self.values[name].get(int(flag), 0)
        for name, column, low, high in (
            ("decision_date_from", "decision_date",
             f.decision_date_from.isoformat() if f.decision_date_from else None,
             f.decision_date_to.isoformat() if f.decision_date_to else None),
            ("year_from", "year", f.year_from, f.year_to),
            ("prison_days_min", "prison_days_total", f.prison_days_min, f.prison_days_max),
            ("unconditional_prison_days_min", "unconditional_prison_days",
             f.unconditional_prison_days_min, f.unconditional_prison_days_max),
        ):
            if low is not None or high is not None:
                masks[name] = self._range(column, low, high)
        return masks

    # -- counting and ordering --------------------------------------------------------------

    def facet(self, facet: FacetName, mask: int, size: int) -> list[tuple[Any, int]]:
        _, name = FACET_SOURCES[facet]
        counts = [(value, (bits & mask).bit_count()) for value, bits in self.values[name].items()]
        counts = [(v, c) for v, c in counts if c]
        counts.sort(key=lambda vc: (-vc[1], _sort_key(vc[0])))
        return counts[:size]

    def page(self, mask: int, sort: SortOrder, offset: int, size: int) -> list[int]:
        """search_docs ids of one page in a field order (relevance without text = date)."""
        raw = mask.to_bytes((len(self.ids) + 7) // 8, "little")
        found: list[int] = []
        skip = offset
        for i in self.orders[sort]:
            if raw[i >> 3] >> (i & 7) & 1:
                if skip:
                    skip -= 1
                    continue
                found.append(self.ids[i])
                if len(found) == size:
                    break
        return found

    def ranked_page(self, ranked: list[tuple[int, float]], offset: int, size: int
                    ) -> list[tuple[int, float]]:
        """(id, bm25 rank) of one page by relevance: rank, then date order. `ranked`: the
        (id, rank) of exactly the documents to choose from (matching and filtered)."""
        need = offset + size
        if need <= 0 or not ranked:
            return []
        if len(ranked) > need:
            # Only ranks up to the need-th best can reach the page (ties included): the
            # date tie-break is looked up for those few, not for every match.
            ranks = list(map(itemgetter(1), ranked))
            threshold = sorted(ranks)[need - 1]
            ranked = list(compress(ranked, map(threshold.__ge__, ranks)))
        pos, date_rank = self.pos, self.date_rank
        keep = [(rank, date_rank[pos[doc_id]], doc_id) for doc_id, rank in ranked
                if doc_id in pos]
        keep.sort()
        return [(doc_id, rank) for rank, _, doc_id in keep[offset:need]]

    def bits_of_id_list(self, csv: str | None) -> int:
        """The bitset of a comma-separated id list (SQLite's `group_concat(rowid)`)."""
        return self.bits_of_known_ids(map(int, csv.split(","))) if csv else 0

    def bits_of_known_ids(self, ids: Iterable[int]) -> int:
        """The bitset of search_docs ids (ids not in this snapshot are left out).

        One byte per document, b"1" where set, written by `map` inside `deque` and read
        by `int(..., 2)`: no Python bytecode per id, which counts when a common word
        matches most of the index.
        """
        n = len(self.ids)
        if not n:
            return 0
        flags = bytearray(b"0") * (n + 1)  # [0] stays "0": the most significant digit
        ids = list(ids)
        try:
            # Position p is digit n - p: the least significant bit is the last digit.
            if self.dense:  # ids 1..n after a rebuild: position = id - 1
                if ids and (min(ids) < 1 or max(ids) > n):
                    raise KeyError("an id beyond this snapshot")
                digits = map(sub, repeat(n + 1), ids)
            else:
                digits = map(sub, repeat(n), map(self.pos.__getitem__, ids))
            deque(map(flags.__setitem__, digits, repeat(49)), maxlen=0)
        except KeyError:  # an id this snapshot does not know (never within one read)
            flags = bytearray(b"0") * (n + 1)
            for i in ids:
                p = self.pos.get(i)
                if p is not None:
                    flags[n - p] = 49
        return int(flags, 2)

    def id_flags(self, bits: int) -> bytes:
        """A byte per search_docs id, b"1" where the id's bit is set, else b"0": byte
        `id - 1`, i.e. SQL `substr(flags, id, 1)`."""
        n = len(self.ids)
        if self.dense:
            return format(bits, f"0{n}b")[::-1].encode() if n else b""
        flags = bytearray(b"0") * (max(self.ids) if n else 0)
        deque(map(flags.__setitem__, map(sub, self.ids_of_bits(bits), repeat(1)), repeat(49)),
              maxlen=0)
        return bytes(flags)

    def ids_of_bits(self, bits: int) -> list[int]:
        """search_docs ids of the set bits, in position order."""
        n = len(self.ids)
        digits = format(bits, f"0{n}b")[::-1].encode().translate(_DIGIT_VALUES)
        return list(compress(range(1, n + 1) if self.dense else self.ids, digits))
