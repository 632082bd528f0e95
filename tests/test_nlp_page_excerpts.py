"""Excerpts of trafficking decisions as the public web pages show them (tests/gold/pages_fresh/,
collected and coded blind in the seventh session; court text only): the page's own layout
("Uitspraak" as the first line, an excerpt appended after "[…]"), and the rules their first
run showed missing. Each case names its file."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from nlp.components.victims import ages_by_birth_year
from nlp.extract import extract
from nlp.inputs import load
from nlp.models import ExtractionResult
from nlp.pipeline import build
from nlp.sections import headings_in_text
from tests.feed_entries import feed, needs_feeds

PAGES = Path(__file__).parent / "gold" / "pages_fresh"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build()


def run(nlp: Language, name: str) -> ExtractionResult:
    text, meta = load(PAGES / f"{name}.json")
    return extract(text, nlp=nlp, meta=meta)


def test_the_page_title_is_no_decision_section(nlp: Language) -> None:
    # HR 2025:498 begins "Uitspraak\n\nHOGE RAAD DER NEDERLANDEN\nSTRAFKAMER ..." and stops in
    # the procesverloop: nothing is decided in the excerpt, so no measure is "not imposed".
    text, _ = load(PAGES / "ECLI_NL_HR_2025_498.json")
    assert not [h for h in headings_in_text(text) if h[1] == "decision"]
    r = run(nlp, "ECLI_NL_HR_2025_498")
    assert (r.outcome, r.tbs, r.isd, r.juvenile) == (None, None, None, None)
    assert r.defendant_birth_year == 1968


def test_a_decision_heading_later_in_the_text_still_counts() -> None:
    text = "Uitspraak\n\nRECHTBANK MIDDEN-NEDERLAND\n...\nBESLISSING\nDe rechtbank:\n"
    assert [h[1] for h in headings_in_text(text)] == ["decision"]


def test_an_appended_excerpt_that_starts_with_the_page_title(nlp: Language) -> None:
    # GHSHE 2012:BX0599: the second excerpt reads "Uitspraak Parketnummer : 20-003804-11
    # Uitspraak : 6 juli 2012 ..."; the summary states the decision: "Het hof veroordeelt de
    # verdachte wegens het meermalen plegen van mensenhandel tot een gevangenisstraf voor de
    # duur van 36 maanden."
    r = run(nlp, "ECLI_NL_GHSHE_2012_BX0599")
    assert (r.outcome, r.convicted_of_trafficking, r.prison_days_total) == \
        ("conviction", True, 1080)
    assert r.exploitation_types == ["labour"]
    assert r.defendant_birth_year == 1963


def test_a_means_in_the_defences_view_is_no_finding(nlp: Language) -> None:
    # BX0599's summary: "de opvatting die de verdediging klaarblijkelijk aanhangt, namelijk dat
    # mensenhandel een situatie veronderstelt waarbij ... “enforced deportation” (gedwongen
    # aanlevering), vindt geen steun in het recht. 2.) De verdachte heeft buitenlandse
    # werknemers geworven ... door misbruik te maken van hun kwetsbare positie of het overwicht"
    r = run(nlp, "ECLI_NL_GHSHE_2012_BX0599")
    assert r.coercive_means == ["abuse_of_dominance", "abuse_of_vulnerable_position"]


def test_part_suspended_with_a_proeftijd_and_the_other_offences_listed(nlp: Language) -> None:
    # OGHACMB 2017:200 (Caribbean hof): "vrijgesproken van de ten laste gelegde vrouwenhandel.
    # De overige feiten ... (kort gezegd: ambtelijke omkoping, gebruikmaken vervalst geschrift,
    # belastingontduiking en witwassen), zijn daarentegen opnieuw bewezen verklaard. De
    # verdachte is daarvoor veroordeeld tot een gevangenisstraf van 32 maanden waarvan 12
    # maanden met een proeftijd van 3 jaren."
    r = run(nlp, "ECLI_NL_OGHACMB_2017_200")
    assert (r.outcome, r.convicted_of_trafficking) == ("partial", False)
    assert (r.prison_days_total, r.prison_days_suspended, r.probation_years) == (960, 360, 3)
    assert [(c.type, c.label) for c in r.co_offences] == [
        ("bribery", "ambtelijke omkoping"), ("fraud", "gebruikmaken vervalst geschrift"),
        ("tax_fraud", "belastingontduiking"), ("money_laundering", "witwassen")]
    # vrouwenhandel is the old (and the Caribbean) name of trafficking for prostitution
    assert r.exploitation_types == ["sexual"]
    assert r.coercive_means == []  # acquitted of it


def test_an_excerpt_that_names_the_act_in_the_laws_words(nlp: Language) -> None:
    # PHR 2013:754, paragraphs 7-10 only: "het aanwerven en/of medenemen van de in de
    # tenlastelegging genoemde vier vrouwen met het oogmerk om die vrouwen er in Nederland toe
    # te brengen zich beschikbaar te stellen tot het verrichten van seksuele handelingen met of
    # voor een derde tegen betaling"; the word "mensenhandel" never occurs.
    r = run(nlp, "ECLI_NL_PHR_2013_754")
    assert r.exploitation_types == ["sexual"]
    assert r.outcome is None


def test_a_denied_means_is_none(nlp: Language) -> None:
    # RBZWB 2019:6020, the defence's view under "De beoordeling van het bewijs": "Niet kan
    # worden bewezen dat sprake was van dwang." ... "dat zij niet is bedreigd".
    r = run(nlp, "ECLI_NL_RBZWB_2019_6020")
    assert "threat" not in r.coercive_means
    assert r.exploitation_types == ["labour"]


def test_a_wrong_view_of_the_law_quashes(nlp: Language) -> None:
    # HR 2013:675 (summary only): "OM-cassatie. ... dat oordeel berust op een verkeerde
    # rechtsopvatting." The prosecutor's appeal against the acquittal succeeds.
    assert run(nlp, "ECLI_NL_HR_2013_675").outcome == "other"


def test_quashed_only_on_the_claim_and_the_measure(nlp: Language) -> None:
    # HR 2024:1151 (summary only): "Mensenhandel m.b.t. vrouw in prostitutie (art. 273f.1 Sr).
    # 1. Vordering benadeelde partij. ... 2. Oplegging vrijheidsbeperkende maatregel ... Ad 1.
    # HR: Middel slaagt ...": what succeeds touches neither the proof nor the conviction.
    r = run(nlp, "ECLI_NL_HR_2024_1151")
    assert (r.outcome, r.convicted_of_trafficking) == ("other", True)


def test_an_adult_victim_by_her_year_of_birth(nlp: Language) -> None:
    # PHR 2024:575 quotes the proven fact: "hij in de periode van 1 maart 2009 tot en met 31
    # januari 2015 ... een ander, te weten [slachtoffer] (geboren [geboortedatum] 1984)".
    r = run(nlp, "ECLI_NL_PHR_2024_575")
    assert r.minor_victim is False
    assert [e.text for e in r.evidence["minor_victim"]] == ["1984"]


def test_a_minor_victim_by_her_year_of_birth(nlp: Language) -> None:
    # The pseudonymised form of NOECLI_RBMNE_2015 ("[slachtoffer] (geboren op [1998] )"), in
    # a proven fact of 2014; the fact itself, not the words "minderjarig", gives the age here.
    text = ("dat hij in de periode van 1 juni 2014 tot en met 15 augustus 2014 te Utrecht "
            "[slachtoffer] (geboren op [1998] ) heeft geworven")
    minors, adults = ages_by_birth_year(text, [(0, len(text))])
    assert [text[s:e] for s, e in minors] == ["1998"] and adults == []


@needs_feeds
def test_a_dismissed_appeal_leaves_the_questioned_finding_standing(nlp: Language) -> None:
    # ECLI:NL:HR:2021:1114: "Medeplegen mensenhandel door 2 vrouwen uit Duitsland ... 1.
    # Bewijsklachten. Verkeerden vrouwen in kwetsbare positie a.b.i. art. 273f.6 Sr en is sprake
    # van uitbuiting? 2. Redelijke termijn in hoger beroep. HR: art. 81.1 RO."
    r = feed(nlp, 6000, "ECLI:NL:HR:2021:1114")
    assert r.outcome == "appeal_dismissed"
    assert r.coercive_means == ["abuse_of_vulnerable_position"]
