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
    # trafficking/ECLI_NL_HR_2019_40.json (found by the blind re-coding)
    "Voortgezette handeling van medeplegen mensenhandel m.b.t. persoon onder 16 jaren, "
    "medeplegen mensenhandel m.b.t. persoon onder 18 jaren en medeplegen mensenhandel door "
    "samen met haar man minderjarig nichtje uit Turkije illegaal in huis te nemen en haar "
    "jarenlang buitensporig en excessief te belasten met huishoudelijke taken en verzorging "
    "van hun kinderen, art. 273f.1. en 273f.3 Sr.",
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


# -- how many victims (the cases below were found by a blind re-coding of the trafficking set) -

@pytest.mark.parametrize(("summary", "count"), [
    # trafficking/ECLI_NL_HR_2020_891.json: the Hoge Raad's telegram style has no article
    ("Mensenhandel door medenemen van uit Roemenië afkomstige vrouw vanuit Nederland naar "
     "Duitsland om daar prostitutiewerkzaamheden te verrichten, art. 273f.1.3 Sr.", 1),
    # trafficking/ECLI_NL_HR_2023_534.json
    ("Medeplegen mensenhandel door kwetsbare, verslaafde man gedurende periode van ruim 3 "
     "jaren 7 dagen per week zonder betaling van loon in café van verdachte te laten werken, "
     "art. 273f.1.4 en 273f.1.6 Sr.", 1),
    # trafficking/ECLI_NL_HR_2019_40.json: the spouse is a co-perpetrator, the niece the victim
    ("Voortgezette handeling van medeplegen mensenhandel m.b.t. persoon onder 16 jaren, "
     "medeplegen mensenhandel m.b.t. persoon onder 18 jaren en medeplegen mensenhandel door "
     "samen met haar man minderjarig nichtje uit Turkije illegaal in huis te nemen en haar "
     "jarenlang buitensporig en excessief te belasten met huishoudelijke taken en verzorging "
     "van hun kinderen, art. 273f.1. en 273f.3 Sr.", 1),
    # trafficking/ECLI_NL_HR_2020_672.json: an acquittal names the alleged victims
    ("OM-cassatie en cassatie verdachte. Vrijspraak mensenhandel door destijds 5-jarige "
     "kleindochter en 13-jarige dochter in te zetten bij winkeldiefstallen, art. 273f.1.1 en "
     "273f.1.4 Sr.", 2),
    # feed ..._from_6000.atom#ECLI:NL:RBAMS:2021:5448
    ("Verdachte heeft samen met zijn medeverdachte, gedurende 16 maanden, voordeel getrokken "
     "uit de uitbuiting van vier Poolse aangevers.", 4),
    # feed ..._from_1.atom#ECLI:NL:RBMNE:2021:304: the one victim named anywhere
    ("De rechtbank heeft verdachte veroordeeld ter zake mensenhandel. Aan verdachte is een "
     "gevangenisstraf voor de duur van 24 maanden opgelegd en een contactverbod met het "
     "slachtoffer opgelegd.", 1),
    # and not when the summary speaks of several (synthetic, next to the real one above)
    ("Veroordeling voor mensenhandel. De verklaringen van de slachtoffers zijn betrouwbaar. "
     "Contactverbod met aangeefster.", None),
    # feed ..._from_6000.atom#ECLI:NL:RBMNE:2021:4771: a preparation has no victim yet
    ("De rechtbank spreekt een man vrij die ervan werd verdacht dat hij ter voorbereiding van "
     "het misdrijf mensenhandel (in dit geval de seksuele uitbuiting van een minderjarige) "
     "digitale gegevensdragers en een kamer in zijn woning (bedoeld als werkplek voor "
     "prostitutie) voorhanden heeft gehad.", None),
])
def test_number_of_victims_in_a_summary(nlp: Language, summary: str, count: int | None
                                        ) -> None:
    assert summary_only(nlp, summary).number_of_victims == count


def test_acquittal_names_the_alleged_victims_origin(nlp: Language) -> None:
    # trafficking/ECLI_NL_HR_2018_1945.json: "door uit China afkomstige man"
    summary = ("OM-cassatie. Vrijspraak medeplegen mensenhandel m.b.t. misbruik in "
               "arbeidssituatie door uit China afkomstige man als kok werkzaamheden te laten "
               "verrichten in Chinees restaurant in Arnhem, art. 273f.1, art. 273f.4 en 273f.6 Sr.")
    result = summary_only(nlp, summary)
    assert result.victim_nationalities == ["China"]
    assert result.number_of_victims == 1


@pytest.mark.parametrize(("name", "count"), [
    # fact 1 is the attempted trafficking of [slachtoffer1]; facts 3 and 4 are the extortion
    # of [slachtoffer2] and a threat against [slachtoffer3]
    ("ECLI_NL_RBHAA_2006_BD5491", 1),
    # zaak A 1 and 2: [benadeelde 1] and [benadeelde 2] in prostitution; zaak B: the fraud
    # against [benadeelde 3]
    ("ECLI_NL_GHLEE_2011_BQ3556", 2),
])
def test_victims_of_other_proven_facts_are_not_counted(shared_corpus: Path, nlp: Language,
                                                       name: str, count: int) -> None:
    text, meta = load(shared_corpus / "trafficking" / f"{name}.json")
    result = extract(text, nlp=nlp, meta=meta)
    assert result.number_of_victims == count


def test_a_region_is_no_nationality_but_the_country_named_after_it_is(nlp: Language) -> None:
    # trafficking/ECLI_NL_HR_2019_383.json (abridged: the HR's recital of its case law left out)
    summary = ("Mensenhandel door groot aantal seizoenarbeiders uit Oost-Europa in dienst te "
               "hebben bij aardbeienkwekerij en deze stelselmatig substantieel onder te betalen "
               "en te voorzien van slechte, veel te dure huisvesting, art. 273f.1.1, 273f.1.4 en "
               "273f.1.6 Sr. Oogmerk van uitbuiting? Hof heeft vastgesteld dat in "
               "bewezenverklaring genoemde personen - die net als andere seizoenarbeiders "
               "afkomstig waren uit Oost-Europa, merendeels uit Slowakije - werkzaam waren in "
               "aardbeienkwekerij van verdachte gedurende plukseizoen.")
    result = summary_only(nlp, summary)
    assert result.victim_nationalities == ["Slowakije"]
    assert result.evidence["victim_nationalities"][0].text == "Slowakije"


def test_recruited_in_a_country_names_the_victims_origin(shared_corpus: Path,
                                                          nlp: Language) -> None:
    # trafficking/ECLI_NL_PHR_2018_1514.json: the proven fact cut into indented lines, the
    # victims named in the line before "- geworven of doen werven in Slowakije terwijl zij ..."
    text, meta = load(shared_corpus / "trafficking" / "ECLI_NL_PHR_2018_1514.json")
    result = extract(text, nlp=nlp, meta=meta)
    assert result.victim_nationalities == ["Slowakije"]
    assert "geworven" in text[result.evidence["victim_nationalities"][0].start - 40:
                              result.evidence["victim_nationalities"][0].start]


def test_an_excerpt_that_only_names_victims_in_prostitution(shared_corpus: Path,
                                                             nlp: Language) -> None:
    # trafficking/ECLI_NL_PHR_2022_380.json: a confiscation conclusie whose excerpts never name
    # the offence; its fragment: "Aangezien de slachtoffers enkel en alleen naar Nederland zijn
    # gekomen om o.a. in Den Haag in de prostitutie te gaan werken, ..."
    text, meta = load(shared_corpus / "trafficking" / "ECLI_NL_PHR_2022_380.json")
    result = extract(text, nlp=nlp, meta=meta)
    assert result.exploitation_types == ["sexual"]
    assert result.cross_border is True
    assert "naar Nederland zijn gekomen" in result.evidence["cross_border"][0].text


def test_a_minor_sub_paragraph_counts_only_for_a_conviction(nlp: Language) -> None:
    # trafficking/ECLI_NL_PHR_2015_2038.json (abridged): a conclusie on an OM-cassatie; "art. 273f.1
    # aanhef en onder 1,2 en 4 Sr" (sub 2: a victim under 18) is the charge, and the summary
    # speaks of minors only as a rule ("in geval van minderjarige s.o."). Both codings say null.
    summary = ("OM-cassatie. Mensenhandel, art. 273f.1 aanhef en onder 1,2 en 4 Sr. 1. Het "
               "oordeel van het Hof dat het in art. 273f.1 aanhef en onder 4, Sr omschreven feit "
               "alleen strafbaar is als het is begaan onder omstandigheden waarbij uitbuiting kan "
               "worden verondersteld, getuigt niet van een onjuiste rechtsopvatting.")
    result = extract("", nlp=nlp, meta={"summary": summary, "court_level": "phr"})
    assert result.minor_victim is None and "minor" not in result.victim_vulnerabilities
    # A conviction that cites sub 2, 5 and 8 (ECLI:NL:RBMNE:2021:1867, 2021 feed) does.
    summary = ("Veroordeling voor medeplegen van mensenhandel (273f lid 1 sub 2, 5 en 8 Sr), "
               "opzetheling en diefstal in vereniging.")
    result = extract("", nlp=nlp, meta={"summary": summary, "court_level": "rechtbank"})
    assert result.minor_victim is True
    assert "273f lid 1 sub 2" in result.evidence["minor_victim"][0].text
