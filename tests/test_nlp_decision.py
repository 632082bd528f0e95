"""The dictum finder on a decision about an earlier suspended sentence (tul) headed "Beslissing
op de vordering na voorwaardelijke veroordeling ...": found where it opens the dictum, never in
reasoning, summaries, a dictum that began earlier, or a Hoge Raad text.

Texts come from ../shared/corpus: the punishment benchmark's excerpt of ECLI:NL:RBNNE:2021:2888
and the judgment ECLI:NL:RBNNE:2013:4847 (criminal_full).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from nlp.decision import find_decision
from nlp.extract import extract
from nlp.pipeline import build
from nlp.sections import SectionIndex, SectionSpan

NO_SECTIONS = SectionIndex([])


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build()


def excerpt(shared_corpus: Path) -> str:
    path = shared_corpus / "punishment_eval" / "punishment_eval.jsonl"
    case = next(c for c in map(json.loads, path.read_text(encoding="utf-8").splitlines())
                if c["ecli"] == "ECLI:NL:RBNNE:2021:2888")
    return str(case["text"])


def rbnne_2013_4847(shared_corpus: Path) -> str:
    path = shared_corpus / "criminal_full" / "ECLI_NL_RBNNE_2013_4847.json"
    return str(json.loads(path.read_text(encoding="utf-8"))["text"])


def test_excerpt_opening_with_a_tul_decision_heading_is_the_dictum(shared_corpus: Path) -> None:
    text = excerpt(shared_corpus)
    region = find_decision(text, NO_SECTIONS, "rechtbank")
    assert region is not None and region.how == "tul_heading"
    assert region.start == 0
    # The signature is not part of the dictum.
    assert text[region.start:region.end].rstrip().endswith("taakstraf van 20 uren.")


def test_excerpt_gives_the_granted_execution(nlp: Language, shared_corpus: Path) -> None:
    text = excerpt(shared_corpus)
    result: dict[str, Any] = extract(text, nlp=nlp, meta={
        "court_level": "rechtbank", "doc_type": "uitspraak"}).model_dump(mode="json")
    [execution] = result["executions"]
    assert execution["decision"] == "granted"
    assert execution["kind"] == "community_service"
    assert execution["community_service_hours"] == 20
    [evidence] = result["evidence"]["executions"]
    assert "taakstraf van 20 uren" in evidence["text"]
    # Still no sentence of this court: the executed taakstraf is the earlier judgment's.
    assert result["community_service_hours"] is None


def test_heading_inside_a_dictum_that_began_earlier_is_not_its_start(
        shared_corpus: Path) -> None:
    """ECLI:NL:RBNNE:2013:4847 without its decision heading: the tul decision follows
    "Bepaalt dat deze benadeelde partij en verdachte de eigen kosten dragen.", so the dictum
    began before it and the heading must not cut the main sentence off."""
    text = rbnne_2013_4847(shared_corpus)
    heading = "DE UITSPRAAK VAN DE RECHTBANK LUIDT, RECHTDOENDE:\n"
    assert heading in text
    text = text.replace(heading, "")
    assert find_decision(text, NO_SECTIONS, "rechtbank") is None


def test_heading_opening_the_dictum_in_a_full_judgment(shared_corpus: Path) -> None:
    """The same judgment's tul decision as the only decision after its reasoning (a ruling on
    the claim alone): the heading starts the dictum."""
    text = rbnne_2013_4847(shared_corpus)
    tul = text.index("Beslissing op de vordering na voorwaardelijke veroordeling")
    reasoning_end = text.index("Vordering na voorwaardelijke veroordeling\nBij onherroepelijk")
    reasoning_end = text.index("\n", text.index("\n", reasoning_end) + 1)
    ruling = text[:reasoning_end + 1] + text[tul:]
    region = find_decision(ruling, NO_SECTIONS, "rechtbank")
    assert region is not None and region.how == "tul_heading"
    assert ruling[region.start:].startswith("Beslissing op de vordering na voorwaardelijke")


def test_reasoning_under_a_tul_heading_is_no_dictum(shared_corpus: Path) -> None:
    # The judgment's own reasoning on the claim, under the heading's wording: prose follows.
    text = rbnne_2013_4847(shared_corpus)
    start = text.index("Vordering na voorwaardelijke veroordeling\nBij onherroepelijk")
    reasoning = "Beslissing op de vordering na voorwaardelijke veroordeling\n" + \
        text[start:].split("\n", 1)[1][:1500]
    assert find_decision(reasoning, NO_SECTIONS, "rechtbank") is None


def test_summary_and_prose_mentions_are_no_heading() -> None:
    # Inhoudsindicaties of 2021 (shared corpus feeds), mid-sentence and in lower case.
    summary = ("Bevestiging, behalve ten aanzien van de strafoplegging en de beslissing op de "
               "vordering tot tenuitvoerlegging. Gelet op de persoonlijke omstandigheden is de "
               "bij de vordering TUL voorwaardelijk opgelegde straf omgezet.")
    assert find_decision(summary, NO_SECTIONS, "hof") is None


def test_not_in_a_reasoning_section_nor_for_the_hoge_raad(shared_corpus: Path) -> None:
    text = excerpt(shared_corpus)
    demand = SectionIndex([SectionSpan("demand", 0, len(text), "Vordering")])
    assert find_decision(text, demand, "rechtbank") is None
    lower_court = SectionIndex([SectionSpan("lower_court", 0, len(text), "Vonnis")])
    assert find_decision(text, lower_court, "hof") is None
    # The Hoge Raad decides no tul claim: such a dictum in its text is quoted.
    assert find_decision(text, NO_SECTIONS, "hoge_raad") is None
