"""Summary-only reading of real inhoudsindicaties from the 2021 ECLI-index feed
(../shared/corpus/opendata/feeds/): each case pins one rule found on
tests/gold/feed_summaries.jsonl (coded blind, before the extractor was run on it).
The summaries are read from the feed itself, not copied here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from nlp.extract import extract
from nlp.inputs import load_feed_entry
from nlp.pipeline import build

FEED = "opendata/feeds/strafrecht_2021_results_from_{}.atom"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build()


def entry(shared_corpus: Path, ecli: str) -> tuple[str, dict[str, Any]]:
    for page in (1, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000):
        path = shared_corpus / FEED.format(page)
        if path.exists() and ecli.encode() in path.read_bytes():
            return load_feed_entry(path, ecli)
    pytest.skip(f"{ecli} not in this copy of the feeds")


@pytest.mark.parametrize("ecli, expected", [
    # "In deze ontnemingszaak is het wederrechtelijk verkregen voordeel geschat op ...
    # Veroordeelde dient dit bedrag aan de Staat te betalen": a confiscation decision.
    ("ECLI:NL:RBMNE:2021:312", {"outcome": "other", "convicted_of_trafficking": None}),
    # "Ontneming van wederrechtelijk verkregen voordeel € 10.533,14 mensenhandel (...)"
    ("ECLI:NL:RBNNE:2021:4995", {"outcome": "other", "convicted_of_trafficking": None}),
    # "veroordeeld voor het seksueel uitbuiten van een jonge en kwetsbare vrouw ... het toen
    # 18-jarige slachtoffer": the verb names the offence; an adult victim.
    ("ECLI:NL:RBOVE:2021:2570", {"convicted_of_trafficking": True,
                                 "exploitation_types": ["sexual"], "minor_victim": False}),
    # "... criminele organisatie ... en arbeidsuitbuiting": the compound names the offence.
    ("ECLI:NL:RBAMS:2021:3756", {"convicted_of_trafficking": True}),
    # "Bedreiging bewezen verklaard. Vrijspraak voor mensenhandel (...). Voor
    # bewezenverklaring van mensenhandel vereiste dwangmiddelen ... niet ... bewezen."
    ("ECLI:NL:GHDHA:2021:2566", {"outcome": "partial", "convicted_of_trafficking": False}),
    # "twee kwetsbare vrouwen dwongen om door het hele land als prostituee te werken"
    ("ECLI:NL:RBOVE:2021:1096", {"minor_victim": False}),
    # "een drugsverslaafde vrouw met een persoonlijkheidsstoornis"
    ("ECLI:NL:RBOVE:2021:3880", {"victim_vulnerabilities": ["dependency", "other"]}),
    # "twee minderjarige kinderen van Spanje naar Nederland ... vervoerd"
    ("ECLI:NL:GHARL:2021:7812", {"cross_border": True}),
    # "2 vrouwen uit Duitsland prostitutiewerkzaamheden in Nederland te laten verrichten"
    ("ECLI:NL:HR:2021:1114", {"cross_border": True}),
])
def test_feed_summary(nlp: Language, shared_corpus: Path, ecli: str,
                      expected: dict[str, Any]) -> None:
    text, meta = entry(shared_corpus, ecli)
    result = extract(text, nlp=nlp, meta=meta)
    assert result.reason and result.reason.startswith("summary only")
    got = result.model_dump(mode="json")
    for key, value in expected.items():
        actual = sorted(got[key]) if isinstance(value, list) else got[key]
        assert actual == value, (key, got[key])
        if value not in (None, []):
            assert result.evidence.get(key), f"no evidence for {key}"
