"""The Elasticsearch index template: analysis settings and mappings, as plain dicts.

Bump MAPPING_VERSION whenever anything here changes. An index records what it was built
with in its mapping `_meta` (the mapping version, the record version and a signature of
the whole template); the backend compares that with this module before it searches or
updates, and asks for `vonnis index --backend elasticsearch --recreate` when they differ.

The analysis is the one of index/analysis.py (the embedded backend's Python twin), so both
backends match the same documents for the same query:

- `summary`, `text`: standard tokenizer, lowercase, the Snowball Dutch stop list, the
  Snowball Dutch stemmer (Lucene's `DutchStemmer` = PyStemmer's `dutch_porter`);
- `summary.exact`, `text.exact`: standard tokenizer and lowercase only (for "phrases" and
  prefix*), nothing removed.
The stop list is passed explicitly from index/analysis.py (it equals `_dutch_`; the tests
check that), so the two backends cannot drift apart on it.

`text` and `text.exact` index their postings with character offsets
(`index_options: offsets`): the unified highlighter then reads match offsets from the index
instead of re-analysing a judgment of hundreds of kilobytes (which
`index.highlight.max_analyzed_offset` refuses above 1M characters), and `matched_fields`
lets phrase / prefix matches on `.exact` mark `text`. Term vectors
(`term_vector: with_positions_offsets`) would serve the highlighter the same offsets, but
cost 25-40% more indexing time and ~30% more disk here (measured on the real corpus); the
postings already hold everything the highlighter needs.

`text` stays in `_source` (hits leave it out with source filtering, which costs ~1 ms per
page of 10). Storing it as a separate stored field excluded from `_source` was measured:
Elasticsearch then keeps the whole original source in `_recovery_source` as well, and the
index grew from 33 kB to 76 kB per judgment, for no gain in query time.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from index.analysis import DUTCH_STOP_WORDS
from index.records import RECORD_VERSION

MAPPING_VERSION = 2

ALIAS_SUFFIX = "docs"
TEXT_ANALYZER = "vonnis_dutch"
EXACT_ANALYZER = "vonnis_exact"
# Keyword values longer than this are kept in _source but not indexed: Lucene refuses
# terms above 32766 bytes, and one absurd value must not fail a whole bulk request.
KEYWORD_IGNORE_ABOVE = 4096


def alias_name(prefix: str) -> str:
    """The stable name searches use: `vonnis-docs`."""
    return f"{prefix}-{ALIAS_SUFFIX}"


def index_pattern(prefix: str) -> str:
    """Every versioned index of this prefix: `vonnis-docs-v*`."""
    return f"{prefix}-{ALIAS_SUFFIX}-v*"


def index_name(prefix: str, stamp: str) -> str:
    """A new versioned index: `vonnis-docs-v1-20250101120000123456`."""
    return f"{prefix}-{ALIAS_SUFFIX}-v{MAPPING_VERSION}-{stamp}"


def template_name(prefix: str) -> str:
    return f"{prefix}-{ALIAS_SUFFIX}"


def analysis() -> dict[str, Any]:
    return {
        "filter": {
            "vonnis_dutch_stop": {"type": "stop", "stopwords": sorted(DUTCH_STOP_WORDS)},
            "vonnis_dutch_stemmer": {"type": "snowball", "language": "Dutch"},
        },
        "analyzer": {
            TEXT_ANALYZER: {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "vonnis_dutch_stop", "vonnis_dutch_stemmer"],
            },
            EXACT_ANALYZER: {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase"],
            },
        },
    }


def _text(*, offsets: bool) -> dict[str, Any]:
    exact: dict[str, Any] = {"type": "text", "analyzer": EXACT_ANALYZER}
    field: dict[str, Any] = {"type": "text", "analyzer": TEXT_ANALYZER,
                             "fields": {"exact": exact}}
    if offsets:
        field["index_options"] = "offsets"
        exact["index_options"] = "offsets"
    return field


def _keyword(**extra: Any) -> dict[str, Any]:
    return {"type": "keyword", "ignore_above": KEYWORD_IGNORE_ABOVE, **extra}


_STORED_ONLY_KEYWORD: dict[str, Any] = {"type": "keyword", "index": False, "doc_values": False}
_BOOLEAN: dict[str, Any] = {"type": "boolean"}
_INTEGER: dict[str, Any] = {"type": "integer"}


def properties() -> dict[str, Any]:
    """One field per IndexRecord field (index/records.py); `dynamic: strict` rejects others."""
    return {
        "ecli": _keyword(),
        "court_code": _keyword(),
        "court_name": _keyword(),
        "court_level": _keyword(),
        "doc_type": _keyword(),
        "decision_date": {"type": "date", "format": "strict_date"},
        "year": _INTEGER,
        "procedure": _keyword(),
        "trafficking": _BOOLEAN,
        # Matches in the summary are not highlighted (highlights point into the plain text),
        # so the summary needs no offsets.
        "summary": _text(offsets=False),
        "text": _text(offsets=True),
        "outcome": _keyword(),
        "convicted_of_trafficking": _BOOLEAN,
        # Full normalised articles ("273f lid 1 sub 1") for the facet; every prefix of each
        # ("273f", "273f lid 1", ...) for the filter, so "273f" matches every sub-paragraph.
        "articles": _keyword(),
        "article_paths": _keyword(),
        "prison_days_total": _INTEGER,
        "prison_days_suspended": _INTEGER,
        "unconditional_prison_days": _INTEGER,
        "exploitation_types": _keyword(),
        "minor_victim": _BOOLEAN,
        "compensation_eur_total": {"type": "double"},
        "has_compensation": _BOOLEAN,
        "content_hash": _STORED_ONLY_KEYWORD,
        # doc values only: read back (docvalue_fields) to skip unchanged records on update.
        "record_hash": {"type": "keyword", "index": False},
    }


def _body(meta: dict[str, Any]) -> dict[str, Any]:
    return {
        "settings": {
            "number_of_shards": 1,  # one shard: exact facet counts; a corpus of ~1M docs fits
            "number_of_replicas": 0,
            "analysis": analysis(),
        },
        "mappings": {
            "dynamic": "strict",
            "_meta": meta,
            "properties": properties(),
        },
    }


def signature() -> str:
    """Changes whenever an index built by this module would differ."""
    payload = json.dumps([MAPPING_VERSION, RECORD_VERSION, _body({})], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def meta() -> dict[str, Any]:
    """What an index records about how it was built (mapping `_meta`)."""
    return {"app": "vonnis", "mapping_version": MAPPING_VERSION,
            "record_version": RECORD_VERSION, "signature": signature()}


def index_template(prefix: str) -> dict[str, Any]:
    """Keyword arguments for `indices.put_index_template`."""
    return {
        "name": template_name(prefix),
        "index_patterns": [index_pattern(prefix)],
        "priority": 200,
        "version": MAPPING_VERSION,
        "meta": meta(),
        "template": _body(meta()),
    }
