"""The source registry: list, add, edit, rename, merge, remove. A change of side, or a merge,
re-evaluates the claims involved."""

from typing import Annotated, List, Optional

import typer

from .. import context
from ..options import AnalystOpt, DbOpt, DetailFormat, DetailFormatOpt, FormatOpt, OutputFormat, UsageError, YesOpt

app = typer.Typer(help="The source registry: who says what, on which side, how reliable.\n\n\b\n"
                       "Example: claims sources edit DeepState --grade B",
                  no_args_is_help=True)

NameArg = Annotated[str, typer.Argument(help="Source name or alias.", show_default=False)]
NewNameArg = Annotated[str, typer.Argument(help="The new source's name.", show_default=False)]
KindOpt = Annotated[Optional[str], typer.Option(
    "--kind", help="official, osint, media, social or other.", show_default=False)]
GradeOpt = Annotated[Optional[str], typer.Option(
    "--grade", help="Admiralty reliability grade: A completely reliable ... E unreliable, F cannot be judged.",
    show_default=False)]
AliasOpt = Annotated[Optional[List[str]], typer.Option("--alias", help="Another name; repeatable.",
                                                       show_default=False, metavar="<str>")]
SourceNoteOpt = Annotated[Optional[str], typer.Option("--note", help="What this source is.", show_default=False)]

# (`merged`, last: the aliases that were another source's names until it was merged into this one; a
# column added after the first version, so a script reading the others by place still reads them)
SOURCE_COLUMNS = ("name", "side", "kind", "grade", "aliases", "note", "claims", "merged")


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
        if not len(registry):  # (as `list` of no claims: not an empty table's header)
            context.say_none(store, "No sources.", hint="`claims sources add NAME --side SIDE` adds one.")
            return
        from ..layout import sources_table

        context.show_table(sources_table(registry, counts, context.claims_called()))
        return
    from ..exporters import write_records

    rows = [{**source.to_dict(), "claims": counts.get(source.name, 0), "merged": list(source.merged)}
            for source in registry]
    rows = [{column: row[column] for column in SOURCE_COLUMNS} for row in rows]  # (JSON: in the CSV's order)
    context.emit(write_records(format.value, rows, SOURCE_COLUMNS))


@app.command("show")
def show_source(name: NameArg, format: DetailFormatOpt = DetailFormat.table, db: DbOpt = None) -> None:
    """What one source is (side, kind, grade, names, note), what it has said (the claims it made by
    status, and the evidence it gave), and its history (who changed it, and when).

    \b
    Example: claims sources show DeepState
    """
    from ..reports import source_activity

    store = context.store(db)
    source = store.registry().get(name)
    alias = context.named_by_alias(name, source.name, store)
    if alias:  # (a merged source's old name, say: whose page this is, as `add` says it)
        context.notify("ok", f"Note: showing {alias}.")
    activity = source_activity(source.name, store.claims(include_deleted=True))
    history = store.source_history(source.name)
    if format is DetailFormat.json:
        from ..exporters import to_json_one

        context.emit(to_json_one({**source.to_dict(), "merged": list(source.merged), **activity, "history": history}))
        return
    from ..layout import source_detail, source_history_table, source_listings

    context.show_parts([source_detail(source, activity), *source_listings(source, activity, context.claims_called()),
                        *([source_history_table(history)] if history else [])])


@app.command("add")
def add_source(
    name: NewNameArg,
    side: Annotated[str, typer.Option("--side", help="russia, ukraine, independent or unknown.",
                                      show_default=False)],
    kind: KindOpt = None,
    alias: AliasOpt = None,
    grade: GradeOpt = None,
    note: SourceNoteOpt = None,
    analyst: AnalystOpt = None,
    db: DbOpt = None,
) -> None:
    """Add a source to the registry.

    \b
    Example: claims sources add "Black Bird Group" \\
               --side independent --kind osint --grade B
    """
    from ..ledger import add_source as add

    context.refuse_naming_none("--alias", alias, "alias")
    if kind is not None and not kind.strip():  # (refused, as `sources edit --kind ""` is: not taken as "other")
        from ..models import SourceKind, clean_enum

        clean_enum(SourceKind, kind, "kind")
    source = add(context.store(db), name, side, kind, alias or [], grade, note, context.analyst(analyst))
    context.notify("ok", f"Added source {source.name} ({source.side}, {source.kind}, grade {source.grade or '—'}).")
    context.say_mixed_scripts({"name": source.name}, ("name",))
    _say_mixed_aliases(source.aliases)
    _say_lookalikes(context.store(db).registry(), source.name, [source.name, *source.aliases])


def _say_mixed_aliases(aliases: list[str]) -> None:
    """A mixed-alphabet warning for each of these aliases, as for a name: a mixed alias ("Pыбарь"
    with a Latin P) quietly sends whatever is typed so to its source."""
    for alias in aliases:
        context.say_mixed_scripts({"alias": alias}, ("alias",))


def _say_lookalikes(registry, owner: str, names: list[str]) -> None:
    """A warning for each of these names of the source `owner` that looks like another source's
    ("ΙSW" with a Greek Iota: on every screen the independent ISW), or is another's but for spaces
    and punctuation ("Deep State" beside DeepState: one source's record split in two, the twin's
    evidence no longer the claimant's own). Not refused: Russia's СВР and the American CBP are two
    sources that look alike."""
    from ..models import lookalike_said, spelled_apart_said

    for name in names:
        found = registry.lookalike(name, besides=owner)
        if found is not None:
            context.notify("warning", f"{lookalike_said(name, *found)}; a reader cannot tell them apart.")
            continue
        found = registry.spelled_apart(name, besides=owner)
        if found is not None:
            context.notify("warning", f"{spelled_apart_said(name, *found)}: two sources, whose claims and evidence "
                                      "count apart.")


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
    Example: claims sources edit DeepState --grade B \\
               --alias "DeepState map"
    """
    from ..ledger import GRADES_UNREAD
    from ..ledger import edit_source as edit
    from ..verification import evaluate
    from .evidence import graded_unread, say_graded_unread

    if side is None and kind is None and not alias and not clear_aliases and grade is None and note is None:
        raise UsageError("nothing to change: give a field to change, e.g. --side or --grade")
    context.refuse_naming_none("--alias", alias, "alias")
    store = context.store(db)
    before = store.registry().get(name)
    source, changed = edit(store, name, context.analyst(analyst), side=side, kind=kind,
                           aliases=[] if clear_aliases else None, add_aliases=alias or [],
                           grade=grade, note=note)
    if source != before:
        from ..layout import history_detail

        # (what changed, as claim edit says it and the source's history reads: this edit's entry, its
        # values found under the writers' lock; "Updated source X (side, kind, grade)" said nothing
        # of a note or an alias. One line, as every message: a note's line breaks read as spaces)
        entry = store.source_history(source.name)[-1]
        detail = " ".join(history_detail(entry).splitlines()).replace("\t", " ") or \
            f"{source.side}, {source.kind}, grade {source.grade or '—'}"  # (a hand edit's merged name, dropped: warned below)
        context.notify("ok", f"Updated source {source.name} ({detail}).")
    else:
        context.notify("ok", f"Source {source.name} unchanged ({source.side}, {source.kind}, "
                             f"grade {source.grade or '—'}).")
    for forgotten in [name for name in before.merged if name not in source.merged]:
        context.notify("warning", f"{forgotten}, the name of a source merged into {source.name}, is no longer one of "
                                  f"its names: a file citing {forgotten} no longer reaches {source.name}.")
    given = [name for name in source.aliases if name not in before.aliases]
    _say_mixed_aliases(given)
    _say_lookalikes(store.registry(), source.name, given)
    registry = store.registry()
    if changed:
        context.say_status([(claim, claim["history"][-1]["status_before"], evaluate(claim, registry).reason)
                            for claim in changed])
    if source != before:  # (its entry, and the claims it moved: one warning)
        context.say_clock_behind(changed, [(source.name, store.source_history(source.name))])
    # Said when it comes about (a claim a source graded D or E counted strong on was said so then):
    # the claims the change moved that now rest on such a source, any (the claimant's new side made
    # another's support strong), and, graded D or E now, all its source counts strong on (one pass)
    graded = source.grade in GRADES_UNREAD and before.grade not in GRADES_UNREAD
    say_graded_unread(registry, graded_unread(changed, registry),
                      graded_unread(store.claims(), registry, source.name) if graded else {})


@app.command("rename")
def rename_source(
    name: Annotated[str, typer.Argument(help="The source's name (or alias).", show_default=False)],
    new_name: Annotated[str, typer.Argument(help="Its new name.", show_default=False)],
    analyst: AnalystOpt = None,
    db: DbOpt = None,
) -> None:
    """Rename a source; its claims and evidence follow, and the old name stays an alias.

    \b
    Example: claims sources rename "Black Brid Group" \\
               "Black Bird Group"
    """
    from ..ledger import rename_source as rename

    old = context.store(db).registry().get(name).name
    done = rename(context.store(db), name, new_name, context.analyst(analyst))
    from ..errors import shown
    from ..models import name_as_written

    # (quoted where it is written otherwise than a name is: a hand edit's "ISW ", doctor's rename)
    said = old if name_as_written(old) == old else shown(old)
    kept = f"; {said} is kept as its alias" if old in done.source.aliases else ""
    context.notify("ok", f"Renamed source {said} to {done.source.name}: {_cited(done)}{kept}.")
    context.say_clock_behind(done.claims, [(done.source.name, context.store(db).source_history(done.source.name))])
    context.say_mixed_scripts({"name": done.source.name}, ("name",))
    _say_lookalikes(context.store(db).registry(), done.source.name, [done.source.name])


@app.command("merge")
def merge_sources(
    name: Annotated[str, typer.Argument(help="The source to merge away (name or alias).", show_default=False)],
    into: Annotated[str, typer.Argument(help="The source it becomes (keeps its side, kind, grade and note).",
                                        show_default=False)],
    yes: YesOpt = False,
    analyst: AnalystOpt = None,
    db: DbOpt = None,
) -> None:
    """Make two sources one: NAME's claims go to INTO, and NAME becomes a name merged into it.

    NAME's claims and evidence cite INTO instead and are re-evaluated (evidence from one on the
    other's claim becomes the claimant's own); INTO keeps its side, kind, grade and note.

    \b
    Example: claims sources merge Rybar Telegram --yes
    """
    from ..ledger import GRADES_UNREAD
    from ..ledger import merge_sources as merge
    from ..ledger import refuse_merged_names
    from ..verification import evaluate
    from .evidence import graded_unread, say_graded_unread

    store = context.store(db)
    registry = before = store.registry()
    gone, kept = registry.get(name), registry.get(into)
    refuse_merged_names(name, into, gone, kept)  # (before asking to confirm what it would not do)
    answer = True if gone == kept or yes else context.confirm(
        f"Merge source {gone.name}{f' ({gone.side})' if gone.side != kept.side else ''} into {kept.name} "
        f"({kept.side}): its claims and evidence will cite "
        f"{kept.name}, and {gone.name} will be a name merged into it (no command undoes a merge)?")
    if answer is False:  # (the analyst's choice, not an error: as rm -i answered no)
        context.notify("ok", f"Not merged: {gone.name} and {kept.name} are as they were.")
        return
    if answer is not True:  # (no answer, or a loop's next line: a script that did not pass --yes stops)
        from ..errors import ClaimsError
        from ..plain import shell_arguments

        # (the command, not "pass --yes": after the `--` of a name like "-Rybar" it reads as a name)
        raise ClaimsError(context.refused_answer("not merged", answer),
                          hint=f"To merge without being asked: `claims sources merge --yes "
                               f"{shell_arguments(gone.name, kept.name)}`.")
    # (asked without the lock: the two sources as the question showed them, checked again under it)
    done = merge(store, name, into, context.analyst(analyst), expected=None if yes or gone == kept else (gone, kept))
    context.notify("ok", f"Merged source {gone.name} into {done.source.name}: {_cited(done, ' instead')}; "
                         f"{gone.name}{' and its aliases are now names' if gone.aliases else ' is now a name'} merged "
                         f"into {done.source.name}.")  # (as `sources show` lists them: Merged, not Aliases)
    _say_not_kept(gone, done.source)
    context.say_clock_behind(done.claims, [(done.source.name, store.source_history(done.source.name))])
    said = [f"{claim_id} now repeats {other} (the same source, date, place and statement): "
            f"`claims delete {claim_id}` if they are one claim." for claim_id, other in done.repeated_claims]
    said += [f"{claim_id} {item_id} now repeats {other} ({shared}): `claims evidence remove {claim_id} {item_id}` if "
             "they are one report." for claim_id, item_id, other, shared in done.repeated_items]
    said += [f"{claim_id}: {done.source.name} now both supports it ({', '.join(supporting)}) and disputes it "
             f"({', '.join(disputing)}); `claims evidence remove {claim_id} ID` takes back a view it no longer "
             "holds." for claim_id, supporting, disputing in done.crossed]
    # (last: a merge of two sources whose cross-posts were deleted as repeats names each, and those
    # above are what to act on; a restore refused names the live claim too)
    said += [f"{claim_id}, deleted, now repeats {other} (the same source, date, place and statement): "
             f"`claims restore {claim_id}` needs --force while {other} is live."
             for claim_id, other in done.repeated_deleted]
    for line in said[:_REPEATS_SAID]:
        context.notify("warning", line)
    if len(said) > _REPEATS_SAID:
        more = len(said) - _REPEATS_SAID
        crossed = " or crossings" if done.crossed else ""
        context.notify("warning", f"... and {more} more repeats{crossed} the merge made.")
    changed = done.status_changed
    registry = store.registry()
    if changed:
        context.say_status([(claim, done.status_before[claim["id"]], evaluate(claim, registry).reason)
                            for claim in changed])
    _say_own_word_merged(done, gone.name, before, registry)
    # (as an edit's: the claims it moved that rest on a source graded D or E, and the merged source's
    # items that count strong, graded D or E now, where it was not)
    graded = done.source.grade in GRADES_UNREAD and gone.grade not in GRADES_UNREAD
    say_graded_unread(registry, graded_unread(changed, registry),
                      graded_unread(done.claims, registry, done.source.name, done.recited) if graded else {})


@app.command("remove")
def remove_source(
    name: Annotated[str, typer.Argument(help="The source's name (not an alias).", show_default=False)],
    db: DbOpt = None,
) -> None:
    """Remove a source nothing cites (merge a cited one into another instead).

    \b
    Example: claims sources remove "Ryabar"
    """
    from ..ledger import remove_source as remove

    source = remove(context.store(db), name)
    context.notify("ok", f"Removed source {source.name} (nothing cited it).")
    for forgotten in source.merged:  # (as `sources edit --clear-aliases` says the names it drops)
        context.notify("warning", f"{forgotten}, the name of a source merged into {source.name}, goes with it: a file "
                                  f"citing {forgotten} no longer reaches a source here.")


_REPEATS_SAID = 20  # (a merge of two busy sources may make hundreds: the first ones, and how many more)


_OWN_WORD_NAMED = 5  # claims a merge's own-word warning names of those whose verdict moved, and of the rest


def _say_own_word_merged(done, gone: str, before, registry) -> None:
    """The warning of the evidence a merge made the claimant's own word: one source's on the other's
    claim, another source's until now (`ledger.own_word_moved`, as `edit --source` warns of it),
    counting for less; how many items, and on which live claims the rule's verdict moved (the
    status lines above say why) and on which another item held it. `before`: the registry then."""
    from ..ledger import own_word_moved
    from ..models import claim_number
    from ..plain import counted

    cited: dict[str, dict] = {}  # claim ID -> its items that cited `gone`, each -> `gone` (one pass: 47,000 claims)
    for claim_id, item_id in done.recited:
        if item_id is not None:
            cited.setdefault(claim_id, {})[item_id] = gone
    items, moved, held = 0, [], []
    for claim in sorted(done.claims, key=lambda claim: claim_number(claim["id"])):
        if claim.get("deleted_at"):  # (out of the listings: its status line says it is deleted)
            continue
        claimant = gone if (claim["id"], None) in done.recited else claim["source"]
        _, now_own = own_word_moved(claim, claimant, registry, cited.get(claim["id"]), before)
        if not now_own:
            continue
        items += len(now_own)
        was, now = done.computed_before[claim["id"]], claim["computed_status"]
        if was != now:
            moved.append(f"{claim['id']} ({was} → {now})")
        else:
            held.append(f"{claim['id']} ({now})")
    if not items:
        return

    def named(ids: list[str]) -> str:
        more = len(ids) - _OWN_WORD_NAMED
        shown = ids[:_OWN_WORD_NAMED]
        if more > 0:
            return f"{', '.join(shown)} and {more} more"
        return " and ".join([", ".join(shown[:-1]), shown[-1]] if len(shown) > 1 else shown)

    verdict = f"the rule's verdict moved on {named(moved)}" if moved else ""
    if held:
        verdict += f", not on {named(held)}" if moved else f"the rule's verdict stayed on {named(held)}"
    one = items == 1
    context.notify("warning", f"{counted(items, 'evidence item')} between {gone} and {done.source.name}, on "
                              f"{counted(len(moved) + len(held), 'claim')}, {'was' if one else 'were'} another "
                              f"source's and {'is' if one else 'are'} now the claimant's own word: {verdict}.")


def _say_not_kept(gone, kept) -> None:
    """A warning for the side, grade and note of a merged source that the one kept does not take (it
    keeps its own: a desk that graded the duplicate lost the grade unsaid). "The grade D of Two Majors",
    not a possessive: "Two Majors's"."""
    from ..plain import possessive, shell_arguments

    if gone.side != kept.side:  # (what the rule reads: the status changes below follow from it)
        context.notify("warning", f"the side of {gone.name} ({gone.side}) is not kept: what cited it counts as "
                                  f"{possessive(kept.name)} ({kept.side}).")
    if gone.grade and gone.grade != kept.grade:
        context.notify("warning", f"the grade {gone.grade} of {gone.name} is not kept: {kept.name} keeps its own "
                                  f"({kept.grade or 'none'}); `claims sources edit --grade {gone.grade} "
                                  f"{shell_arguments(kept.name)}` gives it that grade.")
    if gone.note and gone.note != kept.note:
        from ..layout import MERGED_NOTE_SHOWN

        # (the merge's entry in the history has it: whole in the JSON, where the table cuts a long one)
        whole = " --format json" if len(gone.note) > MERGED_NOTE_SHOWN else ""
        context.notify("warning", f"the note of {gone.name} is not kept: {kept.name} keeps its own "
                                  f"({'another' if kept.note else 'none'}); its history has it (`claims sources show "
                                  f"{shell_arguments(kept.name)}{whole}`).")


def _cited(done, instead: str = "") -> str:
    """'2 claims cite it (1 as claimant, 1 by evidence)', of a rename or merge."""
    from ..plain import counted

    count = len(done.claims)
    if not count:
        return "no claim cites it"
    deleted = sum(1 for claim in done.claims if claim.get("deleted_at"))  # (listings leave them out: said)
    parts = [f"{number} {how}" for number, how in ((done.as_claimant, "as claimant"), (done.by_evidence, "by evidence"),
                                                   (deleted, "deleted")) if number]
    return f"{counted(count, 'claim')} cite{'s' if count == 1 else ''} it{instead} ({', '.join(parts)})"
