"""Victims' claims (benadeelde partij): what counts as a decided claim, and how much.

Convention (tests/gold/README.md): `compensation_eur_total` is what is awarded, added up over
claimants; 0 when claims were decided and nothing awarded; null when no claim was decided.
Texts are real: whole judgments and decision sections from ../shared/corpus (read through
the `shared_corpus` fixture), and dictum clauses quoted verbatim from them. Expected values
were read from the judgments by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from nlp.components.compensation import award_amount, is_decision, without_quashed
from nlp.extract import extract
from nlp.models import ExtractionResult
from nlp.pipeline import build


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build()


def run(nlp: Language, text: str, **meta: object) -> ExtractionResult:
    return extract(text, nlp=nlp, meta={"court_level": "rechtbank", **meta})


def judgment(corpus: Path, name: str) -> str:
    return json.loads((corpus / name).read_text(encoding="utf-8"))["text"]


def decision_section(corpus: Path, ecli: str, section_index: int = 1) -> str:
    """A decision section of the punishment_eval benchmark (real 2021 judgments)."""
    path = corpus / "punishment_eval" / "punishment_eval.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        if case["ecli"] == ecli and case["section_index"] == section_index:
            return str(case["text"])
    raise LookupError(ecli)


def test_granted_tul_claim_is_no_victim_claim(nlp: Language, shared_corpus: Path) -> None:
    # RBMNE 2023-12-21 (16/258197-23) decides only a vordering tot tenuitvoerlegging:
    # "Vordering tenuitvoerlegging met parketnummer 16.212602.21 / - wijst de vordering toe;".
    # No victim's claim was decided: null, not 0.
    text = judgment(shared_corpus, "criminal_full/NOECLI_RBMNE_2023-12-21_16-258197-23.json")
    assert "Vordering tenuitvoerlegging met parketnummer" in text
    r = run(nlp, text)
    assert r.compensation_eur_total is None
    assert r.compensation == []


def test_all_claims_inadmissible_is_zero(nlp: Language, shared_corpus: Path) -> None:
    # RBGEL 2021:2304: "verklaart de benadeelde partij [slachtoffer 1] niet-ontvankelijk in de
    # vordering tot immateriële schade." -- decided, nothing awarded.
    r = run(nlp, decision_section(shared_corpus, "ECLI:NL:RBGEL:2021:2304"))
    assert r.compensation_eur_total == 0
    assert [c.admissible for c in r.compensation] == [False]


def test_inadmissible_on_appeal_is_zero(nlp: Language, shared_corpus: Path) -> None:
    # GHARL 2019-12-09 (21-002110-17): after "Vernietigt het vonnis" the hof declares both
    # claimants inadmissible; the reasoning's "De vordering is bij het vonnis waarvan beroep
    # niet-ontvankelijk verklaard" is history, not this decision.
    text = judgment(shared_corpus, "criminal_full/NOECLI_GHARL_2019-12-09_21-002110-17.json")
    r = run(nlp, text, court_level="hof")
    assert r.compensation_eur_total == 0
    assert {c.claimant for c in r.compensation} == {"[benadeelde 2]", "[benadeelde 3]"}


def test_payment_order_without_betaling_and_measure_tot_schadevergoeding(
        nlp: Language, shared_corpus: Path) -> None:
    # RBROT 2021:9706 (second decision section): claimants 1 and 2 inadmissible; "veroordeelt
    # de verdachte, om tegen behoorlijk bewijs van kwijting aan de benadeelde partij [naam
    # benadeelde 3], te betalen een bedrag van € 48.498,45", restated by "legt aan de verdachte
    # de maatregel tot schadevergoeding op, inhoudende de verplichting aan de staat ten behoeve
    # van [naam benadeelde 3] te betalen € 48.498,45".
    r = run(nlp, decision_section(shared_corpus, "ECLI:NL:RBROT:2021:9706", 2))
    assert r.compensation_eur_total == pytest.approx(48498.45)
    awarded = [c for c in r.compensation if c.amount_eur]
    assert [c.claimant for c in awarded] == ["[naam benadeelde 3]"]
    assert awarded[0].measure is True


def test_material_and_immaterial_parts_add_up(nlp: Language, shared_corpus: Path) -> None:
    # RBGEL 2021:4518: "tot betaling van schadevergoeding aan de benadeelde partij [getuige 1]
    # van € 37,48 aan materiële schade en € 1.500,- aan smartengeld"; costs "begroot op
    # € 35,88" are not compensation.
    r = run(nlp, decision_section(shared_corpus, "ECLI:NL:RBGEL:2021:4518"))
    assert r.compensation_eur_total == pytest.approx(1537.48)


def test_payment_order_restating_the_award_is_not_added(nlp: Language,
                                                        shared_corpus: Path) -> None:
    # RBOVE 2021:4172: "wijst de vordering van de benadeelde partij [zorginstelling] toe tot een
    # bedrag van € 63.757,90" and "veroordeelt de verdachte tot betaling aan de benadeelde
    # partij [zorginstelling] van een bedrag van € 63.757,90": one award, not two.
    r = run(nlp, decision_section(shared_corpus, "ECLI:NL:RBOVE:2021:4172"))
    assert r.compensation_eur_total == pytest.approx(63757.90)


def test_award_amount_breakdown_is_not_a_second_award() -> None:
    # GHARL 2017-02-08 (21-001005-16), verbatim start of the award clause.
    clause = ("Wijst toe de vordering tot schadevergoeding van de benadeelde partij aangeefster "
              "vier ter zake van het onder 4 bewezen verklaarde tot het bedrag van € 35.439,98 "
              "(vijfendertigduizend vierhonderdnegenendertig euro en achtennegentig cent) "
              "bestaande uit € 439,98 (")
    found = award_amount(clause)
    assert found is not None and found[0] == pytest.approx(35439.98)


@pytest.mark.parametrize("clause", [
    # RBMNE 2025-12-04 (16/226303-25), verbatim dictum clauses.
    "verklaart [aangever 5] niet-ontvankelijk in de vordering en bepaalt dat de vordering kan "
    "worden aangebracht bij de burgerlijke rechter",
    # RBMNE 2015-09-15 (16/705621-14).
    "Bepaalt dat de benadeelde partij voor het overige niet-ontvankelijk in de vordering is en "
    "bepaalt dat dit gedeelte kan worden aangebracht bij de burgerlijke rechter.",
    # RBMNE 2021:3899, a heading line before the dictum verb.
    "Benadeelde partij [aangever 1]\n-\nwijst de vordering van [aangever 1] toe tot een bedrag "
    "van € 2.159,70, te vermeerderen met de wettelijke rente vanaf 25 oktober 2019",
])
def test_dictum_clauses_are_decisions(clause: str) -> None:
    assert is_decision(clause)


@pytest.mark.parametrize("clause", [
    # GHARL 2019-12-09 (21-002110-17), the hof's reasoning about the lower court.
    "De vordering is bij het vonnis waarvan beroep niet-ontvankelijk verklaard.",
    # What the court will decide, in its reasoning: RBNHO 2021:5009, RBUTR 2010-06-14
    # (16/711583-09) and RBONE 2013-02-07 (06/950422-12).
    "Gelet hierop zal de rechtbank bepalen dat de benadeelde partij niet ontvankelijk is in de "
    "vordering.",
    "De rechtbank zal daarom de benadeelde partij niet-ontvankelijk verklaren in haar vordering.",
    "De benadeelde partij zal voor het overige niet-ontvankelijk worden verklaard in zijn "
    "vordering.",
])
def test_history_and_reasoning_are_no_decisions(clause: str) -> None:
    assert not is_decision(clause)


def test_other_vorderingen_in_the_dictum_decide_no_claim(nlp: Language,
                                                         shared_corpus: Path) -> None:
    # RBMNE 2025-12-04: besides the award of € 1.041,00 to [aangever 1], "verklaart het Openbaar
    # Ministerie niet-ontvankelijk in de vordering tot tenuitvoerlegging ..." and "wijst af de
    # vordering tot tenuitvoerlegging ...": neither is a victim's claim.
    text = judgment(shared_corpus, "criminal_full/NOECLI_RBMNE_2025-12-04_16-226303-25.json")
    r = run(nlp, text)
    assert r.compensation_eur_total == pytest.approx(1041.0)
    assert [c.claimant for c in r.compensation] == ["[aangever 1]"]


# The Hoge Raad's standard ambtshalve dictum since HR 26 mei 2020 (ECLI:NL:HR:2020:914): it
# replaces the vervangende hechtenis of a schadevergoedingsmaatregel by gijzeling. The
# wording below follows that formula (no HR judgment with it is in the shared corpus); it
# mentions the measure without deciding a claim.
HR_GIJZELING = (
    "HOGE RAAD DER NEDERLANDEN\nSTRAFKAMER\nARREST\nop het beroep in cassatie tegen een arrest "
    "van het gerechtshof.\n1 Procesverloop in cassatie\nHet beroep is ingesteld door de "
    "verdachte.\n2 Beoordeling van het cassatiemiddel\nHet cassatiemiddel kan niet tot cassatie "
    "leiden.\n4 Beslissing\nDe Hoge Raad\n- vernietigt de uitspraak van het hof, maar "
    "uitsluitend wat betreft de vervangende hechtenis die is opgelegd bij de "
    "schadevergoedingsmaatregel;\n- bepaalt dat in plaats van die vervangende hechtenis "
    "gijzeling van gelijke duur kan worden toegepast;\n- verwerpt het beroep voor het overige.\n"
    "Dit arrest is gewezen door de vice-president."
)


def test_hoge_raad_measure_reference_is_no_claim(nlp: Language) -> None:
    r = run(nlp, HR_GIJZELING, court_level="hoge_raad")
    assert r.compensation_eur_total is None
    assert r.compensation == []


# HR 2014:3148, verbatim dictum: the Hoge Raad quashes the hof's award and measure and
# itself declares the benadeelde partij inadmissible.
HR_2014_3148_QUASHED = (
    "vernietigt de bestreden uitspraak, voor zover het Hof heeft beslist dat de verdachte aan "
    "de benadeelde partij Regiopolitie Amsterdam-Amstelland een bedrag van € 3.779,- moet "
    "betalen als vergoeding voor materiële schade en verklaart de benadeelde partij in zoverre "
    "niet-ontvankelijk in haar vordering;"
)


def test_quashed_part_is_blanked_and_the_decision_after_it_kept() -> None:
    t = without_quashed(HR_2014_3148_QUASHED)
    assert len(t) == len(HR_2014_3148_QUASHED)  # offsets kept for the evidence spans
    assert "3.779" not in t and "moet" not in t
    assert t.startswith("vernietigt de bestreden uitspraak, voor zover ")
    assert "verklaart de benadeelde partij in zoverre niet-ontvankelijk" in t
    assert award_amount(t) is None


def test_quashed_award_is_no_award(nlp: Language, shared_corpus: Path) -> None:
    # HR 2014:3148: besides the clause above, "vernietigt de bestreden uitspraak voorts voor
    # zover aan de verdachte de verplichting is opgelegd om aan de staat ... een bedrag van
    # € 3.779,- te betalen ...; verwerpt het beroep voor het overige." The € 3.779 is what is
    # quashed; the claim is decided (inadmissible) and nothing is awarded: 0.
    text = judgment(shared_corpus, "criminal_full/ECLI_NL_HR_2014_3148.json")
    r = run(nlp, text, court_level="hoge_raad")
    assert r.compensation_eur_total == 0
    assert [c.admissible for c in r.compensation] == [False]
    assert all(c.measure is not True for c in r.compensation)


@pytest.mark.parametrize(("clause", "kept"), [
    # GHARL 2019-12-09 (21-002110-17), verbatim: the hof's own decisions after "doet" stay.
    ("Vernietigt het vonnis waarvan beroep voor zover aan het oordeel van het hof onderworpen "
     "en doet in zoverre opnieuw recht:", "en doet in zoverre opnieuw recht:"),
    # Synthetic edge case: an award after the quashed part in the same clause is read.
    ("vernietigt het vonnis voor zover daarbij de vordering van de benadeelde partij [slachtoffer] "
     "is toegewezen tot € 1.000,- en wijst de vordering toe tot een bedrag van € 500,-",
     "en wijst de vordering toe tot een bedrag van € 500,-"),
])
def test_decision_after_the_quashed_part_is_kept(clause: str, kept: str) -> None:
    t = without_quashed(clause)
    assert t.endswith(kept)
    assert "1.000" not in t
    if "€" in kept:
        found = award_amount(t)
        assert found is not None and found[0] == pytest.approx(500.0)
