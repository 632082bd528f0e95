"""Offence articles as judgments and summaries write them, quoted verbatim from
../shared/corpus (source named at each): the Hoge Raad's short form, sub-paragraph lists,
the tenlastelegging's "ahf/sub", and what is not an offence article."""

from __future__ import annotations

import pytest
from spacy.language import Language

from nlp.components.articles import is_trafficking, paragraph_subs
from nlp.extract import extract
from nlp.pipeline import build


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build()


def articles(nlp: Language, text: str = "", summary: str | None = None,
             level: str = "phr") -> set[tuple[str, int | None, str | None]]:
    r = extract(text, nlp=nlp, meta={"court_level": level, "summary": summary,
                                     "doc_type": "conclusie" if level == "phr" else None})
    return {(a.article, a.paragraph, a.sub) for a in r.articles}


@pytest.mark.parametrize("summary, expected", [
    # ECLI:NL:HR:2019:383
    ("Mensenhandel door groot aantal seizoenarbeiders uit Oost-Europa in dienst te hebben bij "
     "aardbeienkwekerij, art. 273f.1.1, 273f.1.4 en 273f.1.6 Sr. Oogmerk van uitbuiting?",
     {("273f", 1, "1"), ("273f", 1, "4"), ("273f", 1, "6")}),
    # ECLI:NL:PHR:2015:2038
    ("OM-cassatie. Mensenhandel, art. 273f.1 aanhef en onder 1,2 en 4 Sr. 1. Het oordeel van "
     "het Hof.", {("273f", 1, "1"), ("273f", 1, "2"), ("273f", 1, "4")}),
    # ECLI:NL:HR:2019:39
    ("Voortgezette handeling van medeplegen mensenhandel, art. 273f.1. en 273f.3 Sr. Oogmerk "
     "van uitbuiting?", {("273f", 1, None), ("273f", 3, None)}),
    # ECLI:NL:HR:2020:891 (a space inside the short form)
    ("HR herhaalt dat “uitbuiting” moet worden aangemerkt als impliciet bestanddeel van art. "
     "273f.1. 3 Sr.", {("273f", 1, "3")}),
    # ECLI:NL:PHR:2016:1277 (no law after the short form)
    ("miskent het dat “uitbuiting” een impliciet bestanddeel is van art. 273f.1 sub 3 (vgl. "
     "ECLI:NL:HR:2016:857).", {("273f", 1, "3")}),
    # ECLI:NL:HR:2018:2011: general-part and procedural articles are no offence
    ("Medeplegen mensenhandel en medeplegen gewoontewitwassen, art. 420bis jo. 420ter Sr. Hof "
     "was gehouden toepassing te geven aan art. 9a Sr. HR: art. 81.1 RO.",
     {("420bis", None, None), ("420ter", None, None)}),
])
def test_hoge_raad_short_form(nlp: Language, summary: str, expected: set) -> None:
    assert articles(nlp, summary=summary) == expected


def test_sub_paragraph_lists_in_the_text(nlp: Language) -> None:
    # ECLI:NL:PHR:2001:ZD2770 (old art. 250ter)
    text = (
        "Bij vonnis van de arrondissementsrechtbank te Maastricht van 12 november 1996 is "
        "verzoeker veroordeeld terzake van 1. \"mensenhandel door twee of meer verenigde "
        "personen, voorzien en strafbaar gesteld bij artikel 250ter, eerste lid onder 1° en "
        "tweede lid onder 1°, Wetboek van Strafrecht\", 2. \"mensenhandel door twee of meer "
        "verenigde personen, voorzien en strafbaar gesteld bij artikel 250ter, eerste lid onder "
        "2° en tweede lid onder 1 Wetboek van Strafrecht\" en 3. \"deelneming aan een "
        "organisatie die tot oogmerk heeft het plegen van misdrijven\"."
    )
    found = articles(nlp, text)
    assert {("250ter", 1, "1"), ("250ter", 2, "1"), ("250ter", 1, "2")} <= found
    assert all(is_trafficking(a, "Sr") for a, _p, _s in found)


def test_tenlastelegging_ahf_sub(nlp: Language) -> None:
    # NOECLI_RBMNE_2015-09-15_16-705621-14, the article lines under the tenlastelegging
    assert paragraph_subs(" lid 1 ahf/sub 2°") == [(1, "2")]
    assert paragraph_subs(", eerste lid, sub 5 en 8") == [(1, "5"), (1, "8")]
    text = ("hij in de periode van 15 juni 2014 tot en met 13 augustus 2014 een ander heeft "
            "geworven en opgenomen;\nart 273f lid 1 ahf/sub 2° Wetboek van Strafrecht\n"
            "art 273f lid 3 ahf/sub 2° Wetboek van Strafrecht\n")
    assert articles(nlp, text * 3, level="rechtbank") >= {("273f", 1, "2"), ("273f", 3, "2")}


def test_caribbean_trafficking_articles() -> None:
    assert is_trafficking("2:239", "Sr")
    assert is_trafficking("260", "SrNA")
    assert not is_trafficking("260", "Sr")


def test_hoge_raad_list_of_sub_paragraphs(nlp: Language) -> None:
    # ECLI:NL:HR:2021:774 (strafrecht-2021 feed): art. 273f has no ninth paragraph, so the
    # list names the sub-paragraphs of the first.
    summary = ("Mensenhandel (meermalen gepleegd) door als loverboy gedurende 3 maanden "
               "aangeefster ertoe te bewegen om met zoveel mogelijk mannen tegen betaling seks "
               "te hebben, art. 273f.1, 273f.4, 273f.6 en 273f.9 Sr. 1. Oogmerk van uitbuiting?")
    assert articles(nlp, summary=summary, level="hoge_raad") == {
        ("273f", 1, "1"), ("273f", 1, "4"), ("273f", 1, "6"), ("273f", 1, "9")}
