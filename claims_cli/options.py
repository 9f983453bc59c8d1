"""Shared command-line options, defined once as Annotated aliases, and the list-filter decorator.

No `from __future__ import annotations` here: Typer reads these annotations at run time.
"""

import enum
import functools
import inspect
from typing import Annotated, List, Optional

import typer


TABLE_DEFAULT_LIMIT = 50  # rows a table shows unless --limit says otherwise (0 = all)

# A usage error (exit 2; said as "Error: ..." then "Try 'claims CMD -h' for help.", cli._show_usage_error):
# raised by a command for what Click cannot see in its parameters, options that cannot go together
# or a choice it needs left out. Click's UsageError, found from Typer's public BadParameter as
# cli._install_usage_errors finds it (not `import click`); BadParameter itself, if it is not there.
UsageError = next((kind for kind in typer.BadParameter.__mro__ if kind.__name__ == "UsageError"), typer.BadParameter)


class OutputFormat(str, enum.Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class DetailFormat(str, enum.Enum):
    table = "table"
    json = "json"


# (readable=False: the store says why a file cannot be read, as for $CLAIMS_DB, and doctor may look)
# (text, not a Path: Path("newdir/") drops the slash that says a directory; context.db_path reads it)
DbOpt = Annotated[Optional[str], typer.Option(
    "--db", help="Database file. Default: $CLAIMS_DB, else claims.json in your user data directory.",
    show_default=False, metavar="<path>")]
AnalystOpt = Annotated[Optional[str], typer.Option(
    "--analyst", help="Who makes the change, for the audit trail. Default: $CLAIMS_ANALYST, else your login.",
    show_default=False)]
FormatOpt = Annotated[OutputFormat, typer.Option(
    "--format", "-f", help="table for people; json, jsonl or csv for scripts.", case_sensitive=False)]
DetailFormatOpt = Annotated[DetailFormat, typer.Option(
    "--format", "-f", help="table for people, json for scripts.", case_sensitive=False)]
# (a change prints no table: `-f table` is a line saying what changed)
ChangeFormatOpt = Annotated[DetailFormat, typer.Option(
    "--format", "-f", help="table: what changed, on stderr; json: also the claim as JSON on stdout, for scripts.",
    case_sensitive=False)]
LimitOpt = Annotated[Optional[int], typer.Option(
    "--limit", "-n", help="At most this many claims (0 = all). Tables default to 50.", min=0, metavar="<n>",
    show_default=False)]
SortOpt = Annotated[Optional[str], typer.Option(
    "--sort", help="id, claimed, updated, created, source, place or status; prefix - for descending. A "
                   "source's, place's or status's claims go by claim date, then ID (- reverses them too); claims "
                   "with no place sort last either way.",
    show_default=False)]
YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Record it even if it looks like a duplicate, or its --ref "
                                                         "is another claim's.")]
ClaimIdArg = Annotated[str, typer.Argument(help="Claim ID, e.g. C-0042 (C-42 and 42 work too).",
                                           show_default=False)]
OnOpt = Annotated[Optional[str], typer.Option(
    "--on", help="Date: YYYY-MM-DD, '7 Dec 2025', today, yesterday, '3 days ago'. Default: today.",
    show_default=False)]
UrlsOpt = Annotated[Optional[List[str]], typer.Option("--url", help="A link (http or https); repeatable.",
                                                      show_default=False, metavar="<str>")]
TagsOpt = Annotated[Optional[List[str]], typer.Option("--tag", help="A tag; repeatable.",
                                                      show_default=False, metavar="<str>")]
NoteOpt = Annotated[Optional[str], typer.Option("--note", help="Free-text note.", show_default=False)]


# The filters every listing, view and export takes: (parameter name, annotation).
FILTER_OPTIONS = (
    ("source", Annotated[Optional[List[str]], typer.Option(
        "--source", "-s", help="Claimant source (name or alias); repeated, any of them.",
        show_default=False, metavar="<str>")]),
    ("evidence_by", Annotated[Optional[List[str]], typer.Option(
        "--evidence-by", help="Has evidence in force (any stance) from this source (name or alias); "
                              "repeated, any of them.", show_default=False, metavar="<str>")]),
    ("side", Annotated[Optional[List[str]], typer.Option(
        "--side", help="Claimant's side: russia, ukraine, independent, unknown; repeated, any of them.",
        show_default=False, metavar="<str>")]),
    ("status", Annotated[Optional[List[str]], typer.Option(
        "--status", help="Status in force: unverified, confirmed, contested, refuted; repeated, any of them.",
        show_default=False, metavar="<str>")]),
    ("region", Annotated[Optional[List[str]], typer.Option(
        "--region", help="Region/oblast, the whole name (any case; apostrophes, written or not: Pokrovs'k is Pokrovsk; any dash for -, ё for е; punctuation around it aside); repeated, any of them. Other writings recorded (Донецька область for Donetsk) are noted, not matched.", show_default=False, metavar="<str>")]),
    ("place", Annotated[Optional[List[str]], typer.Option(
        "--place", help="Place, the whole name (any case; apostrophes, written or not: Pokrovs'k is Pokrovsk; any dash for -, ё for е; punctuation around it aside); repeated, any of them. Other writings recorded (Покровськ) are noted, not matched.", show_default=False, metavar="<str>")]),
    ("category", Annotated[Optional[List[str]], typer.Option(
        "--category", help="Category; repeated, any of them.", show_default=False, metavar="<str>")]),
    ("tag", Annotated[Optional[List[str]], typer.Option(
        "--tag", help="Has this tag (or, repeated or given as a;b, any of these).",
        show_default=False, metavar="<str>")]),
    ("since", Annotated[Optional[str], typer.Option(
        "--since", help="Claimed on or after this date (a month or year: from its first day).", show_default=False)]),
    ("until", Annotated[Optional[str], typer.Option(
        "--until", help="Claimed on or before this date (a month or year: up to its last day).", show_default=False)]),
    ("text", Annotated[Optional[str], typer.Option(
        "--text", help="Words in the statement, place, region, outlet, ref, or a note or link (the claim's "
                       "or its evidence's): each of them, anywhere in a word (port finds report too), in any order and case, "
                       "apostrophes (written or not: Pokrovs'k finds Pokrovsk) and punctuation around a word aside.",
        show_default=False)]),
    ("overridden", Annotated[bool, typer.Option(
        "--overridden", help="Only claims whose analyst's assessment is not the status the rule "
                             "computes (to look at again when evidence has changed).")]),
)
FILTER_DEFAULTS = {"overridden": False}  # (the others: None, not given)


def with_filters(command=None, *, hidden: tuple[str, ...] = ()):
    """Give a command the shared list filters; it receives them as one `filters` dict argument.

    The dict holds the raw option values (keys as in FILTER_OPTIONS); `context.claim_filter` turns
    them into a validated ClaimFilter once the store (and so the source registry) is open.
    `@with_filters(hidden=("status",))`: those filters are read but left out of the help (`contested
    --status` can only empty the list; a script that gives it runs as before).
    """
    if command is None:
        return functools.partial(with_filters, hidden=hidden)
    options = [(name, _hidden(annotation) if name in hidden else annotation) for name, annotation in FILTER_OPTIONS]
    signature = inspect.signature(command)
    own = [param for param in signature.parameters.values() if param.name != "filters"]
    added = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=FILTER_DEFAULTS.get(name),
                               annotation=annotation) for name, annotation in options]

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        filters = {name: kwargs.pop(name, None) for name, _ in FILTER_OPTIONS}
        return command(*args, filters=filters, **kwargs)

    wrapper.__signature__ = signature.replace(parameters=own + added)
    wrapper.__annotations__ = {
        **{name: value for name, value in command.__annotations__.items() if name != "filters"},
        **dict(options),
    }
    del wrapper.__wrapped__  # Typer must read the new signature, not the original one
    return wrapper


def _hidden(annotation):
    """An option's `Annotated[type, typer.Option(...)]`, left out of the help."""
    import copy

    info = copy.copy(annotation.__metadata__[0])
    info.hidden = True
    return Annotated[annotation.__origin__, info]
