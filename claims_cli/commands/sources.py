"""The source registry: list, add, edit. A change of side re-evaluates the claims involved."""

from typing import Annotated, List, Optional

import typer

from .. import context
from ..options import AnalystOpt, DbOpt, FormatOpt, OutputFormat

app = typer.Typer(help="The source registry: who says what, on which side, how reliable.\n\n\b\n"
                       "Example: claims sources edit DeepState --grade B",
                  no_args_is_help=True)

NameArg = Annotated[str, typer.Argument(help="Source name (or alias, for edit).", show_default=False)]
KindOpt = Annotated[Optional[str], typer.Option(
    "--kind", help="official, osint, media, social or other.", show_default=False)]
GradeOpt = Annotated[Optional[str], typer.Option(
    "--grade", help="Admiralty reliability grade: A completely reliable ... E unreliable, F cannot be judged.",
    show_default=False)]
AliasOpt = Annotated[Optional[List[str]], typer.Option("--alias", help="Another name; repeatable.",
                                                       show_default=False, metavar="<str>")]
SourceNoteOpt = Annotated[Optional[str], typer.Option("--note", help="What this source is.", show_default=False)]

SOURCE_COLUMNS = ("name", "side", "kind", "grade", "aliases", "note", "claims")


@app.command("list")
def list_sources(format: FormatOpt = OutputFormat.table, db: DbOpt = None) -> None:
    """List known sources with their side, kind, grade and number of claims.

    \b
    Example: claims sources list --format json
    """
    store = context.store(db)
    counts: dict[str, int] = {}
    for claim in store.claims():
        counts[claim["source"]] = counts.get(claim["source"], 0) + 1
    registry = store.registry()
    if format is OutputFormat.table:
        from ..layout import sources_table

        context.show_table(sources_table(registry, counts))
        return
    from ..exporters import write_records

    rows = [{**source.to_dict(), "claims": counts.get(source.name, 0)} for source in registry]
    rows = [{column: row[column] for column in SOURCE_COLUMNS} for row in rows]  # (JSON: in the CSV's order)
    context.emit(write_records(format.value, rows, SOURCE_COLUMNS))


@app.command("add")
def add_source(
    name: NameArg,
    side: Annotated[str, typer.Option("--side", help="russia, ukraine, independent or unknown.",
                                      show_default=False)],
    kind: KindOpt = None,
    alias: AliasOpt = None,
    grade: GradeOpt = None,
    note: SourceNoteOpt = None,
    db: DbOpt = None,
) -> None:
    """Add a source to the registry.

    \b
    Example: claims sources add "Black Bird Group" --side independent --kind osint --grade B
    """
    from ..ledger import add_source as add

    source = add(context.store(db), name, side, kind, alias or [], grade, note)
    context.notify("ok", f"Added source {source.name} ({source.side}, {source.kind}).")


@app.command("edit")
def edit_source(
    name: NameArg,
    side: Annotated[Optional[str], typer.Option("--side", help="russia, ukraine, independent or unknown.",
                                                show_default=False)] = None,
    kind: KindOpt = None,
    alias: Annotated[Optional[List[str]], typer.Option(
        "--alias", help="Add an alias; repeatable.", show_default=False, metavar="<str>")] = None,
    clear_aliases: Annotated[bool, typer.Option("--clear-aliases", help="Remove all aliases first.")] = False,
    grade: Annotated[Optional[str], typer.Option(
        "--grade", help="Admiralty grade A-F; an empty string clears it.", show_default=False)] = None,
    note: SourceNoteOpt = None,
    analyst: AnalystOpt = None,
    db: DbOpt = None,
) -> None:
    """Change a source; a new side re-evaluates every claim it made or gave evidence on.

    \b
    Example: claims sources edit DeepState --grade B --alias "DeepState map"
    """
    from ..ledger import edit_source as edit
    from ..verification import evaluate

    if side is None and kind is None and not alias and not clear_aliases and grade is None and note is None:
        from ..errors import InvalidValue

        raise InvalidValue("nothing to change", hint="Give at least one option, e.g. --side or --grade.")
    store = context.store(db)
    before = store.registry().get(name)
    source, changed = edit(store, name, context.analyst(analyst), side=side, kind=kind,
                           aliases=[] if clear_aliases else None, add_aliases=alias or [],
                           grade=grade, note=note)
    said = "Updated source {}" if source != before else "Source {} unchanged"
    context.notify("ok", f"{said.format(source.name)} ({source.side}, {source.kind}, grade {source.grade or '—'}).")
    if changed:
        registry = store.registry()
        context.say_status([(claim, claim["history"][-1]["status_before"], evaluate(claim, registry).reason)
                            for claim in changed])
