"""The search contract, run against every backend on the same real corpus.

For each query + filters below, every backend must give the same total and the same facet
counts as the executable specification (tests/index_reference.py, brute force over the
IndexRecords); with a field sort (date, date_asc, prison) also the same hit order. So both
backends agree with each other. Relevance order may differ (index/ANALYSIS.md says where
and why) and is only checked for being a permutation of the same hits.

The corpus is ../shared/corpus (or samples/): Open Data XML through the crawler's ingest
plus the trafficking / criminal JSON texts; once with the nlp pipeline's extraction values
(cached between runs) and once with deterministic synthetic ones (tests/index_corpus.py).

The Elasticsearch run needs a real node: the `es_url` fixture of tests/es_server.py starts
one with the project's own script (`-m elasticsearch` selects only those tests).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from index.analysis import exact_tokens, stemmed_tokens
from index.backend import SearchBackend, open_backend
from index.query import FacetName, SearchQuery, SortOrder, parse_filters
from index.records import IndexRecord, iter_records
from tests.index_corpus import build_corpus, corpus_folders
from tests.index_reference import Reference

ALL_FACETS = [f.value for f in FacetName]

# (q, filters): words, stems, phrases, prefixes, OR, exclusion, groups, split words, stop
# words, numbers; every filter alone and in combination.
CASES: list[tuple[str, list[str]]] = [
    ("", []),
    ("mensenhandel", []),
    ("uitbuiting", []),
    ("uitgebuit", []),
    ("slachtoffers", []),
    ("minderjarige slachtoffers", []),
    ("Mensenhandel UITBUITING", []),
    ('"gedwongen prostitutie"', []),
    ('"van de verdachte"', []),
    ('"artikel 273f"', []),
    ("prostit*", []),
    ("uitbuit* -prostitutie", []),
    ("loverboy OR pooier OR prostitutie", []),
    ("mensenhandel -prostitutie", []),
    ("-mensenhandel", []),
    ("-mensenhandel -opiumwet", []),
    ("(arbeid OR arbeidsuitbuiting) mensenhandel", []),
    ("(verdachte -vrijspraak) OR slachtoffer", []),
    ("273f", []),
    ("273f lid", []),
    ("art. 273f Sr", []),
    ("ECLI:NL:HR:2019:40", []),
    ("loverboy-methode", []),
    ("de van het een", []),
    ("geëist", []),
    ("hoger beroep", []),
    ("'s-Hertogenbosch", []),
    ("", ["trafficking=true"]),
    ("", ["court=HR"]),
    ("", ["court=hr", "court=GHAMS"]),
    ("", ["court_level=hof"]),
    ("", ["court_level=rechtbank", "court_level=phr"]),
    ("", ["year=2021"]),
    ("", ["year=2012", "year=2018"]),
    ("", ["year=2010..2020"]),
    ("", ["year=..2005"]),
    ("", ["decision_date=2018-01-01..2021-06-30"]),
    ("", ["decision_date_from=2020-01-01"]),
    ("", ["procedure=cassatie"]),
    ("", ["outcome=conviction"]),
    ("", ["outcome=conviction", "outcome=partial"]),
    ("", ["exploitation_types=sexual"]),
    ("", ["exploitation_types=labour", "exploitation_types=criminal"]),
    ("", ["articles=273f"]),
    ("", ["articles=273f lid 1"]),
    ("", ["articles=Art. 273f lid 1 sub 4°"]),
    ("", ["articles=273a", "articles=250ter"]),
    ("", ["minor_victim=true"]),
    ("", ["minor_victim=false"]),
    ("", ["has_compensation=true"]),
    ("", ["has_compensation=false"]),
    ("", ["prison_days=730.."]),
    ("", ["prison_days=..365"]),
    ("", ["prison_days=180..1095"]),
    ("", ["unconditional_prison_days=700.."]),
    ("", ["unconditional_prison_days=..0"]),
    ("mensenhandel", ["court_level=hoge_raad", "trafficking=true"]),
    ("mensenhandel", ["year=2015..2025", "minor_victim=true"]),
    ("slachtoffer*", ["articles=273f", "exploitation_types=sexual", "court=HR", "court=PHR"]),
    ("uitbuiting OR mensenhandel", ["unconditional_prison_days=730..",
                                    "has_compensation=true"]),
    ("-mensenhandel", ["trafficking=false", "year=2000..2030"]),
    ("verdachte", ["outcome=acquittal", "outcome=other", "articles=273f lid 2"]),
]


@pytest.fixture(scope="session", params=["nlp", "synthetic"],
                ids=["extractions-nlp", "extractions-synthetic"])
def contract_corpus(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest,
                    samples_dir: Path) -> tuple[Path, list[IndexRecord], str]:
    """The corpus twice: with the nlp pipeline's extraction values (as far as it gets, see
    tests/index_corpus.py) and with synthetic ones, which give every extraction filter
    and facet non-trivial counts whatever the pipeline finds today."""
    shared = None
    try:
        shared = request.getfixturevalue("shared_corpus")
    except pytest.skip.Exception:
        shared = None
    home = tmp_path_factory.mktemp(f"contract-home-{request.param}")
    wanted = "auto" if request.param == "nlp" else "synthetic"
    store, source = build_corpus(home, corpus_folders(shared, samples_dir), extractions=wanted)
    records = list(iter_records(store))
    store.close()
    if len(records) < 20:
        pytest.skip(f"the contract needs a real corpus; found only {len(records)} documents")
    if request.param == "nlp" and source == "synthetic":
        pytest.skip("the nlp pipeline gave no extraction in time: covered by the synthetic run")
    return home, records, source


@pytest.fixture(scope="session")
def reference(contract_corpus: tuple[Path, list[IndexRecord], str]) -> Reference:
    return Reference(contract_corpus[1])


def _embedded(home: Path, records: list[IndexRecord], request: pytest.FixtureRequest
              ) -> SearchBackend:
    backend = open_backend("embedded", home)
    backend.index(records, recreate=True)
    return backend


def _elasticsearch(home: Path, records: list[IndexRecord], request: pytest.FixtureRequest
                   ) -> SearchBackend:  # type: ignore[return]
    try:
        import index.es_backend  # noqa: F401
    except ModuleNotFoundError:
        pytest.skip("the Elasticsearch backend (index/es_backend.py) is not built yet")
    from index.es_backend import ElasticsearchBackend

    # Its own alias prefix: never touches a `vonnis-docs` index on a cluster of
    # $ELASTICSEARCH_URL. With the store's data dir, as `vonnis search` makes it.
    backend = ElasticsearchBackend(url=_es_url(request), index_prefix="vonnis-contract-test",
                                   home=home)
    backend.index(records, recreate=True)
    return backend


def _es_url(request: pytest.FixtureRequest) -> str:
    try:
        return str(request.getfixturevalue("es_url"))
    except pytest.FixtureLookupError:
        pytest.skip("no es_url fixture (tests/es_server.py) to start a real Elasticsearch")


@pytest.fixture(scope="module", params=[
    "embedded",
    pytest.param("elasticsearch", marks=pytest.mark.elasticsearch),
])
def backend(request: pytest.FixtureRequest,
            contract_corpus: tuple[Path, list[IndexRecord], str]) -> Iterator[SearchBackend]:
    home, records, _ = contract_corpus
    make = _embedded if request.param == "embedded" else _elasticsearch
    engine = make(home, records, request)
    yield engine
    engine.close()


def _query(q: str, filters: list[str], **kw: object) -> SearchQuery:
    return SearchQuery(q=q, filters=parse_filters(filters), facets=ALL_FACETS,
                       facet_size=1000, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(("q", "filters"), CASES, ids=[f"{q}|{' '.join(f)}" for q, f in CASES])
def test_total_and_facets_match_the_specification(backend: SearchBackend, reference: Reference,
                                                  q: str, filters: list[str]) -> None:
    query = _query(q, filters, size=100)
    result = backend.search(query)
    assert result.total == reference.total(query)
    expected = reference.facets(query)
    got = {name: [(v.value, v.count) for v in values] for name, values in result.facets.items()}
    assert got == expected
    # relevance order may differ between backends, the set of hits may not
    wanted = set(reference.ordered_eclis(query.model_copy(update={"sort": SortOrder.date})))
    assert {h.ecli for h in result.hits} <= wanted
    assert len(result.hits) == min(result.total, 100)


@pytest.mark.parametrize("sort", [SortOrder.date, SortOrder.date_asc, SortOrder.prison])
@pytest.mark.parametrize(("q", "filters"), [("", []), ("mensenhandel", []),
                                            ("-mensenhandel", ["year=2000.."]),
                                            ("verdachte", ["trafficking=true"])])
def test_field_sorts_give_the_same_order(backend: SearchBackend, reference: Reference,
                                         q: str, filters: list[str], sort: SortOrder) -> None:
    query = _query(q, filters, size=100, sort=sort)
    expected = reference.ordered_eclis(query)
    assert [h.ecli for h in backend.search(query).hits] == expected[:100]
    # paging walks the same order, and the export (iterate) has no page limit
    page2 = backend.search(query.model_copy(update={"size": 7, "page": 2}))
    assert [h.ecli for h in page2.hits] == expected[7:14]
    assert [h.ecli for h in backend.iterate(query)] == expected


def test_every_document_is_indexed(backend: SearchBackend,
                                   contract_corpus: tuple[Path, list[IndexRecord], str]) -> None:
    assert backend.count() == len(contract_corpus[1])


def test_extraction_values_reach_the_facets(backend: SearchBackend,
                                            contract_corpus: tuple[Path, list[IndexRecord], str]
                                            ) -> None:
    source = contract_corpus[2]
    result = backend.search(_query("", [], size=0))
    assert result.facets["court"] and result.facets["year"]
    if source != "none":
        assert result.facets["outcome"], f"extractions ({source}) did not reach the index"


@pytest.mark.elasticsearch
def test_elasticsearch_analysis_equals_the_python_twin(
        request: pytest.FixtureRequest,
        contract_corpus: tuple[Path, list[IndexRecord], str]) -> None:
    """Tokens of Elasticsearch's analyzers (`_analyze`) == index/analysis.py, on real text."""
    url = _es_url(request)
    try:
        from index import es_mapping
    except ModuleNotFoundError:
        pytest.skip("index/es_mapping.py (the Elasticsearch mapping) is not there yet")
    from elasticsearch import Elasticsearch

    client = Elasticsearch(url)
    name = "vonnis-analysis-check"
    client.options(ignore_status=404).indices.delete(index=name)
    client.indices.create(index=name, settings={"analysis": es_mapping.analysis()})
    try:
        texts = [r.text[:20_000] for r in contract_corpus[1] if r.text][:40]
        texts += [r.summary for r in contract_corpus[1] if r.summary][:20]
        for text in texts:
            stemmed = client.indices.analyze(index=name, analyzer=es_mapping.TEXT_ANALYZER,
                                             text=text)
            exact = client.indices.analyze(index=name, analyzer=es_mapping.EXACT_ANALYZER,
                                           text=text)
            assert [t["token"] for t in stemmed["tokens"]] == stemmed_tokens(text)
            assert [t["token"] for t in exact["tokens"]] == exact_tokens(text)
    finally:
        client.options(ignore_status=404).indices.delete(index=name)
        client.close()
