"""The database file's one-claim-per-line layout (storage.ClaimLines) and the store's lazy selection.

What must hold: the file is ordinary TinyDB JSON whatever we do to it; a one-claim change copies
every other line untouched; a file without the layout (TinyDB's own, an older claims) reads the
same and is rewritten in lines at its next write; a damaged line is named, and no write goes over
it; the lazy mapping behaves exactly like the dict a JSON parser would give.
"""

from __future__ import annotations

import json

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tinydb import TinyDB

from claims_cli import ledger
from claims_cli.errors import StoreError
from claims_cli.filters import ClaimFilter, select_page, store_query
from claims_cli.models import DEFAULT_CATEGORIES, DEFAULT_SOURCES, SourceRegistry
from claims_cli.storage import ClaimLines, decode_database, encode_database
from claims_cli.store import ClaimStore

REGISTRY = SourceRegistry(DEFAULT_SOURCES)


def record(number: int) -> dict:
    return ledger.new_claim_record(
        {"text": f"Russian forces took village {number}\nsecond line", "source": "Russian MoD",
         "claimed_on": f"2025-{1 + number * 7 % 12:02d}-{1 + number * 13 % 28:02d}",
         "place": f"Село {number}"}, REGISTRY, DEFAULT_CATEGORIES, "tester")


def seed(db, count: int) -> ClaimStore:
    store = ClaimStore(db)
    with store.transaction():
        store.add_claims([record(n) for n in range(1, count + 1)])
    return store


def lines(db) -> list[bytes]:
    return db.read_bytes().split(b"\n")


# ----------------------------------------------------------------------------------- the file

def test_the_file_has_one_claim_a_line_and_stays_tinydb_json(db):
    seed(db, 3)
    raw = db.read_bytes()
    head, *claim_lines, closing, end = raw.split(b"\n")
    assert head.startswith(b'{"meta":') and head.endswith(b'"claims":{')
    assert [line[:5] for line in claim_lines] == [b'"1":{', b'"2":{', b'"3":{']
    assert claim_lines[0].endswith(b"},") and claim_lines[-1].endswith(b"}")
    assert (closing, end) == (b"}}", b"")
    parsed = json.loads(raw)
    assert parsed["claims"]["2"]["text"] == "Russian forces took village 2\nsecond line"  # escaped, not a line
    plain = TinyDB(db)  # TinyDB's own JSONStorage reads it
    try:
        assert plain.table("claims").get(doc_id=3)["place"] == "Село 3"
    finally:
        plain.close()


def test_an_empty_claims_table_is_a_valid_file(cli, db):
    cli("init", ok=True)
    raw = db.read_bytes()
    assert raw.endswith(b'"claims":{\n\n}}\n')
    assert json.loads(raw)["claims"] == {}
    assert ClaimStore(db).count() == 0
    cli("add", "First claim", "--source", "ISW", "--on", "2025-12-07", ok=True)
    assert list(json.loads(db.read_bytes())["claims"]) == ["1"]


def test_a_one_claim_change_copies_every_other_line(cli, db):
    seed(db, 5)
    before = lines(db)
    cli("confirm", "C-0003", "--by", "ISW", ok=True)
    after = lines(db)
    assert len(after) == len(before)
    changed = [index for index, (old, new) in enumerate(zip(before, after)) if old != new]
    assert changed == [3]  # claim 3's line; nothing else changed or moved
    assert json.loads(after[3].rstrip(b",").split(b":", 1)[1])["status"] == "confirmed"


def test_a_file_without_the_layout_reads_the_same_and_is_rewritten_in_lines(cli, db):
    seed(db, 4)
    data = json.loads(db.read_bytes())
    listed = cli("list", "--format", "json", ok=True).stdout
    exported = cli("export", "--format", "csv", ok=True).stdout
    db.write_bytes(orjson.dumps(data))  # one line, as TinyDB or an older claims wrote it
    assert cli("list", "--format", "json", ok=True).stdout == listed
    assert cli("export", "--format", "csv", ok=True).stdout == exported
    cli("edit", "C-0002", "--place", "Siversk", ok=True)
    raw = db.read_bytes()
    assert raw.count(b"\n") == 6 and raw.split(b"\n")[2].startswith(b'"2":{')
    assert json.loads(raw)["claims"]["2"]["place"] == "Siversk"


def test_a_damaged_line_is_named_and_no_write_goes_over_it(cli, db):
    seed(db, 3)
    cli("add", "One more", "--source", "ISW", "--on", "2025-12-07", ok=True)  # NAME.bak is healthy
    spoilt = lines(db)
    spoilt[2] = spoilt[2].replace(b'"status":', b'"status" ', 1)  # claim 2's line, no longer JSON
    broken = b"\n".join(spoilt)
    db.write_bytes(broken)
    backup = db.with_name(db.name + ".bak").read_bytes()
    result = cli("show", "C-0002", ok=False)
    assert result.exit_code == 1
    assert "is damaged: line 3 holds a claim record that is not valid JSON" in result.stderr
    assert "claims doctor" in result.stderr and "Traceback" not in result.stderr
    assert cli("show", "C-0001", "--format", "json", ok=True).json()["id"] == "C-0001"
    for args in (["confirm", "C-0001", "--by", "ISW"], ["edit", "C-0003", "--place", "X"],
                 ["list"], ["list", "--limit", "1"], ["list", "--sort", "id", "--limit", "1"],
                 ["export", "--format", "csv"], ["add", "New", "--source", "ISW", "--on", "2025-12-07"]):
        result = cli(*args, ok=False)
        assert result.exit_code == 1 and "line 3" in result.stderr, args
        assert db.read_bytes() == broken, args
        assert db.with_name(db.name + ".bak").read_bytes() == backup, args
    assert cli("doctor", ok=False).exit_code == 1


@pytest.mark.parametrize("spoil", [
    lambda ls: [*ls[:2], ls[2].rstrip(b","), *ls[3:]],  # a comma missing between two claims
    lambda ls: [*ls[:3], ls[3] + b",", *ls[4:]],  # a comma after the last claim
])
def test_a_line_layout_that_is_not_json_is_refused_by_writes(cli, db, spoil):
    seed(db, 3)
    before = lines(db)
    broken = b"\n".join(spoil(before))
    with pytest.raises(ValueError):
        json.loads(broken)
    db.write_bytes(broken)
    result = cli("confirm", "C-0001", "--by", "ISW", ok=False)
    assert result.exit_code == 1 and "is damaged" in result.stderr
    assert db.read_bytes() == broken


def test_a_live_claim_whose_deleted_at_is_not_last_is_still_read(cli, db):
    # The ID-order export tells a live claim from the end of its line; a hand-written line in
    # another key order must be parsed instead, never guessed.
    seed(db, 3)
    cli("delete", "C-0002", "--yes", ok=True)
    data = json.loads(db.read_bytes())
    for key, claim in data["claims"].items():
        data["claims"][key] = {"deleted_at": claim.pop("deleted_at"), **claim}
    db.write_bytes(b"".join(encode_database(data)))
    assert [claim["id"] for claim in cli("export", "--format", "json", ok=True).json()["claims"]] == \
        ["C-0001", "C-0003"]


# --------------------------------------------------------------------- the mapping, as a dict

DOCS = st.dictionaries(st.sampled_from(["id", "text", "n", "deleted_at"]),
                       st.one_of(st.none(), st.integers(-2 ** 53, 2 ** 53), st.text(max_size=8)), max_size=4)
KEYS = st.integers(min_value=1, max_value=30).map(str)
OPERATIONS = st.lists(st.one_of(
    st.tuples(st.just("set"), KEYS, DOCS), st.tuples(st.just("del"), KEYS, st.none()),
    st.tuples(st.just("get"), KEYS, st.none()),
    st.tuples(st.just("put_all"), st.none(), st.dictionaries(KEYS, DOCS, max_size=4))), max_size=40)


def apply_to_both(operations: list, model: dict, table: ClaimLines) -> None:
    """Each of OPERATIONS to the dict and to the table, checking that they agree as it goes."""
    for operation, key, doc in operations:
        if operation == "set":
            model[key] = doc
            table[key] = doc
        elif operation == "put_all":
            model.update(doc)
            table.put_all(doc)
        elif operation == "del":
            assert (key in model) == (key in table)
            if key in model:
                del model[key]
                del table[key]
            else:
                with pytest.raises(KeyError):
                    del table[key]
        else:
            assert table.get(key) == model.get(key)


def lazy(table: dict) -> ClaimLines:
    raw = b"".join(encode_database({"meta": {"1": {"m": 1}}, "claims": table}))
    tables = decode_database(raw, "test.json")
    assert tables is not None and tables["meta"] == {"1": {"m": 1}}
    return tables["claims"]


@settings(max_examples=200, deadline=None)
@given(start=st.dictionaries(KEYS, DOCS, max_size=12), operations=OPERATIONS, index=st.booleans())
def test_claim_lines_behave_like_the_dict_a_parser_gives(start, operations, index):
    model = dict(start)
    table = lazy(start)
    if index:
        table._lookups = 10 ** 6  # the next lookup indexes the file instead of searching it
    else:
        table._searched = -(10 ** 12)  # (it searches the bytes at every lookup: no index is built)
    apply_to_both(operations, model, table)
    assert len(table) == len(model)
    assert bool(table) == bool(model)
    assert sorted(table) == sorted(model)
    assert table.key_set() == set(model)
    assert dict(table.items()) == model
    assert sorted(map(orjson.dumps, table.values())) == sorted(map(orjson.dumps, model.values()))
    written = b"".join(encode_database({"claims": table}))
    assert json.loads(written)["claims"] == model
    assert dict(lazy(json.loads(written)["claims"]).items()) == model


def test_the_last_of_two_equal_keys_wins_as_in_json(tmp_path):
    raw = b'{"claims":{\n"1":{"n":1},\n"2":{"n":2},\n"1":{"n":3}\n}}\n'
    table = decode_database(raw, "test.json")["claims"]
    assert table["1"] == json.loads(raw)["claims"]["1"] == {"n": 3}
    table._lookups = 10 ** 6
    assert table["1"] == {"n": 3}


def test_the_oldest_claims_looked_up_are_searched_for_about_one_files_length_then_indexed():
    """(import memory hunt, issue 6) Each of the first 16 lookups of a claim searched the file's
    bytes from its end: 0.16 s apiece at 100,000 claims for the oldest ones, 2.7 s of a 1,000-record
    JSON Lines import whose records keep their IDs. The searching is now stopped once it has covered
    the file's length one and a half times, and the file indexed (one pass); the newest claims,
    near the end, are still searched for, a few at a time, with no index built. A claim looked up
    again at once (to read it, then to write it) is not searched for again."""
    claims = {str(number): {"n": number} for number in range(1, 201)}
    table = lazy(claims)
    assert table["1"] == {"n": 1} and table["1"] == {"n": 1}  # (searched from the end: the whole file, once)
    assert table._searched == table._end - table._start
    assert table["2"] == {"n": 2} and table._index is None
    assert table["3"] == {"n": 3} and table._index is not None
    assert [table[str(number)] for number in range(4, 201)] == list(claims.values())[3:]
    table = lazy(claims)
    assert [table[str(number)] for number in range(200, 190, -1)] == [{"n": n} for n in range(200, 190, -1)]
    assert table._index is None
    table = lazy(claims)
    assert table.get("999") is None and table.get("998") is None and table._index is None  # (a miss reads it all)
    assert table.get("997") is None and table._index is not None


@settings(max_examples=100, deadline=None)
@given(start=st.dictionaries(KEYS, DOCS, max_size=12), operations=OPERATIONS)
def test_a_pass_of_indexing_items_indexes_the_table_as_indexing_it_would(start, operations):
    """store.change_claims reads every claim by indexing_items, which keeps the keys it reads as
    the table's index (issue 6: a rename at 100,000 claims then looks each changed claim up without
    reading every line's key again): the same claims as items(), the same index as _indexed, and
    the table changed after it behaves as the dict does."""
    table = lazy(start)
    assert list(table.indexing_items()) == list(start.items())
    assert table._index is not None and table._index == lazy(start)._indexed()
    assert table._keys_checked and table.validated
    model = dict(start)
    apply_to_both(operations, model, table)
    assert list(table.indexing_items()) == list(table.items())  # (changed: the plain pass)
    assert dict(table.items()) == model
    assert json.loads(b"".join(encode_database({"claims": table})))["claims"] == model


def test_indexing_items_keeps_no_index_from_a_pass_not_finished():
    table = lazy({str(number): {"n": number} for number in range(1, 6)})
    passing = table.indexing_items()
    assert next(passing) == ("1", {"n": 1})
    passing.close()  # (a caller done early)
    assert table._index is None and not table.validated
    damaged = decode_database(b'{"claims":{\n"1":{"n":1},\n"2":{"n":\n}}\n', "test.json")["claims"]
    with pytest.raises(StoreError, match="line 3 holds a claim record that is not valid JSON"):
        list(damaged.indexing_items())
    assert damaged._index is None and not damaged.validated


def test_a_key_given_twice_is_indexed_last_and_still_refused_by_a_write():
    """The index a pass keeps has the last of two equal keys, as _indexed and a JSON parser do; it
    does not say the keys were checked, so the write's validate still names the repeated line."""
    raw = b'{"claims":{\n"1":{"n":1},\n"2":{"n":2},\n"1":{"n":3}\n}}\n'
    table = decode_database(raw, "test.json")["claims"]
    assert [key for key, _ in table.indexing_items()] == ["1", "2", "1"]
    assert table._index == decode_database(raw, "test.json")["claims"]._indexed()
    assert table["1"] == {"n": 3} and not table._keys_checked
    table.put_all({"2": {"n": 4}})
    with pytest.raises(StoreError, match="line 4 holds the claim record \"1\" .* again"):
        b"".join(encode_database({"claims": table}))


def test_change_claims_writes_what_changing_each_claim_gives(db, monkeypatch):
    """A change to many claims (a rename's) read by indexing_items: the lines are gone over once
    (no second pass to index them), each changed claim written on its own line, every other line
    as it was."""
    seed(db, 30)
    store = ClaimStore(db)  # (reading the file as a command does)
    before = db.read_bytes().split(b"\n")
    passes = []
    lines = ClaimLines._lines

    def counted(table):
        passes.append(table)
        return lines(table)

    monkeypatch.setattr(ClaimLines, "_lines", counted)

    def change(stored: dict) -> dict | None:
        if int(stored["id"][2:]) % 3:
            return None
        return {**stored, "place": stored["place"] + " (renamed)"}

    with store.transaction():
        changed = store.change_claims(change)
        assert store._raw("claims")._index is not None
    assert len(passes) == 1  # (the write's validate and segments go over none: read, and indexed, already)
    assert len(changed) == 10
    after = db.read_bytes().split(b"\n")
    assert len(after) == len(before)
    for old_line, new_line in zip(before[1:-2], after[1:-2]):
        key, value = old_line.rstrip(b",").split(b":", 1)
        claim = orjson.loads(value)
        expected = change(claim)
        assert orjson.loads(new_line.rstrip(b",").split(b":", 1)[1]) == (claim if expected is None else expected)
        if expected is None:
            assert new_line == old_line


@pytest.mark.parametrize("raw", [
    b'{"claims":{"1":{}}}',  # one line: TinyDB's own layout
    b'{\n  "claims": {\n    "1": {}\n  }\n}\n',  # pretty-printed
    b'{"meta":{},"claims":{\n"1":{}\n}}trailing',
    b'{"meta":{,"claims":{\n"1":{}\n}}\n',  # the first line is not the start of a JSON object
])
def test_other_layouts_are_parsed_whole(raw):
    assert decode_database(raw, "test.json") is None


def test_a_line_that_is_not_an_object_is_damage():
    table = decode_database(b'{"claims":{\n"1":[1,2]\n}}\n', "test.json")["claims"]
    with pytest.raises(StoreError, match="line 2 holds a claim record that is not a JSON object"):
        list(table.values())


# ------------------------------------------------------------------- the store's lazy selection

@pytest.mark.parametrize("sort", ["id", "-id", "claimed", "-claimed", None, "-updated", "updated", "created",
                                  "-created", "source", "place", "-status"])
@pytest.mark.parametrize("statuses", [[], ["unverified"]])
def test_store_select_gives_what_sorting_every_claim_gives(db, sort, statuses):
    store = seed(db, 12)
    ledger.delete_claim(store, "C-0005", "tester")
    ledger.add_claim(store, {"text": "Out of order", "source": "ISW", "claimed_on": "2025-06-01"}, "tester")
    fresh = ClaimStore(db)
    filt = ClaimFilter(statuses=statuses)
    expected, _ = select_page(fresh.claims(), filt, REGISTRY, sort=sort)
    match, order, descending = store_query(filt, REGISTRY, sort)
    chosen = fresh.select(match, order, descending=descending)
    assert len(chosen) == len(expected) == 12
    assert list(chosen) == expected
    assert list(chosen) == expected  # read twice: parsed again, the same
    assert chosen[3] == expected[3] and chosen[-2:] == expected[-2:]
    assert "C-0005" not in [claim["id"] for claim in chosen]


def test_the_whole_table_by_id_is_right_for_lines_out_of_order_and_odd_deletions(db):
    """`select(None, BY_ID)` reads the lines in one loop (ClaimLines.live_spans_by_number): lines
    a hand edit put out of ID order are still given in ID order (ascending and descending), and a
    deleted claim whose `deleted_at` is not its last member is still left out."""
    from claims_cli.store import BY_ID

    store = seed(db, 12)
    ledger.delete_claim(store, "C-0005", "tester")
    head, *rest = db.read_bytes().split(b"\n")
    claim_lines = [line for line in rest if line.startswith(b'"')]
    tail = b"\n".join(line for line in rest if not line.startswith(b'"'))
    records = [orjson.loads(line.rstrip(b",").split(b":", 1)[1]) for line in claim_lines]
    records[6]["deleted_at"] = "2025-12-01T00:00:00Z"  # C-0007 deleted, the member moved first
    records[6] = {"deleted_at": records[6].pop("deleted_at"), **records[6]}
    shuffled = [records[i] for i in (3, 0, 11, 7, 1, 10, 2, 9, 4, 8, 6, 5)]
    body = b",\n".join(b'"%d":%s' % (int(r["id"][2:]), orjson.dumps(r)) for r in shuffled)
    db.write_bytes(head + b"\n" + body + b"\n" + tail)
    fresh = ClaimStore(db)
    expected = [f"C-{n:04d}" for n in range(1, 13) if n not in (5, 7)]
    assert [claim["id"] for claim in fresh.select(None, BY_ID)] == expected
    assert [claim["id"] for claim in fresh.select(None, BY_ID, descending=True)] == expected[::-1]
    assert [claim["id"] for claim in fresh.claims()] != expected  # (the file's order is not ID order)


def lines_of(*claims: bytes) -> ClaimLines:
    """A ClaimLines over a file holding these claims' JSON, one a line, as the store writes it."""
    body = b",\n".join(b'"%d":%s' % (number, claim) for number, claim in enumerate(claims, start=1))
    found = ClaimLines.from_bytes(b'{"meta":{},"claims":{\n' + body + b"\n}}\n")
    assert found is not None
    return found[1]


def claimed_on_read(claim: bytes) -> str | None:
    lines = lines_of(claim)
    (_, span), = lines.spans()
    assert lines.parse_span(span) == orjson.loads(claim)  # (the line is what it should be)
    return lines.claimed_on(span)


def test_a_claims_date_is_read_from_its_line_only_when_that_is_sure():
    """ClaimLines.claimed_on: the date a parse would give, or None (parse to know)."""
    stored = orjson.dumps(record(3) | {"id": "C-0003"})
    assert claimed_on_read(stored) == orjson.loads(stored)["claimed_on"]
    head = b'{"id":"C-0001","text":"t","source":"ISW","outlet":null,'
    tail = b',"deleted_at":null}'
    assert claimed_on_read(head + b'"claimed_on":"2025-12-07"' + tail) == "2025-12-07"
    # quotes, brackets-free escapes and the key's name inside the text: still sure
    assert claimed_on_read(b'{"id":"C-1","text":"\\"claimed_on\\":\\"1999-01-01\\" \\\\","claimed_on":"2025-12-07"'
                           + tail) == "2025-12-07"
    assert claimed_on_read(b'{"claimed_on":"2025-12-07","id":"C-1"' + tail) == "2025-12-07"
    unsure = {
        "repeated later (JSON keeps the last)": head + b'"claimed_on":"2025-12-07","claimed_on":"2024-01-01"' + tail,
        "repeated in a nested object": head + b'"claimed_on":"2025-12-07","history":[{"claimed_on":"x"}]' + tail,
        "a list before it": b'{"id":"C-1","tags":["a"],"claimed_on":"2025-12-07"' + tail,
        "only in a nested object (the claim has none)":
            b'{"id":"C-1","history":[{"a":1,"claimed_on":"2025-12-07"}]' + tail,
        "nested only, the claim's own spelt with an escape":
            b'{"id":"C-1","h":[{"a":1,"claimed_on":"2024-01-01"}],"claimed\\u005fon":"2025-12-07"' + tail,
        "an escape in the line": head + b'"note":"\\u00e9","claimed_on":"2025-12-07"' + tail,
        "space before the colon": head + b'"claimed_on" :"2025-12-07"' + tail,
        "not ten characters": head + b'"claimed_on":"2025-1-7"' + tail,
        "not a string": head + b'"claimed_on":null' + tail,
        "an escaped quote in the value": head + b'"claimed_on":"2025-12-\\""' + tail,
        "not ASCII": head + '"claimed_on":"2025-12-0ä"'.encode() + tail,
    }
    for why, claim in unsure.items():
        assert claimed_on_read(claim) is None, why


_ESCAPED_KEY = "claimed_on, spelt with an escape"
_KEYS = st.sampled_from(["id", "claimed_on", "text", "history", "x", "claimed_o", "laimed_on", _ESCAPED_KEY])
_TEXT = st.lists(st.sampled_from(list('ab"\\{}[],:é\n') + ["claimed_on", "2025-12-07", "\\u0063", '"claimed_on":']),
                 max_size=8).map("".join)
_NESTED_DATE = st.just({"_members": [("claimed_on", "2025-12-07")]})  # a nested object with a date
_VALUES = st.recursive(st.none() | st.integers(0, 9) | _TEXT | st.just("2025-12-07") | _NESTED_DATE,
                       lambda inner: st.lists(inner, max_size=3) | st.lists(st.tuples(_KEYS, inner), max_size=3)
                       .map(lambda members: {"_members": members}), max_leaves=8)


def _json(value, ascii_only: bool) -> str:
    """JSON text for `value`, where {"_members": [(key, value)...]} is an object whose members
    may repeat a key (which json.dumps cannot write)."""
    if isinstance(value, dict):
        return "{" + ",".join(('"claimed\\u005fon"' if key == _ESCAPED_KEY else json.dumps(key, ensure_ascii=ascii_only))
                              + ":" + _json(item, ascii_only) for key, item in value["_members"]) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_json(item, ascii_only) for item in value) + "]"
    return json.dumps(value, ensure_ascii=ascii_only)


@settings(max_examples=500, deadline=None)
@given(before=st.lists(st.tuples(_KEYS, st.none() | _TEXT | _VALUES), max_size=3),
       after=st.lists(st.tuples(_KEYS, _VALUES), max_size=4), with_id=st.booleans(), ascii_only=st.booleans(),
       day=st.sampled_from(["2025-12-07", "1999-01-01", "2025-1-7", None]))
def test_a_date_read_from_a_line_is_always_what_parsing_it_gives(before, after, with_id, ascii_only, day):
    """Members before and after the date (the store writes scalars before it, lists and objects
    after), any of them repeating its key, or spelling it with an escape, or nesting it; or no
    date of the claim's own (day None), when nothing may be read."""
    members = [("id", "C-0001")] * with_id + before + [("claimed_on", day)] * (day is not None) + after
    claim = _json({"_members": members}, ascii_only).encode()
    read = claimed_on_read(claim)
    assert read is None or read == orjson.loads(claim).get("claimed_on")
    if "claimed_on" not in orjson.loads(claim):
        assert read is None


@pytest.mark.parametrize("descending", [False, True])
def test_the_whole_table_by_date_is_right_for_ties_lines_out_of_order_and_odd_lines(db, descending):
    """`select(None, BY_CLAIMED)` (the listings' default order) reads most dates from the lines
    (ClaimLines.live_spans_by): claims of one day come in ID order (reversed when
    descending) whatever the lines' order; a line whose date cannot be read so (an escape in it),
    and a deleted claim whose `deleted_at` is not its last member, are parsed."""
    from claims_cli.store import BY_CLAIMED

    store = seed(db, 12)
    head, *rest = db.read_bytes().split(b"\n")
    claim_lines = [line for line in rest if line.startswith(b'"')]
    tail = b"\n".join(line for line in rest if not line.startswith(b'"'))
    records = [orjson.loads(line.rstrip(b",").split(b":", 1)[1]) for line in claim_lines]
    for index in (1, 4, 8, 10):
        records[index]["claimed_on"] = "2025-03-03"  # four claims of one day
    records[2]["claimed_on"] = "2025-03-03"
    records[2]["deleted_at"] = "2025-12-01T00:00:00Z"  # C-0003 deleted, the member moved first
    records[2] = {"deleted_at": records[2].pop("deleted_at"), **records[2]}
    lines = {int(r["id"][2:]): b'"%d":%s' % (int(r["id"][2:]), orjson.dumps(r)) for r in records}
    lines[9] = lines[9].replace(b'"text":"', b'"text":"\\u0041 ')  # C-0009: its date is parsed
    shuffled = [lines[n] for n in (4, 1, 12, 8, 2, 11, 3, 10, 5, 9, 7, 6)]
    db.write_bytes(head + b"\n" + b",\n".join(shuffled) + b"\n" + tail)
    fresh = ClaimStore(db)
    live = [claim for claim in fresh.claims()]
    assert len(live) == 11 and any(claim["text"].startswith("A ") for claim in live)
    expected = [claim["id"] for claim in sorted(live, key=lambda c: (c["claimed_on"], int(c["id"][2:])),
                                                reverse=descending)]
    got = [claim["id"] for claim in fresh.select(None, BY_CLAIMED, descending=descending)]
    assert got == expected
    assert got.index("C-0002") < got.index("C-0005") if not descending else got.index("C-0011") < got.index("C-0009")


@pytest.mark.parametrize("layout", ["lines", "one line"])
def test_listing_by_date_copes_with_an_odd_id_or_key(cli, db, layout):
    """A hand edit that gives a claim an ID, or a key in the file, that is no claim number: the
    listings sorted by date (the default) still list every claim, by date then ID, as before
    (`claims doctor` is what names the odd record)."""
    seed(db, 3)
    data = json.loads(db.read_bytes())
    claims = data["claims"]
    claims["2"]["id"] = "C-3a"
    claims["x3"] = claims.pop("3")
    for claim in claims.values():
        claim["claimed_on"] = "2025-12-01"  # one day: the IDs decide
    if layout == "lines":
        body = b",\n".join(b'"%s":%s' % (key.encode(), orjson.dumps(claim)) for key, claim in claims.items())
        head = orjson.dumps({name: table for name, table in data.items() if name != "claims"})[:-1]
        db.write_bytes(head + b',"claims":{\n' + body + b"\n}}\n")
    else:
        db.write_bytes(orjson.dumps(data))
    for args in (["list", "--format", "json"], ["list", "--format", "json", "--sort", "claimed"],
                 ["export", "--format", "json", "--sort", "-claimed"], ["list"],
                 ["list", "--format", "csv", "--sort", "-updated"], ["export", "--format", "csv", "--sort", "created"]):
        result = cli(*args, ok=True)
        assert result.exit_code == 0, (args, result.stderr)
    listed = [claim["id"] for claim in cli("list", "--format", "json", "--sort", "claimed", ok=True).json()]
    assert sorted(listed) == ["C-0001", "C-0003", "C-3a"]



def stamps_read(claim: bytes) -> tuple[str, str] | None:
    lines = lines_of(claim)
    (_, span), = lines.spans()
    return lines.stamps(span)


def test_a_claims_stamps_are_read_from_its_lines_end_only_when_that_is_sure():
    """ClaimLines.stamps: (created_at, updated_at) as a parse gives them, or None."""
    stored = orjson.dumps({"id": "C-0003", **record(3), "updated_at": "2025-12-02T10:00:00Z"})
    parsed = orjson.loads(stored)
    assert stamps_read(stored) == (parsed["created_at"], "2025-12-02T10:00:00Z")
    head = b'{"id":"C-1","history":[{"created_at":"x","updated_at":"y"}]'
    assert stamps_read(head + b',"created_at":"A","updated_at":"B","deleted_at":null}') == ("A", "B")
    assert stamps_read(head + b',"created_at":"","updated_at":"","deleted_at":null}') == ("", "")
    unsure = {
        "deleted": head + b',"created_at":"A","updated_at":"B","deleted_at":"2025-12-01T00:00:00Z"}',
        "no update": head + b',"created_at":"A","updated_at":null,"deleted_at":null}',
        "other order": head + b',"updated_at":"B","created_at":"A","deleted_at":null}',
        "an escaped quote": head + b',"created_at":"A","updated_at":"B\\"","deleted_at":null}',
        "an escape": head + b',"created_at":"A\\u0041","updated_at":"B","deleted_at":null}',
        "no creation": head + b',"updated_at":"B","deleted_at":null}',
        "another key of that length": head + b',"created_at":"A","updated_on":"B","deleted_at":null}',
        "not ASCII": head + ',"created_at":"A","updated_at":"Bé","deleted_at":null}'.encode(),
    }
    for why, claim in unsure.items():
        assert stamps_read(claim) is None, why


_STAMP = st.sampled_from(["2025-12-01T10:00:00Z", "", "B\\", 'a"b', "é", None, "x,\"updated_at\":\"y"])


@settings(max_examples=400, deadline=None)
@given(members=st.lists(st.tuples(st.sampled_from(["id", "created_at", "updated_at", "x"]), _VALUES), max_size=4),
       created=_STAMP, updated=_STAMP, tail_order=st.permutations(["created_at", "updated_at", "deleted_at"]),
       deleted=st.sampled_from([None, "2025-12-01T00:00:00Z"]), ascii_only=st.booleans())
def test_stamps_read_from_a_line_are_always_what_parsing_it_gives(members, created, updated, tail_order, deleted,
                                                                  ascii_only):
    tail = {"created_at": created, "updated_at": updated, "deleted_at": deleted}
    claim = _json({"_members": [*members, *((name, tail[name]) for name in tail_order)]}, ascii_only).encode()
    read = stamps_read(claim)
    parsed = orjson.loads(claim)
    assert read is None or read == (parsed.get("created_at"), parsed.get("updated_at"))



def test_a_stamp_that_is_no_text_sorts_as_before(db):
    """Hand-edited stamps that are objects: sorted as filters.SORT_KEYS sorts them (equal ones by
    ID), not compared with each other."""
    from claims_cli.store import BY_UPDATED

    seed(db, 3)
    data = json.loads(db.read_bytes())
    for claim in data["claims"].values():
        claim["updated_at"] = {"a": 1}
    body = b",\n".join(b'"%s":%s' % (key.encode(), orjson.dumps(claim)) for key, claim in data["claims"].items())
    head = orjson.dumps({name: table for name, table in data.items() if name != "claims"})[:-1]
    db.write_bytes(head + b',"claims":{\n' + body + b"\n}}\n")
    assert [claim["id"] for claim in ClaimStore(db).select(None, BY_UPDATED, descending=True)] == \
        ["C-0003", "C-0002", "C-0001"]
