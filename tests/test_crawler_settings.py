"""The crawler's defaults are polite to the real API, on every way in (`vonnis crawl`,
`python -m crawler.run`, `scrapy crawl`): well under 10 requests/s, no bursts, AutoThrottle,
bounded retries with capped backoff, a User-Agent that names the client."""

from __future__ import annotations

import inspect

from scrapy.settings import Settings

from crawler import crawl_cli, settings
from crawler.run import CrawlSettings
from vonnis import __version__


def _check_polite(s: Settings) -> None:
    delay = s.getfloat("DOWNLOAD_DELAY")
    assert delay >= 1 / 6  # at most ~5 requests/s to the host, all requests together
    assert s.getfloat("DOWNLOAD_DELAY_JITTER", 0) == 0 and not s.getbool(
        "RANDOMIZE_DOWNLOAD_DELAY")  # a jittered delay would burst above the ceiling
    assert s.getbool("AUTOTHROTTLE_ENABLED")
    assert s.getfloat("AUTOTHROTTLE_START_DELAY") >= delay
    assert s.getbool("RETRY_ENABLED") and 1 <= s.getint("RETRY_TIMES") <= 10
    assert {429, 500, 502, 503, 504} <= {int(c) for c in s.getlist("RETRY_HTTP_CODES")}
    assert s.getfloat("VONNIS_BACKOFF_MAX") <= 120 and s.getfloat("VONNIS_RETRY_AFTER_MAX") <= 900
    assert s.getdict("DOWNLOADER_MIDDLEWARES")["crawler.middlewares.BackoffRetryMiddleware"]
    assert s.get("USER_AGENT").startswith(f"vonnis/{__version__} (+")


def test_project_settings_are_polite() -> None:  # what `scrapy crawl rechtspraak` reads
    project = Settings()
    project.setmodule(settings, priority="project")
    _check_polite(project)
    assert settings.DEFAULT_RATE < 10


def test_crawl_defaults_are_polite() -> None:  # `python -m crawler.run` without options
    _check_polite(CrawlSettings().build())


def test_vonnis_crawl_defaults_are_polite() -> None:
    import typer

    app = typer.Typer()
    crawl_cli.register(app)
    command = next(c for c in app.registered_commands if c.callback.__name__ == "crawl")
    defaults = {name: p.default for name, p in
                inspect.signature(command.callback).parameters.items()}
    assert 0 < defaults["rate"] < 10
    _check_polite(CrawlSettings(rate=defaults["rate"], timeout=defaults["timeout"],
                                retries=defaults["retries"]).build())


def test_contact_goes_into_the_user_agent() -> None:
    built = CrawlSettings(contact="https://example.org/vonnis").build()
    assert built.get("USER_AGENT") == f"vonnis/{__version__} (+https://example.org/vonnis)"
    assert settings.user_agent(None).startswith(f"vonnis/{__version__} (+")
