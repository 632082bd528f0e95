"""The `vonnis` command. Each stage registers its own commands from its package's `cli` module.

Heavy libraries (Scrapy, spaCy, Elasticsearch) are imported inside the commands, so that
`vonnis --help` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vonnis.config import resolve_home

app = typer.Typer(
    name="vonnis",
    help="Collect, extract, search and annotate Dutch human-trafficking case law.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)


@app.callback()
def main(
    ctx: typer.Context,
    home: Annotated[
        Path | None,
        typer.Option("--home", envvar="VONNIS_HOME", help="Data directory (corpus store, "
                     "indexes, models). Default: ./data"),
    ] = None,
) -> None:
    ctx.obj = {"home": resolve_home(home)}


def home_of(ctx: typer.Context) -> Path:
    """The resolved --home of the running command."""
    root = ctx.find_root()
    obj = root.obj or {}
    return Path(obj.get("home") or resolve_home(None))


def _register() -> None:
    from vonnis import corpus_cli

    corpus_cli.register(app)
    for module_name in ("crawler.cli", "crawler.crawl_cli", "nlp.cli", "index.cli"):
        try:
            module = __import__(module_name, fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name != module_name:  # a real missing dependency, not a stage still unbuilt
                raise
            continue
        module.register(app)
    try:
        from index.es_cli import es_app
    except ModuleNotFoundError:
        pass
    else:
        app.add_typer(es_app, name="es", help="Run a local single-node Elasticsearch.")


_register()
