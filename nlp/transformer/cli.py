"""`vonnis train`: fine-tune the exploitation classifier (registered by nlp.cli).

Torch and transformers are imported inside the command, so the core install still runs
`vonnis --help`, and `vonnis train` without the extra says what to install.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def train(
        gold: Annotated[Path, typer.Option("--gold", help="Gold JSONL (the `vonnis evaluate` "
                                           "format) with `exploitation_types` labels (or "
                                           "`sentence_roles` for --task sentence-roles).")],
        base_model: Annotated[Path, typer.Option("--base-model", help="Local folder of the "
                                                 "base transformers model and tokenizer.")],
        out: Annotated[Path, typer.Option("--out", help="Folder to save the fine-tuned model "
                                          "in (replaced if it holds an earlier vonnis model).")],
        task: Annotated[str, typer.Option("--task", help="exploitation (forms of exploitation "
                                          "per judgment) or sentence-roles (decision / "
                                          "demand / lower_court / other per sentence).")
                        ] = "exploitation",
        epochs: Annotated[int, typer.Option("--epochs", min=1)] = 3,
        batch_size: Annotated[int | None, typer.Option(
            "--batch-size", min=1, help="Documents (exploitation, default 4) or sentences "
            "(sentence-roles, default 32) per optimiser step.")] = None,
        lr: Annotated[float, typer.Option("--lr", min=0.0, help="Learning rate.")] = 5e-5,
        max_length: Annotated[int | None, typer.Option(
            "--max-length", min=16, help="Tokens per window (default 512) or per sentence "
            "pair (default 128).")] = None,
        seed: Annotated[int, typer.Option("--seed")] = 13,
        max_windows: Annotated[int, typer.Option("--max-windows", min=1,
                                                 help="Windows per document at most.")] = 16,
        stride: Annotated[int, typer.Option("--stride", min=0, help="Overlap of consecutive "
                                            "windows in tokens.")] = 64,
        val_fraction: Annotated[float, typer.Option("--val-fraction", min=0.0, max=0.9,
                                                    help="Documents held out for the "
                                                    "metrics.")] = 0.2,
        threshold: Annotated[float, typer.Option("--threshold", min=0.01, max=0.99,
                                                 help="Probability from which a label is "
                                                 "predicted.")] = 0.5,
        quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar.")] = False,
    ) -> None:
        """Fine-tune a transformer (local base model) that tells the form of exploitation
        (or, with --task sentence-roles, the role of each sentence)."""
        from nlp.transformer import MissingExtraError, require

        try:
            require()
        except MissingExtraError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None
        if task not in ("exploitation", "sentence-roles"):
            typer.echo(f"error: --task must be exploitation or sentence-roles, not {task!r}",
                       err=True)
            raise typer.Exit(2)
        roles = task == "sentence-roles"
        from nlp.transformer.train import TrainConfig, TrainError
        from nlp.transformer.train import train as run

        config = TrainConfig(epochs=epochs, batch_size=batch_size or (32 if roles else 4),
                             lr=lr, max_length=max_length or (128 if roles else 512),
                             stride=stride, max_windows=max_windows, seed=seed,
                             val_fraction=val_fraction, threshold=threshold)
        try:
            if roles:
                from nlp.transformer.roles_model import train_roles

                report = train_roles(gold, base_model, out, config, progress=not quiet)
            else:
                report = run(gold, base_model, out, config, progress=not quiet,
                             echo=lambda message: typer.echo(message, err=True))
        except TrainError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None
        for line in report.skipped:
            typer.echo(f"skipped {line}", err=True)
        for line in report.warnings:
            typer.echo(f"warning: {line}", err=True)
        card = report.card
        typer.echo(f"saved {report.out} (train loss {card['train_loss_before']:.4f} -> "
                   f"{card['train_loss_after']:.4f})")
        metrics = report.metrics
        if metrics:
            micro = metrics["micro"]
            fmt = lambda v: "n/a" if v is None else f"{v:.3f}"  # noqa: E731
            unit = "sentences" if metrics.get("unit") == "sentence" else "documents"
            typer.echo(f"validation ({metrics['documents']} {unit}): micro P "
                       f"{fmt(micro['precision'])} R {fmt(micro['recall'])} F1 "
                       f"{fmt(micro['f1'])}, exact match {fmt(metrics['exact_match'])}")
            for error in metrics.get("errors", []):
                typer.echo(f"  {error['id']}: gold {error['gold']} predicted "
                           f"{error['predicted']}")
        else:
            typer.echo("no validation split: no metrics")
