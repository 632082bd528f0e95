"""Sentence roles (the optional second head): gold -> sentence examples (no torch here).

A sentence's role tells the rule pipeline which sentences carry which sentence (in the
punishment sense) -- the classic confusions of DOMAIN.md:

- `decision`: the court deciding in this judgment (the dictum, "Veroordeelt verdachte tot een
  gevangenisstraf van 18 maanden.", and the court's own "het hof zal verdachte veroordelen
  tot ...");
- `demand`: the prosecutor's demand (officier van justitie / advocaat-generaal);
- `lower_court`: a sentence of an earlier instance quoted or summarised ("De verdachte is bij
  arrest van ... door het hof ... veroordeeld tot ...");
- `other`: everything else.

Gold: the JSONL of `vonnis evaluate` (id/ecli, text or source) with a key `sentence_roles`,
a list of regions, each `{"start": int, "end": int, "role": ROLE}` (character offsets into
the text; an optional `"check"` string must equal the text at `start`, which catches offsets
that drifted) or `{"text": "exact sentence text", "role": ROLE}`. A sentence (as the
pipeline's splitter cuts the text) takes the role of the region holding most of it. Role
`"ignore"` marks sentences to leave out of training (ambiguous ones). The regions are
exhaustive for the line: every other sentence of the text is an `other` example.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from nlp.transformer.data import (
    GoldError,
    gold_lines,
    read_gold_file,
    read_source,
    resolve_source,
)
from nlp.transformer.sentences import legal_sentence_spans

ROLES: tuple[str, ...] = ("decision", "demand", "lower_court", "other")
ROLES_KEY = "sentence_roles"
_SOURCE_KEYS = ("source", "file", "path")


@dataclass
class RoleSentence:
    start: int
    end: int
    role: str
    context: str  # the preceding sentence: "een gevangenisstraf van 20 maanden" needs it


@dataclass
class RoleDoc:
    id: str
    text: str
    sentences: list[RoleSentence]


@dataclass
class RoleGold:
    path: Path
    sha256: str
    docs: list[RoleDoc]
    skipped: list[str] = field(default_factory=list)

    def role_counts(self) -> dict[str, int]:
        return {role: sum(s.role == role for d in self.docs for s in d.sentences)
                for role in ROLES}


def sentence_examples(text: str, regions: list[tuple[int, int, str]]
                      ) -> list[RoleSentence]:
    """Every sentence of `text` with its role from `regions` (majority overlap); sentences
    in an "ignore" region are dropped."""
    out = []
    spans = legal_sentence_spans(text)
    for i, (start, end) in enumerate(spans):
        best, best_overlap = "other", 0
        for r_start, r_end, role in regions:
            overlap = min(end, r_end) - max(start, r_start)
            if overlap > best_overlap:
                best, best_overlap = role, overlap
        if best_overlap * 2 < end - start:  # less than half inside any region
            best = "other"
        if best == "ignore":
            continue
        context = text[spans[i - 1][0]:spans[i - 1][1]] if i else ""
        out.append(RoleSentence(start, end, best, context))
    return out


def _regions(text: str, items: object, where: str) -> list[tuple[int, int, str]]:
    if not isinstance(items, list):
        raise GoldError(f"{where}: {ROLES_KEY} must be a list of regions")
    regions = []
    for item in items:
        start: int | None  # from JSON: may be missing (None) until checked below
        end: int | None
        if not isinstance(item, dict) or item.get("role") not in (*ROLES, "ignore"):
            raise GoldError(f"{where}: each region needs a role in {(*ROLES, 'ignore')}, got "
                            f"{item!r}")
        if isinstance(item.get("text"), str):
            start = text.find(item["text"])
            if start < 0:
                raise GoldError(f"{where}: sentence not found in the text: {item['text'][:80]!r}")
            end = start + len(item["text"])
        else:
            start, end = item.get("start"), item.get("end")
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end
                    <= len(text)):
                raise GoldError(f"{where}: bad region offsets {item!r}")
            check = item.get("check")
            if check is not None and not text.startswith(check, start):
                raise GoldError(f"{where}: region at {start} reads "
                                f"{text[start:start + len(check)]!r}, not {check!r}")
        regions.append((start, end, item["role"]))
    return regions


def load_role_gold(path: str | Path) -> RoleGold:
    """Read a sentence-role gold file. Raises GoldError with the line on bad input."""
    path, raw = read_gold_file(path)
    docs: list[RoleDoc] = []
    skipped: list[str] = []
    for number, where, item in gold_lines(path, raw):
        ident = item.get("id") or item.get("ecli")
        if item.get(ROLES_KEY) is None:
            skipped.append(f"line {number} ({ident or '?'}): no {ROLES_KEY}")
            continue
        source_value = next((item[k] for k in _SOURCE_KEYS if item.get(k)), None)
        if isinstance(item.get("text"), str) and item["text"].strip():
            text = item["text"]
        elif source_value:
            source_path = resolve_source(str(source_value), path)
            text, _summary, source_id = read_source(source_path)  # no summary: roles
            # are about sentences of the body
            ident = ident or source_id or source_path.stem
        else:
            raise GoldError(f"{where}: needs 'text' or a source file")
        sentences = sentence_examples(text, _regions(text, item[ROLES_KEY], where))
        docs.append(RoleDoc(str(ident or f"line{number}"), text, sentences))
    if not docs:
        raise GoldError(f"{path}: no usable line with {ROLES_KEY!r} "
                        f"({len(skipped)} skipped)")
    return RoleGold(path, hashlib.sha256(raw).hexdigest(), docs, skipped)
