"""Schema migrations: an append-only list of small functions, applied in order when a store opens.

Each migration takes the TinyDB database inside the store's transaction and brings it one version
forward; its name is recorded in the `meta` table. A released migration is never edited: a schema
change is a new function at the end of `MIGRATIONS`. `SCHEMA_VERSION` is their count, and a file
whose `schema_version` is higher was written by a newer `claims` and is refused, never rewritten.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from .dates import utc_now
from .errors import shown
from .models import DEFAULT_CATEGORIES, DEFAULT_SOURCES

if TYPE_CHECKING:
    from tinydb import TinyDB

META_DOC_ID = 1


def keys_read_as_one(table: dict) -> dict[str, str]:
    """{key: the other key it reads as the same number as} for the keys of a table (meta, sources)
    that TinyDB, which reads them with int(), takes for one record: "01", " 1" and "+1" are all 1,
    and a change of the table through it keeps the later record alone, the other dropped from the
    file without a word (a hand edit: the store writes each number once). The keys given are the
    strays, those not written as the store writes a number (plain digits, no leading zero, sign or
    blank), whichever comes first in the file (`jq -S` puts "01" before "1"), each beside the key
    the store wrote; where no key of the number is so written ("07" and "+7"), each is given, beside
    another of them. In the table's order."""
    numbers: dict[str, int] = {}
    keys_of: dict[int, list[str]] = {}
    for key in table:
        try:
            numbers[key] = int(key)
        except ValueError:  # (no number at all: said by what reads the table)
            continue
        keys_of.setdefault(numbers[key], []).append(key)
    strays: dict[str, str] = {}
    for key, number in numbers.items():
        keys = keys_of[number]
        plain = str(number)
        if len(keys) > 1 and not (key == plain and key.isdecimal()):  # ("07", "+7", " 7", "-7", "٧")
            strays[key] = plain if plain in keys else next(other for other in keys if other != key)
    return strays


def _m001_initial(db: TinyDB) -> None:
    """The meta record (ID counter, categories) and the default source registry."""
    from tinydb.table import Document  # (here: reading a database never migrates, nor imports TinyDB)

    db.table("meta").insert(Document({
        "schema_version": 0,
        "migrations": [],
        "next_claim": 1,
        "categories": list(DEFAULT_CATEGORIES),
        "created_at": utc_now(),
    }, doc_id=META_DOC_ID))
    sources = db.table("sources")
    sources.insert_multiple(Document(source.to_dict(), doc_id=number)
                            for number, source in enumerate(DEFAULT_SOURCES, start=1))
    db.table("claims")  # an empty table, so the file shows its shape


MIGRATIONS: list[tuple[str, Callable[[TinyDB], None]]] = [
    ("001_initial", _m001_initial),
]
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version_of(data: dict | None) -> int:
    """The version recorded in raw database data; 0 for a new, empty file, -1 for one that records
    none, or one that is no positive whole number."""
    if not data:
        return 0
    version = _recorded_version(data)
    # (0 would read as a new database, whose first write collides with the records already there;
    # true is an int to Python, but no version any claims wrote)
    if type(version) is not int or version < 1:
        return -1
    return version


_NONE = object()


def _recorded_version(data: dict) -> object:
    meta = (data.get("meta") or {}).get(str(META_DOC_ID)) if isinstance(data.get("meta"), dict) else None
    return meta.get("schema_version", _NONE) if isinstance(meta, dict) else _NONE


def schema_version_problem(data: dict) -> str:
    """Why `schema_version_of(data)` is -1, for the user: "it has no schema_version where claims
    keeps it" (one at the top level is not claims'), what it holds, or that it is an export."""
    version = _recorded_version(data)
    if version is _NONE:
        return AN_EXPORT if an_export(data) else "it has no schema_version where claims keeps it"
    return f"its schema_version {shown(version)} is not a positive whole number"


AN_EXPORT = "it looks like a claims export"


def an_export(data: object) -> bool:
    """Whether JSON given as a database is what `claims export` writes (an object with "format" and
    "claims"), or `list --format json` does (a list of claim records), or `--format jsonl` of one
    claim (its record): to import, not to open."""
    if isinstance(data, dict):
        return ("format" in data and "claims" in data) or ({"text", "source"} <= data.keys() and "meta" not in data)
    return isinstance(data, list) and bool(data) and isinstance(data[0], dict) and {"text", "source"} <= data[0].keys()


def import_it(path: object, fmt: str) -> str:
    """How to read an export given as a database into one (`an_export`): a --db naming it is not
    put into the command (context.naming_db leaves one that names a database). With the --format
    that reads it (`fmt`: "json", "jsonl") where its name's ending does not say it (an export
    copied to ex.db, pasted without, was "cannot tell from the name")."""
    from pathlib import PurePath

    from .plain import shell_operand

    ending = PurePath(str(path)).suffix.lower()
    said = f" --format {fmt}" if {"json": (".json",), "jsonl": (".jsonl", ".ndjson")}[fmt].count(ending) == 0 else ""
    return f"`claims --db DATABASE import {shell_operand(str(path))}{said}`"


def export_hint(path: object, fmt: str) -> str:
    """The hint for an export given as --db: how to import it, and doctor, for one written over a database."""
    return f"To read it into a database: {import_it(path, fmt)}; if it was written over one, run `claims doctor`."


JSON_LINES = "is JSON Lines, not a claims database"  # (storage.json_problem: an export in JSON Lines)


def migrate(db: TinyDB, current: int) -> None:
    """Apply every migration after `current`, recording each by name."""
    for index in range(current, SCHEMA_VERSION):
        name, migration = MIGRATIONS[index]
        migration(db)
        meta = db.table("meta")
        record = meta.get(doc_id=META_DOC_ID)
        applied = list(record.get("migrations", [])) + [name]  # type: ignore[union-attr]
        meta.update({"schema_version": index + 1, "migrations": applied}, doc_ids=[META_DOC_ID])
