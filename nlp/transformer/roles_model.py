"""Training and inference of the sentence-role classifier (see `roles` for the task).

One sentence is one example: the sentence, paired with the sentence before it as context
(a demand often reads "De officier van justitie heeft gevorderd:" followed by "een
gevangenisstraf van 20 maanden"), classified into ROLES (single label, softmax). Training
keeps every decision/demand/lower_court sentence and, per document and epoch, a fresh random
sample of at most `NEGATIVES_PER_POSITIVE` times as many `other` sentences, since a judgment
is mostly `other`. Validation scores every sentence of the held-out documents.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from nlp.transformer import MODEL_CARD, require
from nlp.transformer.metrics import multilabel_metrics
from nlp.transformer.roles import ROLES, RoleDoc, RoleGold, RoleSentence, load_role_gold
from nlp.transformer.sentences import legal_sentence_spans
from nlp.transformer.windows import Window

require()

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
import transformers  # noqa: E402
from tqdm.auto import tqdm  # noqa: E402

from nlp.transformer.modeling import (  # noqa: E402
    ModelPathError,
    check_model_dir,
    load_classifier,
    pad_id_of,
    window_logits,
)
from nlp.transformer.train import (  # noqa: E402
    TrainConfig,
    TrainError,
    TrainReport,
    _finish,
    _load_base,
    _read_gold,
    _start,
)

TASK = "sentence_roles"
NEGATIVES_PER_POSITIVE = 3


def _encode(tokenizer: Any, text: str, sentences: Sequence[RoleSentence | tuple[int, int, str]],
            max_length: int) -> list[Window]:
    """Token ids of (sentence, preceding sentence) pairs; the context is cut first. Token
    type ids are left at zero in training and inference alike (the [SEP] marks the pair)."""
    if not sentences:
        return []
    firsts, seconds, spans = [], [], []
    for item in sentences:
        if isinstance(item, RoleSentence):
            start, end, context = item.start, item.end, item.context
        else:
            start, end, context = item
        firsts.append(text[start:end])
        seconds.append(context or "")
        spans.append((start, end))
    encoded = tokenizer(firsts, seconds, truncation="longest_first", max_length=max_length)
    return [Window("sentence", s, e, list(ids))
            for (s, e), ids in zip(spans, encoded["input_ids"], strict=True)]


def _split(docs: list[RoleDoc], fraction: float, seed: int) -> tuple[list[RoleDoc],
                                                                     list[RoleDoc]]:
    if fraction <= 0 or len(docs) < 3:
        return list(docs), []
    order = docs[:]
    random.Random(seed).shuffle(order)
    n_val = max(1, int(len(order) * fraction + 0.5))
    return order[n_val:], order[:n_val]


def _sample(doc: RoleDoc, rng: random.Random) -> list[RoleSentence]:
    positives = [s for s in doc.sentences if s.role != "other"]
    others = [s for s in doc.sentences if s.role == "other"]
    keep = min(len(others), NEGATIVES_PER_POSITIVE * max(1, len(positives)))
    return positives + rng.sample(others, keep)


def train_roles(gold: str | Path | RoleGold, base_model: str | Path, out: str | Path,
                config: TrainConfig | None = None, *, progress: bool = True) -> TrainReport:
    """Fine-tune `base_model` into a sentence-role classifier saved in `out`."""
    config, base, out = _start(config or TrainConfig(batch_size=32, max_length=128),
                               base_model, out)
    gold_set = _read_gold(gold, RoleGold, load_role_gold)
    counts = gold_set.role_counts()
    if not any(counts[r] for r in ROLES if r != "other"):
        raise TrainError(f"{gold_set.path}: no decision, demand or lower_court sentence")

    warnings: list[str] = []
    tokenizer, model = _load_base(base, config, ROLES, "single_label_classification",
                                  warnings)
    pad_id = pad_id_of(tokenizer)
    train_docs, val_docs = _split(gold_set.docs, config.val_fraction, config.seed)
    if config.val_fraction > 0 and not val_docs:
        warnings.append("fewer than 3 documents: no validation split, no metrics")
    rng = random.Random(config.seed)

    def batches(docs: list[RoleDoc]) -> list[tuple[list[Window], torch.Tensor]]:
        items = [(doc, s) for doc in docs for s in _sample(doc, rng)]
        rng.shuffle(items)
        out_batches = []
        for i in range(0, len(items), config.batch_size):
            chunk = items[i : i + config.batch_size]
            windows = [w for doc, s in chunk for w in _encode(tokenizer, doc.text, [s],
                                                               config.max_length)]
            targets = torch.tensor([ROLES.index(s.role) for _, s in chunk])
            out_batches.append((windows, targets))
        return out_batches

    @torch.no_grad()
    def mean_loss(fixed: list[tuple[list[Window], torch.Tensor]]) -> float:
        model.eval()
        losses = [float(F.cross_entropy(window_logits(model, w, pad_id, 64), t,
                                        reduction="sum")) for w, t in fixed]
        return sum(losses) / max(1, sum(len(t) for _, t in fixed))

    fixed_train = batches(train_docs)  # one fixed sample to compare losses before/after
    loss_before = mean_loss(fixed_train)
    optimizer = torch.optim.AdamW(model.parameters(), lr=config.lr,
                                  weight_decay=config.weight_decay)
    per_epoch = len(fixed_train)
    total = per_epoch * config.epochs
    scheduler = transformers.get_linear_schedule_with_warmup(
        optimizer, int(total * config.warmup_ratio), total)
    history = []
    bar = tqdm(total=total, desc="train roles", unit="step", disable=not progress)
    for epoch in range(1, config.epochs + 1):
        model.train()
        epoch_batches = fixed_train if epoch == 1 else batches(train_docs)
        running = 0.0
        for windows, targets in epoch_batches[:per_epoch]:
            optimizer.zero_grad()
            loss = F.cross_entropy(window_logits(model, windows, pad_id, 64), targets)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            running += loss.item()
            bar.update(1)
            bar.set_postfix(epoch=f"{epoch}/{config.epochs}", loss=f"{loss.item():.4f}")
        history.append({"epoch": epoch, "train_loss": running / max(1, per_epoch)})
    bar.close()
    loss_after = mean_loss(fixed_train)

    metrics = None
    if val_docs:
        gold_roles, predicted = [], []
        model.eval()
        with torch.no_grad():
            for doc in val_docs:
                windows = _encode(tokenizer, doc.text, doc.sentences, config.max_length)
                if not windows:
                    continue
                best = window_logits(model, windows, pad_id, 64).argmax(dim=1).tolist()
                gold_roles += [[s.role] if s.role != "other" else [] for s in doc.sentences]
                predicted += [[ROLES[b]] if ROLES[b] != "other" else [] for b in best]
        metrics = multilabel_metrics(ROLES[:-1], gold_roles, predicted)
        metrics["unit"] = "sentence"

    card = {
        "format": "vonnis-sentence-roles/1",
        "task": TASK,
        "labels": list(ROLES),
        "input": "sentence paired with the preceding sentence",
        "base_model": str(base),
        "base_model_type": getattr(model.config, "model_type", None),
        "trained_on": {
            "gold": str(gold_set.path.resolve()), "gold_sha256": gold_set.sha256,
            "documents": len(gold_set.docs), "sentence_counts": counts,
            "train_ids": [d.id for d in train_docs], "validation_ids": [d.id for d in val_docs],
        },
    }
    return _finish(out, model, tokenizer, card,
                   params={**asdict(config), "negatives_per_positive": NEGATIVES_PER_POSITIVE},
                   history=history, losses=(loss_before, loss_after), metrics=metrics,
                   skipped=gold_set.skipped, warnings=warnings)


class SentenceRoleClassifier:
    """A fine-tuned sentence-role model, loaded offline from its folder."""

    def __init__(self, model: Any, tokenizer: Any, card: dict) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.card = card
        self.max_length = int(card.get("params", {}).get("max_length", 128))
        self._pad_id = pad_id_of(tokenizer)

    @classmethod
    def load(cls, path: str | Path, device: str = "cpu") -> SentenceRoleClassifier:
        folder = check_model_dir(path, "model")
        card_path = folder / MODEL_CARD
        card = json.loads(card_path.read_text(encoding="utf-8")) if card_path.is_file() else {}
        if card.get("task") != TASK or tuple(card.get("labels", ())) != ROLES:
            raise ModelPathError(f"{folder} is not a sentence-role model (its {MODEL_CARD} "
                                 f"says task {card.get('task')!r})")
        tokenizer, model = load_classifier(folder)
        model.to(device)
        model.eval()
        return cls(model, tokenizer, card)

    @torch.no_grad()
    def predict(self, text: str, spans: Sequence[tuple[int, int]] | None = None,
                batch_size: int = 32) -> list[dict[str, Any]]:
        """{start, end, role, score} for every sentence of `text` (the pipeline's splitter
        unless `spans` are given), score being the role's probability."""
        spans = list(spans) if spans is not None else legal_sentence_spans(text)
        items = [(s, e, text[spans[i - 1][0]:spans[i - 1][1]] if i else "")
                 for i, (s, e) in enumerate(spans)]
        windows = _encode(self.tokenizer, text, items, self.max_length)
        if not windows:
            return []
        probs = torch.softmax(window_logits(self.model, windows, self._pad_id,
                                            max(1, batch_size)), dim=1)
        scores, best = probs.max(dim=1)
        return [{"start": w.start, "end": w.end, "role": ROLES[int(b)],
                 "score": round(float(p), 6)}
                for w, b, p in zip(windows, best, scores, strict=True)]
