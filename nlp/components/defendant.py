"""Component `vonnis_defendant`: the defendant's birth year and the court level.

The pseudonymised header usually keeps the year: "geboren op [1982] te [geboorteplaats]",
"geboren te [geboorteplaats] op [geboortedatum] 1972".
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from nlp.components._common import add_evidence, set_fact
from nlp.extensions import meta, text_of

BIRTH_RE = re.compile(
    r"\bgeboren\b[^\n]{0,80}?(?<!\d)(?P<year>(?:19|20)\d\d)(?!\d)", re.IGNORECASE
)
_LEVEL_CUES = (
    ("phr", re.compile(r"\bParket\s+bij\s+de\s+Hoge\s+Raad\b|\bProcureur-Generaal\s+bij\s+de\s+"
                       r"Hoge\s+Raad\b|^\s*Conclusie\b", re.IGNORECASE | re.MULTILINE)),
    ("hoge_raad", re.compile(r"\bHoge\s+Raad\s+der\s+Nederlanden\b|\bop\s+het\s+beroep\s+in\s+"
                             r"cassatie\b", re.IGNORECASE)),
    ("hof", re.compile(r"\b(?:gerechtshof|Gemeenschappelijk\s+Hof)\b|\bHET\s+HOF\b|\bhet\s+hof\b"
                       r"[^.\n]{0,60}\bhoger\s+beroep|\barrest\s+van\s+de\s+meervoudige\s+kamer",
                       re.IGNORECASE)),
    ("rechtbank", re.compile(r"\b(?:rechtbank|politierechter|kinderrechter|Gerecht\s+in\s+eerste"
                             r"\s+aanleg)\b", re.IGNORECASE)),
)


def infer_court_level(text: str) -> tuple[str, int, int] | None:
    head = text[:3000]
    for level, pattern in _LEVEL_CUES:
        m = pattern.search(head)
        if m:
            return level, m.start(), m.end()
    return None


@Language.factory("vonnis_defendant")
def make_defendant(nlp: Language, name: str) -> DefendantComponent:
    return DefendantComponent()


class DefendantComponent:
    def __call__(self, doc: Doc) -> Doc:
        level = meta(doc).get("court_level")
        set_fact(doc, "court_level", level)
        if not level and text_of(doc):
            found = infer_court_level(text_of(doc))
            if found:
                set_fact(doc, "court_level", found[0])
                add_evidence(doc, "court_level", found[1], found[2], found[0])
        set_fact(doc, "defendant_birth_year", None)
        m = BIRTH_RE.search(text_of(doc)[:4000])
        if m:
            set_fact(doc, "defendant_birth_year", int(m.group("year")))
            add_evidence(doc, "defendant_birth_year", m.start(), m.end(), "birth")
        return doc
