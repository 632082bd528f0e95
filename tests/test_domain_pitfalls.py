"""DOMAIN.md's extraction pitfalls on real court text: the gaps left by test_nlp_pitfalls.py and
the other nlp tests (audit for issue "Extract the verdict").

Every passage below is copied verbatim from a document in ../shared/corpus (file and ECLI named
at each constant; `test_passages_are_verbatim` checks it against the file when the corpus is
there). Whole documents are read from the shared corpus through the `shared_corpus` fixture.
Expected values were read from the documents by hand, by the conventions of tests/gold/README.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from nlp.extract import extract
from nlp.inputs import load
from nlp.models import ExtractionResult
from nlp.pipeline import build
from tests.test_nlp_executions import benchmark_case
from tests.test_nlp_pitfalls import run


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build()


def run_file(nlp: Language, corpus: Path, name: str) -> ExtractionResult:
    """A whole document with the metadata its file gives (court level, document type)."""
    text, meta = load(corpus / name)
    return extract(text, nlp=nlp, meta=meta)


def run_benchmark(nlp: Language, corpus: Path, ecli: str) -> ExtractionResult:
    """The decision section of a punishment_eval case (real 2021 judgments)."""
    return run(nlp, benchmark_case(corpus, ecli)["text"], doc_type="uitspraak")


# criminal_full/ECLI_NL_GHAMS_2003_AO1616.json (ECLI:NL:GHAMS:2003:AO1616), the hof's reasoning:
# the lower court's sentence (12 jaren) and the advocaat-generaal's demand (15 jaren).
GHAMS_2003_AO1616_LOWER_COURT_AND_DEMAND = (
    "Oplegging van straf\nDe rechtbank heeft de verdachte veroordeeld tot een gevangenisstraf "
    "voor de duur van 12 jarenbij de tenuitvoerlegging waarvan de tijd in verzekering en in "
    "voorlopige hechtenis is doorgebracht in mindering dient te worden gebracht.\nTegen "
    "voormeld vonnis is namens de verdachte hoger beroep ingesteld.\nDe advocaat-generaal heeft "
    "gevorderd dat de verdachte zal worden veroordeeld tot  een gevangenisstraf voor de duur van "
    "15 jaren met aftrek van de tijd die verdachte in verzekering en in voorlopige hechtenis "
    "heeft door gebracht."
)

# criminal_full/NOECLI_RBMNE_2016-02-03_16-706097-14.json (no ECLI; Rb Midden-Nederland
# 16/706097-14): the defence cites another case's sentence (ECLI:NL:RBMNE:2013:5235) and the
# guideline.
RBMNE_2016_706097_CITED_CASE = (
    "8.2\nHet standpunt van de verdediging\nDe raadsman heeft met betrekking tot de strafmaat "
    "gewezen op een uitspraak van de rechtbank Midden-Nederland van 16 september 2013 "
    "(ECLI:NL:RBMNE:2013:5235), waarbij voor het dealen van harddrugs gedurende een periode van "
    "3 jaar een gevangenisstraf is opgelegd van 30 maanden. Verder heeft de raadsman gerefereerd "
    "aan de richtlijnen, waarin voor het dealen van harddrugs gedurende een periode van 3 tot 6 "
    "maanden een gevangenisstraf van 8 maanden wordt genoemd."
)

PASSAGES = {
    "criminal_full/ECLI_NL_GHAMS_2003_AO1616.json": GHAMS_2003_AO1616_LOWER_COURT_AND_DEMAND,
    "criminal_full/NOECLI_RBMNE_2016-02-03_16-706097-14.json": RBMNE_2016_706097_CITED_CASE,
}


@pytest.mark.parametrize("name", sorted(PASSAGES))
def test_passages_are_verbatim(shared_corpus: Path, name: str) -> None:
    text, _meta = load(shared_corpus / name)
    assert PASSAGES[name] in text


# --- the lower court's sentence quoted on appeal; the advocaat-generaal's demand -------------

def test_lower_court_sentence_and_ag_demand_on_appeal_are_no_sentence(nlp: Language) -> None:
    r = run(nlp, GHAMS_2003_AO1616_LOWER_COURT_AND_DEMAND, court_level="hof")
    assert r.prison_days_total is None  # not the rechtbank's 12 jaren, not the demanded 15
    assert r.demand is not None and r.demand.by == "advocaat-generaal"
    assert r.demand.prison_days_total == 15 * 365


def test_hof_sentence_whole_judgment(nlp: Language, shared_corpus: Path) -> None:
    # GHAMS 2003 AO1616: the hof's own "gevangenisstraf voor de duur van 12 (TWAALF) JAREN" in
    # its decision (digits and capitalised words), 1 year = 365 days; the demand stays apart.
    r = run_file(nlp, shared_corpus, "criminal_full/ECLI_NL_GHAMS_2003_AO1616.json")
    assert (r.prison_days_total, r.prison_days_suspended) == (12 * 365, 0)
    assert [e.section for e in r.evidence["prison_days_total"]] == ["decision"]
    assert r.demand is not None and r.demand.prison_days_total == 15 * 365


# --- sentences cited from other cases -------------------------------------------------------

def test_sentence_cited_from_another_case_is_no_sentence(nlp: Language) -> None:
    r = run(nlp, RBMNE_2016_706097_CITED_CASE)
    assert r.prison_days_total is None  # not the 30 months of ECLI:NL:RBMNE:2013:5235
    assert r.demand is None  # the defence's plea is no demand either


# --- co-defendants --------------------------------------------------------------------------

def test_sentence_weighed_against_co_defendants_whole_judgment(nlp: Language,
                                                                shared_corpus: Path) -> None:
    # criminal_full/NOECLI_GHARL_2020-07-22_21-002000-17.json (GH Arnhem-Leeuwarden
    # 21-002000-17): "bezien in het licht van de zaken van de medeverdachten, is het hof van
    # oordeel dat een gevangenisstraf voor de duur van 5 maanden passend zou zijn ... de duur van
    # de op te leggen gevangenisstraf te verlagen van 5 naar 4 maanden"; the dictum imposes
    # "gevangenisstraf voor de duur van 4 (vier) maanden".
    r = run_file(nlp, shared_corpus, "criminal_full/NOECLI_GHARL_2020-07-22_21-002000-17.json")
    assert (r.prison_days_total, r.prison_days_suspended) == (120, 0)
    assert r.compensation_eur_total == 0  # three claimants, all niet-ontvankelijk


# --- vervangende hechtenis, voorlopige hechtenis and credit on whole decision sections ----------
# test_nlp_pitfalls.py quotes these two sections abridged; here they run complete.

def test_taakstraf_substitute_and_credit_whole_section(nlp: Language, shared_corpus: Path) -> None:
    # punishment_eval ECLI:NL:RBAMS:2021:7026: "taakstraf van 40 (veertig) uren ... vervangende
    # hechtenis zal worden toegepast van 20 (twintig) dagen ... in mindering ... naar de maatstaf
    # van 2 (twee) uren per dag ... een gedeelte, groot 20 (twintig) uren ... proeftijd van 2
    # (twee) jaren"; "meer of anders ... spreekt verdachte daarvan vrij" is boilerplate.
    r = run_benchmark(nlp, shared_corpus, "ECLI:NL:RBAMS:2021:7026")
    assert (r.community_service_hours, r.community_service_hours_suspended) == (40, 20)
    assert r.detention_days is None and r.prison_days_total is None
    assert r.probation_years == 2 and r.outcome == "conviction"


def test_voorlopige_hechtenis_credit_whole_section(nlp: Language, shared_corpus: Path) -> None:
    # punishment_eval ECLI:NL:RBAMS:2021:2514: "gevangenisstraf voor de duur van 42
    # (tweeënveertig) maanden. Beveelt dat de tijd die door verdachte ... in verzekering en in
    # voorlopige hechtenis is doorgebracht, ... in mindering gebracht zal worden."
    r = run_benchmark(nlp, shared_corpus, "ECLI:NL:RBAMS:2021:2514")
    assert (r.prison_days_total, r.prison_days_suspended) == (42 * 30, 0)
    assert r.detention_days is None and r.outcome == "conviction"


# --- vervangende hechtenis of a fine; units (weeks, years in words) ---------------------------

def test_fine_with_default_detention_whole_judgment(nlp: Language, shared_corpus: Path) -> None:
    # criminal_full/NOECLI_GHARN_2010-03-11_21-003291-09.json (GH Arnhem 21-003291-09), dictum:
    # "Veroordeelt verdachte tot een geldboete van € 500,00 (vijfhonderd euro), bij gebreke van
    # betaling en verhaal te vervangen door 10 (tien) dagen hechtenis. Veroordeelt verdachte tot
    # een gevangenisstraf voor de duur van 1 (één) week. Bepaalt dat de gevangenisstraf niet zal
    # worden ten uitvoergelegd, ... een proeftijd van 2 (twee) jaren".
    r = run_file(nlp, shared_corpus, "criminal_full/NOECLI_GHARN_2010-03-11_21-003291-09.json")
    assert r.fine_eur == 500
    assert r.detention_days is None  # the 10 days replace an unpaid fine
    assert (r.prison_days_total, r.prison_days_suspended, r.probation_years) == (7, 7, 2)


def test_years_in_words_and_digits(nlp: Language, shared_corpus: Path) -> None:
    # criminal_full/NOECLI_RBMNE_2016-02-12_16-701538-14.json (Rb Midden-Nederland
    # 16/701538-14): dictum "gevangenisstraf van 16 (zestien) jaren", demand "zestien jaren".
    r = run_file(nlp, shared_corpus, "criminal_full/NOECLI_RBMNE_2016-02-12_16-701538-14.json")
    assert (r.prison_days_total, r.prison_days_suspended) == (16 * 365, 0)
    assert r.demand is not None and r.demand.prison_days_total == 16 * 365
    # opendata_annotated/ECLI_NL_RBLEE_2011_BP2417.xml (ECLI:NL:RBLEE:2011:BP2417): demand
    # "gevangenisstraf voor de duur van vier jaren waarvan één jaar voorwaardelijk met een
    # proeftijd van twee jaren"; the court: "achttien maanden" and "een gedeelte, groot zes
    # maanden" suspended (1 month = 30 days).
    r = run_file(nlp, shared_corpus, "opendata_annotated/ECLI_NL_RBLEE_2011_BP2417.xml")
    assert (r.prison_days_total, r.prison_days_suspended, r.probation_years) == (540, 180, 2)
    assert r.demand is not None
    assert (r.demand.prison_days_total, r.demand.prison_days_suspended) == (4 * 365, 365)


# --- measures: ISD, TBS; a measure's duration is no prison term -------------------------------

@pytest.mark.parametrize("name", [
    # Rb Midden-Nederland 16/653018-17: "legt aan verdachte op de maatregel tot plaatsing in een
    # inrichting voor stelselmatige daders voor de duur van 2 (twee) jaren."
    "criminal_full/NOECLI_RBMNE_2017-11-29_16-653018-17.json",
    # Rb Amsterdam 13/219903-25: "Legt op de maatregel tot plaatsing in een inrichting voor
    # stelselmatige daders voor de duur van 2 (twee) jaren."; the demand was the same measure.
    "criminal_full/NOECLI_RBAMS_2025-10-29_13-219903-25.json",
])
def test_isd_measure_is_no_prison_term(nlp: Language, shared_corpus: Path, name: str) -> None:
    r = run_file(nlp, shared_corpus, name)
    assert r.isd is True and r.outcome == "conviction"
    assert r.prison_days_total is None  # the 2 years of the measure are not a prison term
    assert r.demand is not None and r.demand.isd is True


# --- ontslag van alle rechtsvervolging -------------------------------------------------------

def test_discharge_of_all_facts_is_a_dismissal(nlp: Language, shared_corpus: Path) -> None:
    # punishment_eval ECLI:NL:RBOVE:2021:1784: "verklaart bewezen dat verdachte het
    # tenlastegelegde heeft begaan ... - verklaart het bewezen verklaarde niet strafbaar en
    # ontslaat verdachte van alle rechtsvervolging daarvan; ... - bepaalt dat de benadeelde
    # partijen ... in het geheel niet-ontvankelijk zijn". "Meer of anders ... spreekt vrij" is
    # boilerplate: no fact is convicted.
    r = run_benchmark(nlp, shared_corpus, "ECLI:NL:RBOVE:2021:1784")
    assert r.prison_days_total is None and r.compensation_eur_total == 0
    assert r.outcome == "dismissal"


def test_discharge_with_tbs_is_a_dismissal(nlp: Language, shared_corpus: Path) -> None:
    # punishment_eval ECLI:NL:RBROT:2021:2039: "verklaart niet bewezen, dat de verdachte het
    # impliciet primair ten laste gelegde feit heeft begaan en spreekt de verdachte daarvan vrij;
    # verklaart bewezen, dat de verdachte het impliciet subsidiair ten laste gelegde feit ...
    # heeft begaan; ... verklaart de verdachte voor het bewezen verklaarde niet strafbaar en
    # ontslaat de verdachte ten aanzien daarvan van alle rechtsvervolging; gelast dat de
    # verdachte ter beschikking wordt gesteld". One fact, primary acquitted, subsidiary
    # discharged: no conviction, so no "partial".
    r = run_benchmark(nlp, shared_corpus, "ECLI:NL:RBROT:2021:2039")
    assert r.tbs is True and r.prison_days_total is None
    assert r.outcome == "dismissal"


def test_discharge_of_one_fact_next_to_a_conviction_is_partial(nlp: Language) -> None:
    # Synthetic (the corpus has no such dictum), worded as the two above: fact 1 is declared
    # punishable and punished, fact 2 discharged, so the discharge rule must not fire.
    r = run(nlp, "De beslissing\nDe rechtbank:\nverklaart bewezen dat verdachte de onder 1 en "
                 "2 ten laste gelegde feiten heeft begaan;\nverklaart het onder 2 bewezen "
                 "verklaarde niet strafbaar en ontslaat verdachte te dien aanzien van alle "
                 "rechtsvervolging;\nverklaart verdachte strafbaar voor het onder 1 bewezen "
                 "verklaarde;\nveroordeelt verdachte tot een gevangenisstraf voor de duur van "
                 "6 (zes) maanden.", doc_type="uitspraak")
    assert r.outcome == "partial" and r.prison_days_total == 180


# --- conclusie of the AG; the Hoge Raad -----------------------------------------------------

@pytest.mark.parametrize("name", [
    # ECLI:NL:PHR:2014:1313 quotes the hof's "gevangenisstraf voor de duur van drie jaren".
    "opendata_annotated/ECLI_NL_PHR_2014_1313.xml",
    "opendata_annotated/ECLI_NL_PHR_2014_2543.xml",  # ECLI:NL:PHR:2014:2543
    "opendata_annotated/ECLI_NL_PHR_2010_BM7501.xml",  # ECLI:NL:PHR:2010:BM7501
])
def test_conclusie_of_the_ag_decides_nothing(nlp: Language, shared_corpus: Path,
                                             name: str) -> None:
    r = run_file(nlp, shared_corpus, name)
    assert r.court_level == "phr"
    assert r.outcome is None and r.prison_days_total is None and r.demand is None
    assert r.compensation_eur_total is None


@pytest.mark.parametrize("name", [
    "opendata_annotated/ECLI_NL_HR_2001_ZD2545.xml",  # "De Hoge Raad verwerpt het beroep."
    "opendata_annotated/ECLI_NL_HR_2005_AR8225.xml",
    "opendata_annotated/ECLI_NL_HR_2008_BD4872.xml",
    "opendata/ECLI_NL_HR_1984_AC8252.xml",
])
def test_hoge_raad_rejecting_the_appeal_imposes_nothing(nlp: Language, shared_corpus: Path,
                                                        name: str) -> None:
    r = run_file(nlp, shared_corpus, name)
    assert r.court_level == "hoge_raad" and r.outcome == "appeal_dismissed"
    assert r.prison_days_total is None and r.demand is None


# --- victims' claims: hoofdelijk, partly inadmissible, the measure's default detention --------

def test_joint_claim_partly_inadmissible_with_measure(nlp: Language, shared_corpus: Path) -> None:
    # criminal_full/NOECLI_RBMNE_2018-01-19_16-652743-15.json (Rb Midden-Nederland
    # 16/652743-15): "wijst de vordering van [benadeelde 3] toe tot een bedrag van € 200,00;
    # - veroordeelt verdachte hoofdelijk tot betaling ...; - verklaart [benadeelde 3] voor wat
    # betreft het meer gevorderde niet-ontvankelijk ...; - legt verdachte de hoofdelijke
    # verplichting op ten behoeve van [benadeelde 3] aan de Staat € 200,00 te betalen".
    r = run_file(nlp, shared_corpus, "criminal_full/NOECLI_RBMNE_2018-01-19_16-652743-15.json")
    assert r.compensation_eur_total == 200  # the measure restates the award: not 400
    (c,) = r.compensation
    assert (c.claimant, c.amount_eur) == ("[benadeelde 3]", 200)
    assert c.joint is True and c.partly_inadmissible is True and c.measure is True
    assert (r.prison_days_total, r.prison_days_suspended) == (90, 0)


def test_default_detention_of_the_compensation_measure_is_no_sentence(
        nlp: Language, shared_corpus: Path) -> None:
    # Same judgment: "legt verdachte de hoofdelijke verplichting op ten behoeve van [benadeelde
    # 3] aan de Staat € 200,00 te betalen, ..., bij niet betaling aan te vullen met 4 dagen
    # hechtenis;" is vervangende hechtenis, not a hechtenis imposed as punishment.
    r = run_file(nlp, shared_corpus, "criminal_full/NOECLI_RBMNE_2018-01-19_16-652743-15.json")
    assert r.detention_days is None
