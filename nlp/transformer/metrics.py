"""Multi-label metrics for the validation split (plain Python: no torch needed)."""

from __future__ import annotations

from collections.abc import Sequence


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | None]:
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    if precision is None or recall is None:
        f1 = None
    else:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def multilabel_metrics(labels: Sequence[str], gold: Sequence[Sequence[str]],
                       predicted: Sequence[Sequence[str]]) -> dict:
    """Per-label precision/recall/F1 with support, micro averages, macro F1 over the labels
    that occur in gold or predictions, and exact-match accuracy over documents.

    A value is None where it is undefined (no gold and no predicted positives)."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    per_label: dict[str, dict] = {}
    total_tp = total_fp = total_fn = 0
    for label in labels:
        tp = sum(label in g and label in p for g, p in zip(gold, predicted, strict=True))
        fp = sum(label not in g and label in p for g, p in zip(gold, predicted, strict=True))
        fn = sum(label in g and label not in p for g, p in zip(gold, predicted, strict=True))
        total_tp, total_fp, total_fn = total_tp + tp, total_fp + fp, total_fn + fn
        per_label[label] = {**_prf(tp, fp, fn), "support": tp + fn, "tp": tp, "fp": fp,
                            "fn": fn}
    f1s = [m["f1"] if m["f1"] is not None else 0.0 for m in per_label.values()
           if m["tp"] + m["fp"] + m["fn"]]
    exact = sum(set(g) == set(p) for g, p in zip(gold, predicted, strict=True))
    return {
        "documents": len(gold),
        "micro": _prf(total_tp, total_fp, total_fn),
        "macro_f1": sum(f1s) / len(f1s) if f1s else None,
        "exact_match": exact / len(gold) if gold else None,
        "per_label": per_label,
    }
