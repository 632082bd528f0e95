"""Summary-only reading of real inhoudsindicaties from the 2021 ECLI-index feed
(../shared/corpus/opendata/feeds/): each case pins one rule found on
tests/gold/feed_summaries.jsonl (coded blind, before the extractor was run on it).
The summaries are read from the feed itself, not copied here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from nlp.extract import extract
from nlp.inputs import load_feed_entry
from nlp.pipeline import build

FEED = "opendata/feeds/strafrecht_2021_results_from_{}.atom"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build()


def entry(shared_corpus: Path, ecli: str) -> tuple[str, dict[str, Any]]:
    for page in (1, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000):
        path = shared_corpus / FEED.format(page)
        if path.exists() and f"<id>{ecli}</id>".encode() in path.read_bytes():
            return load_feed_entry(path, ecli)
    pytest.skip(f"{ecli} not in this copy of the feeds")


@pytest.mark.parametrize("ecli, expected", [
    # "In deze ontnemingszaak is het wederrechtelijk verkregen voordeel geschat op ...
    # Veroordeelde dient dit bedrag aan de Staat te betalen": a confiscation decision.
    ("ECLI:NL:RBMNE:2021:312", {"outcome": "other", "convicted_of_trafficking": None}),
    # "Ontneming van wederrechtelijk verkregen voordeel € 10.533,14 mensenhandel (...)"
    ("ECLI:NL:RBNNE:2021:4995", {"outcome": "other", "convicted_of_trafficking": None}),
    # "veroordeeld voor het seksueel uitbuiten van een jonge en kwetsbare vrouw ... het toen
    # 18-jarige slachtoffer": the verb names the offence; an adult victim.
    ("ECLI:NL:RBOVE:2021:2570", {"convicted_of_trafficking": True,
                                 "exploitation_types": ["sexual"], "minor_victim": False}),
    # "... criminele organisatie ... en arbeidsuitbuiting": the compound names the offence.
    ("ECLI:NL:RBAMS:2021:3756", {"convicted_of_trafficking": True}),
    # "Bedreiging bewezen verklaard. Vrijspraak voor mensenhandel (...). Voor
    # bewezenverklaring van mensenhandel vereiste dwangmiddelen ... niet ... bewezen."
    ("ECLI:NL:GHDHA:2021:2566", {"outcome": "partial", "convicted_of_trafficking": False}),
    # "twee kwetsbare vrouwen dwongen om door het hele land als prostituee te werken"
    ("ECLI:NL:RBOVE:2021:1096", {"minor_victim": False}),
    # "een drugsverslaafde vrouw met een persoonlijkheidsstoornis"
    ("ECLI:NL:RBOVE:2021:3880", {"victim_vulnerabilities": ["dependency", "other"]}),
    # "twee minderjarige kinderen van Spanje naar Nederland ... vervoerd"
    ("ECLI:NL:GHARL:2021:7812", {"cross_border": True}),
    # "2 vrouwen uit Duitsland prostitutiewerkzaamheden in Nederland te laten verrichten"
    ("ECLI:NL:HR:2021:1114", {"cross_border": True}),
])
def test_feed_summary(nlp: Language, shared_corpus: Path, ecli: str,
                      expected: dict[str, Any]) -> None:
    text, meta = entry(shared_corpus, ecli)
    result = extract(text, nlp=nlp, meta=meta)
    assert result.reason and result.reason.startswith("summary only")
    got = result.model_dump(mode="json")
    for key, value in expected.items():
        actual = sorted(got[key]) if isinstance(value, list) else got[key]
        assert actual == value, (key, got[key])
        if value not in (None, []):
            assert result.evidence.get(key), f"no evidence for {key}"


@pytest.mark.parametrize("ecli, total, suspended", [
    # "Aan verdachte is een gevangenisstraf voor de duur van 24 maanden opgelegd"
    ("ECLI:NL:RBMNE:2021:304", 720, None),   # a suspended part not stated is unknown
    ("ECLI:NL:GHARL:2021:3635", 990, None),  # "GS 33 maanden m.a."
    # "tot een gevangenisstraf voor de duur van 20 maanden met aftrek van voorarrest, waarvan
    # 6 maanden voorwaardelijk"
    ("ECLI:NL:GHDHA:2021:2647", 600, 180),
    ("ECLI:NL:RBNNE:2021:4617", 900, 300),   # "30 maanden waarvan 10 voorwaardelijk"
    # "De man is veroordeeld tot een celstraf van 24 maanden, de vrouw krijgt een
    # gevangenisstraf van 19 maanden ...": which one is this decision's defendant is unknown
    ("ECLI:NL:RBOVE:2021:2570", None, None),
    ("ECLI:NL:RBMNE:2021:312", None, None),  # a confiscation decision
])
def test_sentence_from_summary(nlp: Language, shared_corpus: Path, ecli: str,
                               total: int | None, suspended: int | None) -> None:
    text, meta = entry(shared_corpus, ecli)
    result = extract(text, nlp=nlp, meta=meta)
    assert (result.prison_days_total, result.prison_days_suspended) == (total, suspended)
    if total is not None:
        assert {e.section for e in result.evidence["prison_days_total"]} == {"inhoudsindicatie"}


@pytest.mark.parametrize("summary, level", [
    # a demand (synthetic next to the real ones above)
    ("Veroordeling wegens mensenhandel. De officier van justitie had een gevangenisstraf van "
     "vier jaren geëist.", "rechtbank"),
    # the first-instance sentence in a hof's summary
    ("Veroordeling wegens mensenhandel. De rechtbank had een gevangenisstraf van 30 maanden "
     "opgelegd.",
     "hof"),
])
def test_sentence_from_summary_not_a_demand_or_lower_court(nlp: Language, summary: str,
                                                           level: str) -> None:
    result = extract("", nlp=nlp, meta={"summary": summary, "court_level": level})
    assert result.outcome == "conviction"
    assert result.prison_days_total is None


@pytest.mark.parametrize("ecli, expected", [
    # not a verdict on a charge: outcome other
    ("ECLI:NL:RBAMS:2021:2317", {"outcome": "other"}),   # EAB, overlevering toegestaan
    ("ECLI:NL:RBNNE:2021:943", {"outcome": "other"}),    # "Ontneming."
    ("ECLI:NL:GHARL:2021:4786", {"outcome": "other"}),   # TBS verlengd, on appeal
    ("ECLI:NL:GHAMS:2021:1344", {"outcome": "other"}),   # verdachte n-o in hoger beroep
    ("ECLI:NL:GHARL:2021:9015", {"outcome": "other"}),   # Wahv: "de sanctie ... in stand"
    ("ECLI:NL:GHARL:2021:8194", {"outcome": "other"}),   # "verdachte niet-ontvankelijk in
    ("ECLI:NL:HR:2021:1283", {"outcome": "other"}),      # hoger beroep"; HR "verdachte n-o."
    ("ECLI:NL:RBMNE:2021:4322", {"outcome": "other"}),   # TBS: "ex artikel 6:6:10 jo. ..."
    # "Het hof schat het wederrechtelijk verkregen voordeel op ... betalingsverplichting"
    ("ECLI:NL:GHARL:2021:11362", {"outcome": "other"}),
    # "Art. 9a Sr voor ... Geldboetes voor aanbrengen van ander kenteken": convicted
    ("ECLI:NL:GHAMS:2021:631", {"outcome": "conviction"}),
    # "Bewezenverklaring van ... (vrijspraak van verkoop), verwerping beroep op noodweer. Er is
    # een gevangenisstraf opgelegd voor de duur van 3 maanden waarvan 1 maand voorwaardelijk"
    ("ECLI:NL:RBROT:2021:2780", {"outcome": "partial", "prison_days_total": 90,
                                 "prison_days_suspended": 30}),
    # "De rechtbank Gelderland heeft een 43-jarige vrouw ... veroordeeld tot een
    # gevangenisstraf van 18 maanden": a rechtbank's summary speaks of itself
    ("ECLI:NL:RBGEL:2021:1412", {"outcome": "conviction", "prison_days_total": 540,
                                 "convicted_of_trafficking": False}),
    ("ECLI:NL:RBAMS:2021:4065", {"outcome": "conviction", "prison_days_total": 210,
                                 "prison_days_suspended": 90}),  # "Gevangenisstraf 7 maanden"
    ("ECLI:NL:RBMNE:2021:479", {"community_service_hours": 120}),  # "GS 1 dag + TS 120 uren"
    # "Vrijspraak poging moord. Veroordeling voor poging doodslag": one act, a conviction
    ("ECLI:NL:RBZWB:2021:5673", {"outcome": "conviction"}),
    # "vrijspraak van medeplegen invoer cocaïne. ... onvoldoende voor bewezenverklaring"
    ("ECLI:NL:RBROT:2021:12333", {"outcome": "acquittal", "convicted_of_trafficking": False}),
])
def test_criminal_feed_summary(nlp: Language, shared_corpus: Path, ecli: str,
                               expected: dict[str, Any]) -> None:
    text, meta = entry(shared_corpus, ecli)
    got = extract(text, nlp=nlp, meta=meta).model_dump(mode="json")
    for key, value in expected.items():
        assert got[key] == value, (key, got[key])


@pytest.mark.parametrize("ecli, expected", [
    ("ECLI:NL:RBMNE:2021:221", {"number_of_victims": 7}),  # "een zevental slachtoffers"
    # "De rechtbank acht bewezen dat de verdachte vier vrouwen, waarvan twee minderjarigen,
    # seksueel heeft uitgebuit": four, not "acht"
    ("ECLI:NL:RBLIM:2021:8793", {"number_of_victims": 4}),
    # "Een 37-jarige man is ... veroordeeld ... door een minderjarig en kwetsbaar meisje een kamer
    # aan te bieden ... door haar en een andere man": the defendant and a client are no victims
    ("ECLI:NL:RBOVE:2021:1334", {"number_of_victims": 1}),
    ("ECLI:NL:RBNNE:2021:4537", {"victim_nationalities": ["Bulgarije"], "number_of_victims": 1}),
    ("ECLI:NL:HR:2021:1114", {"victim_nationalities": ["Duitsland"], "number_of_victims": 2}),
    # "zocht contact met een drugsverslaafde vrouw ... maakte misbruik van haar kwetsbare
    # positie. Hij dwong haar tot prostitutie ... aan zijn overwicht"
    ("ECLI:NL:RBOVE:2021:3880", {"coercive_means": [
        "abuse_of_dominance", "abuse_of_vulnerable_position", "coercion"]}),
    # "medeplegen van mensenhandel ... bedreiging en voor mishandeling": offences, no means
    ("ECLI:NL:RBMNE:2021:5255", {"coercive_means": []}),
    # "niet dat verdachte haar daartoe zou hebben gedwongen"
    ("ECLI:NL:RBAMS:2021:1261", {"coercive_means": []}),
])
def test_victims_and_means_from_summary(nlp: Language, shared_corpus: Path, ecli: str,
                                        expected: dict[str, Any]) -> None:
    text, meta = entry(shared_corpus, ecli)
    got = extract(text, nlp=nlp, meta=meta).model_dump(mode="json")
    for key, value in expected.items():
        actual = sorted(got[key]) if isinstance(value, list) else got[key]
        assert actual == value, (key, got[key])


@pytest.mark.parametrize("ecli, total", [
    # "Toewijzing van de vordering van de benadeelde partij tot een bedrag van € 78,19 met
    # oplegging van de schadevergoedingsmaatregel": the measure restates the award
    ("ECLI:NL:GHARL:2021:1613", 78.19),
    # "veroordeelt ... tot een geldboete van 500 euro en het betalen van een schadevergoeding
    # van 1771,79 euro aan het slachtoffer": not the fine
    ("ECLI:NL:RBOVE:2021:5009", 1771.79),
    ("ECLI:NL:RBROT:2021:2753", 0.0),   # "Benadeelde partij niet-ontvankelijk omdat ..."
    # "... de benadeelde partij niet-ontvankelijk in schade die toeziet op diefstal telefoon
    # en geweld": only in part; what the rest got is not stated
    ("ECLI:NL:RBMNE:2021:724", None),
    # "voor beide vorderingen de schadevergoedingsmaatregel opgelegd tot een bedrag van ..."
    ("ECLI:NL:GHARL:2021:3404", None),
])
def test_compensation_from_summary(nlp: Language, shared_corpus: Path, ecli: str,
                                   total: float | None) -> None:
    text, meta = entry(shared_corpus, ecli)
    result = extract(text, nlp=nlp, meta=meta)
    assert result.compensation_eur_total == total
    if total is not None:
        assert {e.section for e in result.evidence["compensation_eur_total"]} == {
            "inhoudsindicatie"}
