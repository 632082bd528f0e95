"""Decisions on the execution (tul) of earlier suspended sentences, recorded as `executions`:
granted, rejected, converted, probation extended, conditional release revoked. They stay out of
this court's sentence keys (tests/test_nlp_punishments_tul.py) but are kept for research.

Dicta are read from judgments in ../shared/corpus (named at each test); the tul dicta quoted in
tests/test_nlp_punishments_tul.py are reused.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from nlp.decision import clauses
from nlp.evaluate import gold_scope, predicted_spans
from nlp.extract import extract
from nlp.inputs import load
from nlp.models import RESULT_KEYS, Execution, ExtractionResult
from nlp.pipeline import build
from nlp.punishments import executions_of, extract_items
from tests.test_nlp_punishments_tul import (
    TUL_CONVERSION_AND_LONGER_PROBATION,
    TUL_CONVERTED_TO_TAAKSTRAF,
    TUL_LISTED_AFTER_TE_WETEN,
    TUL_ORDER_WITHOUT_THE_WORD,
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build()


def executions_in(text: str) -> list[dict[str, Any]]:
    tul: list[Any] = []
    extract_items(clauses(text, 0, len(text)), tul=tul)
    return executions_of(tul)


def benchmark_case(shared_corpus: Path, ecli: str) -> dict[str, Any]:
    path = shared_corpus / "punishment_eval" / "punishment_eval.jsonl"
    return next(c for c in map(json.loads, path.read_text(encoding="utf-8").splitlines())
                if c["ecli"] == ecli)


def run(nlp: Language, text: str) -> ExtractionResult:
    return extract(text, nlp=nlp, meta={"court_level": "rechtbank", "doc_type": "uitspraak"})


def test_result_key_and_default() -> None:
    assert RESULT_KEYS.index("executions") == RESULT_KEYS.index("demand") + 1
    assert ExtractionResult().executions == []
    assert Execution(decision="rejected").kind is None


def test_granted_claim_then_conversion_is_one_converted_decision() -> None:
    # criminal_full NOECLI_RBMNE_2017-04-04_16-652433-16
    (e,) = executions_in(TUL_CONVERTED_TO_TAAKSTRAF)
    assert e["decision"] == "converted" and e["kind"] == "community_service"
    assert e["prison_days"] == 14 and e["community_service_hours"] == 28
    assert e["case_number"] == "16/285711-14"


def test_order_without_the_word_then_replaced_by_werkstraf() -> None:
    # criminal_full NOECLI_RBUTR_2012-06-20_16-655544-12: the 30 days of default detention
    # after the conversion are no amount of the tul.
    (e,) = executions_in(TUL_ORDER_WITHOUT_THE_WORD)
    assert (e["decision"], e["kind"]) == ("converted", "community_service")
    assert e["prison_days"] == 30 and e["community_service_hours"] == 60
    assert e["case_number"] == "16/600402-09"


def test_granted_with_sentence_listed_after_te_weten() -> None:
    # criminal_full NOECLI_RBMNE_2014-04-22_16-653878-13: "subsidiair 10 dagen" is no amount.
    (e,) = executions_in(TUL_LISTED_AFTER_TE_WETEN)
    assert (e["decision"], e["kind"], e["community_service_hours"]) == (
        "granted", "community_service", 20)
    assert e["prison_days"] is None and e["case_number"] == "16/514163-11"


def test_conversion_and_longer_probation_are_two_decisions() -> None:
    # criminal_full ECLI_NL_RBNNE_2013_4847
    conv, longer = executions_in(TUL_CONVERSION_AND_LONGER_PROBATION)
    assert (conv["decision"], conv["kind"]) == ("converted", "community_service")
    assert conv["community_service_hours"] == 180 and conv["prison_days"] == 90
    assert longer["decision"] == "probation_extended" and longer["prison_days"] == 90
    assert conv["case_number"] == longer["case_number"] == "24/002980-08"


def test_benchmark_granted_tul_of_a_taakstraf(shared_corpus: Path) -> None:
    # punishment_eval ECLI:NL:RBNNE:2021:2888: the whole excerpt is one granted tul of a
    # taakstraf of 20 hours (the parketnummer is left out of the published text). The span
    # covers the bold "taakstraf van 20 uren".
    case = benchmark_case(shared_corpus, "ECLI:NL:RBNNE:2021:2888")
    (e,) = executions_in(case["text"])
    assert (e["decision"], e["kind"], e["community_service_hours"]) == (
        "granted", "community_service", 20)
    assert e["case_number"] is None
    (gs, ge), = case["gold_span_offsets"]
    assert e["start"] < ge and gs < e["end"]


def test_benchmark_rejected_tul_is_an_execution_and_matches_gold(
        nlp: Language, shared_corpus: Path) -> None:
    # punishment_eval ECLI:NL:RBROT:2021:2039: "wijst af de gevorderde tenuitvoerlegging van de
    # ... opgelegde voorwaardelijke taakstraf"; the next clause (the special conditions of that
    # judgment lapse) decides no execution.
    case = benchmark_case(shared_corpus, "ECLI:NL:RBROT:2021:2039")
    r = run(nlp, case["text"])
    assert [(e.decision, e.kind, e.community_service_hours) for e in r.executions] == [
        ("rejected", "community_service", None)]
    spans = [(s, e) for s, e, key in predicted_spans(r.model_dump(mode="json"))
             if key == "executions"]
    assert spans == [(3863, 4034)]
    assert [3863, 4034] in case["gold_span_offsets"]
    # A tul decision is in scope for the benchmark now.
    assert gold_scope(case["text"], 3863, 4034) is None


def test_own_sentence_in_custody_is_no_execution(nlp: Language, shared_corpus: Path) -> None:
    # punishment_eval ECLI:NL:RBLIM:2021:5488: "verstaat dat tenuitvoerlegging van de opgelegde
    # gevangenisstraf volledig zal plaatsvinden binnen de penitentiaire inrichting" is about
    # this court's own sentence.
    case = benchmark_case(shared_corpus, "ECLI:NL:RBLIM:2021:5488")
    r = run(nlp, case["text"])
    assert r.executions == []
    assert "executions" not in r.evidence


def test_rejected_claim_and_longer_probation_whole_judgment(nlp: Language,
                                                             shared_corpus: Path) -> None:
    # opendata_annotated ECLI:NL:GHARN:2011:BQ0376: the claim on a suspended month is rejected
    # and "verlengt de bij dit vonnis gestelde proeftijd met een jaar".
    text, meta = load(shared_corpus / "opendata_annotated" / "ECLI_NL_GHARN_2011_BQ0376.xml")
    r = extract(text, nlp=nlp, meta=meta)
    assert [(e.decision, e.prison_days) for e in r.executions] == [
        ("rejected", 30), ("probation_extended", None)]
    assert [ev.label for ev in r.evidence["executions"]] == ["rejected", "probation_extended"]
    assert r.prison_days_total == 14  # this court's own sentence is unchanged


def test_allowed_claim_and_its_order_are_one_decision(nlp: Language,
                                                       shared_corpus: Path) -> None:
    # criminal_full NOECLI_RBMNE_2023-12-21_16-258197-23: "Vordering tenuitvoerlegging met
    # parketnummer 16.212602.21 - wijst de vordering toe" then "gelast de tenuitvoerlegging van
    # de ... voorwaardelijke gevangenisstraf voor de duur van drie (3) weken".
    text, meta = load(shared_corpus / "criminal_full" /
                      "NOECLI_RBMNE_2023-12-21_16-258197-23.json")
    r = extract(text, nlp=nlp, meta=meta)
    assert [e.model_dump() for e in r.executions] == [{
        "decision": "granted", "kind": "prison", "prison_days": 21,
        "community_service_hours": None, "fine_eur": None, "case_number": "16.212602.21"}]
    (ev,) = r.evidence["executions"]
    assert "drie (3) weken" in ev.text
    assert r.prison_days_total == 90


def test_tul_in_the_same_clause_as_the_own_sentence() -> None:
    # Synthetic edge case (as in test_nlp_punishments_tul): the tul part starts at its own verb.
    text = ("veroordeelt verdachte tot een gevangenisstraf van 6 maanden en wijst de vordering "
            "tot tenuitvoerlegging van de bij vonnis van 3 maart 2019 voorwaardelijk opgelegde "
            "gevangenisstraf van 2 maanden toe")
    (e,) = executions_in(text)
    assert (e["decision"], e["prison_days"]) == ("granted", 60)
    assert text[e["start"]:].startswith("wijst")


def test_revoked_conditional_release() -> None:
    # Synthetic edge case: the part revoked is the last duration, not the earlier sentence.
    text = ("veroordeelt verdachte tot een gevangenisstraf van 4 maanden;\n"
            "gelast de herroeping van de voorwaardelijke invrijheidstelling van de "
            "gevangenisstraf van 30 maanden voor de duur van 120 dagen;")
    (e,) = executions_in(text)
    assert (e["decision"], e["kind"], e["prison_days"]) == ("revoked_release", "prison", 120)
