"""Finding the court's own decision (the dictum) and cutting it into clauses.

The decision is what the sentence must come from: not the prosecutor's demand, not the lower
court's sentence quoted on appeal, not sentences cited from other cases. Order of preference:

1. the last section headed "Beslissing" / "De uitspraak" (XML structure or heading line);
2. the text after the last "RECHT DOENDE" / "De rechtbank:" / "HET HOF," anchor;
3. a heading of a decision on a tul claim ("Beslissing op de vordering na voorwaardelijke
   veroordeling ...") directly followed by a dictum verb, when it opens the dictum (a ruling on
   the claim alone, or an excerpt of that part of the decision section);
4. nothing: callers then fall back to the sentencing section, clause by clause, with the
   demand / lower-court / co-defendant cues filtering every clause.

On appeal the hof's own sentence follows "vernietigt het vonnis"; a hof that only
"bevestigt" the judgment imposes nothing new, so no sentence is read from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.regexes import APPEAL_DISMISSED_RE, DECISION_ANCHOR_RE, VACATES_RE
from nlp.sections import SectionIndex

# Clause boundaries inside a dictum: ";", line breaks, ". " before a capital or a bullet,
# and, in texts flattened to one line, " - " bullets and a capitalised dictum verb after a
# subheading ("... [benadeelde 2] Verklaart de benadeelde partij ...").
_CLAUSE_SPLIT_RE = re.compile(
    r";|\n|(?<=[.:])\s+(?=[A-Z\-–•(])|\s+[-–•]\s+(?=[a-zA-Z])|(?<=:)\s+(?=(?:verklaart|"
    r"veroordeelt|legt|bepaalt|beveelt|gelast|wijst|spreekt|stelt|heft|verstaat)\b)|"
    r"\s+(?=(?:Verklaart|Veroordeelt|Legt|Bepaalt|Beveelt|Gelast|Wijst|Spreekt|Stelt|Heft|"
    r"Verstaat|Kent)\s)"
)
# The end of the dictum proper: signatures and the like.
_SIGNATURE_RE = re.compile(
    r"\b(?:Dit\s+(?:vonnis|arrest)\s+is\s+(?:gewezen|aldus\s+gewezen)|Aldus\s+(?:gewezen|"
    r"vastgesteld|gedaan)|Dit\s+arrest\s+is\s+gewezen|Deze\s+uitspraak\s+is\s+gedaan|"
    r"gewezen\s+door\s+mr\.|Dit\s+vonnis\s+is\s+vastgesteld)", re.IGNORECASE
)

# A decision on a claim about an earlier suspended sentence (tul), headed "Beslissing op de
# vordering na voorwaardelijke veroordeling (onder parketnummer ...)" or "... tot
# tenuitvoerlegging": such a heading is not in SECTION_RES as a decision, and texts flattened to
# one line print it inline. It counts only when a dictum verb follows straight after the heading
# and its case number: a reasoning section under such a title opens with prose ("De officier
# van justitie heeft gevorderd ..."), and summaries mention it mid-sentence in lower case.
_TUL_HEADING_RE = re.compile(
    r"(?:^|\n|(?<=[.;:])[ \t]+)[ \t]*(?:\d{1,2}(?:\.\d{1,2}){0,2}\s?\.?\s*)?(?:[Dd]e\s+)?"
    r"(?P<head>(?:Beslissing|BESLISSING)(?:en|EN)?\s+(?i:(?:op|inzake|omtrent|over|ten\s+aanzien"
    r"\s+van)\s+de\s+vordering(?:en)?\s+(?:na\s+voorwaardelijke\s+veroordeling|(?:tot\s+)?"
    r"(?:gedeeltelijke\s+)?(?:tenuitvoerlegging|tul|herroeping|verlenging|omzetting))\b))"
    r"[^.;\n]{0,120}?(?::\s*|\n\s*[^.;\n]{0,60}?:?\s*|\s+)"
    r"(?:(?:de\s+)?(?:rechtbank|politierechter|kinderrechter|hof)\s*:\s*)?"
    r"(?:[-\u2013\u2022]\s*)?(?P<verb>(?:Gelast|Wijst|Beveelt|Verlengt|Bepaalt|Verklaart|"
    r"Herroept|Legt|Stelt)\b)"
)
# A clause of a dictum: when the line before a tul heading is one, the dictum began earlier and
# where is unknown, so the heading is not taken as its start (the callers' fallback stays).
_DICTUM_LINE_RE = re.compile(
    r"^\s*(?:[-\u2013\u2022*]\s*)?(?:Verklaart|Veroordeelt|Bepaalt|Heft|Wijst|Legt|Gelast|"
    r"Beveelt|Spreekt|Kwalificeert|Stelt|Verstaat|Ontslaat|Onttrekt|Verbeurdverklaart|"
    r"Verlengt|Herroept|Vernietigt|Bevestigt|Vermindert|Beslist)\b"
)
# Sections a dictum cannot lie in: a tul heading there is quoted or reasoned about.
_NOT_DICTUM_LABELS = {"indictment", "evidence", "proven", "qualification", "culpability",
                      "sentencing", "victim_claim", "demand", "procedure", "preliminary",
                      "admissibility", "lower_court", "defence", "court_opinion", "appeal",
                      "conclusion", "seizure"}


@dataclass(frozen=True)
class Region:
    start: int
    end: int
    how: str  # "section" | "anchor" | "tul_heading" | "none"
    # Where the court's own sentence starts: after "vernietigt" on appeal, else `start`.
    sentence_start: int
    # False when an appeal court only confirmed: no sentence of its own in the text.
    has_own_sentence: bool = True


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    text: str


def find_decision(text: str, sections: SectionIndex, court_level: str | None) -> Region | None:
    span = sections.last("decision")
    if span is not None and span.end - span.start > 40:
        start, end, how = span.start, span.end, "section"
    else:
        anchors = list(DECISION_ANCHOR_RE.finditer(text))
        # An anchor in the last third only: earlier ones are in the reasoning.
        anchors = [a for a in anchors if a.start() > len(text) * 0.5]
        if anchors:
            start, end, how = anchors[-1].start(), len(text), "anchor"
        else:
            tul_start = None if court_level == "hoge_raad" else \
                _tul_decision_start(text, sections)
            if tul_start is None:
                return None
            start, end, how = tul_start, len(text), "tul_heading"
    sig = _SIGNATURE_RE.search(text, start, end)
    if sig and sig.start() > start:
        end = sig.start()
    sentence_start = start
    own = True
    if court_level == "hof":
        vacate = VACATES_RE.search(text, start, end)
        if vacate:
            sentence_start = vacate.start()
        elif APPEAL_DISMISSED_RE.search(text, start, end):
            own = False
    return Region(start, end, how, sentence_start, own)


def _tul_decision_start(text: str, sections: SectionIndex) -> int | None:
    """Where a decision on a tul claim opens the dictum, or None. The Hoge Raad decides no tul
    claim, so callers skip this for it (a heading there is quoted)."""
    for m in _TUL_HEADING_RE.finditer(text):
        start = m.start("head")
        # At the text's start (an excerpt of the decision), else in the latter half like the
        # anchors: earlier ones are quoted or in the reasoning.
        if text[:m.start()].strip() and start <= len(text) * 0.5:
            continue
        if sections.label_at(start) in _NOT_DICTUM_LABELS:
            continue
        if _DICTUM_LINE_RE.match(_previous_clause(text, start)):
            continue
        return start
    return None


def _previous_clause(text: str, pos: int) -> str:
    """The line (or, in text flattened to one line, the sentence) before `pos`."""
    before = text[:pos].rstrip()
    if before.endswith((".", ";", ":")):
        before = before[:-1]
    cut = max(before.rfind("\n"), before.rfind(". "), before.rfind("; "), before.rfind(": "))
    return before[cut + 1:].lstrip(" .;:")


def _soft_break(text: str, m: re.Match[str]) -> bool:
    """A line break inside a sentence ("veroordeelt verdachte tot een\ngevangenisstraf
    voor de duur van\n18 (achttien) maanden"): not a clause boundary."""
    if m.group(0) != "\n":
        return False
    before = text[:m.start()].rstrip(" \t")
    last = before[-1:] if before else ""
    if last in ".;:!?":
        return False
    after = text[m.end():m.end() + 3].lstrip(" \t")
    first = after[:1]
    if not first or first in "-–•*o" and (len(after) < 2 or after[1] in " \t"):
        return False
    return not (first.isupper() and last not in ",(")


def clauses(text: str, start: int, end: int) -> list[Clause]:
    """The dictum's clauses, each with offsets into `text`."""
    out: list[Clause] = []
    pos = start
    for m in _CLAUSE_SPLIT_RE.finditer(text, start, end):
        if _soft_break(text, m):
            continue
        if m.start() > pos:
            out.append(_clause(text, pos, m.start()))
        pos = m.end()
    if pos < end:
        out.append(_clause(text, pos, end))
    return [c for c in out if c.text.strip()]


def _clause(text: str, start: int, end: int) -> Clause:
    # Trim whitespace and leading bullets so evidence spans are tight.
    while start < end and (text[start].isspace() or (text[start] in "-–•*" and
                                                     text[start + 1:start + 2].isspace())):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Clause(start, end, text[start:end])
