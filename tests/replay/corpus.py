"""The documents a replay server serves: real Open Data XML files, read once, kept as bytes.

Only what the ECLI index needs to filter and describe an entry is read from each file
(identifier, type, subjects, creator, decision date, modified, case numbers, the LJN it
replaces, the inhoudsindicatie text for the summary). This is the server side of the fake
API, not the project's parser: the crawler under test must still parse the bytes itself.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from zoneinfo import ZoneInfo

from lxml import etree

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[2]
AMSTERDAM = ZoneInfo("Europe/Amsterdam")

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DCTERMS = "http://purl.org/dc/terms/"
PSI = "http://psi.rechtspraak.nl/"
RS = "http://www.rechtspraak.nl/schema/rechtspraak-1.0"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
_MODIFIED_RE = re.compile(rb"<dcterms:modified>[^<]*</dcterms:modified>")
_IDENTIFIER_RE = re.compile(rb"<dcterms:identifier>(?:NO)?ECLI:[^<]*</dcterms:identifier>")
_WS = re.compile(r"\s+")


def default_dirs() -> list[Path]:
    """samples/opendata, samples/reconstructed and ../shared/corpus/opendata, when present."""
    shared = Path(os.environ.get("VONNIS_SHARED_CORPUS", REPO.parent / "shared" / "corpus"))
    candidates = [REPO / "samples" / "opendata", REPO / "samples" / "reconstructed",
                  shared / "opendata"]
    return [d for d in candidates if d.is_dir()]


@dataclass
class ServedDocument:
    ecli: str
    raw: bytes
    modified: dt.datetime  # aware UTC: the `updated` of its feed entry
    doc_type: str | None = None  # "Uitspraak" | "Conclusie"
    subjects: list[str] = field(default_factory=list)  # rechtsgebied URIs
    creators: list[str] = field(default_factory=list)  # instantie URIs
    court: str = ""
    decision_date: dt.date | None = None
    case_numbers: list[str] = field(default_factory=list)
    summary: str = ""
    has_body: bool = True  # has an uitspraak/conclusie (what return=DOC asks for)
    replaces: list[str] = field(default_factory=list)  # old LJN numbers (dcterms:replaces)
    source: str = ""

    def title(self) -> str:
        parts = [self.ecli]
        if self.court:
            parts.append(self.court)
        if self.decision_date:
            parts.append(self.decision_date.strftime("%d-%m-%Y"))
        if self.case_numbers:
            parts.append(", ".join(self.case_numbers))
        return ", ".join(parts)


def local_to_utc(value: str) -> dt.datetime | None:
    """dcterms:modified (naive Dutch local time, as the API prints it) to aware UTC."""
    text = value.strip()
    if not text:
        return None
    try:
        stamp = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=AMSTERDAM)
    return stamp.astimezone(dt.UTC).replace(microsecond=0)


def utc_to_local_text(stamp: dt.datetime) -> str:
    return stamp.astimezone(AMSTERDAM).replace(tzinfo=None, microsecond=0).isoformat()


def _text(el: etree._Element | None) -> str:
    return _WS.sub(" ", "".join(el.itertext())).strip() if el is not None else ""


def describe(raw: bytes, source: str = "") -> ServedDocument:
    """Read the index fields of one Open Data document. Raises ValueError if it has none."""
    try:
        root = etree.fromstring(raw, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"not well-formed: {exc}") from exc
    meta = None
    for desc in root.iter(f"{{{RDF}}}Description"):
        ident = (desc.findtext(f"{{{DCTERMS}}}identifier") or "").strip()
        if ident.startswith(("ECLI:", "NOECLI:")):
            meta = desc
            break
    if meta is None:
        raise ValueError("no rdf:Description with an ECLI identifier")
    ecli = (meta.findtext(f"{{{DCTERMS}}}identifier") or "").strip()
    date_text = (meta.findtext(f"{{{DCTERMS}}}date") or "").strip()[:10]
    try:
        decision_date = dt.date.fromisoformat(date_text) if date_text else None
    except ValueError:
        decision_date = None
    modified = local_to_utc(meta.findtext(f"{{{DCTERMS}}}modified") or "")
    if modified is None:
        # Reconstructed samples carry no dcterms:modified: a stable stand-in, spread out like
        # real ones (publication date, else decision date, at noon Dutch time).
        day = (meta.findtext(f"{{{DCTERMS}}}issued") or "").strip()[:10] or date_text
        modified = local_to_utc(f"{day}T12:00:00") if day else None
        modified = modified or dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    type_el = meta.find(f"{{{DCTERMS}}}type")
    doc_type = _text(type_el) or None
    body = next((c for c in root if isinstance(c.tag, str)
                 and etree.QName(c).localname in ("uitspraak", "conclusie")), None)
    if body is not None and doc_type is None:
        doc_type = etree.QName(body).localname.capitalize()
    summary_el = next((c for c in root if isinstance(c.tag, str)
                       and etree.QName(c).localname == "inhoudsindicatie"), None)
    paras = [] if summary_el is None else [
        _text(p) for p in summary_el.iter(f"{{{RS}}}para")]
    summary = "\n".join(p for p in paras if p) or _text(summary_el)
    return ServedDocument(
        ecli=ecli,
        raw=raw,
        modified=modified,
        doc_type=doc_type,
        subjects=[s.get("resourceIdentifier", "") for s in meta.iterfind(f"{{{DCTERMS}}}subject")
                  if s.get("resourceIdentifier")],
        creators=[c.get("resourceIdentifier", "") for c in meta.iterfind(f"{{{DCTERMS}}}creator")
                  if c.get("resourceIdentifier")],
        court=_text(meta.find(f"{{{DCTERMS}}}creator")),
        decision_date=decision_date,
        case_numbers=[_text(z) for z in meta.iterfind(f"{{{PSI}}}zaaknummer") if _text(z)],
        summary=summary,
        has_body=body is not None,
        replaces=[_text(r) for r in meta.iterfind(f"{{{DCTERMS}}}replaces") if _text(r)],
        source=source,
    )


_NOT_DOCUMENTS = {"feeds", "schema"}  # ../shared/corpus/opendata keeps Atom and XSD here


def iter_files(dirs: Iterable[Path]) -> Iterator[Path]:
    for directory in dirs:
        for path in sorted(Path(directory).rglob("*.xml")):
            relative = path.relative_to(directory).parts[:-1]
            if path.is_file() and not _NOT_DOCUMENTS.intersection(relative):
                yield path


def load_documents(dirs: Iterable[Path] | None = None) -> list[ServedDocument]:
    """Every usable XML file under `dirs` (default: `default_dirs()`); first ECLI wins."""
    seen: dict[str, ServedDocument] = {}
    for path in iter_files(default_dirs() if dirs is None else dirs):
        try:
            doc = describe(path.read_bytes(), source=str(path))
        except ValueError as exc:
            logger.info("not served: %s (%s)", path, exc)
            continue
        seen.setdefault(doc.ecli, doc)
    return list(seen.values())


def with_modified(doc: ServedDocument, modified: dt.datetime, raw: bytes | None = None
                  ) -> ServedDocument:
    """A newer version: other bytes (by default: the same with dcterms:modified rewritten)."""
    modified = modified.astimezone(dt.UTC).replace(microsecond=0)
    if raw is None:
        stamp = f"<dcterms:modified>{utc_to_local_text(modified)}</dcterms:modified>".encode()
        raw = _MODIFIED_RE.sub(lambda _m: stamp, doc.raw, count=1)
        if raw == doc.raw:  # none to rewrite (reconstructed samples): add one after the ECLI
            raw = _IDENTIFIER_RE.sub(lambda m: m.group(0) + b"\n      " + stamp, doc.raw,
                                     count=1)
        if raw == doc.raw:
            raw = doc.raw + b"\n"
    return replace(doc, raw=raw, modified=modified)


def replicate(docs: list[ServedDocument], copies: int) -> list[ServedDocument]:
    """Each document also under `copies - 1` synthetic ECLIs ("<ECLI>.R0001", ...).

    For throughput measurements only: the bytes are the real document with its ECLI string
    replaced, so every copy parses, classifies and stores like the original.
    """
    out = list(docs)
    for n in range(1, max(copies, 1)):
        for doc in docs:
            synthetic = f"{doc.ecli}.R{n:04d}"
            raw = doc.raw.replace(doc.ecli.encode(), synthetic.encode())
            out.append(replace(doc, ecli=synthetic, raw=raw, source=f"{doc.source}#R{n}"))
    return out
