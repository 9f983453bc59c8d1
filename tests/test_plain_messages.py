"""context.notify's Rich-free path prints exactly what Rich prints for the same message."""

import io

import pytest
from rich.console import Console

from claims_cli.console import THEME
from claims_cli.plain import message_text, possessive
from claims_cli.render import message


@pytest.mark.parametrize("kind, body, hint", [
    ("error", "no claim C-0001", "`claims list` shows the IDs."),
    ("ok", "Recorded C-0001 (unverified).", None),
    ("warning", "a\x1b[31mb é 中文 " * 20, "bell\x07"),
    ("other", "two\nlines", None),
])
def test_plain_message_matches_rich(kind, body, hint):
    stream = io.StringIO()
    console = Console(file=stream, theme=THEME, highlight=False, markup=False, emoji=False, soft_wrap=False,
                      width=40)
    console.print(message(kind, body, hint), soft_wrap=True)
    assert stream.getvalue() == message_text(kind, body, hint) + "\n"


def test_add_without_a_terminal_does_not_import_rich(tmp_path):
    import os
    import subprocess
    import sys

    code = ("import sys\nfrom claims_cli import cli\nsys.argv = ['claims', 'add', 'Russian forces took Rivne', "
            "'--source', 'MoD', '--on', '2025-12-07']\ntry:\n    cli.app()\nexcept SystemExit:\n    pass\n"
            "sys.stdout.write('rich loaded: %s' % ('rich' in sys.modules))\n")
    env = {**os.environ, "CLAIMS_DB": str(tmp_path / "claims.json")}
    env.pop("FORCE_COLOR", None)
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert "Recorded C-0001" in done.stderr
    assert done.stdout.endswith("rich loaded: False")


def test_shortened_marks_the_cut_and_never_splits_a_character():
    from claims_cli.plain import shortened

    assert shortened("Russian forces took Kupiansk", 60) == "Russian forces took Kupiansk"
    assert shortened("Russian forces took Kupiansk", 10) == "Russian f…"
    assert len(shortened("x" * 100, 60)) == 60
    flags = "Flag 🇺🇦🇷🇺"  # two flags: four regional indicators
    assert shortened(flags, 7) == "Flag …" and shortened(flags, 8) == "Flag 🇺🇦…"
    accented = "Kharkiv" + "\u0301" + " region"  # a combining accent after the v
    assert shortened(accented, 8) == "Kharki…"
    assert shortened("किताब", 2) == "…"  # (the vowel sign ि, a spacing mark, stays with its क)
    assert shortened("किताब", 4) == "कि…"  # (not कित…, which cuts ा from its त)
    family = "A 👨\u200d👩\u200d👧 family"
    assert "\u200d…" not in shortened(family, 5) and not shortened(family, 5).endswith("\u200d…")


def test_shortened_in_the_middle_keeps_both_ends_and_never_splits_a_character():
    from claims_cli.plain import shortened_in_the_middle

    assert shortened_in_the_middle("Russian forces took Kupiansk", 60) == "Russian forces took Kupiansk"
    assert shortened_in_the_middle("Russian forces took Kupiansk", 12) == "Russia…iansk"
    assert len(shortened_in_the_middle("x" * 100, 26)) == 26
    assert shortened_in_the_middle("Flag 🇺🇦🇷🇺 and 🇺🇦🇷🇺", 6) == "Fla…🇷🇺"  # (not a lone regional indicator)
    assert shortened_in_the_middle("Kharkiv region, Kharki" + "\u0301" + "v", 6) == "Kha…v"  # (not the accent alone)


def test_the_delete_question_shortens_the_statement_with_an_ellipsis(cli, tmp_path):
    """(bug hunt) The question cut the statement at 60 characters, mid-word and without a mark."""
    db = tmp_path / "claims.json"
    text = "Russian forces have taken the village of Rivne in Donetsk region after heavy fighting"
    cli("--db", db, "add", text, "--source", "Russian MoD", "--on", "2025-12-01", ok=True)
    result = cli("--db", db, "delete", "C-0001", input="n\n", ok=True)
    assert result.stderr.startswith(f"Delete C-0001: {text[:59]}…? [y/N]: ")


def test_possessive_of_a_name_ending_in_s_takes_an_apostrophe_alone():
    """("Two Majors's" was said); an initialism in capitals takes 's ("the SBS's")."""
    assert [possessive(name) for name in ("Two Majors", "Reuters", "Russian MoD", "ISW", "SBS")] == [
        "Two Majors'", "Reuters'", "Russian MoD's", "ISW's", "SBS's"]
