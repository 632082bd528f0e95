"""Patterns of the trafficking filter (used by `crawler.classify`).

Recall first: a judgment that is about trafficking must not be missed; a false flag costs a
researcher one look. Every pattern is case-insensitive. See classify.py for how a match
becomes a `Reason` and when it counts.

Articles (kind "article"):
- 273f Sr (mensenhandel since 2009/2010), 273a Sr (its number 2005-2009), 250a Sr (2000-2005),
  250ter Sr (1994-2000), and 273g Sr of the 2024-2025 modernisation bill (a separate offence
  next to a new 273f; whether judgments cite it yet is unchecked, so it is matched ahead of
  time). Written as "art. 273f", "artikel 273f, eerste lid, aanhef en onder 1", "273f.1 Sr",
  "273f lid 1 sub 1° Sr", "250 ter", "artikel 273 f". A bare "273" (art. 273 Sr is a
  different offence) never matches: the letter suffix is required.
- Caribbean equivalents: art. 2:239 of the Wetboeken van Strafrecht of Curaçao, Sint Maarten
  and Aruba, art. 286f Sr BES, and art. 260 of the old Netherlands Antilles code (SrNA,
  "vrouwenhandel") only when the code is named ("260" alone is far too common).
- The law named right after the number is recorded (`Reason.law`): "Sr", "Sv", "BW", ...
  An article of another law ("artikel 2:239 BW") is recorded as a weak reason that does not
  flag the document on its own.

Phrases (kind "phrase"): mensenhandel (and compounds: mensenhandelaar, mensenhandelzaak),
vrouwenhandel, loverboy(s), gedwongen prostitutie, gedwongen arbeid, dwangarbeid, moderne
slavernij, arbeidsuitbuiting, seksuele / criminele / economische uitbuiting, and uitbuiting /
uitgebuit on their own. "Uitbuiting" in criminal judgments is nearly always the 273f element
("met het oogmerk van uitbuiting"); the two common other senses are recorded as weak:
"financiële uitbuiting" (of elderly people: fraud, theft) and the verb "uitbuiten" ("de
situatie uitbuiten" = take advantage of). Human smuggling (mensensmokkel, 197a Sr) is a
different offence and is not matched.
"""

from __future__ import annotations

import re

# All patterns below run on the lower-cased text (same length, so offsets hold; see
# classify.lowered) and start with a literal: Python's re then scans with a fast literal
# search instead of trying every position (measured 30-60x faster than IGNORECASE patterns
# starting with a lookbehind or \b). Word-boundary checks before a match are done in code
# (`classify._boundary`), with the characters in NOT_BEFORE also ruled out.

# Case numbers, ECLIs, dates and paths glue numbers with these: "12/273f" is no article.
NOT_BEFORE = "/:-"

# (key, pattern): the article as the law numbers it, and how it is written. A space between
# number and letter ("273 f", "250 ter") is only accepted after "art."/"artikel" (or, for
# "250 ter", before "Sr"): "€ 250 ter zake van" is money.
SR_ARTICLES: list[tuple[str, re.Pattern[str]]] = [
    ("273f", re.compile(r"273(\s?)f(?![a-z0-9])")),
    ("273g", re.compile(r"273(\s?)g(?![a-z0-9])")),
    ("273a", re.compile(r"273(\s?)a(?![a-z0-9])")),
    ("250a", re.compile(r"250(\s?)a(?![a-z0-9])")),
    ("250ter", re.compile(r"250(\s?)ter(?![a-z0-9])")),
]
ART_WORD_BEFORE = re.compile(r"\bart(?:ikel(?:en)?|t)?\.?\s*$")
SR_AFTER = re.compile(r"\s*(?:sr\b|wvsr\b|van\s+het\s+wetboek)")

# Caribbean criminal codes. 2:239 and 286f only count where the code is (or may be) a
# criminal code: see classify.py. 260 SrNA only with the code named.
CARIBBEAN_ARTICLES: list[tuple[str, re.Pattern[str]]] = [
    ("2:239", re.compile(r"2\s?:\s?239(?![\w:])")),
    ("286f", re.compile(r"286(\s?)f(?![a-z0-9])")),
    ("260 SrNA", re.compile(
        r"260(?:\s*,\s*(?:eerste|tweede|derde)\s+lid,?)?\s*(?:van\s+het\s+)?"
        r"(?:srna|sr\s?na|w\.?v\.?sr\.?\s?na|wetboek\s+van\s+strafrecht\s+(?:van\s+de\s+)?"
        r"nederlandse\s+antillen)")),
]

# Laws that may be named right after an article number (run on the original text, on a
# short window), earliest match wins.
LAWS: list[tuple[str, re.Pattern[str]]] = [
    ("Sr", re.compile(r"\b(?:Sr|WvSr|W\.v\.Sr\.?|Wetboek\s+van\s+Strafrecht)(?![\w])", re.I)),
    ("Sv", re.compile(r"\b(?:Sv|WvSv|W\.v\.Sv\.?|Wetboek\s+van\s+Strafvordering)(?![\w])",
                      re.I)),
    ("BW", re.compile(r"\b(?:BW|Burgerlijk\s+Wetboek)(?![\w])")),
    ("Rv", re.compile(r"\b(?:Rv|Wetboek\s+van\s+Burgerlijke\s+Rechtsvordering)(?![\w])")),
    ("Awb", re.compile(r"\b(?:Awb|Algemene\s+wet\s+bestuursrecht)(?![\w])", re.I)),
    ("WVW", re.compile(r"\b(?:WVW|Wegenverkeerswet(?:\s+1994)?)(?![\w])", re.I)),
    ("Opiumwet", re.compile(r"\bOpiumwet\b", re.I)),
    ("Vw", re.compile(r"\b(?:Vw|Vreemdelingenwet(?:\s+2000)?)(?![\w])")),
    ("AWR", re.compile(r"\b(?:AWR|Algemene\s+wet\s+inzake\s+rijksbelastingen)(?![\w])")),
    ("WWM", re.compile(r"\b(?:WWM|Wet\s+wapens\s+en\s+munitie)(?![\w])", re.I)),
    ("WED", re.compile(r"\b(?:WED|Wet\s+op\s+de\s+economische\s+delicten)(?![\w])", re.I)),
    ("Wav", re.compile(r"\b(?:Wav|Wet\s+arbeid\s+vreemdelingen)(?![\w])", re.I)),
]
# The law belonging to an article is named within this clause: stop at the next article,
# "jo." chain, sentence end or line end.
CLAUSE_END = re.compile(r"[;\n]|\.\s+[A-Z]|\b(?:jo\.?|juncto|art(?:ikel(?:en)?|t)?\.?)\s*\d",
                        re.I)
LAW_WINDOW = 100
BES_WORD = re.compile(r"\bBES\b")

# (key, pattern, weak). Listed specific first: an occurrence inside an earlier match is not
# reported again ("seksuele uitbuiting" is not also "uitbuiting").
PHRASES: list[tuple[str, re.Pattern[str], bool]] = [
    ("mensenhandel", re.compile(r"mensenhandel\w*"), False),
    ("vrouwenhandel", re.compile(r"vrouwenhandel\w*"), False),
    ("loverboy", re.compile(r"loverboy\w*"), False),
    ("gedwongen prostitutie", re.compile(r"gedwongen\s+(?:tot\s+)?prostitutie\b"), False),
    ("gedwongen arbeid", re.compile(r"gedwongen\s+arbeid\b"), False),
    ("dwangarbeid", re.compile(r"dwangarbeid\w*"), False),
    ("moderne slavernij", re.compile(r"moderne\s+slavernij\b"), False),
    ("arbeidsuitbuiting", re.compile(r"arbeidsuitbuiting\w*"), False),
    ("seksuele uitbuiting", re.compile(r"seksuele\s+uitbuiting\b"), False),
    ("criminele uitbuiting", re.compile(r"criminele\s+uitbuiting\b"), False),
    ("economische uitbuiting", re.compile(r"economische\s+uitbuiting\b"), False),
    ("financiële uitbuiting", re.compile(r"financi[eë]le\s+uitbuiting\b"), True),
    ("uitbuiting", re.compile(r"uitbuiting\w*"), False),
    ("uitgebuit", re.compile(r"uitgebuit\w*"), False),
    ("uitbuiten", re.compile(r"uitbuit(?:en|end\w*)\b"), True),
]

# A substring every match of a pattern contains: `str.__contains__` rules a pattern out far
# faster than a regex scan, and most criminal judgments contain none of them.
GATES: dict[str, str] = {
    "273f": "273", "273g": "273", "273a": "273", "250a": "250", "250ter": "250",
    "2:239": "239", "286f": "286", "260 SrNA": "260",
    "mensenhandel": "mensenhandel", "vrouwenhandel": "vrouwenhandel", "loverboy": "loverboy",
    "gedwongen prostitutie": "gedwongen", "gedwongen arbeid": "gedwongen",
    "dwangarbeid": "dwangarbeid", "moderne slavernij": "slavernij",
    "arbeidsuitbuiting": "uitbuiting", "seksuele uitbuiting": "uitbuiting",
    "criminele uitbuiting": "uitbuiting", "economische uitbuiting": "uitbuiting",
    "financiële uitbuiting": "uitbuiting", "uitbuiting": "uitbuiting",
    "uitgebuit": "uitgebuit", "uitbuiten": "uitbuit",
}

# The Wetboek van Strafrecht in the BWB (dcterms:references identifiers).
BWB_SR = "BWBR0001854"
BWB_ARTICLE = re.compile(r"artikel=([0-9a-z:]+)", re.I)
