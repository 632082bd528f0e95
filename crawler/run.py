"""Run the `rechtspraak` spider in this process: `vonnis crawl` and `python -m crawler.run`.

    python -m crawler.run --home data --from 2021-01-01 --to 2021-12-31
    python -m crawler.run --home data --api-url http://127.0.0.1:8765 --rate 0

Twisted's reactor starts once per process, so one process runs one crawl; tests and
benchmarks start this module in a subprocess. Exit status: 0 the sweep completed (documents
quarantined are not failures), 2 it completed but some documents could not be fetched or
stored (the cursor stays before them), 1 it did not complete (run the same command again).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from crawler.feed import DEFAULT_API_URL, MAX_PAGE_SIZE


@dataclass(frozen=True)
class CrawlSettings:
    """The knobs of one crawl's Scrapy settings; None keeps the default of crawler.settings."""

    rate: float | None = None
    contact: str | None = None
    timeout: float | None = None
    retries: int | None = None
    log_level: str | None = None
    log_file: str | None = None
    progress_interval: float | None = None
    workers: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def build(self) -> Any:
        from scrapy.settings import Settings

        from crawler.settings import crawl_settings

        settings = Settings()
        settings.setmodule("crawler.settings", priority="project")
        overrides = crawl_settings(rate=self.rate, contact=self.contact, timeout=self.timeout,
                                   retries=self.retries, log_level=self.log_level,
                                   workers=self.workers)
        if self.log_file:
            overrides["LOG_FILE"] = self.log_file
        if self.progress_interval is not None:
            overrides["VONNIS_PROGRESS_INTERVAL"] = self.progress_interval
        overrides.update(self.extra)
        settings.setdict(overrides, priority="cmdline")
        return settings


def run_crawl(
    home: Path,
    *,
    since: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    api_url: str = DEFAULT_API_URL,
    page_size: int = MAX_PAGE_SIZE,
    types: str | None = None,
    subjects: str | None = None,
    topic: str = "trafficking",
    settings: CrawlSettings | None = None,
    until: str | None = None,
    creators: str | None = None,
    replaces: str | None = None,
) -> dict[str, Any]:
    """One crawl, to completion or interruption; returns the summary (see crawler.progress)."""
    from scrapy.crawler import CrawlerProcess

    from crawler.progress import summary_from_stats
    from crawler.spiders.rechtspraak import RechtspraakSpider

    process = CrawlerProcess((settings or CrawlSettings()).build())
    crawler = process.create_crawler(RechtspraakSpider)
    process.crawl(crawler, since=since, from_date=date_from, to_date=date_to, api_url=api_url,
                  page_size=page_size, types=types, subjects=subjects, topic=topic,
                  home=str(home), until=until, creators=creators, replaces=replaces)
    cpu = time.process_time()
    process.start()
    summary = summary_from_stats(crawler.stats.get_stats())
    # CPU of this process alone (not of parse workers): the serial part of a fast crawl.
    summary["main_cpu_s"] = round(time.process_time() - cpu, 3)
    return summary


def exit_code(summary: dict[str, Any]) -> int:
    if not summary.get("complete"):
        return 1
    return 2 if summary.get("errors") else 0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--home", type=Path, default=None,
                        help="vonnis data directory (default $VONNIS_HOME or ./data)")
    parser.add_argument("--from", dest="date_from", help="decision date from (YYYY-MM-DD)")
    parser.add_argument("--to", dest="date_to", help="decision date to, inclusive")
    parser.add_argument("--since", help="modified since (YYYY-MM-DD[Thh:mm:ss], UTC)")
    parser.add_argument("--until", help="modified until (with --since: a range; the API's "
                                            "`modified` given twice)")
    parser.add_argument("--creator", dest="creators", default=None,
                        help="court(s): instantie URIs or names ('Rechtbank Amsterdam'), "
                             "comma-separated (default every court)")
    parser.add_argument("--replaces", default=None,
                        help="old LJN number(s), comma-separated: fetch the ECLIs that "
                             "replace them, and store them whatever their rechtsgebied")
    parser.add_argument("--api-url", default=DEFAULT_API_URL)
    parser.add_argument("--max", dest="page_size", type=int, default=MAX_PAGE_SIZE,
                        help="entries per index page (1..1000)")
    parser.add_argument("--type", dest="types", default=None,
                        help="Uitspraak, Conclusie or all (default all)")
    parser.add_argument("--subject", dest="subjects", default=None,
                        help="rechtsgebied URI(s), comma-separated, or 'all' (default "
                             "strafrecht)")
    parser.add_argument("--topic", default="trafficking", choices=("trafficking", "all"))
    parser.add_argument("--rate", type=float, default=None,
                        help="max requests/s (default 5; 0 = no limit, local servers only)")
    parser.add_argument("--contact", default=None, help="contact named in the User-Agent")
    parser.add_argument("--timeout", type=float, default=None, help="seconds per request")
    parser.add_argument("--retries", type=int, default=None, help="retries per request")
    parser.add_argument("--log-level", default=None)
    parser.add_argument("--log-file", default=None)
    parser.add_argument("--progress-interval", type=float, default=None,
                        help="seconds between progress lines (0: none)")
    parser.add_argument("--json", action="store_true",
                        help="print the summary as one JSON object on stdout")
    parser.add_argument("--workers", type=int, default=None,
                        help="processes that parse and classify (default: CPUs minus one with "
                             "--rate 0, else 0 = inline)")


def main(argv: list[str] | None = None) -> int:
    from crawler.progress import format_summary
    from vonnis.config import resolve_home

    parser = argparse.ArgumentParser(prog="python -m crawler.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    add_arguments(parser)
    args = parser.parse_args(argv)
    options = vars(args)
    home = resolve_home(options.pop("home"))
    as_json = options.pop("json")
    knobs = {f.name: options.pop(f.name) for f in fields(CrawlSettings) if f.name in options}
    summary = run_crawl(home, settings=CrawlSettings(**knobs), **options)
    print(json.dumps(summary, default=str) if as_json else format_summary(summary))
    return exit_code(summary)


if __name__ == "__main__":
    sys.exit(main())
