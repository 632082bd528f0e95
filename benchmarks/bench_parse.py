"""Parse throughput on the real Open Data XML: documents/s and MB/s.

Runs `crawler.parse.parse_document` over every real XML document (../shared/corpus/opendata
and opendata_annotated when present, else the copies in samples/), repeating the set until
at least --seconds have passed, and prints the figures. For comparison it also times
parse + classify, the reconstructed samples, and building a BeautifulSoup tree with the
lxml XML builder (the parser's alternative; the soup alone, before any field is read).

Usage: .venv/bin/python benchmarks/bench_parse.py [--seconds 5]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from lxml import etree  # noqa: E402

from crawler.classify import classify  # noqa: E402
from crawler.parse import _parser, parse_document  # noqa: E402

SHARED = REPO.parent / "shared" / "corpus"


def real_documents() -> tuple[str, list[bytes]]:
    shared = sorted((SHARED / "opendata").glob("*.xml")) + sorted(
        (SHARED / "opendata_annotated").glob("*.xml"))
    if shared:
        return "../shared/corpus opendata + opendata_annotated", [p.read_bytes() for p in shared]
    local = sorted((REPO / "samples" / "opendata").glob("*.xml")) + sorted(
        (REPO / "samples" / "opendata_annotated").glob("*.xml"))
    return "samples/opendata + opendata_annotated", [p.read_bytes() for p in local]


def measure(label: str, docs: list[bytes], work: Callable[[bytes], object], seconds: float
            ) -> None:
    for raw in docs:  # warm up (imports, caches)
        work(raw)
    size = sum(len(raw) for raw in docs)
    rounds, count, total = 0, 0, 0
    start, cpu_start = time.perf_counter(), time.process_time()
    while True:
        for raw in docs:
            work(raw)
        rounds += 1
        count += len(docs)
        total += size
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            break
    cpu = time.process_time() - cpu_start
    # Wall-clock figures depend on what else runs on the machine; CPU-time figures (this
    # process only) are the steadier measure of the code itself.
    print(f"{label:<42} {count / elapsed:7.1f} docs/s {total / elapsed / 1e6:6.2f} MB/s wall"
          f" | {count / cpu:7.1f} docs/s {total / cpu / 1e6:6.2f} MB/s cpu "
          f"({rounds} x {len(docs)} docs, {elapsed:.1f} s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Parse throughput on the real XML.")
    parser.add_argument("--seconds", type=float, default=5.0, help="time per measurement")
    args = parser.parse_args(argv)

    source, docs = real_documents()
    print(f"real XML: {len(docs)} documents from {source}, "
          f"{sum(map(len, docs)) / 1e6:.2f} MB, Python {sys.version.split()[0]}, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    measure("parse_document (real XML)", docs, parse_document, args.seconds)
    measure("lxml etree.fromstring only (real XML)", docs,
            lambda raw: etree.fromstring(raw, _parser()), args.seconds)
    measure("parse_document + classify (real XML)", docs,
            lambda raw: classify(parse_document(raw)), args.seconds)
    rebuilt = [p.read_bytes() for p in sorted((REPO / "samples" / "reconstructed")
                                              .glob("*/*.xml"))]
    if rebuilt:
        measure("parse_document (reconstructed samples)", rebuilt, parse_document,
                args.seconds)
    try:
        from bs4 import BeautifulSoup
    except ImportError:
        print("beautifulsoup4 not installed: no comparison")
    else:
        measure("BeautifulSoup(raw, 'lxml-xml') tree only", docs,
                lambda raw: BeautifulSoup(raw, "lxml-xml"), args.seconds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
