"""Real summaries of the 2021 ECLI-index feeds (../shared/corpus/opendata/feeds), run through
the pipeline as the summary-only documents they are: shared by the sweep tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from nlp.extract import extract
from nlp.inputs import load_feed_entry
from nlp.models import ExtractionResult
from tests.conftest import SHARED_CORPUS

FEEDS = SHARED_CORPUS / "opendata" / "feeds"

needs_feeds = pytest.mark.skipif(not FEEDS.is_dir(), reason="no feeds in this copy of the corpus")


def feed(nlp: Language, page: int, ecli: str) -> ExtractionResult:
    """The extraction of entry `ecli` of `strafrecht_2021_results_from_<page>.atom`."""
    text, meta = load_feed_entry(FEEDS / f"strafrecht_2021_results_from_{page}.atom", ecli)
    return extract(text, nlp=nlp, meta=meta)
