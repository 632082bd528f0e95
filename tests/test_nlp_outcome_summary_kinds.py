"""Verdicts in the shorthand of the summaries, and the decisions that are no verdict at all:
the seventh session's sweep of the real summaries of the 2021 ECLI-index feeds
(../shared/corpus/opendata/feeds/*.atom), found through a blind coding of 160 of them
(Random(20261130)). Each case is read with `load_feed_entry` from the feed page named; the
wording is quoted at each case, and the expected values follow tests/gold/README.md.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from nlp.pipeline import build
from tests.feed_entries import feed, needs_feeds

pytestmark = needs_feeds


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build()


@pytest.mark.parametrize(("page", "ecli", "outcome"), [
    # the hof confirms a judgment that punished: "Hennepkwekerij. Bevestiging m.u.v. straf."
    (1, "ECLI:NL:GHAMS:2021:36", "conviction"),
    # ... or that proved: "11a opiumwet. Bevestiging met andere bewijsoverweging."
    (5000, "ECLI:NL:GHAMS:2021:86", "conviction"),
    # "Bevestiging vonnis behalve ten aanzien van beslissingen waaronder de straf. Beroep op
    # ontslag van alle rechtsvervolging verworpen." (the plea is no discharge)
    (8000, "ECLI:NL:GHAMS:2021:3626", "conviction"),
    # "Medeplegen is bewezen, ondanks dat ..."
    (1000, "ECLI:NL:GHAMS:2021:938", "conviction"),
    # "Medeplegen poging tot doodslag. Vordering benadeelde partij (deels) toegewezen." (only a
    # convicted defendant pays the victim's claim, art. 361 Sv)
    (6000, "ECLI:NL:RBGEL:2021:5441", "conviction"),
    # "... (feit 2): TS 120 u. / 60 d. v.h."
    (1000, "ECLI:NL:GHDHA:2021:570", "conviction"),
    # "Poging tot doodslag. ... Beroep op noodweer verworpen."
    (2000, "ECLI:NL:RBAMS:2021:2163", "conviction"),
    # "Bewezenverklaring van bedreiging, vernieling en belediging. Het beroep op ... ontslag van
    # alle rechtsvervolging op grond van psychische overmacht faalt."
    (7000, "ECLI:NL:GHAMS:2021:3516", "conviction"),
    # "Veroordeling voor een zedenfeit. Officier vordert en advocaat bepleit vrijspraak."
    (1, "ECLI:NL:RBNNE:2021:429", "conviction"),
    # "Geslaagd beroep op noodweer m.b.t. mishandeling. Beroep op noodweer verworpen m.b.t.
    # bedreiging."
    (3000, "ECLI:NL:RBROT:2021:4695", "partial"),
    # "vrijgesproken van een poging tot doodslag. Wel levert het steken met een mes ... zware
    # mishandeling op.": the lesser offence of the same fact
    (2000, "ECLI:NL:RBZWB:2021:2029", "conviction"),
    # "Vrijspraak poging doodslag. ... Wettig en overtuigend bewezen poging tot toebrengen van
    # zwaar lichamelijk letsel."
    (5000, "ECLI:NL:RBROT:2021:8812", "conviction"),
    # "10 (gekwalificeerde) diefstallen, vrijspraak van medeplegen, onvoorwaardelijke
    # gevangenisstraf ...": the form of participation only
    (9000, "ECLI:NL:RBZWB:2021:6694", "conviction"),
    # "Vrijspraak ten aanzien van poging straatroof. ... Poging tot zware mishandeling ...
    # Beroep op noodweer wordt verworpen."
    (1, "ECLI:NL:RBAMS:2021:497", "partial"),
    # "Bewezenverklaring poging zware mishandeling en mishandeling. Ontslag van
    # rechtsvervolging voor een deel van de feiten na een geslaagd beroep op noodweer(exces)"
    (1, "ECLI:NL:RBNHO:2021:141", "partial"),
    # "Geslaagd beroep op putatief noodweer leidt tot ontslag ... voor de bewezenverklaarde slag
    # ... Verwerping van het beroep op putatief noodweer voor de bewezenverklaarde trap ..."
    (4000, "ECLI:NL:RBAMS:2021:3513", "partial"),
    # "Bewezenverklaring poging doodslag ... Geen noodweer: ... Geslaagd beroep op
    # noodweerexces."
    (4000, "ECLI:NL:GHARL:2021:6700", "dismissal"),
    # "Vrijspraak van medeplegen van poging tot gekwalificeerde doodslag en veroordeling wegens
    # medeplegen van diefstal, voorafgegaan van geweld ..., terwijl het feit zwaar lichamelijk
    # letsel ten gevolge heeft": a graver circumstance, not the lesser offence
    (7000, "ECLI:NL:RBNHO:2021:10189", "partial"),
    # "Vrijspraak primair ... Veroordeling voor het subsidiair tenlastegelegde feit
    # mishandeling. Geen geslaagd beroep op noodweer, ..."
    (5000, "ECLI:NL:GHARL:2021:7658", "conviction"),
    # ... but without a conviction it is the acquittal: "Mensenhandel. Vrijspraak medeplegen,
    # bewijs nauwe samenwerking ontbreekt."
    (5000, "ECLI:NL:GHAMS:2021:1210", "acquittal"),
    # "Aan hem komt geen geslaagd beroep op noodweer(exces) toe."
    (7000, "ECLI:NL:RBAMS:2021:6279", "conviction"),
    # Hoge Raad: "HR: art. 81.1.RO." (a beklag case) and "middel terecht voorgesteld"
    (7000, "ECLI:NL:HR:2021:1266", "appeal_dismissed"),
    (7000, "ECLI:NL:HR:2021:1521", "other"),
])
def test_verdict_in_shorthand(nlp: Language, page: int, ecli: str, outcome: str) -> None:
    assert feed(nlp, page, ecli).outcome == outcome


@pytest.mark.parametrize(("page", "ecli"), [
    # "bezwaarschrift ex artikel 7 van de Wet DNA-onderzoek bij veroordeelden ongegrond"
    (2000, "ECLI:NL:RBAMS:2021:1546"),
    # "De rechtbank Overijssel verlengt de tbs-maatregel van een 66-jarige man met twee jaar."
    (8000, "ECLI:NL:RBOVE:2021:4640"),
    # "Nietige dagvaarding in eerste aanleg. Terugwijzing naar de rechtbank Amsterdam."
    (8000, "ECLI:NL:GHAMS:2021:3607"),
    # "Geen grieven ingediend. Niet-ontvankelijk in hoger beroep ex artikel 416 lid 2 Sv."
    (8000, "ECLI:NL:GHAMS:2021:3837"),
    # "art 530, 533 en 534 Sv - Dat met het Centraal Justitieel Incasso Bureau (CJIB) een
    # betalingsregeling is afgesproken ..." (costs after an acquittal)
    (2000, "ECLI:NL:GHAMS:2021:996"),
    # the whole summary: "416 lid 2 Sv" (an appeal without grounds)
    (2000, "ECLI:NL:GHAMS:2021:1094"),
    # "Verzoek einde strafzaak art. 29f Sv (voorheen art. 36 Sv)."
    (3000, "ECLI:NL:RBNHO:2021:4345"),
    # "Verklaart de officier van justitie niet-ontvankelijk in de vordering tot
    # tenuitvoerlegging van de voorwaardelijk opgelegde straf": a tul, not the prosecution
    (5000, "ECLI:NL:RBNNE:2021:3349"),
])
def test_no_verdict_on_guilt(nlp: Language, page: int, ecli: str) -> None:
    r = feed(nlp, page, ecli)
    assert r.outcome == "other"
    assert r.prison_days_total is None and r.community_service_hours is None


def test_shorthand_substitute_detention_and_probation(nlp: Language) -> None:
    # "Vw. TS 15 uren, subs 7 dgn hechtenis, PT 1 jaar.": no hechtenis of a year
    r = feed(nlp, 5000, "ECLI:NL:GHAMS:2021:265")
    assert (r.community_service_hours, r.detention_days, r.prison_days_total) == (15, None, None)


def test_shorthand_days(nlp: Language) -> None:
    # "GS 115 dgn met aftrek VH + WS 150 uur + vrijheidsbeperkende maatregel ..."
    r = feed(nlp, 7000, "ECLI:NL:RBGEL:2021:5328")
    assert (r.outcome, r.prison_days_total, r.community_service_hours) == \
        ("conviction", 115, 150)


def test_part_suspended_in_shorthand(nlp: Language) -> None:
    # "tot een gevangenisstraf van 4 maanden waarvan 1 maand vw met een proeftijd van 2 jaar"
    r = feed(nlp, 3000, "ECLI:NL:RBAMS:2021:2608")
    assert (r.prison_days_total, r.prison_days_suspended, r.probation_years) == (120, 30, 2)
