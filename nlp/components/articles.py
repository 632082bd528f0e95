"""Component `vonnis_articles`: offence articles, and whether charged / proven / acquitted.

Only offence articles are kept: Book 2 of the Wetboek van Strafrecht (art. 92 and up),
the trafficking articles under every number they had (273f, 273a, 250a, 250ter, and 273g of
the modernisation bill), smuggling (197a) and articles of special laws (Opiumwet, WWM,
WVW 1994). General-part articles (47, 57, 36f, ...) say nothing about the offence.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from nlp.components._common import add_evidence, section_index, set_fact, usable
from nlp.extensions import facts, text_of

TRAFFICKING_ARTICLES = ("273f", "273g", "273a", "250a", "250ter")
_ORD = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6,
        "zevende": 7, "achtste": 8, "negende": 9}
_LAW = (r"(?P<law>Wetboek\s+van\s+Strafrecht|\(?Sr\)?|Opiumwet|Wet\s+wapens\s+en\s+munitie|"
        r"WWM|Wegenverkeerswet(?:\s+1994)?|WVW(?:\s+1994)?)")
_NUM = r"\d{1,3}[a-z]{0,6}"
_TAIL = (r"(?P<tail>(?:\s*,?\s*(?:(?:lid|leden)\s+\d+|(?:eerste|tweede|derde|vierde|vijfde|zesde|"
         r"zevende|achtste|negende)\s+lid|aanhef\s+en\s+(?:onder|sub)\s+\d+°?|(?:onder|sub)\s+"
         r"\d+°?|\d+°|jo(?:\.|ncto)?\s+(?:art(?:ikel|\.)?\s*)?" + _NUM + r"))*)")
ARTICLE_RE = re.compile(
    r"\b(?:art(?:ikel|\.)?|artt\.|artikelen)\s*(?P<num>" + _NUM + r")" + _TAIL
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
_PARA_RE = re.compile(r"(?:lid|leden)\s+(\d+)|(eerste|tweede|derde|vierde|vijfde|zesde|zevende|"
                      r"achtste|negende)\s+lid", re.IGNORECASE)
_SUB_RE = re.compile(r"(?:onder|sub)\s+(\d+)°?|(\d+)°", re.IGNORECASE)
_PROVEN_SECTIONS = {"proven", "qualification", "law", "decision", "culpability"}


def _law_name(raw: str | None) -> str:
    if not raw:
        return "Sr"
    r = raw.lower().strip("()")
    if "opium" in r:
        return "Opiumwet"
    if "wapens" in r or r == "wwm":
        return "WWM"
    if "wegenverkeer" in r or r.startswith("wvw"):
        return "WVW 1994"
    return "Sr"


def _is_offence(article: str, law: str) -> bool:
    if article in TRAFFICKING_ARTICLES or article == "197a":
        return True
    if law != "Sr":
        return True
    digits = re.match(r"\d+", article)
    return bool(digits) and int(digits.group(0)) >= 92


@Language.factory("vonnis_articles")
def make_articles(nlp: Language, name: str) -> ArticlesComponent:
    return ArticlesComponent()


class ArticlesComponent:
    def __call__(self, doc: Doc) -> Doc:
        set_fact(doc, "articles", [])
        if not usable(doc):
            return doc
        index = section_index(doc)
        found: dict[str, dict[str, Any]] = {}
        for m in ARTICLE_RE.finditer(text_of(doc)):
            num = (m.group("num") or m.group("bare")).lower()
            law_raw = m.group("law") or m.group("law2")
            if m.group("num") and not law_raw and num not in TRAFFICKING_ARTICLES:
                continue  # "artikel 12" of an unnamed law
            law = _law_name(law_raw)
            if not _is_offence(num, law):
                continue
            tail = m.group("tail") or m.group("tail2") or ""
            para = _PARA_RE.search(tail)
            paragraph = None
            if para:
                paragraph = int(para.group(1)) if para.group(1) else _ORD[para.group(2).lower()]
            sub_m = _SUB_RE.search(tail)
            sub = (sub_m.group(1) or sub_m.group(2)) if sub_m else None
            label = num + (f" lid {paragraph}" if paragraph else "") + \
                (f" sub {sub}" if sub else "")
            section = index.label_at(m.start())
            art = found.setdefault(label + "|" + law, {
                "article": num, "law": law, "paragraph": paragraph, "sub": sub, "text": label,
                "charged": False, "proven": False, "acquitted": False})
            if section == "indictment":
                art["charged"] = True
            elif section in _PROVEN_SECTIONS:
                art["proven"] = True
            add_evidence(doc, "articles", m.start(), m.end(), label, index)
        for m in ARTICLE_LIST_RE.finditer(text_of(doc)):
            law = _law_name(m.group("law"))
            section = index.label_at(m.start())
            for num in re.findall(_NUM, m.group("list")):
                num = num.lower()
                if not _is_offence(num, law):
                    continue
                art = found.setdefault(num + "|" + law, {
                    "article": num, "law": law, "paragraph": None, "sub": None, "text": num,
                    "charged": False, "proven": False, "acquitted": False})
                if section == "indictment":
                    art["charged"] = True
                elif section in _PROVEN_SECTIONS:
                    art["proven"] = True
                add_evidence(doc, "articles", m.start("list"), m.end("list"), num, index)
        outcome = facts(doc).get("outcome")
        for art in found.values():
            if outcome not in ("conviction", "partial"):
                art["proven"] = False
            if outcome == "acquittal" and art["charged"]:
                art["acquitted"] = True
        set_fact(doc, "articles", list(found.values()))
        return doc
