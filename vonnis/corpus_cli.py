"""`vonnis show` and `vonnis stats`: looking into the corpus store."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from vonnis.models import StoredDocument
from vonnis.store import Store

console = Console()


def show_json(stored: StoredDocument) -> dict[str, Any]:
    """The stable `--json` shape of `vonnis show` (keys fixed by the issue tracker)."""
    doc = stored.document
    classification = stored.classification
    return {
        "ecli": doc.ecli,
        "court": doc.court.name,
        "court_code": doc.court.code,
        "court_level": doc.court.level.value,
        "decision_date": doc.decision_date.isoformat() if doc.decision_date else None,
        "publication_date": doc.publication_date.isoformat() if doc.publication_date else None,
        "case_numbers": doc.case_numbers,
        "procedure": doc.procedures,
        "subjects": doc.subjects,
        "relations": [r.model_dump() for r in doc.relations],
        "references": [r.model_dump() for r in doc.references],
        "summary": doc.summary,
        "text": doc.text,
        "trafficking": classification.trafficking if classification else None,
        "trafficking_reasons": [r.model_dump() for r in classification.reasons]
        if classification else [],
        "status": stored.status.value,
    }


def register(app: typer.Typer) -> None:
    from vonnis.cli import home_of

    @app.command()
    def show(
        ctx: typer.Context,
        ecli: Annotated[str, typer.Argument(help="The ECLI, e.g. ECLI:NL:GHLEE:2011:BQ3556")],
        as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
        full: Annotated[bool, typer.Option("--full", help="Print the whole text.")] = False,
    ) -> None:
        """Show one stored document: metadata, relations, references, trafficking flag, text."""
        with Store.open(home_of(ctx)) as store:
            stored = store.get(ecli.strip())
        if stored is None:
            console.print(f"[red]{ecli} is not in the store[/red] ({home_of(ctx)}).")
            raise typer.Exit(1)
        data = show_json(stored)
        if as_json:
            print(json.dumps(data, ensure_ascii=False))
            return
        table = Table(show_header=False, box=None)
        for key, value in data.items():
            if key in ("text", "relations", "references", "trafficking_reasons"):
                continue
            table.add_row(f"[bold]{key}[/bold]", escape(str(value)))
        console.print(table)
        for rel in stored.document.relations:
            console.print(f"  relation: {rel.ecli} {rel.aanleg or ''} {rel.gevolg or ''}",
                          markup=False)
        for ref in stored.document.references:
            console.print(f"  reference: {ref.label}", markup=False)
        for reason in data["trafficking_reasons"]:
            console.print(f"  reason: {reason['kind']} {reason['match']!r} in {reason['where']}"
                          f" at {reason['start']}", markup=False)
        text = data["text"]
        console.print()
        # markup=False: pseudonyms such as "[verdachte]" look like rich markup tags.
        console.print(text if full or len(text) <= 3000 else text[:3000] + " [...] (--full)",
                      markup=False)

    @app.command()
    def stats(
        ctx: typer.Context,
        as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    ) -> None:
        """Counts by court, year, procedure, trafficking flag; quarantine size."""
        with Store.open(home_of(ctx)) as store:
            figures = store.stats()
        if as_json:
            print(json.dumps(figures, ensure_ascii=False))
            return
        console.print(f"[bold]{figures['documents']}[/bold] documents in {home_of(ctx)}")
        for key, value in figures.items():
            if isinstance(value, dict) and value:
                table = Table(title=key.replace("_", " "), title_justify="left")
                table.add_column("value")
                table.add_column("count", justify="right")
                for k, n in value.items():
                    table.add_row(k, str(n))
                console.print(table)
        for key in ("superseded_versions", "withdrawn_not_stored", "quarantine", "extractions"):
            console.print(f"{key.replace('_', ' ')}: {figures[key]}")
