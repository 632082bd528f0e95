"""Section classification: which part of a judgment an offset lies in.

Labels: indictment (tenlastelegging), evidence (bewijs / bewijsoverwegingen / vrijspraak),
proven (bewezenverklaring), qualification (kwalificatie, strafbaarheid van het feit),
culpability (strafbaarheid van de verdachte), sentencing (strafoplegging / motivering van de
straf), victim_claim (vordering benadeelde partij), law (toepasselijke wettelijke
voorschriften), decision (beslissing / uitspraak), demand (vordering / eis of the prosecutor),
and a few procedural ones (procedure, preliminary, admissibility, lower_court, seizure,
revocation, defence, court_opinion, appeal, conclusion).

The XML structure is used when the document has titled sections; otherwise heading lines are
recognised in the plain text. Both give flat, non-overlapping spans of `Document.text`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from nlp.inputs import FRAGMENT_SEPARATOR
from nlp.regexes import HEADING_NUMBER, INLINE_HEADING_RE, SECTION_RES

_NUMBER_RE = re.compile(r"^\s*" + HEADING_NUMBER)
_LINE_RE = re.compile(r"[^\n]*\n?")
# After the decision, only these headings end it (appendices: indictment, evidence list).
_AFTER_DECISION_ENDERS = {"indictment", "evidence"}
# ... but "Vrijspraak" (labelled evidence) is also a subheading of the dictum itself
# ("BESLISSING / De rechtbank: / Vrijspraak / ... / Bewezenverklaring / ...").
_DICTUM_ACQUITTAL_RE = re.compile(r"\bvrijspraak\b", re.IGNORECASE)
_APPENDIX_RE = re.compile(r"^\s*(?:bijlage|BIJLAGE)\b")
# rechtspraak.nl and the sites that copy it print the document type as the page's first line
# ("Uitspraak" above "HOGE RAAD DER NEDERLANDEN", or "Uitspraak Parketnummer : ..." when the
# page is flattened): a title, not the decision section, when the header follows. An excerpt
# of the dictum itself may start "Uitspraak\nDe rechtbank\nVerklaart ...".
_DOCUMENT_TYPE_RE = re.compile(
    r"(?:uitspraak|conclusie)\s*:?(?:\s+(?:parketnummer|zaaknummer|rolnummer|ECLI|nr\b|\d).*)?",
    re.IGNORECASE)
_HEADER_LINE_RE = re.compile(
    r"\s*(?!(?:DE\s+RECHTBANK|HET\s+HOF|DE\s+HOGE\s+RAAD)\b)(?:[A-Z][A-Z'’\s-]{5,}(?:$|\s)|"
    r"(?i:parketnummer|zaaknummer|rolnummer|ECLI|datum|nummer|nr\.?|strafzaken|strafkamer|"
    r"arrest|vonnis|conclusie|procureur|afdeling|team|sector)\b)")


@dataclass(frozen=True)
class SectionSpan:
    label: str
    start: int
    end: int
    title: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {"label": self.label, "start": self.start, "end": self.end, "title": self.title}


def classify_heading(title: str) -> str | None:
    """The label of a heading text, or None when it is no known heading."""
    t = _NUMBER_RE.sub("", title.strip(), count=1)
    t = re.sub(r"\s+", " ", t).strip().strip(":.").strip()
    if not t or len(t) > 90:
        return None
    for label, pattern in SECTION_RES:
        if pattern.fullmatch(t):
            return label
    return None


def _looks_like_heading(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > 90 or s.endswith((",", ";")) or s.startswith(("-", "•", "[", "(")):
        return False
    return len(s.split()) <= 12


def _page_title(text: str, start: int, end: int, line: str) -> bool:
    """text[start:end] (`line`, stripped) is the title line of a page: at the start of the text
    or of an appended excerpt (after the fragment separator), and followed by the header."""
    if not _DOCUMENT_TYPE_RE.fullmatch(line):
        return False  # checked first: the rest reads the text before every such line
    before = text[:start].rstrip()
    if before and not before.endswith(FRAGMENT_SEPARATOR.strip()):
        return False
    if " " in line:
        return True  # "Uitspraak Parketnummer : ..."
    following = text[end:end + 200].lstrip("\n \t").split("\n", 1)[0]
    return bool(_HEADER_LINE_RE.match(following))


def headings_in_text(text: str) -> list[tuple[int, str, str]]:
    """(offset, label, title) of every recognised heading line, in order."""
    found: list[tuple[int, str, str]] = []
    pos = 0
    for m in _LINE_RE.finditer(text):
        line = m.group(0)
        if not line:
            break
        start = m.start()
        pos = m.end()
        stripped = line.strip()
        if _page_title(text, start, m.end(), stripped):
            continue
        if len(stripped) > _FLATTENED_LINE:
            found.extend(_headings_in_flattened(line, start))
            continue
        if _looks_like_heading(stripped):
            label = classify_heading(stripped)
            if label:
                found.append((start, label, stripped))
                continue
        inline = INLINE_HEADING_RE.match(stripped)
        if inline:
            label = classify_heading(inline.group("title"))
            if label:
                found.append((start, label, inline.group("title")))
        if pos >= len(text):
            break
    return found


# A line this long is a judgment (or a large part of one) whose line breaks were lost: a CSV
# dataset or a copied web page that keeps one paragraph per line at best.
_FLATTENED_LINE = 2000
# Where a heading can start inside such a line: at its start or after a sentence's end.
_SENTENCE_START_RE = re.compile(r"(?:^|(?<=[.!?])\s+)(?=\S)")
_TITLE_WORDS = 8


def _headings_in_flattened(line: str, offset: int) -> list[tuple[int, str, str]]:
    """Headings inside a flattened line: a sentence that opens with the words of a heading
    and goes on with a capital ("... Strafrecht. De beslissing Het hof: vernietigt ..."). The
    longest such title wins: a title may hold a capital itself ("Het standpunt van het
    Openbaar Ministerie")."""
    found: list[tuple[int, str, str]] = []
    for m in _SENTENCE_START_RE.finditer(line):
        words = list(re.finditer(r"\S+", line[m.end():m.end() + 200]))
        for n in range(min(_TITLE_WORDS, len(words) - 1), 0, -1):
            following = words[n].group(0)
            if not following[:1].isupper():
                continue
            title = line[m.end():m.end() + words[n - 1].end()]
            label = classify_heading(title)
            if label:
                found.append((offset + m.end(), label, title.strip()))
                break
    return found


def _flatten(text_len: int, marks: list[tuple[int, str, str]]) -> list[SectionSpan]:
    """Spans from heading marks; headings inside the last decision do not end it."""
    if not marks:
        return []
    last_decision = max((i for i, m in enumerate(marks) if m[1] == "decision"), default=None)
    kept: list[tuple[int, str, str]] = []
    for i, mark in enumerate(marks):
        if last_decision is not None and i > last_decision and (
                mark[1] not in _AFTER_DECISION_ENDERS or _DICTUM_ACQUITTAL_RE.search(mark[2])):
            continue
        kept.append(mark)
    spans = []
    for i, (start, label, title) in enumerate(kept):
        end = kept[i + 1][0] if i + 1 < len(kept) else text_len
        spans.append(SectionSpan(label, start, end, title))
    return spans


def sections_from_xml(xml_sections: Sequence[object], text_len: int) -> list[SectionSpan]:
    """Flat labelled spans from the parser's titled sections (innermost label wins)."""
    labelled: list[tuple[int, int, str, str]] = []
    for s in xml_sections:
        title = getattr(s, "title", None) or ""
        label = classify_heading(title) if title else None
        if label:
            labelled.append((int(getattr(s, "start", 0)), int(getattr(s, "end", 0)), label, title))
    if not labelled:
        return []
    marks = [(start, label, title) for start, _end, label, title in sorted(labelled)]
    return _flatten(text_len, marks)


def find_sections(text: str, xml_sections: Sequence[object] | None = None) -> list[SectionSpan]:
    """Flat labelled sections of `text`: XML structure first, heading lines otherwise."""
    spans: list[SectionSpan] = []
    if xml_sections:
        spans = sections_from_xml(xml_sections, len(text))
    if not spans:
        spans = _flatten(len(text), headings_in_text(text))
    # The decision ends at an appendix ("Bijlage ...") line.
    out: list[SectionSpan] = []
    for span in spans:
        cut = _appendix_start(text, span) if span.label == "decision" else None
        if cut is None:
            out.append(span)
            continue
        out.append(SectionSpan("decision", span.start, cut, span.title))
        out.append(SectionSpan("appendix", cut, span.end, "bijlage"))
    return out


def _appendix_start(text: str, span: SectionSpan) -> int | None:
    for m in _LINE_RE.finditer(text, span.start, span.end):
        if m.start() >= span.end or not m.group(0):
            break
        if m.start() > span.start and _APPENDIX_RE.match(m.group(0)):
            return m.start()
    return None


class SectionIndex:
    """Which section an offset lies in."""

    def __init__(self, spans: Sequence[dict[str, object] | SectionSpan]) -> None:
        items = [s if isinstance(s, SectionSpan) else SectionSpan(**s) for s in spans]  # type: ignore[arg-type]
        self.spans = sorted(items, key=lambda s: s.start)
        self._starts = [s.start for s in self.spans]

    def label_at(self, offset: int) -> str | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self.spans[i].start <= offset < self.spans[i].end:
            return self.spans[i].label
        return None

    def of(self, label: str) -> list[SectionSpan]:
        return [s for s in self.spans if s.label == label]

    def last(self, label: str) -> SectionSpan | None:
        found = self.of(label)
        return found[-1] if found else None
