"""Complete criminal judgments no corpus file holds (tests/gold/complete_fresh/, collected and
coded blind in the eighth session from public GitHub datasets). Five of the six come as one
line: the datasets collapsed the line breaks, so headings stand inside the text ("...
Strafrecht. De beslissing Het hof: vernietigt ..."). Each case names its file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from spacy.language import Language

from nlp.extract import extract
from nlp.inputs import load
from nlp.models import ExtractionResult
from nlp.pipeline import build
from nlp.sections import headings_in_text

COMPLETE = Path(__file__).parent / "gold" / "complete_fresh"
KEYS = ("outcome", "convicted_of_trafficking", "prison_days_total", "prison_days_suspended",
        "probation_years", "community_service_hours", "fine_eur", "tbs", "isd", "juvenile",
        "compensation_eur_total")


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build()


def run(nlp: Language, name: str) -> ExtractionResult:
    text, meta = load(COMPLETE / f"{name}.json")
    return extract(text, nlp=nlp, meta=meta)


def test_headings_inside_a_flattened_judgment() -> None:
    text, _ = load(COMPLETE / "ECLI_NL_GHAMS_2002_AF3970.json")
    assert "\n" not in text
    found = {label: title for _, label, title in headings_in_text(text)}
    assert found["law"] == "De toepasselijke wettelijke voorschriften"
    assert found["decision"] == "De beslissing"


def test_a_sentence_that_merely_opens_like_a_heading_is_none() -> None:
    # The word after a heading opens a sentence of the section; here the sentence goes on.
    line = "Het hof heeft de zaak behandeld. " * 80 + "De beslissing van de rechtbank is juist."
    assert not [h for h in headings_in_text(line) if h[1] == "decision"]


def test_the_dictum_of_a_flattened_appeal_judgment(nlp: Language) -> None:
    # "De beslissing Het hof: vernietigt het vonnis waarvan beroep ... veroordeelt de
    # verdachte tot een gevangenisstraf voor de tijd van 5 (VIJF) JAREN"
    r = run(nlp, "ECLI_NL_GHAMS_2002_AF3970")
    assert (r.outcome, r.prison_days_total, r.prison_days_suspended) == ("conviction", 1825, 0)
    assert (r.tbs, r.isd, r.juvenile) == (False, False, False)
    assert r.evidence["prison_days_total"][0].section == "decision"


def test_a_wholly_suspended_fine_in_a_flattened_dictum(nlp: Language) -> None:
    # "BESLISSING Het hof: ... Veroordeelt de verdachte tot een geldboete van EUR 190,00 ...
    # Bepaalt dat de geldboete niet ten uitvoer zal worden gelegd, tenzij ... een proeftijd
    # van 2 (twee) jaren"; the 3 days are vervangende hechtenis.
    r = run(nlp, "ECLI_NL_GHLEE_2011_BQ5013")
    assert (r.outcome, r.fine_eur, r.fine_eur_suspended, r.probation_years) == \
        ("conviction", 190, 190, 2)
    assert r.detention_days is None


def test_no_sentence_no_law_said(nlp: Language) -> None:
    # An acquittal and two Hoge Raad decisions impose nothing: juvenile or adult law is not
    # said, while the measures are read as not imposed.
    for name, outcome in (("ECLI_NL_GHDHA_2018_2006", "acquittal"),
                          ("ECLI_NL_HR_2006_AX6283", "other"),
                          ("ECLI_NL_HR_2015_882", "appeal_dismissed")):
        r = run(nlp, name)
        assert (r.outcome, r.juvenile, r.tbs) == (outcome, None, False), name


def test_a_dismissed_confiscation_appeal_outside_trafficking(nlp: Language) -> None:
    # HR 2015:882: an ontneming case about other offences, dismissed under art. 81 RO; a
    # verdict in a case not about trafficking is no trafficking conviction.
    r = run(nlp, "ECLI_NL_HR_2015_882")
    assert r.convicted_of_trafficking is False


def test_a_judgment_with_line_breaks_and_no_header(nlp: Language) -> None:
    # Starts at "Onderzoek van de zaak"; 6 months suspended, 180 hours, EUR 235.17 awarded
    # (the damages and the art. 36f order are one claim).
    r = run(nlp, "NOECLI_RB_2013-08-27_unknown")
    assert (r.outcome, r.prison_days_total, r.prison_days_suspended) == ("conviction", 180, 180)
    assert (r.community_service_hours, r.compensation_eur_total) == (180, 235.17)


def flattened(text: str) -> str:
    """The text as such a dataset keeps it: every line break collapsed into a space."""
    return re.sub(r"[ \t]*\n\s*", " ", text)


@pytest.mark.parametrize("name", [
    # the dictum's claim decisions under inline subheadings: "... [kenteken 3] . Vordering
    # van de benadeelde partij [benadeelde 2] Verklaart de benadeelde partij ..."
    "NOECLI_GHARL_2019-12-09_21-002110-17",
    "NOECLI_RBAMS_2023-05-04_13-321322-22",
    # "stelt als bijzondere voorwaarden dat verdachte gedurende de proeftijd: o zich binnen
    # vijf dagen na het ingaan van de proeftijd meldt": a deadline, not the proeftijd
    "ECLI_NL_RBMNE_2021_3997",
    # the demand passage ends where the defence's begins ("... met aftrek van voorarrest. 8.2
    # Het standpunt van de verdediging De raadsman heeft verwezen naar ... 8 maanden")
    "NOECLI_RBMNE_2016-02-03_16-706095-14",
])
def test_a_flattened_judgment_reads_as_the_original(nlp: Language, shared_corpus: Path,
                                                   name: str) -> None:
    text, meta = load(shared_corpus / "criminal_full" / f"{name}.json")
    original = extract(text, nlp=nlp, meta=meta)
    flat = extract(flattened(text), nlp=nlp, meta=meta)
    assert [getattr(flat, k) for k in KEYS] == [getattr(original, k) for k in KEYS]
    assert flat.demand == original.demand
