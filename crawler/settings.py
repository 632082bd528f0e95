"""Scrapy settings of the vonnis crawler (`scrapy crawl rechtspraak` reads this via scrapy.cfg).

Polite by default: at most DEFAULT_RATE requests per second to the API host (a fixed
DOWNLOAD_DELAY without jitter is the ceiling, AutoThrottle slows down further when the server
gets slow), retries with exponential backoff on 429/5xx/timeouts that honour Retry-After, and
a User-Agent that names vonnis and a contact. `rate_settings(0)` removes every limit (for the
benchmark against the local replay server only).
"""

from __future__ import annotations

import os
from typing import Any

from vonnis import __version__

BOT_NAME = "vonnis"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

DEFAULT_RATE = 5.0  # requests per second, all requests to the API host together
# The project has no public address yet: say so rather than invent one. Operators set theirs
# with --contact (or VONNIS_CONTACT), e.g. an e-mail address or a project URL.
DEFAULT_CONTACT = "no contact set: use --contact or VONNIS_CONTACT"


def user_agent(contact: str | None = None) -> str:
    contact = contact or os.environ.get("VONNIS_CONTACT") or DEFAULT_CONTACT
    return f"vonnis/{__version__} (+{contact})"


USER_AGENT = user_agent()
ROBOTSTXT_OBEY = False  # an Open Data API meant for programs; politeness is the rate below
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_LEVEL = "INFO"

# Rate: one request per DOWNLOAD_DELAY per host; concurrency only lets slow responses overlap.
DOWNLOAD_DELAY = 1.0 / DEFAULT_RATE
DOWNLOAD_DELAY_JITTER = 0  # a jittered delay would burst above the ceiling half the time
RANDOMIZE_DOWNLOAD_DELAY = False  # the same, for Scrapy < 2.19
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_TIMEOUT = 60

AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = DOWNLOAD_DELAY  # the default 5 s would take minutes to come down
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

RETRY_ENABLED = True
RETRY_TIMES = 6
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
# Backoff without Retry-After: BACKOFF_BASE * 2**(attempt-1), capped, +-25 % jitter.
VONNIS_BACKOFF_BASE = 1.0
VONNIS_BACKOFF_MAX = 60.0
VONNIS_RETRY_AFTER_MAX = 600.0  # a longer Retry-After is capped (and logged)
# A content response with status 200 but an empty body or an HTML page instead of XML is
# asked again this many times (at most RETRY_TIMES) before it counts as a failed fetch.
VONNIS_BAD_BODY_RETRIES = 2

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
}
ITEM_PIPELINES = {
    "crawler.pipelines.ParsePipeline": 100,
    "crawler.pipelines.ClassifyPipeline": 200,
    "crawler.pipelines.StorePipeline": 300,
}
EXTENSIONS = {
    "crawler.progress.Progress": 500,
}
VONNIS_PROGRESS_INTERVAL = 10.0  # seconds between progress lines
LOGSTATS_INTERVAL = 0  # replaced by the progress lines

# Items are written one by one in the pipeline (one transaction each); keep few in flight.
CONCURRENT_ITEMS = 16
# Worker processes for parsing and classifying (0: inline). Worth it only without a rate
# limit: at 5 requests/s one core parses hundreds of documents a second.
VONNIS_PARSE_WORKERS = 0


def rate_settings(rate: float) -> dict[str, Any]:
    """Settings for at most `rate` requests/s to the API host; 0 means no limit at all."""
    if rate < 0:
        raise ValueError("rate must be >= 0")
    if rate == 0:
        return {
            "DOWNLOAD_DELAY": 0,
            "AUTOTHROTTLE_ENABLED": False,
            "CONCURRENT_REQUESTS": 32,
            "CONCURRENT_REQUESTS_PER_DOMAIN": 32,
            # The Scrapy process itself keeps one core busy: leave it one (measured on 2 cores:
            # 1 worker 89 docs/s, 2 workers 78 docs/s).
            "VONNIS_PARSE_WORKERS": max(1, (os.cpu_count() or 1) - 1),
        }
    delay = 1.0 / rate
    return {
        "DOWNLOAD_DELAY": delay,
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": delay,
        "CONCURRENT_REQUESTS": 8,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 4,
    }


def crawl_settings(
    *,
    rate: float | None = None,
    contact: str | None = None,
    timeout: float | None = None,
    retries: int | None = None,
    log_level: str | None = None,
    workers: int | None = None,
) -> dict[str, Any]:
    """The settings a crawl's options override (None: keep the project default)."""
    out: dict[str, Any] = {}
    if rate is not None:
        out.update(rate_settings(rate))
    if workers is not None:
        out["VONNIS_PARSE_WORKERS"] = workers
    if contact is not None:
        out["USER_AGENT"] = user_agent(contact)
    if timeout is not None:
        out["DOWNLOAD_TIMEOUT"] = timeout
    if retries is not None:
        out["RETRY_TIMES"] = retries
    if log_level is not None:
        out["LOG_LEVEL"] = log_level.upper()
    return out
