"""Verdicts the summaries state that were left null, found by a sweep of the real summaries of
the 2021 ECLI-index feeds (../shared/corpus/opendata/feeds/*.atom; a Random(20261203) sample
of the entries with a null outcome, none in tests/gold/). Each case is read with
`load_feed_entry` from the feed page named; the wording is quoted at each case, and the
expected values follow tests/gold/README.md.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from nlp.components.quality import summary_problem
from nlp.pipeline import build
from tests.feed_entries import feed, needs_feeds

pytestmark = needs_feeds


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build()


@pytest.mark.parametrize(("page", "ecli", "outcome", "prison"), [
    # the whole summary is the verdict: "Vrijspraak." (was rejected as too short to read)
    (2000, "ECLI:NL:GHARL:2021:3952", "acquittal", None),
    (7000, "ECLI:NL:GHARL:2021:10332", "acquittal", None),
    # the duration first: "tot 42 maanden cel voor betrokkenheid drugslab Didam"
    (9000, "ECLI:NL:RBGEL:2021:666", "conviction", 42 * 30),
    # "... 374 kilo cocaïne. 3 jaar gevangenisstraf waarvan 1 jaar voorwaardelijk."
    (8000, "ECLI:NL:RBROT:2021:12340", "conviction", 3 * 365),
    # "Invoer en verlengde invoer van ruim een kilo cocaïne. 43 maanden gevangenisstraf."
    (10000, "ECLI:NL:GHAMS:2021:872", "conviction", 43 * 30),
    # "Verminderd toerekeningsvatbaar. 3 jaar gevangenisstraf en tbs met dwangverpleging."
    (1000, "ECLI:NL:RBGEL:2021:1003", "conviction", 3 * 365),
    # "...; geen toepassing 77b Sr; 18 maanden jeugddetentie en oplegging PIJ-maatregel": the
    # "geen" of the clause before does not negate it
    (3000, "ECLI:NL:RBAMS:2021:3067", "conviction", 18 * 30),
    # the kind of punishment as the verdict: "Jeugddetentie en deels voorwaardelijke werkstraf."
    (2000, "ECLI:NL:RBDHA:2021:4193", "conviction", None),
    # "Daarom geheel voorwaardelijke gevangenisstraf."
    (2000, "ECLI:NL:GHARL:2021:4621", "conviction", None),
    # "Geldboete € 95.000,- voor het voorhanden hebben en gebruiken van valse geschriften"
    (5000, "ECLI:NL:RBAMS:2021:3755", "conviction", None),
    # "is schuldig aan de dood van een 8 maanden oude baby en krijgt daarvoor een celstraf van
    # 7 maanden"
    (10000, "ECLI:NL:RBOVE:2021:72", "conviction", 7 * 30),
    # "Niet-ontvankelijkheid OM wegens overleden verdachte."
    (8000, "ECLI:NL:GHAMS:2021:3609", "inadmissible", None),
    # no verdict on a charge: "Tbs-verlenging voor 2 jaar.", "Verlening van de termijn van de
    # terbeschikkingstelling met twee jaar.", "... heropent het onderzoek.", "Niet-ontvankelijk
    # verklaring van verdachte in het hoger beroep"
    (9000, "ECLI:NL:RBROT:2021:13151", "other", None),
    (6000, "ECLI:NL:RBNNE:2021:4291", "other", None),
    (9000, "ECLI:NL:RBOVE:2021:4905", "other", None),
    (1, "ECLI:NL:GHARL:2021:1379", "other", None),
    # the punishment opening a sentence of its own: "Hennepteelt en diefstal stroom. Taakstraf."
    (5000, "ECLI:NL:GHAMS:2021:87", "conviction", None),
    # "Gevangenisstraf negen maanden, waarvan drie maanden voorwaardelijk"
    (9000, "ECLI:NL:RBDHA:2021:13175", "conviction", 270),
    # the court imposing it: "De rechtbank legt een gevangenisstraf op van 4 maanden."
    (1, "ECLI:NL:RBROT:2021:1395", "conviction", 120),
    # a terse summary with few common Dutch words was taken for another language: "Jeugdstrafrecht.
    # Medeplegen van computervredebreuk en oplichting d.m.v. WhatsApp-fraude, meermalen
    # gepleegd, witwassen. 225 dagen jeugddetentie, waarvan 180 dagen voorwaardelijk."
    (5000, "ECLI:NL:RBROT:2021:7808", "conviction", 225),
    # "Executie EAB België - ... - Overlevering toegestaan": no common Dutch word at all
    (1000, "ECLI:NL:RBAMS:2021:1402", "other", None),
])
def test_verdict_stated_in_the_summary(nlp: Language, page: int, ecli: str, outcome: str,
                                       prison: float | None) -> None:
    r = feed(nlp, page, ecli)
    assert r.outcome == outcome
    assert r.prison_days_total == prison
    assert r.evidence["outcome"][0].section == "inhoudsindicatie"


def test_rejected_plea_of_inadmissibility_is_no_verdict(nlp: Language) -> None:
    # "Verwerping beroep op niet-ontvankelijkheid OM." is the court rejecting the defence's
    # plea, not the prosecution barred (feed page 3000, ECLI:NL:GHDHA:2021:1100)
    assert feed(nlp, 3000, "ECLI:NL:GHDHA:2021:1100").outcome != "inadmissible"


def test_fine_stated_with_the_euro_sign_is_read(nlp: Language) -> None:
    assert feed(nlp, 5000, "ECLI:NL:RBAMS:2021:3755").fine_eur == 95_000


# What the new cues must not take for a verdict (found in the same sweep, on the values the
# first version of the cues changed).
@pytest.mark.parametrize(("page", "ecli", "outcome"), [
    # the execution of an earlier suspended sentence: "TUL bijzondere voorwaarden. Gedeeltelijke
    # tenuitvoerlegging, te weten 2 maanden gevangenisstraf." (was a conviction to 60 days)
    (2000, "ECLI:NL:RBROT:2021:4033", "other"),
    # the punishment the law allows: "een strafbaar feit waar naar de wettelijke omschrijving
    # 12 jaar gevangenisstraf op staat" in an appeal against pre-trial detention
    (8000, "ECLI:NL:GHSHE:2021:3316", "other"),
    # the defence's plea: "Verdediging bepleit niet-ontvankelijkheid van het OM ..."
    (1, "ECLI:NL:GHSHE:2021:113", None),
    # "te gering om daaraan de consequentie van niet-ontvankelijkheid van het OM te verbinden"
    (4000, "ECLI:NL:RBMNE:2021:2625", "other"),
    # "Eindvonnis na tussenvonnis.": the final judgment, not an interim one
    (4000, "ECLI:NL:RBAMS:2021:3164", None),
])
def test_no_false_verdict(nlp: Language, page: int, ecli: str, outcome: str | None) -> None:
    r = feed(nlp, page, ecli)
    assert r.outcome == outcome
    assert r.prison_days_total is None


def test_a_tul_granted_after_the_sentence_keeps_the_conviction(nlp: Language) -> None:
    # "Twee weken voorwaardelijke gevangenisstraf + 40 uren taakstraf, subs. 20 dagen hechtenis
    # + toewijzing TUL."
    r = feed(nlp, 9000, "ECLI:NL:GHAMS:2021:4128")
    assert r.outcome == "conviction"
    assert (r.prison_days_total, r.prison_days_suspended) == (14, 14)


@pytest.mark.parametrize(("page", "ecli", "total", "suspended"), [
    # a bare "met aftrek" describes the term, as "met aftrek van voorarrest" does (the term was
    # dropped as a deduction): "Bezit 3,5 kg heroïne in woning. 12 maanden gevangenisstraf met
    # aftrek"
    (3000, "ECLI:NL:RBROT:2021:6000", 360, None),
    # "Gevangenisstraf van 300 dagen, waarvan 121 voorwaardelijk, met aftrek"
    (1000, "ECLI:NL:RBZWB:2021:1580", 300, 121),
    # "200 uur werkstraf en 223 dagen jeugddetentie met aftrek waarvan 180 dagen voorwaardelijk"
    (2000, "ECLI:NL:RBAMS:2021:2012", 223, 180),
])
def test_term_with_a_bare_credit_is_read(nlp: Language, page: int, ecli: str, total: float,
                                         suspended: float | None) -> None:
    r = feed(nlp, page, ecli)
    assert (r.prison_days_total, r.prison_days_suspended) == (total, suspended)



def test_summary_language_check() -> None:
    # a Dutch summary in telegram style has no common Dutch word, an English one still fails
    assert summary_problem("Executie EAB België - Verzetgarantie - Terugkeergarantie - Artikel "
                           "13 OLW - Artikel 35 OLW - Overlevering toegestaan") is None
    problem = summary_problem("Conviction for human trafficking: the court sentenced the "
                              "defendant to four years imprisonment and ordered compensation "
                              "for the victims.")
    assert problem is not None and problem.startswith("not Dutch")
    assert summary_problem("Vrijspraak.") is None
    assert summary_problem(".") is not None


def test_abbreviated_term_convicts(nlp: Language) -> None:
    # "artikel 26 WWM, bespreking bewijsverweer voorhanden hebben pistool en munitie, W&O, GS
    # 12 maanden wv 6 maanden VW, M.A."
    r = feed(nlp, 5000, "ECLI:NL:GHAMS:2021:2189")
    assert r.outcome == "conviction"
    assert r.prison_days_total == 360


@pytest.mark.parametrize(("page", "ecli", "outcome"), [
    # a decision only referred to is not this one: "Hennepkwekerij, grotendeels bekennende
    # verdachte, professionele.  Zie ontneming: ECLI:NL:RBNNE:2021:943."
    (1000, "ECLI:NL:RBNNE:2021:942", None),
    # earlier convictions are not this one's (an ISD decision): "Van een van de drie
    # veroordelingen is een voorwaardelijke gevangenisstraf niet ten uitvoer gelegd."
    (8000, "ECLI:NL:RBAMS:2021:7147", "other"),
])
def test_no_verdict_from_a_reference(nlp: Language, page: int, ecli: str,
                                     outcome: str | None) -> None:
    assert feed(nlp, page, ecli).outcome == outcome
