"""Commands: `vonnis extract`, `vonnis analyze`, `vonnis evaluate` (and `vonnis train` from
nlp.transformer.cli when the transformer stage is installed)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    from vonnis.cli import home_of

    @app.command()
    def extract(
        ctx: typer.Context,
        all_: Annotated[bool, typer.Option("--all", help="Every stored document.")] = False,
        ecli: Annotated[list[str] | None, typer.Option("--ecli", help="One ECLI (repeatable).")
                        ] = None,
        n_process: Annotated[int, typer.Option("--n-process", min=1, help="Processes.")] = 1,
        batch_size: Annotated[int, typer.Option("--batch-size", min=1)] = 8,
        model: Annotated[str | None, typer.Option("--model", help="Fine-tuned model dir "
                                                  "(else $VONNIS_MODEL; default: rules only).")
                         ] = None,
    ) -> None:
        """Run the extraction pipeline over the store and keep results with the version."""
        from nlp.extract import extract_store
        from nlp.pipeline import build, pipeline_version
        from vonnis.store import Store

        if not all_ and not ecli:
            typer.echo("Give --all or one or more --ecli.", err=True)
            raise typer.Exit(2)
        nlp = build(model=model)
        with Store.open(home_of(ctx)) as store:
            eclis = None if all_ else [e.strip() for e in ecli or []]
            if eclis:
                missing = [e for e in eclis if not store.has(e)]
                for e in missing:
                    typer.echo(f"{e}: not in the store", err=True)
                eclis = [e for e in eclis if e not in missing]
            counts = extract_store(store, eclis, n_process=n_process, batch_size=batch_size,
                                   nlp=nlp)
        typer.echo(f"{counts['extracted']} extracted, {counts['empty']} empty "
                   f"(pipeline {pipeline_version(nlp)})")

    @app.command()
    def analyze(
        files: Annotated[list[Path], typer.Argument(help="Open Data XML, .txt, or JSON with "
                                                    "a 'text' field.")],
        as_json: Annotated[bool, typer.Option("--json", help="One JSON object per file per "
                                              "line (the extraction keys plus 'file').")] = False,
        model: Annotated[str | None, typer.Option("--model", help="Fine-tuned model dir.")
                         ] = None,
    ) -> None:
        """Extract from files without touching the store."""
        from nlp.extract import extract
        from nlp.inputs import InputError, load
        from nlp.pipeline import build

        nlp = build(model=model)
        failed = 0
        for path in files:
            try:
                text, meta = load(path)
            except InputError as exc:
                failed += 1
                typer.echo(f"error: {exc}", err=True)
                continue
            result = extract(text, nlp=nlp, meta=meta)
            data = {"file": str(path), **result.model_dump(mode="json")}
            if as_json:
                sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
            else:
                _print_summary(path, data)
        if failed:
            raise typer.Exit(1)

    @app.command()
    def evaluate(
        gold: Annotated[Path | None, typer.Option("--gold", help="Gold JSONL file.")] = None,
        punishment_benchmark: Annotated[
            Path | None, typer.Option("--punishment-benchmark",
                                      help="Folder of the punishment_eval benchmark.")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Machine-readable report.")
                           ] = False,
        model: Annotated[str | None, typer.Option("--model", help="Fine-tuned model dir.")
                         ] = None,
        split: Annotated[str | None, typer.Option(
            "--split", help="Score only gold lines with this `split` (dev, heldout).")] = None,
    ) -> None:
        """Score extraction against gold (per key) or the external punishment benchmark."""
        from nlp.evaluate import (
            evaluate_gold,
            format_benchmark,
            format_report,
        )
        from nlp.evaluate import (
            punishment_benchmark as run_benchmark,
        )
        from nlp.inputs import InputError
        from nlp.pipeline import build

        if gold is None and punishment_benchmark is None:
            typer.echo("Give --gold FILE.jsonl and/or --punishment-benchmark DIR.", err=True)
            raise typer.Exit(2)
        nlp = build(model=model)
        out: dict = {}
        if gold is not None:
            try:
                out["gold"] = evaluate_gold(gold, nlp, split=split)
            except (OSError, ValueError, InputError) as exc:  # unreadable file or source,
                # a bad line, an unknown --split
                typer.echo(f"error: {exc}", err=True)
                raise typer.Exit(2) from exc
        if punishment_benchmark is not None:
            out["punishment_benchmark"] = run_benchmark(punishment_benchmark, nlp)
        if as_json:
            typer.echo(json.dumps(out, ensure_ascii=False, indent=1))
            return
        if "gold" in out:
            typer.echo(format_report(out["gold"]))
        if "punishment_benchmark" in out:
            typer.echo(format_benchmark(out["punishment_benchmark"]))

    _register_transformer(app)


def _register_transformer(app: typer.Typer) -> None:
    """The colleague's `vonnis train` (nlp/transformer/cli.py), when it exists."""
    import importlib
    import importlib.util

    try:
        spec = importlib.util.find_spec("nlp.transformer.cli")
    except ModuleNotFoundError:
        spec = None
    if spec is None:
        return
    module = importlib.import_module("nlp.transformer.cli")
    module.register(app)


def _print_summary(path: Path, data: dict) -> None:
    typer.echo(f"== {path}")
    if data.get("reason"):
        typer.echo(f"  reason: {data['reason']}")
    for key, value in data.items():
        if key in ("file", "evidence", "reason") or value in (None, [], {}):
            continue
        typer.echo(f"  {key}: {json.dumps(value, ensure_ascii=False)}")
