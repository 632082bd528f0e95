"""SearchQuery + analysed query tree -> Elasticsearch query DSL, and ES responses -> results.

No user text ever reaches Elasticsearch as query syntax: the tree of index/querysyntax.py,
already analysed by index/analysis.py (the same analysis the index uses), becomes
`term` / `prefix` / `match_phrase` clauses:

- `Term(stem)`: a `term` query on the stemmed fields `summary` and `text` (the stem is the
  indexed token, so there is no second analysis that could disagree);
- `Prefix(p)`: a `prefix` query on `summary.exact` / `text.exact`;
- `Phrase(tokens)`: a `match_phrase` on `summary.exact` / `text.exact` (a phrase must lie
  inside one field, as in the embedded backend). The tokens come from the Python twin of the
  standard tokenizer and re-tokenise to themselves;
- `All` / `AnyOf` / `Exclude`: `bool` must / should / must_not.
A word in the summary weighs double, like the embedded backend's bm25 column weights.

Facets have multi-select semantics (index/query.py): a filter that belongs to a requested
facet goes into `post_filter` (it narrows the hits and the total but not the aggregations)
and into a `filter` aggregation around every OTHER facet; all remaining filters go into
the query's filter context, where they narrow everything. With two or more facet filters the
query also keeps only documents that pass all of them but one (no facet can count the
others), which is exact and spares scoring and aggregating the rest.

Highlights, when the backend has the corpus store (the system of record; `vonnis` passes
its data dir): Elasticsearch is not asked for any. The hits' texts come from the store and
index/highlight.py's `query_highlights` marks them: the same words and fragments as the
embedded backend, and offsets into the store's `Document.text`, as there. Measured on
10,000 judgments: the whole highlighted field costs the node 15-25 ms more CPU on the
pages of long judgments (`wetboek van strafrecht`: 868 kB of response) and this process
5-7 ms to decode and cut; marking the store's text costs 11-17 ms of this process on
those pages and 1-4 ms on the others. Over the whole mix of benchmarks/bench_search.py
(request cache cleared, both ways interleaved on one node, load average 2.5): node CPU
per query 21 -> 17 ms, `took` p95 79 -> 55 ms, this process's CPU p95 16 -> 26 ms; the
responses of those pages shrink from 375-868 kB to 11-16 kB. Asking Elasticsearch
for a few fragments instead (number_of_fragments 1-50, sentence or word boundaries) was
measured too: 1.5 to 2.5 times the node CPU of the whole field, and the fragments carry
no offsets.

Without the store (a backend made without `home`, or a hit the store lacks), the unified
highlighter marks `text` (with `matched_fields` so phrase and
prefix matches on `text.exact` count too) and returns the WHOLE field
(`number_of_fragments: 0`) with noncharacter tags around the matches; with offsets in the
postings that costs no re-analysis. Removing the tags gives the plain text back unchanged
and the exact match offsets (Python string indices, i.e. code points, as the rest of
vonnis). Fragments are then cut by index/highlight.py's `fragments`, the function that
cuts them for the embedded backend too (the Elasticsearch highlighter's own fragments
carry no offsets, and locating a trimmed fragment in the text again would be ambiguous
when a sentence repeats).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from index.analysis import exact_tokens, is_stop, stem
from index.highlight import fragments
from index.query import FacetName, FacetValue, Filters, Highlight, Hit, SearchQuery, SortOrder
from index.querysyntax import All, AnyOf, Exclude, Phrase, Prefix, Query, Term, positive_leaves
from index.records import IndexRecord

STEMMED_FIELDS = ("summary", "text")
EXACT_FIELDS = ("summary.exact", "text.exact")
FIELD_BOOST = {"summary": 2.0, "text": 1.0, "summary.exact": 2.0, "text.exact": 1.0}

HIGHLIGHT_FIELD = "text"
# Unicode noncharacters: reserved for a program's internal use, never in published text,
# so they cannot be confused with anything in a judgment.
PRE_TAG = "\ufdd0"
POST_TAG = "\ufdd1"

# Source fields a hit does not need: the plain text is big, the rest is bookkeeping.
HIT_SOURCE_EXCLUDES = ["text", "article_paths", "content_hash", "record_hash"]

# Facet -> keyword/number/boolean field aggregated.
FACET_FIELDS: dict[FacetName, str] = {
    FacetName.court: "court_code",
    FacetName.court_level: "court_level",
    FacetName.procedure: "procedure",
    FacetName.year: "year",
    FacetName.trafficking: "trafficking",
    FacetName.outcome: "outcome",
    FacetName.exploitation_types: "exploitation_types",
    FacetName.articles: "articles",
    FacetName.minor_victim: "minor_victim",
}


# -- the text query -------------------------------------------------------------------------


def _either(clauses: list[dict[str, Any]]) -> dict[str, Any]:
    return {"bool": {"should": clauses, "minimum_should_match": 1}}


def text_query(node: Query | None) -> dict[str, Any]:
    """The query DSL of an analysed query tree; None matches every document."""
    if node is None:
        return {"match_all": {}}
    if isinstance(node, Term):
        return _either([{"term": {f: {"value": node.stem, "boost": FIELD_BOOST[f]}}}
                        for f in STEMMED_FIELDS])
    if isinstance(node, Prefix):
        return _either([{"prefix": {f: {"value": node.prefix, "boost": FIELD_BOOST[f]}}}
                        for f in EXACT_FIELDS])
    if isinstance(node, Phrase):
        if len(node.tokens) == 1:
            return _either([{"term": {f: {"value": node.tokens[0], "boost": FIELD_BOOST[f]}}}
                            for f in EXACT_FIELDS])
        text = " ".join(node.tokens)
        return _either([{"match_phrase": {f: {"query": text, "boost": FIELD_BOOST[f]}}}
                        for f in EXACT_FIELDS])
    if isinstance(node, AnyOf):
        return _either([text_query(c) for c in node.children])
    if isinstance(node, All):
        must = [text_query(c) for c in node.children if not isinstance(c, Exclude)]
        must_not = [text_query(c.child) for c in node.children if isinstance(c, Exclude)]
        body: dict[str, Any] = {}
        if must:
            body["must"] = must
        if must_not:
            body["must_not"] = must_not
        return {"bool": body}
    if isinstance(node, Exclude):  # only under All after analyze(); kept total for safety
        return {"bool": {"must_not": [text_query(node.child)]}}
    raise TypeError(f"cannot translate {node!r}")


# -- filters --------------------------------------------------------------------------------


def _date(value: dt.date) -> str:
    return value.isoformat()


def filter_clauses(filters: Filters) -> dict[str, dict[str, Any]]:
    """Filter field name -> clause, for every filter that is set.

    Keys are Filters field names for the facet-owned filters (so a facet can leave out its
    own) and the range's base name for ranges (which no facet owns).
    """
    f = filters
    clauses: dict[str, dict[str, Any]] = {}

    def terms(name: str, field: str, values: list[Any]) -> None:
        if values:
            clauses[name] = {"terms": {field: values}}

    terms("court", "court_code", f.court)
    terms("court_level", "court_level", [lv.value for lv in f.court_level])
    terms("procedure", "procedure", f.procedure)
    terms("year", "year", f.year)
    terms("outcome", "outcome", f.outcome)
    terms("exploitation_types", "exploitation_types", f.exploitation_types)
    terms("articles", "article_paths", f.articles)  # prefixes: "273f" hits every sub
    for name, field, low, high in (
        ("decision_date_range", "decision_date",
         _date(f.decision_date_from) if f.decision_date_from else None,
         _date(f.decision_date_to) if f.decision_date_to else None),
        ("year_range", "year", f.year_from, f.year_to),
        ("prison_days_range", "prison_days_total", f.prison_days_min, f.prison_days_max),
        ("unconditional_prison_days_range", "unconditional_prison_days",
         f.unconditional_prison_days_min, f.unconditional_prison_days_max),
    ):
        bounds = {k: v for k, v in (("gte", low), ("lte", high)) if v is not None}
        if bounds:
            clauses[name] = {"range": {field: bounds}}
    for name, flag in (("trafficking", f.trafficking), ("minor_victim", f.minor_victim),
                       ("has_compensation", f.has_compensation)):
        if flag is not None:  # a term query never matches a missing value: unknown is out
            clauses[name] = {"term": {name: flag}}
    return clauses


def _and(clauses: list[dict[str, Any]]) -> dict[str, Any]:
    return {"bool": {"filter": clauses}}


# -- sort -----------------------------------------------------------------------------------


def sort_clause(sort: SortOrder) -> list[Any]:
    """Sort keys; every order ends in `ecli` so pages and exports are deterministic."""
    date_desc = {"decision_date": {"order": "desc", "missing": "_last"}}
    ecli = {"ecli": {"order": "asc"}}
    if sort == SortOrder.relevance:
        return [{"_score": {"order": "desc"}}, date_desc, ecli]
    if sort == SortOrder.date:
        return [date_desc, ecli]
    if sort == SortOrder.date_asc:
        return [{"decision_date": {"order": "asc", "missing": "_last"}}, ecli]
    return [{"prison_days_total": {"order": "desc", "missing": "_last"}}, date_desc, ecli]


# -- the whole request ----------------------------------------------------------------------


def _terms_agg(facet: FacetName, size: int) -> dict[str, Any]:
    return {"terms": {
        "field": FACET_FIELDS[facet],
        "size": size,
        # A single shard (es_mapping) makes these exact; on more shards ask each for more.
        "shard_size": max(size * 3, 100),
        "order": [{"_count": "desc"}, {"_key": "asc"}],
    }}


def highlight_request() -> dict[str, Any]:
    return {
        "pre_tags": [PRE_TAG],
        "post_tags": [POST_TAG],
        "encoder": "default",
        "require_field_match": True,
        "fields": {HIGHLIGHT_FIELD: {
            "type": "unified",
            "number_of_fragments": 0,  # the whole field: offsets are then exact
            "matched_fields": [HIGHLIGHT_FIELD, f"{HIGHLIGHT_FIELD}.exact"],
        }},
    }


def search_body(query: SearchQuery, analysed: Query | None, *,
                es_highlights: bool = True) -> dict[str, Any]:
    """Keyword arguments for `Elasticsearch.search` (without `index`). `es_highlights`:
    False when the caller highlights the hits itself (from the corpus store's text)."""
    filters = filter_clauses(query.filters)
    facets = list(dict.fromkeys(query.facets))
    owned = {query.filters.facet_filter(f) for f in facets} & set(filters)
    main_filters = [c for name, c in filters.items() if name not in owned]

    text = text_query(analysed)
    if len(owned) >= 2:
        # Every facet's counts need only the documents that pass all facet filters but
        # (at most) its own, so a document failing two of them counts nowhere: leaving it
        # out of the query saves scoring it and running every aggregation over it.
        main_filters = [*main_filters, {"bool": {
            "should": [filters[name] for name in filters if name in owned],
            "minimum_should_match": len(owned) - 1}}]
    if main_filters:
        q: dict[str, Any] = {"bool": {"must": [text], "filter": main_filters}}
    else:
        q = text
    body: dict[str, Any] = {
        "query": q,
        "sort": sort_clause(query.sort),
        "from_": query.offset,
        "size": query.size,
        "track_total_hits": True,
        "source_excludes": HIT_SOURCE_EXCLUDES,
        # The shard request cache keeps the query phase (total, top hits, facet counts)
        # until the next refresh; by default only size-0 requests use it. A results page
        # is asked for again and again (the landing page, back and forth between filters),
        # and the facets are most of its cost. Highlights (fetch phase) are not cached.
        "request_cache": True,
    }
    if owned:
        body["post_filter"] = _and([filters[name] for name in filters if name in owned])
    if facets:
        aggs: dict[str, Any] = {}
        for facet in facets:
            own = query.filters.facet_filter(facet)
            others = [filters[name] for name in filters if name in owned and name != own]
            terms = _terms_agg(facet, query.facet_size)
            if others:
                aggs[facet.value] = {"filter": _and(others), "aggs": {"values": terms}}
            else:
                aggs[facet.value] = terms
        body["aggs"] = aggs
    if es_highlights and wants_highlights(query, analysed):
        body["highlight"] = highlight_request()
    return body


def wants_highlights(query: SearchQuery, analysed: Query | None) -> bool:
    return bool(query.highlight and query.size and positive_leaves(analysed))


def highlight_body(eclis: list[str], analysed: Query | None) -> dict[str, Any]:
    """Highlights of just these documents (those the corpus store does not have)."""
    return {"query": {"bool": {"must": [text_query(analysed)],
                               "filter": [{"ids": {"values": eclis}}]}},
            "size": len(eclis), "source": False, "track_total_hits": False,
            "highlight": highlight_request()}


def export_body(query: SearchQuery, analysed: Query | None) -> dict[str, Any]:
    """The query and sort of an export: every filter narrows, no facets, no highlights."""
    filters = list(filter_clauses(query.filters).values())
    text = text_query(analysed)
    q = {"bool": {"must": [text], "filter": filters}} if filters else text
    return {"query": q, "sort": sort_clause(query.sort), "source_excludes": HIT_SOURCE_EXCLUDES,
            "track_total_hits": False}


# -- reading the response -------------------------------------------------------------------


def facet_values(facet: FacetName, agg: dict[str, Any]) -> list[FacetValue]:
    buckets = agg.get("values", agg)["buckets"]
    values = []
    for bucket in buckets:
        key = bucket["key"]
        if facet in (FacetName.trafficking, FacetName.minor_victim):
            key = bool(key)  # boolean terms come back as 1 / 0
        elif facet == FacetName.year:
            key = int(key)
        else:
            key = str(key)
        values.append(FacetValue(value=key, count=bucket["doc_count"]))
    return values


def hit_of(raw: dict[str, Any], *, score: bool = True) -> Hit:
    record = IndexRecord.model_validate(raw["_source"])
    value = raw.get("_score") if score else None
    return record.to_hit(score=float(value) if value is not None else None)


def strip_tags(tagged: str) -> tuple[str, list[tuple[int, int]]]:
    """The highlighted field without its tags, and the tagged spans as offsets into it."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    start = -1
    pos = 0
    while True:
        i = tagged.find(PRE_TAG if start < 0 else POST_TAG, pos)
        if i < 0:
            break
        plain.append(tagged[pos:i])
        length += i - pos
        if start < 0:
            start = length
        else:
            spans.append((start, length))
            start = -1
        pos = i + 1
    plain.append(tagged[pos:])
    return "".join(plain), spans


def _leaf_index(word: str, leaves: list[Term | Prefix | Phrase], others: dict[str, int]) -> int:
    """Which query leaf a marked span matched (to prefer fragments matching more leaves)."""
    tokens = exact_tokens(word)
    for i, leaf in enumerate(leaves):
        if isinstance(leaf, Phrase) and tuple(tokens) == leaf.tokens:
            return i
        if len(tokens) == 1:
            token = tokens[0]
            if isinstance(leaf, Prefix) and token.startswith(leaf.prefix):
                return i
            if isinstance(leaf, Term) and not is_stop(token) and stem(token) == leaf.stem:
                return i
    key = " ".join(tokens)
    return others.setdefault(key, len(leaves) + len(others))


def marked_spans(text: str, spans: list[tuple[int, int]],
                 analysed: Query | None) -> list[tuple[int, int, int]]:
    """The highlighter's spans as (start, end, leaf index), sorted: what
    index/highlight.py's `fragments` chooses from."""
    leaves = positive_leaves(analysed)
    others: dict[str, int] = {}
    known: dict[str, int] = {}  # the same word recurs dozens of times in a judgment
    marked = []
    for s, e in spans:
        word = text[s:e]
        leaf = known.get(word)
        if leaf is None:
            leaf = known[word] = _leaf_index(word, leaves, others)
        marked.append((s, e, leaf))
    marked.sort()
    return marked


def hit_highlights(raw: dict[str, Any], analysed: Query | None) -> list[Highlight]:
    tagged = (raw.get("highlight") or {}).get(HIGHLIGHT_FIELD)
    if not tagged:
        return []
    text, spans = strip_tags(tagged[0])
    return fragments(text, marked_spans(text, spans, analysed))
