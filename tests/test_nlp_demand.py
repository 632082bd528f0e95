"""The prosecutor's demand at this instance: which passage is the demand, and what it holds.

Whole real judgments from ../shared/corpus (through the `shared_corpus` fixture); the passages
each test is about are quoted in its comment, and the expected values were read by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from nlp.components.demand import (
    DEMAND_START_RE,
    drop_alternatives,
    passage_end,
)
from nlp.decision import clauses
from nlp.extract import extract
from nlp.inputs import load as load_file
from nlp.models import ExtractionResult
from nlp.pipeline import build
from nlp.punishments import extract_items


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build()


def run(nlp: Language, corpus: Path, name: str, **meta: object) -> ExtractionResult:
    if name.endswith(".xml"):
        text, file_meta = load_file(corpus / name)
    else:
        text, file_meta = json.loads((corpus / name).read_text(encoding="utf-8"))["text"], {}
    return extract(text, nlp=nlp, meta={"court_level": "rechtbank", **file_meta, **meta})


@pytest.mark.parametrize("sentence", [
    # OGEAC 2020:292 and RBROT 2021:1789: the prosecutor's name, with its dots, sits between
    # the office and the verb.
    "De officier van justitie, mr. C.H. Hato-Willems, heeft ter terechtzitting gevorderd dat",
    "De officier van justitie mr. H.H. Balk heeft gevorderd:",
    # GHAMS 2016:3805.
    "De advocaat-generaal heeft gevorderd dat de verdachte",
    # GHARL 2017-02-08 (21-001005-16), plural.
    "De advocaten-generaal hebben ook het opleggen van een schadevergoedingsmaatregel met "
    "betrekking tot de feiten 1, 2 en 3 gevorderd, telkens tot een bedrag van € 15.000,- .",
])
def test_demand_start_is_found(sentence: str) -> None:
    m = DEMAND_START_RE.search(sentence)
    assert m is not None and (m.group("by") or m.group("by1"))


@pytest.mark.parametrize(("sentence", "by"), [
    # Verb before subject after a fronted phrase (Dutch inversion). GHARL 2018-11-27
    # (21-000844-14):
    ("In hoger beroep heeft de advocaat-generaal gevorderd verdachte in beginsel te veroordelen "
     "tot dezelfde straf", "advocaat-generaal"),
    # RBUTR 2011-04-05 (16/712098-10), RBMNE 2018-06-01 (16/652169-18):
    ("Daarnaast vordert de officier van justitie een werkstraf van 100 uren subsidiair 50 dagen "
     "hechtenis.", "officier van justitie"),
    ("Voor het onder 2 en 3 ten laste gelegde vordert de officier van justitie vrijspraak",
     "officier van justitie"),
    # RBMNE 2017-10-24 (16/652824-17):
    ("Tot slot heeft de officier van justitie gevorderd deze voorwaarden dadelijk uitvoerbaar te "
     "verklaren", "officier van justitie"),
    # The brief's wording, with "geëist".
    ("Ter zitting heeft de officier van justitie geëist dat", "officier van justitie"),
])
def test_inverted_demand_start_is_found(sentence: str, by: str) -> None:
    m = DEMAND_START_RE.search(sentence)
    assert m is not None
    assert (m.group("by3") or m.group("by4") or "").lower() == by


@pytest.mark.parametrize("sentence", [
    # Inverted, but not a demand: another verb (GHARL 2017-02-08 (21-001005-16), RBMNE
    # 2017-04-04 (16/652433-16)).
    "Ter zitting van 19 december 2016 heeft de advocaat-generaal meegedeeld dat daarmee alle "
    "stukken zijn gevoegd.",
    "Voorts heeft de officier van justitie in zijn requisitoir betoogd dat wettig en overtuigend "
    "kan worden bewezen dat verdachte",
])
def test_inverted_sentence_without_demand_verb_is_no_demand(sentence: str) -> None:
    assert DEMAND_START_RE.search(sentence) is None


def test_inverted_demand_on_appeal(nlp: Language, shared_corpus: Path) -> None:
    # GHARL 2018-11-27 (21-000844-14): "In hoger beroep heeft de advocaat-generaal gevorderd
    # verdachte in beginsel te veroordelen tot dezelfde straf als die door de rechtbank is
    # opgelegd, maar vanwege de overschrijding van de redelijke termijn tot een
    # gevangenisstraf voor de duur van 32 maanden." The rechtbank named before ", maar" is a
    # comparison; the 32 months after it are the demand.
    r = run(nlp, shared_corpus, "criminal_full/NOECLI_GHARL_2018-11-27_21-000844-14.json",
            court_level="hof")
    assert r.demand is not None
    assert r.demand.by == "advocaat-generaal"
    assert r.demand.prison_days_total == 32 * 30
    assert r.demand.prison_days_suspended == 0


def test_proeftijd_in_the_demand_is_not_the_term(nlp: Language, shared_corpus: Path) -> None:
    # RBMNE 2014-04-22 (16/653878-13): "- vier maanden jeugddetentie, geheel voorwaardelijk met
    # een proeftijd van twee jaar ...; - een werkstraf van 120 uur, subsidiair 60 dagen
    # vervangende jeugddetentie".
    r = run(nlp, shared_corpus, "criminal_full/NOECLI_RBMNE_2014-04-22_16-653878-13.json")
    assert r.demand is not None
    assert (r.demand.prison_days_total, r.demand.prison_days_suspended) == (120, 120)
    assert r.demand.probation_years == 2
    assert r.demand.community_service_hours == 120


def test_demand_with_a_named_prosecutor(nlp: Language, shared_corpus: Path) -> None:
    # OGEAC 2020:292: "... heeft ter terechtzitting gevorderd dat het Gerecht ... de verdachte
    # daarvoor zal veroordelen tot een gevangenisstraf van 20 jaren met aftrek van voorarrest."
    r = run(nlp, shared_corpus, "criminal_full/ECLI_NL_OGEAC_2020_292.json")
    assert r.demand is not None and r.demand.prison_days_total == 20 * 365
    assert r.demand.by == "officier van justitie"


def test_appeal_formula_names_the_demand_as_a_noun(nlp: Language, shared_corpus: Path) -> None:
    # GHARN 2012:BV8521 (found by a blind re-coding): "Het hof heeft kennisgenomen van de
    # vordering van de advocaat-generaal, strekkende tot veroordeling van verdachte tot een
    # gevangenisstraf voor de duur van 8 jaren met aftrek van voorarrest."
    r = run(nlp, shared_corpus, "trafficking/ECLI_NL_GHARN_2012_BV8521.json", court_level="hof")
    assert r.demand is not None and r.demand.prison_days_total == 8 * 365
    assert r.demand.by == "advocaat-generaal"
    assert any("8 jaren" in e.text for e in r.evidence["demand"])


def test_several_prosecutors_demand(nlp: Language, shared_corpus: Path) -> None:
    # RBZLY 2009:BK5669: "De officieren van justitie, mr. L.N. Stempher en mr. G. Veurink,
    # hebben ter terechtzitting gevorderd de veroordeling van verdachte ... tot: - een
    # gevangenisstraf van 2 jaar met aftrek ..."
    r = run(nlp, shared_corpus, "trafficking/ECLI_NL_RBZLY_2009_BK5669.json")
    assert r.demand is not None and r.demand.prison_days_total == 2 * 365
    assert r.demand.by == "officier van justitie"


@pytest.mark.parametrize("sentence", [
    # a tul or a confiscation claim is no demand for a sentence
    "De rechtbank heeft kennisgenomen van de vordering van de officier van justitie tot "
    "tenuitvoerlegging van de voorwaardelijk opgelegde straf.",
    "Vordering van de officier van justitie tot ontneming van wederrechtelijk verkregen voordeel",
])
def test_other_claims_of_the_prosecutor_are_no_demand_start(sentence: str) -> None:
    assert DEMAND_START_RE.search(sentence) is None


def test_suspended_part_without_its_unit(nlp: Language, shared_corpus: Path) -> None:
    # RBROT 2021:1789: "een gevangenisstraf voor de duur van 8 maanden met aftrek van
    # voorarrest, waarvan 3 voorwaardelijk": 3 months.
    r = run(nlp, shared_corpus, "criminal_full/ECLI_NL_RBROT_2021_1789.json")
    assert r.demand is not None
    assert (r.demand.prison_days_total, r.demand.prison_days_suspended) == (240, 90)


def test_tbs_in_the_demand(nlp: Language, shared_corpus: Path) -> None:
    # RBONE 2013-02-07 (06/950422-12): "De officier van justitie heeft gevorderd dat verdachte
    # wordt veroordeeld tot een gevangenisstraf van 8 jaar en de maatregel van
    # terbeschikkingstelling (verder te noemen: TBS-maatregel) met dwangverpleging."
    r = run(nlp, shared_corpus, "criminal_full/NOECLI_RBONE_2013-02-07_06-950422-12.json")
    assert r.demand is not None
    assert r.demand.prison_days_total == 8 * 365 and r.demand.tbs is True


def test_alternative_demands_are_not_added(nlp: Language, shared_corpus: Path) -> None:
    # RBGEL 2025-09-08 (05/296581-24): "in geval van een schorsing uit de voorlopige hechtenis
    # ... een jeugddetentie van 205 dagen, en in geval verdachte niet geschorst wordt ... een
    # jeugddetentie van 209 dagen, waarvan 90 dagen voorwaardelijk": two alternatives, not
    # 414 days. The first is read.
    r = run(nlp, shared_corpus, "criminal_full/NOECLI_RBGEL_2025-09-08_05-296581-24.json")
    assert r.demand is not None and r.demand.prison_days_total == 205


def test_drop_alternatives_keeps_kinds_apart() -> None:
    # RBMNE 2022-08-19 (16/343331-21): two prison terms and a taakstraf, one demand.
    text = ("- een gevangenisstraf van 1 dag, met aftrek van het voorarrest;\n- een "
            "gevangenisstraf van 1 maand, geheel voorwaardelijk met een proeftijd van 2 jaren;\n"
            "- een taakstraf van 150 uren, indien niet of niet naar behoren verricht te "
            "vervangen door 75 dagen hechtenis.")
    items = [{"kind": "prison", "start": text.index("gevangenisstraf van 1 dag"),
              "end": text.index(", met aftrek")},
             {"kind": "prison", "start": text.index("gevangenisstraf van 1 maand"),
              "end": text.index(", geheel")},
             {"kind": "community_service", "start": text.index("taakstraf"),
              "end": text.index(", indien")}]
    assert len(drop_alternatives(items, text)) == 3


def test_demand_passage_ends_at_the_next_heading(nlp: Language, shared_corpus: Path) -> None:
    # RBHAA 2007:BA1808: the demand (eenentwintig maanden, waarvan acht maanden voorwaardelijk)
    # is followed by "6.2 Hoofdstraf", where the court quotes the defence's proposal ("een
    # gevangenisstraf van vier maanden waarvan één maand voorwaardelijk"): not the demand.
    r = run(nlp, shared_corpus, "opendata_annotated/ECLI_NL_RBHAA_2007_BA1808.xml")
    assert r.demand is not None
    assert (r.demand.prison_days_total, r.demand.prison_days_suspended) == (21 * 30, 8 * 30)
    text = "vorderd.\n6.2 Hoofdstraf\nBij de beslissing over de straf"
    assert passage_end(text, 0, len(text)) == text.index("\n6.2")


def test_lower_court_demand_on_appeal_is_not_this_demand(nlp: Language,
                                                         shared_corpus: Path) -> None:
    # GHARL 2019-12-09 (21-002110-17): "nu het openbaar ministerie in eerste aanleg heeft
    # gerekwireerd tot vrijspraak van feit 2" is the demand at first instance, quoted by the
    # advocaat-generaal: no acquittal demand at the hof.
    r = run(nlp, shared_corpus, "criminal_full/NOECLI_GHARL_2019-12-09_21-002110-17.json",
            court_level="hof")
    assert r.demand is None or not r.demand.acquittal


def test_court_comparing_with_the_demand_is_not_the_demand(nlp: Language,
                                                           shared_corpus: Path) -> None:
    # GHARL 2019-12-09 (21-002041-17): "Dit is een lagere straf dan door de advocaat-generaal
    # is ge-eist. Het hof komt tot een deels andere bewezenverklaring ..., nu het hof komt tot
    # een vrijspraak van de fietsendiefstal": the court's words, not a demand for acquittal.
    r = run(nlp, shared_corpus, "criminal_full/NOECLI_GHARL_2019-12-09_21-002041-17.json",
            court_level="hof")
    assert r.demand is None or not r.demand.acquittal


def test_negated_demand_and_conform_sentence(nlp: Language, shared_corpus: Path) -> None:
    # GHARL 2017-02-08 (21-001005-16): "Het Openbaar Ministerie heeft ook niet het opleggen van
    # de maatregel gevorderd" is no TBS demand; "Het hof zal de verdachte dan ook veroordelen
    # tot een gevangenisstraf voor de duur van zestien jaren ... Deze straf is conform de eis
    # van het Openbaar Ministerie."
    r = run(nlp, shared_corpus, "criminal_full/NOECLI_GHARL_2017-02-08_21-001005-16.json",
            court_level="hof")
    assert r.demand is not None
    assert r.demand.tbs is not True
    assert r.demand.prison_days_total == 16 * 365
    assert r.demand.by == "advocaat-generaal"


def test_punishment_after_a_substitute_detention_is_read() -> None:
    # The demand formula of GHSHE 2010:BM0881 ("een geldboete van EUR 3.000,00, subsidiair
    # zestig dagen vervangende hechtenis") followed by a second punishment, as demands often
    # list them: the "subsidiair" before it must not make the prison term a substitute.
    text = ("De advocaat-generaal heeft gevorderd dat het hof verdachte zal veroordelen tot een "
            "geldboete van EUR 3.000,00, subsidiair zestig dagen vervangende hechtenis, en een "
            "voorwaardelijke gevangenisstraf voor de duur van 2 weken met een proeftijd van 2 "
            "jaren.")
    items = extract_items(clauses(text, 0, len(text)), demand=True)
    assert sorted((it["kind"], it["amount"]) for it in items) == [("fine", 3000.0),
                                                                 ("prison", 14.0)]
