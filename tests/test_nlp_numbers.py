"""Dutch numbers, durations and amounts (nlp.numbers)."""

from __future__ import annotations

import pytest

from nlp.numbers import money_in, parse_duration, parse_number, parse_number_word


@pytest.mark.parametrize("word,value", [
    ("tweeënveertig", 42), ("vierentwintig", 24), ("anderhalf", 1.5), ("één", 1),
    ("achttien", 18), ("honderdzevenendertig", 137), ("tweehonderdvijftien", 215),
    ("vijftienduizend tweehonderdveertig", 15240), ("drieënzeventig", 73),
    ("honderdtweeënnegentig", 192), ("twaalf", 12),
])
def test_number_words(word: str, value: float) -> None:
    assert parse_number_word(word) == value


def test_not_a_number_word() -> None:
    assert parse_number_word("gevangenisstraf") is None
    assert parse_number_word("en") is None


@pytest.mark.parametrize("text,days", [
    ("42 (tweeënveertig) maanden", 1260), ("1 jaar en 6 maanden", 545), ("drie jaren", 1095),
    ("4 (vier) weken", 28), ("twee (2) dagen", 2), ("anderhalf jaar", 547.5),
    ("192 (zegge: honderdtweeënnegentig) dagen", 192), ("12 (TWAALF) JAREN", 4380),
])
def test_durations_in_days(text: str, days: float) -> None:
    d = parse_duration(text)
    assert d is not None and d.days == days


def test_hours() -> None:
    d = parse_duration("200 (tweehonderd) uren")
    assert d is not None and d.hours == 200 and d.days is None


def test_digits_win_over_words() -> None:
    assert parse_number("42 (tweeënveertig)") == 42


def test_money() -> None:
    text = ("€ 15.240,- en € 3.873,19 en drieduizend achthonderddrieënzeventig euro en negentien "
            "cent en €395,00")
    assert [v for v, _s, _e in money_in(text)] == [15240, 3873.19, 3873.19, 395]
