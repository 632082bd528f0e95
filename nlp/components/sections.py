"""Component `vonnis_sections`: labelled sections into `doc._.sections`."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from nlp.extensions import meta, text_of
from nlp.sections import find_sections


class _XmlSection:
    def __init__(self, data: dict) -> None:
        self.title = data.get("title")
        self.start = data.get("start", 0)
        self.end = data.get("end", 0)


@Language.factory("vonnis_sections")
def make_sections(nlp: Language, name: str) -> SectionsComponent:
    return SectionsComponent()


class SectionsComponent:
    def __call__(self, doc: Doc) -> Doc:
        xml = [_XmlSection(s) for s in meta(doc).get("sections") or []]
        doc._.sections = [s.as_dict() for s in find_sections(text_of(doc), xml)]
        return doc
