"""context.notify's Rich-free path prints exactly what Rich prints for the same message."""

import io

import pytest
from rich.console import Console

from claims_cli.console import THEME
from claims_cli.plain import message_text
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
