"""Sentence boundaries that survive legal abbreviations (nlp.sentences)."""

from __future__ import annotations

import spacy

from nlp.sentences import set_sentence_starts


def _sents(text: str) -> list[str]:
    nlp = spacy.blank("nl")
    doc = set_sentence_starts(nlp.make_doc(text))
    return [s.text.strip() for s in doc.sents if s.text.strip()]


def test_abbreviations_do_not_split() -> None:
    # Real sentences from the corpus (GHLEE 2011 BQ3556, PHR 2021 500, RBAMS 2021 2514).
    text = ("Het hof heeft gelet op de artikelen 36f, 47, 57, 326 en 273f van het Wetboek van "
            "Strafrecht. Dit vonnis is gewezen door mr. A.A. Spoel, voorzitter, mrs. E. Akkermans "
            "en R. Gaarthuis, rechters. Mensenhandel, terwijl het in artikel 273f, eerste lid "
            "onder 1° van het Wetboek van Strafrecht omschreven feit wordt gepleegd door twee of "
            "meer verenigde personen. Zie o.a. art. 273f Sr jo. art. 47 Sr en artt. 9 en 57 Sr.")
    sents = _sents(text)
    assert len(sents) == 4
    assert sents[1].startswith("Dit vonnis is gewezen door mr. A.A. Spoel")
    assert sents[3] == "Zie o.a. art. 273f Sr jo. art. 47 Sr en artt. 9 en 57 Sr."


def test_numbered_list_and_line_breaks() -> None:
    text = ("Stelt als algemene voorwaarden:\n1. dat de veroordeelde zich niet schuldig maakt.\n"
            "2. dat")
    sents = _sents(text)
    assert sents[0] == "Stelt als algemene voorwaarden:"
    assert sents[1].startswith("1. dat de veroordeelde")


def test_numbered_offence_followed_by_a_quote_does_not_split() -> None:
    # Real sentence (PHR 2018 1514): numbered offences quoted after "wegens". spaCy's own
    # tokenizer (used by the transformer stage) makes "1", ".", "“" separate tokens.
    text = ("De verdachte is bij arrest van 16 maart 2017 door het hof Arnhem-Leeuwarden, "
            "zittingsplaats Leeuwarden, wegens 1. “mensenhandel” en 2. “valsheid in geschrift, "
            "begaan door een rechtspersoon, terwijl hij tot het feit opdracht heeft gegeven, "
            "meermalen gepleegd” veroordeeld tot een voorwaardelijke gevangenisstraf voor de duur "
            "van zes maanden.")
    assert _sents(text) == [text]


def test_sentence_starting_with_a_quote_still_splits() -> None:
    # A real sentence end before a quoted sentence: the letter after the quote decides.
    text = ("Het hof heeft gelet op artikel 273f van het Wetboek van Strafrecht. "
            "“Mensenhandel” is een ernstig misdrijf.")
    assert len(_sents(text)) == 2
