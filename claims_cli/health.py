"""What `claims doctor` checks, and the advice it gives: pure functions of a database's parsed JSON.

`check_data` walks the tables of a claims database (as `orjson.loads` returns them) and lists every
problem it finds: a table of the wrong shape, a record missing a field, an ID stored under another
number or used twice, a source or category the database does not know, a stored status that
`verification.refresh_status` would compute differently, a control character that should never
have reached the file, an ID counter that would hand out an ID again. `duplicate_keys` finds JSON
objects with a key written twice (a JSON parser silently keeps only the last). `advise` turns the
findings about the database and its backup (`NAME.bak`) into what to do next.

Reading the files is `store.examine`'s job; this module does no I/O and imports only the pure core.
"""

from __future__ import annotations

import copy
import itertools
import json
import re
from dataclasses import asdict, dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any, Collection, Iterable

import orjson

from .dates import EARLIEST_DAY, latest_day, latest_event_day, latest_stamp, utc_now
from .errors import InvalidValue, json_kind, path_shown, shown
from .migrations import AN_EXPORT, JSON_LINES, an_export, import_it, keys_read_as_one, schema_version_problem
from .models import (
    CLAIM_KEYS, CLAIM_OBJECT_KEYS, CLAIM_PREFIX, DEFAULT_CATEGORIES, EVIDENCE_KEYS, LAST_CLAIM_NUMBER, MAX_NAME,
    MAX_NOTE, MAX_SHORT, MAX_TAG, MAX_TAGS, MAX_TEXT, MAX_URL, MAX_URLS, Source,
    SourceRegistry, Stance, Status, character_name, claim_number, evidence_number, format_claim_id, format_evidence_id,
    history_problem, is_day, in_stamped_form, is_timestamp, lookalike_letters, name_as_written, name_skeleton,
    ref_key, source_key, stamp_key, stored_over_limits, written_alike,
)
from .plain import (
    LINK_LOOP, NOT_REGULAR_HINT, UNREADABLE_HERE, and_listed, claims_counted, name_a_file, shell_arguments, shell_operand,
)
from .verification import status_of

# Problems that make the whole file unusable (every command refuses it); the rest are about records.
FILE_PROBLEMS = frozenset({
    "missing", "directory", "special", "unreadable", "in-the-way", "empty", "truncated", "not-json", "not-claims",
    "newer-version",
})
_EARLIEST = EARLIEST_DAY.isoformat()
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_STATUSES = {status.value for status in Status}
_STANCES = {stance.value for stance in Stance}
MAX_LISTED = 50  # problems listed in full; more are counted


@dataclass
class Problem:
    kind: str  # a stable word for scripts: truncated, duplicate-id, status-mismatch, ...
    where: str  # "file", "C-0003", "C-0003 E2", "source 'ISW'", "meta"
    message: str


@dataclass
class DatabaseCheck:
    """What was found in one file (the database or its backup)."""

    path: str
    exists: bool = False
    size: int | None = None
    modified: str | None = None  # UTC, ISO-8601
    schema_version: int | None = None
    claims: int | None = None  # every claim record, the deleted ones too
    deleted: int | None = None  # of them deleted
    sources: int | None = None
    problems: list[Problem] = field(default_factory=list)
    more_problems: int = 0  # found beyond MAX_LISTED
    # The kinds of every problem found, listed or not (`kinds`): advice and refusals read them all
    found_kinds: set = field(default_factory=set, repr=False)
    # A field claims does not know (another tool's), kept and exported, which an import of the
    # export refuses -> the first record that has it ("C-0001", "C-0001 E1"): no problem, a note
    unknown_fields: dict = field(default_factory=dict)
    # A ref more than one claim holds, one of them at least live (as written, or otherwise:
    # `ref_key`) -> their IDs, as the first of them (by ID) writes it: an import finds only one of them by
    # it, the first stored, deleted or not (`--force` gives a ref twice on purpose, so no
    # problem, a note). Refs only deleted claims share are left out: no live claim goes unfound
    shared_refs: dict = field(default_factory=dict)
    shared_refs_deleted: list = field(default_factory=list)  # the deleted claims among shared_refs' IDs
    claim_ids: list | None = field(default=None, repr=False)  # every claim's ID, in the file's order
    # Two sources one of whose names looks like one of the other's (`name_skeleton`: DeepState and
    # 'DeepStatе' with a Cyrillic е) -> [first, second] by name, in the table's order, each pair
    # once: on every screen one source, two records. No problem, a note: Russia's СВР and the
    # American CBP are two sources that look alike. `lookalikes_said` says each pair, aliases named
    lookalike_sources: list = field(default_factory=list)
    lookalikes_said: list = field(default_factory=list, repr=False)
    # [stored, as written] of each source whose name is stored otherwise than a command writes it
    # ("ISW ", a hand edit's): the renames the advice gives
    unclean_names: list = field(default_factory=list, repr=False)
    # A table claims does not read -> its number of records: a script's plain TinyDB `insert()`
    # writes to "_default", and no command lists what it holds. No problem, a note, with the import
    other_tables: dict = field(default_factory=dict)

    @property
    def healthy(self) -> bool:
        return self.exists and not self.problems

    @property
    def restorable(self) -> bool:
        """Healthy but for dates before 1900, which an edit mends (an older version recorded them:
        its backup holds them too, and is no worse for it), or history times out of order or in the
        future (a clock was wrong: the same), or for its layout, which --relayout mends losing
        nothing (a file relaid keeps the one an editor saved as NAME.bak)."""
        return self.exists and self.kinds() <= {"date-slip", "history-time", "layout", "id-form"}

    @property
    def unusable(self) -> bool:
        """The file cannot be opened at all (as opposed to holding some bad records)."""
        return any(problem.kind in FILE_PROBLEMS for problem in self.problems)

    def kinds(self) -> set[str]:
        """The kinds of every problem found, the ones past the listed MAX_LISTED too (a bad record
        after 50 date slips was unseen by the advice, and by --relayout's refusal)."""
        return self.found_kinds | {problem.kind for problem in self.problems}

    def add(self, kind: str, where: str, message: str) -> None:
        self.found_kinds.add(kind)
        if len(self.problems) < MAX_LISTED:
            self.problems.append(Problem(kind, where, message))
        else:
            self.more_problems += 1

    def to_dict(self) -> dict:
        data = asdict(self)
        del data["found_kinds"], data["claim_ids"]  # (what the checks across the two files read)
        del data["lookalikes_said"]  # (the note's words: lookalike_sources is the pairs)
        del data["unclean_names"]  # (the advice's: the problems name them)
        # (a file that is not there is neither: `false` read as a damaged backup to a script)
        data["healthy"] = self.healthy if self.exists or self.problems else None
        return data


def check_data(data: Any, check: DatabaseCheck, supported_version: int) -> None:
    """Add to `check` every problem in a parsed database; `supported_version` is this claims' schema."""
    found = _check_tables(data, check, supported_version)
    if found is None:
        return
    claims_table = data.get("claims") if isinstance(data.get("claims"), dict) else {}
    _ClaimChecker(*found, check).run((doc_id, doc, None) for doc_id, doc in claims_table.items())


def check_claims_as_written(tables: dict, claims: Iterable[tuple[str, Any, bytes]], check: DatabaseCheck,
                            supported_version: int) -> None:
    """`check_data` for a database read one claim at a time: `tables` without the claims, and
    `claims` as (doc_id, the parsed record, its JSON as orjson writes it), each checked and dropped.

    The same problems, in the same order, as `check_data` on the whole parsed file gives.
    """
    checker = claims_checker(tables, check, supported_version)
    if checker is None:
        for _ in claims:  # every line is still read: one that would not parse changes the verdict
            pass
        return
    checker.run(claims)


def claims_checker(tables: dict, check: DatabaseCheck, supported_version: int) -> "_ClaimChecker | None":
    """`check_claims_as_written` in steps, for claims checked in parts (`_ClaimChecker.part`, then
    `add_part` each, then `finish`): checks `tables` (without the claims) into `check` now; None when
    the file is not a database this claims can check (its claims are then only read)."""
    found = _check_tables(tables, check, supported_version)
    return None if found is None else _ClaimChecker(*found, check)


def _check_tables(data: Any, check: DatabaseCheck, supported_version: int) -> tuple | None:
    """Check what is not a claim; (meta, the registry, the categories) to check the claims with, or
    None when the file is not a database this claims can check."""
    if not isinstance(data, dict):
        check.add("not-claims", "file", f"the file is JSON but not a claims database ({AN_EXPORT})" if an_export(data)
                  else f"the file holds {json_kind(data)}, not a claims database")
        return None
    if not data:  # `{}`: nothing in it yet, a new database to every command (migrations.schema_version_of)
        check.claims = check.deleted = check.sources = 0  # (counted: none; null is a file not read)
        return None
    meta_table = data.get("meta")
    meta = meta_table.get("1") if isinstance(meta_table, dict) else None
    if not isinstance(meta, dict) or type(meta.get("schema_version")) is not int or meta["schema_version"] < 1:
        check.add("not-claims", "file", f"the file is JSON but not a claims database ({schema_version_problem(data)})")
        return None
    version = meta["schema_version"]
    check.schema_version = version
    if version > supported_version:
        check.add("newer-version", "file",
                  f"the file has schema version {version}, written by a newer claims; this one knows up "
                  f"to {supported_version}")
        return None
    for name in ("claims", "sources", "meta"):
        table = data.get(name)
        if name in data and not isinstance(table, dict):  # (null too: the commands refuse it, store.checked_version)
            check.add("bad-table", name, f"the {name} table is {json_kind(table)}, not an object")
    for name, table in data.items():
        if name not in ("claims", "sources", "meta") and isinstance(table, dict) and table:
            check.other_tables[name] = len(table)
    if isinstance(meta_table, dict):
        read_as_one = keys_read_as_one(meta_table)
        for key in meta_table:  # (TinyDB reads the keys with int(): the commands refuse to write either)
            if key in read_as_one:
                check.add("bad-id", "meta", f"a record is stored under {shown(key)}, the same number as "
                                            f"{shown(read_as_one[key])}{_ONE_KEPT}")
            elif not key.isdecimal():
                check.add("bad-id", "meta", f"a record is stored under {shown(key)}, not a number")
    registry = _check_sources(data.get("sources"), check)
    categories = meta.get("categories")
    if not isinstance(categories, list) or not all(isinstance(item, str) for item in categories):
        check.add("bad-record", "meta", "the list of categories is missing or not a list of words")
        categories = list(DEFAULT_CATEGORIES)
    else:
        _check_controls(categories, "meta", check, "categories")
    return meta, registry, set(categories)


def _history_time(check: DatabaseCheck, where: str, history: list, index: int, last: str, latest: str) -> str:
    """Name the time of `history[index]` (a readable one) if it is in the future or before `last`,
    the entry it follows ("": none, or one named already); the time the next one is to follow."""
    at = history[index]["at"]
    key = at if in_stamped_form(at) else stamp_key(at)  # (one ending in Z written otherwise, too: a space for the T)
    if key > latest:  # (and the next not compared with it: this one is named)
        # (one stamped later than made, to follow an entry whose clock ran ahead, keeps the time on its
        # own clock, `ledger.kept_clock`: that one, not in the future, says which clock was right)
        clock = history[index].get("clock_at")
        own = f"; it was stamped so only to follow the entry before it: its own clock said {clock}{_OWN_CLOCK}" \
            if type(clock) is str and is_timestamp(clock) and stamp_key(clock) <= latest else ""
        check.add("history-time", where, f"history[{index}]: at {at} is in the future, more than a "
                                         f"day after this machine's clock{own}")
        return ""
    if key < last and key[:19] < last[:19]:  # (to the second: a fraction after it is no earlier)
        check.add("history-time", where, f"history[{index}]: at {at} is before the entry it follows "
                                         f"({history[index - 1]['at']})")
    return key


_ONE_KEPT = ": a write would keep only one of the two"  # (two keys of a table read as one number)
_OWN_CLOCK = " (clock_at)"  # (the end of a history time in the future whose own clock was right: `_own_clocks_advice`)


def _source_named(doc: Any) -> str:
    """The source a record is, as a problem names it beside another: by its name, if it has one."""
    name = doc.get("name") if isinstance(doc, dict) else None
    return f"the source {shown(name)}" if type(name) is str and name.strip() else "a source record without a name"


def _check_sources(table: Any, check: DatabaseCheck) -> SourceRegistry:
    sources: list[Source] = []
    if not isinstance(table, dict):
        return SourceRegistry(sources)
    check.sources = len(table)
    latest = latest_stamp(utc_now())  # (a source's history is stamped as a claim's: see _ClaimChecker)
    owners: dict[str, str] = {}
    read_as_one = keys_read_as_one(table)
    merged_names: list[tuple[str, str, list[str]]] = []  # (where, the source's name, its merged names)
    unclean: list[tuple[str, str]] = []  # (where, the name) of a name stored otherwise than written
    shared: set[str] = set()  # the keys of names that more than one source holds
    for doc_id, doc in table.items():
        where = f"source #{doc_id}"
        if not isinstance(doc, dict) or not isinstance(doc.get("name"), str) or not doc["name"].strip():
            check.add("bad-record", where, "a source record without a name")
            continue
        where = f"source {shown(doc['name'])}"
        if doc_id in read_as_one:  # ("07" beside "7": TinyDB reads both as 7, and a write keeps one)
            other = read_as_one[doc_id]
            check.add("bad-id", where, f"the source is stored under {shown(doc_id)}, the same number as "
                                       f"{shown(other)} ({_source_named(table[other])}){_ONE_KEPT}")
        elif not doc_id.isdecimal():  # (TinyDB numbers its records: a write to the table fails)
            check.add("bad-id", where, f"the source is stored under {shown(doc_id)}, not a number")
        for problem in Source.record_problems(doc):
            check.add("bad-record", where, problem)
        aliases = doc.get("aliases") or []
        if type(aliases) is not list or not all(type(alias) is str for alias in aliases):
            aliases = []
        for name in [doc["name"], *aliases]:
            key = source_key(name)
            if key in owners and owners[key] != doc["name"]:
                check.add("duplicate-source", where,
                          f"the name {shown(name)} also belongs to the source {shown(owners[key])}")
                shared.add(key)
            owners.setdefault(key, doc["name"])
        if name_as_written(doc["name"]) != doc["name"]:
            unclean.append((where, doc["name"]))
        merged = doc.get("merged")
        if type(merged) is list and all(type(name) is str for name in merged):
            merged_names.append((where, doc["name"], merged))
        _check_controls(doc, where, check)
        history = doc.get("history")
        last = ""  # (as a claim's history is read: an entry whose time is no time is passed over)
        for index, entry in enumerate(history if type(history) is list else ()):
            readable = type(entry) is dict and type(entry.get("at")) is str and is_timestamp(entry["at"])
            last = _history_time(check, where, history, index, last, latest) if readable else ""
        try:
            sources.append(Source.from_dict({**doc, "aliases": aliases}))
        except (KeyError, TypeError):  # pragma: no cover - guarded above
            continue
    # (a merged name that is another source's name or alias, as an alias may be: show says it
    # merged, and a lookup finds the other; known once every source's names are)
    for where, name, merged in merged_names:
        for merged_name in merged:
            owner = owners.get(source_key(merged_name))
            if owner is not None and owner != name:
                check.add("duplicate-source", where,
                          f"the name {shown(merged_name)} merged into it also belongs to the source {shown(owner)}")
    # (one whose name another source holds too is that duplicate, said above: the rename advised
    # here would be refused)
    for where, name in unclean:
        if source_key(name) not in shared:
            written = name_as_written(name)
            how = "white space around it" if name.strip() != name else "its letters not composed (NFC)"
            check.add("unclean-source-name", where, f"the name has {how}, as no command writes it: the filters, "
                                                    f"comparing names letter for letter, miss claims citing {shown(written)}")
            check.unclean_names.append([name, written])
    _note_lookalikes(sources, check)
    return SourceRegistry(sources)


def _note_lookalikes(sources: list[Source], check: DatabaseCheck) -> None:
    """`DatabaseCheck.lookalike_sources`: one skeleton a name (a desk's few thousand names, no pair
    compared), each pair with the first source whose name looks so. Names written alike (case,
    spacing, apostrophes) are a duplicate-source problem, not this note."""
    first: dict[str, tuple[str, str]] = {}  # name_skeleton -> (source, its name) first met
    paired: set[frozenset] = set()
    for source in sources:
        for name in source.names():
            seen = first.setdefault(name_skeleton(name), (source.name, name))
            pair = frozenset((seen[0], source.name))
            if seen[0] == source.name or written_alike(seen[1], name) or pair in paired:
                continue
            paired.add(pair)
            check.lookalike_sources.append([seen[0], source.name])
            check.lookalikes_said.append(" and ".join(
                _lookalike_named(*named, other) for named, other in ((seen, name), ((source.name, name), seen[1]))))


def _lookalike_named(owner: str, known: str, other: str) -> str:
    """A source of a look-alike pair, with the name of it that looks like the other's `other` (if an
    alias) and the letters that only look Latin in it: "'Kiev Post' (as 'ІSW', a Cyrillic І)". Both
    names look alike: the letter tells which one to correct."""
    said = [f"as {shown(known)}"] if known != owner else []
    letters = lookalike_letters(known, other)
    if letters is not None:
        said.append(letters)
    return shown(owner) + (f" ({', '.join(said)})" if said else "")


def _alias_said(name: str, source: Source) -> str:
    """'MoD' is an alias of the source 'Russian MoD': ... (a claim or item stored citing an alias, or
    the name written otherwise, "russian  mod": a hand edit, or another tool writing the file. The
    filters and counts compare the names stored, letter for letter, and missed it.)"""
    what = "is the source {} written otherwise" if source_key(name) == source_key(source.name) \
        else "is an alias of the source {}"
    return f"{shown(name)} {what.format(shown(source.name))}: its name as written there is what filters and counts read"


# In refs joined by line breaks, what no ASCII ref that is its own `ref_key` holds: a backtick, a
# space around a ref or beside another, a white space (str.split's) other than one
_NOT_OWN_KEY = ("`", " \n", "\n ", "  ", "\t", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f")


def _maybe_written_otherwise(refs) -> Collection[str]:
    """Of distinct refs, those whose `ref_key` may not be the ref itself: only these can be
    another's written otherwise. An ASCII ref's key is it in lower case, each run of spaces one
    space, none around it, a backtick an apostrophe: a ref already so is its own key. A desk's
    refs are mostly written one way, often all their own keys: that is seen in all of them at
    once, in C (2.5 million instructions for 5,000 refs; sets of them folded took 15 million),
    and only the refs that are not are looked at one by one."""
    joined = "\n".join(refs)
    if joined.isascii() and joined.lower() == joined \
            and not any(map(joined.__contains__, _NOT_OWN_KEY)) and joined.count("\n") == len(refs) - 1 \
            and not joined.startswith(" ") and not joined.endswith(" "):
        return ()
    odd = (refs - set(map(str.lower, refs))) | (refs - set(map(" ".join, map(str.split, refs))))
    if not joined.isascii():  # (folded otherwise: fold, dashes, other spaces)
        odd.update(itertools.filterfalse(str.isascii, refs))
    if "`" in joined:
        odd.update(ref for ref in refs if "`" in ref)
    return odd


_NO_ITEMS: list = []  # (never changed) what a missing history or evidence counts as
_UNSEEN = object()
_FIRST_UNNUMBERED = LAST_CLAIM_NUMBER + 1  # format_claim_id(n) reads back as n (claim_number) for 0 < n below this


class _ClaimChecker:
    """Checks claims one at a time, keeping only what the checks across claims need: the IDs
    seen, the count and the highest number (for the ID counter)."""

    def __init__(self, meta: dict, registry: SourceRegistry, categories: set[str], check: DatabaseCheck):
        self.meta = meta
        self.registry = registry
        self.categories = categories
        self.check = check
        self.seen_ids: dict[str, str] = {}
        # Each claim's ref, as written -> the ID of the first claim holding it: strings only (a list
        # per claim with a ref made doctor 2% slower, most of it the garbage collector walking them)
        self.ref_holders: dict[str, str] = {}
        self.more_holders: dict[str, list[str]] = {}  # a ref held twice or more -> the IDs after the first
        self.deleted_holders: set[str] = set()  # the IDs of the deleted claims in `ref_holders`
        self.count = self.deleted = 0  # claims, and of them deleted
        self.highest: int | None = None  # of the claims' numeric doc_ids
        self.counter_taken = False  # a claim is stored under the ID counter's number
        self._found: dict[str, Source | None] = {}  # registry.find, per name
        self._aliases: set[str] = set()  # the names found that are not a source's name as written
        self._dates: set[str] = set()  # days found to be ISO dates, not after tomorrow (see day)
        self._evidence_numbers: dict[str, int] = {}  # evidence ID -> its number (models.evidence_number)
        self._short_tags: set[str] = set()  # tags found to be text within their limit (see shape)
        # No entry point takes a claim date after tomorrow (dates.latest_day: a day's grace for a
        # claim recorded where the day had already begun, a desk east of this machine).
        self._latest = latest_day().isoformat()
        self._latest_event = latest_event_day().isoformat()  # (an announced event may be dated ahead)
        self._latest_stamp = latest_stamp(utc_now())  # (a record time may be a day ahead: another desk's clock)
        self._plain: set[tuple] = set()  # (source, category, status, computed_status) found sound
        # The computed status per (claimant, then the stance and source of each live evidence
        # item): all that `verification.status_of` reads of a claim. 100,000 claims have a few
        # tens of thousands of these, so the rule runs once for each, not once per claim (and
        # without `evaluate`'s names and reasons, which a check does not read: under half the time).
        self._statuses: dict[tuple, str] = {}

    def run(self, claims: Iterable[tuple[str, Any, bytes | None]]) -> None:
        self._tally(claims)
        self.finish()

    def _tally(self, claims: Iterable[tuple[str, Any, bytes | None]]) -> None:
        count = deleted = 0
        highest = None
        claim = self.claim
        next_claim = self.meta.get("next_claim")
        for doc_id, doc, written in claims:
            count += 1
            number = int(doc_id) if doc_id.isdecimal() else None
            if number is not None and (highest is None or number > highest):
                highest = number
            if number == next_claim:
                self.counter_taken = True
            if type(doc) is dict and doc.get("deleted_at"):
                deleted += 1
            claim(doc_id, number, doc, written)
        self.highest = highest
        self.count, self.deleted = count, deleted

    def finish(self) -> None:
        """After every claim: the counts, and the checks of the ID counter."""
        self.check.claims = self.count
        self.check.deleted = self.deleted
        self.check.claim_ids = list(self.seen_ids)
        self.check.shared_refs = self.shared_refs()
        deleted = self.deleted_holders
        self.check.shared_refs_deleted = sorted((claim_id for ids in self.check.shared_refs.values()
                                                 for claim_id in ids if claim_id in deleted), key=claim_number)
        self.counter()

    def shared_refs(self) -> dict[str, list[str]]:
        """`DatabaseCheck.shared_refs`, in the order of their first holders' IDs. (The refs are
        compared as written while the claims are read; here those that may be others written
        otherwise are folded.)"""
        holders = self.ref_holders
        shared = {ref: [holders[ref], *ids] for ref, ids in self.more_holders.items()}
        by_key: dict[str, list[str]] = {}  # ref_key -> the refs so written
        for ref in _maybe_written_otherwise(holders.keys()):
            by_key.setdefault(ref_key(ref), []).append(ref)
        for key, refs in by_key.items():
            if key in holders and key not in refs:  # (one ref is written as they all are compared: kh-1)
                refs.append(key)
            if len(refs) > 1:  # (written otherwise: KH-1 and kh-1)
                held = {ref: shared.pop(ref, None) or [holders[ref]] for ref in refs}
                first = min(held, key=lambda ref: min(map(claim_number, held[ref])))
                shared[first] = [claim_id for ids in held.values() for claim_id in ids]
        deleted = self.deleted_holders
        return {ref: sorted(ids, key=claim_number)
                for ref, ids in sorted(shared.items(), key=lambda item: min(map(claim_number, item[1])))
                if not deleted.issuperset(ids)}

    def first_part(self, claims: Iterable[tuple[str, Any, bytes | None]]) -> None:
        """Check the first claims into this checker itself, before any `add_part` (this process's
        own: nothing to hand over, so nothing is written out as JSON and read back)."""
        self._tally(claims)

    def part(self, claims: Iterable[tuple[str, Any, bytes | None]]) -> bytes:
        """Check some of the claims (say, in a worker process) by a checker of their own, with this
        one's registry and dates; what they hold, as JSON for `add_part`."""
        apart = copy.copy(self)  # (the caches are shared: what they hold is sound for every claim)
        found = apart.check = DatabaseCheck(self.check.path)
        apart.seen_ids = {}
        apart.ref_holders, apart.more_holders, apart.deleted_holders = {}, {}, set()
        apart.counter_taken = False
        apart._tally(claims)
        return orjson.dumps({
            "problems": [(problem.kind, problem.where, problem.message) for problem in found.problems],
            "more_problems": found.more_problems, "kinds": sorted(found.found_kinds),
            "unknown_fields": found.unknown_fields, "ids": list(apart.seen_ids.items()),
            "ref_holders": apart.ref_holders, "more_holders": apart.more_holders,
            "deleted_holders": list(apart.deleted_holders),
            "count": apart.count, "deleted": apart.deleted, "highest": apart.highest,
            "counter_taken": apart.counter_taken,
        })

    def add_part(self, part: bytes) -> bool:
        """Add what `part` found, in the claims after those of the parts added before it, as `run`
        would have found it; False when a claim ID there was in a part before (`run` says that
        at the claim, in its own words: check the claims in one run instead)."""
        found = orjson.loads(part)
        seen_ids, check = self.seen_ids, self.check
        if any(claim_id in seen_ids for claim_id, _ in found["ids"]):
            return False
        seen_ids.update(found["ids"])
        holders, more, theirs = self.ref_holders, self.more_holders, found["ref_holders"]
        for ref in holders.keys() & theirs.keys():  # (held in a part before too)
            more.setdefault(ref, []).append(theirs.pop(ref))
        holders.update(theirs)
        for ref, ids in found["more_holders"].items():
            more.setdefault(ref, []).extend(ids)
        self.deleted_holders.update(found["deleted_holders"])
        for kind, where, message in found["problems"]:
            check.add(kind, where, message)
        check.more_problems += found["more_problems"]
        check.found_kinds.update(found["kinds"])
        for name, where in found["unknown_fields"].items():
            check.unknown_fields.setdefault(name, where)
        self.count += found["count"]
        self.deleted += found["deleted"]
        if found["highest"] is not None and (self.highest is None or found["highest"] > self.highest):
            self.highest = found["highest"]
        self.counter_taken = self.counter_taken or found["counter_taken"]
        return True

    def find(self, name: str) -> Source | None:
        try:
            return self._found[name]
        except KeyError:
            found = self._found[name] = self.registry.find(name)
            if found is not None and type(name) is str and found.name != name and not (
                    name_as_written(found.name) != found.name and source_key(name) == source_key(found.name)):
                # (a name its source's, stored "ISW ", is written otherwise: that source's problem,
                # `_check_sources`', whose rename mends the claims citing it too)
                self._aliases.add(name)  # (once a name: 200,000 items cite a few hundred)
            return found

    def claim(self, doc_id: str, stored_as: int | None, doc: Any, written: bytes | None) -> None:
        """Check one record: `stored_as` is int(doc_id) if doc_id is a number; `written` the
        record's JSON as orjson writes it, if known."""
        check = self.check
        if not isinstance(doc, dict):
            check.add("bad-record", f"claim #{doc_id}", f"the record is {json_kind(doc)}, not an object")
            return
        raw_id = doc.get("id")
        # (a key int() reads as its number but the store does not find it under: "05", "５", which
        # `show` says is stored under another number)
        if stored_as is not None and 0 < stored_as < _FIRST_UNNUMBERED and doc_id[0] != "0" and doc_id.isascii() \
                and raw_id == f"{CLAIM_PREFIX}{stored_as:04d}":
            claim_id = raw_id  # its number is what it is stored under (claim_number would say so)
        else:
            try:
                number = claim_number(raw_id) if isinstance(raw_id, str) else None
            except InvalidValue:
                number = None
            if number is None:
                check.add("bad-id", f"claim #{doc_id}", f"the record has no valid claim ID (id: {shown(raw_id)})")
                return
            claim_id = format_claim_id(number)
            if doc_id != str(number):  # (the key the store looks it up by: store.get_claim)
                check.add("bad-id", claim_id, f"the claim is stored under number {shown(doc_id)}, not {number}")
            if not raw_id.isascii():  # (C-0001 and a zero-width space, Ｃ-0001, С-0001: grep and jq miss it)
                check.add("bad-id", claim_id, f"the claim's ID is stored as {shown(raw_id)}, not {claim_id}"
                                              f"{_letter_named(raw_id)}")
            elif raw_id != claim_id:  # ("c-0001", "C-1": read as its own by every command; jq and grep miss it)
                check.add("id-form", claim_id, f"the claim's ID is stored as {shown(raw_id)}, not {claim_id}")
        where = claim_id
        seen_ids = self.seen_ids
        if claim_id in seen_ids:
            check.add("duplicate-id", where, f"the ID {claim_id} is used twice (records #{seen_ids[claim_id]} "
                                             f"and #{doc_id})")
        else:
            seen_ids[claim_id] = doc_id
        live = self.shape(doc, where, written)
        if live is None:
            return
        ref = doc.get("ref")
        if ref and type(ref) is str:  # (a deleted claim's too: `add`, `restore` and an import find it by it)
            if self.ref_holders.setdefault(ref, claim_id) is not claim_id:  # (rare: a list only then)
                self.more_holders.setdefault(ref, []).append(claim_id)
            if doc.get("deleted_at"):
                self.deleted_holders.add(claim_id)
        if written is None or _may_hold_controls(written):  # (else _check_controls finds nothing)
            _check_controls(doc, where, check, written=written)
        key = (doc["source"], *live)
        computed = self._statuses.get(key)
        if computed is None:
            computed = self._statuses[key] = status_of(key[0], zip(live[::2], live[1::2]), self.registry).value
        assessment = doc.get("assessment")
        status = assessment["status"] if assessment else computed  # verification.status_in_force
        if (status, computed) != (doc.get("status"), doc.get("computed_status")):
            # (what is wrong, each once: the status in force, then the computed one where it differs from it)
            said = []
            both = not assessment and doc.get("computed_status") == doc.get("status")  # (both wrong alike: said once)
            if doc.get("status") != status:
                said.append(f"stored status {'and computed status ' if both else ''}{shown(doc.get('status'))}, but " + (
                    f"its assessment {shown(status)} is in force" if assessment else f"the rule gives {shown(computed)}"))
            if doc.get("computed_status") != computed and not both:
                said.append(f"stored computed status {shown(doc.get('computed_status'))}, but the rule gives "
                            f"{shown(computed)}")
            check.add("status-mismatch", where, "; ".join(said))

    def _carried_ahead(self, entry: dict) -> str | None:
        """An import's edited_at time more than a day ahead (a hand edit's 2099 would count as newer
        than every edit, for good), or None."""
        carried = entry.get("edited_at")
        for name, stamp in (carried.items() if type(carried) is dict else ()):
            if stamp > self._latest_stamp:  # (their form is history_problem's: UTC stamps, as text)
                return f"edited_at {name} {stamp} is in the future"
        return None

    def day(self, name: str, value: Any, where: str) -> None:
        """A claim's day: YYYY-MM-DD, not after tomorrow, an event's not five years after it (days
        found so are remembered)."""
        if type(value) is str and value in self._dates:
            return
        if not isinstance(value, str) or not _is_iso_date(value):
            self.check.add("bad-record", where, f"{name} {shown(value)} is not a YYYY-MM-DD date")
        elif name == "event_on" and self._latest < value <= self._latest_event:
            pass  # (an announced event: not remembered, a claim's date may not be so)
        elif value > self._latest:
            self.check.add("bad-record", where, f"{name} {value} is " + (
                "more than five years ahead" if name == "event_on" else "in the future"))
        elif value < _EARLIEST:  # (an older version recorded one; an import refuses it since)
            self.check.add("date-slip", where, f"{name} {value} is before {EARLIEST_DAY.year}")
        else:
            self._dates.add(value)

    def shape(self, doc: dict, where: str, written: bytes | None = None) -> list[str] | None:
        """Fields the rule and the commands rely on; None if the claim cannot be evaluated, else
        the stance and source of each live (not withdrawn) evidence item, one after the other.
        `written`: the record's JSON, if known."""
        check = self.check
        usable = True
        keys = doc.keys()
        get = doc.get
        # (views compare by lookups, in C; frozenset.issubset(keys) built a set of them per claim)
        if keys != _CLAIM_KEY_SET:  # (the usual case: exactly these)
            if not keys >= _CLAIM_KEY_SET:  # (the commands read these as they are: claim["history"])
                missing = [key for key in CLAIM_KEYS if key not in doc]
                check.add("bad-record", where, f"the record lacks {', '.join(missing)}")
            if not _KNOWN_CLAIM_KEY(doc):
                self.unknown(doc, CLAIM_OBJECT_KEYS, where)
            texts = tuple(map(get, _TEXT_OR_NULL))
        else:
            texts = _TEXTS_OF(doc)  # (one C call)
        if not _TEXT_OR_NONE(map(type, texts)):  # (the usual case in one C call)
            for key in _TEXT_OR_NULL:
                value = get(key)
                if value is not None and type(value) is not str:
                    check.add("bad-record", where, f"{key} {shown(value)} is not text")
        created, updated, deleted = get("created_at", "x"), get("updated_at", "x"), get("deleted_at")  # (missing: said above)
        if not (type(created) is str and created and type(updated) is str and updated
                and (deleted is None or type(deleted) is str)):
            for key, value in (("created_at", created), ("updated_at", updated), ("deleted_at", deleted)):
                if (type(value) is not str or not value) and (key != "deleted_at" or value is not None):
                    check.add("bad-record", where, f"{key} {shown(value)} is not a time such as 2025-12-07T09:30:00Z")
        if deleted and type(deleted) is str and not is_timestamp(deleted):
            # (an older import kept any short text: "null" from a converter deletes the claim)
            check.add("bad-record", where, f"deleted_at {shown(deleted)} is not a time, yet it counts the claim as deleted")
        text, source, claimed_on = doc.get("text"), doc.get("source"), doc.get("claimed_on")
        # (not value.strip(): that copies the text)
        if not isinstance(text, str) or not text or text.isspace():
            check.add("bad-record", where, "text is missing or not text")
            usable = False
        if not isinstance(source, str) or not source or source.isspace():
            check.add("bad-record", where, "source is missing or not text")
            usable = False
        if not isinstance(claimed_on, str) or not claimed_on or claimed_on.isspace():
            check.add("bad-record", where, "claimed_on is missing or not text")
            usable = False
        if isinstance(claimed_on, str) and claimed_on not in self._dates:
            self.day("claimed_on", claimed_on, where)
        event_on = doc.get("event_on")
        if event_on is not None:
            self.day("event_on", event_on, where)
        lat, lon = doc.get("lat"), doc.get("lon")
        if lat is not None or lon is not None:  # (both, or neither: models.build_claim; NaN fails too)
            if not (type(lat) in _NUMBERS and -90 <= lat <= 90):
                check.add("bad-record", where, f"lat {shown(lat)} is not a number from -90 to 90")
            if not (type(lon) in _NUMBERS and -180 <= lon <= 180):
                check.add("bad-record", where, f"lon {shown(lon)} is not a number from -180 to 180")
        tags, urls = doc.get("tags"), doc.get("urls")  # (a string would be read as a list of its characters)
        too_long = False
        try:  # (the usual case: tags found before to be text within their limit; a few dozen are shared)
            known = tags is None or type(tags) is list and len(tags) <= MAX_TAGS and self._short_tags.issuperset(tags)
        except TypeError:  # (an item that cannot be hashed: no tag)
            known = False
        if not known:
            if not (type(tags) is list and _ONLY_TEXT(map(type, tags))):
                check.add("bad-record", where, f"tags {shown(tags)} is not a list of text")  # (as the reads say it)
            elif len(tags) > MAX_TAGS or max(map(len, tags)) > MAX_TAG:
                too_long = True
            else:  # (each within its limit: not measured again)
                self._short_tags.update(tags)
        if urls is not None and not (type(urls) is list and _ONLY_TEXT(map(type, urls))):
            check.add("bad-record", where, "urls is not a list of text")
            urls = None
        # A value over its limit (a hand edit's 5,000-character statement) makes every edit of the
        # claim fail; models.stored_over_limits says it as the edit does. A len() of each short value
        # finds one; the tags and claimants the claims share are each measured once.
        outlet, place, region, ref, note = texts
        try:
            too_long = (too_long or (place and len(place) > MAX_SHORT) or (region and len(region) > MAX_SHORT)
                        or (ref and len(ref) > MAX_SHORT) or (outlet and len(outlet) > MAX_SHORT)
                        or (urls and len(urls) > MAX_URLS)
                        # (a record whose JSON is no longer than a link may be holds no longer statement, note or link)
                        or ((written is None or len(written) > MAX_URL)
                            and (len(text) > MAX_TEXT or (note and len(note) > MAX_NOTE)
                                 or (urls and max(map(len, urls)) > MAX_URL))))
        except TypeError:  # (a value that is no text, said above)
            too_long = True
        category, status, computed = doc.get("category"), doc.get("status"), doc.get("computed_status")
        # These four checks depend on these four values alone, and most claims share a few hundred
        # combinations: one that passed them once passes them again.
        plain = (source, category, status, computed)
        try:
            known = plain in self._plain
            hashable = True
        except TypeError:  # (a value that cannot be hashed: the checks say so, and it is not kept)
            known = hashable = False
        if not known:
            problems = len(check.problems) + check.more_problems
            if isinstance(source, str):
                too_long = too_long or len(source) > MAX_NAME  # (a hand edit's name: a source's too, perhaps)
                found = self.find(source)
                if found is None:
                    check.add("unknown-source", where, f"the claimant {shown(source)} is not in the source registry")
                elif source in self._aliases:
                    check.add("alias-source", where, f"the claimant {_alias_said(source, found)}")
            if not _one_of(category, self.categories):
                check.add("unknown-category", where, f"category {shown(category)} is not a known category")
            if not _one_of(status, _STATUSES):
                check.add("bad-record", where, f"status {shown(status)} is not a status")
            if not _one_of(computed, _STATUSES):
                check.add("bad-record", where, f"computed_status {shown(computed)} is not a status")
            if hashable and len(check.problems) + check.more_problems == problems and not too_long:
                self._plain.add(plain)
        if too_long:
            for problem in stored_over_limits(doc):
                check.add("bad-record", where, problem)
        assessment = doc.get("assessment")
        if assessment is not None and (not isinstance(assessment, dict) or not _one_of(assessment.get("status"), _STATUSES)):
            check.add("bad-record", where, "the assessment has no valid status")
            usable = False
        elif assessment is not None:
            for key in ("note", "analyst", "at"):
                value = assessment.get(key)
                if value is not None and type(value) is not str:
                    check.add("bad-record", where, f"the assessment's {key} {shown(value)} is not text")
        history = doc.get("history", _NO_ITEMS)
        if not isinstance(history, list):
            check.add("bad-record", where, "history is not a list")
        else:
            latest = self._latest_stamp
            last = ""  # the time of the entry before, in UTC ("": none, or one named already)
            for index, entry in enumerate(history):  # (`show`, `history` and the report read each)
                problem = history_problem(entry, uncached=True) or ("edited_at" in entry and self._carried_ahead(entry))
                if problem:
                    check.add("bad-record", where, f"history[{index}]: {problem}")
                    last = ""
                    continue
                at = entry["at"]  # (readable: a time, compared as text in UTC, as the report reads it)
                # (the usual case: in order, as claims stamps it, `in_stamped_form` inline; a readable
                # time ending in Z has a clock, so [16] is there; one written otherwise, a space for the T,
                # compares as a time only in UTC)
                if last <= at <= latest and at[-1] == "Z" and at[10] == "T" and at[16] == ":":
                    last = at
                    continue
                last = _history_time(check, where, history, index, last, latest)
        evidence = doc.get("evidence", _NO_ITEMS)
        if not isinstance(evidence, list):
            check.add("bad-record", where, "evidence is not a list")
            return None
        live: list[str] = []
        if evidence:
            seen: dict[int | str, str] = {}  # an evidence number (or an unreadable ID's text) -> its first ID
            for index, item in enumerate(evidence, start=1):
                if not isinstance(item, dict):
                    check.add("bad-record", f"{where} evidence #{index}",
                              f"the evidence item is {json_kind(item)}, not an object")
                    usable = False
                    continue
                item_source, stance = item.get("source"), item.get("stance")
                if not isinstance(item_source, str) or not _one_of(stance, _STANCES):
                    check.add("bad-record", f"{where} evidence #{index}", _item_unread(item_source, stance))
                    usable = False
                    continue
                item_id = item.get("id")
                if type(item_id) is not str:
                    check.add("bad-record", f"{where} evidence #{index}",
                              f"an evidence item without a valid ID (id: {shown(item_id)})")
                    usable = False
                    continue
                number = self._evidence_numbers.get(item_id)
                if number is None:
                    try:
                        number = self._evidence_numbers[item_id] = evidence_number(item_id)  # (E1, E2, ...: few)
                    except InvalidValue:
                        # (the rule still counts the item; `evidence add` counts its next ID from it, and fails)
                        check.add("bad-record", f"{where} evidence #{index}",
                                  f"an evidence item without a valid ID (id: {shown(item_id)})")
                if not _KNOWN_EVIDENCE_KEY(item):
                    self.unknown(item, EVIDENCE_KEYS, f"{where} {item_id}")
                on = item.get("on")
                if type(on) is not str or (on not in self._dates and not _is_iso_date(on)):
                    check.add("bad-record", f"{where} {item_id}", f"evidence date (on) {shown(on)} is not a "
                                                                 "YYYY-MM-DD date")
                if not _TEXT_OR_NONE(map(type, item.values())):  # (every field of an item is text or null: one C call)
                    for key in _EVIDENCE_TEXT:
                        value = item.get(key)
                        if value is not None and type(value) is not str:
                            check.add("bad-record", f"{where} {item_id}", f"{key} {shown(value)} is not text")
                # (one number written two ways, E1 and e-01, is one ID to an import, and `evidence remove`
                # takes one for the other)
                first = seen.get(number or item_id)
                if first == item_id:
                    check.add("duplicate-id", f"{where} {item_id}", f"the evidence ID {shown(item_id)} is used twice")
                elif first is not None:
                    check.add("duplicate-id", f"{where} {item_id}",
                              f"the evidence IDs {shown(first)} and {shown(item_id)} are one, {format_evidence_id(number)}")
                else:
                    seen[number or item_id] = item_id
                found = self._found.get(item_source, _UNSEEN)
                if found is _UNSEEN:
                    found = self.find(item_source)
                if found is None:
                    check.add("unknown-source", f"{where} {item_id}", f"the evidence cites {shown(item_source)}, "
                                                                     "which is not in the source registry")
                elif item_source in self._aliases:
                    check.add("alias-source", f"{where} {item_id}", f"the evidence's source {_alias_said(item_source, found)}")
                if type(on) is str and on < _EARLIEST and _is_iso_date(on):
                    check.add("date-slip", f"{where} {item_id}", f"evidence date {on} is before {EARLIEST_DAY.year}")
                withdrawn_at = item.get("withdrawn_at")
                if not withdrawn_at:  # models.live_evidence
                    live.append(stance)
                    live.append(item_source)
                    if item.get("withdrawn_by") or item.get("withdraw_reason"):
                        # (a hand edit took the time only: a dispute the desk withdrew counts again;
                        # an import refuses such an item)
                        said = [key for key in ("withdrawn_by", "withdraw_reason") if item.get(key)]
                        check.add("bad-record", f"{where} {item_id}",
                                  f"{' and '.join(said)} {'say' if len(said) > 1 else 'says'} the item was "
                                  "withdrawn, but it has no withdrawn_at: it counts as live evidence")
                elif type(withdrawn_at) is str and not is_timestamp(withdrawn_at):
                    # (an older import kept any short text: "null" from a converter withdraws the item)
                    check.add("bad-record", f"{where} {item_id}",
                              f"withdrawn_at {shown(withdrawn_at)} is not a time, yet it counts the item as withdrawn")
        return live if usable else None

    def unknown(self, record: dict, known: frozenset, where: str) -> None:
        for name in sorted(key for key in record if key not in known):
            self.check.unknown_fields.setdefault(name, where)

    def counter(self) -> None:
        counter = self.meta.get("next_claim", 1)
        if not isinstance(counter, int) or isinstance(counter, bool):
            self.check.add("bad-record", "meta", f"the ID counter next_claim {shown(counter)} is not a number")
        elif counter > LAST_CLAIM_NUMBER:
            self.check.add("id-counter", "meta", f"the ID counter next_claim is {counter}, past the last claim "
                                                 f"number an ID can have ({LAST_CLAIM_NUMBER})")
        elif self.highest is not None and counter <= self.highest:
            # (a claim stored under a higher number: `add` skips the numbers taken, but one freed by
            # a hand edit would be handed out again)
            self.check.add("id-counter", "meta", f"the ID counter next_claim is {counter}, so the next claim "
                                                 f"would get {format_claim_id(counter)}, which is taken"
                           if self.counter_taken else
                           f"the ID counter next_claim is {counter}, not past {self.highest}, the highest number "
                           "a claim is stored under")


_CLAIM_KEY_SET = frozenset(CLAIM_KEYS)
_KNOWN_CLAIM_KEY = CLAIM_OBJECT_KEYS.issuperset  # (of a record: its keys, in C)
_KNOWN_EVIDENCE_KEY = EVIDENCE_KEYS.issuperset
_TEXT_OR_NULL = ("outlet", "place", "region", "ref", "note")  # (event_on and the rest: checked as dates, ...)
_TEXTS_OF = itemgetter(*_TEXT_OR_NULL)  # (of a record holding each)
_TEXT_OR_NONE = frozenset((str, type(None))).issuperset  # of the types of some values, in C
_EVIDENCE_TEXT = ("kind", "url", "note", "recorded_at", "analyst", "withdrawn_at", "withdrawn_by", "withdraw_reason")


def _one_of(value: Any, choices) -> bool:
    """`value in choices` for a set of words, False for a value no word is (a hand edit's list or
    object, which a set cannot even look up)."""
    return type(value) is str and value in choices


_NUMBERS = (int, float)  # (not bool: type(True) is bool)
_ONLY_TEXT = frozenset((str,)).issuperset  # of the types of a list's items, in C


_is_iso_date = is_day  # (the commands' check: a day doctor passes, list --since reads)


# A control character in a record's JSON: C0 escapes other than \n and \t, DEL, and C1 as UTF-8.
_SERIALISED_CONTROL = re.compile(rb"\\u00[01][0-9a-fA-F]|\\[rbf]|\x7f|\xc2[\x80-\x9f]")


def _may_hold_controls(written: bytes) -> bool:
    """Whether `_SERIALISED_CONTROL` matches; most records hold none of the bytes each of its
    alternatives starts with, and three searches for one byte are much faster than the regex."""
    return (b"\\" in written or b"\x7f" in written or b"\xc2" in written) \
        and _SERIALISED_CONTROL.search(written) is not None


_EDIT_CHANGE = re.compile(r"history\[\d+\]\.changes\.[^.\[]+")  # a field's [before, after] in an edit


def _check_controls(value: Any, where: str, check: DatabaseCheck, path: str = "", *,
                    written: bytes | None = None) -> None:
    """Control characters never reach the database through claims; a hand edit can put them there.

    `written`: the record's JSON as orjson writes it, if the caller has it already.
    """
    if not path and not _may_hold_controls(orjson.dumps(value) if written is None else written):
        return  # the fast path: a look at the record's JSON (a false alarm only costs the walk)
    if isinstance(value, str):
        match = _CONTROL.search(value)
        if match:
            check.add("control-character", where, f"{path or 'a value'} holds the control character "
                                                  f"{shown(match.group())} at position {match.start() + 1}")
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_controls(item, where, check, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        # An edit's history entry records each changed field as [before, after]: the value
        # before an edit that mended a control character is the record of it, not a problem left
        # (else the edit doctor advises could never leave the database healthy).
        before_kept = _EDIT_CHANGE.fullmatch(path) is not None
        for index, item in enumerate(value):
            if index == 0 and before_kept:
                continue
            _check_controls(item, where, check, f"{path}[{index}]")


def duplicate_keys(raw: bytes, limit: int = 10, *, parsed: Any = None) -> list[str]:
    """Keys written twice in one JSON object (a parser keeps only the last copy, hiding the first).

    Slower than orjson (it uses the standard library's parser); `claims doctor` only. `parsed`:
    `raw` as orjson parsed it, if the caller has it: when orjson writes it back as exactly `raw`,
    no key is written twice, and the slow parse is skipped.
    """
    if parsed is not None:
        try:
            if orjson.dumps(parsed) == raw:
                return []
        except orjson.JSONEncodeError:
            pass
    found: list[str] = []

    def hook(pairs: list) -> None:
        if len({key for key, _ in pairs}) != len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen and len(found) < limit and key not in found:
                    found.append(key)
                seen.add(key)
        # (no dict of it: only the keys are wanted, and a database's objects built again, the
        # hook's values in their parents, doubled the memory of a file read whole: a review)

    try:
        json.loads(raw, object_pairs_hook=hook)
    except (ValueError, RecursionError):
        return []
    return found


def advise(database: DatabaseCheck, backup: DatabaseCheck, *, path: Path, link: Path | None = None) -> list[str]:
    """What to do next, in order; empty for a healthy database."""
    name = path_shown(path.name)  # (as messages say a name: a newline in it escaped)
    if database.healthy or (not database.exists and not backup.exists):
        return []
    kinds = database.kinds()
    if "newer-version" in kinds:
        return ["Upgrade claims to the version that wrote this file (in your checkout: git pull, then "
                "pip install -e .) to open it; it was left untouched. "
                "Do not restore the backup: that would drop what the newer version wrote."]
    # (a --db that names no file: the other commands' hints, not "move it away", of a working
    # directory or /dev/null)
    if "directory" in kinds:
        return [name_a_file(path / "claims.json")]
    if "special" in kinds:
        return [NOT_REGULAR_HINT]
    if "in-the-way" in kinds:
        if link is not None:  # (--db names a file already: the link that leads through one)
            return [f"{database.problems[0].message}: the link {link} leads there. Point it at the database file "
                    f"(ln -sfn FILE {shell_operand(str(link))}), or give --db (or $CLAIMS_DB) another file."]
        return [f"{database.problems[0].message}. {name_a_file()}"]
    if "unreadable" in kinds:  # (no damage known: a restore, or moving it away, would lose its last change)
        return [_unreadable_advice(name, database.problems[0].message, path)]
    if not backup.exists and database.unusable and kinds <= {"not-claims", "empty"}:
        # (no backup: it never was a database this claims wrote to twice; "repair it by hand at
        # the position shown" was no advice for a spreadsheet, or for a file of nothing)
        if "empty" in kinds:
            return [f"{name} is empty, and has no backup: it holds nothing to lose. `claims init` makes it a new "
                    "database."]
        if AN_EXPORT in database.problems[0].message:
            return [f"{name} looks like a claims export: {import_it(path, _export_format(database))} reads it into a database."]
        return [f"{name} does not look like a claims database: point --db at the database file, or move "
                "this one away."]
    slips = [_renames_advice(database.unclean_names)] if "unclean-source-name" in kinds else []
    slips += [_SLIP_ADVICE] if "date-slip" in kinds else []
    slips += [_ALIAS_ADVICE] if "alias-source" in kinds else []
    slips += [_HISTORY_TIME_ADVICE, *_own_clocks_advice(database)] if "history-time" in kinds else []
    slips += [_id_form_advice(database)] if "id-form" in kinds else []
    if kinds <= NO_DAMAGE:  # (no damage: the backup holds them too, most likely)
        return slips
    steps = []
    if "layout" in kinds and kinds <= {"layout", "date-slip", "history-time"}:  # (first: unlike a restore, it loses nothing)
        # (with damaged records too, a relayout would make NAME.bak the damaged file: a restore, or
        # the records mended, comes first, and doctor then says what is left)
        steps.append(f"Run `claims doctor --relayout` to write {name} again one claim per line, as claims writes "
                     f"it: nothing in it is lost, and the file as it is now is kept as {name}.bak.")
        if kinds == {"layout"}:
            return steps
    # ("Or" only after a step that is one: "there is no NAME.bak to restore" offers none to choose)
    offered = bool(steps) or backup.restorable
    if backup.restorable:
        restore = (f"{'Or run' if steps else 'Run'} `claims doctor --restore-backup` to put {name}.bak ({claims_counted(backup.claims, backup.deleted)}, "
                   f"saved {backup.modified}) back in place")
        relaid = (f" {name}.bak is laid out otherwise, as after an edit by hand: `claims doctor --relayout` then "
                  "writes it as claims does.") if "layout" in backup.kinds() else ""
        # (the backup's ID counter is the one before that change: a claim it added, its ID goes to the next one)
        if not database.exists:  # (NAME.bak is the version before the last change)
            return [f"{restore}. You lose at most the last change, which only the missing file held (a claim it "
                    f"added: its ID is given again).{relaid}"]
        big = ""
        if database.size and backup.size and database.size > 2 * backup.size + (64 << 10):
            # (a restore after an import of thousands read as the loss of a claim or two)
            big = (f" Here a big one: the damaged file is {database.size:,} bytes, {name}.bak {backup.size:,} (an "
                   "import? run it again after the restore).")
        if written_over(database):
            # (an export written over the database, `cp export.json claims.json`: the claims it holds that
            # the backup lacks come back from it, not "repair by hand at the position shown"; but only an
            # export of this database: another's, `claims --db other.json export > claims.json`, imported,
            # brings that desk's claims in)
            kept = import_kept(database, path.with_name(f"{name}.damaged-TIME"))
            return [f"{restore}; {name}, which looks like a claims export written over the database, is kept beside "
                    f"it as {name}.damaged-TIME. {IF_THIS_DATABASE_S} {kept} then brings back the claims it holds "
                    f"that the backup lacks (the others are skipped as duplicates); {IF_ANOTHER_S}, and the import "
                    f"would bring that database's claims into it.{relaid}"]
        steps.append(f"{restore}; the damaged file is kept beside it as {name}.damaged-TIME. You lose at most "
                     f"the last change made before the damage (a claim it added: its ID is given again).{big}{relaid}")
    elif "same-file" in backup.kinds():
        steps.append(f"{name}.bak is the database itself (the same file, a hard link): it holds no earlier version to "
                     "restore.")
    elif "unreadable" in backup.kinds():
        steps.append(_unreadable_advice(f"{name}.bak", backup.problems[0].message, path.with_name(f"{name}.bak")))
    elif backup.exists:
        steps.append(f"{name}.bak is damaged too ({backup.problems[0].message}); it cannot be restored as it is.")
    else:
        steps.append(f"There is no {name}.bak to restore (it appears after the first change to a database).")
    if "lost-claims" in kinds:
        steps.append(f"If they were taken out on purpose, move {name}.bak away (rename it): the commands then go on, "
                     "and the next change keeps a new one.")
    if kinds <= {"lost-claims", "date-slip", "history-time"}:
        pass  # (nothing in the file to mend by hand but what the slips' advice says)
    elif database.unusable:
        steps.append(f"{'Or repair' if offered else 'Repair'} the file by hand at the position shown, or restore "
                     "it from your own backups (a file exported with --format json re-imports with `claims import`).")
    else:
        how = (" (the file is plain JSON: a stored status by setting the claim's \"status\" and \"computed_status\" "
               "to the ones named)") if "status-mismatch" in kinds else " (the file is plain JSON)"
        steps.append(f"{'Or fix' if offered else 'Fix'} the records listed above by hand{how}, then run `claims doctor` "
                     "again.")
    return steps + slips


def _unreadable_advice(name: str, said: str, path: Path) -> str:
    """The way to a file `storage.read_for_doctor` could not read (`said`: why, after "NAME is");
    its commands name it by `path`, as --db gave it (pasted elsewhere, `chmod a+r u.json` found none)."""
    operand = shell_operand(str(path))
    if said.startswith(UNREADABLE_HERE) and "(mode " not in said and "may not be entered" not in said:
        return (f"{name} is {said}, which says nothing of damage: the system refuses this program the file (another "
                "program may hold it open; a security policy, or on macOS the terminal's access to its folder, may "
                "refuse it); clear that, then run `claims doctor` again.")
    if said.startswith(UNREADABLE_HERE):
        fix = f"make it readable (chmod a+r {operand})" if "(mode " in said else \
            "let this user enter its directory (chmod a+x on it)"
        return (f"{name} is {said}, which says nothing of damage: have its owner {fix}, or run claims as a user "
                "who may read it; then run `claims doctor` again.")
    if said.startswith(LINK_LOOP):
        return (f"{name} is {said}: point it at the file it stands for (ln -sfn FILE {operand}), or remove it "
                f"(rm {operand}): a link holds no claims.")
    if LINK_LOOP in said:
        return f"{name} is {said}: point that link at a directory, then run `claims doctor` again."
    return (f"{name} is {said}, which says nothing of what it holds: mend what stops the read (the disk, its file "
            "system), then run `claims doctor` again.")


def _item_unread(source: Any, stance: Any) -> str:
    """What of an evidence item's source and stance the rule cannot read, with the value found (a
    hand edit's "Supports": the value is what to look for in the file)."""
    said = []
    if source is None:
        said.append("the evidence item has no source")
    elif not isinstance(source, str):
        said.append(f"source {shown(source)} is not text")
    if stance is None:
        said.append("the evidence item has no stance")
    elif not _one_of(stance, _STANCES):
        said.append(f"stance {shown(stance)} is not a stance ({', '.join(_STANCE_ORDER[:-1])} or {_STANCE_ORDER[-1]})")
    return "; ".join(said)


_STANCE_ORDER = [stance.value for stance in Stance]


def _letter_named(text: str) -> str:
    """" (its С is cyrillic capital letter es)": the first character of `text` that is not ASCII
    yet prints as one does (`shown` escapes an invisible one); "" if none is."""
    odd = next((char for char in text if not char.isascii() and char.isprintable()), None)
    return f" (its {odd} is {character_name(odd)})" if odd else ""


# What the import of an export `written_over` the database is for, and what to do with another's
IF_THIS_DATABASE_S = "If it is an export of this database,"
# (the backup is the database before its last change: that change, made before the export was written
# over it, went with it)
IF_ANOTHER_S = ("if it is another database's, keep it aside: the backup is this database but for its last change "
                "before the export (lost with it)")


def written_over(database: DatabaseCheck) -> bool:
    """Whether the database looks like a claims export written over it (and is nothing else amiss):
    the claims it holds that the backup lacks come back, if it is an export of this database, by
    importing the file a restore keeps."""
    return database.kinds() == {"not-claims"} and AN_EXPORT in database.problems[0].message


def import_kept(database: DatabaseCheck, kept: Path) -> str:
    """The import of the export `written_over` the database, once a restore keeps it as `kept`
    (NAME.damaged-TIME): named by its path, quoted, as --db gave the database's (its name alone,
    pasted in another directory, named no file)."""
    return f"`claims import {shell_operand(str(kept))} --format {_export_format(database)}`"


def _export_format(database: DatabaseCheck) -> str:
    """The --format that reads an export given as the database: "jsonl" for one in JSON Lines
    (storage.json_problem), else "json"."""
    return "jsonl" if JSON_LINES in database.problems[0].message else "json"


_SLIP_ADVICE = (f"Correct each date before {EARLIEST_DAY.year} (a slip of the year, which an import of this database's "
                "export refuses): a claim's with `claims edit ID --on DATE` (or `--event-on DATE`); an evidence "
                "item's \"on\" by hand in the file (no command changes an evidence date; a withdrawn item keeps its own).")

# What doctor names that is no damage: an older version, a hand edit or a wrong clock wrote it, the
# backup most likely holds it too, and the advice is an edit, not a restore (which would lose the last change)
NO_DAMAGE = frozenset({"date-slip", "alias-source", "history-time", "unclean-source-name", "id-form"})

def _id_form_advice(database: "DatabaseCheck") -> str:
    """The mend of claim IDs stored in another form (`id-form`), the first of them its example."""
    first = next((problem.where for problem in database.problems if problem.kind == "id-form"), "C-0001")
    return (f"Write each claim ID named above as claims writes it ({first}) in the file's \"id\" by hand, or make any "
            f"change to the claim (`claims edit {first} ...`), which writes it so: listings and exports print it so "
            "already, but jq, grep and other tools reading the file miss it.")

_HISTORY_TIME_ADVICE = ("Set each history time named above right by hand in the file (\"at\", in UTC: when the change "
                        "was made, not before the entry it follows), or, if this machine's clock is the wrong one "
                        "(`date -u` shows it), set the clock right: a clock was wrong when they were written, and the "
                        "report, reading a history in time order, counts such a change in another period or order.")


def _own_clocks_advice(database: DatabaseCheck) -> list[str]:
    """Of the history times in the future named, those stamped later only to follow the entry before
    them, their own clock right (`_history_time`): each's real time is its clock_at. [] for none."""
    named = [f"{problem.where} {problem.message.partition(':')[0]}" for problem in database.problems
             if problem.kind == "history-time" and problem.message.endswith(_OWN_CLOCK)]
    if not named:
        return []
    shown_ = and_listed([*named[:5], f"{len(named) - 5} more"] if len(named) > 6 else named)
    if len(named) == 1:
        return [f"{shown_} was stamped later only to follow the entry before it, on a clock that was right: its "
                "\"clock_at\" is when it was made. Set its \"at\" to that, and the entries before it, made on a clock "
                "that ran ahead, to times before it."]
    return [f"{shown_} were stamped later only to follow the entries before them, on clocks that were right: each "
            "one's \"clock_at\" is when it was made. Set each one's \"at\" to that, and the entries before them, made on "
            "a clock that ran ahead, to times before them."]


def _renames_advice(names: list) -> str:
    """The renames that write each source stored otherwise (`DatabaseCheck.unclean_names`) as the
    commands write its name: `sources rename` finds it as stored, and gives every claim and
    evidence item citing it so its name too."""
    renames = ", ".join(f"`claims sources rename {shell_arguments(*pair)}`" for pair in names)
    return f"Write each source named above as the commands write its name: {renames} (its claims and evidence follow)."


_ALIAS_ADVICE = ("Write each source as the name given above: a claimant's with `claims edit ID --source NAME` (of a "
                 "deleted claim, after `claims restore ID`); an evidence item's \"source\" by hand in the file (no "
                 "command changes an item's source).")


@dataclass
class DoctorReport:
    """The database, its backup, and what lies around them."""

    database: DatabaseCheck
    backup: DatabaseCheck
    temporaries: list[str] = field(default_factory=list)
    lock_held: bool = False
    advice: list[str] = field(default_factory=list)
    lock_problem: str | None = None  # why no writer can lock the database (storage.lock_path_problem)
    # Why no change can be written to a healthy database, or make one not made yet
    # (storage.why_read_only): said, not counted
    # (a closed year's `chmod a-w`, an archive's read-only mount are kept so on purpose)
    read_only: str | None = None
    # The database file's other names (hard links, storage.other_names): said, not counted (a
    # backup tool's `cp -al` snapshot is one); the next change splits them
    hard_links: int = 0
    # What look like a sync tool's conflict copies of the database beside it (storage.conflict_copies):
    # the claims and changes of another machine, not in the database: said, not counted
    conflict_copies: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Healthy, or simply not created yet (and nothing suggests it was lost), and lockable by a
        writer (read-only is said, not counted: `read_only`)."""
        return (self.database.healthy or (not self.database.exists and not self.database.problems)) \
            and not self.lock_problem

    def refuse_restore(self) -> str | None:
        """Why `--restore-backup` would not be safe now; None when it is."""
        kinds = self.database.kinds()
        if self.database.healthy:
            return "the database is healthy; there is nothing to restore"
        if "newer-version" in kinds:
            return ("the database was written by a newer claims; restoring the backup would drop what it "
                    "wrote (upgrade claims instead)")
        if "unreadable" in kinds:  # (no damage known: the restore would lose its last change)
            return f"the database is {self.database.problems[0].message}, which says nothing of damage"
        if kinds and kinds <= NO_DAMAGE:  # (the backup most likely holds them too: a restore would only lose the last change)
            return (f"what doctor found ({', '.join(sorted(kinds))}) is no damage, and the restore would lose the last "
                    "change")
        if kinds & {"directory", "special", "in-the-way"}:
            return "the database path cannot be read as a file; move it away by hand first"
        if not self.backup.exists:
            return "there is no backup to restore"
        if "same-file" in self.backup.kinds():
            return "the backup is the database itself (the same file, a hard link): it holds no earlier version"
        if "unreadable" in self.backup.kinds():
            return f"the backup is {self.backup.problems[0].message}"
        if not self.backup.restorable:
            return "the backup is damaged too"
        return None

    def restore_refused_hint(self) -> str | None:
        """The mend of what a refused restore found, where it is no damage (else None: doctor says)."""
        kinds = self.database.kinds()
        if not kinds or not kinds <= NO_DAMAGE:
            return None
        mends = {"history-time": "set each history time right by hand in the file (or this machine's clock, if it "
                                 "is the wrong one)",
                 "date-slip": f"correct each date before {EARLIEST_DAY.year} (a claim's with `claims edit ID --on DATE`)",
                 "alias-source": "write each source as its name (`claims edit ID --source NAME`)",
                 "unclean-source-name": "rename each source stored otherwise as its name "
                                        "(`claims sources rename STORED NAME`)",
                 "id-form": "write each claim ID as claims writes one (C-, then four digits or more), by hand or by any "
                            "change to the claim"}
        said = "; ".join(mends[kind] for kind in sorted(kinds))
        return f"{said[0].upper()}{said[1:]}: `claims doctor` names them."

    def to_dict(self) -> dict:
        return {
            "ok": self.ok,
            "database": self.database.to_dict(),
            "backup": self.backup.to_dict(),
            "temporaries": self.temporaries,
            "lock_held": self.lock_held,
            "lock_problem": self.lock_problem,
            "read_only": self.read_only,
            "hard_links": self.hard_links,
            "conflict_copies": self.conflict_copies,
            "advice": self.advice,
        }
