"""The verdict of a decision read without its dictum: from the inhoudsindicatie, and from the
considerations of a Hoge Raad judgment whose text stops early.

Summaries and sentences are quoted verbatim from ../shared/corpus/trafficking (the ECLI is
named at each); the expected values follow the conventions of tests/gold/README.md.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from nlp.extract import extract
from nlp.models import ExtractionResult
from nlp.pipeline import build


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build()


def run(nlp: Language, summary: str, level: str, text: str = "") -> ExtractionResult:
    return extract(text, nlp=nlp, meta={"court_level": level, "summary": summary,
                                         "doc_type": "conclusie" if level == "phr" else None})


def in_summary(r: ExtractionResult, key: str) -> list[str]:
    return [e.text for e in r.evidence.get(key, []) if e.section == "inhoudsindicatie"]


# ECLI:NL:HR:2023:228
HR_DISMISSED = (
    "Medeplegen mensenhandel, art. 273f.1 Sr. Beginpunt redelijke termijn in eerste aanleg. "
    "Heeft datum van dagvaarding in e.a. te gelden als beginpunt van redelijke termijn a.b.i. "
    "art. 6.1 EVRM? Klacht behoeft geen bespreking. Ook als deze klacht terecht zou zijn "
    "voorgesteld, is er (gelet op opgelegde gevangenisstraf van 6 maanden, waarvan 5 maanden "
    "voorwaardelijk) geen aanleiding om te komen tot ander rechtsgevolg dan te volstaan met "
    "constatering dat redelijke termijn is overschreden. Volgt verwerping."
)
# ECLI:NL:HR:2018:1945 (abridged to its first and last sentences plus the reasoning)
HR_ACQUITTAL_STANDS = (
    "OM-cassatie. Vrijspraak medeplegen mensenhandel m.b.t. misbruik in arbeidssituatie door "
    "uit China afkomstige man als kok werkzaamheden te laten verrichten in Chinees restaurant "
    "in Arnhem, art. 273f.1, art. 273f.4 en 273f.6 Sr. Onjuiste uitleg van het aan art. 273f.1 "
    "(oud) Sr ontleende bestanddeel “(oogmerk van) uitbuiting”? Dit oordeel geeft niet blijk "
    "van een onjuiste rechtsopvatting en is, in het licht van de door het Hof vastgestelde "
    "f&o, niet onbegrijpelijk. Volgt verwerping."
)
# ECLI:NL:HR:2022:915 (abridged)
HR_QUASHED = (
    "Mensenhandel (meermalen gepleegd), art. 273f Sr. T.t.v. inzending dossier naar HR "
    "ontbreken p-v van tz. in hoger beroep (art. 326 Sv) en aanvulling bewijsmiddelen (art. "
    "365a Sv), terwijl die stukken nadien alsnog zijn opgemaakt. HR: Op redenen vermeld in CAG "
    "slaagt middel. Volgt vernietiging en terugwijzing."
)
# ECLI:NL:HR:2021:757
HR_81_RO_AND_GIJZELING = (
    "Medeplegen mensenhandel door gedurende zes weken een kwetsbare, verstandelijk beperkte "
    "vrouw in de prostitutie te laten werken en financieel uit te buiten (art. 273f.1.1, "
    "273f.1.4 en 273f.1.6 Sr) en poging tot oplichting (art. 326 Sr). Klachten t.a.v. 1. "
    "vordering b.p. en 2. omzetting vervangende hechtenis in gijzeling bij "
    "schadevergoedingsmaatregel, art. 36f Sr. Ad 1: HR: art. 81.1 RO. Ad 2: HR bepaalt dat met "
    "toepassing van art. 6:4:20 Sv gijzeling van gelijke duur kan worden toegepast. Samenhang "
    "met 19/04336, 19/04337 en 19/04507."
)


def test_hr_volgt_verwerping_conviction_under_appeal_stands(nlp: Language) -> None:
    r = run(nlp, HR_DISMISSED, "hoge_raad")
    assert r.outcome == "appeal_dismissed"
    assert r.convicted_of_trafficking is True
    assert any("verwerping" in t for t in in_summary(r, "outcome"))
    assert in_summary(r, "convicted_of_trafficking")
    # The lower court's sentence quoted in the summary is not one of the HR's.
    assert r.prison_days_total is None


def test_hr_dismissed_om_appeal_against_acquittal(nlp: Language) -> None:
    r = run(nlp, HR_ACQUITTAL_STANDS, "hoge_raad")
    assert r.outcome == "appeal_dismissed"  # "geeft niet blijk van": the complaint fails
    assert r.convicted_of_trafficking is False  # the acquittal stands
    # The articles of the acquittal sentence ("Vrijspraak ... art. 273f.1, art. 273f.4 en
    # 273f.6 Sr": sub-paragraphs of the first paragraph) are acquitted, none proven.
    named = [a for a in r.articles if a.article == "273f" and a.sub]
    assert {a.sub for a in named} == {"1", "4", "6"}
    assert all(a.acquitted and not a.proven for a in named)


def test_hr_quashes_when_the_complaint_succeeds(nlp: Language) -> None:
    r = run(nlp, HR_QUASHED, "hoge_raad")
    assert r.outcome == "other"
    # The case goes back: this judgment neither convicts nor upholds a conviction.
    assert r.convicted_of_trafficking is False
    # "art. 326 Sv" is procedure, not the offence of art. 326 Sr.
    assert {a.article for a in r.articles} == {"273f"}


# ECLI:NL:HR:2021:755 and ECLI:NL:HR:2021:1477, as the 2021 feed cuts them off.
HR_CUT_OFF_CLAIM_ONLY = (
    "Medeplegen mensenhandel door gedurende vier maanden een kwetsbare, verstandelijk beperkte "
    "vrouw in de prostitutie te laten werken en financieel uit te buiten alsmede door het in de "
    "prostitutie brengen van een 15-jarig meisje (art. 273f.1.1, 273f.1.4, 273f.1.6 en art. "
    "273.1.5 Sr). Middel m.b.t. vordering b.p. en omzetting vervangende hechtenis in gijzeling "
    "bij schadevergoedingsmaatregel, art. 36..."
)
HR_CUT_OFF_GIJZELING_ONLY = (
    "Mensenhandel, meermalen gepleegd (art. 273f1 Sr) en medeplegen vervaardigen en bezit van "
    "kinderporno, meermalen gepleegd (art. 240b.1 Sr). Omzetting vervangende hechtenis in "
    "gijzeling bij schadevergoedingsmaatregel, art. 36f Sr. Maximale duur van gijzeling. Kon hof "
    "totale duur van gijzeling op meer dan 360 dagen bepalen? Hof heeft verdachte "
    "schadevergoedingsmaatregelen opgelegd, bij gebreke van..."
)
# ECLI:NL:HR:2019:383, cut off before the result: the complaint is about the proof.
HR_CUT_OFF_ABOUT_PROOF = (
    "Mensenhandel door groot aantal seizoenarbeiders uit Oost-Europa in dienst te hebben bij "
    "aardbeienkwekerij en deze stelselmatig substantieel onder te betalen en te voorzien van "
    "slechte, veel te dure huisvesting, art. 273f.1.1, 273f.1.4 en 273f.1.6 Sr. Oogmerk van "
    "uitbuiting? HR herhaalt relevante overwegingen uit ECLI:NL:HR:2009:BI7099 m.b.t. uitleg "
    "van bestanddeel “uitbuiting” en ECLI:NL:HR:2016:556, inhoudende dat \"uitbuiting\" moet "
    "worden aangemerkt als impliciet bestanddeel van art. 273f.1.4 Sr. Hof heeft vastgesteld "
    "dat in bewezenverklaring genoemde personen"
)


@pytest.mark.parametrize("summary", [HR_CUT_OFF_CLAIM_ONLY, HR_CUT_OFF_GIJZELING_ONLY])
def test_hr_cut_off_complaints_about_the_claim_only_leave_the_conviction(
        nlp: Language, summary: str) -> None:
    # The result is cut off, but complaints about the victim's claim or the gijzeling
    # cannot touch the conviction under appeal.
    r = run(nlp, summary, "hoge_raad")
    assert r.outcome is None
    assert r.convicted_of_trafficking is True
    assert any("ensenhandel" in t for t in in_summary(r, "convicted_of_trafficking"))


def test_hr_cut_off_complaint_about_the_proof_says_nothing(nlp: Language) -> None:
    r = run(nlp, HR_CUT_OFF_ABOUT_PROOF, "hoge_raad")
    assert r.outcome is None
    assert r.convicted_of_trafficking is None


def test_hr_gijzeling_is_a_partial_quashing_and_the_conviction_stands(nlp: Language) -> None:
    # The HR puts gijzeling in place of the substitute detention by quashing that part only
    # ("vernietigt ..., maar uitsluitend wat betreft de vervangende hechtenis ...; verwerpt het
    # beroep voor het overige"): other, as the same dictum in a complete text is.
    r = run(nlp, HR_81_RO_AND_GIJZELING, "hoge_raad")
    assert r.outcome == "other"
    assert any("gijzeling" in t for t in in_summary(r, "outcome"))
    assert r.convicted_of_trafficking is True


@pytest.mark.parametrize(("summary", "expected"), [
    # ECLI:NL:HR:2021:75: the complaints fail, and the HR converts the substitute detention
    ("Belaging, art. 285b Sr. Middelen over wetenschap verdachte dat zijn contact ongewenst en "
     "daarmee wederrechtelijk was en over de vordering van de b.p. HR: art. 81.1 RO en omzetting "
     "vervangende hechtenis in gijzeling bij schadevergoedingsmaatregel, art. 36f Sr (vgl. "
     "ECLI:NL:HR:2020:914).", "other"),
    # ECLI:NL:HR:2021:311
    ("Omzetting vervangende hechtenis in gijzeling bij schadevergoedingsmaatregel, art. 36f Sr. "
     "HR bepaalt dat met toepassing van art. 6:4:20 Sv gijzeling van gelijke duur kan worden "
     "toegepast.", "other"),
    # ECLI:NL:HR:2021:479: the HR reduces the sentence
    ("Verstekmededeling. HR verwijst naar de CAG: de mededeling van de verstekuitspraak van het "
     "hof is niet met de nodige voortvarendheid betekend, zodat sprake is van overschrijding van "
     "de redelijke termijn. Volgt vermindering van de opgelegde gvs.", "other"),
    # the topic alone states no decision
    ("Omzetting vervangende hechtenis in gijzeling bij schadevergoedingsmaatregel, art. 36f Sr "
     "(vgl. ECLI:NL:HR:2020:914).", None),
])
def test_hr_summary_partial_quashings(nlp: Language, summary: str, expected: str | None
                                      ) -> None:
    assert run(nlp, summary, "hoge_raad").outcome == expected


def test_hr_partial_text_decides_without_summary(nlp: Language) -> None:
    # ECLI:NL:HR:2021:115, the opening of the judgment (its text stops in section 2).
    text = (
        "HOGE RAAD DER NEDERLANDEN\nSTRAFKAMER\nNummer 19/02970\nDatum 26 januari 2021\nARREST\n"
        "op het beroep in cassatie tegen een arrest van het gerechtshof 's-Hertogenbosch van 7 "
        "juni 2019, nummer 20-002462-18, in de strafzaak\ntegen\n[verdachte] ,\ngeboren te "
        "[geboorteplaats] op [geboortedatum] 1973,\nhierna: de verdachte.\n1. Procesverloop in "
        "cassatie\nHet beroep is ingesteld door de verdachte. De advocaat-generaal B.F. Keulen "
        "heeft geconcludeerd tot verwerping van het beroep.\n2. Beoordeling van de "
        "cassatiemiddelen\nDe Hoge Raad heeft de klachten over de uitspraak van het hof "
        "beoordeeld. De uitkomst hiervan is dat deze klachten niet kunnen leiden tot "
        "vernietiging van die uitspraak. De Hoge Raad hoeft niet te motiveren waarom hij tot "
        "dit oordeel is gekomen. Bij de beoordeling van deze klachte"
    )
    r = extract(text, nlp=nlp, meta={"court_level": "hoge_raad"})
    assert r.outcome == "appeal_dismissed"
    assert all(e.section != "inhoudsindicatie" for e in r.evidence["outcome"])


def test_conclusie_decides_nothing_but_names_the_articles(nlp: Language) -> None:
    # ECLI:NL:PHR:2020:73 and ECLI:NL:PHR:2016:176 (first sentences)
    summary = (
        "Conclusie PG. OM-cassatie. Vrijspraak van mensenhandel. Veroordeling voor twee "
        "winkeldiefstallen waarbij verdachte haar (klein)kind heeft ingezet. PG stelt zich op "
        "het standpunt dat beide klachten slagen. Vrijspraak mensenhandel door het doen "
        "afsluiten van telefoonabonnementen, art. 273f.1 onder 1 en 4 Sr."
    )
    r = run(nlp, summary, "phr")
    assert r.outcome is None and r.convicted_of_trafficking is None
    assert {(a.article, a.paragraph, a.sub) for a in r.articles} == {
        ("273f", 1, "1"), ("273f", 1, "4")}


def test_hof_summary_conviction_for_trafficking(nlp: Language) -> None:
    # ECLI:NL:GHARN:2012:BV8583
    summary = (
        "Verdachte heeft zich samen met haar medeverdachten schuldig gemaakt aan mensenhandel "
        "gepleegd ten aanzien van een jonge vrouw (jonger dan 18 jaar) uit Nigeria. Op "
        "initiatief van verdachte is haar slachtoffer naar Nederland gereisd. Gevangenisstraf "
        "voor de duur van 34 maanden."
    )
    r = run(nlp, summary, "hof")
    assert r.outcome == "conviction"
    assert r.convicted_of_trafficking is True
    assert in_summary(r, "outcome") and in_summary(r, "convicted_of_trafficking")


def test_hof_summary_lower_court_sentence_is_no_verdict(nlp: Language) -> None:
    # ECLI:NL:GHLEE:2011:BQ3556: the only sentence figure is the first instance's.
    summary = (
        "Voor het misdrijf mensenhandel bestaan voor de rechtspraak geen specifieke "
        "oriëntatiepunten ten behoeve van de bepaling van de strafmaat. Nu echter sprake is "
        "geweest van veelvuldige opgedrongen seksuele contacten, dient een zwaardere "
        "gevangenisstraf opgelegd te worden dan de in eerste aanleg opgelegde gevangenisstraf "
        "voor de duur van 24 maanden."
    )
    assert run(nlp, summary, "hof").outcome is None


def test_summary_acquittal_of_trafficking_and_conviction_of_another_fact(nlp: Language
                                                                         ) -> None:
    # The first two sentences of ECLI:NL:PHR:2020:73, as a hof would state them.
    summary = ("Vrijspraak van mensenhandel. Veroordeling voor twee winkeldiefstallen waarbij "
               "verdachte haar (klein)kind heeft ingezet.")
    r = run(nlp, summary, "hof")
    assert r.outcome == "partial"
    assert r.convicted_of_trafficking is False


# ECLI:NL:RBNNE:2013:4847, the dictum (fact numbers written with a full stop).
NUMBERED_FACTS_DICTUM = (
    "DE UITSPRAAK VAN DE RECHTBANK LUIDT, RECHTDOENDE:\n"
    "Verklaart niet bewezen hetgeen verdachte onder 2. primair en 6. is ten laste gelegd en "
    "spreekt verdachte daarvan vrij.\n"
    "Verklaart het onder 1., 2. subsidiair, 3. primair, 4. primair en 5. primair ten laste "
    "gelegde bewezen, te kwalificeren en strafbaar in voege als voormeld en verdachte deswege "
    "strafbaar.\n"
    "Een gevangenisstraf voor de duur van 163 dagen.\n"
)


def test_dictum_with_numbered_facts_is_a_conviction(nlp: Language) -> None:
    text = "Het onderzoek ter terechtzitting heeft plaatsgevonden. " * 8 + \
        "\n" + NUMBERED_FACTS_DICTUM
    r = extract(text, nlp=nlp, meta={"court_level": "rechtbank"})
    # Fact 6 acquitted as a whole, the others proven: partial.
    assert r.outcome == "partial"


def test_trafficking_word_that_names_no_charge() -> None:
    from nlp.components.verdict_cues import offence_term

    # ECLI:NL:HR:2018:2011: the defendant as a victim, and the EU directive, are no charge.
    context = ("‘Non-prosecution/non-punishment beginsel’ t.a.v. slachtoffers van mensenhandel, "
               "art. 8 EU-Richtlijn 2011/36/EU inzake de voorkoming en bestrijding van "
               "mensenhandel en de bescherming van slachtoffers daarvan.")
    assert offence_term(context) is None
    headline = "Medeplegen mensenhandel (meermalen gepleegd), art. 237f Sr en medeplegen " \
        "gewoontewitwassen, art. 420bis jo. 420ter Sr."
    term = offence_term(headline)
    assert term is not None and term.group(0) == "mensenhandel"


# Summaries from the strafrecht-2021 ECLI index feed (../shared/corpus/opendata/feeds).
def test_sub_paragraphs_acquitted_next_to_the_proven_one_are_no_partial() -> None:
    from nlp.components.verdict_cues import Verdict, trial_verdict

    # ECLI:NL:GHARL:2021:3633
    summary = ("Mensenhandel. Vrijspraak art. 273f lid 1 sub 1, 6 en 9 Sr. Veroordeling art. "
               "273f lid 1 sub 4 Sr. Schending redelijk termijn. Toepassing artikel 9a Sr. "
               "verworpen. GS 2 maanden m.a.")
    verdict = Verdict()
    trial_verdict(summary, "hof", verdict)
    assert verdict.outcome == "conviction"
    assert verdict.trafficking is True
    # ECLI:NL:GHAMS:2021:3024: a whole fact acquitted, another proven.
    summary = ("Mensenhandel, art. 273f Sr. Vrijspraak feit 1: art. 273f Sr, lid 1 sub, 1, 4, 6 "
               "en 9. Bewezenverklaring mensenhandel mbt een minderjarig slachtoffer.")
    verdict = Verdict()
    trial_verdict(summary, "hof", verdict)
    assert verdict.outcome == "partial"


def test_confiscation_decision_is_no_conviction(nlp: Language) -> None:
    # ECLI:NL:RBMNE:2021:312
    summary = ("De rechtbank heeft verdachte in de strafzaak veroordeeld ter zake mensenhandel. "
               "In deze ontnemingszaak is het wederrechtelijk verkregen voordeel geschat op een "
               "bedrag van € 39.660,-. Veroordeelde dient dit bedrag aan de Staat te betalen.")
    r = run(nlp, summary, "rechtbank")
    # the confiscation decision convicts no one; what it decides is `other` (like a decision
    # on a tul claim only, tests/gold/README.md)
    assert r.outcome == "other" and r.convicted_of_trafficking is None
    assert [e.text for e in r.evidence["outcome"]] == [
        "In deze ontnemingszaak is het wederrechtelijk verkregen voordeel geschat op een bedrag "
        "van € 39.660,-."]


def test_hr_quashing_only_the_punishment_leaves_the_conviction(nlp: Language) -> None:
    # ECLI:NL:HR:2023:228's summary with the AG's proposal (quoted in its text: "vernietiging
    # van de bestreden uitspraak, maar uitsluitend wat betreft de strafoplegging") as the
    # HR's decision.
    summary = HR_DISMISSED.replace(
        "Volgt verwerping.", "Volgt vernietiging, maar uitsluitend wat betreft de "
        "strafoplegging, en verwerping voor het overige.")
    r = run(nlp, summary, "hoge_raad")
    assert r.outcome == "other"
    assert r.convicted_of_trafficking is True
