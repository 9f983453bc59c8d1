"""ClaimStore: the one place that talks to TinyDB.

The rest of the program sees claims as plain dicts in their JSON shape, sources as `Source`
objects, and IDs such as `C-0042`. TinyDB tables, `doc_id`s and queries never leave this module
(a claim's doc_id is the number in its ID, which makes lookups a dict access).

Reading needs no lock and creates nothing: a database that does not exist reads as a new, empty
one. Every change happens inside `transaction()`, which holds the writers' lock, re-reads the
file, applies pending schema migrations, and writes the file once at the end.

A server-backed store for larger desks would implement the same public methods.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import fields as dataclass_fields
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

import orjson

from .collector import paused
from .errors import ClaimsError, InvalidValue, NotFound, StoreError, path_shown, shown
from .migrations import (
    AN_EXPORT, META_DOC_ID, SCHEMA_VERSION, export_hint, keys_read_as_one, migrate, schema_version_of,
    schema_version_problem,
)
from .models import (
    CLAIM_PREFIX, DEFAULT_CATEGORIES, LAST_CLAIM_NUMBER, Source, SourceRegistry, claim_number, format_claim_id,
    is_deleted, sort_value, source_key,
)
from .storage import (
    AtomicJSONStorage, ClaimLines, NotAsWritten, claims_as_written, conflict_copies, database_files, load_json_file, lock_is_held, lock_path_problem,
    holds_something, is_the_database, layout_problem, pack_claim, pack_claim_with, packed_id, parse_for_doctor, read_for_doctor, stale_temporaries, unpack_claim, with_packed_id,
    lost_claims_said, other_names, plain_utf8, signature_of, why_read_only,
)

CLAIMS = "claims"
SOURCES = "sources"
META = "meta"
BY_ID = "id"  # store.select's order: by ID number
BY_CLAIMED = "claimed"  # store.select's order: by claim date, then ID number (the listings' default)
BY_UPDATED = "updated"  # ... by when last changed, then ID number
BY_CREATED = "created"  # ... by when recorded, then ID number
# The orders store.select reads from the lines (the field each sorts by; see models.sort_value)
_LINE_ORDERS = {BY_CLAIMED: "claimed_on", BY_UPDATED: "updated_at", BY_CREATED: "created_at"}

if TYPE_CHECKING:
    from tinydb import TinyDB



def _number_of(claim_id) -> int | None:
    """A stored ID's number (C-0001 and C-1 alike, as doctor reads them), None if it has none."""
    try:
        return claim_number(claim_id) if type(claim_id) is str else None
    except InvalidValue:
        return None


def _source_said(doc: Any) -> str:
    """A source record as an error names it: by its name, if it has one."""
    name = doc.get("name") if isinstance(doc, dict) else None
    return f"source {shown(name)}" if type(name) is str and name.strip() else "a source record"


def _held_otherwise(path, number: int, held) -> StoreError:
    """A claim record holding another ID than its number's (a hand edit: a line copied): writing it
    by its ID would replace another claim, and the next write the backup too."""
    return StoreError(f"the database {path_shown(path)} is damaged: record {number} holds the ID {shown(held)}, not "
                      f"{format_claim_id(number)}", hint="Run `claims doctor` to see which records and how to recover.")

class ClaimStore:
    """Claims, sources and settings in one TinyDB JSON file."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._storage = AtomicJSONStorage(self.path)
        self._tinydb: TinyDB | None = None  # see _file_db
        self._view: Any = None  # the storage reads come from (the file's, or a new database's in memory)
        self._in_transaction = False
        self._registry: SourceRegistry | None = None
        self.created = False  # a write made the file: there was none (see context.created_databases)
        self.created_in: list[Path] = []  # ... in directories made for it, outermost first
        self.unbacked: str | None = None  # why a write could not keep NAME.bak (see context.unbacked_databases)
        self.read_missing = False  # a read found no file: read as a new, empty one (see context.missing_databases)

    @property
    def _file_db(self) -> TinyDB:
        """TinyDB over the file's storage, built when first needed: by a change of sources or a
        migration. Reads go to the storage itself, and so do the writes of claims and settings
        (`_write_claims`, `_update_meta`): a command that only reads or adds claims never imports it."""
        if self._tinydb is None:
            from tinydb import TinyDB
            from tinydb.storages import Storage

            Storage.register(AtomicJSONStorage)
            storage = self._storage
            self._tinydb = TinyDB(storage=lambda: storage)  # TinyDB calls `storage()` to get its storage
        return self._tinydb

    # ------------------------------------------------------------------ opening and writing
    def exists(self) -> bool:
        return self.path.exists()

    def is_current(self) -> bool:
        """Whether the file is a claims database this version reads as it is (a read: one of an
        older version is migrated, under the lock); False for one that is not (blank, damaged)."""
        try:
            return self.schema_version() == SCHEMA_VERSION
        except ClaimsError:
            return False

    def replaced_blank(self) -> bool:
        """Whether the last transaction took a blank file for no database and made it one."""
        return self._storage.replaced_blank

    def _db(self) -> Any:
        """The storage to read from (its `read()` gives the tables)."""
        if self._view is None:
            data = self._storage.read()
            version = self._check_version(data)
            if data is None or version == 0:
                # No database yet: read from an in-memory new one, and create nothing.
                self.read_missing = data is None
                from tinydb import TinyDB
                from tinydb.storages import MemoryStorage

                memory = TinyDB(storage=MemoryStorage)
                migrate(memory, 0)
                self._view = memory.storage
            elif version < SCHEMA_VERSION:
                with self.transaction():
                    pass  # the transaction migrates and writes
            else:
                self._view = self._storage
        return self._view

    def _check_version(self, data: dict | None) -> int:
        return checked_version(self.path, data)

    def check_writable(self) -> None:
        """StoreError when a change could not be written, as a transaction finds: the file's own
        permissions (a closed year's `chmod a-w`), a read-only file system, a line of what was read
        damaged or given twice, two keys of a table read as one. For a dry run, which takes no transaction."""
        self._storage.check_writable()
        self._refuse_keys_misread(self._tables())

    @contextmanager
    def transaction(self, *, blank_is_new: bool = False) -> Iterator["ClaimStore"]:
        """Lock, re-read, migrate if needed, and write once at the end (nothing on error).
        `blank_is_new`: see AtomicJSONStorage.transaction (`claims init`)."""
        if self._in_transaction:
            yield self
            return
        with self._storage.transaction(blank_is_new=blank_is_new):
            self._in_transaction = True
            self._registry = None
            try:
                data = self._storage.read()
                version = self._check_version(data)
                if version:  # (before TinyDB reads a table: a migration's change too)
                    self._refuse_keys_misread(data)  # type: ignore[arg-type]
                if version < SCHEMA_VERSION:
                    migrate(self._file_db, version)
                self._view = self._storage
                if version:  # (no write carries a hand-damaged registry on, into NAME.bak too)
                    self.registry()
                    self.categories()
                yield self
            except BaseException:
                self._view = None
                self._registry = None
                raise
            finally:
                self._in_transaction = False
        if self._storage.made_file:
            self.created = True
            self.created_in = self._storage.made_directories
        if self._storage.backup_missed:
            self.unbacked = self._storage.backup_missed

    def _require_transaction(self) -> None:
        if not self._in_transaction:
            raise RuntimeError("store writes must happen inside store.transaction()")

    def _tables(self) -> dict:
        return self._db().read() or {}

    def _raw(self, table: str) -> dict:
        found = self._tables().get(table)
        return {} if found is None else found

    # ------------------------------------------------------------------------------ reading
    def meta(self) -> dict:
        return dict(self._raw(META).get(str(META_DOC_ID)) or {})

    def schema_version(self) -> int:
        return int(self.meta().get("schema_version", 0))

    def categories(self) -> list[str]:
        meta = self.meta()
        categories = meta.get("categories")
        if "categories" in meta and (type(categories) is not list or
                                     not all(type(category) is str for category in categories)):
            self._damaged("the list of categories is not a list of words")
        return list(categories or DEFAULT_CATEGORIES)

    def registry(self) -> SourceRegistry:
        if self._registry is None:
            sources = self._raw(SOURCES).values()
            for doc in sources:  # (a few dozen records, read whole by every command naming a source)
                if type(doc.get("name")) is not str or not doc["name"].strip():
                    self._damaged("a source record has no name")
                problems = Source.record_problems(doc)
                if problems:
                    self._damaged(f"the source {shown(doc['name'])}: {problems[0]}")
            self._registry = SourceRegistry(Source.from_dict(doc) for doc in sources)
        return self._registry

    def _refuse_keys_misread(self, tables: dict) -> None:
        """Refuse a meta or sources table holding two keys that read as one number (a hand edit's
        "01" beside the settings' "1", "07" beside a source's "7"): TinyDB, and `_update_meta` as
        it does, would write the table back with only the later record of the two. And a meta key
        that is no number ('x'), on which they fail (int('x')), as a change of the sources refuses
        one of theirs (`_source_number`)."""
        for name in (META, SOURCES):
            table = tables.get(name)
            strays = keys_read_as_one(table) if isinstance(table, dict) else {}
            for key, other in strays.items():  # (the key named is the one the store did not write)
                if name == META:
                    said = f"the meta table holds a record under {shown(key)}, the same number as {shown(other)}"
                else:
                    said = (f"{_source_said(table[key])} is stored under {shown(key)}, the same number as "
                            f"{shown(other)} ({_source_said(table[other])})")
                if other in strays:  # ("07" and "+7": neither is the record the store wrote)
                    said += f", neither written as the store writes {int(key)}"
                self._damaged(f"{said}: a write would keep only one of the two")
        meta = tables.get(META)
        for key in meta if isinstance(meta, dict) else ():
            if not key.isdecimal():
                self._damaged(f"the meta table holds a record under {shown(key)}, not a number")

    def _damaged(self, why: str) -> None:
        """A hand edit the commands cannot read as it is: refused before anything is written (a
        write would carry it on, into NAME.bak too)."""
        raise StoreError(f"database {path_shown(self.path)} is damaged: {why}",
                         hint="It was left untouched; run `claims doctor` to see how to recover.")

    def claims(self, *, include_deleted: bool = False) -> Iterator[dict]:
        """Every claim as its stored dict, in ID order. Treat them as read-only."""
        documents = self._raw(CLAIMS).values()
        if include_deleted:
            return iter(documents)
        return (doc for doc in documents if not doc.get("deleted_at"))  # models.is_deleted, inlined

    def select(self, match: Callable[[dict], bool] | None, order: Callable[[dict], Any] | str, *,
               descending: bool = False, include_deleted: bool = False) -> "ClaimList":
        """The claims `match` accepts (all if None), sorted by `order`: a key function, BY_ID,
        BY_CLAIMED, BY_UPDATED or BY_CREATED.

        Unlike a list of parsed claims, the result holds where each claim is in the file and
        parses it again as it is read: an export of 100,000 claims never has them all parsed at
        once. With no `match`, the named orders parse only the lines they cannot read for sure:
        a claim's doc_id is its ID number, a live claim can be told from its line's end, and its
        date and stamps read from its line (ClaimLines.claimed_on, stamps). In a file with the
        line layout their ties go by that number (a hand edit that gives a claim another ID than
        its number is what `claims doctor` reports as bad-id).
        """
        by_id = order == BY_ID
        field = _LINE_ORDERS.get(order) if isinstance(order, str) else None
        claims = self._raw(CLAIMS)
        if not isinstance(claims, ClaimLines):  # a file without the line layout: all parsed already
            from .filters import SORT_KEYS  # (the line orders' keys for parsed claims)

            if by_id:  # (by the record's number, as in the line layout: a hand edit's ID 'X1' is no order)
                numbered = sorted(((int(key), claim) for key, claim in claims.items()
                                   if (include_deleted or not claim.get("deleted_at")) and (match is None or match(claim))),
                                  key=itemgetter(0))
                return ClaimList([claim for _, claim in (reversed(numbered) if descending else numbered)], lines=None)
            chosen = [claim for claim in self.claims(include_deleted=include_deleted)
                      if match is None or match(claim)]
            chosen.sort(key=SORT_KEYS[order] if field else order, reverse=descending)
            return ClaimList(chosen, lines=None)
        if by_id and match is None and not include_deleted:
            spans = claims.live_spans_by_number()
            if spans is not None:
                if descending:
                    spans.reverse()  # (IDs are unique: the general path's order, reversed)
                return ClaimList(spans, lines=claims)
        if field and match is None and not include_deleted:
            spans = claims.live_spans_by(field, descending)
            if spans is not None:
                return ClaimList(spans, lines=claims)
        keyed: list = []
        unparsed = match is None and not include_deleted and (by_id or field)  # keys from the line
        is_live, read = claims.span_is_live, claims.sort_key_reader(field) if field else None
        for key, item in claims.spans():
            claim = item if type(item) is dict else None
            if claim is None and unparsed and is_live(item):
                value = None if by_id else read(item)  # type: ignore[misc]
                if by_id or value is not None:
                    keyed.append((int(key) if by_id else (value, len(key), key), item))
                    continue
            if claim is None:
                claim = claims.parse_span(item)
            if not include_deleted and claim.get("deleted_at"):
                continue
            if match is not None and not match(claim):
                continue
            keyed.append((int(key) if by_id else (sort_value(claim, field), len(key), key) if field
                          else order(claim), item))  # type: ignore[operator]
        # Every key ends with the unique ID (BY_ID: is it), so the claims themselves are never compared;
        # the line orders' is the claim's number as text, in ID order (a longer number is larger).
        keyed.sort(key=itemgetter(0), reverse=descending)
        return ClaimList([item for _, item in keyed], lines=claims)

    def every_claim(self) -> "ClaimList":
        """Every claim, deleted ones included, in file order, as a ClaimList: nothing is parsed
        until a claim is read (a report over all time reads them all, once)."""
        claims = self._raw(CLAIMS)
        if not isinstance(claims, ClaimLines):
            return ClaimList(list(self.claims(include_deleted=True)), lines=None)
        return ClaimList(claims.every_span(), lines=claims)

    def count(self) -> int:
        return sum(1 for _ in self.claims())

    def get_claim(self, claim_id: str, *, include_deleted: bool = False) -> dict:
        """A copy of one claim; NotFound for an unknown (or deleted) ID."""
        try:
            number = claim_number(claim_id)
        except InvalidValue as error:
            raise self._ref_given(claim_id, error) from None
        doc = self._raw(CLAIMS).get(str(number))
        if doc is None or (is_deleted(doc) and not include_deleted):
            if doc is None and not self.exists():  # (a mistyped --db reads as an empty database)
                raise NotFound(f"no claim {format_claim_id(number)}: the database {path_shown(self.path)} does not exist",
                               hint="Check --db (or $CLAIMS_DB); the first change to a database makes it.")
            if doc is not None:
                raise NotFound(f"claim {format_claim_id(number)} is deleted",
                               hint=f"`claims restore {format_claim_id(number)}` brings it back.")
            raise self._no_claim(number, hint="`claims list` shows the IDs.")
        if _number_of(doc.get("id")) != number:  # (a hand edit: saved by its ID, it would replace that claim)
            raise _held_otherwise(self.path, number, doc.get("id"))
        claim = copy.deepcopy(doc)
        claim["id"] = format_claim_id(number)  # (one written otherwise by hand, "C-1": written back so)
        return claim

    def _holding(self, pattern: "re.Pattern[bytes]") -> Iterable[tuple[str, Any]]:
        """(key, claim) of the claims, deleted ones too, whose line `pattern` may match (every
        claim of a table not read line by line): for an error's hint, read on its way out only."""
        table = self._raw(CLAIMS)
        return table.holding(pattern) if isinstance(table, ClaimLines) else table.items()

    def _no_claim(self, number: int, hint: str | None = None) -> NotFound:
        """NotFound for claim `number`; the database damaged if a record holds it under another
        number (a hand edit, or a script's TinyDB insert: `list` shows it), its ID written in any
        form claim_number reads ("C-0004", "C-4")."""
        # (an "id" anywhere on a line, spaced as a hand edit may; not an evidence item's, E4, which
        # every claim with evidence has: a missing C-0001 parsed three in four claims)
        written = re.compile(rb'"id"\s*:\s*"(?![Ee]|\xd0\x95|\xd0\xb5)[^"\\\n]{0,24}?(?<![0-9])0*'
                             + str(number).encode() + rb'\s*"')
        for key, doc in self._holding(written):
            if type(doc) is dict and _number_of(doc.get("id")) == number and key != str(number):
                self._damaged(f"claim {format_claim_id(number)} is stored under number {key}")
        return NotFound(f"no claim {format_claim_id(number)}", hint=hint)

    def _ref_given(self, claim_id: Any, error: InvalidValue) -> InvalidValue:
        """`error`, with the claim a ref names when what was given for an ID is a claim's ref
        (the seed's notes say "see art-003"): read only on this error's way out."""
        given = str(claim_id).strip()
        ref = given.casefold()
        written = _written_in_any_case(given)
        if not ref or written is None:
            return error
        # (a ref's value only: "show unverified" read every claim whose status says it)
        held = [(claim["id"] + (" (deleted)" if claim.get("deleted_at") else ""), claim["ref"])
                for _, claim in self._holding(re.compile(rb'"ref"\s*:\s*' + written, re.IGNORECASE))
                if type(claim) is dict and type(claim.get("ref")) is str and type(claim.get("id")) is str
                and claim["ref"].strip().casefold() == ref]
        if not held:
            return error
        ids = " and ".join(claim for claim, _ in held[:3]) + (" and others" if len(held) > 3 else "")
        hint = (f"{held[0][1]} is the ref of {ids}: give its ID, {held[0][0].split()[0]}." if len(held) == 1
                else f"{held[0][1]} is the ref of {ids}: give one of their IDs.")
        return InvalidValue(error.message, hint=hint, field="id")

    def has_claim(self, claim_id: str) -> bool:
        return str(claim_number(claim_id)) in self._raw(CLAIMS)

    # ------------------------------------------------------------------------------ writing
    def add_claims(self, records: Iterable[dict], *, adopt: bool = False) -> list[dict]:
        """Insert new claims in one write, giving each an ID (or keeping one it brings).

        IDs are never handed out twice: the counter only moves forward, past any kept ID.
        Returns the stored records (the ID first); like `claims()`, treat them as read-only.
        `adopt=True`: the caller hands the records over (fresh dicts nothing else refers to); one
        whose first key is already "id" is stored as it is, its ID set in place, not copied.
        """
        self._require_transaction()
        next_number, existing = self._numbering()
        documents: dict[str, dict] = {}
        added = []
        for record in records:
            number, key = _claim_key(claim_number(record["id"]) if record.get("id") else None, next_number,
                                     existing, documents)
            if number >= next_number:
                next_number = number + 1
            claim_id = f"{CLAIM_PREFIX}{number:04d}"  # format_claim_id, inlined
            if not (adopt and next(iter(record), None) == "id"):
                record = {"id": claim_id, **record}  # the ID first, as TinyDB keeps it
            record["id"] = claim_id  # (a kept ID is written back normalised)
            documents[key] = record  # one copy per claim, not two (100,000 at a time)
            added.append(record)
        if documents:
            self._write_claims(documents)
        self._update_meta(next_claim=next_number)
        return added

    # A new claim record whose first key is "id" (None, or the ID it keeps), packed for
    # `add_packed_claims`: the bytes of its line in the file, a quarter of the dict's memory (an
    # import holds 100,000 until it writes them).
    pack_claim = staticmethod(pack_claim)
    pack_claim_with = staticmethod(pack_claim_with)

    def add_packed_claims(self, packed: Iterable[bytes]) -> list[str]:
        """`add_claims` for claims packed by `pack_claim`, in one write; returns their IDs.

        A new claim's bytes are stored as they are, never copied: its null "id" stands for the
        ID its key gives it (see storage.pack_claim).
        """
        self._require_transaction()
        next_number, existing = self._numbering()
        documents: dict[str, bytes] = {}
        ids = []
        for claim in packed:
            kept = packed_id(claim)
            number, key = _claim_key(None if kept is None else claim_number(kept), next_number, existing,
                                     documents)
            claim_id = f"{CLAIM_PREFIX}{number:04d}"  # format_claim_id, inlined
            if kept is not None and claim_id != kept:
                claim = with_packed_id(claim, claim_id)  # (a kept ID is written back normalised)
            if number >= next_number:
                next_number = number + 1
            documents[key] = claim
            ids.append(claim_id)
        if documents:
            self._write_claims(documents)
        self._update_meta(next_claim=next_number)
        return ids

    def next_number(self) -> int:
        """The number the next new claim gets (kept IDs past it move it on)."""
        return self._numbering()[0]

    def _numbering(self) -> tuple[int, Any]:
        """(the next claim number, the keys in use as a set: an import asks once per claim)."""
        table = self._raw(CLAIMS)
        existing = table.key_set() if isinstance(table, ClaimLines) else table.keys()
        counter = self.meta().get("next_claim", 1)
        # (damaged by hand, doctor names it: numbered on after the highest in use)
        if type(counter) is not int or not 1 <= counter <= LAST_CLAIM_NUMBER:
            counter = max((int(key) for key in existing if key.isdecimal()), default=0) + 1
        return counter, existing

    def save_claims(self, records: Iterable[dict], *, read: dict[str, Any] | None = None) -> None:
        """Replace stored claims (matched by ID) with these records, in one write. `read`: {key: the
        ID its record holds} of records read in this transaction (`change_claims`), not read again."""
        self._require_transaction()
        by_key = {str(claim_number(record["id"])): record for record in records}
        if not by_key:
            return
        read = read or {}
        stored = self._raw(CLAIMS)
        missing = [key for key in by_key if key not in read and key not in stored]
        if missing:
            raise self._no_claim(int(missing[0]))
        for key in by_key:  # (each is written where a claim of its ID is: never over another claim)
            if key in read:
                held = read[key]
            else:
                claim = stored[key]  # (read once: a line of the file is parsed at each reading)
                held = claim.get("id") if isinstance(claim, dict) else None
            if _number_of(held) != int(key):
                raise _held_otherwise(self.path, int(key), held)
        self._write_claims({key: dict(record) for key, record in by_key.items()})

    def change_claims(self, change: Callable[[dict], dict | None]) -> list[dict]:
        """Give `change` every claim, deleted ones too, as `claims` does, and save each claim it
        returns (a changed copy of the one given; None: no change) in one write (`save_claims`).
        Each is read once: the ID a changed claim's record held is kept as it is read, for
        save_claims' check (a rename at 100,000 claims parsed 38,000 lines again for it)."""
        self._require_transaction()
        changed: list[dict] = []
        read: dict[str, Any] = {}
        table = self._raw(CLAIMS)
        # (the line layout's table indexes its keys as they are read: save_claims looks each changed one up)
        for key, stored in table.indexing_items() if isinstance(table, ClaimLines) else table.items():
            claim = change(stored)
            if claim is not None:
                changed.append(claim)
                read[key] = stored.get("id") if isinstance(stored, dict) else None
        self.save_claims(changed, read=read)
        return changed

    def _write_claims(self, documents: dict[str, dict] | dict[str, bytes]) -> None:
        """Put claim documents (by doc_id string) into the claims table, in place.

        TinyDB's own table operations rebuild the whole table dict twice per operation (to and
        from integer IDs), which at 100,000 claims costs more than the change itself. The
        result here is the same data TinyDB would produce (same keys, same order: a replaced
        claim keeps its place, a new one goes at the end), handed to the storage the same way,
        inside the same locked transaction, and written once at its end.
        """
        tables = self._storage.read()
        if tables is None:  # cannot happen inside a transaction (migrations create the tables)
            raise RuntimeError("no database data inside a transaction")
        table = tables.setdefault(CLAIMS, {})
        if type(table) is dict and not table:
            # No claims yet (a new database): the line layout's table, which can hold packed claims.
            table = tables[CLAIMS] = ClaimLines.empty(self.path)
        if isinstance(table, ClaimLines):
            table.put_all(documents)
        else:  # a file without the line layout (a hand edit, TinyDB's own): dicts only
            for key, document in documents.items():
                table[key] = unpack_claim(document, key)  # a replaced claim keeps its place, a new one at the end
        self._storage.write(tables)
        if self._tinydb is not None:
            self._tinydb.table(CLAIMS).clear_cache()

    def save_source(self, source: Source, entry: dict | None = None, *, history: list | None = None,
                    extras: dict | None = None) -> None:
        """Add or replace a source (matched by name, case-insensitively), keeping the changes
        recorded for it (`source_history`), `entry` added to them; `history`: the changes to keep
        instead (a renamed source's, recorded under its old name); `extras`: the fields beyond
        claims' own to keep (a renamed source's, see source_extras)."""
        self.save_sources([(source, entry)], history=history, extras=extras)

    def _source_number(self, doc_id: str, doc: dict) -> int:
        """A source record's number; the database damaged if it is stored under a key that is no
        number (TinyDB numbers its records: it could write none of the table)."""
        if not doc_id.isdecimal():
            self._damaged(f"source {shown(doc.get('name'))} is stored under {shown(doc_id)}, not a number")
        return int(doc_id)

    def source_extras(self, name: str) -> dict:
        """The fields a source's record has beyond claims' own (another tool's), which its
        changes keep."""
        key = source_key(name)
        for doc in self._raw(SOURCES).values():
            if source_key(doc["name"]) == key:
                return _beyond_source(doc)
        return {}

    def save_sources(self, sources: Iterable[tuple[Source, dict | None]], *, history: list | None = None,
                     extras: dict | None = None) -> None:
        """`save_source` for each (source, entry), in order, reading the records once and changing
        the table twice at most (an import of 1,500 new sources read them all for each: 3 s)."""
        self._require_transaction()
        stored: dict[str, tuple[int, Any, dict]] = {}  # key -> (doc ID, history, record): the first of a name
        for doc_id, doc in self._raw(SOURCES).items():
            stored.setdefault(source_key(doc["name"]), (self._source_number(doc_id, doc), doc.get("history"), doc))
        records: dict[str, dict] = {}  # key -> the record to write, in the order first saved
        for source, entry in sources:
            key = source_key(source.name)
            record = source.to_dict()  # (a Source knows nothing of its history: an export carries none)
            # (fields another tool added are kept, as a claim record's are)
            record.update(extras if extras is not None else _beyond_source(stored[key][2]) if key in stored else {})
            if history is not None:
                kept = history
            elif key in records:
                kept = records[key].get("history")
            else:
                kept = stored[key][1] if key in stored else None
            changes = [*(kept if type(kept) is list else ()), *((entry,) if entry else ())]
            if changes:  # (written only when there is one: a source never changed stays as it was)
                record["history"] = changes
            records[key] = record
        replaced = {key: record for key, record in records.items() if key in stored}

        def replace(doc: dict) -> None:
            record = replaced[source_key(doc["name"])]
            doc.clear()
            doc.update(record)

        if replaced:
            self._file_db.table(SOURCES).update(replace, doc_ids=[stored[key][0] for key in replaced])
        added = [record for key, record in records.items() if key not in stored]
        if added:
            self._file_db.table(SOURCES).insert_multiple(added)
        self._registry = None

    def source_history(self, name: str) -> list[dict]:
        """The changes recorded for a source, oldest first: [] for one never changed here (a
        built-in one) or last saved by an older claims, which kept none."""
        key = source_key(name)
        for doc in self._raw(SOURCES).values():
            if source_key(doc["name"]) == key:
                history = doc.get("history")
                return [entry for entry in history if type(entry) is dict] if type(history) is list else []
        return []

    def source_histories(self) -> dict[str, list[dict]]:
        """`source_history` of every source, by its key (`source_key`), reading the records once
        (an import that stamps 1,500 sources, each after its history, read them all for each)."""
        histories: dict[str, list[dict]] = {}
        for doc in self._raw(SOURCES).values():
            history = doc.get("history")
            histories.setdefault(source_key(doc["name"]), [entry for entry in history if type(entry) is dict]
                                 if type(history) is list else [])
        return histories

    def remove_source(self, name: str) -> None:
        """Remove a source (matched by name, case-insensitively); claims citing it are the caller's."""
        self._require_transaction()
        key = source_key(name)
        doc_ids = [self._source_number(doc_id, doc) for doc_id, doc in self._raw(SOURCES).items()
                   if source_key(doc["name"]) == key]
        if doc_ids:
            self._file_db.table(SOURCES).remove(doc_ids=doc_ids)
        self._registry = None

    def add_category(self, name: str) -> None:
        self._require_transaction()
        categories = self.categories()
        if name not in categories:
            self._update_meta(categories=[*categories, name])

    def remove_category(self, name: str) -> None:
        self._require_transaction()
        self._update_meta(categories=[category for category in self.categories() if category != name])

    def _update_meta(self, **fields) -> None:
        """Update the settings record as TinyDB's `table(META).update(fields, doc_ids=[1])` does, on
        the storage's tables as `_write_claims` writes the claims (building TinyDB, for this alone,
        took about 7 million instructions of every import): the table's keys read as numbers and
        written back as text, a record that is not there left alone."""
        tables = self._storage.read()
        if tables is None:  # cannot happen inside a transaction (migrations create the tables)
            tables = {}
        table = {int(doc_id): doc for doc_id, doc in tables.get(META, {}).items()}
        if META_DOC_ID in table:
            table[META_DOC_ID].update(fields)
        tables[META] = {str(doc_id): doc for doc_id, doc in table.items()}
        self._storage.write(tables)
        if self._tinydb is not None:
            self._tinydb.table(META).clear_cache()


def _written_in_any_case(text: str) -> bytes | None:
    """A pattern of `text` as JSON a line writes it (orjson's, quoted), each letter in any case:
    ASCII ones by the search's IGNORECASE, others as alternatives ("ä" or "Ä"); None for text no
    line holds (a lone surrogate: a byte of an argument that is not UTF-8)."""
    pieces = []
    for char in text:
        forms = dict.fromkeys((char, char.lower(), char.upper(), char.casefold())) if not char.isascii() else (char,)
        try:
            written = [re.escape(orjson.dumps(form)[1:-1]) for form in forms]
        except TypeError:
            return None
        pieces.append(written[0] if len(written) == 1 else b"(?:" + b"|".join(written) + b")")
    return b'"' + b"".join(pieces) + b'"'


_SOURCE_FIELDS = frozenset(field.name for field in dataclass_fields(Source)) | {"history"}


def _beyond_source(record: dict) -> dict:
    """The fields of a source's record that are not claims' own (another tool's)."""
    return {name: value for name, value in record.items() if name not in _SOURCE_FIELDS}


def _claim_key(kept: int | None, next_number: int, existing, documents: dict) -> tuple[int, str]:
    """(number, table key) of a claim being added: the number it keeps (refused if taken), else
    the next free one."""
    if kept is not None:
        key = str(kept)
        if key in existing or key in documents:
            raise InvalidValue(f"claim {format_claim_id(kept)} already exists", field="id")
        return kept, key
    number = next_number
    key = str(number)
    while key in existing:  # a counter set back by hand must not reuse an ID
        number += 1
        key = str(number)
    if number > LAST_CLAIM_NUMBER:  # (C-1000000000 would read back as no ID: nothing is handed out)
        raise StoreError(f"no claim number is left: {format_claim_id(LAST_CLAIM_NUMBER)} is the last an ID can have",
                         hint="Start a new database for new claims (claims export and import move them).")
    return number, key


class ClaimList(Sequence):
    """Selected claims in order; each is parsed from the file's bytes when it is read (and not
    kept), so reading the list again parses again. Treat the claims as read-only."""

    def __init__(self, items: list, lines: ClaimLines | None):
        self._items = items
        self._lines = lines
        self._parse = None if lines is None else lines.parse_span

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[dict]:
        parse = self._parse
        if parse is None:
            yield from self._items
            return
        with paused():  # (claims a caller keeps are frozen on the way out)
            for item in self._items:
                yield item if type(item) is dict else parse(item)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._claim(item) for item in self._items[index]]
        return self._claim(self._items[index])

    def _claim(self, item) -> dict:
        return item if type(item) is dict or self._parse is None else self._parse(item)

    def followed_by(self, other: "ClaimList") -> "ClaimList":
        """These claims, then `other`'s (selected from the same file)."""
        if other._lines is not self._lines:
            raise ValueError("claims selected from another file")
        return ClaimList([*self._items, *other._items], self._lines)


def read_raw(path: Path) -> dict | None:
    """The database file as parsed JSON (for `claims doctor`); None if it does not exist."""
    return load_json_file(path)


# ------------------------------------------------------------------------------ claims doctor

def examine(path: str | Path, *, check_lock: bool = True, while_waiting: Callable[[], None] | None = None):
    """Check the database and its backup (NAME.bak) for `claims doctor`; reads, never writes.
    `while_waiting`: what the caller does next that this process can do while a worker checks the
    last half of a file's claims (workers.gather_in_two).

    Returns a `health.DoctorReport`: the problems in each file, stale temporary files, whether a
    writer holds the lock, and what to do next.
    """
    from .health import DoctorReport, advise

    given = Path(path)
    path, backup_path, _ = database_files(path)  # (a link's target: what the writers write)
    link = given if path != given else None  # (a way out may be the link's to mend)
    before = signature_of(path)
    database = _check_file(path, while_waiting)
    backup = _check_file(backup_path, while_waiting)
    one_version = before is not None and before == signature_of(path)  # (no write between the two reads)
    if backup.exists and backup.schema_version is None and not backup.problems and not holds_something(backup_path):
        # ({}: nothing; a directory, or a file unreadable, is said as such alone)
        backup.add("empty", "file", "the file is empty (it holds {})")
    if backup.exists and is_the_database(backup_path, path):  # (checked as a file too: its facts, its damage)
        # (the next change keeps a backup again: beside a damaged database, which may refuse changes, once mended)
        again = "the next change keeps one again" if database.healthy else \
            "the next change made to it, once it is mended, keeps one again"
        backup.add("same-file", "file", "the backup is the database itself (the same file, a hard link): it holds no "
                                        f"earlier version, as when a writer is killed keeping it; {again}")
    if not database.exists and backup.exists:
        database.add("missing", "file", f"the database does not exist, but its backup {path_shown(path.name + '.bak')} does")
    elif database.exists and database.schema_version is None and not database.problems and holds_something(backup_path):
        # ({} beside a backup: refused by the commands, see storage._parse_whole)
        database.add("empty", "file", f"the file is empty (it holds {{}}), but its backup {path_shown(path.name + '.bak')} is there")
    if database.claim_ids is not None and backup.claim_ids and one_version:
        # (no command takes a claim out: the commands refuse this too, storage._refuse_lost_claims)
        here = set(database.claim_ids)
        lost = [claim_id for claim_id in backup.claim_ids if claim_id not in here]
        if lost:
            database.add("lost-claims", "file", f"the database {lost_claims_said(lost, path_shown(path.name + '.bak'))}")
    odd_lock = lock_path_problem(path, f"{path.name}.lock")
    report = DoctorReport(database, backup, stale_temporaries(path),
                          lock_is_held(path) if check_lock else False, lock_problem=odd_lock and odd_lock[0],
                          read_only=why_read_only(path) if database.healthy or not (database.exists or backup.exists)
                          else None,  # (none yet: the first change cannot make it)
                          hard_links=other_names(path, backup_path),  # (NAME.bak: the store's own name)
                          conflict_copies=conflict_copies(path))
    report.advice = advise(database, backup, path=path, link=link)
    if odd_lock:  # (first: no change, a restore's neither, can be written before)
        report.advice.insert(0, odd_lock[1])
    return report


def _check_file(path: Path, while_waiting: Callable[[], None] | None = None):
    """What `claims doctor` finds in one file.

    A file exactly as the store writes it (the line layout, every line what orjson writes) is
    checked one claim at a time as each line is parsed, holding only the file's bytes and what the
    checks across claims need (IDs, the highest number); the last half of its claims by a forked
    worker (workers.write_in_two), as the checks cost twice the parse. Anything else, or a file
    that turns out not to be exactly that half-way through, is parsed whole and checked as parsed
    JSON: the same findings either way.
    """
    from datetime import datetime, timezone

    from .health import DatabaseCheck, check_claims_as_written, check_data, duplicate_keys

    found = read_for_doctor(path, parse=False)
    modified = None
    if found.modified is not None:
        modified = datetime.fromtimestamp(found.modified, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    def new_check():
        return DatabaseCheck(str(path), exists=found.exists, size=found.size, modified=modified)

    check = new_check()
    if found.problem is not None:
        check.add(found.problem[0], "file", found.problem[1])
        return check
    if not found.exists:
        return check
    with paused():
        as_written = claims_as_written(found.raw)  # type: ignore[arg-type]
        if as_written is not None:
            tables, lines = as_written
            try:
                if _checked_in_parts(tables, lines, check, while_waiting):
                    return check
                check = new_check()  # (a claim ID or line key in both parts: said by one run, in its words)
                check_claims_as_written(tables, lines.as_written(), check, SCHEMA_VERSION)
                return check
            except NotAsWritten:
                check = new_check()
            del as_written, tables, lines
        parse_for_doctor(found)
        if found.problem is not None:
            check.add(found.problem[0], "file", found.problem[1])
            return check
        check_data(found.data, check, SCHEMA_VERSION)
        if not check.unusable:
            for key in duplicate_keys(plain_utf8(found.raw or b""), parsed=found.data):
                check.add("duplicate-key", "file",
                          f"the key {shown(key)} is written twice in one object; JSON keeps only the last copy "
                          "and hides the first")
            # (only here: a file exactly as the store writes it was checked line by line above; a
            # claim line given twice is not laid out otherwise, but said above: layout_problem)
            where = layout_problem(found.raw or b"")
            if where is not None:
                check.add("layout", "file", f"the file is valid JSON but not laid out one claim per line as "
                                            f"claims writes it ({where}), as after an edit by hand; the other "
                                            "commands refuse it")
    return check


def _checked_in_parts(tables: dict, lines: ClaimLines, check, while_waiting: Callable[[], None] | None = None) -> bool:
    """Check a file's claims as written into `check`, the last half of its lines in a worker;
    False (check spoiled) when a claim ID, or a line's key, is in both halves."""
    from . import workers
    from .health import claims_checker

    checker = claims_checker(tables, check, SCHEMA_VERSION)
    if checker is None:
        for _ in lines.as_written():  # every line is still read: one that would not parse changes the verdict
            pass
        return True
    # (two halves of the file's bytes, each read line by line by its own process: a first pass to
    # find every line, in one process, took a tenth of the command at 100,000 claims)
    halves = lines.line_ranges(2 if lines.holds_lines(workers.MIN_CLAIMS) else 1)

    def check_part(part: Iterable[tuple[int, int]]) -> tuple[list, bytes]:
        keys: set[bytes] = set()  # (one set: a key given twice in this process's ranges is found as it is read)
        found = checker.part(chain.from_iterable(lines.as_written(between, keys) for between in part))
        return list(keys), found

    def check_here(part: Iterable[tuple[int, int]]) -> set[bytes]:  # (this process's: into the checker itself)
        keys: set[bytes] = set()
        checker.first_part(chain.from_iterable(lines.as_written(between, keys) for between in part))
        return keys

    keys_seen, *rest = workers.gather_in_two(halves, check_part, mine=check_here, share=0.5, min_claims=2,
                                             while_waiting=while_waiting)
    for keys, found in rest:  # (the worker's half, or that half checked here if the worker failed)
        if not keys_seen.isdisjoint(keys) or not checker.add_part(found):
            return False
        keys_seen.update(keys)
    checker.finish()
    return True


def checked_version(path: Path, data: dict | None) -> int:
    """The schema version of a database's data; StoreError for one this claims cannot open (none or
    an invalid one, a newer one, a table of the wrong shape)."""
    version = schema_version_of(data)
    if version < 0:
        why = schema_version_problem(data)  # type: ignore[arg-type]
        if why == AN_EXPORT:
            raise StoreError(f"database {path_shown(path)} is JSON but not a claims database ({why})", hint=export_hint(path, "json"))
        # One that records a version, though not a valid one, is a claims database edited by hand.
        hint = "Point --db at a claims database, or move this file away." if why.startswith("it has no") \
            else "It was left untouched; run `claims doctor` to see how to recover."
        raise StoreError(f"{path_shown(path)} is not a claims database ({why})", hint=hint)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"database {path_shown(path)} has schema version {version}; this claims knows up to {SCHEMA_VERSION}",
            hint="Upgrade claims to use it; the file was left untouched.")
    if data:
        for name in (CLAIMS, SOURCES, META):
            table = data.get(name, {})
            if isinstance(table, ClaimLines):
                continue  # each claim is checked as it is parsed
            # A hand edit can leave a table or a record of the wrong shape; TinyDB would crash on it.
            if not isinstance(table, dict) or not all(type(doc) is dict for doc in table.values()):
                raise StoreError(f"database {path_shown(path)} is damaged: the {name} table is not a set of records",
                                 hint="It was left untouched; run `claims doctor` to see how to recover.")
    return version


def relayout(path: str | Path) -> tuple[int, str | None]:
    """Write a database laid out otherwise by hand (valid JSON, not one claim a line) again in the
    store's layout, through the store's own write (NAME.bak keeps it as it was); returns its number
    of claims, and why NAME.bak could not be kept (None: it was). Refuses (StoreError) a file the
    commands read as it is, or one that cannot be rewritten without a loss: not JSON, not a claims
    database, from a newer claims, a key written twice."""
    path = Path(path)
    counted: list[int] = []

    def check(raw: bytes, data: dict) -> None:
        from .health import duplicate_keys

        if checked_version(path, data) == 0:
            raise StoreError(f"{path_shown(path)} holds no claims database yet: there is nothing to rewrite")
        if layout_problem(raw) is None:  # (laid out so, or with no line layout at all: parsed whole)
            backup = database_files(path)[1]
            kept = f", and the rewrite would put it in place of {path_shown(backup.name)}" if backup.exists() else ""
            raise StoreError(f"not rewriting {path_shown(path.name)}: the commands read it as it is (one claim a line, or "
                             f"parsed whole){kept}", hint=_DOCTOR_SAYS)
        twice = duplicate_keys(plain_utf8(raw), parsed=data)
        if twice:
            raise StoreError(f"not rewriting {path_shown(path.name)}: the key {shown(twice[0])} is written twice in one object, "
                             "and only its last copy would be kept",
                             hint="Repair it by hand (keep the copy you want), then run `claims doctor` again.")
        counted.append(len(data.get(CLAIMS) or {}))

    storage = AtomicJSONStorage(path)
    storage.relayout(check)
    return counted[0], storage.backup_missed


_DOCTOR_SAYS = "`claims doctor` shows the database's state and what, if anything, to do."  # (a refusal's
# reason may be that it is healthy)


def restore_backup(path: str | Path):
    """Put NAME.bak back in place of a damaged database, keeping the damaged file aside.

    Refuses (StoreError) unless the database is damaged, not from a newer claims, and the backup is
    healthy, all checked again under the writers' lock. Returns (where the damaged file was kept,
    or None if there was none; doctor's report on the two files just before the restore).
    """
    path = Path(path)
    checked: list = []

    def check() -> None:
        report = examine(path, check_lock=False)  # (whether a writer holds the lock does not matter)
        refusal = report.refuse_restore()
        if refusal:
            raise StoreError(f"not restoring {path_shown(path.name + '.bak')}: {refusal}",
                             hint=report.restore_refused_hint() or _DOCTOR_SAYS)
        checked.append(report)

    check()  # a plain refusal takes no lock (its file would stay beside no database); then again, locked
    checked.clear()
    aside = AtomicJSONStorage(path).restore_backup(check)
    return aside, checked[0]
