"""Component `vonnis_compensation`: victims' claims (benadeelde partij) as decided.

Per claimant: the amount awarded (toegewezen), its material / immaterial parts, joint
liability (hoofdelijk, "voor zover de mededader ... heeft betaald"), admissibility, and
whether the schadevergoedingsmaatregel (art. 36f Sr) was imposed. The measure restates the
award, so its amount is only used when there is no award clause. Confiscation (ontneming) is
not compensation.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from nlp import regexes as rx
from nlp.components._common import (
    add_evidence,
    decision_region,
    is_conclusion,
    section_index,
    set_fact,
    usable,
)
from nlp.decision import clauses
from nlp.extensions import text_of
from nlp.numbers import money_in, parse_money

_VICTIM_CLAUSE_RE = re.compile(r"benadeelde|schadevergoeding|ten\s+behoeve\s+van|slachtoffer|"
                               r"aangever|aangeefster|\bvordering\b[^;]{0,120}\btoe\b|"
                               r"betaling\s+aan\s+\[|smartengeld", re.IGNORECASE)
_SKIP_RE = re.compile(r"ontneming|wederrechtelijk\s+verkregen|tenuitvoerlegging\s+van\s+de\s+"
                      r"(?:voorwaardelijk|bij)|gevorderde\s+tenuitvoerlegging|\btul\b",
                      re.IGNORECASE)
_FOREIGN_RE = re.compile(r"\bNAf\b|\bgulden|\bUSD\b|\bdollar", re.IGNORECASE)
_NON_CLAIMANT_RE = re.compile(r"^\[(?:woonplaats|adres|plaats|verdachte|geboorte\w*|"
                              r"medeverdachte[^\]]*|naam\s+medeverdachte[^\]]*|datum[^\]]*)\]$",
                              re.IGNORECASE)
_PARTLY_RE = re.compile(r"\b(?:overige|voor\s+het\s+overige|gedeelte|deels|resterende)\b",
                        re.IGNORECASE)
_AMOUNT_AFTER_RE = re.compile(r"(?:bedrag\s+van|groot|tot\s+een\s+bedrag\s+van|ter\s+hoogte\s+"
                              r"van|van)\s*(?=€|EUR|euro|\d|[a-z])", re.IGNORECASE)


@Language.factory("vonnis_compensation")
def make_compensation(nlp: Language, name: str) -> CompensationComponent:
    return CompensationComponent()


def _claimant(text: str) -> str | None:
    for m in rx.CLAIMANT_RE.finditer(text):
        if not _NON_CLAIMANT_RE.match(m.group(0)):
            return m.group(0)
    return None


def _first_amount(text: str) -> tuple[float, int, int] | None:
    found = money_in(text)
    return found[0] if found else None


def _decision_kind(text: str) -> str | None:
    if rx.CLAIM_INADMISSIBLE_RE.search(text):
        return "inadmissible"
    if rx.CLAIM_REJECTED_RE.search(text) and not rx.CLAIM_AWARD_RE.search(text):
        return "rejected"
    if rx.CLAIM_MEASURE_RE.search(text):
        return "measure"
    if rx.CLAIM_AWARD_RE.search(text):
        return "award"
    return None


class CompensationComponent:
    def __call__(self, doc: Doc) -> Doc:
        set_fact(doc, "compensation", [])
        set_fact(doc, "compensation_eur_total", None)
        if not usable(doc) or is_conclusion(doc):
            return doc
        region = decision_region(doc)
        if region is None or not region.has_own_sentence:
            return doc
        index = section_index(doc)
        text = text_of(doc)
        claims: dict[str, dict[str, Any]] = {}
        current: str | None = None
        foreign = False
        for c in clauses(text, region.sentence_start, region.end):
            t = c.text
            if _FOREIGN_RE.search(t) and _VICTIM_CLAUSE_RE.search(t):
                foreign = True  # amounts in another currency are no euros
                continue
            if not _VICTIM_CLAUSE_RE.search(t) or _SKIP_RE.search(t):
                if rx.JOINT_RE.search(t) and current in claims:
                    claims[current]["joint"] = True
                continue
            kind = _decision_kind(t)
            name = _claimant(t) or current or "?"
            current = name
            if kind is None:
                continue
            claim = claims.setdefault(name, {
                "claimant": None if name == "?" else name, "amount_eur": None,
                "material_eur": None, "immaterial_eur": None, "joint": None,
                "admissible": None, "partly_inadmissible": None, "measure": None,
                "_measure_amount": None})
            if kind == "inadmissible":
                if _PARTLY_RE.search(t):
                    claim["partly_inadmissible"] = True
                else:
                    claim["admissible"] = False
                add_evidence(doc, "compensation", c.start, c.end, "inadmissible", index)
            elif kind == "rejected":
                claim["admissible"] = True
                claim["amount_eur"] = claim["amount_eur"] or 0.0
                add_evidence(doc, "compensation", c.start, c.end, "rejected", index)
            elif kind == "measure":
                claim["measure"] = True
                amount = _first_amount(t)
                if amount and claim["_measure_amount"] is None:
                    claim["_measure_amount"] = amount[0]
                add_evidence(doc, "compensation", c.start, c.end, "measure", index)
            else:
                amount = _first_amount(t)
                if amount:
                    claim["amount_eur"] = (claim["amount_eur"] or 0.0) + amount[0]
                    claim["admissible"] = True if claim["admissible"] is None else \
                        claim["admissible"]
                    add_evidence(doc, "compensation_eur_total", c.start + amount[1],
                                 c.start + amount[2], "award", index)
                add_evidence(doc, "compensation", c.start, c.end, "award", index)
                for pattern, key in ((rx.MATERIAL_RE, "material_eur"),
                                     (rx.IMMATERIAL_RE, "immaterial_eur")):
                    for m in pattern.finditer(t):
                        value = parse_money(m)
                        if value is not None:
                            claim[key] = (claim[key] or 0.0) + value
            if rx.JOINT_RE.search(t):
                claim["joint"] = True
        out = []
        for claim in claims.values():
            measure_amount = claim.pop("_measure_amount")
            if claim["amount_eur"] is None and measure_amount is not None:
                claim["amount_eur"] = measure_amount
                claim["admissible"] = True if claim["admissible"] is None else claim["admissible"]
            out.append(claim)
        set_fact(doc, "compensation", out)
        if out and not foreign:
            set_fact(doc, "compensation_eur_total",
                     round(sum(c["amount_eur"] or 0.0 for c in out), 2))
        return doc
