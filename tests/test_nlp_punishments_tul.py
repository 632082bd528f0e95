"""The execution (tul) of an earlier suspended sentence is not this court's sentence
(tests/gold/README.md): what a tul decision executes, converts or prolongs must stay out of
prison_days_total, community_service_hours and probation_years.

Dicta are quoted verbatim from judgments in ../shared/corpus (named at each constant); whole
judgments are read from the shared corpus when it is there.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from nlp.decision import clauses
from nlp.extract import extract
from nlp.inputs import load
from nlp.models import ExtractionResult
from nlp.pipeline import build
from nlp.punishments import aggregate, extract_items, is_tul_clause


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build()


def items_of(text: str) -> dict[str, float | None]:
    return aggregate(extract_items(clauses(text, 0, len(text))))


def run(nlp: Language, text: str) -> ExtractionResult:
    return extract(text, nlp=nlp, meta={"court_level": "rechtbank", "doc_type": "uitspraak"})


# criminal_full/NOECLI_RBMNE_2017-04-04_16-652433-16.json: a granted tul, converted into a
# taakstraf (art. 14g Sr) in a clause of its own that does not say "tenuitvoerlegging".
TUL_CONVERTED_TO_TAAKSTRAF = (
    "Veroordeelt verdachte tot een gevangenisstraf van 150 dagen\n"
    "Beveelt dat een gedeelte, groot 52 dagen, van deze gevangenisstraf niet zal worden ten "
    "uitvoer gelegd, tenzij later anders wordt gelast.\n"
    "Stelt daarbij een proeftijd van 2 (twee) jaren vast.\n"
    "Vordering tenuitvoerlegging met parketnummer 16/285711-14\n"
    "- wijst de vordering tot tenuitvoerlegging van de door de politierechter in deze rechtbank "
    "bij vonnis van 20 februari 2015 opgelegde voorwaardelijke vrijheidsstraf van 14 dagen toe;\n"
    "- gelast in plaats van de vrijheidsstraf het verrichten van een taakstraf voor de duur van "
    "28 uren;\n"
    "- beveelt dat voor het geval de veroordeelde de taakstraf niet of niet naar behoren "
    "verricht de taakstraf wordt vervangen door 14 dagen hechtenis.\n"
    "Heft op het - geschorste - bevel tot voorlopige hechtenis."
)

# criminal_full/NOECLI_RBUTR_2012-06-20_16-655544-12.json: "gelast dat de voorwaardelijke straf
# ... ten uitvoer zal worden gelegd, te weten een gevangenisstraf" (no "tenuitvoerlegging"),
# then replaced by a werkstraf.
TUL_ORDER_WITHOUT_THE_WORD = (
    "veroordeelt verdachte tot een gevangenisstraf van 2 (twee) weken;\n"
    "- bepaalt dat de tijd die verdachte voor de tenuitvoerlegging van deze uitspraak in "
    "voorarrest heeft doorgebracht in mindering wordt gebracht bij de tenuitvoerlegging van de "
    "opgelegde gevangenisstraf;\n"
    "- veroordeelt verdachte tot een werkstraf van 100 uren;\n"
    "- beveelt dat indien verdachte de werkstraf niet naar behoren verricht, vervangende "
    "hechtenis zal worden toegepast van 50 dagen;\n"
    "Vordering tenuitvoerlegging\n"
    "- gelast dat de voorwaardelijke straf die bij vonnis d.d. 29 november 2010 is opgelegd in "
    "de zaak onder parketnummer 16/600402-09 ten uitvoer zal worden gelegd, te weten een "
    "gevangenisstraf voor de duur van 1 (één) maand;\n"
    "- bepaalt dat deze ten uitvoer te leggen gevangenisstraf zal worden vervangen door een "
    "werkstraf van 60 uren;\n"
    "- beveelt dat indien verdachte de werkstraf niet naar behoren verricht, vervangende "
    "hechtenis zal worden toegepast van 30 dagen;"
)

# criminal_full/NOECLI_RBMNE_2014-04-22_16-653878-13.json: the executed sentence listed on the
# next line after "te weten:".
TUL_LISTED_AFTER_TE_WETEN = (
    "- een werkstraf van 120 uren, subsidiair 60 dagen vervangende jeugddetentie\n"
    "Dadelijk uitvoerbaar\n"
    "- verklaart de op grond van artikel 77aa van het Wetboek van Strafrecht gestelde "
    "voorwaarden en het op grond van artikel 77aa van het Wetboek van Strafrecht uit te oefenen "
    "toezicht, dadelijk uitvoerbaar;\n"
    "Vordering tenuitvoerlegging\n"
    "- gelast dat de voorwaardelijke straf die bij vonnis van de kinderrechter d.d. 1 maart 2012 "
    "is opgelegd in de zaak onder parketnummer 16/514163-11 ten uitvoer zal worden gelegd, te "
    "weten:\n"
    "- een werkstraf van 20 uren, subsidiair 10 dagen vervangende jeugddetentie;\n"
    "De benadeelde partijen"
)

# criminal_full/ECLI_NL_RBNNE_2013_4847.json: a longer probation for the rest of an earlier
# suspended sentence, "te weten 3 maanden gevangenisstraf".
TUL_CONVERSION_AND_LONGER_PROBATION = (
    "Een gevangenisstraf voor de duur van 163 dagen.\n"
    "Beslissing op de vordering na voorwaardelijke veroordeling onder parketnummer\n"
    "24/002980-08:\n"
    "Gelast het verrichten van een werkstraf voor de duur van 180 uren, in plaats van de last "
    "tot gedeeltelijke tenuitvoerlegging van gevangenisstraf voor de duur van 3 maanden, "
    "oorspronkelijk opgelegd bij arrest van de meervoudige strafkamer van het Gerechtshof te "
    "Leeuwarden d.d. 18\xa0augustus\xa02009.\n"
    "Beveelt dat voor het geval de veroordeelde deze werkstraf niet naar behoren verricht, "
    "vervangende hechtenis voor de duur van 90 dagen zal worden toegepast.\n"
    "Verlengt de in het arrest van de meervoudige strafkamer van het Gerechtshof te Leeuwarden "
    "d.d. 18\xa0augustus\xa02009 vastgestelde proeftijd met één jaar voor het resterende deel "
    "van de voorwaardelijk opgelegde straf, te weten 3 maanden gevangenisstraf."
)


def test_tul_converted_to_taakstraf_is_not_this_courts_taakstraf() -> None:
    out = items_of(TUL_CONVERTED_TO_TAAKSTRAF)
    assert out["prison_days_total"] == 150
    assert out["prison_days_suspended"] == 52
    assert out["probation_years"] == 2
    assert out["community_service_hours"] is None  # the 28 hours replace the earlier 14 days
    assert out["detention_days"] is None


def test_tul_order_without_the_word_tenuitvoerlegging() -> None:
    out = items_of(TUL_ORDER_WITHOUT_THE_WORD)
    assert out["prison_days_total"] == 14  # not + 1 maand of the earlier sentence
    assert out["community_service_hours"] == 100  # not + the 60 hours replacing it


def test_tul_sentence_listed_after_te_weten() -> None:
    out = items_of(TUL_LISTED_AFTER_TE_WETEN)
    assert out["community_service_hours"] == 120


def test_conversion_and_longer_probation_of_an_earlier_sentence() -> None:
    out = items_of(TUL_CONVERSION_AND_LONGER_PROBATION)
    assert out["prison_days_total"] == 163  # not + "te weten 3 maanden gevangenisstraf"
    assert out["community_service_hours"] is None


def test_own_suspension_and_credit_are_no_tul() -> None:
    # The court's own suspension and time credited name "tenuitvoerlegging" too
    # (punishment_eval ECLI:NL:RBAMS:2021:7026 and criminal_full RBMNE 2017-04-04 652433).
    for clause in ("Beveelt dat een gedeelte, groot 20 (twintig) uren, van deze taakstraf niet "
                   "ten uitvoer zal worden gelegd, tenzij later anders wordt gelast.",
                   "De tenuitvoerlegging kan worden gelast indien veroordeelde zich voor het "
                   "einde van de proeftijd aan een strafbaar feit schuldig maakt.",
                   "Beveelt dat de tijd die door veroordeelde voor de tenuitvoerlegging van deze "
                   "uitspraak in verzekering en in voorlopige hechtenis is doorgebracht, bij de "
                   "tenuitvoerlegging van die straf in mindering gebracht zal worden."):
        assert not is_tul_clause(clause), clause


def test_benchmark_tul_only_decision_imposes_nothing(nlp: Language, shared_corpus: Path) -> None:
    # punishment_eval ECLI:NL:RBNNE:2021:2888: the whole section is a tul of a taakstraf of 20
    # hours. The benchmark bolds it; by the gold convention it is no sentence of this court.
    path = shared_corpus / "punishment_eval" / "punishment_eval.jsonl"
    case = next(c for c in map(json.loads, path.read_text(encoding="utf-8").splitlines())
                if c["ecli"] == "ECLI:NL:RBNNE:2021:2888")
    r = run(nlp, case["text"])
    assert r.community_service_hours is None
    assert "community_service_hours" not in r.evidence


def test_longer_probation_of_earlier_sentence_is_not_ours(nlp: Language,
                                                          shared_corpus: Path) -> None:
    # opendata_annotated ECLI:NL:GHARN:2011:BQ0376: own proeftijd of 2 years; the tul claim is
    # rejected and "verlengt de bij dit vonnis gestelde proeftijd met een jaar" concerns the
    # earlier judgment ("dit vonnis" = the politierechter's of 26 augustus 2009).
    text, meta = load(shared_corpus / "opendata_annotated" / "ECLI_NL_GHARN_2011_BQ0376.xml")
    r = extract(text, nlp=nlp, meta=meta)
    assert r.prison_days_total == 14 and r.prison_days_suspended == 14
    assert r.probation_years == 2
    assert r.community_service_hours == 60


def test_granted_tul_in_same_dictum_whole_judgment(nlp: Language, shared_corpus: Path) -> None:
    # criminal_full NOECLI_RBMNE_2023-12-21_16-258197-23 (dev): 3 months of which 1 suspended,
    # and "gelast de tenuitvoerlegging van de ... opgelegde voorwaardelijke gevangenisstraf voor
    # de duur van drie (3) weken" under "Vordering tenuitvoerlegging ... wijst de vordering toe".
    text, meta = load(shared_corpus / "criminal_full" /
                      "NOECLI_RBMNE_2023-12-21_16-258197-23.json")
    r = extract(text, nlp=nlp, meta=meta)
    assert r.prison_days_total == 90
    assert r.prison_days_suspended == 30


def test_credit_clause_does_not_swallow_own_suspension(nlp: Language,
                                                       shared_corpus: Path) -> None:
    # criminal_full NOECLI_RBGEL_2025-09-08_05-296581-24 (dev): the credit clause ("bij de
    # uitvoering van de opgelegde jeugddetentie") is followed by this court's own suspended part.
    text, meta = load(shared_corpus / "criminal_full" /
                      "NOECLI_RBGEL_2025-09-08_05-296581-24.json")
    r = extract(text, nlp=nlp, meta=meta)
    assert r.prison_days_total == 225
    assert r.prison_days_suspended == 120


def test_clause_with_own_sentence_and_tul_keeps_the_own_part() -> None:
    # Synthetic edge case (the corpus dicta put the two in separate clauses): a clause that
    # imposes and then decides on a tul keeps what comes before the tul cue.
    text = ("veroordeelt verdachte tot een gevangenisstraf van 6 maanden en wijst de vordering "
            "tot tenuitvoerlegging van de bij vonnis van 3 maart 2019 voorwaardelijk opgelegde "
            "gevangenisstraf van 2 maanden toe")
    assert items_of(text)["prison_days_total"] == 180
    demand = ("De officier van justitie heeft gevorderd dat verdachte wordt veroordeeld tot een "
              "gevangenisstraf van 12 maanden, waarvan 4 maanden voorwaardelijk, en dat de "
              "vordering tot tenuitvoerlegging van 2 maanden gevangenisstraf wordt toegewezen.")
    out = aggregate(extract_items(clauses(demand, 0, len(demand)), demand=True))
    assert out["prison_days_total"] == 360 and out["prison_days_suspended"] == 120


def test_revoked_conditional_release_is_no_sentence() -> None:
    # Synthetic edge case: the herroeping of a voorwaardelijke invrijheidstelling sends back to
    # prison for the rest of an earlier sentence.
    text = ("veroordeelt verdachte tot een gevangenisstraf van 4 maanden;\n"
            "gelast de herroeping van de voorwaardelijke invrijheidstelling van de "
            "gevangenisstraf van 30 maanden voor de duur van 120 dagen;")
    assert items_of(text)["prison_days_total"] == 120
