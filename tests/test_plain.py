"""plain.shell_quoted: the names a suggested command quotes, as a shell gives them back."""

from __future__ import annotations

import pytest

from claims_cli.plain import shell_quoted


@pytest.mark.parametrize("name", ["Dev \U0001f468\u200d\U0001f4bb Chan", "Рыбарь\u200dZ", "\u00a0ISW", "Two Majors"])
def test_a_name_a_message_shows_as_it_is_is_quoted_as_every_shell_reads_it(name):
    """(review) A zero-width joiner in a source's name (an emoji's, accepted) was written $'...\\u200d...',
    which dash (/bin/sh), fish and bash in the C locale read as other text: plain quotes serve it."""
    import shlex

    assert shell_quoted(name) == shlex.quote(name)


@pytest.mark.parametrize("name", ["we\nird.json", "a\tb", "x\x1by", "r\u202eL", "b\udc80d", "c\x85d"])
def test_a_name_a_message_escapes_is_quoted_in_bash_dollar_quotes_that_give_it_back(name):
    import subprocess

    quoted = shell_quoted(name)
    assert quoted.startswith("$'") and quoted.isprintable(), quoted
    said = subprocess.run(["bash", "-c", f"printf %s {quoted}"], capture_output=True, env={"LC_ALL": "C.UTF-8"}).stdout
    assert said == name.encode("utf-8", "surrogateescape"), (quoted, said)
