"""plain_table lays tables out byte for byte as Rich does on a console that is not a terminal.

Compared with Rich itself (the installed version) on the seed data, end to end through the
commands, and on random tables: any Unicode (wide CJK, emoji, combining marks, joiners, line
separators), long words, newlines, every column option the tables use, narrow and wide consoles.
"""

from __future__ import annotations

import datetime
import io
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from claims_cli import layout, plain_table
from claims_cli.console import THEME
from claims_cli.layout import Column, Styled, TableSpec
from claims_cli.models import DEFAULT_SOURCES, SourceRegistry
from claims_cli.render import rich_table

SEED = Path(__file__).resolve().parent.parent / "seeds" / "article-2025-12-07.json"
TODAY = datetime.date(2025, 12, 20)


def rich_prints(renderable, width: int) -> str:
    stream = io.StringIO()
    console = Console(file=stream, theme=THEME, highlight=False, markup=False, emoji=False, soft_wrap=False,
                      width=width)
    console.print(renderable)
    return stream.getvalue()


def same_as_rich(spec: TableSpec, width: int) -> bool:
    """True if plain_table gives Rich's bytes; None (Rich is used instead) also passes."""
    mine = plain_table.render(spec, width, "utf-8")
    if mine is None:
        return True
    expected = rich_prints(rich_table(spec), width)
    assert mine == expected, f"width {width}:\n{expected}\n---\n{mine}"
    return True


@pytest.fixture
def seeded(cli):
    cli("import", str(SEED), ok=True)
    return cli("list", "--format", "json", "--limit", "0", ok=True).json()


@pytest.mark.parametrize("width", [40, 57, 80, 100, 120, 200])
def test_seed_tables_match_rich(seeded, width):
    registry = SourceRegistry(DEFAULT_SOURCES)
    specs = [layout.claims_table(seeded), layout.claims_table(seeded[:1]),
             layout.review_table(seeded, registry, TODAY, title="Contested claims (9)"),
             layout.sources_table(registry, {"DeepState": 3})]
    for spec in specs[::2]:  # a caption long enough to wrap
        spec.caption = "A caption of several words that wraps at the narrow widths. " + (spec.caption or "")
    for spec in specs:
        if width >= 80:
            assert plain_table.render(spec, width, "utf-8") is not None
        assert same_as_rich(spec, width)


@pytest.fixture
def worked_on(seeded, cli):
    """The seed data with a withdrawn evidence item, an analyst's assessment with a note, a deleted
    claim and an edited one."""
    with_evidence = [claim["id"] for claim in seeded if claim["evidence"]]
    cli("evidence", "remove", with_evidence[0], "E1", "--reason", "wrong video", ok=True)
    cli("assess", with_evidence[1], "refuted", "--note", "Local sources deny it.\nSecond [bold]line[/bold]", ok=True)
    cli("delete", with_evidence[2], "--yes", ok=True)
    cli("edit", with_evidence[3], "--tag", "a", "--add-url", "https://example.org/x", "--coords", "48.1,37.2",
        "--ref", "R1", "--note", "Кириллица 中文 and a long-long-long-long-long-long-long-long-word", ok=True)
    return with_evidence[:4]


@pytest.mark.parametrize("columns", ["120", "80", "47"])
def test_show_and_history_print_what_rich_prints(worked_on, cli, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", columns)
    for claim_id in worked_on:
        for args in (["show", claim_id], ["history", claim_id]):
            monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
            plain = cli(*args, ok=True)
            monkeypatch.setenv("TTY_COMPATIBLE", "0")
            assert plain.stdout == cli(*args, ok=True).stdout


@pytest.mark.parametrize("args", [["list"], ["list", "--limit", "3", "--sort", "place"], ["contested"],
                                  ["unverified"], ["sources", "list"], ["categories", "list"],
                                  ["list", "--text", "no such words"], ["contested", "--source", "ISW"],
                                  ["report"], ["report", "--since", "2025-12-05", "--until", "2025-12-06"]])
@pytest.mark.parametrize("columns", ["120", "80", "47"])
def test_commands_print_what_rich_prints(seeded, cli, monkeypatch, args, columns):
    monkeypatch.setenv("COLUMNS", columns)
    plain = cli(*args)
    monkeypatch.setenv("TTY_COMPATIBLE", "0")  # context takes Rich's path; Rich still sees no terminal
    with_rich = cli(*args)
    assert (plain.exit_code, plain.stdout, plain.stderr) == (with_rich.exit_code, with_rich.stdout, with_rich.stderr)


def test_width_follows_claims_width_then_columns(monkeypatch):
    monkeypatch.setenv("CLAIMS_WIDTH", "91")
    monkeypatch.setenv("COLUMNS", "77")
    assert plain_table.console_width() == 91
    monkeypatch.setenv("CLAIMS_WIDTH", "wide")
    assert plain_table.console_width() == 77
    from claims_cli.console import _make

    assert _make(stderr=False).width == 77


@pytest.mark.parametrize("claims_width, columns", [(None, None), (None, "0"), ("0", None), ("-5", "90"),
                                                   ("x", "abc"), (None, "133")])
def test_width_is_the_width_of_the_rich_console(monkeypatch, claims_width, columns):
    from claims_cli.console import _make

    for name, value in (("CLAIMS_WIDTH", claims_width), ("COLUMNS", columns)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert plain_table.console_width() == _make(stderr=False).width


def terminal_prints(*renderables, width: int) -> str:
    """What Rich prints of each renderable in turn on a terminal, in colour."""
    stream = io.StringIO()
    console = Console(file=stream, theme=THEME, highlight=False, markup=False, emoji=False, soft_wrap=False,
                      width=width, force_terminal=True, color_system="truecolor")
    for renderable in renderables:
        console.print(renderable)
    return stream.getvalue()


@pytest.mark.parametrize("width", [40, 80, 120])
def test_a_long_table_is_laid_out_in_pieces_as_rich_lays_out_the_whole(seeded, monkeypatch, width):
    """`list --limit 0` of 100,000 claims was laid out as one string (1.4 GB; on a terminal, by
    Rich, nothing shown for 2 minutes): the widths are decided once, from every row, then the rows
    are laid out a few at a time, and the pieces are the text of the whole, plain or in colour."""
    from claims_cli.render import rich_tables

    monkeypatch.setattr(plain_table, "CHUNK_ROWS", 4)
    registry = SourceRegistry(DEFAULT_SOURCES)
    for spec in (layout.claims_table(seeded), layout.review_table(seeded, registry, TODAY, title="Contested claims")):
        spec.row_styles[5] = "dim"  # (a row's style, in the second piece)
        pieces = list(plain_table.render_pieces(spec, width, "utf-8"))
        assert len(pieces) == 8  # 29 rows, 4 at a time
        assert "".join(pieces) == rich_prints(rich_table(spec), width)
        widths = plain_table.column_widths(spec, width, "utf-8")
        tables = list(rich_tables(spec, widths, 4))
        assert len(tables) == 8
        assert terminal_prints(*tables, width=width) == terminal_prints(rich_table(spec), width=width)


def test_a_long_table_is_laid_out_whole_by_a_rich_without_the_method_the_pieces_rely_on(seeded, monkeypatch):
    """(review) The pieces' widths are given through Rich's own Table._calculate_column_widths; a
    Rich without it would give each piece its own widths: the table is then laid out whole."""
    from rich.table import Table

    from claims_cli.render import rich_tables

    spec = layout.claims_table(seeded)
    monkeypatch.delattr(Table, "_calculate_column_widths")
    tables = list(rich_tables(spec, plain_table.column_widths(spec, 80, "utf-8"), 4))
    assert len(tables) == 1 and len(tables[0].rows) == len(spec.rows)


def test_non_utf8_output_and_tabs_go_to_rich():
    spec = layout.claims_table([{"id": "C-0001", "claimed_on": "2025-12-07", "source": "ISW", "status": "confirmed",
                                 "text": "a\tb"}])
    assert plain_table.render(spec, 80, "utf-8") is None
    spec.rows[0][-1] = Styled("ab")
    assert plain_table.render(spec, 80, "ascii") is None
    assert plain_table.render(spec, 80, "utf-8") is not None


# ----------------------------------------------------------------------------- random tables

ALPHABET = st.one_of(
    st.sampled_from(list("abcdefghij klmnop  ,.;-*~()")),
    st.sampled_from(list("абвгдеёжзийклмнопрстуфхцчшщъыьэюяїієґ")),
    st.sampled_from(["中", "文", "字", "한", "グ", "😀", "👍🏽", "👨\u200d👩\u200d👧", "e\u0301", "\u200d", "\ufe0f",
                     "\u2028", "\n", "\u00a0", "\u3000", "—", "…", "\x07", "\r"]),
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\t"),
)
TEXTS = st.lists(ALPHABET, max_size=90).map("".join)
WORDY = st.lists(st.sampled_from(["Pokrovsk", "Покровськ", "ISW", "a", "forces", "зачистка", "x" * 30, "中文字",
                                  " ", "  ", "\n"]), max_size=25).map(" ".join)
CELLS = st.one_of(TEXTS, WORDY, st.builds(Styled, TEXTS, st.just("bold"),
                                          st.lists(st.tuples(TEXTS, st.just("muted")), max_size=3).map(tuple)))
COLUMNS = st.builds(
    Column, st.sampled_from(["ID", "Statement", "Days", "Source / outlet", "", "中文", "A very long header"]),
    justify=st.sampled_from(["left", "right"]), no_wrap=st.booleans(),
    overflow=st.sampled_from(["ellipsis", "fold", "crop"]),
    min_width=st.one_of(st.none(), st.integers(0, 20)), max_width=st.one_of(st.none(), st.integers(1, 24)),
    ratio=st.one_of(st.none(), st.just(1)))


@st.composite
def tables(draw):
    columns = draw(st.lists(COLUMNS, min_size=1, max_size=7))
    rows = draw(st.lists(st.lists(CELLS, min_size=len(columns), max_size=len(columns)), max_size=6))
    spec = TableSpec(columns, rows, title=draw(st.one_of(st.none(), TEXTS)),
                     caption=draw(st.one_of(st.none(), TEXTS, WORDY)), grid=draw(st.booleans()))
    if rows and draw(st.booleans()):
        spec.row_styles[0] = "dim"
    return spec


@settings(max_examples=400, deadline=None)
@given(tables(), st.integers(20, 160))
def test_random_tables_match_rich(spec, width):
    assert same_as_rich(spec, width)


@settings(max_examples=200, deadline=None)
@given(st.one_of(TEXTS, WORDY), st.integers(20, 120))
def test_random_text_matches_rich(value, width):
    from rich.text import Text

    mine = plain_table.render_text(value, width)
    if mine is not None:
        assert mine == rich_prints(Text(value, style="muted"), width)


def test_the_layout_modules_import_neither_rich_typer_nor_tinydb():
    import ast

    package = Path(__file__).resolve().parent.parent / "claims_cli"

    def imported(name: str) -> set[str]:
        found = set()
        for node in ast.walk(ast.parse((package / f"{name}.py").read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module)
        return found

    for name in ("layout", "report_layout"):
        assert not {module.split(".")[0] for module in imported(name)} & {"rich", "typer", "tinydb"}, name
    assert {module for module in imported("plain_table") if module.split(".")[0] in ("rich", "typer", "tinydb")} \
        == {"rich._wrap", "rich.cells"}


@pytest.mark.parametrize("text", ["\x06", "a\x00b", "\x1b[31m", "\x7f", "\x85x"])
def test_a_control_character_is_left_to_rich(text):
    """(user text reaches a table through `plain.inert`; the random tables above once found Rich
    dropping a \\x06 this module printed)"""
    for spec in (TableSpec([Column("ID"), Column("")], [["Pokrovsk", text]]),
                 TableSpec([Column("ID")], [["Pokrovsk"]], caption=text)):
        assert plain_table.render(spec, 20, "utf-8") is None
        assert same_as_rich(spec, 20)
    assert plain_table.render(TableSpec([Column("ID")], [["Pokrovsk"]], caption="a\nb"), 20, "utf-8") is not None


@pytest.mark.parametrize("claims_width, columns", [("0", None), ("-5", None), ("5", None), (None, "0"),
                                                   (None, "7"), ("3", "4")])
def test_a_width_too_narrow_for_any_table_is_not_taken(monkeypatch, cli, seeded, claims_width, columns):
    """(bug hunt) COLUMNS=0 or CLAIMS_WIDTH=-5 printed `list` as an empty table, with exit 0."""
    from claims_cli.console import _make

    for name, value in (("CLAIMS_WIDTH", claims_width), ("COLUMNS", columns)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert plain_table.console_width() == _make(stderr=False).width == 80  # (no terminal here)
    assert "Kucherivka" in cli("list", ok=True).stdout
    monkeypatch.setenv("TTY_COMPATIBLE", "0")  # (Rich's path)
    assert "Kucherivka" in cli("list", ok=True).stdout


def _on_a_terminal(args: list[str], env: dict, columns: int) -> str:
    """What `claims ARGS` shows on a terminal `columns` wide (a pseudo-terminal), colour aside."""
    import fcntl
    import pty
    import struct
    import subprocess
    import sys
    import termios

    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    done = subprocess.Popen([sys.executable, "-m", "claims_cli", *args], stdin=terminal, stdout=terminal,
                            stderr=subprocess.DEVNULL, env=env)
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    done.wait(timeout=60)
    os.close(controller)
    return re.sub(r"\x1b\[[0-9;]*m", "", b"".join(chunks).decode("utf-8", "replace"))


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="a pseudo-terminal")
@pytest.mark.parametrize("command", [["list", "--limit", "3"], ["contested"]])
def test_a_dumb_terminal_gets_its_own_width_and_nothing_cut(cli, db, command):
    """(terminal hunt) TERM=dumb (Emacs' shell, some IDEs): the tables were planned for the
    terminal's 160 columns and printed by Rich at 80, each line cut with no mark."""
    cli("import", "seeds/article-2025-12-07.json", ok=True)
    cli("add", "A row with a\ttab, which Rich lays out", "--source", "ISW", "--on", "2025-12-07", ok=True)
    env = {key: value for key, value in os.environ.items() if key not in ("COLUMNS", "LINES", "CLAIMS_WIDTH",
                                                                          "FORCE_COLOR", "NO_COLOR")}
    env.update(CLAIMS_DB=str(db), TERM="dumb")
    shown = _on_a_terminal(command, env, 160)
    lines = shown.splitlines()
    assert max(len(line.rstrip()) for line in lines) > 80, shown
    assert "About half of Siversk lies inside the contested zone." in shown or re.search(r"\bAge\b", shown), shown


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="a pseudo-terminal")
@pytest.mark.parametrize("variable", ["COLUMNS", "LINES"])
def test_a_terminal_size_that_is_no_number_is_passed_over(cli, db, variable, run_claims):
    """(terminal hunt) COLUMNS or LINES of a superscript digit ('²', a digit to str.isdigit) was a
    traceback in Rich's console, after an `add` had saved its claim."""
    cli("add", "A row with a\ttab, which Rich lays out", "--source", "ISW", "--on", "2025-12-07", ok=True)
    env = {**{key: value for key, value in os.environ.items() if key not in ("COLUMNS", "LINES", "CLAIMS_WIDTH")},
           "CLAIMS_DB": str(db), variable: "²"}
    shown = _on_a_terminal(["list"], env, 100)
    assert "Traceback" not in shown and "A row with a" in shown, shown
    done = run_claims("list", env={"CLAIMS_DB": str(db), variable: "²"})
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("variable", ["COLUMNS", "LINES"])
def test_a_terminal_size_too_long_to_be_a_number_is_passed_over(cli, db, variable, run_claims):
    """(review) 5,000 digits are more than int() reads (a traceback)."""
    cli("add", "A row with a\ttab, which Rich lays out", "--source", "ISW", "--on", "2025-12-07", ok=True)
    done = run_claims("list", env={"CLAIMS_DB": str(db), variable: "9" * 5000})
    assert done.returncode == 0 and b"Traceback" not in done.stderr, done.stderr
