"""Hostile text in the terminal: escape sequences and Rich markup in claims, notes and names.

Control characters never reach the database (refused with their position at every entry point),
and nothing the program prints, data or message, carries an ESC byte or applies markup from user
text, even when the database file itself was hand-edited to hold escapes.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import subprocess
import sys

import orjson
import pytest

from claims_cli.documents import esc, md
from claims_cli.exporters import close_direction_controls

ESCAPES = {
    "osc-title": "Kucherivka\x1b]0;pwned\x07",
    "osc52-clipboard": "x\x1b]52;c;cm0gLXJmIH4=\x07",
    "clear-screen": "\x1b[2J\x1b[H all clear",
    "carriage-return": "harmless\rEVIL",
    "nul": "nul\x00byte",
    "c1-csi": "c1\x9b31mred",
    "bell": "ding\x07",
}
MARKUP = [
    "[red]alarm[/red]",
    "a stray [/] closer",
    "[link=javascript:alert(1)]click me[/link]",
    "[bold][/bold][/]",
    "[video] footage from [Telegram]",
]


def no_escapes(*outputs: str) -> None:
    for output in outputs:
        assert "\x1b" not in output and "\x9b" not in output and "\x07" not in output, repr(output)


@pytest.fixture
def claim(cli):
    return cli("add", "Russian forces took Kucherivka", "--source", "MoD", "--on", "2025-12-01",
               ok=True).stdout.strip()


# --------------------------------------------------------------------- refused at every entry point

def entry_points(value: str) -> dict[str, list[str]]:
    """Every option that stores user text, with `value` in it."""
    add = ["add", "A claim", "--source", "MoD", "--on", "2025-12-01"]
    return {
        "add text": ["add", value, "--source", "MoD", "--on", "2025-12-01"],
        "add outlet": [*add, "--outlet", value],
        "add place": [*add, "--place", value],
        "add region": [*add, "--region", value],
        "add tag": [*add, "--tag", value],
        "add ref": [*add, "--ref", value],
        "add note": [*add, "--note", value],
        "add url": [*add, "--url", "https://example.org/" + value],
        "add analyst": [*add, "--analyst", value],
        "edit text": ["edit", "C-0001", "--text", value],
        "edit place": ["edit", "C-0001", "--place", value],
        "edit note": ["edit", "C-0001", "--note", value],
        "edit add-tag": ["edit", "C-0001", "--add-tag", value],
        "edit outlet": ["edit", "C-0001", "--outlet", value],
        "edit analyst": ["--analyst", value, "edit", "C-0001", "--place", "Siversk"],
        "confirm note": ["confirm", "C-0001", "--by", "ISW", "--note", value],
        "dispute note": ["dispute", "C-0001", "--by", "ISW", "--note", value],
        "evidence note": ["evidence", "add", "C-0001", "--by", "ISW", "--stance", "supports", "--note", value],
        "evidence url": ["confirm", "C-0001", "--by", "ISW", "--url", "https://example.org/" + value],
        "evidence analyst": ["confirm", "C-0001", "--by", "ISW", "--analyst", value],
        "assess note": ["assess", "C-0001", "confirmed", "--note", value],
        "sources add name": ["sources", "add", value, "--side", "independent"],
        "sources add alias": ["sources", "add", "Black Bird Group", "--side", "independent", "--alias", value],
        "sources add note": ["sources", "add", "Black Bird Group", "--side", "independent", "--note", value],
        "sources edit alias": ["sources", "edit", "ISW", "--alias", value],
        "sources edit note": ["sources", "edit", "ISW", "--note", value],
        "categories add": ["categories", "add", value],
    }


@pytest.mark.parametrize("escape", sorted(ESCAPES))
def test_control_characters_are_refused_at_every_entry_point_and_never_stored(cli, db, claim, escape):
    cli("confirm", claim, "--by", "Reuters", "--on", "2025-12-02", ok=True)
    cli("assess", claim, "contested", ok=True)
    for name, args in entry_points(ESCAPES[escape]).items():
        before = db.read_bytes()
        result = cli(*args)
        assert result.exit_code == 1, (name, result.stdout, result.stderr)
        assert "internal error" not in result.stderr, name
        no_escapes(result.stdout, result.stderr)
        assert db.read_bytes() == before, name
    raw = db.read_bytes()
    assert b"\\u001b" not in raw and b"\\u0000" not in raw and b"\\r" not in raw
    assert b"\\u0007" not in raw and b"\\u009b" not in raw


# Direction controls (bug hunt): invisible, they make a terminal show the text after them reversed
# or reordered, so a row can read "confirmed" where the data says otherwise. Text copied from
# messengers carries them around names and numbers, and earlier releases stored them: they are
# data, kept and exported as they are, and shown escaped on a terminal (review).
BIDI = {
    "override": "x \u202eforces took\u202c K",  # RLO ... PDF
    "embedding": "\u202bKucherivka\u202c",  # RLE ... PDF
    "isolate": "\u2067demrifnoc\u2069",  # RLI ... PDI
}


@pytest.mark.parametrize("text, closed", [
    ("plain", "plain"),
    ("\u2067balanced\u2069 and \u202bthis\u202c", "\u2067balanced\u2069 and \u202bthis\u202c"),
    ("took \u202eKucherivka", "took \u202eKucherivka\u202c"),
    ("\u202b\u202dtwo", "\u202b\u202dtwo\u202c\u202c"),
    ("\u2068in \u202eside", "\u2068in \u202eside\u202c\u2069"),
    ("\u202e\u2066x\u202c", "\u202e\u2066x\u202c\u2069\u202c"),  # (a PDF closes no isolate)
    ("\u2066\u202ea\u2069b", "\u2066\u202ea\u2069b"),  # (a PDI closes what its isolate holds)
    # (review) a PDI with no isolate to close is left out: it would end the isolate a document
    # puts the value in, and the rest of the value would take the coordinates after it
    ("stray\u202c\u2069", "stray\u202c"),
    ("\u2066a\u2069\u2069b", "\u2066a\u2069b"),
])
def test_close_direction_controls_ends_what_a_value_leaves_open(text, closed):
    assert close_direction_controls(text) == closed


def test_a_markdown_row_is_not_reordered_by_a_direction_control_left_open(cli):
    """(left out before) An override left open in a statement reversed the rest of its Markdown
    table row, status and age included, wherever the file is read as text: each value's open
    embeddings, overrides and isolates are closed where the value ends (the HTML page too: see below)."""
    cli("add", "Russian forces took \u202eKucherivka north", "--source", "Russian MoD", "--on", "2025-12-07",
        "--outlet", "Ry\u202ebar", ok=True)
    cli("dispute", "C-0001", "--by", "Ukraine", "--note", "fight\u2067ing", ok=True)
    for args in (["export", "--format", "markdown"], ["report", "--format", "markdown"]):
        document = cli(*args, ok=True).stdout
        assert "took \u202eKucherivka north\u202c" in document, args
        assert "Russian MoD (Ry\u202ebar\u202c)" in document, args  # (each name closed where it ends)
        if args[0] == "export":
            assert "fight\u2067ing\u2069 |" in document
        for line in document.splitlines():  # (every line balanced)
            assert close_direction_controls(line) == line, (args, line)


_HTML_BLOCK = re.compile(r"</?(?:h\d|p|dd|dt|td|th|li|tr|div|article|table|footer|main|body|text)\b[^>]*>")


def test_an_html_value_does_not_reorder_the_values_beside_it(cli):
    """(reader review) "Where: (26.73 ,17.94) vikrahK ,ksnaipuK": an override left open in a place
    reversed the region and coordinates after it in the same line, a tag the tags after it, an
    evidence note its link. Each value's open controls are closed where it ends, as in Markdown;
    every block of the page (a cell, a line of the definitions, a heading) is balanced."""
    cli("add", "Russian forces took Kupiansk", "--source", "Telegram", "--on", "2025-12-07", "--place",
        "\u202eKupiansk", "--region", "Kharkiv", "--coords", "49.71,37.62", "--tag", "\u202eabc", "--tag", "def",
        "--outlet", "Ry\u202ebar", "--note", "seen \u2067there", ok=True)
    cli("evidence", "add", "C-0001", "--by", "ISW", "--stance", "disputes", "--kind", "map", "--on", "2025-12-07",
        "--note", "\u202eseen on map", "--url", "https://isw.example/map/2025-12-07", ok=True)
    cli("confirm", "C-0001", "--by", "Reuters", "--on", "2025-12-07", "--url", "https://x.example/\u202eabc", ok=True)
    for args in (["export", "--format", "html"], ["report", "--format", "html"]):
        page = cli(*args, ok=True).stdout
        for block in _HTML_BLOCK.split(page):
            text = re.sub(r"<[^>]*>", "", block)
            assert close_direction_controls(text) == text, (args, text)
        words = re.sub(r"<[^>]*>", "", page)  # (the contested table's outlet is in a span of its own)
        assert re.search("Telegram \\(Ry\u202ebar(\u202c\\)|\\)\u202c)", words), args
        if args[0] == "export":
            assert "<bdi>\u202eKupiansk\u202c</bdi>, <bdi>Kharkiv</bdi>" in page  # (closed, and isolated)
            assert "<bdi>\u202eabc\u202c</bdi>, <bdi>def</bdi>" in page
            assert "\u202eseen on map\u202c <a href=\"https://isw.example/map/2025-12-07\"" in page
            assert 'href="https://x.example/%E2%80%AEabc"' in page  # (the link's target as given)


def test_names_with_direction_controls_read_in_order_and_keep_what_the_rule_says(cli, db):
    """(review) A claimant or evidence source named with an override left open reversed what
    followed it on its line (the outlet after the claimant, the next name in the rule's words),
    in a dated report's contested table, in Markdown's heading, and in a filtered export's
    subtitle; and closing the names for the page had made a source the registry could no longer
    find when another is written alike (its side unknown: the page said "weak" for "strong")."""
    # (an older desk's sources, or a file's: one typed so now is refused, `sources add`)
    names = db.parent / "names.jsonl"
    names.write_text("".join(json.dumps(line) + "\n" for line in (
        {"type": "source", "name": "Ry\u202e'bar", "side": "independent"},
        {"type": "source", "name": "Tele\u202egram ops", "side": "russia"})))
    cli("import", names, ok=True)
    cli("add", "Russian forces took Kupiansk", "--source", "Tele\u202egram ops", "--outlet", "out\u202elet",
        "--on", "2025-12-07", "--place", "\u202eKupiansk", ok=True)
    cli("confirm", "C-0001", "--by", "Ry\u202e'bar", "--on", "2025-12-07", ok=True)
    cli("dispute", "C-0001", "--by", "ISW", "--on", "2025-12-07", ok=True)
    # a second source written alike (an older version's, or a hand edit's): the names stay two
    document = json.loads(db.read_text())
    first = next(key for key, source in document["sources"].items() if source["name"] == "Ry\u202e'bar")
    document["sources"][str(max(int(key) for key in document["sources"]) + 1)] = {
        **document["sources"][first], "name": "Ry\u202e\u2019bar", "side": "russia"}
    db.write_text(json.dumps(document))
    for args in (["export", "--format", "html", "--place", "\u202eKupiansk", "--source", "Tele\u202egram ops"],
                 ["report", "--format", "html"], ["report", "--format", "html", "--since", "2025-12-01"]):
        page = cli(*args, ok=True).stdout
        for block in _HTML_BLOCK.split(page):
            text = re.sub(r"<[^>]*>", "", block)
            assert close_direction_controls(text) == text, (args, text)
        assert "Tele\u202egram ops\u202c (out\u202elet\u202c)" in re.sub(r"<[^>]*>", "", page), args
        if args[0] == "export":
            # (closed, and isolated as a right-to-left name: the override left the words after it beside its run)
            assert "strong support from <bdi>Ry\u202e&#x27;bar\u202c</bdi>; strong dispute from ISW" in page, args
            assert "weak: source of unknown side" not in page and "strong</span>: independent source" in page
    for args in (["export", "--format", "markdown", "--place", "\u202eKupiansk"], ["report", "--format", "markdown"],
                 ["report", "--format", "markdown", "--since", "2025-12-01"]):
        document = cli(*args, ok=True).stdout
        assert "Tele\u202egram ops\u202c (out\u202elet\u202c)" in document, args
        for line in document.splitlines():
            for cell in line.split(" | "):
                assert close_direction_controls(cell) == cell, (args, line)


def no_direction_controls(*outputs: str) -> None:
    for output in outputs:
        assert not re.search("[\u202a-\u202e\u2066-\u2069]", output), repr(output)


@pytest.mark.parametrize("terminal", [False, True], ids=["plain", "rich"])
@pytest.mark.parametrize("kind", sorted(BIDI))
def test_direction_controls_are_kept_as_data_and_shown_escaped_on_a_terminal(cli, db, kind, terminal, monkeypatch,
                                                                             tmp_path):
    if terminal:
        monkeypatch.setenv("TTY_COMPATIBLE", "1")  # (Rich's path, as on a terminal)
    value = BIDI[kind]
    added = cli("add", value, "--source", "MoD", "--on", "2025-12-01", "--place", value, "--note", value)
    assert added.exit_code == 0, added.stderr
    claim = added.stdout.strip()
    no_direction_controls(added.stderr)
    cli("dispute", claim, "--by", "Ukraine", "--note", value, ok=True)
    cli("edit", claim, "--add-tag", "kept", ok=True)  # (a stored value with them is valid: edits go on)
    for args in (["list"], ["show", claim], ["history", claim], ["contested"], ["report"], ["doctor"]):
        result = cli(*args)
        assert result.exit_code == 0 and "internal error" not in result.stderr, (args, result.stderr)
        no_direction_controls(result.stdout, result.stderr)
    last = re.findall("[\u202a-\u202e\u2066-\u2069]", value)[-1]
    assert f"\\u{ord(last):04x}" in cli("show", claim, ok=True).stdout  # (shown as its escape)
    assert cli("show", claim, "--format", "json", ok=True).json()["text"] == value  # (the data, as stored)
    exported = tmp_path / "desk.json"
    cli("export", "--format", "json", "--output", exported, ok=True)
    monkeypatch.setenv("CLAIMS_DB", str(tmp_path / "other.json"))
    cli("import", exported, ok=True)
    assert cli("show", claim, "--format", "json", ok=True).json()["place"] == value


def test_the_refusal_names_the_character_and_its_position(cli, db):
    result = cli("add", "Kucherivka\x1b]0;pwned\x07", "--source", "MoD", "--on", "2025-12-01")
    assert result.exit_code == 1
    assert "'\\x1b' at position 11" in result.stderr
    assert not db.exists()


def test_clearing_an_assessment_with_an_escape_in_the_note_is_refused(cli, db, claim):
    cli("assess", claim, "confirmed", ok=True)
    before = db.read_bytes()
    result = cli("assess", claim, "--clear", "--note", "\x1b[2Jgone")
    assert result.exit_code == 1
    no_escapes(result.stderr)
    assert db.read_bytes() == before


def test_withdrawal_reason_with_an_escape_is_refused(cli, db, claim):
    cli("confirm", claim, "--by", "ISW", ok=True)
    before = db.read_bytes()
    result = cli("evidence", "remove", claim, "E1", "--reason", "\x1b]52;c;AAAA\x07")
    assert result.exit_code == 1
    no_escapes(result.stderr)
    assert db.read_bytes() == before


def test_an_escape_in_the_analyst_environment_variable_is_refused(cli, db, monkeypatch):
    monkeypatch.setenv("CLAIMS_ANALYST", "eve\x1b]0;pwned\x07")
    result = cli("add", "A claim", "--source", "MoD", "--on", "2025-12-01")
    assert result.exit_code == 1
    no_escapes(result.stderr)
    assert not db.exists()


# ------------------------------------------------------------ error messages that echo user input

@pytest.mark.parametrize("args", [
    ["add", "A claim", "--source", "\x1b[2J"],
    ["add", "A claim", "--source", "[red]MoD[/red]"],
    ["add", "A claim", "--source", "MoD", "--on", "\x1b]0;pwned\x07"],
    ["add", "A claim", "--source", "MoD", "--category", "\x1b[31m"],
    ["add", "A claim", "--source", "MoD", "--coords", "\x1b[2J,1"],
    ["show", "\x1b[2J"],
    ["show", "[/]"],
    ["list", "--source", "\x1b]0;pwned\x07"],
    ["list", "--status", "[link=javascript:alert(1)]x"],
    ["list", "--since", "[red]"],
    ["confirm", "C-0001", "--by", "\x1b]52;c;AAAA\x07"],
    ["evidence", "add", "C-0001", "--by", "ISW", "--stance", "\x1b[2J"],
    ["evidence", "remove", "C-0001", "\x1b[2J"],
    ["assess", "C-0001", "\x1b[2J"],
    ["sources", "add", "X", "--side", "\x1b[2J"],
    ["sources", "edit", "\x1b[2J", "--grade", "B"],
    ["sources", "edit", "ISW", "--grade", "[/]"],
    ["categories", "add", "[red]x"],
])
def test_errors_echoing_user_input_are_inert(cli, db, claim, args):
    before = db.read_bytes()
    result = cli(*args)
    assert result.exit_code in (1, 2), result.stderr
    no_escapes(result.stdout, result.stderr)
    assert "internal error" not in result.stderr
    assert db.read_bytes() == before


def test_a_database_path_with_escapes_is_echoed_inert(cli, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    result = cli("--db", str(blocker / "\x1b[2J[red]" / "db.json"), "add", "A claim", "--source", "MoD",
                 "--on", "2025-12-01")
    assert result.exit_code == 1
    assert "Error: " in result.stderr and "[red]" in result.stderr
    no_escapes(result.stdout, result.stderr)
    assert blocker.read_text() == "not a directory"


def test_an_unknown_source_is_echoed_as_typed_markup_and_all(cli):
    result = cli("add", "A claim", "--source", "[red]MoD[/red]")
    assert result.exit_code == 1
    assert "[red]MoD[/red]" in result.stderr


# ---------------------------------------------------------------------- markup is shown as typed

@pytest.mark.parametrize("markup", MARKUP)
def test_markup_in_user_text_is_shown_as_typed_everywhere(cli, db, markup):
    cli("sources", "add", markup, "--side", "independent", "--alias", markup + " alias", "--note", markup,
        ok=True)
    claim_id = cli("add", markup, "--source", "MoD", "--on", "2025-12-01", "--place", markup, "--region",
                   markup, "--outlet", markup, "--tag", markup, "--ref", markup, "--note", markup,
                   ok=True).stdout.strip()
    cli("confirm", claim_id, "--by", markup, "--note", markup, ok=True)
    cli("dispute", claim_id, "--by", "Ukraine", "--note", markup, ok=True)
    cli("assess", claim_id, "contested", "--note", markup, ok=True)
    cli("evidence", "remove", claim_id, "E2", "--reason", markup, ok=True)
    cli("edit", claim_id, "--add-tag", markup + "2", ok=True)
    stored = cli("show", claim_id, "--format", "json", ok=True).json()
    assert stored["text"] == markup and stored["evidence"][0]["source"] == markup
    for args in (["list"], ["show", claim_id], ["history", claim_id], ["contested"], ["sources", "list"],
                 ["list", "--source", "MoD"], ["unverified"]):
        result = cli(*args, ok=True)
        no_escapes(result.stdout, result.stderr)
    shown = cli("show", claim_id, ok=True).stdout
    assert markup in shown  # not swallowed as a style tag
    assert markup in cli("list", ok=True).stdout
    assert markup in cli("sources", "list", ok=True).stdout


# ------------------------------------------------------------------- a hand-edited database file

def poison(db, value: str) -> None:
    """Put `value` into every text field of the file, as a hand edit or another tool could."""
    data = orjson.loads(db.read_bytes())
    claim = data["claims"]["1"]
    for key in ("text", "outlet", "place", "region", "ref", "note"):
        claim[key] = value
    claim["tags"] = [value]
    claim["urls"] = ["https://example.org/" + value]
    claim["evidence"][0]["note"] = value
    claim["evidence"][0]["analyst"] = value
    claim["evidence"][0]["kind"] = value
    claim["assessment"]["note"] = value
    claim["assessment"]["analyst"] = value
    for entry in claim["history"]:
        entry["analyst"] = value
        entry["detail"] = value
        entry["action"] = value
    source = next(doc for doc in data["sources"].values() if doc["name"] == "ISW")
    source["aliases"].append(value)
    source["note"] = value  # (a kind off its scale is refused outright: test_doctor_hand_edits)
    data["meta"]["1"]["categories"].append(value)
    db.write_bytes(orjson.dumps(data))


@pytest.mark.parametrize("escape", sorted(ESCAPES))
def test_escapes_in_a_hand_edited_database_are_neutralised_on_output(cli, db, claim, escape):
    cli("confirm", claim, "--by", "ISW", "--note", "seen", ok=True)
    cli("assess", claim, "contested", "--note", "ok", ok=True)
    poison(db, ESCAPES[escape])
    for args in (["list"], ["list", "--text", "a"], ["show", claim], ["history", claim], ["contested"],
                 ["unverified"], ["sources", "list"], ["categories", "list"], ["doctor"], ["report"],
                 ["report", "--since", "2025-11-01"]):
        result = cli(*args)
        assert result.exit_code in (0, 1), (args, result.stderr)
        assert "internal error" not in result.stderr, args
        no_escapes(result.stdout, result.stderr)
    # JSON output escapes C0 controls (\u001b) and, like every JSON writer here, DEL and C1 ones
    # (\u009b), so a script sees the data and a terminal no control byte.
    for args in (["show", claim, "--format", "json"], ["edit", claim, "--ref", "r1", "--format", "json"],
                 ["confirm", claim, "--by", "AP", "--format", "json"], ["doctor", "--format", "json"]):
        result = cli(*args)
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", result.stdout), (args, result.stdout[:200])
    result = cli("show", claim, "--format", "json", ok=True)
    assert result.json()["text"] == ESCAPES[escape]
    # And doctor points at them.
    doctor = cli("doctor", "--format", "json")
    assert doctor.exit_code == 1
    assert "control-character" in {p["kind"] for p in doctor.json()["database"]["problems"]}


@pytest.mark.parametrize("escape", sorted(ESCAPES) + ["del-and-nel"])
def test_the_delete_question_shows_a_hand_edited_text_inert(cli, db, claim, escape):
    """`delete` without --yes quotes the claim's text in its question: a lone CR, DEL or a C1
    character in a hand-edited text is shown as \\xNN, as everywhere else on a terminal."""
    cli("confirm", claim, "--by", "ISW", ok=True)
    cli("assess", claim, "contested", "--note", "ok", ok=True)
    poison(db, ESCAPES.get(escape, "del\x7f nel\x85"))
    before = db.read_bytes()
    result = cli("delete", claim, input="n\n", ok=True)
    assert "Delete C-0001" in result.stderr
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", result.stderr), repr(result.stderr)
    assert db.read_bytes() == before


EXPORTS = ["json", "jsonl", "csv", "markdown", "html", "geojson", "claimreview"]


@pytest.mark.parametrize("escape", sorted(ESCAPES))
def test_escapes_in_a_hand_edited_database_are_inert_in_every_export_and_report(cli, db, claim, escape, tmp_path):
    """Documents and CSV show a control character as the text `\\xNN` (as the terminal does); JSON
    keeps the value but writes DEL and C1 characters (U+007F-U+009F) as `\\u00NN` escapes, like the
    C0 ones, so no raw control byte reaches a terminal or a file viewer."""
    cli("edit", claim, "--coords", "49.76,37.77", ok=True)
    cli("confirm", claim, "--by", "ISW", "--note", "seen", ok=True)
    cli("assess", claim, "contested", "--note", "ok", ok=True)
    poison(db, ESCAPES[escape])
    value = ESCAPES[escape]
    shown = "".join(f"\\x{ord(c):02x}" if c not in "\n\t" and (ord(c) < 32 or 127 <= ord(c) < 160) else c
                    for c in value)
    outputs = {}
    for fmt in EXPORTS:
        result = cli("export", "--format", fmt, ok=True)
        outputs[fmt] = result.stdout
        target = tmp_path / f"out.{fmt}"
        cli("export", "--format", fmt, "--output", target, ok=True)
        outputs[f"file {fmt}"] = target.read_text(encoding="utf-8")
    for fmt in ("markdown", "html"):
        outputs[f"report {fmt}"] = cli("report", "--format", fmt, ok=True).stdout
    for name, output in outputs.items():
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)", output), (name, repr(output[:300]))
    # The data survives: JSON parses back to the stored value; the documents show it escaped.
    assert orjson.loads(outputs["json"])["claims"][0]["text"] == value
    assert orjson.loads(outputs["jsonl"].splitlines()[-1])["note"] == value
    assert orjson.loads(outputs["geojson"])["features"][0]["properties"]["text"] == value
    rows = list(csv.DictReader(io.StringIO(outputs["csv"])))
    assert rows[0]["text"] == shown or rows[0]["text"] == "'" + shown
    assert md(value) in outputs["markdown"] and "\\x" in md(value)
    assert esc(value) == html.escape(shown) and esc(value) in outputs["html"]
    assert orjson.loads(cli("list", "--format", "json", ok=True).stdout)[0]["text"] == value
    assert "\x9b" not in cli("list", "--format", "jsonl", ok=True).stdout


def test_editing_a_claim_with_a_hand_edited_bad_value_names_the_stored_value(cli, db, claim):
    """A hand edit put a control character in the text: an edit of another field says the stored
    text is the problem (not the value typed) and changes nothing; mending the text works."""
    data = orjson.loads(db.read_bytes())
    data["claims"]["1"]["text"] = "Russian forces took \x1b[2JKucherivka"
    db.write_bytes(orjson.dumps(data))
    before = db.read_bytes()
    result = cli("edit", claim, "--place", "Kucherivka", ok=False)
    assert result.exit_code == 1 and "stored text of C-0001" in result.stderr and "--text" in result.stderr
    assert db.read_bytes() == before
    cli("edit", claim, "--place", "Kucherivka", "--text", "Russian forces took Kucherivka", ok=True)


@pytest.mark.parametrize("field, stored, args, option", [
    ("urls", ["ftp://x"], ("--place", "Kucherivka"), "--url"),
    ("urls", ["ftp://x"], ("--add-url", "https://example.org/ok"), "--url"),
    ("event_on", "garbage", ("--place", "Kucherivka"), "--event-on"),
    ("lat", "north", ("--add-tag", "x"), "--coords"),
])
def test_a_stored_value_that_is_not_valid_is_named_with_its_option(cli, db, claim, field, stored, args, option):
    data = orjson.loads(db.read_bytes())
    data["claims"]["1"][field] = stored
    if field == "lat":
        data["claims"]["1"]["lon"] = 37.7
    db.write_bytes(orjson.dumps(data))
    before = db.read_bytes()
    result = cli("edit", claim, *args, ok=False)
    assert result.exit_code == 1 and f"stored {field} of C-0001" in result.stderr and option in result.stderr
    assert "doctor" not in result.stderr and db.read_bytes() == before


def test_a_bad_value_typed_is_not_called_stored(cli, db, claim):
    for args in (("--add-url", "ftp://x"), ("--on", "2025-13-45"), ("--coords", "north,south"), ("--tag", "\x1b")):
        result = cli("edit", claim, *args, ok=False)
        assert result.exit_code in (1, 2) and "stored" not in result.stderr, args


def test_a_claim_dated_ahead_of_this_machines_day_stays_editable(cli, db, claim):
    """Recorded where the day had begun (a desk east of here): its date is not checked against
    today again when it is not changed."""
    from datetime import date, timedelta

    data = orjson.loads(db.read_bytes())
    data["claims"]["1"]["claimed_on"] = (date.today() + timedelta(days=1)).isoformat()
    db.write_bytes(orjson.dumps(data))
    cli("edit", claim, "--place", "Kucherivka", ok=True)
    assert "future" in cli("edit", claim, "--on", (date.today() + timedelta(days=3)).isoformat(), ok=False).stderr



@pytest.mark.parametrize("stored, said", [("2099-01-01", "future"), ("2025-W50-1", "2025-W50-1")])
def test_a_stored_claim_date_far_ahead_or_odd_is_still_refused_at_an_edit(cli, db, claim, stored, said):
    data = orjson.loads(db.read_bytes())
    data["claims"]["1"]["claimed_on"] = stored
    db.write_bytes(orjson.dumps(data))
    result = cli("edit", claim, "--place", "Kucherivka", ok=False)
    assert "stored claimed_on of C-0001" in result.stderr and said in result.stderr and "--on" in result.stderr


@pytest.mark.parametrize("argument, env", [
    (("add", "caf\udce9", "--source", "ISW", "--on", "2025-12-01"), {}),
    (("add", "x", "--source", "ISW", "--on", "2025-12-01", "--note", "n\udce9"), {}),
    (("add", "x", "--source", "ISW", "--on", "2025-12-01"), {"CLAIMS_ANALYST": "b\udce9"}),
    (("export", "--format", "html", "--desk", "d\udce9"), {}),
    (("export", "--format", "claimreview"), {"CLAIMS_DESK": "d\udce9"}),
    (("export", "--format", "html", "--text", "caf\udce9"), {}),
    (("export", "--format", "markdown", "--place", "caf\udce9"), {}),
])
def test_text_in_another_encoding_than_utf8_is_a_plain_error(cli, db, monkeypatch, argument, env):
    """Bytes that are not UTF-8 in an argument or variable (a CP1251 terminal) reach Python as lone
    surrogates, which no JSON writer takes: an internal error (exit 70) at the write."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = cli(*argument, ok=False)
    assert result.exit_code == 1
    assert "is not UTF-8 text: byte 0xE9 at position" in result.stderr and "internal error" not in result.stderr
    assert not db.exists() and result.stdout == ""


def test_a_file_name_that_is_not_utf8_is_shown_and_stored_escaped(cli, db, tmp_path):
    path = tmp_path / "f\udce9.csv"
    path.write_text("text,source,claimed_on\nx,ISW,2025-12-01\n")
    result = cli("import", str(path), ok=True)
    assert "f\\xe9.csv: 1 added" in result.stderr
    assert cli("show", "C-0001", "--format", "json", ok=True).json()["history"][-1]["detail"].endswith("f\\xe9.csv")


def test_a_new_database_whose_name_is_not_utf8_is_said_escaped_as_an_imported_files_name_is(cli, tmp_path):
    """(script-user tester) "Created a new database: d\\udce9.json", Python's lone surrogate, where
    import says "d\\xe9.json", the byte the name holds."""
    result = cli("--db", str(tmp_path / "d\udce9.json"), "add", "x", "--source", "ISW", "--on", "2025-12-01", ok=True)
    assert f"Created a new database: {tmp_path}/d\\xe9.json\n" in result.stderr, result.stderr
    result = cli("--db", str(tmp_path / "n\udce9" / "x.json"), "add", "x", "--source", "ISW", "--on", "2025-12-01",
                 ok=True)
    assert (f"Created a new database: {tmp_path}/n\\xe9/x.json (and its directory {tmp_path}/n\\xe9, which was not "
            "there)") in result.stderr, result.stderr


def test_json_that_names_a_path_that_is_not_utf8_shows_it_escaped(cli, db, tmp_path):
    """(help hunt) `doctor --format json` on such a database, and `import --summary json` of such a
    file that is missing, stopped on an internal error (exit 70): orjson takes no lone surrogate."""
    folder = tmp_path / "d\udcff"
    folder.mkdir()
    database = folder / "db.json"
    cli("--db", str(database), "add", "x", "--source", "ISW", "--on", "2025-12-01", ok=True)
    report = cli("--db", str(database), "doctor", "--format", "json", ok=True).json()
    assert report["database"]["path"].endswith("d\\xff/db.json")
    missing = cli("import", str(tmp_path / "f\udcfe.json"), "--summary", "json")
    assert missing.exit_code == 1, missing.stderr
    summary = missing.json()
    assert summary["file"].endswith("f\\xfe.json") and "f\\xfe.json" in summary["problems"][0]["message"]
    assert "internal error" not in missing.stderr


def test_a_terminal_that_is_not_utf8_gets_what_it_can_show(run_claims, tmp_path):
    db = tmp_path / "db.json"
    text = "Fighting in Куп\u02bcянськ"  # (the modifier apostrophe is not in CP1251)
    run_claims("--db", db, "add", text, "--source", "Ukraine", "--on", "2025-12-01")
    for encoding in ("ascii", "cp1251"):
        result = run_claims("--db", db, "show", "C-0001", env={"PYTHONIOENCODING": encoding})
        assert result.returncode == 0, result.stderr
        assert text.encode(encoding, "replace") in result.stdout


def test_json_outputs_escape_line_and_paragraph_separators(cli, db, tmp_path):
    """(script hunt, left by session 22) A statement pasted with U+2028 (a web page's line
    separator) went into JSON Lines raw: valid JSON, but Python's `str.splitlines()`, which a
    script reading the lines may use, broke the record in two. Every JSON output writes U+2028 and
    U+2029 as \\u escapes: the same value."""
    text = "Village\u2028taken\u2029again"
    cli("add", text, "--source", "AP", "--on", "2025-12-01", "--note", "a\u2028b", ok=True)
    for args in (["list", "-f", "jsonl"], ["list", "-f", "json"], ["show", "C-0001", "-f", "json"],
                 ["export", "-f", "jsonl"], ["export", "-f", "json"], ["history", "C-0001", "-f", "jsonl"],
                 ["export", "-f", "geojson"], ["export", "-f", "claimreview"]):
        out = cli(*args, ok=True).stdout
        assert "\u2028" not in out and "\u2029" not in out, args
        if args[-1] == "jsonl":
            records = [json.loads(line) for line in out.splitlines()]
            if args[0] == "list":
                assert records[0]["text"] == text and records[0]["note"] == "a\u2028b"
    assert cli("show", "C-0001", "-f", "json", ok=True).json()["text"] == text


def test_a_name_that_begins_another_is_closed_as_a_whole_in_the_rules_words():
    """(review) "Chan‮nel" (the claimant) begins "Chan‮nel ops" (its evidence's source): replacing
    each name in turn put the shorter one's closer inside the longer, or not, as a set's order
    (the hash seed) had it: the same export differed from run to run."""
    from claims_cli.documents import _names_closed

    claim = {"source": "Chan\u202enel", "evidence": [{"source": "Chan\u202enel ops"}, {"source": "ISW"}]}
    reason = "strong support from Chan\u202enel ops; disputed by Chan\u202enel (the claimant itself)"
    assert _names_closed(reason, claim) == \
        "strong support from Chan\u202enel ops\u202c; disputed by Chan\u202enel\u202c (the claimant itself)"


@pytest.mark.parametrize("terminal", [False, True], ids=["plain", "rich"])
def test_a_line_separator_in_a_value_is_shown_escaped_on_a_terminal(cli, monkeypatch, terminal):
    """(terminal hunt) U+2028 in --place or --outlet went raw into the tables (a terminal may break
    the row there), where direction controls are shown as \\u escapes: it is shown so too."""
    if terminal:
        monkeypatch.setenv("TTY_COMPATIBLE", "1")
    cli("add", "Russian forces took Rivne", "--source", "Russian MoD", "--on", "2025-12-07",
        "--place", "Riv\u2028ne", "--outlet", "Ry\u2029bar", ok=True)
    for args in (["list"], ["show", "C-0001"]):
        out = cli(*args, ok=True).stdout
        assert "\u2028" not in out and "\u2029" not in out and "\\u2028" in out, (args, out)
    assert cli("show", "C-0001", "-f", "json", ok=True).json()["place"] == "Riv\u2028ne"


def test_utf8_arguments_under_an_ascii_locale_are_read_as_utf8(run_claims, tmp_path):
    """(scripts hunt) Under LC_ALL=C with Python's UTF-8 mode and locale coercion off, Python reads
    arguments as ASCII, keeping each other byte as a lone surrogate: valid UTF-8 ("Київ") was
    refused as "not UTF-8 text". The bytes are read again as UTF-8 when they are; CP1251 is still refused."""
    db = tmp_path / "c.json"
    env = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0", "PYTHONIOENCODING": "utf-8"}
    done = run_claims("--db", db, "add", "Russian forces shelled Київ", "--source", "ISW", "--on", "2025-12-01",
                      "--place", "Київ", env=env)
    assert done.returncode == 0, done.stderr
    listed = run_claims("--db", db, "list", "--place", "Київ", "--format", "json", env=env)
    assert listed.returncode == 0, listed.stderr
    assert [claim["place"] for claim in json.loads(listed.stdout)] == ["Київ"]
    cp1251 = subprocess.run([sys.executable, "-m", "claims_cli", "--db", str(db), "list", "--place",
                             "Київ".encode("cp1251")], capture_output=True, env={**os.environ, **env})
    assert cp1251.returncode == 1 and b"is not UTF-8 text: byte 0xCA" in cp1251.stderr, cp1251.stderr
    # (review) a path given so is the file's, as before: a database, an export, an import under кир/
    folder = tmp_path / "кир"
    folder.mkdir()
    inside = str(folder).encode("utf-8")
    for args in ([b"--db", inside + b"/x.json", b"add", b"A claim", b"--source", b"ISW", b"--on", b"2025-12-01"],
                 [b"--db", inside + b"/x.json", b"export", b"--format", b"json", b"--output", inside + b"/e.json"],
                 [b"--db", inside + b"/y.json", b"import", inside + b"/e.json"]):
        done = subprocess.run([sys.executable, "-m", "claims_cli", *args], capture_output=True,
                              env={**os.environ, **env})
        assert done.returncode == 0, (args, done.stderr)
    assert sorted(path.name for path in folder.iterdir() if path.suffix == ".json") == ["e.json", "x.json", "y.json"]
    # a variable is not read again (os.environ takes no text the locale cannot write): it is said so
    done = run_claims("--db", db, "add", "Another claim", "--source", "ISW", env={**env, "CLAIMS_ANALYST": "Олена"})
    assert done.returncode == 1 and done.stderr.decode().splitlines() == [
        "Error: $CLAIMS_ANALYST is UTF-8, but this locale reads it as ASCII", "Run with LC_ALL=C.UTF-8 (or PYTHONUTF8=1)."]


def test_a_value_holding_a_stray_pdi_stays_inside_its_isolate(cli):
    """(review) "حلب\u2069 دمشق": its own POP DIRECTIONAL ISOLATE ended the isolate (FSI in Markdown,
    <bdi> in HTML) around the place, and the coordinates read reversed inside it."""
    cli("add", "Strike reported", "--source", "ISW", "--on", "2025-12-07", "--place", "حلب\u2069 دمشق",
        "--coords", "36.2,37.15", ok=True)
    markdown = cli("export", "--format", "markdown", ok=True).stdout
    assert "- **Where:** \u2068حلب دمشق\u2069 (36.2, 37.15)" in markdown, markdown
    page = cli("export", "--format", "html", ok=True).stdout
    assert "<bdi>حلب دمشق</bdi>" in page and "\u2069" not in page.split("<body", 1)[1], page
    assert cli("show", "C-0001", "--format", "json", ok=True).json()["place"] == "حلب\u2069 دمشق"  # (data as stored)


def test_every_message_names_a_path_that_is_not_utf8_by_its_byte(cli, tmp_path):
    """(review) Only import and "Created a new database" said d\\xe9.json; every other message said
    Python's lone surrogate, d\\udce9.json ("Wrote ... to", "No claims: ... does not exist", hints):
    every message says the byte the name holds."""
    missing = cli("--db", str(tmp_path / "d\udce9.json"), "list", ok=True).stderr
    assert "d\\xe9.json" in missing and "udce9" not in missing, missing
    db = str(tmp_path / "n\udce9.json")
    cli("--db", db, "add", "x", "--source", "ISW", "--on", "2025-12-01", ok=True)
    deleted = cli("--db", db, "delete", "C-0001", "--yes", ok=True).stderr
    assert "n\\xe9.json" in deleted and "udce9" not in deleted, deleted
    wrote = cli("--db", db, "export", "--format", "csv", "--output", str(tmp_path / "o\udce9.csv"), ok=True).stderr
    assert "o\\xe9.csv" in wrote and "udce9" not in wrote, wrote
