"""The architecture, checked: module import boundaries (parsed with `ast`, nothing imported), and
every command's help text and README mention."""

from __future__ import annotations

import ast
import shlex
from pathlib import Path

import pytest
import typer

from claims_cli.cli import app

PACKAGE = Path(__file__).resolve().parent.parent / "claims_cli"
README = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")

PURE = ("models", "verification", "dates", "errors", "filters", "ledger", "exporters", "importers", "reports")
TINYDB_ALLOWED = {"store", "storage", "migrations"}


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        found[name] = path
    return found


def imported_roots(path: Path) -> set[str]:
    """Top-level names of every absolute import in the file, at any depth (lazy imports count)."""
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


ALL = modules()


def test_the_pure_modules_exist():
    for name in ("models", "verification", "dates", "errors", "filters", "ledger", "exporters"):
        assert name in ALL, name


@pytest.mark.parametrize("name", [name for name in PURE if name in ALL])
def test_pure_modules_import_no_ui_or_storage(name):
    assert not imported_roots(ALL[name]) & {"typer", "rich", "tinydb", "click"}, name


@pytest.mark.parametrize("name", sorted(ALL))
def test_only_the_store_modules_import_tinydb(name):
    if name in TINYDB_ALLOWED:
        return
    assert "tinydb" not in imported_roots(ALL[name]), name


@pytest.mark.parametrize("name", sorted(ALL))
def test_nothing_imports_click(name):
    assert "click" not in imported_roots(ALL[name]), name


@pytest.mark.parametrize("name", ["console", "render"])
def test_rendering_modules_import_no_typer_or_tinydb(name):
    assert not imported_roots(ALL[name]) & {"typer", "tinydb"}


@pytest.mark.parametrize("name", ["store", "storage", "migrations"])
def test_storage_modules_import_no_ui(name):
    assert not imported_roots(ALL[name]) & {"typer", "rich"}


def test_the_checker_sees_lazy_imports(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    import rich.table\n    from tinydb import TinyDB\n")
    assert imported_roots(sample) == {"rich", "tinydb"}


# ------------------------------------------------------------------------------ commands

def all_commands(*, groups: bool) -> list[tuple[str, object]]:
    """(full command path, click command) for every runnable command, or every sub-group."""
    root = typer.main.get_command(app)
    found = []

    def walk(group, prefix):
        for name in group.list_commands(None):
            command = group.get_command(None, name)
            path = f"{prefix} {name}".strip()
            is_group = hasattr(command, "list_commands")
            if is_group == groups:
                found.append((path, command))
            if is_group:
                walk(command, path)

    walk(root, "")
    return found


COMMANDS = all_commands(groups=False)
GROUPS = all_commands(groups=True)


def test_the_commands_are_all_there():
    paths = {path for path, _ in COMMANDS}
    expected = {"init", "add", "list", "show", "edit", "delete", "restore", "categories list", "categories add",
                "sources list", "sources add", "sources edit", "evidence add", "evidence remove", "confirm",
                "dispute", "assess", "history", "contested", "unverified"}
    assert expected <= paths, expected - paths


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[path for path, _ in COMMANDS])
def test_every_command_has_help_with_an_example(path, command):
    help_text = command.help or ""
    lines = [line.strip() for line in help_text.strip().splitlines()]
    assert lines and lines[0], path  # a summary line
    examples = [line for line in lines if line.startswith("Example:")]
    assert examples, f"{path} has no Example: line"
    # (new-user review: a hidden alias, `evidence withdraw`, showed the example of the command it is,
    # `claims evidence remove ...`: each command's example runs the command by its own name)
    words = examples[0].split()[1:]
    if words[1:2] == ["--db"]:  # (a root option before the command: `claims --db desk.json init`)
        del words[1:3]
    assert words[0] == "claims" and words[1:1 + len(path.split())] == path.split(), examples[0]


@pytest.mark.parametrize(("path", "command"), GROUPS, ids=[path for path, _ in GROUPS])
def test_every_group_has_help_with_an_example(path, command):
    lines = [line.strip() for line in (command.help or "").strip().splitlines()]
    assert lines and lines[0], path
    assert any(line.startswith(f"Example: claims {path} ") for line in lines), f"{path} has no Example: line"


def test_the_groups_are_all_there():
    assert {"sources", "categories", "evidence"} <= {path for path, _ in GROUPS}


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[path for path, _ in COMMANDS])
def test_every_command_is_in_the_readme(path, command):
    assert f"claims {path}" in README, f"README.md does not mention `claims {path}`"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[path for path, _ in COMMANDS])
def test_every_command_help_runs(cli, path, command, db):
    result = cli(*path.split(), "--help", ok=True)
    assert "Example: claims" in result.stdout
    assert not db.exists()


def test_ci_runs_the_readme_test_command():
    """`.ci/run` runs exactly the README's test command (the second set-up command)."""
    blocks = README.split("```bash\n")[1:]
    commands = [block.split("```")[0].strip() for block in blocks]
    test_command = next(command for command in commands if "pytest" in command)
    ci = (PACKAGE.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()


@pytest.mark.parametrize("path", ["", *(path for path, _ in COMMANDS), *(path for path, _ in GROUPS)])
def test_every_help_fits_an_80_column_terminal(cli, monkeypatch, path):
    """(terminal hunt, left by session 23) The examples are kept as written (not rewrapped), and six
    ran past 80 columns: a terminal broke `claims add`'s in the middle of an option."""
    monkeypatch.setenv("COLUMNS", "80")
    shown = cli(*path.split(), "--help", ok=True).stdout
    assert max(len(line) for line in shown.splitlines()) <= 80, shown


def _example_lines(shown: str) -> list[str]:
    """The lines of a --help's Example block: the `Example:` line and the ` \\` continuations after it."""
    lines = shown.splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("Example:"))
    block = [lines[start]]
    while block[-1].endswith("\\"):
        block.append(lines[start + len(block)])
    return block


def _example_words(block: list[str]) -> list[str]:
    """The example as a shell reads it: continuations joined, split as `sh` would."""
    joined = " ".join(line[:-1] if line.endswith("\\") else line for line in block)
    return shlex.split(joined.split("Example:", 1)[1])


@pytest.mark.parametrize("path", [*(path for path, _ in COMMANDS), *(path for path, _ in GROUPS)])
def test_every_example_fits_a_60_column_terminal(cli, monkeypatch, path):
    """(terminal hunt) Click keeps a `\\b` block as written, so at 60 columns the terminal split twelve
    commands' examples mid-word ("--region Donetsk --sinc" / "e \"7 days ago\" \\"): each line of an
    example fits the 58 columns Click gives the help, split between arguments with ` \\`."""
    monkeypatch.setenv("COLUMNS", "60")
    block = _example_lines(cli(*path.split(), "--help", ok=True).stdout)
    assert all(len(line) <= 58 for line in block), "\n".join(block)
    indent = len(block[0]) - len(block[0].lstrip())
    for before, line in zip(block, block[1:]):
        assert before.endswith(" \\") and len(line) - len(line.lstrip()) > indent, "\n".join(block)
    words = _example_words(block)
    assert words[0] == "claims" and "\\" not in words, words


@pytest.mark.parametrize(("path", "words"), [
    ("list", ["claims", "list", "--side", "russia", "--region", "Donetsk", "--since", "7 days ago",
              "--format", "csv"]),
    ("sources add", ["claims", "sources", "add", "Black Bird Group", "--side", "independent", "--kind", "osint",
                     "--grade", "B"]),
    ("evidence remove", ["claims", "evidence", "remove", "C-0003", "E2", "--reason", "footage was from 2023"]),
])
def test_a_split_example_is_the_same_command(cli, monkeypatch, path, words):
    monkeypatch.setenv("COLUMNS", "60")
    assert _example_words(_example_lines(cli(*path.split(), "--help", ok=True).stdout)) == words


@pytest.mark.parametrize("path", ["edit", "confirm", "dispute", "assess", "evidence add", "evidence remove"])
def test_a_change_commands_format_says_what_each_choice_prints(cli, monkeypatch, path):
    """(new-user hunt) Their help said "-f table|json: table for people", but `-f table` prints no
    table: what changed is said on stderr, and json gives the claim on stdout."""
    monkeypatch.setenv("COLUMNS", "200")
    shown = cli(*path.split(), "--help", ok=True).stdout
    line = " ".join(shown.split()).split("--format", 1)[1].split(" --", 1)[0]  # (its help, however wrapped)
    assert "table for people" not in line and "what changed, on stderr" in line and "claim as JSON on stdout" in line, line
