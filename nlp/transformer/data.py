"""Gold JSONL -> training examples for the exploitation classifier (no torch needed here).

A gold line is the evaluation format of issue 3 point 5: one JSON object per line with
`id` or `ecli`, the text either inline (`text`, optionally `summary` / `inhoudsindicatie`) or
as a source file (`source`, `file` or `path`), and any of the extraction keys. Source paths
resolve as in `nlp.evaluate`: "corpus:<path>" inside the shared corpus ($VONNIS_SHARED_CORPUS,
default ../shared/corpus beside the repository), a relative path from the gold file's folder,
the working directory or the repository. Lines starting with "//" are comments.

Training uses `exploitation_types`:

- a list of labels (see `nlp.transformer.LABELS`): the forms of exploitation at issue;
- `[]`: explicitly none (e.g. a criminal judgment that is not about trafficking), a useful
  negative example;
- missing or null: unlabelled for this key; the line is skipped.

Source files: Open Data XML (via `crawler.parse.parse_document`: its text and its
inhoudsindicatie), plain `.txt`, or `.json` with a `text` field (and `inhoudsindicatie` or
`summary` when present, as in `../shared/corpus/trafficking/`).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nlp.transformer import LABELS

SOURCE_KEYS = ("source", "file", "path")
REPO = Path(__file__).resolve().parents[2]
_EMPTY_SUMMARIES = {"", "-", "none", "null"}


class GoldError(ValueError):
    """The gold file cannot be used for training; the message says why and where."""


@dataclass
class Example:
    id: str
    text: str
    summary: str | None
    labels: list[str]
    source: str | None = None

    def targets(self, labels: tuple[str, ...] = LABELS) -> list[float]:
        return [1.0 if label in self.labels else 0.0 for label in labels]


@dataclass
class GoldSet:
    path: Path
    sha256: str
    examples: list[Example]
    skipped: list[str] = field(default_factory=list)  # "line N (id): why"

    def label_counts(self) -> dict[str, int]:
        return {label: sum(label in e.labels for e in self.examples) for label in LABELS}


def _clean_summary(value: object) -> str | None:
    if not isinstance(value, str) or value.strip().lower() in _EMPTY_SUMMARIES:
        return None
    return value.strip()


def shared_corpus() -> Path:
    return Path(os.environ.get("VONNIS_SHARED_CORPUS", REPO.parent / "shared" / "corpus"))


def resolve_source(source: str, gold_file: Path) -> Path:
    """Where a gold line's source file is; the same rules as nlp.evaluate.resolve_source
    (kept here so training does not import the spaCy pipeline)."""
    if source.startswith("corpus:"):
        return shared_corpus() / source[len("corpus:"):]
    path = Path(source)
    if path.is_absolute():
        return path
    for base in (gold_file.parent, Path.cwd(), REPO):
        if (base / path).exists():
            return base / path
    return gold_file.parent / path


def read_source(path: Path) -> tuple[str, str | None, str | None]:
    """(text, summary, identifier) of a source file. Raises GoldError when unreadable."""
    if not path.is_file():
        raise GoldError(f"source file not found: {path}")
    suffix = path.suffix.lower()
    if suffix == ".xml":
        try:
            from crawler.parse import ParseError, parse_document
        except ImportError as exc:  # the parser is part of the core install
            raise GoldError(f"cannot read XML sources: {exc}") from exc
        try:
            document = parse_document(path.read_bytes(), source=str(path))
        except ParseError as exc:
            raise GoldError(f"{path}: {exc.reason}") from exc
        return document.text, _clean_summary(document.summary), document.ecli
    if suffix == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise GoldError(f"{path}: not valid JSON ({exc})") from exc
        if not isinstance(data, dict) or not isinstance(data.get("text", ""), str | None):
            raise GoldError(f"{path}: expected a JSON object with a 'text' field")
        summary = _clean_summary(data.get("inhoudsindicatie", data.get("summary")))
        return data.get("text") or "", summary, data.get("ecli") or data.get("id")
    if suffix == ".txt":
        return path.read_text(encoding="utf-8"), None, None
    raise GoldError(f"{path}: unsupported source type {suffix!r} (use .xml, .json or .txt)")


def _labels(value: object, where: str) -> list[str] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GoldError(f"{where}: exploitation_types must be a list of strings, got {value!r}")
    unknown = sorted(set(value) - set(LABELS))
    if unknown:
        raise GoldError(f"{where}: unknown exploitation type(s) {unknown}; "
                        f"valid: {', '.join(LABELS)}")
    return sorted(set(value), key=LABELS.index)


def read_gold_file(path: str | Path) -> tuple[Path, bytes]:
    """The path and bytes of a gold file; GoldError when it is not there."""
    path = Path(path)
    if not path.is_file():
        raise GoldError(f"gold file not found: {path}")
    return path, path.read_bytes()


def gold_lines(path: Path, raw: bytes) -> Iterator[tuple[int, str, Any]]:
    """(line number, "path:number", parsed JSON) for each line of a gold file, skipping blank
    lines and // comments; GoldError on a line that is not valid JSON (raised when reached)."""
    for number, line in enumerate(raw.decode("utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        where = f"{path}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{where}: not valid JSON ({exc.msg})") from exc
        yield number, where, item


def load_gold(path: str | Path, key: str = "exploitation_types") -> GoldSet:
    """Read a gold file into examples. Raises GoldError on a missing/malformed file or when
    no line carries labels for `key`; lines without labels or without text are skipped and
    listed in `GoldSet.skipped`."""
    path, raw = read_gold_file(path)
    examples: list[Example] = []
    skipped: list[str] = []
    seen: set[str] = set()
    for number, where, item in gold_lines(path, raw):
        if not isinstance(item, dict):
            raise GoldError(f"{where}: expected a JSON object per line")
        labels = _labels(item.get(key), where)
        ident = item.get("id") or item.get("ecli")
        if labels is None:
            skipped.append(f"line {number} ({ident or '?'}): no {key}")
            continue
        source_value = next((item[k] for k in SOURCE_KEYS if item.get(k)), None)
        source: str | None = None
        if isinstance(item.get("text"), str) and item["text"].strip():
            text = item["text"]
            summary = _clean_summary(item.get("summary", item.get("inhoudsindicatie")))
        elif source_value:
            source_path = resolve_source(str(source_value), path)
            text, summary, source_id = read_source(source_path)
            ident = ident or source_id or source_path.stem
            source = str(source_value)
        else:
            raise GoldError(f"{where}: needs 'text' or a source file ({', '.join(SOURCE_KEYS)})")
        ident = str(ident or f"line{number}")
        if not text.strip() and not summary:
            skipped.append(f"line {number} ({ident}): no text")
            continue
        if ident in seen:
            raise GoldError(f"{where}: duplicate id {ident!r}")
        seen.add(ident)
        examples.append(Example(id=ident, text=text, summary=summary, labels=labels,
                                source=source))
    if not examples:
        raise GoldError(f"{path}: no usable line with {key!r} labels "
                        f"({len(skipped)} skipped: {'; '.join(skipped[:5])})")
    return GoldSet(path=path, sha256=hashlib.sha256(raw).hexdigest(), examples=examples,
                   skipped=skipped)
