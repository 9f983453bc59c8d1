"""Machine formats: claims and other records as JSON, JSON Lines and CSV bytes, and the export
formats of `claims export` (JSON/JSONL with sources, CSV, GeoJSON, ClaimReview; Markdown and HTML
come from `documents.py`).

Two registries {format: writer}; adding a format is adding one function. Writers take the records
and return bytes, so a command decides where they go (stdout or a file). No Typer, Rich or TinyDB:
stdlib and orjson, and `workers` to write a large CSV/JSON/JSONL/ClaimReview output in two processes.

CSV cells are safe to open in a spreadsheet: text that begins with =, +, -, @, a tab or a carriage
return (after any apostrophes) is prefixed with an apostrophe so it is never run as a formula;
numbers stay numbers.

Control characters (from a hand-edited database: the validators refuse them) never leave as raw
bytes a terminal would act on: CSV, Markdown and HTML show them as the text `\\xNN`, as the terminal
tables do (`show_controls`); JSON keeps the value exactly but writes DEL and the C1 characters
U+0080-U+009F (U+009B is a terminal CSI) as `\\u00NN` escapes, as orjson already does for C0
(`json_inert`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from operator import itemgetter
from typing import Any, Callable, Iterable, Iterator, Sequence
from urllib.parse import SplitResult, quote, urlsplit

import orjson

from .models import CLAIM_KEYS, DEFAULT_CATEGORIES, SourceRegistry, decimal_text, live_evidence, readable_claim
from .patterns import LazyPattern
from .plain import counted
from .verification import STRONG, evaluate, weigh

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_FIRST = frozenset(FORMULA_START)  # each is one character
# ...and a cell that starts with them after apostrophes, as the guard itself does: the import
# takes one apostrophe off such a cell (a sheet that keeps the guard), so "'+x", written "''+x",
# comes back as it was
_GUARDED_FIRST = _FORMULA_FIRST | {"'"}  # (a quick look at the first character first)


def formula_guarded(text: str) -> bool:
    """Whether a text cell gets the apostrophe: it starts with a formula character, after any
    apostrophes (and whether a cell read back has one to take off: importers._unguarded)."""
    return text.lstrip("'")[:1] in _FORMULA_FIRST

# The flat CSV shape of a claim (one row per claim).
CLAIM_CSV_COLUMNS = (
    "id", "text", "source", "side", "outlet", "claimed_on", "event_on", "place", "region", "lat", "lon",
    "category", "tags", "status", "computed_status", "assessment", "strong_support", "weak_support",
    "strong_disputes", "weak_disputes", "supported_by", "disputed_by", "urls", "ref", "note",
    "created_at", "updated_at", "deleted_at",
)


# C0 controls but tab, newline and the CR of a CRLF; DEL; C1 controls.
_SHOWN_CONTROL = LazyPattern(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
# In orjson's UTF-8 output (which escapes C0 itself): DEL, C1 (always encoded as C2 80..C2 9F;
# C2 is only ever a lead byte, so this never matches inside another character), and the line and
# paragraph separators U+2028 and U+2029 (E2 80 A8/A9), on which Python's str.splitlines() splits.
_RAW_JSON_CONTROL = LazyPattern(rb"\x7f|\xc2[\x80-\x9f]|\xe2\x80[\xa8\xa9]")
_RAW_SEPARATOR = LazyPattern(rb"\xe2\x80[\xa8\xa9]")  # (a search at memchr speed: 45 ms over 160 MB)


# The same controls but a lone CR, as one character class: a quick scan for the common case of none.
_CONTROL_CHAR = LazyPattern(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def show_controls(text: str) -> str:
    """Text with every control character a terminal acts on written as `\\xNN`."""
    if _CONTROL_CHAR.search(text) is None and ("\r" not in text or text.count("\r") == text.count("\r\n")):
        return text  # nothing to show (a scan without the lone-CR alternative: twice as fast)
    return _SHOWN_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


# The direction controls: embeddings and overrides (LRE RLE LRO RLO, closed by PDF) and
# isolates (LRI RLI FSI, closed by PDI), and their two closers.
_DIRECTION_CONTROL = LazyPattern(r"[\u202a-\u202e\u2066-\u2069]")
_POP_DIRECTIONAL_FORMATTING, _POP_DIRECTIONAL_ISOLATE = "\u202c", "\u2069"


# The same in UTF-8 (E2 80 AA..AE, E2 81 A6..A9): a search of a laid-out part's bytes, a
# memchr-speed scan for E2, seven times quicker than the search of its text
_DIRECTION_CONTROL_UTF8 = LazyPattern(rb"\xe2(?:\x80[\xaa-\xae]|\x81[\xa6-\xa9])")


def holds_direction_controls(part: "str | bytes | None") -> bool:
    """Whether a laid-out part (text, or its UTF-8 bytes) holds a direction control."""
    if part is None:
        return False
    found = _DIRECTION_CONTROL_UTF8.search(part) if type(part) is bytes else _DIRECTION_CONTROL.search(part)
    return found is not None


def close_direction_controls(text: str) -> str:
    """`text` with a closer added at its end for each embedding, override or isolate it leaves
    open (as Unicode's bidirectional algorithm pairs them), so that a value kept as data cannot
    reverse or reorder what a document writes after it on the same line: a Markdown row's status
    and age. A POP DIRECTIONAL ISOLATE with no isolate to close is left out: it would end the
    isolate a document puts the value in (`<bdi>`). Balanced text is returned as it is."""
    if _DIRECTION_CONTROL.search(text) is None:
        return text
    open_: list[str] = []  # the closer each open one needs, innermost last
    stray: list[int] = []  # where a PDI closes nothing
    for found in _DIRECTION_CONTROL.finditer(text):
        char = found.group()
        if char == _POP_DIRECTIONAL_FORMATTING:  # (ends an embedding or override, never an isolate)
            if open_ and open_[-1] == _POP_DIRECTIONAL_FORMATTING:
                open_.pop()
        elif char == _POP_DIRECTIONAL_ISOLATE:  # (ends its isolate and all opened inside it)
            if _POP_DIRECTIONAL_ISOLATE in open_:
                del open_[len(open_) - 1 - open_[::-1].index(_POP_DIRECTIONAL_ISOLATE):]
            else:
                stray.append(found.start())
        else:
            open_.append(_POP_DIRECTIONAL_ISOLATE if char >= "\u2066" else _POP_DIRECTIONAL_FORMATTING)
    if stray:
        text = "".join(text[start + 1:end] for start, end in zip([-1, *stray], [*stray, len(text)]))
    return text + "".join(reversed(open_)) if open_ else text  # (balanced: the text itself, `is` says so)


# Every byte but those of a C0 control (tab and newline aside), DEL, and 0xC2 (the lead byte of
# U+0080..U+00BF, the C1 controls among them): `inert_utf8` deletes these to see what is left.
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if not (b < 0x20 and b not in (0x09, 0x0a)) and b not in (0x7f, 0xc2))
_C1_UTF8 = LazyPattern(rb"\xc2[\x80-\x9f]")


def inert_utf8(text: str | bytes) -> bytes:
    """`show_controls(text).encode("utf-8")`, for a whole document (given as text, or as its
    UTF-8 bytes): the bytes are checked for control characters (a C-speed translate and count
    instead of a regex over every character), and only a document that has some goes through
    `show_controls`."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    left = data.translate(None, _NOT_CONTROL_BYTES)  # CR, 0xC2 and the control bytes, if any
    if left:
        crs = left.count(b"\r")
        leads = left.count(b"\xc2")
        if (crs + leads != len(left) or (crs and crs != data.count(b"\r\n"))
                or (leads and _C1_UTF8.search(data) is not None)):
            return show_controls(data.decode("utf-8") if isinstance(text, bytes) else text).encode("utf-8")
    return data


def controls_free(data: bytes) -> bool:
    """These UTF-8 bytes hold no control character at all, not even a CR: `inert_utf8` leaves them
    as they are wherever they stand in a document, whatever comes before or after them."""
    left = data.translate(None, _NOT_CONTROL_BYTES)  # CR, 0xC2 and the control bytes, if any
    return not left or (left.count(b"\xc2") == len(left) and _C1_UTF8.search(data) is None)


def json_inert(data: bytes) -> bytes:
    """orjson output with DEL and C1 characters escaped as \\u00NN, and U+2028 and U+2029 as
    \\u2028 and \\u2029 (a JSON Lines record read with str.splitlines() stays one): the same JSON value."""
    if b"\x7f" not in data and b"\xc2" not in data and _RAW_SEPARATOR.search(data) is None:
        return data  # (byte searches: far quicker than the regex's substitution over a large output)
    return _RAW_JSON_CONTROL.sub(lambda m: b"\\u%04x" % ord(m.group().decode("utf-8")), data)


def to_json_one(record: dict) -> bytes:
    """One record as indented JSON (show, the --format json of writes, doctor)."""
    return json_inert(readable_json(record, option=orjson.OPT_INDENT_2) + b"\n")


def readable_json(value: Any, option: int = 0) -> bytes:
    """`orjson.dumps(value)`, or, if a text in it holds a byte that is not UTF-8 (a path given in
    another encoding, which Python keeps as a lone surrogate and orjson refuses), the same with
    each such byte written as \\xNN (`readable_text`)."""
    try:
        return orjson.dumps(value, option=option)
    except TypeError:
        return orjson.dumps(_readable(value), option=option)


def _readable(value: Any) -> Any:
    if type(value) is str:
        return readable_text(value)
    if type(value) is dict:
        return {readable_text(key) if type(key) is str else key: _readable(item) for key, item in value.items()}
    if type(value) in (list, tuple):
        return [_readable(item) for item in value]
    return value


def readable_text(text: str) -> str:
    """Text as it can be shown and stored: a byte that is not UTF-8 (a file name in another
    encoding, which Python holds as a lone surrogate no JSON writer takes) as \\xNN."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeError:  # (a lone surrogate that stands for no byte)
        return ascii(text)[1:-1]


def to_json(records: Iterable) -> bytes:
    return b"".join(json_pieces(records))


def to_jsonl(records: Iterable) -> bytes:
    return b"".join(jsonl_pieces(records))


_PIECE_RECORDS = 2000  # records written at a time: a large listing is never one list, string or bytes
_EMPTY_LAST_LIST = b"[]\n}"  # how orjson ends a document whose last member is an empty list: the pieces go in its place


def json_pieces(records: Iterable) -> list[bytes]:
    """`json_inert(orjson.dumps(list(records), option=OPT_INDENT_2) + b"\\n")` in pieces whose
    concatenation is those bytes, reading `records` once, as a stream."""
    return [*json_array_pieces(records), b"\n"]


def json_array_pieces(records: Iterable, depth: int = 0) -> list[bytes]:
    """The indented JSON array of `records` as it reads `depth` levels inside a document, in
    pieces: each record is dumped on its own and indented to its place (orjson never writes a
    raw line break inside a string, so every line break it writes is a line of the layout)."""
    return _json_array_end(_json_array_items(records, depth, opening=True), depth)


def _json_array_items(records: Iterable, depth: int, *, opening: bool) -> list[bytes]:
    """The array's records in pieces: the first opens the array (`opening`), else follows an
    earlier record (the comma first); no piece for no record."""
    inner = b"\n" + b"  " * (depth + 1)
    first, after = b"[" + inner, b"," + inner
    dumps, indent = orjson.dumps, orjson.OPT_INDENT_2
    pieces: list[bytes] = []
    chunk: list[bytes] = []
    for record in records:
        chunk.append(dumps(record, option=indent).replace(b"\n", inner))
        if len(chunk) >= _PIECE_RECORDS:
            pieces.append(json_inert((after if pieces or not opening else first) + after.join(chunk)))
            chunk.clear()
    if chunk:
        pieces.append(json_inert((after if pieces or not opening else first) + after.join(chunk)))
    return pieces


def _json_array_end(pieces: list, depth: int) -> list:
    """The pieces of an array's records and its closing bracket (`[]` for none)."""
    return [*pieces, b"\n" + b"  " * depth + b"]"] if pieces else [b"[]"]


def jsonl_pieces(records: Iterable) -> list[bytes]:
    """`to_jsonl(records)` in pieces of a few thousand lines, reading `records` as a stream."""
    dumps = orjson.dumps
    pieces: list[bytes] = []
    chunk: list[bytes] = []
    for record in records:
        chunk.append(dumps(record))
        if len(chunk) >= _PIECE_RECORDS:
            pieces.append(json_inert(b"\n".join(chunk) + b"\n"))
            chunk.clear()
    if chunk:
        pieces.append(json_inert(b"\n".join(chunk) + b"\n"))
    return pieces


def neutralise(cell: object) -> object:
    """Keep a spreadsheet from running a text cell as a formula."""
    if isinstance(cell, str) and formula_guarded(cell):
        return "'" + cell
    return cell


def to_csv(rows: Iterable[dict], columns: Sequence[str]) -> bytes:
    import csv  # (here: the claims' own CSV is written without it, see claims_csv)

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    write = writer.writerow
    for row in rows:
        write(_csv_cells(row, columns))
    return show_controls(buffer.getvalue()).encode("utf-8")


def _csv_cells(row: dict, columns: Sequence[str]) -> list:
    """`[_csv_cell(row.get(column)) for column in columns]`, with the common cases (None, plain
    text, plain numbers) inline: an export of 100,000 claims has millions of cells."""
    cells = []
    append = cells.append
    get = row.get
    for column in columns:
        value = get(column)
        kind = type(value)
        if value is None:
            append("")
        elif kind is str:
            append("'" + value if value[:1] in _GUARDED_FIRST and formula_guarded(value) else value)
        elif kind is int:
            append(value)
        elif kind is float:
            append(decimal_text(value))
        else:
            append(_csv_cell(value))
    return cells


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, list):
        return neutralise(";".join(map(str, value)))
    if isinstance(value, bool):
        return "true" if value else "false"
    if type(value) is float:  # (a coordinate: 0.00001, not 1e-05)
        return decimal_text(value)
    return neutralise(value)


def claim_row(claim: dict, registry: SourceRegistry) -> dict:
    """One claim as a flat row: tallies of strong and weak evidence, sources by stance."""
    tallies = {"strong_support": 0, "weak_support": 0, "strong_disputes": 0, "weak_disputes": 0}
    supported_by: list[str] = []
    disputed_by: list[str] = []
    for item in live_evidence(claim):
        if item["stance"] != "supports" and item["stance"] != "disputes":
            continue  # (inconclusive, or a stance the rule does not know: it counts for nothing)
        strong = weigh(item["stance"], item["source"], claim["source"], registry).strength == STRONG
        if item["stance"] == "supports":
            tallies["strong_support" if strong else "weak_support"] += 1
            names = supported_by
        else:
            tallies["strong_disputes" if strong else "weak_disputes"] += 1
            names = disputed_by
        if item["source"] not in names:
            names.append(item["source"])
    assessment = claim.get("assessment")
    return {
        **{key: claim.get(key) for key in CLAIM_CSV_COLUMNS if key in claim},
        "side": registry.side_of(claim["source"]).value,
        "assessment": assessment["status"] if assessment else None,
        **tallies,
        "supported_by": supported_by,
        "disputed_by": disputed_by,
    }


def claims_csv(claims: Iterable[dict], registry: SourceRegistry) -> bytes:
    """`to_csv((claim_row(c, registry) for c in claims), CLAIM_CSV_COLUMNS)`, byte for byte."""
    return b"".join(claims_csv_pieces(claims, registry))


_CSV_PIECE_LINES = 2000  # lines encoded at a time: a large export is never one string as well as its bytes


def claims_csv_pieces(claims: Sequence[dict], registry: SourceRegistry) -> list[bytes]:
    """`claims_csv` in pieces of whole lines (each as `inert_utf8` makes it: no line break or CR
    is split between two pieces). A large list is written in two processes (`_in_two`): its
    lines follow one another, the header first."""
    return _in_two(claims, lambda part, first: _csv_lines(part, registry, header=first))


def _in_two(claims: Sequence[dict], pieces_of: Callable[[Iterable[dict], bool], list]) -> list[bytes]:
    """`pieces_of(claims, True)`, the pieces of a listing whose claims' output follows one another,
    for a large list in two processes (workers.write_in_two: the worker's pieces are cut after a
    line break, so each is whole lines, inert as `pieces_of` made them)."""
    from .workers import write_in_two

    parts = write_in_two(claims, lambda part, first: (pieces_of(part, first), b""))
    return [piece for pieces, _ in parts for piece in pieces]


def _csv_lines(claims: Iterable[dict], registry: SourceRegistry, *, header: bool) -> list[bytes]:
    """The CSV lines of `claims` (after the header, with `header`), in pieces of whole lines.
    Each row goes straight from the claim to its line: no row dict, and no csv module (a line is
    joined, then quoted cell by cell only if it has a comma, quote or line break inside a cell).
    An export of 100,000 claims has millions of cells (issue 6): a claim's values are fetched in
    one call while its dict is in the cache, and a line is checked once for what is rare (a cell
    to neutralise or quote) instead of every cell on its own."""
    sides: dict = {}
    weights: dict = {}  # (stance, evidence source, claimant) -> a strong one? (`weigh`, remembered)
    width = len(CLAIM_CSV_COLUMNS)
    pieces: list[bytes] = []
    lines = [",".join(CLAIM_CSV_COLUMNS)] if header else []
    append = lines.append
    fields = _CSV_FIELDS
    first = _GUARDED_FIRST
    formula = _FORMULA_AFTER_COMMA.search
    count_text = _CountText()
    empty_for_none = _EMPTY_FOR_NONE.get
    for claim in claims:
        try:
            (claim_id, text, source, outlet, claimed_on, event_on, place, region, lat, lon, category, tags,
             status, computed_status, assessment, evidence, urls, ref, note, created_at, updated_at,
             deleted_at) = fields(claim)
        except KeyError:  # a claim without some key (hand-edited): `claim.get` for each
            get = claim.get
            (claim_id, text, source, outlet, claimed_on, event_on, place, region, lat, lon, category, tags,
             status, computed_status, assessment, evidence, urls, ref, note, created_at, updated_at,
             deleted_at) = (
                get("id"), get("text"), claim["source"], get("outlet"), get("claimed_on"), get("event_on"),
                get("place"), get("region"), get("lat"), get("lon"), get("category"), get("tags"), get("status"),
                get("computed_status"), get("assessment"), get("evidence"), get("urls"), get("ref"), get("note"),
                get("created_at"), get("updated_at"), get("deleted_at"))
        side = sides.get(source)
        if side is None:
            side = sides[source] = registry.side_of(source).value
        strong_support = weak_support = strong_disputes = weak_disputes = 0
        supported_by: list = []
        disputed_by: list = []
        if evidence:
            for item in evidence:
                if item.get("withdrawn_at"):
                    continue
                stance = item["stance"]
                if stance != "supports" and stance != "disputes":
                    continue  # (as claim_row)
                by = item["source"]
                key = (stance, by, source)
                strong = weights.get(key)
                if strong is None:
                    strong = weights[key] = weigh(stance, by, source, registry).strength == STRONG
                if stance == "supports":
                    if strong:
                        strong_support += 1
                    else:
                        weak_support += 1
                    names = supported_by
                else:
                    if strong:
                        strong_disputes += 1
                    else:
                        weak_disputes += 1
                    names = disputed_by
                if by not in names:
                    names.append(by)
        assessment = assessment["status"] if assessment else None
        # Every cell but the text, as the csv module would write it before quoting and
        # neutralising, in C loops: None becomes "" through a dict lookup, and a join refuses
        # anything that is not text yet. Lists and coordinates are turned into text first (lists
        # of text, numbers that are floats); any other value (a hand-edited file's number,
        # bool, list of numbers...) raises TypeError and takes the careful path, which writes it
        # cell by cell.
        try:
            row = (claim_id, source, side, outlet, claimed_on, event_on, place, region,
                   decimal_text(lat) if type(lat) is float else lat,
                   decimal_text(lon) if type(lon) is float else lon,
                   category, ";".join(tags) if type(tags) is list else tags, status, computed_status, assessment,
                   count_text[strong_support], count_text[weak_support], count_text[strong_disputes],
                   count_text[weak_disputes], ";".join(supported_by), ";".join(disputed_by),
                   ";".join(urls) if type(urls) is list else urls, ref, note, created_at, updated_at, deleted_at)
            rest = ",".join(map(empty_for_none, row, row))
        except TypeError:
            rest = None
        # The text (the one cell that often has a comma or quote) on its own; the other cells at
        # once: with width-2 commas and no quote or line break, none is to be quoted; with no
        # formula character at the start or after a comma, none is to be neutralised (a comma in
        # a cell, or a negative number, only sends the line to the careful path).
        if (rest is not None and type(text) is str and rest.count(",") == width - 2 and '"' not in rest
                and "\n" not in rest and "\r" not in rest and rest[:1] not in first and formula(rest) is None):
            if text[:1] in first and formula_guarded(text):
                text = "'" + text
            if "," in text or '"' in text or "\n" in text or "\r" in text:
                text = '"' + text.replace('"', '""') + '"'
            id_end = rest.find(",")
            line = rest[:id_end] + "," + text + rest[id_end:]
        else:
            line = _careful_line((
                claim_id, text, source, side, outlet, claimed_on, event_on, place, region, lat, lon, category,
                tags, status, computed_status, assessment, strong_support, weak_support, strong_disputes,
                weak_disputes, supported_by, disputed_by, urls, ref, note, created_at, updated_at, deleted_at))
        append(line)
        if len(lines) >= _CSV_PIECE_LINES:
            append("")
            pieces.append(inert_utf8("\r\n".join(lines)))
            lines.clear()
    if lines:
        append("")
        pieces.append(inert_utf8("\r\n".join(lines)))
    return pieces


# The claim values a CSV row needs, in one call (a claim in the stored shape has all of them).
_CSV_FIELDS = itemgetter("id", "text", "source", "outlet", "claimed_on", "event_on", "place", "region", "lat",
                         "lon", "category", "tags", "status", "computed_status", "assessment", "evidence", "urls",
                         "ref", "note", "created_at", "updated_at", "deleted_at")
_EMPTY_FOR_NONE = {None: ""}  # .get(value, value): "" for None, anything else itself (unhashable: TypeError)
class _CountText(dict):
    """0 -> "0", 1 -> "1"...: a tally's cell, remembered."""

    def __missing__(self, count: int) -> str:
        text = self[count] = str(count)
        return text


_FORMULA_AFTER_COMMA = LazyPattern(r",'*[=+\-@\t\r]")  # a literal first: a quick scan


def _careful_line(row: tuple) -> str:
    """One CSV line from a row's values, each cell neutralised and quoted on its own, as the csv
    module writes `_csv_cells` of the row."""
    return ",".join([('"' + t.replace('"', '""') + '"' if "," in t or '"' in t or "\n" in t or "\r" in t else t)
                     for t in map(_text_cell, row)])


def _text_cell(value: object) -> str:
    """What the csv module writes (before quoting) for `_csv_cells`' cell of `value`."""
    kind = type(value)
    if kind is str:
        return "'" + value if value[:1] in _GUARDED_FIRST and formula_guarded(value) else value
    if value is None:
        return ""
    if kind is float:
        return decimal_text(value)
    if kind is int:
        return str(value)
    value = _csv_cell(value)
    return value if type(value) is str else str(value)


ClaimWriter = Callable[[list, SourceRegistry], list]

CLAIM_WRITERS: dict[str, ClaimWriter] = {  # (`json_pieces` and `jsonl_pieces`, in two processes)
    "json": lambda claims, registry: [*_json_array_end(_in_two(
        claims, lambda part, first: _json_array_items(part, 0, opening=first)), 0), b"\n"],
    "jsonl": lambda claims, registry: _in_two(claims, lambda part, first: jsonl_pieces(part)),
    "csv": claims_csv_pieces,
}


def claim_pieces(fmt: str, claims: list, registry: SourceRegistry) -> list[bytes]:
    """The claims (a listing) in json, jsonl or csv, in pieces whose concatenation is the output:
    100,000 claims are read one at a time and their output is never one bytes object."""
    return CLAIM_WRITERS[fmt](claims, registry)


class Readable(Sequence):
    """The claims, each as `readable_claim` gives it (DamagedRecord for one without what every
    claim holds) when it is read: by this process, or by the worker that writes the last part of
    a large output (workers.write_in_two reads them by index). What a command that writes claims
    out (export, a listing's json, jsonl or csv) hands the writers: a hand edit's claim written
    out as it was, `"text": null`, gave the reader (another desk's import) a file it refused,
    with exit 0; only the writers that happened to crash on it refused. (The writers themselves
    lay out whatever they are given.) `readable`: the check, `models.readable_in_report` for the
    report, which reads of a deleted claim only its history."""

    def __init__(self, claims: Sequence[dict], readable: Callable[[Any], dict] = readable_claim):
        self._claims = claims
        self._readable = readable

    def __len__(self) -> int:
        return len(self._claims)

    def __iter__(self) -> Iterator[dict]:
        return map(self._readable, self._claims)

    def __getitem__(self, index):
        readable = self._readable
        if isinstance(index, slice):
            return [readable(claim) for claim in self._claims[index]]
        return readable(self._claims[index])


def write_records(fmt: str, records: list[dict], columns: Sequence[str]) -> bytes:
    """Any list of flat-ish records (sources, history entries) in json, jsonl or csv."""
    if fmt == "json":
        return to_json(records)
    if fmt == "jsonl":
        return to_jsonl(records)
    return to_csv(records, columns)


# ------------------------------------------------------------------------------ claims export

EXPORT_FORMAT = "claims-export"
EXPORT_VERSION = 1
# Statuses a fact-checking page can publish, with their schema.org Rating (1 worst .. 5 best).
REVIEW_RATINGS = {
    "confirmed": ("Confirmed", 5),
    "contested": ("Contested", 3),
    "refuted": ("Refuted", 1),
}


ALL_CLAIMS = "all claims"  # an export's scope when no filter is given
WITH_DELETED = " (deleted ones included)"  # after the scope of a --with-deleted export ("all claims" read as the live
# ones; in brackets, not after a comma, which a filter's value may hold)


DEFAULT_DESK = "claims desk"  # who publishes an export when neither --desk nor $CLAIMS_DESK says


@dataclass(frozen=True)
class ExportInfo:
    """What a writer may say about the export itself (not about the claims)."""

    exported_at: str  # ISO-8601 UTC
    today: date
    desk: str = DEFAULT_DESK  # the organisation publishing (ClaimReview author)
    scope: str = ALL_CLAIMS  # the filters applied, in words
    review_url: str | None = None  # where each ClaimReview is published: "{id}" in it stands for the claim's ID

    @property
    def filtered(self) -> bool:
        """Whether the export holds only the claims some filters chose."""
        return self.scope != ALL_CLAIMS and self.scope != ALL_CLAIMS + WITH_DELETED


# An http(s) URL of only the characters safe_link's quote() leaves alone, with a host part
# (no brackets, which urlsplit would check): safe_link returns it as it is.
_PLAIN_LINK = LazyPattern(r"https?://[A-Za-z0-9_.\-~:@!$&'()*+,;=%]+(?:[/?#][A-Za-z0-9_.\-~:/?#\[\]@!$&'()*+,;=%]*)?")


def safe_link(url: object) -> str | None:
    """An http(s) URL fit to put in a link, with characters that could break out of an HTML
    attribute, a Markdown autolink or a table cell percent-encoded; None for anything else
    (javascript:, data:, relative or malformed URLs are never linked)."""
    if not isinstance(url, str):
        return None
    if _PLAIN_LINK.fullmatch(url):
        return url  # the common case, unchanged by the checks and the quoting below
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if not parts.netloc.isascii():
        url = _host_in_idna(url, parts)
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~")


# A host's label as the "idna" codec may give it: letters, digits, hyphens (underscores, which
# hosts hold in practice), and the dots of an ideographic full stop it took for a separator
_HOST_LABEL = LazyPattern(r"[A-Za-z0-9_.\-]+")


# UTS 46's deviation characters: IDNA 2003 maps ß to ss, ς to σ and drops the joiners, where browsers
# (nontransitional processing) keep them: faß.de and fass.de are two hosts
_DEVIATIONS = frozenset("\u00df\u03c2\u200c\u200d")


def _host_in_idna(url: str, parts: SplitResult) -> str:
    """`url` with its host's labels beyond ASCII in their IDNA form ("xn--e1afmkfd" for "пример"):
    percent-encoded, as the rest of the URL is, the host was no host a resolver knows, and
    urlsplit gave "%D0%BF..." for its hostname (RFC 3986 3.2.2). The user and port stay as they
    are. A label the codec refuses (too long, against its bidirectional rule), or gives as no
    host label (a full-width "＠" it maps to "@" moved the host), is left to be percent-encoded
    as before; so is a URL whose host urlsplit did not find as written (a tab in it), and a label
    holding a letter the codec's IDNA 2003 maps where browsers keep it (`_DEVIATIONS`): a browser
    decodes the percent-encoded host and goes where the label says."""
    start = len(parts.scheme) + 3
    netloc = parts.netloc
    if url[start - 3:start] != "://" or url[start:start + len(netloc)] != netloc:
        return url
    userinfo, at, host_port = netloc.rpartition("@")
    host, colon, port = host_port.partition(":")
    return url[:start] + userinfo + at + _idna_host(host) + colon + port + url[start + len(netloc):]


@lru_cache(maxsize=1024)
def _idna_host(host: str) -> str:
    """`host` with its labels beyond ASCII in their IDNA form (`_host_in_idna`). Once a host: the
    codec takes 40-70 us a label (nameprep, in Python), and an export's links share a few hosts
    (10,000 claims linking to .рф sites exported with three times the instructions)."""
    return ".".join(label if label.isascii() or not _DEVIATIONS.isdisjoint(label) else _idna_label(label)
                    for label in host.split("."))


def _idna_label(label: str) -> str:
    """One label in its IDNA form, or as it is if the codec refuses it or gives no host label."""
    try:
        encoded = label.encode("idna").decode("ascii")
    except UnicodeError:
        return label
    return encoded if _HOST_LABEL.fullmatch(encoded) else label


def _citing(claims: Iterable[dict], names: set, categories: set) -> Iterator[dict]:
    """The claims, adding the sources each cites to `names` and its category to `categories` (an
    export lists them first, from its one pass over the claims)."""
    add, update, file_under = names.add, names.update, categories.add
    for claim in claims:
        add(claim["source"])
        update(item["source"] for item in claim.get("evidence") or ())
        category = claim.get("category")
        if type(category) is str:  # (else a hand-edited value, which no import would take)
            file_under(category)
        yield claim


def _categories_named(categories: set) -> list[str]:
    """The desk's own categories among those used: every database has the built-in ones (none
    can be removed), and a file that names only its own reads in an older `claims` too."""
    return sorted(categories.difference(DEFAULT_CATEGORIES))


def _sources_named(names: set, registry: SourceRegistry) -> list[dict]:
    found = {}
    for name in names:
        source = registry.find(name)
        if source is not None:
            found[source.name] = source.to_dict()
    return [found[name] for name in sorted(found, key=str.casefold)]


def full_claim(claim: dict) -> dict:
    """A claim in its documented JSON shape: every key of CLAIM_KEYS, in order, then any extra."""
    record = {key: claim.get(key) for key in CLAIM_KEYS}
    record.update({key: value for key, value in claim.items() if key not in record})
    return record


def export_json_pieces(claims: Sequence[dict], registry: SourceRegistry, info: ExportInfo) -> list[bytes]:
    """{"format": "claims-export", "version": 1, "exported_at", "scope", "sources", "categories", "claims"}, in
    pieces, from one pass over the claims: the claims are laid out first (collecting the sources
    they cite and the categories they use, so that the file imports into an empty database), then
    the head of the document with those."""
    names: set[str] = set()
    categories: set[str] = set()
    claim_pieces = _json_array_end(_claims_cited(
        claims, names, categories, lambda part, first: _json_array_items(part, 1, opening=first)), 1)
    head = orjson.dumps({"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "exported_at": info.exported_at,
                         "scope": info.scope, "sources": _sources_named(names, registry), "categories": _categories_named(categories),
                         "claims": []}, option=orjson.OPT_INDENT_2)
    return [json_inert(head[:-len(_EMPTY_LAST_LIST)]), *claim_pieces, b"\n}\n"]  # the claims in the list's place


def export_jsonl_pieces(claims: Sequence[dict], registry: SourceRegistry, info: ExportInfo) -> list[bytes]:
    """One source per line ({"type": "source", ...}) first, then one category per line ({"type":
    "category", "name": ...}), then one claim per line."""
    names: set[str] = set()
    categories: set[str] = set()
    claim_lines = _claims_cited(claims, names, categories, lambda part, first: jsonl_pieces(part))
    return [*jsonl_pieces({"type": "source", **source} for source in _sources_named(names, registry)),
            *jsonl_pieces({"type": "category", "name": name} for name in _categories_named(categories)),
            *claim_lines]


def _claims_cited(claims: Sequence[dict], names: set, categories: set,
                  pieces_of: Callable[[Iterable[dict], bool], list]) -> list:
    """`pieces_of(full claims, first)` of the claims, adding the sources they cite to `names` and
    the categories they use to `categories`; a large export in two processes
    (workers.write_in_two: every claim gives a record, so both parts have some), the worker's
    names handed back with its pieces."""
    from .workers import write_in_two

    def write(part: Iterable[dict], first: bool) -> tuple[list, bytes]:
        cited: set[str] = set()
        used: set[str] = set()
        pieces = pieces_of(map(full_claim, _citing(part, cited, used)), first)
        names.update(cited)
        categories.update(used)
        return pieces, orjson.dumps([list(cited), list(used)])

    parts = write_in_two(claims, write)
    for _, gathered in parts[1:]:  # (the worker's: this process's are in `names` already)
        cited, used = orjson.loads(gathered)
        names.update(cited)
        categories.update(used)
    return [piece for pieces, _ in parts for piece in pieces]


def geojson_pieces(claims: list, registry: SourceRegistry, info: ExportInfo) -> list[bytes]:
    """A FeatureCollection of the claims that have coordinates: Point [lon, lat] (RFC 7946)."""
    unusable = [0]

    def placed() -> Iterator[dict]:  # (a stream: the store hands the claims over one parsed claim at a time)
        for claim in claims:
            lat, lon = claim.get("lat"), claim.get("lon")
            if lat is None or lon is None:
                continue
            if _on_the_map(lat, lon):
                yield claim
            else:  # (a hand edit, "lat": "48.1" or 95.5: a map tool refuses the whole file)
                unusable[0] += 1

    counted_placed = _Counted(placed())
    features = json_array_pieces(map(_feature, counted_placed), depth=1)
    head = orjson.dumps({"type": "FeatureCollection", "features": []}, option=orjson.OPT_INDENT_2)
    pieces = Pieces([head[:-len(_EMPTY_LAST_LIST)], *features, b"\n}\n"], records=counted_placed.count)
    if unusable[0]:
        one = unusable[0] == 1
        pieces.warning = (f"{counted(unusable[0], 'claim')} {'has' if one else 'have'} coordinates that are no "
                          f"numbers in range (claims doctor names {'it' if one else 'them'}): left out.")
        pieces.left_out = "without usable coordinates"
    return pieces


def _on_the_map(lat: Any, lon: Any) -> bool:
    """Whether a stored lat and lon are numbers in range (what every entry point writes)."""
    return type(lat) in (int, float) and type(lon) in (int, float) and -90 <= lat <= 90 and -180 <= lon <= 180


def _feature(claim: dict) -> dict:
    return {
        "type": "Feature",
        "id": claim["id"],
        "geometry": {"type": "Point", "coordinates": [claim["lon"], claim["lat"]]},
        "properties": {
            "id": claim["id"], "text": claim["text"], "source": claim["source"],
            "outlet": claim.get("outlet"), "status": claim["status"],
            # (the status in force may be an analyst's: a map can style those apart)
            "computed_status": claim.get("computed_status"), "assessed": bool(claim.get("assessment")),
            "claimed_on": claim["claimed_on"], "event_on": claim.get("event_on"),
            "place": claim.get("place"), "region": claim.get("region"),
            "category": claim.get("category"),
        },
    }


def _reviewed_on(claim: dict, local_day: Callable[[str], str] | None = None) -> str:
    """The day the status in force was reached (the last history entry that changed it), on this
    desk's clock, as the claim's own date is: a UTC day could put the review before its claim.
    `local_day`: dates.local_day, imported once by an export of many (an import at each call was
    0.1 s of an export of 65,000 reviews)."""
    if local_day is None:
        from .dates import local_day

    for entry in reversed(claim.get("history") or []):
        if entry.get("status_after") == claim["status"] and entry.get("status_before") != claim["status"]:
            return _not_before_claim(local_day(entry.get("at") or ""), claim)
    return _not_before_claim(local_day(claim.get("updated_at") or claim.get("created_at") or ""), claim)


def _not_before_claim(day: str, claim: dict) -> str:
    """`day`, or the claim's own day where that is later: a claim dated by a desk east of this
    machine (its "today", this one's tomorrow) is not reviewed the day before it was made."""
    claimed = claim.get("claimed_on")
    if type(claimed) is str and claimed > day and len(claimed) == len(day) == 10 and day[:4].isdigit():
        return claimed
    return day


def rule_said(claim: dict, registry: SourceRegistry, remembered: dict) -> tuple[str, str]:
    """(status value, reason) of `evaluate(claim, registry)`, remembered in `remembered` (one
    export's) by what they are a function of: the claimant, whether the claim has any evidence,
    and each live item's (stance, source) in order. A ClaimReview export of 65,000 reviews
    evaluated each (5 us), though they have some 26,000 distinct keys (issue 6). A claim whose
    claimant, stances or sources are not all texts, or whose evidence is no list of objects (a
    hand edit), is evaluated as before, and so gives what evaluate gives, or raises what it raises."""
    claimant = claim["source"]
    evidence = claim.get("evidence")
    if type(claimant) is str and (evidence is None or type(evidence) is list):
        key = [claimant, bool(evidence)]  # (evaluate's had_evidence)
        add = key.append
        for item in evidence or ():
            if type(item) is not dict:
                break
            if not item.get("withdrawn_at"):  # (live_evidence's test)
                stance, source = item.get("stance"), item.get("source")
                if type(stance) is not str or type(source) is not str:
                    break
                add(stance)
                add(source)
        else:
            found = tuple(key)
            said = remembered.get(found)
            if said is None:
                verdict = evaluate(claim, registry)
                said = remembered[found] = (verdict.status.value, verdict.reason)
            return said
    verdict = evaluate(claim, registry)
    return verdict.status.value, verdict.reason


def claim_review(claim: dict, registry: SourceRegistry, info: ExportInfo,
                 local_day: Callable[[str], str] | None = None, verdicts: dict | None = None) -> dict:
    """One schema.org ClaimReview (JSON-LD) for a confirmed, contested or refuted claim.
    `verdicts`: the rule's verdicts remembered by an export of many (rule_said)."""
    label, value = REVIEW_RATINGS[claim["status"]]
    assessment = claim.get("assessment")
    if verdicts is None:
        verdict = evaluate(claim, registry)
        computed, reason = verdict.status.value, verdict.reason
    else:
        computed, reason = rule_said(claim, registry, verdicts)
    explanation = reason
    if assessment:  # (the rating is the analyst's: the rule's reason backs the computed status)
        # (not named: this markup is pasted into a public page, and the desk is the review's author)
        said = f": {assessment['note']}" if assessment.get("note") else ""
        explanation = f"Analyst's assessment{said}; the rule gives {computed}: {reason}"
    author_name = claim["source"] + (f" ({claim['outlet']})" if claim.get("outlet") else "")
    item: dict = {
        "@type": "Claim",
        "author": {"@type": "Organization", "name": author_name},
        "datePublished": claim["claimed_on"],
    }
    appearance = [{"@type": "CreativeWork", "url": target}  # (the HTML export's form of it)
                  for url in claim.get("urls") or () if (target := safe_link(url))]
    if appearance:  # (an empty one is what validators flag: left out)
        item["appearance"] = appearance
    if claim.get("place") or (claim.get("lat") is not None and _on_the_map(claim["lat"], claim.get("lon"))):
        # (coordinates without a place name too; not a hand edit's "48.1" or 95.5)
        place: dict = {"@type": "Place", "name": claim["place"]} if claim.get("place") else {"@type": "Place"}
        if claim.get("lat") is not None and _on_the_map(claim["lat"], claim.get("lon")):
            place["geo"] = {"@type": "GeoCoordinates", "latitude": claim["lat"], "longitude": claim["lon"]}
        item["contentLocation"] = place
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": claim["id"],
        "claimReviewed": claim["text"],
        "datePublished": _reviewed_on(claim, local_day),
        "author": {"@type": "Organization", "name": info.desk},
        "itemReviewed": item,
        "reviewRating": {
            "@type": "Rating",
            "alternateName": label,
            "ratingValue": value,
            "bestRating": 5,
            "worstRating": 1,
            "ratingExplanation": explanation,
        },
    }
    if info.review_url:
        review["url"] = safe_link(review_address(info.review_url, claim["id"]))  # (checked by the command)
    return review


def review_address(url: str, claim_id: str) -> str:
    """Where a claim's review is published: `url` with "{id}" replaced by the claim's ID, else
    URL#ID (the HTML export's anchor of the claim)."""
    return url.replace("{id}", claim_id) if "{id}" in url else f"{url}#{claim_id}"


def claimreview_pieces(claims: Sequence[dict], registry: SourceRegistry, info: ExportInfo) -> list[bytes]:
    """A JSON-LD list of ClaimReview objects; unverified claims are left out. `<`, `>` and `&`
    are written as \\u escapes (the same JSON): JSON-LD is pasted into a page inside
    <script type="application/ld+json">, which a statement holding "</script>" would end."""
    from .dates import local_day

    def reviews_of(part: Iterable[dict]) -> tuple[list, list[int]]:
        kept = _Counted(claim for claim in part if claim["status"] in REVIEW_RATINGS)
        verdicts: dict = {}  # (this process's: each part remembers its own)
        items = _json_array_items((claim_review(claim, registry, info, local_day, verdicts) for claim in kept), 0,
                                  opening=False)
        return [piece.replace(b"&", b"\\u0026").replace(b"<", b"\\u003c").replace(b">", b"\\u003e")
                for piece in items], [kept.count]

    items, (count,) = _array_items_in_two(claims, reviews_of, share=_CLAIMREVIEW_SHARE)
    reviews = Pieces([*_json_array_end(items, 0), b"\n"], records=count)
    said = []
    if count and not info.review_url:
        said.append("no review has its url (the page it is published on), which ClaimReview markup needs: "
                    "give --review-url.")
    if count and info.desk == DEFAULT_DESK:  # (markup to publish: an author no reader knows, said)
        said.append(f"{'Each' if said else 'each'} review names '{DEFAULT_DESK}' as its author: give --desk NAME "
                    "(or set $CLAIMS_DESK).")
    reviews.warning = " ".join(said) or None
    return reviews


# The share of a ClaimReview export's claims the worker reviews: half. Only the two parts run at
# once: this process starts and selects the claims before the fork, and writes the output once
# both are done, so the command takes that and the longer part. With 60% (the two processes' CPU
# time equal) this process waited for the worker about a fifth of the claims' time: at 100,000
# claims the worker ran 8.86 G instructions (counted from the start) and this process 6.47 G;
# with half, 7.68 G and 7.67 G (issue 6).
_CLAIMREVIEW_SHARE = 0.5


def _array_items_in_two(claims: Sequence[dict], items_of: Callable[[Iterable[dict]], tuple[list, list[int]]], *,
                        share: float) -> tuple[list, list[int]]:
    """(pieces, counts): `items_of(claims)` gives the pieces of some claims' items of a JSON array,
    each item after its comma (`_json_array_items(..., opening=False)`), and a few counts of them.
    A large list is done in two processes (workers.write_in_two, the worker taking the last `share`
    of the claims), the counts added up. Either part may give no item (a format that leaves some
    claims out), so the array's first item is opened here: "[" in place of its comma."""
    from .workers import write_in_two

    def write(part: Iterable[dict], first: bool) -> tuple[list, bytes]:
        pieces, counts = items_of(part)
        return pieces, orjson.dumps(counts)

    parts = write_in_two(claims, write, share=share)
    items = [piece for pieces, _ in parts for piece in pieces]
    if items:
        items[0] = b"[" + items[0][1:]
    counts = [sum(column) for column in zip(*(orjson.loads(gathered) for _, gathered in parts))]
    return items, counts


class Pieces(list):
    """An export's pieces, with how many claims they hold when a format leaves some out."""

    def __init__(self, pieces: list, *, records: int):
        super().__init__(pieces)
        self.records = records
        self.left_out: str | None = None  # why the claims not among `records` are left out, if not the format's usual
        self.warning: str | None = None  # what the user should hear of it


class _Counted:
    """Iterates `items`, counting them."""

    def __init__(self, items: Iterable) -> None:
        self.items = items
        self.count = 0

    def __iter__(self) -> Iterator:
        for item in self.items:
            self.count += 1
            yield item


def _markdown_pieces(claims: list, registry: SourceRegistry, info: ExportInfo) -> list[bytes]:
    from .documents import markdown_export_pieces

    return markdown_export_pieces(claims, registry, info)


def _html_pieces(claims: list, registry: SourceRegistry, info: ExportInfo) -> list[bytes]:
    from .documents import html_export_pieces

    return html_export_pieces(claims, registry, info)


ExportWriter = Callable[[list, SourceRegistry, ExportInfo], Iterable[bytes]]

EXPORT_WRITERS: dict[str, ExportWriter] = {
    "json": export_json_pieces,
    "jsonl": export_jsonl_pieces,
    "csv": lambda claims, registry, info: claims_csv_pieces(claims, registry),
    "markdown": _markdown_pieces,
    "html": _html_pieces,
    "geojson": geojson_pieces,
    "claimreview": claimreview_pieces,
}


def export_pieces(fmt: str, claims: list, registry: SourceRegistry, info: ExportInfo) -> Iterable[bytes]:
    """The export as pieces whose concatenation is its bytes: a document of 100,000 claims (some
    160 MB) is never joined into one bytes object. The claims are read and laid out before this
    returns, so only writing the pieces is left (a damaged line, or a claim that `Readable` refuses,
    fails the export before any output)."""
    return EXPORT_WRITERS[fmt](claims, registry, info)


def export_claims(fmt: str, claims: list, registry: SourceRegistry, info: ExportInfo) -> bytes:
    return b"".join(export_pieces(fmt, claims, registry, info))
