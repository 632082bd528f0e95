"""A document -> overlapping token windows, the classifier's unit of input.

Each window keeps its character range in the string it came from, so a prediction can point
at the window that carried a label (evidence for the researcher). The inhoudsindicatie and
the body are windowed separately: only body windows have offsets into `Document.text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# Cues of the parts that state the proven facts and the sentence, and of the offence itself.
# They rank windows when a long judgment has more than `max_windows`; they name no form of
# exploitation, so the ranking does not prejudge the label.
_CUES = re.compile(
    r"bewezen|kwalificatie|strafoplegging|strafmotivering|motivering van de straf|"
    r"tenlastegelegd|ten laste gelegd|uitbuit|mensenhandel|oogmerk|"
    r"\b(?:273f|273a|250a|250 ?ter)\b",
    re.IGNORECASE,
)


@dataclass
class Window:
    source: str  # "summary" | "text"
    start: int  # character offsets in the source string
    end: int
    input_ids: list[int]
    priority: int = 0


def _encode(tokenizer: Any, text: str, source: str, max_length: int,
            stride: int) -> list[Window]:
    if not text.strip():
        return []
    encoding = tokenizer(
        text, truncation=True, max_length=max_length, stride=stride,
        return_overflowing_tokens=True, return_offsets_mapping=True, padding=False,
    )
    windows: list[Window] = []
    for ids, offsets in zip(encoding["input_ids"], encoding["offset_mapping"], strict=True):
        spans = [(s, e) for s, e in offsets if e > s]  # special tokens have (0, 0)
        if not spans:
            continue
        start, end = spans[0][0], spans[-1][1]
        windows.append(Window(source=source, start=start, end=end, input_ids=list(ids),
                              priority=len(_CUES.findall(text, start, end))))
    return windows


def make_windows(tokenizer: Any, text: str, summary: str | None = None, *,
                 max_length: int = 512, stride: int = 64,
                 max_windows: int | None = 16) -> list[Window]:
    """The windows of one document, in reading order, at most `max_windows` of them.

    `stride` is the overlap in tokens between consecutive windows, so that a phrase cut at a
    window border is whole in one of them. Over the cap, summary windows are kept first, then
    body windows by cue count (ties: earlier first).
    """
    if max_length < 8:
        raise ValueError("max_length must be at least 8 tokens")
    stride = max(0, min(stride, max_length // 2))
    summary_windows = _encode(tokenizer, summary or "", "summary", max_length, stride)
    text_windows = _encode(tokenizer, text, "text", max_length, stride)
    if max_windows is None or len(summary_windows) + len(text_windows) <= max_windows:
        return summary_windows + text_windows
    kept_summary = summary_windows[:max_windows]
    room = max_windows - len(kept_summary)
    ranked = sorted(range(len(text_windows)), key=lambda i: (-text_windows[i].priority, i))
    kept_text = [text_windows[i] for i in sorted(ranked[:room])]
    return kept_summary + kept_text
