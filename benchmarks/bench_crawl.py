"""Crawl throughput through the whole Scrapy pipeline, against the replay server on loopback.

    .venv/bin/python benchmarks/bench_crawl.py                  # both measurements
    .venv/bin/python benchmarks/bench_crawl.py --copies 20 --skip-limited --json

1. Unlimited (`--rate 0`): documents per second from index to store (feed paging, content
   requests, parse, classify, store). The sample corpus has about a hundred criminal-law
   documents, too few to measure, so the replay server serves each real document under
   `--copies` synthetic ECLIs ("<ECLI>.R0001", same bytes otherwise): THIS IS A THROUGHPUT
   HARNESS, not a corpus; every copy parses, classifies and stores like its original.
   Goal: >= 100 documents/s.
2. Default limit (no --rate: 5 requests/s): the achieved request rate from the server's
   request log, first to last request. Goal: within 5 % of 5 requests/s (and never above).

The crawler runs in a subprocess (`python -m crawler.run`), the server in this process.
Wall-clock figures depend on what else the machine runs, so the CPU time of the crawler's
process tree and of the server, and the load average, are printed alongside.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from crawler.feed import SUBJECT_STRAFRECHT  # noqa: E402
from tests.replay import ReplayServer, load_documents  # noqa: E402
from tests.replay.corpus import replicate  # noqa: E402

WIDE = ["--from", "1900-01-01", "--to", "2030-01-01"]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_crawler(api: ReplayServer, home: Path, *args: str) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "crawler.run", "--home", str(home), "--api-url", api.url,
           "--progress-interval", "0", "--log-level", "INFO", "--json", *args]
    load_before = os.getloadavg()[0]
    cpu0, server0, t0 = _children_cpu(), time.process_time(), time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    crawler_cpu, server_cpu = _children_cpu() - cpu0, time.process_time() - server0
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        sys.stderr.write(proc.stderr[-4000:])
        raise SystemExit(f"crawler failed (exit {proc.returncode})")
    summary = json.loads(lines[-1])
    return {"summary": summary, "wall_s": wall, "crawler_cpu_s": crawler_cpu,
            "server_cpu_s": server_cpu, "load_before": load_before,
            "load_after": os.getloadavg()[0]}


def unlimited(copies: int, workers: int | None) -> dict[str, Any]:
    docs = load_documents()
    with ReplayServer(documents=replicate(docs, copies)) as api, \
            tempfile.TemporaryDirectory() as tmp:
        listed = len(api.select({"subject": [SUBJECT_STRAFRECHT], "return": ["DOC"]}))
        extra = ["--workers", str(workers)] if workers is not None else []
        result = run_crawler(api, Path(tmp), "--rate", "0", *WIDE, *extra)
    s = result["summary"]
    stored = s["stored_new"]
    if stored != listed:
        raise SystemExit(f"stored {stored} of {listed} listed documents")
    return {
        "documents": stored,
        "copies": copies,
        "workers": workers if workers is not None else os.cpu_count(),
        "scrapy_elapsed_s": s["elapsed_s"],
        "docs_per_s": round(stored / s["elapsed_s"], 1),
        "docs_per_s_incl_startup": round(stored / result["wall_s"], 1),
        "requests_per_s": s["requests_per_s"],
        "crawler_cpu_ms_per_doc": round(result["crawler_cpu_s"] / stored * 1000, 2),
        "main_cpu_ms_per_doc": round(s["main_cpu_s"] / stored * 1000, 2),
        "server_cpu_ms_per_doc": round(result["server_cpu_s"] / stored * 1000, 2),
        "load_avg": [round(result["load_before"], 2), round(result["load_after"], 2)],
        "cpus": os.cpu_count(),
    }


def limited(requests_wanted: int) -> dict[str, Any]:
    """The default rate limit: how close to (and never above) 5 requests/s."""
    docs = load_documents()
    copies = max(1, -(-requests_wanted // max(1, len(docs))))
    with ReplayServer(documents=replicate(docs, copies)) as api, \
            tempfile.TemporaryDirectory() as tmp:
        rows = api.select({"subject": [SUBJECT_STRAFRECHT], "return": ["DOC"]})
        dates = sorted({d.decision_date for d, _, _ in rows if d.decision_date})
        # A decision-date window with about `requests_wanted` documents.
        count, end = 0, dates[-1]
        for day in dates:
            count += sum(1 for d, _, _ in rows if d.decision_date == day)
            end = day
            if count >= requests_wanted:
                break
        result = run_crawler(api, Path(tmp), "--from", dates[0].isoformat(),
                             "--to", end.isoformat())  # no --rate: the default
        times = [e.time for e in api.requests()]
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    rate = (len(times) - 1) / (times[-1] - times[0])
    return {
        "requests": len(times),
        "span_s": round(times[-1] - times[0], 2),
        "requests_per_s": round(rate, 3),
        "target": 5.0,
        "deviation_pct": round((rate - 5.0) / 5.0 * 100, 2),
        # Six requests need >= 1 s at 5/s: the shortest time six consecutive ones took (as
        # they arrived at the server: includes its own scheduling jitter).
        "min_span_6_s": round(min(b - a for a, b in zip(times, times[5:], strict=False)), 3),
        "gap_median_s": round(statistics.median(gaps), 4),
        "gap_min_s": round(min(gaps), 4),
        "documents": result["summary"]["stored_new"],
        "load_avg": [round(result["load_before"], 2), round(result["load_after"], 2)],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=12,
                        help="ECLIs per real document in the unlimited run (>= 1000 docs)")
    parser.add_argument("--workers", type=int, default=None,
                        help="parse/classify processes (default: one per CPU)")
    parser.add_argument("--limited-requests", type=int, default=150,
                        help="about this many requests at the default limit (~30 s)")
    parser.add_argument("--skip-unlimited", action="store_true")
    parser.add_argument("--skip-limited", action="store_true")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)

    figures: dict[str, Any] = {}
    if not args.skip_unlimited:
        figures["unlimited"] = unlimited(args.copies, args.workers)
    if not args.skip_limited:
        figures["default_limit"] = limited(args.limited_requests)
    if args.json:
        print(json.dumps(figures))
        return 0
    if "unlimited" in figures:
        u = figures["unlimited"]
        print(f"unlimited (--rate 0), {u['documents']} documents ({u['copies']} ECLIs per real "
              f"document), {u['workers']} parse workers, {u['cpus']} CPUs, load "
              f"{u['load_avg'][0]}->{u['load_avg'][1]}:")
        print(f"  {u['docs_per_s']} documents/s over the crawl ({u['scrapy_elapsed_s']} s), "
              f"{u['docs_per_s_incl_startup']} incl. process start; goal >= 100")
        print(f"  CPU per document: crawler {u['crawler_cpu_ms_per_doc']} ms (all its "
              f"processes; {u['main_cpu_ms_per_doc']} ms in the Scrapy process), replay "
              f"server {u['server_cpu_ms_per_doc']} ms")
        serial = u["main_cpu_ms_per_doc"] if u["workers"] else u["crawler_cpu_ms_per_doc"]
        print(f"  ceiling on an otherwise idle machine with enough cores: about "
              f"{1000 / serial:.0f} documents/s (1 / the serial CPU per document)")
    if "default_limit" in figures:
        d = figures["default_limit"]
        print(f"default limit (5 requests/s), {d['requests']} requests over {d['span_s']} s, "
              f"load {d['load_avg'][0]}->{d['load_avg'][1]}:")
        print(f"  {d['requests_per_s']} requests/s ({d['deviation_pct']:+.2f} % of 5; goal "
              f"within 5 %); 6 consecutive requests took >= {d['min_span_6_s']} s; gaps "
              f"median {d['gap_median_s']} s, min {d['gap_min_s']} s (arrival jitter)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
