"""Extraction throughput on the real corpus texts: judgments/s and words/s, single process and
n_process=2, and the time 5,000 real-size judgments would take (goal: under 10 minutes).

Run: .venv/bin/python benchmarks/bench_extract.py [--repeat N]
Texts: every complete judgment in ../shared/corpus/criminal_full and trafficking (the same
texts the gold uses), repeated to get a stable measurement. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import time
from pathlib import Path

from nlp.extract import extract_many
from nlp.inputs import load
from nlp.pipeline import build

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("VONNIS_SHARED_CORPUS", REPO.parent / "shared" / "corpus"))
WORD_RE = re.compile(r"\w+")


def corpus_texts() -> list[tuple[str, dict]]:
    items = []
    for path in sorted((CORPUS / "criminal_full").glob("*.json")):
        items.append(load(path))
    for path in sorted((CORPUS / "trafficking").glob("*.json")):
        if json.loads(path.read_text(encoding="utf-8")).get("text_complete"):
            items.append(load(path))
    return items


def run(items: list[tuple[str, dict]], n_process: int) -> float:
    nlp = build()
    start = time.perf_counter()
    for _meta, _result in extract_many(iter(items), nlp, n_process=n_process, batch_size=4):
        pass
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3, help="Copies of the corpus per run.")
    args = parser.parse_args()
    base = corpus_texts()
    items = base * args.repeat
    words = sum(len(WORD_RE.findall(t)) for t, _m in items)
    chars = sum(len(t) for t, _m in items)
    mean_words = words / len(items)
    print(f"corpus: {len(base)} judgments x {args.repeat} = {len(items)}; mean "
          f"{mean_words:,.0f} words / {chars / len(items):,.0f} characters per judgment; "
          f"{os.cpu_count()} CPUs")
    run(base[:3], 1)  # warm-up: imports, lookups
    for n_process in (1, 2):
        seconds = [run(items, n_process) for _ in range(2)]
        best = min(seconds)
        per_s = len(items) / best
        print(f"n_process={n_process}: {best:6.1f} s (runs: "
              f"{', '.join(f'{s:.1f}' for s in seconds)}; median {statistics.median(seconds):.1f})"
              f"  {per_s:6.1f} judgments/s  {words / best:10,.0f} words/s  "
              f"{chars / best / 1e6:5.2f} MB/s")
        print(f"    5,000 judgments of this size: {5000 / per_s / 60:5.1f} min "
              f"(goal < 10 min)")


if __name__ == "__main__":
    main()
