"""The recall-first trafficking filter: `classify(document) -> Classification`.

Looks in three fields (`Reason.where`):
- "text": `Document.text`, offsets index into it;
- "summary": `Document.summary` (the inhoudsindicatie), offsets index into it;
- "references": the `dcterms:references` labels joined by "\\n"
  (`"\\n".join(r.label for r in document.references)`), offsets index into that string.

A document is flagged when at least one reason is not weak. Weak reasons are kept so that a
reviewer sees what was seen and the rules can be tuned: an article of another law
("artikel 2:239 BW"), a Caribbean article number outside a Caribbean court without its code
named, "financiële uitbuiting", the verb "uitbuiten". The patterns and the reasoning behind
them are in crawler/regexes.py.

At most `MAX_PER_KEY` occurrences of one pattern per field are reported (a long judgment
says "mensenhandel" a hundred times); the first ones are kept.

Changing a pattern or a rule means bumping CLASSIFIER_VERSION; `vonnis classify` re-runs the
filter over the whole store without refetching anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crawler import regexes
from vonnis.models import Classification, Document, Reason
from vonnis.store import Store

CLASSIFIER_VERSION = "trafficking-regex-1"
MAX_PER_KEY = 3


def classify(document: Document) -> Classification:
    reasons: list[Reason] = []
    caribbean = document.court.bes
    for where, value in (("summary", document.summary or ""), ("text", document.text)):
        if value:
            low = lowered(value)
            reasons += _articles(value, low, where, caribbean)
            reasons += _phrases(value, low, where)
    reasons += _references(document, caribbean)
    return Classification(
        trafficking=any(not r.weak for r in reasons),
        reasons=reasons,
        classifier_version=CLASSIFIER_VERSION,
    )


def lowered(value: str) -> str:
    """Lower case with the same length, so offsets found in it hold for `value`."""
    low = value.lower()
    if len(low) == len(value):
        return low
    # A few characters grow when lowered ("İ" -> "i̇"): keep those as they are.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in value)


def _boundary(low: str, start: int) -> bool:
    """Does a match at `start` begin a word (and not continue a case number, ECLI, date)?"""
    if start == 0:
        return True
    before = low[start - 1]
    return not (before.isalnum() or before == "_" or before in regexes.NOT_BEFORE)


def _law_after(value: str, end: int) -> str | None:
    """The law named in the clause right after an article number ("273f, eerste lid, Sr")."""
    window = value[end:end + regexes.LAW_WINDOW]
    stop = regexes.CLAUSE_END.search(window)
    if stop is not None:
        window = window[:stop.start()]
    return _first_law(window)


def _first_law(window: str) -> str | None:
    found: tuple[int, str] | None = None
    for name, pattern in regexes.LAWS:
        m = pattern.search(window)
        if m is not None and (found is None or m.start() < found[0]):
            found = (m.start(), name)
    return found[1] if found else None


def _article_start(low: str, m: re.Match[str], key: str) -> int | None:
    """Where the reported match starts (with "art."/"artikel" when written), or None when
    the occurrence does not count as this article."""
    if not _boundary(low, m.start()):
        return None
    art = regexes.ART_WORD_BEFORE.search(low, max(0, m.start() - 12), m.start())
    spaced = bool(m.groups() and m.group(1))
    if spaced and art is None and not (key == "250ter" and
                                       regexes.SR_AFTER.match(low, m.end())):
        return None
    return art.start() if art is not None else m.start()


def _articles(value: str, low: str, where: str, caribbean: bool) -> list[Reason]:
    out: list[Reason] = []
    for key, pattern in regexes.SR_ARTICLES:
        if regexes.GATES[key] not in low:
            continue
        found = 0
        for m in pattern.finditer(low):
            start = _article_start(low, m, key)
            if start is None:
                continue
            law = _law_after(value, m.end())
            out.append(Reason(kind="article", match=value[start:m.end()], where=where,
                              start=start, end=m.end(), law=law,
                              weak=law not in (None, "Sr")))
            found += 1
            if found >= MAX_PER_KEY:
                break
    for key, pattern in regexes.CARIBBEAN_ARTICLES:
        if regexes.GATES[key] not in low:
            continue
        found = 0
        for m in pattern.finditer(low):
            if not _boundary(low, m.start()):
                continue
            word = regexes.ART_WORD_BEFORE.search(low, max(0, m.start() - 12), m.start())
            begin = word.start() if word is not None else m.start()
            if key == "260 SrNA":  # the code is part of the pattern
                law, weak = "SrNA", False
            else:
                law = _law_after(value, m.end())
                window = value[m.end():m.end() + regexes.LAW_WINDOW]
                named_here = law == "Sr" and (key != "286f"
                                              or regexes.BES_WORD.search(window) is not None)
                weak = law not in (None, "Sr") or not (caribbean or named_here)
            out.append(Reason(kind="article", match=value[begin:m.end()], where=where,
                              start=begin, end=m.end(), law=law, weak=weak))
            found += 1
            if found >= MAX_PER_KEY:
                break
    return out


def _phrases(value: str, low: str, where: str) -> list[Reason]:
    out: list[Reason] = []
    taken: list[tuple[int, int]] = []
    for key, pattern, weak in regexes.PHRASES:
        if regexes.GATES[key] not in low:
            continue
        found = 0
        for m in pattern.finditer(low):
            if not _boundary(low, m.start()) or any(s <= m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            out.append(Reason(kind="phrase", match=value[m.start():m.end()], where=where,
                              start=m.start(), end=m.end(), weak=weak))
            found += 1
            if found >= MAX_PER_KEY:
                break
    return out


def _references(document: Document, caribbean: bool) -> list[Reason]:
    """dcterms:references: the BWB identifier of the Sr, or an article number in the label.

    Offsets index into the labels joined by "\\n"; a reason spans its whole label.
    """
    out: list[Reason] = []
    offset = 0
    sr_keys = {key for key, _ in regexes.SR_ARTICLES}
    for ref in document.references:
        label = ref.label
        start, end = offset, offset + len(label)
        offset = end + 1
        ident = ref.identifier or ""
        article = regexes.BWB_ARTICLE.search(ident)
        if regexes.BWB_SR in ident and article is not None \
                and article.group(1).lower() in sr_keys:
            out.append(Reason(kind="reference", match=label or ident, where="references",
                              start=start, end=end, law="Sr"))
            continue
        if not label:
            continue
        low = lowered(label)
        law = _first_law(label)
        for key, pattern in [*regexes.SR_ARTICLES, *regexes.CARIBBEAN_ARTICLES]:
            m = next((m for m in pattern.finditer(low) if _boundary(low, m.start())), None)
            if m is None:
                continue
            if key in sr_keys or key == "260 SrNA":
                weak = law not in (None, "Sr")
            else:  # 2:239 / 286f: a criminal code must be named or the court Caribbean
                weak = law not in (None, "Sr") or not (caribbean or law == "Sr")
            out.append(Reason(kind="reference", match=label, where="references",
                              start=start, end=end, law=law, weak=weak))
            break
    return out


@dataclass
class ReclassifyReport:
    documents: int = 0
    trafficking: int = 0  # flagged after the run
    newly_flagged: int = 0  # not flagged (or never classified) before, flagged now
    unflagged: int = 0  # flagged before, not any more
    first_classified: int = 0  # had no classification yet
    reasons_changed: int = 0  # same flag, other reasons or classifier version
    changed: list[str] = field(default_factory=list)  # ECLIs whose flag changed

    @property
    def flags_changed(self) -> int:
        return self.newly_flagged + self.unflagged


def reclassify(store: Store, *, dry_run: bool = False, progress: bool = False,
               batch: int = 500) -> ReclassifyReport:
    """Re-run the filter over every stored document (no refetching); write what changed."""
    from tqdm import tqdm

    report = ReclassifyReport()
    total = store.count()
    bar = tqdm(total=total, unit="doc", desc="classify", disable=not progress,
               dynamic_ncols=True)
    pending: list[tuple[str, Classification]] = []
    try:
        for stored in store.iter_documents():
            report.documents += 1
            bar.update(1)
            old = stored.classification
            new = classify(stored.document)
            report.trafficking += int(new.trafficking)
            if old is None:
                report.first_classified += 1
            if new.trafficking and (old is None or not old.trafficking):
                report.newly_flagged += 1
                report.changed.append(stored.document.ecli)
            elif not new.trafficking and old is not None and old.trafficking:
                report.unflagged += 1
                report.changed.append(stored.document.ecli)
            elif old is not None and old != new:
                report.reasons_changed += 1
            if old != new:
                pending.append((stored.document.ecli, new))
            if len(pending) >= batch:
                _write(store, pending, dry_run)
        _write(store, pending, dry_run)
    finally:
        bar.close()
    return report


def _write(store: Store, pending: list[tuple[str, Classification]], dry_run: bool) -> None:
    if pending and not dry_run:
        with store.transaction():
            for ecli, classification in pending:
                store.set_classification(ecli, classification)
    pending.clear()
