"""Fine-tune a local base model into the multi-label exploitation classifier.

`train()` reads gold (see `data`), windows every document (see `windows`), fine-tunes
`AutoModelForSequenceClassification` (problem_type multi_label_classification) on the
pooled window logits, and saves model, tokenizer and `vonnis_model.json` (labels, base
model, gold, date, parameters, losses, validation metrics) into `out`.

Multiple-instance training: a document's logit per label pools its k highest window logits
(modeling.pool), so the gradient flows only through those windows. Each step therefore first
scores all windows of a document without gradients (eval mode: no dropout, so the choice is
stable), then runs the forward/backward pass only on the windows that are among the top k
for some label. Same gradient, a fraction of the memory and time on CPU.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import shutil
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar, cast

from nlp.transformer import LABELS, MODEL_CARD, MODEL_FORMAT, require
from nlp.transformer.data import Example, GoldError, GoldSet, load_gold
from nlp.transformer.metrics import multilabel_metrics
from nlp.transformer.windows import Window, make_windows

require()

import torch  # noqa: E402  (after require(): a clear message when the extra is missing)
import torch.nn.functional as F  # noqa: E402
import transformers  # noqa: E402
from tqdm.auto import tqdm  # noqa: E402

from nlp.transformer.modeling import (  # noqa: E402
    ModelPathError,
    check_model_dir,
    configure_threads,
    load_tokenizer,
    pad_id_of,
    pool,
    position_limit,
    quiet_transformers,
    top_windows,
    window_logits,
)

G = TypeVar("G")  # a loaded gold set (GoldSet, RoleGold)


class TrainError(ValueError):
    """Training cannot start; the message says why (bad paths, unusable gold, ...)."""


@dataclass
class TrainConfig:
    epochs: int = 3
    batch_size: int = 4  # documents per optimiser step
    lr: float = 5e-5
    max_length: int = 512  # tokens per window, special tokens included
    stride: int = 64  # overlapping tokens between consecutive windows
    max_windows: int = 16  # per document (see windows.make_windows)
    seed: int = 13
    val_fraction: float = 0.2  # documents held out for the metrics in vonnis_model.json
    threshold: float = 0.5
    weight_decay: float = 0.01
    warmup_ratio: float = 0.1
    summary_dropout: float = 0.5  # chance per document and epoch to train without its summary
    pool_k: int = 3  # windows pooled per label (see modeling.pool); 1 = hard maximum
    pool_r: float = 5.0  # sharpness of the pooling

    def check(self) -> None:
        if self.epochs < 1:
            raise TrainError("--epochs must be at least 1")
        if self.batch_size < 1:
            raise TrainError("--batch-size must be at least 1")
        if not self.lr > 0:
            raise TrainError("--lr must be positive")
        if self.max_length < 16:
            raise TrainError("--max-length must be at least 16 tokens")
        if not 0 <= self.val_fraction < 1:
            raise TrainError("--val-fraction must be in [0, 1)")
        if not 0 < self.threshold < 1:
            raise TrainError("--threshold must be in (0, 1)")
        if not 0 <= self.summary_dropout <= 1:
            raise TrainError("summary_dropout must be in [0, 1]")
        if self.pool_k < 1 or not self.pool_r > 0:
            raise TrainError("pool_k must be at least 1 and pool_r positive")
        if self.max_windows < 1:
            raise TrainError("--max-windows must be at least 1")


@dataclass
class TrainReport:
    out: Path
    card: dict
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def metrics(self) -> dict | None:
        return self.card.get("metrics")


@dataclass
class _Doc:
    example: Example
    windows: list[Window]
    target: torch.Tensor


def split(examples: list[Example], fraction: float, seed: int) -> tuple[list[Example],
                                                                          list[Example]]:
    """Hold out about `fraction` of the documents, stratified by their label set so a small
    gold keeps every form on both sides where it can. Never leaves training empty."""
    if fraction <= 0 or len(examples) < 4:
        return list(examples), []
    rng = random.Random(seed)
    groups: dict[tuple[str, ...], list[Example]] = {}
    for example in examples:
        groups.setdefault(tuple(example.labels), []).append(example)
    train: list[Example] = []
    val: list[Example] = []
    for key in sorted(groups):
        group = groups[key][:]
        rng.shuffle(group)
        n_val = int(len(group) * fraction + 0.5) if len(group) >= 2 else 0
        val.extend(group[:n_val])
        train.extend(group[n_val:])
    if not val:  # every group was a singleton: hold out one document at random
        val.append(train.pop(rng.randrange(len(train))))
    return train, val


def _check_out(out: Path, base: Path) -> None:
    if out.resolve() == base:
        raise TrainError("--out must differ from --base-model (the base model stays intact)")
    if out.exists() and not out.is_dir():
        raise TrainError(f"--out exists and is not a folder: {out}")
    if out.is_dir() and any(out.iterdir()) and not (out / MODEL_CARD).is_file():
        raise TrainError(f"--out exists, is not empty and is not a vonnis model folder: {out}")


def _start(config: TrainConfig, base_model: str | Path,
           out: str | Path) -> tuple[TrainConfig, Path, Path]:
    """The checked copy of `config` (max_length may be clamped later), the base model
    folder and the output folder, or TrainError."""
    config = replace(config)  # a copy: max_length may be clamped below
    config.check()
    try:
        base = check_model_dir(base_model, "--base-model")
    except ModelPathError as exc:
        raise TrainError(str(exc)) from exc
    out = Path(out).expanduser()
    _check_out(out, base)
    return config, base, out


def _read_gold(gold: str | Path | G, kind: type[G], loader: Callable[[str | Path], G]) -> G:
    """`gold` when already loaded (a `kind`), else `loader(gold)`; GoldError -> TrainError."""
    try:
        # the cast: mypy does not narrow a TypeVar away on isinstance with a type[G]
        return gold if isinstance(gold, kind) else loader(cast("str | Path", gold))
    except GoldError as exc:
        raise TrainError(str(exc)) from exc


def _load_base(base: Path, config: TrainConfig, labels: Sequence[str], problem_type: str,
               warnings: list[str]) -> tuple[Any, Any]:
    """Tokenizer and a fresh classification head on `base` for `labels`; clamps
    config.max_length to the model's positions (with a warning)."""
    configure_threads()
    transformers.set_seed(config.seed)
    tokenizer = load_tokenizer(base)
    with quiet_transformers():
        model = transformers.AutoModelForSequenceClassification.from_pretrained(
            str(base), num_labels=len(labels), problem_type=problem_type,
            id2label=dict(enumerate(labels)), label2id={lab: i for i, lab in enumerate(labels)},
            local_files_only=True, ignore_mismatched_sizes=True,
        )
    limit = position_limit(model, tokenizer) or config.max_length
    if config.max_length > limit:
        warnings.append(f"--max-length {config.max_length} exceeds the model's {limit} "
                        f"positions; using {limit}")
        config.max_length = limit
    return tokenizer, model


def _save(out: Path, model: Any, tokenizer: Any, card: dict) -> None:
    """Write model, tokenizer and card into a sibling temp folder, then swap: a failed save
    never leaves half a model."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp-vonnis")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    with quiet_transformers():
        model.save_pretrained(str(tmp))
        tokenizer.save_pretrained(str(tmp))
    (tmp / MODEL_CARD).write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n",
                                  encoding="utf-8")
    if out.exists():
        shutil.rmtree(out)
    tmp.rename(out)


def _doc_logits(model, windows: list[Window], pad_id: int, eval_batch: int, k: int,
                r: float) -> torch.Tensor:
    """Pooled logits of one document, with gradients through the windows it depends on."""
    was_training = model.training
    model.eval()
    with torch.no_grad():
        scores = window_logits(model, windows, pad_id, eval_batch)
    if was_training:
        model.train()
    chosen = top_windows(scores, k)
    logits = window_logits(model, [windows[i] for i in chosen], pad_id, eval_batch)
    return pool(logits, k, r)


@torch.no_grad()
def _pooled(model, docs: list[_Doc], pad_id: int, eval_batch: int, k: int,
            r: float) -> torch.Tensor:
    model.eval()
    return torch.stack([pool(window_logits(model, d.windows, pad_id, eval_batch), k, r)
                        for d in docs])


def _mean_loss(model, docs: list[_Doc], pad_id: int, eval_batch: int, k: int,
               r: float) -> float | None:
    if not docs:
        return None
    logits = _pooled(model, docs, pad_id, eval_batch, k, r)
    targets = torch.stack([d.target for d in docs])
    return float(F.binary_cross_entropy_with_logits(logits, targets))


def _versions() -> dict[str, str]:
    import contextlib
    from importlib import metadata

    versions = {"torch": torch.__version__, "transformers": transformers.__version__}
    with contextlib.suppress(metadata.PackageNotFoundError):
        versions["vonnis"] = metadata.version("vonnis")
    return versions


def _finish(out: Path, model: Any, tokenizer: Any, card: dict, *, params: dict,
            history: list[dict], losses: tuple[float | None, float | None],
            metrics: dict | None, skipped: list[str], warnings: list[str]) -> TrainReport:
    """Complete `card` (the task's own fields) with the date, params, history, losses,
    metrics and versions, save everything into `out` and report."""
    card = {
        **card,
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "params": params,
        "history": history,
        "train_loss_before": losses[0],
        "train_loss_after": losses[1],
        "metrics": metrics,
        "versions": _versions(),
    }
    _save(out, model, tokenizer, card)
    return TrainReport(out=out, card=card, skipped=skipped, warnings=warnings)


def train(gold: str | Path | GoldSet, base_model: str | Path, out: str | Path,
          config: TrainConfig | None = None, *, progress: bool = True,
          echo: Callable[[str], None] | None = None) -> TrainReport:
    """Fine-tune `base_model` (a local folder) on `gold` and save the result to `out`."""
    config, base, out = _start(config or TrainConfig(), base_model, out)
    say = echo or (lambda _message: None)
    gold_set = _read_gold(gold, GoldSet, load_gold)
    warnings: list[str] = []
    tokenizer, model = _load_base(base, config, LABELS, "multi_label_classification",
                                  warnings)
    pad_id = pad_id_of(tokenizer)
    eval_batch = max(1, min(16, config.max_windows))
    pooling = (config.pool_k, config.pool_r)

    train_examples, val_examples = split(gold_set.examples, config.val_fraction, config.seed)
    if config.val_fraction > 0 and not val_examples:
        warnings.append(f"only {len(gold_set.examples)} labelled documents: no validation "
                        "split, no metrics")

    def encode(examples: list[Example], desc: str) -> list[_Doc]:
        docs = []
        for example in tqdm(examples, desc=desc, unit="doc", disable=not progress,
                            leave=False):
            windows = make_windows(tokenizer, example.text, example.summary,
                                   max_length=config.max_length, stride=config.stride,
                                   max_windows=config.max_windows)
            if not windows:
                warnings.append(f"{example.id}: no tokens in its text; left out")
                continue
            docs.append(_Doc(example, windows, torch.tensor(example.targets(),
                                                              dtype=torch.float)))
        return docs

    train_docs = encode(train_examples, "windows (train)")
    val_docs = encode(val_examples, "windows (validation)")
    if not train_docs:
        raise TrainError("no training document has any text")
    say(f"{len(train_docs)} training and {len(val_docs)} validation documents, "
        f"{sum(len(d.windows) for d in train_docs)} training windows of <= "
        f"{config.max_length} tokens")

    no_decay = ("bias", "LayerNorm.weight", "layer_norm.weight", "norm.weight")
    groups = [
        {"params": [p for n, p in model.named_parameters() if not n.endswith(no_decay)],
         "weight_decay": config.weight_decay},
        {"params": [p for n, p in model.named_parameters() if n.endswith(no_decay)],
         "weight_decay": 0.0},
    ]
    optimizer = torch.optim.AdamW(groups, lr=config.lr)
    steps_per_epoch = math.ceil(len(train_docs) / config.batch_size)
    total_steps = steps_per_epoch * config.epochs
    scheduler = transformers.get_linear_schedule_with_warmup(
        optimizer, int(total_steps * config.warmup_ratio), total_steps)

    loss_before = _mean_loss(model, train_docs, pad_id, eval_batch, *pooling)
    rng = random.Random(config.seed)
    history: list[dict] = []
    bar = tqdm(total=total_steps, desc="train", unit="step", disable=not progress)
    for epoch in range(1, config.epochs + 1):
        model.train()
        order = train_docs[:]
        rng.shuffle(order)
        epoch_loss = 0.0
        for start in range(0, len(order), config.batch_size):
            batch = order[start : start + config.batch_size]
            optimizer.zero_grad()
            step_loss = 0.0
            for doc in batch:
                windows = doc.windows
                # Sometimes hide the inhoudsindicatie: a label's gradient flows only through
                # its best window, and a summary that always wins would leave the body
                # windows untrained for documents that come without one.
                if config.summary_dropout and rng.random() < config.summary_dropout:
                    windows = [w for w in windows if w.source == "text"] or windows
                logits = _doc_logits(model, windows, pad_id, eval_batch, *pooling)
                loss = F.binary_cross_entropy_with_logits(logits, doc.target) / len(batch)
                loss.backward()
                step_loss += loss.item()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            epoch_loss += step_loss * len(batch)
            bar.update(1)
            bar.set_postfix(epoch=f"{epoch}/{config.epochs}", loss=f"{step_loss:.4f}")
        history.append({"epoch": epoch, "train_loss": epoch_loss / len(order)})
    bar.close()
    loss_after = _mean_loss(model, train_docs, pad_id, eval_batch, *pooling)

    metrics = None
    if val_docs:
        probs = torch.sigmoid(_pooled(model, val_docs, pad_id, eval_batch, *pooling)).tolist()
        predicted = [[lab for lab, p in zip(LABELS, row, strict=True) if p >= config.threshold]
                     for row in probs]
        metrics = multilabel_metrics(LABELS, [d.example.labels for d in val_docs], predicted)
        metrics["threshold"] = config.threshold
        metrics["val_loss"] = _mean_loss(model, val_docs, pad_id, eval_batch, *pooling)
        metrics["errors"] = [
            {"id": d.example.id, "gold": d.example.labels, "predicted": pred,
             "scores": {lab: round(p, 4) for lab, p in zip(LABELS, row, strict=True)}}
            for d, pred, row in zip(val_docs, predicted, probs, strict=True)
            if set(pred) != set(d.example.labels)
        ]

    card = {
        "format": MODEL_FORMAT,
        "task": "exploitation_types",
        "labels": list(LABELS),
        "threshold": config.threshold,
        "pooling": {"type": "top-k log-sum-exp over windows", "k": config.pool_k,
                    "r": config.pool_r},
        "input": "inhoudsindicatie (when known) and the whole text, as overlapping windows",
        "base_model": str(base),
        "base_model_type": getattr(model.config, "model_type", None),
        "trained_on": {
            "gold": str(gold_set.path.resolve()),
            "gold_sha256": gold_set.sha256,
            "documents": len(gold_set.examples),
            "label_counts": gold_set.label_counts(),
            "train_ids": [d.example.id for d in train_docs],
            "validation_ids": [d.example.id for d in val_docs],
            "skipped_lines": len(gold_set.skipped),
        },
    }
    return _finish(out, model, tokenizer, card, params=asdict(config), history=history,
                   losses=(loss_before, loss_after), metrics=metrics,
                   skipped=gold_set.skipped, warnings=warnings)
