"""Building the pipeline from nlp/config.cfg, optionally with the transformer stage."""

from __future__ import annotations

import os
from pathlib import Path

import spacy
from spacy.language import Language

import nlp.components  # noqa: F401  (registers the factories)
import nlp.sentences  # noqa: F401
import nlp.tokenizer  # noqa: F401  (registers the tokenizer)
from nlp.extensions import register_extensions

# Stored with every extraction. Bump it whenever a rule change can change a result, so the
# store tells results of the old rules from the new ones (0.5: the fourth session's fixes
# from the pitfall, invariant and provenance audits; 0.4 was an intermediate of it; 0.2 and
# 0.3 were never set, the rules of those sessions kept 0.1.0).
PIPELINE_VERSION = "vonnis-rules-0.11.0"
CONFIG_PATH = Path(__file__).with_name("config.cfg")
MODEL_COMPONENT = "exploitation_model"
MODEL_FACTORY = "vonnis_exploitation_model"
MODEL_ENV = "VONNIS_MODEL"


def model_path_from(model: str | Path | None) -> Path | None:
    """--model wins, then $VONNIS_MODEL; None means rules only."""
    value = model if model is not None else os.environ.get(MODEL_ENV)
    return Path(value) if value else None


def _register_model_factory() -> None:
    """Import the module that registers the transformer factory (nlp/transformer)."""
    import importlib

    try:
        try:
            importlib.import_module("nlp.transformer.component")
        except ModuleNotFoundError as exc:
            if exc.name != "nlp.transformer.component":
                raise
            importlib.import_module("nlp.transformer")
    except ModuleNotFoundError as exc:
        raise RuntimeError(
            "a model directory was given, but nlp.transformer (the transformer stage, "
            "with the extra vonnis[transformers]) is not available"
        ) from exc


def build(config_path: Path | None = None, model: str | Path | None = None) -> Language:
    """The pipeline; with a model directory the transformer component runs before the
    exploitation rules, which then use its predictions."""
    register_extensions()
    config = spacy.util.load_config(config_path or CONFIG_PATH)
    if MODEL_COMPONENT in config.get("components", {}):
        _register_model_factory()
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    nlp.max_length = 20_000_000  # long appeal judgments; the rules are linear
    path = model_path_from(model)
    if path is not None and MODEL_COMPONENT not in nlp.pipe_names:
        _register_model_factory()
        nlp.add_pipe(MODEL_FACTORY, name=MODEL_COMPONENT, before="vonnis_exploitation",
                     config={"model_path": str(path)})
    return nlp


def pipeline_version(nlp: Language) -> str:
    """The version stored with every extraction: rules version, plus the model if any."""
    if MODEL_COMPONENT in nlp.pipe_names:
        component = nlp.get_pipe(MODEL_COMPONENT)
        path = getattr(component, "model_path", None)
        return f"{PIPELINE_VERSION}+model:{Path(str(path)).name if path else 'unknown'}"
    return PIPELINE_VERSION
