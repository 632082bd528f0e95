"""A real corpus in a temporary store, for the search tests (index/).

Documents come from ../shared/corpus (Open Data XML, the trafficking and criminal JSON
texts) or the bundled samples/, through the crawler's ingest when it exists, else through
the parser and classifier directly. Extraction values come from the nlp pipeline when it
exists; otherwise `synthetic_extraction` gives every document deterministic values (derived
from a hash of its ECLI, never from its text) so the extraction filters and facets are
exercised on both backends all the same.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from vonnis.models import Court, CourtLevel, DocType, Document
from vonnis.store import Store

SYNTHETIC_PIPELINE = "test-synthetic"


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
    """Parse, classify and store every document under `folders`; the count stored."""
    from crawler.classify import classify
    from crawler.parse import ParseError, parse_document

    stored = 0
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix == ".xml":
                raw = path.read_bytes()
                try:
                    document = parse_document(raw, source=str(path))
                except ParseError:
                    continue
                if not document.ecli.startswith("ECLI:"):
                    continue
            elif path.suffix == ".json" and path.parent.name in ("trafficking",
                                                                   "criminal_full"):
                made = _json_document(path)
                if made is None:
                    continue
                raw, document = made
            else:
                continue
            store.upsert(raw, document, classify(document))
            stored += 1
    return stored


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


def add_extractions(store: Store) -> str:
    """Extraction results for every document: the nlp pipeline's if it can run, else
    synthetic ones. Returns which ("nlp" or "synthetic")."""
    try:
        from nlp.extract import extract_store  # type: ignore[import-not-found]
    except ImportError:
        extract_store = None
    if extract_store is not None:
        try:
            extract_store(store)
            if store.stats()["extractions"]:
                return "nlp"
        except Exception:  # the pipeline is still being built: fall back, do not fail
            pass
    for ecli in store.eclis():
        store.put_extraction(ecli, SYNTHETIC_PIPELINE, synthetic_extraction(ecli))
    return "synthetic"


def build_corpus(home: Path, folders: list[Path], *, extractions: bool = True) -> Store:
    store = Store.open(home)
    ingest_files(store, folders)
    if extractions:
        add_extractions(store)
    return store


def corpus_folders(shared: Path | None, samples: Path) -> list[Path]:
    if shared is not None and shared.is_dir():
        return [shared]
    return [samples]
