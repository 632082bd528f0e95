"""The pipeline: config, registered components, the transformer hook, sections."""

from __future__ import annotations

from spacy.language import Language

from nlp.extract import extract, make_doc, result_from_doc
from nlp.pipeline import PIPELINE_VERSION, build, pipeline_version
from nlp.sections import classify_heading, find_sections


def test_pipeline_from_config() -> None:
    nlp = build()
    assert nlp.lang == "nl"
    assert nlp.pipe_names[:2] == ["vonnis_sections", "vonnis_sentences"]
    assert "vonnis_exploitation" in nlp.pipe_names
    assert pipeline_version(nlp) == PIPELINE_VERSION


def test_model_predictions_win_over_rules() -> None:
    """The transformer factory sets doc._.model_exploitation_types; the rule component must
    use them (the rules stay as evidence)."""
    nlp = build()

    @Language.component("fake_exploitation_model")
    def fake(doc):  # type: ignore[no-untyped-def]
        doc._.model_exploitation_types = ["labour"]
        doc._.model_scores = {"labour": 0.9}
        doc._.model_exploitation_spans = {"labour": {"start": 18, "end": 60, "score": 0.9,
                                                     "source": "text"}}
        return doc

    nlp.add_pipe("fake_exploitation_model", before="vonnis_exploitation")
    text = ("Bewezenverklaring\nverdachte heeft [slachtoffer 1] met het oogmerk van uitbuiting "
            "geworven en haar in de prostitutie laten werken (mensenhandel).\n")
    doc = nlp(make_doc(nlp, text, {"court_level": "rechtbank"}))
    result = result_from_doc(doc)
    assert result.exploitation_types == ["labour"]
    assert any((e.label, e.start, e.end) == ("labour", 18, 60)
               for e in result.evidence["exploitation_types"])


def test_rules_alone_find_sexual_exploitation() -> None:
    text = ("Bewezenverklaring\nverdachte heeft [slachtoffer 1] met het oogmerk van uitbuiting "
            "geworven en haar in de prostitutie laten werken (mensenhandel).\n")
    assert extract(text, meta={"court_level": "rechtbank"}).exploitation_types == ["sexual"]


def test_statutory_definition_is_not_a_form_of_exploitation() -> None:
    # The definition every 273f indictment copies (art. 273f lid 2 Sr).
    text = ("Bewezenverklaring\nverdachte heeft [slachtoffer 1] geworven met het oogmerk van "
            "uitbuiting (mensenhandel). Uitbuiting omvat ten minste uitbuiting van een ander in de "
            "prostitutie, andere vormen van seksuele uitbuiting, gedwongen of verplichte arbeid of "
            "diensten, met inbegrip van bedelarij, slavernij, met slavernij of dienstbaarheid te "
            "vergelijken praktijken, gedwongen criminele activiteiten en de verwijdering van "
            "organen.\n")
    assert extract(text, meta={"court_level": "rechtbank"}).exploitation_types == []


def test_heading_classification() -> None:
    assert classify_heading("10 Beslissing") == "decision"
    assert classify_heading("De uitspraak") == "decision"
    assert classify_heading("8.1 De eis van de officier van justitie") == "demand"
    assert classify_heading("De vordering van de advocaat-generaal") == "demand"
    assert classify_heading("Vordering van de benadeelde partij [benadeelde 1]") == "victim_claim"
    assert classify_heading("Toepasselijke wettelijke voorschriften") == "law"
    assert classify_heading("Motivering van de straffen en maatregelen") == "sentencing"
    assert classify_heading("De strafbaarheid van het feit") == "qualification"
    assert classify_heading("Bewezenverklaring") == "proven"
    assert classify_heading("Tenlastelegging") == "indictment"
    assert classify_heading("beslissing ten aanzien van de voorlopige hechtenis") is None


def test_inline_and_line_headings() -> None:
    text = "10 .Beslissing  De rechtbank: verklaart bewezen dat ..."
    assert [s.label for s in find_sections(text)] == ["decision"]
    text = ("Tenlastelegging\nAan verdachte is ten laste gelegd dat hij ...\nBewezenverklaring\n"
            "Het hof acht bewezen dat ...\nBeslissing\nHet hof:\nBeslag\nverklaart verbeurd ...\n")
    assert [s.label for s in find_sections(text)] == ["indictment", "proven", "decision"]
