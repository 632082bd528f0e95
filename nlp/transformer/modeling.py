"""Torch helpers shared by training and inference: loading from a local folder, batching
windows, max-pooled document scores. Import only after `nlp.transformer.require()`."""

from __future__ import annotations

import contextlib
import math
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import torch
import transformers

from nlp.transformer.windows import Window

TOKENIZER_FILES = ("tokenizer.json", "vocab.txt", "tokenizer_config.json")


class ModelPathError(ValueError):
    """A model folder is missing or does not hold a usable model."""


def check_model_dir(path: str | Path, what: str = "model") -> Path:
    """The folder as a Path, or ModelPathError saying what is wrong with it.

    Checked before transformers sees it: given a path that does not exist, transformers
    would take the string for a model hub name and fail with a confusing hub error."""
    folder = Path(path).expanduser()
    if not folder.exists():
        raise ModelPathError(f"{what} path does not exist: {folder}")
    if not folder.is_dir():
        raise ModelPathError(f"{what} path is not a folder: {folder}")
    if not (folder / "config.json").is_file():
        raise ModelPathError(f"{what} folder has no config.json (not a saved transformers "
                             f"model): {folder}")
    if not any((folder / name).is_file() for name in TOKENIZER_FILES):
        raise ModelPathError(f"{what} folder has no tokenizer files ({', '.join(TOKENIZER_FILES)})"
                             f": {folder}")
    return folder.resolve()


THREADS_ENV = "VONNIS_TORCH_THREADS"


def configure_threads() -> None:
    """Apply $VONNIS_TORCH_THREADS to torch's intra-op thread pool, when set.

    Torch uses every core by default. On a busy 2-core machine (tests next to other jobs,
    or `vonnis extract --n-process 2`, where each process runs its own model) its spinning
    threads oversubscribe the cores: a training step measured 13x slower with 2 threads
    than with 1 under such load. Set it to 1 there."""
    value = os.environ.get(THREADS_ENV)
    if value:
        try:
            threads = int(value)
        except ValueError:
            raise ValueError(f"${THREADS_ENV} must be a whole number, got {value!r}") from None
        if threads > 0 and torch.get_num_threads() != threads:
            torch.set_num_threads(threads)


@contextlib.contextmanager
def quiet_transformers() -> Iterator[None]:
    """Silence transformers' load reports (e.g. "newly initialized classifier weights", which
    is expected when fine-tuning a base model) and its load/save progress bars."""
    previous = transformers.logging.get_verbosity()
    bars = transformers.utils.logging.is_progress_bar_enabled()
    transformers.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    try:
        yield
    finally:
        transformers.logging.set_verbosity(previous)
        if bars:
            transformers.utils.logging.enable_progress_bar()


def load_tokenizer(folder: Path) -> Any:
    with quiet_transformers():
        tokenizer = transformers.AutoTokenizer.from_pretrained(str(folder),
                                                               local_files_only=True)
    if not getattr(tokenizer, "is_fast", False):
        raise ModelPathError(f"the tokenizer in {folder} is not a fast (Rust) tokenizer; "
                             "windows need its character offsets")
    return tokenizer


def load_classifier(folder: Path) -> tuple[Any, Any]:
    """Tokenizer and sequence-classification model saved in `folder`, loaded offline, after
    applying $VONNIS_TORCH_THREADS (see configure_threads)."""
    configure_threads()
    tokenizer = load_tokenizer(folder)
    with quiet_transformers():
        model = transformers.AutoModelForSequenceClassification.from_pretrained(
            str(folder), local_files_only=True)
    return tokenizer, model


def pad_windows(windows: Sequence[Window], pad_id: int) -> dict[str, torch.Tensor]:
    width = max(len(w.input_ids) for w in windows)
    ids = torch.full((len(windows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(windows), width), dtype=torch.long)
    for row, window in enumerate(windows):
        ids[row, : len(window.input_ids)] = torch.tensor(window.input_ids, dtype=torch.long)
        mask[row, : len(window.input_ids)] = 1
    return {"input_ids": ids, "attention_mask": mask}


def window_logits(model: Any, windows: Sequence[Window], pad_id: int,
                  batch_size: int = 16) -> torch.Tensor:
    """Logits (n_windows, n_labels) with gradients when grad mode is on."""
    device = next(model.parameters()).device
    parts = []
    for i in range(0, len(windows), batch_size):
        batch = {k: v.to(device)
                 for k, v in pad_windows(windows[i : i + batch_size], pad_id).items()}
        parts.append(model(**batch).logits)
    return torch.cat(parts, dim=0)


def position_limit(model: Any, tokenizer: Any) -> int | None:
    """The longest input the model takes: its tokenizer's model_max_length when set (RoBERTa
    models have 514 position embeddings but take 512 tokens), else its position embeddings."""
    # list[Any]: the config value is untyped and None when missing; falsy ones are dropped below
    limits: list[Any] = [getattr(model.config, "max_position_embeddings", None)]
    tokenizer_limit = getattr(tokenizer, "model_max_length", None)
    if isinstance(tokenizer_limit, int) and tokenizer_limit < 1_000_000:  # unset: a huge int
        limits.append(tokenizer_limit)
    limits = [n for n in limits if n]
    return min(limits) if limits else None


def pool(logits: torch.Tensor, k: int = 3, r: float = 5.0) -> torch.Tensor:
    """A document's logits (n_labels,) from its windows' (n_windows, n_labels): per label the
    log-sum-exp, at sharpness r, of its k highest window logits, minus log k.

    Close to the maximum (within log(k)/r; exactly the maximum for k=1 or a single window),
    so one clear window still carries a label. Unlike a hard maximum, its gradient reaches
    the top k windows in proportion to their softmax weight: with a hard maximum, a window
    that every document shares (a standard header, boilerplate) can stay the argmax for all
    labels early in training, and the window with the actual evidence gets no gradient
    (log-sum-exp pooling for multiple-instance learning, Pinheiro & Collobert 2015). Weak
    evidence on the tiny test model, two windows per document, one shared: fitted in 1 of 2
    seeds with k=3, in 0 of 2 with the hard maximum."""
    k = max(1, min(k, logits.shape[0]))
    top = logits.topk(k, dim=0).values
    return (torch.logsumexp(r * top, dim=0) - math.log(k)) / r


def top_windows(logits: torch.Tensor, k: int) -> list[int]:
    """The windows among the k highest for any label (those the pooled score depends on)."""
    k = max(1, min(k, logits.shape[0]))
    return sorted(set(logits.topk(k, dim=0).indices.flatten().tolist()))


def pad_id_of(tokenizer: Any) -> int:
    return tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
