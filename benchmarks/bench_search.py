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
   one warm-up round, then --rounds rounds; p50 / p95 / max of the wall time seen by the
   caller of `SearchBackend.search`, in ms; and the CPU time of this process per query
   (for the embedded backend, which runs in-process, a load-independent figure).

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

ALL_FACETS = [f.value for f in FacetName]

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


def run_queries(backend: SearchBackend, rounds: int) -> dict[str, Any]:
    queries = [SearchQuery(q=q, filters=parse_filters(f), facets=ALL_FACETS, size=10,
                           highlight=True) for q, f in MIX]
    for query in queries:  # warm-up: caches, FTS pages, ES segments
        backend.search(query)
    latencies: list[float] = []
    cpu: list[float] = []
    per_query: dict[str, list[float]] = {}
    totals: dict[str, int] = {}
    for _ in range(rounds):
        for (q, f), query in zip(MIX, queries, strict=True):
            c0, t0 = time.process_time(), time.perf_counter()
            result = backend.search(query)
            ms = (time.perf_counter() - t0) * 1000
            cpu.append((time.process_time() - c0) * 1000)
            latencies.append(ms)
            key = f"{q} | {' '.join(f)}"
            per_query.setdefault(key, []).append(ms)
            totals[key] = result.total
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
        "per_query_p50_ms": {k: round(statistics.median(v), 1) for k, v in per_query.items()},
        "totals": totals,
    }


def open_engine(name: str, home: Path, es_url: str | None) -> SearchBackend:
    if name == "embedded":
        from index.embedded import EmbeddedBackend

        return EmbeddedBackend(home)
    from index.es_backend import ElasticsearchBackend

    return ElasticsearchBackend(url=es_url, index_prefix="vonnis-bench")


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
    parser.add_argument("--workdir", type=Path, default=None,
                        help="keep the scaled store here (reused when it has --docs documents)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args(argv)
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="vonnis-bench-search-"))
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
    es_url = args.es_url
    if "elasticsearch" in backends and not es_url:
        from index import es_node

        es_state = workdir / "es-node"
        es_url = es_node.start(port=args.es_port, heap=args.es_heap, state_dir=es_state)

    figures: dict[str, dict[str, Any]] = {}
    try:
        for name in backends:
            engine = open_engine(name, home, es_url)
            try:
                print(f"[{name}] indexing {n} documents ...", file=sys.stderr)
                load_before = load_average()
                t0 = time.perf_counter()
                report = engine.index(iter_records(store), recreate=True, progress=False,
                                      total=n)
                seconds = time.perf_counter() - t0
                print(f"[{name}] querying ({len(MIX)} queries x {args.rounds} rounds) ...",
                      file=sys.stderr)
                latency = run_queries(engine, args.rounds)
                figures[name] = {
                    "documents": report.indexed, "index_seconds": round(seconds, 1),
                    "docs_per_s": round(report.indexed / seconds, 1), "failed": report.failed,
                    "load_during_index": load_before, "load_after_queries": load_average(),
                    **latency,
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
            ("load avg before indexing", "load_during_index"),
            ("load avg after queries", "load_after_queries")]
    print("| figure | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for label, key in rows:
        print(f"| {label} | " + " | ".join(str(figures[b][key]) for b in names) + " |")
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
