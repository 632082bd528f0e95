"""Sentence errors found by a sweep of the real summaries of the 2021 ECLI-index feeds
(../shared/corpus/opendata/feeds/*.atom; a Random(20261202) sample of 1,500 entries with a
summary, none in tests/gold/feed_*.jsonl). Each case is read with `load_feed_entry` from the
feed file named; the expected values follow tests/gold/README.md (a summary gives the sentence
only for one defendant's term of this court). The wording is quoted at each case.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from nlp.pipeline import build
from tests.feed_entries import feed, needs_feeds

pytestmark = needs_feeds


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build()


SENTENCE_KEYS = ("prison_days_total", "prison_days_suspended", "probation_years",
                 "detention_days", "community_service_hours", "fine_eur")


@pytest.mark.parametrize(("page", "ecli"), [
    # "De rechtbank heeft twee mannen van 56 en 58 jaar ... veroordeeld tot gevangenisstraffen
    # voor de duur van vijf jaar. Een derde 54-jarige man heeft de rechtbank ... veroordeeld tot
    # een voorwaardelijke gevangenisstraf voor de duur van één maand en een werkstraf van
    # honderdvijftig uur." (was community_service_hours 150)
    (5000, "ECLI:NL:RBGEL:2021:4353"),
    # "De rechtbank Overijssel veroordeelt vier leden van de inmiddels verboden motorclub
    # Satudarah tot jarenlange gevangenisstraffen ... Een 56-jarige man ... Hij krijgt de
    # hoogste gevangenisstraf: vijf jaar." (was prison 1825)
    (9000, "ECLI:NL:RBOVE:2021:4767"),
    # "uitspraak gedaan in de zaak van drie verdachten ... Een 33-jarige man is veroordeeld tot
    # een gevangenisstraf van 4 maanden. ... Zijn 24-jarige vriendin, ..." (was prison 120)
    (1, "ECLI:NL:RBGEL:2021:560"),
])
def test_several_defendants_with_different_terms_give_no_sentence(nlp: Language, page: int,
                                                                   ecli: str) -> None:
    r = feed(nlp, page, ecli)
    assert {k: getattr(r, k) for k in SENTENCE_KEYS} == dict.fromkeys(SENTENCE_KEYS)


@pytest.mark.parametrize(("page", "ecli", "prison"), [
    # "Twee verdachten veroordeeld tot 11 jaar gevangenisstraf voor medeplegen doodslag."
    (9000, "ECLI:NL:RBDHA:2021:11983", 4015),
    # "veroordeelt de rechtbank Overijssel twee Chileense mannen tot een gevangenisstraf van 5
    # maanden"
    (1, "ECLI:NL:RBOVE:2021:20", 150),
    # "Een groep van 8 mannen is veroordeeld tot celstraffen van 22 maanden" (a gold line of
    # feed_criminal_sample.jsonl, kept by the rule above)
    (8000, "ECLI:NL:RBOVE:2021:4578", 660),
])
def test_several_defendants_with_one_term_keep_it(nlp: Language, page: int, ecli: str,
                                                  prison: int) -> None:
    assert feed(nlp, page, ecli).prison_days_total == prison


def test_unconditional_part_equal_to_custody_leaves_the_total_unknown(nlp: Language) -> None:
    # 4000 ECLI:NL:RBNNE:2021:2906: "tot een gevangenisstraf waarbij het onvoorwaardelijk deel
    # gelijk is aan de duur van het voorarrest en een voorwaardelijke gevangenisstraf van 3
    # maanden" (was prison 90, all suspended)
    r = feed(nlp, 4000, "ECLI:NL:RBNNE:2021:2906")
    assert (r.prison_days_total, r.prison_days_suspended) == (None, None)


def test_partly_suspended_term_reads_its_waarvan(nlp: Language) -> None:
    # 1 ECLI:NL:RBLIM:2021:581: "een grotendeels voorwaardelijke gevangenisstraf (90 dagen
    # waarvan 89 dagen voorwaardelijk)" (was suspended 90)
    r = feed(nlp, 1, "ECLI:NL:RBLIM:2021:581")
    assert (r.prison_days_total, r.prison_days_suspended) == (90, 89)
    assert r.community_service_hours == 120


def test_digits_and_duizend(nlp: Language) -> None:
    # 1000 ECLI:NL:RBGEL:2021:1728: "een gevangenisstraf van 27 maanden en een geldboete van 10
    # duizend euro" (was fine 1000)
    r = feed(nlp, 1000, "ECLI:NL:RBGEL:2021:1728")
    assert (r.prison_days_total, r.fine_eur) == (810, 10000)


def test_hechtenis_after_a_slash_is_the_substitute(nlp: Language) -> None:
    # 10000 ECLI:NL:GHAMS:2021:4440: "taakstraf 60 uur/hechtenis 30 dagen, waarvan 30 uur/15 dagen
    # voorwaardelijk met een proeftijd van 2 jaar" (was detention_days 30: vervangende
    # hechtenis)
    r = feed(nlp, 10000, "ECLI:NL:GHAMS:2021:4440")
    assert r.detention_days is None
    assert (r.community_service_hours, r.community_service_hours_suspended) == (60, 30)


# Two amounts of the same unit are two terms, not one duration (nlp/numbers.py):
@pytest.mark.parametrize(("page", "ecli", "total", "suspended"), [
    # "Jeugddetentie 150 dagen, 70 dagen voorwaardelijk, proeftijd 2 jaar" (was 220 / 220)
    (2000, "ECLI:NL:RBMNE:2021:1731", 150, 70),
    # "Gevangenisstraf 9 maanden, 3 maanden voorwaardelijk" (was 360 / 360)
    (7000, "ECLI:NL:RBAMS:2021:6469", 270, 90),
])
def test_comma_separated_suspended_part(nlp: Language, page: int, ecli: str, total: int,
                                        suspended: int) -> None:
    r = feed(nlp, page, ecli)
    assert (r.prison_days_total, r.prison_days_suspended) == (total, suspended)


@pytest.mark.parametrize(("page", "ecli", "hours", "total", "suspended"), [
    # "een taakstraf van 240 uur en 120 dagen gevangenisstraf met aftrek waarvan 117 dagen
    # voorwaardelijk": the hours are the taakstraf's, the days the prison term's
    (1, "ECLI:NL:RBOBR:2021:609", 240, 120, 117),
    # "een taakstraf van 150 uur en drie maanden gevangenisstraf voorwaardelijk"
    (4000, "ECLI:NL:RBZWB:2021:3402", 150, 90, 90),
])
def test_a_taakstraf_and_a_prison_term_in_one_phrase(nlp: Language, page: int, ecli: str,
                                                     hours: int, total: int,
                                                     suspended: int) -> None:
    r = feed(nlp, page, ecli)
    assert r.community_service_hours == hours
    assert (r.prison_days_total, r.prison_days_suspended) == (total, suspended)


def test_respectievelijk_means_several_terms(nlp: Language) -> None:
    # 1 ECLI:NL:RBGEL:2021:388: "twee mannen veroordeeld tot 24 respectievelijk 18 maanden
    # gevangenisstraf, waarvan steeds 6 maanden voorwaardelijk" (was 540)
    assert feed(nlp, 1, "ECLI:NL:RBGEL:2021:388").prison_days_total is None


def test_a_wholly_unconditional_term_has_no_suspended_part(nlp: Language) -> None:
    # "Alles afwegend acht het hof oplegging van een geheel onvoorwaardelijke gevangenisstraf
    # voor de duur van drie weken passend en geboden." (feed_criminal_sample.jsonl)
    r = feed(nlp, 2000, "ECLI:NL:GHARL:2021:3442")
    assert (r.prison_days_total, r.prison_days_suspended) == (21, 0)
    assert r.evidence["prison_days_suspended"][0].text.startswith("onvoorwaardelijke")


def test_an_award_without_a_currency_sign(nlp: Language) -> None:
    # "Vordering benadeelde partij deels toegewezen tot een bedrag van 7500."
    # (feed_criminal_sample.jsonl)
    r = feed(nlp, 1, "ECLI:NL:RBMNE:2021:656")
    assert r.compensation_eur_total == 7500
    assert r.evidence["compensation_eur_total"][0].text == "7500"
