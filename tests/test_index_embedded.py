"""The embedded backend's life cycle on the real corpus: build, update, rebuild under a
kill, version mismatch, highlights, exports, and the `vonnis index` / `vonnis search`
commands. (What it answers is checked in tests/test_index_contract.py.)"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from index.analysis import stem
from index.backend import IndexMissing, MappingMismatch
from index.embedded import EmbeddedBackend
from index.embedded_cache import FacetCache
from index.query import SearchQuery, SortOrder, parse_filters
from index.querysyntax import QuerySyntaxError
from index.records import IndexRecord, iter_records
from tests.index_corpus import build_corpus, corpus_folders
from vonnis.cli import app
from vonnis.store import Store

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def built_home(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest,
               samples_dir: Path) -> Path:
    """A corpus store with an embedded index, built once; tests work on copies."""
    try:
        shared = request.getfixturevalue("shared_corpus")
    except pytest.skip.Exception:
        shared = None
    home = tmp_path_factory.mktemp("embedded-home")
    store, _ = build_corpus(home, corpus_folders(shared, samples_dir), extractions="synthetic")
    if store.count() < 20:
        pytest.skip("needs a real corpus (../shared/corpus or samples/)")
    with EmbeddedBackend(home) as backend:
        backend.index(iter_records(store), recreate=True)
    store.close()
    return home


@pytest.fixture()
def home(built_home: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "home"
    shutil.copytree(built_home, copy)
    return copy


@pytest.fixture()
def backend(home: Path) -> Iterator[EmbeddedBackend]:
    with EmbeddedBackend(home) as engine:
        yield engine


def _records(home: Path) -> list[IndexRecord]:
    with Store.open(home) as store:
        return list(iter_records(store))


def _build_tables(home: Path) -> list[str]:
    with sqlite3.connect(home / "corpus.sqlite") as conn:
        return [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE name LIKE '%\\_\\_build%' ESCAPE '\\'")]


def test_the_index_lives_in_the_corpus_store(backend: EmbeddedBackend, home: Path) -> None:
    assert backend.path == home / "corpus.sqlite"
    assert backend.count() == len(_records(home))
    everything = backend.search(SearchQuery(size=0))
    assert everything.total == backend.count()


def test_stemming_matches_word_forms(backend: EmbeddedBackend) -> None:
    by_noun = backend.search(SearchQuery(q="uitbuiting", size=100))
    by_verb = backend.search(SearchQuery(q="uitbuiten", size=100))
    assert by_noun.total > 0
    assert {h.ecli for h in by_noun.hits} == {h.ecli for h in by_verb.hits}
    exact = backend.search(SearchQuery(q='"uitbuiting"', size=0))
    assert exact.total <= by_noun.total


def test_highlights_mark_the_words_in_the_plain_text(backend: EmbeddedBackend,
                                                     home: Path) -> None:
    result = backend.search(SearchQuery(q="slachtoffers mensenhandel", size=10))
    assert result.hits
    with Store.open(home) as store:
        marked = 0
        for hit in result.hits:
            stored = store.get(hit.ecli)
            assert stored is not None
            text = stored.document.text
            for fragment in hit.highlights:
                assert text[fragment.start:fragment.end] == fragment.text
                for start, end in fragment.matches:
                    assert stem(text[start:end].lower()) in {"slachtoffer", "mensenhandel"}
                    marked += 1
    assert marked > 0
    plain = backend.search(SearchQuery(q="slachtoffers", size=3, highlight=False))
    assert all(h.highlights == [] for h in plain.hits)


def test_relevance_then_page_and_export(backend: EmbeddedBackend) -> None:
    query = SearchQuery(q="verdachte OR slachtoffer", size=5)
    first = backend.search(query)
    assert first.total > 10
    scores = [h.score for h in first.hits]
    assert all(s is not None for s in scores) and scores == sorted(scores, reverse=True)
    exported = [h.ecli for h in backend.iterate(query)]
    assert len(exported) == first.total
    assert exported[:5] == [h.ecli for h in first.hits]
    second = backend.search(query.model_copy(update={"page": 2}))
    assert [h.ecli for h in second.hits] == exported[5:10]


def test_filtered_relevance_ranks_as_the_export_does(backend: EmbeddedBackend) -> None:
    # search() scores only the matches the filters keep; the export scores every match
    # in SQL: same ranks, same order.
    for q, filters in [("verdachte", ["year=2000..2018"]), ('"van de verdachte"', ["court=HR"]),
                       ("slachtoffer OR uitbuit*", ["court_level=rechtbank", "year=2010.."])]:
        query = SearchQuery(q=q, filters=parse_filters(filters), size=10)
        found = backend.search(query)
        exported = list(backend.iterate(query))
        assert found.total == len(exported) > 0
        assert [(h.ecli, h.score) for h in found.hits] == \
            [(h.ecli, h.score) for h in exported[:10]]


def test_bitsets_of_ids_with_gaps() -> None:
    ids = [2, 3, 7, 8, 11, 40]
    cache = FacetCache(version="", ids=ids, pos={d: i for i, d in enumerate(ids)}, values={},
                       ranges={}, orders={}, date_rank=[], all_bits=(1 << len(ids)) - 1)
    bits = cache.bits_of_known_ids([3, 8, 40, 99])  # 99: not in this snapshot
    assert bits == 0b101010  # positions 1, 3, 5
    assert cache.bits_of_id_list("3,8,40,99") == bits and cache.bits_of_id_list(None) == 0
    assert cache.ids_of_bits(bits) == [3, 8, 40]
    flags = cache.id_flags(bits)
    assert [i + 1 for i, flag in enumerate(flags) if flag == ord("1")] == [3, 8, 40]
    dense = FacetCache(version="", ids=[1, 2, 3], pos={1: 0, 2: 1, 3: 2}, values={},
                       ranges={}, orders={}, date_rank=[], all_bits=0b111, dense=True)
    assert dense.bits_of_known_ids([1, 3, 4]) == 0b101
    assert dense.ids_of_bits(0b101) == [1, 3] and dense.id_flags(0b101) == b"101"


def test_an_updated_index_answers_as_a_rebuilt_one(home: Path, tmp_path: Path) -> None:
    # After an update the ids have gaps (deleted rows, new rows at the end): the bitsets
    # then map ids through positions instead of id - 1.
    queries = [SearchQuery(q=q, filters=parse_filters(f), facets=["court", "year", "articles"],
                           size=10, sort=sort)
               for q, f, sort in [("verdachte", ["year=2000..2018"], SortOrder.relevance),
                                  ("mensenhandel", [], SortOrder.relevance),
                                  ('"van de verdachte"', [], SortOrder.date),
                                  ("-mensenhandel", ["court_level=rechtbank"],
                                   SortOrder.relevance)]]
    with Store.open(home) as store:
        eclis = store.eclis()
        for ecli in eclis[:3]:
            changed = store.get(ecli)
            assert changed is not None
            doc = changed.document.model_copy(update={"text": changed.document.text + " x"})
            store.upsert(b"<changed/>", doc, changed.classification)
        store.mark_withdrawn(eclis[5], "ecli")
        with EmbeddedBackend(home) as backend:
            backend.index(iter_records(store))
            ids = [r[0] for r in backend.conn.execute("SELECT id FROM search_docs ORDER BY id")]
            assert ids != list(range(1, len(ids) + 1))
            updated = [backend.search(q) for q in queries]
        shutil.copytree(home, tmp_path / "rebuilt")
    with EmbeddedBackend(tmp_path / "rebuilt") as backend, \
            Store.open(tmp_path / "rebuilt") as store:
        backend.index(iter_records(store), recreate=True)
        rebuilt = [backend.search(q) for q in queries]
    for a, b in zip(updated, rebuilt, strict=True):
        assert a.model_dump(exclude={"took_ms"}) == b.model_dump(exclude={"took_ms"})


def test_facets_are_multi_select(backend: EmbeddedBackend) -> None:
    unfiltered = backend.search(SearchQuery(facets=["court", "year"], size=0))
    filtered = backend.search(SearchQuery(filters=parse_filters(["court=HR"]),
                                          facets=["court", "year"], size=0))
    assert filtered.facets["court"] == unfiltered.facets["court"]  # own filter ignored
    hr = next(v.count for v in unfiltered.facets["court"] if v.value == "HR")
    assert filtered.total == hr
    assert sum(v.count for v in filtered.facets["year"]) <= hr  # other filters apply


def test_bad_query_syntax_is_an_error_before_the_index(home: Path, tmp_path: Path) -> None:
    with EmbeddedBackend(tmp_path / "fresh") as empty:
        with pytest.raises(QuerySyntaxError, match="unclosed quote"):
            empty.search(SearchQuery(q='"mensenhandel'))
        with pytest.raises(IndexMissing, match="vonnis index"):
            empty.search(SearchQuery(q="mensenhandel"))


def test_update_adds_replaces_and_removes(home: Path) -> None:
    with Store.open(home) as store:
        eclis = store.eclis()
        changed = store.get(eclis[0])
        assert changed is not None
        doc = changed.document.model_copy(update={"text": changed.document.text +
                                                  "\nzwaluwstaartvlinder"})
        store.upsert(b"<changed/>", doc, changed.classification)
        store.mark_withdrawn(eclis[1], "ecli")
        with EmbeddedBackend(home) as backend:
            before = backend.count()
            assert backend.search(SearchQuery(q="zwaluwstaartvlinder")).total == 0
            report = backend.index(iter_records(store))
            assert (report.indexed, report.deleted) == (1, 1)
            assert report.unchanged == before - 2
            found = backend.search(SearchQuery(q="zwaluwstaartvlinder"))
            assert [h.ecli for h in found.hits] == [eclis[0]]
            assert backend.count() == before - 1
            assert eclis[1] not in {h.ecli for h in backend.iterate(SearchQuery())}
            again = backend.index(iter_records(store))
            assert (again.indexed, again.deleted) == (0, 0)


KILL_SCRIPT = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    import index.embedded as embedded
    from index.records import iter_records
    from vonnis.store import Store

    embedded.BATCH = 10  # so some batches are committed before the kill
    home, kill_at, how = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    workers = int(sys.argv[4])
    store = Store.open(home)

    def records():
        for i, record in enumerate(iter_records(store)):
            if i == kill_at:
                if how == "kill":
                    os.kill(os.getpid(), signal.SIGKILL)
                raise RuntimeError("disk on fire")
            yield record

    embedded.EmbeddedBackend(home, workers=workers).index(records(), recreate=True)
""")


@pytest.mark.parametrize(("how", "workers"), [("kill", 1), ("exception", 1), ("kill", 2)])
def test_a_recreate_that_dies_leaves_the_old_index_serving(home: Path, how: str,
                                                           workers: int) -> None:
    with EmbeddedBackend(home) as backend:
        before = backend.search(SearchQuery(q="mensenhandel", facets=["court"], size=0))
        count = backend.count()
    # (with workers: they must die with the killed process, or its pipes never close)
    done = subprocess.run([sys.executable, "-c", KILL_SCRIPT, str(home), "35", how,
                           str(workers)], cwd=REPO, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode != 0
    if how == "kill":
        assert done.returncode == -9
        assert _build_tables(home)  # the half-built index is there, not serving
    with EmbeddedBackend(home) as backend:
        after = backend.search(SearchQuery(q="mensenhandel", facets=["court"], size=0))
        assert (after.total, after.facets) == (before.total, before.facets)
        assert backend.count() == count
        with Store.open(home) as store:
            backend.index(iter_records(store), recreate=True)
        assert _build_tables(home) == []  # leftovers dropped by the next build
        assert backend.search(SearchQuery(q="mensenhandel", size=0)).total == before.total


def _pages(path: Path) -> tuple[int, int]:
    """(page_count, freelist_count) of the file."""
    with sqlite3.connect(path) as conn:
        return (conn.execute("PRAGMA page_count").fetchone()[0],
                conn.execute("PRAGMA freelist_count").fetchone()[0])


def test_recreates_give_the_old_generation_back(home: Path) -> None:
    path = home / "corpus.sqlite"
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA auto_vacuum").fetchone()[0] == 2  # incremental
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    sizes = []
    with EmbeddedBackend(home) as backend, Store.open(home) as store:
        total = backend.search(SearchQuery(q="mensenhandel", size=0)).total
        for _ in range(2):
            backend.index(iter_records(store), recreate=True)
            pages, free = _pages(path)
            assert free == 0
            # checkpointed: the file holds just its pages, the WAL is emptied
            assert path.stat().st_size == pages * page_size
            assert Path(f"{path}-wal").stat().st_size == 0
            sizes.append(pages)
            assert backend.search(SearchQuery(q="mensenhandel", size=0)).total == total
    assert sizes[1] <= sizes[0]
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_store_without_auto_vacuum_is_not_vacuumed_implicitly(home: Path) -> None:
    path = home / "corpus.sqlite"
    with sqlite3.connect(path, isolation_level=None) as conn:
        conn.execute("PRAGMA auto_vacuum = NONE")
        conn.execute("VACUUM")  # as stores were created before auto_vacuum was set
    with EmbeddedBackend(home) as backend, Store.open(home) as store:
        total = backend.search(SearchQuery(q="mensenhandel", size=0)).total
        backend.index(iter_records(store), recreate=True)
        assert backend.search(SearchQuery(q="mensenhandel", size=0)).total == total
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA auto_vacuum").fetchone()[0] == 0
    assert _pages(path)[1] > 0  # the old generation's pages stay free inside the file


def test_parallel_analysis_builds_the_same_index(home: Path) -> None:
    query = SearchQuery(q='verdachte "de verdachte" uitbuit*', facets=["court", "articles"],
                        size=20, sort=SortOrder.date)
    with EmbeddedBackend(home) as backend:
        before = backend.search(query)
    with EmbeddedBackend(home, workers=2) as backend, Store.open(home) as store:
        backend.index(iter_records(store), recreate=True)
        after = backend.search(query)
    assert (after.total, after.facets) == (before.total, before.facets)
    assert [h.model_dump(exclude={"score"}) for h in after.hits] == \
        [h.model_dump(exclude={"score"}) for h in before.hits]


def test_readers_see_the_old_index_during_a_rebuild(home: Path) -> None:
    seen: list[int] = []
    with EmbeddedBackend(home) as reader, EmbeddedBackend(home) as writer, \
            Store.open(home) as store:
        total = reader.search(SearchQuery(q="verdachte", size=0)).total

        def records() -> Iterator[IndexRecord]:
            for i, record in enumerate(iter_records(store)):
                if i in (5, 250):
                    seen.append(reader.search(SearchQuery(q="verdachte", size=0)).total)
                yield record

        writer.index(records(), recreate=True)
        assert seen and all(n == total for n in seen)
        assert reader.search(SearchQuery(q="verdachte", size=0)).total == total


def test_an_index_of_another_version_asks_for_recreate(home: Path) -> None:
    with sqlite3.connect(home / "corpus.sqlite") as conn:
        conn.execute("UPDATE search_meta SET value = 'old' WHERE key = 'signature'")
    with EmbeddedBackend(home) as backend, Store.open(home) as store:
        with pytest.raises(MappingMismatch, match="--recreate"):
            backend.search(SearchQuery(q="mensenhandel"))
        with pytest.raises(MappingMismatch, match="--recreate"):
            backend.index(iter_records(store))
        backend.index(iter_records(store), recreate=True)
        assert backend.search(SearchQuery(q="mensenhandel")).total > 0


# -- the commands -----------------------------------------------------------------------------


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_index_and_search_json(home: Path) -> None:
    code, _, err = _run("--home", str(home), "index", "--recreate", "--no-progress")
    assert code == 0, err
    assert "documents indexed" in err
    code, out, err = _run("--home", str(home), "search", "mensenhandel", "--json",
                          "--facet", "court", "--facet", "year", "-f", "year=2010..2030",
                          "--size", "3")
    assert code == 0, err
    result = json.loads(out)
    assert list(result) == ["total", "hits", "facets", "took_ms"]
    assert result["total"] > 0 and len(result["hits"]) == min(3, result["total"])
    assert all(hit["ecli"].startswith("ECLI:") for hit in result["hits"])
    assert list(result["facets"]) == ["court", "year"]
    assert all(set(v) == {"value", "count"} for v in result["facets"]["court"])
    code, out, _ = _run("--home", str(home), "search", "--json", "--size", "0")
    assert json.loads(out)["total"] == len(_records(home))  # empty query: everything


def test_cli_human_output(home: Path) -> None:
    code, out, err = _run("--home", str(home), "search", "slachtoffers", "--facet", "all",
                          "--sort", SortOrder.date.value)
    assert code == 0, err
    assert "documents" in out and "ECLI:" in out and "court:" in out


@pytest.mark.parametrize(("args", "message"), [
    (["search", '"mensenhandel'], "unclosed quote"),
    (["search", "mensenhandel OR"], "OR needs a word after it"),
    (["search", "x", "-f", "rechter=jansen"], "unknown filter key 'rechter'"),
    (["search", "x", "-f", "year=twintig"], "year"),
    (["search", "x", "--facet", "judge"], "unknown facet 'judge'"),
    (["search", "x", "--page", "200", "--size", "100"], "may not exceed 10000"),
    (["search", "x", "--size", "500"], "100"),
])
def test_cli_bad_input_exits_2_with_a_reason(home: Path, args: list[str], message: str
                                             ) -> None:
    code, _, err = _run("--home", str(home), *args)
    assert code == 2
    assert message in err


def test_cli_unreachable_elasticsearch_names_url_and_hint(home: Path) -> None:
    pytest.importorskip("index.es_backend")
    url = "http://127.0.0.1:9"  # discard port: nothing listens
    code, _, err = _run("--home", str(home), "search", "x", "--backend", "elasticsearch",
                        "--es-url", url)
    assert code == 1
    assert url in err and "vonnis es start" in err and "ELASTICSEARCH_URL" in err


def test_cli_search_without_index(tmp_path: Path) -> None:
    code, _, err = _run("--home", str(tmp_path / "empty"), "search", "x")
    assert code == 1 and "vonnis index" in err
