"""Open Data XML (`<open-rechtspraak>`) to a `vonnis.models.Document`.

Parsing uses lxml directly. BeautifulSoup with the lxml XML builder was measured on the real
corpus (`benchmarks/bench_parse.py` prints both figures): building the soup alone is several
times slower than this whole parser, for no gain in robustness, since both sit on libxml2.

Text rendering rules (every later offset points into `Document.text`, so they are fixed here):

- One plain text of the body (`uitspraak` or `conclusie`); lines are joined by a single
  "\\n" and no line is empty. Every `para`, `bridgehead`, `title` and other block element is
  one line; whitespace inside a line (spaces, tabs, newlines, no-break spaces) collapses to
  one space and is stripped at both ends. CRLF therefore disappears as well.
- A section title is its own line, prefixed with its number when it has one
  (`<title><nr>3</nr>Bewijs</title>` -> "3 Bewijs"); `Section.title` is the title without the
  number, `Section.number` the number, `Section.start` the offset of the title line and
  `Section.end` the end of the section's last line, so `text[start:end]` begins with the title
  line. Sections nest (`depth` 1, 2, ...); an untitled section starts at its first line.
- The `nr` of a `paragroup` is put in front of the group's first line ("4.1. Het gaat ...").
- List items are lines prefixed with their marker ("-" for itemized lists, "1." / "a." /
  "i." for ordered lists, as the numeration attribute says); table rows are lines with the
  cells joined by " | ".
- Footnotes: the reference becomes "[label]" inline, the footnote text is appended after the
  body as one line per footnote, "[label] text", in document order. Inlining the footnote
  text would cut sentences in two (sentence splitting, sentence extraction and phrase
  matching all work on the running text), while the marker keeps the link.
- Third-party markup (the `manualAnnotation` attributes and the `potentialnr`, `text`,
  `listmarking` wrappers of the annotated corpus) is ignored; its text is kept.
- The inhoudsindicatie becomes `Document.summary` by the same rules (None when empty).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from lxml import etree

from crawler.courts import make_court
from vonnis.models import DocType, Document, Reference, Relation, Section

RS = "http://www.rechtspraak.nl/schema/rechtspraak-1.0"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DCTERMS = "http://purl.org/dc/terms/"
PSI = "http://psi.rechtspraak.nl/"

ECLI_RE = re.compile(r"^ECLI:[A-Z]{2}:[A-Z0-9]{1,7}:\d{4}:[A-Z0-9.]{1,25}$")
# Identifier of documents reconstructed by vonnis from texts whose ECLI is unknown (see
# samples/README.md): starts with NOECLI so it can never be taken for a real ECLI.
LOCAL_ID_RE = re.compile(r"^NOECLI:NL:[A-Z0-9]{1,7}:\d{4}-\d{2}-\d{2}:[A-Za-z0-9.\-]{1,40}$")

_AMSTERDAM = ZoneInfo("Europe/Amsterdam")


class ParseError(ValueError):
    """The bytes are not a usable Open Data document; `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_PARSER_OPTIONS = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True,
                       remove_blank_text=False)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(**_PARSER_OPTIONS)


def parse_document(raw: bytes | str, source: str = "") -> Document:
    """Parse one content-endpoint response. Raises `ParseError` for anything unusable."""
    where = f" ({source})" if source else ""
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    if not raw or not raw.strip():
        raise ParseError(f"empty document{where}")
    try:
        root = etree.fromstring(raw, _parser())
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"malformed XML: {exc}{where}") from exc
    except ValueError as exc:  # e.g. an encoding declaration lxml cannot honour
        raise ParseError(f"unreadable XML: {exc}{where}") from exc
    if _local(root) != "open-rechtspraak":
        raise ParseError(f"root element is <{_local(root)}>, not <open-rechtspraak>{where}")

    meta = _document_description(root)
    if meta is None:
        raise ParseError(f"no rdf:Description metadata{where}")
    ecli = _text(meta.find(f"{{{DCTERMS}}}identifier"))
    if not ecli:
        raise ParseError(f"missing ECLI (dcterms:identifier){where}")
    if ecli[:5].upper() == "ECLI:":  # ECLIs are case-insensitive; the store keys are upper
        ecli = ecli.upper()
    if not (ECLI_RE.match(ecli) or LOCAL_ID_RE.match(ecli)):
        raise ParseError(f"identifier {ecli!r} is not an ECLI{where}")

    creator = _text(meta.find(f"{{{DCTERMS}}}creator"))
    court = make_court(ecli.split(":")[2], creator)

    body, doc_type = None, None
    for child in root:
        name = _local(child)
        if name in ("uitspraak", "conclusie"):
            body, doc_type = child, DocType(name)
            break
    summary_el = next((c for c in root if _local(c) == "inhoudsindicatie"), None)

    text, sections = ("", []) if body is None else _render(body)
    summary = _render(summary_el)[0] if summary_el is not None else ""

    return Document(
        ecli=ecli,
        doc_type=doc_type,
        court=court,
        decision_date=_date(_text(meta.find(f"{{{DCTERMS}}}date"))),
        publication_date=_date(_text(meta.find(f"{{{DCTERMS}}}issued"))),
        modified=_datetime(_text(meta.find(f"{{{DCTERMS}}}modified"))),
        case_numbers=_case_numbers(_text(e) for e in meta.iterfind(f"{{{PSI}}}zaaknummer")),
        procedures=_labels(meta.iterfind(f"{{{PSI}}}procedure")),
        subjects=_labels(meta.iterfind(f"{{{DCTERMS}}}subject")),
        seat=_text(meta.find(f"{{{DCTERMS}}}spatial")) or None,
        relations=[_relation(e) for e in meta.iterfind(f"{{{DCTERMS}}}relation")
                   if _attr(e, "resourceIdentifier")],
        references=[_reference(e) for e in meta.iterfind(f"{{{DCTERMS}}}references")
                    if _text(e) or _attr(e, "resourceIdentifier")],
        summary=summary or None,
        sections=sections,
        text=text,
    )


# -- metadata ------------------------------------------------------------------------------


def _document_description(root: etree._Element) -> etree._Element | None:
    """The rdf:Description of the document itself.

    The response holds one Description per published version: the document (no rdf:about,
    identifier = the ECLI) and e.g. the HTML deeplink (rdf:about = its URL). Prefer the one
    without rdf:about, then the one whose identifier is an ECLI, then the first.
    """
    descriptions = list(root.iter(f"{{{RDF}}}Description"))
    if not descriptions:
        return None
    for d in descriptions:
        if d.get(f"{{{RDF}}}about") is None and d.get("about") is None:
            return d
    for d in descriptions:
        ident = _text(d.find(f"{{{DCTERMS}}}identifier"))
        if ECLI_RE.match(ident) or LOCAL_ID_RE.match(ident):
            return d
    return descriptions[0]


def _local(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _text(el: etree._Element | None) -> str:
    if el is None:
        return ""
    return " ".join("".join(el.itertext()).split())


def _attr(el: etree._Element, local: str) -> str | None:
    """An attribute by local name, whatever its namespace (ecli:, psi:, bwb:, cvdr:, none)."""
    for key, value in el.attrib.items():
        if key == local or key.endswith("}" + local):
            return value.strip() or None
    return None


def _uri_value(value: str | None) -> str | None:
    """`http://psi.rechtspraak.nl/gevolg#bekrachtiging/bevestiging` -> `bekrachtiging/...`."""
    if not value:
        return None
    if "#" in value:
        return value.split("#", 1)[1] or None
    return value.rstrip("/").rsplit("/", 1)[-1] or None


def _labels(elements: Iterable[etree._Element]) -> list[str]:
    out: list[str] = []
    for el in elements:
        label = _text(el)
        if label and label not in out:
            out.append(label)
    return out


def _relation(el: etree._Element) -> Relation:
    return Relation(
        ecli=_attr(el, "resourceIdentifier") or "",
        type=_uri_value(_attr(el, "type")),
        aanleg=_uri_value(_attr(el, "aanleg")),
        gevolg=_uri_value(_attr(el, "gevolg")),
        label=_text(el) or None,
    )


def _reference(el: etree._Element) -> Reference:
    return Reference(identifier=_attr(el, "resourceIdentifier"), label=_text(el))


_CASE_SPLIT = re.compile(r"\s*(?:[,;&]|\ben\b)\s*")
_NUMBERISH = re.compile(r"^[\d./\-_]*\d[\d./\-_]*$")


def _case_numbers(values: Iterable[str]) -> list[str]:
    """psi:zaaknummer values, split where one element holds several numbers.

    Splits on commas, semicolons, "&" and " en "; splits on spaces only when every part is
    a bare number ("12/00440 12/00443"), so "SGR 12/5055", "11-930 t/m 11-943" or
    "17/880137-10 VON" stay whole.
    """
    out: list[str] = []
    for value in values:
        for part in _CASE_SPLIT.split(value):
            part = part.strip(" .")
            if not part:
                continue
            tokens = part.split()
            pieces = tokens if len(tokens) > 1 and all(_NUMBERISH.match(t) for t in tokens) \
                else [part]
            for piece in pieces:
                if piece not in out:
                    out.append(piece)
    return out


def _date(value: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _datetime(value: str) -> dt.datetime | None:
    """dcterms:modified, naive local (Amsterdam) time as the API prints it."""
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        day = _date(value)
        return dt.datetime.combine(day, dt.time()) if day else None
    if parsed.tzinfo is not None:  # keep every stored value naive and comparable
        parsed = parsed.astimezone(_AMSTERDAM).replace(tzinfo=None)
    return parsed


# -- body text -------------------------------------------------------------------------------

# Elements that start and end a line (block level). Everything else is inline: its text joins
# the current line. Unknown elements are inline, so no text is ever dropped.
_BLOCK = frozenset({
    "para", "parablock", "paragroup", "bridgehead", "blockquote", "ondertekening",
    "uitspraak", "conclusie", "inhoudsindicatie", "samenvatting", "uitspraak.info",
    "conclusie.info", "afdeling", "instantie", "partij", "zaaknr", "plaats", "uitspraakdatum",
    "uitspraaksoort", "mediaobject", "caption", "listitem", "title",
})
_LISTS = frozenset({"orderedlist", "itemizedlist"})
_TABLES = frozenset({"informaltable", "table"})
_SKIP = frozenset({"imageobject", "imagedata", "audioobject", "videoobject", "colspec",
                   "spanspec"})
# Wrappers whose text must stay a separate token ("1." + "Geding" -> "1. Geding").
_TOKEN = frozenset({"nr", "potentialnr", "listmarking"})


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                           (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                           (4, "iv"), (1, "i")):
        while n >= value:
            out += letters
            n -= value
    return out


def _alpha(n: int) -> str:
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("a") + rem) + out
    return out


def _marker(numeration: str | None, index: int) -> str:
    kind = (numeration or "arabic").lower()
    if kind == "loweralpha":
        return _alpha(index) + "."
    if kind == "upperalpha":
        return _alpha(index).upper() + "."
    if kind == "lowerroman":
        return _roman(index) + "."
    if kind == "upperroman":
        return _roman(index).upper() + "."
    return f"{index}."


class _Renderer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.length = 0  # len("\n".join(self.lines))
        self.buffer: list[str] = []
        self.prefix: list[str] = []  # paragroup nrs / list markers waiting for the next line
        self.sections: list[Section] = []
        self.footnotes: list[tuple[str, etree._Element]] = []
        self.labels: dict[str, str] = {}

    # -- lines --------------------------------------------------------------------------

    def emit(self, line: str) -> tuple[int, int] | None:
        line = " ".join(line.split())
        if self.prefix and line:
            line = " ".join([*self.prefix, line])
            self.prefix = []
        if not line:
            return None
        start = self.length + (1 if self.lines else 0)
        self.lines.append(line)
        self.length = start + len(line)
        return start, self.length

    def flush(self) -> None:
        if self.buffer:
            text = "".join(self.buffer)
            self.buffer = []
            self.emit(text)

    def flush_prefix(self) -> None:
        """A number or marker with nothing after it still becomes a line of its own."""
        if self.prefix:
            pending, self.prefix = self.prefix, []
            self.emit(" ".join(pending))

    # -- walking ------------------------------------------------------------------------

    def walk(self, el: etree._Element, depth: int) -> None:
        tag = el.tag
        if not isinstance(tag, str):  # comment or processing instruction (<?linebreak?>)
            if isinstance(el, etree._ProcessingInstruction):
                self.buffer.append(" ")
            return
        name = tag.rsplit("}", 1)[-1]
        if name in _SKIP:
            return
        if name == "section":
            self.section(el, depth)
        elif name == "footnote":
            self.flush()
            self.footnotes.append((el.get("label") or "", el))
        elif name == "footnote-ref":
            ref = el.get("linkend") or ""
            self.buffer.append(f"[{self.labels.get(ref) or ref or '*'}]")
        elif name in _LISTS:
            self.listing(el, depth)
        elif name in _TABLES:
            self.table(el)
        elif name == "paragroup":
            self.flush()
            for child in el:
                if _local(child) == "nr":
                    number = _text(child)
                    if number:
                        self.prefix.append(number)
                else:
                    self.walk(child, depth)
                self.add(child.tail)
            self.flush()
            self.flush_prefix()
        elif name in _BLOCK:
            self.flush()
            self.add(el.text)
            for child in el:
                self.walk(child, depth)
                self.add(child.tail)
            self.flush()
        else:  # inline
            self.add(el.text)
            for child in el:
                self.walk(child, depth)
                self.add(child.tail)
            if name in _TOKEN:
                self.buffer.append(" ")

    def add(self, text: str | None) -> None:
        if text:
            self.buffer.append(text)

    def section(self, el: etree._Element, depth: int) -> None:
        self.flush()
        self.flush_prefix()
        title_el = next((c for c in el if _local(c) == "title"), None)
        number, title = None, ""
        if title_el is not None:
            number_el = next((c for c in title_el if _local(c) == "nr"), None)
            number = _text(number_el) or None
            parts = [title_el.text or ""]
            for child in title_el:
                if child is not number_el:
                    parts.append(self.inline(child))
                parts.append(child.tail or "")
            title = " ".join("".join(parts).split())
        span = self.emit(" ".join(p for p in (number, title) if p))
        index = len(self.sections)
        self.sections.append(Section(title=title or None, number=number, start=0, end=0,
                                     depth=depth))
        first = len(self.lines)
        for child in el:
            if child is not title_el:
                self.walk(child, depth + 1)
            self.add(child.tail)
        self.flush()
        self.flush_prefix()
        if span is not None:
            start = span[0]
        elif len(self.lines) > first:  # untitled: starts at its first line
            start = self.length - sum(len(x) + 1 for x in self.lines[first:]) + 1
        else:
            del self.sections[index]  # neither title nor content: nothing to point at
            return
        self.sections[index].start = start
        self.sections[index].end = self.length

    def inline(self, el: etree._Element) -> str:
        """The text of an inline element (title parts), with footnote markers."""
        saved, self.buffer = self.buffer, []
        self.walk(el, 0)
        text, self.buffer = "".join(self.buffer), saved
        return text

    def flat(self, el: etree._Element) -> str:
        """All text under `el` on one line (table cells, footnotes)."""
        saved_lines, saved_length, saved_buffer = self.lines, self.length, self.buffer
        saved_prefix, saved_sections = self.prefix, self.sections
        self.lines, self.length, self.buffer, self.prefix = [], 0, [], []
        self.sections = []  # a section inside a table cell has no place in the flat text
        self.add(el.text)
        for child in el:
            self.walk(child, 0)
            self.add(child.tail)
        self.flush()
        self.flush_prefix()
        text = " ".join(self.lines)
        self.lines, self.length, self.buffer = saved_lines, saved_length, saved_buffer
        self.prefix, self.sections = saved_prefix, saved_sections
        return text

    def listing(self, el: etree._Element, depth: int) -> None:
        self.flush()
        ordered = _local(el) == "orderedlist"
        mark = el.get("mark") or "-"
        index = 0
        for child in el:
            if _local(child) == "listitem":
                index += 1
                self.flush_prefix()
                self.prefix.append(_marker(el.get("numeration"), index) if ordered else mark)
                self.walk(child, depth)
                self.flush_prefix()
            else:
                self.walk(child, depth)
            self.add(child.tail)
        self.flush()

    def table(self, el: etree._Element) -> None:
        self.flush()
        self.flush_prefix()
        for row in el.iter(f"{{{RS}}}row", "row"):
            cells = [self.flat(entry) for entry in row
                     if _local(entry) == "entry"]
            if any(cells):
                self.emit(" | ".join(cells))

    def render_footnotes(self) -> None:
        done: set[int] = set()
        while len(done) < len(self.footnotes):  # footnotes may contain footnotes
            for i, (label, el) in enumerate(list(self.footnotes)):
                if i in done:
                    continue
                done.add(i)
                body = self.flat(el)
                self.emit(f"[{label}] {body}" if label else body)


def _render(el: etree._Element) -> tuple[str, list[Section]]:
    renderer = _Renderer()
    for i, fn in enumerate(el.iter(f"{{{RS}}}footnote", "footnote"), start=1):
        if fn.get("id"):
            renderer.labels[fn.get("id")] = fn.get("label") or str(i)
    renderer.add(el.text)
    for child in el:
        renderer.walk(child, 1)
        renderer.add(child.tail)
    renderer.flush()
    renderer.flush_prefix()
    renderer.render_footnotes()
    return "\n".join(renderer.lines), renderer.sections
