"""Scoring extractions: against gold JSONL (per key), and on the external punishment
benchmark (EdwinWenink/dutch-criminal-law-punishment-extraction) the way it scores itself.

Gold lines: one JSON object per line with `id` or `ecli`; `text`, or `source` (a file path,
or "corpus:<path>" inside the shared corpus; "<feed>.atom#<ECLI>" names one entry of an
ECLI-index feed, scored on its summary, "<file>.jsonl#<ECLI>#<section_index>" one decision
section of the punishment benchmark); optional `court_level`/`doc_type` metadata
under `meta`; and any subset of the extraction keys. A key present in a gold line is scored
(a gold null means "the text does not say": the extractor must say null too). An optional
`split` ("dev" / "heldout") lets one file hold both halves: `evaluate_gold(..., split=...)`
scores only the lines of that split.
"""

from __future__ import annotations

import functools
import json
import os
import re
from pathlib import Path
from typing import Any

from spacy.language import Language

from nlp.extract import extract
from nlp.inputs import load, load_feed_entry

SCALAR_KEYS = (
    "outcome", "convicted_of_trafficking", "prison_days_total", "prison_days_suspended",
    "probation_years", "detention_days", "community_service_hours",
    "community_service_hours_suspended", "fine_eur", "fine_eur_suspended", "juvenile", "tbs",
    "isd", "pij", "compensation_eur_total", "minor_victim", "number_of_victims",
    "cross_border", "defendant_birth_year", "court_level",
)
SET_KEYS = ("exploitation_types", "coercive_means", "victim_vulnerabilities",
            "victim_nationalities", "co_offences")
TOLERANCE = {"compensation_eur_total": 1.0, "fine_eur": 0.5, "probation_years": 0.01}
REPO = Path(__file__).resolve().parent.parent


def shared_corpus() -> Path:
    return Path(os.environ.get("VONNIS_SHARED_CORPUS", REPO.parent / "shared" / "corpus"))


def resolve_source(source: str, gold_file: Path | None = None) -> Path:
    if source.startswith("corpus:"):
        return shared_corpus() / source[len("corpus:"):]
    path = Path(source)
    if path.is_absolute():
        return path
    for base in ([gold_file.parent] if gold_file else []) + [Path.cwd(), REPO]:
        if (base / path).exists():
            return base / path
    return path


def load_source(source: str, gold_file: Path | None = None) -> tuple[str, dict[str, Any]]:
    """(text, meta) of a gold line's `source`."""
    name, _, ecli = source.partition("#")
    if ecli and name.endswith(".atom"):
        return load_feed_entry(resolve_source(name, gold_file), ecli)
    if ecli and name.endswith(".jsonl"):
        return _benchmark_section(resolve_source(name, gold_file), ecli)
    return load(resolve_source(source, gold_file))


def _benchmark_section(path: Path, ref: str) -> tuple[str, dict[str, Any]]:
    """"<ECLI>#<section_index>" of a benchmark JSONL (punishment_eval.jsonl): that line's
    `text`, a decision section."""
    ecli, _, section = ref.partition("#")
    text = _benchmark_sections(path).get((ecli, section))
    if text is None:
        raise ValueError(f"{path}: no line with ecli {ecli} and section_index {section}")
    return text, {"ecli": ecli}


@functools.lru_cache(maxsize=4)
def _benchmark_sections(path: Path) -> dict[tuple[str, str], str]:
    """(ECLI, section_index) -> text of every line of a benchmark JSONL, read once (a line
    without a text is no section)."""
    return {(str(row.get("ecli")), str(row.get("section_index"))): row["text"]
            for row in read_gold(path) if isinstance(row.get("text"), str)}


def read_gold(path: Path) -> list[dict[str, Any]]:
    lines = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if raw.strip() and not raw.lstrip().startswith("//"):
            try:
                lines.append(json.loads(raw))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not JSON ({exc})") from exc
    return lines


def _same(key: str, gold: Any, pred: Any) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    if isinstance(gold, (int, float)) and not isinstance(gold, bool) and \
            isinstance(pred, (int, float)) and not isinstance(pred, bool):
        return abs(float(gold) - float(pred)) <= TOLERANCE.get(key, 0.01)
    return gold == pred


def _labels(values: list[Any] | None) -> set[str]:
    """A set key's labels; co_offences are scored by their type (a gold line may give the
    types alone: ["fraud"])."""
    return {v["type"] if isinstance(v, dict) else v for v in values or []}


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def score(pairs: list[tuple[str, dict[str, Any], dict[str, Any]]]) -> dict[str, Any]:
    """Per-key scores from (id, gold, predicted) triples."""
    report: dict[str, Any] = {}
    # list[tuple[str, Any, Any]]: `rows` is reused below for triples of other types
    rows: list[tuple[str, Any, Any]]
    for key in SCALAR_KEYS:
        rows = [(i, g[key], p.get(key)) for i, g, p in pairs if key in g]
        if rows:
            wrong = [{"id": i, "gold": gv, "pred": pv} for i, gv, pv in rows
                     if not _same(key, gv, pv)]
            report[key] = {"n": len(rows), "correct": len(rows) - len(wrong),
                           "accuracy": round((len(rows) - len(wrong)) / len(rows), 4),
                           "disagreements": wrong}
    rows = [(i, g, p) for i, g, p in pairs if "prison_days_total" in g
            and "prison_days_suspended" in g]
    if rows:
        wrong = [{"id": i, "gold": [g["prison_days_total"], g["prison_days_suspended"]],
                  "pred": [p.get("prison_days_total"), p.get("prison_days_suspended")]}
                 for i, g, p in rows
                 if not (_same("prison_days_total", g["prison_days_total"],
                               p.get("prison_days_total"))
                         and _same("prison_days_suspended", g["prison_days_suspended"],
                                   p.get("prison_days_suspended")))]
        report["prison_total_and_suspended"] = {
            "n": len(rows), "correct": len(rows) - len(wrong),
            "accuracy": round((len(rows) - len(wrong)) / len(rows), 4), "disagreements": wrong}
    for key in SET_KEYS:
        rows = [(i, _labels(g[key]), _labels(p.get(key))) for i, g, p in pairs if key in g]
        if rows:
            tp = sum(len(gs & ps) for _, gs, ps in rows)
            fp = sum(len(ps - gs) for _, gs, ps in rows)
            fn = sum(len(gs - ps) for _, gs, ps in rows)
            wrong = [{"id": i, "gold": sorted(gs), "pred": sorted(ps)} for i, gs, ps in rows
                     if gs != ps]
            report[key] = {"n": len(rows), "tp": tp, "fp": fp, "fn": fn, **_prf(tp, fp, fn),
                           "exact": round(1 - len(wrong) / len(rows), 4),
                           "disagreements": wrong}
    rows = [(i, g["demand"], p.get("demand")) for i, g, p in pairs if "demand" in g]
    if rows:
        subkeys = sorted({k for _, gd, _ in rows if gd for k in gd})
        for sub in subkeys:
            sub_rows = [(i, (gd or {}).get(sub), (pd or {}).get(sub)) for i, gd, pd in rows
                        if gd is None or sub in gd]
            wrong = [{"id": i, "gold": gv, "pred": pv} for i, gv, pv in sub_rows
                     if not _same(sub, gv, pv)]
            report[f"demand.{sub}"] = {
                "n": len(sub_rows), "correct": len(sub_rows) - len(wrong),
                "accuracy": round((len(sub_rows) - len(wrong)) / len(sub_rows), 4),
                "disagreements": wrong}
    return report


def select_split(lines: list[dict[str, Any]], split: str | None) -> list[dict[str, Any]]:
    """The gold lines of one split (all lines when `split` is None). A split name that no
    line carries is an error, not an empty score: a typo must not look like F1 1.0."""
    if split is None:
        return lines
    chosen = [line for line in lines if line.get("split") == split]
    if not chosen:
        known = sorted({str(line.get("split")) for line in lines})
        raise ValueError(f"no gold line has split {split!r} (splits present: {known})")
    return chosen


def evaluate_gold(path: Path, nlp: Language, split: str | None = None) -> dict[str, Any]:
    """Run the pipeline on every gold line (of `split`, if given) and score it per key."""
    pairs = []
    for line in select_split(read_gold(path), split):
        ident = line.get("id") or line.get("ecli") or line.get("source")
        meta: dict[str, Any]
        if "text" in line:
            text, meta = line["text"], {}
        else:
            text, meta = load_source(line["source"], path)
        meta.update(line.get("meta") or {})
        result = extract(text, nlp=nlp, meta=meta)
        pairs.append((str(ident), line, result.model_dump(mode="json")))
    name = f"{path} [{split}]" if split else str(path)
    return {"file": name, "documents": len(pairs), "keys": score(pairs)}


def format_report(report: dict[str, Any], max_cases: int = 20) -> str:
    out = [f"gold: {report['file']} ({report['documents']} documents)"]
    for key, r in report["keys"].items():
        if "accuracy" in r:
            out.append(f"  {key:36s} accuracy {r['accuracy']:.3f}  ({r['correct']}/{r['n']})")
        else:
            out.append(f"  {key:36s} P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['f1']:.3f}"
                       f"  exact {r['exact']:.3f} (n={r['n']})")
        for d in r["disagreements"][:max_cases]:
            out.append(f"      {d['id']}: gold {d['gold']!r} pred {d['pred']!r}")
    return "\n".join(out)


# -- the external punishment benchmark --------------------------------------------------

# What the benchmark counts as a punishment match: TBS, gevangenisstraf (incl.
# jeugddetentie), hechtenis, taakstraf, geldboete, and vrijspraak (a real acquittal).
BENCHMARK_KEYS = ("prison_days_total", "detention_days", "community_service_hours",
                  "fine_eur", "tbs")
# Phrases the benchmark calls true negatives when correctly skipped.
DISTRACTOR_RE = re.compile(
    r"vervangende\s+hechtenis|meer\s+of\s+anders[^;]{0,200}?vrij|in\s+mindering|"
    r"voorlopige\s+hechtenis|ontneming|maatregel\s+tot\s+plaatsing\s+in\s+een\s+inrichting|"
    r"schadevergoedingsmaatregel|verplichting\s+tot\s+betaling\s+aan\s+de\s+staat",
    re.IGNORECASE,
)


def predicted_spans(result: dict[str, Any]) -> list[tuple[int, int, str]]:
    """The spans the benchmark would see as our matches, from the public evidence."""
    spans = []
    for key in BENCHMARK_KEYS:
        for e in result.get("evidence", {}).get(key, []):
            spans.append((e["start"], e["end"], key))
    for e in result.get("evidence", {}).get("outcome", []):
        if e.get("label") == "acquittal":
            spans.append((e["start"], e["end"], "acquittal"))
    # The benchmark marks decisions on an earlier suspended sentence (granted or rejected tul)
    # as matches too; we record them apart from the sentence, under "executions".
    for e in result.get("evidence", {}).get("executions", []):
        spans.append((e["start"], e["end"], "executions"))
    return spans


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_case(gold: list[tuple[int, int]], pred: list[tuple[int, int, str]]
               ) -> tuple[int, int, int, list[int], list[int]]:
    """One-to-one overlap matching: (tp, fp, fn, unmatched gold idx, unmatched pred idx)."""
    used: set[int] = set()
    matched_gold: set[int] = set()
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi not in used and _overlap(g, (p[0], p[1])):
                used.add(pi)
                matched_gold.add(gi)
                break
    fn_idx = [i for i in range(len(gold)) if i not in matched_gold]
    fp_idx = [i for i in range(len(pred)) if i not in used]
    return len(matched_gold), len(fp_idx), len(fn_idx), fn_idx, fp_idx


# Gold spans of the benchmark that are not this court's punishment nor a real acquittal by
# DOMAIN.md's rules (reported separately, never tuned towards). A decision on an earlier
# suspended sentence (tul) is in scope: it is no sentence, but we extract it as `executions`.
BOILERPLATE = "boilerplate 'meer of anders ... vrij'"
_OUT_OF_SCOPE = (
    ("rejected request", re.compile(r"\bwijst\b(?![^;.]{0,200}\btenuitvoerlegging\b)"
                                    r"[^;.]{0,200}\baf\b", re.IGNORECASE)),
    (BOILERPLATE, re.compile(r"\bmeer\s+of\s+anders\b", re.IGNORECASE)),
)


def gold_scope(text: str, start: int, end: int) -> str | None:
    """Why a gold span is outside what the extraction counts, or None."""
    left = max(text.rfind(";", 0, start), text.rfind(". ", 0, start))
    context = text[left + 1:end]
    for reason, pattern in _OUT_OF_SCOPE:
        if pattern.search(context):
            return reason
    return None


def punishment_benchmark(folder: Path, nlp: Language) -> dict[str, Any]:
    """Our extraction scored as the benchmark scores itself, and the benchmark's own figures.

    `ours`: the benchmark's gold spans are its positives, except the "meer of anders ...
    spreekt vrij" boilerplate, which its README and its author count as a true negative when
    skipped (and which DISTRACTOR_RE counts as one here); 1 of its 26 such passages is bold
    all the same (ECLI:NL:RBOVE:2021:4354), and the author's tally for that case scores it as a
    TN, not a positive. `ours_strict`: every bold span a positive, that one too.
    `ours_in_scope`: only the gold spans that are a punishment, a real acquittal or a
    decision on an earlier suspended sentence (see _OUT_OF_SCOPE).
    """
    path = folder / "punishment_eval.jsonl" if folder.is_dir() else folder
    totals = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    strict = {"tp": 0, "fp": 0, "fn": 0}
    scoped = {"tp": 0, "fp": 0, "fn": 0}
    out_of_scope: list[dict[str, Any]] = []
    theirs = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    cases = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        case = json.loads(raw)
        text = case["text"]
        result = extract(text, nlp=nlp, meta={"court_level": "rechtbank",
                                              "doc_type": "uitspraak"}).model_dump(mode="json")
        pred = predicted_spans(result)
        gold = [tuple(o) for o in case["gold_span_offsets"]]
        scopes = [gold_scope(text, gs, ge) for gs, ge in gold]
        positives = [i for i, reason in enumerate(scopes) if reason != BOILERPLATE]
        tp, fp, fn, fn_pos, fp_idx = score_case(
            [gold[i] for i in positives], pred)  # type: ignore[arg-type,misc]
        fn_idx = [positives[i] for i in fn_pos]
        stp, sfp, sfn, _a, _b = score_case(gold, pred)  # type: ignore[arg-type]
        for k, v in (("tp", stp), ("fp", sfp), ("fn", sfn)):
            strict[k] += v
        tn = sum(1 for m in DISTRACTOR_RE.finditer(text)
                 if not any(_overlap((m.start(), m.end()), (p[0], p[1])) for p in pred))
        for k, v in (("tp", tp), ("fp", fp), ("fn", fn), ("tn", tn)):
            totals[k] += v
        for k in theirs:
            theirs[k] += case[k.upper()]
        in_scope = []
        for i, (gs, ge) in enumerate(gold):
            reason = scopes[i]
            if reason:
                out_of_scope.append({"ecli": case["ecli"], "span": case["gold_spans"][i],
                                     "reason": reason})
            else:
                in_scope.append((gs, ge))
        stp, sfp, sfn, _a, _b = score_case(in_scope, pred)
        scoped["tp"] += stp
        scoped["fp"] += sfp
        scoped["fn"] += sfn
        if fp or fn:
            cases.append({
                "ecli": case["ecli"], "section_index": case.get("section_index"),
                "missed": [case["gold_spans"][i] for i in fn_idx],
                "spurious": [f"{pred[i][2]}: {text[pred[i][0]:pred[i][1]]}" for i in fp_idx],
            })
    f1 = _prf(totals["tp"], totals["fp"], totals["fn"])
    their_f1 = _prf(theirs["tp"], theirs["fp"], theirs["fn"])
    return {"file": str(path), "ours": {**totals, **f1}, "published": {**theirs, **their_f1},
            "ours_strict": {**strict, **_prf(strict["tp"], strict["fp"], strict["fn"])},
            "ours_in_scope": {**scoped, **_prf(scoped["tp"], scoped["fp"], scoped["fn"])},
            "out_of_scope_gold": out_of_scope, "wrong_cases": cases}


def format_benchmark(report: dict[str, Any]) -> str:
    o, t = report["ours"], report["published"]
    out = [f"punishment benchmark: {report['file']}",
           f"  ours:      TP {o['tp']} FP {o['fp']} TN {o['tn']} FN {o['fn']}  "
           f"P {o['precision']:.3f} R {o['recall']:.3f} F1 {o['f1']:.3f}",
           f"  published: TP {t['tp']} FP {t['fp']} TN {t['tn']} FN {t['fn']}  F1 {t['f1']:.3f}"]
    st = report["ours_strict"]
    out.append(f"  ours, every bold span a positive (the bold boilerplate too): TP {st['tp']} "
               f"FP {st['fp']} FN {st['fn']}  F1 {st['f1']:.3f}")
    s = report["ours_in_scope"]
    out.append(f"  ours, gold spans that are punishments or real acquittals only: TP {s['tp']} "
               f"FP {s['fp']} FN {s['fn']}  F1 {s['f1']:.3f}")
    for g in report["out_of_scope_gold"]:
        out.append(f"    out of scope: {g['ecli']}: {g['span']!r} ({g['reason']})")
    for c in report["wrong_cases"]:
        out.append(f"  {c['ecli']} (section {c['section_index']}): missed {c['missed']} "
                   f"spurious {c['spurious']}")
    return "\n".join(out)
