"""`claims doctor`: check the database and its backup, say what is wrong and how to recover."""

import os
from pathlib import Path
from typing import Annotated

import typer

from .. import context
from ..options import DbOpt, DetailFormat, DetailFormatOpt, UsageError

app = typer.Typer()


@app.command()
def doctor(
    restore_backup: Annotated[bool, typer.Option(
        "--restore-backup", help="Put NAME.bak back in place of a damaged database (the damaged file is kept "
                                 "as NAME.damaged-TIME).")] = False,
    relayout: Annotated[bool, typer.Option(
        "--relayout", help="Write a database laid out otherwise by hand (valid JSON, not one claim per line) "
                           "again in claims' own layout, losing nothing (the file as it was is kept as "
                           "NAME.bak).")] = False,
    format: DetailFormatOpt = DetailFormat.table,
    db: DbOpt = None,
) -> None:
    """Check the database for damage and inconsistent records, and say how to recover.

    \b
    Example: claims --db desk.json doctor --format json
    """
    from ..errors import ClaimsError, path_shown

    # Options that cannot go together: a usage error (exit 2), found from the command line alone,
    # as `assess ID STATUS --clear` is; with --format json, after the report a script reads.
    clash = None
    if restore_backup and relayout:
        clash = ClaimsError("--restore-backup and --relayout cannot be used together",
                            hint="`claims doctor` says which one the database needs.")
        if format is not DetailFormat.json:
            raise UsageError(clash.message)
    try:
        path = context.db_path(db)
    except ClaimsError as err:
        if format is DetailFormat.json:  # (a script reads a report whatever the outcome)
            from ..health import DatabaseCheck, DoctorReport

            named = DatabaseCheck("")
            named.add("no-name", "file", err.message)
            _emit_json(DoctorReport(named, DatabaseCheck(""), advice=[err.hint] if err.hint else []), refused=clash)
        if clash is not None:
            raise UsageError(clash.message) from None
        raise
    if clash is not None:  # (the report of the files as they are, and why nothing was done)
        _emit_json(_examined(path), refused=clash)
        raise UsageError(clash.message)
    try:
        restored = _act(path, restore_backup=restore_backup, relayout=relayout)
    except ClaimsError as err:
        if format is DetailFormat.json:  # (refused: the report of the files as they are, and why, for a script)
            _emit_json(_examined(path), refused=err)
        raise
    report = _examined(path, while_waiting=None if format is DetailFormat.json else _import_rendering)
    if format is DetailFormat.json:
        _emit_json(report, restored=restored)
    else:
        from ..render import doctor_advice, doctor_notes, doctor_report

        context.show(doctor_report(report))
        context.show(doctor_notes(report, context.claims_called()), soft_wrap=True)
        advice = doctor_advice(report)
        if advice is not None:
            context.show(advice, soft_wrap=True)
    if not report.ok:
        total = len(report.database.problems) + report.database.more_problems
        if report.lock_problem and not total:
            raise ClaimsError(f"no change can be written to {path_shown(path)}: {report.lock_problem}", hint=report.advice[0])
        total += bool(report.lock_problem)  # (named first in the advice)
        raise ClaimsError(f"database {path_shown(path)} has {total} problem{'s' if total != 1 else ''}",
                          hint=report.advice[0] if report.advice else None)


def _examined(path: Path, while_waiting=None):
    """`store.examine`, its advice naming the --db given (`while_waiting`: see examine)."""
    from ..store import examine

    report = examine(path, while_waiting=while_waiting)
    report.advice = [context.naming_db(step) for step in report.advice]
    return report


def _import_rendering() -> None:
    """Import what the report is laid out with (Rich: some 140 million instructions), while the
    worker checks its half of a large file's claims, not after it on the path the command waits for."""
    from .. import console, render  # noqa: F401


def _emit_json(report, refused: "Exception | None" = None, restored: dict | None = None) -> None:
    """The report as JSON on stdout; one of a refused --restore-backup or --relayout is not ok, and
    says why in `refused` (`message`, `hint`); one after a restore says what it did in `restored`
    (see `_act`)."""
    from ..exporters import to_json_one

    data = report.to_dict()
    if restored is not None:
        data["restored"] = restored
    if refused is not None:
        data["ok"] = False
        hint = getattr(refused, "hint", None)
        data["refused"] = {"message": getattr(refused, "message", str(refused)),
                           "hint": context.naming_db(hint) if hint else None}  # (as stderr says it)
    context.emit(to_json_one(data))


def _act(path: Path, *, restore_backup: bool, relayout: bool) -> dict | None:
    """What doctor was asked to do before it reports: write the file again, or restore the backup.
    After a restore, what a script needs for README's next step (`claims import NAME.damaged-TIME`):
    {"from": the backup restored, "damaged_kept_as": where the damaged file is kept, or None if
    there was none}, as the report names files (through a link, the ones it points to)."""
    from ..errors import ClaimsError, path_shown
    from ..health import IF_ANOTHER_S, IF_THIS_DATABASE_S, import_kept, written_over
    from ..plain import claims_counted, counted
    from ..store import examine, relayout as rewrite, restore_backup as restore

    if relayout:  # (not with --restore-backup: refused by `doctor` as a usage error)
        from ..health import FILE_PROBLEMS

        # (a file that cannot be read at all is refused by the rewrite itself, with its own words)
        damage = examine(path, check_lock=False).database.kinds() - {"layout", "date-slip", "history-time"} - FILE_PROBLEMS
        if damage:  # (the rewrite would make NAME.bak, maybe the one good copy, this damaged file)
            raise ClaimsError(f"not rewriting {path_shown(path.name)}: it has damaged records too ({', '.join(sorted(damage))}), "
                              f"and the rewrite would put it in place of {path_shown(path.name + '.bak')}",
                              hint="`claims doctor` says what to do first (restore the backup, or mend the records).")
        claims, missed = rewrite(path)
        context.notify("ok", f"Rewrote {path_shown(path.name)} one claim per line ({counted(claims, 'claim')})" +
                       (f"; the file as it was is kept as {path_shown(path.name + '.bak')}." if missed is None else "."))
        if missed is not None:
            context.notify("warning", f"{path_shown(path.name + '.bak')} could not be kept ({missed}): the file as it was is not kept")
    if restore_backup:
        aside, restored_over = restore(path)
        backup = restored_over.backup
        kept = f"; the damaged file is kept as {path_shown(aside.name)}" if aside else ""
        if aside and written_over(restored_over.database):  # (doctor's next step, with the name the file got)
            kept += (f". {IF_THIS_DATABASE_S} {import_kept(restored_over.database, aside)} then brings back the "
                     f"claims it holds that the backup lacks; {IF_ANOTHER_S}")
        real = Path(os.path.realpath(path))  # (through a link: the files restored are where it points)
        restored = path_shown(path.name) if real == path.absolute() else f"{path_shown(real)} (through {path_shown(path.name)})"
        context.notify("ok", f"Restored {restored} from {path_shown(real.name + '.bak')} ({claims_counted(backup.claims, backup.deleted)}, saved "
                             f"{backup.modified}){kept}.")
        return {"from": backup.path, "damaged_kept_as": str(aside) if aside else None}
    return None
