"""The flat record both backends index, built one way from the store.

Every normalisation (court code case, article spelling and prefixes, exploitation types,
unconditional prison days, has_compensation) happens here, once, so the backends only
copy fields. Elasticsearch indexes `IndexRecord.model_dump(mode="json")` (minus nothing);
the embedded backend stores the same values in SQL columns.

Fields from the extraction (issue 3, nlp/) are None / empty when the document has no
extraction yet; they fill in on the next `vonnis index` after `vonnis extract`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, Field

from index.query import Hit, article_paths, normalize_article
from vonnis.models import Status, StoredDocument
from vonnis.store import Store

# Bump when the record's fields or their normalisation change: backends compare it with
# what they built their index from and ask for --recreate when it differs.
RECORD_VERSION = 1


class IndexRecord(BaseModel):
    ecli: str
    court_code: str
    court_name: str
    court_level: str
    doc_type: str | None = None
    decision_date: dt.date | None = None
    year: int | None = None
    procedure: str | None = None  # the first procedure (Document.procedure), as the store
    trafficking: bool | None = None  # the classifier's flag; None: not classified
    summary: str = ""
    text: str = ""
    # -- from the extraction --
    outcome: str | None = None
    convicted_of_trafficking: bool | None = None
    articles: list[str] = Field(default_factory=list)  # normalised, e.g. "273f lid 1 sub 1"
    article_paths: list[str] = Field(default_factory=list)  # every prefix of every article
    prison_days_total: int | None = None
    prison_days_suspended: int | None = None
    unconditional_prison_days: int | None = None
    exploitation_types: list[str] = Field(default_factory=list)
    minor_victim: bool | None = None
    compensation_eur_total: float | None = None
    has_compensation: bool | None = None
    # -- bookkeeping --
    content_hash: str = ""  # of the stored document
    record_hash: str = ""  # of this record's content: unchanged records are not re-sent

    def to_hit(self, *, score: float | None = None) -> Hit:
        return Hit(
            ecli=self.ecli, court=self.court_name, court_code=self.court_code,
            court_level=self.court_level, decision_date=self.decision_date,
            procedure=self.procedure, summary=self.summary or None, score=score,
            trafficking=self.trafficking, outcome=self.outcome,
            prison_days_total=self.prison_days_total,
            prison_days_suspended=self.prison_days_suspended,
            unconditional_prison_days=self.unconditional_prison_days,
            compensation_eur_total=self.compensation_eur_total,
            exploitation_types=self.exploitation_types, minor_victim=self.minor_victim,
            articles=self.articles,
        )


def _int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(round(float(value)))
    except (TypeError, ValueError):
        return None


def _float(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _unique(values: list[str]) -> list[str]:
    return sorted({v for v in values if v})


def _article_strings(raw: Any) -> list[str]:
    """Article strings from the extraction's `articles` list (nlp/models.py `Article`).

    An Sr article is its normalised text ("273f lid 1 sub 1"); an article of another law
    carries the law first ("opiumwet 2 lid 1"), so "2" never matches it.
    """
    if not isinstance(raw, list):
        return []
    found: list[str] = []
    for item in raw:
        if isinstance(item, str):
            found.append(normalize_article(item))
            continue
        if not isinstance(item, dict):
            continue
        text = item.get("text") or item.get("article")
        if not isinstance(text, str) or not text.strip():
            continue
        law = item.get("law")
        if isinstance(law, str) and law.strip() and law.strip().lower() != "sr":
            text = f"{law.strip()} {text}"
        found.append(normalize_article(text))
    return _unique(found)


def build_record(stored: StoredDocument, extraction: dict[str, Any] | None) -> IndexRecord:
    doc = stored.document
    ex = extraction or {}
    total = _int(ex.get("prison_days_total"))
    suspended = _int(ex.get("prison_days_suspended"))
    compensation = _float(ex.get("compensation_eur_total"))
    articles = _article_strings(ex.get("articles"))
    record = IndexRecord(
        ecli=doc.ecli,
        court_code=doc.court.code.upper(),
        court_name=doc.court.name,
        court_level=doc.court.level.value,
        doc_type=doc.doc_type.value if doc.doc_type else None,
        decision_date=doc.decision_date,
        year=doc.year,
        procedure=doc.procedure,
        trafficking=stored.classification.trafficking if stored.classification else None,
        summary=doc.summary or "",
        text=doc.text,
        outcome=ex.get("outcome") if isinstance(ex.get("outcome"), str) else None,
        convicted_of_trafficking=_bool(ex.get("convicted_of_trafficking")),
        articles=articles,
        article_paths=_unique([p for a in articles for p in article_paths(a)]),
        prison_days_total=total,
        prison_days_suspended=suspended,
        unconditional_prison_days=None if total is None else max(total - (suspended or 0), 0),
        exploitation_types=_unique([str(v).strip().lower()
                                    for v in ex.get("exploitation_types") or []
                                    if isinstance(v, str)]),
        minor_victim=_bool(ex.get("minor_victim")),
        compensation_eur_total=compensation,
        has_compensation=None if extraction is None else bool(compensation and compensation > 0),
        content_hash=stored.content_hash,
    )
    record.record_hash = _hash(record)
    return record


def _hash(record: IndexRecord) -> str:
    payload = record.model_dump(mode="json", exclude={"record_hash"})
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False)
                          .encode()).hexdigest()[:32]


def iter_records(store: Store, *, eclis: list[str] | None = None) -> Iterator[IndexRecord]:
    """Records of every current (not withdrawn) document, in ECLI order."""
    status = None if eclis is not None else Status.current
    for stored in store.iter_documents(status=status, eclis=eclis):
        if stored.status != Status.current:
            continue
        yield build_record(stored, store.get_extraction(stored.document.ecli))


def count_records(store: Store) -> int:
    return store.count(status=Status.current)
