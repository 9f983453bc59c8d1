def test_version(cli):
    result = cli("--version", ok=True)
    assert result.stdout.startswith("claims ")


def test_add_then_show(cli):
    claim_id = cli("add", "Russian forces took Kucherivka", "--source", "russian mod",
                   "--on", "2025-12-07", "--place", "Kucherivka", ok=True).stdout.strip()
    assert claim_id == "C-0001"
    shown = cli("show", claim_id, "--format", "json", ok=True).json()
    assert shown["source"] == "Russian MoD"
    assert shown["status"] == "unverified"
