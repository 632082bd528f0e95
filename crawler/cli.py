"""`vonnis ingest` (bulk import of XML files or the Open Data zip) and `vonnis classify`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class Topic(StrEnum):
    trafficking = "trafficking"
    all = "all"


def register(app: typer.Typer) -> None:
    from vonnis.cli import home_of

    @app.command()
    def ingest(
        ctx: typer.Context,
        path: Annotated[Path, typer.Argument(
            help="A directory of Open Data XML files (searched recursively, zips inside "
                 "included), one XML file, or the Open Data zip (nested zips per year/month).",
            show_default=False, metavar="PATH")],
        topic: Annotated[Topic, typer.Option(
            "--topic", case_sensitive=False,
            help="trafficking: store every criminal-law document (flagged trafficking or "
                 "not) and any other document the filter flags; all: store every document.",
        )] = Topic.trafficking,
        no_progress: Annotated[bool, typer.Option(
            "--no-progress", help="No progress bar (for logs and CI).")] = False,
        strict: Annotated[bool, typer.Option(
            "--strict", help="Exit with 1 when any document was quarantined.")] = False,
        workers: Annotated[int, typer.Option(
            "--workers", min=1,
            help="Parse and classify in this many processes (for the multi-GB dump; the "
                 "store is written by one).")] = 1,
    ) -> None:
        """Import Open Data XML into the corpus store: parse, classify, store.

        Documents that fail to parse or read go to the quarantine with the reason and the
        raw bytes (see `vonnis stats`); the import goes on. Re-running an import is safe:
        unchanged documents are recognised by their content hash.

        Exit codes: 0 done (quarantined documents are reported, not fatal unless --strict),
        1 nothing could be stored although documents were found (or --strict and anything
        quarantined), 2 bad arguments (e.g. PATH does not exist).
        """
        from rich.console import Console

        from crawler.ingest import ingest as run_ingest
        from vonnis.store import Store

        console = Console(stderr=True)
        if not path.exists():
            raise typer.BadParameter(f"{path} does not exist", param_hint="PATH")
        home = home_of(ctx)
        with Store.open(home) as store:
            report = run_ingest(path, store, topic=topic.value, progress=not no_progress,
                                workers=workers)
        console.print(
            f"[bold]{report.documents}[/bold] documents read from {path}: "
            f"{report.inserted} inserted, {report.updated} updated, "
            f"{report.unchanged} unchanged, {report.stale} stale, "
            f"{report.skipped} skipped (outside --topic {topic.value}), "
            f"[{'red' if report.quarantined else 'green'}]{report.quarantined} quarantined"
            f"[/]; {report.trafficking} flagged as trafficking. Store: {home}"
        )
        if report.ignored:
            console.print(f"{report.ignored} files that are not XML or zip were ignored.")
        if report.documents == 0:
            console.print(f"[yellow]no XML documents found in {path}[/yellow]")
        if report.quarantined and report.stored == 0 and report.skipped == 0:
            raise typer.Exit(1)
        if strict and report.quarantined:
            raise typer.Exit(1)

    @app.command("classify")
    def classify_command(
        ctx: typer.Context,
        dry_run: Annotated[bool, typer.Option(
            "--dry-run", help="Report what would change, write nothing.")] = False,
        show: Annotated[int, typer.Option(
            "--show", help="List up to this many ECLIs whose flag changed.")] = 20,
        no_progress: Annotated[bool, typer.Option(
            "--no-progress", help="No progress bar.")] = False,
    ) -> None:
        """Re-run the trafficking filter over every stored document, without refetching.

        Use it after the filter changed (crawler/regexes.py, crawler/classify.py). Prints
        how many documents changed flag, in both directions.
        """
        from rich.console import Console

        from crawler.classify import CLASSIFIER_VERSION, reclassify
        from vonnis.store import Store

        console = Console()
        with Store.open(home_of(ctx)) as store:
            report = reclassify(store, dry_run=dry_run, progress=not no_progress)
        verb = "would change" if dry_run else "changed"
        console.print(
            f"[bold]{report.documents}[/bold] documents classified with {CLASSIFIER_VERSION}: "
            f"{report.trafficking} flagged as trafficking. Flags {verb}: "
            f"{report.flags_changed} ({report.newly_flagged} newly flagged, "
            f"{report.unflagged} no longer flagged); {report.first_classified} classified "
            f"for the first time; {report.reasons_changed} with other reasons only."
        )
        for ecli in report.changed[:show]:
            console.print(f"  {ecli}")
        if len(report.changed) > show:
            console.print(f"  ... and {len(report.changed) - show} more")
