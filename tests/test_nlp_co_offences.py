"""`vonnis_co_offences`: the other offences proven next to trafficking, from the
qualification of a complete judgment and from a Hoge Raad summary's conviction under appeal
(real texts of ../shared/corpus/trafficking, file named at each case)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from nlp.components.co_offences import summary_co_offences
from nlp.evaluate import score
from nlp.extract import extract
from nlp.inputs import load
from nlp.pipeline import build
from tests.feed_entries import feed, needs_feeds


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build()


@pytest.mark.parametrize(("name", "types"), [
    # "Feit 1 : Poging tot mensenhandel / Feit 3: Afpersing, meermalen gepleegd / Feit 4:
    # Bedreiging met enig misdrijf tegen het leven gericht"
    ("ECLI_NL_RBHAA_2006_BD5491", {"extortion", "threat"}),
    # "zaak B feit 1 subsidiair: oplichting, meermalen gepleegd."
    ("ECLI_NL_GHLEE_2011_BQ3556", {"fraud"}),
    # trafficking of a minor only (lid 1 onder 5° and 8°)
    ("NOECLI_RBMNE_2015-09-15_16-705621-14", set()),
])
def test_co_offences_of_a_complete_judgment(shared_corpus: Path, nlp: Language, name: str,
                                            types: set[str]) -> None:
    text, meta = load(shared_corpus / "trafficking" / f"{name}.json")
    r = extract(text, nlp=nlp, meta=meta)
    assert {c.type for c in r.co_offences} == types
    for e in r.evidence.get("co_offences", []):
        assert e.section == "qualification"


def test_means_come_from_the_trafficking_fact_only(shared_corpus: Path, nlp: Language) -> None:
    # RBHAA 2006: the extortion (feit 3, "door bedreiging met geweld ... gedwongen") and the
    # threat (feit 4) are offences of their own, not means of the attempted trafficking of
    # feit 1, which the court describes as "op dwingende wijze ... heeft gezegd".
    text, meta = load(shared_corpus / "trafficking" / "ECLI_NL_RBHAA_2006_BD5491.json")
    assert extract(text, nlp=nlp, meta=meta).coercive_means == []


def test_a_conviction_under_appeal_names_its_other_offences(shared_corpus: Path,
                                                            nlp: Language) -> None:
    # trafficking/ECLI_NL_HR_2021_757.json: "Medeplegen mensenhandel door ... (art. 273f.1.1,
    # 273f.1.4 en 273f.1.6 Sr) en poging tot oplichting (art. 326 Sr)."; only the gijzeling is
    # quashed, so the conviction, and its articles, stand.
    text, meta = load(shared_corpus / "trafficking" / "ECLI_NL_HR_2021_757.json")
    r = extract(text, nlp=nlp, meta=meta)
    assert r.convicted_of_trafficking is True
    assert [(c.type, c.articles) for c in r.co_offences] == [("fraud", ["326"])]
    assert r.evidence["co_offences"][0].text == "oplichting"
    assert r.evidence["co_offences"][0].section == "inhoudsindicatie"
    proven = {a.text for a in r.articles if a.proven}
    assert proven == {"273f lid 1 sub 1", "273f lid 1 sub 4", "273f lid 1 sub 6", "326"}


@pytest.mark.parametrize(("sentence", "expected"), [
    # ECLI:NL:HR:2018:2011 (the summary's typo "237f" as written)
    ("Medeplegen mensenhandel (meermalen gepleegd), art. 237f Sr en medeplegen "
     "gewoontewitwassen, art. 420bis jo. 420ter Sr.", [("money_laundering", ["420bis"])]),
    # ECLI:NL:HR:2021:1477 (2021 feed)
    ("Mensenhandel, meermalen gepleegd (art. 273f1 Sr) en medeplegen vervaardigen en bezit van "
     "kinderporno, meermalen gepleegd (art. 240b.1 Sr).", [("sexual", ["240b"])]),
    # ECLI:NL:HR:2021:755 (2021 feed): every part describes the trafficking ("273.1.5" as
    # the summary writes it), none names another offence
    ("Medeplegen mensenhandel door gedurende vier maanden een kwetsbare, verstandelijk "
     "beperkte vrouw in de prostitutie te laten werken en financieel uit te buiten alsmede door "
     "het in de prostitutie brengen van een 15-jarig meisje (art. 273f.1.1, 273f.1.4, 273f.1.6 "
     "en art. 273.1.5 Sr).", []),
])
def test_summary_co_offences(sentence: str, expected: list[tuple[str, list[str]]]) -> None:
    found = summary_co_offences(sentence, 0, len(sentence))
    assert [(t, arts) for t, _label, _s, _e, arts in found] == expected


def test_evaluate_scores_co_offences_by_type(shared_corpus: Path, nlp: Language) -> None:
    # A gold line may give the types alone; the extraction's objects are scored by type.
    text, meta = load(shared_corpus / "trafficking" / "ECLI_NL_RBHAA_2006_BD5491.json")
    result = extract(text, nlp=nlp, meta=meta).model_dump(mode="json")
    gold = {"co_offences": ["extortion", "threat", "weapons"]}
    report = score([("RBHAA", gold, result)])["co_offences"]
    assert (report["tp"], report["fp"], report["fn"]) == (2, 0, 1)
    assert report["disagreements"] == [{"id": "RBHAA", "gold": ["extortion", "threat", "weapons"],
                                        "pred": ["extortion", "threat"]}]


@needs_feeds
@pytest.mark.parametrize(("page", "ecli", "expected"), [
    # "Daarnaast heeft de verdachte zich schuldig gemaakt aan de diefstal van twee televisies,
    # aan de diefstal van geld en aan afpersing."
    (5000, "ECLI:NL:RBLIM:2021:6244",
     [("theft", "de diefstal van twee televisies"), ("extortion", "afpersing")]),
    # "Veroordeling ter zake van mensenhandel, witwassen en medeplegen van handel in cocaïne."
    (10000, "ECLI:NL:GHARL:2021:10335",
     [("money_laundering", "witwassen"), ("drugs", "medeplegen van handel in cocaïne")]),
    # "Vrijspraak oplichting. Veroordeling medeplegen diefstal van het salaris van aangever en
    # medeplegen witwassen.": the acquittal names no offence proven.
    (3000, "ECLI:NL:GHAMS:2021:1575",
     [("theft", "medeplegen diefstal van het salaris van aangever"),
      ("money_laundering", "medeplegen witwassen")]),
    # "Uitbuiting minderjarige kinderen door familieleden, door hen te laten stelen en hen te
    # gebruiken bij pogingen tot diefstal d.m.v. wisseltruc.": the theft is how they were
    # exploited, no offence of its own.
    (4000, "ECLI:NL:GHAMS:2021:1867", []),
])
def test_co_offences_a_trial_summary_names(nlp: Language, page: int, ecli: str,
                                           expected: list[tuple[str, str]]) -> None:
    r = feed(nlp, page, ecli)
    assert [(c.type, c.label) for c in r.co_offences] == expected
    assert all(e.section == "inhoudsindicatie" for e in r.evidence.get("co_offences", []))


@pytest.mark.parametrize(("name", "types"), [
    # "wegens 1. “mensenhandel, meermalen gepleegd” en 2. “bedreiging met enig misdrijf tegen
    # het leven gericht” veroordeeld tot ..."
    ("ECLI_NL_PHR_2016_1277", ["threat"]),
    # "wegens 1. “mensenhandel” en 2. “valsheid in geschrift, begaan door een rechtspersoon,
    # ...” veroordeeld tot ..."
    ("ECLI_NL_PHR_2018_1514", ["fraud"]),
    # "wegens 2. “diefstal door twee of meer verenigde personen en doen plegen van
    # diefstal”, veroordeeld tot ..." (acquitted of trafficking under 1)
    ("ECLI_NL_PHR_2020_73", ["theft"]),
    # a first quote of some 500 characters (three forms of trafficking), then "2. ‘poging tot
    # oplichting’"
    ("ECLI_NL_PHR_2021_502", ["fraud"]),
])
def test_a_conclusie_names_the_offences_of_the_conviction_it_reviews(
        shared_corpus: Path, nlp: Language, name: str, types: list[str]) -> None:
    text, meta = load(shared_corpus / "trafficking" / f"{name}.json")
    r = extract(text, nlp=nlp, meta=meta)
    assert r.court_level == "phr" and r.outcome is None
    assert [c.type for c in r.co_offences] == types


@needs_feeds
def test_a_conviction_left_standing_by_a_cut_off_hr_summary(nlp: Language) -> None:
    # ECLI:NL:HR:2021:1477: "Mensenhandel, meermalen gepleegd (art. 273f1 Sr) en medeplegen
    # vervaardigen en bezit van kinderporno, meermalen gepleegd (art. 240b.1 Sr). Omzetting
    # vervangende hechtenis in gijzeling ..." and cut off before the result: the complaint is
    # about the gijzeling only, so the conviction and its other offence stand.
    r = feed(nlp, 7000, "ECLI:NL:HR:2021:1477")
    assert r.outcome is None and r.convicted_of_trafficking is True
    assert [(c.type, c.articles) for c in r.co_offences] == [("sexual", ["240b"])]
    assert {a.text for a in r.articles if a.proven} >= {"273f", "240b lid 1"}
