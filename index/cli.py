"""`vonnis index` and `vonnis search`.

Exit codes: 0 done; 1 the backend cannot serve (Elasticsearch unreachable, no index yet,
index built by another version); 2 bad input (query syntax, filter key or value, facet
name, page/size limits).
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

if TYPE_CHECKING:
    from index.query import SearchResult, SortOrder


class BackendName(StrEnum):
    embedded = "embedded"
    elasticsearch = "elasticsearch"


class SortName(StrEnum):
    relevance = "relevance"
    date = "date"
    date_asc = "date_asc"
    prison = "prison"


BackendOption = Annotated[BackendName, typer.Option(
    "--backend", case_sensitive=False,
    help="embedded: SQLite FTS5 inside the corpus store (no server); elasticsearch: the "
         "cluster at --es-url / $ELASTICSEARCH_URL.")]
EsUrlOption = Annotated[str | None, typer.Option(
    "--es-url", envvar="ELASTICSEARCH_URL", show_default=False,
    help="Elasticsearch URL (default: $ELASTICSEARCH_URL, else http://127.0.0.1:9200).")]


def _fail(message: str, code: int) -> typer.Exit:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    return typer.Exit(code)


def register(app: typer.Typer) -> None:
    from vonnis.cli import home_of

    @app.command("index")
    def index_command(
        ctx: typer.Context,
        backend: BackendOption = BackendName.embedded,
        recreate: Annotated[bool, typer.Option(
            "--recreate", help="Build a new index from scratch and swap it in when complete "
                               "(the old one serves until then).")] = False,
        no_progress: Annotated[bool, typer.Option(
            "--no-progress", help="No progress bar (for logs and CI).")] = False,
        es_url: EsUrlOption = None,
        workers: Annotated[int, typer.Option(
            "--workers", help="Embedded backend: processes analysing the text "
                                     "(default $VONNIS_INDEX_WORKERS, else 1).")] = 0,
    ) -> None:
        """Index the corpus store for `vonnis search`.

        Without --recreate only changed, new and withdrawn documents are updated.
        Extraction results (`vonnis extract`) are indexed as facets when present.
        """
        from index.backend import SearchBackend, SearchBackendError, open_backend
        from index.records import count_records, iter_records
        from vonnis.store import Store

        home = home_of(ctx)
        with Store.open(home) as store:
            total = count_records(store)
            try:
                if backend == BackendName.embedded and workers:
                    from index.embedded import EmbeddedBackend

                    engine: SearchBackend = EmbeddedBackend(home, workers=workers)
                else:
                    engine = open_backend(backend.value, home, url=es_url)
                try:
                    report = engine.index(iter_records(store), recreate=recreate,
                                          progress=not no_progress, total=total)
                finally:
                    engine.close()
            except SearchBackendError as exc:
                raise _fail(str(exc), 1) from exc
        where = f" ({report.index_name})" if report.index_name else ""
        typer.echo(
            f"{backend.value}{where}: {report.indexed} documents indexed, "
            f"{report.unchanged} unchanged, {report.deleted} removed, {report.failed} failed "
            f"in {report.seconds:.1f} s ({report.docs_per_second:.0f} documents/s)", err=True)
        for error in report.errors[:10]:
            typer.echo(f"  {error}", err=True)
        if total == 0:
            typer.echo(f"the corpus store in {home} is empty: import documents first "
                       "(`vonnis ingest PATH` or `vonnis crawl`)", err=True)
        if report.failed:
            raise typer.Exit(1)

    @app.command("search")
    def search_command(
        ctx: typer.Context,
        query: Annotated[str, typer.Argument(
            help='Words (stemmed), "exact phrases", -excluded, a OR b, prefix*, (groups). '
                 "Empty: every document.", show_default=False)] = "",
        filters: Annotated[list[str] | None, typer.Option(
            "--filter", "-f", show_default=False,
            help="key=value, repeatable (same key twice = either). Keys: court, court_level, "
                 "procedure, year (2015 or 2015..2020), decision_date (2015-01-01..), "
                 "trafficking, outcome, exploitation_types, articles (273f matches every "
                 "lid/sub), minor_victim, prison_days (730..), unconditional_prison_days, "
                 "has_compensation.")] = None,
        facets: Annotated[list[str] | None, typer.Option(
            "--facet", show_default=False,
            help="Facet to count, repeatable, or 'all': court, court_level, procedure, year, "
                 "trafficking, outcome, exploitation_types, articles, minor_victim.")] = None,
        sort: Annotated[SortName, typer.Option("--sort", case_sensitive=False)]
        = SortName.relevance,
        page: Annotated[int, typer.Option("--page", help="1-based.")] = 1,
        size: Annotated[int, typer.Option("--size", help="Hits per page, at most 100.")] = 10,
        no_highlight: Annotated[bool, typer.Option("--no-highlight")] = False,
        backend: BackendOption = BackendName.embedded,
        es_url: EsUrlOption = None,
        as_json: Annotated[bool, typer.Option(
            "--json", help='Print {"total", "hits", "facets", "took_ms"} as one JSON object.')]
        = False,
    ) -> None:
        """Search the indexed corpus: full text with Dutch stemming, filters, facets."""
        from pydantic import ValidationError

        from index.backend import SearchBackendError, open_backend
        from index.query import FacetName, FilterError, SearchQuery, parse_filters
        from index.querysyntax import QuerySyntaxError, parse_query

        try:
            parse_query(query)  # syntax errors before any backend is opened
            parsed_filters = parse_filters(filters or [])
            facet_names = _facet_names(facets or [], [f.value for f in FacetName])
            # the casts are for mypy only: pydantic validates the plain strings into
            # FacetName / SortOrder (bad values raise the ValidationError handled below)
            search_query = SearchQuery(q=query, filters=parsed_filters,
                                       facets=cast("list[FacetName]", facet_names),
                                       sort=cast("SortOrder", sort.value), page=page, size=size,
                                       highlight=not no_highlight)
        except QuerySyntaxError as exc:
            raise _fail(f"bad query: {exc}\n  {exc.pointer().replace(chr(10), chr(10) + '  ')}",
                        2) from exc
        except FilterError as exc:
            raise _fail(f"bad filter: {exc}", 2) from exc
        except ValidationError as exc:
            messages = "; ".join(str(e.get("msg")).removeprefix("Value error, ")
                                 for e in exc.errors())
            raise _fail(messages, 2) from exc
        except ValueError as exc:
            raise _fail(str(exc), 2) from exc

        home = home_of(ctx)
        try:
            engine = open_backend(backend.value, home, url=es_url)
            try:
                result = engine.search(search_query)
            finally:
                engine.close()
        except QuerySyntaxError as exc:  # pragma: no cover - parsed above already
            raise _fail(f"bad query: {exc}", 2) from exc
        except SearchBackendError as exc:
            raise _fail(str(exc), 1) from exc
        if as_json:
            typer.echo(json.dumps(result.to_json(), ensure_ascii=False))
        else:
            _print_result(result, search_query.page, search_query.size)


def _facet_names(names: list[str], known: list[str]) -> list[str]:
    chosen: list[str] = []
    for raw in names:
        for name in (n.strip() for n in raw.split(",")):
            if not name:
                continue
            if name == "all":
                chosen.extend(known)
            elif name in known:
                chosen.append(name)
            else:
                raise ValueError(f"unknown facet {name!r}; known facets: {', '.join(known)}, "
                                 "all")
    return list(dict.fromkeys(chosen))


def _print_result(result: SearchResult, page: int, size: int) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console()
    first = (page - 1) * size + 1
    last = min(first + len(result.hits) - 1, result.total)
    shown = f", showing {first}-{last}" if result.hits else ""
    console.print(f"[bold]{result.total}[/bold] documents{shown} ({result.took_ms} ms)")
    for hit in result.hits:
        date = hit.decision_date.isoformat() if hit.decision_date else "????-??-??"
        facts: list[str] = []
        if hit.outcome:
            facts.append(hit.outcome)
        if hit.prison_days_total is not None:
            facts.append(f"prison {hit.prison_days_total} d"
                         + (f" ({hit.prison_days_suspended} suspended)"
                            if hit.prison_days_suspended else ""))
        if hit.exploitation_types:
            facts.append("/".join(hit.exploitation_types))
        score = f"  score {hit.score:.2f}" if hit.score is not None else ""
        console.print(f"\n[bold cyan]{hit.ecli}[/]  {date}  {escape(hit.court or '')}"
                      f"  {escape(hit.procedure or '')}{score}")
        if facts:
            console.print("  " + escape(", ".join(facts)))
        if hit.summary:
            console.print("  " + escape(_clip(hit.summary, 300)))
        for fragment in hit.highlights:
            console.print("  … " + _marked(fragment.text, fragment.start, fragment.matches)
                          + " …")
    for name, values in result.facets.items():
        shown_values = ", ".join(f"{_value(v.value)} ({v.count})" for v in values[:15])
        more = f", … {len(values) - 15} more" if len(values) > 15 else ""
        console.print(f"\n[bold]{name}[/bold]: {escape(shown_values) or '-'}{more}")


def _value(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _marked(text: str, offset: int, matches: list[tuple[int, int]]) -> str:
    from rich.markup import escape

    out: list[str] = []
    pos = 0
    for start, end in matches:
        start, end = start - offset, end - offset
        if start < pos or end > len(text):
            continue
        out.append(escape(text[pos:start]))
        out.append(f"[bold yellow]{escape(text[start:end])}[/]")
        pos = end
    out.append(escape(text[pos:]))
    return " ".join("".join(out).split())
