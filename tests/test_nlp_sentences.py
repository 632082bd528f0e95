"""Sentence boundaries that survive legal abbreviations (nlp.sentences)."""

from __future__ import annotations

import pytest
import spacy

from nlp.sentences import set_sentence_starts

# Two tokenizers: spaCy's own (the transformer stage) splits "”." and ")." into tokens; the
# pipeline's (nlp.tokenizer) keeps whitespace chunks, so a sentence may end in one token "”.".
TOKENIZERS = ("spacy", "pipeline")


def _sents(text: str, tokenizer: str = "spacy") -> list[str]:
    vocab = spacy.blank("nl").vocab
    if tokenizer == "pipeline":
        from nlp.tokenizer import WhitespaceTokenizer

        doc = WhitespaceTokenizer(vocab)(text)
    else:
        doc = spacy.blank("nl").make_doc(text)
    doc = set_sentence_starts(doc)
    return [s.text.strip() for s in doc.sents if s.text.strip()]


@pytest.mark.parametrize("tokenizer", TOKENIZERS)
def test_abbreviations_do_not_split(tokenizer: str) -> None:
    # Real sentences from the corpus (GHLEE 2011 BQ3556, PHR 2021 500, RBAMS 2021 2514).
    text = ("Het hof heeft gelet op de artikelen 36f, 47, 57, 326 en 273f van het Wetboek van "
            "Strafrecht. Dit vonnis is gewezen door mr. A.A. Spoel, voorzitter, mrs. E. Akkermans "
            "en R. Gaarthuis, rechters. Mensenhandel, terwijl het in artikel 273f, eerste lid "
            "onder 1° van het Wetboek van Strafrecht omschreven feit wordt gepleegd door twee of "
            "meer verenigde personen. Zie o.a. art. 273f Sr jo. art. 47 Sr en artt. 9 en 57 Sr.")
    sents = _sents(text, tokenizer)
    assert len(sents) == 4
    assert sents[1].startswith("Dit vonnis is gewezen door mr. A.A. Spoel")
    assert sents[3] == "Zie o.a. art. 273f Sr jo. art. 47 Sr en artt. 9 en 57 Sr."


def test_numbered_list_and_line_breaks() -> None:
    text = ("Stelt als algemene voorwaarden:\n1. dat de veroordeelde zich niet schuldig maakt.\n"
            "2. dat")
    sents = _sents(text)
    assert sents[0] == "Stelt als algemene voorwaarden:"
    assert sents[1].startswith("1. dat de veroordeelde")


@pytest.mark.parametrize("tokenizer", TOKENIZERS)
def test_numbered_offence_followed_by_a_quote_does_not_split(tokenizer: str) -> None:
    # Real sentence (PHR 2018 1514): numbered offences quoted after "wegens". spaCy's own
    # tokenizer makes "1", ".", "“" separate tokens.
    text = ("De verdachte is bij arrest van 16 maart 2017 door het hof Arnhem-Leeuwarden, "
            "zittingsplaats Leeuwarden, wegens 1. “mensenhandel” en 2. “valsheid in geschrift, "
            "begaan door een rechtspersoon, terwijl hij tot het feit opdracht heeft gegeven, "
            "meermalen gepleegd” veroordeeld tot een voorwaardelijke gevangenisstraf voor de duur "
            "van zes maanden.")
    assert _sents(text, tokenizer) == [text]


def test_sentence_starting_with_a_quote_still_splits() -> None:
    # A real sentence end before a quoted sentence: the letter after the quote decides.
    text = ("Het hof heeft gelet op artikel 273f van het Wetboek van Strafrecht. "
            "“Mensenhandel” is een ernstig misdrijf.")
    assert len(_sents(text)) == 2


def test_sentence_ending_in_a_bracket_splits() -> None:
    # Real inhoudsindicatie (HR 2021:757, PHR 2021:502): "(art. 326 Sr)." ends a sentence;
    # "t.a.v.", "1. vordering b.p. en 2.", "art. 36f Sr.", "art. 81.1 RO." and "art. 6:4:20 Sv"
    # still do not split.
    text = ("Medeplegen mensenhandel door gedurende zes weken een kwetsbare, verstandelijk "
            "beperkte vrouw in de prostitutie te laten werken en financieel uit te buiten (art. "
            "273f.1.1, 273f.1.4 en 273f.1.6 Sr) en poging tot oplichting (art. 326 Sr). Klachten "
            "t.a.v. 1. vordering b.p. en 2. omzetting vervangende hechtenis in gijzeling bij "
            "schadevergoedingsmaatregel, art. 36f Sr. Ad 1: HR: art. 81.1 RO. Ad 2: HR bepaalt "
            "dat met toepassing van art. 6:4:20 Sv gijzeling van gelijke duur kan worden "
            "toegepast. Samenhang met 19/04336, 19/04337 en 19/04507.")
    sents = _sents(text, "pipeline")
    assert len(sents) == 3
    assert sents[0].endswith("(art. 326 Sr).")
    assert sents[1].startswith("Klachten t.a.v. 1. vordering b.p. en 2. omzetting")
    assert sents[1].endswith("gijzeling van gelijke duur kan worden toegepast.")
    assert sents[2] == "Samenhang met 19/04336, 19/04337 en 19/04507."


def test_sentence_ending_in_a_bracket_before_a_question_splits() -> None:
    # Real inhoudsindicatie (HR 2024:156): "Sr)." then a question with "a.b.i. art. 273f.1 Sr?".
    text = ("OM-cassatie. Vrijspraak t.z.v. medeplegen mensenhandel in de zin van "
            "arbeidsuitbuiting m.b.t. au-pairs uit Indonesië (art. 273f.1.1, 273f.1.4 en "
            "273f.1.6 Sr). Heeft hof juiste uitleg gegeven aan begrip “(oogmerk van) uitbuiting” "
            "a.b.i. art. 273f.1 Sr?")
    sents = _sents(text, "pipeline")
    assert sents[-1] == ("Heeft hof juiste uitleg gegeven aan begrip “(oogmerk van) uitbuiting” "
                         "a.b.i. art. 273f.1 Sr?")
    assert sents[-2].endswith("(art. 273f.1.1, 273f.1.4 en 273f.1.6 Sr).")


def test_sentence_ending_in_a_quote_splits() -> None:
    # Real sentences (RBMNE 2021:3899, RBMNE 2016:3897).
    text = ("Dat het niet ging om vriendelijke verzoeken om geld te geven, volgt ook wel uit het "
            "chatgesprek “popo (de rechtbank begrijpt: politie) durft hij niet”. De rechtbank "
            "verklaart daarom wettig en overtuigend bewezen dat [verdachte] de afpersing in nauwe "
            "en bewuste samenwerking met een ander heeft gepleegd.")
    sents = _sents(text, "pipeline")
    assert len(sents) == 2
    assert sents[1].startswith("De rechtbank verklaart daarom")
    text = ("De relatie tussen de verdachten kan niet worden geduid als “een vorm van "
            "detachering”. Geen sprake is van een driepartijen-overeenkomst tussen SNSPF, "
            "verdachte en (één van) de medeverdachten.")
    assert _sents(text, "pipeline")[1].startswith("Geen sprake is van")


@pytest.mark.parametrize("tokenizer", TOKENIZERS)
def test_quoted_sentence_ends_inside_its_quote(tokenizer: str) -> None:
    # Real witness statements (GHARL 21-001005-16; RBMNE 16/653878-13).
    assert _sents("De man vroeg mij: “Weet je hoeveel?” De man trok mij toen aan mijn "
                  "linkerarm overeind.", tokenizer) == [
        "De man vroeg mij: “Weet je hoeveel?”",
        "De man trok mij toen aan mijn linkerarm overeind."]
    first = _sents("De jongen zei tegen [aangever 3]: “Haal je zakken leeg.” De jongen haalde "
                   "de zakken van [aangever 3] leeg en had een Ipod in zijn handen.", tokenizer)[0]
    assert first == "De jongen zei tegen [aangever 3]: “Haal je zakken leeg.”"
    assert _sents('Hij zei: "Ik ga." De rechtbank oordeelt.', tokenizer) == [
        'Hij zei: "Ik ga."', "De rechtbank oordeelt."]


@pytest.mark.parametrize("tokenizer", TOKENIZERS)
def test_quote_or_bracket_without_sentence_end_runs_on(tokenizer: str) -> None:
    # lower case follows; an abbreviation inside the brackets
    for text in ("Hij noemde het “werk.” en ging door.",
                 "Zie (art. 273f Sr.) De rechtbank acht dit bewezen."):
        assert len(_sents(text, tokenizer)) == 1
