"""Outcome errors found by a sweep of the real summaries of the 2021 ECLI-index feeds
(../shared/corpus/opendata/feeds/*.atom; a Random(20261201) sample of 1,500 entries, none in
tests/gold/feed_*.jsonl). Each case is read with `load_feed_entry` from the feed file named;
the expected values follow tests/gold/README.md. The wording is quoted at each case.
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


# Confiscation decisions (ontneming) convict no one: outcome other, whatever conviction of the
# criminal case they mention (was conviction / acquittal).
ONTNEMING = [
    # "Inhoudsindicatie: ontneming. De verdachte heeft zich schuldig gemaakt aan ..."
    (7000, "ECLI:NL:GHAMS:2021:3179"),
    # "Onderzoek Baila. Verschil kasopstelling heeft geleid tot veroordeling witwassen ...
    # Ontneming van de omgezette gelden."
    (8000, "ECLI:NL:RBLIM:2021:8969"),
    # "Ontneming, art. 36e lid 2 Sr. Het hof legt aan de betrokkene, veroordeeld ter zake van
    # ..., een ontnemingsmaatregel op"
    (8000, "ECLI:NL:GHDHA:2021:2456"),
    (8000, "ECLI:NL:GHDHA:2021:2458"),
    (7000, "ECLI:NL:GHDHA:2021:2063"),
    (7000, "ECLI:NL:GHDHA:2021:2064"),
    # "Onderzoek Kievit/Bandidos. Ontneming 212.184,62 euro na veroordeling witwassen"
    (4000, "ECLI:NL:RBLIM:2021:5568"),
    # "Ontnemingsvonnis. Veroordeling ten aanzien van onder meer oplichting ..."
    (8000, "ECLI:NL:RBAMS:2021:7148"),
    # "Ontneming na veroordeling van medeplegen van het telen van hennepplanten."
    (9000, "ECLI:NL:RBNNE:2021:5332"),
    # "Mega Canard, ontneming. Afwijzing vordering ontneming ... Verdachte is in de hoofdzaak
    # vrijgesproken" (was acquittal)
    (10000, "ECLI:NL:RBAMS:2021:8105"),
]


@pytest.mark.parametrize(("page", "ecli"), ONTNEMING)
def test_ontneming_decision_is_other(nlp: Language, page: int, ecli: str) -> None:
    r = feed(nlp, page, ecli)
    assert r.outcome == "other"
    assert r.convicted_of_trafficking is None


@pytest.mark.parametrize(("page", "ecli"), [
    # "De rechtbank spreekt verdachte vrij van verkrachting en aanranding ... Maar om tot een
    # veroordeling te komen moet die verklaring ondersteund worden door ander bewijs" (was
    # partial)
    (6000, "ECLI:NL:RBMNE:2021:4998"),
    # "Vrijspraak medeplegen woninginbraak. Herkenningen onvoldoende betrouwbaar geacht om aan
    # een bewezenverklaring ten grondslag te leggen." (was partial)
    (2000, "ECLI:NL:RBROT:2021:3933"),
    # "Vrijspraak. Voor bewezenverklaring van de bestemming a.b.i. art. 11a Opiumwet is vereist
    # dat ..." (was partial)
    (6000, "ECLI:NL:GHARL:2021:9893"),
])
def test_conviction_only_named_as_a_requirement(nlp: Language, page: int, ecli: str) -> None:
    assert feed(nlp, page, ecli).outcome == "acquittal"


@pytest.mark.parametrize(("page", "ecli"), [
    # "Vrijspraak van moord en veroordeling voor doodslag tot een gevangenisstraf van 10 jaar."
    (1, "ECLI:NL:RBAMS:2021:362"),
    # "Vrijspraak poging doodslag/zware mishandeling, bewezenverklaring mishandeling."
    (1000, "ECLI:NL:RBROT:2021:1930"),
    # "De rechtbank komt tot een bewezenverklaring van poging tot doodslag van zijn ex-vrouw.
    # De rechtbank spreekt verdachte vrij van de ten laste gelegde poging tot moord."
    (2000, "ECLI:NL:RBGEL:2021:1853"),
])
def test_acquittal_of_the_graver_charge_only_is_a_conviction(nlp: Language, page: int,
                                                              ecli: str) -> None:
    # one fact, charged primarily as the graver offence (was partial)
    assert feed(nlp, page, ecli).outcome == "conviction"


def test_lesser_offence_acquitted_too_is_another_fact(nlp: Language) -> None:
    # 6000 ECLI:NL:RBAMS:2021:5440: "Vrijspraak van mishandeling ex-partner en poging zware
    # mishandeling kind. Veroordeling voor mishandeling kind." The ex-partner is another fact
    # (was conviction).
    assert feed(nlp, 6000, "ECLI:NL:RBAMS:2021:5440").outcome == "partial"


@pytest.mark.parametrize(("page", "ecli"), [
    # "Vrijspraak poging tot doodslag. Bewezenverklaring poging zware mishandeling. Beroep op
    # noodweer gehonoreerd. Ontslag van alle rechtsvervolging."
    (10000, "ECLI:NL:GHARL:2021:10539"),
    # "Bewezenverklaring van poging tot zware mishandeling en mishandeling van een politieagent.
    # Ontslag van alle rechtsvervolging omdat de feiten verdachte niet kunnen worden
    # toegerekend."
    (7000, "ECLI:NL:RBAMS:2021:6119"),
    # "Bewezenverklaring van een bedreiging ... wordt de verdachte ontslagen van a..."
    (5000, "ECLI:NL:RBROT:2021:8489"),
])
def test_proven_then_discharged_is_a_dismissal(nlp: Language, page: int, ecli: str) -> None:
    # proven but not punishable, no sentence: a dismissal, as in a dictum (was partial)
    assert feed(nlp, page, ecli).outcome == "dismissal"


def test_discharge_for_one_fact_others_imputed_stays_partial(nlp: Language) -> None:
    # 3000 ECLI:NL:RBNHO:2021:4471: "Bewezenverklaring van poging tot moord. De verdachte wordt
    # ontslagen van alle rechtsvervolging omdat dit feit hem niet kan worden toegerekend. ...
    # De andere bewezen verklaarde feiten worden deels aan de verdachte toegerekend."
    assert feed(nlp, 3000, "ECLI:NL:RBNHO:2021:4471").outcome == "partial"


def test_acquittal_of_medeplegen_only(nlp: Language) -> None:
    # 1000 ECLI:NL:RBAMS:2021:1062: "Verdachte heeft zich schuldig gemaakt aan het voorhanden
    # hebben van omgebouwd vuurwapen (Zoraki) met geluiddemper. Vrijspraak van medeplegen."
    # Part of one fact: a conviction.
    assert feed(nlp, 1000, "ECLI:NL:RBAMS:2021:1062").outcome == "conviction"


def test_conviction_of_the_legal_person_is_not_the_defendants(nlp: Language) -> None:
    # 3000 ECLI:NL:RBAMS:2021:2599: "Verdachte is door de rechtbank vrijgesproken van het
    # feitelijk leidinggeven aan ... Rechtspersoon wel veroordeeld." The other party of
    # art. 51 Sr, like a co-defendant.
    assert feed(nlp, 3000, "ECLI:NL:RBAMS:2021:2599").outcome == "acquittal"


def test_the_legal_person_on_trial_is_the_defendant(nlp: Language) -> None:
    # 7000 ECLI:NL:RBAMS:2021:6625: "De gedragingen van de bemanning kunnen niet aan de
    # rechtspersoon worden toegerekend. De rechtspersoon wordt daarom vrijgesproken." No other
    # defendant is named: the legal person is the one on trial.
    assert feed(nlp, 7000, "ECLI:NL:RBAMS:2021:6625").outcome == "acquittal"
