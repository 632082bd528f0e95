"""DOMAIN.md's sentencing pitfalls, each on real text from the corpus.

Short dicta are taken from judgments in ../shared/corpus (the source is named at each test):
real sentences, often shortened or joined into one dictum, so "verbatim" below means the
wording of each clause, not the whole passage (tests/test_domain_pitfalls.py checks its
passages against the files). Whole judgments are read from the shared corpus when it is there.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from nlp.extract import extract
from nlp.inputs import load as load_input
from nlp.models import ExtractionResult
from nlp.pipeline import build


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build()


def run(nlp: Language, text: str, **meta: object) -> ExtractionResult:
    return extract(text, nlp=nlp, meta={"court_level": "rechtbank", **meta})


def load(corpus: Path, name: str) -> str:
    return json.loads((corpus / name).read_text(encoding="utf-8"))["text"]


# ECLI:NL:RBAMS:2021:7026 (punishment_eval), verbatim.
TAAKSTRAF_WITH_SUBSTITUTE = (
    "10 Beslissing De rechtbank komt op grond van het voorgaande tot de volgende beslissing. "
    "Verklaart bewezen dat verdachte de onder 1, 2 en 3 ten laste gelegde feiten heeft begaan "
    "zoals hiervoor in rubriek 4.3 is vermeld. Verklaart niet bewezen wat aan verdachte meer of "
    "anders is ten laste gelegd dan hiervoor is bewezen verklaard en spreekt verdachte daarvan "
    "vrij. Verklaart het bewezene strafbaar. Verklaart verdachte, [verdachte], daarvoor "
    "strafbaar. Veroordeelt verdachte tot een taakstraf van 40 (veertig) uren. Beveelt, voor het "
    "geval dat de verdachte de taakstraf niet naar behoren heeft verricht, dat vervangende "
    "hechtenis zal worden toegepast van 20 (twintig) dagen. Beveelt dat de tijd die door "
    "verdachte vóór de tenuitvoerlegging van deze uitspraak in verzekering is doorgebracht, bij "
    "de uitvoering van deze straf geheel in mindering zal worden gebracht naar de maatstaf van 2 "
    "(twee) uren per dag. Beveelt dat een gedeelte, groot 20 (twintig) uren, van deze taakstraf "
    "niet ten uitvoer zal worden gelegd, tenzij later anders wordt gelast. Stelt daarbij een "
    "proeftijd van 2 (twee) jaren vast."
)


def test_vervangende_hechtenis_and_credit_are_no_sentence(nlp: Language) -> None:
    r = run(nlp, TAAKSTRAF_WITH_SUBSTITUTE)
    assert r.community_service_hours == 40
    assert r.community_service_hours_suspended == 20
    assert r.detention_days is None  # "vervangende hechtenis ... 20 dagen"
    assert r.probation_years == 2
    assert r.outcome == "conviction"  # "meer of anders ... spreekt vrij" is boilerplate
    assert not [e for e in r.evidence.get("outcome", []) if e.label == "acquittal"]


def test_voorlopige_hechtenis_is_no_sentence(nlp: Language) -> None:
    # ECLI:NL:RBAMS:2021:2514 (punishment_eval), verbatim.
    text = ("10 Beslissing De rechtbank komt op grond van het voorgaande tot de volgende "
            "beslissing. Verklaart bewezen dat verdachte het ten laste gelegde heeft begaan zoals "
            "hiervoor in rubriek 3.4 is vermeld. Veroordeelt verdachte tot een gevangenisstraf "
            "voor de duur van 42 (tweeënveertig) maanden. Beveelt dat de tijd die door verdachte "
            "voor de tenuitvoerlegging van deze uitspraak in verzekering en in voorlopige "
            "hechtenis is doorgebracht, bij de tenuitvoerlegging van die straf in mindering "
            "gebracht zal worden.")
    r = run(nlp, text)
    assert r.prison_days_total == 42 * 30
    assert r.prison_days_suspended == 0
    assert r.detention_days is None
    ev = r.evidence["prison_days_total"][0]
    assert ev.text == "gevangenisstraf voor de duur van 42 (tweeënveertig) maanden"
    assert ev.section == "decision"


def test_demand_is_not_the_sentence(nlp: Language, shared_corpus: Path) -> None:
    # RBLIM 2013 9527: "De officier van justitie heeft gevorderd aan verdachte op te leggen een
    # gevangenisstraf voor de duur van 270 dagen met aftrek waarvan 117 dagen voorwaardelijk";
    # the court imposes 230 days, 90 of them suspended.
    r = run(nlp, load(shared_corpus, "criminal_full/ECLI_NL_RBLIM_2013_9527.json"))
    assert (r.prison_days_total, r.prison_days_suspended, r.probation_years) == (230, 90, 3)
    assert r.demand is not None
    assert (r.demand.prison_days_total, r.demand.prison_days_suspended) == (270, 117)
    assert r.demand.by == "officier van justitie"


def test_advocaat_generaal_demand_and_lower_court_on_appeal(nlp: Language,
                                                             shared_corpus: Path) -> None:
    # GHLEE 2011 BQ3556: the AG demanded 24 months, the lower court imposed 24 months ("de in
    # eerste aanleg opgelegde gevangenisstraf voor de duur van 24 maanden"); the hof, after
    # "vernietigt het vonnis", imposes 32 months (tweeëndertig maanden).
    text = load(shared_corpus, "trafficking/ECLI_NL_GHLEE_2011_BQ3556.json")
    r = run(nlp, text, court_level="hof")
    assert r.prison_days_total == 32 * 30
    assert r.demand is not None and r.demand.prison_days_total == 24 * 30
    assert r.demand.by == "advocaat-generaal"
    assert r.compensation_eur_total == pytest.approx(15240 + 7750 + 3873.19)
    assert r.convicted_of_trafficking is True
    assert r.exploitation_types == ["sexual"]
    assert r.defendant_birth_year == 1982
    for e in r.evidence["prison_days_total"]:
        assert e.section == "decision"


def test_hof_that_only_confirms_imposes_nothing(nlp: Language) -> None:
    # The dictum line is real (ECLI:NL:GHAMS:2003:AO1616 heading, PHR 2021 624 "Het hof
    # bevestigt het vonnis"); the lower court's sentence is not the hof's.
    text = ("Beslissing\nHet hof:\nBevestigt het vonnis waarvan beroep.\n"
            "De rechtbank heeft verdachte veroordeeld tot een gevangenisstraf voor de duur van "
            "12 maanden.\n" + "Dit arrest is gewezen door de meervoudige kamer. " * 3)
    r = run(nlp, "Arrest van het gerechtshof in de strafzaak tegen [verdachte] op het hoger "
            "beroep.\n" * 3 + text, court_level="hof")
    assert r.prison_days_total is None
    assert r.outcome == "appeal_dismissed"


def test_cited_cases_and_co_defendants_are_ignored(nlp: Language, shared_corpus: Path) -> None:
    # RBMNE 2016-02-03 (16/706097-14) cites ECLI:NL:RBMNE:2013:5235 and its sentence in the
    # defence's plea; GHARL 2019-12-09 weighs "de zaken van de medeverdachten".
    r = run(nlp, load(shared_corpus, "criminal_full/NOECLI_RBMNE_2016-02-03_16-706097-14.json"))
    assert (r.prison_days_total, r.prison_days_suspended) == (540, 180)
    r = run(nlp, load(shared_corpus, "criminal_full/NOECLI_GHARL_2019-12-09_21-002110-17.json"),
            court_level="hof")
    assert r.prison_days_total == 14 and r.fine_eur == 450  # not the tul fine of € 750


def test_strict_fallback_rejects_co_defendant_sentences(nlp: Language) -> None:
    # GHARL 2019-12-09 strafmotivering, verbatim; with no decision section only clauses that
    # impose a sentence without co-defendant or other-case cues are read.
    text = ("Oplegging van straf\nGelet op de ernst van het bewezenverklaarde, in combinatie met "
            "verdachtes justitieel verleden en bezien in het licht van de zaken van de "
            "medeverdachten, is het hof van oordeel dat een gevangenisstraf voor de duur van 5 "
            "maanden passend zou zijn, ware het niet dat in hoger beroep sprake is geweest van "
            "een overschrijding van de redelijke termijn.")
    r = run(nlp, text, court_level="hof")
    assert r.prison_days_total is None


def test_conclusie_of_the_ag_has_no_sentence(nlp: Language, shared_corpus: Path) -> None:
    # PHR 2016 1277: "... veroordeeld tot een gevangenisstraf voor de duur van 24 maanden".
    text = load(shared_corpus, "trafficking/ECLI_NL_PHR_2016_1277.json") + " Conclusie. " * 20
    r = run(nlp, text, court_level="phr", doc_type="conclusie")
    assert r.prison_days_total is None and r.outcome is None and r.demand is None


def test_partly_suspended_forms(nlp: Language) -> None:
    # ECLI:NL:RBLIM:2013:9527 ("veroordeelt verdachte tot een gevangenisstraf van 230 dagen,
    # waarvan 90 dagen voorwaardelijk", the proeftijd from its strafmotivering) and RBMNE 2016
    # 706095: dicta shortened.
    r = run(nlp, "Beslissing\nDe rechtbank:\nverklaart het ten laste gelegde bewezen;\n"
            "veroordeelt verdachte tot een gevangenisstraf van 230 dagen, waarvan 90 dagen "
            "voorwaardelijk;\nbepaalt dat het voorwaardelijke deel van de straf niet ten uitvoer "
            "wordt gelegd, tenzij de rechter tenuitvoerlegging gelast omdat verdachte voor het "
            "einde van een proeftijd van drie jaar de algemene voorwaarden heeft overtreden;")
    assert (r.prison_days_total, r.prison_days_suspended, r.probation_years) == (230, 90, 3)
    r = run(nlp, "Beslissing\nDe rechtbank:\nVerklaart bewezen dat verdachte het onder 1, 2 en 3 "
            "ten laste gelegde heeft begaan.\nVeroordeelt verdachte tot een gevangenisstraf van "
            "18 (achttien) maanden.\nBeveelt dat een gedeelte, groot 6 (zes) maanden, van deze "
            "gevangenisstraf niet zal worden ten uitvoer gelegd, tenzij later anders wordt "
            "gelast.\nStelt daarbij een proeftijd van 2 (twee) jaren vast.")
    assert (r.prison_days_total, r.prison_days_suspended, r.probation_years) == (540, 180, 2)
    labels = {e.label for e in r.evidence["prison_days_suspended"]}
    assert labels == {"suspended"}


def test_wholly_suspended_prison_term(nlp: Language) -> None:
    # RBMNE 2022-08-19 (16/343332-21), verbatim.
    r = run(nlp, "Beslissing\nDe rechtbank:\n- verklaart het ten laste gelegde bewezen;\n"
            "- veroordeelt verdachte tot een gevangenisstraf van 1 maand;\n- bepaalt dat de "
            "gevangenisstraf niet zal worden ten uitvoer gelegd, tenzij de rechter later anders "
            "gelast;\n- stelt daarbij een proeftijd van twee (2) jaren vast;\n- veroordeelt "
            "verdachte tot een taakstraf van 100 uren;\n- beveelt dat voor het geval verdachte "
            "de taakstraf niet of niet naar behoren verricht de taakstraf wordt vervangen door 50 "
            "dagen hechtenis;")
    assert (r.prison_days_total, r.prison_days_suspended, r.probation_years) == (30, 30, 2)
    assert r.community_service_hours == 100 and r.detention_days is None


def test_hoge_raad_vermindert(nlp: Language) -> None:
    # The Hoge Raad's standard reduction dictum (no example in the shared corpus).
    text = ("Beslissing\nDe Hoge Raad:\nvernietigt de bestreden uitspraak, maar uitsluitend wat "
            "betreft de duur van de opgelegde gevangenisstraf;\nvermindert deze in die zin dat "
            "deze 54 maanden beloopt;\nverwerpt het beroep voor het overige.")
    r = run(nlp, "Hoge Raad der Nederlanden. Arrest op het beroep in cassatie.\n" * 5 + text,
            court_level="hoge_raad")
    assert r.prison_days_total == 54 * 30
    assert r.outcome == "other"


def test_hoge_raad_rejects(nlp: Language, shared_corpus: Path) -> None:
    r = run(nlp, load(shared_corpus, "criminal_full/NOECLI_HR_2014-07-08_13-01948.json"),
            court_level="hoge_raad")
    assert r.prison_days_total is None


def test_juvenile_sentences(nlp: Language, shared_corpus: Path) -> None:
    # RBMNE 2021 3899: jeugddetentie 172 days of which 150 suspended; "de taakstraf wordt
    # vervangen door 100 dagen jeugddetentie" is default detention.
    r = run(nlp, load(shared_corpus, "criminal_full/ECLI_NL_RBMNE_2021_3899.json"))
    assert (r.prison_days_total, r.prison_days_suspended) == (172, 150)
    assert r.community_service_hours == 200 and r.juvenile is True
    # RBMNE 2020 2061: "legt op aan verdachte de maatregel van plaatsing in een inrichting voor
    # jeugdigen" (PIJ), which the prosecutor had demanded.
    r = run(nlp, load(shared_corpus, "criminal_full/ECLI_NL_RBMNE_2020_2061.json"))
    assert r.pij is True and r.juvenile is True and r.prison_days_total is None
    assert r.demand is not None and r.demand.pij is True


@pytest.mark.parametrize(("name", "juvenile", "term"), [
    # A conclusie quoting the hof: "veroordeeld tot een gevangenisstraf voor de duur van
    # twintig maanden, waarvan zes maanden voorwaardelijk": adult law.
    ("ECLI_NL_PHR_2021_624", False, "gevangenisstraf voor de duur van twintig maanden"),
    # "... veroordeeld tot vijf maanden gevangenisstraf, waarvan twee maanden voorwaardelijk"
    ("ECLI_NL_PHR_2020_73", False, "vijf maanden gevangenisstraf"),
    # Only the prosecutors' demand ("hebben ter terechtzitting gevorderd ... een
    # gevangenisstraf van 2 jaar"): the court may still apply juvenile law.
    ("ECLI_NL_RBZLY_2009_BK5669", None, None),
])
def test_juvenile_law_without_a_decision(nlp: Language, shared_corpus: Path, name: str,
                                         juvenile: bool | None, term: str | None) -> None:
    text, meta = load_input(shared_corpus / "trafficking" / f"{name}.json")
    r = extract(text, nlp=nlp, meta=meta)
    assert r.juvenile is juvenile
    if term:
        assert r.evidence["juvenile"][0].text == term


def test_execution_of_an_earlier_sentence_is_not_this_sentence(nlp: Language) -> None:
    # GHLEE 2004-09-10 (24-001544-03), verbatim: the tul of earlier suspended sentences.
    text = ("De uitspraak\nHET HOF,\nRECHT DOENDE OP HET HOGER BEROEP:\nvernietigt het vonnis, "
            "waarvan beroep, en opnieuw recht doende:\nveroordeelt [verdachte] tot "
            "gevangenisstraf voor de duur van vijf jaren;\ngelast dat verdachte ter beschikking "
            "wordt gesteld en beveelt dat de ter beschikking gestelde van overheidswege zal worden "
            "verpleegd;\ngelast de tenuitvoerlegging van de aan veroordeelde bij vonnis van de "
            "politierechter in de rechtbank te Utrecht d.d. 15 augustus 2002 voorwaardelijk "
            "opgelegde straf, te weten:\ngevangenisstraf voor de duur van twee maanden;")
    r = run(nlp, text, court_level="hof")
    assert r.prison_days_total == 5 * 365 and r.tbs is True


def test_partial_acquittal_and_primary_only(nlp: Language) -> None:
    base = "Beslissing\nDe rechtbank:\n"
    # RBMNE 2021 1857 (verbatim): a whole fact acquitted -> partial.
    r = run(nlp, base + "- verklaart het onder feit 5 ten laste gelegde niet bewezen en spreekt "
            "verdachte daarvan vrij;\n- verklaart de onder 1, 2, 3, 4 primair, 6 subsidiair, 7 en "
            "8 ten laste gelegde feiten bewezen;\n- veroordeelt verdachte tot een gevangenisstraf "
            "van 210 dagen;")
    assert r.outcome == "partial"
    # RBMNE 2020-01-14 (verbatim): only the primary charge of fact 8 -> conviction.
    r = run(nlp, base + "- verklaart het onder 8 primair ten laste gelegde niet bewezen en "
            "spreekt verdachte daarvan vrij;\n- verklaart het onder 1, 2, 3, 4, 5, 6, 7, 8 "
            "subsidiair, 9, 10 en 11 ten laste gelegde bewezen;\n- veroordeelt verdachte tot een "
            "gevangenisstraf van 250 dagen;")
    assert r.outcome == "conviction"
    # RBOVE 2020 2859 (verbatim): acquittal.
    r = run(nlp, base + "-\tverklaart niet bewezen dat [verdachte] het tenlastegelegde heeft "
            "begaan en spreekt hem daarvan vrij.")
    assert r.outcome == "acquittal" and r.prison_days_total is None
    # RBNNE 2020 4622 (verbatim): the prosecution is barred.
    r = run(nlp, "Uitspraak\nDe rechtbank\nVerklaart de officier van justitie niet-ontvankelijk "
            "in de vervolging.")
    assert r.outcome == "inadmissible"
