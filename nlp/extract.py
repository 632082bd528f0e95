"""Document or text in, ExtractionResult out; and the store-wide run behind `vonnis extract`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from nlp.components.quality import input_problem
from nlp.extensions import is_partial
from nlp.models import RESULT_KEYS, ExtractionResult
from vonnis.models import Document

_nlp: Language | None = None


def default_nlp() -> Language:
    """One rules-only pipeline per process, built on first use."""
    global _nlp
    if _nlp is None:
        from nlp.pipeline import build

        _nlp = build()
    return _nlp


def meta_of(document: Document) -> dict[str, Any]:
    """What the components need besides the text (plain data: it crosses processes)."""
    level = document.court.level.value if document.court else None
    return {
        "ecli": document.ecli,
        "court_level": None if level in (None, "other") else level,
        "doc_type": document.doc_type.value if document.doc_type else None,
        "procedure": document.procedure,
        "summary": document.summary,  # the transformer stage reads the inhoudsindicatie too
        "sections": [s.model_dump() for s in document.sections if s.title],
    }


def make_doc(nlp: Language, text: str, meta: dict[str, Any] | None = None) -> Doc:
    doc = nlp.make_doc(text or "")
    doc._.meta = dict(meta or {})
    return doc


def result_from_doc(doc: Doc) -> ExtractionResult:
    facts = doc._.facts or {}
    reason = doc._.reason
    if reason and not is_partial(reason):
        return _empty(reason, facts.get("court_level"))
    data = {k: facts.get(k) for k in RESULT_KEYS if k != "evidence"}
    data = {k: v for k, v in data.items() if v is not None}
    data["evidence"] = {k: v for k, v in (doc._.evidence or {}).items() if v}
    data["reason"] = reason
    return ExtractionResult.model_validate(data)


def _empty(problem: str, court_level: str | None) -> ExtractionResult:
    """Nothing readable; the court level comes from the metadata, so it is still known."""
    result = ExtractionResult.empty(problem)
    result.court_level = court_level
    return result


def extract(source: Document | str, nlp: Language | None = None,
            meta: dict[str, Any] | None = None) -> ExtractionResult:
    """Extract from one Document (or a plain text with optional metadata). Never raises on
    bad text: empty, too short or non-Dutch input gives an empty result with a reason."""
    if isinstance(source, Document):
        text, meta = source.text, {**meta_of(source), **(meta or {})}
    else:
        text = source or ""
    problem = input_problem(text, (meta or {}).get("summary"))
    if problem:
        return _empty(problem, (meta or {}).get("court_level"))
    nlp = nlp or default_nlp()
    doc = nlp(make_doc(nlp, text, meta))
    return result_from_doc(doc)


def extract_many(items: Iterable[tuple[str, dict[str, Any]]], nlp: Language | None = None,
                 n_process: int = 1, batch_size: int = 8
                 ) -> Iterator[tuple[dict[str, Any], ExtractionResult]]:
    """(text, meta) pairs through nlp.pipe, in order.

    With n_process > 1, each worker process runs its own nlp.pipe over a share of the texts
    and sends back the (small) results. spaCy's own `nlp.pipe(n_process=...)` ships every
    processed Doc back to the parent as bytes (all token arrays), which the parent must
    rebuild: measured here it was slower than one process.
    """
    nlp = nlp or default_nlp()
    if n_process > 1:
        yield from _extract_parallel(items, nlp, n_process, batch_size)
        return
    yield from _pipe_results(nlp, items, batch_size)


def _pipe_results(nlp: Language, items: Iterable[tuple[str, dict[str, Any]]], batch_size: int
                  ) -> Iterator[tuple[dict[str, Any], ExtractionResult]]:
    def pairs() -> Iterator[tuple[str, dict[str, Any]]]:
        for text, meta in items:
            problem = input_problem(text, meta.get("summary"))
            # Unusable texts pass through empty, to keep the order simple.
            yield ("" if problem else text), {**meta, "_problem": problem}

    for doc, meta in nlp.pipe(pairs(), as_tuples=True, batch_size=batch_size):
        problem = meta.pop("_problem", None)
        yield meta, (_empty(problem, meta.get("court_level")) if problem else result_from_doc(doc))


_worker_nlp: Language | None = None


def _worker_init(model: str | None) -> None:
    global _worker_nlp
    from nlp.pipeline import build

    _worker_nlp = build(model=model)


def _worker_run(chunk: list[tuple[str, dict[str, Any]]]) -> list[tuple[dict[str, Any], dict]]:
    assert _worker_nlp is not None
    return [(meta, result.model_dump(mode="json"))
            for meta, result in _pipe_results(_worker_nlp, chunk, len(chunk))]


def _chunks(items: Iterable[tuple[str, dict[str, Any]]], size: int
            ) -> Iterator[list[tuple[str, dict[str, Any]]]]:
    chunk: list[tuple[str, dict[str, Any]]] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _extract_parallel(items: Iterable[tuple[str, dict[str, Any]]], nlp: Language,
                      n_process: int, batch_size: int
                      ) -> Iterator[tuple[dict[str, Any], ExtractionResult]]:
    import multiprocessing

    from nlp.pipeline import MODEL_COMPONENT

    model = None
    if MODEL_COMPONENT in nlp.pipe_names:
        model = str(getattr(nlp.get_pipe(MODEL_COMPONENT), "model_path", "") or "") or None
    # fork: workers inherit the imported code; each builds its own pipeline once.
    context = multiprocessing.get_context("fork")
    from collections import deque

    def drain(results: list[tuple[dict[str, Any], dict]]
              ) -> Iterator[tuple[dict[str, Any], ExtractionResult]]:
        for meta, data in results:
            yield meta, ExtractionResult.model_validate(data)

    # The input is read here, in the calling thread (a store's SQLite connection may only be
    # used by the thread that opened it), with a bounded number of chunks in flight.
    with context.Pool(n_process, initializer=_worker_init, initargs=(model,)) as pool:
        pending: deque = deque()
        for chunk in _chunks(items, max(1, batch_size // 2)):
            pending.append(pool.apply_async(_worker_run, (chunk,)))
            while len(pending) > 2 * n_process:
                yield from drain(pending.popleft().get())
        while pending:
            yield from drain(pending.popleft().get())


def extract_store(store: Any, eclis: list[str] | None = None, n_process: int = 1,
                  batch_size: int = 8, progress: bool = True, nlp: Language | None = None
                  ) -> dict[str, int]:
    """Run the pipeline over stored documents and store each result with the version."""
    from tqdm import tqdm

    from nlp.pipeline import pipeline_version

    nlp = nlp or default_nlp()
    version = pipeline_version(nlp)
    total = len(eclis) if eclis is not None else store.count()
    stream = ((s.document.text, meta_of(s.document)) for s in store.iter_documents(eclis=eclis))
    counts = {"extracted": 0, "empty": 0}
    bar = tqdm(total=total, unit="doc", disable=not progress, desc="extract")
    for meta, result in extract_many(stream, nlp, n_process=n_process, batch_size=batch_size):
        store.put_extraction(meta["ecli"], version, result.model_dump(mode="json"))
        counts["empty" if result.reason and not is_partial(result.reason)
               else "extracted"] += 1
        bar.update(1)
    bar.close()
    return counts
