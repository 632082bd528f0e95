"""Component `vonnis_demand`: the prosecutor's demand, kept apart from the sentence.

"De officier van justitie heeft gevorderd ...", "De advocaat-generaal vordert ...", "De eis
van de officier van justitie", and the inverted word order after a fronted phrase ("In hoger
beroep heeft de advocaat-generaal gevorderd ..."). One demand is read: the demand of the
prosecutor of this instance (on appeal the advocaat-generaal, at first instance the officier
van justitie).
Candidate passages are the demand sections and every passage where a prosecutor demands;
they are ranked, not added up, because judgments repeat the demand in the sentencing reasons.

Passages that are not this demand are left out: the demand in first instance quoted on
appeal ("het openbaar ministerie heeft in eerste aanleg gerekwireerd tot ...", or any demand
of the officier van justitie in a hof's judgment), a demand against a co-defendant, a negated
one ("heeft ook niet ... gevorderd"), and the court comparing its sentence with the demand
("Dit is een lagere straf dan door de advocaat-generaal is ge-eist"). A passage ends at the
defence's position, the court's judgment or the next heading; within it, alternatives ("in
geval van schorsing ... 205 dagen, en in geval ... 209 dagen", "primair ... subsidiair heeft
zij ... gevorderd") are not added up: the first is the demand.
"""

from __future__ import annotations

import re
from typing import Any, cast

from spacy.language import Language
from spacy.tokens import Doc

from nlp import regexes as rx
from nlp.components._common import (
    add_evidence,
    court_level,
    decision_region,
    is_conclusion,
    section_index,
    set_fact,
    usable,
)
from nlp.decision import Clause, clauses
from nlp.extensions import text_of
from nlp.numbers import parse_duration
from nlp.punishments import aggregate, extract_items, measures_in_clause

_I = re.IGNORECASE
# Between the prosecutor and the verb: any text of the sentence, including the dots of a
# name ("De officier van justitie, mr. C.H. Hato-Willems, heeft ter terechtzitting gevorderd").
_GAP = r"(?:[^.\n]|\.(?=\S)|(?<=\b[A-Za-z])\.|(?<=\bmr)\.|(?<=\bmrs)\.|(?<=\bdrs)\.)"
_BY = r"officier(?:en)?\s+van\s+justitie|advoca(?:at|ten)[- ]generaal|openbaar\s+ministerie"
_PARTICIPLE = r"(?:gevorderd|geëist|gerequireerd|gerekwireerd)"
_FINITE = r"(?:vordert|eist|vorderde|eiste|requireert|rekwireert)"
# Subject first ("De officier van justitie heeft ... gevorderd", "De advocaat-generaal
# vordert") or, after a fronted phrase, verb first (Dutch inversion: "In hoger beroep heeft
# de advocaat-generaal gevorderd", "Ter zitting heeft de officier van justitie geëist",
# "Ter terechtzitting vordert de officier van justitie"). The inverted form needs the
# auxiliary or verb right before the subject, so a "heeft" of another sentence part does not
# count. The appeal courts' formula names the demand as a noun ("Het hof heeft kennisgenomen
# van de vordering van de advocaat-generaal, strekkende tot veroordeling ..."); "strekkende"
# keeps out the many other "vordering van de officier van justitie" (tul, ontneming,
# headings). `by`/`by1`/`by3`/`by4`/`by5` name the prosecutor; `by2` is a bare "eis".
DEMAND_START_RE = re.compile(
    r"(?P<by>" + _BY + r")\b" + _GAP + r"{0,160}?"
    r"\b(?:heeft|hebben)\s+(?:" + _GAP + r"{0,120}?\s)?" + _PARTICIPLE + r"\b"
    r"|\b(?P<by1>" + _BY + r")\b" + _GAP + r"{0,160}?\b" + _FINITE + r"\b"
    r"|\b(?:(?:heeft|hebben)\s+(?:de|het)\s+(?P<by3>" + _BY + r")\b" + _GAP + r"{0,160}?\b"
    + _PARTICIPLE + r"|" + _FINITE + r"\s+(?:de|het)\s+(?P<by4>" + _BY + r"))\b"
    r"|\b(?:vordering|eis)\s+van\s+(?:de|het)\s+(?P<by5>" + _BY + r")\b" + _GAP + r"{0,80}?"
    r"\b(?:(?:ertoe\s+)?strekkende|die\s+ertoe\s+strekt|die\s+strekt)\b"
    r"|(?P<by2>\b(?:de\s+)?(?:straf)?eis\b)",
    _I,
)
ACQUITTAL_DEMAND_RE = re.compile(r"\bvrijspraak\b|\bvrij\s+te\s+spreken\b|\bvrijgesproken\b",
                                 _I)
_STOP_RE = re.compile(
    # at a line's start, or a sentence's in a text flattened to one line
    r"(?:\n|(?<=[.!?])[ \t])[ \t]*(?:(?:De|Het)\s+(?:verdediging|raadsman|raadsvrouw|hof|rechtbank|"
    r"politierechter|verdachte)\b|(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?:Het\s+)?(?:standpunt|"
    r"oordeel|beoordeling)\b)", _I
)
# A heading line ends a passage ("6.2 Hoofdstraf", "Oordeel hof"): short, no final
# punctuation, no amount or duration (a demand's own list lines have those).
_HEADING_LINE_RE = re.compile(
    r"\n[ \t]*(?:\d{1,2}(?:\.\d{1,2})*\.?[ \t]+)?[A-Z][^\n.;:,\d€]{0,60}(?=\n)")
_DURATION_WORD_RE = re.compile(r"\b(?:uren|uur|dagen|dag|weken|week|maanden|maand|jaren|jaar|"
                               r"euro)\b", _I)
# The demand sentence speaks of the lower court's demand (quoted on appeal).
_LOWER_RE = re.compile(r"\bin\s+eerste\s+aanleg\b|\bbij\s+(?:de\s+)?(?:rechtbank|"
                       r"politierechter|kinderrechter)\b|\b(?:bij|in)\s+(?:het\s+)?vonnis\s+"
                       r"waarvan\s+beroep\b", _I)
# ... or the demand against a co-defendant.
_CO_DEFENDANT_RE = re.compile(r"\b(?:tegen|ten\s+aanzien\s+van|jegens|voor)\s+(?:de\s+)?"
                              r"(?:medeverdachten?\b|\[(?:naam\s+)?medeverdachte)", _I)
# The court comparing its own sentence with the demand: not the demand's wording.
_COMPARED_RE = re.compile(
    r"\b(?:lager|hoger|minder|zwaarder|langer|korter|meer)\w*\b[^.]{0,80}?\bdan\b[^.]{0,60}?"
    r"\b(?:ge-?[eë]ist|gevorderd|eis|vordering)\b|\bdan\s+(?:door\s+)?(?:de\s+)?(?:officier|"
    r"advocaat)[^.]{0,60}?\b(?:ge-?[eë]ist|gevorderd)\b", _I)
_CONFORM_RE = re.compile(r"\b(?:conform|overeenkomstig)\s+(?:de\s+)?(?:straf)?(?:eis|vordering)\b",
                         _I)
# Where an alternative demand starts: "in geval ...", "primair ... subsidiair heeft zij",
# "dan wel". Not "subsidiair 20 dagen hechtenis" (the vervangende hechtenis).
_ALTERNATIVE_RE = re.compile(
    r"\b(?:in\s+(?:het\s+)?geval|indien|dan\s+wel|of\s+(?:een|tot)|subsidiair\s*[,:]?\s+"
    r"(?:heeft|hebben|vordert|wordt|een|tot|de|het|dat|oplegging|veroordeling)\b)", _I)
_SUBSIDIARY_DEMAND_RE = re.compile(
    r"(?:^|[.;]\s+|\n[ \t]*)(?:en\s+)?subsidiair\s*[,:]?\s+(?:heeft|hebben|vordert|wordt|"
    r"een|tot|oplegging|veroordeling)\b", _I)
# "waarvan 3 voorwaardelijk": the unit left out is the term's own.
_BARE_SUSPENDED_RE = re.compile(
    r"[^.;]{0,80}?\bwaarvan\s+(?P<n>\d+|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|"
    r"tien|elf|twaalf)\s+(?:\(\w+\)\s+)?(?:voorwaardelijk|niet\s+ten\s+uitvoer)", _I)
_UNIT_RE = re.compile(r"\b(?P<unit>dagen|dag|weken|week|maanden|maand|jaren|jaar|uren|uur)\b",
                      _I)
# TBS as demanded: "... heeft gevorderd dat verdachte wordt veroordeeld tot ... en de
# maatregel van terbeschikkingstelling (verder te noemen: TBS-maatregel) met dwangverpleging".
_DEMAND_VERB_RE = re.compile(r"\b(?:gevorderd|vordert|ge[eë]ist|eist|gerequireerd|"
                             r"gerekwireerd|requireert|veroordeeld|op\s+te\s+leggen|"
                             r"oplegging|opgelegd)\b", _I)
_NEGATION_RE = re.compile(r"\b(?:geen|niet)\b", _I)
_WINDOW = 1500


@Language.factory("vonnis_demand")
def make_demand(nlp: Language, name: str) -> DemandComponent:
    return DemandComponent()


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding text[start:end]: from the previous ". " or line break to the next."""
    left = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start))
    s = left + 1
    m = re.compile(r"\.(?:\s|$)|\n").search(text, end)
    return s, (m.start() + 1 if m else len(text))


def passage_end(text: str, start: int, limit: int) -> int:
    """Where a demand passage starting at `start` ends: the defence, the court's judgment or
    the next heading, and at most `limit`."""
    end = limit
    stop = _STOP_RE.search(text, start + 1, limit)
    if stop:
        end = stop.start()
    for h in _HEADING_LINE_RE.finditer(text, start + 1, end):
        if not _DURATION_WORD_RE.search(h.group(0)):
            return h.start()
    return end


def first_alternative(window: str) -> int:
    """The end of the first alternative in a demand passage (its length if there is none)."""
    m = _SUBSIDIARY_DEMAND_RE.search(window)
    return m.start() if m else len(window)


def drop_alternatives(items: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """Of two items of one kind separated by an alternative marker, keep the first."""
    kept: list[dict[str, Any]] = []
    for it in items:
        prev = next((k for k in reversed(kept) if k["kind"] == it["kind"]), None)
        if prev is not None and _ALTERNATIVE_RE.search(text, prev["end"], it["start"]):
            continue
        kept.append(it)
    return kept


def _bare_suspended(items: list[dict[str, Any]], text: str) -> None:
    """"gevangenisstraf voor de duur van 8 maanden ..., waarvan 3 voorwaardelijk": 3 months."""
    for it in items:
        if it["suspended"] or it["kind"] not in ("prison", "community_service"):
            continue
        m = _BARE_SUSPENDED_RE.match(text, it["end"])
        unit = _UNIT_RE.search(text, it["start"], it["end"])
        if not m or not unit:
            continue
        d = parse_duration(f"{m.group('n')} {unit.group('unit')}")
        value = None if d is None else (d.hours if it["kind"] == "community_service" else d.days)
        if value is not None and value <= it["amount"]:
            it["suspended"] = value
            it["suspended_span"] = (m.start("n"), m.end())


# "... tot dezelfde straf als die door de rechtbank is opgelegd, maar vanwege de overschrijding
# van de redelijke termijn tot een gevangenisstraf voor de duur van 32 maanden": what follows
# ", maar" is what is demanded instead. Read as one clause, the lower court named before it
# would make the whole clause the lower court's sentence.
_CONTRAST_RE = re.compile(r",\s*(?:maar|doch)\s+", _I)


def split_at_contrast(cls: list[Clause]) -> list[Clause]:
    """Demand clauses, cut where ", maar" / ", doch" starts what is demanded instead."""
    out: list[Clause] = []
    for c in cls:
        pos = 0
        for m in _CONTRAST_RE.finditer(c.text):
            out.append(Clause(c.start + pos, c.start + m.start(), c.text[pos:m.start()]))
            pos = m.end()
        out.append(Clause(c.start + pos, c.end, c.text[pos:]))
    return out


def _demanded_measures(cls: list[Clause]) -> list[tuple[str, int, int]]:
    found = [m for c in cls for m in measures_in_clause(c, demand=True)]
    if any(name == "tbs" for name, _s, _e in found):
        return found
    for c in cls:
        m = rx.TBS_RE.search(c.text) or re.search(r"\bTBS-maatregel\b", c.text)
        if m and _DEMAND_VERB_RE.search(c.text) and not _NEGATION_RE.search(c.text):
            found.append(("tbs", c.start + m.start(), c.start + m.end()))
            break
    return found


class DemandComponent:
    def __call__(self, doc: Doc) -> Doc:
        set_fact(doc, "demand", None)
        if not usable(doc) or is_conclusion(doc):
            return doc
        text = text_of(doc)
        index = section_index(doc)
        region = decision_region(doc)
        dec_start = region.start if region else len(text)
        prefer = "advoca" if court_level(doc) in ("hof",) else "officier"
        # (rank, start, end, by): lower ranks are tried first.
        candidates: list[tuple[int, int, int, str | None]] = []
        for section in index.of("demand"):
            if section.start < dec_start:
                end = passage_end(text, section.start,
                                  min(section.end, section.start + 4000, dec_start))
                candidates.append((0, section.start, end, None))
        for m in DEMAND_START_RE.finditer(text, 0, dec_start):
            by = (m.group("by") or m.group("by1") or m.group("by3") or m.group("by4")
                  or m.group("by5") or "").lower() or None
            if _NEGATION_RE.search(m.group(0)):
                continue  # "Het Openbaar Ministerie heeft ook niet ... gevorderd"
            s_start, s_end = _sentence_around(text, m.start(), m.end())
            sentence = text[s_start:s_end]
            if _CO_DEFENDANT_RE.search(sentence) or _COMPARED_RE.search(sentence):
                continue
            # From the demand's own sentence: what comes before it on the line is the
            # court's reasoning. "Deze straf is conform de eis" points back to the sentence
            # before it, the court's sentence that equals the demand.
            start = s_start
            if by is None and _CONFORM_RE.search(sentence):
                start = _sentence_around(text, max(0, s_start - 2), max(0, s_start - 2))[0]
            end = passage_end(text, m.end(), min(len(text), m.end() + _WINDOW, dec_start))
            if by is None and not _CONFORM_RE.search(sentence):
                rank = 3  # a bare "eis": a heading or a mention
            elif _LOWER_RE.search(sentence):
                continue  # the demand in first instance, quoted on appeal
            elif by and prefer in by:
                rank = 1
            else:
                rank = 2
            candidates.append((rank, start, end, by))
        candidates.sort(key=lambda w: (w[0], w[1]))
        acquittal_only = None
        for _rank, start, end0, by in candidates:
            end = start + first_alternative(text[start:end0])
            cls = split_at_contrast(clauses(text, start, end))
            items = drop_alternatives(extract_items(cls, demand=True), text)
            _bare_suspended(items, text)
            measures = _demanded_measures(cls)
            window_text = text[start:end]
            acquittal_m = ACQUITTAL_DEMAND_RE.search(window_text)
            acquittal = bool(acquittal_m) and not items
            if not items and not measures:
                if acquittal and acquittal_only is None and acquittal_m:
                    s_start, s_end = _sentence_around(text, start + acquittal_m.start(),
                                                      start + acquittal_m.end())
                    # Only the prosecutor's own words: "vordert vrijspraak", not the court's
                    # "komt tot een vrijspraak" after the demand.
                    if DEMAND_START_RE.search(text[s_start:s_end]) and not _LOWER_RE.search(
                            text[s_start:s_end]) and not (
                            prefer == "advoca" and _actor(by, prefer) == "officier van justitie"):
                        acquittal_only = (start, end, by)
                continue
            # Any: besides the amounts, a demand holds the measures, "acquittal" and "by"
            demand: dict[str, Any] = aggregate(items)
            names = {name for name, _s, _e in measures}
            for name in ("tbs", "isd", "pij"):
                demand[name] = True if name in names else None
            demand["acquittal"] = True if acquittal else None
            if by is None:
                low = window_text.lower()
                by = "advocaat-generaal" if "advocaat-generaal" in low else (
                    "officier van justitie" if "officier van justitie" in low else (
                        "openbaar ministerie" if "openbaar ministerie" in low else None))
            actor = _actor(by, prefer)
            if prefer == "advoca" and actor == "officier van justitie":
                continue  # on appeal, the officier van justitie demanded in first instance
            demand["by"] = actor
            set_fact(doc, "demand", demand)
            for it in items:
                add_evidence(doc, "demand", it["start"], it["end"], it["word"], index)
                if it.get("suspended_span"):
                    # the cast: the items are untyped dicts; a suspended_span is (start, end)
                    add_evidence(doc, "demand", *cast("tuple[int, int]", it["suspended_span"]),
                                 "suspended", index)
            for name, s, e in measures:
                add_evidence(doc, "demand", s, e, name, index)
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
                demand["by"] = _actor(by, prefer)
                set_fact(doc, "demand", demand)
                acquittal_m = ACQUITTAL_DEMAND_RE.search(text, start, end)
                if acquittal_m:
                    add_evidence(doc, "demand", acquittal_m.start(), acquittal_m.end(),
                                 "acquittal", index)
        return doc


def _actor(by: str | None, prefer: str) -> str | None:
    if not by:
        return None
    if "advoca" in by:
        return "advocaat-generaal"
    if "openbaar" in by:
        # "Het openbaar ministerie heeft gevorderd": at the hof that is the advocaat-generaal.
        return "advocaat-generaal" if prefer == "advoca" else "officier van justitie"
    if "officier" in by:
        return "officier van justitie"
    return None
