"""Progress lines during a crawl and the summary at its end, both read from the crawl stats.

The spider and pipelines count into Scrapy's stats collector under `vonnis/...`; this module
turns those counters into a periodic progress line and the final summary (a dict, also
logged as one JSON line so that scripts and tests can read it from the log).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from typing import TYPE_CHECKING, Any

from scrapy import signals

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger("vonnis.crawl")

SUMMARY_MARK = "vonnis crawl summary: "

# summary key -> stats key
_COUNTERS = {
    "feed_pages": "vonnis/feed/pages",
    "listed": "vonnis/feed/listed",
    "skipped_known": "vonnis/skipped",
    "skipped_topic": "vonnis/skipped_topic",
    "fetched": "vonnis/fetched",
    "stored_new": "vonnis/stored/inserted",
    "stored_updated": "vonnis/stored/updated",
    "unchanged": "vonnis/stored/unchanged",
    "stale": "vonnis/stored/stale",
    "withdrawn": "vonnis/withdrawn",
    "withdrawn_unknown": "vonnis/withdrawn_unknown",
    "quarantined": "vonnis/quarantined",
    "not_found": "vonnis/not_found",
    "trafficking": "vonnis/trafficking",
    "short_of_count": "vonnis/feed/short_of_count",
    "requests": "downloader/request_count",
    "retries": "retry/count",
}
_ERRORS = ("vonnis/errors/feed", "vonnis/errors/fetch", "vonnis/errors/store",
           "vonnis/errors/classify")


def summary_from_stats(stats: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {key: int(stats.get(name, 0) or 0) for key, name in _COUNTERS.items()}
    out["errors"] = sum(int(stats.get(name, 0) or 0) for name in _ERRORS)
    out["errors_by_kind"] = {name.rsplit("/", 1)[1]: int(stats[name])
                             for name in _ERRORS if stats.get(name)}
    out["total_in_index"] = stats.get("vonnis/feed/total")
    out["complete"] = bool(stats.get("vonnis/sweep_complete", False))
    out["cursor_before"] = stats.get("vonnis/cursor_before")
    out["cursor_after"] = stats.get("vonnis/cursor_after")
    out["finish_reason"] = stats.get("finish_reason")
    out["mode"] = stats.get("vonnis/mode")
    out["failed"] = list(stats.get("vonnis/failed") or [])
    start = stats.get("start_time")
    end = stats.get("finish_time") or dt.datetime.now(dt.UTC)
    if start is not None and start.tzinfo is None:
        end = end.replace(tzinfo=None)
    elapsed = (end - start).total_seconds() if start and end else None
    out["elapsed_s"] = round(elapsed, 3) if elapsed else elapsed
    if elapsed:
        stored = out["stored_new"] + out["stored_updated"] + out["unchanged"] + out["stale"]
        out["docs_per_s"] = round(stored / elapsed, 2)
        out["requests_per_s"] = round(out["requests"] / elapsed, 2)
    return out


def format_summary(summary: dict[str, Any]) -> str:
    s = summary
    lines = [
        f"feed: {s['feed_pages']} pages, {s['listed']} entries listed"
        + (f" (index count {s['total_in_index']})" if s.get("total_in_index") is not None
           else "")
        + (f", listing ended {s['short_of_count']} short of it"
           if s.get("short_of_count") else "")
        + f", {s['skipped_known']} already stored",
        f"fetched {s['fetched']}: stored new {s['stored_new']}, updated {s['stored_updated']}, "
        f"unchanged {s['unchanged'] + s['stale']}; trafficking {s['trafficking']}"
        + (f"; {s['skipped_topic']} outside --topic" if s["skipped_topic"] else ""),
        f"withdrawn {s['withdrawn']} (+{s['withdrawn_unknown']} never stored), "
        f"quarantined {s['quarantined']}, not found {s['not_found']}, errors {s['errors']}"
        + (f" {s['errors_by_kind']}" if s["errors"] else ""),
        *([f"failed ({len(s['failed'])}): " + "; ".join(s["failed"][:10])
           + (f"; and {len(s['failed']) - 10} more" if len(s["failed"]) > 10 else "")]
          if s.get("failed") else []),
        f"{s['requests']} requests, {s['retries']} retries"
        + (f", {s['elapsed_s']} s, {s.get('requests_per_s')} req/s, "
           f"{s.get('docs_per_s')} docs/s" if s.get("elapsed_s") else ""),
        (f"sweep complete, incremental cursor {s['cursor_after']}" if s.get("mode") != "range"
         else "date-range sweep complete (the incremental cursor is not moved by it)")
        if s["complete"]
        else f"sweep NOT complete ({s['finish_reason']}): cursor kept at "
             f"{s['cursor_before']}; run the same command again to resume",
    ]
    return "\n".join(lines)


class Progress:
    """A progress line every VONNIS_PROGRESS_INTERVAL seconds (<= 0: none); a summary at the end."""

    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.stats: StatsCollector = crawler.stats
        self.interval = interval
        self.task: Any = None
        self.started = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        # interval <= 0: no progress lines, the summary still comes at the end.
        interval = crawler.settings.getfloat("VONNIS_PROGRESS_INTERVAL", 10.0)
        ext = cls(crawler, interval)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Any) -> None:
        self.started = time.monotonic()
        if self.interval <= 0:
            return
        try:
            from scrapy.utils.asyncio import create_looping_call

            self.task = create_looping_call(self.log)
        except ImportError:  # Scrapy < 2.13
            from twisted.internet.task import LoopingCall

            self.task = LoopingCall(self.log)
        self.task.start(self.interval, now=False)

    def log(self) -> None:
        g = self.stats.get_value
        elapsed = max(time.monotonic() - self.started, 1e-9)
        # Responses, not downloader/request_count: that one counts requests as they enter
        # the downloader, before the slot delay holds them back.
        requests = g("response_received_count", 0)
        stored = sum(g(f"vonnis/stored/{k}", 0) for k in ("inserted", "updated", "unchanged"))
        logger.info(
            "progress: page %d, %d/%s listed, %d skipped, %d fetched, %d stored, "
            "%d withdrawn, %d quarantined, %d errors | %.1f req/s, %.1f docs/s",
            g("vonnis/feed/pages", 0), g("vonnis/feed/listed", 0),
            g("vonnis/feed/total", "?"), g("vonnis/skipped", 0), g("vonnis/fetched", 0),
            stored, g("vonnis/withdrawn", 0) + g("vonnis/withdrawn_unknown", 0),
            g("vonnis/quarantined", 0), sum(g(k, 0) for k in _ERRORS),
            requests / elapsed, stored / elapsed,
        )

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
        # The spider's own closed() (which moves the cursor) and CoreStats (finish time)
        # were connected before this extension existed, so they have run by now.
        summary = log_summary(self.stats.get_stats())
        for line in format_summary(summary).splitlines():
            logger.info("%s", line)


def log_summary(stats: dict[str, Any]) -> dict[str, Any]:
    summary = summary_from_stats(stats)
    logger.info("%s%s", SUMMARY_MARK, json.dumps(summary, default=str))
    return summary
