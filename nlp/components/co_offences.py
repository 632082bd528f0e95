"""Component `vonnis_co_offences`: other offences proven in the same judgment, and whether
the defendant was convicted of trafficking.

Read from the qualification ("Het bewezenverklaarde levert op: ...") in the kwalificatie
section or the decision. Without a decision to read, from the summary's conviction sentences
("Veroordeling ter zake van mensenhandel, witwassen en medeplegen van handel in cocaïne");
for the Hoge Raad, those of the conviction under appeal that stands, each with its own article.
Trafficking itself is not a co-offence.
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
    readable_text,
    section_index,
    set_fact,
    usable,
)
from nlp.components.verdict_cues import (
    ACQUIT_RE,
    Verdict,
    trafficking_under_appeal,
    verdict_outside_dictum,
)
from nlp.extensions import facts, summary_of, text_of
from nlp.sections import SectionIndex

TRAFFICKING_RE = re.compile(r"\bmensenhandel\b|\buitbuiting\b|\b(?:273f|273a|250a|250ter)\b",
                            re.IGNORECASE)
# (type, pattern, typical articles)
OFFENCES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("smuggling", r"mensensmokkel|\bsmokkel\b|197a", ("197a",)),
    ("sexual", r"verkrachting|ontucht|aanranding|seksueel\s+binnendringen|"
               r"kinderporno|seksuele\s+(?:handelingen|benadering)|grooming", ("242", "245",
                                                                                  "246", "247",
                                                                                  "248", "249",
                                                                                  "240b")),
    ("money_laundering", r"witwassen", ("420bis", "420ter", "420quater")),
    ("assault", r"mishandeling", ("300", "301", "302", "303", "304")),
    ("deprivation_of_liberty", r"vrijheidsberoving|gijzeling", ("282",)),
    ("threat", r"bedreiging", ("285",)),
    ("extortion", r"afpersing|afdreiging", ("317", "318")),
    ("fraud", r"oplichting|valsheid\s+in\s+geschrift|vervalste?\s+geschrift|flessentrekkerij",
     ("326", "225")),
    ("bribery", r"omkoping", ("177", "178", "363", "364")),
    ("tax_fraud", r"belastingontduiking|belastingfraude|fiscale\s+fraude", ()),
    ("theft", r"diefstal|heling", ("310", "311", "312", "416")),
    ("criminal_organisation", r"criminele\s+organisatie|deelneming\s+aan\s+een\s+organisatie",
     ("140",)),
    ("weapons", r"wapen|munitie", ()),
    ("drugs", r"opiumwet|verdovende\s+middel|harddrugs|softdrugs|\bhennep|cocaïne|heroïne",
     ()),
    ("homicide", r"doodslag|\bmoord\b|dood\s+door\s+schuld", ("287", "289")),
    ("other_violence", r"openlijk\s+(?:in\s+vereniging\s+)?geweld|zware\s+mishandeling", ("141",)),
)
_OFFENCE_RES = [(t, re.compile(p, re.IGNORECASE), a) for t, p, a in OFFENCES]
QUALIFICATION_CUE_RE = re.compile(
    r"(?:levert|leveren|oplevert|opleveren)\b[^:]{0,80}?(?:op|strafbare\s+feit(?:en)?)\s*:?|"
    r"\bverklaart\b[^;]{0,80}?\bbewezen\b[^;]{0,200}?\bkwalificeert\b|"
    r"bewezen\s*verklaarde\s+(?:is|wordt)\s+(?:als\s+volgt\s+)?gekwalificeerd", re.IGNORECASE
)


def qualification_spans(doc: Doc) -> list[tuple[int, int]]:
    index = section_index(doc)
    spans = [(s.start, s.end) for s in index.of("qualification")]
    region = decision_region(doc)
    if region is not None:
        for m in QUALIFICATION_CUE_RE.finditer(text_of(doc), region.start, region.end):
            end = text_of(doc).find("\n", m.end() + 3)
            # A one-line flattened dictum: the qualification ends at the next dictum verb.
            nxt = re.search(r"\b(?:Verklaart|verklaart|veroordeelt|Veroordeelt|legt|Legt)\b",
                            text_of(doc)[m.end():region.end])
            stop = m.end() + nxt.start() if nxt else region.end
            spans.append((m.start(), min(stop, end if end > 0 else region.end,
                                         m.end() + 1500)))
    return spans


@Language.factory("vonnis_co_offences")
def make_co_offences(nlp: Language, name: str) -> CoOffencesComponent:
    return CoOffencesComponent()


class CoOffencesComponent:
    def __call__(self, doc: Doc) -> Doc:
        set_fact(doc, "co_offences", [])
        set_fact(doc, "convicted_of_trafficking", None)
        if not usable(doc):
            return doc
        outcome = facts(doc).get("outcome")
        index = section_index(doc)
        if court_level(doc) == "hoge_raad":
            # The HR convicts no one: what counts is whether the conviction (or acquittal)
            # under appeal stands, as the summary or the considerations say, even when the
            # result itself is cut off.
            self._from_verdict(doc, trafficking_under_appeal(doc, outcome), index)
            return doc
        if is_conclusion(doc):
            self._under_review(doc, index)
            return doc
        if outcome is None:
            return doc
        if decision_region(doc) is None:
            # No dictum: the outcome came from the summary, and so does the offence.
            self._from_verdict(doc, verdict_outside_dictum(doc), index)
            return doc
        if outcome not in ("conviction", "partial"):
            set_fact(doc, "convicted_of_trafficking", False)
            return doc
        text = text_of(doc)
        spans = qualification_spans(doc)
        trafficking = None
        offences: dict[str, dict] = {}
        for start, end in spans:
            part = text[start:end]
            m = TRAFFICKING_RE.search(part)
            if m and not re.search(r"\bniet\b[^.;]{0,40}$", part[:m.start()]):
                trafficking = (start + m.start(), start + m.end())
            for type_, pattern, arts in _OFFENCE_RES:
                for om in pattern.finditer(part):
                    line_start = part.rfind("\n", 0, om.start()) + 1
                    line_end = part.find("\n", om.end())
                    label = part[line_start:line_end if line_end >= 0 else len(part)].strip()
                    label = label[:160]
                    if type_ not in offences:
                        offences[type_] = {"type": type_, "label": label, "articles": list(arts)}
                        add_evidence(doc, "co_offences", start + om.start(), start + om.end(),
                                     type_, index)
                    break
        if trafficking is None:
            proven = [a for a in facts(doc).get("articles", [])
                      if a["article"] in ("273f", "273a", "250a", "250ter") and a["proven"]]
            if proven and not spans:
                trafficking = next(((e["start"], e["end"]) for e in
                                    (doc._.evidence or {}).get("articles", [])
                                    if e["label"].startswith(proven[0]["article"])), None)
        set_fact(doc, "convicted_of_trafficking", trafficking is not None)
        if trafficking:
            add_evidence(doc, "convicted_of_trafficking", trafficking[0], trafficking[1],
                         "trafficking", index)
        set_fact(doc, "co_offences", list(offences.values()))
        return doc

    @staticmethod
    def _under_review(doc: Doc, index: SectionIndex) -> None:
        """A conclusie decides nothing; its other offences are those of the conviction under
        review, as it quotes them."""
        _set_offences(doc, under_review_co_offences(readable_text(doc)), index)

    @staticmethod
    def _from_verdict(doc: Doc, verdict: Verdict, index: SectionIndex) -> None:
        set_fact(doc, "convicted_of_trafficking", verdict.trafficking)
        if verdict.trafficking is not None and verdict.trafficking_span:
            start, end, in_summary = verdict.trafficking_span
            add_evidence(doc, "convicted_of_trafficking", start, end,
                         "trafficking" if verdict.trafficking else "not_trafficking", index,
                         in_summary=in_summary)
        # Hoge Raad: the offences of the conviction under appeal that stands; elsewhere those
        # of the conviction the summary states.
        supreme = court_level(doc) == "hoge_raad"
        convicted = verdict.trafficking if supreme else \
            facts(doc).get("outcome") in ("conviction", "partial")
        if convicted:
            summary = summary_of(doc)
            _set_offences(doc, [o for start, end in verdict.conviction_sentences
                                for o in summary_co_offences(summary, start, end, supreme)],
                          index, in_summary=True)


Offence = tuple[str, str, int, int, list[str]]  # type, label, start, end, articles


def _set_offences(doc: Doc, offences: list[Offence], index: SectionIndex,
                  in_summary: bool = False) -> None:
    """`co_offences`, one per type (the first mention), each with its evidence."""
    found: dict[str, dict] = {}
    for type_, label, start, end, arts in offences:
        if type_ not in found:
            found[type_] = {"type": type_, "label": label, "articles": arts}
            add_evidence(doc, "co_offences", start, end, type_, index, in_summary=in_summary)
    set_fact(doc, "co_offences", list(found.values()))


# A conclusie states the conviction it reviews, each offence quoted as the hof qualified it:
# "De verdachte is bij arrest van ... door het hof ..., wegens 1. “mensenhandel” en 2.
# “valsheid in geschrift, ...” veroordeeld tot ...".
_Q = r"(?:\d+\.\s*)?[“\"‘'][^”\"’'\n]{1,1000}[”\"’']"
_UNDER_REVIEW_RE = re.compile(r"\bwegens\s+(?P<list>" + _Q + r"(?:\s*(?:,|en)\s*" + _Q + r")*)"
                              r"\s*,?\s*veroordeeld\b")
_QUOTED_RE = re.compile(r"[“\"‘'](?P<q>[^”\"’'\n]{1,1000})[”\"’']")


def under_review_co_offences(text: str) -> list[Offence]:
    """The offences other than trafficking of the conviction a conclusie reviews (its first
    "wegens ... veroordeeld" sentence)."""
    m = _UNDER_REVIEW_RE.search(text)
    if m is None:
        return []
    out = []
    for q in _QUOTED_RE.finditer(text, m.start("list"), m.end("list")):
        label = q.group("q")
        if TRAFFICKING_RE.search(label):
            continue
        for type_, pattern, arts in _OFFENCE_RES:
            om = pattern.search(label)
            if om:
                out.append((type_, label.strip()[:160], q.start("q") + om.start(),
                            q.start("q") + om.end(), list(arts)))
    return out


# A summary's conviction sentence lists the offences joined by "en" / ";" ("Medeplegen
# mensenhandel (meermalen gepleegd), art. 237f Sr en medeplegen gewoontewitwassen, art.
# 420bis jo. 420ter Sr."). In a Hoge Raad summary an offence counts only in a part that cites
# its own article; elsewhere in a part of the list ("Veroordeling ter zake van mensenhandel,
# witwassen en medeplegen van handel in cocaïne") that describes no act of the trafficking
# ("door hen te laten stelen", "om ... te werken") and names the offence itself, not sexual
# acts in general ("seksuele handelingen" are what the trafficking was for).
_PART_SPLIT_RE = re.compile(r"\s+en\s+(?=[^;]{0,60}?\bart\.)|;|\balsmede\b")
_LIST_SPLIT_RE = re.compile(r",\s*|;\s*|\s+en\s+|\s+alsmede\s+")
_CITED_ARTICLE_RE = re.compile(r"\bart(?:ikel|\.)?\s*(\d{2,3}[a-z]{0,6})", re.IGNORECASE)
_DESCRIBES_ACT_RE = re.compile(r"\bdoor\b|\bom\b|\bte\s+\w+en\b|\bd\.m\.v\.", re.IGNORECASE)
# The words before the offence in a summary's sentence ("Daarnaast heeft de verdachte zich
# schuldig gemaakt aan de diefstal van ...", "Bewezenverklaring van feit 2: medeplegen ...").
_LEAD_RE = re.compile(
    r"^.*?(?:schuldig\s+gemaakt\s+aan|veroordeel(?:d|t)\s+(?:\w+\s+){0,3}?(?:voor|wegens|ter\s+zake"
    r"\s+van)|Veroordeling\s+(?:voor|wegens|ter\s+zake\s+van)?|bewezenverklaring\s+van(?:\s+feit\s+"
    r"\d+)?\s*:?|\(kort\s+gezegd\s*:?)\s*|^\s*(?:en\s+)?(?:voor|aan)\s+",
    re.IGNORECASE | re.DOTALL)
_NOT_PROVEN_RE = re.compile(
    r"\bonvoldoende\b|\bniet\s+(?:wettig\s+en\s+overtuigend\s+)?bewe(?:zen|ezen)"
    r"|\bgeen\s+(?:wettig\s+en\s+overtuigend\s+)?bewijs\b", re.IGNORECASE)
_SEXUAL_ACTS_RE = re.compile(r"seksuele\s+(?:handelingen|benadering)", re.IGNORECASE)


def summary_co_offences(summary: str, start: int, end: int, cited_only: bool = True
                        ) -> list[Offence]:
    """Offences other than trafficking that a conviction sentence of the summary names
    (with `cited_only`, only those with their own article): (type, label, start, end,
    articles)."""
    out: list[Offence] = []
    sent = summary[start:end]
    if _NOT_PROVEN_RE.search(sent):
        return []  # "onvoldoende bewijs ... dat hij zich heeft schuldig gemaakt aan ..."
    # In a sentence about trafficking, the list also holds how it was done.
    about_trafficking = bool(TRAFFICKING_RE.search(sent))
    split = _PART_SPLIT_RE if cited_only else _LIST_SPLIT_RE
    seps = list(split.finditer(sent))
    bounds = zip([0] + [m.end() for m in seps], [m.start() for m in seps] + [len(sent)],
                 strict=True)
    for a, b in bounds:
        part = sent[a:b]
        cited = [m.group(1).lower() for m in _CITED_ARTICLE_RE.finditer(part)]
        if TRAFFICKING_RE.search(part) or any(
                c.startswith(("273f", "273a", "250a", "250ter")) for c in cited):
            continue
        if cited_only and not cited:
            continue
        if not cited_only and ACQUIT_RE.search(part):
            continue  # an acquittal ("vrijspraak oplichting")
        if about_trafficking and not cited_only and _DESCRIBES_ACT_RE.search(part):
            continue  # how the trafficking was done
        for type_, pattern, arts in _OFFENCE_RES:
            m = pattern.search(part)
            if m and not (about_trafficking and not cited_only and type_ == "sexual"
                          and _SEXUAL_ACTS_RE.match(part, m.start())):
                label = _LEAD_RE.sub("", re.split(r",|\s\(art", part.strip(), maxsplit=1)[0])
                label = label.strip(" .:()\n\"")[:160]
                out.append((type_, label, start + a + m.start(), start + a + m.end(),
                            cited or list(arts)))
    return out
