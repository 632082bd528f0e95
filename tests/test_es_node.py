"""A real local Elasticsearch (index/es_node.py): Dutch analysis, search, status."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from index import es_node

pytestmark = pytest.mark.elasticsearch

SENTENCES = {
    "1": "De verdachte heeft de slachtoffers in de prostitutie uitgebuit.",
    "2": "Het hof bevestigt de veroordelingen van de verdachten wegens mensenhandel.",
}


@pytest.fixture()
def index_name(es_client) -> Iterator[str]:
    name = f"test-es-node-{uuid.uuid4().hex[:8]}"
    yield name
    es_client.indices.delete(index=name, ignore_unavailable=True)


def _tokens(es_client, text: str, **analysis) -> list[str]:
    return [t["token"] for t in es_client.indices.analyze(text=text, **analysis)["tokens"]]


def test_dutch_analyzer_stems_and_drops_stop_words(es_client) -> None:
    assert _tokens(es_client, "De verdachten werden veroordeeld", analyzer="dutch") == [
        "verdacht", "werd", "veroordeeld"]
    assert _tokens(es_client, "veroordelingen", analyzer="dutch") == _tokens(
        es_client, "veroordeling", analyzer="dutch")
    # Without stemming the forms differ, so the search below really tests the analyzer.
    assert _tokens(es_client, "slachtoffers", analyzer="standard") == ["slachtoffers"]


def test_search_finds_stemmed_form(es_client, index_name: str) -> None:
    es_client.indices.create(
        index=index_name,
        settings={"number_of_shards": 1, "number_of_replicas": 0},
        mappings={"properties": {"text": {"type": "text", "analyzer": "dutch"}}},
    )
    for doc_id, text in SENTENCES.items():
        es_client.index(index=index_name, id=doc_id, document={"text": text})
    es_client.indices.refresh(index=index_name)

    def hits(query: str) -> list[str]:
        resp = es_client.search(index=index_name, query={"match": {"text": query}})
        return sorted(h["_id"] for h in resp["hits"]["hits"])

    assert hits("slachtoffer") == ["1"]  # singular finds "slachtoffers"
    assert hits("veroordeling") == ["2"]  # finds "veroordelingen"
    assert hits("verdachten") == ["1", "2"]  # "verdachte" and "verdachten" share a stem
    assert hits("de het") == []  # stop words only


def test_custom_chain_used_by_the_index_mapping(es_client) -> None:
    """The filters index/es_mapping.py builds on: stop _dutch_, snowball Dutch, lowercase."""
    chain = {"tokenizer": "standard", "filter": [
        "lowercase", {"type": "stop", "stopwords": "_dutch_"},
        {"type": "snowball", "language": "Dutch"}]}
    assert _tokens(es_client, "De Slachtoffers van de mensenhandel", **chain) == [
        "slachtoffer", "mensenhandel"]
    html = {"tokenizer": "standard", "char_filter": ["html_strip"],
            "filter": ["lowercase", "asciifolding"]}
    assert _tokens(es_client, "<p>Één coöperatie</p>", **html) == ["een", "cooperatie"]


def test_client_ping_and_info(es_client) -> None:
    assert es_client.ping()
    assert es_client.info()["version"]["number"].startswith("9.")


def test_status_and_idempotent_start(es_url: str, es_state_dir: Path | None) -> None:
    if es_state_dir is None:
        pytest.skip("ELASTICSEARCH_URL points at a node this session did not start")
    st = es_node.status(es_state_dir)
    assert st.running and st.url == es_url
    assert st.health in ("green", "yellow")
    assert st.version == es_node.ES_VERSION
    assert st.pid and st.pid == es_node.status(es_state_dir).pid

    t0 = time.monotonic()
    port = int(es_url.rsplit(":", 1)[1])
    assert es_node.start(port=port, state_dir=es_state_dir) == es_url
    assert time.monotonic() - t0 < 10
    assert es_node.status(es_state_dir).pid == st.pid  # no second node


def test_start_refuses_a_busy_port(es_url: str, tmp_path: Path) -> None:
    port = int(es_url.rsplit(":", 1)[1])
    with pytest.raises(es_node.EsNodeError, match="in use"):
        es_node.start(port=port, state_dir=tmp_path / "other")


def test_status_of_a_node_that_never_ran(tmp_path: Path) -> None:
    st = es_node.status(tmp_path / "none", port=9)
    assert not st.running and st.pid is None and st.health is None
    assert es_node.stop(tmp_path / "none") is False


def test_cli_status(es_url: str, es_state_dir: Path | None, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from index.es_cli import es_app

    runner = CliRunner()
    res = runner.invoke(es_app, ["status", "--state-dir", str(tmp_path / "none")])
    assert res.exit_code == 3 and "not running" in res.output
    if es_state_dir is None:
        return
    res = runner.invoke(es_app, ["status", "--state-dir", str(es_state_dir)])
    assert res.exit_code == 0, res.output
    assert es_url in res.output and "health" in res.output
