"""Finding the court's own decision (the dictum) and cutting it into clauses.

The decision is what the sentence must come from: not the prosecutor's demand, not the lower
court's sentence quoted on appeal, not sentences cited from other cases. Order of preference:

1. the last section headed "Beslissing" / "De uitspraak" (XML structure or heading line);
2. the text after the last "RECHT DOENDE" / "De rechtbank:" / "HET HOF," anchor;
3. nothing: callers then fall back to the sentencing section, clause by clause, with the
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
# and " - " bullets of texts flattened to one line.
_CLAUSE_SPLIT_RE = re.compile(
    r";|\n|(?<=[.:])\s+(?=[A-Z\-–•(])|\s+[-–•]\s+(?=[a-zA-Z])|(?<=:)\s+(?=(?:verklaart|"
    r"veroordeelt|legt|bepaalt|beveelt|gelast|wijst|spreekt|stelt|heft|verstaat)\b)"
)
# The end of the dictum proper: signatures and the like.
_SIGNATURE_RE = re.compile(
    r"\b(?:Dit\s+(?:vonnis|arrest)\s+is\s+(?:gewezen|aldus\s+gewezen)|Aldus\s+(?:gewezen|"
    r"vastgesteld|gedaan)|Dit\s+arrest\s+is\s+gewezen|Deze\s+uitspraak\s+is\s+gedaan|"
    r"gewezen\s+door\s+mr\.|Dit\s+vonnis\s+is\s+vastgesteld)", re.IGNORECASE
)


@dataclass(frozen=True)
class Region:
    start: int
    end: int
    how: str  # "section" | "anchor" | "none"
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
        if not anchors:
            return None
        start, end, how = anchors[-1].start(), len(text), "anchor"
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
