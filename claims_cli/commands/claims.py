"""Claims: init, add, list, show, edit, delete, restore, and categories.

Thin commands: parse options, call the ledger, render. No TinyDB, no business rules here.
"""

import sys
from typing import Annotated, List, Optional

import typer

from .. import context
from ..options import (
    AnalystOpt, ChangeFormatOpt, ClaimIdArg, DbOpt, DetailFormat, DetailFormatOpt, ForceOpt, FormatOpt, LimitOpt,
    NoteOpt, OnOpt, OutputFormat, SortOpt, TABLE_DEFAULT_LIMIT, TagsOpt, UrlsOpt, UsageError, YesOpt,
    with_filters,
)
from ..plain import counted

app = typer.Typer()

PlaceOpt = Annotated[Optional[str], typer.Option("--place", help="Town or village, as typed.", show_default=False)]
RegionOpt = Annotated[Optional[str], typer.Option("--region", help="Region or oblast.", show_default=False)]
CoordsOpt = Annotated[Optional[str], typer.Option("--coords", help="LAT,LON in decimal degrees, e.g. 48.28,37.18 (or 48.28 N, 37.18 E, or a map link).",
                                                  show_default=False)]
CategoryOpt = Annotated[Optional[str], typer.Option(
    "--category", help="territorial, strike, casualties, diplomatic, other (or one you added).",
    show_default=False)]
OutletOpt = Annotated[Optional[str], typer.Option(
    "--outlet", help="The specific outlet, e.g. the Telegram channel's name.", show_default=False)]
EventOpt = Annotated[Optional[str], typer.Option("--event-on", help="When the event itself happened (or is "
                                                                  "expected to: up to five years ahead).",
                                                 show_default=False)]
ReasonOpt = Annotated[Optional[str], typer.Option(
    "--reason", help="Why, kept in the claim's history.", show_default=False)]
RefOpt = Annotated[Optional[str], typer.Option(
    "--ref", help="Your own ID for this claim (one claim's: an import finds the claim by it).", show_default=False)]


@app.command()
def init(db: DbOpt = None) -> None:
    """Create the database if it does not exist (safe to run again).

    \b
    Example: claims --db desk.json init
    """
    store = context.store(db)
    existed = store.exists()
    if not (existed and store.is_current()):  # (one there, at this version, needs no lock: nothing to write)
        with store.transaction(blank_is_new=True):  # (an empty file with no backup, `touch desk.json`, too)
            pass  # opening for writing creates and migrates the file
    made_in = next((made for _, made in context.created_databases() if made), [])  # (said here, in init's own words)
    verb = "Using existing" if existed and not store.replaced_blank() else "Created"
    blank = " in the empty file" if store.replaced_blank() else ""
    directory = "; " + context.directories_made(made_in)[2:-1] if made_in else ""
    from ..errors import path_shown

    context.notify("ok", f"{verb} database {path_shown(store.path)}{blank} ({counted(store.count(), 'claim')}, "
                         f"{counted(len(store.registry()), 'source')}{directory})")


@app.command()
def add(
    text: Annotated[str, typer.Argument(help="The claim, in a sentence.", show_default=False)],
    source: Annotated[str, typer.Option("--source", "-s", help="Who makes the claim (name or alias).",
                                        show_default=False)],
    on: OnOpt = None,
    outlet: OutletOpt = None,
    event_on: EventOpt = None,
    place: PlaceOpt = None,
    region: RegionOpt = None,
    coords: CoordsOpt = None,
    category: CategoryOpt = None,
    tag: TagsOpt = None,
    url: UrlsOpt = None,
    ref: RefOpt = None,
    note: NoteOpt = None,
    force: ForceOpt = False,
    analyst: AnalystOpt = None,
    db: DbOpt = None,
) -> None:
    """Record a claim; prints its new ID alone on stdout.

    \b
    Example: claims add "Russian forces took Kucherivka" \\
               --source "Russian MoD" --place Kucherivka \\
               --region Kharkiv
    """
    from ..ledger import add_claim
    from ..models import parse_coords
    from ..output import interrupts_held_once_saved

    context.refuse_naming_none("--tag", tag, "tag")  # ("" too: a new claim has no tags for it to clear, as an edit's)
    with interrupts_held_once_saved():  # (a Ctrl-C once the claim is saved: after its ID is given)
        with context.named_by_option(_TYPED_IN):
            lat, lon = parse_coords(coords) if coords and coords.strip() else (None, None)
            fields = {
                "text": text, "source": source, "outlet": outlet, "claimed_on": "today" if on is None else on,
                "event_on": event_on, "place": place, "region": region, "lat": lat, "lon": lon,
                "category": category, "tags": tag or [], "urls": url or [], "ref": ref, "note": note,
            }
            store = context.store(db)
            twins: list[dict] = []
            claim = add_claim(store, fields, context.analyst(analyst), force=force, twins=twins)
        alias = context.named_by_alias(source, claim["source"], store)
        # (said before the ID goes to stdout, as the evidence commands do: a stdout that fails,
        # /dev/full or a pipe whose reader left, then still leaves the saved claim's ID on stderr)
        context.notify("ok", f"Recorded {claim['id']} ({claim['status']}){': ' + alias if alias else ''}"
                             f"{context.dated_today(claim['claimed_on'], on)}.")
        context.emit_line(claim["id"])
    _say_place_twins(claim, twins)
    context.say_mixed_scripts(claim, ("text", "note", "place", "region", "outlet", "tags"))
    context.say_lookalike_source(context.store(db), source, claim["source"])
    context.say_joined_tags(claim.get("tags") or [], "--tag")
    _say_event_after_claim(claim)
    if coords and coords.strip():
        _say_coords_to_check(coords, claim)
    if outlet:
        _say_outlet_a_source(claim, store.registry())


def _say_place_twins(claim: dict, twins: list[dict]) -> None:
    """A warning when `claim` may be a live claim recorded again, its place written otherwise: the
    same source, day and statement, a place `same_place_key` takes for the other's (Siversk and
    Сіверськ, as `list --place` notes them). Recorded all the same: two places may share a name."""
    if not twins:
        return
    from ..errors import shown
    from ..plain import and_listed

    first = twins[0]
    named = and_listed([twin["id"] for twin in twins[:3]] + (["others"] if len(twins) > 3 else []), "or")
    places = and_listed(list(dict.fromkeys(shown(twin["place"]) for twin in twins[:3])), "or")
    context.notify("warning", f"{claim['id']} may be {named} recorded again: the same source, day and statement, "
                              f"and its place {shown(claim['place'])} may be {places} written otherwise",
                   hint=f"If it is one place, `claims delete {claim['id']}` takes it back (add its link to "
                        f"{first['id']} with `claims edit {first['id']} --add-url URL`); if two, give each a --region.")


def _say_outlet_a_source(claim: dict, registry) -> None:
    """A warning when the claim's outlet is another source of its claimant's own side (the name or
    an alias of Two Majors, russia, under Telegram: `models.outlet_of_own_side`): `list --source` and
    the rule know the claim by its claimant alone (recorded as given: the desk may file a channel
    under the group it belongs to). Not of an independent or the other side's outlet, the medium
    that relayed the claim."""
    from ..models import outlet_of_own_side
    from ..plain import possessive, shell_quoted

    source = outlet_of_own_side(claim.get("outlet"), claim["source"], registry)
    if source is None:
        return
    named = shell_quoted(source.name)
    # (the source named by an alias, or its name typed otherwise, is said; by its own name, not said again)
    which = "" if claim["outlet"] == source.name else f"{source.name}, "
    context.notify("warning", f"{claim['id']}'s outlet, {claim['outlet']}, is {which}another source of the "
                              f"claimant's side ({source.side}): `claims list --source {named}` does not find the "
                              f"claim; if the claim is {possessive(source.name)} own, `claims edit {claim['id']} "
                              f"--source {named} --outlet \"\"` makes it the claimant.")


def _say_event_after_claim(claim: dict) -> None:
    """A warning when the event is dated after the claim that reports it: most likely --on and
    --event-on swapped (a forecast may do it, so it is recorded as given)."""
    event_on, claimed_on = claim.get("event_on"), claim.get("claimed_on")
    if type(event_on) is str and type(claimed_on) is str and event_on > claimed_on:
        context.notify("warning", f"the event (--event-on {event_on}) is dated after the claim (--on {claimed_on}): "
                                  "right for an announced or expected event, else check that the two dates are not "
                                  "swapped.")


def _say_coords_to_check(typed: str, claim: dict) -> None:
    """A warning for --coords most likely wrong (recorded as given: a claim may be about any place):
    0,0 or lat and lon swapped (models.coordinates_doubt), or two whole numbers that may be one
    written with a decimal comma, its longitude left out (48,5: as an import's decimal-comma note)."""
    from ..models import (
        coordinates_doubt, coords_numbers, coords_parts, decimal_comma_mended, decimal_comma_said,
        split_by_decimal_comma,
    )

    lat, lon = coords_numbers(typed)  # (parse_coords took it: its numbers as typed, 37.18 W as -37.18)
    doubt = coordinates_doubt(claim.get("lat"), claim.get("lon"), (lat, lon))
    if doubt is not None:
        context.notify("warning", f"--coords {lat},{lon} (lat {lat}, lon {lon}) {doubt}")
    # (of two bare numbers: 48 N, 5 E is no decimal comma)
    if split_by_decimal_comma(*coords_parts(typed)) and not (claim.get("lat") == 0 and claim.get("lon") == 0):
        context.notify("warning", f"--coords {lat},{lon} is read as whole degrees (lat {lat}, lon {lon}), may be "
                                  f"{decimal_comma_said(lat, lon)}: write "
                                  f"{decimal_comma_mended(lat, lon, then=' and the longitude after a comma')}.")


@app.command("list")
@with_filters
def list_claims(
    filters: dict,
    format: FormatOpt = OutputFormat.table,
    limit: LimitOpt = None,
    sort: SortOpt = None,
    deleted: Annotated[bool, typer.Option("--deleted", help="List deleted claims instead.")] = False,
    db: DbOpt = None,
) -> None:
    """List claims, newest first, filtered by source, side, status, place, dates or words.

    \b
    Example: claims list --side russia --region Donetsk \\
               --since "7 days ago" --format csv
    """
    from ..filters import KeptOut, select_page, store_query

    store = context.store(db)
    filt = context.claim_filter(store, filters)
    # (a table that shows nothing names the places, regions and tags near those asked for: of the
    # deleted claims with --deleted, the only ones the matcher is given then)
    kept_out = KeptOut() if format is OutputFormat.table else None
    other_writings = other_writings_of(filt)  # (a listing that shows some notes a place's other writings)
    if (format is not OutputFormat.table and not limit) or limit == 0:
        # Every match, for a script or a table of all: the store hands them over one parsed claim
        # at a time (a table keeps their rows, not 100,000 parsed claims).
        match, order, descending = store_query(filt, store.registry(), sort, only_deleted=deleted, kept_out=kept_out,
                                               other_writings=other_writings)
        chosen = store.select(match, order, descending=descending, include_deleted=deleted)
        if format is OutputFormat.table:
            _show_claims(store, chosen, len(chosen), filt, deleted, kept_out)
        else:
            _emit_claims(format.value, chosen, store)
        say_other_writings(other_writings, len(chosen))
        return
    candidates = store.claims(include_deleted=deleted)
    if deleted:
        candidates = (claim for claim in candidates if claim.get("deleted_at"))
    if format is OutputFormat.table:
        cut = TABLE_DEFAULT_LIMIT if limit is None else limit
        chosen, total = select_page(candidates, filt, store.registry(), sort=sort, limit=cut, kept_out=kept_out,
                                    other_writings=other_writings)
        _show_claims(store, chosen, total, filt, deleted, kept_out)
    else:
        chosen, total = select_page(candidates, filt, store.registry(), sort=sort, limit=limit,
                                    other_writings=other_writings)
        _emit_claims(format.value, chosen, store)
        context.shown_of(len(chosen), total, written=True)  # (a script's file is as cut as the table)
    say_other_writings(other_writings, total)


def other_writings_of(filt):
    """What gathers, for a listing by --place or --region, the other writings of the place or
    region (`say_other_writings`)."""
    from ..filters import OtherWritings

    return OtherWritings(filt.places, filt.regions) if filt.places or filt.regions else None


def say_other_writings(other_writings, found: int) -> None:
    """The notes of a listing by --place or --region that found claims (one that found none has its
    hint): the places or regions recorded that the filter did not match and may be one it asked
    for written otherwise (Покровськ for Pokrovsk, filters.OtherWritings), with how many claims
    each would add."""
    if other_writings is None or not found:
        return
    from ..plain import and_listed, shell_quoted

    for option in ("region", "place", "place and region"):  # (as the filters are listed; then those both kept out)
        writings = other_writings.writings(option)
        if not writings:
            continue
        if option == "place and region":  # ("Покровськ in Донецька область"; each place, then each region, added)
            named = [(f"{place} in {region}", count) for (place, region), count in writings]
            options = [f"--place {shell_quoted(place)}" for place in dict.fromkeys(place for (place, _), _ in writings)]
            options += [f"--region {shell_quoted(region)}"
                        for region in dict.fromkeys(region for (_, region), _ in writings)]
        else:
            named = writings
            options = [f"--{option} {shell_quoted(value)}" for value, _ in writings]
        (first, count), others = named[0], named[1:]
        said = [f"{counted(count, 'claim')} name{'s' if count == 1 else ''} {first}",
                *(f"{count} {value}" for value, count in others)]
        added = sum(count for _, count in writings)
        sys.stdout.flush()  # (on a terminal, after the table, as `context.shown_of`)
        context.notify("ok", f"Note: {and_listed(said)}, which may be the same {option}: add "
                             f"{' '.join(options)} to include {'it' if added == 1 else 'them'}.")


def _show_claims(store, claims: list, total: int, filt=None, deleted: bool = False, kept_out=None) -> None:
    from ..layout import claims_table
    from ..models import readable_claim

    if not claims:
        if deleted:  # (the deleted ones were searched, not the live: --source's meaning is not in question)
            context.say_none(store, "No deleted claims match." if filt is not None and not filt.is_empty()
                             else "No deleted claims.", hint=_near_values_hint(filt, kept_out)
                             if kept_out is not None and filt is not None else None)
            return
        context.say_none(store, "No claims match." if filt is not None and not filt.is_empty() else "No claims.",
                         hint=none_found_hint(filt, kept_out))
        return
    # (each checked as the json, jsonl and csv listings check it: a hand edit's `"text": null` was a
    # row with no statement, an evidence item without its stance left out of what the row said)
    context.show_table(claims_table(map(readable_claim, claims)))
    context.shown_of(len(claims), total)


def none_found_hint(filt, kept_out=None) -> "str | None":
    """What a filter that found nothing may have been meant as (list, contested, unverified): with
    `kept_out` (filters.KeptOut), the places, regions and tags recorded near those asked for."""
    # (--source is the claimant: an analyst looking for what DeepState weighed in on found nothing)
    hint = "--source finds the claims a source made; --evidence-by those it gave evidence on." \
        if filt is not None and _by_source_alone(filt) else None
    comma = next((tag for tag in (filt.tags if filt is not None else ())  # (two words or more between commas)
                  if sum(1 for part in tag.split(",") if part.strip()) > 1), None)
    if comma is not None:  # (as add and edit warn of such a tag: most likely several, as a sheet writes them)
        from ..errors import SHOWN_AT_MOST, shown

        parts = ";".join(part.strip() for part in comma.split(",") if part.strip())
        # (the --tag to give, whole or not at all: a long one would be said cut)
        instead = f" (--tag {shown(parts)})" if len(parts) <= SHOWN_AT_MOST and parts.isprintable() else ""
        hint = f"--tag {shown(comma)} is one tag: tags are separated by ';'{instead}."
    elif kept_out is not None:
        hint = _near_values_hint(filt, kept_out) or hint
    return hint


def _near_values_hint(filt, kept_out) -> "str | None":
    """`Did you mean --region 'Kharkiv Oblast' (3 claims)?`, of the options whose values no claim
    the other filters let in has (matching stays exact: a whole name, case and spacing aside); of
    a --place and a --region, up to three pairs each may be written otherwise (`KeptOut.pairs`,
    as the note has them), after the places: `--place 'Покровськ' --region 'Донецька область' (1 claim)`."""
    from ..filters import near_values
    from ..models import place_key, same_place_key, same_region_key, tag_key
    from ..plain import shell_quoted

    pairs = kept_out.pairs.writings("place and region")[:3] if kept_out.pairs is not None else []
    offered = [f"{option} {shell_quoted(value)} ({counted(count, 'claim')})"
               for option, given, recorded, key, alike in (
                   ("--region", filt.regions, kept_out.regions, place_key, same_region_key),
                   ("--place", filt.places, kept_out.places, place_key, same_place_key))
               if given for value, count in near_values(given, recorded, key, alike)]
    offered += [f"--place {shell_quoted(place)} --region {shell_quoted(region)} ({counted(count, 'claim')})"
                for (place, region), count in pairs]
    if filt.tags:
        offered += [f"--tag {shell_quoted(value)} ({counted(count, 'claim')})"
                    for value, count in near_values(filt.tags, kept_out.tags, tag_key)]
    if not offered:
        return None
    return f"Did you mean {', '.join(offered[:-1])} or {offered[-1]}?" if len(offered) > 1 else \
        f"Did you mean {offered[0]}?"


def _by_source_alone(filt) -> bool:
    """Whether a filter is --source and nothing else (then nothing matched for want of claims the
    source made, not for another filter's sake)."""
    from dataclasses import replace

    return bool(filt.sources) and replace(filt, sources=[]).is_empty()


def _emit_claims(fmt: str, claims: list, store) -> None:
    from ..exporters import Readable, claim_pieces

    context.emit(claim_pieces(fmt, Readable(claims), store.registry()))


@app.command()
def show(claim_id: ClaimIdArg, format: DetailFormatOpt = DetailFormat.table, db: DbOpt = None) -> None:
    """Everything known about one claim: status and why, evidence, history.

    \b
    Example: claims show C-0003 --format json
    """
    from ..models import readable_claim

    store = context.store(db)
    claim = readable_claim(store.get_claim(claim_id, include_deleted=True))  # (refused as a listing of it is)
    if format is DetailFormat.json:
        context.emit(_one_json(claim))
        return
    from ..layout import claim_detail

    context.show_parts(claim_detail(claim, store.registry()))


def _one_json(record: dict) -> bytes:
    from ..exporters import to_json_one

    return to_json_one(record)


@app.command()
def edit(
    claim_id: ClaimIdArg,
    text: Annotated[Optional[str], typer.Option("--text", help="New statement.", show_default=False)] = None,
    source: Annotated[Optional[str], typer.Option("--source", "-s", help="New claimant source.",
                                                  show_default=False)] = None,
    on: Annotated[Optional[str], typer.Option("--on", help="New claim date.", show_default=False)] = None,
    outlet: OutletOpt = None,
    event_on: EventOpt = None,
    place: PlaceOpt = None,
    region: RegionOpt = None,
    coords: Annotated[Optional[str], typer.Option(
        "--coords", help="LAT,LON (as add takes them); an empty string clears them.", show_default=False)] = None,
    category: CategoryOpt = None,
    tag: Annotated[Optional[List[str]], typer.Option(
        "--tag", help="Replace the tags with these; repeatable.", show_default=False, metavar="<str>")] = None,
    add_tag: Annotated[Optional[List[str]], typer.Option("--add-tag", help="Add a tag; repeatable.",
                                                         show_default=False, metavar="<str>")] = None,
    remove_tag: Annotated[Optional[List[str]], typer.Option("--remove-tag", help="Remove a tag; repeatable.",
                                                            show_default=False, metavar="<str>")] = None,
    url: Annotated[Optional[List[str]], typer.Option(
        "--url", help="Replace the links with these; repeatable; \"\" clears them.",
        show_default=False, metavar="<str>")] = None,
    add_url: Annotated[Optional[List[str]], typer.Option("--add-url", help="Add a link; repeatable.",
                                                         show_default=False, metavar="<str>")] = None,
    remove_url: Annotated[Optional[List[str]], typer.Option("--remove-url", help="Remove a link; repeatable.",
                                                            show_default=False, metavar="<str>")] = None,
    ref: RefOpt = None,
    note: NoteOpt = None,
    force: ForceOpt = False,
    format: ChangeFormatOpt = DetailFormat.table,
    analyst: AnalystOpt = None,
    db: DbOpt = None,
) -> None:
    """Change a claim's fields; an empty value ("") clears an optional field.

    \b
    Example: claims edit C-0003 --place Siversk \\
               --region Donetsk --add-tag infiltration
    """
    from ..ledger import edit_claim
    from ..models import parse_coords

    store = context.store(db)
    changes: dict = {}
    for name, value in (("text", text), ("source", source), ("claimed_on", on), ("outlet", outlet),
                        ("event_on", event_on), ("place", place), ("region", region),
                        ("category", category), ("ref", ref), ("note", note)):
        if value is not None:
            changes[name] = value
    typed_in = {**_TYPED_IN, "text": "--text"}
    context.refuse_naming_none("--tag", tag, "tag", empty='To clear the tags, give --tag "".')
    context.refuse_naming_none("--add-tag", add_tag, "tag")
    context.refuse_naming_none("--remove-tag", remove_tag, "tag")
    context.refuse_naming_none("--url", url, "link", empty='To clear the links, give --url "".')
    if add_tag or add_url:  # (checked on their own first: a bad one is named by its own option)
        from ..models import clean_tags, clean_urls

        with context.named_by_option({"tags": "--add-tag", "url": "--add-url"}):
            clean_tags(add_tag or ())
            clean_urls(add_url or ())
    if coords is not None:
        with context.named_by_option(typed_in):
            changes["lat"], changes["lon"] = parse_coords(coords) if coords.strip() else (None, None)
    if tag is not None:
        changes["tags"] = list(tag)
    if url is not None:
        changes["urls"] = [link for link in url if link.strip()]  # (--url "" clears them)
    if not changes and not (add_tag or remove_tag or add_url or remove_url):
        raise UsageError("nothing to change: give a field to change, e.g. --place or --text")
    from ..errors import StoredValueInvalid
    from ..ledger import Unchanged

    twins: list[dict] = []
    try:
        with context.named_by_option(typed_in):
            claim = edit_claim(store, claim_id, changes, context.analyst(analyst), force=force,
                               add_tags=add_tag or (), remove_tags=remove_tag or (), add_urls=add_url or (),
                               remove_urls=remove_url or (), twins=twins)
    except StoredValueInvalid as err:
        err.hint = f"Give a new one in the same edit: {_EDIT_OPTIONS.get(err.field or '', 'see claims edit --help')}."
        raise
    except Unchanged as same:
        from ..plain import status_text
        from ..verification import evaluate

        claim = same.claim
        context.notify("ok", f"{claim['id']} unchanged: it already has these values; "
                             f"{status_text(claim, evaluate(claim, store.registry()).reason)}.")
        if format is DetailFormat.json:
            context.emit(_one_json(claim))
        return
    from ..layout import history_detail

    entry = claim["history"][-1]  # (this edit's: the status and values it found, under the writers' lock)
    # (one line, as every message: a note's line breaks and tabs read as spaces here; runs of
    # spaces stay, which may be all an edit changed: history_detail quotes such values)
    detail = " ".join(history_detail(entry).splitlines()).replace("\t", " ")
    alias = context.named_by_alias(source, claim["source"], store) if source is not None else ""
    context.notify("ok", f"Edited {claim['id']} ({detail}){': ' + alias if alias else ''}.")
    _report_change(claim, entry["status_before"], store, format)
    _say_place_twins(claim, twins)
    fields = [name for name in ("text", "note", "place", "region", "outlet") if name in changes]
    if tag or add_tag:
        from ..models import clean_tags

        given = {"tags": clean_tags([*(tag or ()), *(add_tag or ())])}  # (the tags given: not those it had)
        context.say_mixed_scripts({**claim, **given}, [*fields, "tags"])
        for option, values in (("--tag", tag), ("--add-tag", add_tag)):
            context.say_joined_tags(clean_tags(values or ()), option)
    else:
        context.say_mixed_scripts(claim, fields)
    if "source" in changes:
        context.say_lookalike_source(store, source, claim["source"])
    if "source" in entry["changes"]:
        _say_graded_unread_moved(claim, entry["changes"]["source"][0], store.registry())
        _say_own_word_moved(claim, entry["changes"]["source"][0], store.registry())
        if "outlet" not in changes and claim.get("outlet"):  # (the old claimant's channel: kept, as it may be meant)
            _say_outlet_kept(claim, store.registry())
    if "claimed_on" in changes or "event_on" in changes:
        _say_event_after_claim(claim)
        _say_evidence_dated_before(claim, {**claim, **{name: was for name, (was, _) in entry["changes"].items()}})
    if coords is not None and coords.strip() and {"lat", "lon"} & set(entry["changes"] or ()):
        _say_coords_to_check(coords, claim)  # (once, when they change: not of a point given again)
    if "outlet" in changes:
        _say_outlet_a_source(claim, store.registry())


def _say_outlet_kept(claim: dict, registry) -> None:
    """The warning of an outlet an edit of the claimant kept: the old claimant's channel, now shown
    under the new one; or, when the new claimant is the outlet itself (by its name or an alias, as
    sources compare: a channel given the claims filed under its group), one that repeats it
    ("Two Majors (Two Majors)", as `show` and `list` give a claimant and its outlet)."""
    from ..layout import claimant

    named = registry.find(claim["outlet"])
    if named is not None and named is registry.find(claim["source"]):
        context.notify("warning", f"{claim['id']}'s outlet, {claim['outlet']}, now repeats its claimant, "
                                  f"{claim['source']}: `claims edit {claim['id']} --outlet \"\"` clears it.")
        return
    context.notify("warning", f"{claim['id']} keeps its outlet, {claim['outlet']}: its claimant is now "
                              f"{claimant(claim)}; `claims edit {claim['id']} --outlet \"\"` clears it.")


def _say_graded_unread_moved(claim: dict, claimant_before: str, registry) -> None:
    """The warning `sources edit` gives of a claim whose status it moved (the rule's, under an
    assessment) that now rests on a source graded D or E: a new claimant's side weighs the claim's
    evidence anew (its support a concession now, strong). Said once, when it comes about: not of an
    edit that leaves the status as it was."""
    from ..verification import evaluate
    from .evidence import graded_unread, say_graded_unread

    if evaluate({**claim, "source": claimant_before}, registry).status != claim["computed_status"]:
        say_graded_unread(registry, graded_unread([claim], registry))


def _say_own_word_moved(claim: dict, claimant_before: str, registry) -> None:
    """A warning for the items in force a new claimant moved across the claimant's own word
    (`ledger.own_word_moved`), each source's of one stance and strength on one line: the old
    claimant's report, its own word, now another source's support or dispute (strong, an
    independent confirmation, when it only relayed the claim), and evidence now the new claimant's
    own word, counting for less."""
    from ..ledger import own_word_moved
    from ..plain import possessive, shell_quoted

    now_others, now_own = own_word_moved(claim, claimant_before, registry)
    for own, moved in ((False, now_others), (True, now_own)):
        for items, strength in _grouped(moved):
            first, ids, one = items[0], ", ".join(item["id"] for item in items), len(items) == 1
            counted_as = f"{strength} support" if first["stance"] == "supports" else \
                f"a {strength} dispute" if one else f"{strength} disputes"
            said = f"{claim['id']} {ids} ({first['source']} {first['stance']}) {'was' if one else 'were'}"
            if own:
                context.notify("warning", f"{said} {counted_as} from another source and {'is' if one else 'are'} now "
                                          "the claimant's own word: if the claim was "
                                          f"{possessive(claimant_before)}, `claims edit {claim['id']} --source "
                                          f"{shell_quoted(claimant_before)}` gives it back.")
                continue
            relayed = "only relayed the claim" if first["stance"] == "supports" else "only took back its own report"
            undo = f"`claims evidence remove {claim['id']} {ids}` takes it back" if one else \
                f"`claims evidence remove {claim['id']} ID` of each of {ids} takes them back"
            context.notify("warning", f"{said} the claimant's own word and now count{'s' if one else ''} as "
                                      f"{counted_as} from another source: if {first['source']} {relayed}, {undo}.")


def _grouped(moved: list) -> list:
    """(items, strength) of `ledger.own_word_moved`'s (item, strength) pairs, one for each source,
    stance and strength, in the order of their first items."""
    groups: dict = {}
    for item, strength in moved:
        groups.setdefault((item["source"], item["stance"], strength), []).append(item)
    return [(items, strength) for (_, _, strength), items in groups.items()]


def _say_evidence_dated_before(claim: dict, before: dict) -> None:
    """A warning for each item in force a new claim or event date leaves dated too long before it
    (`ledger.dated_before`: before the event, or long before the claim), and the old one did not (an
    edit mending a slip of the year, whose evidence was copied from it; an event given its date at
    last), as `confirm` warns."""
    from ..ledger import dated_before
    from ..models import live_evidence
    from .evidence import say_dated_before

    for item in live_evidence(claim):
        if dated_before(before, item) is None:
            say_dated_before(claim, item, too=True)


# The option `add` takes each field's value from (its text is an argument); `edit` changes a few
_TYPED_IN = {"source": "--source", "claimed_on": "--on", "outlet": "--outlet", "event_on": "--event-on",
             "place": "--place", "region": "--region", "category": "--category", "tags": "--tag",
             "url": "--url", "ref": "--ref", "note": "--note", "lat": "--coords", "lon": "--coords"}
# Each field's option of `edit`, for the hint on a stored value that is not valid
_EDIT_OPTIONS = {**_TYPED_IN, "text": "--text", "tags": "--tag (or --remove-tag)", "urls": "--url"}


def _report_change(claim: dict, before: str, store, format: DetailFormat) -> None:
    """One line on stderr with the claim's status and why; the claim on stdout for --format json."""
    from ..verification import evaluate

    context.say_status([(claim, before, evaluate(claim, store.registry()).reason)])
    context.say_clock_behind([claim])
    if format is DetailFormat.json:
        context.emit(_one_json(claim))


@app.command()
def delete(claim_id: ClaimIdArg, yes: YesOpt = False, reason: ReasonOpt = None, analyst: AnalystOpt = None,
           db: DbOpt = None) -> None:
    """Delete a claim (it can be brought back with `claims restore`).

    \b
    Example: claims delete C-0003 --yes \\
               --reason "recorded twice, see C-0002"
    """
    from ..ledger import claim_seen, clean_reason, delete_claim
    from ..plain import shortened

    clean_reason(reason)  # (a reason refused before the question, not after the answer)
    store = context.store(db)
    claim = store.get_claim(claim_id, include_deleted=True)  # (one deleted already: delete_claim says so)
    seen = None  # (asked without the lock: the claim as the question showed it, checked again under it)
    if not yes and not claim.get("deleted_at"):
        seen = claim_seen(claim)
        answer = context.confirm(f"Delete {claim['id']}: {shortened(claim['text'], 60)}?")
        if answer is False:  # (the analyst's choice, not an error: as rm -i answered no)
            context.notify("ok", f"Not deleted: {claim['id']} is as it was.")
            return
        if answer is not True:  # (no answer, or a loop's next line: a script that did not pass --yes stops)
            from ..errors import ClaimsError

            raise ClaimsError(context.refused_answer("not deleted", answer),
                              hint="Pass --yes to delete without being asked.")
    deleted = delete_claim(store, claim["id"], context.analyst(analyst), reason, seen=seen)
    context.notify("ok", f"Deleted {claim['id']}; `claims restore {claim['id']}` brings it back.")
    context.say_clock_behind([deleted])


@app.command()
def restore(claim_id: ClaimIdArg, force: Annotated[bool, typer.Option(
                "--force", help="Restore it even if the same claim, or its ref, is now another claim's.")] = False,
            reason: ReasonOpt = None, analyst: AnalystOpt = None, db: DbOpt = None) -> None:
    """Bring back a deleted claim, with its evidence and history.

    \b
    Example: claims restore C-0003
    """
    from ..ledger import forced_restore_said, restore_claim, same_ref

    claim, live = restore_claim(context.store(db), claim_id, context.analyst(analyst), force=force, reason=reason)
    # (a status moved while it was deleted, a source's side changed meanwhile: said, not as if it came back as it went)
    deleted = next((entry for entry in reversed(claim["history"]) if entry.get("action") == "deleted"), None)
    went = deleted.get("status_after") if deleted is not None else None
    moved = f"; {went} when it was deleted: `claims history {claim['id']}` says why" \
        if went not in (None, claim["status"]) else ""
    context.notify("ok", f"Restored {claim['id']} ({claim['status']}{moved}).")
    context.say_clock_behind([claim])
    if live:  # (forced: said, not left unsaid: two live claims with one ref are one to an import matching by it)
        holds_ref = [same_ref(claim, other) for other in live]
        mends = []
        if any(holds_ref):
            mends.append("`claims edit ID --ref NEW` gives one of them a ref of its own")
        if not all(holds_ref):
            mends.append("`claims delete ID` takes back one recorded twice")
        context.notify("warning", forced_restore_said(claim, live), hint="; ".join(mends) + ".")


categories_app = typer.Typer(help="Claim categories: list them, add one, or remove one added by mistake.\n\n\b\nExample: claims categories add logistics", no_args_is_help=True)
app.add_typer(categories_app, name="categories")


@categories_app.command("list")
def categories_list(format: FormatOpt = OutputFormat.table, db: DbOpt = None) -> None:
    """List the categories claims can have.

    \b
    Example: claims categories list
    """
    from ..models import DEFAULT_CATEGORIES

    categories = context.store(db).categories()
    if format is OutputFormat.table:  # (the desk's own marked: the ones `categories remove` takes)
        from ..plain import inert

        context.show_text(inert("\n".join(name if name in DEFAULT_CATEGORIES else f"{name} (added by this desk)"
                                          for name in categories)))
        return
    from ..exporters import write_records

    records = [{"name": name, "built_in": name in DEFAULT_CATEGORIES} for name in categories]
    context.emit(write_records(format.value, records, ["name", "built_in"]))


@categories_app.command("add")
def categories_add(name: Annotated[str, typer.Argument(help="A short lower-case word.")], db: DbOpt = None) -> None:
    """Add a claim category.

    \b
    Example: claims categories add logistics
    """
    from ..ledger import add_category
    from ..models import near_categories, near_category_said

    store = context.store(db)
    category = add_category(store, name)
    context.notify("ok", f"Added category {category}.")
    for near in near_categories(category, store.categories()):  # (warned, not refused: two may be meant)
        context.notify("warning", f"{near_category_said(category, near)} "
                                  f"(`claims categories remove {category}` takes it back).")


@categories_app.command("remove")
def categories_remove(name: Annotated[str, typer.Argument(help="A category the desk added.")],
                      db: DbOpt = None) -> None:
    """Remove a category the desk added that no claim files under (deleted ones count).

    \b
    Example: claims categories remove logistics
    """
    from ..ledger import remove_category

    category = remove_category(context.store(db), name)
    context.notify("ok", f"Removed category {category} (no claim files under it).")
