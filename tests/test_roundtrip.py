"""Export -> import into an empty database -> export: the same claims, evidence, IDs and sources."""

import json

SEED = "seeds/article-2025-12-07.json"


def _export(cli, db):
    return cli("--db", db, "export", "--format", "json", ok=True).json()


def test_json_export_import_export_reproduces_everything(cli, tmp_path, monkeypatch):
    from tests.conftest import REPO

    first, second = tmp_path / "first.json", tmp_path / "second.json"
    cli("--db", first, "import", REPO / SEED, ok=True)
    # Give the data some life: a withdrawn item, an assessment, a deletion, a new source.
    cli("--db", first, "sources", "add", "Rybar", "--side", "russia", "--kind", "social", ok=True)
    claim_id = cli("--db", first, "add", "Рибар: ЗСУ відступили з Покровська", "--source", "Rybar",
                   "--on", "2025-12-06", "--place", "Покровськ", "--coords", "48.28,37.18", ok=True).stdout.strip()
    cli("--db", first, "confirm", claim_id, "--by", "DeepState", "--kind", "map", "--on", "2025-12-07", ok=True)
    cli("--db", first, "dispute", claim_id, "--by", "ISW", "--on", "2025-12-07", ok=True)
    cli("--db", first, "evidence", "remove", claim_id, "E2", "--reason", "misread", ok=True)
    cli("--db", first, "assess", "C-0003", "contested", "--note", "north still grey", ok=True)
    cli("--db", first, "delete", "C-0005", "--yes", ok=True)

    exported = _export(cli, first)
    dump = tmp_path / "export.json"
    dump.write_text(json.dumps(exported), encoding="utf-8")
    cli("--db", second, "import", dump, ok=True)
    again = _export(cli, second)

    assert [c["id"] for c in again["claims"]] == [c["id"] for c in exported["claims"]]
    assert "C-0005" not in {c["id"] for c in again["claims"]}
    assert {s["name"]: s for s in again["sources"]} == {s["name"]: s for s in exported["sources"]}
    for before, after in zip(exported["claims"], again["claims"]):
        for key in before:
            if key in ("history", "updated_at"):
                continue
            assert after[key] == before[key], (before["id"], key)
        # The history is kept whole; the import only appends its own entry.
        assert after["history"][: len(before["history"])] == before["history"]
        assert after["history"][-1]["action"] == "imported"

    # A second import of the same export adds nothing and changes nothing.
    raw = second.read_bytes()
    result = cli("--db", second, "import", dump, "--summary", "json", ok=True)
    assert result.json()["added"] == 0
    assert second.read_bytes() == raw


def test_jsonl_export_imports_into_an_empty_database(cli, tmp_path):
    from tests.conftest import REPO

    first, second = tmp_path / "first.json", tmp_path / "second.json"
    cli("--db", first, "import", REPO / SEED, ok=True)
    lines = tmp_path / "export.jsonl"
    lines.write_bytes(cli("--db", first, "export", "--format", "jsonl", ok=True).stdout.encode())
    cli("--db", second, "import", lines, ok=True)
    one, two = _export(cli, first), _export(cli, second)
    assert [(c["id"], c["text"], c["status"], c["evidence"]) for c in one["claims"]] == \
        [(c["id"], c["text"], c["status"], c["evidence"]) for c in two["claims"]]
    assert one["sources"] == two["sources"]


def test_a_deletion_reason_survives_a_json_export_and_import(cli, tmp_path):
    """The reason `delete --reason` gave is its history entry's detail: an export with its deleted
    claims carries it, and an import into an empty database keeps it."""
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    claim_id = cli("--db", first, "add", "Strike on a port", "--source", "ISW", "--on", "2025-11-20",
                   ok=True).stdout.strip()
    cli("--db", first, "delete", claim_id, "--yes", "--reason", "recorded twice", ok=True)
    dump = tmp_path / "export.json"
    dump.write_bytes(cli("--db", first, "export", "--format", "json", "--with-deleted", ok=True).stdout.encode())
    cli("--db", second, "import", dump, ok=True)
    history = cli("--db", second, "history", claim_id, "--format", "json", ok=True).json()
    assert [(entry["action"], entry["detail"]) for entry in history][:2] == [
        ("created", None), ("deleted", "recorded twice")]
