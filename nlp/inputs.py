"""Reading files for `vonnis analyze` and gold: Open Data XML, plain text, JSON with `text`
(and optional `inhoudsindicatie`, and `additional_fragments` appended after the text), and
one entry of an ECLI-index Atom feed (its summary only: `load_feed_entry`)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any


class InputError(Exception):
    """A file that cannot be read as a judgment; the message names the file."""


_LEVELS = (
    ("phr", re.compile(r"parket\s+bij\s+de\s+hoge\s+raad|procureur-generaal", re.I)),
    ("hoge_raad", re.compile(r"hoge\s+raad", re.I)),
    ("hof", re.compile(r"\bhof\b|gerechtshof", re.I)),
    ("rechtbank", re.compile(r"rechtbank|gerecht\s+in\s+eerste\s+aanleg|politierechter", re.I)),
)


def level_from_court_name(name: str | None) -> str | None:
    if not name:
        return None
    for level, pattern in _LEVELS:
        if pattern.search(name):
            return level
    return None


def level_from_ecli(ecli: str | None) -> str | None:
    if not ecli:
        return None
    parts = ecli.split(":")
    if len(parts) < 3:
        return None
    code = parts[2].upper()
    if code == "PHR":
        return "phr"
    if code == "HR":
        return "hoge_raad"
    if code.startswith(("GH", "OGH")):
        return "hof"
    if code.startswith(("RB", "OGE")):
        return "rechtbank"
    return None


def load(path: Path) -> tuple[str, dict[str, Any]]:
    """(text, meta) of one file; raises InputError with the file name on bad input."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    suffix = path.suffix.lower()
    if suffix == ".xml" or raw.lstrip()[:1] == b"<":
        return _load_xml(path, raw)
    if suffix == ".json":
        return _load_json(path, raw)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    return text, {"ecli": path.stem, "court_level": level_from_ecli(path.stem.replace("_", ":"))}


def _load_json(path: Path, raw: bytes) -> tuple[str, dict[str, Any]]:
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: malformed JSON ({exc})") from exc
    if not isinstance(data, dict) or not (
            isinstance(data.get("text"), str) or (
                data.get("text") is None and isinstance(data.get("inhoudsindicatie"), str))):
        raise InputError(f"{path}: JSON without a string field 'text'")
    if data.get("text") is None:  # a decision kept as its summary only: read that
        data["text"] = ""
    ecli = data.get("ecli")
    level = level_from_court_name(data.get("court")) or level_from_ecli(ecli)
    meta = {
        "ecli": ecli or path.stem,
        "court_level": level,
        "doc_type": "conclusie" if level == "phr" else None,
        "procedure": data.get("procedure"),
        "summary": data.get("inhoudsindicatie"),
    }
    return data["text"] + _fragments(data.get("additional_fragments")), meta


# Excerpts of a page that are not contiguous with `text` follow it after this separator, so
# offsets into `text` stay valid and nothing reads across the gap as one sentence.
FRAGMENT_SEPARATOR = "\n\n[…]\n\n"


def _fragments(fragments: Any) -> str:
    """The `additional_fragments` of a JSON input (other excerpts of the same judgment)."""
    if not isinstance(fragments, list):
        return ""
    texts = [f.get("text") if isinstance(f, dict) else f for f in fragments]
    return "".join(FRAGMENT_SEPARATOR + t for t in texts if isinstance(t, str) and t.strip())


def _load_xml(path: Path, raw: bytes) -> tuple[str, dict[str, Any]]:
    try:
        from crawler.parse import ParseError, parse_document
    except ModuleNotFoundError as exc:
        raise InputError(f"{path}: reading Open Data XML needs crawler.parse ({exc})") from exc
    from nlp.extract import meta_of

    try:
        document = parse_document(raw, str(path))
    except ParseError as exc:
        raise InputError(f"{path}: not a readable Open Data document ({exc})") from exc
    except Exception as exc:  # a parser bug must not stop the other files
        raise InputError(f"{path}: XML could not be parsed ({type(exc).__name__}: {exc})") \
            from exc
    return document.text, meta_of(document)


def load_feed_entry(path: Path, ecli: str) -> tuple[str, dict[str, Any]]:
    """("", meta) of one entry of an ECLI-index feed: the feed has no court text, only the
    summary (inhoudsindicatie, often cut off with "..."), which the pipeline reads as a
    summary-only document."""
    from crawler.feed import FeedError, parse_feed

    try:
        page = parse_feed(path.read_bytes())
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    except FeedError as exc:
        raise InputError(f"{path}: {exc}") from exc
    entry = next((e for e in page.entries if e.ecli == ecli), None)
    if entry is None:
        raise InputError(f"{path}: no feed entry {ecli}")
    level = level_from_ecli(ecli)
    return "", {
        "ecli": ecli,
        "court_level": level,
        "doc_type": "conclusie" if level == "phr" else None,
        "summary": entry.summary,
    }
