"""The optional transformer stage of issue 3: a fine-tuned multi-label classifier of the form
of exploitation (sexual, labour, criminal, begging, organ_removal, other) over a judgment.

Modules (README.md beside them: install recipe, gold format, costs):
- `data`: gold JSONL lines -> training examples (text, inhoudsindicatie, labels).
- `windows`: a document -> overlapping token windows (the model's input unit).
- `modeling`: torch helpers (offline loading, batching, window pooling).
- `train`: `train()` fine-tunes a local base model and saves it with `vonnis_model.json`.
- `predict`: `ExploitationClassifier` loads a saved model (offline) and predicts.
- `metrics`: multi-label precision/recall/F1 for the validation split.
- `sentences`, `roles`, `roles_model`: the optional second head, sentence roles (decision,
  demand, lower_court, other).
- `component`: the spaCy factories `vonnis_exploitation_model`, `vonnis_sentence_roles_model`.
- `cli`: `register(app)` adds `vonnis train`.

Torch, transformers and tokenizers are the optional extra `vonnis[transformers]`: nothing in
this package imports them at module level except `train`, `predict` and `component`, which are
only imported when used, so the core install keeps `vonnis --help` working. `require()` turns
a missing extra into one clear message.

Input design (why windows + max-pooling): the form of exploitation is stated in different
places depending on the document. A first-instance judgment says it in the tenlastelegging,
bewezenverklaring and strafmotivering; a Hoge Raad arrest often only in the inhoudsindicatie
or a quoted bewezenverklaring; a conclusie quotes the hof; many stored texts are excerpts
without headings. Selecting "the relevant sections" would tie this stage to the rule
pipeline's section finder and fail exactly where headings are missing. So the model reads
the inhoudsindicatie (when known) and the whole text as overlapping windows of
`max_length` tokens, and a document's score per label pools its windows close to their
maximum (top-3 log-sum-exp, see modeling.pool): one clear window ("in de prostitutie te
laten werken") is enough for a label, and several labels can hold at once. Training
optimises that same pooled score (multiple-instance learning), so training and inference
agree. Long judgments are capped at `max_windows`
windows: the inhoudsindicatie first, then the windows with most section and offence cues
(bewezenverklaring, kwalificatie, strafoplegging, 273f, uitbuiting, ...), which keeps CPU
cost bounded without looking at label words.
"""

from __future__ import annotations

from typing import get_args

from nlp.models import ExploitationType

# The label order of the classifier head; the extraction schema's own literal is the source.
LABELS: tuple[str, ...] = tuple(get_args(ExploitationType))

MODEL_CARD = "vonnis_model.json"
MODEL_FORMAT = "vonnis-exploitation/1"

INSTALL_HINT = (
    "the transformer stage needs the optional extra: pip install 'vonnis[transformers]' "
    "(torch, transformers, tokenizers)"
)


class MissingExtraError(RuntimeError):
    """torch / transformers / tokenizers are not installed."""


def require() -> None:
    """Raise MissingExtraError with the install hint when the extra is missing.

    Also defaults the Hugging Face libraries to offline mode: every model here is loaded from
    a local path, and nothing may reach a model hub at run time.
    """
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    missing = []
    for module in ("torch", "transformers", "tokenizers"):
        try:
            __import__(module)
        except ImportError:
            missing.append(module)
    if missing:
        raise MissingExtraError(f"{', '.join(missing)} not installed: {INSTALL_HINT}")


def register_factory() -> None:
    """Register the spaCy factory `vonnis_exploitation_model` (imports spaCy, not torch)."""
    import nlp.transformer.component  # noqa: F401


# The pipeline (nlp/pipeline.py) imports this package to get the factory registered. Do that
# here only when spaCy is already loaded: `vonnis --help` imports this package too (through
# nlp.cli) and must not pay spaCy's import time. Code that may import this package before
# spaCy should call register_factory() or import nlp.transformer.component.
if "spacy.language" in __import__("sys").modules:
    register_factory()
