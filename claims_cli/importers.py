"""Batch imports: CSV, JSON and JSON Lines bytes -> validated claims, row-numbered problems, and one
store transaction.

Three steps, each usable on its own:

* `parse(data, fmt, name)` reads the bytes (or a binary stream, CSV and JSON Lines line by line)
  into a `Batch` of raw entries (claims, sources, categories), each with its position: `row 12`
  (CSV, spreadsheet numbering: the header is row 1), `line 3` (JSON Lines), `claim 4` / `source 2`
  (JSON). A file that cannot be read at all (bad JSON, not UTF-8, unknown CSV columns, a line,
  field or header over the limits below) raises DataError naming the line or byte offset; a bad
  entry becomes a `Problem`. Control characters other than newline and tab are refused by the
  `models.clean_*` validators with their row, field and position, never stripped.
* `plan_import(store, batch, ...)` validates every entry against the store (with the sources and
  categories the file brings), finds duplicates (by kept ID, by `ref`, else by
  `models.duplicate_key`; against the database and within the file) and returns a `Plan`: what
  would be added, updated and skipped, and every problem. Nothing is written.
* `import_batch(store, batch, ...)` plans inside ONE `store.transaction()` (so the duplicate check
  sees what it writes against) and writes once: new sources and categories, one
  `store.add_claims`, at most one `store.save_claims`. Any problem without `skip_invalid`, or a
  kill part-way, leaves the database as it was.

JSON Lines: each line is a claim object, a source registry entry marked `"type": "source"`
(fields name, side, kind, aliases, grade, note), or a category `{"type": "category", "name": ...}`;
`"type": "claim"` is allowed on claim lines.
JSON: an array of claim objects, one claim object (what `claims show --format json` prints), or
an object {"sources": [...], "categories": [...], "claims": [...]}; other top-level keys of that
object (export metadata) are ignored, but for one that is a member written otherwise ("sourcess").

A source the database already has (by name or alias) keeps the database's entry, but for a
built-in one that a database without claims never changed, which takes the file's whole (a desk's
export read into a new database). A file's
`status` and `computed_status` are never trusted: `verification.refresh_status` recomputes them.

Pure: the standard library, orjson and the domain; the store is passed in and used only through
its public methods. No Typer, Rich or TinyDB.
"""

from __future__ import annotations

import codecs
import copy
import csv
import io
import itertools
import re
from collections import Counter
from contextlib import contextmanager
from operator import is_not, itemgetter
from dataclasses import dataclass, replace
from datetime import date
from pathlib import PurePath
from typing import Any, BinaryIO, Callable, Iterable, Iterator

import orjson

from .collector import FREEZE_OVER, paused
from .dates import (
    EARLIEST_DAY, EVENT_FIELDS, is_relative, latest_day, latest_event_day, latest_stamp, local_day, parse_date, today,
    utc_now,
)
from .errors import ClaimsError, DataError, InvalidValue, escaped, json_kind, out_of_memory, path_shown, shown
from .exporters import EXPORT_FORMAT, EXPORT_VERSION, FORMULA_START, formula_guarded, show_controls
from .ledger import (
    BEFORE_EVENT_SAID, GRADES_UNREAD, LONG_BEFORE_DAYS, assessed_at, build_evidence, dated_before, grade_unread_warning,
    graded_unread_source, history_entry, next_evidence_number, next_stamp, overlap_warnings, own_word_moved,
    regions_differ, relay_warning, relayed_by_outlet, rule_moved, source_changes, source_entry,
)
from .models import (
    CLAIM_OBJECT_KEYS, EDITABLE_FIELDS, EVIDENCE_KEYS, LAST_CLAIM_NUMBER, MAX_NAME, MAX_NOTE, MAX_SHORT, MAX_TEXT, MAX_URL,
    MAX_URLS, DEFAULT_SOURCES, EvidenceKind, Source, Stance, stamp_key,
    Status, build_claim, claim_number, clean_category, clean_coordinate, clean_enum, clean_slug, clean_tags, comma_tags,
    coordinates_doubt, decimal_comma_mended, decimal_comma_said, decimal_text, hashtag_tags, split_by_decimal_comma,
    after_entry, as_latin_letters, clean_ref, clean_text, clean_urls, closest, duplicate_key, evidence_number, first_recorded_key, format_claim_id,
    equal_refs, format_evidence_id, link_key, loose_page_key,
    history_problem, invisible_only, is_utc_stamp, lookalike_said, make_source, mixes_alphabets, mixed_script_words, near_categories, near_category_said,
    invisible_in_name, normalise_text, odd_letters_said, only_looks_latin, outlet_of_own_side, statement_key,
    place_key, ref_key, same_place_key,
    slips_of, source_key, spelled_apart_said, tag_key, unknown_stance, utc_stamp, written_alike, _CONTROL,
)
from .patterns import LazyPattern
from .plain import and_listed, counted, possessive, shell_arguments, shell_quoted, shortened
from .verification import evaluate, refresh_status

FORMATS = ("csv", "json", "jsonl")
# (.geojson: read as JSON, so that a map exported is told what it is, not refused for its name)
EXTENSIONS = {".csv": "csv", ".tsv": "csv", ".json": "json", ".geojson": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}
ON_DUPLICATE = ("skip", "update", "fail")

# Limits that keep a hostile file from exhausting memory (README "Importing"): a line of a CSV or
# JSON Lines file (a claim with its evidence and history is far smaller), one CSV field (the
# longest valid field, a note, is 10,000 characters), and the columns of a CSV header.
MAX_LINE_BYTES = 4 * 2**20
MAX_FIELD_CHARS = 2**20
MAX_COLUMNS = 100

REQUIRED_COLUMNS = ("text", "source", "claimed_on")
OPTIONAL_COLUMNS = ("ref", "outlet", "event_on", "place", "region", "lat", "lon", "category", "tags",
                    "url", "urls", "note")
CSV_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS

# "claims" is the count `claims sources list --format json` prints; ignored.
SOURCE_OBJECT_KEYS = frozenset({"type", "name", "side", "kind", "aliases", "grade", "note", "merged", "claims"})
# a JSON Lines line {"type": "category", "name": ...} (`categories list` says built_in too: let be)
CATEGORY_OBJECT_KEYS = frozenset({"type", "name", "built_in"})
MULTILINE_FIELDS = ("text", "note")
_EXTRA_KEYS = frozenset({"id", "status", "assessment", "evidence", "history", "created_at", "deleted_at"})

# Stand-ins used to look past one bad field and report the next one of the same record:
# build_claim stops at the first problem, but a user fixing a file wants them all at once.
_CLAIM_STAND_INS: dict[str, Any] = {
    "text": "x", "claimed_on": date(2000, 1, 1), "event_on": None, "outlet": None, "place": None,
    "region": None, "lat": None, "lon": None, "category": None, "tags": [], "urls": [], "ref": None,
    "note": None,
}
_EVIDENCE_STAND_INS: dict[str, Any] = {
    "stance": Stance.INCONCLUSIVE.value, "on": date(2000, 1, 1), "kind": None, "url": None, "note": None,
}
_FIELD_KEYS = {"url": "urls", "coords": "lat"}


# ------------------------------------------------------------------------------ the data

@dataclass
class Problem:
    """One thing wrong with one entry: `row 12, claimed_on: ... is in the future`."""

    where: str
    field: str | None
    message: str
    hint: str | None = None  # how to fix it, as the command line says it (listed once under the problems)

    def __str__(self) -> str:
        return f"{self.where}, {self.field}: {self.message}" if self.field else f"{self.where}: {self.message}"

    def to_dict(self) -> dict:
        said = {"where": self.where, "field": self.field, "message": self.message}
        if self.hint:
            said["hint"] = self.hint
        return said


# Problems kept whole: stderr lists the first 20 and `--summary json` these; past them each is
# counted only (a kept one takes about 330 bytes, and a 3 MB file of a million `{}` lines has three
# million: kept, they took 970 MB and most of a 42 s refusal).
PROBLEMS_KEPT = 10_000


class Problems(list):
    """Problems as they are found: the first `limit` (PROBLEMS_KEPT) kept, the rest counted
    (`left_off`), with the records only they are about, so that `Plan.invalid`, `categories_invalid`
    and `Batch.records` stay exact. A record's problems are found together: a left-off problem at the
    place of the one left off before it, or of a kept one, is about no other record."""

    def __init__(self, problems: Iterable[Problem] = (), limit: int | None = None) -> None:
        super().__init__(problems)
        self.limit = PROBLEMS_KEPT if limit is None else limit
        self._forget_left_off()
        if isinstance(problems, Problems):  # (a plan's, from its batch's: their counts go on)
            self.left_off, self.records_left_off = problems.left_off, problems.records_left_off
            self.categories_left_off, self.others_left_off = problems.categories_left_off, set(problems.others_left_off)
            self.sources_left_off = Counter(problems.sources_left_off)

    def _forget_left_off(self) -> None:
        self.left_off = 0
        self.records_left_off = 0  # records (not the file, database or category list) only left-off ones are at
        self.categories_left_off = 0  # of the problems left off, the category list's
        self.others_left_off: set[str] = set()  # the places of _NO_RECORD, when only left-off ones are there
        # of the problems left off, the unknown sources cited, (field, source_key(message)) -> how many: the line that
        # says a name says every record citing it, not those of the kept problems only (see _problem_lines)
        self.sources_left_off: Counter[tuple[str, str]] = Counter()
        self._kept_at: set[str] | None = None  # the places of the kept ones, once one is left off
        self._last_left_off: str | None = None

    @property
    def total(self) -> int:
        return len(self) + self.left_off

    def append(self, problem: Problem) -> None:
        if len(self) < self.limit:
            super().append(problem)
            return
        self.left_off += 1
        if _unknown_source(problem):
            self.sources_left_off[problem.field, source_key(problem.message)] += 1
        where = problem.where
        if where == _CATEGORIES:
            self.categories_left_off += 1
        if where == self._last_left_off:
            return
        self._last_left_off = where
        if self._kept_at is None:
            self._kept_at = {kept.where for kept in self}
        if where in self._kept_at or where in self.others_left_off:
            return
        if where in _NO_RECORD:
            self.others_left_off.add(where)
        else:
            self.records_left_off += 1

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.append(problem)

    def clear(self) -> None:
        super().clear()
        self._forget_left_off()

    def keep_first(self, count: int) -> None:
        """Leave off all but the first `count` (of a plan's, once in file order: see _Planner.finish)."""
        if len(self) <= count:
            return
        cut = self[count:]
        del self[count:]
        self.left_off += len(cut)
        self.categories_left_off += sum(1 for problem in cut if problem.where == _CATEGORIES)
        self.sources_left_off.update((problem.field, source_key(problem.message)) for problem in cut
                                     if _unknown_source(problem))
        kept_at = {problem.where for problem in self}
        for where in {problem.where for problem in cut} - kept_at - self.others_left_off:
            if where in _NO_RECORD:
                self.others_left_off.add(where)
            else:
                self.records_left_off += 1
        self._kept_at, self._last_left_off = None, None

    def places(self) -> int:
        """Where the problems are, each once: records, and the file, database or category list."""
        kept_at = {problem.where for problem in self}
        return len(kept_at) + self.records_left_off + len(self.others_left_off - kept_at)

    def records(self) -> int:
        """The records the problems are about (one may have several)."""
        return len({problem.where for problem in self if problem.where not in _NO_RECORD}) + self.records_left_off

    def categories(self) -> int:
        """The problems of the category list (each an entry of it)."""
        return sum(1 for problem in self if problem.where == _CATEGORIES) + self.categories_left_off


@dataclass(slots=True)
class Entry:
    """A raw record from the file: its position and its fields (keys as in the claim shape)."""

    where: str
    data: dict
    present: frozenset = frozenset()  # the editable fields the file gives (for --on-duplicate update)


KEEP_PARSED_BYTES = 8 << 20  # see Batch.keep_json


class Batch:
    """What `parse` read from a file, for the planner. (A plain class, as `Plan` is: the dataclass
    machinery took about 4 million instructions of every import's start.)"""

    def __init__(self, name: str, fmt: str) -> None:
        self.name = name
        self.fmt = fmt
        # Entries, or what a claim was read as, kept until it is planned: (where, the csv reader's
        # list of cells) for a full CSV row (see _CsvLayout), (where, the parsed record or the line's
        # bytes) for a JSON claim (see `keep_json`).
        self.claims: list[Entry | tuple[str, Any]] = []
        self.parsed_kept = 0  # bytes of the JSON claims kept parsed
        self.sources: list[Entry] = []
        self.categories: list[str] = []
        self.category_lines: dict[int, str] = {}  # index in categories -> "line N" (JSON Lines)
        self.problems = Problems()  # entries unreadable as records
        # A row's whole-degree coordinates before a ref, note or tags of digits: a split decimal comma?
        self.decimal_notes: list[Problem] = []
        self.layout: _CsvLayout | None = None  # CSV: where each column is (claims holds (where, row) for full rows)

    def keep_json(self, where: str, raw: bytes | memoryview, item: dict) -> None:
        """Keep a JSON claim read as valid for the planner: parsed, within the file's first
        KEEP_PARSED_BYTES (parsing is most of a small import's time: once is enough), and past them
        as its bytes, which the planner parses again as it reaches them (a parsed record takes
        three times the memory, and at 100,000 claims that would be the import's peak)."""
        if self.parsed_kept < KEEP_PARSED_BYTES:
            self.parsed_kept += len(raw)
            self.claims.append((where, item))
        else:
            self.claims.append((where, raw))

    @property
    def records(self) -> int:
        """Every entry read: claims, sources, JSON Lines categories, and unreadable ones."""
        return len(self.claims) + len(self.sources) + len(self.category_lines) + self.problems.places()


class Plan:
    """What an import does: the claims and sources it adds and updates, what it skips, its problems
    and the notes it says. (A plain class: as a dataclass, the __init__, __eq__ and __repr__ generated
    for its 51 fields took about 19 million instructions of every import's start, and no plan is
    compared or printed.)"""

    def __init__(self, *, records: int = 0, problems: Iterable[Problem] = ()) -> None:
        self.records = records
        # (a file's or database's problems, said as an import's)
        self.problems: Problems = problems if isinstance(problems, Problems) else Problems(problems)
        self.added: list[dict] = []
        self.updated: list[dict] = []
        self.skipped: list[tuple[str, str]] = []  # (where, why)
        self.new_sources: list[Source] = []
        self.updated_sources: list[Source] = []  # known ones given what they lacked
        # Of those, a built-in source taken whole under the name the file gives it (see
        # `take_built_ins_whole`) -> the built-in's name, whose record it replaces
        self.renamed_sources: dict[str, str] = {}
        self.merged_built_ins: list[str] = []  # built-ins the file says were merged into one taken so
        # (name, [its entry]) of each source written, its history's last entry (`context.say_clock_behind`)
        self.stamped_sources: list[tuple[str, list[dict]]] = []
        self.new_categories: list[str] = []
        self.duplicates: int = 0  # of the problems: records refused as duplicates (--on-duplicate fail)
        self.source_notes: list[Problem] = []  # a source taken otherwise than the file says
        self.source_again_notes: list[Problem] = []  # ... than a later entry of it in the file says
        self.sources_given_again: set = set()  # (of those: the sources, each once)
        self.source_named_at: dict = {}  # a source entry's where -> its name's key (counted once)
        self.alias_notes: list[Problem] = []  # a claim naming its source by an alias dropped
        self.notes: list[Problem] = []  # a claim's ID another claim holds here, said
        self.id_differs_notes: list[Problem] = []  # an ID by hand naming a claim that says otherwise
        self.repeat_notes: list[Problem] = []  # a later row of a claim, not applied by update
        self.ref_notes: list[Problem] = []  # a later row with an earlier row's ref, another text
        self.new_ref_notes: list[Problem] = []  # added by a new ref, saying what a claim here says
        self.date_notes: list[Problem] = []  # a claim dated before its event (swapped columns?)
        self.relative_notes: list[Problem] = []  # a date read from the day of the import
        self.order_notes: list[Problem] = []  # a history out of time order, put in order
        self.chain_notes: list[Problem] = []  # a history whose statuses before did not follow on
        # An evidence item without a date (dated today), or dated long before its claim (a slipped year?)
        self.evidence_date_notes: list[Problem] = []
        # An evidence item the import adds that repeats another of its claim (live or withdrawn), whose
        # source holds the other stance there, or citing another source's link (`_overlaps`)
        self.overlap_notes: list[Problem] = []
        # One that counts as strong support citing its claim's own link: the claimant's word relayed (`_relays`)
        self.relay_notes: list[Problem] = []
        # One by the claim's outlet that counts as strong support: its report of the claim, the claimant's word again
        self.outlet_relay_notes: list[Problem] = []
        # One that counts as strong from a source graded D or E: the rule reads sides, not grades (`_graded_unread`)
        self.grade_notes: list[Problem] = []
        self.script_notes: list[Problem] = []  # a name mixing Latin and Cyrillic letters
        self.lookalike_notes: list[Problem] = []  # a new source's name that looks like another's
        self.source_alike_notes: list[Problem] = []  # rows filed under a source that looks like another
        self.tag_notes: list[Problem] = []  # a tag holding a comma (several, as a sheet separates them?)
        self.hashtag_notes: list[Problem] = []  # a tag "#kharkiv #kupiansk" (several, as a post has them?)
        self.category_notes: list[Problem] = []  # a new category written like another (strikes, strike)
        self.decimal_notes: list[Problem] = []  # whole degrees before digits: a split decimal comma?
        self.coords_notes: list[Problem] = []  # 0,0 or lat and lon swapped (models.coordinates_doubt)
        # A claim added that may be a live one here recorded again, its place written otherwise (as `add` warns)
        self.place_alike_notes: list[Problem] = []
        self.outlet_notes: list[Problem] = []  # an outlet naming a source other than the claimant
        # An exported claim skipped as a duplicate that the file's desk changed since: what update would apply
        self.changed_notes: list[Problem] = []
        # A sheet's row (or a record by hand, or an export's corrected by hand, no entry in its history)
        # skipped as a duplicate that differs from its claim here: what update would apply (a fix made
        # in the sheet, not to be thought gone in)
        self.differs_notes: list[Problem] = []
        # A row's value that an edit here replaced since: the edit kept (with --on-duplicate update)
        self.kept_notes: list[Problem] = []
        # A row's value that replaced an edit made here (the sheet changed since): applied, and said
        self.replaced_notes: list[Problem] = []
        self.deleted_notes: list[Problem] = []  # a claim deleted in the file, live here
        # A claim assessed here whose rule's verdict an update moves: the assessment an override now (or
        # no longer), as `confirm` or `edit` says it
        self.assessed_moved_notes: list[Problem] = []
        # a claim an update gave another claimant, which moved evidence across its own word (as `edit --source` warns)
        self.own_word_notes: list[Problem] = []
        self.deleted_here_notes: list[Problem] = []  # a claim deleted here, updated by the file
        self.live_there_notes: list[Problem] = []  # a claim live in the file, deleted here
        self.far_id_notes: list[Problem] = []  # a kept ID far past the numbering here
        self.added_deleted: int = 0  # claims added that the file has deleted (they stay so)
        # The notes that name a claim the import adds, by the ID it is given once written (a dry run
        # has none: its notes say what would be done): (the note, the claim as planned, what the note
        # says given the claim's ID). A claim added under a new ID as its own was another's; one added
        # by a ref, whose fix then is to delete it (`note_former_ref`, `note_alike_content`).
        self.said_once_added: list[tuple[Problem, Any, Callable[[str], str]]] = []

    @property
    def invalid(self) -> int:
        """Records rejected (one may have several problems); a file's category list is no record."""
        return self.problems.records()

    @property
    def categories_invalid(self) -> int:
        return self.problems.categories()

    @property
    def writes(self) -> bool:
        """Whether the plan changes the database (else nothing is written, not even a new file)."""
        return bool(self.added or self.updated or self.new_sources or self.updated_sources or self.new_categories)

    def invalid_text(self, name: str | None = None, then: str = "", *, would: bool = False) -> str:
        """'2 of 3 records and 1 category in NAME are invalid' (the start of a sentence), and
        `then` ('skipped': '... and were skipped'; `would`, of a dry run: '... and would be left out')."""
        parts = []
        if self.invalid or not self.categories_invalid:
            parts.append(f"{self.invalid} of {self.records} record{'' if self.records == 1 else 's'}")
        if self.categories_invalid:
            count = self.categories_invalid
            parts.append(f"{count} categor{'ies' if count > 1 else 'y'}")
        # the verb agrees with what is invalid: "1 of 3 records is", "2 of 3 records are"
        one = len(parts) == 1 and (self.invalid == 1 or parts == ["1 category"])
        return (" and ".join(parts) + (f" in {path_shown(name)}" if name else "") + f" {'is' if one else 'are'} invalid"
                + (f" and {'would be' if would else 'was' if one else 'were'} {then}" if then else ""))

    def summary(self) -> dict:
        return {
            "records": self.records,
            "added": len(self.added),
            "updated": len(self.updated),
            "skipped": len(self.skipped),
            "invalid": self.invalid,
            "categories_invalid": self.categories_invalid,
            "sources_added": len(self.new_sources),
            "sources_updated": len(self.updated_sources),
            "categories_added": len(self.new_categories),
            "added_deleted": self.added_deleted,
        }


_CATEGORIES = "categories"  # where a problem with the file's category list is
_NO_RECORD = (_CATEGORIES, "file", "database")  # problems not with a record (a malformed file: "file")


_UNITS = {"row": "row", "line": "line"}  # what a record of a file is called, by where it is (else "record")


def record_unit(where: str) -> str:
    """What a record at `where` ("row 3", "line 2", "claim 1") is called: row, line or record."""
    return _UNITS.get(where.split(" ", 1)[0], "record")


# A claim's fields in the order `_CsvRows.fields` gives them: what a record says, whichever path read it
_SAID_KEYS = ("text", "source", "outlet", "claimed_on", "event_on", "place", "region", "lat", "lon", "category",
              "tags", "urls", "ref", "note")


_SAID_FIELDS = itemgetter(*_SAID_KEYS)
# What `_Planner.said` reads of an evidence item (`evidence` builds each with every key)
_EVIDENCE_SAID = itemgetter("source", "stance", "on", "kind", "url", "note", "withdrawn_at")


def _said(base: dict, extra: dict | None) -> int:
    """`_said_key` of a record read by the general path: two records alike compare alike whichever
    path read each."""
    try:
        fields = _SAID_FIELDS(base)  # (at C speed: a generator over the keys took 0.2 s of 100,000)
    except KeyError:
        fields = tuple(base.get(key) for key in _SAID_KEYS)
    return _said_key(fields, extra)


def _said_key(fields: tuple, extra: dict | None = None) -> int:
    """A hash of what a record says: its fields (as `_CsvRows.fields` gives them) and what else it
    carries. Python's own hash of a tuple, not of its JSON: an import of 100,000 rows makes one a
    row (the JSON took 0.2 s of them). Not the statement: two records of one claim say it alike
    but for case, spacing or a final stop (`normalise_text`), which is no other value; nor the ref
    as written: KH-001 and kh-001 are one ref (`ref_key`)."""
    ref = fields[12]
    return hash((*fields[1:10], tuple(fields[10] or ()), tuple(fields[11] or ()),
                 ref_key(ref) if type(ref) is str and ref else ref, *fields[13:], _values_of(extra) if extra else None))


def _values_of(values: Any) -> bytes:
    """What a record says (its fields; a CSV row's cells), to tell a later record of the same claim
    that says otherwise."""
    try:
        return orjson.dumps(values, option=orjson.OPT_SORT_KEYS)
    except TypeError:  # (not JSON: taken as saying something else)
        return repr(values).encode()


class ImportRejected(DataError):
    """Some entries are invalid and the import is all-or-nothing: nothing was written."""

    def __init__(self, plan: Plan):
        # (duplicates alone are no values to fix: the mode they were refused by is what to change;
        # with nothing else to write, skip imports no rest)
        hint = (f"Pass --on-duplicate skip to {'import the rest' if plan.writes else 'leave them as they are'}, or "
                "--on-duplicate update to apply the file's values to the claims recorded."
                if plan.duplicates == plan.problems.total else
                "Fix them and run the import again, or pass --skip-invalid to import the rest.")
        super().__init__(f"{plan.invalid_text()}; nothing was written", problems=plan.problems, hint=hint)
        self.plan = plan


# ------------------------------------------------------------------------------- parsing

def format_for(path: str) -> str | None:
    """The format a file name implies (`.csv`, `.json`, `.jsonl`/`.ndjson`), or None."""
    return EXTENSIONS.get(PurePath(path).suffix.lower())


def parse(data: bytes | BinaryIO, fmt: str, name: str = "input") -> Batch:
    """Read a whole file (bytes, or a binary stream read once). DataError when it cannot be read
    as `fmt` at all: not UTF-8 (with the line and byte offset), a line over MAX_LINE_BYTES, a CSV
    field over MAX_FIELD_CHARS or a header over MAX_COLUMNS, JSON nested too deeply.

    CSV and JSON Lines are read line by line, so memory stays bounded by the limits whatever the
    file holds; a JSON document is one value and is read whole.
    """
    if fmt not in FORMATS:
        raise DataError(f"unknown import format {shown(fmt)}; use one of {', '.join(FORMATS)}")
    stream = io.BytesIO(data) if isinstance(data, (bytes, bytearray)) else data
    batch = Batch(name=name, fmt=fmt)
    with _bulk():
        {"csv": _parse_csv, "json": _parse_json, "jsonl": _parse_jsonl}[fmt](stream, batch)
    return batch


def _not_utf8(name: str, line: int, offset: int, byte: int, column: int | None = None, *,
              sheet: bool, sample: bytes = b"") -> DataError:
    """`sample`: the bytes from the start of the bad byte's line, to tell a Cyrillic code page by."""
    if offset == 0 and byte in (0xFF, 0xFE):  # (UTF-16's byte-order mark: FF FE or FE FF)
        return _utf16(name, sheet)
    where = f"line {line}" + (f", column {column}" if column else "") + f" (byte offset {offset})"
    if _cyrillic_code_page(sample):
        converted = PurePath(name).with_name(PurePath(name).stem + "-utf8" + PurePath(name).suffix)
        convert = ("pipe it through iconv -f cp1251 -t utf-8" if name == STDIN_NAME else
                   f"convert it: iconv -f cp1251 -t utf-8 {shell_quoted(name)} > {shell_quoted(str(converted))}")
        return DataError(f"{path_shown(name)} looks like Windows-1251 (Cyrillic) text, not UTF-8: byte 0x{byte:02x} at {where}",
                         hint=f"Save it as \"CSV UTF-8\" (in Excel: Save As, CSV UTF-8), or {convert}" if sheet
                         else f"Save it as UTF-8, or {convert}")
    binary = " (a binary file?)" if offset < 16 else ""
    return DataError(f"{path_shown(name)} is not UTF-8 text: byte 0x{byte:02x} at {where}{binary}",
                     hint="Save the file as UTF-8 and import it again.")


def _utf16(name: str, sheet: bool) -> DataError:
    """A file in UTF-16: a sheet (CSV) saved by Excel as "Unicode text", or a JSON file written by
    Windows PowerShell 5 (its `>`)."""
    if sheet:
        return DataError(f"{path_shown(name)} looks like UTF-16 text (Excel's \"Unicode text\"), not UTF-8",
                         hint="Save it as \"CSV UTF-8\" (in Excel: Save As, CSV UTF-8) and import it again.")
    return DataError(f"{path_shown(name)} looks like UTF-16 text (as Windows PowerShell 5 writes a file), not UTF-8",
                     hint="Save it as UTF-8 and import it again (in PowerShell: Out-File -Encoding utf8).")


def _cyrillic_code_page(sample: bytes) -> bool:
    """Whether `sample` (not UTF-8) reads as Windows-1251 text of mostly Cyrillic letters: a sheet
    Excel saved as "CSV" on a Ukrainian or Russian Windows. (A Latin code page's é reads as й, one
    letter in a Latin word: not most; a binary file has control bytes.) Only if most of its
    non-ASCII bytes fail as UTF-8: Cyrillic in UTF-8 reads as mostly Cyrillic Windows-1251 too (its
    lead bytes 0xd0, 0xd1 are Р, С), and a UTF-8 file with one bad byte was told to go through
    iconv -f cp1251, which made mojibake of every claim."""
    sample = sample[:4096]
    try:
        text = sample.decode("cp1251")
    except UnicodeDecodeError:
        return False
    ascii_bytes = sum(byte < 0x80 for byte in sample)
    in_utf8 = len(sample.decode("utf-8", "ignore").encode()) - ascii_bytes  # (non-ASCII bytes of whole sequences)
    if in_utf8 * 2 >= len(sample) - ascii_bytes:
        return False
    if any(char < " " and char not in "\t\r\n" for char in text):
        return False
    letters = [char for char in text if char.isalpha()]
    return sum("\u0400" <= char <= "\u04ff" for char in letters) * 2 > len(letters)


# A workbook's first bytes: .xlsx (and LibreOffice's .ods) is a ZIP file, .xls an OLE compound file (it
# was "not UTF-8 text", or "unknown column 'PK\x03\x04...'" for an .xlsx whose first bytes happen to be text)
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"
_WORKBOOKS = {_ZIP: ".xlsx, .ods: a ZIP file", _OLE: ".xls: an OLE file"}
# ... and by its name, given no --format (it was "cannot tell from the name 'book.xlsx'")
_WORKBOOK_NAMES = (".xlsx", ".ods", ".xls")
_SAVE_AS_CSV = ('Save it as "CSV UTF-8" (in Excel: Save As, CSV UTF-8; in LibreOffice: File > Save As, Text CSV, '
                'UTF-8) and import that')


def _workbook(name: str, start: bytes) -> DataError:
    return DataError(f"{path_shown(name)} looks like a spreadsheet workbook ({_WORKBOOKS[start]}), not a text file",
                     hint=f"{_SAVE_AS_CSV}.")


def workbook_named(path: str, name: str) -> DataError | None:
    """The error for a file whose name is a workbook's (`name`: as the import calls it), or None.
    One whose first bytes are not a workbook's (junk, an empty file, text so named) is named so by
    its name, not called a ZIP file, and told the --format a text file so named takes."""
    suffix = PurePath(path).suffix.lower()
    if suffix not in _WORKBOOK_NAMES:
        return None
    try:
        with open(path, "rb") as stream:
            first = stream.read(4)
    except OSError:  # (none there, a directory: no workbook either, said so by what follows)
        return None
    if first in _WORKBOOKS:
        return _workbook(name, first)
    return DataError(f"{path_shown(name)} is named as a spreadsheet workbook ({suffix}), which claims does not read",
                     hint=f"{_SAVE_AS_CSV}; a text file so named takes --format csv, json or jsonl.")


def _utf16_unmarked(start: bytes) -> bool:
    """Whether a file's first bytes are UTF-16 without its byte-order mark: letters each with a
    NUL byte after (little-endian) or before (big-endian), which no UTF-8 text has."""
    if len(start) < 4:
        return False
    return (0 not in (start[0], start[2]) and start[1] == start[3] == 0
            or 0 not in (start[1], start[3]) and start[0] == start[2] == 0)


def _withdrawn_after_recorded(result: dict, item: dict) -> None:
    """An imported withdrawn item the file gives no recorded_at is recorded when it was withdrawn,
    if that was earlier than the import (it was dated the import's time, a year after its
    withdrawal). Two times the file gives are kept as they are (two desks' clocks may differ)."""
    withdrawn, recorded = result["withdrawn_at"], result.get("recorded_at")
    if item.get("recorded_at") in (None, "") and is_utc_stamp(withdrawn) and type(recorded) is str \
            and is_utc_stamp(recorded) and withdrawn < recorded:
        result["recorded_at"] = withdrawn


def _too_long(name: str, line: int) -> DataError:
    return DataError(f"{path_shown(name)}: line {line} is over {MAX_LINE_BYTES // 2**20} MB, the limit for one line",
                     hint="One record per line; a claim's text, notes and evidence fit well within it.")


_CHUNK = 2**20  # read size; smaller than MAX_LINE_BYTES, so only a block's first line can be too long


def _blocks(stream: BinaryIO, name: str, *, sheet: bool) -> Iterator[tuple[int, int, bytes]]:
    """(number of its first line, byte offset, bytes) for runs of whole lines (each ending in a
    newline, but perhaps the file's last), read in chunks and never holding more than about
    MAX_LINE_BYTES + _CHUNK: a line over MAX_LINE_BYTES is a DataError naming it, and the rest of it
    is never read. A UTF-8 byte order mark is dropped (offsets still count it)."""
    number, offset, pending = 1, 0, b""
    # The block yielded last, its lines counted only once something follows it: the count is a
    # scan of every byte (8 instructions each: 13 million for 1.6 MB), and a file of one block,
    # or the last block of any, is followed by nothing to number.
    uncounted = b""
    first = True
    while True:
        chunk = stream.read(_CHUNK)
        if first:
            first = False
            if chunk.startswith(b"\xef\xbb\xbf"):
                chunk, offset = chunk[3:], 3
            elif _utf16_unmarked(chunk):
                raise _utf16(name, sheet)
            elif chunk[:4] in _WORKBOOKS:
                raise _workbook(name, chunk[:4])
        if not chunk and not pending:
            return
        number += uncounted.count(b"\n")
        uncounted = b""
        if not chunk:
            if len(pending) > MAX_LINE_BYTES:
                raise _too_long(name, number)
            yield number, offset, pending
            return
        buffer = pending + chunk if pending else chunk
        end = buffer.rfind(b"\n") + 1
        head = buffer.find(b"\n")
        if head > MAX_LINE_BYTES or (end == 0 and len(buffer) > MAX_LINE_BYTES):
            raise _too_long(name, number)
        if end == 0:
            pending = buffer
            continue
        block, pending = buffer[:end], buffer[end:]
        yield number, offset, block
        uncounted = block
        offset += end


def _decode(raw: bytes, name: str, number: int, offset: int, *, sheet: bool) -> str:
    """`raw` (whole lines from line `number`, at byte `offset`) as text; DataError naming the line,
    column and byte offset of the first byte that is not UTF-8."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line_start = raw.rfind(b"\n", 0, err.start) + 1
        column = len(raw[line_start:err.start].decode("utf-8", "replace")) + 1
        line = number + raw.count(b"\n", 0, err.start)
        raise _not_utf8(name, line, offset + err.start, raw[err.start], column, sheet=sheet,
                        sample=raw[line_start:line_start + 4096]) from None


def _text_lines(stream: BinaryIO, name: str, guarded: list[bool]) -> Iterator[str]:
    """Decoded lines for the csv reader, each with its LF; CRLF becomes LF (also inside quoted fields).
    (A chain of line iterators: no Python generator step per line.) `guarded[0]` is set once a
    block holds a formula guard (`_GUARD`): rows read before it have none to take off."""
    return itertools.chain.from_iterable(_text_blocks(stream, name, guarded))


def _text_blocks(stream: BinaryIO, name: str, guarded: list[bool]) -> Iterator[io.StringIO]:
    for number, offset, raw in _blocks(stream, name, sheet=True):
        text = _decode(raw, name, number, offset, sheet=True)
        if "\r" in text:
            text = text.replace("\r\n", "\n")
        if '\ufeff"' in text:
            text = _MARK_BEFORE_QUOTE.sub("", text)
        if not guarded[0] and _GUARD.search(text):
            guarded[0] = True
        yield io.StringIO(text, newline="\n")


# A byte order mark starting a line mid-file before a quote is a second file's, joined on with cat
# (the file's own is dropped in _blocks), before its quoted sep= line, header or row. csv read it as
# an unquoted cell's start, quotes and all ('\ufeff"A took Y5"' stored so), or the quote after the
# separator as opening a cell that never closed ('\ufeff"sep=;"': "malformed CSV"): it is dropped
# there, as the file's own is. Only before a lone quote, which no line of a quoted cell starts with
# but its last, closing it at once: a mark starting a line inside a quoted cell ('"He said:\n\ufeff""we
# hold"""', a quote in it written '""') is the cell's text.
_MARK_BEFORE_QUOTE = LazyPattern('^\ufeff(?="(?!"))', re.MULTILINE)


# The apostrophe the CSV export puts before a cell starting with =, +, -, @, a tab or a CR
# (exporters.neutralise), kept by a sheet that saves it: taken off every cell, so a round trip
# changes nothing (the export gives a cell starting so after apostrophes one more: "''+x" is "'+x").
_GUARD = LazyPattern("'[" + re.escape("".join(FORMULA_START)) + "]")  # (in a block of lines: a cell's guard ends so)


def _unguarded(row: list[str]) -> list[str]:
    return [cell[1:] if cell[:1] == "'" and formula_guarded(cell) else cell for cell in row]


@contextmanager
def _field_limit(limit: int):
    """csv.field_size_limit is process-wide: set it for one parse and put it back."""
    previous = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _parse_csv(stream: BinaryIO, batch: Batch) -> None:
    guarded = [False]
    lines = _text_lines(stream, batch.name, guarded)
    above = []  # empty rows above the header (a sheet's, "" or ";;"): read as rows, told apart by none
    first = next(lines, "")  # (kept to explain a header csv cannot read)
    while first and not first.strip(",;\t \r\n\ufeff"):
        above.append(first)
        first = next(lines, "")
    separator = None
    tabbed = PurePath(batch.name).suffix.lower() == ".tsv"
    said = _SEPARATOR_LINE.match(first)
    if said is not None:  # (Excel's "sep=;" line: the separator, said; a row of the file, as it shows it)
        separator = said.group(2)
        above.append(first)
        first = next(lines, "")
        found = _separator(first, tabbed)
        if found != separator and _named_columns(first, separator) < 2 <= _named_columns(first, found):
            raise DataError(f"{path_shown(batch.name)}: its first line says sep={_SEPARATOR_NAMES.get(separator, separator)} "
                            f"but the header's columns are separated by {shown(found)}",
                            hint=f"Remove the sep= line, or make it name the header's separator: sep={found}")
    if not _named_columns(first, separator or _separator(first, tabbed)):  # (a sheet's title above its header?)
        second = next(lines, "")
        _refuse_title(first, second, batch.name)
        lines = itertools.chain((second,), lines)
    # (the rows above, as the empty rows they are whatever the separator: they count, as lines and rows)
    delimiter = separator or _separator(first, tabbed)
    # A file typed by hand with ", " between the header's names puts a space before a quoted cell
    # too: the space is left out, so that the quote opens the cell (else it was kept as text and
    # the cell split at its comma). Not in a sheet's file, where `, "Azov" says so` is text.
    typed = first.count(delimiter) > 0 and first.count(delimiter) == first.count(delimiter + " ")
    reader = csv.reader(itertools.chain(["\n"] * len(above), (first,), lines),
                        delimiter=delimiter, strict=True, skipinitialspace=typed)
    lines_above = 0  # the lines read before the header, rows the reader skips as blank too (`"",""`)
    try:
        with _field_limit(MAX_FIELD_CHARS):
            header = None
            for header in reader:
                if any(cell.strip() for cell in header):
                    break
                lines_above = reader.line_num
            else:
                header = None
            if header is None:
                raise DataError(f"{path_shown(batch.name)} is empty: a CSV import needs a header row",
                                hint=f"Columns: {', '.join(CSV_COLUMNS)}.")
            if len(header) > MAX_COLUMNS:
                raise DataError(f"{path_shown(batch.name)}: the header has {len(header)} columns; the limit is "
                                f"{MAX_COLUMNS}", hint=f"Columns: {', '.join(CSV_COLUMNS)}.")
            _read_csv_rows(reader, header, batch, guarded)
    except csv.Error as err:
        if reader.line_num <= len(above) + 1:
            _refuse_other_separator(first, batch.name, reader.dialect.delimiter)
        message = str(err)
        delimiter = reader.dialect.delimiter
        separators = _SEPARATORS_NAMED.get(delimiter, f"{shown(delimiter)}s")
        hint = f'Quote fields that contain {separators}, quotes or line breaks (a quote inside one is written twice: "").'
        if message.endswith(" expected after '\"'"):  # (csv's words, with the separator as it is: a raw tab)
            message = "a closing quote is followed by more of the field"
        if first.lstrip("\ufeff \t\r\n")[:1] in ("{", "["):  # (JSON under a .csv name: an export to the wrong name)
            hint = _LOOKS_LIKE_JSON
        if "field limit" in message:
            message = f"a field is over {MAX_FIELD_CHARS:,} characters, the limit for one field"
            if hint != _LOOKS_LIKE_JSON:
                hint = ("If no field is meant to be that long, a quote before it is never closed (a quote inside a "
                        "field is written twice).")
        elif "new-line character seen in unquoted field" in message:  # (csv's words for a lone CR)
            message = "a line ends with a carriage return alone (old Mac line endings), or one is inside a field"
            hint = "Save the file with LF or CRLF line endings, and quote fields that contain line breaks."
        elif "unexpected end of data" in message:
            # (csv read on to the end of the file for the closing quote: say where it opened; with no
            # row read, in the header, on the line after those read, as a row after it is numbered)
            row, line = getattr(err, "started", (lines_above + 1, lines_above + 1))
            raise DataError(f"{path_shown(batch.name)}: malformed CSV: a quote opened in row {row} (line {line}) is never "
                            "closed", hint="Close the quote, or quote the whole field (a quote inside one is "
                                           "written twice).") from None
        raise DataError(f"{path_shown(batch.name)}: malformed CSV at line {reader.line_num}: {message}", hint=hint) from None


_SEPARATORS_NAMED = {",": "commas", ";": "semicolons", "\t": "tabs"}


def _read_csv_rows(reader, header: list[str], batch: Batch, guarded: list[bool]) -> None:
    columns = [column_name(name) for name in header]
    _check_header(columns, batch.name, header)
    separator = {",": "comma", "\t": "tab"}.get(reader.dialect.delimiter, shown(reader.dialect.delimiter))
    layout = batch.layout = _CsvLayout(columns)
    width = layout.width
    regular = not layout.unnamed  # rows of such a header can be kept as they are read
    claims = batch.claims
    header_lines = reader.line_num
    text_index = layout.index["text"]
    previous = header_lines
    offset = -1
    # In a comma-separated file, a coordinate written with a decimal comma and not quoted is two
    # cells: lat 49,76 read as lat 49 and lon 76, and every cell after it shifted, in silence.
    split_coordinates = [(layout.index[name], name) for name in ("lat", "lon") if name in layout.index] \
        if reader.dialect.delimiter == "," else []
    # (a row whose coordinates both hold a point has none split: the check is not called for it)
    lat_at, lon_at = (layout.index.get("lat", layout.index.get("lon")), layout.index.get("lon", layout.index.get("lat")))
    last_coordinate = max(index for index, _ in split_coordinates) if split_coordinates else 0
    tabbed = reader.dialect.delimiter == "\t"
    said_at = None  # where a sep= line mid-file is, until the row after it tells what it is
    said_line = said_blank = 0  # the line it starts on, and the blank lines right above it
    blank_from = blank_to = 0  # the last run of blank lines (for a joined file's fix: the lines it skips)

    def joined_here(where: str, start: int, row: list[str]) -> bool:
        """Whether `row` (from line `start`) is the header, or Excel's sep= line, of a second file
        joined on with cat: a header said at once, a sep= line once the row after it tells what it
        is (`said_at`)."""
        nonlocal said_at, said_line, said_blank
        if _repeats_header(row, columns):
            blank_above = start - blank_from if blank_to == start - 1 else 0
            batch.problems.append(Problem(where, None, _HEADER_AGAIN,
                                          _joined_fix(reader.line_num - start + 1, blank_above, sep=False)))
            return True
        if _is_separator_line(row, reader.dialect.delimiter):
            said_at, said_line = where, start
            said_blank = start - blank_from if blank_to == start - 1 else 0
            return True
        return False

    try:
        for offset, row in enumerate(reader):
            start = previous + 1
            previous = reader.line_num
            row_number = offset + 2 + header_lines - 1
            where = f"row {row_number}" if start == row_number else f"row {row_number} (line {start})"
            if guarded[0]:
                row = _unguarded(row)
            if said_at is not None and any(cell.strip() for cell in row):  # (a blank line is no row)
                if _repeats_header(row, columns):
                    batch.problems.append(Problem(said_at, None, f"is a sep= line, and {where} {_HEADER_AGAIN}",
                                                  _joined_fix(previous - said_line + 1, said_blank, sep=True)))
                    said_at = None
                    continue
                batch.problems.append(Problem(said_at, None, _SEPARATOR_LINE_AGAIN))
                said_at = None
            if tabbed and previous > start:  # (a row read over several lines: one may be a quote left open)
                unclosed = _unclosed_quote(row, columns, start)
                if unclosed is not None:
                    batch.problems.append(Problem(where, *unclosed))
                    continue
            # (most coordinates hold a decimal point, and many rows have none: no call for them)
            if split_coordinates and len(row) > last_coordinate and not ("." in row[lat_at] and "." in row[lon_at]) \
                    and (row[lat_at] or row[lon_at]):
                split = _split_decimal(row, split_coordinates, columns, where)
                if split is not None:
                    problem, refused = split
                    if refused:
                        batch.problems.append(problem)
                        continue
                    batch.decimal_notes.append(problem)
            if regular and len(row) == width and row[text_index]:
                # (a short text cell only may be a header's "text": a claim's is seldom so short)
                if len(row[text_index]) <= _HEADER_CELL_MAX and joined_here(where, start, row):
                    continue
                claims.append((where, row))  # the row itself: the planner reads its cells in place
                continue
            if not any(cell.strip() for cell in row):  # blank lines and empty spreadsheet rows
                if start != blank_to + 1:
                    blank_from = start
                blank_to = previous
                continue
            if len(row) > width:  # (even if the cells past it are empty: an unquoted comma in the text
                # shifts a row whose last cell is empty so; a sheet that pads its rows pads its header too)
                batch.problems.append(Problem(
                    where, None, f"has {len(row)} fields; the header has {width} (an unquoted {separator}?)"))
                continue
            if any(index < len(row) and row[index].strip() for index in layout.unnamed):
                batch.problems.append(Problem(where, None, "has a value in a column with no name"))
                continue
            if joined_here(where, start, row):
                continue
            claims.append(layout.entry(where, row))  # short rows (trailing empty cells left out), unnamed columns
        if said_at is not None:  # (the file's last row)
            batch.problems.append(Problem(said_at, None, _SEPARATOR_LINE_AGAIN))
    except csv.Error as err:  # (the record it could not finish began after the last row read)
        err.started = (offset + 3 + header_lines - 1, previous + 1)  # type: ignore[attr-defined]
        raise


# A row naming the header's columns again: the header of a second file joined to the first (`cat
# a.csv b.csv`), its byte order mark too perhaps. Read as a claim it gave "unknown source 'source'"
# and "claimed_on 'claimed_on' is not a date": one problem, said as what it is. A quoted first
# name after the mark (R's write.csv, pandas' QUOTE_ALL) is read as an unquoted cell, quotes and
# all ('\ufeff"text"', '\ufeff "text"'): they are taken off as a quoted cell's would be.
_HEADER_AGAIN = "repeats the header (two files joined into one?)"
_SEPARATOR_LINE_AGAIN = "is a sep= line (Excel's line naming the separator), which only a file's first line may be"
_HEADER_CELL_MAX = 24  # a header's text cell, written otherwise ("\ufeff Text "), is no longer


def _joined_fix(lines: int, blank_above: int, *, sep: bool) -> str:
    """The fix for a second file joined on with cat: `tail -n +N` skips its first `lines` lines, its
    header (more lines than one if a name holds a line break), or, `sep`, its "sep=;" line to its
    header (one problem: the sep= line alone was read as a claim missing its source and date), blank
    lines between them too (`tail -n +3` kept such a header in). Blank lines right above may be the
    first file's last or the second's first, which the joined file cannot tell: if there are any,
    the fix says to add the second's."""
    skip = lines + 1
    if sep:
        fix = (f"Delete the sep= line and the repeated header (`tail -n +{skip} b.csv >> a.csv` joins a file that "
               + ("starts with sep= without those two lines" if lines == 2 else
                  f"starts with sep= without its first {lines} lines, the sep= line to the header"))
    else:
        fix = (f"Delete the repeated header (`tail -n +{skip} b.csv >> a.csv` joins a file without its header"
               + ("" if lines == 1 else f", its first {lines} lines"))
    if blank_above:
        fix += f"; if b.csv has blank lines above its {'sep= line' if sep else 'header'}, add their number to the {skip}"
    return fix + ")."


def _repeats_header(row: list[str], columns: list[str]) -> bool:
    """Whether a row names the header's `columns` (column_name) again, a byte order mark aside."""
    if len(row) != len(columns):
        return False
    first = row[0].lstrip("\ufeff").strip()
    if len(first) >= 2 and first[0] == first[-1] == '"':
        first = first[1:-1].replace('""', '"')
    return column_name(first) == columns[0] and [column_name(cell) for cell in row[1:]] == columns[1:]


def _is_separator_line(row: list[str], delimiter: str) -> bool:
    """Whether a row is Excel's "sep=;" line (read as cells: 'sep=', '' ...), a byte order mark aside."""
    return row[0][:6].lstrip('\ufeff"').lower().startswith("sep=") and \
        _SEPARATOR_LINE.match(delimiter.join(row)) is not None


def _unclosed_quote(row: list[str], names: list[str], start: int) -> tuple | None:
    """(column, message, hint) for a cell of a tab-separated row holding a line break and as many
    tabs as a row has between its cells: a quote opening the cell that its writer meant as text (a
    TSV writer that quotes no cell), closed only by a quote rows later, a row's cells read into the
    cell. (Its tabs over all its lines: a quote opening a later column, closed in that column of the
    next row, leaves a row's tabs split over two lines. A quoted note with a tab and a line break,
    fewer, is the note it is; a quote closed in an earlier column gives a row too many fields.)"""
    line = start  # (the line the cell begins on: cells before it may hold line breaks)
    row_tabs = len(names) - 1
    for index, cell in enumerate(row):
        if "\n" in cell and cell.count("\t") >= row_tabs:
            name = names[index] if index < len(names) and names[index] else f"column {index + 1}"
            closed = line + cell.count("\n")
            return (name, f"a quote opened on line {line} is closed only on line {closed}: "
                          "the lines up to it were read into this cell",
                    "Close the cell's quote where the cell ends. A quote at the start of a cell opens a quoted "
                    "cell; if it was meant as text, quote the whole cell and write the quote twice (\"\").")
        line += cell.count("\n")
    return None


_NUMBER_CELL = LazyPattern(r"\s*-?\d+(?:[.,]\d+)?\s*")
# Columns whose value is never a number alone: one there, right after a coordinate, was shifted
# into it (a ref, a date may be digits).
# (not tags or note: a brigade number, a count, may be one)
_TEXT_COLUMNS = frozenset({"text", "source", "outlet", "place", "region", "category", "url", "urls"})
_NUMBER_MAY_BE = frozenset({"ref", "note", "tags"})  # (a number there may be one, or a split's digits)


def _split_decimal(row: list[str], columns: list[tuple[int, str]], names: list[str],
                   where: str) -> "tuple[Problem, bool] | None":
    """(problem, refused) if a lat or lon cell is a whole number followed by a cell of digits, and a
    number stands where a text column (place...) is: right after it, or after the other coordinate
    that took the digits (lat 49,76 read as lat 49, lon 76, place 37.77). One number split by its
    decimal comma: refused. Where a ref, note or tags column holds that number, it may be one of its
    own (a brigade's, a count): read as whole degrees, and noted (not refused: `49,37,12` is whole
    degrees and ref 12, and no file tells the two apart)."""
    coordinates = {index for index, _ in columns}
    for index, name in columns:
        if index + 1 >= len(row) or not split_by_decimal_comma(row[index], row[index + 1]):
            continue
        whole, decimals = row[index].strip(), row[index + 1].strip()
        witness = index + 2 if index + 1 in coordinates else index + 1
        if witness >= min(len(row), len(names)) or not _NUMBER_CELL.fullmatch(row[witness]):
            continue
        refused = names[witness] in _TEXT_COLUMNS
        if refused or names[witness] in _NUMBER_MAY_BE:
            return Problem(where, name, f"{whole} and the next cell, {decimals}, "
                                        f"{'look like' if refused else 'read as whole degrees, may be'} "
                                        f"{decimal_comma_said(whole, decimals)}",
                           hint=f'{"Quote" if refused else "If so, quote"} the cell ("{whole},{decimals}") or write '
                                f"{decimal_comma_mended(whole, decimals)}."), refused
    return None


class _CsvLayout:
    """Where the import columns are in a CSV file's rows.

    A row with a cell for every column (the usual case) is kept in the `Batch` as `(where, row)`,
    the list the csv reader made; `entry` turns it, or any shorter row, into the `Entry` the
    planner's general path reads (and `_Planner.csv_row` reads the common case straight from the
    list).
    """

    def __init__(self, columns: list[str]):
        self.columns = columns
        self.width = len(columns)
        self.named = [(index, name) for index, name in enumerate(columns) if name]
        self.unnamed = [index for index, name in enumerate(columns) if not name]
        self.index = {name: index for index, name in self.named}
        self.has_urls = "url" in self.index or "urls" in self.index
        present = frozenset("urls" if name == "url" else name for _, name in self.named)
        if "lat" in present or "lon" in present:
            present |= {"lat", "lon"}
        self.present = present

    def entry(self, where: str, row: list[str]) -> Entry:
        """The row's fields by column name (cells a short row leaves out are empty)."""
        if len(row) == self.width and not self.unnamed:
            fields = dict(zip(self.columns, row))
        else:
            fields = {name: row[index] if index < len(row) else "" for index, name in self.named}
        if self.has_urls:
            urls = fields.pop("urls", "")
            urls = _split_urls(urls) if urls else []
            single = fields.pop("url", "")
            single = _split_urls(single) if single and single.strip() else []  # (a cell of several, too)
            fields["urls"] = [*single, *urls]
        return Entry(where, fields, self.present)


# Excel's first line, "sep=;"; quoted, as a program writing it as a CSV row quotes the ";", or
# followed by a sheet's empty cells
_SEPARATOR_LINE = LazyPattern(r'\ufeff?("?)sep=([,;\t|])\1(?:\2|[,;\t])*\s*$', re.IGNORECASE)
_SEPARATOR_NAMES = {"\t": "(a tab)"}


def column_name(name: str) -> str:
    """A header cell as the column it names: case aside, and spaces or hyphens between words as
    the underscore ("Claimed On", "event-on")."""
    return "_".join(name.strip().lower().replace("-", " ").split())


def _separator(header: str, tabbed: bool = False) -> str:
    """The separator of a CSV file, told by its header, whose names are known: a comma, or a
    semicolon or a tab if it names two columns or more so and a comma does not (Excel in much of
    Europe and Ukraine saves "CSV" with semicolons; a paste from a sheet has tabs). A header of
    names none of which is known (another desk's, a Cyrillic one) is split on a tab if the file is
    `tabbed` (a .tsv: a Google Sheets download), else on the separator that makes it the most cells
    (a comma's, of those as many), so that its columns are named one by one, each with its rename
    hint: a ';' header with a comma inside one name ('Coordinates (lat, lon)') is a ';' header, and a
    comma header with a ';' inside a quoted name stays a comma's."""
    if _named_columns(header, ",") >= 2:
        return ","
    found = next((separator for separator in (";", "\t") if _named_columns(header, separator) >= 2), None)
    if found is not None:
        return found
    if tabbed and "\t" in header:
        return "\t"
    return max((",", ";", "\t"), key=lambda separator: _cells(header, separator))  # (the first of the most)


def _cells(header: str, separator: str) -> int:
    """How many cells `header` is, read as separated by `separator` (a quoted one's aside); one if
    csv cannot read it (a carriage return alone in it: the parse tells what is malformed)."""
    with _field_limit(len(header) + 1):  # (a cell is no longer than its line: an over-long one is the parse's to tell)
        try:
            return len(next(csv.reader([header], delimiter=separator), []))
        except csv.Error:
            return 1


def _named_columns(header: str, separator: str) -> int:
    """How many known columns `header` names, read as separated by `separator`."""
    return sum(column_name(part.strip().strip('"').lstrip("\ufeff")) in CSV_COLUMNS
               for part in header.split(separator))


def _refuse_title(first: str, second: str, name: str) -> None:
    """DataError if `first` (naming no column) is a title above the header, a line naming columns
    (it was an unknown column 'Claims log December 2025;;;;', with no word of where the header
    goes; of more cells than one, 'Claims log, December 2025,,': a comma unquoted in it)."""
    separator = _separator(second)
    if _named_columns(second, separator) < 2:
        return
    try:
        cells = [cell.strip() for cell in next(csv.reader([first], delimiter=separator), []) if cell.strip()]
    except csv.Error:  # (a carriage return alone in it: the parse tells what is malformed)
        return
    if cells:
        title = (" " if separator == "\t" else f"{separator} ").join(cells)
        raise DataError(f"{path_shown(name)}: its first line, {shown(title)}, is a title above the header: the header "
                        "must be the first line", hint="Delete the title row and import it again.")


def _refuse_other_separator(header: str, name: str, own: str = ",") -> None:
    """DataError if `header` (a header cell, or the header line) names columns separated by ";"
    or a tab where the file's separator (`own`, told by `_separator`) is another: a header that
    mixes them. (Not by its own: a semicolon file's lone carriage returns are no mix.)"""
    for separator in (";", "\t"):
        if separator == own:
            continue
        names = [column_name(part.strip().strip('"')) for part in header.split(separator)]
        if sum(part in CSV_COLUMNS for part in names) >= 2:
            raise DataError(f"{path_shown(name)}: the header mixes separators (some columns are separated by "
                            f"{shown(separator)})", hint="Use one separator between every column: commas, "
                                                         "semicolons or tabs.")


_LOOKS_LIKE_JSON = "It looks like JSON: import it with --format jsonl (one object a line) or --format json."
STDIN_NAME = "standard input"  # what an import of `-` calls its file


UNKNOWN_COLUMNS_SHOWN = 50


# What another desk's sheet most likely means by a column of another name (column_name's form)
_COLUMNS_MEANT = {
    **dict.fromkeys(("statement", "claim", "claim_text", "description", "summary"), "text"),
    **dict.fromkeys(("date", "day", "дата"), "claimed_on (the day of the claim; event_on, of what it says happened)"),
    **dict.fromkeys(("claim_date", "date_claimed", "reported_on", "published", "date_reported"), "claimed_on"),
    **dict.fromkeys(("event_date", "date_of_event", "happened_on"), "event_on"),
    **dict.fromkeys(("latitude", "lattitude", "lat."), "lat"),
    **dict.fromkeys(("longitude", "longtitude", "lng", "long", "lon."), "lon"),
    **dict.fromkeys(("coords", "coordinates", "lat_lon", "lat_long", "latlon", "location_coordinates"),
                    "lat and lon (a column each)"),
    **dict.fromkeys(("oblast", "province", "area"), "region"),
    **dict.fromkeys(("location", "settlement", "village", "town", "city"), "place"),
    **dict.fromkeys(("link", "source_url", "source_link"), "url"), "links": "urls",
    **dict.fromkeys(("channel", "account"), "outlet"), **dict.fromkeys(("tag", "hashtags"), "tags"),
    **dict.fromkeys(("notes", "comment", "comments"), "note"), "type": "category",
    # A Ukrainian or Russian desk's sheet names its columns in its own language (ё is often typed е)
    **dict.fromkeys(("текст", "твердження", "заява", "утверждение", "заявление"), "text"),
    **dict.fromkeys(("джерело", "источник"), "source"),
    **dict.fromkeys(("дата_події", "дата_события"), "event_on"),
    **dict.fromkeys(("населений_пункт", "місце", "населённый_пункт", "населенный_пункт", "место"), "place"),
    **dict.fromkeys(("область", "регіон", "регион"), "region"),
    "широта": "lat", **dict.fromkeys(("довгота", "долгота"), "lon"),
    **dict.fromkeys(("посилання", "ссылка"), "url"),
    **dict.fromkeys(("примітка", "примітки", "коментар", "коментарі", "примечание", "примечания", "комментарий",
                     "комментарии"), "note"),
    **dict.fromkeys(("теги", "тег"), "tags"), **dict.fromkeys(("категорія", "категория"), "category"),
}


def _renames(names: list[tuple[str, str]], given: Iterable[str]) -> str:
    """"Rename 'Statement' to text. Drop 'Latitude' (lat is given). " of a file's unknown columns
    or fields (each as said, and as typed) that `_column_meant` can tell; "". A column one of them
    is renamed to counts as given for the next (Claim and Description: one is text, the other
    dropped; review). One typed with a letter that only looks Latin ('sоurce', a Cyrillic о) says
    so: on screen it reads as the column it is renamed to."""
    given = set(given)
    renames, drops = [], []
    for written, name in names:
        what = _column_meant(name, given)
        if what is None:
            continue
        odd = _only_looks_latin(name)
        if what.startswith("to "):
            renames.append(f"{written} {what}" + (f" ({odd})" if odd else ""))
            given.update(_columns_in(what))
        else:
            taken = what.removeprefix("beside ")
            drops.append(f"{written} ({taken} {'are' if ' and ' in taken else 'is'} given{f'; {odd}' if odd else ''})")
    return (f"Rename {', '.join(renames)}. " if renames else "") + (f"Drop {', '.join(drops)}. " if drops else "")


def _columns_in(meant: str) -> list[str]:
    """The columns a `_COLUMNS_MEANT` value or `_column_meant`'s answer names ("lat and lon (a
    column each)": lat, lon), its words in brackets aside."""
    return [name for name in re.findall(r"[a-z_]+", meant.partition(" (")[0]) if name in CSV_COLUMNS]


def _column_meant(column: str, given: Iterable[str] = ()) -> str | None:
    """What to do with `column`: "to COLUMN", the column another sheet most likely means by it
    (`_COLUMNS_MEANT`), or the one it is a slip of ('sorce'); or, when the file `given` that one
    already, "beside COLUMN" (a sheet with both text and Statement: renamed, text would be given
    twice), and of two ("lat and lon") the one it lacks; None if neither."""
    meant = _COLUMNS_MEANT.get(column_name(column))
    if meant is None and _only_looks_latin(column):  # ('sоurce' with a Cyrillic о, 'ｓｏｕｒｃｅ': source)
        meant = column_name(as_latin_letters(column))
    if meant is None:
        found = slips_of(column_name(column), CSV_COLUMNS, count=1) if len(column) > 3 else []
        meant = found[0] if found else None
    if meant is None:
        return None
    given = set(given)
    if meant.startswith("claimed_on (") and "claimed_on" in given:  # (a date beside the claim's: the event's?)
        meant = "event_on" if "event_on" not in given else "claimed_on"
    named = _columns_in(meant)
    taken = [name for name in named if name in given]
    if taken and len(taken) < len(named):  # (coords beside lat alone: its longitude is wanted)
        return f"to {' and '.join(name for name in named if name not in given)}"
    return f"beside {' and '.join(taken)}" if taken else f"to {meant}"


def _only_looks_latin(column: str) -> str | None:
    """"its Cyrillic о only looks Latin" (`only_looks_latin`) of a column or field, as typed, that
    is a known column but for such letters ('sоurce'; 'ｓｏｕｒｃｅ', written in full-width ones); None
    for any other."""
    if column.isascii():
        return None
    latin = as_latin_letters(column)
    return only_looks_latin(column, [latin]) if column_name(latin) in CSV_COLUMNS else None


def _check_header(columns: list[str], name: str, header: list[str]) -> None:
    """`columns`: the `header`'s cells as the columns they name (column_name); an unknown one is
    said as the sheet writes it ('Claim Text', not 'claim_text': the analyst looks for it there)."""
    unknown = [column for column in columns if column and column not in CSV_COLUMNS]
    written = [cell.strip() for cell, column in zip(header, columns) if column and column not in CSV_COLUMNS]
    if unknown and _EXPORT_ONLY_COLUMNS.intersection(columns) and len(_LISTING_COLUMNS.intersection(columns)) >= 5:
        # (its claims would come back without their evidence: the file only counts and names it)
        raise DataError(f"{path_shown(name)} is a CSV listing of claims (`claims list` or `export --format csv`): a flat "
                        "view, with their evidence only counted, which cannot be imported",
                        hint=_MOVE_CLAIMS)
    for column in unknown:
        _refuse_other_separator(column, name)
    if unknown and columns[0].lstrip("\ufeff \t")[:1] in ("{", "["):
        raise DataError(f"{path_shown(name)}: not CSV", hint=_LOOKS_LIKE_JSON)
    if unknown:
        # (every one, the names to rename: a header's, bounded by MAX_COLUMNS; cut only past UNKNOWN_COLUMNS_SHOWN)
        listed = ", ".join(map(shown, written[:UNKNOWN_COLUMNS_SHOWN])) + (
            f" and {len(written) - UNKNOWN_COLUMNS_SHOWN} more" if len(written) > UNKNOWN_COLUMNS_SHOWN else "")
        raise DataError(
            f"{path_shown(name)}: unknown column{'s' if len(unknown) > 1 else ''} {listed}",
            hint=_renames([(shown(cell), cell) for cell in written], columns)
            + f"Known columns: {', '.join(CSV_COLUMNS)}.")
    repeated = sorted({column for column in columns if column and columns.count(column) > 1})
    if repeated:
        raise DataError(f"{path_shown(name)}: column{'s' if len(repeated) > 1 else ''} "
                        f"{', '.join(map(shown, repeated))} appear{'' if len(repeated) > 1 else 's'} more than once")
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        raise DataError(f"{path_shown(name)}: missing required column{'s' if len(missing) > 1 else ''} "
                        f"{', '.join(map(shown, missing))}",
                        hint=f"The header must name {', '.join(REQUIRED_COLUMNS)}; "
                             f"optional: {', '.join(OPTIONAL_COLUMNS)}.")


_NO_STAMP = "must be an ISO time such as 2025-12-07T09:30:00Z"


def _stamp(value: Any, as_given: bool = True) -> str | None:
    """A record's time (created_at, an evidence item's recorded_at...) as every stamp is stored, in
    UTC (see models.utc_stamp; the report and the sorts compare stamps as text); one this cannot
    read, as given if it is short text and `as_given` (an older import kept any: its export must
    import again); else None."""
    if type(value) is not str:
        return None
    if len(value) == 20 and is_utc_stamp(value):  # (most are as written here: no fraction)
        return value
    return utc_stamp(value) or (value if as_given and len(value) <= 40 else None)


_WHERE = LazyPattern(r"(row|line|source|claim) (\d+)")
_WHERE_KINDS = {"file": 0, "source": 1, _CATEGORIES: 2}  # (a document's sources, categories, claims)


def _problem_order(problem: Problem) -> tuple[int, int]:
    match = _WHERE.match(problem.where)
    if match is None:
        return _WHERE_KINDS.get(problem.where, 3), 0
    return (1 if match[1] == "source" else 3), int(match[2])


# Columns only `export --format csv` and `list -f csv` write (exporters.CLAIM_CSV_COLUMNS), none an
# import reads: a header holding one of these, among five of the listing's columns an import does
# not read (its id, side, status, times...), is a listing's, with some columns deleted perhaps; a
# desk's own sheet with an ID and "Supported by" columns is not (review).
_EXPORT_ONLY_COLUMNS = frozenset(("computed_status", "strong_support", "weak_support", "strong_disputes",
                                  "weak_disputes", "supported_by", "disputed_by"))
_LISTING_COLUMNS = _EXPORT_ONLY_COLUMNS | {"id", "side", "status", "assessment", "created_at", "updated_at",
                                           "deleted_at"}


def _split(value: str) -> list[str]:
    """A cell's list: parts between ";" or line breaks (a list typed with Alt+Enter in a sheet)."""
    if "\n" in value:
        value = value.replace("\n", ";")
    return [part.strip() for part in value.split(";") if part.strip()]


# A URL may itself hold ";" (a path parameter, a query): in a cell, only a ";" (with any more, and
# spaces) before the start of the next http(s) URL, or at the end of the cell, separates.
_URL_START = LazyPattern(r"\s*[hH][tT][tT][pP][sS]?://")  # (not IGNORECASE: it would take "ſ" for "s")
# So does a "," before the next URL (a sheet's "a, b"); one inside a URL (a query's ids=1,2) stays.
# (linear: each "," looks on only over the blanks after it)
_URL_COMMA = LazyPattern(r",(?=\s*[hH][tT][tT][pP][sS]?://)")


def _split_urls(value: str) -> list[str]:
    """A cell's URLs (or a JSON text of several), split where the next one starts. One pass over
    the parts between ";", each URL joined once (a regex, or adding to a string part by part,
    took quadratic time on a 1 MB cell)."""
    urls: list[list[str]] = []  # each URL's parts, joined with ";" at the end
    between: list[str] = []  # blank parts since the last URL's text: separators, or inside it
    end = len(value)
    while end and (value[end - 1] in ",;" or value[end - 1].isspace()):
        end -= 1  # (separators ending the cell, a sheet's "a, b,": a link's "," there was stored)
    value = value[:end]
    listed = ";" in value  # (before its commas are: spaces separate after them too, "a, b c")
    if "," in value:
        value = _URL_COMMA.sub(";", value)
    if "\n" in value and all(_URL_START.match(line) for line in value.split("\n") if line.strip()):
        value = value.replace("\n", ";")  # (a list typed with Alt+Enter, a link a line; else left to be refused)
    elif not listed and (" " in value or "\t" in value):
        words = value.replace(";", " ").split()  # (links separated by spaces: a link holds none, so each word is one)
        if len(words) > 1 and all(_URL_START.match(word) for word in words):
            return words
    for part in value.split(";"):
        if not part.strip():
            between.append(part)
            continue
        if _URL_START.match(part):
            urls.append([part])  # (the blank parts before it: a separator)
        elif urls:
            urls[-1] += [*between, part]  # more of the URL before it
        else:
            urls.append([*between, part])  # (a cell opening with ";" keeps them)
        between = []
    return [";".join(parts).strip() for parts in urls]


def _splitter(key: str) -> Callable[[str], list[str]]:
    return _split_urls if key == "urls" else _split


def _load_json(data: bytes | str, name: str, line: int | None = None) -> Any:
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as err:
        out_of_memory(err)
        if line is not None:
            raise
        if _too_deep(err):
            raise DataError(f"{path_shown(name)} {_json_error(err)}", hint=_TOO_DEEP_HINT) from None
        following = _documents_following(data, err)
        if following == _MORE_AFTER:
            raise DataError(f"{path_shown(name)} has more after its JSON document, from line {err.lineno}",
                            hint=following) from None
        if following is not None:
            raise DataError(f"{path_shown(name)} holds more than one JSON document: another begins on line "
                            f"{err.lineno}", hint=following) from None
        raise DataError(f"{path_shown(name)} is not valid JSON: {_json_error(err)}",
                        hint="Check the file with a JSON validator, or import JSON Lines with --format jsonl.") from None


def _documents_following(data: bytes | str, err: orjson.JSONDecodeError) -> str | None:
    """What to do with an array of claims or a whole export followed by another document
    (`jq -c . a.json b.json`), which JSON Lines does not take either; None for anything else (claims
    one to a line are JSON Lines, said as such)."""
    if not str(err).startswith("unexpected content after document"):
        return None
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data  # (err.pos counts characters)
    try:
        first = orjson.loads(text[:err.pos])
    except orjson.JSONDecodeError:
        return None
    # (a document of the forms an import reads: README's claims, sources or categories alone)
    whole = isinstance(first, list) or (isinstance(first, dict) and not _IMPORTED_KEYS.isdisjoint(first))
    if not whole:
        return None
    if text[err.pos:err.pos + 1] not in ("[", "{"):  # (a stray line after it: a log's "done")
        return _MORE_AFTER
    if isinstance(first, list):
        return "Put the claims in one array (`jq -s add` joins arrays of claims), or import each document on its own."
    return "Import each export on its own." if "claims" in first else "Import each document on its own."


_MORE_AFTER = "Remove what follows the document's end, or check the file with a JSON validator."
_IMPORTED_KEYS = frozenset(("claims", "sources", "categories"))


def _too_deep(err: orjson.JSONDecodeError) -> bool:
    """Whether orjson stopped at its nesting limit: valid JSON, maybe, but past what claims reads."""
    return str(err).startswith("depth limit exceeded")


_TOO_DEEP_HINT = "A claims file nests a few levels (a claim, its evidence and history); check what wrote this one."


def _json_error(err: orjson.JSONDecodeError, one_line: bool = False) -> str:
    """orjson's error in words; `one_line`: of a JSON Lines line parsed alone, whose position is
    its column (the line is named beside it). Past the nesting limit, "nests arrays or objects
    more than 1024 deep (...): more than claims reads", not an error of the JSON (a validator
    passes it)."""
    message = str(err)
    if _too_deep(err):
        return (f"nests arrays or objects more than {JSON_MAX_DEPTH} deep "
                f"({'' if one_line else f'line {err.lineno}, '}column {err.colno}): more than claims reads")
    return _ONE_LINE_POSITION.sub(r"column \1", message) if one_line else message


JSON_MAX_DEPTH = 1024  # orjson's own limit on nesting; a claim needs four levels


def _parse_json(stream: BinaryIO, batch: Batch) -> None:
    data = _checked_json(_read_json(stream, batch.name), batch.name)[0]
    if not data.strip():
        raise DataError(f"{path_shown(batch.name)} is empty: a JSON import needs an array or an object")
    laid_out = _laid_out_claims(data)
    if laid_out is not None and _read_laid_out(batch, *laid_out):
        return
    data = _loaded_json(data, batch.name)
    if isinstance(data, dict) and "claims" not in data and "text" in data:
        data = [data]  # one claim, as `claims show --format json` prints it
    if isinstance(data, dict):
        claims = _document_members(batch, data)
    elif isinstance(data, list):
        claims = data
        if claims:
            _check_item_kind(batch.name, claims[0])
    else:
        raise DataError(f"{path_shown(batch.name)}: expected an array of claims or an object with \"claims\", "
                        f"found {json_kind(data)}")
    for number, item in enumerate(claims, start=1):
        _add_claim_entry(batch, f"claim {number}{_label(item)}", item)


def _checked_json(data: bytes, name: str, cut: bool = False) -> tuple[bytes, int]:
    """(`data` without its UTF-8 byte-order mark, the mark's length): DataError if it is a workbook,
    not UTF-8 or UTF-16. `cut`: `data` is a file's first bytes, and may end part-way through a
    character, which is left off."""
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    if bom:
        data = data[bom:]
    if data[:4] in _WORKBOOKS:
        raise _workbook(name, data[:4])
    try:
        unfinished = _check_utf8(data, final=not cut)  # orjson would say "not valid UTF-8" without saying where
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        line_start = data.rfind(b"\n", 0, err.start) + 1
        column = len(data[line_start:err.start].decode("utf-8", "replace")) + 1
        raise _not_utf8(name, line, bom + err.start, data[err.start], column, sheet=False,
                        sample=data[line_start:line_start + 4096]) from None
    if not bom and _utf16_unmarked(data[:4]):
        raise _utf16(name, sheet=False)
    return (data[:len(data) - unfinished] if unfinished else data), bom


def _loaded_json(data: bytes, name: str) -> Any:
    """`data` parsed; DataError if it is not JSON, naming CSV if it begins as a sheet's header."""
    try:
        return _load_json(data, name)
    except DataError:
        _refuse_csv(name, data[:4096], "JSON")
        raise


def _read_json(stream: BinaryIO, name: str) -> bytes:
    """The whole of a JSON file, which is one value and read whole. But a file whose first bytes
    are not UTF-8, or whose first (not blank) is not the `[` or `{` a claims document begins with
    (/dev/zero, /dev/urandom, a binary file named .json, a CSV), is first read only as far as
    _JSON_HEAD: if that shows the error the whole file has, it is refused without reading on, as
    CSV and JSON Lines are at their first line (`head -c 500M /dev/zero | claims import - -f json`
    read 500 MB into memory before "unexpected character ... (char 0)", and /dev/urandom until
    the process was killed)."""
    head = _peeked(stream)
    start = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    first = start.lstrip(b" \t\r\n")[:1]
    if first and first in b"[{" and _utf8_so_far(start):  # (a claims document: read it whole)
        return stream.read()
    head = stream.read(_JSON_HEAD)
    more = stream.read(1)
    if not more:
        return head  # the whole file
    data = _checked_json(head, name, cut=True)[0]
    if not data.strip():  # (blanks alone so far, past the first look's (review): the whole tells)
        return head + more + stream.read()
    try:
        orjson.loads(data)
    except orjson.JSONDecodeError as err:
        if not str(err).startswith("unexpected end of data"):  # (an error within the first bytes)
            _loaded_json(data, name)
    return head + more + stream.read()  # (a long string or number, say: the whole tells)


_JSON_HEAD = 1 << 20


def _peeked(stream: BinaryIO) -> bytes:
    """The first bytes of `stream` (a few kilobytes, or fewer from a pipe), left to be read."""
    peek = getattr(stream, "peek", None)  # (a file, standard input: io.BufferedReader)
    if peek is not None:
        return peek(_PEEK)[:_PEEK]
    if stream.seekable():  # (io.BytesIO)
        at = stream.tell()
        head = stream.read(_PEEK)
        stream.seek(at)
        return head
    return b""


_PEEK = 4096


def _utf8_so_far(data: bytes) -> bool:
    """Whether `data`, the start of a file, is UTF-8 (perhaps ending part-way through a character)."""
    try:
        _check_utf8(data, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _check_utf8(data: bytes, final: bool = True) -> int:
    """UnicodeDecodeError (positioned in `data`) unless `data` is UTF-8; a megabyte at a time, so
    that checking a 200 MB file never makes a 200-400 MB string. Not `final`: `data` may end
    part-way through a character; the count of its bytes there (0 when `final`)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for start in range(0, len(data), _UTF8_CHECK_STEP):
            decoder.decode(view[start:start + _UTF8_CHECK_STEP])
        decoder.decode(b"", final=final)
    except UnicodeDecodeError:
        data.decode("utf-8")  # the error again, with its position in the whole file
        raise
    return len(decoder.getstate()[0])


_UTF8_CHECK_STEP = 1 << 20


def _check_document_kind(name: str, document: dict) -> None:
    """A JSON object that is not a claims document this version reads says what it is instead:
    a database file (whose claims are a table, not a list), another format, a newer export."""
    if isinstance(document.get("claims"), dict) and isinstance(document.get("meta"), dict):
        from .plain import shell_quoted

        database = "DATABASE" if name == STDIN_NAME else shell_quoted(name)
        raise DataError(f"{path_shown(name)} is a claims database, not an export: claims move between databases as one",
                        hint=f"Run `claims --db {database} export --format json --output export.json`, then import "
                             "export.json.")
    if document.get("type") in ("FeatureCollection", "Feature"):
        raise DataError(f"{path_shown(name)} is GeoJSON (`export --format geojson`): a map of the claims, without their "
                        "evidence, which cannot be imported", hint=_MOVE_CLAIMS)
    kind, version = document.get("format"), document.get("version")
    if kind is not None and kind != EXPORT_FORMAT:
        raise DataError(f"{path_shown(name)} is not a claims export: its format is {shown(kind)}, not {EXPORT_FORMAT!r}")
    if kind is not None and type(version) is int and version > EXPORT_VERSION:
        raise DataError(f"{path_shown(name)} is a claims export of version {version}, written by a newer claims; this one "
                        f"reads up to version {EXPORT_VERSION}", hint="Upgrade claims to import it.")


_MOVE_CLAIMS = "To move claims between databases, export with --format json or --format jsonl and import that file."


def _check_item_kind(name: str, item: Any) -> None:
    """An array that is not of claims says what it is instead: ClaimReview markup, a listing of
    sources (each was "unknown fields aliases, claims, grade...")."""
    if isinstance(item, dict) and item.get("@type") == "ClaimReview":
        raise DataError(f"{path_shown(name)} is ClaimReview markup (`export --format claimreview`): reviews of the claims, "
                        "without their evidence, which cannot be imported", hint=_MOVE_CLAIMS)
    # (not a JSON Lines source line, {"type": "source", ...}: its own problem says where it goes)
    if isinstance(item, dict) and "name" in item and "side" in item and "text" not in item and "type" not in item:
        raise DataError(f"{path_shown(name)} is a listing of sources (`claims sources list`), not of claims",
                        hint='To import the sources, put the array in an object as {"sources": [...]}; to move '
                             "claims with their sources, export with --format jsonl.")


_DOCUMENT_MEMBERS = ("claims", "sources", "categories")


def _check_member_names(name: str, document: dict) -> None:
    """An array under a key that is a member written otherwise ("sourcess", "Sources") is refused:
    read past as metadata is, its sources' sides and grades, or its categories, would be left out
    unsaid. Metadata a tool adds ("source": "desk-a scraper", "resources": {...}) is no array."""
    for key, value in document.items():
        if type(value) is list and key not in _DOCUMENT_MEMBERS and type(key) is str:
            meant = closest(key, _DOCUMENT_MEMBERS, count=1, cutoff=0.75)
            if meant:
                raise DataError(f'{path_shown(name)}: the JSON object has "{show_controls(shortened(key, 40))}", which is not a '
                                f'member of a claims document: did you mean "{meant[0]}"?',
                                hint='A document has "claims", "sources" and "categories" arrays; other keys are read '
                                     'past.')


def _document_members(batch: Batch, document: dict) -> Any:
    """The sources and categories of a JSON document read into `batch`; its claims returned."""
    claims, sources, categories = (document.get("claims"), document.get("sources") or [],
                                   document.get("categories") or [])
    _check_document_kind(batch.name, document)
    _check_member_names(batch.name, document)
    if claims is None:
        if "sources" not in document and "categories" not in document:
            raise DataError(f"{path_shown(batch.name)}: the JSON object has no \"claims\" array",
                            hint="Give an array of claims, or an object with one under \"claims\" (as an export "
                                 "with --format json writes), or with \"sources\" or \"categories\".")
        claims = []  # (a registry alone, as JSON Lines source and category lines are read)
    if not isinstance(claims, list):
        raise DataError(f"{path_shown(batch.name)}: \"claims\" must be an array of claim objects")
    if not isinstance(sources, list):
        raise DataError(f"{path_shown(batch.name)}: \"sources\" must be an array of source objects")
    if not isinstance(categories, list):
        raise DataError(f"{path_shown(batch.name)}: \"categories\" must be an array of names")
    for number, item in enumerate(sources, start=1):
        where = f"source {number}" + (f" ({escaped(shortened(item['name'], 40))})" if isinstance(item, dict)
                                      and isinstance(item.get("name"), str) else "")
        _add_source_entry(batch, where, item)
    batch.categories = []
    for number, item in enumerate(categories, start=1):
        if isinstance(item, dict):  # (as a JSON Lines line writes it: checked as one is)
            problem = _shape_problem(item, "category", CATEGORY_OBJECT_KEYS, "category field")
            if problem is None and item.get("type", "category") == "category" and isinstance(item.get("name"), str):
                item = item["name"]
            elif problem is not None:  # (a problem of the list, not a record: as a bad name's, add_sources)
                batch.problems.append(Problem(_CATEGORIES, "category", f"item {number}: {problem}"))
                continue
        if not isinstance(item, str):
            batch.problems.append(Problem(_CATEGORIES, "category",
                                          f'item {number} must be a name, or an object with one ("name")'))
            continue
        batch.categories.append(item)
    return claims


# How `claims export -f json` (and `list -f json`) lay claims out: orjson's two-space indent, where
# a raw line break is only ever between values (it escapes those in strings), so these bytes
# occur only where one claim of the array ends and the next begins.
_EXPORT_CLAIMS_OPEN = b'\n  "claims": [\n    {\n'
_EXPORT_CLAIMS_CLOSE = b"\n    }\n  ]\n}"
_EXPORT_CLAIM_BETWEEN = b"\n    },\n    {\n"
_LIST_OPEN, _LIST_CLOSE, _LIST_BETWEEN = b"[\n  {\n", b"\n  }\n]", b"\n  },\n  {\n"


def _laid_out_claims(data: bytes) -> tuple[dict | None, list] | None:
    """(the document's other members, or None for a bare array; each claim's bytes, unparsed) for a
    JSON file laid out as `claims export -f json` or `list -f json` write it, so that the claims of
    a large export are parsed one at a time, as JSON Lines are; None for any other layout."""
    end = len(data) - 1 if data.endswith(b"\n") else len(data)
    if data.startswith(_LIST_OPEN) and data.endswith(_LIST_CLOSE, 0, end):
        head, start, close, between = None, len(_LIST_OPEN) - 2, end - len(_LIST_CLOSE) + 4, _LIST_BETWEEN
    elif data.startswith(b"{") and data.endswith(_EXPORT_CLAIMS_CLOSE, 0, end):
        opened = data.rfind(_EXPORT_CLAIMS_OPEN)
        if opened < 0:
            return None
        try:
            head = orjson.loads(data[:opened] + b'\n  "claims": []\n}')
        except orjson.JSONDecodeError:
            return None
        if not isinstance(head, dict):
            return None
        start, close, between = opened + len(_EXPORT_CLAIMS_OPEN) - 2, end - len(_EXPORT_CLAIMS_CLOSE) + 6, \
            _EXPORT_CLAIM_BETWEEN
    else:
        return None
    view = memoryview(data)
    claims = []
    find, step = data.find, len(between)
    brace = between.index(b"}") + 1  # a claim ends just after its closing brace...
    at = find(between, start, close)
    while at >= 0:
        claims.append(view[start:at + brace])
        start = at + step - 2  # ...and the next starts at its opening one
        at = find(between, start, close)
    claims.append(view[start:close])
    return head, claims


def _read_laid_out(batch: Batch, head: dict | None, claims: list) -> bool:
    """`_parse_json` of a laid-out file, each claim parsed here to check it and kept as a JSON
    Lines claim is (`Batch.keep_json`). False, with the batch
    left empty, if something is not as the layout promised (a claim that is not one JSON value,
    members of the wrong type): the whole file is then parsed and reported on as any other."""
    loads = orjson.loads
    try:
        if head is not None:
            _document_members(batch, head)
        for number, raw in enumerate(claims, start=1):
            item = loads(raw)
            if number == 1:
                _check_item_kind(batch.name, item)  # (which the whole file's parse then says)
            where = f"claim {number}{_label(item)}"
            if _claim_fields(batch.problems, where, item) is not None:
                batch.keep_json(where, raw, item)
    except (orjson.JSONDecodeError, DataError):
        batch.claims.clear()
        batch.sources.clear()
        batch.problems.clear()
        batch.categories = []
        return False
    return True


def _label(item: Any) -> str:
    """` (ref)` to name a JSON claim in problems; user text, so what does not print is escaped
    (`\\x1b`, `\\u200b`), as `shown` writes it. A ref of invisible characters alone is none (clean_ref)."""
    if isinstance(item, dict):
        for key in ("ref", "id"):
            if isinstance(item.get(key), str) and (label := item[key].strip()) and not invisible_only(label):
                return f" ({escaped(shortened(label, 40))})"
    return ""


def _parse_jsonl(stream: BinaryIO, batch: Batch) -> None:
    loads = orjson.loads
    opening = True  # (before the first line that is not blank)
    document = None  # what a first line that is a JSON document of its own holds (said once the file is read)
    for first, offset, block in _blocks(stream, batch.name, sheet=False):
        # (each line found by memchr, as BytesIO reads it: bytes.split looked at every byte, 8
        # million instructions of a 1.6 MB file; a line is taken without its line end, as split gave it)
        for number, raw in enumerate(io.BytesIO(block), start=first):
            if raw[-1:] == b"\n":
                raw = raw[:-1]
            if not raw.strip():
                offset += len(raw) + 1
                continue
            if document is not None:  # (`jq -c . a.json b.json`: an array to a line, neither format's)
                raise DataError(f"{path_shown(batch.name)}: {document}, and more lines follow: JSON Lines holds one "
                                "claim to a line", hint="Put each claim on a line of its own (`jq -c '.[]'` does), "
                                                        "or give one JSON document with --format json."
                                if document.endswith("array of claims") else
                                "Import each export on its own, with --format json.")
            where = f"line {number}"
            try:
                item = loads(raw)
            except orjson.JSONDecodeError as err:
                out_of_memory(err)
                _decode(raw, batch.name, number, offset, sheet=False)  # not UTF-8: say where, for the whole file
                if opening and (raw.strip() == b"{" or raw.lstrip()[:1] == b"[" or _DOCUMENT_OPENING.match(raw)):
                    _one_document(batch.name)  # (an indented JSON document: no JSON Lines line is an
                    # array, a lone brace or an export's opening; a broken claim line is a problem of its own)
                if opening:  # (from this line on: the lines before it are blank, so it is found where it is)
                    start = block.find(raw)
                    _refuse_csv(batch.name, block[start:start + 4096], "JSON Lines")
                said = _json_error(err, one_line=True)  # (the line is `where`)
                fix = _NO_NAN if _NAN.match(raw, _byte_at(raw, err.pos)) else None  # (at the error, not in a text)
                batch.problems.append(Problem(where, None, said, _TOO_DEEP_HINT) if _too_deep(err) else
                                      Problem(where, None, f"not valid JSON ({said})", fix))
                offset += len(raw) + 1
                opening = False
                continue
            if opening and (isinstance(item, list) or (isinstance(item, dict) and isinstance(item.get("claims"), list))):
                # (a JSON document on one line: an array, or an export's claims; a `sources list` line has
                # a count of them): refused as one when no line follows
                document = f"{where} is an array of claims" if isinstance(item, list) else \
                    f"{where} is a whole export (its claims on one line)"
                opening = False
                offset += len(raw) + 1
                continue
            if opening and isinstance(item, dict) and (item.get("type") in ("FeatureCollection", "Feature")
                                                       or "@type" in item):
                _check_document_kind(batch.name, item)  # (a map or reviews, one to a line: said what it is)
                _check_item_kind(batch.name, item)
            opening = False
            offset += len(raw) + 1
            if type(item) is dict and ("ref" in item or "id" in item):  # (named as a JSON document's claim is)
                where += _label(item)
            if isinstance(item, dict) and item.get("type") == "source":
                _add_source_entry(batch, where, item)
            elif isinstance(item, dict) and item.get("type") == "category":
                _add_category_entry(batch, where, item)
            else:
                problems = _claim_problems(where, item)
                if problems and _untyped(item):
                    problems = [_untyped_line(where, item)]
                if problems:
                    batch.problems.extend(problems)
                else:
                    batch.keep_json(where, raw, item)
    if document is not None:  # (the whole file one document on a line)
        _one_document(batch.name)


def _two_claims(earlier: tuple, later: tuple) -> bool:
    """Whether two exported records alike (by ref, or source, day, place and statement) are two
    claims of the database they came from: other IDs, and recorded at other times or saying other
    things (written otherwise at all: ё for е is another text here). The same ID is the record
    given twice; the same time and statement, one claim that two desks' exports both hold (desk B's
    C-0004 is desk A's C-0001, imported), or two that `add --force` made of one statement within a
    second, which read as one."""
    (first_id, first_at, first_text), (second_id, second_at, second_text) = earlier, later
    return first_id != second_id and (first_at != second_at or first_text != second_text)


def _untyped(item: Any) -> bool:
    """Whether `item` is a `sources list` or `categories list` line: no type, and only a source's
    fields (its side among them) or a category's."""
    return type(item) is dict and "type" not in item and "name" in item and (
        ("side" in item and SOURCE_OBJECT_KEYS.issuperset(item)) or set(item) <= {"name", "built_in"})


def _untyped_line(where: str, item: dict) -> Problem:
    """The problem of a line that names a source or category without saying so (a `sources list`
    or `categories list` line): what it lacks, not its fields a claim does not have."""
    kind = "category" if set(item) <= {"name", "built_in"} else "source"
    return Problem(where, None, f'no claim (it has no "text"): a {kind} line needs "type": "{kind}"',
                   f'Add "type": "{kind}" to each such line (jq -c \'. + {{type: "{kind}"}}\'), or move '
                   "sources and categories with their claims: claims export --format jsonl.")


_ONE_LINE_POSITION = LazyPattern(r"line 1 column (\d+) \(char \d+\)")  # orjson's, of a line parsed alone
_NAN = LazyPattern(rb"(?:NaN|-?Infinity)\b")  # what Python's json.dumps writes for float("nan")


def _byte_at(raw: bytes, position: int) -> int:
    """The byte offset in `raw` of orjson's error position (a character's)."""
    try:
        return len(raw.decode("utf-8")[:position].encode("utf-8"))
    except UnicodeDecodeError:
        return position
_NO_NAN = "JSON has no NaN or Infinity: write null for a missing number."
# The first line of a JSON document laid out by hand: `{ "claims": [` (no claim line has these keys)
_DOCUMENT_OPENING = LazyPattern(rb'\s*\{\s*"(?:claims|sources|categories|format)"\s*:')


def _one_document(name: str) -> None:
    """Refuse a JSON document read as JSON Lines at its first line, with the format it needs (each
    of its lines would be a problem of its own: hundreds of them, and no hint)."""
    raise DataError(f"{path_shown(name)} holds one JSON document, not JSON Lines", hint="Import it with --format json.")


def _refuse_csv(name: str, head: bytes, what: str) -> None:
    """Refuse a CSV under a JSON name (the CSV a sheet saves, named .json) at its first line, if
    that names columns as a CSV header does, or is Excel's "sep=;" line and the line after it does:
    orjson's "invalid literal, expected 'true'" gave no hint. `head`: the file's first bytes, from
    the line it stopped at (its first two lines are all that is read, blank lines before them
    passed over, as the CSV reader does: "\n\nsep=;" was read as no header)."""
    lines = head.decode("utf-8", "replace").lstrip("\ufeff").lstrip().split("\n", 2)
    said = _SEPARATOR_LINE.match(lines[0]) is not None and len(lines) > 1
    header = lines[1] if said else lines[0]
    if _named_columns(header, _separator(header)) >= 2:  # (a sep= line naming another: --format csv says so)
        first = "Excel's sep= line, then a header" if said else "a header"
        raise DataError(f"{path_shown(name)} holds CSV (its first line is {first}), not {what}",
                        hint="Import it with --format csv.")


def _shape_problem(item: Any, what: str, allowed: frozenset | set, field_label: str) -> str | None:
    """Why `item` is not a `what` record: not an object, or fields it may not have; else None."""
    if not isinstance(item, dict):
        return f"a {what} must be a JSON object"
    if allowed.issuperset(item):
        return None
    unknown = sorted(set(item) - allowed)
    if unknown:
        return f"unknown {field_label}{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}"
    return None


def _add_source_entry(batch: Batch, where: str, item: Any) -> None:
    problem = _shape_problem(item, "source", SOURCE_OBJECT_KEYS, "source field")
    if problem:
        batch.problems.append(Problem(where, None, problem))
        return
    batch.sources.append(Entry(where, item))


def _add_category_entry(batch: Batch, where: str, item: dict) -> None:
    problem = _shape_problem(item, "category", CATEGORY_OBJECT_KEYS, "category field")
    if problem is None and not isinstance(item.get("name"), str):
        problem = "a category line needs a name (text)"
    if problem:
        batch.problems.append(Problem(where, None, problem))
        return
    batch.category_lines[len(batch.categories)] = where
    batch.categories.append(item["name"])  # (checked with a document's "categories")


def _add_claim_entry(batch: Batch, where: str, item: Any) -> None:
    entry = _claim_fields(batch.problems, where, item)
    if entry is not None:
        batch.claims.append(entry)


def _claim_problems(where: str, item: Any) -> list[Problem]:
    """What makes `item` no claim record `_claim_fields` can take (nothing: an empty list)."""
    if isinstance(item, dict) and item.get("type") not in (None, "claim"):  # (first: its fields are another kind's)
        if item["type"] in ("source", "category"):  # (a JSON document's claims: JSON Lines reads them apart)
            table = "sources" if item["type"] == "source" else "categories"
            return [Problem(where, "type", f'a {item["type"]} among the claims: give it under "{table}", beside '
                                           f'"claims" ({{"{table}": [...], "claims": [...]}})')]
        return [Problem(where, "type", f"{shown(item['type'])} is not claim, source or category")]
    problem = _shape_problem(item, "claim", CLAIM_OBJECT_KEYS, "field")
    if problem:
        renames = _renames([(key, key) for key in sorted(set(item) - CLAIM_OBJECT_KEYS) if type(key) is str], item) \
            if isinstance(item, dict) else ""
        return [Problem(where, None, problem, hint=renames.strip() or None)]
    problems: list[Problem] = []
    for key in ("tags", "urls"):
        value = item.get(key)
        if not (value is None or isinstance(value, str) or (isinstance(value, list) and _all_text(value))):
            problems.append(Problem(where, key, "must be a list of text"))
    url = item.get("url")
    if url not in (None, "") and not isinstance(url, str):
        problems.append(Problem(where, "url", "must be text"))
    return problems


def _all_text(values: list) -> bool:
    """Whether every one of `values` is text: `all` over a generator, made twice for each record
    read, cost twice this loop (3,400 instructions a record of an import)."""
    for value in values:
        if not isinstance(value, str):
            return False
    return True


def _claim_fields(problems_found: list[Problem], where: str, item: Any) -> Entry | None:
    """The claim record `item` as an Entry, or None with its problems noted."""
    problems = _claim_problems(where, item)
    if problems:
        problems_found.extend(problems)
        return None
    fields: dict[str, Any] = {}
    for key in ("tags", "urls"):
        if key in item:
            value = item[key]
            fields[key] = (_splitter(key)(value) if isinstance(value, str) else list(value or ()))  # (a copy:
            # the record may be kept, as parsed, for the planner: Batch.keep_json)
    if item.get("url") not in (None, ""):
        fields.setdefault("urls", []).append(item["url"])
    for key in EDITABLE_FIELDS:
        if key in item and key not in ("tags", "urls"):
            value = item[key]
            if key in MULTILINE_FIELDS and isinstance(value, str) and "\r" in value:
                value = value.replace("\r\n", "\n")
            fields[key] = value
    present = frozenset(fields)
    if "lat" in present or "lon" in present:
        present |= {"lat", "lon"}
    present = _PRESENT.setdefault(present, present)
    for key in ("id", "status", "assessment", "evidence", "history", "created_at", "deleted_at"):
        if key in item:
            fields[key] = item[key]
    return Entry(where, fields, present)


# Each set of fields records give, held once: a JSON document's records are all read before they
# are planned, and a set of its own took each 216 bytes or more (a million `{}`, 3 MB, took 520 MB).
_PRESENT: dict[frozenset, frozenset] = {}


_EDITABLE = frozenset(EDITABLE_FIELDS)


def _parsed_entry(where: str, item: dict) -> Entry:
    """`_claim_fields(..., item)` for a freshly parsed record it accepted before (so without
    problems): the same fields, made in place. Keys it would leave out ("type", "url", export
    keys such as "computed_status") are dropped or left unread, as the planner reads fields by name."""
    for key in ("tags", "urls"):
        if key in item:
            value = item[key]
            item[key] = (_splitter(key)(value) if type(value) is str else value) or []
    url = item.pop("url", None)
    present = _EDITABLE.intersection(item)
    if url not in (None, ""):
        item.setdefault("urls", []).append(url)
        present = present | {"urls"}
    for key in MULTILINE_FIELDS:
        value = item.get(key)
        if type(value) is str and "\r" in value:
            item[key] = value.replace("\r\n", "\n")
    if "lat" in present or "lon" in present:
        present = present | {"lat", "lon"}
    return Entry(where, item, present)


# ------------------------------------------------------------------------------ validation

_UNKNOWN_SOURCE_FIX = ("Add it first (`claims sources add NAME --side SIDE`), or import the other desk's export, "
                       "which carries its sources (`export --format jsonl` there)")


def _source_message(err: InvalidValue) -> str:
    """'unknown source 'Telegarm' (did you mean: Telegram?)' from the registry's NotFound hint."""
    hint = err.hint or ""
    if hint.startswith("Did you mean:"):
        return f"{err.message} ({hint[:hint.index('?') + 1].replace('Did you mean', 'did you mean')})"
    return err.message


def _fix(err: InvalidValue, name: str, value: Any) -> str | None:
    """The fix said for a record's problem: its own hint, but for a source's. A slip of a known
    source's name has none (the message names the close ones); another unknown one is added, or
    comes with the export that carries it, but for a name holding ';' or an invisible character,
    which `sources add` refuses: the registry's own hint says so, as `add` does (`SourceRegistry.get`)."""
    if name != "source":
        return err.hint
    if (err.hint or "").startswith("Did you mean"):
        return None
    if err.message.startswith("unknown source") and ";" not in str(value) and invisible_in_name(str(value)) is None:
        return _UNKNOWN_SOURCE_FIX
    return err.hint


def _collect(build: Callable[[dict], Any], fields: dict, stand_ins: dict, where: str,
             prefix: str = "") -> tuple[Any, list[Problem]]:
    """Run `build(fields)`; on each InvalidValue note it, stand in a good value, and try again."""
    problems: list[Problem] = []
    tried: set[str] = set()
    fields = dict(fields)
    while True:
        try:
            result = build(fields)
        except InvalidValue as err:
            name = err.field or "value"
            key = _FIELD_KEYS.get(name, name)
            if key in tried:
                if key in ("lat", "lon") and (fields.get("lat"), fields.get("lon")) != (None, None):
                    fields["lat"] = fields["lon"] = None  # "needs both": the other one stood in
                    continue
                return None, problems  # a consequence of a stand-in, not news
            message = _source_message(err) if name == "source" else err.message
            problems.append(Problem(where, prefix + name, message, _fix(err, name, fields.get(key))))
            if key not in stand_ins:
                return None, problems
            tried.add(key)
            fields[key] = stand_ins[key]
        else:
            return (None if problems else result), problems


def _problem(where: str, field_name: str | None, err: Exception) -> Problem:
    return Problem(where, field_name, getattr(err, "message", str(err)), getattr(err, "hint", None))


# An http(s) address that clean_url accepts unchanged: printable ASCII only (so nothing to strip,
# normalise or flag as a control character), a lower-case scheme, and a non-empty host part
# without the brackets urlsplit checks. Anything else goes through clean_url itself.
_PLAIN_URL = re.compile(r'https?://[!"$-.0->@-Z^-~]+(?:[/?#][!-\[\]-~]*)?')  # (no backslash: see clean_url)


def _plain_urls(raw: list) -> list[str] | None:
    """`clean_urls(raw)` when every item is a plain address (see _PLAIN_URL), else None."""
    if len(raw) > MAX_URLS:
        return None
    urls: list[str] = []
    for url in raw:
        if type(url) is not str or len(url) > MAX_URL or _PLAIN_URL.fullmatch(url) is None:
            return None
        if url not in urls:
            urls.append(url)
    return urls


def _source_name(registry) -> Callable[[Any], str]:
    """The cleaner of a claim's or an evidence item's source: the registry's name of the one given.
    (It refers to the registry, not to the planner: see _FastClaims' cleaners.)"""
    return lambda raw: registry.get(clean_text(raw, "source", required=True, limit=MAX_NAME)).name


class _FastClaims:
    """`models.build_claim` for the common case, about 3x faster per row (issue 6: 100,000 rows).

    The values that repeat across rows (sources, dates, places, regions, categories, tags,
    coordinates) are cleaned once each by the same `models` functions and remembered; only the
    statement itself is cleaned on every row. `build` returns exactly what build_claim returns, or
    None when anything is wrong or unusual, and then build_claim itself decides and explains.
    tests/test_import.py checks the two agree.
    """

    def __init__(self, registry, categories):
        self.registry = registry
        self.categories = categories = list(categories)
        day = today()  # (what a date may not be after: read once, not for each date cleaned)
        # (no cleaner refers to self: a cycle left the planner and its indexes of 100,000 rows to
        # the collector, which freed them in 0.1-0.4 s, against 0.03 s freed as the import ends)
        self.cleaners: dict[str, Callable[[Any], Any]] = {
            "source": _source_name(registry),
            "outlet": lambda v: clean_text(v, "outlet", limit=MAX_SHORT),
            "claimed_on": self._date("claimed_on", True, day),
            "event_on": self._date("event_on", False, day),
            "place": lambda v: clean_text(v, "place"),
            "region": lambda v: clean_text(v, "region"),
            "lat": lambda v: clean_coordinate(v, "lat"),
            "lon": lambda v: clean_coordinate(v, "lon"),
            "category": lambda v: clean_category(v, categories),
            "tags": lambda v: tuple(clean_tags((_split(v) if type(v) is str else v) or [])),
            "urls": lambda v: tuple(clean_urls(v or [])),
            "ref": clean_ref,
            "note": lambda v: clean_text(v, "note", multiline=True, limit=MAX_NOTE),
        }
        cleaners = self.cleaners
        # build_claim's `read_date`: a date's text read by this import's cleaner of its field, each
        # distinct text once (`_date`), when a row takes the general path
        self.read_date: Callable[[str, str], str] = lambda name, raw: cleaners[name](raw)
        text_only, number = (str,), (str, int, float)
        # In build_claim's output order: (name, cache, cleaner, accepted types or None for lists).
        self.fields = tuple(
            (name, None if name in ("ref", "note") else {}, self.cleaners[name],
             None if name in ("tags", "urls") else number if name in ("lat", "lon") else text_only)
            for name in ("source", "outlet", "claimed_on", "event_on", "place", "region", "lat", "lon",
                         "category", "tags", "urls", "ref", "note"))

    @staticmethod
    def _date(name: str, required: bool, day: date) -> Callable[[Any], Any]:
        latest = latest_event_day() if name in EVENT_FIELDS else latest_day()
        # Each distinct cell is read once, and its refusal remembered too (its message and hint: an
        # exception kept would keep its traceback's frames): a column repeats a few dates down
        # 200,000 rows, and an ambiguous one (03/04/2025) was read again by each path a row took
        read: dict[str, str | tuple[str, str | None]] = {}

        def clean(raw):
            if raw is None or not raw.strip():
                if required:
                    raise InvalidValue(f"{name} is missing", field=name)
                return None
            try:
                said = read[raw]
            except KeyError:
                try:
                    said = parse_date(raw, field=name, reference=day, latest=latest, earliest=EARLIEST_DAY).isoformat()
                except InvalidValue as err:
                    said = (err.message, err.hint)
                read[raw] = said
            if type(said) is str:
                return said
            raise InvalidValue(*said)
        return clean

    def build(self, fields: dict, record: dict | None = None) -> dict | None:
        """The claim's fields, added to `record` (a fresh dict, e.g. {"id": None} so the stored
        record needs no copy to put its ID first) or to a new dict."""
        get = fields.get
        text = get("text")
        if type(text) is not str:
            return None
        if record is None:
            record = {}
        try:
            record["text"] = clean_text(text, "text", required=True, multiline=True, limit=MAX_TEXT)
            for name, cache, clean, kinds in self.fields:
                raw = get(name)
                if kinds is None:  # tags, urls: a list (or, for tags, the CSV cell)
                    if name == "urls" and type(raw) is list and raw:
                        # Addresses rarely repeat: a plain one is checked by one regex instead
                        # of clean_url's strip, NFC, control scan and urlsplit (same verdict).
                        plain = _plain_urls(raw)
                        if plain is not None:
                            record[name] = plain
                            continue
                    if raw is None or type(raw) is str:
                        key = raw
                    elif type(raw) is list:
                        key = tuple(raw)
                    else:
                        return None
                    try:
                        value = cache[key]
                    except KeyError:
                        value = cache[key] = clean(raw)
                    record[name] = list(value)
                    continue
                if cache is None:  # values that rarely repeat are not worth remembering
                    if raw is None or raw == "":
                        record[name] = None  # what clean_text makes of them
                        continue
                    if type(raw) not in kinds:
                        return None
                    record[name] = clean(raw)
                    continue
                try:
                    record[name] = cache[raw]
                except KeyError:
                    if raw is not None and type(raw) not in kinds:
                        return None
                    record[name] = cache[raw] = clean(raw)
            if (record["lat"] is None) != (record["lon"] is None) or type(get("lat")) is bool \
                    or type(get("lon")) is bool:
                return None
            return record
        except (ClaimsError, TypeError, ValueError):
            return None



class _Unusual(Exception):
    """A value the cached paths leave to build_claim, which decides and explains."""


class _Cleaned(dict):
    """A cell's text -> its cleaned value: each distinct value is cleaned once (by `clean`, one of
    the `models.clean_*` validators); a value it refuses raises _Unusual (and is not remembered)."""

    __slots__ = ("clean",)

    def __init__(self, clean: Callable[[str], Any]):
        super().__init__()
        self.clean = clean

    def __missing__(self, raw: str) -> Any:
        try:
            value = self.clean(raw)
        except (ClaimsError, TypeError, ValueError):
            raise _Unusual() from None
        self[raw] = value
        return value


# The CSV cells `_CsvRows` reads, in this order (a column the header lacks reads as empty).
_CSV_CELLS = ("text", "source", "outlet", "claimed_on", "event_on", "place", "region", "lat", "lon",
              "category", "tags", "url", "urls", "ref", "note")


class _CsvRows:
    """`_FastClaims.build` for a full CSV row (see `_CsvLayout`), read straight from the csv
    reader's list of cells: no dict of fields per row, one cleaning per distinct value of the
    cells that repeat (every one but the statement, ref and note), and the same result, or None
    when anything is wrong or unusual (then `_Planner.claim` and build_claim decide and explain).
    tests/test_import.py checks the two agree.
    """

    def __init__(self, fast: _FastClaims, layout: _CsvLayout):
        self.layout = layout
        cleaners = fast.cleaners
        self.relative_values: set[str] = set()  # date cells read from the day of the import, as cleaned
        self.caches = tuple(_Cleaned(self._noting(cleaners[name]) if name in ("claimed_on", "event_on")
                                     else cleaners[name]) for name in (
            "source", "outlet", "claimed_on", "event_on", "place", "region", "lat", "lon", "category"))
        self.tags = _Cleaned(lambda raw: tuple(clean_tags(_split(raw))))
        self.urls: dict[tuple, tuple] = {}
        absent = layout.width  # a column the header lacks: a cell appended to each row
        self.pad = any(name not in layout.index for name in _CSV_CELLS)
        self.pick = itemgetter(*(layout.index.get(name, absent) for name in _CSV_CELLS))
        # the date cells: (column, its index in the row, its index in `fields`)
        self.dates = [(name, layout.index[name], 3 + number) for number, name in enumerate(("claimed_on", "event_on"))
                      if name in layout.index]

    def _noting(self, clean: Callable[[str], Any]) -> Callable[[str], Any]:
        """`clean`, remembering each value read from the day of the import (once: values are cached)."""
        relative_values = self.relative_values  # (not self: see _FastClaims' cleaners)

        def noted(raw: str) -> Any:
            if raw and read_from_today(raw):
                relative_values.add(raw)
            return clean(raw)
        return noted

    def relative_dates(self, row: list[str], fields: tuple) -> list[tuple[str, str, str]]:
        """(column, cell, the day read) of each of a row's dates read from the day of the import
        (its date cells were cleaned, so seen by `_noting`; none looked for until one was so)."""
        if not self.relative_values:
            return []
        return [(name, row[column], fields[field]) for name, column, field in self.dates
                if row[column] in self.relative_values]

    def fields(self, row: list[str]) -> tuple | None:
        """(text, source, outlet, claimed_on, event_on, place, region, lat, lon, category, tags,
        urls, ref, note) as build_claim would clean them, or None."""
        if self.pad:
            row.append("")
        text, source, outlet, claimed_on, event_on, place, region, lat, lon, category, tags, url, urls, \
            ref, note = self.pick(row)
        sources, outlets, claimed, events, places, regions, lats, lons, categories = self.caches
        try:
            if not urls and (not url or (len(url) <= MAX_URL and _PLAIN_URL.fullmatch(url) and ";" not in url)):
                addresses = [url] if url else []  # what _plain_urls makes of one plain address
            else:
                addresses = self.urls_of(url, urls)
            values = (clean_text(text, "text", required=True, multiline=True, limit=MAX_TEXT),
                      sources[source], outlets[outlet], claimed[claimed_on], events[event_on],
                      places[place], regions[region], lats[lat], lons[lon], categories[category],
                      list(self.tags[tags]), addresses,
                      None if ref == "" else clean_ref(ref),
                      None if note == "" else clean_text(note, "note", multiline=True, limit=MAX_NOTE))
        except (_Unusual, ClaimsError):
            return None
        if (values[7] is None) != (values[8] is None):
            return None  # coordinates need both
        return values

    def urls_of(self, url: str, urls: str) -> list[str]:
        """The address cells as `_CsvLayout.entry` reads them, cleaned (_Unusual if not clean)."""
        listed = _split_urls(urls) if urls else []
        raw = [*(_split_urls(url) if url.strip() else []), *listed]
        plain = _plain_urls(raw) if raw else []
        if plain is not None:
            return plain
        key = tuple(raw)
        try:
            return list(self.urls[key])
        except KeyError:
            pass
        try:
            cleaned = self.urls[key] = tuple(clean_urls(raw))
        except (ClaimsError, TypeError, ValueError):
            raise _Unusual() from None
        return list(cleaned)


_NOTE_SAID = 60  # (a source's note, in a warning said at every import from a desk)
# The fields an export writes of every source: an entry that gives them all is taken whole (take_built_ins_whole)
_EXPORTED = frozenset(("name", "side", "kind", "aliases", "grade", "note"))


def _kept_differs(source: Source, known: Source, where: str, said: list[tuple[str, str, str]], *,
                  offer: bool = True) -> Problem:
    """A known source whose side, kind or grade the file gives otherwise (`said`: (field, ours,
    theirs) of each field compared): what is kept, what the file says, and (`offer`: not for the
    entry of a source merged into `known`, another's) the command that takes the file's side, kind
    and grade, as `_note_differs` gives the one that takes its note."""
    taken = [name for name, ours, theirs in said if name != "note" and theirs != ours]
    options = " ".join(f"--{name} {getattr(source, name)}" for name in taken)
    return Problem(where, None, f"{shown(source.name)} is already known as {shown(known.name)} "
                                f"({', '.join(ours for _, ours, _ in said)}), which is kept; this file says "
                                f"{', '.join(theirs for _, _, theirs in said)}",
                   hint=f"`claims sources edit {options} {shell_arguments(known.name)}` takes the file's "
                        f"{' and '.join([', '.join(taken[:-1]), taken[-1]] if len(taken) > 2 else taken)}."
                   if offer else None)


def _note_differs(source: Source, known: Source, where: str) -> Problem:
    """A known source whose note alone the file gives otherwise: both notes, cut, and how to take
    the file's (in full, if it is short enough to type)."""
    name = "" if source.name == known.name else f" as {shown(known.name)}"
    note = shell_quoted(source.note) if len(source.note) <= _NOTE_SAID else "NOTE"
    return Problem(where, None, f"{shown(source.name)} is already known{name} with the note "
                   f"{shown(shortened(known.note, _NOTE_SAID))}, which is kept; this file's note is "
                   f"{shown(shortened(source.note, _NOTE_SAID))}",
                   hint=f"`claims sources edit --note {note} {shell_arguments(known.name)}` takes the file's note"
                        + (", given in full as NOTE." if note == "NOTE" else "."))


def _file_source(data: dict) -> Source:
    """A source entry of the file as a Source; InvalidValue (with its field) if it is none."""
    aliases = data.get("aliases") or []
    if not isinstance(aliases, list):
        raise InvalidValue("aliases must be a list of names", field="aliases")
    source = make_source(data.get("name"), data.get("side"), data.get("kind"), aliases,
                         data.get("grade"), data.get("note"))
    merged = data.get("merged") or []
    if not (isinstance(merged, list) and all(isinstance(name, str) for name in merged)):
        raise InvalidValue("merged must be a list of names", field="merged")
    return replace(source, merged=[name for name in merged if any(  # (its own name too: renamed
        source_key(name) == source_key(known_as) for known_as in source.names())])  # to a merged name)


class _Planner:
    def __init__(self, store, batch: Batch, *, analyst: str, on_duplicate: str, now: str,
                 pack: Callable[[dict], Any] | None = None):
        if on_duplicate not in ON_DUPLICATE:
            raise InvalidValue(f"--on-duplicate {shown(on_duplicate)} is not one of {', '.join(ON_DUPLICATE)}")
        self.store = store
        self.batch = batch
        self.analyst = analyst
        self.on_duplicate = on_duplicate
        self.now = now
        self.latest = latest_stamp(now)  # (a record time after it is in the future: `future`)
        # (the batch's problems kept, and as many of the planner's: in file order, the first
        # PROBLEMS_KEPT of them all are kept, see `finish`)
        self.plan = Plan(records=batch.records, problems=Problems(batch.problems, len(batch.problems) + PROBLEMS_KEPT))
        self.registry = store.registry()
        self.stored_sources = {source.name for source in self.registry}
        self.histories: dict[str, list[dict]] | None = None  # `history_of`'s: every source's, read once
        self.source_given_at: dict[str, str] = {}  # a source new here -> where the file first gives it
        # A source new here that a later entry of it completed (complete_source) -> it so (added so:
        # `new_sources` holds its first entry until all are read), and where each such entry is
        self.completed_new: dict[str, tuple[Source, list[str]]] = {}
        self.categories = list(store.categories())
        # The duplicate index, built once: by kept ID, by ref, and by (source, date) for the
        # full duplicate_key, which is computed only for the few claims that share both. It holds
        # each claim's position in `stored`, not the claim: parsed, 100,000 of them held an
        # import's peak near 800 MB, 5.3 times the file (issue 6); `stored_claim` parses one again.
        self.by_ref: dict[str, int] = {}
        # The record being planned's evidence, by position in what `evidence` built: the notes of
        # the items without a date; the items whose date is the import's ('yesterday', or none),
        # and those whose recording time the file gives (see `evidence_changes`)
        self.undated_at: dict[int, Problem] = {}
        self.loose_at: set[int] = set()
        self.stamped_at: set[int] = set()
        self.relative_at: dict[int, Problem] = {}  # the notes of its dates read from the day of the import
        # (the status its history leaves it in, whether it leaves it deleted), walked as the report
        # walks it (`_with_statuses_before`, for `complete`): the status is the `imported` entry's
        # status before, the file's own `status` is not trusted; (None, False) for no history
        self.history_end: tuple[str | None, bool] = (None, False)
        # The notes of the items without a date, or one read from the day of the import, that an
        # update adds (set by `update`, said by its caller, `duplicate_of_stored`)
        self.added_notes: tuple[list[Problem], list[Problem]] = ([], [])
        # (likewise: the evidence notes of the items it adds, each with the Plan list it goes in)
        self.added_evidence_notes: list[tuple[str, Problem]] = []
        # place, region and outlet names -> the first row of each (remember_names)
        self.names_seen: tuple[dict[str, str], dict[str, str], dict[str, str]] = ({}, {}, {})
        self.sources_seen: dict[str, str] = {}  # a claimant's name not in ASCII -> the row first naming it
        self.outlets_under: dict[tuple[str, str], str] = {}  # (outlet, claimant) -> its first row (remember_names)
        self.comma_tags: dict[str, str] = {}  # tags holding a comma -> the first row of each (remember_names)
        self.hashtag_tags: dict[str, str] = {}  # tags of hashtags separated by spaces -> the first row of each
        self.tags_seen: dict[str, str] = {}  # tags past ASCII -> the first row of each (remember_names)
        self.tag_sets: set[tuple] = set()  # the claims' sets of tags, each looked at once (remember_names)
        self.by_ref_key: dict[str, int | None] = {}  # ref_key -> the one claim whose ref is so, None if several
        self.ref_holders: dict[str, list[int]] = {}  # ref_key -> the several claims whose ref is so
        self.by_source_date: dict[tuple, list[tuple]] = {}  # (source, date) -> (position, place, statement) of each
        self.keyed_buckets: dict[tuple, dict] = {}  # (source, date) -> {duplicate_key: position}, once searched
        self.bucket_texts: dict[tuple, set] = {}  # (source, date) -> the statements as written, once searched
        # (source, date) -> {same_place_key: its place_keys} of its stored claims with a place, and ->
        # {(same_place_key, statement_key): [(position, place_key)]} of them, once searched
        # (`note_place_twin`); a place as written -> its same_place_key; the last record
        # `content_match` keyed: (its statement, its duplicate_key)
        self.twin_buckets: dict[tuple, dict[str, set[str]]] = {}
        self.twin_statements: dict[tuple, dict[tuple, list[tuple]]] = {}
        self.alike_places: dict[str, str] = {}
        self.last_keyed: tuple = (None, None)
        self.stored_any = False  # (no claim in the database: no lookup of a kept ID per claim)
        self.stored_count = 0
        self.stored: Any = None  # every stored claim (store.every_claim), once a claim is read again: see stored_claim
        self.last_read: tuple = (None, None)  # (position, claim) of the last read (stored_claim)
        self.by_recording: dict[int, str | None] | None = None  # see recordings
        self.by_former_ref: dict[str, list[dict]] | None = None  # see former_refs
        self.dropped_aliases: dict[str, tuple[str, str]] = {}  # see without_aliases_held
        # A source's aliases in the file that this desk removed (complete_source): not stored, yet
        # the file's records naming them are that source's, as its entry says
        self.file_only_aliases: dict[str, list[str]] = {}
        self.renamed_names: set[str] | None = None  # see renamed_there
        self.taken_whole: dict[str, tuple[Source, Source]] = {}  # see take_built_ins_whole
        self.file_merges: dict[str, str] = {}  # the key of a name the file says was merged -> into which source here
        # (each claim parsed once and dropped; read through store.claims so that a write checks no
        # line again that this read)
        for at, claim in enumerate(store.claims(include_deleted=True)):
            self.stored_any = True
            self.stored_count = at + 1
            if claim.get("ref"):
                self.by_ref.setdefault(claim["ref"], at)
                # (a ref written otherwise finds the claim when it is the only one so written: an
                # older version let KH-001 and kh-001 be two claims' refs)
                key = ref_key(claim["ref"])
                if key in self.by_ref_key:
                    earlier = self.by_ref_key[key]
                    self.ref_holders.setdefault(key, [] if earlier is None else [earlier]).append(at)
                    self.by_ref_key[key] = None
                else:
                    self.by_ref_key[key] = at
            # (the place and statement kept, a few per cent of the claim: a row's bucket is searched
            # without parsing its claims again, most rows of a large import having one)
            self.by_source_date.setdefault((claim["source"], claim["claimed_on"]), []).append(
                (at, claim.get("place"), claim["text"]))
        self.matched: dict[str, str] = {}  # stored claim ID -> where (first row that matched it)
        self.first_values: dict[str, int] = {}  # where -> the hash of what a claim's first record said
        self.file_ids: dict[str, tuple] = {}  # kept ID -> (where, created_at), or (where, None, content) for a
        # record written by hand: no more (an export's 100,000 are kept)
        self.file_refs: dict[str, str] = {}
        self.ref_texts: dict[str, str] = {}  # ref -> the statement of the file's first record with it
        # The file's records added with an ID and a time of recording (an export's): where -> (that
        # ID, that time, the statement), what tells two claims of one database from a repeat
        self.kept_wheres: dict[str, tuple] = {}
        self.alike_kept: dict[tuple, list[str]] = {}  # ("ref", key) or ("bucket", ...) -> those records, in order
        self.file_keys: dict[tuple, str] = {}  # full duplicate key -> where
        self.file_buckets: dict[tuple, list] = {}  # (source, date, place key) -> [text, where] of
        # its first row until a second row comes, then [] (and the keys are in file_keys)
        self.place_keys: dict[str, str] = {}
        self.stand_in_source = next(iter(self.registry)).name if len(self.registry) else "x"
        self.detail = f"from {batch.name}"
        self.fast = _FastClaims(self.registry, self.categories)
        self.rows: _CsvRows | None = None  # (made by add_sources, with the sources the file adds)
        self.evidence_values = self.evidence_cleaners()
        self.analyst_names: dict[str, str | None] = {}  # an evidence item's analyst as given -> as cleaned
        # The usual evidence IDs ("E1" ... "E99") -> their numbers (evidence_number for any other)
        self.evidence_numbers = {format_evidence_id(number): number for number in range(1, 100)}
        self.plain_status: dict[str, tuple[str, str, dict]] = {}  # see complete_plain
        self.packed_endings: dict[str, Any] = {}  # source -> its plain_ending, packed (see csv_row)
        self.statuses: dict[tuple, tuple[str, str]] = {}  # see refresh
        # Packing (import_batch): each new claim is held as the store will write it, not as a
        # dict (a quarter of the memory), and those that keep an ID go first (`kept`), so the
        # store's counter moves past them before the others are numbered. (`pack` is the store's
        # pack_claim: a CSV row's claim is packed by its pack_claim_with, see csv_row.)
        self.pack = pack
        self.kept: list = []
        self.highest_kept: tuple = ((0, ""), None)  # ((its ID's order), the planned claim) of the highest kept ID
        self.updated_at: set[str] = set()  # where the records that update a claim here are
        self.refused_noted: set[str] = set()  # where records are refused whose history a note may name (see finish)

    # -- sources and categories --------------------------------------------------------------
    def add_sources(self) -> None:
        refused: dict[str, tuple[str, str]] = {}  # the file's sources another here is named as (by an alias)
        self.take_built_ins_whole()
        # (the lookups copied once, each source put in: `with_source` for each, a copy each, made
        # an import of 12,000 new sources take 34 s)
        self.registry = self.registry.building()
        for entry in self.batch.sources:
            data = entry.data
            if type(data.get("name")) is str:
                self.plan.source_named_at[entry.where] = source_key(data["name"])
            try:
                source = _file_source(data)
                taken = self.taken_whole.get(entry.where)
                known = None if taken is not None else self.registry.find(source.name, alike=False) \
                    or self.written_alike_here(source, entry.where) or self.renamed_here(source, entry.where)
                for merged_name in source.merged:
                    self.file_merges[source_key(merged_name)] = (known or source).name
                if taken is not None:
                    self.say_taken_whole(entry.where, *taken)
                    continue
                if known is not None:  # the database's own entry (or the file's first) wins...
                    said = [(name, getattr(known, name), getattr(source, name)) for name in ("side", "kind")
                            if data.get(name) not in (None, "")]  # (what the file leaves out, it does not say)
                    if source_key(known.name) != source_key(source.name) and known.name in self.stored_sources \
                            and not known.merged_from(source.name) and any(theirs != ours for _, ours, theirs in said) \
                            and not self.renamed_from(known, source.name):
                        # Found by an alias here, of another side or kind: another source (as for one
                        # renamed, `renamed_here`), which gives this one no grade, note or aliases; the
                        # file's aliases another source holds are said, as ever. (A name merged here
                        # is this source's own past: `complete_source` takes its aliases, not its grade.)
                        self.plan.source_notes.append(Problem(
                            entry.where, None, f"{shown(source.name)} names {shown(known.name)} here, by an alias "
                            f"({', '.join(ours for _, ours, _ in said)}); this file says "
                            f"{', '.join(theirs for _, _, theirs in said)}: another source, so nothing of this "
                            f"file's entry (grade, note, aliases) is taken, nor its claims and evidence under "
                            f"that name (theirs is another source)"))
                        # ...and a record citing it is refused as one citing an unknown source is:
                        # given to the source here, a side's support could count as another's
                        refused[source.name] = (
                            f"is another source in this file ({', '.join(theirs for _, _, theirs in said)}) than "
                            f"{shown(known.name)}, which it names here by an alias ({', '.join(ours for _, ours, _ in said)})",
                            f"Give the file's source a name of its own (its entry, claims and evidence), or, if it is "
                            f"{shown(known.name)}, give its entry the side and kind it has here")
                        others = [alias for alias in source.aliases  # (its aliases that name `known` go there: said above)
                                  if getattr(self.registry.find(alias), "name", None) != known.name]
                        self.drop_held_aliases(source.name, others, entry.where, "is another source here: not added")
                        continue
                    if known.grade and source.grade:
                        said.append(("grade", f"grade {known.grade}", f"grade {source.grade}"))
                    # (a desk's own note on a built-in source, beside the built-in one; long, so said only
                    # if it differs, and cut: said at every import from that desk)
                    if known.note and source.note and known.note != source.note:
                        said.append(("note", f"note {shown(shortened(known.note, _NOTE_SAID))}",
                                     f"note {shown(shortened(source.note, _NOTE_SAID))}"))
                    first = self.source_given_at.get(known.name)  # (new here: the file's first entry of it)
                    if any(theirs != ours for _, ours, theirs in said) and first is not None:
                        # (what it has may come from a later entry that completed it: those are named too)
                        given_at = [first, *self.completed_new.get(known.name, (None, []))[1]]
                        self.plan.sources_given_again.add(known.name)
                        self.plan.source_again_notes.append(Problem(
                            entry.where, None, f"{shown(source.name)} is given again: {and_listed(given_at)} "
                            f"{'says' if len(given_at) == 1 else 'together say'} {', '.join(ours for _, ours, _ in said)}, "
                            f"which is kept; here it says {', '.join(theirs for _, _, theirs in said)}"))
                        if any(name in ("side", "kind") and theirs != ours for name, ours, theirs in said):
                            continue  # (of another side or kind: another source, which gives it nothing)
                    elif [name for name, ours, theirs in said if theirs != ours] == ["note"]:
                        self.plan.source_notes.append(_note_differs(source, known, entry.where))
                    elif any(theirs != ours for _, ours, theirs in said):  # ...but not in silence
                        self.plan.source_notes.append(_kept_differs(source, known, entry.where, said,
                                                                    # (another's old entry: no fix for this one)
                                                                    offer=not known.merged_from(source.name)))
                    self.complete_source(known, source, entry.where)
                    continue
                source = self.without_aliases_held(source, entry.where)
                self.registry.put(source)
            except InvalidValue as err:
                self.plan.problems.append(_problem(entry.where, err.field, err))
                continue
            self.plan.new_sources.append(source)
            self.source_given_at[source.name] = entry.where
        if self.completed_new:  # (a source new here given again: added as its entries together say)
            self.plan.new_sources = [self.completed_new[source.name][0] if source.name in self.completed_new
                                     else source for source in self.plan.new_sources]
            added = {source.name for source in self.plan.new_sources}
            for name, (completed, _) in self.completed_new.items():  # (a built-in taken whole: its update)
                if name not in added:
                    self.source_updated(completed)
        added_at: list[str] = []  # (where each new category is given: a JSON Lines line, or the list)
        for index, name in enumerate(self.batch.categories):
            try:
                category = clean_slug(name, "category")
            except InvalidValue as err:  # (a JSON Lines line is a record, as a source's is)
                where = self.batch.category_lines.get(index, _CATEGORIES)
                self.plan.problems.append(Problem(where, "category", err.message))
                continue
            if category not in self.categories:
                self.categories.append(category)
                self.plan.new_categories.append(category)
                added_at.append(self.batch.category_lines.get(index, _CATEGORIES))
        said: set = set()  # (each pair once: logistcs and logistics, both new)
        for category, where in zip(self.plan.new_categories, added_at):  # (as `categories add` warns: strikes, strike)
            for near in near_categories(category, self.categories):
                if frozenset((category, near)) not in said:
                    said.add(frozenset((category, near)))
                    self.plan.category_notes.append(Problem(where, "category", near_category_said(category, near)))
        if self.plan.new_sources:
            self.stand_in_source = self.plan.new_sources[0].name
        if refused:
            self.registry = self.registry.refusing(refused)
        self.fast = _FastClaims(self.registry, self.categories)
        self.rows = _CsvRows(self.fast, self.batch.layout) if self.batch.layout is not None else None
        self.evidence_values = self.evidence_cleaners()
        self.statuses = {}

    def take_built_ins_whole(self) -> None:
        """Into a database without claims (deleted ones too), a file's entry of a built-in source
        this database never changed is taken whole, its name too (a desk's export read into a new
        database: that desk's DeepState, made independent or renamed there, is its registry, not
        the built-in one's; its claims' statuses depend on it). The entry that names it by its name
        (the first), else one that names it by an alias (`built_in_renamed`). Done before the
        entries are read one by one, so that one before it in the file finds the built-in's
        aliases it dropped free (a desk's own DeepStateMap). `say_taken_whole` says each. Only an
        entry as an export writes it, every field given (`_EXPORTED`): a feed's line written by hand
        ("ISW, russia"; "Russian MoD" with one alias) is read as ever, else it undid the built-in's
        side or aliases in a new database only, and refused the file's claims citing those. A
        built-in the file's entries say was merged into one taken so is left out, as on that desk."""
        if self.stored_any:
            return
        untouched = {source_key(built_in.name): built_in for built_in in DEFAULT_SOURCES
                     if self.registry.find(built_in.name, alike=False) == built_in
                     and not self.history_of(built_in.name)}
        if not untouched:
            return
        given: list[tuple[Entry, Source]] = []
        for entry in self.batch.sources:
            if not _EXPORTED.issubset(entry.data):
                continue
            try:
                given.append((entry, _file_source(entry.data)))
            except InvalidValue:
                continue  # (said as the entry is read)
        chosen: dict[str, tuple[Entry, Source]] = {}  # the built-in's key -> the file's entry, and its source
        for entry, source in given:  # (by its name first: it wins over an entry naming it by an alias)
            if source_key(source.name) in untouched:
                chosen.setdefault(source_key(source.name), (entry, source))
        for entry, source in given:
            built_in = None if source_key(source.name) in untouched else self.built_in_renamed(source, untouched)
            if built_in is not None:
                chosen.setdefault(source_key(built_in.name), (entry, source))
        # (not one whose name another source holds here, or another entry taken: a file made by hand)
        while chosen:
            registry = self.registry
            for key in chosen:
                registry = registry.without(untouched[key].name)
            held: set[str] = set()
            clash = None
            for key, (_, source) in chosen.items():
                if registry.find(source.name, alike=False) is not None or source_key(source.name) in held:
                    clash = key
                    break
                held.update(source_key(name) for name in source.names())
            if clash is None:
                break
            del chosen[clash]
        if chosen:
            self.registry = registry
        # (a built-in merged there into another, taken so or a source of that desk's own: gone there,
        # its names the other's now; only where that other is sure to come, said in a note)
        taken_at = {entry.where for entry, _ in chosen.values()}
        for entry, source in given:
            gone = [built_in for name in source.merged if (built_in := untouched.get(source_key(name))) is not None
                    and source_key(built_in.name) not in chosen and built_in.name not in self.plan.merged_built_ins
                    and self.registry.find(built_in.name, alike=False) == built_in]
            if not gone:
                continue
            left = self.registry
            for built_in in gone:
                left = left.without(built_in.name)
            if entry.where not in taken_at and any(left.find(name, alike=False) is not None for name in source.names()):
                continue  # (it names another source here: refused or taken as that one, as it is read)
            self.registry = left
            for built_in in gone:
                self.plan.merged_built_ins.append(built_in.name)
                self.stored_sources.discard(built_in.name)
                self.plan.source_notes.append(Problem(entry.where, None, (
                    f"{shown(built_in.name)} is left out: {shown(source.name)} of this file says it was merged into "
                    "it there (this database had no claims and had not changed it)")))
        for key, (entry, source) in chosen.items():
            source = self.without_aliases_held(source, entry.where, "is taken without that alias")
            self.registry = self.registry.with_source(source)
            self.stored_sources.discard(untouched[key].name)  # (the file's now: a later entry of it is given again)
            self.taken_whole[entry.where] = (untouched[key], source)
        left = {key for key in untouched if key not in chosen}  # (the built-ins still here, as they are built in)
        for entry, source in given:
            self.free_built_in_alias(entry, source, left)

    def free_built_in_alias(self, entry: Entry, source: Source, built_ins: set[str]) -> None:
        """Of `take_built_ins_whole`: a file's entry whose name is an alias here of a built-in source
        left as built in, of another side or kind, is a source of its own there (a name is one
        source's on a desk: the built-in lost that alias there, in a file that need not carry the
        built-in, if no claim cites it): the built-in gives up that alias, said in a note. (Of the
        same side and kind, it is the built-in, as ever.)"""
        built_in = self.registry.find(source.name, alike=False)
        if built_in is None or source_key(built_in.name) not in built_ins \
                or source_key(source.name) == source_key(built_in.name):
            return
        said = [(getattr(built_in, name), getattr(source, name)) for name in ("side", "kind")
                if entry.data.get(name) not in (None, "")]  # (what the file leaves out, it does not say)
        if all(ours == theirs for ours, theirs in said):
            return
        freed = replace(built_in, aliases=[alias for alias in built_in.aliases
                                           if source_key(alias) != source_key(source.name)])
        self.registry = self.registry.with_source(freed)
        self.source_updated(freed)
        self.plan.source_notes.append(Problem(entry.where, None, (
            f"{shown(source.name)} of this file is a source of its own there "
            f"({', '.join(theirs for _, theirs in said)}), not the built-in {shown(built_in.name)} "
            f"({', '.join(ours for ours, _ in said)}) it names here by an alias, which {shown(built_in.name)} "
            "gives up: this database had no claims and had not changed it")))

    def built_in_renamed(self, source: Source, untouched: dict[str, Source]) -> Source | None:
        """The built-in source of `untouched` (by key) that the file's `source` is, renamed there:
        an alias (not from a merge) that is its name (`sources rename` keeps the old name as an
        alias, however many renames later), whatever side or kind the file gives (changed there
        since, as the rename may have been); None if none is, or more than one. (Another of its
        aliases is no sign: "AFU General Staff" with the alias General Staff is no rename of Ukraine.)"""
        found = []
        for alias in source.aliases:
            if source.merged_from(alias):
                continue
            built_in = untouched.get(source_key(alias))
            if built_in is not None and built_in not in found and self.registry.find(alias, alike=False) == built_in:
                found.append(built_in)
        return found[0] if len(found) == 1 else None

    def say_taken_whole(self, where: str, built_in: Source, source: Source) -> None:
        """The file's entry of a built-in source, taken whole (`take_built_ins_whole`): written as
        an update of it (a rename, its record replaced), and said in a note, if it differs."""
        self.source_given_at[source.name] = where
        if source == built_in:
            return
        self.plan.updated_sources.append(source)
        if source_key(source.name) != source_key(built_in.name):
            self.plan.renamed_sources[source.name] = built_in.name

        def listed(names: list[str]) -> str:
            return ", ".join(shown(name) for name in names)

        said = [f"renamed from the built-in {shown(built_in.name)}"] if source.name != built_in.name else []
        said += [f"{name} {getattr(source, name)}, not the built-in {getattr(built_in, name)}"
                 for name in ("side", "kind") if getattr(source, name) != getattr(built_in, name)]
        if source.grade != built_in.grade:
            said.append(f"grade {source.grade}" if source.grade else "no grade")
        if source.note != built_in.note:
            said.append(f"note {shown(shortened(source.note, _NOTE_SAID))}" if source.note else "no note")
        dropped = [alias for alias in built_in.aliases
                   if all(source_key(alias) != source_key(name) for name in source.names())]
        added = [alias for alias in source.aliases if not source.merged_from(alias)
                 and all(source_key(alias) != source_key(name) for name in built_in.names())]
        if dropped:
            said.append(f"without the built-in's alias{'es' if len(dropped) > 1 else ''} {listed(dropped)}")
        if added:
            said.append(f"alias{'es' if len(added) > 1 else ''} {listed(added)} added")
        if source.merged:
            said.append(f"{listed(source.merged)} merged into it there")
        if said:  # (else only the order of its aliases differs)
            self.plan.source_notes.append(Problem(where, None, (
                f"{shown(source.name)} of this file is taken as it is there ({'; '.join(said)}): this database "
                "had no claims and had not changed it")))

    def written_alike_here(self, source: Source, where: str) -> Source | None:
        """The source of this database whose name the file's `source` writes but for apostrophes or
        ё, said in a note; not one of the file's own (a database an older version let hold two such
        sources exports both: they stay two)."""
        found = self.registry.find(source.name)
        if found is None or found.name not in self.stored_sources:
            return None
        self.plan.source_notes.append(Problem(where, None, f"{shown(source.name)} of this file is taken as "
                                                           f"{shown(found.name)} here, written alike"))
        return found

    def source_updated(self, source: Source) -> None:
        """`source` written as an update of the one of its name, in place of any update of it before."""
        self.plan.updated_sources = [item for item in self.plan.updated_sources if item.name != source.name]
        self.plan.updated_sources.append(source)

    def history_of(self, name: str) -> list[dict]:
        """`ClaimStore.source_history`, every source's read at the first asked (each reads every
        source's record: asked for each of 3,000 sources a file gives an alias, nine million reads)."""
        if self.histories is None:
            self.histories = self.store.source_histories()
        return self.histories.get(source_key(name), [])

    def cleared_here(self, name: str) -> set[str]:
        """Of a source's grade and note, those whose last change here (its history) cleared them."""
        last: dict[str, Any] = {}
        for change in self.history_of(name):
            if str(change.get("detail") or "").startswith("as "):
                continue  # (a change of a source merged into it, kept as that one's: see ledger._as_merged)
            said = change.get("changes")
            for what in ("grade", "note"):
                value = said.get(what) if type(said) is dict else None
                if type(value) is list and len(value) == 2:
                    last[what] = value[1]
        return {what for what, value in last.items() if value in (None, "")}

    def aliases_removed_here(self, name: str) -> set[str]:
        """The keys (`source_key`) of the aliases a source's history here last changed by removing
        them (`sources edit --clear-aliases`, say: an alias the desk found ambiguous), not given
        back since; not one that became its name (a rename), nor one removed from a source merged
        into it (a change kept as that one's, as `cleared_here` reads them)."""
        removed: set[str] = set()
        for change in self.history_of(name):
            if str(change.get("detail") or "").startswith("as "):
                continue
            said = change.get("changes")
            aliases = said.get("aliases") if type(said) is dict else None
            if type(aliases) is not list or len(aliases) != 2:
                continue
            before, after = ({source_key(alias) for alias in names if type(alias) is str}
                             if type(names) is list else set() for names in aliases)
            renamed = said.get("name")
            if type(renamed) is list and len(renamed) == 2 and type(renamed[1]) is str:
                after.add(source_key(renamed[1]))
            removed = (removed | (before - after)) - after
        return removed

    def renamed_from(self, known: Source, name: str) -> bool:
        """Whether the source `known` here was once called `name` (its history has it renamed
        from it): a file that names it so, an export from before the rename, names this source,
        whatever side or kind it gives (changed here since, as the rename may have been)."""
        for change in self.history_of(known.name):
            said = change.get("changes") if change.get("action") == "renamed" else None
            renamed = said.get("name") if type(said) is dict else None
            if type(renamed) is list and renamed and type(renamed[0]) is str and written_alike(renamed[0], name):
                return True
        return False

    def renamed_here(self, source: Source, where: str) -> Source | None:
        """The source here that the file's `source`, unknown here by its name, is under another name:
        one of its aliases names this one (and not by a merge, there or here), and its side and kind
        are this one's (another desk renamed it: `sources rename` keeps the old name as an alias;
        another side or kind is another source, whose alias is a slip), said in a note; None if none
        is, or more than one."""
        found = []
        for alias in source.aliases:
            if source.merged_from(alias):
                continue  # (another source, merged into this one there: not this one's old name)
            here = self.registry.find(alias)
            if here is not None and here.name in self.stored_sources and not here.merged_from(alias) and \
                    (here.side, here.kind) == (source.side, source.kind) and here not in found:
                found.append(here)
        if len(found) != 1:
            return None
        self.plan.source_notes.append(Problem(where, None, f"{shown(source.name)} of this file is taken as "
                                                           f"{shown(found[0].name)} here, one of its names there"))
        return found[0]

    def without_aliases_held(self, source: Source, where: str, outcome: str = "is added without that alias") -> Source:
        """A new source without the aliases another source here is named by (another desk's alias
        BBG, where BBG is a source of its own), said in a note: refused, it took every claim of
        the source with it. Its claims name it by its name, as an export writes them."""
        taken = self.drop_held_aliases(source.name, source.aliases, where, outcome, new=source)
        if not taken:
            return source
        aliases = [alias for alias in source.aliases if alias not in taken]
        # (a merged name goes with the alias it is, however written: "Two Majros" beside the alias
        # "two majros" a rename left, held here by a source of that name, is that source's name, not
        # one merged into this one)
        return replace(source, aliases=aliases, merged=[name for name in source.merged
                                                        if (owner := self.registry.find(name)) is None
                                                        or owner.name == source.name])

    def drop_held_aliases(self, name: str, aliases, where: str, outcome: str, new: Source | None = None) -> set:
        """The aliases of the file's source `name` that another source here already holds, each
        said in a note (`outcome`: what becomes of the file's source) and remembered: a claim or
        evidence item of the file naming its source so goes to that other source, said by `claim`.
        For `new`, the file's source added here, an alias (not from a merge) naming a source here of
        another side or kind that the file's claims say was its name before a rename there also
        says it may be that one, and how to merge them."""
        held = [(alias, owner) for alias in aliases
                if (owner := self.registry.find(alias)) is not None and owner.name != name]
        guessed: set[str] = set()  # (the sources here said to be maybe `new`: once each)
        for alias, owner in held:
            whose = "here" if owner.name in self.stored_sources else "of this file"
            message, hint = f"{shown(alias)} already names the source {shown(owner.name)} {whose}: {shown(name)} {outcome}", None
            if new is not None and whose == "here" and owner.name not in guessed and \
                    not new.merged_from(alias) and not owner.merged_from(alias) and alias in self.renamed_there():
                # The other side or kind kept `renamed_here` from taking it as this one: rightly, if
                # it is another source (an alias that is a slip, BBG), but this one was called so
                # there (its claims' history says) and its desk may have changed its kind since: the
                # analyst decides, told how.
                differs = [f"{theirs} there, {ours} here" for ours, theirs in
                           ((owner.side, new.side), (owner.kind, new.kind)) if ours != theirs]
                if differs:
                    guessed.add(owner.name)
                    message += f"; it was {shown(alias)} there, renamed (its claims' history says), so it may " \
                               f"be {shown(owner.name)}, kept apart as it is {', '.join(differs)}"
                    hint = f"`claims sources merge {shell_arguments(new.name, owner.name)}` makes them one, if they are."
            self.plan.source_notes.append(Problem(where, None, message, hint=hint))
            self.dropped_aliases[source_key(alias)] = (owner.name, name)
        return {alias for alias, _ in held}

    def renamed_there(self) -> set[str]:
        """The names the file's claims say their desk renamed a source from (`sources rename`
        records "source OLD renamed NEW" in each claim citing it, as claimant or by evidence), read
        once, when first asked (`drop_held_aliases`: rarely); none for a sheet, whose rows have no
        history."""
        if self.renamed_names is None:
            self.renamed_names = set()
            for entry in self.batch.claims if self.batch.layout is None else ():
                data = entry.data if isinstance(entry, Entry) else entry[1]
                if type(data) is not dict:  # (a line kept as its bytes: see Batch.keep_json)
                    if bytes(data).find(b"source-renamed") < 0:
                        continue
                    data = orjson.loads(data)
                history = data.get("history")
                for change in history if type(history) is list else ():
                    detail = change.get("detail") if type(change) is dict and \
                        change.get("action") == "source-renamed" else None
                    if type(detail) is str and detail.startswith("source ") and " renamed " in detail:
                        self.renamed_names.add(detail.removeprefix("source ").partition(" renamed ")[0])
        return self.renamed_names

    def complete_source(self, known: Source, given: Source, where: str) -> None:
        """A source the database has takes from the file what it lacks: a grade, a note, and
        aliases no source holds (a built-in source is in every database, so a desk's grade of
        DeepState would otherwise never reach another); those another source holds are said. What
        it has is kept. So does a source new here from a later entry of it in the file (two desks'
        JSON Lines joined), as two imports in turn would have it: its first entry stands where it
        says something (one of another side or kind gives nothing: `add_sources`); a built-in taken
        whole from the first (`take_built_ins_whole`) alike."""
        new = known.name not in self.stored_sources  # (a built-in taken whole too: filled as in turn)
        file_only = self.file_only_aliases.get(known.name)
        if file_only:  # (an earlier entry's, in the registry for the file's records: not this desk's)
            known = replace(known, aliases=[alias for alias in known.aliases if alias not in file_only])
        self.drop_held_aliases(known.name, given.aliases, where, "is not given that alias")
        aliases = [alias for alias in given.names() if self.registry.find(alias) is None
                   or file_only and alias in file_only]
        # (one an analyst here removed is this desk's decision too: "MoD" names Ukraine's as well)
        removed = self.aliases_removed_here(known.name) if aliases else set()
        refused_aliases = [alias for alias in aliases if source_key(alias) in removed]
        if refused_aliases:
            aliases = [alias for alias in aliases if alias not in refused_aliases]
            self.plan.source_notes.append(Problem(where, None, (
                f"{shown(known.name)} of this file has the alias{'es' if len(refused_aliases) > 1 else ''} "
                f"{and_listed([shown(alias) for alias in refused_aliases])}, removed here: not taken (this file's records naming "
                f"{'them' if len(refused_aliases) > 1 else 'it'} are read as {shown(known.name)})")))
            file_only = self.file_only_aliases.setdefault(known.name, [])
            file_only += [alias for alias in refused_aliases if alias not in file_only]
        # A grade and a note describe the file's source: found here by the name of a source merged
        # into another (whose own they are not), they are not taken; by its own name, old or new, they are.
        same = not known.merged_from(given.name)
        # (one an analyst here cleared is this desk's decision, not a gap for any file to fill)
        cleared = self.cleared_here(known.name) if same and (given.grade and not known.grade
                                                             or given.note and not known.note) else set()
        filled = {"grade": given.grade} if same and given.grade and not known.grade and "grade" not in cleared else {}
        if same and given.note and not known.note and "note" not in cleared:
            filled["note"] = given.note
        refused = [what for what, theirs in (("grade", given.grade), ("note", given.note)) if theirs and what in cleared]
        if refused:
            self.plan.source_notes.append(Problem(where, None, (
                f"{shown(known.name)} of this file has {' and '.join(f'grade {given.grade}' if what == 'grade' else 'a note' for what in refused)}, "
                f"cleared here: not taken")))
        left = [what for what, theirs, ours in (("grade", given.grade, known.grade), ("note", given.note, known.note))
                if theirs and theirs != ours]
        if not same and left:
            # (a source renamed here to the name of one merged into it is that name, not by an alias)
            known_as = "by the name of a source merged into it" if source_key(given.name) == source_key(known.name) \
                else "by an alias"
            self.plan.source_notes.append(Problem(where, None, (
                f"{shown(given.name)} is already known as {shown(known.name)} here, {known_as}: the file's "
                f"{' and '.join(left)} for it {'are' if len(left) > 1 else 'is'} not taken")))
        if aliases:
            filled["aliases"] = [*known.aliases, *aliases]
            merged = [alias for alias in aliases if given.merged_from(alias) and not known.merged_from(alias)]
            if merged:  # (names of sources merged into the file's: they stay so marked here)
                filled["merged"] = [*known.merged, *merged]
        if filled:
            completed = replace(known, **filled)
            if new:  # (added so: see add_sources)
                completed_at = self.completed_new.get(known.name, (None, []))[1]
                self.completed_new[known.name] = (completed, [*completed_at, where])
            else:
                self.source_updated(completed)
        elif not file_only:
            return
        else:
            completed = known
        self.registry.put(  # (add_sources' own copy, `building`)
            replace(completed, aliases=[*completed.aliases, *file_only]) if file_only else completed)

    # -- claims ------------------------------------------------------------------------------
    def claim(self, entry: Entry) -> None:
        data = entry.data
        refused = self.plan.problems.total
        if self.dropped_aliases:
            self.say_dropped_aliases(entry.where, data)
        base = self.fast.build(data, {"id": None})
        problems: list[Problem] = []
        if base is None:  # a problem, or an unusual value: build_claim decides and explains
            fields = dict(data)
            if isinstance(fields.get("tags"), str):
                fields["tags"] = _split(fields["tags"])
            stand_ins = {**_CLAIM_STAND_INS, "source": self.stand_in_source}
            base, problems = _collect(lambda f: build_claim(f, self.registry, self.categories,
                                                            read_date=self.fast.read_date),
                                      fields, stand_ins, entry.where)
        self.undated_at, self.loose_at, self.stamped_at = {}, set(), set()
        self.relative_at, self.history_end = {}, (None, False)
        extra = {} if _EXTRA_KEYS.isdisjoint(data) else self.extras(entry, problems)
        if problems:
            self.plan.problems.extend(problems)
        else:
            self.note_relative_dates(entry.where, data, base)
            self.place(entry, base, extra)
        if self.plan.problems.total > refused and entry.where in (
                self.plan.order_notes[-1].where if self.plan.order_notes else None,
                self.plan.chain_notes[-1].where if self.plan.chain_notes else None):
            self.refused_noted.add(entry.where)  # (its problem may be past those kept: see `finish`)

    def note_relative_dates(self, where: str, data: dict, base: dict) -> None:
        """A note for each of a record's dates written from the day it is read ('yesterday'): a
        file read again another day gives another date (a sheet's claim added again, or moved).
        Its evidence's are said with the items added (`place`, `duplicate_of_stored`)."""
        for name in ("claimed_on", "event_on"):
            raw = data.get(name)
            if type(raw) is str and read_from_today(raw):
                self.plan.relative_notes.append(Problem(where, name, _read_as(raw, base[name])))

    def say_dropped_aliases(self, where: str, data: dict) -> None:
        """A note for the claim, and each of its evidence items, whose source the file names by an
        alias the import dropped (`drop_held_aliases`): it goes to the source here so named."""
        named = [(None, data.get("source"))]
        if type(data.get("evidence")) is list:
            named += [(f"evidence {index} source", item.get("source"))
                      for index, item in enumerate(data["evidence"], 1) if type(item) is dict]
        for at, source in named:  # (not `field`: dataclasses' here)
            dropped = self.dropped_aliases.get(source_key(source)) if type(source) is str else None
            if dropped is not None:  # (the source holding it is here, or the file's first to give it)
                taken = f"{shown(dropped[0])} of this database, not {shown(dropped[1])} of this file" \
                    if dropped[0] in self.stored_sources else \
                    f"{shown(dropped[0])}, given it first in this file, not {shown(dropped[1])}"
                self.plan.alias_notes.append(Problem(where, at, f"{'' if at else 'source '}{shown(source)} is taken as {taken}"))

    def line(self, where: str, line: bytes | memoryview | dict) -> None:
        """A JSON claim kept by `parse` (`Batch.keep_json`): parsed, or its bytes."""
        self.claim(_parsed_entry(where, line if type(line) is dict else orjson.loads(line)))

    def csv_row(self, where: str, row: list[str]) -> None:
        """`claim(layout.entry(where, row))` for a full CSV row, the common case read from its
        cells (`_CsvRows`) and completed in one step as `complete_plain` would; anything else
        (a problem, an unusual value, a claim the database already has) takes the general path."""
        fields = self.rows.fields(row)  # type: ignore[union-attr]
        if fields is None or (self.ref_holders and fields[12] and self.shared_ref(fields[12])) or (
                self.stored_any and self.stored_match(
                {"ref": fields[12], "source": fields[1], "claimed_on": fields[3], "place": fields[5],
                 "text": fields[0]}, None)[0] is not None):
            self.claim(self.batch.layout.entry(where, row))  # type: ignore[union-attr]
            return
        text, source, outlet, claimed_on, event_on, place, region, lat, lon, category, tags, urls, ref, \
            note = fields
        for name, raw, day in self.rows.relative_dates(row, fields):  # type: ignore[union-attr]
            self.plan.relative_notes.append(Problem(where, name, _read_as(raw, day)))
        key = None
        if ref:
            ref_id = ref_key(ref)
            earlier = self.file_refs.get(ref_id)
        else:
            key, earlier = self.earlier_in_file(source, claimed_on, place, text, where)
        if earlier is not None:
            self.duplicate_in_file(where, earlier, _said_key(fields), ref=ref, text=text)
            return
        if ref:
            self.file_refs[ref_id] = where
            self.ref_texts[ref_id] = text
        elif key is not None:
            self.file_keys[key] = where
        self.remember_values(where, _said_key(fields))
        said = {"ref": ref, "source": source, "claimed_on": claimed_on, "place": place, "region": region, "text": text}
        told = [note for note in (
            self.note_former_ref(where, ref) or self.note_alike_content(where, said) if ref and self.stored_any else None,
            # (one dict lookup a row: a day's claims here, by its source, are few or none)
            self.note_place_twin(where, said) if place and (source, claimed_on) in self.by_source_date else None,
        ) if note is not None]
        if event_on and event_on > claimed_on:
            self.note_event_after(where, claimed_on, event_on)
        if lat is not None:
            self.note_coordinates(where, lat, lon)
        self.remember_names(where, place, region, outlet, tags, source)
        record = {
            "id": None, "text": text, "source": source, "outlet": outlet, "claimed_on": claimed_on,
            "event_on": event_on, "place": place, "region": region, "lat": lat, "lon": lon,
            "category": category, "tags": tags, "urls": urls, "ref": ref, "note": note}
        if self.pack is None:
            planned = self.complete_plain(record)
        else:
            # Packed, its fields then what every new claim of its source shares, packed once (a
            # third of the packing of 100,000 rows: the dict and the JSON of its status to its times)
            try:
                ending = self.packed_endings[source]
            except KeyError:
                ending = self.packed_endings[source] = self.pack(self.plain_ending(source))
            planned = self.store.pack_claim_with(record, ending)
        self.plan.added.append(planned)
        if told:
            self.plan.said_once_added += [(note, planned, written) for note, written in told]

    def extras(self, entry: Entry, problems: list[Problem]) -> dict:
        """ID, evidence, assessment, history and timestamps an exported claim carries."""
        data = entry.data
        where = entry.where
        extra: dict[str, Any] = {}
        if data.get("id") not in (None, ""):
            try:
                extra["id"] = format_claim_id(claim_number(data["id"]))
            except InvalidValue as err:
                problems.append(_problem(where, "id", err))
        evidence = data.get("evidence")
        if evidence not in (None, []):
            if not isinstance(evidence, list):
                problems.append(Problem(where, "evidence", "must be a list of evidence objects"))
            else:
                extra["evidence"] = self.evidence(where, evidence, problems)
        assessment = data.get("assessment")
        if assessment is not None:
            extra["assessment"] = self.assessment(where, assessment, problems)
        history = data.get("history")
        if history not in (None, []):
            if not isinstance(history, list):
                problems.append(Problem(where, "history", "must be a list of history objects"))
            else:
                for number, entry in enumerate(history):  # (numbered from 0, as doctor numbers them)
                    if type(entry) is dict and type(entry.get("at")) is str:
                        entry["at"] = _stamp(entry["at"]) or entry["at"]  # (in UTC, as history is stamped)
                    carried = entry.get("edited_at") if type(entry) is dict else None
                    if type(carried) is dict:  # (the edits' times read as `at` is: "+03:00" in UTC)
                        entry["edited_at"] = {name: (_stamp(stamp) or stamp) if type(stamp) is str else stamp
                                              for name, stamp in carried.items()}
                    for key in ("assessed_at", "clock_at"):  # (so too)
                        if type(entry) is dict and type(entry.get(key)) is str:
                            entry[key] = _stamp(entry[key]) or entry[key]
                    if type(entry) is dict and "clock_at" in entry and entry["clock_at"] is None:
                        del entry["clock_at"]  # (none: no key, as the entries written here have it)
                    problem = history_problem(entry) or self.future(entry["at"], "at") or (
                        self.carried(entry) if type(carried) is dict else None)  # (an import's entry: its edits')
                    if problem:  # (`show`, `history` and the report read every entry)
                        problems.append(Problem(where, "history", f"history[{number}]: {problem}"))
                        break
                else:  # (freshly parsed: nothing else refers to it) in time order, as the report
                    ordered = sorted(history, key=_AT)  # reads the changes as stored
                    reordered = any(map(is_not, ordered, history))  # (no generator: one a record cost 3,000)
                    extra["history"], differs, self.history_end = _with_statuses_before(ordered)
                    if reordered:  # (a hand edit, another tool, clocks that disagreed: said)
                        self.plan.order_notes.append(Problem(where, "history", (
                            "its entries are not in time order: stored in time order, each one's status before "
                            "the status the entry before it left")))
                    elif differs is not None:  # (else the report counts a change the claim never made)
                        number, given, left = differs
                        said = f"the entry before it left {left or 'none'}" if number else "no entry came before it"
                        self.plan.chain_notes.append(Problem(
                            where, "history", f"history[{number}] gives {given} as its status before, but {said}"))
        for key in ("created_at", "deleted_at"):
            value = data.get(key)
            if value not in (None, ""):
                # (deleted_at never as given: that it is there deletes the claim, as withdrawn_at withdraws)
                stamp = _stamp(value, as_given=key == "created_at")
                problem = _NO_STAMP if stamp is None else self.future(stamp)
                if problem:
                    problems.append(Problem(where, key, problem))
                else:
                    extra[key] = stamp
        return extra

    def carried(self, entry: dict) -> str | None:
        """What is wrong with an `imported` entry's `edited_at` times (their form is history_problem's),
        or None: a time in the future would win every time."""
        carried = entry.get("edited_at")
        for name, stamp in (carried.items() if type(carried) is dict else ()):
            problem = self.future(stamp, f"edited_at {name}")
            if problem:
                return problem
        return None

    def future(self, stamp: Any, name: str = "") -> str | None:
        """What is wrong with a record time later than a day from now (None: nothing). One kept
        as given, unread (see `_stamp`), is not compared."""
        if type(stamp) is str and stamp > self.latest and is_utc_stamp(stamp):
            return f"{name + ' ' if name else ''}{stamp} is in the future"
        return None

    def evidence(self, where: str, items: list, problems: list[Problem]) -> list[dict]:
        built: list[dict] = []
        numbers: set[int] = set()
        pending: list[dict] = []
        for index, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                problems.append(Problem(where, f"evidence {index}", "must be an object"))
                continue
            unknown = _shape_problem(item, "evidence item", EVIDENCE_KEYS, "field")
            if unknown:
                problems.append(Problem(where, f"evidence {index}", unknown))
                continue
            result = self.fast_evidence(item)
            if result is None:  # a problem, or an unusual value: build_evidence decides and explains
                fields = {key: item.get(key) for key in ("source", "stance", "on", "kind", "url", "note")}
                result, found = _collect(
                    lambda f: build_evidence(f, self.registry, number=1, analyst=self.analyst, now=self.now),
                    fields, {**_EVIDENCE_STAND_INS, "source": self.stand_in_source}, where, f"evidence {index} ")
                if found:
                    problems.extend(found)
                    continue
            try:
                if item.get("id") not in (None, ""):
                    raw_id = item["id"]
                    number = (self.evidence_numbers.get(raw_id) if type(raw_id) is str else None) \
                        or evidence_number(raw_id)
                    if number in numbers:
                        raise InvalidValue(f"evidence ID {format_evidence_id(number)} appears twice", field="id")
                    numbers.add(number)
                    result["id"] = format_evidence_id(number)
                else:
                    pending.append(result)
                for key in ("recorded_at", "withdrawn_at"):
                    if item.get(key) not in (None, ""):
                        # (withdrawn_at never as given: that it is there withdraws the item, and
                        # "null" or "false" from a converter would, unsaid)
                        stamp = _stamp(item[key], as_given=key == "recorded_at")
                        problem = _NO_STAMP if stamp is None else self.future(stamp)
                        if problem:
                            raise InvalidValue(problem, field=key)
                        result[key] = stamp
                analyst = item.get("analyst")
                if type(analyst) is str and analyst in self.analyst_names:  # (a desk's few, each cleaned once)
                    result["analyst"] = self.analyst_names[analyst]
                elif analyst not in (None, ""):
                    result["analyst"] = clean_text(analyst, "analyst")
                    if type(analyst) is str:
                        self.analyst_names[analyst] = result["analyst"]
                if result["withdrawn_at"]:
                    result["withdrawn_by"] = clean_text(item.get("withdrawn_by"), "withdrawn_by")
                    result["withdraw_reason"] = clean_text(item.get("withdraw_reason"), "withdraw_reason",
                                                           multiline=True, limit=MAX_NOTE)
                    _withdrawn_after_recorded(result, item)
                else:  # (by whom or why, but not when: it came in as live evidence, both dropped)
                    for key in ("withdrawn_by", "withdraw_reason"):
                        if item.get(key) not in (None, ""):
                            raise InvalidValue(f"{key} is given but withdrawn_at is not: say when it was withdrawn, "
                                               f"or leave {key} out", field=key)
            except InvalidValue as err:
                problems.append(Problem(where, f"evidence {index} " + (err.field or "id"), err.message))
                continue
            position = len(built)
            built.append(result)
            if item.get("recorded_at") not in (None, ""):
                self.stamped_at.add(position)
            on = item.get("on")
            if on is None or (type(on) is str and not on.strip()):
                # (dated today, as `claims confirm` without --on: said, as the day may be a year late)
                note = Problem(where, f"evidence {index} on",
                               f"no date given: dated {result['on']}, the day of this import")
                self.undated_at[position] = note
                self.loose_at.add(position)
            elif type(on) is str and read_from_today(on):
                self.loose_at.add(position)
                self.relative_at[position] = Problem(where, f"evidence {index} on", _read_as(on, result["on"]))
        next_number = max(numbers, default=0) + 1
        for result in pending:  # items without an ID are numbered after the ones that have one
            result["id"] = format_evidence_id(next_number)
            next_number += 1
        return built

    def fast_evidence(self, item: dict) -> dict | None:
        """`ledger.build_evidence(item, ..., number=1)` for the common case, with the values that
        repeat (source, stance, date, kind) cleaned once each; None when anything is wrong or
        unusual (then build_evidence itself decides and explains)."""
        get = item.get
        source, stance, on, kind, url, note = (get("source"), get("stance"), get("on"), get("kind"),
                                               get("url"), get("note"))
        if type(source) is not str or type(stance) is not str or type(on) is not str or not on.strip():
            return None  # (no date means today: left to build_evidence)
        if kind is None or kind == "":
            kind = "other"
        elif type(kind) is not str:
            return None
        sources, stances, days, kinds = self.evidence_values
        try:
            values = (sources[source], stances[stance], days[on], kinds[kind])
        except _Unusual:
            return None
        if url is None or url == "":
            url = None
        elif not (type(url) is str and len(url) <= MAX_URL and _PLAIN_URL.fullmatch(url)):
            return None
        if note is None or note == "":
            note = None
        elif type(note) is str:
            try:
                note = clean_text(note, "note", multiline=True, limit=MAX_NOTE)
            except ClaimsError:
                return None
        else:
            return None
        return {"id": "E1", "source": values[0], "stance": values[1], "on": values[2], "kind": values[3],
                "url": url, "note": note, "recorded_at": self.now, "analyst": self.analyst,
                "withdrawn_at": None}

    def evidence_cleaners(self) -> tuple:
        """(source, stance, date, kind) of an evidence item: each distinct value cleaned once,
        as build_evidence cleans it (the registry's name, the enums' values, an ISO date)."""
        day, latest = today(), latest_day()  # (no cleaner refers to self: see _FastClaims' cleaners)
        return (_Cleaned(_source_name(self.registry)),
                _Cleaned(lambda raw: clean_enum(Stance, raw, "stance")),
                _Cleaned(lambda raw: parse_date(raw, field="evidence date", reference=day, latest=latest,
                                                earliest=EARLIEST_DAY).isoformat()),
                _Cleaned(lambda raw: clean_enum(EvidenceKind, raw, "kind")))

    def assessment(self, where: str, value: Any, problems: list[Problem]) -> dict | None:
        if not isinstance(value, dict):
            problems.append(Problem(where, "assessment", "must be an object with a status"))
            return None
        try:
            at = value.get("at")
            # In UTC, as every record time; unlike them, never kept as given when unreadable: it
            # decides which of two assessments is newer (--on-duplicate update), as text.
            stamp = self.now if at in (None, "") else (utc_stamp(at) if type(at) is str else None)
            problem = _NO_STAMP if stamp is None else self.future(stamp)
            if problem:
                raise InvalidValue(problem, field="at")
            return {
                "status": clean_enum(Status, value.get("status"), "status"),
                "note": clean_text(value.get("note"), "note", multiline=True, limit=MAX_NOTE),
                "analyst": clean_text(value.get("analyst"), "analyst") or self.analyst,
                "at": stamp,
            }
        except InvalidValue as err:
            problems.append(Problem(where, f"assessment {err.field}", err.message))
            return None

    # -- duplicates --------------------------------------------------------------------------
    def stored_match(self, record: dict, kept_id: str | None) -> tuple[dict | None, str]:
        """The stored claim this record is (by kept ID, else ref, else duplicate key), and why."""
        if kept_id and self.stored_any and self.store.has_claim(kept_id):
            return self.store.get_claim(kept_id, include_deleted=True), f"ID {kept_id}"
        if record["ref"]:
            ref = record["ref"]
            found = self.by_ref.get(ref)
            if found is not None:
                return self.stored_claim(found), f"ref {shown(ref)}"
            key = ref_key(ref)
            if key in self.by_ref_key and self.by_ref_key[key] is not None:
                return self.stored_claim(self.by_ref_key[key]), f"ref {shown(ref)}"
            if key in self.by_ref_key:
                pass  # (several claims hold it written otherwise, none as here: found by content, if at all)
            else:  # (an analyst mended the ref here: the sheet still gives the one it replaced)
                held = self.former_refs().get(key)
                if not held:
                    return None, ""  # (a ref no claim holds or held: a new claim)
                text = statement_key(str(record["text"]))
                said = [claim for claim in held if text in map(statement_key, _values_had(claim, "text"))]
                if len(said) == 1:
                    return said[0], f"ref {shown(ref)}, its ref before an edit"
                # (another statement, or several claims that held it: found by content, if at all)
        claim = self.content_match(record)
        if claim is not None:
            return claim, "same source, date, place and text"
        return None, ""

    def stored_claim(self, at: int) -> dict:
        """The stored claim at position `at` of the duplicate index (in the order store.claims gave
        them), parsed again: the last one read is kept (a CSV row's claim is looked up twice: by
        `csv_row`, then by `place`). Treat it as read-only."""
        if self.last_read[0] != at:
            if self.stored is None:  # (a pass over the lines, made when first needed: an import of
                # new claims reads none)
                self.stored = self.store.every_claim()
                if len(self.stored) != self.stored_count:  # (a programming error: the claims changed)
                    raise RuntimeError("the stored claims changed while an import was planned")
            self.last_read = (at, self.stored[at])
        return self.last_read[1]

    def content_match(self, record: dict) -> dict | None:
        """The stored claim with this record's source, date, place and statement (`duplicate_key`)."""
        bucket = (record["source"], record["claimed_on"])
        candidates = self.by_source_date.get(bucket)
        if not candidates:
            return None
        keyed = self.keyed_bucket(bucket)
        key = duplicate_key(record)
        self.last_keyed = (record["text"], key)  # (`note_place_twin`, of the same record, reads its statement's)
        found = keyed.get((key, (record["place"], record["text"])), keyed.get(key))
        return None if found is None else self.stored_claim(found[0])

    def keyed_bucket(self, bucket: tuple) -> dict:
        """{duplicate_key: (position, (place, statement))} of the stored claims of a (source, date)
        that has some, built once."""
        keyed = self.keyed_buckets.get(bucket)
        if keyed is None:  # (each stored claim's key computed once: a day's hundreds of posts by
            # one source, each compared with every other, were quadratic)
            keyed = self.keyed_buckets[bucket] = {}
            source, claimed_on = bucket
            for at, place, text in self.by_source_date[bucket]:  # (the first, as the scan found)
                key = duplicate_key({"source": source, "claimed_on": claimed_on, "place": place, "text": text})
                if key in keyed:  # (two claims alike here, an older version's or a --force's: each
                    # as written too, so that a row finds the one it is letter for letter)
                    keyed.setdefault((key, keyed[key][1]), keyed[key])
                    keyed.setdefault((key, (place, text)), (at, (place, text)))
                keyed.setdefault(key, (at, (place, text)))
        return keyed

    def former_refs(self) -> dict[str, list[dict]]:
        """{ref_key: the stored claims whose ref was so before an edit}, built once, when first
        needed, from the claims' histories (a ref a claim holds now is left out: it finds that one)."""
        if self.by_former_ref is None:
            self.by_former_ref = {}
            for claim in self.store.claims(include_deleted=True):
                for before in _values_had(claim, "ref", now=False):
                    held = self.by_former_ref.setdefault(ref_key(before), [])
                    if not held or held[-1] is not claim:  # (a claim's entries come together)
                        held.append(claim)
            for key in self.by_ref_key.keys() & self.by_former_ref.keys():
                del self.by_former_ref[key]
        return self.by_former_ref

    def shared_ref(self, ref: str) -> list[str] | None:
        """The IDs of the claims here whose ref is `ref` written otherwise, when several are and none
        is as written (an older version let KH-001 and kh-001 be two claims' refs); else None."""
        if not self.ref_holders or ref in self.by_ref:
            return None
        held = self.ref_holders.get(ref_key(ref))
        return None if held is None else [self.stored_claim(at)["id"] for at in held]

    def own_id(self, kept_id: str, record: dict, extra: dict, where: str) -> bool:
        """Whether a record's kept ID is its own here. Two desks both hand out C-0001: an exported
        record (it carries `created_at`) is the claim holding its ID here only if it is the same
        claim: the same ref, or a ref that does not say otherwise and:
        - the same source, date, place and statement, or
        - recorded at the same time saying the same then, before the edits on either desk
          (`first_recorded_key`), the only claim here that was (two reposts of one statement,
          imported at once, are two claims).
        (An export whose statement was corrected by hand, with no history of it, is not known so:
        it is added beside its claim, with a note. Taking the one claim recorded at its time
        for it took another claim of the same batch, on a desk that had only that one.)
        Another desk's C-0001 is neither skipped as a duplicate of this one nor written over it,
        but goes on without the ID, said in a note. A record without `created_at` (written by
        hand to name a claim of this database) is that claim, unless its ref says otherwise
        (`ref_says_otherwise`) or it differs in both statement and source (`says_another_thing`),
        whatever --on-duplicate says: it then goes on so too. Two records of one file
        with one ID are one claim if recorded at the same time or, written by hand, if they say
        the same."""
        created = extra.get("created_at")
        if self.stored_any and self.store.has_claim(kept_id):
            holder = self.store.get_claim(kept_id, include_deleted=True)
            if not created:  # (written by hand: the ID names a claim of this database, unless its ref, or both
                # its statement and source, say otherwise)
                other = self.ref_says_otherwise(holder, record["ref"])
                if other is None and self.says_another_thing(holder, record, extra.get("history")):
                    # (in every mode, as the ref's judgement: with skip alone it was that claim, so a
                    # feed's new post was never added, and with fail "already recorded" as it)
                    other = "whose statement and source differ"
                if other is None:
                    return True
                held = f"in this database, {other}"
            else:
                if equal_refs(record["ref"], holder.get("ref")):
                    return True  # (your own ID for it says so)
                if not _other_refs(holder, record, extra.get("history")):
                    if duplicate_key(holder) == duplicate_key(record):
                        return True
                    if created == holder.get("created_at") and self.recordings().get(
                            hash((created, first_recorded_key(record, extra.get("history"))))) == holder["id"]:
                        return True  # (edited on its desk since, or here, or both)
                held = "in this database"
        elif kept_id in self.file_ids:
            earlier, earlier_created, *content = self.file_ids[kept_id]
            if created and created == earlier_created:
                return True  # (the same claim again: the file's duplicate)
            if content and duplicate_key(dict(zip(("source", "claimed_on", "place", "text"), content))) == \
                    duplicate_key(record):
                return True
            held = f"of {earlier} of this file"
        else:
            return True
        # (what this record is instead is said by `place`, once it knows)
        self.plan.notes.append(Problem(where, None, f"{kept_id} is another claim's {held}"))
        return False

    def ref_says_otherwise(self, holder: dict, ref: str | None) -> str | None:
        """Why a record written by hand, with the ID of `holder` and the ref `ref`, is not that claim
        (said after "C-0004 is another claim's in this database, "); None if it may be. A ref is the
        desk's key for one claim, an ID written by hand perhaps a feed's own row number: a row whose
        ref is another claim's, or whose ID's claim has another ref (and never had this one), is not
        that claim. (Taken for it, an update wrote a feed's post over an analyst's claim, or gave
        it a ref another claim holds.)"""
        if not ref or equal_refs(ref, holder.get("ref")):
            return None
        if holder.get("ref"):
            if any(equal_refs(ref, before) for before in _values_had(holder, "ref", now=False)) and \
                    not self.ref_held(ref):
                return None  # (its ref before an edit here: a sheet still gives the old one)
            return f"with the ref {shown(holder['ref'])}"
        if self.ref_held(ref):
            return f"without a ref, while {shown(ref)} is another claim's"
        return None  # (a ref given to a claim that has none, which no claim holds)

    def says_another_thing(self, holder: dict, record: dict, history: list | None) -> bool:
        """Whether a record written by hand with the ID of `holder` differs from it in both statement
        and claimant, now and before an edit on either side (sources compared as the registry
        reads them: an alias, or a source merged since, is its source): a feed's own row number in
        "id", not a correction of that claim. (Taken for it, an update wrote a feed's post over an
        analyst's claim without a ref; a typo fixed, or a claim re-attributed, changes one of the two.)"""
        if not _says_otherwise(holder, record["text"], history):
            return False
        def sources(claim: dict) -> set[str]:
            return {found.name if (found := self.registry.find(name)) is not None else name
                    for name in _values_had(claim, "source")}
        return sources(holder).isdisjoint(sources({"source": record["source"], "history": history}))

    def ref_held(self, ref: str) -> bool:
        """Whether a stored claim's ref is `ref`, as written or otherwise (`ref_key`)."""
        return ref in self.by_ref or ref_key(ref) in self.by_ref_key

    def recordings(self) -> dict:
        """{hash of (created_at, first_recorded_key): the ID of the one stored claim recorded so,
        None if several}, built once, when first needed. One import stamps a whole batch alike:
        comparing a record with every claim recorded at its time was quadratic (an export of
        5,000 from a batch took minutes). IDs are kept, not claims."""
        if self.by_recording is None:
            self.by_recording = {}
            for claim in self.store.claims(include_deleted=True):
                created = claim.get("created_at")
                if created:
                    key = hash((created, first_recorded_key(claim)))
                    self.by_recording[key] = claim["id"] if key not in self.by_recording else None
        return self.by_recording

    def recorded_match(self, record: dict, created: str, history: list | None) -> dict | None:
        """The one stored claim recorded at `created` as `record` was (`_same_recording`): a claim
        that came here from another desk under a new ID, or went there and got one, edited since."""
        found = self.recordings().get(hash((created, first_recorded_key(record, history))))
        if found is None:
            return None  # (none, or more than one: two reposts of one statement are not told apart so)
        claim = self.store.get_claim(found, include_deleted=True)
        if _other_refs(claim, record, history) or not _same_recording(claim, record, created, history):
            return None  # (a ref that says otherwise; or a hash's chance)
        return claim

    def earlier_in_file(self, source: str, claimed_on: str, place: str | None, text: str,
                        where: str) -> tuple[tuple | None, str | None]:
        """The file's earlier row with this record's duplicate key, if any, and the key to note
        this row under (None: already noted). Rows are bucketed by source, date and place first
        (place keys cached), so a statement is normalised only when two rows share all three."""
        place = place or ""
        try:
            folded_place = self.place_keys[place]
        except KeyError:
            folded_place = self.place_keys[place] = place_key(place)  # (as duplicate_key compares it)
        bucket_key = (source, claimed_on, folded_place)
        bucket = self.file_buckets.get(bucket_key)
        if bucket is None:
            self.file_buckets[bucket_key] = [text, where]  # the first: not normalised yet
            return None, None
        if bucket:  # the second in this bucket: note the first one under its full key now
            self.file_keys.setdefault((*bucket_key, statement_key(bucket[0])), bucket[1])
            bucket.clear()
        key = (*bucket_key, statement_key(text))
        return key, self.file_keys.get(key)

    def place(self, entry: Entry, base: dict, extra: dict) -> None:
        kept_id = extra.get("id")
        # (an export's record, with its ID and recording time, even one this database numbers anew)
        exported = (kept_id, extra["created_at"], base["text"]) if kept_id and extra.get("created_at") else None
        by_recording = "recorded at the same time, saying the same then"
        stored, why = None, by_recording
        id_note = None
        if kept_id and not self.own_id(kept_id, base, extra, entry.where):
            id_note = self.plan.notes[-1]
            kept_id = extra["id"] = None  # (so `complete` numbers it as a new claim)
            if self.stored_any and extra.get("created_at"):  # (another desk's C-0001: when it was recorded and what
                # it said first)
                stored = self.recorded_match(base, extra["created_at"], extra.get("history"))
            if stored is None:
                stored, why = self.stored_match(base, None)
        else:
            stored, why = self.stored_match(base, kept_id)
            if stored is None and self.stored_any and extra.get("created_at"):
                # An export's claim under a number this database does not have (another desk's
                # numbering) and edited there: found by when it was recorded and what it said.
                stored, why = self.recorded_match(base, extra["created_at"], extra.get("history")), by_recording
        ref = base["ref"]
        ref_id = ref_key(ref) if ref else None  # (the key of file_refs and ref_texts)
        if stored is not None:
            if id_note is not None and self.plan.notes and self.plan.notes[-1] is id_note:
                # (matched: the other desk's ID is no news, and a re-import of its export said it for
                # every claim; the note stays for a claim added under a new ID, said there)
                self.plan.notes.pop()
            earlier = self.matched.get(stored["id"])
            if earlier is None:
                self.matched[stored["id"]] = entry.where
                if ref:  # (what a later record with this ref is compared with)
                    self.ref_texts.setdefault(ref_id, base["text"])
                self.remember_values(entry.where, self.said(base, extra), added=False)
                # (a row with a stored claim's ref and another statement: not an exported record known
                # as that claim by its ID or its recording, whose statement was edited on either desk)
                if self.on_duplicate == "skip" and equal_refs(ref, stored.get("ref")) and \
                        not (why == by_recording or (kept_id and why == f"ID {kept_id}")) and \
                        _says_otherwise(stored, base["text"], extra.get("history")):
                    self.plan.skipped.append((entry.where, f"already recorded as {stored['id']} ({why})"))
                    self.plan.ref_notes.append(Problem(entry.where, "ref", (
                        f"has the ref {shown(ref)} of {stored['id']}, whose statement differs: skipped as that "
                        f"claim; --on-duplicate update applies it to {stored['id']}, or give it a ref of its own")))
                elif self.on_duplicate == "skip" and kept_id and why == f"ID {kept_id}" and \
                        not extra.get("created_at") and _says_otherwise(stored, base["text"], extra.get("history")):
                    # (an ID written by hand names a claim here, as a ref does: a feed's own row
                    # number in "id" dropped each new record unsaid)
                    # (one whose source differs too is not that claim, `own_id`: this one's source is the
                    # same, so it may correct it)
                    self.plan.skipped.append((entry.where, f"already recorded as {stored['id']} ({why})"))
                    self.plan.id_differs_notes.append(Problem(entry.where, "id", (
                        f"has the ID {kept_id}, whose statement here differs: skipped as that claim; leave its id out "
                        f"to add it as a claim of its own, or, if it corrects {kept_id}, --on-duplicate update applies "
                        "it")))
                else:
                    self.duplicate_of_stored(entry, base, extra, stored, why)
            else:
                self.duplicate_in_file(entry.where, earlier, self.said(base, extra), ref=ref, text=base["text"])
            return
        holders = self.shared_ref(ref) if ref else None
        if holders:  # (not given to a third claim: as a row with one holder's ref and another statement)
            said = (f"has the ref {shown(ref)} of {' and '.join(holders)} (written otherwise), whose statements "
                    "differ")
            if self.on_duplicate == "fail":
                self.plan.problems.append(Problem(entry.where, "ref", f"{said}; give it a ref of its own"))
            else:
                self.plan.skipped.append((entry.where, f"has the ref of {' and '.join(holders)}"))
                self.plan.ref_notes.append(Problem(entry.where, "ref", f"{said}: not imported; give it a ref of "
                                                                        "its own"))
            return
        key = None
        by_id = bool(kept_id and kept_id in self.file_ids)
        alike = ("ref", ref_id) if ref else None
        if by_id:
            earlier = self.file_ids[kept_id][0]
        else:
            if ref:
                earlier = self.file_refs.get(ref_id)
            else:
                key, earlier = self.earlier_in_file(base["source"], base["claimed_on"], base["place"], base["text"],
                                                    entry.where)
                # (the bucket earlier_in_file keeps, whose first record has no full key yet)
                alike = ("bucket", base["source"], base["claimed_on"], self.place_keys[base["place"] or ""])
            if exported and earlier in self.kept_wheres:
                # Two claims of the database the export came from, unless one kept before is this
                # claim (`_two_claims`), weighed against each alike, in any order: it held both, by
                # --force or told apart by a letter since compared alike, ё and е, or a ref's case;
                # an export of one database must import whole
                candidates = self.alike_kept.get(alike, ())
                if not ref:  # (a bucket's records alike: their statements too)
                    text = statement_key(str(base["text"]))
                    candidates = [where for where in candidates
                                  if statement_key(str(self.kept_wheres[where][2])) == text]
                earlier = next((where for where in candidates
                                if not _two_claims(self.kept_wheres[where], exported)), None)
        if earlier is not None:
            if id_note is not None:
                id_note.message += f"; this one repeats {earlier} of this file"
            self.duplicate_in_file(entry.where, earlier, self.said(base, extra), ref=None if by_id else ref, text=base["text"])
            return
        if exported:
            self.kept_wheres[entry.where] = exported
            if alike is not None:
                self.alike_kept.setdefault(alike, []).append(entry.where)
        if kept_id:  # (what `own_id` compares a later record holding this ID with)
            created = extra.get("created_at")  # (an export's record: its time says which claim it is)
            self.file_ids[kept_id] = (entry.where, created) if created else (
                entry.where, None, base["source"], base["claimed_on"], base["place"], base["text"])
        if ref:
            self.file_refs[ref_id] = entry.where
            self.ref_texts[ref_id] = base["text"]
        elif key is not None:
            self.file_keys[key] = entry.where
        self.remember_values(entry.where, self.said(base, extra))
        if base["event_on"] and base["event_on"] > base["claimed_on"]:
            self.note_event_after(entry.where, base["claimed_on"], base["event_on"])
        if base["lat"] is not None:
            self.note_coordinates(entry.where, base["lat"], base["lon"])
        self.remember_names(entry.where, base["place"], base["region"], base["outlet"], base["tags"], base["source"])
        self.plan.evidence_date_notes += self.undated_at.values()  # (said of a claim added, as its evidence is)
        self.plan.relative_notes += self.relative_at.values()
        # (not for an export's record: its desk was told when the item was recorded there)
        for index, item in enumerate(() if extra.get("created_at") else extra.get("evidence") or (), 1):
            note = _dated_before_note(base, item, entry.where, index)
            if note is not None:
                self.plan.evidence_date_notes.append(note)
        told = []  # (the notes naming this claim once it is written, and what they say then)
        # (not of an export's record: its desk was warned of these as they were recorded there)
        for kind, at, said in () if extra.get("created_at") else \
                _evidence_notes(base, extra.get("evidence") or [], 0, self.registry):
            note = Problem(entry.where, f"evidence {at + 1}", said(None))
            getattr(self.plan, kind).append(note)
            told.append((note, said))
        if id_note is not None:
            told.append((id_note, lambda new_id, said=id_note.message: f"{said}; this one is added as {new_id}"))
            id_note.message += "; this one would be added under a new ID"
        if ref and self.stored_any:
            ref_note = self.note_former_ref(entry.where, ref) or self.note_alike_content(entry.where, base)
            if ref_note is not None:
                told.append(ref_note)
        if base["place"] and (base["source"], base["claimed_on"]) in self.by_source_date:
            twin_note = self.note_place_twin(entry.where, base)
            if twin_note is not None:
                told.append(twin_note)
        planned = self.add(self.complete(base, extra))
        self.plan.said_once_added += [(note, planned, written) for note, written in told]

    def note_place_twin(self, where: str, base: dict) -> tuple[Problem, Callable[[str], str]] | None:
        """A note for a record added as a new claim that may be a live claim here recorded again, its
        place written otherwise: the same source, date and statement, a place `same_place_key` takes
        for this one's (Siversk, Сіверськ), as `add` warns; with what it says once the claim is
        written. Only a record whose source and date some claim here has comes here; a place's keys
        are worked out once, and the statements' keys are those `content_match` worked out (the
        stored claims' of the day, and the record's): no cost a large import's records would feel.
        (Not weighed against the file's other records: each would need its statement keyed.)"""
        bucket = (base["source"], base["claimed_on"])
        places = self.twin_buckets.get(bucket)
        if places is None:
            places = self.twin_buckets[bucket] = {}
            for _, place, _ in self.by_source_date[bucket]:
                if place:
                    places.setdefault(self._alike_place(place), set()).add(self._place_key(place))
        alike, here = self._alike_place(base["place"]), self._place_key(base["place"])
        held = places.get(alike)
        if held is None or len(held) == 1 and here in held:  # (none, or only at this place as written)
            return None
        statements = self.twin_statements.get(bucket)
        if statements is None:  # (the keys `content_match` worked out, most often: the stored claims' statements)
            statements = self.twin_statements[bucket] = {}
            for key, (at, (place, _)) in self.keyed_bucket(bucket).items():
                if len(key) == 4 and place:  # (not a claim alike's entry as written: the first is weighed)
                    statements.setdefault((self._alike_place(place), key[3]), []).append((at, key[2]))
        last = self.last_keyed
        text = last[1][3] if last[0] is base["text"] else statement_key(base["text"])
        twins = [claim for at, place in statements.get((alike, text), ())
                 if place != here and not (claim := self.stored_claim(at)).get("deleted_at")
                 and not regions_differ(base, claim)]  # (parsed again: its ID, place, region, and whether it is
        # deleted; two regions the words tell apart are two places)
        if not twins:
            return None
        ids = and_listed([twin["id"] for twin in twins[:3]] + (["others"] if len(twins) > 3 else []), "or")
        written = and_listed(list(dict.fromkeys(shown(twin["place"]) for twin in twins[:3])), "or")
        said = (f"may be {ids} recorded again: the same source, day and statement, and its place "
                f"{shown(base['place'])} may be {written} written otherwise; added as ")
        note = Problem(where, "place", f"{said}a claim of its own")
        self.plan.place_alike_notes.append(note)
        return note, lambda new_id: (f"{said}{new_id} (if it is one place, `claims delete {new_id} --yes` takes it "
                                     "back)")

    def _alike_place(self, place: str) -> str:
        """`same_place_key` of a place as written, worked out once."""
        return _remembered(self.alike_places, place, same_place_key)

    def _place_key(self, place: str) -> str:
        """`place_key` of a place as written, worked out once (as `earlier_in_file` keeps them)."""
        return _remembered(self.place_keys, place, place_key)

    def note_former_ref(self, where: str, ref: str) -> tuple[Problem, Callable[[str], str]] | None:
        """A note for a row added as a new claim with a ref that claims here had before an edit
        (its statement another): a sheet's claim whose ref was mended here, and its statement
        there, would be a second claim unsaid. With what it says once the claim is written (that
        claim is deleted too, else the row, given the ref, is its duplicate); None if not said."""
        held = self.former_refs().get(ref_key(ref))
        if not held:
            return None
        ids = " and ".join(claim["id"] for claim in held)
        now = ", ".join(shown(claim["ref"]) if claim.get("ref") else "none" for claim in held)
        give = f"give the row {'its ref' if len(held) == 1 else 'that claim’s ref'} now, {now}"

        def said(added: str, fix: str) -> str:
            return (f"has the ref {shown(ref)} that {ids} had before an edit here, whose statement differs: added "
                    f"as a claim of its own{added}; if it is {held[0]['id'] if len(held) == 1 else 'one of them'}, "
                    f"{fix}")

        note = Problem(where, "ref", said("", give))
        self.plan.ref_notes.append(note)
        return note, lambda new_id: said(f", {new_id}", f"delete {new_id} (`claims delete {new_id} --yes`) and {give}")

    def note_alike_content(self, where: str, base: dict) -> tuple[Problem, Callable[[str], str]] | None:
        """A note for a record added as a new claim by a ref no claim here holds, which says what
        one here says (source, date, place, statement) under another ref: `add` refuses that claim
        again, and a sheet that turned ref 0042 into 42 would add it a second time unsaid. (Only a
        statement written as stored is looked for: the sheet's own, and no cost to a large
        import's records, which say other things.)"""
        bucket = (base["source"], base["claimed_on"])
        texts = self.bucket_texts.get(bucket)
        if texts is None:
            texts = self.bucket_texts[bucket] = {text for _, _, text in self.by_source_date.get(bucket, ())}
        alike = self.content_match(base) if base["text"] in texts else None
        if alike is None:
            return None
        claim_id, deleted = alike["id"], bool(alike.get("deleted_at"))
        held = ("deleted here, " if deleted else "") + (f"ref {shown(alike['ref'])}" if alike.get("ref") else "no ref")

        def said(added: str, fix: str) -> str:
            return (f"has the ref {shown(base['ref'])}, which no claim here holds, but says what {claim_id} ({held}) "
                    f"says (the same source, date, place and statement): added as a claim of its own{added}; if it "
                    f"is {claim_id}, {fix}")

        edit = f"claims edit {claim_id} --ref {shell_quoted(base['ref'])}"
        if alike.get("ref"):
            fix = f"write the ref as {claim_id} has it"
        elif deleted:  # (a deleted claim is not edited: restored for the edit)
            fix = f"give {claim_id} this ref first (`claims restore {claim_id}`, `{edit}`, then `claims delete {claim_id} --yes`)"
        else:
            fix = f"give {claim_id} this ref first (`{edit}`)"
        note = Problem(where, "ref", said("", fix))
        self.plan.new_ref_notes.append(note)

        def written(new_id: str) -> str:
            """The note once the row is the claim `new_id`: the fix deletes it. A deleted claim keeps
            its ref: one the fix gives another claim is cleared first (else the edit needs --force,
            and doctor then notes the ref held by both, and advises restoring the deleted one)."""
            delete = f"`claims delete {new_id} --yes`"
            if alike.get("ref"):
                fix = f"delete {new_id} ({delete}) and write the row's ref as {claim_id} has it"
            elif deleted:  # (deleted as the claim it is: the row, read again, is its duplicate)
                fix = f"delete {new_id} ({delete}), as {claim_id} is"
            else:
                fix = (f"delete {new_id} and give {claim_id} its ref (`claims edit {new_id} --ref {shell_quoted('')}`, "
                       f"then {delete}, then `{edit}`)")
            return said(f", {new_id}", fix)

        return note, written

    def note_event_after(self, where: str, claimed_on: str, event_on: str) -> None:
        """A note for a claim dated before the event it reports: most likely claimed_on and event_on
        swapped (a forecast may do it, so it is imported as given)."""
        self.plan.date_notes.append(Problem(where, "event_on", f"{event_on} is after claimed_on {claimed_on}"))

    def note_coordinates(self, where: str, lat: float, lon: float) -> None:
        """A note for a point most likely wrong (0,0, or lat and lon swapped: `coordinates_doubt`),
        as `add` warns; imported as given, as a claim may be about any place."""
        doubt = coordinates_doubt(lat, lon)
        if doubt is not None:
            self.plan.coords_notes.append(Problem(where, "lat", f"{decimal_text(lat)},{decimal_text(lon)} {doubt}"))

    def add(self, record: dict) -> Any:
        """A new claim for the plan (packed, when packing); returns it as planned."""
        planned = record if self.pack is None else self.pack(record)
        (self.kept if self.pack is not None and record["id"] else self.plan.added).append(planned)
        if record["id"] and (len(record["id"]), record["id"]) > self.highest_kept[0]:
            self.highest_kept = ((len(record["id"]), record["id"]), planned)
        return planned

    def remember_names(self, where: str, place: Any, region: Any, outlet: Any, tags: Any, source: Any) -> None:
        """The first row of each place, region and outlet name and tag of an added claim that may
        mix alphabets (one with a letter past ASCII), of each tag holding a comma, and of each
        outlet under each claimant, for `note_names` (said once a name or tag)."""
        if tags and (tag_set := tuple(tags)) not in self.tag_sets:  # (a set's tags are noted at its first row)
            self.tag_sets.add(tag_set)
            for tag in comma_tags(tags):
                self.comma_tags.setdefault(tag, where)
            for tag in hashtag_tags(tags):
                self.hashtag_tags.setdefault(tag, where)
            seen = self.tags_seen
            for tag in tags:
                if tag not in seen and type(tag) is str and not tag.isascii():
                    seen[tag] = where
        places, regions, outlets = self.names_seen  # (no loop or tuple a row: 100,000 rows)
        if place and place not in places and type(place) is str and not place.isascii():
            places[place] = where
        if region and region not in regions and type(region) is str and not region.isascii():
            regions[region] = where
        if outlet and outlet not in outlets and type(outlet) is str and not outlet.isascii():
            outlets[outlet] = where
        if outlet and type(outlet) is str and type(source) is str and (outlet, source) not in self.outlets_under:
            self.outlets_under[(outlet, source)] = where
        if type(source) is str and source not in self.sources_seen and not source.isascii():
            self.sources_seen[source] = where

    def note_names(self) -> None:
        """A note for each place, region or outlet name, tag (and new source) that mixes Latin and
        Cyrillic letters, one alphabet's all lookalikes (Сiверськ with a Latin i), as `add` warns:
        a search in one alphabet does not find it. Names repeat, so each is looked at once. And
        one for each tag holding a comma (models.comma_tags), as `add` warns, or hashtags separated
        by spaces (models.hashtag_tags)."""
        self.plan.tag_notes = [Problem(where, "tags", f"{shown(tag)} holds a comma: it is one tag")
                               for tag, where in self.comma_tags.items()]
        self.plan.hashtag_notes = [Problem(where, "tags", f"{shown(tag)} holds hashtags separated by spaces: it is one tag")
                                   for tag, where in self.hashtag_tags.items()]
        named = [(source.name, "source", "sources") for source in self.plan.new_sources]
        for name, seen in zip(("place", "region", "outlet", "tags"), (*self.names_seen, self.tags_seen)):
            named += [(value, name, where) for value, where in seen.items()]
        for value, name, where in named:
            words = mixed_script_words(value, declined=name != "source")  # (a source's name is never declined)
            if words:
                self.plan.script_notes.append(Problem(where, name, f"{shown(value)} mixes Latin and Cyrillic letters "
                                                                   f"({odd_letters_said(words)})"))
        said: set = set()  # (each pair once: BBC and ВВС, both new, look like each other)
        for source in self.plan.new_sources:  # (as `sources add` warns: "ΙSW" with a Greek Iota)
            for value in source.names():
                found, say = self.registry.lookalike(value, besides=source.name), lookalike_said
                if found is None:  # (or the same but for spaces and punctuation: "Deep State", DeepState)
                    found, say = self.registry.spelled_apart(value, besides=source.name), spelled_apart_said
                if found is not None and frozenset((source.name, found[0].name)) not in said:
                    said.add(frozenset((source.name, found[0].name)))
                    self.plan.lookalike_notes.append(Problem("sources", "source", say(value, *found)))
        new = {source.name for source in self.plan.new_sources}  # (said above, as a source added)
        for name, where in self.sources_seen.items():  # ('Ukrainе', a Cyrillic е, registered beside Ukraine)
            if name not in new and mixes_alphabets(name) and \
                    (found := self.registry.lookalike(name, besides=name)) is not None:
                self.plan.source_alike_notes.append(Problem(where, "source", f"{lookalike_said(name, *found)}: "
                                                                             "check that it is the source meant"))
        self.note_outlets()

    def note_outlets(self) -> None:
        """A note for an outlet that is another source of its claim's claimant's own side (or one of
        its aliases: "Two Majors" under Telegram, both russia: `outlet_of_own_side`), as `add` warns:
        `list --source` finds a claim by its claimant alone. Not of an independent or the other
        side's outlet, the medium that relayed the claim. Once a source and claimant."""
        said: set[tuple[str, str]] = set()
        for (outlet, claimant), where in self.outlets_under.items():
            named = outlet_of_own_side(outlet, claimant, self.registry)
            if named is None or (named.name, claimant) in said:
                continue
            said.add((named.name, claimant))
            # (the source named by an alias, or its name typed otherwise, is said; by its own name, not again)
            said_as = f"another source of the claimant's side ({named.side})" \
                if outlet == named.name else \
                f"the source {named.name} ({named.side}), of the claimant's side"
            self.plan.outlet_notes.append(Problem(where, "outlet", f"{shown(outlet)}, under {claimant}, is {said_as}"))

    def finish(self) -> Plan:
        self.note_names()
        self.note_far_id()
        # A history put in time order (or its statuses made to follow on) is said of a record stored
        # only: not of one skipped (read again each night, a feed's skipped record said it every
        # night) or refused, nor of one that updates a claim (which keeps its own history)
        if self.plan.order_notes or self.plan.chain_notes:
            unstored = {where for where, _ in self.plan.skipped} | {problem.where for problem in self.plan.problems} \
                | self.refused_noted | self.updated_at
            self.plan.order_notes = [note for note in self.plan.order_notes if note.where not in unstored]
            self.plan.chain_notes = [note for note in self.plan.chain_notes if note.where not in unstored]
        if self.kept:
            self.plan.added[:0] = self.kept
            self.kept = []
        # In file order: the file's problems (read first) and each record's (planned later) are
        # listed by line, row or position, so a cut list still shows the first ones.
        self.plan.problems.sort(key=_problem_order)
        self.plan.problems.keep_first(PROBLEMS_KEPT)
        return self.plan

    def note_far_id(self) -> None:
        """A note of the highest ID the file's new claims keep, when it is far past the number the
        next claim gets here: every claim added after it is numbered on from it (a mistyped or
        date-like ID, C-20251207; the last one a claim can have leaves none)."""
        (_, highest), planned = self.highest_kept  # (IDs as format_claim_id writes them: the longest, then the last)
        if planned is None:
            return
        number, start = claim_number(highest), self.store.next_number()
        if number - start < _FAR_AHEAD and number < LAST_CLAIM_NUMBER:
            return
        where = self.file_ids[highest][0]
        past = f"its ID {highest} is {number - start:,} past the next number here, {format_claim_id(start)}"
        # (the claims without an ID are numbered after it; packed, the plan's added claims are those)
        unnumbered = sum(1 for record in self.plan.added if type(record) is not dict or not record["id"])
        if number + unnumbered > LAST_CLAIM_NUMBER:  # (refused, as a record with a problem is: left out)
            (self.kept if planned in self.kept else self.plan.added).remove(planned)
            self.refused_noted.add(where)
            self.plan.problems.append(Problem(where, "id", (
                f"{past}, so near the last a claim can have ({format_claim_id(LAST_CLAIM_NUMBER)}) that "
                f"{counted(unnumbered, 'claim')} of this file without an ID would have no number after it"),
                "Give this claim a lower ID, or leave its ID out."))
            return
        after = ("it is the last number a claim can have, so no claim can be added after it"
                 if number >= LAST_CLAIM_NUMBER else
                 f"every claim added without an ID, by this import or later, is numbered from {format_claim_id(number + 1)}")
        self.plan.far_id_notes.append(Problem(where, "id", f"{past}: {after}"))

    def said(self, base: dict, extra: dict) -> int:
        """`_said` of a record: with `update`, of all it carries; with `skip`, of its claim's fields,
        its evidence items (source, stance, day, kind, link, note, withdrawn) and its assessment's
        status, not their every word (hashing an export's evidence and history as JSON made a 100,000-claim import
        half a second slower), so a later record bringing more evidence is said."""
        if self.on_duplicate == "update" or not extra:
            return _said(base, extra or None)
        assessment = extra.get("assessment")
        return hash((_said(base, None), assessment.get("status") if type(assessment) is dict else None,
                     *map(_EVIDENCE_SAID, extra.get("evidence") or ())))

    def remember_values(self, where: str, said: int, *, added: bool = True) -> None:
        """What a claim's first record says (see duplicate_in_file), as a hash (an import of 100,000
        keeps 100,000): with `update`, of every claim; with `skip`, of the claims this import adds
        (one recorded before was skipped with its later rows on an earlier run, and said then)."""
        if self.on_duplicate == "update" or (added and self.on_duplicate == "skip"):
            self.first_values[where] = said

    def duplicate_in_file(self, where: str, earlier: str, said: int, *, ref: Any = None, text: Any = None) -> None:
        """A later record of a claim the file gave already. With `update` only the first is applied
        (both may change one stored claim): a later one that says otherwise (a note, a region) is
        named, so that a correction appended to a feed is not lost unseen. One that has the `ref`
        of an earlier record but another statement (`text`) is named whatever the mode: it is most
        likely another claim given that ref by a slip, and it is not imported."""
        first = self.ref_texts.get(ref_key(ref)) if ref else None
        if first is not None and first != text and statement_key(str(first)) != statement_key(str(text)):
            differs = f"has the ref {shown(ref)} of {earlier}, whose statement differs"
            if self.on_duplicate == "fail":
                self.plan.problems.append(Problem(where, "ref", f"{differs}; give it a ref of its own"))
            else:
                self.plan.skipped.append((where, f"repeats {earlier}"))
                self.plan.ref_notes.append(Problem(where, "ref", f"{differs}: it was taken as that claim and not "
                                                                 "imported; give it a ref of its own"))
            return
        if self.on_duplicate == "fail":
            self.plan.problems.append(Problem(where, None, f"repeats {earlier} of this file"))
            self.plan.duplicates += 1
            return
        self.plan.skipped.append((where, f"repeats {earlier}"))
        first = self.first_values.get(earlier)
        if first is not None and first != said:
            unit = record_unit(earlier)
            self.plan.repeat_notes.append(Problem(where, None, (
                f"repeats {earlier} of this file with other values; an import applies only a claim's first "
                f"{unit}: import this {unit} on its own to apply it") if self.on_duplicate == "update" else (
                # (no advice to update: it would put this record's values, empty cells too, in place
                # of the first's, such as its outlet and link; another outlet may be a claim of its own)
                f"repeats {earlier} of this file with other values, not imported: an import adds a claim's "
                f"first {unit}")))

    def duplicate_of_stored(self, entry: Entry, record: dict, extra: dict, stored: dict, why: str) -> None:
        if extra.get("deleted_at") and not stored.get("deleted_at") and \
                not _restored_since(stored, extra["deleted_at"]):  # (an import deletes nothing: said)
            # (who deleted it there and why, as its history says, as a clear's note says it)
            said = _last_entry_said(extra.get("history"), "deleted", in_a_note=True)
            deleted = f"deleted there ({said})" if said else f"deleted there on {local_day(extra['deleted_at'])}"
            self.plan.deleted_notes.append(Problem(entry.where, None, f"{deleted}, live here as {stored['id']}"))
        # The converse, unless an update says it: said of a desk's record changed there since the
        # deletion here (a restore); a sheet's row, or an export from before it, says nothing new,
        # nor one whose entries since only relay edits made before it (this desk's own, taken there)
        live_there = None
        if stored.get("deleted_at") and extra.get("history") and not extra.get("deleted_at") \
                and stamp_key(_AT(extra["history"][-1])) > stamp_key(stored["deleted_at"]) \
                and _changed_there_since(extra, stamp_key(stored["deleted_at"])):
            live_there = Problem(entry.where, None, f"live there, deleted here as {stored['id']} on "
                                                    f"{local_day(stored['deleted_at'])}")
        if self.on_duplicate == "fail":
            # (found by its own ID: "already recorded as C-0001 (ID C-0001)" said it twice)
            why_said = "" if why == f"ID {stored['id']}" else f" ({why})"
            self.plan.problems.append(Problem(entry.where, None, f"already recorded as {stored['id']}{why_said}"))
            self.plan.duplicates += 1
        elif self.on_duplicate == "skip":
            if live_there is not None:
                self.plan.live_there_notes.append(live_there)
            self.plan.skipped.append((entry.where, f"already recorded as {stored['id']} ({why})"))
            history = extra.get("history")
            # (another desk's changes to a claim this one has, or a record that differs from its
            # claim here without a history of it, a typo fixed in a sheet or by hand in an export:
            # skipped, as asked, but not unsaid)
            news = bool(history) and _news_in(stored, history)
            if news or (self.export_differs(stored, record, extra, entry) if history
                        else self.row_differs(stored, record, extra, entry)):
                updated = self.update(stored, record, extra, entry)
                if updated is not None:
                    odd = unknown_stance(stored)  # (an update of it is refused: said before it is tried)
                    changed = (_what_changed(stored, updated) if odd is None else _fields_changed(stored, updated)) \
                        or "its evidence"
                    (self.plan.changed_notes if news else self.plan.differs_notes).append(Problem(
                        # (the file's ID may be another claim's here)
                        entry.where, None, f"{stored['id']} here: {changed}" + (
                            f"; its {odd.get('id')} here has the stance {shown(odd.get('stance'))}, which claims does "
                            "not know, to mend before an update (`claims doctor` names it)" if odd is not None else "")))
        else:
            updated = self.update(stored, record, extra, entry)
            odd = unknown_stance(stored) if updated is not None else None
            if odd is not None:  # (a change to it is refused, as every command's is: ledger._touch)
                fields = _fields_changed(stored, updated)
                self.plan.problems.append(Problem(entry.where, None, (
                    f"would change {stored['id']} ({fields or 'its evidence, which may be only that item'}), whose "
                    f"{odd.get('id')} here has the stance {shown(odd.get('stance'))}, which claims does not know: mend "
                    "the database first (`claims doctor` names it)")))
                return
            if updated is None:
                self.plan.skipped.append((entry.where, f"{stored['id']} is already up to date"))
                if live_there is not None:
                    self.plan.live_there_notes.append(live_there)
            else:
                self.plan.updated.append(updated)
                self.updated_at.add(entry.where)  # (its history is not the file's: finish)
                point = (updated.get("lat"), updated.get("lon"))
                if point[0] is not None and point != (stored.get("lat"), stored.get("lon")):
                    self.note_coordinates(entry.where, *point)  # (a point it moves to, as edit warns of it)
                if stored.get("deleted_at"):  # (listings leave it out: said, as a merge or rename says it)
                    self.plan.deleted_here_notes.append(Problem(entry.where, None, (
                        f"{stored['id']} is deleted here: updated, and still deleted (`claims restore {stored['id']}` "
                        "brings it back)")))
                # (evidence it adds without a date, said as for a claim added; not an item already here)
                self.plan.evidence_date_notes += self.added_notes[0]
                self.plan.relative_notes += self.added_notes[1]
                for kind, note in self.added_evidence_notes:
                    getattr(self.plan, kind).append(note)

    @staticmethod
    def row_differs(stored: dict, record: dict, extra: dict, entry: Entry) -> bool:
        """Whether a record without history (a sheet's row, a record by hand) may change its stored
        claim: a field it gives (a column the sheet has) that differs in a way an update writes, or
        evidence or an assessment. A quick sign, as `_news_in` is for an export's, before the update
        that tells for sure (an edit here the row still has the value before stands against it):
        a sheet of 100,000 read again unchanged copies no claim."""
        if extra.get("evidence") or extra.get("assessment"):
            return True
        return _fields_differ(stored, record, entry)

    @staticmethod
    def export_differs(stored: dict, record: dict, extra: dict, entry: Entry) -> bool:
        """Whether an exported record whose history brings no news (`_news_in`) may still change its
        stored claim: a value corrected in the file by hand, of which its history has no entry (a
        field, its assessment or its evidence). A quick sign, as `row_differs` is: a claim's own
        export read again, unchanged, has the claim's values, and is not copied."""
        return extra.get("assessment") != stored.get("assessment") or \
            (extra.get("evidence") or []) != (stored.get("evidence") or []) or _fields_differ(stored, record, entry)

    # -- building the records ----------------------------------------------------------------
    def complete(self, record: dict, extra: dict) -> dict:
        """A new claim: the validated fields, what an export carries, status recomputed, and an
        "imported" history entry (the same record shape as `ledger.new_claim_record`)."""
        if not extra and record.get("id", 0) is None:
            return self.complete_plain(record)
        if "id" not in record:  # from build_claim: the ID goes first (store.add_claims keeps it)
            record = {"id": None, **record}
        if extra.get("id"):
            record["id"] = extra["id"]
        now = self.now
        record["status"] = record["computed_status"] = Status.UNVERIFIED.value
        record["assessment"] = extra.get("assessment")
        record["evidence"] = extra.get("evidence") or []
        history = extra.get("history") or []
        record["history"] = history
        record["created_at"] = extra.get("created_at") or now
        record["updated_at"] = now
        record["deleted_at"] = extra.get("deleted_at")
        if record["deleted_at"]:
            self.plan.added_deleted += 1
        self.refresh(record)
        before, history_deleted = self.history_end  # (found as `extras` put the history in order)
        deleted_at = record["deleted_at"]
        if bool(deleted_at) != history_deleted:
            # The record's deleted_at decides; its history is made to say so, as the report reads
            # it (a deleted claim whose history never deleted it counted as live there).
            readable = type(deleted_at) is str and is_utc_stamp(deleted_at)  # (else kept as given: not a time)
            action, at = ("deleted", deleted_at if readable else now) if deleted_at else ("restored", now)
            if history and at < history[-1]["at"]:  # (last in time, as the history is kept: it ends deleted)
                at = history[-1]["at"]
            history.append(history_entry(action, self.analyst, before, before or record["status"],
                                         detail="as the file's deleted_at says", at=at))
        # (a file from a desk whose clock runs ahead: its times, the assessment's too, then this one's)
        at = next_stamp(history, now, after=assessed_at(record))
        detail, assessment = self.detail, record["assessment"]
        brought = assessment is not None and not _assessment_known(history, assessment)
        if brought:  # (as `update` says one it brings; a history copied whole that has it names who made it)
            detail += f"; assessed {_assessed_words(assessment)}"
        entry = history_entry("imported", self.analyst, before, record["status"], detail=detail, at=at, clock=now)
        if brought:
            _stamp_assessment_brought(entry, assessment)
        history.append(entry)
        record["updated_at"] = at
        return record

    def complete_plain(self, record: dict) -> dict:
        """`complete` for a record without evidence, assessment, history or timestamps (every
        CSV row): its status is what the rule gives a claim with no evidence, worked out once per
        source by `refresh_status` itself, and its "imported" history entry is a fresh copy of
        one made by `history_entry`. Same record, same key order."""
        record.update(self.plain_ending(record["source"]))
        return record

    def plain_ending(self, source: str) -> dict:
        """The fields `complete_plain` gives a new claim by `source`, in their order (fresh values)."""
        status, computed, entry = self.plain_status.get(source) or self.status_of_plain(source)
        now = self.now
        return {"status": status, "computed_status": computed, "assessment": None, "evidence": [],
                "history": [entry.copy()], "created_at": now, "updated_at": now, "deleted_at": None}

    def refresh(self, record: dict) -> None:
        """`refresh_status(record)`, worked out by refresh_status itself once for each claimant,
        live evidence (stance, source) and assessed status: what the rule reads."""
        assessment = record["assessment"]
        live = [item for item in record["evidence"] if not item.get("withdrawn_at")]
        key = (record["source"], tuple([(item["stance"], item["source"]) for item in live]),
               assessment["status"] if assessment else None)
        try:
            record["computed_status"], record["status"] = self.statuses[key]
        except KeyError:
            probe = {"source": record["source"], "evidence": live, "assessment": assessment}
            refresh_status(probe, self.registry)
            self.statuses[key] = record["computed_status"], record["status"] = \
                probe["computed_status"], probe["status"]

    def status_of_plain(self, source: str) -> tuple[str, str, dict]:
        """(status, computed_status, "imported" history entry to copy) of a new claim by `source`
        without evidence or assessment: worked out once per source by `refresh_status` itself."""
        try:
            return self.plain_status[source]
        except KeyError:
            probe = {"source": source, "evidence": [], "assessment": None}
            refresh_status(probe, self.registry)
            status = probe["status"]
            entry = history_entry("imported", self.analyst, None, status, detail=self.detail, at=self.now)
            found = self.plain_status[source] = (status, probe["computed_status"], entry)
            return found

    def update(self, stored: dict, record: dict, extra: dict, entry: Entry) -> dict | None:
        """The stored claim with the fields this entry gives and any evidence it lacks; None if
        nothing would change."""
        claim = copy.deepcopy(stored)
        changes = {name: [claim.get(name), record[name]] for name in EDITABLE_FIELDS
                   if name in entry.present and claim.get(name) != record[name]
                   and not _alike(name, claim.get(name), record[name])}
        edited_at: dict[str, str] = {}  # when the edits the file carries of each field were made
        by_hand: set[str] = set()  # of those, fields whose value the file changed after its last edit (`changed_by_hand`)
        if extra.get("history"):
            # An export's claim: a field an analyst here edited after any edit of it in the file's
            # history stays as it is here. Analysts' edits only, on both sides, wherever made: an
            # import's entry is stamped when it ran, not when the change it carried was made (it
            # says that in `edited_at`), and would make an older relayed change look newer than an
            # edit made after it.
            ours, theirs = claim.get("history") or [], extra["history"]
            edited_at = {name: _last_change(theirs, name, edits_only=True) for name in changes}
            by_hand = {name for name, change in changes.items() if self.changed_by_hand(name, change, ours, theirs)}
            changes = {name: change for name, change in changes.items()
                       if name in by_hand or self.file_edit_stands(name, change, edited_at[name], ours, theirs)}
            if "source" in changes and _moved_by_registry(theirs):
                # (this desk's registry decides whose claim it is here: another desk's merge or
                # rename moves no claim; an edit of the claimant made there before it still comes,
                # as this desk names that source)
                edited = self.registry.find(_last_edit_to(theirs, "source") or "") if edited_at["source"] else None
                if edited is None or edited.name == claim["source"]:
                    del changes["source"]
                else:
                    changes["source"] = [claim["source"], edited.name]
            self.say_edits_replaced(claim, changes, edited_at, entry, theirs, by_hand)
        else:
            self.keep_edits_made_here(claim, record, changes, entry)
        for name, (_, new) in changes.items():
            claim[name] = new
        theirs = extra.get("evidence") or ()
        added, withdrawn, positions = self.evidence_changes(claim, theirs)
        self.added_notes = ([self.undated_at[at] for at in positions if at in self.undated_at],
                            [self.relative_at[at] for at in positions if at in self.relative_at])
        assessment = self.newer_assessment(claim, extra)
        if not changes and not added and not withdrawn and assessment is None:
            return None
        if assessment is not None and assessment is not CLEARED:
            self.say_assessment_replaced(claim, assessment, extra.get("history"), entry)
        before, computed = claim["status"], claim.get("computed_status")
        if self.on_duplicate == "update" and ("claimed_on" in changes or "event_on" in changes):
            # (the items here a new claim or event date leaves dated before it, as `edit --on`/`--event-on`
            # warns; those the file adds are said below)
            self.added_notes[0][:0] = _left_before_notes(claim, {**claim, **{
                name: was for name, (was, _) in changes.items()}}, entry.where, changes)
        claim["evidence"] = [*(claim.get("evidence") or []), *added]
        self.added_evidence_notes = []
        # (of the items it adds, against those before them; skip adds none: differs-here says what it would)
        if added and self.on_duplicate == "update":
            first = len(claim["evidence"]) - len(added)
            # (dated before the claim's event, or long before the claim, as of a claim added)
            self.added_notes[0].extend(note for at, item in enumerate(added) if (
                note := _dated_before_note(claim, item, entry.where, positions[at] + 1)) is not None)
            # (a claim deleted here: the fix a note would name, `evidence remove` or `assess`, is refused on it)
            named = None if claim.get("deleted_at") else claim["id"]
            self.added_evidence_notes = [
                (kind, Problem(entry.where, f"evidence {positions[at - first] + 1}", said(named)))
                for kind, at, said in _evidence_notes(claim, claim["evidence"], first, self.registry)]
        if assessment is not None:
            if assessment is CLEARED:  # (said in the entry's changes: `_last_cleared` reads it there)
                changes["assessment"] = [(claim.get("assessment") or {}).get("status"), None]
                claim["assessment"] = None
            else:
                claim["assessment"] = assessment
        refresh_status(claim, self.registry)
        at = claim["updated_at"] = next_stamp(claim.get("history") or [], self.now, after=assessed_at(claim))
        detail = f"updated from {self.batch.name} {entry.where}"
        if extra.get("history"):
            detail += _edited_by(extra["history"], [name for name in changes if edited_at.get(name) and name not in by_hand])
        if added:
            detail += "; evidence added: " + ", ".join(  # (one withdrawn on its desk comes so: said)
                item["id"] + (" (withdrawn there)" if item.get("withdrawn_at") else "") for item in added)
        if withdrawn:
            detail += f"; evidence withdrawn: {', '.join(withdrawn)}"
        if assessment is CLEARED:
            detail += "; assessment cleared" + _clear_said(extra.get("history"))
        elif assessment is not None:
            detail += f"; assessed {_assessed_words(assessment)}"
        if "source" in changes and self.on_duplicate == "update" and not claim.get("deleted_at"):
            # (of the items it had: not those the file adds, which were nothing before; skip moves none:
            # differs-here says what would change. Not of a claim deleted here, which no status reads and
            # whose fix, an edit, is refused: as `sources merge` leaves it out; deleted-here says it)
            had = [item for item in claim["evidence"] if all(item is not new for new in added)]
            said = _own_word_said({**claim, "evidence": had}, changes["source"][0], self.registry)
            if said is not None:
                self.plan.own_word_notes.append(Problem(entry.where, "source", *said))
        moved = rule_moved(claim, computed)
        if moved:
            detail += f"; {moved}"
            if assessment is None and self.on_duplicate == "update":  # (an assessment of this desk's, kept:
                # not one the file brings, made after; skip updates none: changed-there says what would change)
                self.plan.assessed_moved_notes.append(Problem(entry.where, "assessment", (
                    f"{claim['id']} is assessed {claim['status']}, which stays in force; {moved}")))
        entry = history_entry("imported", self.analyst, before, claim["status"], changes or None, detail, at,
                              clock=self.now)
        if assessment is not None and assessment is not CLEARED:
            _stamp_assessment_brought(entry, assessment)
        made_by: dict[str, str] = {}
        if extra.get("history"):
            # (a value changed by hand in the file, no edit of its desk's: after an edit both desks
            # have, or in a field the file's history never edited, whose value it stands on only as
            # edits here do not stand against it: brought now, as a sheet's is. Unstamped, the older
            # export read next put the old value back, and each file flipped it again)
            made_now = by_hand | {name for name in changes if not edited_at.get(name)}
            carried = {name: at if name in made_now else edited_at[name] for name in changes
                       if name != "assessment"}
            # (of those, the analysts' edits, by whom: not a sheet's value read there, which a
            # sheet read again here need not keep: _edits_since_set)
            made_by = {name: by for name in carried if name not in made_now
                       and (by := _analyst_of_edit(extra["history"], name)) is not None}
        else:  # (a sheet's row or a record by hand: its values are this desk's edit, made now)
            carried = {name: at for name in changes if name != "assessment"}
        if carried:
            entry["edited_at"] = carried
            if extra.get("history"):  # (even none: an entry without the key was written before it was kept)
                entry["edited_by"] = made_by
        claim["history"] = [*(claim.get("history") or []), entry]
        return claim

    def keep_edits_made_here(self, claim: dict, record: dict, changes: dict, entry: Entry) -> None:
        """`update`'s `changes` of a sheet's row (or a record by hand), less those an edit here
        stands against, each said (`edited-here`), and the edits the row replaces said too
        (`replaced-here`)."""
        # A sheet's row (or a record by hand) knows no times: one that still holds the value a
        # field had before the edits here since an import set it is the sheet as it was before
        # them (read again by a script each hour), not news. The edits stand, and are said; a
        # value the sheet changed since is applied as before.
        history = claim.get("history") or []
        runs = {name: _edits_since_set(history, name, relayed=True) for name in changes}
        kept = [name for name, run in runs.items() if name not in ("lat", "lon") and run is not None
                and self.same_value(name, run[0], record[name])]
        if "lat" in changes or "lon" in changes:  # (a point is one value: kept whole, or the row's whole)
            point = {name: runs[name] if name in runs else _edits_since_set(history, name, relayed=True)
                     for name in ("lat", "lon")}
            if any(point.values()) and all(
                    name not in entry.present or (self.same_value(name, run[0], record[name]) if run is not None
                                                  else claim.get(name) == record[name])
                    for name, run in point.items()):
                kept += [name for name in ("lat", "lon") if name in changes]
        for name in kept:
            del changes[name]
        if self.on_duplicate != "update":
            return  # (skip only says what the row would change: `differs-here`)

        def made(name: str) -> str:  # (where the last edit was made: here, or on a desk whose export brought it)
            last = _last_edit_of(history, name) or {}
            if last.get("action") != "imported":
                return "here"
            by = _relayed_by(last, name)
            return "on another desk" + (f" by {by}" if by else "")

        def the_rows(name: str) -> str:  # (its source as the cell has it: Rybar, merged here into Telegram)
            written = entry.data.get(name)
            if name == "source" and type(written) is str and source_key(written) != source_key(record[name]):
                return f"{_value_said(written.strip())} ({record[name]} here)"
            return _value_said(record[name])

        for name in kept:
            self.plan.kept_notes.append(Problem(entry.where, name, (
                f"kept {_value_said(claim.get(name))} of {claim['id']}, edited {made(name)} on {local_day(runs[name][1])}; "
                f"the row still has {the_rows(name)}, the value that edit replaced")))
        for name, run in runs.items():  # (the sheet changed since: its value stands, and is said,
            # unless the edits here came back to where they began, or the sheet took them, written otherwise)
            ours = claim.get(name)
            if name in changes and run is not None and not self.same_value(name, run[0], ours) \
                    and not self.same_value(name, ours, record[name]):
                self.plan.replaced_notes.append(Problem(entry.where, name, (
                    f"gave {claim['id']} the row's {_value_said(record[name])}, though an edit {made(name)} cleared it on "
                    f"{local_day(run[1])}" if ours in _EMPTY else
                    f"replaced {_value_said(ours)} of {claim['id']}, edited {made(name)} on {local_day(run[1])}, "
                    f"with the row's {the_rows(name)}")))

    def say_edits_replaced(self, claim: dict, changes: dict, edited_at: dict, entry: Entry, theirs: list,
                           by_hand: set[str]) -> None:
        """An export's `changes` that replace a value an edit here gave, each said (`replaced-here`):
        the later edit (or the file's, made in the same second, or its value changed by hand since
        that edit: `by_hand`) stands, but not unsaid. Not one the file's desk made over that very
        value (it had it, from this desk's export)."""
        if self.on_duplicate != "update":
            return  # (skip only says what changed there: `changed-there`)
        ours = claim.get("history") or []
        for name, (value, new) in changes.items():
            run = _edits_since_set(ours, name)
            if run is None:
                continue
            there = _last_edit_of(theirs, name)
            if there is not None and self.same_value(name, _change_of(there, name)[0], value):
                continue
            here = _last_edit_of(ours, name) or {}
            by = f" by {here['analyst']}" if type(here.get("analyst")) is str and here["analyst"] else ""
            same_second = edited_at.get(name) == _last_change(ours, name, edits_only=True)
            when = "in the same second as the edit here" if same_second else "later"
            if name in by_hand:
                when = "after that edit without a history entry (by hand?)"
                self.plan.replaced_notes.append(Problem(entry.where, name, (
                    f"replaced {_value_said(value)} of {claim['id']}, edited here on {local_day(run[1])}{by}, "
                    f"with the file's {_value_said(new)}, changed there {when}")))
                continue
            self.plan.replaced_notes.append(Problem(entry.where, name, (
                f"gave {claim['id']} the file's {_value_said(new)}, edited there {when}, though an edit here"
                f"{by} cleared it on {local_day(run[1])}" if value in _EMPTY else
                f"replaced {_value_said(value)} of {claim['id']}, edited here on {local_day(run[1])}{by}, "
                f"with the file's {_value_said(new)}, edited there {when}")))

    def changed_by_hand(self, name: str, change: list, ours: list, theirs: list) -> bool:
        """Whether the file's value of field `name` (`change`: [ours, the file's]) was changed there
        after the last edit of it, which both histories have (the same time and change: this desk's
        own, or one carried from desk to desk), with no entry of it: the value here is what that edit
        gave, the file's is not what its history last set it to (an export corrected by hand). The
        file's value is then the later one: an edit's tie of one second, by value, kept "n2" over an
        export's hand-corrected "corrected n3" unsaid."""
        made_there, made_here = _last_edit_of(theirs, name), _last_edit_of(ours, name)
        if made_there is None or made_here is None or _change_of(made_there, name) != _change_of(made_here, name) \
                or _edit_time(made_there, name) != _edit_time(made_here, name):
            return False
        set_there = next(pair for entry in reversed(theirs) if (pair := _change_of(entry, name)) is not None)
        return self.same_value(name, _change_of(made_here, name)[1], change[0]) and \
            not self.same_value(name, set_there[1], change[1])

    def file_edit_stands(self, name: str, change: list, there: str, ours: list, theirs: list) -> bool:
        """Whether the file's value of field `name` (`change`: [ours, the file's]), last edited there at
        `there`, stands against the one here (histories `ours`, `theirs`): the later edit. Of two made
        in the same second, the one made over the other's value; else, two desks' edits of one value,
        the greater value (as JSON), so that both desks, each reading the other's export, keep the
        same one (the file's won on each, and every exchange swapped them)."""
        here = _last_change(ours, name, edits_only=True)
        if there != here or not here:
            return there >= here
        made_there, made_here = _last_edit_of(theirs, name), _last_edit_of(ours, name)
        over_ours = made_there is not None and self.same_value(name, _change_of(made_there, name)[0], change[0])
        over_theirs = made_here is not None and self.same_value(name, _change_of(made_here, name)[0], change[1])
        if over_ours != over_theirs:  # (the one made over the other's value; both so, or neither: by value)
            return over_ours
        return orjson.dumps(change[1], option=orjson.OPT_SORT_KEYS) >= orjson.dumps(change[0], option=orjson.OPT_SORT_KEYS)

    def say_assessment_replaced(self, claim: dict, given: dict, theirs: list | None, entry: Entry) -> None:
        """The file's later assessment that replaces another made here, said (`replaced-here`), as a
        field's edit is: not one its desk made over this one (it had it, from this desk's export)."""
        ours = claim.get("assessment")
        if self.on_duplicate != "update" or not isinstance(ours, dict) or _assessment_known(theirs, ours):
            return
        by = f" by {ours['analyst']}" if type(ours.get("analyst")) is str and ours["analyst"].strip() else ""
        there = f" by {given['analyst']}" if type(given.get("analyst")) is str and given["analyst"].strip() else ""
        self.plan.replaced_notes.append(Problem(entry.where, "assessment", (
            f"replaced the assessment {_assessment_said(ours)} of {claim['id']}, made here on "
            f"{local_day(str(ours.get('at') or ''))}{by}, with the file's {_assessment_said(given)}, made there later{there}")))

    def same_value(self, name: str, ours: Any, theirs: Any) -> bool:
        """Whether a field's value here and a row's are one, written otherwise or not: as the
        duplicate check reads text (case, spacing, a final stop aside), tags and links as an
        update does (`_alike`), a source by whichever source it names now (renamed or merged since)."""
        if ours in _EMPTY and theirs in _EMPTY:
            return True
        if ours == theirs or _alike(name, ours, theirs):
            return True
        if type(ours) is not str or type(theirs) is not str:
            return False
        if name == "source":
            found = self.registry.find(ours)
            return found is not None and found.name == theirs
        if name == "text":  # (a look-alike letter aside, as `duplicate_key` reads a statement)
            return statement_key(ours) == statement_key(theirs)
        return name in _TEXTS and normalise_text(ours) == normalise_text(theirs)

    def signature(self, item: dict) -> tuple:
        """What makes two evidence items alike (`_evidence_signature`), a source merged into another
        in the file taken as that other: this desk may keep Two Majors, which the file's desk
        merged into Telegram, and Two Majors' item there is Telegram's."""
        signature = _evidence_signature(item)
        if self.file_merges and type(signature[0]) is str:
            merged_into = self.file_merges.get(source_key(signature[0]))
            if merged_into is not None:
                return (merged_into, *signature[1:])
        return signature

    def evidence_changes(self, claim: dict, theirs) -> tuple[list[dict], list[str], list[int]]:
        """The file's evidence items the claim lacks (numbered after its own), the IDs of its items
        in force that the file has withdrawn, made so on the claim (a copy), and the positions in
        `theirs` of the items added.

        Each of the file's items is paired with one here, at most, its items in force before its
        withdrawn ones, each with one in the same state first (in force or withdrawn), then of
        the same ID (IDs are each desk's own), in two rounds:
        - an item the file says when it was recorded (an export's) is first the one here recorded
          then, alike by source, stance, day, kind, link and note (`signature`): two desks that
          traded exports hold the same items, so a repeat withdrawn there is not its twin, in
          force on both, and an item recorded there again after its twin was withdrawn is news.
        - then such an item is one alike here that none of the file's took (recorded on each desk
          on its own, or here twice in its second); an item without that time (a sheet's, a record
          by hand) any alike, its repeats in the file one item; one dated from the day of the import
          (none given, 'yesterday') alike whatever its day.
        An item here withdrawn stays so, whatever the file says (an older export); the file's
        items paired with none are added, a withdrawn one as withdrawn there."""
        ours = claim.get("evidence") or []
        taken: set[int] = set()  # indexes into ours, paired
        by_stamp: dict[tuple, list[int]] = {}
        by_signature: dict[tuple, list[int]] = {}
        by_loose: dict[tuple, list[int]] = {}
        for index, item in enumerate(ours):
            signature = self.signature(item)
            by_stamp.setdefault((signature, item.get("recorded_at")), []).append(index)
            by_signature.setdefault(signature, []).append(index)
            by_loose.setdefault(_undated(signature), []).append(index)
        signatures = [self.signature(item) for item in theirs]

        pairs: dict[int, int] = {}  # theirs' position -> ours' index
        in_force_first = sorted(range(len(theirs)), key=lambda position: bool(theirs[position].get("withdrawn_at")))

        def pair_all(candidates_of: dict[int, list[int]]) -> None:
            """Each of these file items with a free candidate: one in its state, for all of them,
            before any in the other (so no item here is withdrawn for its twin's sake)."""
            for same_state_only in (True, False):
                for position in in_force_first:
                    if position in pairs or position not in candidates_of:
                        continue
                    withdrawn = bool(theirs[position].get("withdrawn_at"))
                    free = [index for index in candidates_of[position] if index not in taken
                            and (not same_state_only or bool(ours[index].get("withdrawn_at")) == withdrawn)]
                    if free:
                        pairs[position] = found = min(free, key=lambda index: ours[index]["id"] != theirs[position].get("id"))
                        taken.add(found)

        pair_all({position: by_stamp.get((signatures[position], theirs[position].get("recorded_at")), [])
                  for position in self.stamped_at})
        collapsed: set[int] = set()  # a sheet's or a hand-written record's repeats of an item
        repeats: set[tuple] = set()
        later: dict[int, list[int]] = {}
        for position in in_force_first:
            if position in pairs:
                continue
            signature = signatures[position]
            if position in self.stamped_at:
                later[position] = by_signature.get(signature, [])
            else:
                key = ("loose", _undated(signature)) if position in self.loose_at else ("full", signature)
                if key in repeats:
                    collapsed.add(position)
                    continue
                repeats.add(key)
                later[position] = by_loose.get(key[1], []) if key[0] == "loose" else by_signature.get(signature, [])
        pair_all(later)
        withdrawn = []
        for position, index in pairs.items():
            source, item = theirs[position], ours[index]
            if source.get("withdrawn_at") and not item.get("withdrawn_at"):
                for name in ("withdrawn_at", "withdrawn_by", "withdraw_reason"):
                    item[name] = source.get(name)
                withdrawn.append(item["id"])
        number = next_evidence_number(claim)
        added, positions = [], []
        for position, item in enumerate(theirs):
            if position in pairs or position in collapsed:
                continue
            added.append({**item, "id": format_evidence_id(number)})
            positions.append(position)
            number += 1
        return added, sorted(withdrawn, key=evidence_number), positions

    @staticmethod
    def newer_assessment(claim: dict, extra: dict) -> dict | object | None:
        """The file's assessment if it says something else than the claim's and is newer (an
        analyst here may have assessed the claim again, or cleared it, since the file was written);
        CLEARED if the file cleared it after the one here was made; else None."""
        given = extra.get("assessment")
        ours = claim.get("assessment")
        if not given:
            if ours and _last_cleared(extra.get("history")) > str(ours.get("at") or ""):
                return CLEARED
            return None
        if ours is None:
            history = claim.get("history")
            if str(given["at"]) <= _last_cleared(history, by_analyst=True):
                return None  # (an analyst here cleared it since)
            # A clear that came here by an import is stamped when the import ran, not when it was
            # made: it stands against a file that knows no clear at all (the older file, read again);
            # a file whose history has a clear, then this assessment, was assessed after it.
            if _last_cleared(history) > str(given["at"]) and not _last_cleared(extra.get("history")):
                return None
            return given
        if (given["status"], given["note"]) == (ours.get("status"), ours.get("note")):
            return None
        theirs_at, ours_at = str(given["at"]), str(ours.get("at") or "")
        if theirs_at != ours_at or not ours_at:
            return given if theirs_at > ours_at else None
        # (two desks' in one second: the one made over the other's stands, else the greater, on each
        # desk alike; ours stayed on each, and the desks never agreed)
        over_ours, over_theirs = _assessment_known(extra.get("history"), ours), _assessment_known(claim.get("history"), given)
        if over_ours != over_theirs:
            return given if over_ours else None
        return given if (given["status"], given["note"] or "") > (str(ours.get("status")), str(ours.get("note") or "")) \
            else None


CLEARED = object()  # newer_assessment's answer for an assessment the file cleared


def _assessment_said(assessment: dict) -> str:
    """"refuted ('no footage')", or "refuted" without a note."""
    note = assessment.get("note")
    return f"{assessment.get('status')}" + (f" ({_value_said(note)})" if note else "")


def _assessed_words(assessment: dict) -> str:
    """An assessment as an import's history entry says it brought it: "refuted by zed: no footage"
    (its author, made on another desk: the entry's analyst is who ran the import), "refuted" if
    it names neither."""
    by = assessment.get("analyst")
    note = assessment.get("note")
    return f"{assessment.get('status')}" + (f" by {by}" if type(by) is str and by.strip() else "") + \
        (f": {note}" if note else "")


def _stamp_assessment_brought(entry: dict, assessment: dict) -> None:
    """Give an import's history entry the time and author of the assessment it brought
    (`assessed_at`, read by `_assessment_known`; `assessed_by`: the entry's analyst ran the
    import, another may have made it), whether it updated a claim or added one."""
    if type(assessment.get("at")) is str:
        entry["assessed_at"] = assessment["at"]
        if type(assessment.get("analyst")) is str:
            entry["assessed_by"] = assessment["analyst"]


def _assessment_known(history: list | None, assessment: dict) -> bool:
    """Whether a claim's `history` (another desk's) shows `assessment` in force there before: its
    `assess` entry (stamped with the assessment's own time), or an import's that brought it (its
    `assessed_at`; one an older claims wrote says it in words: "...; assessed refuted: no footage",
    at its end or before the rule's; a newer one names its author, "assessed refuted by zed: no footage")."""
    at = assessment.get("at")
    said = f"{assessment.get('status')}: {assessment['note']}" if assessment.get("note") else str(assessment.get("status"))
    by_said = _assessed_words(assessment)
    for entry in history or ():
        if type(entry) is not dict:
            continue
        action = entry.get("action")
        if action == "assessed" and at and entry.get("at") == at and entry.get("status_after") == assessment.get("status") \
                and type(entry.get("detail")) is str and (entry["detail"] == said or entry["detail"].startswith(said + "; ")):
            return True
        if action == "imported":
            detail = entry.get("detail")
            worded = type(detail) is str and any(
                detail.endswith(f"; assessed {words}") or f"; assessed {words}; the rule" in detail for words in (by_said, said))
            if "assessed_at" in entry:  # (its time, and its words: two desks' may share a second)
                if at and entry["assessed_at"] == at and entry.get("status_after") == assessment.get("status") and worded:
                    return True
                continue
            if worded:
                return True
    return False


def _last_cleared(history: list | None, *, by_analyst: bool = False) -> str:
    """When the history last cleared an assessment ("" if never): `assess --clear`, or (unless
    `by_analyst`) an import that carried a clear (its entry's changes say assessment [status, None])."""
    def clears(entry: dict) -> bool:
        if entry.get("action") == "assessment-cleared":
            return True
        change = None if by_analyst else _change_of(entry, "assessment")
        return change is not None and change[1] is None

    return max((entry["at"] for entry in history or () if type(entry.get("at")) is str and clears(entry)),
               default="")


def _own_word_said(claim: dict, claimant_before: str, registry) -> tuple[str, str] | None:
    """The note, and its fix, of the items in force an update giving `claim` another claimant moved
    across the claimant's own word (`ledger.own_word_moved`), each source's of one stance and
    strength named once, as `edit --source` warns of them, and what the new claimant did to the
    rule's verdict over `claim`'s evidence (the items it had); None if it moved none."""
    now_others, now_own = own_word_moved(claim, claimant_before, registry)
    if not now_others and not now_own:
        return None
    claim_id = claim["id"]
    said, fixes = [], []
    for own, moved in ((True, now_own), (False, now_others)):
        groups: dict[tuple, list[dict]] = {}
        for item, strength in moved:
            groups.setdefault((item["source"], item["stance"], strength), []).append(item)
        for (source, stance, strength), items in groups.items():
            one, ids = len(items) == 1, ", ".join(item["id"] for item in items)
            counted_as = f"{strength} support" if stance == "supports" else \
                f"a {strength} dispute" if one else f"{strength} disputes"
            named = f"{ids} ({source} {stance}) {'was' if one else 'were'}"
            if own:
                said.append(f"{named} {counted_as} from another source and {'is' if one else 'are'} now the "
                            "claimant's own word")
                fixes.append(f"if {claim_id} was {possessive(claimant_before)}, `claims edit {claim_id} --source "
                             f"{shell_quoted(claimant_before)}` gives it back")
                continue
            said.append(f"{named} the claimant's own word and now count{'s' if one else ''} as {counted_as} from "
                        "another source")
            relayed = "only relayed the claim" if stance == "supports" else "only took back its own report"
            fixes.append(f"if {source} {relayed}, " + (
                f"`claims evidence remove {claim_id} {ids}` takes it back" if one else
                f"`claims evidence remove {claim_id} ID` of each of {ids} takes them back"))
    # (over the same items, the claimant's change alone: the status now also weighs the evidence the
    # file adds, "confirmed → refuted" of an export adding a dispute, which the fix, the claimant given
    # back, leaves in force)
    before = evaluate({**claim, "source": claimant_before}, registry).status.value
    now = evaluate(claim, registry).status.value
    verdict = f"the rule: {before} → {now}" if before != now else f"the rule still gives {now}"
    return (f"{claim_id}'s claimant is now {claim['source']} (was {claimant_before}): {', and '.join(said)}; {verdict}",
            "; ".join(dict.fromkeys(fixes)))


def _dated_before_note(claim: dict, item: dict, where: str, index: int) -> Problem | None:
    """The note on `claim`'s evidence item `item` (the file's `index`th of its record at `where`)
    dated too long before the claim or its event (`ledger.dated_before`), as the evidence commands
    warn of it, in the file's words; else None."""
    found = dated_before(claim, item)
    return None if found is None else Problem(where, f"evidence {index} on", _dated_before_said(item, *found))


def _dated_before_said(item: dict, days: int, what: str, day: str) -> str:
    """What a note says of `item`, dated `days` before the claim or event (`what`) of `day`."""
    if what == "event":
        slip = " (a slipped year?)" if days > LONG_BEFORE_DAYS else ""
        said = f"{BEFORE_EVENT_SAID}; check its date{slip} or the event's (event_on)"
    else:
        said = "check its year, or give the claim the event's date (event_on) if the event came first"
    return f"dated {item['on']}, {days} days before the {what} ({day}): {said}"


def _left_before_notes(claim: dict, before: dict, where: str, changes: dict) -> list[Problem]:
    """The notes on the live items of stored `claim` (at `where` of the file) that its new claim or
    event date (`changes`) leaves dated too long before it (`ledger.dated_before`), and its dates
    `before` did not, as `claims edit --on`/`--event-on` warns of them: under the field that moved
    it, naming the item."""
    notes = []
    for item in claim.get("evidence") or ():
        if item.get("withdrawn_at") or dated_before(before, item) is not None:
            continue
        found = dated_before(claim, item)
        if found is not None:
            field = "event_on" if "event_on" in changes and (found[1] == "event" or "claimed_on" not in changes) \
                else "claimed_on"
            notes.append(Problem(where, field, f"{claim['id']}'s {item.get('id')} here is {_dated_before_said(item, *found)}"))
    return notes


def _evidence_notes(claim: dict, evidence: list, first: int,
                    registry) -> list[tuple[str, int, Callable[[str | None], str]]]:
    """(the Plan list it goes in, position, warning) of each note the items of `evidence` (`claim`'s,
    as an import leaves it) from `first` on give, as the evidence commands warn of them: one repeating
    or crossing an item before it (`_overlaps`), relaying the claimant's word (`_relays`: by its outlet,
    or citing its own link), or strong
    from a source graded D or E (`_graded_unread`); each kind's in the order of the items."""
    found = []
    if len(evidence) > 1 and _may_overlap(evidence):
        found += [("overlap_notes", at, said) for at in range(max(first, 1), len(evidence))
                  for said in _overlaps(claim, evidence, at, registry)]
    found += _relays(claim, evidence, first, registry)
    found += [("grade_notes", at, said) for at, said in _graded_unread(claim, evidence, first, registry)]
    return found


def _may_overlap(evidence: list) -> bool:
    """Whether two of `evidence` share a source, or a link written alike (`loose_page_key`): else none
    repeats or crosses another (`_overlaps`), as most claims' items, told apart here at a fraction of
    its cost."""
    sources, links = set(), set()
    for item in evidence:
        source, url = item.get("source"), item.get("url")
        if type(source) is not str or (url and type(url) is not str):  # (a hand edit's: the ledger decides)
            return True
        if source in sources:
            return True
        sources.add(source)
        if url:
            link = loose_page_key(url)
            if link in links:
                return True
            links.add(link)
    return False


def _overlaps(claim: dict, evidence: list, at: int, registry) -> list[Callable[[str | None], str]]:
    """What the live item at `at` of `evidence` (`claim`'s, as an import leaves it) repeats or crosses
    among the items before it, as the evidence commands warn of it (`ledger.overlap_warnings`, theirs
    too), the item named before a crossing (one note of many). Each said given the claim's ID, or None
    for a claim not written yet (a dry run's: the fix, naming it, left out)."""
    item = evidence[at]
    if item.get("withdrawn_at"):  # (it counts for nothing, as the desk that withdrew it knows)
        return []
    view = {**claim, "evidence": evidence[:at + 1]}  # (only the items before it: a pair is said once, of its later)
    return [said for _, said in overlap_warnings(view, item, registry, item_named=True)]


def _remembered(known: dict, value: str, key: Callable[[str], str]) -> str:
    """`key(value)`, kept in `known` the first time it is worked out."""
    try:
        return known[value]
    except KeyError:
        found = known[value] = key(value)
        return found


def _relays(claim: dict, evidence: list, first: int, registry) -> list[tuple[str, int, Callable[[str | None], str]]]:
    """(the Plan list it goes in, position, warning) of each live item of `evidence` (`claim`'s, as an
    import leaves it) from `first` on that counts as strong support and relays the claimant's word,
    as the evidence commands say it (`ledger.relay_warning`, theirs too), against the items before
    it: by the claim's outlet (`outlet_relay_notes`), else citing the claim's own link (`relay_notes`).
    Only an item whose link is written as one of the claim's (`loose_page_key`), or a support by the
    claim's outlet (named once a claim: `registry.identity`, as `same_source` compares names), is
    weighed: most cite neither, and most claims have no link of their own."""
    if first >= len(evidence):
        return []
    urls = claim.get("urls")
    urls = urls if type(urls) is list else ()
    outlet = claim.get("outlet")
    outlet_is = registry.identity(outlet) if type(outlet) is str and outlet.strip() else None
    if not urls and outlet_is is None:
        return []
    identity = registry.identity
    own = None  # (the claim's links' keys, worked out when an item cites a link)
    found = []
    for at in range(first, len(evidence)):
        item = evidence[at]
        if item.get("withdrawn_at"):  # (withdrawn: counts for nothing)
            continue
        by_outlet = outlet_is is not None and item.get("stance") == "supports" and type(item.get("source")) is str \
            and identity(item["source"]) == outlet_is and relayed_by_outlet(claim, item, registry)
        if not by_outlet:
            url = item.get("url")
            if not urls or type(url) is not str:
                continue
            if own is None:
                own = {loose_page_key(link) for link in urls if type(link) is str}
            if loose_page_key(url) not in own:
                continue
        said = relay_warning({**claim, "evidence": evidence[:at + 1]}, item, registry)
        if said is not None:
            found.append(("outlet_relay_notes" if by_outlet else "relay_notes", at, said))
    return found


def _graded_unread(claim: dict, evidence: list, first: int, registry) -> list[tuple[int, Callable[[str | None], str]]]:
    """(position, warning) of each live item of `evidence` (`claim`'s, as an import leaves it) from
    `first` on from a source graded D or E that counts as strong all the same, as the evidence
    commands say it (`ledger.grade_unread_warning`, theirs too)."""
    if not registry.any_graded(GRADES_UNREAD):  # (as most registries: no item's source is looked up)
        return []
    found = []
    for at in range(first, len(evidence)):
        item = evidence[at]
        if item.get("withdrawn_at"):  # (it counts for nothing)
            continue
        source = graded_unread_source(claim, item, registry)
        if source is not None:
            found.append((at, lambda claim_id, source=source, stance=item["stance"]:
                          grade_unread_warning(source, {claim_id: {stance}}, on=False)))
    return found


def _clear_said(history: list | None) -> str:
    """Who cleared an assessment on the file's desk, when, and why (its `assess --clear` entry):
    " (there by taras on 2025-12-08: was refuted; cleared: handed back)", or "" if the file's history has
    none. The import's own entry is all this desk's history keeps of it."""
    said = _last_entry_said(history, "assessment-cleared")
    return f" (there {said})" if said else ""


def _last_entry_said(history: list | None, action: str, *, in_a_note: bool = False) -> str:
    """Who made the last `action` entry of a file's history (its desk's), when, and why (the entry's
    detail: a --reason): "by taras on 2025-12-08: handed back", or "" if the history has none.
    `in_a_note`: said on one line of stderr, the detail quoted (a line break in it escaped, as the
    file's text could pass for a line of the tool's own) and shortened, as a source's note is."""
    made = [entry for entry in history or () if type(entry) is dict and entry.get("action") == action
            and type(entry.get("at")) is str]
    if not made:
        return ""
    last = max(made, key=lambda entry: entry["at"])
    detail, analyst = last.get("detail"), last.get("analyst") or "an analyst"
    if in_a_note:
        detail = shown(shortened(detail, _NOTE_SAID)) if type(detail) is str and detail else None
        analyst = show_controls(shortened(" ".join(str(analyst).split()), _NOTE_SAID))
    why = f": {detail}" if type(detail) is str and detail else ""
    return f"by {analyst} on {local_day(last['at'])}{why}"


def _last_change(history: list, name: str, *, edits_only: bool = False) -> str:
    """When the history last changed field `name` ("" if it never did); `edits_only`: by an
    analyst's edit, made here or on another desk (an import's entry says in `edited_at` when the
    edits it carried were made; one from before it did counts for nothing)."""
    if not edits_only:
        return max((entry["at"] for entry in history if _change_of(entry, name) is not None
                    and type(entry.get("at")) is str), default="")
    return max(filter(None, (_edit_time(entry, name) for entry in history)), default="")


def _value_said(value: Any) -> str:
    """A field's value in a note: quoted, tags and links as a sheet writes them, none as nothing."""
    if value in _EMPTY:
        return "nothing"
    if type(value) is list:
        return shown("; ".join(map(str, value)))
    return shown(value)


_EMPTY = (None, "", [])  # a field's values that hold nothing
_TEXTS = frozenset(("text", "place", "region", "outlet", "note", "ref"))  # compared as the duplicate check does


def _edits_since_set(history: list, name: str, *, relayed: bool = False) -> tuple[Any, str] | None:
    """(the value field `name` had before the first of the analysts' edits here since it was last
    set otherwise, by the claim's creation or an import; when the last of them was made), or None
    if the field has not been edited here since. A source's rename or merge, which moves the
    claim's source with it, is no such setting. With `relayed`, an analyst's edit another desk's
    export brought counts as one made here (what a sheet read again stands against)."""
    first, last = None, None
    for entry in reversed(history):
        change = _change_of(entry, name)
        if change is None:
            continue
        action = entry.get("action")
        brought = _relayed_edit_time(entry, name) if relayed and action == "imported" else None
        if action == "edited" or brought is not None:
            first = change[0]
            if last is None:
                last = brought or (entry.get("at") if type(entry.get("at")) is str else "")
        elif not (name == "source" and action in ("source-renamed", "source-merged")):
            break
    return None if last is None else (first, last)


def _relayed_edit_time(entry: dict, name: str) -> str | None:
    """When the analyst's edit of field `name` that an import's `entry` carried from another desk's
    export was made there (its `edited_by` names who made it); None for none: a sheet's row (or a
    record by hand), whose values are this desk's, or a sheet's value read there and relayed."""
    carried = entry.get("edited_at")
    at = carried.get(name) if type(carried) is dict else None
    if type(at) is not str or not is_utc_stamp(at):
        return None
    if "edited_by" not in entry:  # (written before entries said it, here or by the desk that relayed
        # it: a sheet's row was stamped as read, an export's edit when it was made there)
        return at if at != entry.get("at") else None
    made_by = entry.get("edited_by")
    return at if type(made_by) is dict and name in made_by else None


def _relayed_by(entry: dict, name: str) -> str:
    """Who made the edit of field `name` an import's `entry` carried ("" if it does not say)."""
    made_by = entry.get("edited_by")
    by = made_by.get(name) if type(made_by) is dict else None
    return by.strip() if type(by) is str else ""


def _analyst_of_edit(history: list, name: str) -> str | None:
    """Who made the last change of field `name` in a claim's `history` (another desk's), where an
    analyst's edit made it, there or on a desk before it ("" for one who gave no name); None
    where a sheet's value, read there, did."""
    last = _last_edit_of(history, name)
    if last is None:
        return None
    if last.get("action") == "edited":
        by = last["analyst"] if type(last.get("analyst")) is str else ""
    elif _relayed_edit_time(last, name) is None:
        return None  # (a sheet's value, read there or relayed)
    else:
        by = _relayed_by(last, name)
    return "" if _CONTROL.search(by) else by  # (a name doctor would refuse: unnamed)


def _edit_time(entry: Any, name: str) -> str | None:
    """When an entry's change of field `name` was made by an analyst: an edit here (its time), or
    one an import carried (`edited_at`); None if the entry is no such edit."""
    if _change_of(entry, name) is None:
        return None
    action = entry.get("action")
    if action == "edited":
        at = entry.get("at")
    elif action == "imported":
        carried = entry.get("edited_at")
        at = carried.get(name) if type(carried) is dict else None
    else:
        return None
    return at if type(at) is str and at and is_utc_stamp(at) else None  # (a hand edit's "yesterday": no time)


# How far past the next number here a kept ID moves the numbering, at least, to be said: another
# desk's IDs are near this one's; a date written as an ID (C-20251207) is millions past.
_FAR_AHEAD = 100_000


_ENTRY_ORDER = ("at", "analyst", "action", "status_before", "status_after", "changes", "detail", "clock_at",
                "assessed_at", "assessed_by", "edited_at", "edited_by")


def _in_entry_order(entry: dict) -> dict:
    """A history entry with its keys in the order the store writes them, any others after."""
    ordered = {key: entry[key] for key in _ENTRY_ORDER if key in entry}
    ordered.update(entry)
    return ordered


def _with_statuses_before(history: list) -> tuple[list, tuple | None, tuple[str | None, bool]]:
    """A history (in time order) whose entries each say the status before them as the entries
    before them leave it (none for the first, as the store writes a claim's birth): the report
    counts each change from an entry's status before, and the claims in each status from the
    statuses after, which then agree. An entry that said none (another tool's, with `status_after`
    alone) or another status is given it; with the first that said another as (its number, the
    status it said, the one it is given), or None; and where the history leaves the claim, (status,
    deleted), found on the way (`complete` walked the history again for it: 6 million instructions
    of an import of 1,000 exported claims)."""
    status, gone = None, False
    differs = None
    for number, entry in enumerate(history):
        given = entry.get("status_before")
        if given is not None and given != status and differs is None:
            differs = (number, given, status)
        entry["status_before"] = status
        # (every entry's keys, null when empty, and none of the three the store leaves out when it has
        # none: a script reads h["analyst"] of every entry; "detail": null is no detail)
        analyst = entry.get("analyst", "")
        if analyst is not None and (analyst == "" or (type(analyst) is str and not analyst.strip())):
            entry["analyst"] = None
        if "status_after" not in entry:
            entry["status_after"] = None
        for key in _LEFT_OUT_WHEN_NONE:
            if key in entry and entry[key] is None:
                del entry[key]
        keys = tuple(entry)
        ordered = _STORE_ORDERED.get(keys)
        if ordered is None:
            ordered = _STORE_ORDERED[keys] = keys == tuple(_in_entry_order(dict.fromkeys(keys)))
        if not ordered:  # (another tool's key order: stored in the store's, as evidence is)
            entry = history[number] = _in_entry_order(entry)
        status, gone = after_entry(entry, status, gone)
    return history, differs, (status, gone)


_STORE_ORDERED: dict[tuple, bool] = {}  # an entry's keys, in its order -> whether the store's order
_LEFT_OUT_WHEN_NONE = ("changes", "detail", "edited_at")


def _alike(name: str, ours: Any, theirs: Any) -> bool:
    """Whether two values of a field differ in no way an update should write: tags in another
    order or case, links written otherwise (`link_key`), a ref written otherwise (`equal_refs`)."""
    if name == "tags" and type(ours) is list and type(theirs) is list:
        # (as sets: a stored pair one tag now, "Chasiv  Yar" beside "chasiv yar", is that tag)
        return {tag_key(str(tag)) for tag in ours} == {tag_key(str(tag)) for tag in theirs}
    if name == "urls" and type(ours) is list and type(theirs) is list:
        return sorted(map(str, map(link_key, ours))) == sorted(map(str, map(link_key, theirs)))
    if name == "ref" and type(ours) is str and type(theirs) is str:  # (KH-001 and kh‑001 are one ref)
        return equal_refs(ours, theirs)
    return False


def _fields_differ(stored: dict, record: dict, entry: Entry) -> bool:
    """Whether a field the record gives differs from its stored claim's in a way an update writes
    (not a ref or tags written otherwise: `_alike`)."""
    return any(name in entry.present and stored.get(name) != record[name]
               and not _alike(name, stored.get(name), record[name]) for name in EDITABLE_FIELDS)


def _news_in(stored: dict, history: list) -> bool:
    """Whether an exported record's history has an entry of a change an update could bring (an
    edit, evidence, an assessment, or an import that carried one) that the stored claim's lacks (by
    time, action and analyst): a quick sign that its desk changed it since, before the update that
    tells for sure. A claim's own export read again has none, and neither has a claim that only
    passed through another desk (its import that added it there carried no change): at 100,000
    such claims the update's copy of each cost 4 s."""
    ours = None
    for entry in history:
        if type(entry) is not dict:
            continue
        action = entry.get("action")
        if action not in _NEWS and not (action == "imported" and (
                entry.get("changes") or "; " in str(entry.get("detail") or ""))):
            continue
        if ours is None:
            ours = {(mine.get("at"), mine.get("action"), mine.get("analyst"))
                    for mine in stored.get("history") or () if type(mine) is dict}
        if (entry.get("at"), action, entry.get("analyst")) not in ours:
            return True
    return False


# The actions of the changes an update could bring (besides an import's that carried one)
_NEWS = frozenset(("edited", "evidence-added", "evidence-withdrawn", "assessed", "assessment-cleared"))


def _what_changed(stored: dict, updated: dict) -> str:
    """What an update would change in a stored claim, in words: "its text and note; 1 evidence
    item added (withdrawn there)"."""
    changes = updated["history"][-1].get("changes") or {}
    fields = [name for name in changes if name != "assessment"]
    said = [f"its {' and '.join(fields) if len(fields) < 3 else ', '.join(fields[:-1]) + ' and ' + fields[-1]}"] \
        if fields else []
    new = (updated.get("evidence") or [])[len(stored.get("evidence") or []):]
    if new:
        gone = sum(1 for item in new if item.get("withdrawn_at"))
        said.append(counted(len(new), "evidence item") + " added"
                    + ((" (withdrawn there)" if gone == len(new) else f" ({gone} withdrawn there)") if gone else ""))
    withdrawn = sum(1 for item, before in zip(updated.get("evidence") or (), stored.get("evidence") or ())
                    if item.get("withdrawn_at") and not before.get("withdrawn_at"))
    if withdrawn:
        said.append(counted(withdrawn, "evidence item") + " withdrawn")
    if updated.get("assessment") != stored.get("assessment"):
        said.append("its assessment" if updated.get("assessment") else "its assessment cleared")
    return "; ".join(said)


def _fields_changed(stored: dict, updated: dict) -> str:
    """`_what_changed` but of the evidence, of a claim holding an item of a stance claims does not
    know: that item pairs with none of the file's, whose own would read as an item added."""
    return _what_changed(stored, {**updated, "evidence": stored.get("evidence")})


def _last_edit_to(history: list, name: str) -> Any:
    """What the history's last edit of field `name` (an analyst's, here or carried by an import)
    set it to; None if none did."""
    last = _last_edit_of(history, name)
    return None if last is None else _change_of(last, name)[1]


def _edited_by(history: list, names: list) -> str:
    """"; edited by bob" (or "; edited by bob (tags), carol (place)"): who made the history's last
    edit of each field named, where an analyst's edit made it there (an import that relayed it is
    named by who ran it, not who edited: left out); "" if none is."""
    by: dict[str, list[str]] = {}
    for name in names:
        last = _last_edit_of(history, name)
        if last is not None and last.get("action") == "edited" and type(last.get("analyst")) is str \
                and last["analyst"].strip():
            by.setdefault(last["analyst"], []).append(name)
    if len(by) == 1 and len(next(iter(by.values()))) == len(names):
        return f"; edited by {next(iter(by))}"
    return "; edited by " + ", ".join(f"{analyst} ({', '.join(fields)})" for analyst, fields in by.items()) if by else ""


def _last_edit_of(history: list, name: str) -> dict | None:
    """The history's last entry that is an edit of field `name` (an analyst's, here or carried by an
    import); None if none is."""
    last = None
    for entry in history:
        if _edit_time(entry, name) is not None:
            last = entry
    return last


def _moved_by_registry(history: list) -> bool:
    """Whether the last change of a claim's claimant in `history` (in time order) was made by a
    source's merge or rename, not by an edit: another desk's decision about its sources."""
    last = None
    for entry in history:
        if _change_of(entry, "source") is not None:
            last = entry
    return last is not None and last.get("action") in ("source-merged", "source-renamed")


def _change_of(entry: Any, name: str) -> list | None:
    """An entry's [before, after] of field `name`, if it changed it."""
    changes = entry.get("changes") if type(entry) is dict else None
    change = changes.get(name) if type(changes) is dict else None
    return change if type(change) is list and len(change) == 2 else None


def _says_otherwise(stored: dict, text: str, history: list | None) -> bool:
    """Whether a stored claim and a file's record (with its ref or ID) never said the same: neither
    now nor before an edit, here or on its desk (`_values_had`: one claim numbered otherwise on the
    two desks, edited since), so not one claim but a slip that gave one ref or ID to two statements."""
    if statement_key(str(stored.get("text"))) == statement_key(str(text)):
        return False
    here = set(map(statement_key, _values_had(stored, "text")))
    return not any(said in here for said in map(statement_key, _values_had({"text": text, "history": history}, "text")))


def _changed_there_since(extra: dict, deleted: str) -> bool:
    """Whether an exported record's history (in time order, its last entry after the time
    `deleted`, a `stamp_key`) has a change made on its desk since: an entry after it other than an
    import's that only relayed analysts' edits made before it (each field it changed stamped so in
    its `edited_at`, any assessment it brought made before it too, and no evidence item of the
    file's recorded or withdrawn since; or one changing no field: the one adding the claim there).
    A desk that took this desk's edit, made before the deletion here, or its record from a file
    made before it, sent it back at every export after: 'live there' each time, of nothing done
    there. Read only of a claim deleted here whose file's last entry is later (few of an import)."""

    def before(stamp: Any) -> bool:  # (a time, and not after the deletion: none, or "yesterday", may be any)
        return type(stamp) is str and is_utc_stamp(stamp) and stamp_key(stamp) <= deleted

    evidence_since = None
    history = extra["history"]
    for index in range(len(history) - 1, -1, -1):
        entry = history[index]
        if stamp_key(_AT(entry)) <= deleted:
            return False
        carried, changes = entry.get("edited_at"), entry.get("changes")
        # (an import's entry changing no field, the one adding the claim from a file made before the
        # deletion, brings the entries before it alone; the first, a sheet's row recorded there, is
        # the claim recorded there)
        relayed = entry.get("action") == "imported" and (
            not changes and index > 0
            or type(carried) is dict and type(changes) is dict and bool(changes)
            and all(before(carried.get(name)) for name in changes)) \
            and ("assessed_at" not in entry or before(entry["assessed_at"]))
        if not relayed:
            return True
        if evidence_since is None:  # (an entry names the items it brought by its desk's IDs: the file's times tell)
            evidence_since = any(type(item) is not dict or not before(item.get("recorded_at")) or
                                 item.get("withdrawn_at") is not None and not before(item["withdrawn_at"])
                                 for item in extra.get("evidence") or ())
        if evidence_since:
            return True
    return False


def _restored_since(claim: dict, deleted_at: str) -> bool:
    """Whether a file's deletion of the claim is one made here and undone here since (carried back
    by another desk's export): nothing to say of it. Known by its time, this desk's own deletion
    entry's; a time alone, before or after the restore, says nothing of whose a deletion is."""
    ours = stamp_key(deleted_at)
    restored = False
    for entry in reversed(claim.get("history") or ()):
        if type(entry) is dict and entry.get("action") == "restored":
            restored = True
        elif restored and type(entry) is dict and entry.get("action") == "deleted" and \
                stamp_key(entry.get("at")) == ours:
            return True
    return False


def _other_refs(claim: dict, record: dict, history: list | None) -> bool:
    """Both have a ref, not the same, and neither history changed one: two claims (your own IDs
    for them say so). A ref corrected on one desk is still that claim's."""
    return bool(claim.get("ref")) and bool(record.get("ref")) and not equal_refs(claim["ref"], record["ref"]) and \
        not _last_change(claim.get("history") or [], "ref") and not _last_change(history or [], "ref")


def _same_recording(claim: dict, record: dict, created: str, history: list | None) -> bool:
    """Whether an exported record (recorded at `created`, with `history`) is `claim`, edited since
    on either desk: recorded at the same time, and saying the same when it was, as each history
    tells (`first_recorded_key`). The time alone says little: one import stamps a batch alike."""
    return bool(created) and created == claim.get("created_at") and \
        first_recorded_key(claim) == first_recorded_key(record, history)


_AT = itemgetter("at")  # (every entry has it: history_problem checked)


def _evidence_signature(item: dict) -> tuple:
    return (item.get("source"), item.get("stance"), item.get("on"), item.get("kind"), item.get("url"),
            item.get("note"))


def _values_had(claim: dict, name: str, *, now: bool = True) -> Iterator[str]:
    """The text values a claim's field had before its history's changes of it (and, with `now`,
    the one it has)."""
    if now:
        yield str(claim.get(name))
    for entry in claim.get("history") or ():
        change = (entry.get("changes") or {}).get(name) if type(entry) is dict else None
        if type(change) is list and change and type(change[0]) is str and change[0]:
            yield change[0]


def read_from_today(raw: str) -> bool:
    """Whether a date as a file writes it is read from the day of the import ('yesterday', '3 days
    ago', 'yesterday 14:30'): one ending in a digit and without a time (every ISO date and most
    written ones) is not, at once."""
    return (not raw.rstrip()[-1:].isdigit() or ":" in raw) and is_relative(raw)


def _read_as(raw: str, day: str) -> str:
    return f"{shown(raw)} read as {day}, from the day of this import"


def _undated(signature: tuple) -> tuple:
    """An evidence signature without its day (`on`)."""
    return (*signature[:2], *signature[3:])


# ------------------------------------------------------------------------------ the API

def _bulk():
    """`collector.paused` for the import's bulk steps (small imports are left alone)."""
    return paused(_FREEZE_OBJECTS)


_FREEZE_OBJECTS = FREEZE_OVER  # young objects left by a bulk step


def plan_import(store, batch: Batch, *, analyst: str, on_duplicate: str = "skip",
                progress: Callable[[int, int], None] | None = None, now: str | None = None) -> Plan:
    """Validate every entry and decide what to add, update and skip. Writes nothing.

    `progress(done, total)` is called now and then with the number of claims looked at.
    """
    with _bulk():
        return _plan(store, batch, analyst=analyst, on_duplicate=on_duplicate, progress=progress, now=now)


def _plan(store, batch: Batch, *, analyst: str, on_duplicate: str,
          progress: Callable[[int, int], None] | None, now: str | None,
          pack: Callable[[dict], Any] | None = None) -> Plan:
    planner = _Planner(store, batch, analyst=analyst, on_duplicate=on_duplicate, now=now or utc_now(),
                       pack=pack)
    planner.add_sources()
    entries = batch.claims
    total = len(entries)
    step = max(1000, total // 100)
    kept = planner.csv_row if batch.layout is not None else planner.line  # for (where, row or line)
    for done in range(1, total + 1):
        entry = entries[done - 1]
        entries[done - 1] = None  # a row is planned once; its memory serves the rows after it
        if type(entry) is tuple:
            kept(*entry)
        else:
            planner.claim(entry)
        if progress is not None and done % step == 0:
            progress(done, total)
    if progress is not None:
        progress(total, total)
    plan = planner.finish()
    plan.decimal_notes = batch.decimal_notes
    return plan


class _Discard(Exception):
    """Leave a transaction without writing anything."""


def import_batch(store, batch: Batch, *, analyst: str, on_duplicate: str = "skip",
                 skip_invalid: bool = False, dry_run: bool = False,
                 progress: Callable[[int, int], None] | None = None) -> Plan:
    """Plan and, unless `dry_run`, write the batch in one transaction and one write.

    Raises ImportRejected (nothing written) when entries are invalid and not `skip_invalid`.
    """
    if dry_run:
        plan = plan_import(store, batch, analyst=analyst, on_duplicate=on_duplicate, progress=progress)
        if plan.problems and not skip_invalid:
            raise ImportRejected(plan)
        if plan.writes:  # (as the import would find: a dry run that passes is one the import passes)
            store.check_writable()
        return plan
    result: list[Plan] = []
    try:
        with _bulk(), store.transaction():
            # New claims are planned packed, in the order the store numbers them (see _Planner).
            plan = _plan(store, batch, analyst=analyst, on_duplicate=on_duplicate, progress=progress,
                         now=None, pack=store.pack_claim)
            result.append(plan)
            if plan.problems and not skip_invalid:
                raise ImportRejected(plan)
            if not plan.writes:
                raise _Discard()  # nothing to write: not even a new, empty database file
            stored = store.registry()
            detail = f"from {batch.name}"
            for built_in in [*plan.renamed_sources.values(), *plan.merged_built_ins]:  # (taken whole under another
                store.remove_source(built_in)  # name, or merged there into one so taken: see take_built_ins_whole)
            histories = store.source_histories()
            written = [  # (each in its history, as an edit is, after its last entry as a claim's is; a rename's
                (source, source_entry("imported", analyst, source_changes(  # says the name it had)
                    stored.find(plan.renamed_sources.get(source.name, source.name), alike=False), source), detail,
                    after=histories.get(source_key(source.name))))
                for source in [*plan.new_sources, *plan.updated_sources]]
            store.save_sources(written)
            plan.stamped_sources = [(source.name, [entry]) for source, entry in written]
            for category in plan.new_categories:
                store.add_category(category)
            # (a note's claim is found by the planned object itself: a record planned may be
            # left out after, `note_far_id`, which moves those after it in `added`)
            place = {id(planned): index for index, planned in enumerate(plan.added)} if plan.said_once_added else {}
            plan.added = store.add_packed_claims(plan.added)  # (now the new claims' IDs)
            for note, planned, said in plan.said_once_added:
                if id(planned) in place:
                    note.message = said(plan.added[place[id(planned)]])
            store.save_claims(plan.updated)
    except _Discard:
        pass
    return result[0]


ROWS_SAID = 5  # of the records citing one unknown source, those named (then "and 7 more")


def _problem_lines(problems: Iterable[Problem]) -> list[tuple[str, list[Problem], int]]:
    """The problems as the lines that say them, each with the problems it says and how many (those
    left off too, `Problems.sources_left_off`): a line a problem, but for an unknown source cited by
    several records, said once with them where it is first (a sheet citing 5 names in 30 rows said
    "row N, source: unknown source 'Source3'" 30 times, cut at 20: which names to add, and for how
    many rows, was left to piece together). A name is one whatever its case and spacing, as sources
    are found ('Rybar', 'rybar'): said as first written."""
    left_off = getattr(problems, "sources_left_off", None) or Counter()
    problems = list(problems)
    cited: dict[tuple, list[Problem]] = {}
    for problem in problems:
        if _unknown_source(problem):
            cited.setdefault((problem.field, source_key(problem.message)), []).append(problem)
    lines = []
    for problem in problems:
        alike = cited.get((problem.field, source_key(problem.message))) if _unknown_source(problem) else None
        more = left_off[problem.field, source_key(problem.message)] if alike else 0
        if alike is None or len(alike) + more == 1:
            lines.append((str(problem), [problem], 1))
        elif alike[0] is problem:
            lines.append((f"{problem.field}: {problem.message} in {_records_said(alike, more)}", alike,
                          len(alike) + more))
    return lines


def _unknown_source(problem: Problem) -> bool:
    """Whether a problem is a record's (or its evidence item's) unknown source."""
    return bool(problem.field) and problem.field.endswith("source") and problem.message.startswith("unknown source ")


def _records_said(problems: list[Problem], left_off: int = 0) -> str:
    """'6 rows (2, 7, 12, 17, 22 and 27)', '8 rows (2, 7, 12, 17, 22 and 3 more)': where they are, in
    the word each is said at ('claim 3' of a JSON document: '6 claims (3, ...)'), and `left_off` more
    records past the problems kept (named by none)."""
    wheres = list(dict.fromkeys(problem.where for problem in problems))
    found = [_WHERE.match(where) for where in wheres]
    units = {match[1] for match in found if match is not None}
    if None in found or len(units) != 1:  # (not numbered alike: each said whole)
        named = wheres
        unit = "record"
    else:
        named = [match[2] for match in found]  # type: ignore[index]
        unit = units.pop()
    every = len(named) + left_off
    shortened_to = [*named[:ROWS_SAID], f"{every - len(named[:ROWS_SAID])} more"] if every > ROWS_SAID + 1 \
        else named if not left_off else [*named, f"{left_off} more"]
    return f"{counted(every, unit)} ({and_listed(shortened_to)})"


def read_problems(problems: Iterable[Problem], limit: int = 20) -> tuple[list[str], int]:
    """The first `limit` lines that say the problems (`_problem_lines`), and how many more problems
    there are (those left off too: `Problems`)."""
    problems = problems if isinstance(problems, list) else list(problems)  # (`Problems` kept as they are)
    lines = _problem_lines(problems)[:limit]
    return [line for line, _, _ in lines], getattr(problems, "total", len(problems)) - sum(
        count for _, _, count in lines)


def problem_fixes(problems: Iterable[Problem], limit: int = 20) -> list[str]:
    """The fixes the problems said in the first `limit` lines come with, each once, in their order."""
    return list(dict.fromkeys(problem.hint for _, said, _ in _problem_lines(problems)[:limit]
                              for problem in said if problem.hint))
