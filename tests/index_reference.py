"""An executable specification of search semantics: brute force over IndexRecords.

Slow and obviously right: every backend must return exactly its totals, facet counts and
(for field sorts) hit order. It follows index/query.py's docstring and index/ANALYSIS.md
and shares only the analysis (index/analysis.py) and the parser with the backends.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from index.analysis import analyze_field
from index.query import FacetName, Filters, SearchQuery, SortOrder
from index.querysyntax import All, AnyOf, Exclude, Phrase, Prefix, Query, Term, parse_query
from index.records import IndexRecord


@dataclass
class _Doc:
    record: IndexRecord
    stems: set[str]
    fields_exact: tuple[list[str], list[str]]


class Reference:
    def __init__(self, records: list[IndexRecord]) -> None:
        self.docs = []
        for record in records:
            s_sum, x_sum = analyze_field(record.summary)
            s_text, x_text = analyze_field(record.text)
            self.docs.append(_Doc(record, set(s_sum) | set(s_text), (x_sum, x_text)))

    def _matches(self, node: Query, doc: _Doc) -> bool:
        if isinstance(node, Term):
            return node.stem in doc.stems
        if isinstance(node, Prefix):
            return any(t.startswith(node.prefix) for f in doc.fields_exact for t in f)
        if isinstance(node, Phrase):
            n = len(node.tokens)
            return any(tuple(f[i:i + n]) == node.tokens
                       for f in doc.fields_exact for i in range(len(f) - n + 1))
        if isinstance(node, AnyOf):
            return any(self._matches(c, doc) for c in node.children)
        if isinstance(node, All):
            return all(not self._matches(c.child, doc) if isinstance(c, Exclude)
                       else self._matches(c, doc) for c in node.children)
        raise TypeError(node)

    def matching(self, q: str, filters: Filters) -> list[IndexRecord]:
        tree = parse_query(q)
        return [d.record for d in self.docs
                if (tree is None or self._matches(tree, d)) and passes(d.record, filters)]

    def total(self, query: SearchQuery) -> int:
        return len(self.matching(query.q, query.filters))

    def facets(self, query: SearchQuery) -> dict[str, list[tuple[Any, int]]]:
        out: dict[str, list[tuple[Any, int]]] = {}
        for facet in query.facets:
            records = self.matching(query.q,
                                    query.filters.without(query.filters.facet_filter(facet)))
            counts: Counter[Any] = Counter()
            for r in records:
                value = getattr(r, "court_code" if facet == FacetName.court else facet.value)
                if isinstance(value, list):
                    counts.update(value)
                elif value is not None:
                    counts[value] += 1
            ordered = sorted(counts.items(), key=lambda kv: (-kv[1], _key(kv[0])))
            out[facet.value] = ordered[:query.facet_size]
        return out

    def ordered_eclis(self, query: SearchQuery) -> list[str]:
        """Hit order for the field sorts (date, date_asc, prison), which is fully defined."""
        records = self.matching(query.q, query.filters)
        by_date = sorted(records, key=lambda r: r.ecli)
        if query.sort == SortOrder.date_asc:
            by_date = sorted(by_date, key=lambda r: r.decision_date.toordinal()
                             if r.decision_date else 0)
            return [r.ecli for r in sorted(by_date, key=lambda r: r.decision_date is None)]
        # date desc, unknown last (stable sorts: ecli asc within ties)
        by_date = sorted(by_date, key=lambda r: r.decision_date.toordinal()
                         if r.decision_date else 0, reverse=True)
        by_date = sorted(by_date, key=lambda r: r.decision_date is None)
        if query.sort == SortOrder.prison:
            by_date = sorted(by_date, key=lambda r: -(r.prison_days_total or 0))
            by_date = sorted(by_date, key=lambda r: r.prison_days_total is None)
        return [r.ecli for r in by_date]


def _key(value: Any) -> Any:
    # Elasticsearch orders keyword keys by UTF-8 bytes, SQLite text by memcmp of UTF-8.
    return value.encode() if isinstance(value, str) else value


def passes(r: IndexRecord, f: Filters) -> bool:
    def any_of(value: Any, allowed: list[Any]) -> bool:
        return not allowed or value in allowed

    def in_range(value: Any, low: Any, high: Any) -> bool:
        if low is None and high is None:
            return True
        if value is None:
            return False
        return (low is None or value >= low) and (high is None or value <= high)

    def flag(value: bool | None, wanted: bool | None) -> bool:
        return wanted is None or value is wanted

    return (
        any_of(r.court_code, f.court)
        and any_of(r.court_level, [lv.value for lv in f.court_level])
        and any_of(r.procedure, f.procedure)
        and any_of(r.year, f.year)
        and any_of(r.outcome, f.outcome)
        and in_range(r.decision_date, f.decision_date_from, f.decision_date_to)
        and in_range(r.year, f.year_from, f.year_to)
        and in_range(r.prison_days_total, f.prison_days_min, f.prison_days_max)
        and in_range(r.unconditional_prison_days, f.unconditional_prison_days_min,
                     f.unconditional_prison_days_max)
        and flag(r.trafficking, f.trafficking)
        and flag(r.minor_victim, f.minor_victim)
        and flag(r.has_compensation, f.has_compensation)
        and (not f.exploitation_types or bool(set(r.exploitation_types)
                                                & set(f.exploitation_types)))
        and (not f.articles or bool(set(r.article_paths) & set(f.articles)))
    )
