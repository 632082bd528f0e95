"""A real corpus in a temporary store, for the search tests (index/).

Documents come from ../shared/corpus (Open Data XML, the trafficking and criminal JSON
texts) or the bundled samples/, through the crawler's ingest when it exists, else through
the parser and classifier directly. Extraction values come from the nlp pipeline when it
exists; otherwise `synthetic_extraction` gives every document deterministic values (derived
from a hash of its ECLI, never from its text) so the extraction filters and facets are
exercised on both backends all the same.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from vonnis.models import Court, CourtLevel, DocType, Document
from vonnis.store import Store

SYNTHETIC_PIPELINE = "test-synthetic"
REPO = Path(__file__).resolve().parent.parent


def _json_document(path: Path) -> tuple[bytes, Document] | None:
    from crawler.courts import make_court

    raw = path.read_bytes()
    data = json.loads(raw)
    ecli = data.get("ecli")
    text = data.get("text") or ""
    if not ecli or not (text or data.get("inhoudsindicatie")):
        return None
    code = ecli.split(":")[2]
    try:
        court = make_court(code, data.get("court"))
    except (KeyError, ValueError):
        court = Court(name=data.get("court") or code, code=code, level=CourtLevel.other)
    date = data.get("decision_date")
    return raw, Document(
        ecli=ecli,
        doc_type=DocType.conclusie if code == "PHR" else DocType.uitspraak,
        court=court,
        decision_date=dt.date.fromisoformat(date) if date else None,
        procedures=[data["procedure"]] if data.get("procedure") else [],
        summary=data.get("inhoudsindicatie") or None,
        text=text,
    )


def ingest_files(store: Store, folders: list[Path]) -> int:
    """Store every document under `folders`: XML through the crawler's ingest (topic
    "all"), the JSON texts of trafficking/ and criminal_full/ through the parser-free path
    above (they are not XML). Returns the number of documents in the store."""
    from crawler.classify import classify

    for folder in folders:
        for sub in sorted(p for p in [folder, *folder.rglob("*")] if p.is_dir()):
            xml = [p for p in sub.glob("*.xml") if p.is_file()]
            if xml and sub.name != "feeds" and "schema" not in sub.parts:
                _ingest_xml(store, xml)
            if sub.name in ("trafficking", "criminal_full"):
                for path in sorted(sub.glob("*.json")):
                    made = _json_document(path)
                    if made is not None:
                        store.upsert(made[0], made[1], classify(made[1]))
    return store.count()


def _ingest_xml(store: Store, files: list[Path]) -> None:
    try:
        from crawler.ingest import ingest
    except ImportError:
        ingest = None
    if ingest is not None:
        for path in sorted(files):
            ingest(path, store, topic="all", progress=False)
        return
    from crawler.classify import classify
    from crawler.parse import ParseError, parse_document

    for path in sorted(files):
        raw = path.read_bytes()
        try:
            document = parse_document(raw, source=str(path))
        except ParseError:
            continue
        store.upsert(raw, document, classify(document))


def synthetic_extraction(ecli: str) -> dict[str, Any]:
    """Deterministic test values for the extraction fields (NOT real extraction results)."""
    h = int(hashlib.sha256(ecli.encode()).hexdigest(), 16)
    outcomes = ["conviction", "acquittal", "partial", "appeal_dismissed", "other"]
    kinds = ["sexual", "labour", "criminal", "begging", "other"]
    subs = ["273f lid 1 sub 1", "273f lid 1 sub 4", "273f lid 1 sub 6", "273f lid 2",
            "273a", "250ter"]
    prison = [None, 0, 180, 365, 730, 1095, 1460, 2190][h % 8]
    suspended = None if prison is None else [0, 90, 180][(h >> 3) % 3]
    compensation = [None, 0.0, 1500.0, 25000.0][(h >> 5) % 4]
    return {
        "outcome": outcomes[(h >> 7) % len(outcomes)],
        "convicted_of_trafficking": bool((h >> 10) % 2),
        "articles": [{"article": a.split()[0], "law": "Sr", "text": a, "charged": True,
                      "proven": bool((h >> 12) % 2), "acquitted": False}
                     for i, a in enumerate(subs) if (h >> (14 + i)) % 3 == 0],
        "prison_days_total": prison,
        "prison_days_suspended": suspended,
        "exploitation_types": [k for i, k in enumerate(kinds) if (h >> (21 + i)) % 3 == 0],
        "minor_victim": [None, True, False][(h >> 27) % 3],
        "compensation_eur_total": compensation,
    }


NLP_TIMEOUT = float(os.environ.get("VONNIS_TEST_NLP_TIMEOUT", "120"))

# Runs in a subprocess (a slow or broken pipeline cannot hang the tests): takes what a
# cache of earlier runs holds for the same pipeline version and document content, extracts
# the rest one document at a time, adding each result to the cache, until killed.
_NLP_SCRIPT = """
import json, os, sys
from pathlib import Path
from vonnis.store import Store
from nlp.extract import default_nlp, extract_store
from nlp.pipeline import pipeline_version

store = Store(Path(sys.argv[1]))
version = pipeline_version(default_nlp())
cache = Path(sys.argv[2]) / (version.replace("/", "_") + ".jsonl")
cache.parent.mkdir(parents=True, exist_ok=True)
known = {}
if cache.exists():
    for line in cache.read_text().splitlines():
        item = json.loads(line)
        known[(item["ecli"], item["content_hash"])] = item["result"]
todo = []
for ecli in store.eclis():
    content_hash = store.content_hash_of(ecli)
    if (ecli, content_hash) in known:
        store.put_extraction(ecli, version, known[(ecli, content_hash)])
    else:
        todo.append((ecli, content_hash))
with cache.open("a") as out:
    for ecli, content_hash in todo:
        extract_store(store, eclis=[ecli], progress=False)
        result = store.get_extraction(ecli, version)
        out.write(json.dumps({"ecli": ecli, "content_hash": content_hash,
                              "result": result}, ensure_ascii=False) + "\\n")
        out.flush()
"""


def _cache_dir() -> Path:
    root = os.environ.get("VONNIS_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    return Path(root or Path.home() / ".cache") / "vonnis-test-extractions"


def add_extractions(store: Store) -> str:
    """Extraction results for every document: the nlp pipeline's as far as it gets within
    NLP_TIMEOUT seconds (results are cached between runs, so later runs get further), and
    synthetic values for the documents it has not reached. Returns "nlp", "synthetic" or
    "nlp+synthetic"."""
    real = 0
    if importlib.util.find_spec("nlp.extract") is not None and NLP_TIMEOUT > 0:
        with contextlib.suppress(subprocess.TimeoutExpired):
            subprocess.run([sys.executable, "-c", _NLP_SCRIPT, str(store.path),
                            str(_cache_dir())], timeout=NLP_TIMEOUT, capture_output=True,
                           cwd=REPO)
        real = _extracted(store)
    missing = [e for e in store.eclis() if store.get_extraction(e) is None]
    for ecli in missing:
        store.put_extraction(ecli, SYNTHETIC_PIPELINE, synthetic_extraction(ecli))
    if not real:
        return "synthetic"
    return "nlp" if not missing else "nlp+synthetic"


def _extracted(store: Store) -> int:
    return int(store.conn.execute("SELECT COUNT(DISTINCT ecli) FROM extractions").fetchone()[0])


def build_corpus(home: Path, folders: list[Path], *, extractions: str = "auto"
                 ) -> tuple[Store, str]:
    """The store, and where its extraction values come from ("nlp", "synthetic", "none").

    extractions: "auto" (nlp when it runs in time, else synthetic), "synthetic", "none".
    """
    store = Store.open(home)
    ingest_files(store, folders)
    if extractions == "none":
        return store, "none"
    if extractions == "synthetic":
        for ecli in store.eclis():
            store.put_extraction(ecli, SYNTHETIC_PIPELINE, synthetic_extraction(ecli))
        return store, "synthetic"
    return store, add_extractions(store)


def corpus_folders(shared: Path | None, samples: Path) -> list[Path]:
    if shared is not None and shared.is_dir():
        return [shared]
    return [samples]
