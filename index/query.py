"""The search contract: one query model and one result model for every backend.

Filter semantics (both backends implement exactly these; the contract suite checks it):
- a list filter matches a document having ANY of the listed values (OR within a filter);
  different filters combine with AND;
- `court` is the ECLI court code ("RBAMS", "GHARL", "HR"), compared case-insensitively;
- `articles` matches by article prefix: "273f" matches "273f", "273f lid 1" and
  "273f lid 1 sub 1"; "273f lid 1" matches "273f lid 1 sub 1" but not "273f lid 10"
  (IndexRecord.article_paths holds every prefix, so a filter is a plain keyword match);
- a range bound (`*_min`, `*_max`, `decision_date_from/_to`, `year_from/_to`) is
  inclusive and excludes documents where the value is unknown;
- `unconditional_prison_days` = prison_days_total - prison_days_suspended (suspended
  unknown counts as 0); unknown when the total is unknown;
- a boolean filter (`trafficking`, `minor_victim`, `has_compensation`) matches only
  documents where the value is known and equal; `has_compensation` is true when
  compensation_eur_total > 0, false when the extraction found none or 0, unknown
  without an extraction.

Facets: counts of the documents matching the query and every filter EXCEPT the facet's own
(multi-select: ticking "RBAMS" in the court facet leaves the other courts' counts visible).
Values sorted by count descending, then value ascending; at most `facet_size` values.
Multi-valued fields (exploitation_types, articles) count a document once per value.
Documents without a value are not counted. `articles` facet counts the full article
strings (IndexRecord.articles), not the prefixes.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from vonnis.models import CourtLevel

MAX_SIZE = 100
MAX_WINDOW = 10_000  # page * size: deeper browsing goes through SearchBackend.iterate
MAX_FACET_SIZE = 1000


class FacetName(StrEnum):
    court = "court"
    court_level = "court_level"
    procedure = "procedure"
    year = "year"
    trafficking = "trafficking"
    outcome = "outcome"
    exploitation_types = "exploitation_types"
    articles = "articles"
    minor_victim = "minor_victim"


class SortOrder(StrEnum):
    relevance = "relevance"  # score desc; ties: decision_date desc, ecli asc
    date = "date"  # decision_date desc (unknown last); ties: ecli asc
    date_asc = "date_asc"  # decision_date asc (unknown last); ties: ecli asc
    prison = "prison"  # prison_days_total desc (unknown last); ties: decision_date desc, ecli


def normalize_article(value: str) -> str:
    """One spelling for an article: lower case, single spaces, no "art." or degree signs.

    "Art. 273f, lid 1, sub 1°" -> "273f lid 1 sub 1".
    """
    text = value.strip().lower().replace("°", " ").replace(",", " ")
    for prefix in ("artikel ", "art. ", "art "):
        if text.startswith(prefix):
            text = text[len(prefix):]
    return " ".join(text.split())


def article_paths(article: str) -> list[str]:
    """Every prefix of a normalised article at word boundaries: what an article filter hits.

    "273f lid 1 sub 1" -> ["273f", "273f lid 1", "273f lid 1 sub 1"] (a prefix ending in a
    bare qualifier word like "273f lid" is left out).
    """
    words = normalize_article(article).split()
    paths = []
    for i in range(1, len(words) + 1):
        if i < len(words) and not any(ch.isdigit() for ch in words[i - 1]):
            continue
        paths.append(" ".join(words[:i]))
    return paths


class Filters(BaseModel):
    model_config = ConfigDict(extra="forbid")

    court: list[str] = Field(default_factory=list)
    court_level: list[CourtLevel] = Field(default_factory=list)
    procedure: list[str] = Field(default_factory=list)
    decision_date_from: dt.date | None = None
    decision_date_to: dt.date | None = None
    year: list[int] = Field(default_factory=list)
    year_from: int | None = None
    year_to: int | None = None
    trafficking: bool | None = None
    outcome: list[str] = Field(default_factory=list)
    exploitation_types: list[str] = Field(default_factory=list)
    articles: list[str] = Field(default_factory=list)
    minor_victim: bool | None = None
    prison_days_min: int | None = Field(default=None, ge=0)
    prison_days_max: int | None = Field(default=None, ge=0)
    unconditional_prison_days_min: int | None = Field(default=None, ge=0)
    unconditional_prison_days_max: int | None = Field(default=None, ge=0)
    has_compensation: bool | None = None

    @field_validator("court")
    @classmethod
    def _court_codes(cls, value: list[str]) -> list[str]:
        return [v.strip().upper() for v in value if v.strip()]

    @field_validator("articles")
    @classmethod
    def _articles(cls, value: list[str]) -> list[str]:
        return [normalize_article(v) for v in value if v.strip()]

    @field_validator("outcome", "exploitation_types", "procedure")
    @classmethod
    def _strip(cls, value: list[str]) -> list[str]:
        return [v.strip() for v in value if v.strip()]

    @model_validator(mode="after")
    def _ranges(self) -> Filters:
        for low, high in (("decision_date_from", "decision_date_to"), ("year_from", "year_to"),
                          ("prison_days_min", "prison_days_max"),
                          ("unconditional_prison_days_min", "unconditional_prison_days_max")):
            lo, hi = getattr(self, low), getattr(self, high)
            if lo is not None and hi is not None and lo > hi:
                raise ValueError(f"{low} ({lo}) is after {high} ({hi})")
        return self

    def facet_filter(self, facet: FacetName) -> str | None:
        """The filter field that belongs to a facet (left out when counting that facet)."""
        return facet.value if facet.value in type(self).model_fields else None

    def without(self, name: str | None) -> Filters:
        """These filters minus one (for multi-select facet counts)."""
        if name is None:
            return self
        field = type(self).model_fields[name]
        # Not field.get_default(call_default_factory=True): it inspects the factory's
        # signature on every call, a millisecond per facet.
        default = field.default_factory() if field.default_factory else field.default  # type: ignore[call-arg]
        return self.model_copy(update={name: default})

    def is_empty(self) -> bool:
        return self == Filters()


class SearchQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    q: str = ""  # the simple syntax of index/querysyntax.py; "" matches every document
    filters: Filters = Field(default_factory=Filters)
    facets: list[FacetName] = Field(default_factory=list)
    facet_size: int = Field(default=50, ge=1, le=MAX_FACET_SIZE)
    sort: SortOrder = SortOrder.relevance
    page: int = Field(default=1, ge=1)
    size: int = Field(default=10, ge=0, le=MAX_SIZE)  # 0: totals and facets only
    highlight: bool = True

    @model_validator(mode="after")
    def _window(self) -> SearchQuery:
        if self.page * self.size > MAX_WINDOW:
            raise ValueError(
                f"page * size may not exceed {MAX_WINDOW} (got {self.page} * {self.size}); "
                "use an export (SearchBackend.iterate) to go through more results")
        return self

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size


class Highlight(BaseModel):
    """A fragment of the plain text (Document.text): text == plain_text[start:end]."""

    text: str
    start: int
    end: int
    # The matched words inside the fragment, as absolute offsets into the plain text.
    matches: list[tuple[int, int]] = Field(default_factory=list)


class Hit(BaseModel):
    ecli: str
    court: str | None = None  # court name
    court_code: str | None = None
    court_level: str | None = None
    decision_date: dt.date | None = None
    procedure: str | None = None
    summary: str | None = None
    score: float | None = None
    trafficking: bool | None = None
    # key sentence fields from the extraction (None when not extracted / not stated)
    outcome: str | None = None
    prison_days_total: int | None = None
    prison_days_suspended: int | None = None
    unconditional_prison_days: int | None = None
    compensation_eur_total: float | None = None
    exploitation_types: list[str] = Field(default_factory=list)
    minor_victim: bool | None = None
    articles: list[str] = Field(default_factory=list)
    highlights: list[Highlight] = Field(default_factory=list)


class FacetValue(BaseModel):
    value: str | int | bool
    count: int


class SearchResult(BaseModel):
    total: int
    hits: list[Hit] = Field(default_factory=list)
    facets: dict[str, list[FacetValue]] = Field(default_factory=dict)
    took_ms: int = 0

    def to_json(self) -> dict[str, Any]:
        """The `vonnis search --json` shape."""
        return self.model_dump(mode="json")


# -- `key=value` filters, as typed on the command line or in a URL --------------------------


class FilterError(ValueError):
    """A filter key or value that cannot be used; the message says which and why."""


_BOOL = {"true": True, "yes": True, "1": True, "ja": True,
         "false": False, "no": False, "0": False, "nee": False}
_LIST_KEYS = {"court", "court_level", "procedure", "outcome", "exploitation_types", "articles"}
_RANGE_KEYS = {"year": ("year_from", "year_to"),
               "decision_date": ("decision_date_from", "decision_date_to"),
               "prison_days": ("prison_days_min", "prison_days_max"),
               "unconditional_prison_days": ("unconditional_prison_days_min",
                                             "unconditional_prison_days_max")}
_BOOL_KEYS = {"trafficking", "minor_victim", "has_compensation"}
_SCALAR_KEYS = {"decision_date_from", "decision_date_to", "year_from", "year_to",
                "prison_days_min", "prison_days_max", "unconditional_prison_days_min",
                "unconditional_prison_days_max"}
FILTER_KEYS = sorted(_LIST_KEYS | set(_RANGE_KEYS) | _BOOL_KEYS | _SCALAR_KEYS)

FILTER_HELP = (
    "key=value; repeat a key for OR. Keys: court=RBAMS, court_level=hof, procedure=..., "
    "year=2015 or year=2015..2020, decision_date=2015-01-01..2016-06-30 (either side may be "
    "empty), trafficking=true, outcome=conviction, exploitation_types=sexual, "
    "articles=273f (matches every lid/sub), minor_victim=true, prison_days=730.., "
    "unconditional_prison_days=..365, has_compensation=true"
)


def _range(key: str, value: str) -> tuple[str | None, str | None]:
    if ".." not in value:
        return value, value
    low, high = value.split("..", 1)
    if not low.strip() and not high.strip():
        raise FilterError(f"{key}: a range needs at least one bound, e.g. {key}=2015..2020")
    return low.strip() or None, high.strip() or None


def parse_filters(pairs: list[str]) -> Filters:
    """`["court=RBAMS", "year=2015..2020", "trafficking=true"]` -> Filters.

    Raises FilterError naming the bad key or value.
    """
    data: dict[str, Any] = {}
    for pair in pairs:
        if "=" not in pair:
            raise FilterError(f"filter {pair!r} is not key=value ({FILTER_HELP})")
        key, value = (part.strip() for part in pair.split("=", 1))
        if key not in FILTER_KEYS:
            raise FilterError(f"unknown filter key {key!r}; known keys: {', '.join(FILTER_KEYS)}")
        if not value:
            raise FilterError(f"filter {key!r} has no value")
        if key in _BOOL_KEYS:
            if value.lower() not in _BOOL:
                raise FilterError(f"{key}: {value!r} is not true or false")
            data[key] = _BOOL[value.lower()]
        elif key == "year" and ".." not in value:
            data.setdefault("year", []).append(value)
        elif key in _RANGE_KEYS:
            low_key, high_key = _RANGE_KEYS[key]
            low, high = _range(key, value)
            if low is not None:
                data[low_key] = low
            if high is not None:
                data[high_key] = high
        elif key in _LIST_KEYS:
            data.setdefault(key, []).append(value)
        else:
            data[key] = value
    try:
        return Filters.model_validate(data)
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        raise FilterError(_validation_message(exc)) from exc


def _validation_message(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if not callable(errors):
        return str(exc)
    parts = []
    for error in errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if not isinstance(p, int))
        value = error.get("input")
        shown = f" {value!r}" if value is not None and not isinstance(value, dict) else ""
        parts.append(f"{where or 'filters'}{shown}: {error.get('msg')}")
    return "; ".join(parts)
