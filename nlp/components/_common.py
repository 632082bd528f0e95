"""Helpers the components share: evidence spans with their section, the decision region."""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc

from nlp.decision import Region, find_decision
from nlp.extensions import evidence, facts, is_partial, meta, summary_of, text_of
from nlp.sections import SectionIndex


def blank(m: re.Match[str]) -> str:
    """A match replaced by spaces of its length (for `re.sub`), so that offsets stay valid."""
    return " " * len(m.group(0))


def section_index(doc: Doc) -> SectionIndex:
    return SectionIndex(doc._.sections or [])


SUMMARY_SECTION = "inhoudsindicatie"


def add_evidence(doc: Doc, key: str, start: int, end: int, label: str | None = None,
                 index: SectionIndex | None = None, *, in_summary: bool = False) -> None:
    """Record a span of text_of(doc) as evidence for `key` (deduplicated). With `in_summary`,
    the span is one of the inhoudsindicatie (section "inhoudsindicatie", offsets into
    `Document.summary`)."""
    if start < 0 or end <= start:
        return
    if in_summary:
        span = {"start": start, "end": end, "text": summary_of(doc)[start:end],
                "section": SUMMARY_SECTION, "label": label}
    else:
        index = index or section_index(doc)
        span = {"start": start, "end": end, "text": text_of(doc)[start:end],
                "section": index.label_at(start), "label": label}
    bucket = evidence(doc).setdefault(key, [])
    if not any(e["start"] == start and e["end"] == end and e.get("label") == label
               and e["section"] == span["section"] for e in bucket):
        bucket.append(span)


def set_fact(doc: Doc, key: str, value: Any) -> None:
    facts(doc)[key] = value


def court_level(doc: Doc) -> str | None:
    """From the metadata, else as `vonnis_defendant` inferred it from the text."""
    return meta(doc).get("court_level") or facts(doc).get("court_level")


def is_conclusion(doc: Doc) -> bool:
    """A conclusie of the Advocaat-Generaal: advice, not a decision."""
    return meta(doc).get("doc_type") == "conclusie" or court_level(doc) == "phr"


def decision_region(doc: Doc) -> Region | None:
    """The dictum (cached on the doc as a plain dict for multiprocessing)."""
    cached = doc._.decision_span
    if cached is not None:
        return Region(**cached) if cached else None
    region = None if is_conclusion(doc) else find_decision(text_of(doc), section_index(doc),
                                                           court_level(doc))
    doc._.decision_span = region.__dict__.copy() if region else {}
    return region


def usable(doc: Doc) -> bool:
    """False when the quality check found the text unusable (empty, non-Dutch, ...)."""
    reason = doc._.reason
    return not reason or is_partial(reason)


def summary_only(doc: Doc) -> bool:
    """Only the inhoudsindicatie can be read (the text is empty or unusable)."""
    return bool(doc._.reason) and doc._.reason.startswith("summary only")


def readable_text(doc: Doc) -> str:
    """text_of(doc), or "" when the text is unusable and only the summary is read."""
    return "" if summary_only(doc) else text_of(doc)
