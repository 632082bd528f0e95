"""Component `vonnis_demand`: the prosecutor's demand, kept apart from the sentence.

"De officier van justitie heeft gevorderd ...", "De advocaat-generaal vordert ...", "De eis
van de officier van justitie". One demand is read: the demand section if there is one,
otherwise the first passage where the prosecutor of this instance demands something (on
appeal the advocaat-generaal, at first instance the officier van justitie). Passages are
never added up, because judgments repeat the demand in the sentencing reasons.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from nlp.components._common import (
    add_evidence,
    court_level,
    decision_region,
    is_conclusion,
    section_index,
    set_fact,
    usable,
)
from nlp.decision import clauses
from nlp.extensions import text_of
from nlp.punishments import aggregate, extract_items, measures_in_clause

DEMAND_START_RE = re.compile(
    r"(?P<by>officier\s+van\s+justitie|advocaat[- ]generaal|openbaar\s+ministerie)\b[^.\n]{0,160}?"
    r"\b(?:heeft\s+(?:ter\s+terechtzitting\s+|bij\s+requisitoir\s+)?(?:gevorderd|geëist|"
    r"gerequireerd)|vordert|eist|vorderde|eiste|requireert)\b"
    r"|(?P<by2>\b(?:de\s+)?(?:straf)?eis\b)",
    re.IGNORECASE,
)
ACQUITTAL_DEMAND_RE = re.compile(r"\bvrijspraak\b", re.IGNORECASE)
_STOP_RE = re.compile(
    r"\n[ \t]*(?:(?:De|Het)\s+(?:verdediging|raadsman|raadsvrouw|hof|rechtbank|"
    r"politierechter|verdachte)\b|(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?:Het\s+)?(?:standpunt|"
    r"oordeel|beoordeling)\b)", re.IGNORECASE
)
_WINDOW = 1500


@Language.factory("vonnis_demand")
def make_demand(nlp: Language, name: str) -> DemandComponent:
    return DemandComponent()


class DemandComponent:
    def __call__(self, doc: Doc) -> Doc:
        set_fact(doc, "demand", None)
        if not usable(doc) or is_conclusion(doc):
            return doc
        text = text_of(doc)
        index = section_index(doc)
        region = decision_region(doc)
        dec_start = region.start if region else len(text)
        prefer = "advocaat" if court_level(doc) in ("hof",) else "officier"
        windows: list[tuple[int, int, str | None]] = []
        for s in index.of("demand"):
            if s.start < dec_start:
                windows.append((s.start, min(s.end, s.start + 4000), None))
        passages = []
        for m in DEMAND_START_RE.finditer(text, 0, dec_start):
            by = (m.group("by") or "").lower()
            start = text.rfind("\n", 0, m.start()) + 1
            stop = _STOP_RE.search(text, m.end(), min(len(text), m.end() + _WINDOW))
            end = stop.start() if stop else min(len(text), m.end() + _WINDOW)
            end = min(end, dec_start)
            passages.append((start, end, by or None))
        passages.sort(key=lambda w: (0 if w[2] and prefer in w[2] else 1, w[0]))
        windows.extend(passages)
        acquittal_only = None
        for start, end, by in windows:
            cls = clauses(text, start, end)
            items = extract_items(cls, demand=True)
            measures = [m for c in cls for m in measures_in_clause(c, demand=True)]
            window_text = text[start:end]
            acquittal = bool(ACQUITTAL_DEMAND_RE.search(window_text)) and not items
            if not items and not measures:
                if acquittal and acquittal_only is None:
                    acquittal_only = (start, end, by)
                continue
            demand = aggregate(items)
            names = {name for name, _s, _e in measures}
            for name in ("tbs", "isd", "pij"):
                demand[name] = True if name in names else None
            demand["acquittal"] = True if acquittal else None
            if by is None:
                low = window_text.lower()
                by = "advocaat-generaal" if "advocaat-generaal" in low else (
                    "officier van justitie" if "officier van justitie" in low else None)
            demand["by"] = _actor(by)
            set_fact(doc, "demand", demand)
            for it in items:
                add_evidence(doc, "demand", it["start"], it["end"], it["word"], index)
                if it.get("suspended_span"):
                    add_evidence(doc, "demand", *it["suspended_span"], "suspended", index)
            for name, s, e in measures:
                add_evidence(doc, "demand", s, e, name, index)
            if acquittal:
                m = ACQUITTAL_DEMAND_RE.search(window_text)
                add_evidence(doc, "demand", start + m.start(), start + m.end(), "acquittal",
                             index)
            break
        else:
            if acquittal_only is not None:
                start, end, by = acquittal_only
                demand = {k: None for k in ("prison_days_total", "prison_days_suspended",
                                            "probation_years", "detention_days",
                                            "community_service_hours",
                                            "community_service_hours_suspended", "fine_eur",
                                            "fine_eur_suspended", "tbs", "isd", "pij")}
                demand["acquittal"] = True
                demand["by"] = _actor(by)
                set_fact(doc, "demand", demand)
                m = ACQUITTAL_DEMAND_RE.search(text, start, end)
                if m:
                    add_evidence(doc, "demand", m.start(), m.end(), "acquittal", index)
        return doc


def _actor(by: str | None) -> str | None:
    if not by:
        return None
    if "advocaat" in by:
        return "advocaat-generaal"
    if "officier" in by or "openbaar" in by:
        return "officier van justitie"
    return None
