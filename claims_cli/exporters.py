"""Machine formats: claims and other records as JSON, JSON Lines and CSV bytes.

A registry {format: writer}; adding a format is adding one function. Writers take the records and
return bytes, so a command decides where they go (stdout or a file). Pure: stdlib and orjson only.

CSV cells are safe to open in a spreadsheet: text that begins with =, +, -, @, a tab or a carriage
return is prefixed with an apostrophe so it is never run as a formula; numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
from typing import Callable, Iterable, Sequence

import orjson

from .models import SourceRegistry, live_evidence
from .verification import STRONG, weigh

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# The flat CSV shape of a claim (one row per claim).
CLAIM_CSV_COLUMNS = (
    "id", "text", "source", "outlet", "claimed_on", "event_on", "place", "region", "lat", "lon",
    "category", "tags", "status", "computed_status", "assessment", "strong_support", "weak_support",
    "strong_disputes", "weak_disputes", "supported_by", "disputed_by", "urls", "ref", "note",
    "created_at", "updated_at",
)


def to_json(records: Sequence) -> bytes:
    return orjson.dumps(list(records), option=orjson.OPT_INDENT_2) + b"\n"


def to_jsonl(records: Iterable) -> bytes:
    return b"".join(orjson.dumps(record) + b"\n" for record in records)


def neutralise(cell: object) -> object:
    """Keep a spreadsheet from running a text cell as a formula."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell


def to_csv(rows: Iterable[dict], columns: Sequence[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_cell(row.get(column)) for column in columns])
    return buffer.getvalue().encode("utf-8")


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, list):
        return neutralise(";".join(map(str, value)))
    if isinstance(value, bool):
        return "true" if value else "false"
    return neutralise(value)


def claim_row(claim: dict, registry: SourceRegistry) -> dict:
    """One claim as a flat row: tallies of strong and weak evidence, sources by stance."""
    tallies = {"strong_support": 0, "weak_support": 0, "strong_disputes": 0, "weak_disputes": 0}
    supported_by: list[str] = []
    disputed_by: list[str] = []
    for item in live_evidence(claim):
        if item["stance"] == "inconclusive":
            continue
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
        "assessment": assessment["status"] if assessment else None,
        **tallies,
        "supported_by": supported_by,
        "disputed_by": disputed_by,
    }


ClaimWriter = Callable[[list, SourceRegistry], bytes]

CLAIM_WRITERS: dict[str, ClaimWriter] = {
    "json": lambda claims, registry: to_json(claims),
    "jsonl": lambda claims, registry: to_jsonl(claims),
    "csv": lambda claims, registry: to_csv((claim_row(c, registry) for c in claims), CLAIM_CSV_COLUMNS),
}


def write_claims(fmt: str, claims: list, registry: SourceRegistry) -> bytes:
    return CLAIM_WRITERS[fmt](claims, registry)


def write_records(fmt: str, records: list[dict], columns: Sequence[str]) -> bytes:
    """Any list of flat-ish records (sources, history entries) in json, jsonl or csv."""
    if fmt == "json":
        return to_json(records)
    if fmt == "jsonl":
        return to_jsonl(records)
    return to_csv(records, columns)
