"""crawler.parse on real Open Data documents: every corpus file parses, hand-checked fields,
text/section invariants, and the malformed inputs that must raise ParseError."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from crawler.courts import court_info, make_court
from crawler.parse import ParseError, parse_document
from tests.conftest import SAMPLES, SHARED_CORPUS
from vonnis.models import CourtLevel, DocType, Document

SHARED_XML = sorted((SHARED_CORPUS / "opendata").glob("*.xml")) + sorted(
    (SHARED_CORPUS / "opendata_annotated").glob("*.xml"))
SAMPLE_XML = sorted(SAMPLES.glob("**/*.xml"))


def _name(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def load(relative: str) -> bytes:
    return (SAMPLES / relative).read_bytes()


def title_line(section) -> str:
    return " ".join(p for p in (section.number, section.title) if p)


def check_invariants(doc: Document) -> None:
    """What every later stage relies on: one plain text, clean lines, sections into it."""
    text = doc.text
    if text:
        assert "\n\n" not in text and not text.startswith("\n") and not text.endswith("\n")
        for line in text.split("\n"):
            assert line == line.strip() and line
            assert "\t" not in line and "\r" not in line and "  " not in line
    for section in doc.sections:
        assert 0 <= section.start < section.end <= len(text)
        assert text[section.start:section.end].startswith(title_line(section))
        assert section.start == 0 or text[section.start - 1] == "\n"  # starts a line
        assert section.depth >= 1
    # a nested section lies inside the section that opened before it at a lower depth
    for i, section in enumerate(doc.sections):
        if section.depth > 1:
            parent = next(s for s in reversed(doc.sections[:i]) if s.depth < section.depth)
            assert parent.start < section.start and section.end <= parent.end
    if doc.summary is not None:
        assert doc.summary and doc.summary == doc.summary.strip()


# -- every real document ------------------------------------------------------------------


@pytest.mark.parametrize("path", SHARED_XML, ids=_name)
def test_every_shared_corpus_document_parses(path: Path) -> None:
    doc = parse_document(path.read_bytes(), str(path))
    assert doc.ecli.replace(":", "_") == path.stem
    check_invariants(doc)
    if doc.doc_type is not None:
        assert len(doc.text) > 1000


@pytest.mark.parametrize("path", SAMPLE_XML, ids=_name)
def test_every_sample_parses(path: Path) -> None:
    doc = parse_document(path.read_bytes(), str(path))
    check_invariants(doc)
    if "reconstructed" not in path.parts:
        assert doc.ecli.replace(":", "_") == path.stem


def test_shared_corpus_has_the_expected_variants(shared_corpus: Path) -> None:
    docs = [parse_document(p.read_bytes()) for p in SHARED_XML]
    assert len(docs) == 36
    kinds = [d.doc_type for d in docs]
    assert kinds.count(DocType.uitspraak) == 28 and kinds.count(DocType.conclusie) == 7
    assert kinds.count(None) == 1


# -- hand-checked documents (expected values read from the XML) ---------------------------


def test_hoge_raad_1984_every_field() -> None:
    # Two rdf:Description blocks: the document (issued 2013-04-04) and the deeplink
    # (rdf:about, issued 2013-11-05); only the first holds the document metadata.
    doc = parse_document(load("opendata/ECLI_NL_HR_1984_AC8252.xml"))
    assert doc.ecli == "ECLI:NL:HR:1984:AC8252"
    assert doc.doc_type is DocType.uitspraak
    assert doc.court.model_dump() == {"name": "Hoge Raad", "code": "HR",
                                      "level": CourtLevel.hoge_raad, "bes": False}
    assert doc.decision_date == dt.date(1984, 1, 17)
    assert doc.publication_date == dt.date(2013, 4, 4)
    assert doc.modified == dt.datetime(2014, 4, 21, 23, 52, 22)
    assert doc.case_numbers == ["76.275"]
    assert doc.procedures == ["Cassatie"]
    assert doc.subjects == ["Strafrecht"]
    assert doc.seat is None
    assert doc.relations == [] and doc.references == [] and doc.sections == []
    assert doc.summary is not None
    assert doc.summary.startswith("Aanslag op Turkse consul te Rotterdam in 1982. 1. Bedreiging")
    assert "in de weergegeven f&o besloten ligt" in doc.summary  # &amp; decoded
    assert doc.summary.endswith("vindt geen steun in het recht.")
    # empty <para/> elements are dropped; parablock paragraphs are lines of their own
    assert doc.text.startswith(
        "17 januari 1984\nStrafkamer\nnr. 76.275\nIH\nHoge Raad der Nederlanden\n"
        "Arrest op het beroep in cassatie tegen een arrest van het Gerechtshof te "
        "'s-Gravenhage van 28 maart 1983")
    assert doc.text.endswith(
        "9. Beslissing\nDe Hoge Raad verwerpt het beroep.\nDit arrest is gewezen door de "
        "raadsheer Van der Ven als voorzitter en de raadsheren De Waard, Hermans, Jeukens en "
        "Haak, in bijzijn van de griffier Sillevis Smitt-Mülder, en uitgesproken op "
        "17 januari 1984.")
    assert "\n7.4. Het middel is derhalve vruchteloos opgeworpen.\n8. Slotsom\n" in doc.text


def test_gerechtshof_den_bosch_2014_sections_paragroups_relation() -> None:
    doc = parse_document(load("opendata/ECLI_NL_GHSHE_2014_1641.xml"))
    assert doc.ecli == "ECLI:NL:GHSHE:2014:1641"
    assert doc.doc_type is DocType.uitspraak
    assert doc.court.model_dump() == {"name": "Gerechtshof 's-Hertogenbosch", "code": "GHSHE",
                                      "level": CourtLevel.hof, "bes": False}
    assert doc.decision_date == dt.date(2014, 6, 3)
    assert doc.publication_date == dt.date(2014, 6, 3)
    assert doc.modified == dt.datetime(2015, 6, 23, 13, 33, 50)
    assert doc.case_numbers == ["HD 200.132.399_01"]
    assert doc.procedures == ["Hoger beroep"]
    assert doc.subjects == ["Civiel recht; Arbeidsrecht"]
    assert doc.seat == "'s-Hertogenbosch"
    assert [r.model_dump() for r in doc.relations] == [{
        "ecli": "ECLI:NL:GHSHE:2015:1672", "type": "tussenuitspraak", "aanleg": "latereAanleg",
        "gevolg": None, "label": "Einduitspraak: ECLI:NL:GHSHE:2015:1672"}]
    assert doc.references == []
    assert doc.summary == "dwaling over pensioenrechten bij beëindiging arbeidsovereenkomst"
    assert [(s.number, s.title, s.depth) for s in doc.sections] == [
        ("1", "Het geding in eerste aanleg (zaaknr. 362767/CV EXPL 13-228)", 1),
        ("2", "Het geding in hoger beroep", 1),
        ("3", "De gronden van het hoger beroep", 1),
        ("4", "De beoordeling", 1),
        ("5", "De uitspraak", 1),
    ]
    # uitspraak.info (bridgehead, emphasis) comes first, as lines
    assert doc.text.startswith("GERECHTSHOF ’s-HERTOGENBOSCH\nAfdeling civiel recht\n"
                               "zaaknummer HD 200.132.399/01\narrest van 3 juni 2014\n")
    first = doc.sections[0]
    assert doc.text[first.start:first.end] == (
        "1 Het geding in eerste aanleg (zaaknr. 362767/CV EXPL 13-228)\n"
        "Voor het geding in eerste aanleg verwijst het hof naar voormeld vonnis.")
    # the paragroup number goes in front of its first paragraph
    assert "\n4 De beoordeling\n4.1. Het gaat in deze zaak om het volgende.\n4.1.1. [appellant]," \
        in doc.text
    # tabs inside a paragraph are whitespace like any other
    assert "\nHuidige netto salaris = uitgangspunt (salaris februari 2012)* € 2.298,64\n" \
        in doc.text


def test_conclusie_with_crlf() -> None:
    raw = load("opendata/ECLI_NL_PHR_2011_BP5608.xml")
    assert b"\r\n" in raw
    doc = parse_document(raw)
    assert doc.ecli == "ECLI:NL:PHR:2011:BP5608"
    assert doc.doc_type is DocType.conclusie
    assert doc.court.model_dump() == {"name": "Parket bij de Hoge Raad", "code": "PHR",
                                      "level": CourtLevel.phr, "bes": False}
    assert doc.decision_date == dt.date(2011, 5, 27)
    assert doc.publication_date == dt.date(2013, 4, 5)  # not the deeplink's 2011-05-27
    assert doc.modified == dt.datetime(2018, 3, 11, 18, 28, 5)
    assert doc.case_numbers == ["09/04566"]
    assert doc.procedures == []
    assert doc.subjects == ["Civiel recht"]
    assert [r.model_dump() for r in doc.relations] == [{
        "ecli": "ECLI:NL:HR:2011:BP5608", "type": "conclusie", "aanleg": "latereAanleg",
        "gevolg": None, "label": "Arrest Hoge Raad: ECLI:NL:HR:2011:BP5608"}]
    assert doc.summary == (
        "(Art. 81 RO). Procesrecht. Aan bewijsaanbod in hoger beroep te stellen eisen. "
        "Verboden bewijsprognose? Voldoende belang bij vordering? Bevel bepaalde stellingen "
        "toe te lichten (als bedoeld in art. 22 Rv.).")
    assert doc.text.startswith("09/04566\nmr. M.H. Wissink\nZitting: 18 februari 2011\n"
                               "Conclusie inzake:\nWestlandse Plantenkwekerij B.V.\n")
    assert doc.text.endswith("\n17 Vgl. HR 9 juni 2006, LJN: AW2089, NJ 2006, 327.")
    assert "\r" not in doc.text


def test_metadata_only_response() -> None:
    doc = parse_document(load("opendata/ECLI_NL_PHR_2013_1528.xml"))
    assert doc.ecli == "ECLI:NL:PHR:2013:1528"
    assert doc.doc_type is None  # dcterms:type says Conclusie, but there is no body
    assert doc.court.code == "PHR" and doc.court.level is CourtLevel.phr
    assert doc.decision_date == dt.date(2013, 9, 3)
    assert doc.publication_date == dt.date(2013, 12, 2)
    assert doc.modified == dt.datetime(2014, 9, 25, 15, 11, 34)
    assert doc.case_numbers == ["11/05455"]
    assert doc.procedures == [] and doc.subjects == [] and doc.relations == []
    assert doc.summary is None and doc.text == "" and doc.sections == []


def test_law_references_and_several_procedures() -> None:
    doc = parse_document(load("opendata/ECLI_NL_RBDHA_2013_15631.xml"))
    assert doc.procedures == ["Bodemzaak", "Eerste aanleg - enkelvoudig",
                              "Mondelinge uitspraak", "Proces-verbaal"]
    assert doc.case_numbers == ["SGR 12/5055"]
    assert [(r.identifier, r.label) for r in doc.references] == [
        ("1.0:v:BWB:BWBR0002320&artikel=30f&g=2013-07-03",
         "Algemene wet inzake rijksbelastingen 30f"),
        ("1.0:v:BWB:BWBR0001833&artikel=11&g=2013-07-03", "Wet algemene bepalingen 11"),
        ("1.0:v:BWB:BWBR0005806&artikel=10&g=2013-07-03",
         "Wet op de belasting van personenauto's en motorrijwielen 1992 10"),
        ("CVDR:267366_1", "Beleidsregel Besluit proceskosten bestuursrecht 3"),
        ("1.0:v:BWB:BWBR0005537&artikel=7:15&g=2013-07-03", "Algemene wet bestuursrecht 7:15"),
        ("1.0:v:BWB:BWBR0005537&artikel=8:75&g=2013-07-03", "Algemene wet bestuursrecht 8:75"),
        ("1.0:v:BWB:BWBR0005537&artikel=8:73&g=2013-07-03", "Algemene wet bestuursrecht 8:73"),
    ]
    assert [s.title for s in doc.sections] == [
        "de inspecteur van de Belastingdienst[te P], verweerder.", "Zitting", "Beslissing",
        "Overwegingen", "Rechtsmiddel"]


def test_table_rows_become_lines_with_cells() -> None:
    doc = parse_document(load("opendata/ECLI_NL_RBGEL_2015_6991.xml"))
    assert "\ngriffier | | voorzitter\n" in doc.text  # a signature table, middle cell empty
    assert [s.title for s in doc.sections] == ["Procesverloop", "Overwegingen", "Beslissing"]


def test_annotated_markup_is_ignored_and_footnotes_appended() -> None:
    doc = parse_document(load("opendata_annotated/ECLI_NL_PHR_2014_2543.xml"))
    assert "manualAnnotation" not in doc.text and "TEXT_BLOCK" not in doc.text
    # footnote references become [label]; footnote texts follow the body, one per line
    assert "op 11 december 200[8][2] is uit" in doc.text
    lines = doc.text.split("\n")
    notes = [line for line in lines if line.startswith("[") and line[1:2].isdigit()]
    assert notes and notes[0].startswith("[1] ")
    assert lines[-len(notes):] == notes  # all at the end, in order
    assert [n.split("]")[0] for n in notes] == [f"[{i}" for i in range(1, len(notes) + 1)]


def test_annotated_number_wrapper_keeps_a_space() -> None:
    # <potentialnr>1.</potentialnr><text>De bestreden einduitspraak</text>
    doc = parse_document(load("opendata_annotated/ECLI_NL_HR_2001_ZD2545.xml"))
    assert "\n1. De bestreden einduitspraak\n" in doc.text
    assert "\n3.1 In het middel wordt" in doc.text


def test_footnotes_and_tables_in_a_large_raw_document(shared_corpus: Path) -> None:
    doc = parse_document((shared_corpus / "opendata/ECLI_NL_GHAMS_2020_3025.xml").read_bytes())
    assert "\nJaar | Omzet exclusief OB in € | Verschuldigde OB in € | Voorbelasting in € | " \
           "Afdracht op aangifte in €\n2007 | 108.961.280 | 19.473.397 | 20.246.415 | " \
           "- 618.199\n" in doc.text
    assert "en waarvoor is gecorrigeerd[1]. Voor elk" in doc.text
    assert "\n[4] HvJ van 2 mei 2018, C-574/15, ECLI:EU:C:2018:295 (Mauro Scialdone).\n" \
        in doc.text
    untitled = [s for s in doc.sections if s.title is None]  # <title /> in the source
    assert len(untitled) == 1 and doc.text[untitled[0].start:].startswith("Het Hof maakt ook")


def test_reconstructed_sample_sections() -> None:
    doc = parse_document(load("reconstructed/trafficking/ECLI_NL_RBHAA_2006_BD5491.xml"))
    assert doc.ecli == "ECLI:NL:RBHAA:2006:BD5491"
    assert doc.court.name == "Rechtbank Haarlem" and doc.court.level is CourtLevel.rechtbank
    assert doc.decision_date == dt.date(2006, 5, 9)
    assert doc.case_numbers == ["15/630799-05"]
    assert doc.procedures == ["Eerste aanleg - meervoudig"]
    assert doc.modified == dt.datetime(2015, 11, 11, 10, 8, 25)
    heads = [(s.number, s.title, s.depth) for s in doc.sections[:5]]
    assert heads == [("1.", "Tenlastelegging", 1), ("2.", "Voorvragen", 1), ("3.", "Bewijs", 1),
                     ("3.1", "Vrijspraak", 2), ("3.2", "Bewezenverklaring", 2)]
    assert doc.text.startswith("RECHTBANK HAARLEM\nSECTOR STRAFRECHT\nMEERVOUDIGE STRAFKAMER\n")


def test_caribbean_court_is_marked() -> None:
    doc = parse_document(load("reconstructed/criminal/ECLI_NL_OGEAC_2020_292.xml"))
    assert doc.court.model_dump() == {"name": "Gerecht in eerste aanleg van Curaçao",
                                      "code": "OGEAC", "level": CourtLevel.rechtbank,
                                      "bes": True}


def test_noecli_identifier_is_accepted_but_not_an_ecli() -> None:
    doc = parse_document(load(
        "reconstructed/trafficking/NOECLI_RBMNE_2015-09-15_16-705621-14.xml"))
    assert doc.ecli == "NOECLI:NL:RBMNE:2015-09-15:16-705621-14"
    assert not doc.ecli.startswith("ECLI:")
    assert doc.court.code == "RBMNE" and doc.court.name == "Rechtbank Midden-Nederland"


# -- robustness -----------------------------------------------------------------------------


def test_bom_crlf_and_encoding_declarations_change_nothing() -> None:
    raw = load("opendata/ECLI_NL_HR_1992_BA5424.xml")
    base = parse_document(raw)
    assert raw.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    variants = [
        b"\xef\xbb\xbf" + raw,
        raw.replace(b"\n", b"\r\n"),
        raw.replace(b'encoding="utf-8"', b'encoding="UTF-8"', 1),
        raw.decode("utf-8").encode("iso-8859-1", "xmlcharrefreplace").replace(
            b'encoding="utf-8"', b'encoding="ISO-8859-1"', 1),
        raw.decode("utf-8"),  # str input
    ]
    for variant in variants:
        assert parse_document(variant) == base


def test_description_order_does_not_matter() -> None:
    raw = load("opendata/ECLI_NL_HR_1984_AC8252.xml").decode("utf-8")
    start = raw.index("    <rdf:Description>")
    middle = raw.index("    <rdf:Description rdf:about")
    end = raw.index("  </rdf:RDF>")
    swapped = raw[:start] + raw[middle:end] + raw[start:middle] + raw[end:]
    assert parse_document(swapped.encode()) == parse_document(raw.encode())


def test_court_table() -> None:
    assert court_info("OGEABES").bes and court_info("OGEABES").level is CourtLevel.rechtbank
    assert court_info("OGHACMB").bes and court_info("OGHACMB").level is CourtLevel.hof
    for code in ("OGEAA", "OGEAC", "OGEAM", "OGHNAA"):
        assert court_info(code).bes
    assert court_info("PHR").level is CourtLevel.phr
    assert court_info("RBZWB").level is CourtLevel.rechtbank and not court_info("RBZWB").bes
    assert court_info("RBNEW").level is CourtLevel.rechtbank  # unknown: by prefix
    assert court_info("GHNEW").level is CourtLevel.hof
    assert court_info("CRVB").level is CourtLevel.other
    assert make_court("OGEAC", None).name == "Gerecht in eerste aanleg van Curaçao"


# -- malformed input -------------------------------------------------------------------------


def _without_identifier(raw: bytes) -> bytes:
    return raw.replace(b"<dcterms:identifier>ECLI:NL:HR:1992:BA5424</dcterms:identifier>", b"")


@pytest.mark.parametrize(("raw", "message"), [
    (b"", "empty"),
    (b"  \n ", "empty"),
    (b"this is not XML", "malformed"),
    (b"<html><body><h1>503 Service Unavailable</h1></body></html>", "<html>"),
    (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>', "<feed>"),
    (b"<open-rechtspraak></open-rechtspraak>", "rdf:Description"),
], ids=["empty", "blank", "not-xml", "html", "atom", "no-metadata"])
def test_unusable_input_raises(raw: bytes, message: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_document(raw, "test")
    assert message in info.value.reason


def test_truncated_documents_raise() -> None:
    raw = load("opendata/ECLI_NL_HR_1992_BA5424.xml")
    for cut in (10, 200, len(raw) // 2, len(raw) - 20):
        with pytest.raises(ParseError, match="malformed"):
            parse_document(raw[:cut])


def test_missing_or_invalid_ecli_raises() -> None:
    raw = load("opendata/ECLI_NL_HR_1992_BA5424.xml")
    with pytest.raises(ParseError, match="missing ECLI"):
        parse_document(_without_identifier(raw))
    with pytest.raises(ParseError, match="not an ECLI"):
        parse_document(raw.replace(b">ECLI:NL:HR:1992:BA5424<", b">BA5424<"))
    lower = raw.replace(b">ECLI:NL:HR:1992:BA5424<", b"> ecli:nl:hr:1992:ba5424 <")
    assert parse_document(lower).ecli == "ECLI:NL:HR:1992:BA5424"


def test_entities_are_not_expanded() -> None:
    raw = load("opendata/ECLI_NL_HR_1992_BA5424.xml")
    bomb = raw.replace(
        b"<open-rechtspraak>",
        b'<!DOCTYPE open-rechtspraak [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b"<open-rechtspraak>", 1)
    doc = parse_document(bomb)  # the DTD is not used; nothing expands
    assert doc.ecli == "ECLI:NL:HR:1992:BA5424"
