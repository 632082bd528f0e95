"""`vonnis_victims` on real wording: minors, adults, vulnerabilities and border crossing, read
from inhoudsindicaties and texts (quoted verbatim from ../shared/corpus, file named at each
one). Expected values come from what the quoted words say or from the hand-read gold.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from nlp.evaluate import read_gold
from nlp.extract import extract
from nlp.inputs import load
from nlp.models import ExtractionResult
from nlp.pipeline import build

GOLD = Path(__file__).resolve().parent / "gold" / "trafficking.jsonl"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build()


def summary_only(nlp: Language, summary: str) -> ExtractionResult:
    return extract("", nlp=nlp, meta={"summary": summary, "court_level": "hoge_raad"})


def test_young_children_used_for_shoplifting_are_minors(nlp: Language) -> None:
    # trafficking/ECLI_NL_HR_2020_672.json
    summary = ("OM-cassatie en cassatie verdachte. Vrijspraak mensenhandel door destijds "
               "5-jarige kleindochter en 13-jarige dochter in te zetten bij winkeldiefstallen, "
               "art. 273f.1.1 en 273f.1.4 Sr.")
    result = summary_only(nlp, summary)
    assert result.minor_victim is True
    assert "minor" in result.victim_vulnerabilities
    span = result.evidence["minor_victim"][0]
    assert span.section == "inhoudsindicatie" and "jarige" in span.text


def test_minors_as_a_rule_of_law_are_not_this_case(nlp: Language) -> None:
    # trafficking/ECLI_NL_HR_2020_672.json: the HR states when minority matters, in general.
    summary = ("Mensenhandel, art. 273f Sr. Hierbij geldt in geval van minderjarige "
               "slachtoffers dat beoordeling van dergelijke factoren tot andere uitkomst kan "
               "leiden dan in het geval slachtoffer meerderjarig is (vgl. ECLI:NL:HR:2015:3309).")
    assert summary_only(nlp, summary).minor_victim is None


def test_adult_woman_with_intellectual_disability(nlp: Language) -> None:
    # trafficking/ECLI_NL_HR_2021_757.json
    summary = ("Medeplegen mensenhandel door gedurende zes weken een kwetsbare, verstandelijk "
               "beperkte vrouw in de prostitutie te laten werken en financieel uit te buiten "
               "(art. 273f.1.1, 273f.1.4 en 273f.1.6 Sr) en poging tot oplichting (art. 326 Sr).")
    result = summary_only(nlp, summary)
    assert result.minor_victim is False
    assert result.victim_vulnerabilities == ["lvb"]
    assert result.cross_border is None


def test_a_spouse_is_not_an_adult_victim(nlp: Language) -> None:
    # trafficking/ECLI_NL_HR_2019_40.json: "haar man" is the co-defendant.
    summary = ("Voortgezette handeling van medeplegen mensenhandel m.b.t. persoon onder 16 "
               "jaren, medeplegen mensenhandel m.b.t. persoon onder 18 jaren en medeplegen "
               "mensenhandel door samen met haar man minderjarig nichtje uit Turkije illegaal in "
               "huis te nemen en haar jarenlang buitensporig en excessief te belasten met "
               "huishoudelijke taken en verzorging van hun kinderen, art. 273f.1. en 273f.3 Sr.")
    result = summary_only(nlp, summary)
    assert result.minor_victim is True
    assert result.exploitation_types == ["labour"]
    assert "other" in result.victim_vulnerabilities  # illegal residence


def test_clients_are_not_the_victim(nlp: Language) -> None:
    # ECLI:NL:HR:2021:774, inhoudsindicatie in opendata/feeds/strafrecht_2021_results_from_*.
    summary = ("Mensenhandel (meermalen gepleegd) door als loverboy gedurende 3 maanden "
               "aangeefster (met Marokkaanse achtergrond) ertoe te bewegen om met zoveel mogelijk "
               "mannen tegen betaling seks te hebben, art. 273f.1, 273f.4, 273f.6 en 273f.9 Sr.")
    result = summary_only(nlp, summary)
    assert result.minor_victim is None
    assert result.exploitation_types == ["sexual"]


def test_nothing_stated_gives_null(nlp: Language) -> None:
    # trafficking/ECLI_NL_HR_2022_915.json
    summary = ("Mensenhandel (meermalen gepleegd), art. 273f Sr. T.t.v. inzending dossier naar "
               "HR ontbreken p-v van tz. in hoger beroep (art. 326 Sv) en aanvulling "
               "bewijsmiddelen (art. 365a Sv), terwijl die stukken nadien alsnog zijn opgemaakt.")
    result = summary_only(nlp, summary)
    assert result.minor_victim is None
    assert result.cross_border is None
    assert result.exploitation_types == []
    assert result.victim_vulnerabilities == []


@pytest.mark.parametrize("summary", [
    # trafficking/ECLI_NL_HR_2021_115.json
    "Medeplegen mensenhandel door vanuit Duitsland vrouw naar Nederland/België mee te nemen met "
    "het oogmerk haar seksuele handelingen tegen betaling te laten verrichten, art. 273f.1.3 Sr.",
    # trafficking/ECLI_NL_GHARN_2012_BV8583.json
    "Op initiatief van verdachte is haar slachtoffer naar Nederland gereisd. Na een kort verblijf "
    "in Nederland heeft verdachte het slachtoffer naar Duitsland laten reizen. Aldaar aangekomen "
    "bleek dat het slachtoffer in de prostitutie moest gaan werken (mensenhandel).",
])
def test_crossing_a_border(nlp: Language, summary: str) -> None:
    assert summary_only(nlp, summary).cross_border is True


def test_origin_alone_is_no_border_crossing(nlp: Language) -> None:
    # trafficking/ECLI_NL_HR_2018_1946.json: where the cook comes from, not how he came.
    summary = ("OM-cassatie. Vrijspraak medeplegen mensenhandel m.b.t. misbruik in "
               "arbeidssituatie door uit China afkomstige man als kok werkzaamheden te laten "
               "verrichten in Chinees restaurant in Arnhem, art. 273f.1, art. 273f.4 en 273f.6 Sr.")
    result = summary_only(nlp, summary)
    assert result.cross_border is None
    assert result.minor_victim is False
    assert result.exploitation_types == ["labour"]


def test_seasonal_workers_are_labour_migrants(nlp: Language) -> None:
    # trafficking/ECLI_NL_HR_2019_383.json
    summary = ("Mensenhandel door groot aantal seizoenarbeiders uit Oost-Europa in dienst te "
               "hebben bij aardbeienkwekerij en deze stelselmatig substantieel onder te betalen "
               "en te voorzien van slechte, veel te dure huisvesting, art. 273f.1.1, 273f.1.4 en "
               "273f.1.6 Sr.")
    result = summary_only(nlp, summary)
    assert result.victim_vulnerabilities == ["labour_migrant"]
    assert result.exploitation_types == ["labour"]


def test_complete_judgment_is_read_from_its_proven_facts(shared_corpus: Path,
                                                         nlp: Language) -> None:
    # trafficking/NOECLI_RBMNE_2015-09-15_16-705621-14.json: a complete vonnis (273f lid 1
    # sub 5 and 8, a victim under 18, "in Nederland"); silence on a border means no crossing.
    name = "NOECLI_RBMNE_2015-09-15_16-705621-14"
    gold = next(line for line in read_gold(GOLD) if line["id"] == name)
    text, meta = load(shared_corpus / "trafficking" / f"{name}.json")
    result = extract(text, nlp=nlp, meta=meta)
    for key in ("minor_victim", "cross_border", "exploitation_types"):
        assert getattr(result, key) == gold[key], key
    assert result.evidence["minor_victim"][0].section in ("proven", "qualification")
