"""`vonnis es start|stop|status`: the local Elasticsearch node as a Typer sub-app.

Registered in vonnis/cli.py with `app.add_typer(es_app, name="es")`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from index import es_node

es_app = typer.Typer(
    name="es",
    help="Run a local single-node Elasticsearch (downloaded from Maven Central on first use, "
    "bound to 127.0.0.1, security off). Its URL is what --es-url / $ELASTICSEARCH_URL expect.",
    no_args_is_help=True,
)

StateDir = Annotated[
    Path | None,
    typer.Option(
        "--state-dir",
        help="Folder for the node's config, data, logs and pidfile (default: "
        "$VONNIS_ES_STATE_DIR, else $VONNIS_HOME/es-node, else <cache>/es-node).",
        show_default=False,
    ),
]
Port = Annotated[
    int | None,
    typer.Option("--port", help=f"HTTP port (default: {es_node.DEFAULT_PORT}).",
                 show_default=False),
]


def _fail(exc: es_node.EsNodeError) -> typer.Exit:
    typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
    return typer.Exit(1)


@es_app.command()
def start(
    port: Port = None,
    heap: Annotated[str, typer.Option("--heap", help="JVM heap (-Xms = -Xmx), e.g. 512m or 1g.")]
    = es_node.DEFAULT_HEAP,
    state_dir: StateDir = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for cluster health yellow.")]
    = es_node.START_TIMEOUT,
) -> None:
    """Start the node and print its URL; if it already runs, just print the URL.

    The first start downloads Elasticsearch (130 MB) and builds its Dutch plugin; a start: ~30 s.
    """
    try:
        url = es_node.start(port=port or es_node.DEFAULT_PORT, heap=heap, state_dir=state_dir,
                            timeout=timeout)
    except es_node.EsNodeError as exc:
        raise _fail(exc) from exc
    typer.echo(url)


@es_app.command()
def stop(state_dir: StateDir = None) -> None:
    """Stop the node (SIGTERM, then SIGKILL after a minute)."""
    try:
        stopped = es_node.stop(state_dir)
    except es_node.EsNodeError as exc:
        raise _fail(exc) from exc
    typer.echo("stopped" if stopped else "not running")


@es_app.command()
def status(port: Port = None, state_dir: StateDir = None) -> None:
    """Show URL, pid, cluster health and version; exit code 3 when the node is not running."""
    st = es_node.status(state_dir, port)
    if not st.running:
        typer.echo(f"not running (state {st.state_dir})")
        raise typer.Exit(3)
    typer.echo(f"running  {st.url}\npid      {st.pid}\nhealth   {st.health}\n"
               f"version  {st.version}\nstate    {st.state_dir}")
