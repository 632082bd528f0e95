"""ECLI court codes: which court a code stands for, its level, and whether it is Caribbean.

The ECLI's third part is the court code (`ECLI:NL:RBAMS:2021:123` -> `RBAMS`). The table
holds the codes that occur in criminal case law (current and abolished rechtbanken and hoven,
Hoge Raad, its Parket, the Caribbean courts) and the other national courts, with names as
rechtspraak.nl prints them in `dcterms:creator`. A code missing from the table still gets a
level from its prefix (`RB*` rechtbank, `GH*` hof, `KTG*` kantongerecht), so a new court
never breaks parsing.

`bes` is true for every court of the Caribbean part of the Kingdom (codes starting with `O`:
Aruba, Curaçao, Sint Maarten, Bonaire/Sint Eustatius/Saba and their common courts). They
share one Gemeenschappelijk Hof, judge under local criminal codes (e.g. art. 2:239
Wetboek van Strafrecht van Curaçao / Sint Maarten, art. 286f Sr BES, old art. 260 SrNA
instead of 273f Sr) and must stay searchable as their own courts. `region` tells the
islands apart for studies that want only Bonaire, Sint Eustatius and Saba.
"""

from __future__ import annotations

from dataclasses import dataclass

from vonnis.models import Court, CourtLevel


@dataclass(frozen=True)
class CourtInfo:
    code: str
    name: str
    level: CourtLevel
    bes: bool = False
    region: str | None = None  # Caribbean courts only: aruba, curacao, sint_maarten, bes, ...
    abolished: bool = False


_R, _H = CourtLevel.rechtbank, CourtLevel.hof


def _c(code: str, name: str, level: CourtLevel, *, abolished: bool = False,
       region: str | None = None) -> CourtInfo:
    return CourtInfo(code, name, level, bes=region is not None, region=region,
                     abolished=abolished)


_TABLE: list[CourtInfo] = [
    _c("HR", "Hoge Raad", CourtLevel.hoge_raad),
    _c("PHR", "Parket bij de Hoge Raad", CourtLevel.phr),
    # Gerechtshoven (current, then abolished in the 2013 reorganisation)
    _c("GHAMS", "Gerechtshof Amsterdam", _H),
    _c("GHARL", "Gerechtshof Arnhem-Leeuwarden", _H),
    _c("GHDHA", "Gerechtshof Den Haag", _H),
    _c("GHSHE", "Gerechtshof 's-Hertogenbosch", _H),
    _c("GHARN", "Gerechtshof Arnhem", _H, abolished=True),
    _c("GHLEE", "Gerechtshof Leeuwarden", _H, abolished=True),
    _c("GHSGR", "Gerechtshof 's-Gravenhage", _H, abolished=True),
    # Rechtbanken (current)
    _c("RBAMS", "Rechtbank Amsterdam", _R),
    _c("RBDHA", "Rechtbank Den Haag", _R),
    _c("RBGEL", "Rechtbank Gelderland", _R),
    _c("RBLIM", "Rechtbank Limburg", _R),
    _c("RBMNE", "Rechtbank Midden-Nederland", _R),
    _c("RBNHO", "Rechtbank Noord-Holland", _R),
    _c("RBNNE", "Rechtbank Noord-Nederland", _R),
    _c("RBOBR", "Rechtbank Oost-Brabant", _R),
    _c("RBOVE", "Rechtbank Overijssel", _R),
    _c("RBROT", "Rechtbank Rotterdam", _R),
    _c("RBZWB", "Rechtbank Zeeland-West-Brabant", _R),
    # Rechtbanken (abolished)
    _c("RBALK", "Rechtbank Alkmaar", _R, abolished=True),
    _c("RBALM", "Rechtbank Almelo", _R, abolished=True),
    _c("RBARN", "Rechtbank Arnhem", _R, abolished=True),
    _c("RBASS", "Rechtbank Assen", _R, abolished=True),
    _c("RBBRE", "Rechtbank Breda", _R, abolished=True),
    _c("RBDOR", "Rechtbank Dordrecht", _R, abolished=True),
    _c("RBGRO", "Rechtbank Groningen", _R, abolished=True),
    _c("RBHAA", "Rechtbank Haarlem", _R, abolished=True),
    _c("RBLEE", "Rechtbank Leeuwarden", _R, abolished=True),
    _c("RBMAA", "Rechtbank Maastricht", _R, abolished=True),
    _c("RBMID", "Rechtbank Middelburg", _R, abolished=True),
    _c("RBONE", "Rechtbank Oost-Nederland", _R, abolished=True),
    _c("RBROE", "Rechtbank Roermond", _R, abolished=True),
    _c("RBSGR", "Rechtbank 's-Gravenhage", _R, abolished=True),
    _c("RBSHE", "Rechtbank 's-Hertogenbosch", _R, abolished=True),
    _c("RBUTR", "Rechtbank Utrecht", _R, abolished=True),
    _c("RBZLY", "Rechtbank Zwolle-Lelystad", _R, abolished=True),
    _c("RBZUT", "Rechtbank Zutphen", _R, abolished=True),
    _c("RBZWO", "Rechtbank Zwolle", _R, abolished=True),
    # Caribbean part of the Kingdom
    _c("OGHACMB", "Gemeenschappelijk Hof van Justitie van Aruba, Curaçao, Sint Maarten en van "
       "Bonaire, Sint Eustatius en Saba", _H, region="common"),
    _c("OGHNAA", "Gemeenschappelijk Hof van Justitie van de Nederlandse Antillen en Aruba", _H,
       abolished=True, region="common"),
    _c("OHJNA", "Hof van Justitie van de Nederlandse Antillen", _H, abolished=True,
       region="common"),
    _c("OGEAA", "Gerecht in eerste aanleg van Aruba", _R, region="aruba"),
    _c("OGEAC", "Gerecht in eerste aanleg van Curaçao", _R, region="curacao"),
    _c("OGEAM", "Gerecht in eerste aanleg van Sint Maarten", _R, region="sint_maarten"),
    _c("OGEABES", "Gerecht in eerste aanleg van Bonaire, Sint Eustatius en Saba", _R,
       region="bes"),
    _c("OGEAB", "Gerecht in eerste aanleg van Bonaire", _R, abolished=True, region="bes"),
    _c("OGEANA", "Gerecht in eerste aanleg van de Nederlandse Antillen", _R, abolished=True,
       region="common"),
    _c("OGAACMB", "Gerecht in Ambtenarenzaken van Aruba, Curaçao, Sint Maarten en van Bonaire, "
       "Sint Eustatius en Saba", CourtLevel.other, region="common"),
    _c("OGANA", "Gerecht in Ambtenarenzaken van de Nederlandse Antillen", CourtLevel.other,
       abolished=True, region="common"),
    _c("ORBAACM", "Raad van Beroep in Ambtenarenzaken van Aruba, Curaçao, Sint Maarten en van "
       "Bonaire, Sint Eustatius en Saba", CourtLevel.other, region="common"),
    _c("ORBANAA", "Raad van Beroep in Ambtenarenzaken (Nederlandse Antillen en Aruba)",
       CourtLevel.other, abolished=True, region="common"),
    _c("ORBBACM", "Raad van Beroep voor Belastingzaken van Aruba, Curaçao, Sint Maarten en van "
       "Bonaire, Sint Eustatius en Saba", CourtLevel.other, region="common"),
    _c("ORBBNAA", "Raad van Beroep voor Belastingzaken (Nederlandse Antillen en Aruba)",
       CourtLevel.other, abolished=True, region="common"),
    _c("OCHM", "Constitutioneel Hof Sint Maarten", CourtLevel.other, region="sint_maarten"),
    # Other national courts (administrative law, disciplinary boards, ...)
    _c("CBB", "College van Beroep voor het bedrijfsleven", CourtLevel.other),
    _c("CRVB", "Centrale Raad van Beroep", CourtLevel.other),
    _c("RVS", "Raad van State", CourtLevel.other),
]

COURTS: dict[str, CourtInfo] = {info.code: info for info in _TABLE}


def court_info(code: str) -> CourtInfo:
    """What the table knows about a court code; unknown codes get a level from their prefix."""
    code = code.strip().upper()
    known = COURTS.get(code)
    if known is not None:
        return known
    if code.startswith("RB") or code.startswith("KTG"):
        # KTG*: the kantongerechten, merged into the rechtbanken in 2002 (first instance).
        level = CourtLevel.rechtbank
    elif code.startswith("GH"):
        level = CourtLevel.hof
    else:
        level = CourtLevel.other
    caribbean = code.startswith("O")
    return CourtInfo(code, code, level, bes=caribbean, region="unknown" if caribbean else None)


def make_court(code: str, name: str | None = None) -> Court:
    """A `Court` for the model: the name as the document prints it, else the table's name."""
    info = court_info(code)
    return Court(name=(name or "").strip() or info.name, code=info.code, level=info.level,
                 bes=info.bes)
