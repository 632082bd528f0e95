"""`vonnis crawl`: the Open Data crawler (the `rechtspraak` Scrapy spider, run in-process)."""

from __future__ import annotations

from typing import Annotated

import typer

from crawler.feed import DEFAULT_API_URL, MAX_PAGE_SIZE


def register(app: typer.Typer) -> None:
    from vonnis.cli import home_of

    @app.command()
    def crawl(
        ctx: typer.Context,
        date_from: Annotated[str | None, typer.Option(
            "--from", help="Decision date from (YYYY-MM-DD).")] = None,
        date_to: Annotated[str | None, typer.Option(
            "--to", help="Decision date to, inclusive (YYYY-MM-DD).")] = None,
        since: Annotated[str | None, typer.Option(
            help="Only documents modified since (YYYY-MM-DD[Thh:mm:ss], UTC). Without "
                 "--from/--to/--since: incremental from the stored cursor.")] = None,
        until: Annotated[str | None, typer.Option(
            help="Only documents modified until (with --since: a modified range).")] = None,
        creator: Annotated[str | None, typer.Option(
            help="Court(s): instantie URIs or names ('Rechtbank Amsterdam'), "
                 "comma-separated. Default: every court.")] = None,
        replaces: Annotated[str | None, typer.Option(
            help="Old LJN number(s), comma-separated: fetch and store the ECLIs that "
                 "replace them.")
        ] = None,
        api_url: Annotated[str, typer.Option(help="Open Data base URL.")] = DEFAULT_API_URL,
        page_size: Annotated[int, typer.Option(
            "--max", min=1, max=MAX_PAGE_SIZE, help="Entries per index page.")] = MAX_PAGE_SIZE,
        doc_type: Annotated[str, typer.Option(
            "--type", help="Uitspraak, Conclusie or all.")] = "all",
        subject: Annotated[str | None, typer.Option(
            help="Rechtsgebied URI(s), comma-separated, or 'all'. Default: strafrecht.")] = None,
        topic: Annotated[str, typer.Option(
            help="trafficking (flag every document) or all.")] = "trafficking",
        rate: Annotated[float, typer.Option(
            min=0, help="Max requests/s to the API (0: no limit, local servers only).")] = 5.0,
        contact: Annotated[str | None, typer.Option(
            help="Contact (URL or e-mail) named in the User-Agent. Default: "
                 "$VONNIS_CONTACT.")] = None,
        timeout: Annotated[float, typer.Option(help="Seconds per request.")] = 60.0,
        retries: Annotated[int, typer.Option(help="Retries per request.")] = 6,
        log_level: Annotated[str, typer.Option(help="Scrapy log level.")] = "INFO",
        log_file: Annotated[str | None, typer.Option(help="Write the log here.")] = None,
        workers: Annotated[int | None, typer.Option(
            help="Processes that parse and classify (default: CPUs minus one with --rate 0, "
                 "else inline).")] = None,
    ) -> None:
        """Crawl the rechtspraak.nl Open Data API: parse, classify and store documents.

        Polite by default (5 requests/s, AutoThrottle, backoff honouring Retry-After).
        Resumable: after an interruption, run the same command again.
        """
        from rich.console import Console

        from crawler.progress import format_summary
        from crawler.run import CrawlSettings, exit_code, run_crawl

        if topic not in ("trafficking", "all"):
            raise typer.BadParameter("trafficking or all", param_hint="--topic")
        _check_dates(date_from=date_from, date_to=date_to, since=since, until=until)
        summary = run_crawl(
            home_of(ctx), since=since, date_from=date_from, date_to=date_to, api_url=api_url,
            page_size=page_size, types=doc_type, subjects=subject, topic=topic,
            until=until, creators=creator, replaces=replaces,
            settings=CrawlSettings(rate=rate, contact=contact, timeout=timeout, retries=retries,
                                   log_level=log_level, log_file=log_file, workers=workers),
        )
        Console().print(format_summary(summary), highlight=False)
        code = exit_code(summary)
        if code:
            raise typer.Exit(code)


def _check_dates(**values: str | None) -> None:
    """Bad dates are named here, before Scrapy starts (inside the spider they would end the
    run with a traceback)."""
    import datetime as dt

    from crawler.feed import parse_since

    for name, value in values.items():
        if not value:
            continue
        option = "--" + name.replace("date_", "")
        date_only = name.startswith("date_")
        try:
            if date_only:
                dt.date.fromisoformat(value.strip())
            else:
                parse_since(value)
        except ValueError as exc:
            form = "YYYY-MM-DD" if date_only else "YYYY-MM-DD[Thh:mm:ss]"
            raise typer.BadParameter(f"not a date ({form}): {value!r}",
                                     param_hint=option) from exc
