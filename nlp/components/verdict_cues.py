"""What a document says about its own verdict outside a dictum: the inhoudsindicatie, and the
considerations of a Hoge Raad judgment whose text stops before the "Beslissing".

Many published judgments can only be read in part (the page start, or the summary alone).
The summary states the verdict in a few fixed ways:

- Hoge Raad: "Volgt verwerping" / "HR: art. 81.1 RO" (the complaints fail: the appeal is
  dismissed), "Volgt vernietiging en terugwijzing" / "slaagt middel" / "geeft blijk van een
  onjuiste rechtsopvatting" (the complaint succeeds: the HR quashes, at least partly).
  "HR bepaalt dat ... gijzeling van gelijke duur kan worden toegepast" (art. 6:4:20 Sv) is a
  quashing of the substitute detention only ("vernietigt ..., maar uitsluitend wat betreft de
  vervangende hechtenis; ... verwerpt het beroep voor het overige"): other, as a dictum with
  both verbs is, and the conviction stands. The first sentence names the offence of the
  judgment under appeal ("Medeplegen mensenhandel, art. 273f.1 Sr."), or the acquittal
  ("OM-cassatie. Vrijspraak mensenhandel ...").
- hof / rechtbank: "Veroordeling voor mensenhandel tot ...", "Gevangenisstraf voor de duur
  van 30 maanden", "Vrijspraak mensenhandel", "ontslag van alle rechtsvervolging".

What the lower court did ("Vrijspraak in eerste aanleg", "de in eerste aanleg opgelegde
gevangenisstraf") and what the prosecutor asked are not this court's verdict. A conclusie of
the AG decides nothing and gets no verdict here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from nlp import regexes as rx
from nlp.components._common import blank, court_level, is_conclusion, readable_text
from nlp.extensions import summary_of

I = re.IGNORECASE  # noqa: E741

# Sentence ends in a summary: ". " / "? " before a capital, a quote or a numbered paragraph
# ("... in het recht. 2.) De verdachte ..."), not before another digit ("art. 81.1 RO") and
# not after abbreviations followed by lower case ("i.h.b. het").
# ... and at a line break before a capital or a bullet: a summary's label line
# ("Zedenzaak\nGevangenisstraf en tbs ..."), paragraph ("Medeverdachte in deze zaak:
# ECLI:...\n\nRechtbank veroordeelt") or list item.
_SENTENCE_END_RE = re.compile(r"(?<=[.?!])\s+(?=[A-Z“\"‘'(]|\d{1,2}\.?\)\s|\d{1,2}\.\s+[A-Z])|"
                              r"[ \t]*\n\s*(?=[A-Z“\"‘'(\[]|[-–•]\s)")

TRAFFICKING_TERM_RE = re.compile(
    r"\bmensenhandel\w*|\bvrouwenhandel\b|\b\w*uitbuiting\w*|\b(?:273f|273a|250a|250ter)\b|"
    # the verb: "veroordeeld voor het seksueel uitbuiten van het slachtoffer"
    r"\buit(?:buiten|gebuit|buitte|buitten)\b", I
)
# A trafficking word that names no charge: the defendant as a victim ("non-punishment
# beginsel t.a.v. slachtoffers van mensenhandel"), the guideline ("Aanwijzing mensenhandel").
_CONTEXT_ONLY_RE = re.compile(r"(?:\bslachtoff\w*\s+(?:van\s+)?|\b(?:Aanwijzing|Richtlijn|"
                              r"bestrijding\s+van|voorkoming\s+en\s+bestrijding\s+van)\s+)"
                              r"(?:\w+\s+){0,2}$", I)
# Proceedings about something else than the charge itself: confiscation of proceeds.
_ONTNEMING_RE = re.compile(r"\bontneming\w*|\bprofijtontneming\b|\bwederrechtelijk\s+verkregen"
                           r"\s+voordeel|\bw\.v\.v\.", I)
# A confiscation decision (ontneming) after the conviction: it convicts no one, and the
# conviction it mentions is that of the criminal case ("in de strafzaak veroordeeld").
_ONTNEMING_CASE_RE = re.compile(
    r"\bontnemings(?:zaak|procedure|vordering)\b|\bprofijtontneming\b|\bvordering\s+tot\s+"
    r"ontneming\b|\bontneming\s+van\s+(?:het\s+)?wederrechtelijk|\bw\.v\.v\.", I)
# Further ways a summary says it is a confiscation decision: a sentence that opens with
# "Ontneming" ("Ontneming, art. 36e lid 2 Sr.", "Ontneming 212.184,62 euro na veroordeling
# witwassen", "Inhoudsindicatie: ontneming."), a short label sentence ("Mega Canard,
# ontneming."), "ontnemingsmaatregel", "Ontnemingsvonnis". Not "Zie ook ontneming: ECLI..."
# in the summary of the criminal case itself.
_ONTNEMING_OPENS_RE = re.compile(
    r"^\W*(?:Inhoudsindicatie\s*:\s*)?ontneming\b(?!\s*:?\s*(?:zie\b|ECLI\b))|"
    r"^[^.\n]{0,40}?,\s*ontneming\s*\.|\bontnemings(?:maatregel|vonnis|arrest|beslissing)\w*", I)


def _ontneming_opens(summary: str, span: tuple[int, int]) -> tuple[int, int] | None:
    m = _ONTNEMING_OPENS_RE.search(summary[span[0]:span[1]])
    return (span[0] + m.start(), span[0] + m.end()) if m else None


def ontneming_case(summary: str) -> bool:
    """Whether a summary says it is a confiscation decision (ontneming)."""
    return bool(_ONTNEMING_CASE_RE.search(summary)) or any(
        _ontneming_opens(summary, span) for span in sentences(summary))


# The verdict of the lower court, quoted in an appeal: not this court's.
_LOWER_RE = re.compile(r"\bin\s+eerste\s+aanleg\b|\b(?:de|door\s+de)\s+(?:rechtbank|"
                       r"politierechter|kinderrechter)\b", I)


def lower_court_sentence(sentence: str) -> bool:
    """A sentence of a hof's summary about the first instance ("De rechtbank had ..."), not
    one of the hof's own that names it ("Het hof legt overeenkomstig de rechtbank een
    gevangenisstraf op", "Het hof bevestigt ... met uitzondering van de strafoplegging en
    veroordeelt ..."; but "Het hof acht in beginsel - net als de politierechter - ..." is the
    first instance's)."""
    if _HOF_DECIDES_RE.match(sentence):
        return False
    return bool(_LOWER_RE.search(sentence) or rx.LOWER_COURT_CUE_RE.search(sentence))


_HOF_DECIDES_RE = re.compile(r"\W*(?:het\s+)?hof\b(?:(?!\bwaarbij\b)[^.;]){0,120}?\b(?:legt|"
                             r"veroordeelt|vernietigt|verklaart|spreekt|ontslaat|bevestigt)\b"
                             r"(?![^.;]{0,80}?\bin\s+beginsel\b)", I)
# The judgment the hof confirms, with the sentence the first instance imposed ("Het hof
# bevestigt het vonnis, waarbij de verdachte ... is veroordeeld tot ..."): no sentence of the
# hof's own.
_CONFIRMED_SENTENCE_RE = re.compile(r"\bbevestig\w*\b[^.;]{0,200}?\bwaarbij\b", I)


# The court ruling on a party's position ("verwerping beroep op noodweer", "verweer verworpen").
_COURT_RULES_RE = re.compile(r"\bverwerp\w*|\bverworpen\b|\bafgewezen\b|\bgehonoreerd\b|"
                             r"\bslaagt\b|\bslagen\b|\bgeslaagd\b|\bfaalt\b", I)
# Advice or a party's position, not the decision ("CAG: ...", "PG stelt zich op het standpunt").
_NOT_COURT_RE = re.compile(r"^\s*(?:\(?C?AG\b|PG\b|Conclusie\b)|\bstandpunt\b|\bbetoogt?\b|"
                           r"\bverweer\b|\bberoep\s+op\b|\bklaagt\b|\bverzoek\w*\b|"
                           r"\b(?:opvatting\s+die|volgens|door)\s+de\s+(?:verdediging|raadsman|"
                           r"raadsvrouw)\b|\baangevoerd\b", I)
_NEGATION_RE = re.compile(r"\b(?:niet|geen|noch|onvoldoende)\b", I)

# -- Hoge Raad ---------------------------------------------------------------------------
# The HR itself puts gijzeling in the place of the substitute detention of a compensation
# measure ("HR bepaalt dat ... gijzeling ...", "HR: art. 81.1 RO en omzetting vervangende
# hechtenis in gijzeling"): it quashes that part. The topic alone ("Omzetting vervangende
# hechtenis in gijzeling bij schadevergoedingsmaatregel.") states no decision.
_IN_SENTENCE = r"(?:[^.]|\.(?=\S)|(?<=\bart)\.)"  # "art. 6:4:20 Sv" does not end it
_GIJZELING = (r"\bHR\s+bepaalt\b" + _IN_SENTENCE + r"{0,120}?\bgijzeling\b|"
              r"\bHR\b(?:\s+ambtshalve)?\s*:" + _IN_SENTENCE + r"{0,60}?\bomzetting\s+(?:van\s+)?"
              r"(?:de\s+)?vervangende\s+hechtenis\s+in\s+gijzeling\b")
_HR_VACATE_RE = re.compile(
    r"\bVolgt\b[^.]{0,40}?\bvernietiging\b|\bHR\s+vernietigt\b|\bvernietiging\s+en\s+"
    r"(?:terug|ver)wijzing\b|\bHR\s+vermindert\b|\bstrafvermindering\b|\bvermindering\s+van\s+"
    r"(?:de\s+)?(?:opgelegde\s+(?:gvs|taakstraf|jeugddetentie)|(?:opgelegde\s+)?(?:gevangenis)?"
    r"straf)\b|\balsnog\s+vrij\b|\bHR\s+doet\s+(?:(?:de\s+)?zaak\s+)?zelf\s+af\b|" + _GIJZELING, I)
# The appellant declared inadmissible ("Geen middelen ingediend, verdachte n-o."): the HR
# neither dismisses nor quashes; outcome other.
_HR_APPEAL_INADMISSIBLE_RE = re.compile(
    r"\b(?:verdachte|betrokkene|OM|AG|PG|het\s+beroep)\s+(?:is\s+|wordt\s+)?(?:n-o|n\.o\.|"
    r"niet-ontvankelijk)\b|\bverklaart\s+(?:de\s+verdachte|het\s+beroep|de\s+AG|de\s+PG)\s+"
    r"niet[- ]ontvankelijk\b", I)
_HR_DISMISS_RE = re.compile(
    r"\bVolgt\s+(?:\w+\s+){0,2}?verwerping\b|\bHR\s+verwerpt\b|\bverwerpt\s+het\s+beroep\b", I)
# The reasoning of an accepted complaint; weaker than an explicit "Volgt ...".
_HR_COMPLAINT_SUCCEEDS_RE = re.compile(
    r"\b(?:slaagt|slagen)\b|\b(?:geeft\s+blijk\s+van|getuigt\s+van|berust\s+op)\s+(?:een\s+)?"
    r"(?:onjuiste|verkeerde)\s+rechtsopvatting|\bontoereikend\s+gemotiveerd|"
    r"\bonbegrijpelijk\b|\bterecht\s+voorgesteld\b", I)
# Art. 81 RO: the complaints cannot lead to cassation (no reasons given).
_HR_COMPLAINT_FAILS_RE = re.compile(
    r"\b(?:art\.?|artikel)\s*(?:81|80a)(?:\.1|\s+lid\s+1)?\.?\s*"
    r"(?:RO|Wet\s+RO|van\s+de\s+Wet\s+op\s+de\s+"
    r"rechterlijke\s+organisatie)\b|\bniet\s+tot\s+cassatie\s+(?:kan|kunnen)\s+leiden\b|"
    r"\bkan\s+(?:\w+\s+){0,3}?niet\s+tot\s+cassatie\s+leiden\b|\b(?:faalt|falen)\b|"
    r"\bniet\s+kunnen\s+leiden\s+tot\s+vernietiging\b|\b(?:leidt|leiden)\s+niet\s+tot\s+cassatie\b",
    I)
# In the text of a HR judgment: the decision itself ("De Hoge Raad verwerpt het beroep").
_HR_TEXT_DECISION_RE = re.compile(
    r"\bDe\s+Hoge\s+Raad\s*:?\s*(?:[-–•]\s*)?(?P<verb>verwerpt|vernietigt)\b", I)
# The HR summary's headline may open with labels: "OM-cassatie." "Cassatie verdachte."
_LABEL_SENTENCE_RE = re.compile(r"^\s*(?:(?:OM-)?cassatie(?:\s+(?:verdachte|OM|betrokkene))?"
                                r"(?:\s+en\s+cassatie\s+\w+)?|Conclusie\s+\w+)\s*[.:]?\s*$", I)

# -- hof / rechtbank ---------------------------------------------------------------------
_PUNISHMENT = r"(?:gevangenisstraf|jeugddetentie|taakstraf|werkstraf|geldboete|celstraf|(?-i:GVS))"
# A plea of a justification or an excuse ("beroep op (putatief) noodweer(exces)"), and the
# victim's claim ("vordering benadeelde partij", "BP").
_JUSTIFICATION_PLEA = (r"beroep\s+op\s+(?:\w+\s+){0,2}?(?:noodweer(?:exces)?|overmacht|"
                       r"noodtoestand)\b")
_CLAIM = r"vordering(?:en)?\s+(?:van\s+de\s+)?(?:benadeelde\s+partij(?:en)?|b\.?\s?p\.?)"
_CONVICT_RE = re.compile(
    r"\bVeroordeling\b|\bVeroordelingen\s+(?:voor|wegens|ter\s+zake|tot)\b|\bveroordeeld\b|"
    r"\bveroordeelt\b|\bschuldig\s+gemaakt\b|"
    # "GS 60 dagen m.a." (gevangenisstraf), "TS 120 u." (taakstraf)
    r"(?-i:\bGV?S)\s+(?:van\s+)?\d+\s+(?:dagen|weken|maanden|jaar|jaren)\b|"
    r"(?-i:\b[TW]S)\s+\d+\s+(?:uur|uren|u\.)|"
    # the hof confirms a judgment that punished ("Bevestiging vonnis m.u.v. de straf") or
    # proved ("Bevestiging met andere bewijsoverweging")
    r"\bbevestig\w*\b[^.;]{0,160}?\b(?:m\.?\s?u\.?\s?v\.?|met\s+uitzondering\s+van|behoudens|"
    r"behalve|met\s+dien\s+verstande\s+dat|met\s+(?:aanpassing|wijziging)\s+van)(?:\s|\b)"
    r"[^.;]{0,50}?\b(?:straf\w*|schadevergoedingsmaatregel|vordering\s+(?:van\s+de\s+)?(?:BP|"
    r"benadeelde))\b|"
    r"\bbevestig\w*\b[^.;]{0,30}?\bmet\s+(?:een\s+)?(?:andere|aangevulde|verbeterde|eigen|"
    r"aanvulling\s+van\s+de|verbetering\s+van\s+de)\s+bewijs\w*|"
    # a claim of the victim awarded: only a convicted defendant can be ordered to pay it
    # (art. 361 Sv)
    r"\b(?:" + _CLAIM + r"\s+(?:wordt\s+|worden\s+|is\s+)?(?:deels\s+|gedeeltelijk\s+|"
    r"grotendeels\s+|\(deels\)\s+|geheel\s+|volledig\s+)?toegewezen|"
    r"(?:(?:gedeeltelijke|volledige)\s+)?toewijzing\s+(?:van\s+(?:de\s+)?)?" + _CLAIM + r")\b|"
    # a justification or excuse rejected: the fact is proven and punishable (its own "niet"
    # and a "Geen noodweersituatie" before it deny the plea, not the verdict)
    r"(?P<plea_rejected>\b" + _JUSTIFICATION_PLEA + r"(?:[^.;]|\.(?=\S)|(?<=\b\w)\.){0,40}?"
    r"\b(?:verworpen|faalt|(?:kan|kunnen)\s+niet\s+slagen|niet\s+(?:kan|kunnen)\s+slagen|"
    r"slaagt\s+niet)\b|\bverwerping\s+van\s+het\s+" + _JUSTIFICATION_PLEA + r")|"
    r"\b(?:is|zijn)\s+(?:wettig\s+en\s+overtuigend\s+)?bewezen\b(?!\s+(?:verklaard|geacht))|"
    r"\b(?:is|zijn)\s+schuldig\s+aan\b|\b(?:acht|verklaart)\b[^.;]{0,60}?\bschuldig\b|"
    r"\bschuldigverklaring\b|\bschuld\s+zonder\s+(?:straf|strafoplegging)\b|"
    # guilty, but no punishment (art. 9a Sr in other words)
    r"(?P<no_punishment>\bgeen\s+straf\s+of\s+maatregel\b|\bgeen\s+straf\s+(?:wordt\s+|is\s+)?"
    r"opgelegd\b)|"
    # "Oplegging van deels vw GS.", "Oplegging leerstraf en ... werkstraf", "oplegging
    # ISD-maatregel"; a sentence that opens with the ISD: "ISD-maatregel 1 jaar."
    # (not an earlier one: "Bij de oplegging van ...", "tot oplegging van")
    r"(?<!\bde\s)(?<!\bbij\s)(?<!\btot\s)(?<!\bvan\s)(?<!\bvoor\s)(?<!\beerdere\s)"
    r"\boplegging\s+(?:van\s+)?(?:een\s+|de\s+)?(?:(?:deels|geheel|gedeeltelijk)\s+)?"
    r"(?:(?:on)?voorwaardelijke\s+|vw\s+)?(?:" + _PUNISHMENT + r"|leerstraf|(?-i:GS|TS|WS|ISD))\b|"
    r"^\W*(?-i:ISD)(?:-maatregel)?\b(?=\s+(?:\d|voor\b|wegens\b))|"
    # "is schuldig aan de dood van ... en krijgt daarvoor een celstraf van 7 maanden",
    # "Geldboete € 95.000,- voor ..."
    r"\bcelstraf(?:fen)?\s+(?:voor\s+de\s+duur\s+)?van\s+\w|"
    r"\bgeldboete\s+(?:van\s+)?(?:€|EUR)\s*\d|"
    r"\bbewezen\s*verklaa?r\w*|\bbewezen\s+geacht\b|\bacht\b[^.]{0,60}?\bbewezen\b|"
    r"(?<!vervangende\s)\b(?:gevangenisstraf|jeugddetentie|taakstraf|werkstraf|geldboete)\s+"
    r"(?:voor\s+de\s+duur\s+)?van\s+(?:\d|een\b|twee\b|drie\b|vier\b|vijf\b|zes\b)|"
    r"\b(?:gevangenisstraf|jeugddetentie|taakstraf|werkstraf)\s+voor\s+de\s+duur\b|"
    r"(?<!vervangende\s)\b(?:gevangenisstraf|jeugddetentie|taakstraf|werkstraf|geldboete)\w*\s+"
    r"(?:is\s+|wordt\s+|werd\s+)?opgelegd\b|"
    # "Deels voorwaardelijke gevangenisstraf voor zware mishandeling", "... geweld bewezen."
    r"(?<!vervangende\s)\b(?:gevangenisstraf|jeugddetentie|taakstraf|werkstraf|geldboete)(?:s|n)?"
    r"\s+voor\s+(?!de\s+duur\b)[a-z]|\bbewezen(?=\s*(?:[.;\n]|$))|"
    # art. 9a Sr: guilty without a punishment
    r"\bart(?:ikel|\.)?\s*9a\s+(?:Sr|(?:van\s+het\s+)?Wetboek\s+van\s+Strafrecht)\b|"
    # "Gevangenisstraf 7 maanden, waarvan ...", "Jeugddetentie 120 dagen"
    r"(?<!vervangende\s)\b(?:gevangenisstraf|jeugddetentie|taakstraf|werkstraf)\s+\d+\s+"
    r"(?:dagen|weken|maanden|jaar|jaren|uur|uren)\b|"
    # the duration first: "3 jaar gevangenisstraf waarvan 1 jaar voorwaardelijk", "tot 42
    # maanden cel", "18 maanden jeugddetentie en oplegging PIJ-maatregel", "Zes maanden
    # gevangenisstraf waarvan ..."
    r"(?<![\w,.])" + rx.NUMBER + r"\s+(?:dagen|weken|maanden|jaar|jaren|uur|uren)\s+"
    r"(?:(?:deels\s+|geheel\s+)?(?:on)?voorwaardelijke\s+)?"
    r"(?:gevangenisstraf|jeugddetentie|taakstraf|werkstraf|celstraf|"
    r"cel)\b|"
    # the kind of punishment as the verdict: "Daarom geheel voorwaardelijke gevangenisstraf.",
    # "Jeugddetentie en deels voorwaardelijke werkstraf."
    r"\b(?:geheel|deels|gedeeltelijk)\s+voorwaardelijke\s+(?:gevangenisstraf|jeugddetentie|"
    r"taakstraf|werkstraf|geldboete)\b|"
    # ... or opening a sentence of its own: "Taakstraf.", "Voorwaardelijke taakstraf 60 uur.",
    # "Gevangenisstraf negen maanden, waarvan ...", "Geldboete, voorwaardelijke taakstraf en
    # tweemaal rijontzegging"
    r"^\W*(?:(?:on)?voorwaardelijke\s+)?" + _PUNISHMENT + r"\b(?=\s*(?:[.,;]|$|\d|en\b|"
    r"(?:van\s+)?(?:een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf)\b|"
    r"(?:wegens|ter\s+zake|overtreding)\b))|"
    # the court imposing it: "De rechtbank legt een gevangenisstraf op van 4 maanden", "Het hof
    # legt aan verdachte een taakstraf op"
    r"\blegt\b[^.;]{0,60}?\b" + _PUNISHMENT + r"\b[^.;]{0,40}?\bop\b", I)
ACQUIT_RE = re.compile(r"\bVrijspraak\b|\bvrijgesproken\b|\bspreekt\b[^.]{0,80}?\bvrij\b", I)
# "partieel vrijgesproken": part of one fact, still a conviction of that fact.
_PART_OF_FACT_RE = re.compile(r"\bpartie?[eë]le?\b|\bgedeeltelijke?\s+vrijspraak\b|"
                              # the primary charge only, the subsidiary one proven
                              r"\bprimair\w*\b|\bimpliciet\s+(?:primair|subsidiair)\b", I)
# The form of participation only ("... schuldig gemaakt aan het voorhanden hebben van een
# vuurwapen. Vrijspraak van medeplegen."): next to a conviction, part of that fact.
_PARTICIPATION_ONLY_RE = re.compile(r"\b(?:vrijspraak|vrijgesproken)\s+(?:van\s+(?:het\s+)?)?"
                                    r"medeplegen\s*(?:[.;,]|$)", I)
_DISCHARGE_RE = re.compile(
    r"\bontslag(?:en)?\s+van\s+(?:alle\s+)?rechtsvervolging\b|(?-i:\bOVAR\b)|"
    r"\bontslaat\b[^.;]{0,60}?\bvan\s+(?:alle\s+|de\s+)?rechtsvervolging\b|"
    # not accountable at all: ontslag (art. 39 Sr), whatever measure follows
    r"\b(?:volledig|geheel)\s+ontoerekeningsvatbaar\s+(?:verklaard|geacht|is|was)\b|"
    r"\b(?:acht|verklaart)\b[^.;]{0,60}?\b(?:volledig|geheel)\s+ontoerekeningsvatbaar\b|"
    # a justification or excuse upheld: "Geslaagd beroep op noodweer m.b.t. mishandeling."
    r"(?<!\bgeen\s)\bgeslaagd\s+" + _JUSTIFICATION_PLEA + r"|"
    r"\b" + _JUSTIFICATION_PLEA + r"\s+(?:\w+\s+){0,3}?slaagt\b(?!\s+niet)", I)
_BARRED_RE = re.compile(
    r"\b(?:OM|openbaar\s+ministerie|officier\s+van\s+justitie)\s+(?:wordt\s+|is\s+)?"
    r"niet[- ]?ontvankelijk\b|\bniet[- ]?ontvankelijk(?:verklaring|\s+verklaard)\s+(?:van\s+)?"
    r"(?:het\s+)?(?:OM|openbaar\s+ministerie)\b|"
    # the noun as the verdict opens the sentence ("Niet-ontvankelijkheid OM wegens overleden
    # verdachte."); elsewhere it is what a plea asks or the court declines ("Verdediging
    # bepleit niet-ontvankelijkheid van het OM", "ziet geen aanleiding voor ...")
    r"^\W*niet[- ]?ontvankelijkheid\s+(?:van\s+)?(?:het\s+)?(?:OM|openbaar\s+ministerie)\b", I)


@dataclass
class Cue:
    """One statement of the verdict: kind, offsets, and whether they are in the summary."""
    kind: str
    start: int
    end: int
    in_summary: bool
    sentence: tuple[int, int]


@dataclass
class Verdict:
    """The verdict as the summary / partial text states it (plain data)."""
    outcome: str | None = None
    # True / False / None: convicted of trafficking (for the HR: the conviction under appeal
    # stands, or the acquittal stands).
    trafficking: bool | None = None
    trafficking_span: tuple[int, int, bool] | None = None  # start, end, in_summary
    cues: list[Cue] = field(default_factory=list)
    # Summary sentences (offsets) that state an acquittal / a conviction of this court, for
    # the article flags.
    acquittal_sentences: list[tuple[int, int]] = field(default_factory=list)
    conviction_sentences: list[tuple[int, int]] = field(default_factory=list)


def offence_term(sentence: str) -> re.Match[str] | None:
    """The first trafficking word of a sentence that names the offence."""
    for m in TRAFFICKING_TERM_RE.finditer(sentence):
        if not _CONTEXT_ONLY_RE.search(sentence[max(0, m.start() - 60):m.start()]):
            return m
    return None


# A summary sentence that says something was not proven or is only asked or argued.
_NOT_FOUND_RE = re.compile(
    r"\bontbre\w*\b|\bgeen\s+(?:wettig\s+en\s+overtuigend\s+)?bewijs\b|"
    r"\bniet\s+(?:wettig\s+en\s+overtuigend\s+)?(?:te\s+)?bewe(?:zen|ezen)\b|"
    r"\bonvoldoende\b|\bniet\s+overtuigd\b|\?\s*$", I)


def finding_sentences(summary: str) -> list[tuple[int, int]]:
    """The sentences of a summary that state what the court found: not an acquittal, a
    demand, a party's position, a question ("Verkeerden vrouwen in kwetsbare positie ...?")
    or what was not proven ("vanwege ontbreken bewijs geweld en dwang")."""
    out = []
    for start, end in sentences(summary):
        sent = summary[start:end]
        if ACQUIT_RE.search(sent) or _NOT_FOUND_RE.search(sent) or \
                _NOT_COURT_RE.search(sent) or rx.DEMAND_CUE_RE.search(sent):
            continue
        out.append((start, end))
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences of a summary."""
    out, pos = [], 0
    for m in _SENTENCE_END_RE.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _negated(sentence: str, start: int, end: int) -> bool:
    """"geeft niet blijk van", "is niet onbegrijpelijk", "slaagt niet"."""
    left = max(0, start - 30, sentence.rfind(";", 0, start) + 1)  # not across a ";"
    before = sentence[left:end]  # and inside: "acht niet bewezen"
    after = sentence[end:end + 8]
    return bool(_NEGATION_RE.search(before) or re.match(r"\s*niet\b", after))


# A conviction or proof named as what would be needed, not as what the court found: "Maar om
# tot een veroordeling te komen moet die verklaring ondersteund worden", "onvoldoende
# betrouwbaar geacht om aan een bewezenverklaring ten grondslag te leggen", "Voor
# bewezenverklaring van de bestemming a.b.i. art. 11a Opiumwet is vereist dat ...".
_HYPOTHETICAL_BEFORE_RE = re.compile(r"(?:\bom|\bvoor)\s+(?:tot\s+|aan\s+)?(?:een\s+|de\s+)?$", I)
_HYPOTHETICAL_NOUN_RE = re.compile(r"(?:veroordeling|bewezen\s*verklaring)$", I)


def _hypothetical(sent: str, m: re.Match[str]) -> bool:
    return bool(_HYPOTHETICAL_NOUN_RE.match(m.group(0))
                and _HYPOTHETICAL_BEFORE_RE.search(sent[:m.start()]))


def _denial_is_its_own(m: re.Match[str]) -> bool:
    """A conviction cue whose "niet"/"geen" is part of what it states: a plea that "niet kan
    slagen", "geen straf of maatregel opgelegd"."""
    groups = m.groupdict()
    return bool(groups.get("plea_rejected") or groups.get("no_punishment"))


def _find(pattern: re.Pattern[str], text: str, span: tuple[int, int], negatable: bool = True
          ) -> re.Match[str] | None:
    sent = text[span[0]:span[1]]
    for m in pattern.finditer(sent):
        if negatable and not _denial_is_its_own(m) and _negated(sent, m.start(), m.end()):
            continue
        if pattern is _CONVICT_RE and _hypothetical(sent, m):
            continue
        return m
    return None


def _hr_verdict(doc: Doc, summary: str, verdict: Verdict) -> None:
    text = readable_text(doc)
    # The text's own decision wins over the summary.
    for m in _HR_TEXT_DECISION_RE.finditer(text):
        kind = "vacated" if m.group("verb").lower() == "vernietigt" else "appeal_dismissed"
        verdict.cues.append(Cue(kind, m.start(), m.end(), False, (m.start(), m.end())))
    strong = {c.kind for c in verdict.cues}
    weak: list[Cue] = []
    for m in _HR_COMPLAINT_FAILS_RE.finditer(text):
        weak.append(Cue("complaints_fail", m.start(), m.end(), False, (m.start(), m.end())))
    for s in sentences(summary):
        sent = summary[s[0]:s[1]]
        if sent.rstrip().endswith("?") or _NOT_COURT_RE.search(sent):
            continue
        for kind, pattern, negatable, bucket in (
                ("vacated", _HR_VACATE_RE, True, "strong"),
                ("appeal_dismissed", _HR_DISMISS_RE, True, "strong"),
                ("complaint_succeeds", _HR_COMPLAINT_SUCCEEDS_RE, True, "weak"),
                ("complaints_fail", _HR_COMPLAINT_FAILS_RE, False, "weak"),
                ("appeal_inadmissible", _HR_APPEAL_INADMISSIBLE_RE, False, "strong")):
            found = _find(pattern, summary, s, negatable)
            if found:
                cue = Cue(kind, s[0] + found.start(), s[0] + found.end(), True, s)
                if bucket == "strong":
                    verdict.cues.append(cue)
                    strong.add(kind)
                else:
                    weak.append(cue)
    if not strong:
        verdict.cues.extend(weak)
    kinds = {c.kind for c in verdict.cues}
    if kinds & {"vacated", "appeal_inadmissible"} or (
            not strong and "complaint_succeeds" in kinds):
        verdict.outcome = "other"
    elif kinds & {"appeal_dismissed", "complaints_fail"}:
        verdict.outcome = "appeal_dismissed"
    verdict.cues = [c for c in verdict.cues if c.kind in
                    (("vacated", "complaint_succeeds", "appeal_inadmissible")
                     if verdict.outcome == "other"
                     else ("appeal_dismissed", "complaints_fail"))]
    _hr_trafficking(summary, text, verdict)


# A quashing that leaves the conviction standing: only the punishment is redone ("vernietigt
# de bestreden uitspraak, maar uitsluitend wat betreft de strafoplegging", "Volgt
# strafvermindering").
_SENTENCE_ONLY_RE = re.compile(
    r"\b(?:uitsluitend|alleen|slechts)\s+(?:wat\s+betreft|voor\s+wat\s+betreft|ten\s+aanzien\s+van)"
    r"\s+(?:de\s+)?(?:opgelegde\s+)?(?:straf|strafoplegging|gevangenisstraf|duur|hoogte|"
    r"beslissing\s+over\s+de\s+(?:straf|vervangende|gijzeling))\w*|\bstrafvermindering\b|"
    + _GIJZELING + r"|"
    r"\bvermindert\b[^.]{0,60}?\bstraf|\bvermindering\s+van\s+(?:de\s+)?(?:opgelegde\s+)?"
    r"(?:gevangenis)?straf\b", I)
_REFERRAL_RE = re.compile(r"\b(?:terug|ver)wij(?:zing|st)\b|\balsnog\s+vrij\b", I)


def _sentence_only_quashed(summary: str, text: str) -> bool:
    hr_dictum = re.search(r"\bDe\s+Hoge\s+Raad\s*:?\s*(?:[-–•]\s*)?vernietigt\b[^;]{0,200}",
                          text, I)
    parts = [summary] + ([hr_dictum.group(0)] if hr_dictum else [])
    return any(_SENTENCE_ONLY_RE.search(p) and not _REFERRAL_RE.search(p) for p in parts)


def trafficking_under_appeal(doc: Doc, outcome: str | None) -> Verdict:
    """For a Hoge Raad judgment with the given outcome (from its dictum or from the summary):
    whether the trafficking conviction under appeal stands, in `.trafficking`."""
    verdict = Verdict(outcome=outcome)
    text = readable_text(doc)
    _hr_trafficking(summary_of(doc), text, verdict)
    return verdict


def _hr_trafficking(summary: str, text: str, verdict: Verdict) -> None:
    """Whether the conviction for trafficking under appeal stands (True), the acquittal
    stands or no conviction comes out of this judgment (False), or neither can be said
    (None)."""
    if _ONTNEMING_CASE_RE.search(summary) or _ONTNEMING_CASE_RE.search(text[:1500]):
        # A confiscation case: whether a trafficking conviction stands is not its question.
        # One that never names trafficking and is dismissed is a verdict in a case not about
        # trafficking, which is false like any other.
        if verdict.outcome == "appeal_dismissed" and not TRAFFICKING_TERM_RE.search(summary) \
                and not TRAFFICKING_TERM_RE.search(text):
            verdict.trafficking = False
        return
    if verdict.outcome is None:
        # The result is cut off, but complaints about the claim, the measure or its
        # gijzeling alone cannot touch the conviction: it stands.
        _side_issues_only(summary, verdict)
        return
    if verdict.outcome != "appeal_dismissed" and not _sentence_only_quashed(summary, text):
        # Quashed and sent back: this judgment neither convicts nor upholds a conviction,
        # unless what succeeds is only about the claim or a measure.
        verdict.trafficking = False
        _side_issues_only(summary, verdict, result_known=True)
        return
    verdict.trafficking = False
    sents = sentences(summary)
    for s in sents:
        sent = summary[s[0]:s[1]]
        acq = ACQUIT_RE.search(sent)
        term = offence_term(sent)
        if acq and term and not _LOWER_RE.search(sent):
            verdict.acquittal_sentences.append(s)
            verdict.trafficking_span = (s[0] + term.start(), s[0] + term.end(), True)
            return  # the acquittal under appeal stands
    headline = _headline_offence(summary)
    if headline is not None:
        _conviction_stands(verdict, *headline)
        return
    # The text's considerations: "Het middel klaagt over de bewezenverklaring van ... het
    # medeplegen van mensenhandel".
    m = re.search(r"\bbewezenverklaring\s+van\b[^.]{0,120}?(?P<t>mensenhandel)", text, I)
    if m:
        verdict.trafficking = True
        verdict.trafficking_span = (m.start("t"), m.end("t"), False)


# What a cassation complaint can be about without touching the conviction: the victim's
# claim, the compensation measure and its substitute detention or gijzeling.
_SIDE_ISSUE_RE = re.compile(
    r"\bvordering(?:en)?\s+(?:van\s+de\s+)?(?:b\.\s?p\.|benadeelde\s+partij)|"
    r"\bschadevergoedingsmaatregel\w*|\bgijzeling\b|\bvervangende\s+hechtenis\b|"
    r"\bvrijheidsbeperkende\s+maatregel\b|\bcontactverbod\b|\b38v\b", I)
# ... and what shows the complaints reach the conviction after all.
_GUILT_ISSUE_RE = re.compile(
    r"\bbewijs\w*|\bbewezen\w*|\bvrijspra?ak\w*|\bkwalificatie\w*|\boogmerk\b|"
    r"\bgetuige\w*|\bverweer\b|\bstrafbaarheid\b", I)
# A result, which a summary cut off before it may still have had.
_RESULT_RE = re.compile(r"\bslaagt\b|\bvernietig\w*|\bterugwijzing\b|\bverwijzing\b", I)


def _side_issues_only(summary: str, verdict: Verdict, result_known: bool = False) -> None:
    """A summary that names trafficking as the offence in its headline and whose complaints
    are only about the claim or a measure: the conviction stands, whatever the result (when
    it is cut off, no result may be named)."""
    headline = _headline_offence(summary)
    if headline is None:
        return
    (start, end), _term = headline
    rest = summary[end:]
    if ACQUIT_RE.search(summary, start, end) or not _SIDE_ISSUE_RE.search(rest) or \
            _GUILT_ISSUE_RE.search(rest) or (not result_known and _RESULT_RE.search(rest)):
        return
    _conviction_stands(verdict, *headline)


def _headline_offence(summary: str) -> tuple[tuple[int, int], re.Match[str]] | None:
    """The summary's first sentence that is no label ("OM-cassatie."), with its trafficking
    word when it names trafficking as the offence (not negated, not a confiscation)."""
    headline = next((s for s in sentences(summary)
                     if not _LABEL_SENTENCE_RE.match(summary[s[0]:s[1]])), None)
    if headline is None:
        return None
    sent = summary[headline[0]:headline[1]]
    term = offence_term(sent)
    if term is None or _ONTNEMING_RE.search(sent) or _NEGATION_RE.search(
            sent[max(0, term.start() - 30):term.start()]):
        return None
    return headline, term


def _conviction_stands(verdict: Verdict, headline: tuple[int, int], term: re.Match[str]
                       ) -> None:
    """The trafficking conviction under appeal named in the summary's headline stands: its
    articles are proven and its other offences are co-offences."""
    verdict.trafficking = True
    verdict.trafficking_span = (headline[0] + term.start(), headline[0] + term.end(), True)
    verdict.conviction_sentences.append(headline)


def _about_co_defendant(before: str, summary: str) -> bool:
    """"Medeverdachte X is veroordeeld tot ...": someone else's verdict (but "Verdachte heeft
    zich samen met haar medeverdachten schuldig gemaakt" is the defendant's). So is the verdict
    on the other party of art. 51 Sr, the legal person or the one who directed its acts, when a
    sentence opens with it and the summary names the defendant apart ("Verdachte is ...
    vrijgesproken van het feitelijk leidinggeven ... Rechtspersoon wel veroordeeld.")."""
    if re.search(r"\bverdachte\b", before, I):
        return False
    return bool(re.search(r"\bmede(?:verdachte|dader|plichtige)\w*", before, I) or (
        _OTHER_PARTY_51_RE.match(before) and re.search(r"\bverdachte\b", summary, I)))


_OTHER_PARTY_51_RE = re.compile(
    r"\s*(?:de\s+)?(?:rechtspersoon|feitelijk\s+leiding\s*gever\w*)\b", I)


_ARTICLE_NUMBER_RE = re.compile(r"\bart(?:ikel|\.)?\s*(\d{2,3}[a-z]{0,6})\b", I)
_WHOLE_FACT_RE = re.compile(r"\bfeit(?:en)?\b|\bten\s*laste\s*gelegde\b|\bzaak\b", I)


def _drop_part_of_fact_acquittals(summary: str, verdict: Verdict, found: dict[str, Cue]
                                  ) -> None:
    """"Vrijspraak art. 273f lid 1 sub 1, 6 en 9 Sr. Veroordeling art. 273f lid 1 sub 4 Sr.":
    sub-paragraphs of the article that is proven are part of one fact, not a whole fact
    acquitted (tests/gold/README.md: that is no partial outcome)."""
    convicted = {a.lower() for s, e in verdict.conviction_sentences
                 for a in _ARTICLE_NUMBER_RE.findall(summary[s:e])}
    keep = []
    for s, e in verdict.acquittal_sentences:
        sent = summary[s:e]
        named = {a.lower() for a in _ARTICLE_NUMBER_RE.findall(sent)}
        if named and named <= convicted and not _WHOLE_FACT_RE.search(sent):
            continue
        keep.append((s, e))
    verdict.acquittal_sentences = keep
    if not keep:
        del found["acquittal"]


# What a confiscation decision decides: "In deze ontnemingszaak heeft de rechtbank de
# verplichting opgelegd tot betaling van € 9.530,87 aan de Staat", "het wederrechtelijk
# verkregen voordeel geschat op ... Veroordeelde dient dit bedrag aan de Staat te betalen".
_ONTNEMING_DECIDED_RE = re.compile(
    r"\bverplichting\b[^.]{0,60}?\bopgelegd\b|\blegt\b[^.]{0,60}?\bverplichting\b|"
    r"\b(?:geschat|vastgesteld|bepaald)\s+op\s+(?:een\s+bedrag\s+van\s+)?(?:€|EUR)|"
    r"\bdient\b[^.]{0,60}?\baan\s+de\s+staat\s+te\s+betalen\b|"
    r"\bvordering\b[^.]{0,60}?\b(?:toegewezen|afgewezen)\b|"
    r"^\W*ontneming\s+(?:van\s+)?(?:het\s+)?wederrechtelijk\s+verkregen\s+voordeel\s+"
    r"(?:van\s+|op\s+)?(?:€|EUR)\s*\d", I | re.MULTILINE)


# What a conviction would need, not a conviction: "Voor bewezenverklaring van mensenhandel
# vereiste dwangmiddelen ... niet wettig en overtuigend bewezen"; the punishment the law
# allows ("een strafbaar feit waar ... 12 jaar gevangenisstraf op staat"); the execution of
# an earlier suspended sentence ("TUL bijzondere voorwaarden. Gedeeltelijke
# tenuitvoerlegging, te weten 2 maanden gevangenisstraf.": the punishment after it).
_NO_PUNISHMENT_IMPOSED_RE = re.compile(
    r"\bvoor\s+(?:een\s+|de\s+)?bewezenverklaring\b[^.]*\bvereist|\bop\s+staat\b|"
    r"\b(?:is|zijn)\s+gesteld\b|\b(?:wettelijk\s+)?(?:straf)?maximum\b", I)
_SEE_ALSO_RE = re.compile(r"\bZie\s+(?:ook\s+)?[^.:]{0,40}:\s*ECLI:\S+", I)
_EXECUTION_RE = re.compile(r"\btenuitvoerlegging\b|\btul\b", I)
_CONVICTED_WORD_RE = re.compile(r"(?<!voorwaardelijke\s)veroorde|schuldig|bewezen", I)


def _no_conviction(sent: str, m: re.Match[str]) -> bool:
    """The conviction cue `m` of `sent` names what the law requires or allows, or the
    punishment an execution (tul) decision orders, not a verdict."""
    return bool(_NO_PUNISHMENT_IMPOSED_RE.search(sent) or (
        _EXECUTION_RE.search(sent, 0, m.start()) and not _CONVICTED_WORD_RE.search(sent)))


# Proceedings that are no verdict on a charge (tests/gold/README.md: outcome `other`):
# surrender and extradition, complaints (beklag), traffic-fine appeals (Wahv), recognition of
# foreign sanctions, wraking, herziening, TBS extension and ISD reviews, tul or VI claims,
# compensation for detention, interim decisions on witnesses or detention.
_OTHER_PROCEEDING_RE = re.compile(
    r"\bEAB\b|\bEuropees\s+aanhoudingsbevel\b|\boverlevering\w*|\bOLW\b|\buitlevering\w*|"
    r"\bWahv\b|\bbeklag\w*|\bklaagschrift\w*|\b552a\b|\bWETS\b|\bWWETGC\b|\bwraking\w*|"
    r"\bherziening\w*|\bverlenging\s+(?:van\s+(?:de\s+)?)?(?:tbs|terbeschikkingstelling)\w*|"
    r"\btussentijdse\s+(?:toets\w*|beoordeling)\b|\bVI-zaak\b|"
    r"\bvoorwaardelijke\s+invrijheidstelling\b|"
    r"\bvordering\s+(?:tot\s+)?(?:tenuitvoerlegging|tul)\b|\bgevangenhouding\b|"
    r"\bbedreigde\s+getuige\b|\b(?:89|90|591a|530|533|534|226a)(?=(?:\s*(?:,|en)\s*\d+)*\s+"
    r"(?:Sv|WvSv|(?:van\s+het\s+)?Wetboek\s+van\s+Strafvordering)\b)|"
    # a decision on the conditional release only, as the summary's opening words
    r"(?:^|(?<=\.\s))\W*(?:toewijzing\s+(?:van\s+)?(?:de\s+)?)?(?:vordering\s+(?:tot\s+)?)?"
    r"herroeping\s+(?:van\s+de\s+)?VI\b|"
    # the hof's bare "416 lid 2 Sv": an appeal without grounds, declared inadmissible
    r"^\W*(?:art(?:ikel|\.)?\s*)?416\s*(?:lid\s*2|\.2|,?\s*tweede\s+lid)\b|"
    r"\bontnem\w*|\baan\s+de\s+staat\b|\bterbeschikking(?:stelling\s+te\s+verlengen|gestelde)\b|"
    r"\bverpleging\s+van\s+overheidswege\b|\b6:6:\d+|\bonderzoekswens\w*|"
    # objections to taking DNA, a TBS prolonged, the hof sending the case back, the appeal or
    # a request to end the case ("Niet-ontvankelijk in hoger beroep ex artikel 416 lid 2 Sv")
    r"\bbezwaarschrift\w*|\bDNA-onderzoek\s+bij\s+veroordeelden\b|"
    r"\bverlengt\b[^.;]{0,40}?\b(?:tbs|terbeschikkingstelling|PIJ)|\bverschoning\w*|"
    # a request about pre-trial detention (not "Opheffing schorsing voorlopige hechtenis" in
    # a final judgment)
    r"\b(?:verzoek\w*|hoger\s+beroep|beschikking|afwijz\w*|gaat\s+over\s+op)\b[^.]{0,60}?"
    r"\b(?:opheff\w*|schors\w*|ten\s+aanzien\s+van)\s+(?:c\.q\.\s+schorsing\s+)?(?:van\s+)?"
    r"(?:de\s+)?voorlopige\s+hechtenis\b|"
    r"\bterugwijzing\s+(?:(?:van\s+)?de\s+zaak\s+)?(?:naar\s+de\s+)?(?:rechtbank|politierechter)\b|"
    r"(?:^|(?<=\.\s)|(?<=:\s))\W*niet[- ]?ontvankelijk\w*\s+in\s+(?:het\s+)?"
    r"(?:hoger\s+beroep|HB)\b|"
    r"\bniet[- ]?ontvankelijk\w*\s+wegens\s+(?:het\s+)?te\s+laat\s+(?:indienen|instellen)\b|"
    r"\b(?:hoger\s+beroep|HB)\b[^.]{0,40}?\bte\s+laat\s+ingesteld\b|"
    r"\bhoger\s+beroep\b[^.]{0,80}\.\s*niet[- ]?ontvankelijk\s*\.|"
    # a case sent to another chamber; "Vernietiging en terugwijzing." of a kantonrechter's
    r"\b(?:verwezen|verwijzing|verwijst)\b[^.]{0,40}?\bmeervoudige\s+(?:straf)?kamer\b|"
    r"(?:^|(?<=\.\s))\W*vernietiging\s+en\s+terugwijzing\s*\.|"
    r"\b(?:einde|beëindiging)\s+(?:van\s+de\s+)?strafzaak\b|\b29f\s+Sv\b|\bbeslissing\s+tul\b|"
    # a forensic care authorisation (art. 2.3 Wfz) as what is decided, and a TBS ended
    r"^\W*zorgmachtiging\b|(?:^|(?<=\.\s))\W*(?:(?:verlen\w*|afgifte|beschikking|verzoek\w*|"
    r"afwijzing(?:\s+(?:van\s+)?(?:het\s+)?verzoek\w*)?|beslissing)\s+(?:(?:tot\s+(?:het\s+)?"
    r"verlenen\s+)?(?:van\s+)?(?:een\s+|de\s+)?|betreffende\s+een\s+))zorgmachtiging\b|"
    r"\bzorgmachtiging\s+(?:wordt\s+|is\s+)?verleend\b|"
    r"\bbe[eë]indig\w*\s+(?:van\s+(?:de\s+)?)?(?:tbs|terbeschikkingstelling)\w*|"
    r"\b(?:tbs|terbeschikkingstelling)\w*\s+(?:wordt\s+|is\s+)?be[eë]indigd\b|\bVI-proeftijd\b|"
    # a summons or call declared void ("Dagvaarding in hoger beroep nietig.")
    r"(?:^|(?<=\.\s))\W*(?:inleidende\s+)?(?:dagvaarding|oproeping)\s+"
    r"(?:in\s+(?:hoger\s+beroep|hb)\s+)?(?:is\s+)?nietig\b|"
    r"\b(?:verdachte|veroordeelde)\s+(?:is\s+)?niet[- ]?ontvankelijk\s+in\s+"
    r"(?:(?:het|zijn|haar)\s+)?(?:(?:hoger\s+)?beroep|HB)\b|"
    r"\bwederrechtelijk\s+(?:verkregen\s+)?voordeel\b|"
    r"\bbetalingsverplichting\b|"
    # traffic-fine appeals (Wahv): "laat het hof de sanctie ... in stand", "sanctiebeschikking"
    r"\bsanctiebeschikking\b|\bsanctie\b[^.]{0,120}?\bin\s+stand\b|\bsanctie\s+op\s+nihil\b|"
    # "Tbs-verlenging voor 2 jaar", "Verlenging van de termijn van de terbeschikkingstelling"
    r"\btbs-verlenging\b|\bverlen(?:g)?ing\s+van\s+de\s+termijn\s+van\s+de\s+(?:tbs|"
    r"terbeschikkingstelling)\b|"
    # interim and correcting decisions: "Tussenvonnis.", "heropent het onderzoek",
    # "Herstelarrest", and claims for costs (rekestenprocedure)
    r"(?<!\bna\s)\btussen(?:uitspraak|vonnis|arrest|beslissing)\w*|\bheropen(?:t|ing\s+van)\s+(?:het\s+)?"
    r"onderzoek\b|\bherstel(?:vonnis|arrest|uitspraak|beslissing)\w*|\brekest\w*|"
    r"\bniet[- ]?ontvankelijk\s*verklaring\s+van\s+(?:de\s+)?(?:verdachte|veroordeelde)\s+in\s+"
    r"(?:het|zijn|haar)\s+(?:hoger\s+)?beroep\b|"
    # a decision on the execution of an earlier suspended sentence only ("TUL bijzondere
    # voorwaarden.", "Gedeeltelijke tenuitvoerlegging voorwaardelijke veroordeling ...")
    r"^\W*(?:TUL\b|(?:gedeeltelijke\s+)?tenuitvoerlegging\b)", I)


# Offences charged primarily with a lesser one in the alternative for the same act: an
# acquittal of the first next to a conviction of the second is one fact proven
# ("Vrijspraak poging moord. Veroordeling voor poging doodslag"), a conviction.
_LESSER_OFFENCE = (
    (re.compile(r"\bmoord\b", I), re.compile(r"\bdoodslag\b", I)),
    (re.compile(r"\bdoodslag\b", I),
     re.compile(r"\bzware\s+mishandeling\b|"
                r"\btoebrengen\s+(?:van\s+)?zwaar\s+lichamelijk\s+letsel\b", I)),
    (re.compile(r"\bzware\s+mishandeling\b", I),
     re.compile(r"\b(?<!zware\s)mishandeling\b", I)),
)


# A whole other fact named in an acquittal ("van de onder 1 en 3 ten laste gelegde"); "de ten
# laste gelegde poging tot moord" alone names the charge, not another fact.
_OTHER_FACT_RE = re.compile(r"\bfeit(?:en)?\b|\bonder\s+\d|\bzaak\b", I)


def _acquitted_part(sent: str) -> tuple[int, int] | None:
    """Where an acquittal sentence names what was acquitted: after the acquittal word, up to
    a conviction in the same sentence ("Vrijspraak van moord en veroordeling voor doodslag")."""
    acq = ACQUIT_RE.search(sent)
    if not acq:
        return None
    conv = _CONVICT_RE.search(sent, acq.end())
    return acq.end(), conv.start() if conv else len(sent)


def _drop_primary_charge_acquittals(summary: str, verdict: Verdict, found: dict[str, Cue]
                                    ) -> None:
    parts = []
    # what the summary says was proven: its convictions (without their acquitted part) and the
    # sentences that state no verdict ("Wel levert het steken ... zware mishandeling op.")
    stated = verdict.acquittal_sentences + verdict.conviction_sentences
    told = verdict.conviction_sentences + [x for x in sentences(summary) if x not in stated]
    for s, e in told:
        sent = summary[s:e]
        acquitted = _acquitted_part(sent)
        parts.append(sent[:acquitted[0]] + sent[acquitted[1]:] if acquitted else sent)
    convicted = " ".join(parts)
    keep = []
    for s, e in verdict.acquittal_sentences:
        sent = summary[s:e]
        # the part after the acquittal word names what was acquitted
        acquitted = _acquitted_part(sent)
        tail = sent[acquitted[0]:acquitted[1]] if acquitted else sent
        # the lesser offence acquitted as well ("Vrijspraak van mishandeling ex-partner en
        # poging zware mishandeling kind. Veroordeling voor mishandeling kind."): another fact
        if any(hi.search(tail) and lo.search(convicted) and not hi.search(convicted)
               and not lo.search(hi.sub(" ", tail))
               for hi, lo in _LESSER_OFFENCE) and not _OTHER_FACT_RE.search(tail):
            continue
        keep.append((s, e))
    verdict.acquittal_sentences = keep
    if not keep:
        del found["acquittal"]


# Other facts imputed, so punishable: "De andere bewezen verklaarde feiten worden deels aan de
# verdachte toegerekend" (not "omdat dit feit hem niet kan worden toegerekend").
_IMPUTED_RE = re.compile(r"\btoegerekend\b", I)
# A discharge of some of the facts only ("Ontslag van rechtsvervolging voor een deel van de
# feiten na een geslaagd beroep op noodweer(exces)").
_PART_DISCHARGED_RE = re.compile(r"\b(?:voor\s+)?(?:een\s+)?deel\s+van\s+de\s+feiten\b", I)
_WHOLE_ACQUITTAL_RE = re.compile(r"\bintegrale?\b|\bvolledige\s+vrijspraak\b|"
                                 r"\bgehele\s+tenlastelegging\b", I)


# "Gedeeltelijk OVAR" (part of a fact), "geen OVAR", "- OVAR vanwege ..." in a bulleted list
# of the defence's points, and "na OVAR" (an earlier decision): no discharge of a whole fact.
_NO_WHOLE_DISCHARGE_RE = re.compile(r"\b(?:gedeeltelijk|deels|partieel|geen)\s+(?:OVAR|ontslag)\b|"
                                    r"^\W*[-–•]\s*OVAR\b|\bna\s+(?:de\s+)?OVAR\b", I)
_NAMES_FACT_RE = re.compile(r"\bm\.\s?b\.\s?t\.|\bt\.\s?a\.\s?v\.|\bten\s+aanzien\s+van\b|"
                            r"\bmet\s+betrekking\s+tot\b|\bfeit(?:en)?\s+\d|"
                            r"\bvoor\s+(?:de|het)\s+(?:bewezen\w*|feit)", I)
_UNACCOUNTABLE_RE = re.compile(r"\bontoerekeningsvatba\w*|\bstoornis\b", I)
# Only proven ("bewezen verklaard", "acht ... bewezen"), which a discharge can follow.
_PROVEN_ONLY_RE = re.compile(r"(?:bewezen|acht\b)", I)


def _whole_acquittal(sent: str, summary: str) -> bool:
    """An acquittal of the whole charge though it names its parts: "(integrale) vrijspraak
    voor zware mishandeling (primair), poging ... (subsidiair)", or "Vrijspraak van primair
    ... en subsidiair ..." in a summary that proves nothing else (no "meer subsidiair", no
    conviction)."""
    if _WHOLE_ACQUITTAL_RE.search(sent):
        return True
    return bool(re.search(r"\bprimair\b.*\bsubsidiair\b", sent, I)) and not re.search(
        r"\bmeer\s+subsidiair|\bbewezen\w*|\bveroordel\w*|\bschuldig\b|\bstrafbare?\b",
        summary, I)


# The prosecutor barred from a claim, not from the prosecution ("niet-ontvankelijk in de
# vordering tot tenuitvoerlegging"): a decision on a tul.
_CLAIM_BARRED_RE = re.compile(r"\bniet[- ]?ontvankelijk\w*\s+in\s+(?:de|zijn|haar)\s+vordering", I)
# What a party asks for, not what the court decides ("het beroep op ontslag van alle
# rechtsvervolging ... faalt").
_PLEADED_RE = re.compile(r"\b(?:beroep\s+op|verzoek\s+(?:tot|om)|bepleit\w*|verweer\s+tot)\s+"
                         r"(?:het\s+|een\s+)?$", I)


def _sentenced(sent: str) -> bool:
    """A conviction cue of a sentence that says more than that a fact was proven."""
    return any(not _PROVEN_ONLY_RE.match(m.group(0)) and not _hypothetical(sent, m)
               and not m.group("no_punishment")
               # a plea rejected for one fact next to a discharge for another: partial; for
               # the same act ("noodweer verworpen ... noodweerexces gehonoreerd") it is not
               and not (m.group("plea_rejected") and not _NAMES_FACT_RE.search(sent))
               and (_denial_is_its_own(m) or not _negated(sent, m.start(), m.end()))
               for m in _CONVICT_RE.finditer(sent))


def trial_verdict(summary: str, level: str | None, verdict: Verdict) -> None:
    """hof / rechtbank: the verdict the summary states, into `verdict`."""
    if ontneming_case(summary):
        # A confiscation decision convicts no one; when the summary states what it decided,
        # its outcome is `other` (like a decision on a tul claim only).
        for s in sentences(summary):
            m = _ONTNEMING_DECIDED_RE.search(summary, s[0], s[1]) or \
                _ONTNEMING_CASE_RE.search(summary, s[0], s[1])
            found_at = (m.start(), m.end()) if m else _ontneming_opens(summary, s)
            if found_at:
                verdict.outcome = "other"
                verdict.cues = [Cue("other", found_at[0], found_at[1], True, s)]
                break
        return
    found: dict[str, Cue] = {}
    acquitted_of_trafficking = None
    convicted_of_trafficking = None
    for s in sentences(summary):
        sent = summary[s[0]:s[1]]
        if rx.DEMAND_CUE_RE.search(sent) or (_NOT_COURT_RE.search(sent) and
                                             not _COURT_RULES_RE.search(sent)):
            continue
        if level == "hof" and lower_court_sentence(sent):
            continue
        term = offence_term(sent)
        for kind, pattern in (("acquittal", ACQUIT_RE), ("dismissal", _DISCHARGE_RE),
                              ("inadmissible", _BARRED_RE), ("conviction", _CONVICT_RE)):
            m = _find(pattern, summary, s, negatable=kind == "conviction")
            if not m or (kind == "acquittal" and _PART_OF_FACT_RE.search(sent)
                         and not _whole_acquittal(sent, summary)) or \
                    (kind == "dismissal" and _NO_WHOLE_DISCHARGE_RE.search(sent)) or \
                    (kind == "inadmissible" and (_NOT_COURT_RE.search(sent) or
                                                 _CLAIM_BARRED_RE.search(sent))) or \
                    (kind in ("acquittal", "dismissal") and
                     _PLEADED_RE.search(sent[:m.start()])) or \
                    _about_co_defendant(sent[:m.start()], summary) or \
                    (kind == "conviction" and _no_conviction(sent, m)):
                continue
            found.setdefault(kind, Cue(kind, s[0] + m.start(), s[0] + m.end(), True, s))
            if kind == "acquittal":
                verdict.acquittal_sentences.append(s)
                if term and acquitted_of_trafficking is None:
                    acquitted_of_trafficking = (s[0] + term.start(), s[0] + term.end(), True)
            elif kind == "conviction":
                verdict.conviction_sentences.append(s)
                # "Vrijspraak mensenhandel, veroordeling voor diefstal": the term belongs to
                # the acquittal.
                if term and not ACQUIT_RE.search(sent) and convicted_of_trafficking is None:
                    convicted_of_trafficking = (s[0] + term.start(), s[0] + term.end(), True)
    if not found:
        # not a decision referred to: "Zie ontneming: ECLI:...", "Zie ook herstelvonnis: ECLI:..."
        m = _OTHER_PROCEEDING_RE.search(_SEE_ALSO_RE.sub(blank, summary))
        if m:
            s = next(x for x in sentences(summary) if x[0] <= m.start() < x[1])
            verdict.outcome = "other"
            verdict.cues = [Cue("other", m.start(), m.end(), True, s)]
        return
    if "conviction" in found and "acquittal" in found:
        _drop_part_of_fact_acquittals(summary, verdict, found)
    if "conviction" in found and "acquittal" in found and all(
            _PARTICIPATION_ONLY_RE.search(summary, s, e) for s, e in verdict.acquittal_sentences):
        verdict.acquittal_sentences = []
        del found["acquittal"]
    if "conviction" in found and "acquittal" in found:
        _drop_primary_charge_acquittals(summary, verdict, found)
    if "conviction" in found and "dismissal" in found and not \
            _PART_DISCHARGED_RE.search(summary, *found["dismissal"].sentence) and (
                _UNACCOUNTABLE_RE.search(summary, *found["dismissal"].sentence) or (not any(
                    _sentenced(summary[s:e]) for s, e in verdict.conviction_sentences) and not any(
                    _find(_IMPUTED_RE, summary, s) for s in sentences(summary)))):
        # "Bewezenverklaring poging zware mishandeling. ... Ontslag van alle
        # rechtsvervolging.": proven but not punishable, discharged (as in the dictum); a
        # defendant found not accountable at all is discharged, whatever word a summary uses
        # ("Veroordeling voor ... De rechtbank verklaart de verdachte volledig
        # ontoerekeningsvatbaar en legt ... tbs ... op").
        del found["conviction"]
    if "conviction" in found:
        verdict.outcome = "partial" if ({"acquittal", "dismissal"} & set(found)) else \
            "conviction"
    elif "acquittal" in found:
        verdict.outcome = "acquittal"
    elif "dismissal" in found:
        verdict.outcome = "dismissal"
    elif "inadmissible" in found:
        verdict.outcome = "inadmissible"
    verdict.cues = list(found.values())
    if verdict.outcome in ("conviction", "partial"):
        if acquitted_of_trafficking and not convicted_of_trafficking:
            verdict.trafficking, verdict.trafficking_span = False, acquitted_of_trafficking
        elif convicted_of_trafficking:
            verdict.trafficking, verdict.trafficking_span = True, convicted_of_trafficking
        else:
            # A trafficking term in a sentence of its own ("Mensenhandel.") names the offence;
            # a conviction in a summary that names no trafficking at all is for something else.
            m = offence_term(summary)
            if m:
                verdict.trafficking, verdict.trafficking_span = True, (m.start(), m.end(), True)
            elif not TRAFFICKING_TERM_RE.search(summary):
                verdict.trafficking = False
    elif verdict.outcome is not None:
        verdict.trafficking = False
        if acquitted_of_trafficking:
            verdict.trafficking_span = acquitted_of_trafficking


def own_decision_sentences(doc: Doc) -> list[tuple[int, int]]:
    """The summary sentences that can state this court's own sentence or award: none unless
    the summary states a conviction by a court that sentences (not the Hoge Raad, not the
    AG); without sentences about a demand, a co-defendant or another case, or (for a hof) the
    first instance."""
    summary = summary_of(doc)
    level = court_level(doc)
    if not summary or level in ("hoge_raad", "phr") or \
            verdict_outside_dictum(doc).outcome not in ("conviction", "partial"):
        return []
    return [(start, end) for start, end in sentences(summary)
            if not (rx.COLLATERAL_CUE_RE.search(summary, start, end)
                    or rx.DEMAND_CUE_RE.search(summary, start, end)
                    or _CONFIRMED_SENTENCE_RE.search(summary, start, end)
                    or (level == "hof" and lower_court_sentence(summary[start:end])))]


def verdict_outside_dictum(doc: Doc) -> Verdict:
    """The verdict from the summary (and, for the HR, the partial text). Empty for a
    conclusie of the AG. Cheap (a few regular expressions on a short summary), so not cached:
    doc.user_data must stay plain data for multiprocessing."""
    verdict = Verdict()
    if is_conclusion(doc):
        return verdict
    summary = summary_of(doc)
    level = court_level(doc)
    if level == "hoge_raad":
        _hr_verdict(doc, summary, verdict)
    elif summary:
        trial_verdict(summary, level, verdict)
    return verdict
