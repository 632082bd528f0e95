"""Rebuild samples/reconstructed/: real court texts from ../shared/corpus JSON, in API XML shape.

The shared corpus holds the only complete trafficking texts we have as JSON (text plus
metadata), not as Open Data XML. The demo, the tests and the replay server need them as
content-endpoint documents, so this script wraps each text in an `<open-rechtspraak>`
document: the metadata values (ECLI, court, dates, case number, procedure, relation) and
every character of the text come from the JSON; the wrapper, the paragraph division into
`<para>` and the `<section>` structure are ours, and each file says so in an XML comment at
the top.

Which files:
- trafficking/*.json with a complete text, or with at least MIN_TEXT characters of court
  text (the other partial ones hold only an inhoudsindicatie or a header line; skipped);
- criminal_full/*.json (all complete criminal judgments, none about trafficking).

A JSON with `ecli: null` gets the identifier NOECLI:NL:<court>:<date>:<case number> (from
its file name): it cannot be mistaken for a real ECLI (which starts with "ECLI:"), and
`crawler.parse` accepts it (LOCAL_ID_RE).

Sections: a line is a heading when it is numbered and short ("3 Bewijs", "4.3.1. Aanleiding
van het onderzoek", "III. Het eerste middel") or when a number stands alone on the line
before a short title line (the layout of texts scraped from the website), or when it is one
of the usual unnumbered headings of Dutch criminal judgments (HEADINGS). The depth of a
numbered heading is its number of components. Every other line is a `<para>`.

Usage: .venv/bin/python scripts/reconstruct_samples.py [--corpus ../shared/corpus]
       [--out samples/reconstructed]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script: make crawler importable
    sys.path.insert(0, str(REPO))
MIN_TEXT = 200

RS = "http://www.rechtspraak.nl/schema/rechtspraak-1.0"
NSMAP = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "ecli": "https://e-justice.europa.eu/ecli",
    "dcterms": "http://purl.org/dc/terms/",
    "psi": "http://psi.rechtspraak.nl/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
}
RDF, DC, PSI, RDFS, ECLI = (NSMAP[k] for k in ("rdf", "dcterms", "psi", "rdfs", "ecli"))

PROCEDURE_URIS = {
    "hoger beroep": "hogerBeroep",
    "cassatie": "cassatie",
    "eerste aanleg - meervoudig": "eersteAanlegMeervoudig",
    "eerste aanleg - enkelvoudig": "eersteAanlegEnkelvoudig",
    "op tegenspraak": "opTegenspraak",
}

# Unnumbered headings that open a top-level part of a criminal judgment (exact line match,
# case-insensitive). Subheadings that also occur inside numbered parts ("Vrijspraak",
# "Overwegingen") are left out on purpose: they would break the nesting.
HEADINGS = {h.lower() for h in (
    "Inleiding", "Procesverloop", "Het procesverloop", "Onderzoek van de zaak",
    "Het onderzoek van de zaak", "Onderzoek ter terechtzitting",
    "Het onderzoek ter terechtzitting", "Onderzoek op de terechtzitting",
    "Het vonnis waarvan beroep", "Vonnis waarvan beroep", "Gebruik van het rechtsmiddel",
    "Ontvankelijkheid van het hoger beroep", "De vordering van de advocaat-generaal",
    "Vordering van de advocaat-generaal", "De vordering van de officier van justitie",
    "Vordering van de officier van justitie", "Eis officier van justitie",
    "De beslissing op het hoger beroep", "Tenlastelegging", "De tenlastelegging",
    "Voorvragen", "De voorvragen", "Bewijsvoering", "Bewijsmiddelen", "Bewijsoverwegingen",
    "Bewezenverklaring", "De bewezenverklaring", "Waardering van het bewijs",
    "Strafbaarheid van het bewezenverklaarde", "Strafbaarheid van het bewezen verklaarde",
    "Strafbaarheid van het feit", "Strafbaarheid van de feiten",
    "Strafbaarheid van de verdachte", "Strafbaarheid van verdachte",
    "Oplegging van straf en/of maatregel", "Oplegging van straf", "Straf en/of maatregel",
    "Strafmotivering", "Motivering van de straf", "Motivering van straf en maatregel",
    "Motivering van de sanctie", "Motivering van de sancties",
    "Vordering van de benadeelde partij", "Vorderingen van de benadeelde partijen",
    "Benadeelde partij", "Toepasselijke wettelijke voorschriften",
    "Toegepaste wettelijke voorschriften", "Toepasselijke wettelijke bepalingen",
    "Wettelijke voorschriften", "Beslag", "Beslissing", "De beslissing",
    "Beslissing op het hoger beroep", "Beslissingen",
)}

NUMBER_ONLY = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*\.?)$")
NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*\.?)\s*(\S.*)$")
ROMAN = re.compile(r"^([IVX]{1,5}\.)\s+(\S.*)$")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def title_like(line: str) -> bool:
    """Short, capitalised, no closing punctuation: reads as a heading, not a sentence."""
    line = line.strip()
    return (2 <= len(line) <= 80 and line[0].isupper() and not line.endswith((".", ",", ";", ":"))
            and len(line.split()) <= 12
            and sum(c.isdigit() for c in line) < 3)  # "Idem, p. 1773": a footnote, not a title


@dataclass
class Node:
    number: str | None
    title: str | None
    depth: int
    items: list[object] = field(default_factory=list)  # str (para) or Node


def components(number: str) -> list[int]:
    return [int(p) for p in number.rstrip(".").split(".") if p]


def follows(prev: list[int] | None, new: list[int]) -> bool:
    """Does heading number `new` continue after `prev`? (next sibling at some level, allowing
    one skipped number and a repeated number, or a first child). Keeps the numbered
    charges of a tenlastelegging ("1.", "2.") or footnote lines from posing as headings."""
    if prev is None:  # numbering starts at 1 (footnote lines "4 Het proces-verbaal" do not)
        return new[0] == 1
    if new == prev or new == [*prev, 1]:
        return True
    k = len(new)
    return k <= len(prev) and new[:k - 1] == prev[:k - 1] and 0 < new[-1] - prev[k - 1] <= 2


def structure(lines: list[str]) -> list[object]:
    """Paragraph lines -> a tree of sections (Node) and paragraphs (str)."""
    top: list[object] = []
    stack: list[Node] = []
    last: list[int] | None = None  # number of the last numbered heading

    def open_section(number: str | None, title: str, depth: int) -> None:
        while stack and stack[-1].depth >= depth:
            stack.pop()
        node = Node(number, title, depth)
        (stack[-1].items if stack else top).append(node)
        stack.append(node)

    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        only = NUMBER_ONLY.match(line)
        numbered = NUMBERED.match(line)
        roman = ROMAN.match(line)
        if only and title_like(nxt) and NUMBER_ONLY.match(nxt) is None \
                and follows(last, components(only.group(1))):
            last = components(only.group(1))
            open_section(only.group(1), nxt, len(last))
            i += 2
            continue
        if numbered and not only and title_like(numbered.group(2)) \
                and not numbered.group(2)[0].isdigit() \
                and follows(last, components(numbered.group(1))):
            last = components(numbered.group(1))
            open_section(numbered.group(1), numbered.group(2), len(last))
        elif roman and title_like(roman.group(2)):
            open_section(roman.group(1), roman.group(2), 1)
        elif line.lower() in HEADINGS:
            # In a numbered text an unnumbered heading is a subheading of the open section.
            open_section(None, line, stack[-1].depth + 1 if last and stack else 1)
        else:
            (stack[-1].items if stack else top).append(line)
        i += 1
    return top


def clean_lines(text: str) -> list[str]:
    return [" ".join(CONTROL.sub(" ", line).split()) for line in text.split("\n")
            if line.strip()]


def sub(parent: etree._Element, tag: str, text: str | None = None,
        nsmap: dict[str | None, str] | None = None, **attrib: str) -> etree._Element:
    el = etree.SubElement(parent, tag, {_qname(k): v for k, v in attrib.items()}, nsmap=nsmap)
    if text is not None:
        el.text = text
    return el


def _qname(key: str) -> str:
    prefix, _, local = key.partition("__")
    return f"{{{NSMAP[prefix]}}}{local}" if local else key


def add_items(parent: etree._Element, items: list[object]) -> None:
    for item in items:
        if isinstance(item, Node):
            section = sub(parent, f"{{{RS}}}section")
            title = sub(section, f"{{{RS}}}title")
            if item.number:
                nr = sub(title, f"{{{RS}}}nr", item.number)
                nr.tail = item.title
            else:
                title.text = item.title
            add_items(section, item.items)
        else:
            sub(parent, f"{{{RS}}}para", str(item))


def identifier(data: dict, path: Path) -> str:
    if data.get("ecli"):
        return str(data["ecli"]).strip()
    # NOECLI_<court>_<date>_<case number> -> NOECLI:NL:<court>:<date>:<case number>
    _, court, date, case = path.stem.split("_", 3)
    return f"NOECLI:NL:{court}:{date}:{case}"


def procedures(data: dict) -> list[str]:
    meta = data.get("metadata_from_source") or {}
    value = meta.get("procedures") or data.get("procedure") or ""
    out = []
    for part in str(value).split(";"):
        part = part.strip()
        if part:
            out.append(part[0].upper() + part[1:])  # API labels are capitalised
    return out


def relation_of(label: str) -> tuple[str, str, str, str | None] | None:
    """An Open Data relation label ("Eerste aanleg: ECLI..., Bekrachtiging/bevestiging")."""
    m = re.match(r"^(Eerste aanleg|Hoger beroep|Cassatie|Conclusie):\s*(ECLI:[A-Z0-9:.]+)"
                 r"(?:,\s*(.+))?$", label.strip())
    if m is None:
        return None
    kind, ecli, gevolg = m.groups()
    psi_type, aanleg = {
        "Eerste aanleg": ("hogerBeroep", "eerdereAanleg"),
        "Hoger beroep": ("hogerBeroep", "latereAanleg"),
        "Cassatie": ("cassatie", "latereAanleg"),
        "Conclusie": ("conclusie", "eerdereAanleg"),
    }[kind]
    return ecli, psi_type, aanleg, gevolg


def comment_text(path: Path, corpus: Path, data: dict, ident: str) -> str:
    source = data.get("source_url") or data.get("source") or "unknown"
    parts = [
        f" Reconstructed by vonnis (scripts/reconstruct_samples.py) from "
        f"../shared/corpus/{path.relative_to(corpus).as_posix()}.",
        f"Text source: {source}.",
        "The court text and the metadata values are copied from that file; this XML wrapper",
        "(element structure, paragraph and section division) is ours: it is NOT a",
        "rechtspraak.nl Open Data response.",
    ]
    if ident.startswith("NOECLI:"):
        parts.append("The ECLI of this judgment is unknown; NOECLI:... is a vonnis identifier, "
                     "not an ECLI.")
    if not data.get("text_complete", True):
        parts.append("PARTIAL TEXT (text_complete=false): only the excerpt(s) in the source "
                     "file; see its notes.")
    if data.get("additional_fragments"):
        parts.append("Non-contiguous excerpts of the same judgment follow the main text, each "
                     "after a comment.")
    text = "\n     ".join(parts) + " "
    return text.replace("--", "- -")


def build(path: Path, corpus: Path) -> bytes:
    data = json.loads(path.read_text(encoding="utf-8"))
    ident = identifier(data, path)
    meta = data.get("metadata_from_source") or {}
    conclusie = ident.split(":")[2] == "PHR"

    root = etree.Element("open-rechtspraak")
    rdf = sub(root, f"{{{RDF}}}RDF", nsmap=NSMAP)  # declared here, as in API responses
    desc = sub(rdf, f"{{{RDF}}}Description")
    sub(desc, f"{{{DC}}}identifier", ident)
    sub(desc, f"{{{DC}}}format", "text/xml")
    sub(desc, f"{{{DC}}}accessRights", "public")
    if meta.get("modified"):
        sub(desc, f"{{{DC}}}modified", str(meta["modified"]).replace(" ", "T"))
    if meta.get("issue_date"):
        sub(desc, f"{{{DC}}}issued", str(meta["issue_date"])[:10], rdfs__label="Publicatiedatum")
    sub(desc, f"{{{DC}}}language", "nl")
    sub(desc, f"{{{DC}}}creator", str(data["court"]), rdfs__label="Instantie")
    if data.get("decision_date"):
        sub(desc, f"{{{DC}}}date", str(data["decision_date"]), rdfs__label="Uitspraakdatum")
    if data.get("case_number"):
        sub(desc, f"{{{PSI}}}zaaknummer", str(data["case_number"]), rdfs__label="Zaaknr")
    sub(desc, f"{{{DC}}}type", "Conclusie" if conclusie else "Uitspraak",
        resourceIdentifier="http://psi.rechtspraak.nl/"
        + ("conclusie" if conclusie else "uitspraak"))
    for label in procedures(data):
        attrib = {"rdfs__label": "Procedure"}
        uri = PROCEDURE_URIS.get(label.lower())
        if uri:
            attrib["resourceIdentifier"] = f"http://psi.rechtspraak.nl/procedure#{uri}"
        sub(desc, f"{{{PSI}}}procedure", label, **attrib)
    sub(desc, f"{{{DC}}}subject", "Strafrecht", rdfs__label="Rechtsgebied",
        resourceIdentifier="http://psi.rechtspraak.nl/rechtsgebied#strafrecht")
    relation = relation_of(str(meta.get("relation") or ""))
    if relation is not None:
        ecli, psi_type, aanleg, gevolg = relation
        attrib = {"rdfs__label": "Formele relatie", "ecli__resourceIdentifier": ecli,
                  "psi__type": f"http://psi.rechtspraak.nl/{psi_type}",
                  "psi__aanleg": f"http://psi.rechtspraak.nl/{aanleg}"}
        if gevolg:
            attrib["psi__gevolg"] = f"http://psi.rechtspraak.nl/gevolg#{gevolg}"
        sub(desc, f"{{{DC}}}relation", str(meta["relation"]), **attrib)

    summary = data.get("inhoudsindicatie")
    if summary:
        inh = sub(root, f"{{{RS}}}inhoudsindicatie", nsmap={None: RS}, id=f"{ident}:INH")
        for line in clean_lines(summary):
            sub(inh, f"{{{RS}}}para", line)

    body = sub(root, f"{{{RS}}}{'conclusie' if conclusie else 'uitspraak'}", nsmap={None: RS},
               id=f"{ident}:DOC")
    add_items(body, structure(clean_lines(data.get("text") or "")))
    for fragment in data.get("additional_fragments") or []:
        note = (f" non-contiguous excerpt of the same judgment (source: "
                f"{fragment.get('source_url', 'unknown')}; {fragment.get('position', '')}) ")
        body.append(etree.Comment(note.replace("--", "- -")))
        for line in clean_lines(fragment.get("text") or ""):
            sub(body, f"{{{RS}}}para", line)

    root.addprevious(etree.Comment(comment_text(path, corpus, data, ident)))
    etree.indent(root, space="  ")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + etree.tostring(
        root.getroottree(), encoding="utf-8") + b"\n"


def selected(corpus: Path, skipped: list[str] | None = None) -> list[tuple[Path, str]]:
    """(file, subfolder) pairs to reconstruct; the names left out go to `skipped`."""
    out: list[tuple[Path, str]] = []
    for path in sorted((corpus / "trafficking").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        text = (data.get("text") or "").strip()
        if data.get("text_complete") or len(text) >= MIN_TEXT:
            out.append((path, "trafficking"))
        else:
            print(f"skip {path.name}: {len(text)} characters of court text", file=sys.stderr)
            if skipped is not None:
                skipped.append(path.stem)
    for path in sorted((corpus / "criminal_full").glob("*.json")):
        out.append((path, "criminal"))
    return out


README_HEAD = """# samples/: real documents bundled with vonnis

Public-domain Dutch court decisions, so that `vonnis ingest samples` works on a machine
without `../shared/corpus`. Regenerate the reconstructed part with
`.venv/bin/python scripts/reconstruct_samples.py` (it rewrites this file too).

- `opendata/`: byte-for-byte copies of real rechtspraak.nl Open Data content responses from
  `../shared/corpus/opendata/` (the three criminal ones, conclusies, a CRLF file, the
  metadata-only response, sections/paragroups, a table, law references).
- `opendata_annotated/`: byte-for-byte copies of `../shared/corpus/opendata_annotated/`: real
  criminal documents carrying third-party `manualAnnotation` markup (NOT raw API output; the
  parser ignores the markup and keeps the text).
- `reconstructed/`: real court texts from `../shared/corpus/trafficking/*.json` and
  `../shared/corpus/criminal_full/*.json` wrapped by vonnis in the API's XML shape. The
  text and the metadata values are real; the wrapper (element structure, paragraph and
  section division) is ours, and every file says so in an XML comment at its top.
  - `trafficking/`: the complete trafficking texts and the partial ones with at least
    {min_text} characters of court text (partial = an excerpt, often only the header; some
    carry a second, non-contiguous excerpt after an XML comment). Left out: {skipped}.
  - `criminal/`: all complete criminal judgments of `criminal_full/` (none about
    trafficking: negatives for the filter, material for extraction).
  - Texts whose ECLI is unknown (`ecli: null`) are kept under the identifier
    `NOECLI:NL:<court>:<decision date>:<case number>`: it does not start with `ECLI:`, so it
    cannot be taken for a real ECLI, and `crawler.parse` accepts it as a local identifier.
  - Sections come from heading lines (numbered short lines, a number line followed by a
    short title line, or a usual unnumbered heading such as "Tenlastelegging"); this is a
    heuristic: a few charge items or list items may come out as sections.
  - Metadata: ECLI, court, decision date, case number and procedure from the JSON
    (procedure labels capitalised like the API's; "eerste aanleg (jeugd)" and the like are
    the corpus's own descriptions); publication date, modified and the relation only where
    the JSON has them (`metadata_from_source`); subject Strafrecht for all (both folders are
    criminal law).

| file | identifier | court | decision date | text | source |
|---|---|---|---|---|---|
"""


def manifest_sources(corpus: Path) -> dict[str, str]:
    """path -> source address, from the shared corpus MANIFEST table."""
    out: dict[str, str] = {}
    manifest = corpus / "MANIFEST.md"
    if not manifest.exists():
        return out
    for line in manifest.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[0].startswith(("opendata/", "opendata_annotated/")):
            out[cells[0]] = cells[2].split(" (")[0]
    return out


def write_readme(samples: Path, corpus: Path, skipped: list[str]) -> None:
    from crawler.parse import parse_document

    rows: list[str] = []
    sources = manifest_sources(corpus)
    for folder in ("opendata", "opendata_annotated"):
        for path in sorted((samples / folder).glob("*.xml")):
            doc = parse_document(path.read_bytes(), str(path))
            kind = doc.doc_type.value if doc.doc_type else "metadata only"
            source = sources.get(f"{folder}/{path.name}", f"../shared/corpus/{folder}/{path.name}")
            rows.append(f"| {folder}/{path.name} | {doc.ecli} | {doc.court.name} | "
                        f"{doc.decision_date or ''} | {kind}, copy | {source} |")
    for folder, origin in (("trafficking", "trafficking"), ("criminal", "criminal_full")):
        for path in sorted((samples / "reconstructed" / folder).glob("*.xml")):
            data = json.loads((corpus / origin / f"{path.stem}.json").read_text("utf-8"))
            doc = parse_document(path.read_bytes(), str(path))
            text = "complete" if data.get("text_complete", True) else "partial"
            if data.get("additional_fragments"):
                text += " + fragment"
            source = data.get("source_url") or data.get("source") or ""
            rows.append(f"| reconstructed/{folder}/{path.name} | {doc.ecli} | {doc.court.name} "
                        f"| {doc.decision_date or ''} | {text} | ../shared/corpus/{origin}/"
                        f"{path.stem}.json ({source}) |")
    head = README_HEAD.format(min_text=MIN_TEXT, skipped=", ".join(skipped) or "none")
    (samples / "README.md").write_text(head + "\n".join(rows) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--out", type=Path, default=REPO / "samples" / "reconstructed")
    args = parser.parse_args(argv)
    if not (args.corpus / "trafficking").is_dir():
        print(f"no shared corpus at {args.corpus}", file=sys.stderr)
        return 2
    count = 0
    skipped: list[str] = []
    for path, folder in selected(args.corpus, skipped):
        target = args.out / folder / (path.stem + ".xml")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(build(path, args.corpus))
        count += 1
    print(f"wrote {count} documents to {args.out}")
    if args.out.resolve() == (REPO / "samples" / "reconstructed").resolve():
        write_readme(REPO / "samples", args.corpus, skipped)
        print(f"wrote {REPO / 'samples' / 'README.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
