"""Component `vonnis_quality`: is the text usable? Sets `doc._.reason` when it is not.

Empty, too short or non-Dutch text gives an empty result with a reason. A text that has no
decision and stops mid-sentence is marked truncated: nothing is read from a decision it does
not have, while facts with their own evidence (articles, exploitation) are still reported.
A document whose text is unusable but whose inhoudsindicatie is readable (the website keeps
some judgments as a summary only; excerpts often stop after it) is "summary only": the
components that can read the summary do, with evidence in the summary.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from nlp.components._common import decision_region, is_conclusion
from nlp.extensions import summary_of, text_of

DUTCH_WORDS = frozenset(
    [
        "de", "het", "een", "van", "en", "in", "dat", "is", "op", "te", "voor", "met", "zijn",
        "niet", "aan", "door", "als", "bij", "of", "om", "heeft", "worden", "wordt", "naar",
        "verdachte", "rechtbank", "hof", "die", "dit", "ook", "uit", "over", "tot",
        # Terse summaries are mostly legal words ("Mensenhandel. Veroordeling art. 273f lid 1
        # sub 1 Sr. GS 33 maanden"); they are Dutch too.
        "art", "sr", "sv", "lid", "sub", "mensenhandel", "veroordeling", "vrijspraak",
        "gevangenisstraf", "maanden", "jaar", "jaren", "beroep", "cassatie", "straf",
    ]
)
MIN_WORDS = 10
_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


def text_problem(text: str) -> str | None:
    """Why a text cannot be read as a Dutch judgment at all, or None."""
    if not text or not text.strip():
        return "empty text"
    words = _WORD_RE.findall(text[:20000].lower())
    if len(words) < MIN_WORDS:
        return f"too short to be a judgment ({len(words)} words)"
    dutch = sum(1 for w in words if w in DUTCH_WORDS)
    if dutch / len(words) < 0.12:
        return f"not Dutch (only {dutch / len(words):.0%} common Dutch words)"
    return None


# An inhoudsindicatie is short by design ("Mensenhandel, voordeel trekken, uit seksuele
# uitbuiting."): a few Dutch words already state the offence and the form, and one word may
# be the whole verdict ("Vrijspraak.").
MIN_SUMMARY_WORDS = 1


# Telegram-style summaries can hold no common Dutch word at all ("Executie EAB Polen - Artikel
# 12 OLW - Verweer dubbele strafbaarheid - Overlevering toegestaan"), so a summary is only
# taken for another language when that language's own common words show it.
ENGLISH_WORDS = frozenset(
    ["the", "of", "and", "to", "is", "was", "for", "that", "with", "by", "has", "have", "be",
     "are", "which", "this", "it", "an", "court", "not", "from"])


def summary_problem(summary: str | None) -> str | None:
    """Why an inhoudsindicatie cannot be read (as text_problem, with a lower word minimum)."""
    if not summary or not summary.strip():
        return "empty summary"
    words = _WORD_RE.findall(summary[:20000].lower())
    if len(words) < MIN_SUMMARY_WORDS:
        return f"summary too short ({len(words)} words)"
    if len(words) >= MIN_WORDS:
        problem = text_problem(summary)
        english = sum(1 for w in words if w in ENGLISH_WORDS) / len(words)
        if problem and problem.startswith("not Dutch") and english < 0.12:
            return None
        return problem
    return None


def input_problem(text: str, summary: str | None) -> str | None:
    """Why nothing at all can be read: the text is unusable and so is the summary."""
    problem = text_problem(text)
    if problem and summary_problem(summary) is None:
        return None
    return problem


def looks_truncated(text: str) -> bool:
    tail = text.rstrip()
    return not tail or tail[-1] not in ".;:)\"'”’-–]"


@Language.factory("vonnis_quality")
def make_quality(nlp: Language, name: str) -> QualityComponent:
    return QualityComponent()


class QualityComponent:
    def __call__(self, doc: Doc) -> Doc:
        problem = text_problem(text_of(doc))
        if problem:
            if summary_problem(summary_of(doc)) is None:
                doc._.reason = (f"summary only: the text is unusable ({problem}); facts are "
                                "read from the inhoudsindicatie")
            else:
                doc._.reason = problem
            return doc
        if not is_conclusion(doc) and decision_region(doc) is None and \
                looks_truncated(text_of(doc)):
            doc._.reason = ("truncated: the text stops mid-sentence and has no decision "
                            "section: the outcome only where the text or inhoudsindicatie "
                            "states it, the sentence only where the inhoudsindicatie does")
        return doc
