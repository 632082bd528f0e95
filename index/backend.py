"""What a search backend is, and how the CLI / API get one.

Both backends (index/embedded.py: SQLite FTS5 in the corpus store; the Elasticsearch
backend) implement `SearchBackend` and answer every `SearchQuery` with the same total and
the same facet counts (tests/test_index_contract.py). Errors a user can act on are
`SearchBackendError`s whose message says what to do; the CLI prints them and exits 2.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

from index.query import Hit, SearchQuery, SearchResult
from index.records import IndexRecord

BACKENDS = ("embedded", "elasticsearch")
DEFAULT_ES_URL = "http://127.0.0.1:9200"


class SearchBackendError(Exception):
    """A problem the user can fix; the message says how."""


class BackendUnavailable(SearchBackendError):
    """The engine cannot be reached (Elasticsearch down, wrong URL, bad credentials)."""

    def __init__(self, url: str, detail: str = "") -> None:
        self.url = url
        hint = ("start a local node with `vonnis es start`, or set ELASTICSEARCH_URL to "
                "your cluster")
        super().__init__(f"Elasticsearch at {url} is unreachable"
                         f"{': ' + detail if detail else ''}; {hint}")


class IndexMissing(SearchBackendError):
    """Nothing has been indexed yet."""

    def __init__(self, backend: str) -> None:
        flag = "" if backend == "embedded" else f" --backend {backend}"
        super().__init__(f"no {backend} search index yet; build it with `vonnis index{flag}`")


class MappingMismatch(SearchBackendError):
    """The index was built by another version of the mapping / record; rebuild it."""

    def __init__(self, backend: str, detail: str) -> None:
        flag = "" if backend == "embedded" else f" --backend {backend}"
        super().__init__(f"the {backend} search index does not match this version of vonnis "
                         f"({detail}); rebuild it with `vonnis index{flag} --recreate`")


@dataclass
class IndexReport:
    backend: str
    indexed: int = 0  # records written
    unchanged: int = 0  # records skipped because the index already had them
    deleted: int = 0  # index entries removed (documents gone or withdrawn)
    failed: int = 0
    seconds: float = 0.0
    index_name: str | None = None  # e.g. the versioned Elasticsearch index behind the alias
    errors: list[str] = field(default_factory=list)

    @property
    def docs_per_second(self) -> float:
        return self.indexed / self.seconds if self.seconds > 0 else 0.0


@runtime_checkable
class SearchBackend(Protocol):
    name: str

    def index(self, records: Iterable[IndexRecord], *, recreate: bool = False,
              progress: bool = False, total: int | None = None) -> IndexReport:
        """Index the records (the whole corpus: records absent from `records` are removed).

        recreate=True builds a new index and swaps it in only when complete, so a kill
        leaves the old index serving. `total` (if known) sizes the progress bar.
        """
        ...

    def search(self, query: SearchQuery) -> SearchResult:
        """One page of hits plus total and facets. Raises QuerySyntaxError for bad `q`."""
        ...

    def iterate(self, query: SearchQuery) -> Iterator[Hit]:
        """Every hit of the query in `query.sort` order, without the 10,000 cap (exports).

        Ignores page/size and facets.
        """
        ...

    def count(self) -> int:
        """Documents in the index."""
        ...

    def close(self) -> None:
        ...


def es_url(url: str | None = None) -> str:
    """--url, then $ELASTICSEARCH_URL, then the local node of `vonnis es start`."""
    return url or os.environ.get("ELASTICSEARCH_URL") or DEFAULT_ES_URL


def open_backend(name: str, home: Path, url: str | None = None) -> SearchBackend:
    """The backend called `name` ("embedded" or "elasticsearch") for the data dir `home`.

    The Elasticsearch backend lives in index/es_backend.py and is constructed as
    `ElasticsearchBackend(url=..., home=...)`; it reads credentials (ELASTICSEARCH_API_KEY,
    ELASTICSEARCH_USERNAME / _PASSWORD, ELASTICSEARCH_CA_CERTS) from the environment.
    """
    if name == "embedded":
        from index.embedded import EmbeddedBackend

        return EmbeddedBackend(home)
    if name == "elasticsearch":
        try:
            from index.es_backend import ElasticsearchBackend  # type: ignore[import-not-found]
        except ModuleNotFoundError as exc:
            if exc.name not in ("index.es_backend",):
                raise
            raise SearchBackendError("the Elasticsearch backend is not available in this "
                                     "installation (index/es_backend.py missing)") from exc
        return ElasticsearchBackend(url=es_url(url), home=home)  # type: ignore[no-any-return]
    raise SearchBackendError(f"unknown backend {name!r}; choose one of: {', '.join(BACKENDS)}")
