"""Component `vonnis_articles`: offence articles, and whether charged / proven / acquitted.

Only offence articles are kept: Book 2 of the Wetboek van Strafrecht (art. 92 and up),
the trafficking articles under every number they had (273f, 273a, 250a, 250ter, and 273g of
the modernisation bill; in the Caribbean art. 2:239 of the Wetboeken van Strafrecht of
Aruba, Curaçao and Sint Maarten, art. 260 of the old Antillean code, art. 286f Sr BES),
smuggling (197a) and articles of special laws (Opiumwet, WWM, WVW 1994). General-part
articles (47, 57, 36f, ...) say nothing about the offence.

Articles are read from the text and from the inhoudsindicatie, which writes them in the
Hoge Raad's short form: "art. 273f.1.4 Sr" is art. 273f, first paragraph, under 4°;
"art. 273f.1 aanhef en onder 1, 2 en 4 Sr" three sub-paragraphs; "art. 273f.1. en 273f.3 Sr"
two paragraphs. Each sub-paragraph is its own entry. Flags from the summary: an article in a
sentence stating an acquittal is charged and acquitted; one in a sentence stating a
conviction (for the Hoge Raad: the conviction under appeal that stands) is proven.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from nlp.components._common import add_evidence, court_level, section_index, set_fact, usable
from nlp.components.verdict_cues import (
    Verdict,
    trafficking_under_appeal,
    verdict_outside_dictum,
)
from nlp.extensions import facts, summary_of, text_of

TRAFFICKING_ARTICLES = ("273f", "273g", "273a", "250a", "250ter", "2:239")
# Caribbean codes whose own numbers are the trafficking article.
_CARIBBEAN_TRAFFICKING = {("260", "SrNA"), ("286f", "Sr BES")}
_ORD = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6,
        "zevende": 7, "achtste": 8, "negende": 9}
_LAW = (r"(?P<law>Wetboek\s+van\s+Strafrecht(?:\s+BES)?|\(?(?:Wv)?Sr(?:\s*BES|NA)?\)?|Opiumwet|"
        r"Wet\s+wapens\s+en\s+munitie|WWM|Wegenverkeerswet(?:\s+1994)?|WVW(?:\s+1994)?)")
_NUM = r"(?:2:)?\d{1,3}[a-z]{0,6}"
# One sub-paragraph number: "4", "4°", "1º" (ordinal indicator), "1o" (a degree sign read as
# the letter o).
_SUBNUM = r"\d{1,2}(?:[°º]|o(?!\w))?(?![\w:])"
_SUBS = (r"(?:(?:aanhef\s+en\s+|ahf\.?\s*/\s*|aanhef\s*/\s*)?(?:onder|sub)\s+" + _SUBNUM
         + r"(?:\s*(?:,|en)\s*" + _SUBNUM + r")*|" + _SUBNUM.replace(r"(?:[°º]|o(?!\w))?", "[°º]")
         + r"(?:\s*(?:,|en)\s*\d{1,2}[°º])*)")
_TAIL = (r"(?P<tail>(?:\s*,?\s*(?:en\s+)?(?:(?:lid|leden)\s+\d+|(?:eerste|tweede|derde|vierde|"
         r"vijfde|zesde|zevende|achtste|negende)\s+lid|" + _SUBS + r"|jo(?:\.|ncto)?\s+"
         r"(?:art(?:ikel|\.)?\s*)?" + _NUM + r"))*)")
ARTICLE_RE = re.compile(
    r"\b(?:art(?:ikel|\.)?|artt\.)\s*(?P<num>" + _NUM + r")" + _TAIL
    + r"(?:[^.;\n]{0,40}?\b" + _LAW + r")?"
    r"|\b(?P<bare>273f|273a|250a|250ter|197a)\b" + _TAIL.replace("tail", "tail2")
    + r"(?:\s*(?:van\s+het\s+)?" + _LAW.replace("law", "law2") + r")?",
    re.IGNORECASE,
)
# "de artikelen 36f, 47, 57, 326 en 273f van het Wetboek van Strafrecht"
ARTICLE_LIST_RE = re.compile(
    r"\b(?:artikelen|artt\.)\s+(?P<list>" + _NUM + r"(?:\s*(?:,|en)\s*" + _NUM + r")+)\s+"
    r"(?:van\s+(?:het|de)\s+)?" + _LAW, re.IGNORECASE,
)
# The Hoge Raad's short form, one or more items sharing the law at the end:
# "art. 273f.1.1, 273f.1.4 en 273f.1.6 Sr", "art. 273f.1 onder 1 en 4 Sr",
# "art. 273f.1 (oud) Sr", "art. 420bis jo. 420ter Sr".
_ITEM = (r"\d{2,3}[a-z]{0,6}(?:\.\s?\d{1,2}(?!\d)(?:\.\s?\d{1,2}(?!\d))?\.?)?(?:\s+" + _SUBS
         + r")?")
SHORT_FORM_RE = re.compile(
    r"\b(?:art(?:ikel|\.)?|artt\.)\s*(?P<items>" + _ITEM + r"(?:\s*(?:,|en|jo\.?|juncto)\s*"
    r"(?:art\.\s*)?" + _ITEM + r")*)\s*,?\s*(?:\(oud\)\s*)?" + _LAW + r"(?![\w-])",
    re.IGNORECASE,
)
# The trafficking numbers are unambiguous, so their short form needs no law:
# "een impliciet bestanddeel is van art. 273f.1 sub 3 (vgl. ...)".
TRAFFICKING_SHORT_RE = re.compile(
    r"\b(?:art(?:ikel|\.)?\s*)?(?P<items>(?:273f|273g|273a|250a|250ter)\.\s?\d{1,2}(?!\d)"
    r"(?:\.\s?\d{1,2}(?!\d))?(?:\s+" + _SUBS + r")?)",
    re.IGNORECASE,
)
_ITEM_RE = re.compile(r"(?P<num>\d{2,3}[a-z]{0,6})(?:\.\s?(?P<para>\d{1,2})(?!\d)"
                      r"(?:\.\s?(?P<sub>\d{1,2})(?!\d))?)?(?P<subs>\s+" + _SUBS + r")?",
                      re.IGNORECASE)
_PARA_RE = re.compile(r"(?:lid|leden)\s+(\d+)|(eerste|tweede|derde|vierde|vijfde|zesde|zevende|"
                      r"achtste|negende)\s+lid", re.IGNORECASE)
_SUB_NUMBER_RE = re.compile(r"(\d{1,2})(?:[°º]|o(?!\w))?")
_PROVEN_SECTIONS = {"proven", "qualification", "law", "decision", "culpability"}


def _law_name(raw: str | None) -> str:
    if not raw:
        return "Sr"
    r = raw.lower().strip("()").replace(" ", "")
    if "opium" in r:
        return "Opiumwet"
    if "wapens" in r or r == "wwm":
        return "WWM"
    if "wegenverkeer" in r or r.startswith("wvw"):
        return "WVW 1994"
    if r.endswith("na"):
        return "SrNA"
    if r.endswith("bes"):
        return "Sr BES"
    return "Sr"


def is_trafficking(article: str, law: str) -> bool:
    return article in TRAFFICKING_ARTICLES or (article, law) in _CARIBBEAN_TRAFFICKING


def _is_offence(article: str, law: str) -> bool:
    if is_trafficking(article, law) or article == "197a":
        return True
    if law != "Sr":
        return True
    digits = re.match(r"\d+", article)
    return digits is not None and int(digits.group(0)) >= 92


def paragraph_subs(tail: str) -> list[tuple[int | None, str | None]]:
    """(paragraph, sub) pairs of a tail such as ", eerste lid onder 1° en tweede lid onder 1°"
    or " lid 1, sub 5 en 8": every sub-paragraph under the paragraph named before it."""
    pairs: list[tuple[int | None, str | None]] = []
    para: int | None = None
    para_used = True
    token_re = re.compile(_PARA_RE.pattern + r"|(?P<subs>" + _SUBS + r")", re.IGNORECASE)
    for m in token_re.finditer(tail):
        if m.group("subs"):
            words = re.sub(r"^(?:aanhef\s+en\s+|ahf\.?\s*/\s*|aanhef\s*/\s*)?(?:onder|sub)",
                           "", m.group("subs"), flags=re.IGNORECASE)
            for sm in _SUB_NUMBER_RE.finditer(words):
                pairs.append((para, sm.group(1)))
            para_used = True
        else:
            if not para_used:
                pairs.append((para, None))
            para = int(m.group(1)) if m.group(1) else _ORD[m.group(2).lower()]
            para_used = False
    if not para_used or not pairs:
        pairs.append((para, None))
    return pairs


def _label(num: str, paragraph: int | None, sub: str | None) -> str:
    return num + (f" lid {paragraph}" if paragraph else "") + (f" sub {sub}" if sub else "")


@Language.factory("vonnis_articles")
def make_articles(nlp: Language, name: str) -> ArticlesComponent:
    return ArticlesComponent()


class _Found:
    """The articles found so far, keyed by label and law."""

    def __init__(self) -> None:
        self.items: dict[str, dict[str, Any]] = {}

    def add(self, num: str, law: str, paragraph: int | None, sub: str | None
            ) -> dict[str, Any]:
        label = _label(num, paragraph, sub)
        return self.items.setdefault(label + "|" + law, {
            "article": num, "law": law, "paragraph": paragraph, "sub": sub, "text": label,
            "charged": False, "proven": False, "acquitted": False})


def _enumerates_subs(items: list[re.Match[str]]) -> bool:
    """"art. 273f.1, 273f.4, 273f.6 en 273f.9 Sr" lists the sub-paragraphs of the first
    paragraph: art. 273f has no paragraph 9, and its paragraphs above 5 define terms, they are
    not charged next to the first. "art. 273f.1. en 273f.3 Sr" (paragraphs 1 and 3) is not."""
    if len(items) < 3 or any(im.group("sub") or im.group("subs") or not im.group("para")
                             for im in items):
        return False
    if len({im.group("num").lower() for im in items}) != 1:
        return False
    numbers = [int(im.group("para")) for im in items]
    return numbers[0] == 1 and max(numbers) >= 6


def _matches(text: str) -> list[tuple[int, int, str, str, list[tuple[int | None, str | None]]]]:
    """(start, end, article, law, [(paragraph, sub)]) of every offence article in `text`."""
    out = []
    short_spans: list[tuple[int, int]] = []
    shorts = list(SHORT_FORM_RE.finditer(text))
    spans = [(m.start(), m.end()) for m in shorts]
    shorts += [m for m in TRAFFICKING_SHORT_RE.finditer(text) if not _in(spans, m.start())]
    for m in shorts:
        law = _law_name(m.groupdict().get("law"))
        short_spans.append((m.start(), m.end()))
        base = m.start("items")
        items = list(_ITEM_RE.finditer(m.group("items")))
        subs_of_first = _enumerates_subs(items)
        for im in items:
            num = im.group("num").lower()
            if not _is_offence(num, law):
                continue
            if im.group("subs"):
                pairs = [(int(im.group("para")) if im.group("para") else p, s)
                         for p, s in paragraph_subs(im.group("subs"))]
            elif subs_of_first:
                pairs = [(1, im.group("para"))]
            else:
                pairs = [(int(im.group("para")) if im.group("para") else None, im.group("sub"))]
            out.append((base + im.start(), base + im.end(), num, law, pairs))
    for m in ARTICLE_RE.finditer(text):
        if any(s <= m.start() < e for s, e in short_spans):
            continue  # read in the short form already
        num = (m.group("num") or m.group("bare")).lower()
        law_raw = m.group("law") or m.group("law2")
        if m.group("num") and not law_raw and num not in TRAFFICKING_ARTICLES:
            continue  # "artikel 12" of an unnamed law
        law = _law_name(law_raw)
        if not _is_offence(num, law):
            continue
        tail = m.group("tail") or m.group("tail2") or ""
        # Only the paragraph / sub-paragraph part of the tail ("jo. 47" is another article).
        tail = re.split(r"\bjo(?:\.|ncto)?\s", tail, maxsplit=1)[0]
        out.append((m.start(), m.end(), num, law, paragraph_subs(tail)))
    for m in ARTICLE_LIST_RE.finditer(text):
        law = _law_name(m.group("law"))
        for nm in re.finditer(_NUM, m.group("list")):
            num = nm.group(0).lower()
            if _is_offence(num, law):
                out.append((m.start("list"), m.end("list"), num, law, [(None, None)]))
    return out


def _in(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(s <= pos < e for s, e in spans)


class ArticlesComponent:
    def __call__(self, doc: Doc) -> Doc:
        set_fact(doc, "articles", [])
        if not usable(doc):
            return doc
        index = section_index(doc)
        found = _Found()
        for start, end, num, law, pairs in _matches(text_of(doc)):
            section = index.label_at(start)
            for paragraph, sub in pairs:
                art = found.add(num, law, paragraph, sub)
                if section == "indictment":
                    art["charged"] = True
                elif section in _PROVEN_SECTIONS:
                    art["proven"] = True
                add_evidence(doc, "articles", start, end, art["text"], index)
        outcome = facts(doc).get("outcome")
        stands = self._from_summary(doc, found, outcome)
        for key, art in found.items.items():
            if outcome not in ("conviction", "partial") and key not in stands:
                art["proven"] = False
            if outcome == "acquittal" and art["charged"]:
                art["acquitted"] = True
        set_fact(doc, "articles", list(found.items.values()))
        return doc

    @staticmethod
    def _from_summary(doc: Doc, found: _Found, outcome: str | None) -> set[str]:
        """Articles of the inhoudsindicatie, with the flags its sentences state; returns the
        keys proven by a conviction that stands on appeal (the HR does not convict)."""
        summary = summary_of(doc)
        if not summary:
            return set()
        verdict: Verdict = (trafficking_under_appeal(doc, outcome)
                            if court_level(doc) == "hoge_raad" else verdict_outside_dictum(doc))
        # For the Hoge Raad, the conviction under appeal that stands (the appeal dismissed,
        # only the sentence quashed, or only the claim complained of).
        convicting = verdict.conviction_sentences if (
            outcome in ("conviction", "partial") or
            (court_level(doc) == "hoge_raad" and verdict.trafficking)) else []
        # A quashed acquittal is no longer one.
        acquitting = verdict.acquittal_sentences if outcome != "other" else []
        stands: set[str] = set()
        for start, end, num, law, pairs in _matches(summary):
            for paragraph, sub in pairs:
                art = found.add(num, law, paragraph, sub)
                if _in(acquitting, start):
                    art["charged"] = art["acquitted"] = True
                elif _in(convicting, start):
                    art["charged"] = art["proven"] = True
                    stands.add(art["text"] + "|" + law)
                add_evidence(doc, "articles", start, end, art["text"], in_summary=True)
        return stands
