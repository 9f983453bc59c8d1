"""Start-up shortcuts (issue 6): building only the command named, and status lines without Rich.

Behaviour only, never time: the one command Typer builds is the command the whole app has (same
options, same help), anything else gets the whole app, and the plain status line is byte for byte
what Rich prints.
"""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path
import sys

import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from claims_cli.cli import COMMAND_HOMES, COMMAND_MODULES, app, app_for, build_app
from claims_cli.console import THEME
from claims_cli.plain import status_change_text
from claims_cli.render import join_lines, status_change

FULL = typer.main.get_command(app)


def command_paths(group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if hasattr(command, "commands"):
            yield from command_paths(command, (*prefix, name))


def describe(command) -> list:
    """What a user sees of a command: its options and arguments, help, and sub-commands."""
    params = [(p.name, tuple(p.opts), tuple(p.secondary_opts), p.required, repr(p.default), p.multiple,
               getattr(p, "help", None), repr(p.type_descriptor.annotation), p.is_flag if hasattr(p, "is_flag") else None,
               getattr(p, "min", None), getattr(p, "max", None)) for p in command.params]
    subs = {name: describe(sub) for name, sub in getattr(command, "commands", {}).items()}
    return [command.name, command.help, command.short_help, command.hidden, params, subs]


@pytest.mark.parametrize("path", [path for path, _ in command_paths(FULL)], ids=" ".join)
def test_the_command_built_alone_is_the_one_the_whole_app_has(path):
    alone = typer.main.get_command(app_for(["--db", "x.json", "--analyst=me", *path, "--help"]))
    assert list(alone.commands) == [path[0]]
    assert describe(alone.commands[path[0]]) == describe(FULL.commands[path[0]])
    assert describe(alone)[4] == describe(FULL)[4]  # the root options too


@pytest.mark.parametrize("module", [name for name, _ in COMMAND_MODULES])
def test_the_table_of_command_homes_matches_the_modules(module):
    alone = typer.main.get_command(build_app((module,)))
    assert set(alone.commands) == {name for name, home in COMMAND_HOMES.items() if home == module}


def test_every_command_has_a_home_and_the_whole_app_keeps_its_order():
    assert set(FULL.commands) == set(COMMAND_HOMES)
    assert list(FULL.commands) == list(typer.main.get_command(build_app()).commands)
    first = ["init", "add", "list", "show", "edit", "delete", "restore", "categories"]
    assert list(FULL.commands)[:len(first)] == first


def test_a_plain_command_imports_only_its_own_module():
    code = ("import sys\nfrom claims_cli import cli\ncli.app_for(['--db', 'x.json', 'list', '--help'])\n"
            "print(sorted(m for m in sys.modules if m.startswith('claims_cli.commands.')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "['claims_cli.commands.claims']", done.stderr


def test_commands_given_iso_dates_do_not_import_the_calendar(tmp_path):
    """(bench, 1,000 claims) `dates` imported `calendar` (and `locale`), about 3 ms of every
    command, for "6 months ago" alone."""
    code = ("import sys\nfrom claims_cli import cli\n"
            "for args in (['add', 'Russian forces took Rivne', '--source', 'MoD', '--on', '2025-12-07'],\n"
            "             ['list', '--since', '2025-12-01'], ['report']):\n"
            "    sys.argv = ['claims', *args]\n"
            "    try:\n        cli.app_for(args)()\n    except SystemExit:\n        pass\n"
            "sys.stdout.write('calendar loaded: %s' % ('calendar' in sys.modules))\n")
    env = {**os.environ, "CLAIMS_DB": str(tmp_path / "claims.json")}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.stdout.endswith("calendar loaded: False"), (done.stdout[-300:], done.stderr[-300:])


@pytest.mark.parametrize("args", [[], ["--help"], ["-h"], ["--version"], ["lst"], ["--db", "x"], ["--", "list"],
                                  ["--verbose", "list"], ["--db"], [""]])
def test_anything_but_a_plain_command_name_gets_the_whole_app(args):
    assert app_for(args) is app


def test_a_misspelt_command_still_gets_typers_suggestion(run_claims):
    result = run_claims("lst")
    assert result.returncode == 2
    assert "No such command 'lst'. Did you mean 'list'?" in result.stderr.decode()


def test_the_console_script_runs_named_commands_and_subcommands(run_claims):
    assert run_claims("init").returncode == 0
    added = run_claims("add", "Russian forces took Rivne", "--source", "MoD", "--on", "2025-12-07")
    assert added.stdout.decode() == "C-0001\n"
    assert run_claims("sources", "list", "--format", "csv").stdout.decode().startswith("name,")
    assert "territorial" in run_claims("categories", "list").stdout.decode()
    root_help = run_claims("--help").stdout.decode()
    for name in FULL.commands:
        assert name in root_help


# ------------------------------------------------------------------ status lines without Rich

def rich_says(renderable) -> str:
    stream = io.StringIO()
    console = Console(file=stream, theme=THEME, highlight=False, markup=False, emoji=False, soft_wrap=False,
                      width=40)
    console.print(renderable, soft_wrap=True)
    return stream.getvalue()


def claim(status, computed, assessed, claim_id="C-0007"):
    record = {"id": claim_id, "status": status, "computed_status": computed}
    if assessed:
        record["assessment"] = {"status": status, "analyst": "x", "at": "2025-12-08T00:00:00Z"}
    return record


@pytest.mark.parametrize("record, before, reason", [
    (claim("confirmed", "confirmed", False), "unverified", "strong support from DeepState"),
    (claim("contested", "contested", False), "contested", "weak dispute from Ukraine"),
    (claim("refuted", "confirmed", True), None, "strong support from ISW"),
    (claim("confirmed", "confirmed", False, "C-\x1b[31m1"), "", "a\x07b é 中文 " * 12),
])
def test_plain_status_line_matches_rich(record, before, reason):
    assert rich_says(status_change(record, before, reason)) == status_change_text(record, before, reason) + "\n"


texts = st.text(st.characters(blacklist_characters="\t", blacklist_categories=("Cs",)), max_size=80)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(texts, st.sampled_from(["confirmed", "contested", "weird"]), st.booleans(),
                          st.one_of(st.none(), texts), texts), min_size=1, max_size=3))
def test_plain_status_lines_match_rich_for_any_text(items):
    changes = [(claim(status, "unverified", assessed, claim_id), before, reason)
               for claim_id, status, assessed, before, reason in items]
    rich = rich_says(join_lines(status_change(*change) for change in changes))
    assert rich == "\n".join(status_change_text(*change) for change in changes) + "\n"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",)), max_size=120), min_size=1, max_size=3))
def test_whole_lines_to_a_file_are_what_rich_prints(texts):
    """A line printed whole (a command to paste) is written plainly when stdout is no terminal:
    the same text Rich prints there, for any text (with a tab or a control character, Rich does it)."""
    from claims_cli import context
    from claims_cli.layout import Whole
    from claims_cli.render import rich_parts

    lines = [Whole(text, "muted") for text in texts]
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")  # (no terminal)
    saved = sys.stdout, {name: os.environ.pop(name, None) for name in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    sys.stdout = stream
    try:
        context.show_lines(lines)
    finally:
        sys.stdout = saved[0]
        os.environ.update({name: value for name, value in saved[1].items() if value is not None})
    stream.flush()
    assert stream.buffer.getvalue().decode("utf-8") == rich_says(rich_parts(lines))


def test_confirm_without_a_terminal_does_not_import_rich(tmp_path):
    code = ("import sys\nfrom claims_cli import cli\n"
            "for args in (['add', 'Russian forces took Rivne', '--source', 'MoD', '--on', '2025-12-07'],\n"
            "             ['confirm', 'C-0001', '--by', 'GeoConfirmed', '--kind', 'footage']):\n"
            "    sys.argv = ['claims', *args]\n"
            "    try:\n        cli.app_for(args)()\n    except SystemExit:\n        pass\n"
            "sys.stdout.write('rich loaded: %s' % ('rich' in sys.modules))\n")
    env = {**os.environ, "CLAIMS_DB": str(tmp_path / "claims.json")}
    env.pop("FORCE_COLOR", None)
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert "C-0001: unverified → confirmed (" in done.stderr
    assert done.stdout.endswith("rich loaded: False")


def test_tables_to_a_file_do_not_import_richs_console(tmp_path):
    """list, contested, show, history, sources and report print through plain_table, not Rich."""
    db = tmp_path / "claims.json"
    seed = Path(__file__).resolve().parent.parent / "seeds" / "article-2025-12-07.json"
    env = {**os.environ, "CLAIMS_DB": str(db)}
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        env.pop(name, None)
    assert subprocess.run([sys.executable, "-m", "claims_cli", "import", str(seed)], env=env,
                          capture_output=True).returncode == 0
    # (sources show and a bounded report end in commands to paste, printed
    # whole: those lines went through Rich, 25-40 ms of every `claims report > file`)
    for args in (["list"], ["contested"], ["show", "C-0003"], ["history", "C-0003"], ["sources", "list"],
                 ["report"], ["sources", "show", "ISW"], ["report", "--since", "2025-12-01"]):
        done = subprocess.run([sys.executable, "-X", "importtime", "-m", "claims_cli", *args], env=env,
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr[-500:]
        assert done.stdout.strip()
        assert " rich.console" not in done.stderr and " rich.table" not in done.stderr, args


def test_import_without_a_terminal_does_not_import_rich(tmp_path):
    """The summary, the problems and the hint of `claims import` are plain lines on a non-terminal
    stderr (the same text Rich prints there); the progress bar is not even considered."""
    seed = Path(__file__).resolve().parent.parent / "seeds" / "article-2025-12-07.json"
    bad = tmp_path / "bad.csv"
    bad.write_text("text,source,claimed_on\nRussian forces took Rivne,Nobody,2025-12-07\n"
                   "Russian forces took Lutsk,Russian MoD,2025-12-07\n", encoding="utf-8")
    env = {**os.environ, "CLAIMS_DB": str(tmp_path / "claims.json")}
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        env.pop(name, None)
    for args, code, message in (([str(seed)], 0, "Imported "), ([str(bad)], 65, "  row 2, source: "),
                                ([str(bad), "--skip-invalid"], 65, " 1 added")):
        done = subprocess.run([sys.executable, "-X", "importtime", "-m", "claims_cli", "import", *args], env=env,
                              capture_output=True, text=True)
        assert done.returncode == code, done.stderr[-500:]
        assert message in done.stderr
        assert " rich" not in done.stderr, args


def test_import_messages_keep_their_colours_when_stderr_acts_as_a_terminal(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("text,source,claimed_on\nRussian forces took Rivne,Nobody,2025-12-07\n", encoding="utf-8")
    env = {**os.environ, "CLAIMS_DB": str(tmp_path / "claims.json"), "FORCE_COLOR": "1"}
    env.pop("NO_COLOR", None)
    done = subprocess.run([sys.executable, "-m", "claims_cli", "import", "bad.csv"], env=env,
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 65
    assert done.stderr.splitlines() == [
        "\x1b[1;31mError: 1 of 1 record in bad.csv is invalid; nothing was written:\x1b[0m",
        "  row 2, source: unknown source 'Nobody'",
        "  To fix: Add it first (`claims sources add NAME --side SIDE`), or import the other desk's export, which "
        "carries its sources (`export --format jsonl` there)",
        "\x1b[2mFix them and run the import again, or pass --skip-invalid to import the rest.\x1b[0m"]


def test_an_ordinary_import_compiles_none_of_the_patterns_kept_for_unusual_input(tmp_path):
    """(perf, 1,000 claims) The modules an import loads compiled some forty regular expressions as
    they were imported (about 35 million instructions, a tenth of the import's start), nearly all to
    explain a refusal or to read an unusual value: each is now compiled when first used, and an
    import of ordinary records compiles none of them. Nor the claim ID's (3 million instructions to
    compile, and 8,000 a reading): an ID as stored and exported, C-0041, is read without it."""
    lines = tmp_path / "day.jsonl"
    lines.write_text(
        '{"id": "C-0041", "text": "Russian forces took Rivne", "source": "Russian MoD", "claimed_on": "2025-12-07", '
        '"place": "Rivne", "urls": ["https://t.me/mod_russia/1"], "evidence": [{"id": "E1", "source": "ISW", '
        '"stance": "disputes", "on": "2025-12-08", "kind": "statement"}]}\n'
        '{"text": "Ukrainian forces held Lyman", "source": "Ukraine", "claimed_on": "2025-12-06", '
        '"event_on": "2025-12-05", "lat": 48.99, "lon": 37.8, "tags": ["front"], "ref": "ua-1"}\n', encoding="utf-8")
    code = ("import sys\nfrom claims_cli import cli\n"
            f"args = ['--db', {str(tmp_path / 'claims.json')!r}, 'import', {str(lines)!r}]\n"
            "sys.argv = ['claims', *args]\n"
            "try:\n    cli.app_for(args)()\nexcept SystemExit:\n    pass\n"
            "from claims_cli import dates, exporters, importers, ledger, models, storage\n"
            "from claims_cli.patterns import LazyPattern\n"
            "lazy = {f'{module.__name__}.{name}': value for module in (dates, exporters, importers, ledger, models, storage)\n"
            "        for name, value in vars(module).items() if isinstance(value, LazyPattern)}\n"
            "compiled = sorted(name for name, value in lazy.items() if 'match' in vars(value))\n"
            "print(len(lazy) > 60, 'claims_cli.models._CLAIM_ID' in lazy, compiled)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "2 added" in done.stderr, done.stderr[-500:]
    assert done.stdout.split("\n")[0] == "True True []", done.stdout


def test_a_lazy_pattern_copies_and_pickles_before_and_after_its_first_use():
    """(review) Copying or pickling a LazyPattern looked up `__setstate__` on an object with no
    `_pattern` yet: `__getattr__` called itself until RecursionError. A name it does not forward is
    no pattern's: looked up as usual."""
    import copy
    import pickle

    from claims_cli.patterns import LazyPattern

    for used in (False, True):
        pattern = LazyPattern(r"C-(\d+)")
        if used:
            assert pattern.search("C-0041")[1] == "0041"
        for twin in (copy.copy(pattern), copy.deepcopy(pattern), pickle.loads(pickle.dumps(pattern))):
            assert twin.search("x C-7")[1] == "7"
