"""Verification: evidence, confirm/dispute, assessments, history, and the contested and
unverified views."""

from typing import Annotated, Optional

import typer

from .. import context
from ..options import (
    AnalystOpt, ChangeFormatOpt, ClaimIdArg, DbOpt, DetailFormat, FormatOpt, LimitOpt, NoteOpt,
    OnOpt, OutputFormat, SortOpt, TABLE_DEFAULT_LIMIT, UsageError, with_filters,
)

app = typer.Typer()
evidence_app = typer.Typer(help="Evidence on a claim: add it, or withdraw it.\n\n\b\n"
                                "Example: claims evidence add C-0003 --by ISW \\\n"
                                "           --stance disputes --kind map",
                           no_args_is_help=True)
app.add_typer(evidence_app, name="evidence")

BySourceOpt = Annotated[str, typer.Option("--by", help="The source of the evidence (name or alias).",
                                          show_default=False)]
KindOpt = Annotated[Optional[str], typer.Option(
    "--kind", help="footage (geolocated), satellite, map, statement, media or other (the default).", show_default=False)]
EvidenceUrlOpt = Annotated[Optional[str], typer.Option("--url", help="Link to the evidence (http or https).",
                                                       show_default=False)]
# (the new item's ID goes to stdout as `add` prints its claim's: the ID `evidence remove` takes)
NewEvidenceFormatOpt = Annotated[DetailFormat, typer.Option(
    "--format", "-f", help="table: what changed, on stderr, and the new item's ID alone on stdout; json: the "
                           "claim as JSON on stdout instead (the new item last in its evidence), for scripts.",
    case_sensitive=False)]


def _record(claim_id, stance, by, on, kind, url, note, format, analyst, db) -> None:
    from ..ledger import add_evidence, overlap_warnings, relay_warning
    from ..output import interrupts_held_once_saved

    if on is not None and not on.strip():  # `--on ""` is a mistake, not "today"
        from ..errors import InvalidValue

        raise InvalidValue("--on is empty", hint="Leave --on out for today, or give a date such as 2025-12-07.")
    if kind is not None and not kind.strip():  # (as --on: a script's unset variable, not "other")
        from ..errors import InvalidValue

        raise InvalidValue("--kind is empty", hint="Leave --kind out for other, or give footage, satellite, map, "
                                                   "statement or media.")
    if url is not None and not url.strip():  # (as --on, and add's --url: recorded with no link, unsaid)
        from ..errors import InvalidValue

        raise InvalidValue("--url is empty", hint="Leave --url out for no link, or give one (http or https).")
    store = context.store(db)
    with interrupts_held_once_saved():  # (a Ctrl-C once the item is saved: after its ID is given)
        with context.named_by_option({"source": "--by"}):  # (`--by ""`: "--by is empty", as edit's `--source ""`)
            claim, item = add_evidence(store, claim_id, {"source": by, "stance": stance, "on": on, "kind": kind,
                                                         "url": url, "note": note}, context.analyst(analyst))
        alias = context.named_by_alias(by, item["source"], store)
        _report(store, claim, format, recorded=item["id"],
                also="".join(("; " + alias if alias else "", context.dated_today(item["on"], on))))
        if format is DetailFormat.table:
            context.emit_line(item["id"])
    context.say_mixed_scripts(item, ("note",))
    context.say_lookalike_source(store, by, item["source"])
    for _, said in overlap_warnings(claim, item, store.registry()):
        context.notify("warning", said(claim["id"]) + ".")
    relays = relay_warning(claim, item, store.registry())
    if relays is not None:
        context.notify("warning", relays(claim["id"]) + ".")
    say_dated_before(claim, item)
    _say_grade_unread(store, claim, item)


def say_dated_before(claim: dict, item: dict, *, too: bool = False) -> None:
    """A warning when `item` is dated too long before its claim or event (`ledger.dated_before`):
    before the event, it can neither confirm nor refute it; long before the claim, most likely a
    slip of the year. `too`: the claim's or event's date was just mended (`edit --on`, `--event-on`),
    and the item's may have been copied from it."""
    from ..ledger import BEFORE_EVENT_SAID, LONG_BEFORE_DAYS, dated_before

    found = dated_before(claim, item)
    if found is None:
        return
    days, what, day = found
    remove = f"`claims evidence remove {claim['id']} {item['id']}` takes it back, to record it again"
    if what == "event":
        slip = " (a slipped year?)" if days > LONG_BEFORE_DAYS else ""
        mend = "" if too else f"; if the event's is, `claims edit {claim['id']} --event-on DAY` mends it"
        context.notify("warning", f"{item['id']} is dated {item['on']}, {days} days before the event ({day}): "
                                  f"{BEFORE_EVENT_SAID}; if its date is wrong{slip}, {remove}{mend}.")
        return
    # (the claim's own date may be the slip: dated today for want of --on; not after `edit --on`, which set it)
    mend = "" if too else f"; if the claim's date is the slip, `claims edit {claim['id']} --on DAY` mends it"
    context.notify("warning", f"{item['id']} is dated {item['on']}, {days} days before the claim ({day}): if "
                              f"{'its year slipped too' if too else 'the year slipped'}, {remove}{mend}.")


def _say_grade_unread(store, claim: dict, item: dict) -> None:
    """Strong evidence from a source graded D or E: the rule reads sides, not grades, which an
    analyst who graded the source may not expect of a confirmation."""
    registry = store.registry()
    for name, stances in graded_unread([claim], registry, item["source"], {(claim["id"], item["id"])}).items():
        say_grade_unread(registry.get(name), stances, on=False)


def graded_unread(claims, registry, name: str | None = None, items=None) -> dict[str, dict[str, set[str]]]:
    """Source name -> claim ID -> the stances of its live evidence on it that count as strong, of
    the live `claims`, for each source graded D or E; `name`: that source's alone; `items`: of
    these (claim ID, item ID) alone."""
    from ..ledger import graded_unread_source
    from ..models import live_evidence, source_key

    key = None if name is None else source_key(name)
    found: dict[str, dict[str, set[str]]] = {}
    for claim in claims:
        if claim.get("deleted_at"):
            continue
        for item in live_evidence(claim):
            if (key is not None and source_key(item["source"]) != key) or \
                    (items is not None and (claim["id"], item.get("id")) not in items):
                continue
            source = graded_unread_source(claim, item, registry)
            if source is not None:
                found.setdefault(source.name, {}).setdefault(claim["id"], set()).add(item["stance"])
    return found


def say_graded_unread(registry, *found: dict[str, dict[str, set[str]]]) -> None:
    """`say_grade_unread` of each source `graded_unread` found, in one or more passes (a claim
    found twice, named once, its claims in order)."""
    from ..models import claim_number

    joined: dict[str, dict[str, set[str]]] = {}
    for each in found:
        for name, stances in each.items():
            for claim_id, stance in stances.items():
                joined.setdefault(name, {}).setdefault(claim_id, set()).update(stance)
    for name, stances in joined.items():
        say_grade_unread(registry.get(name), {claim_id: stances[claim_id]
                                              for claim_id in sorted(stances, key=claim_number)})


def say_grade_unread(source, stances: dict[str, set[str]], on: bool = True) -> None:
    """The warning that `source`, graded D or E, counts as strong (`ledger.grade_unread_warning`, the
    import's too): `stances`, claim ID -> the stances that do (`graded_unread`); `on`: naming the
    claims (an evidence command's is the one its status line names)."""
    from ..ledger import grade_unread_warning

    if stances:
        context.notify("warning", grade_unread_warning(source, stances, on) + ".")


def _report(store, claim: dict, format: DetailFormat, recorded: str | None = None,
            withdrawn: str | None = None, also: str = "") -> None:
    """The new status and why, one line on stderr (with the ID of the evidence item `recorded`);
    the claim as JSON on stdout if asked."""
    from ..verification import evaluate

    before = claim["history"][-1]["status_before"]  # (as the change found it, under the writers' lock)
    context.say_status([(claim, before, evaluate(claim, store.registry()).reason)], recorded=recorded,
                       withdrawn=withdrawn, also=also)
    context.say_clock_behind([claim])
    if claim.get("assessment") and claim["status"] != claim["computed_status"]:
        # (evidence changes only the computed status of an assessed claim: it should not pass unseen)
        context.notify("ok", f"The assessment ({claim['status']}) stays in force; `claims assess {claim['id']} "
                             "--clear` hands the claim back to the rule.")
    if format is DetailFormat.json:
        from ..exporters import to_json_one

        context.emit(to_json_one(claim))


@evidence_app.command("add")
def evidence_add(
    claim_id: ClaimIdArg,
    by: BySourceOpt,
    stance: Annotated[str, typer.Option("--stance", help="supports, disputes or inconclusive.",
                                        show_default=False)],
    on: OnOpt = None,
    kind: KindOpt = None,
    url: EvidenceUrlOpt = None,
    note: NoteOpt = None,
    format: NewEvidenceFormatOpt = DetailFormat.table,
    analyst: AnalystOpt = None,
    db: DbOpt = None,
) -> None:
    """Record evidence on a claim; prints its new ID alone on stdout, the claim's status on stderr.

    \b
    Example: claims evidence add C-0003 --by DeepState \\
               --stance inconclusive --kind map \\
               --note "half the town grey"
    """
    _record(claim_id, stance, by, on, kind, url, note, format, analyst, db)


@evidence_app.command("remove")
def evidence_remove(
    claim_id: ClaimIdArg,
    evidence_id: Annotated[str, typer.Argument(help="Evidence ID, e.g. E2 (see `claims show`).",
                                               show_default=False)],
    reason: Annotated[Optional[str], typer.Option("--reason", help="Why it is withdrawn.",
                                                  show_default=False)] = None,
    format: ChangeFormatOpt = DetailFormat.table,
    analyst: AnalystOpt = None,
    db: DbOpt = None,
) -> None:
    """Withdraw an evidence item; it stays on record, marked withdrawn, and stops counting.

    \b
    Example: claims evidence remove C-0003 E2 \\
               --reason "footage was from 2023"
    """
    from ..ledger import withdraw_evidence

    store = context.store(db)
    claim, item = withdraw_evidence(store, claim_id, evidence_id, context.analyst(analyst), reason)
    context.say_mixed_scripts(item, ("withdraw_reason",))  # (as an item's note is)
    _report(store, claim, format, withdrawn=item["id"])
    _say_resting_on_graded_unread(store.registry(), claim, item)


def _say_resting_on_graded_unread(registry, claim: dict, withdrawn: dict) -> None:
    """The grade warning of a claim whose strong items in force, now `withdrawn` (strong, from a
    source not graded D or E) is not, are all from sources graded D or E: said when they came,
    beside the other, and not now that they alone hold it."""
    from ..ledger import GRADES_UNREAD
    from ..models import live_evidence
    from ..verification import STRONG, weigh

    def strong(item: dict) -> bool:
        return weigh(item["stance"], item["source"], claim["source"], registry).strength == STRONG

    def graded_so(item: dict) -> bool:
        source = registry.find(item["source"])
        return source is not None and source.grade in GRADES_UNREAD

    holding = [item for item in live_evidence(claim) if strong(item)]
    if holding and strong(withdrawn) and not graded_so(withdrawn) and all(graded_so(item) for item in holding):
        say_graded_unread(registry, graded_unread([claim], registry))


# `evidence withdraw` is `evidence remove` (what it does, and what the group's help calls it); its
# --help's example runs it by its own name, as every command's does
evidence_app.command("withdraw", hidden=True, help=(evidence_remove.__doc__ or "").replace(
    "claims evidence remove ", "claims evidence withdraw "))(evidence_remove)


@app.command()
def confirm(
    claim_id: ClaimIdArg, by: BySourceOpt, on: OnOpt = None, kind: KindOpt = None,
    url: EvidenceUrlOpt = None, note: NoteOpt = None, format: NewEvidenceFormatOpt = DetailFormat.table,
    analyst: AnalystOpt = None, db: DbOpt = None,
) -> None:
    """Record evidence that supports a claim (evidence add --stance supports); prints its new ID.

    \b
    Example: claims confirm C-0001 --by GeoConfirmed \\
               --kind footage --url https://example.org/v/1
    """
    _record(claim_id, "supports", by, on, kind, url, note, format, analyst, db)


@app.command()
def dispute(
    claim_id: ClaimIdArg, by: BySourceOpt, on: OnOpt = None, kind: KindOpt = None,
    url: EvidenceUrlOpt = None, note: NoteOpt = None, format: NewEvidenceFormatOpt = DetailFormat.table,
    analyst: AnalystOpt = None, db: DbOpt = None,
) -> None:
    """Record evidence that disputes a claim (evidence add --stance disputes); prints its new ID.

    \b
    Example: claims dispute C-0003 --by Ukraine \\
               --kind statement --note "fighting ongoing"
    """
    _record(claim_id, "disputes", by, on, kind, url, note, format, analyst, db)


@app.command()
def assess(
    claim_id: ClaimIdArg,
    status: Annotated[Optional[str], typer.Argument(
        help="unverified, confirmed, contested or refuted.", show_default=False)] = None,
    note: Annotated[Optional[str], typer.Option(
        "--note", help="Free-text note; with --clear, why it is cleared.", show_default=False)] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Remove the assessment.")] = False,
    format: ChangeFormatOpt = DetailFormat.table,
    analyst: AnalystOpt = None,
    db: DbOpt = None,
) -> None:
    """Record your assessment, which overrides the computed status (or --clear it).

    \b
    Example: claims assess C-0003 contested \\
               --note "Ukrainian units still in the north"
    """
    from ..ledger import Unchanged
    from ..ledger import assess as record_assessment

    if clear == (status is not None):
        raise UsageError("give a status or --clear, not both" if clear else "give a status, or --clear")
    store = context.store(db)
    try:
        claim = record_assessment(store, claim_id, None if clear else status, context.analyst(analyst), note)
    except Unchanged as same:
        ours = same.claim["assessment"]
        with_note = ("with that note" if note is not None else "its note kept") if ours.get("note") else "with no note"
        context.notify("ok", f"{same.claim['id']} unchanged: already assessed {ours['status']} by {ours['analyst']} "
                             f"at {ours['at']}, {with_note}.")
        if format is DetailFormat.json:
            from ..exporters import to_json_one

            context.emit(to_json_one(same.claim))
        return
    _report(store, claim, format)


# (edited_at and on, an import's entry's: when the edits it carried were made, by whom, and the
# assessment it brought; clock_at, the time on the clock of the machine that made a change stamped later
# (ledger.kept_clock); each added after the others, so a script reading columns by place still reads them)
HISTORY_COLUMNS = ("at", "analyst", "action", "status_before", "status_after", "changes", "detail", "edited_at",
                   "edited_by", "assessed_at", "assessed_by", "clock_at")


@app.command()
def history(claim_id: ClaimIdArg, format: FormatOpt = OutputFormat.table, db: DbOpt = None) -> None:
    """The audit trail of a claim: every change, who made it, and the status before and after.

    \b
    Example: claims history C-0003
    """
    claim = context.store(db).get_claim(claim_id, include_deleted=True)
    entries = claim.get("history") or []
    if format is OutputFormat.table:
        from ..layout import history_table

        context.show_parts([history_table(entries)])
        return
    from ..exporters import write_records

    # Every entry with every column's key, null when empty, as the CSV has them (an entry is stored
    # without the ones it does not use); one that is not an object (a hand edit, which doctor names)
    # is given as it is, or in CSV as its detail.
    empty = dict.fromkeys(HISTORY_COLUMNS)
    if format is OutputFormat.csv:
        # (an object is its JSON; edited_by's `{}`, an import that carried no analyst's edit, is said,
        # as JSON says it: no cell is an entry written before edited_by was kept)
        rows = [{**entry, "changes": _flat_changes(entry.get("changes")),
                 "edited_at": _flat_changes(entry.get("edited_at")),
                 "edited_by": None if entry.get("edited_by") is None else _json_text(entry["edited_by"])}
                if type(entry) is dict else {"detail": entry} for entry in entries]
    else:
        rows = [{**empty, **entry} if type(entry) is dict else entry for entry in entries]
    context.emit(write_records(format.value, rows, HISTORY_COLUMNS))


def _flat_changes(changes: Optional[dict]) -> Optional[str]:
    return _json_text(changes) if changes else None


def _json_text(value: object) -> str:
    import orjson

    return orjson.dumps(value).decode()


@app.command()
@with_filters(hidden=("status",))  # (it lists one status)
def contested(
    filters: dict,
    format: FormatOpt = OutputFormat.table,
    limit: LimitOpt = None,
    sort: SortOpt = None,
    db: DbOpt = None,
) -> None:
    """The contested claims: who supports, who disputes, and how long ago, latest change first.

    \b
    Example: claims contested --region Donetsk
    """
    _review(filters, "contested", format, limit, "-updated" if sort is None else sort, None, db,
            title="Contested claims", empty="No contested claims")


@app.command()
@with_filters(hidden=("status",))
def unverified(
    filters: dict,
    older_than: Annotated[Optional[int], typer.Option(
        "--older-than", help="Only claims made more than this many days ago.", min=0, metavar="<days>",
        show_default=False)] = None,
    format: FormatOpt = OutputFormat.table,
    limit: LimitOpt = None,
    sort: SortOpt = None,
    db: DbOpt = None,
) -> None:
    """The backlog of claims still waiting for independent evidence, oldest first.

    \b
    Example: claims unverified --older-than 7 --side russia
    """
    _review(filters, "unverified", format, limit, "claimed" if sort is None else sort, older_than, db,
            title="Unverified claims", empty="No unverified claims")


def _review(filters, status, format, limit, sort, older_than, db, *, title, empty) -> None:
    from datetime import date, timedelta

    from ..dates import today
    from ..filters import KeptOut, select_page, store_query

    from dataclasses import replace

    store = context.store(db)
    filt = context.claim_filter(store, filters)
    asked = replace(filt)  # (the filters given, before this screen's own status and age: said of if none match)
    if format is OutputFormat.table and limit is None:
        # Like `list`, a table shows the first 50 unless --limit says otherwise: rendering
        # thousands of rows takes seconds and no one reads them on a terminal.
        limit = TABLE_DEFAULT_LIMIT
    # (older than the first day a date can have: no claim is; else the cutoff is a date)
    beyond = older_than is not None and older_than + 1 > (today() - date.min).days
    # (a table that shows nothing names the places, regions and tags near those asked for, as `list`'s)
    kept_out = KeptOut() if format is OutputFormat.table and older_than is None else None
    from .claims import other_writings_of, say_other_writings

    other_writings = other_writings_of(filt)  # (a screen that shows some notes a place's other writings, as `list`'s)
    if beyond or (filt.statuses and status not in filt.statuses):
        chosen: list = []
        total = 0
    else:
        filt.statuses = [status]
        if older_than is not None:
            cutoff = today() - timedelta(days=older_than + 1)
            filt.until = min(filt.until, cutoff) if filt.until else cutoff
        if not limit:
            # Every match, for a script or a table of all (--limit 0): as `list` does, one parsed
            # claim at a time.
            match, order, descending = store_query(filt, store.registry(), sort, kept_out=kept_out,
                                                   other_writings=other_writings)
            chosen = store.select(match, order, descending=descending)
            total = len(chosen)
        else:
            chosen, total = select_page(store.claims(), filt, store.registry(), sort=sort, limit=limit,
                                        kept_out=kept_out, other_writings=other_writings)
    if format is OutputFormat.table:
        if not chosen:  # (with filters, an empty screen is no all-clear: "match" says so)
            filtered = older_than is not None or any(filters.values())
            other = [name for name in filt.statuses if name != status]
            if other:
                # (`claims contested` alone is a command named, which notify leaves without the --db)
                asked_others = " ".join(f"--status {name}" for name in other)
                hint = (f"`{context.claims_called()} {status}` lists {status} claims only; `claims list "
                        f"{asked_others}` lists the others.")
            elif older_than is None:  # (as `list` says them; with an age, that may be why: nothing said)
                from .claims import none_found_hint

                hint = none_found_hint(asked, kept_out)
            else:
                hint = None
            context.say_none(store, f"{empty} match." if filtered else f"{empty}.", hint)
            return
        from ..layout import review_table
        from ..models import readable_claim

        # (each checked as the listing for a script checks it, `list`'s table too)
        context.show_table(review_table(map(readable_claim, chosen), store.registry(), today(), title=title,
                                        called=context.claims_called()))
        context.shown_of(len(chosen), total)
        say_other_writings(other_writings, total)
        return
    from ..exporters import Readable, claim_pieces

    context.emit(claim_pieces(format.value, Readable(chosen), store.registry()))
    if limit:
        context.shown_of(len(chosen), total, written=True)
    say_other_writings(other_writings, total)
