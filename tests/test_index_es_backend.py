"""The Elasticsearch backend (index/es_backend.py) against a real node (`es_url` fixture).

What the contract suite (tests/test_index_contract.py) does not cover: the alias swap of
--recreate, a kill during it, the mapping check, connection errors, exports past a page,
exact highlight offsets, real Dutch stemming, in-place updates and bulk error reporting.
Every test uses its own index prefix and removes its indices and template afterwards.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import signal
import socket
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from index import es_mapping
from index.analysis import exact_tokens, stem, stemmed_tokens
from index.backend import BackendUnavailable, IndexMissing, MappingMismatch
from index.es_backend import ElasticsearchBackend
from index.highlight import highlights
from index.query import FacetName, Filters, Highlight, SearchQuery, SortOrder
from index.querysyntax import QuerySyntaxError, parse_query
from index.records import IndexRecord

pytestmark = pytest.mark.elasticsearch

REPO = Path(__file__).resolve().parent.parent

COURTS = [("RBAMS", "Rechtbank Amsterdam", "rechtbank"), ("GHARL", "Gerechtshof Arnhem-"
          "Leeuwarden", "hof"), ("HR", "Hoge Raad", "hoge_raad")]
WORDS = ["mensenhandel", "uitbuiting", "slachtoffer", "prostitutie", "arbeid", "verdachte",
         "gevangenisstraf", "loverboy", "minderjarige", "hof"]


def make_records(n: int, *, generation: str = "a", start: int = 0) -> list[IndexRecord]:
    """`n` small records with deterministic metadata; `generation` changes their text."""
    records = []
    for i in range(start, start + n):
        code, name, level = COURTS[i % len(COURTS)]
        text = (f"Zaak {i} ({generation}). De verdachte wordt vervolgd wegens "
                f"{WORDS[i % len(WORDS)]} en {WORDS[(i * 7) % len(WORDS)]}.")
        record = IndexRecord(
            ecli=f"ECLI:NL:{code}:2020:{i:05d}", court_code=code, court_name=name,
            court_level=level, doc_type="uitspraak",
            decision_date=dt.date(2010 + i % 12, 1 + i % 12, 1 + i % 28), year=2010 + i % 12,
            procedure="Eerste aanleg - meervoudig", trafficking=i % 2 == 0,
            summary=f"Samenvatting {i}", text=text,
            articles=["273f lid 1 sub 1"] if i % 3 == 0 else [],
            article_paths=["273f", "273f lid 1", "273f lid 1 sub 1"] if i % 3 == 0 else [],
            prison_days_total=(i % 5) * 365 or None,
        )
        record.record_hash = hashlib.sha256(record.model_dump_json().encode()).hexdigest()[:32]
        records.append(record)
    return records


@pytest.fixture()
def backend(es_url: str) -> Iterator[ElasticsearchBackend]:
    engine = ElasticsearchBackend(es_url, index_prefix=f"vonnis-test-{uuid.uuid4().hex[:8]}")
    yield engine
    engine.drop()
    engine.close()


def _versioned(es_client, backend: ElasticsearchBackend) -> list[str]:
    return sorted(es_client.indices.get(index=es_mapping.index_pattern(backend.prefix),
                                        allow_no_indices=True).body)


def _aliased(es_client, backend: ElasticsearchBackend) -> list[str]:
    return sorted(es_client.options(ignore_status=404).indices.get_alias(
        name=backend.alias).body.keys() - {"error", "status"})


# -- the versioned index behind the alias ------------------------------------------------


def test_recreate_twice_swaps_the_alias_and_leaves_one_index(backend, es_client) -> None:
    first = backend.index(make_records(30), recreate=True)
    assert first.indexed == 30 and first.failed == 0 and not first.errors
    assert first.index_name and first.index_name.startswith(f"{backend.alias}-v"
                                                            f"{es_mapping.MAPPING_VERSION}-")
    assert _aliased(es_client, backend) == [first.index_name]
    assert backend.count() == 30

    second = backend.index(make_records(45), recreate=True)
    assert second.index_name != first.index_name
    assert _aliased(es_client, backend) == [second.index_name]
    assert _versioned(es_client, backend) == [second.index_name]  # the old one is deleted
    assert backend.count() == 45
    assert backend.search(SearchQuery(size=0)).total == 45
    # the template carries the Dutch analysis and the version
    template = es_client.indices.get_index_template(name=es_mapping.template_name(
        backend.prefix))["index_templates"][0]["index_template"]
    assert template["version"] == es_mapping.MAPPING_VERSION
    settings = es_client.indices.get_settings(index=second.index_name)[second.index_name]
    assert settings["settings"]["index"].get("refresh_interval") != "-1"  # reset after load


def test_an_exception_during_recreate_leaves_the_old_index_serving(backend, es_client
                                                                   ) -> None:
    old = backend.index(make_records(40), recreate=True)

    def interrupted() -> Iterator[IndexRecord]:
        for i, record in enumerate(make_records(400, generation="b")):
            if i == 200:  # the new index exists and holds a chunk or more by now
                assert len(_versioned(es_client, backend)) == 2
                raise KeyboardInterrupt
            yield record

    backend.chunk_size = 50
    with pytest.raises(KeyboardInterrupt):
        backend.index(interrupted(), recreate=True)
    assert _aliased(es_client, backend) == [old.index_name]
    assert backend.count() == 40
    assert backend.search(SearchQuery(q="b", size=0)).total == 0  # nothing of the new build
    assert _versioned(es_client, backend) == [old.index_name]  # the half index was dropped


def test_a_kill_during_recreate_leaves_the_old_index_serving_and_the_next_build_cleans_up(
        backend, es_client, es_url: str) -> None:
    old = backend.index(make_records(40), recreate=True)
    # A real SIGKILL in a child process, in the middle of the bulk load: no cleanup code
    # can run there.
    script = textwrap.dedent(f"""
        import os, signal, sys, time
        sys.path.insert(0, {str(REPO)!r})
        from index.es_backend import ElasticsearchBackend
        from tests.test_index_es_backend import make_records

        def records():
            for i, record in enumerate(make_records(400, generation="b")):
                if i == 250:
                    # die only once a chunk has really reached the new index
                    for _ in range(600):
                        stats = engine.client.indices.stats(
                            index={es_mapping.index_pattern(backend.prefix)!r},
                            metric="indexing")["indices"]
                        if sum(v["primaries"]["indexing"]["index_total"]
                               for v in stats.values()) >= 50 + 40:
                            break
                        time.sleep(0.1)
                    os.kill(os.getpid(), signal.SIGKILL)
                yield record

        engine = ElasticsearchBackend({es_url!r}, index_prefix={backend.prefix!r},
                                      chunk_size=50)
        engine.index(records(), recreate=True)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == -signal.SIGKILL, done.stderr[-2000:]

    assert _aliased(es_client, backend) == [old.index_name]
    assert backend.count() == 40
    assert backend.search(SearchQuery(q="mensenhandel", size=0)).total == len(
        [r for r in make_records(40) if "mensenhandel" in r.text])
    leftovers = [i for i in _versioned(es_client, backend) if i != old.index_name]
    assert len(leftovers) == 1
    stats = es_client.indices.stats(index=leftovers[0], metric="indexing")
    # partly filled: at least one chunk of 50 had reached it when the process died
    assert stats["_all"]["primaries"]["indexing"]["index_total"] >= 50

    new = backend.index(make_records(60), recreate=True)
    assert _versioned(es_client, backend) == [new.index_name]
    assert backend.count() == 60


def test_update_in_place_skips_unchanged_and_removes_vanished(backend) -> None:
    backend.index(make_records(20), recreate=True)
    # 0..4 and 10..14 unchanged, 5..9 changed, 15..19 gone
    records = (make_records(5) + make_records(5, generation="b", start=5)
               + make_records(5, start=10))
    report = backend.index(records)
    assert (report.indexed, report.unchanged, report.deleted, report.failed) == (5, 10, 5, 0)
    assert backend.count() == 15
    assert backend.search(SearchQuery(q="b", size=0)).total == 5
    assert backend.search(SearchQuery(q="a", size=0)).total == 10


def test_bulk_failures_are_counted_and_reported(backend) -> None:
    records = make_records(10)
    records[3].year = 2**40  # does not fit the `integer` field: Elasticsearch rejects it
    report = backend.index(records, recreate=True)
    assert report.indexed == 9 and report.failed == 1
    assert records[3].ecli in report.errors[0] and "year" in report.errors[0]
    assert backend.count() == 9


def test_progress_bar_runs(backend, capsys: pytest.CaptureFixture[str]) -> None:
    report = backend.index(make_records(12), recreate=True, progress=True, total=12)
    assert report.indexed == 12
    assert "indexing (elasticsearch)" in capsys.readouterr().err


# -- errors a user can act on ----------------------------------------------------------


def test_a_changed_mapping_asks_for_recreate(backend, es_client) -> None:
    report = backend.index(make_records(10), recreate=True)
    # An index built by another version of vonnis: its _meta says so.
    es_client.indices.put_mapping(index=report.index_name, meta={
        "app": "vonnis", "mapping_version": 0, "record_version": 0, "signature": "old"})
    fresh = ElasticsearchBackend(backend.url, index_prefix=backend.prefix)
    try:
        with pytest.raises(MappingMismatch, match="--recreate") as caught:
            fresh.search(SearchQuery(q="mensenhandel"))
        assert "mapping version 0" in str(caught.value)
        with pytest.raises(MappingMismatch, match="--recreate"):
            list(fresh.iterate(SearchQuery()))
        with pytest.raises(MappingMismatch, match="--recreate"):
            fresh.index(make_records(10))
        fresh.index(make_records(10), recreate=True)  # what the message suggests works
        assert fresh.search(SearchQuery(size=0)).total == 10
    finally:
        fresh.close()


def test_no_index_yet(backend) -> None:
    assert backend.count() == 0
    with pytest.raises(IndexMissing, match="vonnis index --backend elasticsearch"):
        backend.search(SearchQuery())


def test_an_unreachable_server_names_the_url_and_what_to_do() -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    engine = ElasticsearchBackend(url, index_prefix="vonnis-test-unreachable")
    try:
        for action in (lambda: engine.search(SearchQuery(q="mensenhandel")),
                       lambda: engine.index(make_records(2), recreate=True),
                       engine.count, lambda: list(engine.iterate(SearchQuery()))):
            with pytest.raises(BackendUnavailable) as caught:
                action()
            message = str(caught.value)
            assert url in message
            assert "vonnis es start" in message and "ELASTICSEARCH_URL" in message
    finally:
        engine.close()


def test_credentials_in_the_url_are_not_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ELASTICSEARCH_URL", "http://user:s3cret@127.0.0.1:9")
    engine = ElasticsearchBackend(index_prefix="vonnis-test-unreachable")
    try:
        with pytest.raises(BackendUnavailable) as caught:
            engine.count()
        assert "s3cret" not in str(caught.value) and "user:***@127.0.0.1:9" in str(caught.value)
    finally:
        engine.close()


def test_credentials_come_from_the_environment(monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    monkeypatch.setenv("ELASTICSEARCH_API_KEY", "aWQ6a2V5")
    with ElasticsearchBackend("http://127.0.0.1:9") as engine:
        assert engine.client._headers["authorization"] == "ApiKey aWQ6a2V5"
    monkeypatch.setenv("ELASTICSEARCH_API_KEY", "id:key")  # id and key: the client encodes
    with ElasticsearchBackend("http://127.0.0.1:9") as engine:
        assert engine.client._headers["authorization"] == "ApiKey aWQ6a2V5"
    monkeypatch.delenv("ELASTICSEARCH_API_KEY")
    monkeypatch.setenv("ELASTICSEARCH_USERNAME", "elastic")
    monkeypatch.setenv("ELASTICSEARCH_PASSWORD", "pw")
    # a CA file is required for https, ignored for the plain-http local node
    monkeypatch.setenv("ELASTICSEARCH_CA_CERTS", str(tmp_path / "missing.pem"))
    with ElasticsearchBackend("http://127.0.0.1:9") as engine:
        assert engine.client._headers["authorization"] == "Basic ZWxhc3RpYzpwdw=="
    with pytest.raises(BackendUnavailable, match="missing.pem"):
        ElasticsearchBackend("https://127.0.0.1:9")
    (tmp_path / "ca.pem").write_text("not really a certificate")
    monkeypatch.setenv("ELASTICSEARCH_CA_CERTS", str(tmp_path / "ca.pem"))
    with pytest.raises(BackendUnavailable, match="https://127.0.0.1:9"):
        ElasticsearchBackend("https://127.0.0.1:9").count()


def test_bad_query_syntax_is_refused_before_the_cluster_is_asked(backend) -> None:
    with pytest.raises(QuerySyntaxError, match="unclosed quote"):
        backend.search(SearchQuery(q='"gedwongen prostitutie'))


# -- exports ---------------------------------------------------------------------------------


def test_iterate_walks_every_document_once_past_the_page_size(backend) -> None:
    records = make_records(333)
    backend.index(records, recreate=True)
    backend.export_page_size = 25  # 14 pages: search_after has to carry on 13 times
    for sort in (SortOrder.date, SortOrder.relevance, SortOrder.prison):
        eclis = [h.ecli for h in backend.iterate(SearchQuery(sort=sort))]
        assert len(eclis) == len(set(eclis)) == 333
    # the export order is the search order, page after page
    query = SearchQuery(q="verdachte mensenhandel OR uitbuiting", sort=SortOrder.date,
                        filters=Filters(court=["RBAMS", "HR"]))
    exported = [h.ecli for h in backend.iterate(query)]
    paged = []
    for page in range(1, 10):
        paged += [h.ecli for h in backend.search(query.model_copy(
            update={"page": page, "size": 20})).hits]
    assert exported == paged
    assert len(exported) == backend.search(query).total > 25


# -- search semantics -------------------------------------------------------------------


def test_facets_are_multi_select(backend) -> None:
    backend.index(make_records(60), recreate=True)
    everything = backend.search(SearchQuery(facets=[FacetName.court, FacetName.year],
                                            size=0))
    picked = backend.search(SearchQuery(filters=Filters(court=["HR"], year=[2012]),
                                        facets=[FacetName.court, FacetName.year], size=0))
    # the court facet ignores the court filter but honours the year filter, and vice versa
    courts = {v.value: v.count for v in picked.facets["court"]}
    years = {v.value: v.count for v in picked.facets["year"]}
    records = make_records(60)
    assert courts == _count(r.court_code for r in records if r.year == 2012)
    assert years == _count(r.year for r in records if r.court_code == "HR")
    assert picked.total == sum(1 for r in records if r.court_code == "HR" and r.year == 2012)
    assert len(everything.facets["court"]) == 3
    # three facet filters: each facet counts the documents passing the other two, so the
    # query may leave out only those failing two or more (es_translate.search_body)
    three = [FacetName.court, FacetName.year, FacetName.trafficking]
    picked = backend.search(SearchQuery(
        filters=Filters(court=["HR"], year=[2012, 2013], trafficking=True),
        facets=three, size=100))
    hr, years, flag = ((lambda r: r.court_code == "HR"), (lambda r: r.year in (2012, 2013)),
                       (lambda r: r.trafficking))
    assert {v.value: v.count for v in picked.facets["court"]} == _count(
        r.court_code for r in records if years(r) and flag(r))
    assert {v.value: v.count for v in picked.facets["year"]} == _count(
        r.year for r in records if hr(r) and flag(r))
    assert {v.value: v.count for v in picked.facets["trafficking"]} == _count(
        r.trafficking for r in records if hr(r) and years(r))
    assert sorted(h.ecli for h in picked.hits) == sorted(
        r.ecli for r in records if hr(r) and years(r) and flag(r))
    # articles: the filter matches by prefix, the facet counts full articles
    result = backend.search(SearchQuery(filters=Filters(articles=["273f"]),
                                        facets=[FacetName.articles], size=0))
    assert result.total == 20
    assert [(v.value, v.count) for v in result.facets["articles"]] == [("273f lid 1 sub 1", 20)]


def _count(values: Iterator[object]) -> dict[object, int]:
    counts: dict[object, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


DUTCH = [
    ("d1", "De verdachte heeft de slachtoffers in de prostitutie uitgebuit."),
    ("d2", "Er is sprake van uitbuiting van minderjarige slachtoffers."),
    ("d3", "De verdachte wilde de vrouwen uitbuiten in een seksclub."),
    ("d4", "Een kind werd gedwongen te werken; de kinderen werden uitgebuit."),
]


def _text_records(texts: list[tuple[str, str]], summary: str = "") -> list[IndexRecord]:
    return [IndexRecord(ecli=f"ECLI:NL:RBAMS:2021:{key}", court_code="RBAMS",
                        court_name="Rechtbank Amsterdam", court_level="rechtbank", text=text,
                        summary=summary, record_hash=key) for key, text in texts]


def _found(backend: ElasticsearchBackend, q: str) -> set[str]:
    return {h.ecli.rsplit(":", 1)[1] for h in backend.search(SearchQuery(q=q, size=100)).hits}


def test_dutch_stemming_as_snowball_really_does_it(backend, es_client) -> None:
    backend.index(_text_records(DUTCH), recreate=True)
    # Snowball Dutch (Porter's algorithm, Lucene's DutchStemmer): the noun and the verb
    # share the stem "uitbuit", the past participle keeps its "ge-" infix: "uitgebuit".
    assert stem("uitbuiting") == stem("uitbuiten") == "uitbuit"
    assert stem("uitgebuit") == "uitgebuit"
    assert _found(backend, "uitbuiting") == {"d2", "d3"}
    assert _found(backend, "uitgebuit") == {"d1", "d4"}
    assert _found(backend, "uitbuiting OR uitgebuit") == {"d1", "d2", "d3", "d4"}
    # plural and singular meet for most nouns, not for the irregular "kind" / "kinderen"
    # (Lucene's `dutch` analyzer maps them with a stem dictionary; Snowball alone does not)
    assert _found(backend, "slachtoffer") == {"d1", "d2"}
    assert stem("kinderen") == "kinder" != stem("kind")
    # stop words alone match everything
    assert _found(backend, "de") == {"d1", "d2", "d3", "d4"}
    # phrases are exact (unstemmed), prefixes run on the unstemmed words
    assert _found(backend, '"minderjarige slachtoffers"') == {"d2"}
    assert _found(backend, '"minderjarig slachtoffer"') == set()
    assert _found(backend, "uitbuit*") == {"d2", "d3"}
    assert _found(backend, "uitgeb*") == {"d1", "d4"}
    # the index's analyzer is the Python twin's, token for token
    index = backend._serving()
    for _, text in DUTCH:
        tokens = es_client.indices.analyze(index=index, analyzer=es_mapping.TEXT_ANALYZER,
                                           text=text)["tokens"]
        assert [t["token"] for t in tokens] == stemmed_tokens(text)
        tokens = es_client.indices.analyze(index=index, field="text.exact", text=text)["tokens"]
        assert [t["token"] for t in tokens] == exact_tokens(text)


def test_the_explicit_stop_list_is_elasticsearchs_dutch_list(es_client) -> None:
    from index.analysis import DUTCH_STOP_WORDS

    text = " ".join(sorted(DUTCH_STOP_WORDS)) + " mensenhandel"
    remaining = es_client.indices.analyze(
        tokenizer="standard", filter=["lowercase", {"type": "stop", "stopwords": "_dutch_"}],
        text=text)["tokens"]
    assert [t["token"] for t in remaining] == ["mensenhandel"]


# -- highlights ------------------------------------------------------------------------------


def _check_highlights(backend: ElasticsearchBackend, text: str, q: str) -> list[str]:
    """Every highlight of `q` is a slice of `text`; returns the marked strings."""
    hits = backend.search(SearchQuery(q=q, size=10)).hits
    marked = []
    for hit in hits:
        for fragment in hit.highlights:
            assert fragment.text == text[fragment.start:fragment.end]
            for start, end in fragment.matches:
                assert fragment.start <= start < end <= fragment.end
                marked.append(text[start:end])
    return marked


def test_highlight_offsets_point_at_the_matched_words(backend) -> None:
    # Leading whitespace, a character outside the BMP (two UTF-16 units in Java) and a
    # line break before the matches: offsets must still be Python string indices.
    text = ("\n  Uitspraak 😀 van de rechtbank.\nDe verdachte heeft de vrouwen uitgebuit. "
            "Dit is uitbuiting in de zin van artikel 273f; gedwongen prostitutie.\n"
            + "Overwegingen zonder treffers. " * 40
            + "\nOok later: UITBUITEN en Gedwongen   Prostitutie, en uitbuiters.  ")
    backend.index(_text_records([("h1", text)], summary="Mensenhandel door een loverboy."),
                  recreate=True)

    assert _check_highlights(backend, text, "uitbuiting") == ["uitbuiting", "UITBUITEN"]
    assert _check_highlights(backend, text, '"gedwongen prostitutie"') == [
        "gedwongen prostitutie", "Gedwongen   Prostitutie"]
    assert _check_highlights(backend, text, "uitbuit*") == ["uitbuiting", "UITBUITEN",
                                                            "uitbuiters"]
    # excluded words are not marked; a word only in the summary gives no highlight
    assert _check_highlights(backend, text, "uitgebuit -seksclub") == ["uitgebuit"]
    assert _check_highlights(backend, text, "uitgebuit OR rechtbank") == ["rechtbank",
                                                                         "uitgebuit"]
    hit = backend.search(SearchQuery(q="loverboy", size=1)).hits[0]
    assert hit.highlights == []
    assert backend.search(SearchQuery(q="uitbuiting", highlight=False)).hits[0].highlights \
        == []
    # fragments carry context around the match, cut at spaces, within one line
    [hit] = backend.search(SearchQuery(q="uitbuiting")).hits
    first = hit.highlights[0]
    assert first.text == "De verdachte heeft de vrouwen uitgebuit. Dit is uitbuiting in de zin " \
        "van artikel 273f; gedwongen prostitutie."
    # the fragments are the ones the embedded backend chooses (one function cuts both)
    for q in ("uitbuiting", '"gedwongen prostitutie"', "uitbuit*", "uitgebuit OR rechtbank",
              "verdachte prostitutie uitbuiting"):
        [hit] = backend.search(SearchQuery(q=q)).hits
        assert hit.highlights == highlights(text, parse_query(q)), q


def test_highlights_on_a_text_beyond_the_highlighters_reanalysis_limit(backend) -> None:
    # 1.5M characters: re-analysing it would exceed index.highlight.max_analyzed_offset
    # (1,000,000); offsets in the postings make that unnecessary.
    text = "Begin. " + "Overweging zonder treffer. " * 55_000 + "Aan het eind: uitbuiting."
    assert len(text) > 1_000_000
    backend.index(_text_records([("long", text)]), recreate=True)
    [hit] = backend.search(SearchQuery(q="uitbuiting")).hits
    [fragment] = hit.highlights
    assert [text[s:e] for s, e in fragment.matches] == ["uitbuiting"]
    assert fragment.matches[0][0] == len(text) - len("uitbuiting.")


def test_highlight_offsets_on_a_long_real_judgment(backend, samples_dir: Path,
                                                   tmp_path: Path) -> None:
    from tests.index_corpus import build_corpus

    store, _ = build_corpus(tmp_path / "home", [samples_dir], extractions="none")
    try:
        from index.records import iter_records

        records = sorted(iter_records(store), key=lambda r: -len(r.text))[:5]
    finally:
        store.close()
    assert len(records[0].text) > 20_000
    backend.index(records, recreate=True)
    texts = {r.ecli: r.text for r in records}
    for q in ("verdachte", '"de verdachte"', "gevangenisstraf OR hof", "bewez*"):
        result = backend.search(SearchQuery(q=q, size=5))
        assert result.hits, q
        for hit in result.hits:
            text = texts[hit.ecli]
            assert hit.highlights, (q, hit.ecli)
            for fragment in hit.highlights:
                assert fragment.text == text[fragment.start:fragment.end]
                for start, end in fragment.matches:
                    word = text[start:end]
                    tokens = exact_tokens(word)
                    if q == "verdachte":
                        assert [stem(t) for t in tokens] == ["verdacht"], word
                    elif q == '"de verdachte"':
                        assert tokens == ["de", "verdachte"], word
                    elif q == "bewez*":
                        assert tokens[0].startswith("bewez"), word


# -- highlights from the corpus store ---------------------------------------------------------

STORE_QUERIES = ("verdachte", '"de verdachte"', "gevangenisstraf OR hof", "bewez*",
                 "wetboek van strafrecht", "schadevergoeding benadeelde partij",
                 "mensenhandel -prostitutie", "slachtoffers", "één", "beëindiging")


@pytest.fixture()
def sample_store(samples_dir: Path, tmp_path: Path) -> Iterator[tuple[Path, list[IndexRecord]]]:
    """A corpus store of the real sample judgments, and their index records."""
    from index.records import iter_records
    from tests.index_corpus import build_corpus

    home = tmp_path / "home"
    store, _ = build_corpus(home, [samples_dir], extractions="none")
    try:
        records = list(iter_records(store))
    finally:
        store.close()
    yield home, records


def _store_backend(es_url: str, backend: ElasticsearchBackend, home: Path
                   ) -> ElasticsearchBackend:
    """A second backend on the same index that has the corpus store (as `vonnis` makes it)."""
    return ElasticsearchBackend(es_url, index_prefix=backend.prefix, home=home)


def _exact(hit_highlights: list[Highlight], text: str) -> None:
    for fragment in hit_highlights:
        assert fragment.text == text[fragment.start:fragment.end]
        for start, end in fragment.matches:
            assert fragment.start <= start < end <= fragment.end


def test_highlights_from_the_store_are_the_embedded_backends(
        backend, es_url: str, sample_store: tuple[Path, list[IndexRecord]]) -> None:
    home, records = sample_store
    backend.index(records, recreate=True)
    texts = {r.ecli: r.text for r in records}
    with _store_backend(es_url, backend, home) as local:
        assert local.store_path is not None and backend.store_path is None
        seen = 0
        for q in STORE_QUERIES:
            query = SearchQuery(q=q, size=10)
            by_store = local.search(query)
            by_es = backend.search(query)
            assert [h.ecli for h in by_store.hits] == [h.ecli for h in by_es.hits], q
            assert by_store.total == by_es.total, q
            for hit, es_hit in zip(by_store.hits, by_es.hits, strict=True):
                text = texts[hit.ecli]
                _exact(hit.highlights, text)
                # the embedded backend's function, whole vocabulary and all
                assert hit.highlights == highlights(text, parse_query(q)), (q, hit.ecli)
                # Elasticsearch's highlighter finds the same words (it has no cap on the
                # occurrences of one word, so on very long texts the choice may differ)
                _exact(es_hit.highlights, text)
                seen += bool(hit.highlights)
        assert seen > 20


def test_store_highlights_with_a_repeated_passage(
        backend, es_url: str, sample_store: tuple[Path, list[IndexRecord]]) -> None:
    # A real judgment with one of its own passages twice more at the end: the two best
    # fragments have the same text, and each must point at its own occurrence.
    home, records = sample_store
    record = max(records, key=lambda r: len(r.text))
    passage = ("Uitbuiting, uitbuiting en nog eens uitbuiting: de uitbuiting van "
               "minderjarigen is bewezen.")  # four matches: the best window of the text
    between = "Overwegingen zonder treffer. " * 10  # more than a fragment apart
    record.text = f"{record.text}\n{passage}\n{between}\n{passage}"
    backend.index(records, recreate=True)
    from vonnis.store import Store

    # the store holds the same text as the index
    with Store.open(home) as store, store.transaction() as conn:
        conn.execute("UPDATE documents SET text = ? WHERE ecli = ?", (record.text, record.ecli))
    with _store_backend(es_url, backend, home) as local:
        for engine in (local, backend):
            [hit] = [h for h in engine.search(SearchQuery(q="uitbuiting", size=100)).hits
                     if h.ecli == record.ecli]
            _exact(hit.highlights, record.text)
            repeated = [f for f in hit.highlights if f.text == passage]
            assert len(repeated) == 2, engine.store_path
            assert repeated[0].start != repeated[1].start
            assert repeated[1].start == len(record.text) - len(passage)
            assert record.text.count(passage) == 2


def test_store_highlights_fall_back_to_elasticsearch_for_documents_it_lacks(
        backend, es_url: str, sample_store: tuple[Path, list[IndexRecord]]) -> None:
    home, records = sample_store
    text = "Zaak buitenstore. De verdachte heeft de slachtoffers uitgebuit."
    extra = _text_records([("nostore", text)])
    backend.index(records[:3] + extra, recreate=True)
    with _store_backend(es_url, backend, home) as local:
        [hit] = local.search(SearchQuery(q="buitenstore uitgebuit")).hits
        assert hit.ecli == extra[0].ecli
        assert [text[s:e] for f in hit.highlights for s, e in f.matches] == [
            "buitenstore", "uitgebuit"]
        _exact(hit.highlights, text)
        both = local.search(SearchQuery(q="verdachte", size=10)).hits
        assert extra[0].ecli in {h.ecli for h in both}
        for h in both:
            assert h.highlights, h.ecli


def test_a_backend_without_a_store_file_does_not_make_one(es_url: str, tmp_path: Path) -> None:
    engine = ElasticsearchBackend(es_url, index_prefix="vonnis-test-nostore", home=tmp_path)
    try:
        assert engine.store_path is None
    finally:
        engine.close()
    assert list(tmp_path.iterdir()) == []


def test_query_vocabulary_finds_every_word_the_stem_can_come_from(samples_dir: Path,
                                                                  tmp_path: Path) -> None:
    # Why query_vocabulary may look only at words that start like the stem (index/
    # highlight.py): on every word of the real sample corpus, the word's own start is
    # a candidate start for its stem.
    from index.analysis import DUTCH_STOP_WORDS, _lower, _token_re
    from index.highlight import _stem_starts
    from tests.index_corpus import build_corpus

    store, _ = build_corpus(tmp_path / "home", [samples_dir], extractions="none")
    try:
        words = {_lower(w) for s in store.iter_documents()
                 for w in _token_re().findall(s.document.text)}
    finally:
        store.close()
    content = sorted(w for w in words - DUTCH_STOP_WORDS)
    assert len(content) > 5000
    for word in [*content, "vrijheden", "advocaat", "beëindiging", "coördinatie", "één",
                 "ideeën", "café", "ruïne", "crème"]:
        assert 0 in _stem_starts(word, stem(word)), word


def test_query_highlights_equal_the_whole_vocabularys(sample_store) -> None:
    from index.highlight import Vocabulary, query_highlights

    _, records = sample_store
    queries = [*STORE_QUERIES, "uitbuit*", "advocaat", "vrijheden", "273f", "art*",
               '"van de verdachte"', "ECLI:NL:HR:2019:40", "o.a.", "auto's", "-verdachte"]
    pairs = 0
    for record in records:
        vocabulary = Vocabulary.of_text(record.text)
        for q in queries:
            analysed = parse_query(q)
            assert query_highlights(record.text, analysed) == highlights(
                record.text, analysed, vocabulary=vocabulary), (q, record.ecli)
            pairs += 1
    assert pairs > 500
    assert query_highlights("", parse_query("x")) == []


# -- the build lock, and exports across a rebuild ---------------------------------------------


def _lock_holder(es_client, backend: ElasticsearchBackend) -> dict | None:
    found = es_client.options(ignore_status=404).get(index=backend.lock_index, id="build")
    return found.body["_source"] if found.body.get("found") else None


def _wait_for(path: Path, process: subprocess.Popen, seconds: float = 180) -> None:
    import time

    deadline = time.monotonic() + seconds
    while not path.exists():
        assert process.poll() is None, process.communicate()[1][-2000:]
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.1)


def test_a_second_build_fails_fast_naming_the_lock_holder_in_another_process(
        backend, es_client, es_url: str, tmp_path: Path) -> None:
    import time

    from index.backend import SearchBackendError

    old = backend.index(make_records(20), recreate=True)
    assert _lock_holder(es_client, backend) is None  # released after the build
    started, go = tmp_path / "started", tmp_path / "go"
    script = textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        sys.path.insert(0, {str(REPO)!r})
        from index.es_backend import ElasticsearchBackend
        from tests.test_index_es_backend import make_records

        def records():
            for i, record in enumerate(make_records(100, generation="b")):
                if i == 60:  # a chunk or more is in the half-built index by now
                    Path({str(started)!r}).touch()
                    for _ in range(1800):
                        if Path({str(go)!r}).exists():
                            break
                        time.sleep(0.1)
                yield record

        with ElasticsearchBackend({es_url!r}, index_prefix={backend.prefix!r},
                                  chunk_size=20) as engine:
            print(engine.index(records(), recreate=True).index_name)
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        _wait_for(started, child)
        holder = _lock_holder(es_client, backend)
        assert holder and holder["pid"] == child.pid and holder["operation"] == "recreate"
        [half] = [i for i in _versioned(es_client, backend) if i != old.index_name]

        for attempt in (lambda: backend.index(make_records(30), recreate=True),
                        lambda: backend.index(make_records(30))):  # an update waits too
            began = time.monotonic()
            with pytest.raises(SearchBackendError, match="holds the build lock") as caught:
                attempt()
            assert time.monotonic() - began < 10  # fails fast
            message = str(caught.value)
            assert f"pid {child.pid} on {socket.gethostname()}" in message
            assert holder["started"] in message
            assert f"curl -X DELETE '{backend.url}/{backend.lock_index}/_doc/build'" in message
        # the refused builds deleted nothing: the other one's half-built index is intact
        assert sorted(_versioned(es_client, backend)) == sorted([old.index_name, half])
        assert _aliased(es_client, backend) == [old.index_name]
    finally:
        go.touch()
        out, err = child.communicate(timeout=300)
    assert child.returncode == 0, err[-2000:]
    assert out.strip() == half
    assert _aliased(es_client, backend) == _versioned(es_client, backend) == [half]
    assert backend.count() == 100
    assert _lock_holder(es_client, backend) is None
    assert backend.index(make_records(30), recreate=True).indexed == 30  # free again


def test_two_builds_started_together_one_wins_one_fails_fast(backend, es_client,
                                                              es_url: str) -> None:
    import threading

    from index.backend import SearchBackendError

    go = threading.Event()
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def build(n: int) -> None:
        def records() -> Iterator[IndexRecord]:
            go.wait(120)  # the winner holds the lock until the loser has failed
            yield from make_records(n)

        with ElasticsearchBackend(es_url, index_prefix=backend.prefix) as engine:
            barrier.wait()
            try:
                outcomes.append(engine.index(records(), recreate=True))
            except SearchBackendError as exc:
                outcomes.append(exc)
                go.set()

    threads = [threading.Thread(target=build, args=(n,)) for n in (40, 50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(180)
    go.set()
    assert len(outcomes) == 2
    [error] = [o for o in outcomes if isinstance(o, SearchBackendError)]
    [report] = [o for o in outcomes if not isinstance(o, SearchBackendError)]
    assert "holds the build lock" in str(error) and f"pid {os.getpid()}" in str(error)
    assert _aliased(es_client, backend) == _versioned(es_client, backend) == [
        report.index_name]  # type: ignore[union-attr]
    assert backend.count() == report.indexed  # type: ignore[union-attr]
    assert _lock_holder(es_client, backend) is None


def test_a_stale_lock_is_taken_over_and_a_live_one_is_not(backend, es_client) -> None:
    from index import es_backend
    from index.backend import SearchBackendError

    backend.index(make_records(10), recreate=True)  # makes the lock index
    now = dt.datetime.now(dt.UTC)

    def hold(age_minutes: float, **fields: object) -> None:
        beat = (now - dt.timedelta(minutes=age_minutes)).isoformat()
        es_client.index(index=backend.lock_index, id="build", refresh=True, document={
            "token": "theirs", "host": "build-host-2", "pid": 4242, "machine": "build-host-2",
            "operation": "recreate", "started": beat, "heartbeat": beat, **fields})

    # alive elsewhere: refused, and nothing is touched
    hold(1)
    with pytest.raises(SearchBackendError, match="pid 4242 on build-host-2") as caught:
        backend.index(make_records(20), recreate=True)
    assert "10 minutes" in str(caught.value)
    assert backend.count() == 10 and _lock_holder(es_client, backend)["token"] == "theirs"
    # alive on this machine (a process that exists): refused as well
    hold(1, machine=es_backend._machine(), pid=os.getppid())
    with pytest.raises(SearchBackendError, match=f"pid {os.getppid()}"):
        backend.index(make_records(20), recreate=True)
    # silent for longer than the stale limit: taken over
    hold(es_backend.LOCK_STALE_AFTER / 60 + 1)
    assert backend.index(make_records(20), recreate=True).indexed == 20
    assert _lock_holder(es_client, backend) is None
    # a fresh heartbeat, but its process on this machine is gone: taken over at once
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    hold(0, machine=es_backend._machine(), pid=int(dead.stdout))
    assert backend.index(make_records(25), recreate=True).indexed == 25
    # cleared by hand, as the message says
    hold(1)
    es_client.delete(index=backend.lock_index, id="build")
    report = backend.index(make_records(30))  # an update takes the lock as well
    assert (report.indexed, report.unchanged) == (5, 25)
    assert backend.count() == 30 and _lock_holder(es_client, backend) is None


def test_a_build_whose_lock_is_taken_over_stops_before_the_swap(backend, es_client) -> None:
    from index.backend import SearchBackendError

    old = backend.index(make_records(40), recreate=True)

    def records() -> Iterator[IndexRecord]:
        for i, record in enumerate(make_records(100, generation="b")):
            if i == 50:  # as a run would that judged this one dead
                es_client.index(index=backend.lock_index, id="build", document={
                    "token": "theirs", "host": "build-host-2", "pid": 4242,
                    "started": "2025-01-01T00:00:00+00:00",
                    "heartbeat": dt.datetime.now(dt.UTC).isoformat()})
            yield record

    with pytest.raises(SearchBackendError, match="lost the build lock.*pid 4242 on build-host-2"):
        backend.index(records(), recreate=True)
    assert _aliased(es_client, backend) == _versioned(es_client, backend) == [old.index_name]
    assert backend.count() == 40
    assert _lock_holder(es_client, backend)["token"] == "theirs"  # not ours to delete


def test_an_export_across_a_recreate_reads_its_snapshot_to_the_end(
        backend, es_client, es_url: str) -> None:
    old = backend.index(make_records(300), recreate=True)
    backend.export_page_size = 25
    export = backend.iterate(SearchQuery(sort=SortOrder.date))
    first = [next(export).ecli for _ in range(60)]

    with ElasticsearchBackend(es_url, index_prefix=backend.prefix) as other:
        new = other.index(make_records(120, generation="b", start=1000), recreate=True)
        assert _aliased(es_client, backend) == [new.index_name]
        # the old index stays while the export's point in time reads it
        assert _versioned(es_client, backend) == sorted([old.index_name, new.index_name])
        assert any(f"kept the old index {old.index_name}" in e for e in new.errors)
        # a later index run leaves it alone too while the export is open
        assert other.index(make_records(120, generation="b", start=1000)).unchanged == 120
        assert old.index_name in _versioned(es_client, backend)

        rest = [hit.ecli for hit in export]
        eclis = first + rest
        assert len(eclis) == len(set(eclis)) == 300  # all of the old snapshot, only it
        assert set(eclis) == {r.ecli for r in make_records(300)}

        # the export is done (its point in time closed): the next index run deletes it
        assert other.index(make_records(120, generation="b", start=1000)).unchanged == 120
        assert _versioned(es_client, backend) == [new.index_name]
    assert backend.count() == 120


def test_an_export_whose_index_vanishes_fails_clearly_never_short(backend, es_client
                                                                   ) -> None:
    from index.backend import SearchBackendError

    old = backend.index(make_records(100), recreate=True)
    backend.export_page_size = 20
    export = backend.iterate(SearchQuery(sort=SortOrder.date))
    got = [next(export) for _ in range(30)]  # two pages fetched
    es_client.indices.delete(index=old.index_name)  # by hand: no lock, no check
    with pytest.raises(SearchBackendError, match="lost its point in time after 40 "
                       "documents.*run the export again") as caught:
        for hit in export:
            got.append(hit)
    assert len(got) == 40  # the rest of the second page, then the error
    assert old.index_name in str(caught.value)  # the cause: its index is gone


def test_an_export_starts_over_when_its_point_in_time_is_gone_before_the_first_hit(
        backend, monkeypatch: pytest.MonkeyPatch) -> None:
    backend.index(make_records(50), recreate=True)
    backend.export_page_size = 20
    opened: list[str] = []
    real_open = backend.client.open_point_in_time

    def open_then_lose(**kwargs: object) -> object:
        response = real_open(**kwargs)
        opened.append(response["id"])
        if len(opened) == 1:  # as when an alias swap lands between opening and paging
            backend.client.close_point_in_time(id=response["id"])
        return response

    monkeypatch.setattr(backend.client, "open_point_in_time", open_then_lose)
    eclis = [hit.ecli for hit in backend.iterate(SearchQuery(sort=SortOrder.date))]
    assert len(opened) == 2
    assert sorted(eclis) == sorted(r.ecli for r in make_records(50))
