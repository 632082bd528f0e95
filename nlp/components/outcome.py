"""Component `vonnis_outcome`: conviction, acquittal, partial, dismissal, inadmissible,
appeal_dismissed or other, from the dicta of the decision.

"Verklaart niet bewezen wat meer of anders ten laste is gelegd ... en spreekt verdachte
daarvan vrij" is boilerplate after a conviction, not an acquittal. A proven fact is a
conviction only when it is punishable: "verklaart het bewezen verklaarde niet strafbaar en
ontslaat verdachte van alle rechtsvervolging", with no fact declared punishable and no
punishment, is a dismissal (a TBS order can follow a discharge). Conclusies of the AG have
no outcome. The Hoge Raad: "verwerpt het beroep" is appeal_dismissed, "vernietigt" other.
"""

from __future__ import annotations

import re

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
from nlp.components.verdict_cues import verdict_outside_dictum
from nlp.decision import clauses
from nlp.extensions import facts, text_of
from nlp.sections import SectionIndex


@Language.factory("vonnis_outcome")
def make_outcome(nlp: Language, name: str) -> OutcomeComponent:
    return OutcomeComponent()


def classify(convictions: int, acquittals: int, dismissals: int, barred: int,
             appeal_dismissed: int, vacated: int, punished: bool, level: str | None) -> str:
    if level == "hoge_raad":
        if vacated:
            return "other"
        return "appeal_dismissed" if appeal_dismissed else "other"
    if convictions:
        return "partial" if (acquittals or dismissals) else "conviction"
    if acquittals:
        return "acquittal"
    if dismissals:
        return "dismissal"
    if barred:
        return "inadmissible"
    if appeal_dismissed:
        return "appeal_dismissed"
    if punished:
        return "conviction"
    return "other"


_FACT_NUMBER_RE = re.compile(
    r"(?<![/\-.\d])\b(\d{1,2})\b(?![/\-.]\d)(\s*\(?(?:impliciet\s+)?primair)?", re.IGNORECASE
)


# rx.CONVICTION_RE stops at a full stop, so it misses a dictum whose fact numbers carry one
# ("Verklaart het onder 1., 2. subsidiair, 3. primair ... ten laste gelegde bewezen"): here a
# full stop right after a digit does not end the clause.
_CONVICTION_NUMBERED_RE = re.compile(
    r"\b(?:verklaart|acht)\b(?:(?!\bniet\b|\bniets\b)(?:[^;.\n]|(?<=\d)\.)){0,250}?"
    r"\bbewezen\b(?!\s*(?:verklaarde|verklaard\b|geachte))",
    re.IGNORECASE,
)


def _primary_only(clause: str) -> bool:
    """Only the primary charge acquitted ("spreekt vrij van het onder 1 primair ..."), so the
    subsidiary charge of that fact can still be proven: not a partial acquittal."""
    if not rx.PRIMARY_ONLY_RE.search(clause) or rx.SUBSIDIARY_RE.search(clause):
        return False
    facts_ = _FACT_NUMBER_RE.findall(clause)
    return all(primary for _n, primary in facts_)


class OutcomeComponent:
    def __call__(self, doc: Doc) -> Doc:
        set_fact(doc, "outcome", None)
        if not usable(doc) or is_conclusion(doc):
            return doc
        region = decision_region(doc)
        index = section_index(doc)
        if region is None:
            self._outside_dictum(doc, index)
            return doc
        text = text_of(doc)
        counts = {"conviction": 0, "acquittal": 0, "dismissal": 0, "inadmissible": 0,
                  "appeal_dismissed": 0, "vacated": 0, "primary_acquittal": 0,
                  "punishable": 0}
        for c in clauses(text, region.start, region.end):
            t = c.text
            hits = []
            if rx.CONVICTION_RE.search(t) or _CONVICTION_NUMBERED_RE.search(t):
                hits.append("conviction")
            acq = rx.ACQUITTAL_RE.search(t)
            if acq and not rx.BOILERPLATE_ACQUITTAL_RE.search(t):
                # Only the primary charge of a fact whose subsidiary charge is proven.
                primary_only = _primary_only(t)
                hits.append("primary_acquittal" if primary_only else "acquittal")
            if rx.DISMISSAL_RE.search(t):
                hits.append("dismissal")
            if rx.PUNISHABLE_RE.search(t):
                counts["punishable"] += 1
            if rx.PROSECUTION_BARRED_RE.search(t):
                hits.append("inadmissible")
            if rx.APPEAL_DISMISSED_RE.search(t):
                hits.append("appeal_dismissed")
            if rx.VACATES_RE.search(t):
                hits.append("vacated")
            for h in hits:
                counts[h] += 1
                if h != "vacated":
                    label = "acquittal" if h == "primary_acquittal" else h
                    add_evidence(doc, "outcome", c.start, c.end, label, index)
        punished = any(facts(doc).get(k) for k in ("prison_days_total", "community_service_hours",
                                                   "fine_eur", "detention_days"))
        if counts["conviction"] and counts["dismissal"] and not counts["punishable"] \
                and not punished:
            # Proven but not punishable: discharged, and nothing else was convicted. The
            # subsidiary charge was proven, so a primary-only acquittal is no acquittal.
            counts["conviction"] = 0
        elif not counts["conviction"]:  # nothing proven: a primary-only acquittal is one
            counts["acquittal"] += counts["primary_acquittal"]
        outcome = classify(counts["conviction"], counts["acquittal"], counts["dismissal"],
                           counts["inadmissible"], counts["appeal_dismissed"], counts["vacated"],
                           punished, court_level(doc))
        set_fact(doc, "outcome", outcome)
        return doc

    @staticmethod
    def _outside_dictum(doc: Doc, index: SectionIndex) -> None:
        verdict = verdict_outside_dictum(doc)
        if verdict.outcome is None:
            return
        set_fact(doc, "outcome", verdict.outcome)
        for cue in verdict.cues:
            label = "vacated" if cue.kind == "complaint_succeeds" else (
                "appeal_dismissed" if cue.kind == "complaints_fail" else cue.kind)
            add_evidence(doc, "outcome", cue.sentence[0], cue.sentence[1], label, index,
                         in_summary=cue.in_summary)
