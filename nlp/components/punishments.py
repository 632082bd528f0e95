"""Component `vonnis_punishments`: the sentence of this court, from its own decision.

Sets the sentence keys (prison, detention, community service, fine, tbs, isd, pij,
juvenile) with evidence, `doc._.punishments` (the items, for the punishment benchmark), and
`executions`: the dictum's decisions on earlier suspended sentences (tul), which the sentence
keys leave out, with evidence under "executions".
Conclusies of the AG get no sentence; the Hoge Raad only when it "vermindert" a prison term;
a hof only after "vernietigt" (a confirming hof imposes nothing of its own). A partial or
summary-only document without a dictum gets the sentence its inhoudsindicatie states, when that
names one prison term of this court (evidence in the summary).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from nlp import regexes as rx
from nlp.components._common import (
    add_evidence,
    blank,
    court_level,
    decision_region,
    is_conclusion,
    readable_text,
    section_index,
    set_fact,
    usable,
)
from nlp.components.verdict_cues import own_decision_sentences
from nlp.decision import Clause, clauses
from nlp.extensions import meta, summary_of, text_of
from nlp.numbers import DURATION, parse_duration
from nlp.punishments import aggregate, executions_of, extract_items, measures_in_clause
from nlp.sections import SectionIndex

_EVIDENCE_KEY = {"prison": "prison_days_total", "detention": "detention_days",
                 "community_service": "community_service_hours", "fine": "fine_eur"}
_SUSPENDED_KEY = {"prison": "prison_days_suspended",
                  "community_service": "community_service_hours_suspended",
                  "fine": "fine_eur_suspended"}
SENTENCE_FACTS = ("prison_days_total", "prison_days_suspended", "probation_years",
                  "detention_days", "community_service_hours",
                  "community_service_hours_suspended", "fine_eur", "fine_eur_suspended",
                  "tbs", "isd", "pij", "juvenile")


# In a summary, "gevangenisstraf van 20 maanden met aftrek van voorarrest" (or "met aftrek",
# "m.a.") only describes the term imposed; blanked (same length, so offsets stay) so that the
# credit rule for dictum clauses does not drop the term.
_CREDIT_ATTRIBUTE_RE = re.compile(
    r"\bmet\s+aftrek(?:\s+(?:van\s+)?(?:het\s+|de\s+)?(?:voorarrest|(?:in\s+)?voorlopige\s+"
    r"hechtenis(?:\s+doorgebrachte\s+tijd)?))?\b|(?<!\w)m\.a\.", re.IGNORECASE)


# "een grotendeels voorwaardelijke gevangenisstraf (90 dagen waarvan 89 dagen voorwaardelijk)":
# the adjectives would make the whole term suspended; blanked, the "waarvan" part is read.
_PARTLY_SUSPENDED_RE = re.compile(
    r"\b(?:grotendeels|gedeeltelijk|deels|ten\s+dele)\s+voorwaardelijke\s+(?=\w)", re.IGNORECASE)

# "een geldboete van 10 duizend euro": the digits times a thousand, padded to the same length.
_DIGITS_THOUSAND_RE = re.compile(r"\b(\d{1,3})\s+duizend(?=\s+euro\b)", re.IGNORECASE)


def _thousands(m: re.Match[str]) -> str:
    return f"{int(m.group(1)) * 1000}".ljust(len(m.group(0)))


# "taakstraf 60 uur/hechtenis 30 dagen, waarvan 30 uur/15 dagen voorwaardelijk": after the slash
# the vervangende hechtenis, no term of its own; blanked.
_SUBSIDIARY_SLASH_RE = re.compile(
    r"/\s*(?:(?:vervangende\s+)?hechtenis\s+(?:van\s+)?\d+\s+dagen"
    r"|\d+\s+dagen(?:\s+(?:vervangende\s+)?hechtenis)?)\b", re.IGNORECASE)


# "een gevangenisstraf waarbij het onvoorwaardelijk deel gelijk is aan de duur van het
# voorarrest en een voorwaardelijke gevangenisstraf van 3 maanden": the total is unknown.
_UNCONDITIONAL_AS_CUSTODY_RE = re.compile(
    r"\bonvoorwaardelijke?\s+(?:deel|gedeelte)\s+(?:\w+\s+){0,2}gelijk\s+(?:is\s+)?aan\s+"
    r"(?:de\s+duur\s+van\s+)?(?:het\s+)?(?:\w+\s+)?voorarrest", re.IGNORECASE)

# A prison term of a set length ("gevangenisstraf van 6 maanden", "15 maanden
# gevangenisstraf"), which only adult law imposes (juvenile law: jeugddetentie).
_ADULT_TERM_RE = re.compile(
    r"\bgevangenisstraf(?:fen)?\s+(?:voor\s+de\s+duur\s+)?van\s+(?:\w+\s+){0,2}?" + DURATION
    + r"|" + DURATION + r"\s+gevangenisstraf\b", re.IGNORECASE)
_STATUTORY_RE = re.compile(r"\bten\s+hoogste\b|\bmaxim\w*|\bop\s+staat\b|\bgesteld\b|"
                           r"\bstrafbedreiging\b|\bbedreigd\b", re.IGNORECASE)

# Several defendants sentenced in one summary ("De rechtbank heeft twee mannen ... veroordeeld
# tot gevangenisstraffen van vijf jaar. Een derde 54-jarige man ... een werkstraf",
# "veroordeelt vier leden van ...", "de zaak van drie verdachten"): whose term a value is, is
# unknown, unless all got the one term stated ("Twee verdachten veroordeeld tot 11 jaar").
_NUMERAL = r"(?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|[2-9]|1[0-9])"
_PERSONS = (r"(?<!\w)(?:verdachten|mannen|vrouwen|jongens|jongemannen|jongeren|meisjes|leden|"
            r"broers|zussen|daders)\b")
_GROUP_RE = re.compile(
    r"\bveroordee\w*\s+(?:\S+\s+){0,4}?" + _NUMERAL + r"\s+(?:\S+\s+){0,3}?" + _PERSONS
    + r"|\b" + _NUMERAL + r"\s+(?:\S+\s+){0,3}?" + _PERSONS + r"[^.]{0,200}?\bveroordeeld\b"
    + r"|\b(?:zaak|zaken)\s+(?:van|tegen)\s+(?:de\s+)?" + _NUMERAL + r"\s+(?:\S+\s+){0,2}?"
    + _PERSONS,
    re.IGNORECASE)
# ... and then a term for one of them ("Een derde 54-jarige man", "Een 33-jarige man is
# veroordeeld", "Hij krijgt de hoogste gevangenisstraf"); "8 mannen is veroordeeld tot
# celstraffen van 22 maanden" is one term for all.
_DIFFERENT_TERMS_RE = re.compile(
    r"\b(?:een|de)\s+(?:derde|tweede|vierde|vijfde|ander[e]?)\b"
    r"|\been\s+\d+-jarige\b|\bde\s+hoogste\s+(?:straf|gevangenisstraf)\b"
    r"|\brespectievelijk\b", re.IGNORECASE)  # "van respectievelijk 18 maanden en 3 jaar"


def _several_defendants(summary: str) -> bool:
    """The summary sentences several defendants to different (or not stated as equal) terms."""
    m = _GROUP_RE.search(summary)
    return m is not None and _DIFFERENT_TERMS_RE.search(summary) is not None


def _record(doc: Doc, items: list[dict], facts: dict[str, float | None], *,
            index: SectionIndex | None = None, in_summary: bool = False) -> None:
    """Set the sentence keys, `doc._.punishments` and the evidence of every item (spans in the
    text, or in the summary with `in_summary`)."""
    doc._.punishments = [{k: v for k, v in it.items() if k != "suspended_from_part"}
                         for it in items]
    for key, value in facts.items():
        set_fact(doc, key, value)

    def evidence(key: str, span: tuple[int, int], label: str) -> None:
        add_evidence(doc, key, span[0], span[1], label, index, in_summary=in_summary)

    for it in items:
        evidence(_EVIDENCE_KEY[it["kind"]], (it["start"], it["end"]), it["word"])
        if it.get("suspended_span") and it["kind"] in _SUSPENDED_KEY:
            evidence(_SUSPENDED_KEY[it["kind"]], it["suspended_span"], "suspended")
        if it.get("probation_span"):
            evidence("probation_years", it["probation_span"], "probation")


@Language.factory("vonnis_punishments")
def make_punishments(nlp: Language, name: str) -> PunishmentsComponent:
    return PunishmentsComponent()


class PunishmentsComponent:
    def __call__(self, doc: Doc) -> Doc:
        for key in SENTENCE_FACTS:
            set_fact(doc, key, None)
        doc._.punishments = []
        set_fact(doc, "executions", [])
        if not usable(doc):
            return doc
        if is_conclusion(doc):
            self._adult_law(doc)
            return doc
        text = text_of(doc)
        index = section_index(doc)
        region = decision_region(doc)
        level = court_level(doc)
        if region is None:
            if doc._.reason:  # truncated: no decision to read, but the summary may state it
                self._from_summary(doc, level)
                self._adult_law(doc)
                return doc
            # Careful fallback: the sentencing section, clause by clause, strict filters.
            cls = [c for s in index.of("sentencing") for c in clauses(text, s.start, s.end)]
            items = extract_items(cls, strict=True)
            measures: list[tuple[str, int, int]] = []
        elif level == "hoge_raad":
            items, measures = self._supreme_court(doc, region.start, region.end), []
        elif not region.has_own_sentence:
            return doc
        else:
            cls = clauses(text, region.sentence_start, region.end)
            tul: list[Clause] = []
            items = extract_items(cls, tul=tul)
            measures = [m for c in cls for m in measures_in_clause(c)]
            self._executions(doc, tul, index)
        _record(doc, items, aggregate(items), index=index)
        found: dict[str, tuple[int, int]] = {}
        for name, s, e in measures:
            found.setdefault(name, (s, e))  # the imposing clause, not later references
        for name, (s, e) in found.items():
            add_evidence(doc, name, s, e, name, index)
        decided = region is not None
        for name in ("tbs", "isd", "pij"):
            set_fact(doc, name, True if name in found else (False if decided else None))
        self._juvenile(doc, region, bool(items or found), index)
        return doc

    @staticmethod
    def _from_summary(doc: Doc, level: str | None) -> None:
        """The sentence as the inhoudsindicatie of a partial or summary-only document states
        it ("Gevangenisstraf van 36 maanden", "GS 33 maanden m.a."), when it states a
        conviction by this court. Left null when the summary names more than one prison term
        (several defendants, or a demand next to the decision) or only a demand, a lower
        court's or a co-defendant's sentence; a suspended part is null unless stated."""
        summary = _CREDIT_ATTRIBUTE_RE.sub(blank, summary_of(doc))
        if _several_defendants(summary):
            return
        summary = _PARTLY_SUSPENDED_RE.sub(blank, summary)
        summary = _DIGITS_THOUSAND_RE.sub(_thousands, summary)
        summary = _SUBSIDIARY_SLASH_RE.sub(blank, summary)
        cls = [c for start, end in own_decision_sentences(doc)
               for c in clauses(summary, start, end)]
        # a rechtbank's summary speaks of itself as "de rechtbank heeft ... veroordeeld"
        items = extract_items(cls, first_instance=level == "rechtbank")
        prison = [it for it in items if it["kind"] == "prison"]
        if len(prison) > 1 or (prison and prison[0]["suspended"] == prison[0]["amount"]
                               and _UNCONDITIONAL_AS_CUSTODY_RE.search(summary)):
            items = [it for it in items if it["kind"] != "prison"]
        facts = aggregate(items)
        for kind, key in _SUSPENDED_KEY.items():
            if facts.get(key) == 0 and not any(
                    it["kind"] == kind and it["suspended"] is not None for it in items):
                facts[key] = None  # not stated, which in a summary is not "none"
        _record(doc, items, facts, in_summary=True)

    @staticmethod
    def _executions(doc: Doc, tul: list[Clause], index: SectionIndex) -> None:
        found = executions_of(tul)
        set_fact(doc, "executions", [{k: v for k, v in e.items() if k not in ("start", "end")}
                                     for e in found])
        for e in found:
            add_evidence(doc, "executions", e["start"], e["end"], e["decision"], index)

    @staticmethod
    def _supreme_court(doc: Doc, start: int, end: int) -> list[dict]:
        """The Hoge Raad sentences only by reducing: "vermindert ... in die zin dat deze
        30 maanden beloopt"."""
        m = rx.REDUCES_RE.search(text_of(doc), start, end)
        if not m:
            return []
        dur = m.group("dur") or m.group("dur2")
        d = parse_duration(dur)
        if d is None or d.days is None:
            return []
        return [{"kind": "prison", "word": "vermindert", "amount": d.days, "suspended": None,
                 "probation_years": None, "start": m.start(), "end": m.end(),
                 "suspended_span": None, "probation_span": None}]

    @staticmethod
    def _adult_law(doc: Doc) -> None:
        """Without a decision to read (a conclusie, an excerpt, a summary): a gevangenisstraf
        imposed or demanded in the case ("de door het hof opgelegde gevangenisstraf van 6
        maanden") means adult law, when nothing in the document speaks of juvenile law."""
        readable = readable_text(doc)
        summary = summary_of(doc)
        if any(rx.JUVENILE_RE.search(t) or rx.ADOLESCENT_RE.search(t)
               for t in (readable, summary)):
            return
        for source, in_summary in ((readable, False), (summary, True)):
            for m in _ADULT_TERM_RE.finditer(source):
                if _STATUTORY_RE.search(source[max(0, m.start() - 60):m.end() + 40]):
                    continue  # "waarop een gevangenisstraf van ten hoogste 12 jaren staat"
                before = source[max(0, m.start() - 300):m.start()]
                sentence = re.split(r"\.\s|;", before)[-1]
                if rx.DEMAND_CUE_RE.search(sentence):
                    continue  # a demand: the court may still apply juvenile law
                set_fact(doc, "juvenile", False)
                add_evidence(doc, "juvenile", m.start(), m.end(), "adult", in_summary=in_summary)
                return

    @staticmethod
    def _juvenile(doc: Doc, region, sentenced: bool, index) -> None:  # type: ignore[no-untyped-def]
        text = text_of(doc)
        if region is None:
            return
        m = rx.JUVENILE_RE.search(text, region.start, region.end)
        if m is None:
            law = index.last("law")
            if law is not None:
                m = rx.JUVENILE_RE.search(text, law.start, law.end)
        if m is None and "jeugd" in str(meta(doc).get("procedure") or "").lower():
            set_fact(doc, "juvenile", True)
            return
        if m is None and not sentenced:
            return  # no sentence (an acquittal, the Hoge Raad): the law applied is not said
        set_fact(doc, "juvenile", m is not None)
        if m is not None:
            add_evidence(doc, "juvenile", m.start(), m.end(), "juvenile", index)
