"""Component `vonnis_compensation`: victims' claims (benadeelde partij) as decided.

Per claimant: the amount awarded (toegewezen), its material / immaterial parts, joint
liability (hoofdelijk, "voor zover de mededader ... heeft betaald"), admissibility, and
whether the schadevergoedingsmaatregel (art. 36f Sr) was imposed. The measure restates the
award, so its amount is only used when there is no award clause. Confiscation (ontneming) is
not compensation.

`compensation_eur_total` is 0 only when a victim's claim was decided and nothing awarded
(niet-ontvankelijk, afgewezen), and null when no claim was decided. So a clause only counts
as a decision on a claim when it is one: a dictum verb of this court ("verklaart",
"wijst ... toe", "legt op"), about a victim's claim, not about another vordering
(tenuitvoerlegging, ontneming), not the appeal itself ("niet-ontvankelijk in het hoger
beroep"), and not a measure merely referred to ("vernietigt ... wat betreft de
schadevergoedingsmaatregel", the gijzeling the Hoge Raad substitutes). What a "vernietigt ...
voor zover ..." clause quashes is no award either: its amount is the lower court's.
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
from nlp.components.verdict_cues import own_decision_sentences
from nlp.decision import Clause, clauses
from nlp.extensions import summary_of, text_of
from nlp.numbers import NUMBER_DIGITS, money_in, parse_digits, parse_money
from nlp.sections import SectionIndex

_I = re.IGNORECASE
# Words that make a clause about a victim's claim by themselves.
_VICTIM_RE = re.compile(r"benadeelde|schadevergoeding|ten\s+behoeve\s+van|slachtoffer|"
                        r"aangever|aangeefster|betaling\s+aan\s+\[|smartengeld", _I)
# "wijst de vordering toe" names no victim: it counts only under a victim's heading, since
# the same words decide a vordering tot tenuitvoerlegging.
_WEAK_AWARD_RE = re.compile(r"\bvordering\b[^;]{0,120}\btoe\b", _I)
_SKIP_RE = re.compile(r"ontneming|wederrechtelijk\s+verkregen|tenuitvoerlegging\s+van\s+de\s+"
                      r"(?:voorwaardelijk|bij)|gevorderde\s+tenuitvoerlegging|\btul\b",
                      _I)
# Other vorderingen a dictum decides, the appeal's own admissibility, and withdrawn claims:
# none of them is a decision on a victim's claim.
_NOT_A_CLAIM_RE = re.compile(
    r"\bvordering(?:en)?\s+(?:tot\s+|van\s+de\s+(?:officier|advocaat)[^;]{0,60}?)?(?:de\s+)?"
    r"(?:tenuitvoerlegging|ten\s+uitvoer|ontneming|verlenging|wijziging|opheffing|herroeping|"
    r"omzetting|terbeschikkingstelling|tbs|gevangenhouding|bewaring|vervanging|"
    r"na\s+voorwaardelijke)"
    r"|\b(?:openbaar\s+ministerie|officier\s+van\s+justitie|advocaat-generaal)\b[^;]{0,60}?"
    r"\bniet[- ]?ontvankelijk"
    r"|\bniet[- ]?ontvankelijk\s+in\s+(?:zijn|haar|het|hun|de)\s+(?:\(?hoger\)?\s+|cassatie)?"
    r"(?:beroep|cassatieberoep|vervolging|appel)"
    r"|\bingetrokken\b", _I)
# A decision of this court: the clause (or the line after a heading) opens with a dictum
# verb, or states it in the present passive ("wordt niet-ontvankelijk verklaard").
# Reasoning and history ("De vordering is bij het vonnis waarvan beroep niet-ontvankelijk
# verklaard") do not.
_DICTUM_RE = re.compile(
    r"(?:^|\n)[\W\d_]*(?:(?:de|het)\s+(?:rechtbank|hof|gerecht|politierechter|kinderrechter|"
    r"hoge\s+raad)\s*,?\s*)?(?:verklaart|bepaalt|wijst|veroordeelt|legt|verstaat|kent|gelast|"
    r"stelt|beveelt|vernietigt|vermindert|verplicht|wijzigt|ontvangt|houdt)\b", _I)
_PASSIVE_RE = re.compile(r"\b(?:wordt|worden)\b", _I)
_FUTURE_RE = re.compile(r"\b(?:zal|zullen|zou|zouden|kan|kunnen)\b", _I)
_FOREIGN_RE = re.compile(r"\bNAf\b|\bgulden|\bUSD\b|\bdollar", _I)
_NON_CLAIMANT_RE = re.compile(r"^\[(?:woonplaats|adres|plaats|verdachte|geboorte\w*|"
                              r"medeverdachte[^\]]*|naam\s+medeverdachte[^\]]*|datum[^\]]*)\]$",
                              _I)
# The payee of "tot betaling aan [X]", "ten behoeve van [X]": preferred over other brackets
# (e.g. a parent ordered to pay: "veroordeelt de moeder van verdachte, [J], tot betaling
# aan [slachtoffer 2]").
_PAYEE_RE = re.compile(r"\b(?:aan|ten\s+behoeve\s+van|van)\s+(?:de\s+|het\s+)?"
                       r"(?:benadeelde\s+partij(?:en)?\s*:?\s*|slachtoffer\s+)?,?\s*"
                       r"(\[[^\]\n]{1,40}\])", _I)
# A claim inadmissible in part only (the rest awarded or rejected): "voor het overige", "het
# resterende deel", "voor een deel van € 950,00", "ten dele", "gedeeltelijk".
_PARTLY_RE = re.compile(r"\b(?:overige|voor\s+het\s+overige|gedeelte|gedeeltelijk|deels|deel|"
                        r"ten\s+dele|resterende|meerdere|meer\s+gevorderde)\b", _I)
# Further claimants enumerated after the first one ("verklaart de benadeelde partijen [naam 1]
# en [naam 2] niet-ontvankelijk", "[A], [B] en [C]").
_MORE_CLAIMANTS_RE = re.compile(r"\s*(?:,|\ben\b|&)\s*(?:(?:de\s+)?benadeelde\s+partij\s*:?\s*)?"
                                r"(\[[^\]\n]{1,40}\])", _I)
# A claimant rechtspraak.nl does not pseudonymise: a legal person (art. 51f Sv lets it join
# as benadeelde partij; the pseudonymisation covers natural persons), e.g. "de gemeente
# Almere", an insurer, a foundation, a B.V. It is named where a dictum names the claimant:
# "verklaart <X> niet-ontvankelijk in de vordering", "tot betaling aan <X> van € ...", "wijst
# de vordering van <X> toe". Only used when the clause names no bracketed claimant, and only
# for a name that is a legal person's: a natural person's name left unpseudonymised ("de
# benadeelde partij H. van den Brink" under the heading "[benadeelde 1]") is not copied.
_NAME = r"(?P<name>[^\[\];:\n€()]{2,80}?)"
_PARTY = r"(?:(?:de\s+)?benadeelde\s+partij(?:en)?\s*[:,]?\s*)?"
_NAMED_RES = tuple(re.compile(pattern, _I) for pattern in (
    r"\bverklaart\s+" + _PARTY + _NAME + r"\s*,?\s+(?:(?:gedeeltelijk|deels|ten\s+dele)\s+)?"
    r"niet[- ]?ontvankelijk\b"
    r"[^;]{0,40}?\bvordering",
    r"\bbetaling\s+aan\s+" + _PARTY + _NAME + r"\s*,?\s+(?:(?:van|tot)\s+)?(?:een\s+bedrag|€)",
    r"\bvordering\s+van\s+" + _PARTY + _NAME + r"\s*,?\s+(?:toe\b|af\b|tot\s|van\s|€)"))
# What is no claimant's name: the parties to the criminal case, the State (het Land in the
# Caribbean) as payee of the measure, courts, and generic words.
_NOT_A_NAME_RE = re.compile(r"\b(?:verdachte|veroordeelde|medeverdachte|mededader|officier|"
                            r"openbaar\s+ministerie|advocaat|raads\w+|staat|land|rechtbank|hof|"
                            r"rechter|justiti\w+|cjib|benadeelde|partij|vordering\w*|bedrag|"
                            r"slachtoffer\w*|ouders?|moeder|vader|voogd|hem|haar|hen|deze|"
                            r"die|dat|zij|hij|het\s+geding|verplichting)\b", _I)
# What makes a name a legal person's: its legal form or the kind of body.
_LEGAL_PERSON_RE = re.compile(
    r"\b(?:B\.?\s?V|N\.?\s?V|V\.?\s?O\.?\s?F|C\.?\s?V|U\.?\s?A)\b\.?|"
    r"\b(?:gemeente|provincie|waterschap|stichting|vereniging|co[oö]peratie|holding|"
    r"universiteit|hogeschool|assurantie\w*|woningbouw\w*|vervoer\w*)\b|"
    r"\b\w*(?:maatschappij|politie|ziekenhuis|school|bank|corporatie|verzekeraar|"
    r"verzekering(?:en)?|bedrijf|onderneming|groep|dienst)\b", _I)
# Award wordings besides nlp.regexes.CLAIM_AWARD_RE / CLAIM_MEASURE_RE.
_AWARD_EXTRA_RE = re.compile(r"\bveroordeelt\b[^;]{0,200}?\bte\s+betalen\b", _I)
_MEASURE_EXTRA_RE = re.compile(r"\bmaatregel\s+tot\s+schadevergoeding\b|\bverplichting\b"
                               r"[^;]{0,40}?\baan\s+de\s+staat\b", _I)
# "wijst ... toe": the award itself; "veroordeelt ... tot betaling" restates it when both
# are there, so their amounts are not added.
_GRANT_RE = re.compile(r"\bwijst\b[^;]{0,200}?\btoe\b|\bkent\b[^;]{0,100}?\btoe\b", _I)
# An amount that is a breakdown of the one before it, not a second award.
_BREAKDOWN_RE = re.compile(r"\bbestaande\s+uit\b|\bwaarvan\b|\bte\s+weten\b|\bzijnde\b|"
                           r"\bopgebouwd\s+uit\b|\bbestaat\s+uit\b", _I)
_PART_LABEL_RE = re.compile(r"^[^;€\d]{0,30}?\b(?:materi[eë]le|immateri[eë]le|smartengeld|"
                            r"schade)", _I)
# "vernietigt de bestreden uitspraak, maar uitsluitend voor zover daarbij ... € 3.779,- moet
# betalen" (or "wat betreft ..."): what that part names is what is quashed, so its amounts
# and award words are no award. The part runs to the next decision of the clause ("en
# verklaart de benadeelde partij in zoverre niet-ontvankelijk", "en doet opnieuw recht") or
# to its end.
_QUASHED_RE = re.compile(
    r"\bvernietigt\b[^;]{0,120}?\b(?:voor\s*zover|wat\s+betreft)\b(?P<part>.*?)(?=\b(?:en\s+)?(?:verklaart|wijst|"
    r"veroordeelt|legt|bepaalt|kent|verstaat|stelt|gelast|beveelt|verwerpt|doet|"
    r"rechtdoende)\b|$)", _I | re.S)
# Amounts that are costs, not compensation.
_COST_BEFORE_RE = re.compile(r"(?:kosten|begroot|rente)[^;€]{0,40}$", _I)


@Language.factory("vonnis_compensation")
def make_compensation(nlp: Language, name: str) -> CompensationComponent:
    return CompensationComponent()


def _claimants(text: str) -> list[str]:
    """The claimant a clause names, with those enumerated right after it ("[A] en [B]");
    a claimant without pseudonym brackets only when no bracketed one is named."""
    first = None
    for m in _PAYEE_RE.finditer(text):
        if not _NON_CLAIMANT_RE.match(m.group(1)):
            first = m.group(1), m.end(1)
            break
    if first is None:
        for m in rx.CLAIMANT_RE.finditer(text):
            if not _NON_CLAIMANT_RE.match(m.group(0)):
                first = m.group(0), m.end()
                break
    if first is None:
        named = _unbracketed_claimant(text)
        return [named] if named else []
    names, pos = [first[0]], first[1]
    while (more := _MORE_CLAIMANTS_RE.match(text, pos)) and \
            not _NON_CLAIMANT_RE.match(more.group(1)):
        if more.group(1) not in names:
            names.append(more.group(1))
        pos = more.end()
    return names


def _unbracketed_claimant(text: str) -> str | None:
    """A legal person named as claimant without pseudonym brackets ("de gemeente Almere"): a
    proper name (a capitalised word) with a legal form or kind of body, without the
    article."""
    for m in (m for pattern in _NAMED_RES for m in pattern.finditer(text)):
        name = re.sub(r"\s+", " ", m.group("name")).strip(" ,")
        name = re.sub(r"^(?:de|het)\s+", "", name, flags=_I)
        words = name.split()
        if not 1 <= len(words) <= 8 or _NOT_A_NAME_RE.search(name):
            continue
        if any(w[:1].isupper() for w in words) and _LEGAL_PERSON_RE.search(name):
            return name
    return None


def award_amount(text: str) -> tuple[float, int, int] | None:
    """The amount a clause awards: its first amount, or the sum of parts named as material /
    immaterial damage ("€ 37,48 aan materiële schade en € 1.500,- aan smartengeld"), but not
    a breakdown of a total ("€ 35.439,98 bestaande uit ...") and not costs."""
    found = [f for f in money_in(text) if not _COST_BEFORE_RE.search(text[:f[1]])]
    if not found:
        return None
    first = found[0]
    parts = [first]
    for prev, cur in zip(found, found[1:], strict=False):
        between = text[prev[2]:cur[1]]
        if _BREAKDOWN_RE.search(between) or not re.search(r"\ben\b|,|\+", between):
            break
        if not (_PART_LABEL_RE.search(text[prev[2]:]) and _PART_LABEL_RE.search(text[cur[2]:])):
            break
        parts.append(cur)
    if len(parts) == 1:
        return first
    return round(sum(p[0] for p in parts), 2), first[1], parts[-1][2]


def without_quashed(text: str) -> str:
    """The clause with the quashed part of "vernietigt ... voor zover ..." blanked out
    (offsets kept), so that what the lower court awarded is not read as an award."""
    for m in _QUASHED_RE.finditer(text):
        text = text[:m.start("part")] + " " * (m.end("part") - m.start("part")) + \
            text[m.end("part"):]
    return text


def _measure_items(parts: list[Clause], i: int
                   ) -> list[tuple[int, str, str, tuple[float, int, int]]]:
    """The claimants a measure clause without a claimant of its own lists after its colon
    ("legt aan verdachte de verplichting op aan de Staat, ten behoeve van de hierna te noemen
    slachtoffers de daarbij vermelde bedragen te betalen ...:" then "- benadeelde partij
    [benadeelde 1], € 1,00, 1 dag hechtenis,"): (clause index, claimant, clause text, amount)
    of each item, up to the first clause that is no such item."""
    if not parts[i].text.rstrip().endswith(":"):
        return []
    items = []
    for j in range(i + 1, len(parts)):
        t = without_quashed(parts[j].text)
        names = _claimants(t)
        amount = award_amount(t)
        if (len(names) != 1 or amount is None or _DICTUM_RE.search(t)
                or _decision_kind(t) is not None):
            break
        items.append((j, names[0], t, amount))
    return items


def _decision_kind(text: str) -> str | None:
    if rx.CLAIM_INADMISSIBLE_RE.search(text):
        return "inadmissible"
    award = rx.CLAIM_AWARD_RE.search(text) or _AWARD_EXTRA_RE.search(text)
    if rx.CLAIM_REJECTED_RE.search(text) and not award:
        return "rejected"
    if rx.CLAIM_MEASURE_RE.search(text) or _MEASURE_EXTRA_RE.search(text):
        return "measure"
    if award:
        return "award"
    return None


def is_decision(text: str) -> bool:
    """True when a clause is this court's decision rather than reasoning or history."""
    if _DICTUM_RE.search(text):
        return True
    return bool(_PASSIVE_RE.search(text)) and not _FUTURE_RE.search(text)


# In a summary: what a victim's claim got ("Vordering benadeelde partij deels toegewezen 350
# euro", "Toewijzing van de vordering van de benadeelde partij tot een bedrag van € 78,19",
# "moet het slachtoffer ook een schadevergoeding betalen van 300 euro"), and "Benadeelde
# partijen NO".
_SUMMARY_AWARD_RE = re.compile(r"\btoe(?:gewezen|wijzing|wijzen|gekend)\b|\bschadevergoeding"
                               r"\w*\b[^.;]{0,60}?\bbetalen\b|\bbetalen\b[^.;]{0,60}?"
                               r"\bschadevergoeding|\bschadevergoedingsmaatregel\b", _I)
_SUMMARY_INADMISSIBLE_RE = re.compile(r"\b(?:benadeelde\s+partij(?:en)?|vordering(?:en)?)\b"
                                      r"[^.;]{0,80}?\b(?:NO|n-o|n\.o\.|niet[- ]ontvankelijk)\b",
                                      _I)
_AWARD_WORD_RE = re.compile(r"schadevergoeding|toe(?:gewezen|wijzing|wijzen|gekend)", _I)
_SEVERAL_CLAIMS_RE = re.compile(r"\b(?:beide|twee|drie|vier|alle)\s+(?:vorderingen|"
                                r"benadeelde\s+partijen)\b", _I)
# An amount that is no exact figure ("bijna 500 euro", "ruim 5.000 euro").
_ROUGHLY_RE = re.compile(r"\b(?:bijna|ruim|ongeveer|circa|ca\.|zo'n|meer\s+dan|minder\s+dan|"
                         r"tot\s+maximaal)\s*$", _I)


# An award without a currency sign, as terse summaries write it ("Vordering benadeelde partij
# deels toegewezen tot een bedrag van 7500."): euros, unless another currency follows.
_BARE_AMOUNT_RE = re.compile(
    r"\btot\s+een\s+bedrag\s+van\s+(?P<n>" + NUMBER_DIGITS + r")"
    r"(?!\s*(?:NAf|ANG|USD|\$|dollar|gulden|guilders|Naf|SRD|\w))", _I)


def _bare_award_amount(text: str) -> tuple[float, int, int] | None:
    m = _BARE_AMOUNT_RE.search(text)
    value = parse_digits(m.group("n")) if m and not money_in(text[:m.start()]) else None
    return None if m is None or value is None else (value, m.start("n"), m.end("n"))


def _from_summary(doc: Doc) -> None:
    """The award as the inhoudsindicatie of a partial or summary-only document states it,
    when it states a conviction: one exact amount awarded (a measure restating it is not
    added), or every claim declared inadmissible (0). Anything else (several amounts, an award
    without an amount, "ruim 5.000 euro") stays null."""
    summary = summary_of(doc)
    amounts: dict[float, tuple[int, int]] = {}
    awarded = joint = False
    inadmissible: tuple[int, int] | bool = False  # the first such sentence
    for start, end in own_decision_sentences(doc):
        sent = summary[start:end]
        if not _VICTIM_RE.search(sent) or _SKIP_RE.search(sent):
            continue
        if _SUMMARY_INADMISSIBLE_RE.search(sent) and not _SUMMARY_AWARD_RE.search(sent):
            if _PARTLY_RE.search(sent) or re.search(r"\bschade\s+die\b|\bvoor\s*zover\b",
                                                    sent, _I):
                return  # inadmissible in part: what the rest got is not stated
            inadmissible = inadmissible or (start, end)
            continue
        cue = _SUMMARY_AWARD_RE.search(sent)
        if cue is None:
            continue
        if _SEVERAL_CLAIMS_RE.search(sent):
            return  # "voor beide vorderingen ... tot een bedrag van": per claim or in all?
        awarded = True
        joint = joint or bool(rx.JOINT_RE.search(sent))
        # the amount after the award words, not a fine before them ("het betalen van een
        # boete van 500 euro en het betalen van een schadevergoeding aan de vrouw")
        word = _AWARD_WORD_RE.search(cue.group(0))
        pos = cue.start() + (word.start() if word else 0)
        amount = award_amount(sent[pos:]) or _bare_award_amount(sent[pos:])
        if amount is None or _ROUGHLY_RE.search(sent[:pos + amount[1]]):
            return  # an award we cannot read exactly: the total is unknown
        at = start + pos
        amounts.setdefault(amount[0], (at + amount[1], at + amount[2]))
    if len(amounts) > 1:
        return  # several claimants, or parts we cannot tell apart
    if amounts:
        (value, span), = amounts.items()
        _summary_claim(doc, value, span, "award", admissible=True, joint=joint or None)
    elif isinstance(inadmissible, tuple) and not awarded:
        _summary_claim(doc, 0.0, inadmissible, "inadmissible", admissible=False)


def _summary_claim(doc: Doc, total: float, span: tuple[int, int], label: str,
                   **claim: Any) -> None:
    """One claim of an unnamed claimant, as a summary states it, with its evidence."""
    entry = {k: v for k, v in _new_claim("?").items() if not k.startswith("_")}
    entry.update(claim, amount_eur=total if label == "award" else None)
    set_fact(doc, "compensation", [entry])
    set_fact(doc, "compensation_eur_total", total)
    for key in ("compensation", "compensation_eur_total"):
        add_evidence(doc, key, span[0], span[1], label, in_summary=True)


def _new_claim(name: str) -> dict[str, Any]:
    return {"claimant": None if name == "?" else name, "amount_eur": None,
            "material_eur": None, "immaterial_eur": None, "joint": None, "admissible": None,
            "partly_inadmissible": None, "measure": None,
            "_granted": None, "_paid": None, "_measure_amount": None, "_awarded": False}


class CompensationComponent:
    def __call__(self, doc: Doc) -> Doc:
        set_fact(doc, "compensation", [])
        set_fact(doc, "compensation_eur_total", None)
        if not usable(doc) or is_conclusion(doc):
            return doc
        region = decision_region(doc)
        if region is None and doc._.reason:  # partial: the summary may state the award
            _from_summary(doc)
            return doc
        if region is None or not region.has_own_sentence:
            return doc
        index = section_index(doc)
        text = text_of(doc)
        claims: dict[str, dict[str, Any]] = {}
        current: str | None = None
        # What the last heading or clause was about: a victim's claim or another vordering.
        topic: str | None = None
        foreign = False
        listed: set[int] = set()  # clauses read as the items of a listed measure
        parts = clauses(text, region.sentence_start, region.end)
        for i, c in enumerate(parts):
            if i in listed:
                continue
            t = without_quashed(c.text)
            if _SKIP_RE.search(t) or _NOT_A_CLAIM_RE.search(t):
                topic = "other"
                continue
            names = _claimants(t)
            strong = bool(_VICTIM_RE.search(t)) or bool(names)
            if strong:
                topic = "victim"
            elif not (_WEAK_AWARD_RE.search(t) and topic == "victim"):
                if rx.JOINT_RE.search(t) and current in claims:
                    claims[current]["joint"] = True
                continue
            if _FOREIGN_RE.search(t):
                foreign = True  # amounts in another currency are no euros
                continue
            kind = _decision_kind(t)
            named = names[0] if names else None
            name = named or current or "?"
            if kind is None or not is_decision(t):
                current = name
                continue
            amount = award_amount(t)
            if kind == "measure" and named is None and amount is None:
                items = _measure_items(parts, i)
                if items:
                    # "legt ... de verplichting op aan de Staat ... te betalen ...:" followed
                    # by one line per claimant with its amount: the measure of each of them.
                    for j, item, item_text, item_amount in items:
                        listed.add(j)
                        self._decide(doc, claims.setdefault(item, _new_claim(item)),
                                     "measure", item_text, parts[j], item_amount, index)
                        current = item
                    add_evidence(doc, "compensation", c.start, c.end, "measure", index)
                    continue
            if name not in claims and (
                    # A measure or a payment order restates an award; without an amount or a
                    # claimant of its own it decides no claim (e.g. the Hoge Raad replacing
                    # the vervangende hechtenis of a measure by gijzeling).
                    (kind == "measure" and amount is None)
                    or (kind == "award" and amount is None and named is None)):
                continue
            # Several claimants in one clause share a decision without an amount ("verklaart
            # de benadeelde partijen [A] en [B] niet-ontvankelijk"); an amount is not split.
            targets = names if kind in ("inadmissible", "rejected") and len(names) > 1 \
                else [name]
            for name in targets:
                current = name
                self._decide(doc, claims.setdefault(name, _new_claim(name)), kind, t, c,
                             amount, index)
        out = []
        unknown = False
        for claim in claims.values():
            measure_amount = claim.pop("_measure_amount")
            granted, paid, awarded = (claim.pop("_granted"), claim.pop("_paid"),
                                      claim.pop("_awarded"))
            claim["amount_eur"] = granted if granted is not None else paid
            if claim["amount_eur"] is None and measure_amount is not None:
                claim["amount_eur"] = measure_amount
                claim["admissible"] = True if claim["admissible"] is None else claim["admissible"]
            if awarded and claim["amount_eur"] is None:
                unknown = True  # an award whose amount we could not read: the total is unknown
            out.append(claim)
        set_fact(doc, "compensation", out)
        if out and not foreign and not unknown:
            set_fact(doc, "compensation_eur_total",
                     round(sum(c["amount_eur"] or 0.0 for c in out), 2))
        return doc

    @staticmethod
    def _decide(doc: Doc, claim: dict[str, Any], kind: str, t: str, c: Clause,
                amount: tuple[float, int, int] | None, index: SectionIndex) -> None:
        """What one decision clause decides on one claimant's claim."""
        if kind == "inadmissible":
            if _PARTLY_RE.search(t):
                claim["partly_inadmissible"] = True
            else:
                claim["admissible"] = False
            add_evidence(doc, "compensation", c.start, c.end, "inadmissible", index)
        elif kind == "rejected":
            claim["admissible"] = True
            claim["_granted"] = claim["_granted"] or 0.0
            add_evidence(doc, "compensation", c.start, c.end, "rejected", index)
        elif kind == "measure":
            claim["measure"] = True
            if amount and claim["_measure_amount"] is None:
                claim["_measure_amount"] = amount[0]
            add_evidence(doc, "compensation", c.start, c.end, "measure", index)
        else:
            claim["_awarded"] = True
            if amount:
                slot = "_granted" if _GRANT_RE.search(t) else "_paid"
                claim[slot] = (claim[slot] or 0.0) + amount[0]
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
