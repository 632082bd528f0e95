"""Which amount belongs to a punishment word: the substitute detention after "subsidiair"
covers only the amount right after it, and a proeftijd is never the term.

Sentences are quoted verbatim from judgments in ../shared/corpus (named at each case); the one
synthetic case (marked) pins the edge case the real ones do not show: a principal punishment
after a substitute in the same clause.
"""

from __future__ import annotations

import pytest

from nlp.decision import clauses
from nlp.punishments import aggregate, extract_items


def items_of(text: str, *, demand: bool = False) -> list[tuple[str, float, float | None,
                                                                float | None]]:
    found = extract_items(clauses(text, 0, len(text)), demand=demand)
    return [(it["kind"], it["amount"], it["suspended"], it["probation_years"]) for it in found]


@pytest.mark.parametrize(("text", "demand", "expected"), [
    # RBMNE 2014-04-22 (16/653878-13), dictum: the jeugddetentie is the substitute.
    ("- een werkstraf van 120 uren, subsidiair 60 dagen vervangende jeugddetentie", False,
     [("community_service", 120.0, None, None)]),
    # RBUTR 2011-04-05 (16/712098-10), demand: "subsidiair 50 dagen hechtenis" is the substitute.
    ("Daarnaast vordert de officier van justitie een werkstraf van 100 uren subsidiair 50 dagen "
     "hechtenis.", True, [("community_service", 100.0, None, None)]),
    # Synthetic: the prison term after ", en een" is a punishment of its own, in the dictum
    # and in the demand.
    ("veroordeelt verdachte tot een werkstraf van 120 uren, subsidiair 60 dagen hechtenis, en "
     "een gevangenisstraf van 2 maanden;", False,
     [("community_service", 120.0, None, None), ("prison", 60.0, None, None)]),
    ("De officier van justitie heeft gevorderd een werkstraf van 120 uren, subsidiair 60 dagen "
     "hechtenis, en een gevangenisstraf van 2 maanden.", True,
     [("community_service", 120.0, None, None), ("prison", 60.0, None, None)]),
])
def test_substitute_covers_only_the_amount_after_subsidiair(
        text: str, demand: bool, expected: list[tuple[str, float, float | None, float | None]]
) -> None:
    assert items_of(text, demand=demand) == expected


def test_proeftijd_is_not_the_term() -> None:
    # RBMNE 2014-04-22 (16/653878-13), the demand: four months, wholly suspended, not the
    # two years of the proeftijd.
    text = ("- vier maanden jeugddetentie, geheel voorwaardelijk met een proeftijd van twee jaar "
            "met daarbij als bijzondere voorwaarde de Maatregel Hulp en Steun, ook als dat "
            "inhoudt dat verdachte mee zal werken aan een behandeling bij De Waag;")
    assert items_of(text, demand=True) == [("prison", 120.0, 120.0, 2.0)]


def test_amount_before_the_word_wins_over_a_suspended_part_after_it() -> None:
    # PHR 2020:73 (the sentence it reports): "waarvan twee maanden" is the suspended part.
    text = ("veroordeeld tot vijf maanden gevangenisstraf, waarvan twee maanden voorwaardelijk "
            "met een proeftijd van drie jaar.")
    assert items_of(text) == [("prison", 150.0, 60.0, 3.0)]
    agg = aggregate(extract_items(clauses(text, 0, len(text))))
    assert (agg["prison_days_total"], agg["prison_days_suspended"]) == (150.0, 60.0)
