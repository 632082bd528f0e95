"""Dutch numbers, durations and amounts as judgments print them.

Judgments write numbers as digits ("42"), as words ("tweeënveertig", "vijftienduizend
tweehonderdveertig"), or both ("42 (tweeënveertig)"). Durations combine units ("1 jaar en
6 maanden"). Units follow the study's convention: 1 week = 7 days, 1 month = 30 days,
1 year = 365 days.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

DAYS_PER_UNIT = {"dag": 1, "week": 7, "maand": 30, "jaar": 365}

_UNITS = {
    "nul": 0, "een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
    "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14,
    "vijftien": 15, "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19,
    "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70,
    "tachtig": 80, "negentig": 90,
}
_MULTIPLIERS = {"honderd": 100, "duizend": 1000, "miljoen": 1_000_000}
# Longest first, so "achttien" is not read as "acht" + "tien".
_MORPHEMES = sorted([*_UNITS, *_MULTIPLIERS, "en"], key=len, reverse=True)
_MORPHEME_RE = re.compile("|".join(_MORPHEMES))

# A number written in words, as it can stand in running text: one glued word, optionally
# continued after "duizend"/"miljoen" by a second word ("vijftienduizend tweehonderdveertig").
_W = r"(?:(?:" + "|".join(m.replace("een", "(?:een|één)").replace("en", "(?:en|ën)")
                          if m in ("een", "en") else m for m in _MORPHEMES) + r")+)"
NUMBER_WORD = (
    r"(?:anderhalf|(?:een\s+)?half|" + _W + r"(?:(?<=duizend)\s+" + _W + r"|(?<=miljoen)\s+"
    + _W + r")?)"
)
# Digits with Dutch separators: "63.757,90", "15.240,-", "1 000", "3,5".
NUMBER_DIGITS = r"(?:\d{1,3}(?:\.\d{3})+(?:,(?:\d{1,2}|-{1,2}))?|\d+(?:,(?:\d{1,2}|-{1,2}))?)"
# "42 (tweeënveertig)", "twee (2)", "42", "tweeënveertig".
NUMBER = (
    r"(?:" + NUMBER_DIGITS + r"(?:\s*\(\s*(?:zegge:?\s*)?" + NUMBER_WORD + r"\s*\))?|" + NUMBER_WORD
    + r"(?:\s*\(\s*" + NUMBER_DIGITS + r"\s*\))?)"
)

UNIT = (
    r"(?P<unit>jaren|jaar|jr\.?|maanden|maand|mnd\.?|weken|week|dagen|dag|dgn\.?|uren|uur|u\.)"
)
_UNIT_NORMAL = {
    "jaren": "jaar", "jaar": "jaar", "jr": "jaar", "jr.": "jaar",
    "maanden": "maand", "maand": "maand", "mnd": "maand", "mnd.": "maand",
    "weken": "week", "week": "week", "dagen": "dag", "dag": "dag", "dgn": "dag", "dgn.": "dag",
    "uren": "uur", "uur": "uur", "u.": "uur",
}

_WORD_BOUNDARY_L = r"(?<![\w€])"
DURATION_PART = _WORD_BOUNDARY_L + r"(?P<num>" + NUMBER + r")\s+" + UNIT + r"(?!\w)"
DURATION_PART_RE = re.compile(DURATION_PART, re.IGNORECASE)
# "1 jaar en 6 maanden", "2 jaren, 3 maanden en 10 dagen": one duration's parts go from larger
# to smaller units, so a second amount of the same or a larger unit is another term
# ("Jeugddetentie 150 dagen, 70 dagen voorwaardelijk"; "taakstraf van 240 uur en 120 dagen
# gevangenisstraf"), and hours never join days.
_YEARS, _MONTHS, _WEEKS, _DAYS = (r"(?:jaren|jaar|jr\.?)(?!\w)", r"(?:maanden|maand|mnd\.?)(?!\w)",
                                  r"(?:weken|week)(?!\w)", r"(?:dagen|dag|dgn\.?)(?!\w)")
_HOURS = r"(?:uren|uur|u\.)(?!\w)"


def _then(*units: str) -> str:
    return "".join(r"(?:\s*(?:,|en)\s*" + NUMBER + r"\s+" + unit + ")?" for unit in units)


DURATION = (
    _WORD_BOUNDARY_L + NUMBER + r"\s+(?:" + _YEARS + _then(_MONTHS, _WEEKS, _DAYS)
    + "|" + _MONTHS + _then(_WEEKS, _DAYS) + "|" + _WEEKS + _then(_DAYS) + "|" + _DAYS
    + "|" + _HOURS + ")"
)
DURATION_RE = re.compile(DURATION, re.IGNORECASE)

MONEY = (
    r"(?:(?:€|EUR|euro)\s*(?P<amount>" + NUMBER_DIGITS + r")(?:\s*\([^)]{0,80}\))?"
    r"|(?P<amount2>" + NUMBER_DIGITS + r")\s*(?:euro|EUR|€)"
    r"|(?P<words>" + NUMBER_WORD + r")\s+euro(?:\s+en\s+(?P<cents>" + NUMBER_WORD
    + r")\s+cent)?)"
)
MONEY_RE = re.compile(MONEY, re.IGNORECASE)


def _fold(text: str) -> str:
    """Lower case without diacritics: "tweeënveertig" -> "tweeenveertig", "één" -> "een"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def parse_number_word(text: str) -> float | None:
    """Dutch number words to a number; None when the text is not a number word."""
    s = re.sub(r"[\s\-]+", "", _fold(text))
    if not s:
        return None
    if s == "anderhalf":
        return 1.5
    if s in ("half", "eenhalf"):
        return 0.5
    tokens: list[str] = []
    pos = 0
    while pos < len(s):
        m = _MORPHEME_RE.match(s, pos)
        if not m:
            return None
        tokens.append(m.group(0))
        pos = m.end()
    if not tokens or all(t == "en" for t in tokens) or tokens[0] == "en" or tokens[-1] == "en":
        return None
    total = 0
    current = 0
    for tok in tokens:
        if tok == "en":
            continue
        if tok in _UNITS:
            current += _UNITS[tok]
        elif tok == "honderd":
            current = (current or 1) * 100
        else:  # duizend, miljoen
            total += (current or 1) * _MULTIPLIERS[tok]
            current = 0
    return float(total + current)


def parse_digits(text: str) -> float | None:
    """Dutch digits: "63.757,90" -> 63757.9, "15.240,-" -> 15240, "3,5" -> 3.5."""
    s = text.strip().replace(" ", "")
    s = re.sub(r",-+$", "", s)
    if not re.fullmatch(r"[\d.,]+", s):
        return None
    if "," in s:
        whole, _, frac = s.partition(",")
        whole = whole.replace(".", "")
        try:
            return float(f"{whole or 0}.{frac or 0}")
        except ValueError:
            return None
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", s):
        return float(s.replace(".", ""))
    try:
        return float(s)
    except ValueError:
        return None


def parse_number(text: str) -> float | None:
    """Digits, words, or both ("42 (tweeënveertig)"): the digits win when both are there."""
    text = text.strip()
    m = re.match(r"^\s*(" + NUMBER_DIGITS + r")", text)
    if m:
        return parse_digits(m.group(1))
    m = re.match(r"^\s*(" + NUMBER_WORD + r")", text, re.IGNORECASE)
    if m:
        return parse_number_word(m.group(1))
    return None


@dataclass(frozen=True)
class Duration:
    """A parsed duration: its total in days (or hours, for community service), and parts."""

    days: float | None  # None when the unit is hours
    hours: float | None
    parts: tuple[tuple[float, str], ...]  # ((1.0, "jaar"), (6.0, "maand"))
    text: str

    @property
    def years(self) -> float | None:
        return None if self.days is None else self.days / 365


def parse_duration(text: str) -> Duration | None:
    """"1 jaar en 6 maanden" -> 545 days; "200 (tweehonderd) uren" -> 200 hours."""
    parts: list[tuple[float, str]] = []
    for m in DURATION_PART_RE.finditer(text):
        value = parse_number(m.group("num"))
        if value is None:
            continue
        parts.append((value, _UNIT_NORMAL[m.group("unit").lower()]))
    if not parts:
        return None
    hours = sum(v for v, u in parts if u == "uur")
    days = sum(v * DAYS_PER_UNIT[u] for v, u in parts if u != "uur")
    has_days = any(u != "uur" for _, u in parts)
    has_hours = any(u == "uur" for _, u in parts)
    return Duration(
        days=days if has_days else None,
        hours=hours if has_hours else None,
        parts=tuple(parts),
        text=text,
    )


def parse_money(match: re.Match[str]) -> float | None:
    """The amount of a MONEY_RE match in euros."""
    if match.group("amount"):
        return parse_digits(match.group("amount"))
    if match.group("amount2"):
        return parse_digits(match.group("amount2"))
    if match.group("words"):
        euros = parse_number_word(match.group("words"))
        if euros is None:
            return None
        cents = parse_number_word(match.group("cents")) if match.group("cents") else 0.0
        return euros + (cents or 0.0) / 100
    return None


def money_in(text: str) -> list[tuple[float, int, int]]:
    """Every amount in euros in `text`, with its offsets."""
    found = []
    for m in MONEY_RE.finditer(text):
        value = parse_money(m)
        if value is not None:
            found.append((value, m.start(), m.end()))
    return found
