"""The search contract's pure parts: query syntax, analysis, filters, records, highlights."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from index.analysis import (
    DUTCH_STOP_WORDS,
    STEMMER_ALGORITHM,
    analyze_field,
    exact_tokens,
    stem,
    stemmed_tokens,
    tokenize,
)
from index.highlight import highlights, match_spans
from index.query import (
    FilterError,
    Filters,
    SearchQuery,
    SearchResult,
    article_paths,
    normalize_article,
    parse_filters,
)
from index.querysyntax import (
    All,
    AnyOf,
    Exclude,
    Phrase,
    Prefix,
    QuerySyntaxError,
    Term,
    parse_query,
    positive_leaves,
)
from index.records import build_record
from vonnis.models import Classification, Court, CourtLevel, Document, StoredDocument

# A real sentence (ECLI:NL:HR:2019:40, inhoudsindicatie) for analysis and highlighting.
REAL = ("Voortgezette handeling van medeplegen mensenhandel m.b.t. persoon onder 16 jaren, "
        "medeplegen mensenhandel m.b.t. persoon onder 18 jaren en medeplegen mensenhandel door "
        "samen met haar man minderjarig nichtje uit Turkije illegaal in huis te nemen")


def t(word: str) -> Term:
    return Term(stem(word.lower()), word)


# -- query syntax -------------------------------------------------------------------------


@pytest.mark.parametrize(("q", "expected"), [
    ("", None),
    ("   ", None),
    ("mensenhandel", t("mensenhandel")),
    ("Uitbuiting uitgebuit", All((t("Uitbuiting"), t("uitgebuit")))),
    ('"gedwongen prostitutie"', Phrase(("gedwongen", "prostitutie"), "gedwongen prostitutie")),
    ('"Van De Verdachte"', Phrase(("van", "de", "verdachte"), "Van De Verdachte")),
    ("uitbuit*", Prefix("uitbuit", "uitbuit*")),
    ("loverboy OR pooier", AnyOf((t("loverboy"), t("pooier")))),
    ("minderjarig loverboy OR pooier",
     All((t("minderjarig"), AnyOf((t("loverboy"), t("pooier")))))),
    ("-vrijspraak", All((Exclude(t("vrijspraak")),))),
    ("NOT vrijspraak", All((Exclude(t("vrijspraak")),))),
    ("mensenhandel -vrijspraak", All((t("mensenhandel"), Exclude(t("vrijspraak"))))),
    ("a1 AND b1", All((t("a1"), t("b1")))),
    ("(arbeid OR dwang) uitbuiting",
     All((AnyOf((t("arbeid"), t("dwang"))), t("uitbuiting")))),
    ("-(arbeid OR dwang)", All((Exclude(AnyOf((t("arbeid"), t("dwang")))),))),
    ("loverboy-methode", Phrase(("loverboy", "methode"), "loverboy-methode")),
    ("ECLI:NL:HR:2019:40", Phrase(("ecli:nl:hr", "2019", "40"), "ECLI:NL:HR:2019:40")),
    ("de van het", None),  # stop words only: every document
    ("de mensenhandel", t("mensenhandel")),
    ("de OR mensenhandel", t("mensenhandel")),
    ("273f", Term("273f", "273f")),
    ("art. 273f", All((Term("art", "art."), Term("273f", "273f")))),
    ("(a1 OR (b1 OR c1))", AnyOf((t("a1"), t("b1"), t("c1")))),
    ("a1 (b1 c1)", All((t("a1"), t("b1"), t("c1")))),
])
def test_parse_and_analyse(q: str, expected: object) -> None:
    assert parse_query(q) == expected


@pytest.mark.parametrize(("q", "message", "position"), [
    ('"gedwongen prostitutie', "unclosed quote", 0),
    ("(loverboy OR pooier", "unbalanced '('", 0),
    ("loverboy)", "unbalanced ')'", 8),
    ("OR loverboy", "OR needs a word before it", 0),
    ("loverboy OR", "OR needs a word after it", 9),
    ("loverboy OR OR pooier", "OR needs a word after it", 9),
    ("AND loverboy", "AND needs a word before it", 0),
    ("mens*handel", "* only works at the end of a word", 4),
    ('"gedwongen prostitutie"*', "not after a phrase", 23),
    ("*", "needs the start of a word", 0),
    ("u*", "at least 2 letters", 0),
    ("ECLI:NL:HR:20*", "single word", 0),
    ("loverboy OR -pooier", "cannot be an OR alternative", 12),
    ("loverboy OR (-pooier -souteneur)", "cannot be an OR alternative", 13),
    ("()", "empty group", 0),
    ('""', "empty phrase", 0),
    ("--loverboy", "double exclusion", 1),
    ("NOT", "nothing to exclude", 0),
    ("-(a1 -b1)", "cannot contain another exclusion", 0),
])
def test_syntax_errors_name_the_problem_and_position(q: str, message: str,
                                                     position: int) -> None:
    with pytest.raises(QuerySyntaxError) as info:
        parse_query(q)
    assert message in str(info.value)
    assert info.value.position == position
    assert f"position {position + 1}" in str(info.value)
    assert info.value.pointer().splitlines()[1] == " " * position + "^"


def test_positive_leaves_skip_exclusions() -> None:
    tree = parse_query('mensenhandel -vrijspraak "gedwongen arbeid" uitbuit*')
    assert positive_leaves(tree) == [t("mensenhandel"), Phrase(("gedwongen", "arbeid"),
                                     "gedwongen arbeid"), Prefix("uitbuit", "uitbuit*")]


# -- analysis ---------------------------------------------------------------------------------


def test_tokenizer_follows_lucene_standard_tokenizer() -> None:
    text = ("ECLI:NL:HR:2019:40 art. 273f lid 1 sub 1° Sr; 's-Hertogenbosch, auto's, o.a. "
            "€ 1.000,50 en mensen\u00adhandel İSTANBUL")
    assert exact_tokens(text) == [
        "ecli:nl:hr", "2019", "40", "art", "273f", "lid", "1", "sub", "1", "sr", "s",
        "hertogenbosch", "auto's", "o.a", "1.000,50", "en", "mensen\u00adhandel", "istanbul"]
    for token in tokenize(text):
        assert text[token.start:token.end].lower().replace("i̇", "i") == token.text


def test_stop_words_are_snowballs_dutch_list() -> None:
    assert len(DUTCH_STOP_WORDS) == 101
    assert {"de", "van", "het", "een", "niet", "zijn", "andere", "geweest"} <= DUTCH_STOP_WORDS
    assert "mensenhandel" not in DUTCH_STOP_WORDS


def test_stemmer_is_porters_dutch_as_in_lucene() -> None:
    # Lucene 10.5.1's DutchStemmer = Snowball's original (Porter) Dutch (index/ANALYSIS.md)
    assert STEMMER_ALGORITHM == "dutch_porter"
    assert stem("uitbuiting") == stem("uitbuiten") == "uitbuit"
    assert stem("slachtoffers") == stem("slachtoffer")
    assert stem("minderjarige") == stem("minderjarigen")
    assert stem("aanbeveling") == "aanbevel"  # the new Snowball 3 `dutch` gives "aanbeveel"


def test_analyze_field_gives_stemmed_and_exact_streams() -> None:
    stemmed, exact = analyze_field(REAL)
    assert exact[:4] == ["voortgezette", "handeling", "van", "medeplegen"]
    assert "van" not in stemmed and "mensenhandel" in stemmed
    assert stemmed == stemmed_tokens(REAL)
    assert analyze_field("") == ([], [])


# -- filters and query model --------------------------------------------------------------


def test_parse_filters() -> None:
    f = parse_filters(["court=rbams", "court=GHARL", "year=2015..2020", "year=2012",
                       "trafficking=ja", "articles=Art. 273f, lid 1", "prison_days=730..",
                       "unconditional_prison_days=..365", "decision_date=2018-01-01..",
                       "has_compensation=false", "court_level=hof"])
    assert f.court == ["RBAMS", "GHARL"]
    assert (f.year_from, f.year_to, f.year) == (2015, 2020, [2012])
    assert f.trafficking is True and f.has_compensation is False
    assert f.articles == ["273f lid 1"]
    assert (f.prison_days_min, f.prison_days_max) == (730, None)
    assert f.unconditional_prison_days_max == 365
    assert f.decision_date_from == dt.date(2018, 1, 1) and f.decision_date_to is None
    assert [lv.value for lv in f.court_level] == ["hof"]


@pytest.mark.parametrize(("pairs", "message"), [
    (["foo=1"], "unknown filter key 'foo'"),
    (["court"], "is not key=value"),
    (["court="], "has no value"),
    (["year=abc"], "year"),
    (["year=.."], "at least one bound"),
    (["year=2020..2015"], "after year_to"),
    (["trafficking=misschien"], "not true or false"),
    (["court_level=kantonrechter"], "court_level"),
    (["decision_date=2020-13-01.."], "decision_date_from"),
    (["prison_days=-5.."], "prison_days_min"),
])
def test_bad_filters_say_which_and_why(pairs: list[str], message: str) -> None:
    with pytest.raises(FilterError, match=None) as info:
        parse_filters(pairs)
    assert message in str(info.value)


def test_query_limits() -> None:
    assert SearchQuery(page=100, size=100).offset == 9900
    with pytest.raises(ValidationError, match="page \\* size may not exceed 10000"):
        SearchQuery(page=101, size=100)
    with pytest.raises(ValidationError):
        SearchQuery(size=101)
    with pytest.raises(ValidationError):
        SearchQuery(page=0)
    with pytest.raises(ValidationError):
        SearchQuery(facets=["judge"])  # type: ignore[list-item]
    with pytest.raises(ValidationError):
        SearchQuery(sort="random")  # type: ignore[arg-type]


def test_facet_filters_are_left_out_of_their_own_facet() -> None:
    f = Filters(court=["HR"], year=[2020], articles=["273f"])
    assert f.without("court") == Filters(year=[2020], articles=["273f"])
    assert f.without(None) == f


def test_articles_normalise_and_match_by_prefix() -> None:
    assert normalize_article("Art. 273f, lid 1, sub 1°") == "273f lid 1 sub 1"
    assert normalize_article("artikel 273F  lid 2") == "273f lid 2"
    assert article_paths("273f lid 1 sub 1") == ["273f", "273f lid 1", "273f lid 1 sub 1"]
    assert "273f lid 1" not in article_paths("273f lid 10")


def test_result_json_shape() -> None:
    shape = SearchResult(total=0).to_json()
    assert list(shape) == ["total", "hits", "facets", "took_ms"]


# -- records -------------------------------------------------------------------------------


def _stored(text: str = REAL, summary: str | None = "Mensenhandel.") -> StoredDocument:
    now = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    doc = Document(ecli="ECLI:NL:HR:2019:40", court=Court(name="Hoge Raad", code="hr",
                   level=CourtLevel.hoge_raad), decision_date=dt.date(2019, 1, 15),
                   procedures=["Cassatie"], summary=summary, text=text)
    return StoredDocument(document=doc, content_hash="abc", first_seen=now, last_seen=now,
                          classification=Classification(trafficking=True, classifier_version="t"))


def test_record_from_an_nlp_extraction_result() -> None:
    models = pytest.importorskip("nlp.models")
    extraction = models.ExtractionResult(
        outcome="conviction", convicted_of_trafficking=True,
        articles=[models.Article(article="273f", text="273f lid 1 sub 1", charged=True,
                                 proven=True),
                  models.Article(article="2", law="Opiumwet", text="2 onder B", charged=True),
                  models.Article(article="273f", text="273f lid 1 sub 4", acquitted=True)],
        prison_days_total=730.0, prison_days_suspended=180.0,
        exploitation_types=["sexual", "labour"], minor_victim=True,
        compensation_eur_total=1500.0,
    ).model_dump(mode="json")
    record = build_record(_stored(), extraction)
    assert record.court_code == "HR" and record.year == 2019 and record.trafficking is True
    assert record.outcome == "conviction" and record.convicted_of_trafficking is True
    assert record.articles == ["273f lid 1 sub 1", "273f lid 1 sub 4", "opiumwet 2 onder b"]
    assert "273f" in record.article_paths and "273f lid 1" in record.article_paths
    assert "2" not in record.article_paths
    assert (record.prison_days_total, record.prison_days_suspended,
            record.unconditional_prison_days) == (730, 180, 550)
    assert record.exploitation_types == ["labour", "sexual"]
    assert record.minor_victim is True and record.has_compensation is True


def test_record_without_extraction_leaves_extraction_fields_unknown() -> None:
    record = build_record(_stored(), None)
    assert record.outcome is None and record.articles == [] and record.has_compensation is None
    assert record.unconditional_prison_days is None
    empty = build_record(_stored(), {"prison_days_total": 365, "compensation_eur_total": None})
    assert empty.unconditional_prison_days == 365 and empty.has_compensation is False
    assert build_record(_stored(), None).record_hash == record.record_hash
    assert build_record(_stored(text=REAL + " x"), None).record_hash != record.record_hash


# -- highlights -----------------------------------------------------------------------------


def test_highlights_point_into_the_plain_text() -> None:
    tree = parse_query('mensenhandel "haar man" minderjarig* -vrijspraak')
    found = highlights(REAL, tree, fragment_chars=80)
    assert found
    for fragment in found:
        assert REAL[fragment.start:fragment.end] == fragment.text
        for start, end in fragment.matches:
            assert fragment.start <= start < end <= fragment.end
    words = {REAL[s:e] for _, (s, e) in [(None, m) for f in found for m in f.matches]}
    assert {"mensenhandel", "haar man", "minderjarig"} <= words
    spans = match_spans(REAL, tree)
    assert [REAL[s:e] for s, e, _ in spans].count("mensenhandel") == 3
    assert highlights(REAL, parse_query("-mensenhandel")) == []
    assert highlights(REAL, None) == []
