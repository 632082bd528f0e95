"""Search benchmark: indexing documents/s and faceted-query latency, both backends side by side.

    .venv/bin/python benchmarks/bench_search.py                       # embedded + ES (own node)
    .venv/bin/python benchmarks/bench_search.py --backends embedded --docs 10000
    .venv/bin/python benchmarks/bench_search.py --es-url http://127.0.0.1:9200 --json

Corpus: the real documents of ../shared/corpus (else samples/) are ingested into a temporary
store, then SCALED UP to --docs judgments: copy k of a real document gets a new ECLI
(`ECLI:NL:<court>:<year>:BENCH<k><n>`), its real text and summary unchanged (so the
vocabulary, document lengths and term statistics stay those of real judgments), and varied
metadata drawn from a seeded random generator: court (a real court code of every level),
decision date (2000-2025), procedure, trafficking flag, and synthetic extraction values
(outcome, articles, prison days, exploitation types, minor victim, compensation; from
tests/index_corpus.synthetic_extraction). THIS IS A LOAD HARNESS, not a corpus.

Measured:
1. indexing: `index(iter_records(store), recreate=True)` for each backend = what
   `vonnis index --recreate` does (records read from the store, analysis, writes; for
   Elasticsearch streaming bulk and the alias swap), in documents/s.
2. latency: a fixed mix of faceted queries (words, phrases, prefixes, OR, exclusions,
   filters on every kind of field, all nine facets, a page of 10 hits with highlights),
   one warm-up round (Elasticsearch: --es-warmup-rounds, for the JIT compiler), then --rounds
   rounds; p50 / p95 / max of the wall time seen by the caller of `SearchBackend.search`,
   in ms; and the CPU time of this process per query (for the embedded backend, which runs
   in-process, a load-independent figure). Elasticsearch also: its own `took` (server time),
   the node's CPU per query and per indexed document (when this script started the node),
   and the mix once more with the request cache cleared before every query (uncached),
   after --es-cold-warmup-rounds rounds run the same way (the cached rounds are cache hits
   and leave the query and aggregation code to the JIT's first, slow passes).
   The Elasticsearch backend gets the scaled store's data dir, as `vonnis search` gives
   it: the hits' highlights come from the store's texts (index/es_translate.py);
   --no-es-store times Elasticsearch's own highlighter instead.

Goals (issue 4, this 2-core machine): Elasticsearch bulk >= 300 documents/s; p95 <= 50 ms on
both backends. Wall-clock figures depend on what else runs: the load average is printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from crawler.courts import make_court  # noqa: E402
from index.backend import SearchBackend  # noqa: E402
from index.query import FacetName, SearchQuery, parse_filters  # noqa: E402
from index.records import count_records, iter_records  # noqa: E402
from tests.index_corpus import SYNTHETIC_PIPELINE, ingest_files, synthetic_extraction  # noqa: E402
from vonnis.models import Classification  # noqa: E402
from vonnis.store import Store  # noqa: E402

COURTS = ["HR", "PHR", "GHAMS", "GHARL", "GHDHA", "GHSHE", "RBAMS", "RBDHA", "RBGEL",
          "RBMNE", "RBNHO", "RBNNE", "RBOBR", "RBOVE", "RBROT", "RBLIM", "RBZWB", "ORBAACM"]
PROCEDURES = ["Eerste aanleg - meervoudig", "Hoger beroep", "Cassatie",
              "Eerste aanleg - enkelvoudig", "Ontneming", "Herziening"]

ALL_FACETS = list(FacetName)

# The fixed query mix: (q, filters). Every query asks for all facets, 10 hits, highlights.
MIX: list[tuple[str, list[str]]] = [
    ("", []),
    ("mensenhandel", []),
    ("uitbuiting", ["court_level=rechtbank"]),
    ("loverboy OR pooier OR prostitutie", ["year=2015..2025"]),
    ('"gedwongen prostitutie"', []),
    ('"van de verdachte"', ["trafficking=true"]),
    ("minderjarige slachtoffers", ["minor_victim=true"]),
    ("uitbuit*", ["exploitation_types=labour"]),
    ("mensenhandel -prostitutie", ["articles=273f"]),
    ("arbeidsuitbuiting OR (arbeid uitbuiting)", []),
    ("", ["court=HR", "court=PHR", "year=2018..2022"]),
    ("", ["articles=273f lid 1 sub 4", "outcome=conviction"]),
    ("", ["unconditional_prison_days=730..", "has_compensation=true"]),
    ("slachtoffer", ["court=RBAMS", "court=GHAMS", "prison_days=365.."]),
    ("verdachte", ["decision_date=2020-01-01..2023-12-31", "outcome=conviction",
                   "outcome=partial"]),
    ("-mensenhandel", ["trafficking=false"]),
    ("schadevergoeding benadeelde partij", ["has_compensation=true"]),
    ("273f", ["court_level=hof"]),
    ("ECLI:NL:HR:2019:40", []),
    ("wetboek van strafrecht", ["procedure=Hoger beroep"]),
]


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def build_base(home: Path) -> Store:
    shared = REPO.parent / "shared" / "corpus"
    folders = [shared] if shared.is_dir() else [REPO / "samples"]
    store = Store.open(home)
    ingest_files(store, folders)
    return store


def scale_up(base: Store, target: Store, docs: int, seed: int) -> int:
    """Copy the base documents under new ECLIs with varied metadata until `docs` exist."""
    rng = random.Random(seed)
    originals = [s for s in base.iter_documents() if s.document.text or s.document.summary]
    raws = {s.document.ecli: base.raw_xml(s.document.ecli) or b"" for s in originals}
    made = 0
    copy = 0
    while made < docs:
        with target.transaction():
            for stored in originals:
                if made >= docs:
                    break
                doc = stored.document
                code = rng.choice(COURTS)
                date = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(26 * 365))
                ecli = f"ECLI:NL:{code}:{date.year}:BENCH{copy:04d}{made:06d}"
                clone = doc.model_copy(update={
                    "ecli": ecli, "court": make_court(code), "decision_date": date,
                    "procedures": [rng.choice(PROCEDURES)],
                })
                flag = rng.random() < 0.4
                classification = Classification(trafficking=flag, classifier_version="bench")
                target.upsert(raws[doc.ecli] + ecli.encode(), clone, classification)
                target.put_extraction(ecli, SYNTHETIC_PIPELINE, synthetic_extraction(ecli))
                made += 1
        copy += 1
    return made


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def process_cpu_s(pid: int | None) -> float | None:
    """CPU seconds (user + system) a process has used so far: the Elasticsearch node's
    share of the work, which the load of other processes barely changes (Linux /proc)."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _per(total: float | None, count: int, scale: float = 1000.0) -> float | None:
    return round(total * scale / count, 2) if total is not None and count else None


def run_queries(backend: SearchBackend, rounds: int, *, node_pid: int | None = None,
                warmup_rounds: int = 1,
                before_each: Callable[[], None] | None = None) -> dict[str, Any]:
    """`before_each` runs before every timed query, outside the timing (the cold pass of
    Elasticsearch clears the request cache with it)."""
    queries = [SearchQuery(q=q, filters=parse_filters(f), facets=ALL_FACETS, size=10,
                           highlight=True) for q, f in MIX]
    for _ in range(warmup_rounds):  # warm-up: caches, FTS pages, ES segments, the JIT
        for query in queries:
            if before_each is not None:
                before_each()  # warm the code the timed queries run, not the cache hits
            backend.search(query)
    latencies: list[float] = []
    cpu: list[float] = []
    took: list[float] = []  # Elasticsearch's own `took`: server time only
    node_before = process_cpu_s(node_pid)
    per_query: dict[str, list[float]] = {}
    totals: dict[str, int] = {}
    for _ in range(rounds):
        for (q, f), query in zip(MIX, queries, strict=True):
            if before_each is not None:
                before_each()
            c0, t0 = time.process_time(), time.perf_counter()
            result = backend.search(query)
            ms = (time.perf_counter() - t0) * 1000
            cpu.append((time.process_time() - c0) * 1000)
            latencies.append(ms)
            server = getattr(backend, "last_took_ms", None)
            if server is not None:
                took.append(server)
            key = f"{q} | {' '.join(f)}"
            per_query.setdefault(key, []).append(ms)
            totals[key] = result.total
    node_after = process_cpu_s(node_pid)
    node_cpu = (node_after - node_before
                if node_after is not None and node_before is not None else None)
    return {
        "queries": len(latencies),
        "p50_ms": round(percentile(latencies, 0.50), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "max_ms": round(max(latencies), 1),
        # CPU time of this process: for the embedded backend the whole search, so a figure
        # that does not depend on what else the machine runs; for Elasticsearch only the
        # client's share (request building, JSON decoding, highlight fragments).
        "cpu_p50_ms": round(percentile(cpu, 0.50), 1),
        "cpu_p95_ms": round(percentile(cpu, 0.95), 1),
        "took_p50_ms": round(percentile(took, 0.50), 1) if took else None,
        "took_p95_ms": round(percentile(took, 0.95), 1) if took else None,
        # The node's CPU per query (all its threads; idle background work included).
        "server_cpu_ms_per_query": _per(node_cpu, len(latencies)),
        "per_query_p50_ms": {k: round(statistics.median(v), 1) for k, v in per_query.items()},
        "totals": totals,
    }


def request_cache_clearer(engine: SearchBackend) -> Callable[[], None]:
    """Empties the Elasticsearch backend's shard request cache."""
    client, alias = engine.client, engine.alias  # type: ignore[attr-defined]

    def clear() -> None:
        client.indices.clear_cache(index=alias, request=True)

    return clear


def open_engine(name: str, home: Path, es_url: str | None, *,
                es_store: bool = True) -> SearchBackend:
    if name == "embedded":
        from index.embedded import EmbeddedBackend

        return EmbeddedBackend(home)
    from index.es_backend import ElasticsearchBackend

    # With the store's data dir, as `vonnis search` makes it: highlights from the store.
    return ElasticsearchBackend(url=es_url, index_prefix="vonnis-bench",
                                home=home if es_store else None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--backends", default="embedded,elasticsearch")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--es-url", default=os.environ.get("ELASTICSEARCH_URL"))
    parser.add_argument("--es-port", type=int, default=9261,
                        help="port for the node this script starts when no --es-url is given")
    parser.add_argument("--es-heap", default="512m")
    parser.add_argument("--es-warmup-rounds", type=int, default=20,
                        help="rounds of the mix before timing Elasticsearch: on 2 cores a "
                             "fresh node's JIT compiler keeps compiling for hundreds of "
                             "queries (120 -> 50 ms of node CPU per query over the first "
                             "320) and competes with the searches meanwhile")
    parser.add_argument("--es-cold", action=argparse.BooleanOptionalAction, default=True,
                        help="also time the mix with the request cache cleared before "
                             "every query (the facets recomputed every time)")
    parser.add_argument("--es-cold-warmup-rounds", type=int, default=20,
                        help="rounds of the mix, the request cache cleared before every "
                             "query, before the uncached pass is timed: the cached rounds "
                             "before it are cache hits, which never run the query and "
                             "aggregation code, so the JIT has not compiled that yet")
    parser.add_argument("--es-store", action=argparse.BooleanOptionalAction, default=True,
                        help="give the Elasticsearch backend the store (highlights from its "
                             "texts); --no-es-store: Elasticsearch's highlighter marks the "
                             "whole text field, as before")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="keep the scaled store here (reused when it has --docs documents)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args(argv)
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="vonnis-bench-search-"))
    if args.workdir is None:
        # mkdtemp makes it 0700; the node runs as its own user and must pass through it
        workdir.chmod(0o711)
    home = workdir / "home"
    home.mkdir(parents=True, exist_ok=True)
    store = Store.open(home)
    if store.count() != args.docs:
        print(f"scaling the real corpus up to {args.docs} documents in {home} ...",
              file=sys.stderr)
        base = build_base(workdir / "base")
        t0 = time.perf_counter()
        scale_up(base, store, args.docs, args.seed)
        print(f"  {store.count()} documents made from {base.count()} real ones in "
              f"{time.perf_counter() - t0:.0f} s", file=sys.stderr)
        base.close()
    n = count_records(store)
    chars = store.conn.execute("SELECT SUM(LENGTH(text)) FROM documents").fetchone()[0] or 0

    es_state: Path | None = None
    node_pid: int | None = None  # the node this script started: its CPU is measured
    es_url = args.es_url
    if "elasticsearch" in backends and not es_url:
        from index import es_node

        es_state = workdir / "es-node"
        es_url = es_node.start(port=args.es_port, heap=args.es_heap, state_dir=es_state)
        node_pid = es_node.status(state_dir=es_state).pid

    figures: dict[str, dict[str, Any]] = {}
    try:
        for name in backends:
            engine = open_engine(name, home, es_url, es_store=args.es_store)
            try:
                print(f"[{name}] indexing {n} documents ...", file=sys.stderr)
                load_before = load_average()
                pid = node_pid if name == "elasticsearch" else None
                node0, cpu0, t0 = process_cpu_s(pid), time.process_time(), time.perf_counter()
                report = engine.index(iter_records(store), recreate=True, progress=False,
                                      total=n)
                seconds = time.perf_counter() - t0
                client_cpu = time.process_time() - cpu0
                node1 = process_cpu_s(pid)
                node_cpu = node1 - node0 if node0 is not None and node1 is not None else None
                load_indexed = load_average()
                print(f"[{name}] querying ({len(MIX)} queries x {args.rounds} rounds) ...",
                      file=sys.stderr)
                es = name == "elasticsearch"
                latency = run_queries(engine, args.rounds, node_pid=pid,
                                      warmup_rounds=args.es_warmup_rounds if es else 1)
                cold: dict[str, Any] = {}
                if es and args.es_cold:
                    print(f"[{name}] querying again, the request cache cleared before "
                          "every query ...", file=sys.stderr)
                    cold_run = run_queries(engine, args.rounds, node_pid=pid,
                                           warmup_rounds=args.es_cold_warmup_rounds,
                                           before_each=request_cache_clearer(engine))
                    cold = {f"cold_{k}": v for k, v in cold_run.items()
                            if k in ("p50_ms", "p95_ms", "max_ms", "took_p50_ms",
                                     "took_p95_ms", "cpu_p50_ms")}
                figures[name] = {
                    "documents": report.indexed, "index_seconds": round(seconds, 1),
                    "docs_per_s": round(report.indexed / seconds, 1), "failed": report.failed,
                    # CPU per document: this process (records, requests) and the node
                    # (analysis, Lucene): load-independent where wall time is not.
                    "client_cpu_ms_per_doc": _per(client_cpu, report.indexed),
                    "server_cpu_ms_per_doc": _per(node_cpu, report.indexed),
                    "load_during_index": load_before, "load_after_index": load_indexed,
                    "load_after_queries": load_average(),
                    **latency, **cold,
                }
            finally:
                engine.close()
    finally:
        if es_state is not None:
            from index import es_node

            es_node.stop(state_dir=es_state)

    print(f"\nSearch benchmark: {n} judgments ({chars / max(n, 1) / 1000:.1f} k characters "
          f"each on average), {len(MIX)} faceted queries x {args.rounds} rounds, "
          f"all {len(ALL_FACETS)} facets, 10 hits with highlights; "
          f"{os.cpu_count()} CPUs, load average now {load_average()}\n")
    names = list(figures)
    rows = [("indexing documents/s", "docs_per_s"), ("indexing seconds", "index_seconds"),
            ("query p50 ms", "p50_ms"), ("query p95 ms", "p95_ms"), ("query max ms", "max_ms"),
            ("in-process CPU p50 ms (ES: client only)", "cpu_p50_ms"),
            ("in-process CPU p95 ms (ES: client only)", "cpu_p95_ms"),
            ("ES uncached: query p50 ms", "cold_p50_ms"),
            ("ES uncached: query p95 ms", "cold_p95_ms"),
            ("ES uncached: `took` p50 ms", "cold_took_p50_ms"),
            ("ES uncached: `took` p95 ms", "cold_took_p95_ms"),
            ("ES `took` p50 ms (server only)", "took_p50_ms"),
            ("ES `took` p95 ms (server only)", "took_p95_ms"),
            ("ES node CPU ms per query (own node only)", "server_cpu_ms_per_query"),
            ("indexing: client CPU ms per doc", "client_cpu_ms_per_doc"),
            ("indexing: ES node CPU ms per doc (own node only)", "server_cpu_ms_per_doc"),
            ("load avg before indexing", "load_during_index"),
            ("load avg after indexing", "load_after_index"),
            ("load avg after queries", "load_after_queries")]
    print("| figure | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for label, key in rows:
        print(f"| {label} | " + " | ".join(str(figures[b].get(key, "-")) for b in names)
              + " |")
    if len(names) == 2:
        a, b = (figures[x]["totals"] for x in names)
        same = sum(1 for k in a if a[k] == b.get(k))
        print(f"\nequal totals on {same} of {len(a)} queries of the mix")
    print("\nper-query p50 ms:")
    for key in figures[names[0]]["per_query_p50_ms"]:
        cells = "  ".join(f"{b}={figures[b]['per_query_p50_ms'][key]:>7}" for b in names)
        print(f"  {cells}  total={figures[names[0]]['totals'][key]:>6}  {key}")
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
