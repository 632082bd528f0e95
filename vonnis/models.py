"""The document model shared by every stage: crawler, nlp, index, api, annotation.

A `Document` is what the parser makes of one Open Data XML response. Its `text` is the
one plain-text rendering of the body that every later offset (sections, classifier
reasons, extraction evidence, search highlights) points into, so it must be built
exactly once, by the parser, and never re-flowed downstream.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, Field


class CourtLevel(StrEnum):
    rechtbank = "rechtbank"
    hof = "hof"
    hoge_raad = "hoge_raad"
    phr = "phr"  # Parket bij de Hoge Raad: conclusies of the Advocaat-Generaal
    other = "other"


class DocType(StrEnum):
    uitspraak = "uitspraak"
    conclusie = "conclusie"


class Status(StrEnum):
    current = "current"
    withdrawn = "withdrawn"


class Court(BaseModel):
    name: str
    code: str  # the ECLI court code, e.g. "RBAMS", "GHARL", "HR", "OGEAC"
    level: CourtLevel
    bes: bool = False  # Bonaire, Sint Eustatius, Saba (and the Caribbean common court)


class Relation(BaseModel):
    """A `dcterms:relation`: another decision in the same case (earlier or later instance)."""

    ecli: str
    type: str | None = None  # e.g. "Conclusie", "Uitspraak", "Formele relatie"
    aanleg: str | None = None  # eerdereAanleg | latereAanleg
    gevolg: str | None = None  # e.g. "(Gedeeltelijke) vernietiging en zelf afgedaan"
    label: str | None = None


class Reference(BaseModel):
    """A law reference from `dcterms:references` (often empty; the text is searched too)."""

    identifier: str | None = None  # e.g. a BWB resource identifier
    label: str  # as printed, e.g. "Wetboek van Strafrecht 273f"


class Section(BaseModel):
    """A titled part of the body, as a character range of `Document.text`."""

    title: str | None = None
    number: str | None = None
    start: int
    end: int
    depth: int = 1


class Document(BaseModel):
    ecli: str
    doc_type: DocType | None = None  # None for a metadata-only response
    court: Court
    decision_date: dt.date | None = None
    publication_date: dt.date | None = None
    modified: dt.datetime | None = None  # dcterms:modified of the document
    case_numbers: list[str] = Field(default_factory=list)
    procedures: list[str] = Field(default_factory=list)
    subjects: list[str] = Field(default_factory=list)
    seat: str | None = None
    relations: list[Relation] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    summary: str | None = None  # the inhoudsindicatie
    sections: list[Section] = Field(default_factory=list)
    text: str = ""

    @property
    def year(self) -> int | None:
        return self.decision_date.year if self.decision_date else None

    @property
    def procedure(self) -> str | None:
        return self.procedures[0] if self.procedures else None


class Reason(BaseModel):
    """Why the classifier flagged a document: what matched, and where."""

    kind: str  # "article" | "phrase" | "reference"
    match: str
    where: str  # "text" | "summary" | "references"
    start: int | None = None
    end: int | None = None
    law: str | None = None  # articles: the law named with the number ("Sr", "BW", ...), if any
    weak: bool = False  # recorded for review but not enough to flag the document on its own


class Classification(BaseModel):
    trafficking: bool
    reasons: list[Reason] = Field(default_factory=list)
    classifier_version: str


class FeedEntry(BaseModel):
    """One `entry` of the ECLI index (zoeken) Atom feed."""

    ecli: str
    title: str | None = None
    summary: str | None = None
    updated: dt.datetime | None = None
    deleted: str | None = None  # "doc" | "ecli" when withdrawn


class StoredDocument(BaseModel):
    """A document as the corpus store keeps it: the parse plus bookkeeping."""

    document: Document
    content_hash: str
    feed_modified: dt.datetime | None = None
    status: Status = Status.current
    first_seen: dt.datetime
    last_seen: dt.datetime
    classification: Classification | None = None
