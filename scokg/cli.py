"""The `scokg` command: build the graph, inspect it, query it, export it, validate it, serve it.

Commands that need the loaders, the reasoner or the server app import them when they run, so
that `scokg query` and `scokg stats` start fast.
"""
from __future__ import annotations

import json
import re
from dataclasses import replace
from itertools import groupby
from pathlib import Path
from typing import BinaryIO

import click
from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Store,
    Variable,
    serialize,
)
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Column, Table
from rich.text import Text

from scokg import __version__
from scokg.evaluation import Counts, DuplicateGroup, GoldError, Issue, Report, evaluate, load_gold
from scokg.graph.export import FORMATS, curie, export as export_store
from scokg.graph.stats import class_counts, graph_sizes, total_quads
from scokg.graph.backends import open_backend
from scokg.graph.store import StoreError
from scokg.ontology.namespaces import PREFIXES, XSD, graph_namespace
from scokg.server.http_server import production_server, serve_forever
from scokg.settings import Settings, SettingsError

Term = NamedNode | BlankNode | Literal

_RESULT_FORMATS = {"json": QueryResultsFormat.JSON, "csv": QueryResultsFormat.CSV, "tsv": QueryResultsFormat.TSV}
_GRAPH_FORMATS = {"table": RdfFormat.TURTLE, "turtle": RdfFormat.TURTLE, "ntriples": RdfFormat.N_TRIPLES}
_INTEGER = re.compile(r"[+-]?[0-9]+")


class QueryError(click.ClickException):
    """A query the user wrote cannot run (exit status 2, like a usage error)."""

    exit_code = 2


@click.group()
@click.option(
    "--store", "store_path", metavar="PATH|remote:query=URL,update=URL,gsp=URL",
    help="Store directory, or a remote SPARQL 1.1 store by its query, update and Graph Store Protocol URLs "
    "[SCOKG_STORE].",
)
@click.option("--base-iri", help="Base IRI of resources and graphs [SCOKG_BASE_IRI].")
@click.option("--corpus", "corpus_dir", type=click.Path(path_type=Path), help="Corpus folder [SCOKG_CORPUS].")
@click.version_option(__version__, prog_name="scokg")
@click.pass_context
def scokg(ctx: click.Context, store_path: str | None, base_iri: str | None, corpus_dir: Path | None) -> None:
    """Knowledge graph of SCO environmental cooperation."""
    try:
        ctx.obj = Settings.from_env(store_path=store_path, base_iri=base_iri, corpus_dir=corpus_dir)
    except SettingsError as error:
        raise click.UsageError(str(error)) from None


@scokg.command()
@click.option("--jobs", type=click.IntRange(1, 256), help="Processes reading the documents [SCOKG_BUILD_JOBS; default: one per CPU].")
@click.pass_obj
def build(settings: Settings, jobs: int | None) -> None:
    """Build the store from the corpus, replacing the previous one atomically."""
    from scokg.build import STEPS, BuildError, build_graph
    from scokg.loaders.errors import CorpusError

    if jobs is not None:
        settings = replace(settings, build_jobs=jobs)
    console = Console(stderr=True)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    try:
        with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as progress:
            task = progress.add_task("starting", total=len(STEPS))
            step = ""

            def show(message: str) -> None:
                nonlocal step
                if message in STEPS:
                    step = message
                    progress.update(task, completed=STEPS.index(step), description=step)
                else:
                    progress.update(task, description=f"{step}: {message}")

            report = build_graph(settings, progress=show)
            progress.update(task, completed=len(STEPS))
    except (CorpusError, BuildError, StoreError) as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        f"Built {settings.remote_store or settings.store_path}: {report.sources} sources, {report.quads} quads "
        f"({report.inferred} inferred) in {sum(report.seconds.values()):.1f} s"
    )
    click.echo("  " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in report.seconds.items()))
    if report.problems:
        click.secho(f"{len(report.problems)} corpus problem(s); bad files were left out, the rest was built:", fg="yellow", err=True)
        for problem in report.problems:
            click.echo(f"  {problem}", err=True)


@scokg.command()
@click.pass_obj
def stats(settings: Settings) -> None:
    """Instances per class and triples per named graph."""
    store = _open(settings)
    classes = Table("class", Column("instances", justify="right"), title="Instances per class")
    for name, count in class_counts(store):
        classes.add_row(Text(f"sco:{name}"), str(count))
    graphs = Table(Column("graph", overflow="fold"), Column("triples", justify="right"), title="Triples per named graph")
    for iri, count in graph_sizes(store):
        graphs.add_row(Text(iri), str(count))
    console = Console()
    console.print(classes, graphs)
    console.print(f"Total: {total_quads(store)} quads")


def _parse_params(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[Variable, Term]:
    """NAME=VALUE pairs as query substitutions: <iri> or http(s)://… → IRI, digits → integer, else string."""
    bindings: dict[Variable, Term] = {}
    for item in values:
        name, equals, value = item.partition("=")
        try:
            if not equals:
                raise ValueError("expected NAME=VALUE")
            bindings[Variable(name.lstrip("?$"))] = _term(value)
        except ValueError as error:
            raise click.BadParameter(f"{item!r}: {error}", ctx, param) from None
    return bindings


def _term(value: str) -> Term:
    if value.startswith("<") and value.endswith(">"):
        return NamedNode(value[1:-1])
    if value.startswith(("http://", "https://")):
        return NamedNode(value)
    if _INTEGER.fullmatch(value):
        return Literal(value, datatype=XSD.integer)
    return Literal(value)


@scokg.command()
@click.argument("query_text", metavar="QUERY")
@click.option(
    "--format", "fmt", default="table", show_default=True,
    type=click.Choice(["table", "json", "csv", "tsv", "turtle", "ntriples"]),
    help="table/json/csv/tsv for SELECT and ASK; table (Turtle), turtle or ntriples for CONSTRUCT/DESCRIBE.",
)
@click.option(
    "--param", "params", multiple=True, metavar="NAME=VALUE", callback=_parse_params,
    help="Bind ?NAME (it must be selected, or SELECT *): <iri> or http(s)://… → IRI, digits → integer, "
    "else a string.",
)
@click.pass_obj
def query(settings: Settings, query_text: str, fmt: str, params: dict[Variable, Term]) -> None:
    """Run a SPARQL QUERY (text, or @file.rq) over the union of all graphs; common prefixes are predeclared."""
    text = _read_query(query_text)
    store = _open(settings)
    try:
        results = store.query(
            text,
            use_default_graph_as_union=settings.union_default_graph,
            prefixes=PREFIXES,
            substitutions=params or None,
        )
    except SyntaxError as error:
        raise QueryError(f"malformed query: {error}") from None
    except RuntimeError as error:  # a substituted variable the query does not select
        raise QueryError(f"--param: {error}") from None
    if isinstance(results, QueryBoolean) and fmt == "table":
        click.echo("true" if results else "false")
    elif isinstance(results, (QueryBoolean, QuerySolutions)):
        if fmt == "table":
            _print_table(results)
        elif fmt in _RESULT_FORMATS:
            click.echo(results.serialize(format=_RESULT_FORMATS[fmt]), nl=False)
        else:
            raise QueryError(f"--format {fmt} is for CONSTRUCT and DESCRIBE queries")
    elif fmt in _GRAPH_FORMATS:
        click.echo(serialize(results, format=_GRAPH_FORMATS[fmt], prefixes=PREFIXES), nl=False)
    else:
        raise QueryError(f"--format {fmt} is for SELECT and ASK queries; use turtle or ntriples")


def _read_query(argument: str) -> str:
    if not argument.startswith("@"):
        return argument
    path = Path(argument[1:])
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise click.BadParameter(f"cannot read {path}: {error}", param_hint="QUERY") from None


def _print_table(solutions: QuerySolutions) -> None:
    names = [variable.value for variable in solutions.variables]
    table = Table(*(Column(name, overflow="fold") for name in names))
    for solution in solutions:
        table.add_row(*(Text(_show(solution[name])) for name in names))
    Console().print(table)


def _show(term: Term | None) -> str:
    """A term for people: CURIEs where a prefix is known, language tags and non-string datatypes."""
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        return curie(term.value)
    if isinstance(term, Literal):
        if term.language:
            return f"{term.value}@{term.language}"
        if term.datatype != XSD.string:
            return f"{term.value}^^{curie(term.datatype.value)}"
        return term.value
    return str(term)


@scokg.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="Output format.")
@click.option("-o", "--output", type=click.File("wb"), default="-", help="Output file (default: stdout).")
@click.pass_obj
def export(settings: Settings, fmt: str, output: BinaryIO) -> None:
    """Export the whole store: RDF (turtle, trig, nquads, jsonld) or the entity network."""
    export_store(_open(settings), fmt, output)


@scokg.command()
@click.pass_obj
def validate(settings: Settings) -> None:
    """Check the store against the SHACL shapes and the ontology (OWL consistency)."""
    from scokg.build import reason
    from scokg.ontology.validation import validate_shapes

    store = _open(settings)
    shapes = validate_shapes(store.dump(format=RdfFormat.N_QUADS))
    if shapes.conforms:
        click.echo("SHACL: conforms")
    else:
        click.echo(f"SHACL: {len(shapes.results)} violation(s)")
        for result in shapes.results:
            click.echo(f"  {result}")
    graphs = graph_namespace(settings.base_iri)
    derived = (graphs.ontology, graphs.inferred)
    owl = reason(q for q in store if q.graph_name not in derived)
    click.echo("OWL: consistent" if owl.consistent else f"OWL: inconsistent: {owl.explanation}")
    if not (shapes.conforms and owl.consistent):
        raise SystemExit(1)


@scokg.command("eval")
@click.option("--gold", "gold_dir", type=click.Path(path_type=Path), default=Path("tests/gold"), show_default=True,
              help="Folder of gold annotation files: its *.yaml files except floors.yaml and *.meta.yaml sidecars, "
              "so <id>.yaml and <id>.gold.yaml beside <id>.txt both count (e.g. tests/gold/synthetic).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="Output format.")
@click.option("--misses", is_flag=True, help="Also list every miss, false positive, wrong attribute and duplicate.")
@click.option("--duplicates", is_flag=True,
              help="Also list, over the whole store, the resources of one category that share a name (merge failures).")
@click.pass_obj
def eval_command(settings: Settings, gold_dir: Path, fmt: str, misses: bool, duplicates: bool) -> None:
    """Score the graph against the gold annotations: entities, attributes, relations, duplicates."""
    try:
        gold = load_gold(gold_dir)
    except GoldError as error:
        raise click.BadParameter(str(error), param_hint="--gold") from None
    report = evaluate(_open(settings), gold, settings.base_iri)
    if fmt == "json":
        data = report.to_dict()
        if not misses:
            del data["issues"]
        if not duplicates:
            del data["duplicate_groups"]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        console = Console()
        console.print(*_eval_tables(report))
        if misses:
            _print_issues(console, report.issues)
        if duplicates:
            _print_duplicate_groups(console, report.duplicate_groups)


def _eval_tables(report: Report) -> list[Table]:
    def scores(counts: Counts) -> list[str]:
        return [str(counts.tp), str(counts.fp), str(counts.fn), f"{counts.precision:.2f}", f"{counts.recall:.2f}", f"{counts.f1:.2f}"]

    def numbers() -> list[Column]:  # a Column keeps its cells: one set per table
        return [Column(name, justify="right") for name in ("TP", "FP", "FN", "precision", "recall", "F1")]

    entities = Table("category", *numbers(), Column("duplicates", justify="right"), title="Entities per category (all documents)")
    for category, counts in [*report.entities.items(), ("all", report.all_entities)]:
        duplicates = sum(report.duplicates.values()) if category == "all" else report.duplicates[category]
        entities.add_row(category, *scores(counts), str(duplicates))
    attributes = Table(Column("attribute", no_wrap=True), *(Column(name, justify="right") for name in (
        "gold", "correct", "wrong", "wrong date precision", "missing", "accuracy")), title="Attribute accuracy (paired entities)")
    for name, score in report.attributes.items():
        if score.total:
            attributes.add_row(name, *map(str, (score.total, score.correct, score.wrong, score.wrong_precision, score.missing)),
                               f"{score.accuracy:.2f}")
    relations = Table("predicate", *numbers(), title="Relations",
                      caption=f"{report.not_expressible} gold relation(s) not expressible in the ontology, not scored")
    for predicate, counts in [*report.relations.items(), ("all", report.all_relations)]:
        if counts.tp + counts.fp + counts.fn or predicate == "all":
            relations.add_row(predicate, *scores(counts))
    documents = Table(Column("document", overflow="fold"), *numbers(), title="Entities per document")
    for name, counts in report.documents.items():
        documents.add_row(Text(name), *scores(counts))
    return [entities, attributes, relations, documents]


def _print_issues(console: Console, issues: list[Issue]) -> None:
    """Every issue, by document: its kind, what it concerns, the gold side and the graph side."""
    console.print(Text(f"\nMisses, false positives and other errors ({len(issues)})", style="bold"))
    for document, group in groupby(issues, key=lambda issue: issue.document):
        console.print(Text(document, style="bold"))
        for issue in group:
            line = Text(f"  {issue.kind} [{issue.facet}] {issue.gold}")
            if issue.graph:
                line.append(f"  graph: {issue.graph}", style="dim")
            console.print(line)


def _print_duplicate_groups(console: Console, groups: list[DuplicateGroup]) -> None:
    """Each group: its category and shared names, then each resource with its labels and documents."""
    console.print(Text(f"\nResources of one category sharing a name, whole store ({len(groups)} groups)", style="bold"))
    for group in groups:
        console.print(Text(f"{group.category}: {' | '.join(group.names)}", style="bold"), soft_wrap=True)
        for resource in group.resources:
            line = Text(f"  {resource.iri}")
            line.append(f"  {' | '.join(resource.labels)}", style="dim")
            line.append(f"  in: {', '.join(resource.documents) or '(mentioned in no document)'}")
            console.print(line, soft_wrap=True)


@scokg.command()
@click.option("--host", help="Interface to bind [SCOKG_HOST].")
@click.option("--port", type=int, help="Port to bind [SCOKG_PORT].")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True, help="Worker processes.")
@click.option("--rebuild", is_flag=True, help="Build the graph first even if the store exists.")
@click.pass_context
def serve(ctx: click.Context, host: str | None, port: int | None, workers: int, rebuild: bool) -> None:
    """Serve the SPARQL endpoint with Granian, building the graph first if there is no store."""
    overrides = {name: value for name, value in (("host", host), ("port", port)) if value is not None}
    try:
        settings = replace(ctx.obj, **overrides)
    except SettingsError as error:
        raise click.UsageError(str(error)) from None
    try:
        missing = not open_backend(settings).exists()
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    if rebuild or missing:
        ctx.invoke(build)
    serve_forever(production_server(settings, workers), settings)


def _open(settings: Settings) -> Store:
    try:
        return open_backend(settings).reader()
    except StoreError as error:
        raise click.ClickException(str(error)) from None


def main() -> None:
    """Entry point of the `scokg` console script."""
    scokg(prog_name="scokg")
