"""Retries with backoff that honour Retry-After (Scrapy's RetryMiddleware retries at once).

On a retryable status or network error the request is rescheduled (through Scrapy's own
`get_retry_request`, so RETRY_TIMES, stats and give-up logging stay standard) with a time
before which it may not be sent:
- the wait is Retry-After when the response has one (seconds or an HTTP date), otherwise
  exponential backoff: base * 2**(attempt-1), capped, with jitter;
- on 429 and 503 the whole host pauses that long (the server is speaking about all our
  traffic, not one URL); on other errors only the retried request waits.
`process_request` sleeps until both times have passed. It runs before the request enters the
downloader slot, so the sleep holds no transfer slot and the delay between requests stays.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import random
import time
from typing import TYPE_CHECKING, Any

from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import NotConfigured
from scrapy.utils.misc import load_object
from scrapy.utils.response import response_status_message

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Request, Response

logger = logging.getLogger(__name__)

NOT_BEFORE = "vonnis_not_before"  # request.meta: time.monotonic() before which not to send
HOST_WIDE = (429, 503)


def parse_retry_after(value: bytes | str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date."""
    if value is None:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if not text:
        return None
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


async def _sleep(seconds: float) -> None:
    try:
        from scrapy.utils.asyncio import is_asyncio_available
    except ImportError:  # Scrapy < 2.13
        from scrapy.utils.reactor import is_asyncio_reactor_installed as is_asyncio_available
    if is_asyncio_available():
        await asyncio.sleep(seconds)
        return
    from scrapy.utils.defer import maybe_deferred_to_future
    from twisted.internet import reactor
    from twisted.internet.task import deferLater

    await maybe_deferred_to_future(deferLater(reactor, seconds))


class BackoffRetryMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        if not settings.getbool("RETRY_ENABLED"):
            raise NotConfigured
        self.crawler = crawler
        self.max_retry_times = settings.getint("RETRY_TIMES")
        self.retry_http_codes = {int(x) for x in settings.getlist("RETRY_HTTP_CODES")}
        self.retry_after_max = settings.getfloat("VONNIS_RETRY_AFTER_MAX", 600.0)
        self.exceptions = tuple(load_object(x) if isinstance(x, str) else x
                                for x in settings.getlist("RETRY_EXCEPTIONS"))
        self.host_pause: dict[str, float] = {}  # host -> time.monotonic() of the pause end

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffRetryMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request, spider: Any = None) -> None:
        host = _host(request)
        while True:
            wait = max(self.host_pause.get(host, 0.0), request.meta.get(NOT_BEFORE, 0.0)) \
                - time.monotonic()
            if wait <= 0:
                return None
            # Loop: another 429 may extend the pause while this request sleeps.
            await _sleep(wait)

    def process_response(self, request: Request, response: Response, spider: Any = None
                         ) -> Request | Response:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        retry_after = parse_retry_after(response.headers.get(b"Retry-After"))
        if retry_after is not None and retry_after > self.retry_after_max:
            logger.warning("Retry-After %.0f s from %s capped to %.0f s", retry_after,
                           request.url, self.retry_after_max)
            retry_after = self.retry_after_max
        reason = response_status_message(response.status)
        return self._retry(request, reason, retry_after,
                           host_wide=response.status in HOST_WIDE) or response

    def process_exception(self, request: Request, exception: Exception, spider: Any = None
                          ) -> Request | None:
        if request.meta.get("dont_retry", False) or not isinstance(exception, self.exceptions):
            return None
        return self._retry(request, exception, None, host_wide=False)

    def _retry(self, request: Request, reason: Any, retry_after: float | None,
               host_wide: bool) -> Request | None:
        retry = retry_later(self.crawler, request, reason, retry_after,
                            request.meta.get("max_retry_times", self.max_retry_times))
        if retry is not None and host_wide:
            host = _host(request)
            self.host_pause[host] = max(self.host_pause.get(host, 0.0), retry.meta[NOT_BEFORE])
        return retry


def retry_later(crawler: Crawler, request: Request, reason: Any,
                retry_after: float | None = None, max_retry_times: int | None = None
                ) -> Request | None:
    """A copy of `request` to send again after a backoff, or None when retries are used up.

    Also for the spider: a 200 whose body is not what the endpoint serves (an HTML
    maintenance page, an empty body) is retried like a 5xx.
    """
    settings = crawler.settings
    spider = crawler.spider
    assert spider is not None
    retry = get_retry_request(
        request, spider=spider, reason=reason,
        max_retry_times=settings.getint("RETRY_TIMES") if max_retry_times is None
        else max_retry_times,
    )
    if retry is None:
        return None
    attempt = int(retry.meta.get("retry_times", 1))
    if retry_after is not None:
        wait = retry_after
    else:
        base = settings.getfloat("VONNIS_BACKOFF_BASE", 1.0)
        cap = settings.getfloat("VONNIS_BACKOFF_MAX", 60.0)
        wait = min(cap, base * 2 ** (attempt - 1)) * random.uniform(0.75, 1.25)
    retry.meta[NOT_BEFORE] = time.monotonic() + wait
    crawler.stats.inc_value("vonnis/backoff_seconds", round(wait))
    logger.info("retry %d of %s in %.1f s (%s)", attempt, request.url, wait, reason)
    return retry


def _host(request: Request) -> str:
    from scrapy.utils.httpobj import urlparse_cached

    return urlparse_cached(request).netloc
