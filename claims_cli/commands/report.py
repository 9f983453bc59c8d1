"""Exports and reports: `claims export` (every format, with the list filters) and `claims report`.

Thin commands: select the claims, call a pure writer (exporters, documents, reports), and send
the bytes to stdout or, with --output, to a file written by `output.write_output`.
"""

import enum
import os
from functools import partial
from pathlib import Path
from typing import Annotated, Iterable, Optional

import typer

from .. import context
from ..options import DbOpt, SortOpt, UsageError, with_filters

app = typer.Typer()


class ExportFormat(str, enum.Enum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"
    html = "html"
    geojson = "geojson"
    claimreview = "claimreview"


class ReportFormat(str, enum.Enum):
    terminal = "terminal"
    table = "table"  # (the terminal report, by the name every listing gives its human format)
    markdown = "markdown"
    html = "html"
    json = "json"


# (a str, not a Path: Path("") is "." and Path("new.html/") is new.html; output._named reads it as given)
OutputOpt = Annotated[Optional[str], typer.Option(
    "--output", "-o", help="Write to this file instead of stdout ('-' is stdout); never a symbolic link itself (one among its directories is followed).",
    show_default=False, metavar="<path>")]
OverwriteOpt = Annotated[bool, typer.Option("--force", help="Replace the --output file if it exists.")]
DeskOpt = Annotated[Optional[str], typer.Option(
    "--desk", help="Who publishes: named in HTML and Markdown, the ClaimReview author. Default: $CLAIMS_DESK, "
                   "else 'claims desk'.",
    show_default=False)]


_SIGNED = frozenset({"markdown", "html", "claimreview"})  # the formats that name who publishes them


def _checked_review_url(url: Optional[str], format: "ExportFormat") -> Optional[str]:
    """--review-url, ClaimReview's, as each review's address is made of it: an http(s) address (a
    search engine reads it), its blanks around it aside; {id} is the one placeholder, and without
    it the claim's ID is the fragment, so the address may have none of its own."""
    if url is None:
        return None
    from ..errors import InvalidValue, shown
    from ..exporters import review_address, safe_link

    if format.value != "claimreview":
        raise UsageError("--review-url is for --format claimreview (the page each review is published at)")
    url = url.strip()
    if "{" in url.replace("{id}", "") or "}" in url.replace("{id}", ""):
        raise InvalidValue(f"--review-url {shown(url)}: only {{id}} stands for something in it (the claim's ID)",
                           hint="Write {id} where the claim's ID goes, e.g. https://desk.example/claims/{id}.")
    if "{id}" not in url and "#" in url:
        raise InvalidValue(f"--review-url {shown(url)} has its own #fragment, where each review's would be its "
                           "claim's ID", hint="Leave the fragment out, or write {id} where the claim's ID goes.")
    if "\\" in url:  # (as models.clean_url: a browser reads it as /, and would open another host)
        from ..models import BACKSLASH_HINT

        raise InvalidValue(f"--review-url {shown(url)} has a backslash", hint=BACKSLASH_HINT)
    if safe_link(review_address(url, "C-0001")) is None:
        raise InvalidValue(f"--review-url {shown(url)} is not an http(s) address",
                           hint="Give the page's full address, e.g. https://desk.example/claims.html.")
    return url


def _publisher(desk: Optional[str], format: "ExportFormat") -> str:
    """Who publishes the export: --desk, else $CLAIMS_DESK, else "claims desk"; checked only for a
    format that prints it (a bad $CLAIMS_DESK failed every CSV export with "desk is missing"), and
    named as the user gave it."""
    from ..errors import InvalidValue
    from ..models import clean_text

    if desk is not None:
        if format.value not in _SIGNED:
            raise UsageError("--desk is for --format html, markdown or claimreview (which name who publishes)")
        given, named = desk, "--desk"
    else:
        # (an empty variable is unset, as $CLAIMS_ANALYST's is; one of blanks is refused)
        given, named = os.environ.get("CLAIMS_DESK") or None, "$CLAIMS_DESK"
    if given is None or format.value not in _SIGNED:
        from ..exporters import DEFAULT_DESK

        return DEFAULT_DESK  # (unsigned formats: not printed, so not checked)
    if not given.strip():
        raise InvalidValue(f"{named} is empty", hint="Give who publishes, or leave it out for 'claims desk'.")
    try:
        return clean_text(given, "desk", required=True)
    except InvalidValue as err:
        raise InvalidValue(f"{named}: {err.message}", hint=err.hint) from None


def _to_file(output: Optional[str]) -> bool:
    return output is not None and str(output) != "-"


def _database_files(db: Optional[str]) -> tuple:
    """The files --output must never replace: the database this command reads (its own --db, else
    the one given before it, else $CLAIMS_DB...) and its companions."""
    from ..storage import database_files

    return database_files(context.db_path(db))


def _check_output(output: Optional[str], force: bool, db: Optional[str]) -> None:
    """Refuse a file --output that will be refused (it exists, it is the database...) before the
    claims are read and laid out: seconds at 100,000 claims."""
    if _to_file(output):
        from ..output import check_output

        check_output(output, force=force, protected=_database_files(db))


def _deliver(data: "bytes | Iterable[bytes]", output: Optional[str], force: bool, what: str,
             db: Optional[str]) -> None:
    """Bytes (or pieces of bytes, written one after another) to stdout, or atomically to --output
    (never over the database or through a link)."""
    pieces = [data] if isinstance(data, (bytes, bytearray, memoryview)) else data
    if not _to_file(output):
        for piece in pieces:
            context.emit(piece)
        return
    from ..output import write_output

    size = write_output(output, pieces, force=force, protected=_database_files(db))
    from ..errors import path_shown

    context.notify("ok", f"Wrote {what} to {path_shown(output)} ({_size(size)}).")


def _size(count: int) -> str:
    return f"{count} bytes" if count < 1024 else f"{count / 1024:.0f} KB"


def _scope(filters: dict, chosen) -> str:
    """The filters in words, as they were resolved (`chosen`, the ClaimFilter): a document read
    next week must not say "--since 7 days ago", nor name a source by an alias."""
    from ..errors import shown
    from ..exporters import ALL_CLAIMS, close_direction_controls
    from ..models import place_key, split_tags, tag_key

    resolved = {"source": chosen.sources, "evidence_by": chosen.evidence_by, "side": chosen.sides, "status": chosen.statuses,
                "category": chosen.categories, "since": chosen.since and chosen.since.isoformat(),
                "until": chosen.until and chosen.until.isoformat()}
    given = []
    for name, value in filters.items():
        if not value:
            continue
        value = resolved.get(name) or value
        option = context.option_name(name)
        values = value if isinstance(value, list) else [value]  # (each closed: "--place ‮X --tag def" read "fed")
        if name == "tag":  # (as the filter takes them: "a;b" is a or b)
            values = [part.strip() for one in values for part in split_tags(one) if part.strip()]
        # (a value given twice is either: "or"; one holding a comma quoted, one tag "kupiansk, belgorod")
        # (each once: --source MoD --source "Russian MoD" is one source)
        key = {"place": place_key, "region": place_key, "tag": tag_key}.get(name, str)  # (as the filter compares
        # them: --place Siversk --place SIVERSK is one place)
        firsts: dict = {}
        for one in values:
            firsts.setdefault(key(str(one)), close_direction_controls(str(one)))
        said = list(firsts.values())
        # (every value of several words or holding a comma quoted alike: "--source The Telegraph" read as
        # a source and a word beside "--place 'Downing Street, London'"; --text's words are all looked for,
        # "a or b" quoted whole)
        given.append(option if value is True else
                     f"{option} {' or '.join(shown(one) if _read_as_several(one) else one for one in said)}")
    return "filtered: " + " ".join(given) if given else ALL_CLAIMS


def _read_as_several(value: str) -> bool:
    """Whether a filter's value, written bare on the filter line, reads as more than one: it holds
    a blank or a comma (a value given twice is joined by "or", tags by ",")."""
    return "," in value or any(char.isspace() for char in value)


@app.command()
@with_filters
def export(
    filters: dict,
    format: Annotated[Optional[ExportFormat], typer.Option(
        "--format", "-f", help="json, jsonl, csv, markdown, html, geojson or claimreview. Default: what --output's "
                               "name ends in (.csv, .jsonl, .md, .html, .geojson, .json; .jsonld for claimreview), else json.",
        case_sensitive=False, show_default=False)] = None,
    output: OutputOpt = None,
    force: OverwriteOpt = False,
    sort: SortOpt = None,
    desk: DeskOpt = None,
    bom: Annotated[bool, typer.Option(
        "--bom", help="CSV for Excel: a byte-order mark first, so Excel reads it as UTF-8 (Cyrillic).")] = False,
    review_url: Annotated[Optional[str], typer.Option(
        "--review-url", help="ClaimReview: the address each review is published at ({id}: the claim's ID; "
                             "without it, URL#ID, the HTML export's anchor).", show_default=False)] = None,
    with_deleted: Annotated[bool, typer.Option(
        "--with-deleted", help="JSON and JSON Lines: the deleted claims too (each with its deleted_at), so a "
                               "desk that imports it hears of each deletion.")] = False,
    db: DbOpt = None,
) -> None:
    """Export claims (deleted ones left out, but for --with-deleted) as data or a document, with the same
    filters as list (every claim that matches: no --limit).

    \b
    Example: claims export --format html \\
               --status contested --output contested.html
    """
    from ..dates import today, utc_now
    from ..exporters import WITH_DELETED, ExportInfo, Readable, export_pieces
    from ..filters import store_query
    from ..errors import path_shown
    from ..plain import counted

    unnamed = format is None and _named_format(output) is None and _to_file(output) and Path(output).suffix != ""
    if format is None:  # (`-o today.csv` is a CSV: JSON under that name was read as CSV, and failed)
        format = ExportFormat(_named_format(output) or "json")
    publisher = _publisher(desk, format)
    if bom and format is not ExportFormat.csv:
        raise UsageError("--bom is for --format csv (a byte-order mark for Excel)")
    if with_deleted and format not in (ExportFormat.json, ExportFormat.jsonl):
        raise UsageError("--with-deleted is for --format json or jsonl (what another desk imports)")
    review_url = _checked_review_url(review_url, format)
    _check_output(output, force, db)
    store = context.store(db)
    registry = store.registry()
    filt = context.claim_filter(store, filters)
    from .claims import other_writings_of, say_other_writings

    other_writings = other_writings_of(filt)  # (an export that holds some notes a place's other writings, as `list`)
    match, order, descending = store_query(filt, registry, "id" if sort is None else sort,
                                           other_writings=other_writings)
    chosen = store.select(match, order, descending=descending)
    if with_deleted:  # (an import deletes nothing, but names each claim the file has deleted and it has live)
        # The deleted ones after the live: a claim deleted and entered again (`add --force`) is the
        # live one to the desk that reads it, not a deletion with the live record dropped as a repeat
        gone, _, _ = store_query(filt, registry, "id" if sort is None else sort, only_deleted=True,
                                 other_writings=other_writings)
        chosen = chosen.followed_by(store.select(gone, order, descending=descending, include_deleted=True))
    context.keep(chosen)
    info = ExportInfo(exported_at=utc_now(), today=today(),
                      desk=publisher, scope=_scope(filters, filt) + (WITH_DELETED if with_deleted else ""),
                      review_url=review_url)
    pieces = export_pieces(format.value, Readable(chosen), registry, info)
    context.keep(pieces)  # (a document's 100,000 laid-out parts: not freed one by one before exit)
    written = getattr(pieces, "records", len(chosen))  # (geojson and claimreview leave some out)
    what = f"{counted(written, 'claim')} as {format.value}"
    if written != len(chosen):
        what += f" (of {len(chosen)} matching)"
    if bom:
        pieces = [b"\xef\xbb\xbf", *pieces]  # (UTF-8's byte-order mark: Excel's sign of UTF-8)
    _deliver(pieces, output, force, what, db)
    if getattr(pieces, "warning", None):
        context.notify("warning", pieces.warning)
    if written != len(chosen) and not _to_file(output):  # (-o says it in its "Wrote" line)
        left = len(chosen) - written
        why = getattr(pieces, "left_out", None) or _LEFT_OUT[format.value]
        context.notify("ok", f"{counted(left, 'claim')} {why} {'is' if left == 1 else 'are'} "
                             f"left out ({written} of {len(chosen)} matching exported).")
    if unnamed and Path(output).suffix.lower() != ".tsv":  # (a .tsv is said by _say_if_named_otherwise)
        context.notify("warning", f"{path_shown(Path(output).name)}'s ending names no export format: it holds JSON; --format "
                                  "chooses (json, jsonl, csv, markdown, html, geojson or claimreview).")
    _say_if_named_otherwise(output, format.value)
    say_other_writings(other_writings, len(chosen))
    if sort and format.value in ("markdown", "html"):
        context.notify("warning", f"--sort is not used by --format {format.value}: its claims are grouped by "
                                  "status, then by claim date.")


# Why a format leaves a claim out (geojson and claimreview export some of the matching claims)
_LEFT_OUT = {"geojson": "without coordinates", "claimreview": "still unverified (no review to give)"}

# What a file's name says it holds (an export's --output), and what each format is called
_NAMED = {".csv": "csv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".md": "markdown",
          ".markdown": "markdown", ".html": "html", ".htm": "html", ".geojson": "geojson",
          ".jsonld": "claimreview"}  # (ClaimReview is JSON-LD)
_CALLED = {"csv": "CSV", "json": "JSON", "jsonl": "JSON Lines", "markdown": "Markdown", "html": "HTML",
           "geojson": "GeoJSON", "claimreview": "ClaimReview JSON"}


def _named_format(output: Optional[str]) -> Optional[str]:
    """The format --output's name says (`today.csv`: csv), or None (standard output, another name)."""
    return _NAMED.get(Path(output).suffix.lower()) if _to_file(output) else None


def _say_if_named_otherwise(output: Optional[str], fmt: str) -> None:
    """A warning when --output's name says another format than it holds (`-f jsonl -o out.csv`):
    an import by that name then reads it as what the name says, and fails."""
    from ..errors import path_shown

    named = _named_format(output)
    if named is None and _to_file(output) and Path(output).suffix.lower() == ".tsv" and fmt != "csv":
        # (not written as one, tabs being no export's: but `claims import` reads the name as a sheet)
        context.notify("warning", f"{path_shown(Path(output).name)} is named as a sheet, which `claims import` reads it as, but "
                                  f"holds {_CALLED[fmt]}.")
    elif named is not None and named != fmt and not (named == "json" and fmt in ("geojson", "claimreview")):
        context.notify("warning", f"{path_shown(Path(output).name)} is named as {_CALLED[named]} but holds {_CALLED[fmt]}.")


@app.command()
def report(
    since: Annotated[Optional[str], typer.Option("--since", help="First day of the period (a month or year: its first day).",
                                                 show_default=False)] = None,
    until: Annotated[Optional[str], typer.Option(
        "--until", help="Last day of the period (a month or year: its last day; default: none, up to now, changes made today included).",
        show_default=False)] = None,
    format: Annotated[Optional[ReportFormat], typer.Option(
        "--format", "-f", help="terminal (tables and bars; table, as the listings call it, is the same), markdown "
                               "or html (with charts), or json (the numbers, for scripts). Default: what --output's "
                               "name ends in (.md, .html, .json), else terminal (a file named otherwise is refused: give --format).",
        case_sensitive=False, show_default=False)] = None,
    output: OutputOpt = None,
    force: OverwriteOpt = False,
    db: DbOpt = None,
) -> None:
    """The desk's picture of a period: status changes, track record per source, contested, backlog.

    \b
    Example: claims report --since "30 days ago" \\
               --format html --output desk.html
    """
    from ..dates import parse_bound, today, utc_now
    from ..errors import InvalidValue, path_shown
    from ..reports import Period, build_report, shown_part, slim_report, summary

    if format is None:  # (`-o report.md` is a Markdown report)
        named = _named_format(output)
        if named not in ("markdown", "html", "json") and _to_file(output):
            raise UsageError(f"{path_shown(Path(output).name)} names no report format (.md, .html, .json): give --format "
                             "markdown, html or json")
        format = ReportFormat(named) if named in ("markdown", "html", "json") else ReportFormat.terminal
    if format is ReportFormat.table:
        format = ReportFormat.terminal
    context.refuse_empty("--since", since)  # (as the filters of list and export)
    context.refuse_empty("--until", until)
    start = parse_bound(since, field="--since") if since else None
    end = parse_bound(until, field="--until", last=True) if until else None
    if start and end and start > end:
        raise InvalidValue(f"--since {start} is after --until {end}")
    if format is ReportFormat.terminal and _to_file(output):
        raise UsageError("--output needs --format markdown, html or json")
    _check_output(output, force, db)
    from ..exporters import Readable
    from ..models import readable_in_report

    store = context.store(db)
    registry = store.registry()
    # Every claim the report reads is checked as an export checks those it writes out, in every
    # format: a hand edit's `"text": null`, a status the rule does not know or an evidence item
    # without its stance was counted, or laid out, in silence. Of a deleted claim, what it reads:
    # its history, for the status changes (models.readable_in_report).
    if start is None and end is None:
        # A report over all time shows a row for each contested claim and only the ID and day of
        # the others (the oldest of each backlog bucket, the first dozen in HTML): it keeps no
        # more of them (100,000 summaries are 250 MB and a third of the time). A second core
        # reads the last half of the claims (and lays out a document's contested rows among them).
        if format in (ReportFormat.terminal, ReportFormat.json):
            from ..workers import gather_in_two

            claims = Readable(store.every_claim(), readable_in_report)
            result = slim_report(claims, registry, today=today(), slim=shown_part,
                                 in_parts=partial(gather_in_two, claims))
        else:
            from ..documents import report_for_document

            result = report_for_document(Readable(store.every_claim(), readable_in_report), registry, today(), format.value)
    else:
        result = build_report(map(readable_in_report, store.claims(include_deleted=True)), registry,
                              period=Period(start, end), today=today(), keep=summary)
    context.keep(result)
    if format is ReportFormat.terminal:
        from ..report_layout import report_parts

        context.show_parts(report_parts(result, registry, context.claims_called()))
        return
    if format is ReportFormat.json:
        from ..exporters import to_json_one
        from ..reports import report_record

        _deliver(to_json_one(report_record(result)), output, force, "the json report", db)
        _say_if_named_otherwise(output, format.value)
        return
    from ..documents import html_report_pieces, markdown_report

    if format is ReportFormat.html:
        data = html_report_pieces(result, registry, utc_now())
        context.keep(data)
    else:
        data = markdown_report(result, registry, utc_now()).encode("utf-8")
    _deliver(data, output, force, f"the {format.value} report", db)
    _say_if_named_otherwise(output, format.value)
